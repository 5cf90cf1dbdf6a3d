"""Parallel builds find what serial builds find; incremental builds forget what was removed."""

from __future__ import annotations

import pytest

from conftest import EXTRA_PAGES, BuildEvents, add_pages, all_warning_lines, build, copy_root


def snapshot(app):
    domain = app.env.domains["kb"]
    objects = sorted(
        (r.id, r.type, r.docname, r.anchor, r.title, repr(r.fields))
        for r in domain.records()
    )
    pages = {
        p.relative_to(app.outdir).as_posix(): p.read_text("utf-8")
        for p in sorted(app.outdir.glob("*.html"))
    }
    return objects, pages


@pytest.mark.parametrize("jobs", [2])
def test_parallel_build_equals_serial_build(tmp_path, jobs):
    results = []
    for parallel in (0, jobs):
        src = copy_root("domain", tmp_path / f"j{parallel}" / "src")
        add_pages(src)
        seen = BuildEvents()
        app = build(src, freshenv=True, parallel=parallel, events=seen)
        assert all_warning_lines(app.warning.getvalue()) == []
        if parallel:  # reading really was split into chunks, merged back one by one
            assert len(seen.merged) >= 2 and set().union(*seen.merged) == seen.read
        else:
            assert seen.merged == []
        results.append(snapshot(app))
    (serial_objects, serial_pages), (par_objects, par_pages) = results
    assert len(serial_objects) == 9 + 2 * EXTRA_PAGES
    assert par_objects == serial_objects
    assert par_pages.keys() == serial_pages.keys()
    for name in serial_pages:
        assert par_pages[name] == serial_pages[name], name


def test_incremental_build_updates_and_forgets(tmp_path):
    src = copy_root("domain", tmp_path / "src")
    app = build(src, freshenv=True)
    domain = app.env.domains["kb"]
    assert domain.get("2012-samenwerken") is not None

    dag = src / "dag.md"
    text = dag.read_text("utf-8")
    removed = text[text.index("```{recommendation} 2012-samenwerken") :]
    text = text.replace(removed, "")
    text = text.replace("Benader burgers vanuit vertrouwen", "Vertrouw burgers")
    text += (
        "```{recommendation} 2012-nieuw\n:title: Nieuwe aanbeveling\n:source: 2012-drachten\n```\n"
    )
    dag.write_text(text, encoding="utf-8")
    (src / "mensen.md").unlink()  # a deleted page takes its objects with it
    (src / "index.md").write_text("# Proefkennisbank\n\n```{toctree}\ndag\n```\n", encoding="utf-8")

    seen = BuildEvents()
    app2 = build(src, events=seen)
    assert (seen.added, seen.changed, seen.removed) == (set(), {"dag", "index"}, {"mensen"})
    domain = app2.env.domains["kb"]
    ids = {r.id for r in domain.records()}
    assert "2012-samenwerken" not in ids
    assert {"alex-brenninkmeijer", "rene-gabriels", "nationale-ombudsman"}.isdisjoint(ids)
    assert "2012-nieuw" in ids
    assert domain.get("2012-vertrouwen").title == "Vertrouw burgers"
    assert "mensen" not in domain.objects
    index = (app2.outdir / "kb-aanbevelingen.html").read_text("utf-8")
    assert "Nieuwe aanbeveling" in index and "Zoek de samenwerking" not in index
    # the references to the deleted speaker are now reported, with a suggestion-free hint
    warnings = app2.warning.getvalue()
    assert "onbekende persoon 'alex-brenninkmeijer'" in warnings
