"""Incremental means fresh: after any edit, the whole output tree of an
incremental build equals a fresh build's, file for file.

The root is set up like the real site (a theme with global navigation,
sitemap.xml, Pagefind, objects.inv, kb.json, indices), so everything a reader
or a crawler gets is compared, including navigation on pages that were not
edited and the outputs of deleted documents.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_incremental_views import (
    add_object,
    change_relation,
    delete_object,
    delete_page,
    edit_text_only,
    retitle_object,
)

from conftest import build, copy_root, replace


def rename_id(src: Path) -> None:
    replace(src / "mensen.md", "{speaker} rene-gabriels", "{speaker} rene-gabriels-2")
    replace(src / "dag.md", ":facilitators: rene-gabriels", ":facilitators: rene-gabriels-2")
    replace(src / "los.md", "{speaker}`rene-gabriels`.\n\n", "{speaker}`rene-gabriels-2`.\n\n")
    replace(src / "los.md", "met {speaker}`rene-gabriels`", "met {speaker}`rene-gabriels-2`")


def add_page(src: Path) -> None:
    (src / "extra.md").write_text(
        "# Extra\n\n```{speaker} wilma-kuiper\n:name: Wilma Kuiper\n```\n\n"
        "Zie ook {speaker}`alex-brenninkmeijer`.\n",
        encoding="utf-8",
    )
    replace(src / "index.md", "overzicht\nlos\n", "overzicht\nlos\nextra\n")


def retitle_page(src: Path) -> None:
    # the page's heading is in every page's navigation
    replace(src / "los.md", "# Losse pagina", "# Een losse pagina")


def move_page(src: Path) -> None:
    # a person page moves from personen/ to the top folder
    (src / "personen" / "riet-karsenbarg.md").rename(src / "riet-karsenbarg.md")
    replace(src / "personen" / "index.md", "riet-karsenbarg\n", "/riet-karsenbarg\n")


def rename_person(src: Path) -> None:
    # a person referred to from many pages gets another name (link texts change)
    page = src / "personen" / "riet-karsenbarg.md"
    replace(page, ":name: Riet Karsenbarg", ":name: Marie Karsenbarg")


def drop_files(src: Path) -> None:
    # the image and the download are no longer used by any page
    (src / "bestanden.md").write_text("# Bestanden\n\nNiets meer te downloaden.\n", "utf-8")


EDITS = {
    "add-object": add_object,
    "change-relation": change_relation,
    "rename-id": rename_id,
    "delete-object": delete_object,
    "delete-page": delete_page,
    "add-page": add_page,
    "retitle-object": retitle_object,
    "edit-text-only": edit_text_only,
    "retitle-page": retitle_page,
    "move-page": move_page,
    "rename-person": rename_person,
    "drop-files": drop_files,
}

#: Sphinx's own bookkeeping, not output a reader or crawler gets.
NOT_OUTPUT = {".buildinfo", ".doctrees"}


def comparable(rel: str) -> bool:
    """Pagefind's index, filter and meta chunks differ between two *fresh*
    builds of the same pages (their order and names are not deterministic), so
    of its output the per-page fragments are compared: each holds the page's
    URL, text, meta data and filter values, everything a search result shows."""
    return not rel.startswith("pagefind/") or rel.startswith("pagefind/fragment/")


def tree(outdir: Path) -> dict[str, bytes]:
    return {
        rel: path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file()
        and not NOT_OUTPUT & set(path.relative_to(outdir).parts)
        and comparable(rel := path.relative_to(outdir).as_posix())
    }


@pytest.mark.parametrize("edit", list(EDITS))
def test_incremental_tree_equals_fresh_tree(edit, tmp_path):
    src = copy_root("site", tmp_path / "incremental")
    build(src, freshenv=True)
    EDITS[edit](src)
    incremental = build(src)

    fresh_src = tmp_path / "fresh"
    shutil.copytree(src, fresh_src, ignore=shutil.ignore_patterns("_build"))
    fresh = build(fresh_src, freshenv=True)

    inc, new = tree(Path(incremental.outdir)), tree(Path(fresh.outdir))
    assert sorted(set(inc) - set(new)) == [], f"{edit}: stale files left behind"
    assert sorted(set(new) - set(inc)) == [], f"{edit}: files missing"
    differ = [name for name in new if inc[name] != new[name]]
    assert differ == [], f"{edit}: these differ from a fresh build"
