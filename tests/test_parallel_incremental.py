"""Parallel builds find what serial builds find; incremental builds forget what was removed."""

from __future__ import annotations

import pytest

from conftest import all_warning_lines, build, copy_root

EXTRA_PAGES = 12  # Sphinx only reads in parallel beyond a handful of documents


def add_pages(src):
    """Grow the domain root so that -j 2 really splits reading and writing."""
    names = []
    for i in range(EXTRA_PAGES):
        name = f"extra-{i:02d}"
        names.append(name)
        other = f"extra-spreker-{(i + 1) % EXTRA_PAGES:02d}"
        (src / f"{name}.md").write_text(
            f"# Extra {i}\n\n"
            f"```{{speaker}} extra-spreker-{i:02d}\n:name: Spreker {i}\n```\n\n"
            f"```{{recommendation}} extra-aanbeveling-{i:02d}\n"
            f":title: Aanbeveling {i}\n:source: 2012-werkgroep-zorg\n"
            f":speaker: {other}\n:addressee: nationale-ombudsman\n```\n\n"
            f"Zie {{speaker}}`{other}` en {{any}}`2012-vertrouwen`.\n",
            encoding="utf-8",
        )
    index = src / "index.md"
    index.write_text(
        index.read_text("utf-8").replace("dag\n```", "dag\n" + "\n".join(names) + "\n```"),
        encoding="utf-8",
    )


def snapshot(app):
    domain = app.env.domains["kb"]
    objects = sorted(
        (r["id"], r["type"], r["docname"], r["anchor"], r["title"], repr(r["fields"]))
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
        app = build(src, freshenv=True, parallel=parallel)
        assert all_warning_lines(app.warning.getvalue()) == []
        if parallel:  # reading really was split into chunks ("dag .. extra-05")
            assert " .. " in app.status.getvalue()
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

    app2 = build(src)
    status = app2.status.getvalue()
    assert "0 added, 2 changed, 1 removed" in status
    domain = app2.env.domains["kb"]
    ids = {r["id"] for r in domain.records()}
    assert "2012-samenwerken" not in ids
    assert {"alex-brenninkmeijer", "rene-gabriels", "nationale-ombudsman"}.isdisjoint(ids)
    assert "2012-nieuw" in ids
    assert domain.get("2012-vertrouwen")["title"] == "Vertrouw burgers"
    assert "mensen" not in domain.objects
    index = (app2.outdir / "kb-aanbevelingen.html").read_text("utf-8")
    assert "Nieuwe aanbeveling" in index and "Zoek de samenwerking" not in index
    # the references to the deleted speaker are now reported, with a suggestion-free hint
    warnings = app2.warning.getvalue()
    assert "onbekende spreker 'alex-brenninkmeijer'" in warnings
