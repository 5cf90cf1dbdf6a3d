"""Search facets, JSON-LD and accessible diagrams come from the model.

A project whose model says other things (another facet, another schema.org
type or property) gets other facets and JSON-LD, with no code naming a
type; graphviz nodes that are not knowledge-base diagrams keep
sphinx.ext.graphviz's own markup.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from bs4 import BeautifulSoup
from pagefind_index import record_filters

from alliantie_kb.model import OBJECT_TYPES

from conftest import all_warning_lines, build, copy_root

OWN_DIAGRAM = """

```{graphviz}
:alt: Eigen schema

digraph { a -> b }
```
"""


def _with_fields(typename: str, type_changes: dict, **field_changes: dict):
    """``OBJECT_TYPES[typename]`` with some attributes and field attributes changed."""
    objtype = OBJECT_TYPES[typename]
    fields = tuple(dataclasses.replace(f, **field_changes.get(f.name, {})) for f in objtype.fields)
    return dataclasses.replace(objtype, fields=fields, **type_changes)


@pytest.fixture(scope="module")
def outdir(tmp_path_factory):
    changed = {
        # a workshop's facets: its facilitators (by name), no longer its theme
        "workshop": _with_fields(
            "workshop", {}, theme={"facet": False}, facilitators={"facet": True}
        ),
        # a recommendation's kind (a vocabulary value) as a facet, by its label
        "recommendation": _with_fields("recommendation", {}, kind={"facet": True}),
        # a talk as an Event: its day's date and place, its day as superEvent
        "talk": _with_fields("talk", {"schema_type": "Event"}),
        # a speaker as a Thing (with a language) whose role is its description
        "speaker": _with_fields(
            "speaker", {"schema_type": "Thing"}, role={"schema": "description"}
        ),
    }
    with pytest.MonkeyPatch.context() as mp:
        for name, objtype in changed.items():
            mp.setitem(OBJECT_TYPES, name, objtype)
        src = copy_root("views", tmp_path_factory.mktemp("model") / "src")
        with (src / "overzicht.md").open("a", encoding="utf-8") as page:
            page.write(OWN_DIAGRAM)
        app = build(src, freshenv=True, confoverrides={"kb_pagefind": True})
    assert all_warning_lines(app.warning.getvalue()) == []
    return app.outdir


def _soup(outdir, docname: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / f"{docname}.html").read_text("utf-8"), "html.parser")


def _filters(outdir, docname: str) -> set[str]:
    return record_filters(outdir, f"/{docname}.html")


def _graph(outdir, docname: str) -> dict[str, dict]:
    script = _soup(outdir, docname).find("script", type="application/ld+json")
    return {item["name"]: item for item in json.loads(script.string)["@graph"]}


def test_facets_are_the_fields_the_model_marks(outdir):
    filters = _filters(outdir, "dag")
    assert {"Soort:Werkgroep", "Editie:2012", "Alliantiedag:Alliantiedag Drachten"} <= filters
    assert "Begeleiders:René Gabriëls" in filters  # a relation: the target's title
    assert "Soort:advies" in filters  # a vocabulary value: its label
    assert "Thema:werk" not in filters  # only a workshop has it
    # the fields still marked: a recommendation's addressee and theme
    assert {"Gericht aan:Gemeenten", "Thema:dienstverlening"} <= filters


def test_json_ld_types_and_properties_come_from_the_model(outdir):
    talk = _graph(outdir, "dag")["Waarom maakt de overheid mij zo boos?"]
    assert talk["@type"] == "Event"
    assert talk["startDate"] == "2012-10-05"
    assert talk["superEvent"] == {"@type": "Event", "name": "Alliantiedag Drachten"}
    assert talk["author"] == [{"@type": "Thing", "name": "Alex Brenninkmeijer"}]
    person = _graph(outdir, "mensen")["Alex Brenninkmeijer"]
    assert person["@type"] == "Thing" and person["inLanguage"] == "nl"
    assert person["description"] == "Nationale ombudsman" and "jobTitle" not in person
    assert person["affiliation"] == [{"@type": "Organization", "name": "Nationale ombudsman"}]


def test_only_knowledge_base_diagrams_get_an_accessible_name(outdir):
    objects = _soup(outdir, "overzicht").select("div.graphviz object")
    ours = [o for o in objects if "kb-diagram" in o["class"]]
    (own,) = [o for o in objects if "kb-diagram" not in o["class"]]
    assert len(ours) == 2
    for obj in ours:
        fallback = obj.find("p", class_="warning").get_text()
        assert obj["role"] == "img" and obj["aria-label"] == fallback
        assert fallback.startswith("Diagram")
    assert own["class"] == ["graphviz"] and not own.has_attr("role")
    assert own.find("p", class_="warning").get_text() == "Eigen schema"
