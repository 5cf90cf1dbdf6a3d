"""Hints that help, nothing silent, one cause one message (issue 12, items 2-4).

Each case adds one volunteer's mistake to a copy of ``tests/roots/test-hints``
(people, a day with a talk, and an overview page whose listings, diagrams and
backlinks show the objects) and asserts that the build reports it exactly
once, in Dutch, at the line the volunteer wrote, with a hint that leads to the
fix — and nothing else.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import all_warning_lines, build, copy_root, kb, parse_warnings

CASES = {
    # -- hints that help ------------------------------------------------------
    "typo-of-an-existing-id": (
        "Zie {speaker}`raf-jansen`.\n",
        3, "kb.ref", "bedoelde u 'raf-janssen'?",
    ),
    "new-person-is-not-another-person": (
        "Zie {speaker}`jan-jansen`.\n",
        3, "kb.ref",
        "onbekende persoon 'jan-jansen'; is die nieuw, maak hem dan eerst aan met: "
        'alliantie-kb nieuw persoon "Jan Jansen"',
    ),
    "new-id-in-an-option": (
        "```{talk} 2012-x\n:title: X\n:speakers: jan-jansen\n:event: 2012-drachten\n```\n",
        5, "kb.ref", 'maak hem dan eerst aan met: alliantie-kb nieuw persoon "Jan Jansen"',
    ),
    "new-source-names-the-other-types": (
        "```{recommendation} 2012-x\n:title: X\n:source: 2012-armoede-en-werk\n```\n",
        5, "kb.ref", 'alliantie-kb nieuw lezing "Armoede en werk" (of: werkgroep, dag)',
    ),
    "typo-of-a-day-in-an-option": (
        "```{talk} 2012-x\n:title: X\n:speakers: raf-janssen\n:event: 2012-dracten\n```\n",
        6, "kb.ref", "bedoelde u '2012-drachten'?",
    ),
    "name-in-a-role-of-an-existing-person": (
        "Zie {speaker}`René Gabriëls`.\n",
        3, "kb.ref",
        "'René Gabriëls' is een naam, geen id (persoon); bedoelde u de id 'rene-gabriels'?",
    ),
    "name-in-a-role-of-a-new-person": (
        "Zie {speaker}`Jan Jansen`.\n",
        3, "kb.ref",
        "de id zou 'jan-jansen' zijn, maar die bestaat nog niet: maak hem aan met: "
        'alliantie-kb nieuw persoon "Jan Jansen"',
    ),
    "name-in-an-option": (
        "```{talk} 2012-x\n:title: X\n:speakers: Raf Janssen\n```\n",
        5, "kb.field", "optie :speakers: 'Raf Janssen' is een naam, geen id (persoon); "
        "bedoelde u de id 'raf-janssen'?",
    ),
    "new-name-in-an-option": (
        "```{talk} 2012-x\n:title: X\n:speakers: Alex Brenninkmeijer\n```\n",
        5, "kb.field", "de id zou 'alex-brenninkmeijer' zijn, maar die bestaat nog niet: "
        'maak hem aan met: alliantie-kb nieuw persoon "Alex Brenninkmeijer"',
    ),
    # -- nothing silent -------------------------------------------------------
    "role-without-backticks": (
        "Een eerste regel\nen dan {speaker}fatima-el-amrani, zonder backticks.\n",
        4, "kb.role", "{speaker} zonder backticks wordt als tekst getoond, niet als link; "
        "schrijf {speaker}`fatima-el-amrani`",
    ),
    "role-without-backticks-in-an-object": (
        "```{talk} 2012-x\n:title: X\n:event: 2012-drachten\n\n"
        "Door {kb:speaker}raf-janssen, niet `{speaker}x`.\n```\n",
        7, "kb.role", "schrijf {kb:speaker}`raf-janssen`",
    ),
    "placeholder-left-in": (
        "```{speaker} jan-jansen\n:name: Jan Jansen\n\n"
        "% Vervang deze regel door een beschrijving in eigen woorden, met de bron erbij.\n```\n",
        6, "kb.placeholder", "de invulregel van alliantie-kb nieuw staat er nog",
    ),
    "same-talk-twice": (
        "```{talk} 2012-boos\n:title: Waarom maakt de overheid  mij zo boos?\n"
        ":event: 2012-drachten\n```\n",
        3, "kb.duplicate",
        "Lezing '2012-boos' heeft dezelfde titel als '2012-waarom-boos' (dag.md:10); "
        "is het dezelfde lezing, verwijder dan deze en verwijs naar de andere met "
        "{talk}`2012-waarom-boos`",
    ),
    "same-person-twice": (
        "```{speaker} r-janssen\n:name: Raf Janssen\n```\n",
        3, "kb.duplicate", "dezelfde titel als 'raf-janssen' (mensen.md:3)",
    ),
    "unknown-option-leaves-a-field-empty": (
        "```{event} 2012-deventer\n:name: Alliantiedag Deventer\n:edition: 2012\n"
        ":dtae: 2012-11-02\n```\n",
        6, "kb.option", "onbekende optie :dtae: bij alliantiedag; de waarde wordt niet "
        "gebruikt, dus :date: blijft leeg; bedoelde u :date:?",
    ),
    # -- one cause, one message -----------------------------------------------
    "blank-line-inside-the-options": (
        "```{event} 2013-x\n:name: X\n\n:edition: 2013\n:date: 2013-01-01\n```\n",
        6, "kb.option", "':edition:' wordt als tekst gelezen, niet als optie",
    ),
}


def _build_with(tmp_path: Path, page: str):
    src = copy_root("hints", tmp_path / "src")
    (src / "fout.md").write_text("# Fout\n\n" + page, encoding="utf-8")
    app = build(src, freshenv=True)
    return src, app


@pytest.mark.parametrize("case", sorted(CASES))
def test_one_located_dutch_warning(tmp_path, case):
    page, line, subtype, hint = CASES[case]
    src, app = _build_with(tmp_path, page)
    text = app.warning.getvalue()
    assert len(all_warning_lines(text)) == 1, text
    (found,) = parse_warnings(text)
    assert Path(found["path"]) == src / "fout.md", text
    assert (int(found["line"]), found["type"]) == (line, subtype), text
    assert hint in found["msg"], text


def test_the_root_alone_is_clean(tmp_path):
    _src, app = _build_with(tmp_path, "Niets mis hier: `{speaker}x` is code.\n")
    assert all_warning_lines(app.warning.getvalue()) == []


def test_a_clearly_new_name_never_suggests_another_person(tmp_path):
    _src, app = _build_with(tmp_path, "Zie {speaker}`jan-jansen` en {speaker}`piet-janssen`.\n")
    text = app.warning.getvalue()
    assert "raf-janssen" not in text
    assert len(parse_warnings(text)) == 2


def test_an_emptied_field_is_not_called_silent(tmp_path):
    page, *_ = CASES["unknown-option-leaves-a-field-empty"]
    src, app = _build_with(tmp_path, page)
    html = (app.outdir / "fout.html").read_text("utf-8")
    body = re.sub(r"<[^>]+>", " ", html)
    # place and region are really not in the source; the date was written, wrongly
    assert "Plaats" in body and "Datum" not in body, body
    assert body.count("niet vermeld in het artikel") == 2


# -- the volunteer's command -------------------------------------------------------


def test_new_for_an_existing_person_points_to_it(repo):
    result = kb(repo, "nieuw", "spreker", "René Gabriëls")
    assert result.returncode == 1
    message = result.stderr.strip()
    assert message.startswith(
        "Fout: persoon 'rene-gabriels' bestaat al, in docs/personen/rene-gabriels.md:3; "
        "verwijs ernaar met {speaker}`rene-gabriels` in plaats van hem opnieuw te maken"
    ), message


def test_a_placeholder_left_by_new_is_reported(repo):
    made = kb(repo, "nieuw", "spreker", "Jan Jansen")
    assert made.returncode == 0, made.stderr
    page = repo / "docs/personen/jan-jansen.md"
    lines = page.read_text("utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.startswith("% "))
    check = kb(repo, "controleer")
    assert check.returncode != 0
    assert (check.stdout + check.stderr).strip().splitlines()[:-1] == [
        f"docs/personen/jan-jansen.md:{line}: de invulregel van alliantie-kb nieuw staat er nog "
        "(vervang deze regel door een beschrijving in eigen woorden, met de bron erbij)"
    ], check.stdout + check.stderr
    lines[line - 1] = "Een nieuwe spreker."
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert kb(repo, "controleer").returncode == 0


def test_an_unknown_directive_name_is_the_only_message(tmp_path):
    """The block is dropped; a reference to the id it meant to define is a
    consequence of that one cause and says nothing more."""
    page = "```{sprekr} jan-jansen\n:name: Jan Jansen\n```\n\nZie {speaker}`jan-jansen`.\n"
    src, app = _build_with(tmp_path, page)
    text = app.warning.getvalue()
    assert len(all_warning_lines(text)) == 1, text
    (found,) = parse_warnings(text)
    assert (Path(found["path"]), int(found["line"])) == (src / "fout.md", 3), text
    assert found["type"] == "myst.directive_unknown"


def test_an_objects_warnings_come_in_line_order(tmp_path):
    page = (
        "```{talk} 2012-x\n:title: X\n:event: 2012-drachten\n:date: 5 oktober\n"
        ":title: Y\n```\n"
    )
    _src, app = _build_with(tmp_path, page)
    lines = [int(w["line"]) for w in parse_warnings(app.warning.getvalue())]
    assert lines == sorted(lines) and len(lines) == 2, app.warning.getvalue()
