"""Every kind of edit: an incremental build equals a fresh build of the edited sources.

For each edit the test builds the views root, edits the sources, rebuilds
incrementally, and compares every page and kb.json with a fresh build of the
edited sources in another directory. Pages whose sources did not change are
not re-read (only rewritten when what they show changed).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import BuildEvents, build, copy_root, replace


def remove_block(path: Path, start: str) -> None:
    text = path.read_text("utf-8")
    begin = text.index(start)
    end = text.index("```\n", begin + len(start)) + 4
    path.write_text(text[:begin] + text[end:], encoding="utf-8")


def add_object(src: Path) -> None:
    with (src / "dag.md").open("a", encoding="utf-8") as f:
        f.write(
            "\n```{recommendation} 2012-nieuw\n:title: Een nieuwe aanbeveling\n"
            ":source: 2012-werkgroep-werk\n:speaker: rene-gabriels\n:addressee: gemeenten\n"
            ":kind: advies\n```\n"
        )


def change_relation(src: Path) -> None:
    # move a recommendation from the care workshop to the work workshop
    replace(
        src / "dag.md",
        ":source: 2012-werkgroep-zorg\n:addressee: gemeenten",
        ":source: 2012-werkgroep-werk\n:addressee: gemeenten",
    )


def rename_id(src: Path) -> None:
    replace(src / "mensen.md", "{speaker} rene-gabriels", "{speaker} rene-gabriels-2")
    replace(src / "dag.md", ":facilitators: rene-gabriels", ":facilitators: rene-gabriels-2")


def delete_object(src: Path) -> None:
    remove_block(src / "dag.md", "```{recommendation} 2012-contact")


def delete_page(src: Path) -> None:
    (src / "los.md").unlink()
    replace(src / "index.md", "overzicht\nlos\n", "overzicht\n")


def add_page(src: Path) -> None:
    (src / "extra.md").write_text(
        "# Extra\n\n```{speaker} wilma-kuiper\n:name: Wilma Kuiper\n```\n\n"
        "```{recommendation} 2012-extra\n:title: Extra aanbeveling\n:source: 2012-drachten\n"
        ":speaker: wilma-kuiper\n:addressee: nationale-ombudsman\n```\n\n"
        "Zie ook {speaker}`alex-brenninkmeijer`.\n",
        encoding="utf-8",
    )
    replace(src / "index.md", "overzicht\nlos\n", "overzicht\nlos\nextra\n")


def retitle_object(src: Path) -> None:
    replace(src / "mensen.md", ":name: Nationale ombudsman", ":name: De Nationale ombudsman")


def edit_text_only(src: Path) -> None:
    replace(src / "los.md", "Hier noemen we", "Op deze pagina noemen we")


def write_relation_as_text(src: Path) -> None:
    # the same id, now with the words the article used (shown in a listing's
    # cell on another page)
    replace(
        src / "dag.md",
        ":addressee: de overheid, nationale-ombudsman",
        ":addressee: de overheid, de ombudsman <nationale-ombudsman>",
    )


def mark_inferred(src: Path) -> None:
    # the same value, now inferred: every listing of it gets the marker
    replace(
        src / "dag.md",
        ":source: 2012-werkgroep-zorg\n:addressee: gemeenten",
        ":source: 2012-werkgroep-zorg\n:addressee: gemeenten\n:afgeleid: addressee",
    )


EDITS = {
    "write-relation-as-text": (write_relation_as_text, {"dag"}),
    "mark-inferred": (mark_inferred, {"dag"}),
    "add-object": (add_object, {"dag"}),
    "change-relation": (change_relation, {"dag"}),
    "rename-id": (rename_id, {"dag", "mensen"}),
    "delete-object": (delete_object, {"dag"}),
    "delete-page": (delete_page, {"index"}),
    "add-page": (add_page, {"extra", "index"}),
    "retitle-object": (retitle_object, {"mensen"}),
    "edit-text-only": (edit_text_only, {"los"}),
}

NOISE = [
    # the only build-specific bytes in a page: none so far; keep the hook explicit
]


def outputs(outdir: Path) -> dict[str, str]:
    files = {}
    for path in sorted(outdir.rglob("*")):
        rel = path.relative_to(outdir).as_posix()
        if path.suffix in (".html", ".json", ".svg") and not rel.startswith("_sources"):
            text = path.read_text("utf-8")
            for pattern, repl in NOISE:
                text = re.sub(pattern, repl, text)
            files[rel] = text
    return files


@pytest.mark.parametrize("edit", list(EDITS))
def test_incremental_equals_fresh(edit, tmp_path):
    apply, expected_reread = EDITS[edit]
    src = copy_root("views", tmp_path / "incremental")
    build(src, freshenv=True)
    apply(src)
    seen = BuildEvents()
    incremental = build(src, events=seen)

    fresh_src = tmp_path / "fresh"
    shutil.copytree(src, fresh_src, ignore=shutil.ignore_patterns("_build"))
    fresh = build(fresh_src, freshenv=True)

    inc_out, fresh_out = outputs(incremental.outdir), outputs(fresh.outdir)
    # a deleted page leaves its old HTML behind in an incremental build (as in
    # plain Sphinx); every page that exists in the fresh build must match
    assert set(fresh_out) <= set(inc_out)
    for name in fresh_out:
        assert inc_out[name] == fresh_out[name], f"{edit}: {name} differs from a fresh build"
    assert seen.read == expected_reread


def test_unrelated_text_edit_rewrites_nothing_else(tmp_path):
    src = copy_root("views", tmp_path / "src")
    build(src, freshenv=True)
    edit_text_only(src)
    seen = BuildEvents()
    build(src, events=seen)
    assert seen.written == ["index", "los"]  # Sphinx itself rewrites the toctree parent


def test_relation_change_rewrites_only_pages_that_show_it(tmp_path):
    src = copy_root("views", tmp_path / "src")
    build(src, freshenv=True)
    change_relation(src)
    seen = BuildEvents()
    build(src, events=seen)
    written = set(seen.written)
    # the edited page (and, as plain Sphinx does, its toctree parent) and the
    # overview whose listings changed; not "los", whose link to the moved
    # recommendation shows the same title, nor "mensen"
    assert written == {"dag", "index", "overzicht"}
