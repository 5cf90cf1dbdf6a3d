"""Listings and diagrams take what varies per type from the model (issue 13).

Each test changes one attribute of an ``ObjectType`` or a ``Field`` in
``model.OBJECT_TYPES`` (as a new type or field would), builds the views root
for real and finds the listing or diagram following it, with no other
module to edit. The same page built from the unchanged model is the
baseline, so each test also shows the attribute is what made the difference.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from docutils import nodes
from sphinx.ext.graphviz import graphviz
from sphinx.testing.util import SphinxTestApp

from alliantie_kb import model

from conftest import all_warning_lines, copy_root

PAGE = """\
---
orphan: true
---
# Model

```{listing} speaker
```

```{diagram} 2012
```

```{diagram} nationale-ombudsman
```
"""

DOT_NODE = re.compile(r'^  (n\d+) \[label="((?:[^"\\]|\\.)*)", (.*)\];$', re.M)
DOT_EDGE = re.compile(r"^  (n\d+) -> (n\d+)( \[style=dashed\])?;$", re.M)


def built(where: Path, recommendation_edition: bool = False) -> nodes.document:
    """Build the views root with the model page; the page as it was written
    (placeholders resolved, in Dutch)."""
    src = copy_root("views", where)
    (src / "model.md").write_text(PAGE, encoding="utf-8")
    if recommendation_edition:  # stated, not only through their source
        day = src / "dag.md"
        text = re.sub(
            r"(```\{recommendation\} .*\n)", r"\1:edition: 2012\n", day.read_text("utf-8")
        )
        day.write_text(text, encoding="utf-8")
    written: dict[str, nodes.document] = {}

    def keep(app: Any, doctree: nodes.document, docname: str) -> None:
        written[docname] = doctree.deepcopy()

    app = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO(), freshenv=True)
    app.connect("doctree-resolved", keep)
    try:
        app.build()
    finally:
        app.cleanup()
    assert all_warning_lines(app.warning.getvalue()) == []
    return written["model"]


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> nodes.document:
    """The page built from the model as it is."""
    return built(tmp_path_factory.mktemp("plain") / "src")


def retype(monkeypatch: pytest.MonkeyPatch, typename: str, **changes: Any) -> None:
    """Replace a type of the model by a copy with ``changes``."""
    changed = dataclasses.replace(model.OBJECT_TYPES[typename], **changes)
    monkeypatch.setitem(model.OBJECT_TYPES, typename, changed)


def refield(monkeypatch: pytest.MonkeyPatch, typename: str, name: str, **changes: Any) -> None:
    """Replace a field of a type of the model by a copy with ``changes``."""
    fields = model.OBJECT_TYPES[typename].fields
    new = tuple(dataclasses.replace(f, **changes) if f.name == name else f for f in fields)
    retype(monkeypatch, typename, fields=new)


def headings(page: nodes.document) -> list[str]:
    (thead,) = page.findall(nodes.thead)
    return [entry.astext() for entry in thead.findall(nodes.entry)]


def diagram(page: nodes.document, index: int) -> tuple[dict[str, str], set[tuple[str, str, bool]]]:
    """Node attributes by label, and edges (from label, to label, dashed), of
    the page's ``index``-th diagram (0: the edition, 1: the organisation)."""
    dot = [gv["code"] for gv in page.findall(graphviz)][index]
    labels: dict[str, str] = {}
    styles: dict[str, str] = {}
    for key, label, attrs in DOT_NODE.findall(dot):
        labels[key] = label.replace("\\n", " ")
        styles[labels[key]] = attrs
    edges = {(labels[a], labels[b], bool(dashed)) for a, b, dashed in DOT_EDGE.findall(dot)}
    return styles, edges


DAY = "Alliantiedag Drachten"
ROOT = "Alliantiedagen 2012"
TALK = "Lezing Waarom maakt de overheid mij zo boos?"
WORKSHOP = "Werkgroep zorg"
ALEX = "Persoon Alex Brenninkmeijer"
OMBUDSMAN = "Organisatie Nationale ombudsman"
TRUST = "Aanbeveling Benader burgers vanuit vertrouwen"
TOGETHER = "Aanbeveling Zoek de samenwerking"


def test_listing_columns_default_to_the_types_default_columns(plain, monkeypatch, tmp_path):
    assert headings(plain) == ["Naam", "Functie", "Verbonden aan"]
    retype(monkeypatch, "speaker", default_columns=("title", "affiliation"))
    assert headings(built(tmp_path / "src")) == ["Naam", "Verbonden aan"]


def test_diagram_nodes_have_the_types_diagram_style(plain, monkeypatch, tmp_path):
    styles, _edges = diagram(plain, 1)
    assert styles[ALEX].startswith("shape=oval, ")
    retype(monkeypatch, "speaker", diagram_style="shape=hexagon, color=red")
    styles, _edges = diagram(built(tmp_path / "src"), 1)
    assert styles[ALEX].startswith("shape=hexagon, color=red, URL=")
    assert styles[OMBUDSMAN].startswith("shape=component, ")


def test_edition_diagram_draws_the_storyline_types_from_their_day(plain, monkeypatch, tmp_path):
    _styles, edges = diagram(plain, 0)
    assert {(DAY, TALK, False), (DAY, WORKSHOP, False), (ROOT, DAY, False)} <= edges
    assert (ROOT, WORKSHOP, False) not in edges
    # talks leave the storyline (drawn only as a source); workshops become days
    retype(monkeypatch, "talk", in_storyline=False)
    retype(monkeypatch, "workshop", is_day=True)
    _styles, edges = diagram(built(tmp_path / "src"), 0)
    assert (DAY, TALK, False) not in edges
    assert (TALK, TRUST, False) in edges
    assert (ROOT, WORKSHOP, False) in edges
    assert (DAY, WORKSHOP, False) not in edges


def test_relations_are_drawn_from_the_parent_and_along_the_storyline(plain, monkeypatch, tmp_path):
    _styles, around = diagram(plain, 1)
    assert (ALEX, OMBUDSMAN, False) in around
    _styles, edges = diagram(plain, 0)
    assert not any(ALEX in edge for edge in edges)
    refield(monkeypatch, "speaker", "affiliation", parent=True)
    refield(monkeypatch, "recommendation", "speaker", storyline=True)
    page = built(tmp_path / "src")
    _styles, around = diagram(page, 1)
    assert (OMBUDSMAN, ALEX, False) in around
    assert (ALEX, OMBUDSMAN, False) not in around
    _styles, edges = diagram(page, 0)
    assert (TRUST, ALEX, False) in edges


def test_a_storyline_object_without_its_parent_hangs_from_the_edition(plain, monkeypatch, tmp_path):
    _styles, edges = diagram(plain, 0)
    assert not any(dashed for _a, _b, dashed in edges)
    # a recommendation placed under the speaker who made it, not its source
    refield(monkeypatch, "recommendation", "source", parent=False)
    refield(monkeypatch, "recommendation", "speaker", parent=True)
    _styles, edges = diagram(built(tmp_path / "src", recommendation_edition=True), 0)
    assert (ROOT, TOGETHER, True) in edges  # no speaker stated
    assert (ALEX, TRUST, False) in edges
    assert (ROOT, TRUST, True) not in edges


VIEW_MODULES = ("views", "nodes", "keys", "listings", "listing_view", "backlinks", "diagrams")


@pytest.mark.parametrize("name", VIEW_MODULES)
def test_view_modules_name_no_type_and_no_relation(name):
    """No string in the views' code is a type's name or a relation field's
    name (``event``, ``source``, ``addressee``...): they ask the model."""
    import alliantie_kb

    relations = {f.name for t in model.OBJECT_TYPES.values() for f in t.fields if f.is_relation}
    forbidden = set(model.OBJECT_TYPES) | relations
    path = Path(alliantie_kb.__file__).parent / f"{name}.py"
    tree = ast.parse(path.read_text("utf-8"))
    named = {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    assert named & forbidden == set()
