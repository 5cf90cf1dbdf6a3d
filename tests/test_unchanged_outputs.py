"""What is made from the objects alone is not made again after a text edit.

A build after an edit of a page's text alone spent about a second at 1,000
pages on work over every object (issue 17): the objects' fingerprint, the
checks over all objects, kb.json and the hover cards' data. While no page's
objects changed, the fingerprint is taken from the previous build, the checks
give their previous warnings again, and both files are left as they are; a
change to an object, a page removed, a file touched by hand, or a parallel
build still gets everything made again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from alliantie_kb import consistency, export, incremental, previews

from conftest import EXTRA_PAGES, add_pages, build, copy_root, parse_warnings, replace

TWICE = "```{speaker} r-janssen\n:name: Raf Janssen\n```\n\nNog wat tekst.\n"
CHECKS = ("_names", "_free_text_names", "_same_titles", "_duplicates")


def _located(app) -> list[tuple[str, str, str, str]]:
    return [
        (Path(w["path"]).name, w["line"], w["type"], w["msg"])
        for w in parse_warnings(app.warning.getvalue())
    ]


def _calls(monkeypatch, module, name: str) -> list[int]:
    """Count the calls of ``module.name`` from now on (it still does its work)."""
    calls: list[int] = []
    real = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_checks_give_their_warnings_again_without_looking_again(tmp_path, monkeypatch):
    src = copy_root("hints", tmp_path / "src")
    (src / "fout.md").write_text("# Fout\n\n" + TWICE, encoding="utf-8")
    first = _located(build(src, freshenv=True))
    assert [w[:3] for w in first] == [("fout.md", "3", "kb.duplicate")], first
    counts = {name: _calls(monkeypatch, consistency, name) for name in CHECKS}

    replace(src / "fout.md", "Nog wat tekst.", "Nog wat andere tekst.")
    assert _located(build(src)) == first  # the same warning, message and hint
    assert all(calls == [] for calls in counts.values()), counts

    # an object changed: the checks look again, and the warning is gone
    replace(src / "fout.md", ":name: Raf Janssen", ":name: Rafaël Janssen")
    assert _located(build(src)) == []
    assert all(calls == [1] for calls in counts.values()), counts


def test_the_fingerprint_is_made_again_only_when_objects_change(tmp_path, monkeypatch):
    src = copy_root("site", tmp_path / "site")
    build(src, freshenv=True)
    calls = _calls(monkeypatch, incremental, "fingerprint")
    replace(src / "los.md", "Hier noemen we", "Op deze pagina noemen we")
    build(src)
    assert calls == []
    # an object's title: made again, and a page that names it shows the new one
    replace(src / "mensen.md", "René Gabriëls", "Renate Gabriëls")
    app = build(src)
    assert calls == [1]
    assert "Renate Gabriëls" in (Path(app.outdir) / "los.html").read_text("utf-8")
    # a page's title (pages that name an object list it by its title)
    replace(src / "los.md", "Op deze pagina noemen we", "Hier noemen we")
    build(src)
    assert calls == [1]
    text = (src / "los.md").read_text("utf-8")
    (src / "los.md").write_text("# Een nieuwe titel\n" + text.split("\n", 1)[1], "utf-8")
    build(src)
    assert calls == [1, 1]
    # a page with objects removed
    (src / "personen" / "riet-karsenbarg.md").unlink()
    replace(src / "personen" / "index.md", "riet-karsenbarg\n", "")
    build(src)
    assert calls == [1, 1, 1]


def test_a_parallel_build_keeps_what_its_readers_found(tmp_path, monkeypatch):
    src = copy_root("domain", tmp_path / "src")
    add_pages(src)
    build(src, freshenv=True, parallel=2)
    calls = _calls(monkeypatch, incremental, "fingerprint")
    page = sorted(p for p in src.glob("*.md") if p.name != "index.md")[-1]
    page.write_text(page.read_text("utf-8") + "\nEen zin erbij.\n", "utf-8")
    build(src, parallel=2)
    assert calls == [], EXTRA_PAGES


@pytest.mark.parametrize(
    ("module", "name", "data"),
    [(export, "kb.json", "export_data"), (previews, "kb-hovercards.js", "preview_data")],
)
def test_a_text_edit_leaves_the_data_files_as_they_were(tmp_path, monkeypatch, module, name, data):
    src = copy_root("site", tmp_path / "site")
    out = Path(build(src, freshenv=True).outdir)
    before = (out / name).stat().st_mtime_ns
    calls = _calls(monkeypatch, module, data)
    replace(src / "los.md", "Hier noemen we", "Op deze pagina noemen we")
    build(src)
    assert (out / name).stat().st_mtime_ns == before
    assert calls == []
    # a change to an object is written
    replace(src / "mensen.md", "René Gabriëls", "Renate Gabriëls")
    build(src)
    assert "Renate Gabriëls" in (out / name).read_text("utf-8")
    good = (out / name).read_text("utf-8")
    # touched by hand, or removed: written again
    (out / name).write_text("window.x = 1;", "utf-8")
    build(src)
    assert (out / name).read_text("utf-8") == good
    (out / name).unlink()
    build(src)
    assert (out / name).read_text("utf-8") == good


def test_a_setting_without_a_new_environment_changes_the_data_files(tmp_path):
    # html_file_suffix re-writes the pages but keeps the environment
    src = copy_root("site", tmp_path / "site")
    out = Path(build(src, freshenv=True).outdir)
    assert '"url": "mensen.html#' in (out / "kb.json").read_text("utf-8")
    build(src, confoverrides={"html_file_suffix": ".htm"})
    assert '"url": "mensen.htm#' in (out / "kb.json").read_text("utf-8")
    assert '"mensen.htm#' in (out / "kb-hovercards.js").read_text("utf-8")
