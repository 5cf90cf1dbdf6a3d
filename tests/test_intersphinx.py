"""Another Sphinx project links to objects of a built knowledge base via objects.inv."""

from __future__ import annotations

from bs4 import BeautifulSoup

from conftest import all_warning_lines, build, copy_root


def test_references_resolve_through_intersphinx(tmp_path):
    kb = build(copy_root("views", tmp_path / "kb"), freshenv=True)
    base = kb.outdir.as_posix()
    other = build(
        copy_root("intersphinx", tmp_path / "other"),
        freshenv=True,
        confoverrides={
            "intersphinx_mapping": {"alliantie": (base, str(kb.outdir / "objects.inv"))},
            "nitpicky": True,
        },
    )
    assert all_warning_lines(other.warning.getvalue()) == []
    html = (other.outdir / "index.html").read_text("utf-8")
    links = {
        a.get_text(): a["href"]
        for a in BeautifulSoup(html, "html.parser").select("div[role=main] a.reference")
    }
    assert links["Alex Brenninkmeijer"] == f"{base}/mensen.html#spreker-alex-brenninkmeijer"
    assert (
        links["Benader burgers vanuit vertrouwen"] == f"{base}/dag.html#aanbeveling-2012-vertrouwen"
    )
    assert links["René Gabriëls"] == f"{base}/mensen.html#spreker-rene-gabriels"
    assert links["Werkgroep zorg"] == f"{base}/dag.html#werkgroep-2012-werkgroep-zorg"


def test_unknown_target_still_warns_with_intersphinx(tmp_path):
    kb = build(copy_root("views", tmp_path / "kb"), freshenv=True)
    src = copy_root("intersphinx", tmp_path / "other")
    (src / "index.md").write_text("# Ander\n\nZie {speaker}`alex-brenninkmeyer`.\n", "utf-8")
    other = build(
        src,
        freshenv=True,
        confoverrides={
            "intersphinx_mapping": {
                "alliantie": (kb.outdir.as_posix(), str(kb.outdir / "objects.inv"))
            }
        },
    )
    lines = all_warning_lines(other.warning.getvalue())
    assert len(lines) == 1 and "onbekende persoon 'alex-brenninkmeyer'" in lines[0]
