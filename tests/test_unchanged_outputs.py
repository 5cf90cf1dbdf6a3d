"""What is made from the objects alone is not made again after a text edit.

A build after an edit of a page's text alone spent about a second at 1,000
pages on work over every object (issue 17): the objects' fingerprint, the
checks over all objects, kb.json and the hover cards' data. While no page's
objects changed, the fingerprint is taken from the previous build, the checks
give their previous warnings again, and both files are left as they are
(also when the pages were read by parallel workers). A change to an object,
a page removed, a setting, other code, a fresh environment (-E) or a file
touched or damaged by hand gets everything made again, and an incremental
build gives what a fresh build gives.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from alliantie_kb import consistency, export, incremental, previews, unchanged

from conftest import EXTRA_PAGES, add_pages, build, copy_root, parse_warnings, replace

TWICE = (
    "```{speaker} r-janssen\n:name: Raf Janssen\n```\n\n"
    "```{talk} 2012-x\n:title: X\n:speakers: Raf Janssen\n:event: 2012-drachten\n```\n\n"
    "Nog wat tekst.\n"
)
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
    assert sorted(w[:3] for w in first) == [
        ("fout.md", "3", "kb.duplicate"),
        ("fout.md", "9", "kb.field"),
    ], first
    assert any("; " in w[3] for w in first if w[2] == "kb.field"), first  # with its hint
    counts = {name: _calls(monkeypatch, consistency, name) for name in CHECKS}

    replace(src / "fout.md", "Nog wat tekst.", "Nog wat andere tekst.")
    assert _located(build(src)) == first  # the same warning, message and hint
    assert all(calls == [] for calls in counts.values()), counts

    # an object changed: the checks look again, and the warnings are gone
    replace(src / "fout.md", ":name: Raf Janssen", ":name: Rafaël Janssen")
    replace(src / "fout.md", ":speakers: Raf Janssen", ":speakers: raf-janssen")
    assert _located(build(src)) == []
    assert all(calls == [1] for calls in counts.values()), counts


def _kept_checks(src: Path) -> Path:
    (kept,) = (src / "_build" / "doctrees").glob("kb-kept-checks*.json")
    return kept


@pytest.mark.parametrize(
    "damage",
    [
        '{"key": KEY, "where": "", "files": [], "value": [[1]]}',
        '{"key": KEY, "where": "", "files": [], "value": [["x", null, "duplicate", 3, 1]]}',
        '{"key": KEY, "where": "", "files": [], "value": "x"}',
        "[" * 100_000,
        "niet eens JSON",
    ],
    ids=["short-item", "line-not-page", "not-a-list", "too-deep", "not-json"],
)
def test_a_damaged_kept_file_is_looked_at_again(tmp_path, damage):
    src = copy_root("hints", tmp_path / "src")
    (src / "fout.md").write_text("# Fout\n\n" + TWICE, encoding="utf-8")
    first = _located(build(src, freshenv=True))
    kept = _kept_checks(src)
    key = json.dumps(json.loads(kept.read_text("utf-8"))["key"])
    kept.write_text(damage.replace("KEY", key), "utf-8")
    replace(src / "fout.md", "Nog wat tekst.", "Nog wat andere tekst.")
    assert _located(build(src)) == first


def test_a_fresh_environment_or_other_code_makes_everything_again(tmp_path, monkeypatch):
    src = copy_root("hints", tmp_path / "src")
    (src / "fout.md").write_text("# Fout\n\n" + TWICE, encoding="utf-8")
    first = _located(build(src, freshenv=True))
    kept = _kept_checks(src)
    record = json.loads(kept.read_text("utf-8"))
    record["value"] = [["Oude melding", None, "duplicate", "fout", 3]]
    kept.write_text(json.dumps(record), "utf-8")  # as if older code had made it
    assert _located(build(src, freshenv=True)) == first  # -E: looked at again
    record = json.loads(kept.read_text("utf-8"))
    record["value"] = [["Oude melding", None, "duplicate", "fout", 3]]
    kept.write_text(json.dumps(record), "utf-8")
    monkeypatch.setattr(unchanged, "code_digest", lambda: "other code")
    replace(src / "fout.md", "Nog wat tekst.", "Nog wat andere tekst.")
    assert _located(build(src)) == first


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


@pytest.mark.parametrize("setting", ["html_file_suffix", "html_link_suffix"])
def test_a_setting_without_a_new_environment_changes_the_data_files(tmp_path, setting):
    # both suffixes re-write the pages but keep the environment
    src = copy_root("site", tmp_path / "site")
    out = Path(build(src, freshenv=True).outdir)
    assert '"url": "mensen.html#' in (out / "kb.json").read_text("utf-8")
    build(src, confoverrides={setting: ".htm"})
    assert '"url": "mensen.htm#' in (out / "kb.json").read_text("utf-8")
    assert '"mensen.htm#' in (out / "kb-hovercards.js").read_text("utf-8")


EDITS = [
    ("los.md", "Hier noemen we", "Op deze pagina noemen we"),  # text only
    ("mensen.md", "René Gabriëls", "Renate Gabriëls"),  # a title others show
    ("los.md", "# Losse pagina", "# Een losse pagina"),  # a page that names objects
    ("mensen.md", ":role: filosoof", ":role: denker"),  # a field a card shows
]


def test_after_each_edit_the_data_and_warnings_equal_a_fresh_build(tmp_path):
    src = copy_root("site", tmp_path / "site")
    build(src, freshenv=True)
    for number, (page, old, new) in enumerate(EDITS):
        replace(src / page, old, new)
        again = build(src)
        fresh = build(src, freshenv=True, builddir=tmp_path / f"fresh{number}")
        for name in ("kb.json", "kb-hovercards.js", "los.html", "mensen.html"):
            mine = (Path(again.outdir) / name).read_text("utf-8")
            assert mine == (Path(fresh.outdir) / name).read_text("utf-8"), (old, name)
        assert _located(again) == _located(fresh), old
