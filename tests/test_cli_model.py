"""``alliantie-kb nieuw`` takes its type knowledge from the model (issue 13).

Where a new object goes, whether it gets a heading of its own and the
heading of a type's shared page are attributes of the object type, not
knowledge of the command: change the model and the command follows, and
what it writes still builds clean.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

from alliantie_kb import cli
from alliantie_kb.export import schema
from alliantie_kb.model import ID_RE, OBJECT_TYPES

from conftest import ROOTS, all_warning_lines, build, fill_placeholders


def run(monkeypatch, capsys, cwd: Path, *args: str) -> tuple[int, str, str]:
    """``main(args)`` in-process from ``cwd``; (exit status, stdout, stderr)."""
    monkeypatch.chdir(cwd)
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def change_type(monkeypatch, name: str, **changes: object) -> None:
    """The model with one object type changed, for this test only."""
    monkeypatch.setitem(OBJECT_TYPES, name, dataclasses.replace(OBJECT_TYPES[name], **changes))


def built_ids(root: Path) -> set[str]:
    """Build ``root`` strictly; the ids of kb.json (no warning allowed)."""
    app = build(root)
    assert all_warning_lines(app.warning.getvalue()) == []
    data = json.loads((Path(app.outdir) / "kb.json").read_text("utf-8"))
    return {obj["id"] for obj in data["objects"]}


def test_where_a_new_object_goes_follows_the_model(monkeypatch, capsys, tmp_path):
    root = shutil.copytree(ROOTS / "test-cli", tmp_path / "kennisbank")
    change_type(monkeypatch, "speaker", scaffold_page="mensen/{id}.md")
    change_type(monkeypatch, "organisation", scaffold_heading=True)
    change_type(monkeypatch, "talk", scaffold_heading=False)

    code, out, err = run(monkeypatch, capsys, root, "nieuw", "spreker", "Ada Jansen")
    assert (code, err) == (0, ""), err
    assert out.startswith("Nieuw: persoon 'ada-jansen' in mensen/ada-jansen.md\n")
    page = (root / "mensen" / "ada-jansen.md").read_text("utf-8")
    assert page.startswith("# Ada Jansen\n\n```{speaker} ada-jansen\n:name: Ada Jansen\n")
    assert "mensen/ada-jansen\n" in (root / "index.md").read_text("utf-8")
    assert not (root / "personen" / "ada-jansen.md").exists()

    code, out, err = run(monkeypatch, capsys, root, "nieuw", "organisatie", "Stichting Test")
    assert (code, err) == (0, ""), err
    organisations = (root / "organisaties.md").read_text("utf-8")
    assert "## Stichting Test\n\n```{organisation} stichting-test\n" in organisations

    args = ("nieuw", "lezing", "Opening", "--dag", "2012-drachten")
    code, out, err = run(monkeypatch, capsys, root, *args)
    assert (code, err) == (0, ""), err
    day = (root / "2012" / "drachten.md").read_text("utf-8")
    assert "```{talk} 2012-opening\n:title: Opening\n:event: 2012-drachten\n" in day
    assert "## Opening" not in day

    fill_placeholders(root)  # the volunteer writes the descriptions
    assert {"ada-jansen", "stichting-test", "2012-opening"} <= built_ids(root)


def test_shared_page_heading_is_the_types_plural_in_an_english_project(
    monkeypatch, capsys, tmp_path
):
    root = tmp_path / "our-days"
    root.mkdir()
    (root / "conf.py").write_text(
        'language = "en"\nextensions = ["myst_parser", "alliantie_kb"]\n'
        'primary_domain = "kb"\nexclude_patterns = ["_build"]\n',
        encoding="utf-8",
    )
    (root / "index.md").write_text(
        "# Our days\n\n```{toctree}\n:hidden:\n\norganisaties\n```\n", encoding="utf-8"
    )
    code, out, err = run(monkeypatch, capsys, root, "new", "organisation", "City of Utrecht")
    assert (code, err) == (0, ""), err
    page = (root / "organisaties.md").read_text("utf-8")
    assert page.startswith("# Organisations\n\n```{organisation} city-of-utrecht\n")
    fill_placeholders(root)
    assert "city-of-utrecht" in built_ids(root)


def test_json_schema_ids_use_the_models_pattern():
    definitions = json.dumps(schema())
    expected = ID_RE.pattern.removesuffix("\\Z") + "$"
    assert json.dumps(expected) in definitions
    assert "(-[a-z0-9]+)" not in definitions  # no copy of the pattern of its own
