"""A diagram as a nested list: the text alternative for phones and screen readers.

The list is read from the same ``Graph`` that draws the picture, following
its arrows: ``Alliantiedag Drachten → Lezing … → Aanbeveling … → Gericht aan:
de overheid``. Each box becomes a list item (a link for an object), each
arrow a step one level deeper. A box with arrows of its own that was already
written out is named again with "(see above)" instead of repeating its
branch. The list is written in HTML as a ``<details>`` element that opens
with one tap; print and other builders leave it out (the picture is there).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from .i18n import _
from .keys import TYPE_ORDER
from .render import object_ref, type_label

if TYPE_CHECKING:
    from .diagrams import Graph

#: The class of the list alternative's ``<details>`` element.
LIST_CLASS = "kb-diagram-list"


class kb_diagram_list(nodes.General, nodes.Element):
    """The list alternative of a diagram; ``summary`` is its one-line title."""


class Outline:
    """Walks a graph's arrows from the boxes no arrow points to."""

    def __init__(self, graph: Graph, docname: str) -> None:
        self.graph = graph
        self.docname = docname
        self.children: dict[str, list[tuple[str, str]]] = {key: [] for key in graph.nodes}
        self.pointed_at: set[str] = set()
        for a, b, style in sorted(graph.edges):
            self.children[a].append((b, style))
            self.pointed_at.add(b)
        for targets in self.children.values():
            targets.sort(key=lambda pair: self.sort_key(pair[0]))
        self.written: set[str] = set()

    def sort_key(self, key: str) -> tuple[int, str, str]:
        """Order of siblings: by type as in the site's listings (days first),
        then by title; free text after the objects."""
        rec = self.graph.records.get(key)
        order = TYPE_ORDER[rec.type] if rec else len(TYPE_ORDER)
        return (order, self.graph.nodes[key][1].casefold(), key)

    def item(self, key: str, parent: str | None, style: str) -> nodes.list_item:
        """The list item of box ``key``, reached from ``parent`` along ``style``."""
        para = nodes.paragraph()
        relation = self.graph.relations.get((parent, key)) if parent else None
        if relation:
            text = _("%s:") % _(relation) + " "
            para += nodes.Text(text)
        rec = self.graph.records.get(key)
        if rec is None:
            label = self.graph.nodes[key][1]
            para += nodes.Text(label)
        else:
            label = type_label(rec.type)
            # "Lezing …", but not "Alliantiedag Alliantiedag …" nor "Gericht aan:
            # Organisatie De overheid" (the relation says what the box is)
            if not relation and not rec.title.casefold().startswith(label.casefold()):
                para += nodes.Text(f"{label} ")
            para += object_ref(rec.id, rec.type, self.docname)
        if style == "inferred":
            para += nodes.Text(" " + _("(inferred)"))
        elif style == "dashed":
            para += nodes.Text(" " + _("(day not stated in the article)"))
        item = nodes.list_item("", para)
        branch = self.children[key]
        if branch and key in self.written:
            para += nodes.Text(" " + _("(see above)"))
            return item
        self.written.add(key)
        if branch:
            sub = nodes.bullet_list()
            for child, child_style in branch:
                sub += self.item(child, key, child_style)
            item += sub
        return item

    def tree(self) -> nodes.bullet_list:
        """The whole graph: one top-level item per starting box."""
        top = nodes.bullet_list()
        roots = [key for key in self.graph.nodes if key not in self.pointed_at]
        for key in sorted(roots, key=self.sort_key):
            top += self.item(key, None, "solid")
        # a circle of arrows has no starting box: start at its first box
        for key in sorted(self.graph.nodes, key=self.sort_key):
            if key not in self.written and self.children[key]:
                top += self.item(key, None, "solid")
        return top


def diagram_outline(graph: Graph, docname: str) -> kb_diagram_list:
    """The list alternative of ``graph``, drawn on page ``docname``."""
    box = kb_diagram_list(classes=[LIST_CLASS], summary=_("The diagram as a list"))
    box += Outline(graph, docname).tree()
    return box


def visit_diagram_list(self: HTML5Translator, node: kb_diagram_list) -> None:
    """Open the ``<details>`` element with its summary."""
    summary = self.encode(str(node["summary"]))
    self.body.append(self.starttag(node, "details", ""))
    self.body.append(f"<summary>{summary}</summary>\n")


def depart_diagram_list(self: HTML5Translator, node: kb_diagram_list) -> None:
    """Close the ``<details>`` element."""
    self.body.append("</details>\n")


def skip_diagram_list(self: object, node: kb_diagram_list) -> None:
    """Other formats leave the list out (it is only made for HTML anyway)."""
    raise nodes.SkipNode


def setup_diagram_list(app: Sphinx) -> None:
    """Register the list node: ``<details>`` in HTML, nothing elsewhere."""
    skip = (skip_diagram_list, None)
    app.add_node(
        kb_diagram_list,
        html=(visit_diagram_list, depart_diagram_list),
        latex=skip,
        text=skip,
        man=skip,
        texinfo=skip,
    )
