"""The domain takes its type knowledge from the model: change a type's
attributes and the index, the edition and day of an object, and the hint for
a missing object follow, with no type named in the domain."""

from __future__ import annotations

import dataclasses

from bs4 import BeautifulSoup

from alliantie_kb import model

from conftest import build, copy_root


def _retype(monkeypatch, name: str, **changes) -> None:
    """Change one object type of the model for this test only."""
    monkeypatch.setitem(
        model.OBJECT_TYPES, name, dataclasses.replace(model.OBJECT_TYPES[name], **changes)
    )


def _index(app, page: str) -> list[str]:
    html = BeautifulSoup((app.outdir / f"{page}.html").read_text("utf-8"), "html.parser")
    return [" ".join(row.get_text(" ").split()) for row in html.select("table.indextable tr")]


def test_index_descriptions_are_the_models_index_extra(tmp_path):
    # today's: a speaker's role, a talk's day (the title of the object it names)
    app = build(copy_root("domain", tmp_path / "src"), freshenv=True)
    assert "Alex Brenninkmeijer (Nationale ombudsman)" in _index(app, "kb-sprekers")
    assert "Zoek de samenwerking (Werkgroep zorg)" in _index(app, "kb-aanbevelingen")


def test_index_descriptions_follow_a_changed_model(tmp_path, monkeypatch):
    # a relation that may hold free text: the organisation's name, or the text;
    # a relation to several objects: their titles
    _retype(monkeypatch, "speaker", index_extra="affiliation")
    _retype(monkeypatch, "workshop", index_extra="facilitators")
    app = build(copy_root("domain", tmp_path / "src"), freshenv=True)
    speakers = _index(app, "kb-sprekers")
    assert any(
        row.startswith("Alex Brenninkmeijer (Nationale ombudsman <script>") for row in speakers
    )
    assert "René Gabriëls (Maastricht University)" in speakers
    assert "Werkgroep zorg (René Gabriëls, Alex Brenninkmeijer)" in _index(app, "kb-werkgroepen")


def test_alias_entries_follow_the_model(tmp_path, monkeypatch):
    _retype(monkeypatch, "speaker", alias_field="")
    app = build(copy_root("domain", tmp_path / "src"), freshenv=True)
    assert not [row for row in _index(app, "kb-sprekers") if "Brenninckmeijer" in row]


def test_edition_and_day_follow_the_parent_fields_and_is_day(tmp_path, monkeypatch):
    app = build(copy_root("domain", tmp_path / "src"), freshenv=True)
    domain = app.env.domains["kb"]
    talk, advice = domain.get("2012-waarom-boos"), domain.get("2012-samenwerken")
    assert (domain.edition_of(talk), domain.day_of(advice).id) == ("2012", "2012-drachten")
    # a talk whose day is no longer its parent has no edition of its own
    talk_type = model.OBJECT_TYPES["talk"]
    fields = tuple(dataclasses.replace(f, parent=False) for f in talk_type.fields)
    _retype(monkeypatch, "talk", fields=fields)
    assert domain.edition_of(talk) is None
    assert domain.day_of(talk) is None
    # a workshop that is itself a day is its recommendations' day
    _retype(monkeypatch, "workshop", is_day=True)
    assert domain.day_of(advice).id == "2012-werkgroep-zorg"


def test_the_create_command_names_the_type_by_its_cli_noun(tmp_path, monkeypatch):
    _retype(monkeypatch, "speaker", cli_noun="persoon")
    src = copy_root("domain", tmp_path / "src")
    with (src / "index.md").open("a", encoding="utf-8") as page:
        page.write("\nZie ook {speaker}`jan-jansen`.\n")
    app = build(src, freshenv=True)
    assert 'alliantie-kb nieuw persoon "Jan Jansen"' in app.warning.getvalue()
