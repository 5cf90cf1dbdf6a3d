"""A new edition, added by a volunteer with ``alliantie-kb`` alone (issue 11, item 3).

The CLI runs in-process (``cli.main``) in a copy of ``docs/`` and ``conf.py``;
the site, ``controleer`` and the PDF are then built for real.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from test_book import pdftotext, require_latex

from alliantie_kb import cli

from conftest import ANSI_RE, REPO, ROOTS, fill_placeholders, site_build, sphinx_build


def forget_sphinx() -> None:
    """Undo what a Sphinx run in this process registered in docutils (as SphinxTestApp does),
    so that later tests' builds do not warn about nodes and directives registered twice."""
    from sphinx.testing import util

    util._clean_up_global_state()


def kb(monkeypatch, capsys, cwd: Path, *args: str) -> tuple[int, str, str]:
    """``alliantie-kb *args`` in ``cwd``, in this process: (exit status, stdout, stderr)."""
    monkeypatch.chdir(cwd)
    capsys.readouterr()
    try:
        code = cli.main(list(args))
    finally:
        forget_sphinx()
    out, err = capsys.readouterr()
    return code, out, err


def ok(monkeypatch, capsys, cwd: Path, *args: str) -> str:
    code, out, err = kb(monkeypatch, capsys, cwd, *args)
    assert code == 0, (args, out, err)
    if "nieuw" in args:
        fill_placeholders(cwd)  # the volunteer writes the description
    return out


def block(text: str, objtype: str, objid: str) -> str:
    m = re.search(rf"^```\{{{objtype}\}} {objid}\n.*?^```$", text, re.M | re.S)
    assert m, (objtype, objid)
    return m.group()


def test_a_whole_2013_edition_with_the_cli(monkeypatch, capsys, repo):
    docs = repo / "docs"
    out = ok(monkeypatch, capsys, repo, "nieuw", "editie", "2013")
    assert out.splitlines()[0] == (
        "Nieuwe editie 2013: docs/2013/index.md, docs/boeken/2013.md"  # the landing page finds it
    )
    # no --editie from here on: the newest edition, then the day's or the source's
    ok(monkeypatch, capsys, repo, "nieuw", "dag", "Zwolle")
    ok(monkeypatch, capsys, repo, "nieuw", "lezing", "Armoede in de stad", "--dag", "2013-zwolle")
    ok(monkeypatch, capsys, repo, "nieuw", "werkgroep", "Wonen", "--dag", "2013-zwolle")
    ok(monkeypatch, capsys, repo, "nieuw", "aanbeveling", "Bouw betaalbare woningen",
       "--van", "2013-wonen")  # fmt: skip
    ok(monkeypatch, capsys, repo, "nieuw", "spreker", "Jan Zwolsman")
    ok(monkeypatch, capsys, repo, "nieuw", "organisatie", "Voedselbank Zwolle")

    day_page = (docs / "2013" / "zwolle.md").read_text("utf-8")
    assert ":edition: 2013" in block(day_page, "event", "2013-zwolle")
    talk = block(day_page, "talk", "2013-armoede-in-de-stad")
    assert ":event: 2013-zwolle\n:edition: 2013\n" in talk
    assert ":event: 2013-zwolle\n:edition: 2013\n" in block(day_page, "workshop", "2013-wonen")
    rec = block(day_page, "recommendation", "2013-bouw-betaalbare-woningen")
    assert ":source: 2013-wonen\n:edition: 2013\n" in rec
    assert "2012" not in day_page
    # the volunteer names the speaker in the talk's options
    (docs / "2013" / "zwolle.md").write_text(
        day_page.replace(talk, talk.replace(":event:", ":speakers: jan-zwolsman\n:event:")),
        encoding="utf-8",
    )
    # the landing page finds editions itself (a :glob: toctree and {edities})
    assert (docs / "index.md").read_bytes() == (REPO / "docs" / "index.md").read_bytes()
    assert "jan-zwolsman" in (docs / "personen" / "index.md").read_text("utf-8")
    assert "/2013/index" in (docs / "boeken" / "2013.md").read_text("utf-8")
    assert (repo / "conf.py").read_bytes() == (REPO / "conf.py").read_bytes()

    code, out, err = kb(monkeypatch, capsys, repo, "controleer")
    assert (code, out.strip(), err) == (0, "Geen problemen gevonden.", "")

    built = sphinx_build(docs, repo / "_build/html", "-E", "-D", "kb_pagefind=0", conf=repo)
    assert built.returncode == 0, built.stderr
    assert built.stderr == ""
    index = (repo / "_build/html/2013/index.html").read_text("utf-8")
    assert "Alliantiedagen 2013" in index
    assert 'href="zwolle.html#dag-2013-zwolle"' in index  # the table of its days

    require_latex()
    # as `make pdf` runs it (a process of its own: this one has run Sphinx already)
    made = subprocess.run(
        [sys.executable, "-m", "alliantie_kb.book", "pdf"], cwd=repo, capture_output=True, text=True
    )
    assert made.returncode == 0, made.stdout + made.stderr
    pdfs = sorted((repo / "_build" / "pdf").glob("*.pdf"))
    assert [p.name for p in pdfs] == ["alliantiedagen-2012.pdf", "alliantiedagen-2013.pdf"]
    last = made.stdout.splitlines()[-1]
    assert last == f"PDF klaar: {Path('_build/pdf/alliantiedagen-2013.pdf')}"
    text = pdftotext(pdfs[1])
    assert "Alliantiedagen 2013" in pdftotext(pdfs[1], "-f", "1", "-l", "1")
    assert "Bijdragers aan de kennisbank Alliantiedagen" in text  # the organiser: author
    assert "Alliantiedag Zwolle" in text
    assert "Armoede in de stad" in text
    assert "Jan Zwolsman" in text


@pytest.mark.parametrize(
    ("kind", "objid", "anchor", "parent_label"),
    [
        ("talk", "2013-armoede", ("lezing", "Armoede", "--dag", "2013-zwolle"), "alliantiedag"),
        ("recommendation", "2013-bouw", ("aanbeveling", "Bouw", "--van", "2013-wonen"), "bron"),
    ],
)
def test_an_edition_that_disagrees_is_one_located_warning(
    monkeypatch, capsys, repo, kind, objid, anchor, parent_label
):
    ok(monkeypatch, capsys, repo, "nieuw", "dag", "Zwolle", "--editie", "2013")
    ok(monkeypatch, capsys, repo, "nieuw", "werkgroep", "Wonen", "--dag", "2013-zwolle")
    ok(monkeypatch, capsys, repo, "nieuw", *anchor)
    page = repo / "docs" / "2013" / "zwolle.md"
    text = page.read_text("utf-8")
    wrong = block(text, kind, objid).replace(":edition: 2013", ":edition: 2012")
    page.write_text(text.replace(block(text, kind, objid), wrong), encoding="utf-8")
    lines = page.read_text("utf-8").splitlines()
    edition_line = lines.index(":edition: 2012") + 1
    parent = anchor[3]
    expected = (
        f"docs/2013/zwolle.md:{edition_line}: {anchor[0]} {objid!r} heeft :edition: 2012, "
        f"maar de {parent_label} {parent!r} hoort bij editie 2013 "
        f"(schrijf :edition: 2013 of kies een andere {parent_label})"
    )
    for _run in ("fresh", "cached"):  # the cached check reads nothing, still reports it
        code, out, err = kb(monkeypatch, capsys, repo, "controleer")
        assert code == 1
        assert out.splitlines() == [expected]
        assert err.strip() == "1 probleem gevonden."


def test_the_normal_build_warns_too(monkeypatch, capsys, repo):
    ok(monkeypatch, capsys, repo, "nieuw", "dag", "Zwolle", "--editie", "2013")
    page = repo / "docs" / "2013" / "zwolle.md"
    page.write_text(
        page.read_text("utf-8") + "\n```{talk} 2012-oud\n:title: Oud\n:event: 2013-zwolle\n"
        ":edition: 2012\n```\n",
        encoding="utf-8",
    )
    built = site_build(repo, "-E", out="_build/html")
    assert built.returncode == 1
    stderr = ANSI_RE.sub("", built.stderr)  # sphinx-build colours its output in CI
    warnings = [line for line in stderr.splitlines() if "WARNING" in line]
    assert len(warnings) == 1, stderr
    assert warnings[0].endswith("hoort bij editie 2013; schrijf :edition: 2013 of kies een "
                                "andere alliantiedag [kb.edition]")  # fmt: skip
    assert "zwolle.md:" in warnings[0]


def test_without_editie_new_objects_go_to_the_newest_edition(monkeypatch, capsys, repo):
    ok(monkeypatch, capsys, repo, "nieuw", "dag", "Zwolle", "--editie", "2013")
    out = ok(monkeypatch, capsys, repo, "nieuw", "werkgroep", "Wonen")
    assert out.startswith("Nieuw: werkgroep '2013-wonen' in docs/2013/werkgroepen.md")
    text = (repo / "docs/2013/werkgroepen.md").read_text("utf-8")
    assert "```{workshop} 2013-wonen\n:title: Wonen\n:edition: 2013\n" in text
    assert "werkgroepen" in (repo / "docs/2013/index.md").read_text("utf-8")
    out = ok(monkeypatch, capsys, repo, "nieuw", "dag", "Tiel")
    assert out.startswith("Nieuw: dag '2013-tiel' in docs/2013/tiel.md")


def test_a_talk_on_a_2013_day_is_of_2013(monkeypatch, capsys, repo):
    ok(monkeypatch, capsys, repo, "nieuw", "dag", "Zwolle", "--editie", "2013")
    # an older edition written by hand elsewhere does not matter: the day decides
    out = ok(monkeypatch, capsys, repo, "nieuw", "lezing", "Over werk", "--dag", "2013-zwolle")
    assert out.startswith("Nieuw: lezing '2013-over-werk' in docs/2013/zwolle.md")
    assert ":event: 2013-zwolle\n:edition: 2013\n" in (repo / "docs/2013/zwolle.md").read_text()


def test_editie_that_contradicts_the_day_is_refused(monkeypatch, capsys, repo):
    ok(monkeypatch, capsys, repo, "nieuw", "dag", "Zwolle", "--editie", "2013")
    before = (repo / "docs/2013/zwolle.md").read_bytes()
    code, out, err = kb(monkeypatch, capsys, repo, "nieuw", "lezing", "Over werk",
                        "--dag", "2013-zwolle", "--editie", "2012")  # fmt: skip
    assert (code, out) == (1, "")
    assert err == (
        "Fout: --editie 2012 past niet bij --dag '2013-zwolle', die bij editie 2013 hoort; "
        "laat --editie weg of kies een dag van 2012\n"
    )
    assert (repo / "docs/2013/zwolle.md").read_bytes() == before
    code, out, err = kb(monkeypatch, capsys, repo, "nieuw", "aanbeveling", "X",
                        "--van", "2012-werkgroep-zorg", "--editie", "2013")  # fmt: skip
    assert code == 1 and "past niet bij --van '2012-werkgroep-zorg'" in err


def test_a_source_without_its_own_edition_takes_its_days(monkeypatch, capsys, repo):
    """A talk written by hand with a day but no :edition: is of its day's edition:
    a recommendation made there is of that edition too (the CLI follows the
    parent relations of the model, as the build does)."""
    ok(monkeypatch, capsys, repo, "nieuw", "dag", "Zwolle", "--editie", "2013")
    page = repo / "docs/2013/zwolle.md"
    talk = "\n```{lezing} zwolle-over-werk\n:titel: Over werk\n:dag: 2013-zwolle\n\nTekst.\n```\n"
    page.write_text(page.read_text("utf-8") + talk, "utf-8")
    code, out, err = kb(monkeypatch, capsys, repo, "nieuw", "aanbeveling", "Meer banen",
                        "--van", "zwolle-over-werk", "--editie", "2012")  # fmt: skip
    assert code == 1 and "past niet bij --van 'zwolle-over-werk'" in err, (out, err)
    out = ok(monkeypatch, capsys, repo, "nieuw", "aanbeveling", "Meer banen",
             "--van", "zwolle-over-werk")  # fmt: skip
    assert out.startswith("Nieuw: aanbeveling '2013-meer-banen'"), out


def test_new_edition_twice_and_with_bad_years(monkeypatch, capsys, repo):
    ok(monkeypatch, capsys, repo, "nieuw", "edition", "2014")
    ok(monkeypatch, capsys, repo, "nieuw", "editie", "2013")
    assert (repo / "docs/index.md").read_bytes() == (REPO / "docs" / "index.md").read_bytes()
    code, _out, err = kb(monkeypatch, capsys, repo, "nieuw", "editie", "2013")
    assert code == 1
    assert err.startswith("Fout: de editie 2013 bestaat al (docs/2013/index.md)")
    for bad in ("13", "../2013", "２０１３"):
        code, _out, err = kb(monkeypatch, capsys, repo, "nieuw", "editie", bad)
        assert code == 1 and "ongeldige editie" in err and err.count("\n") == 1
    code, _out, err = kb(monkeypatch, capsys, repo, "nieuw", "editie", "2015", "--dag", "x")
    assert code == 1 and "hoort niet bij een nieuwe editie" in err
    assert not (repo / "docs/2015").exists()


def _settings(src: Path, conf: Path, **overrides):
    from sphinx.application import Sphinx

    forget_sphinx()  # one language per process otherwise
    try:
        app = Sphinx(str(src), str(conf), str(src / "_build"), str(src / "_build" / ".d"),
                     "dummy", confoverrides=overrides, status=None, warning=StringIO())  # fmt: skip
    finally:
        forget_sphinx()
    return app.config


def test_book_pages_are_editions_without_conf_py(repo):
    book_page = (REPO / "docs/boeken/2012.md").read_text("utf-8")
    (repo / "docs/boeken/2013.md").write_text(book_page.replace("2012", "2013"), "utf-8")
    config = _settings(repo / "docs", repo)
    documents = {d[1]: d for d in config.latex_documents}
    assert documents["alliantiedagen-2013.tex"][:3] == (
        "boeken/2013",
        "alliantiedagen-2013.tex",
        "Alliantiedagen 2013",
    )
    assert "Bijdragers aan de kennisbank Alliantiedagen" in documents["alliantiedagen-2013.tex"][3]
    # kb_editions still decides for its own years
    assert "Het moet en kan anders" in documents["alliantiedagen-2012.tex"][3]
    assert "boeken/2013.xhtml" in config.epub_exclude_files
    english = _settings(repo / "docs", repo, language="en", kb_book_organiser="Social Alliance")
    documents = {d[1]: d for d in english.latex_documents}
    assert documents["alliantiedagen-2013.tex"][2] == "Alliance days 2013"
    assert "Social Alliance" in documents["alliantiedagen-2013.tex"][3]
    moved = _settings(repo / "docs", repo, kb_book_root="drukwerk/{edition}")
    assert [d[1] for d in moved.latex_documents] == ["alliantiedagen-2012.tex"]


@pytest.mark.parametrize("case", ["no-page-yet", "page-in-no-toctree"])
def test_every_page_nieuw_writes_is_in_a_toctree(monkeypatch, capsys, tmp_path, case):
    site = tmp_path / "site"
    shutil.copytree(ROOTS / "test-cli", site)
    index = site / "index.md"
    index.write_text(index.read_text("utf-8").replace("organisaties\n", ""), encoding="utf-8")
    if case == "no-page-yet":
        (site / "organisaties.md").unlink()
    ok(monkeypatch, capsys, site, "--bron", ".", "--conf", ".",
       "nieuw", "organisatie", "Voedselbank Zwolle")  # fmt: skip
    assert "\norganisaties\n" in index.read_text("utf-8")
    assert (site / "organisaties.md").read_text("utf-8").startswith("# ")
    built = sphinx_build(site, tmp_path / "_build/html", "-E", "-D", "kb_pagefind=0", conf=site)
    assert built.returncode == 0, built.stderr


def test_an_existing_edition_is_left_alone(monkeypatch, capsys, tmp_path):
    """A workshop without --dag goes to a new page of the existing edition; no book is added."""
    site = tmp_path / "site"
    shutil.copytree(ROOTS / "test-cli", site)
    landing = (site / "index.md").read_bytes()
    ok(monkeypatch, capsys, site, "--bron", ".", "--conf", ".", "nieuw", "werkgroep", "Wonen")
    assert "\nwerkgroepen\n" in (site / "2012" / "index.md").read_text("utf-8")
    assert (site / "index.md").read_bytes() == landing
    assert not (site / "boeken").exists()
    built = sphinx_build(site, tmp_path / "_build/html", "-E", "-D", "kb_pagefind=0", conf=site)
    assert built.returncode == 0, built.stderr
