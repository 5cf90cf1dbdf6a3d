"""Diagrams: ``{diagram} 2012`` (an edition's storyline) or
``{diagram} rene-gabriels`` (an object and its neighbours).

The directive leaves a ``kb_diagram`` placeholder; when the page is written
it becomes a ``sphinx.ext.graphviz`` node whose DOT code is built from the
domain's current data. What is drawn, in which direction and in which style
comes from the model: ``ObjectType.in_storyline``, ``is_day`` and
``diagram_style``; ``Field.parent`` (drawn from the parent to the child) and
``Field.storyline``. The DOT code is deterministic: nodes and edges sorted.
"""

from __future__ import annotations

import html
import posixpath
import textwrap
from typing import Any, ClassVar, Literal

from docutils import nodes
from sphinx.builders import Builder
from sphinx.ext.graphviz import graphviz
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .diagram_list import diagram_outline
from .domain import KnowledgeBaseDomain, sort_key
from .i18n import _
from .keys import TYPE_ORDER
from .model import (
    EDITION_DIAGRAM_STYLE,
    ID_RE,
    OBJECT_TYPES,
    TEXT_DIAGRAM_STYLE,
    YEAR_RE,
    Field,
    Record,
)
from .nodes import kb_diagram
from .render import labelled_title
from .report import hinted, warn
from .validation import closest

logger = logging.getLogger(__name__)

#: Builders whose diagrams link their nodes to the objects' entries.
LINKING_BUILDERS = ("html", "dirhtml", "singlehtml")
#: The letter size (pt) and line length (characters) of diagrams on paper.
#: An edition's (left to right, on a landscape page of its own): large
#: letters, since the picture is scaled down to the page. An object's
#: neighbours (top to bottom, within the text width): the body text's size
#: and short lines, so that boxes side by side fit without shrinking much.
PAPER_FONT_SIZE = 14
PAPER_WRAP = 34
PAPER_FONT_SIZE_TB = 10
PAPER_WRAP_TB = 22


class DiagramDirective(SphinxDirective):
    """``{diagram} 2012`` (an edition) or ``{diagram} rene-gabriels`` (an object)."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        target = self.arguments[0].strip()
        if not (YEAR_RE.match(target) or ID_RE.match(target)):
            message = _("diagram of %r: give an edition year (2012) or an object id") % target
            location = (self.env.current_document.docname, self.lineno)
            warn(self.env, "diagram", message, location)
            return []
        node = kb_diagram(target=target)
        self.set_source_info(node)
        return [node]


def resolve_diagram(
    node: kb_diagram, kb: KnowledgeBaseDomain, docname: str, builder: Builder
) -> list[nodes.Node]:
    """A graphviz node drawing the edition or the object ``node`` names."""
    target = node["target"]
    graph = Graph(kb, docname, builder)
    if YEAR_RE.match(target):
        found = graph.edition(target)
        alt = _("Diagram of the Alliance days %s") % target
    else:
        rec = kb.get(target)
        if rec is None:
            candidates = [r.id for r in kb.records()]
            msg = _("diagram of unknown object %r") % target
            near = closest(target, candidates)
            if near:
                msg = hinted(msg, _("did you mean %r?") % near)
            logger.warning(msg, type="kb", subtype="diagram", location=node)
            return []
        found = graph.around(rec)
        alt = _("Diagram of the relations of %s") % rec.title
    if not found:
        text = _("There is nothing to draw for %s yet.") % target
        return [nodes.paragraph(text, text, classes=["kb-empty"])]
    gv = graphviz()
    # on paper every diagram has the larger letters; an edition's gets a page
    # of its own in landscape (print_layout.py)
    on_paper = builder.format == "latex"
    landscape = on_paper and bool(YEAR_RE.match(target))
    gv["code"] = graph.dot(on_paper=on_paper, rankdir="TB" if on_paper and not landscape else "LR")
    if landscape:
        gv["kb_landscape"] = True  # the edition on a page of its own (print_layout)
    gv["options"] = {"docname": docname}
    # sphinx.ext.graphviz writes alt text unescaped into HTML
    gv["alt"] = html.escape(alt) if builder.format == "html" else alt
    gv["classes"] = ["kb-diagram"]
    gv.source, gv.line = node.source, node.line
    if builder.format != "html":
        return [gv]
    # the same graph as a nested list, for phones and screen readers
    return [gv, diagram_outline(graph, docname)]


def _dot_text(text: str, width: int = 28) -> str:
    """``text`` as a quoted DOT string's content, wrapped at ``width``."""
    lines = [
        wrapped for part in text.split("\n") for wrapped in (textwrap.wrap(part, width) or [part])
    ]
    escaped = [line.replace("\\", "\\\\").replace('"', '\\"') for line in lines]
    return "\\n".join(escaped)


class Graph:
    """Nodes and edges of one diagram, emitted as deterministic dot code."""

    def __init__(self, kb: KnowledgeBaseDomain, docname: str, builder: Builder) -> None:
        self.kb = kb
        self.docname = docname
        self.builder = builder
        #: key -> (graphviz attributes, label, url)
        self.nodes: dict[str, tuple[str, str, str | None]] = {}
        self.edges: set[tuple[str, str, Literal["solid", "dashed", "inferred"]]] = set()
        #: key -> the object a node stands for (free-text nodes have none)
        self.records: dict[str, Record] = {}
        #: (from, to) -> the relation's label, for arrows drawn along a relation
        self.relations: dict[tuple[str, str], str] = {}

    def url(self, rec: Record) -> str | None:
        """The link of ``rec``'s node, relative as sphinx.ext.graphviz wants it."""
        if self.builder.name not in LINKING_BUILDERS:
            return None  # LaTeX and EPUB: no links inside the picture
        # sphinx.ext.graphviz rebases every relative link in the SVG from the
        # page's folder to _images/: give it a path from that folder to the
        # target *file* (never "" or "#..." for this same page, which it
        # would turn into a link to the folder)
        target = self.builder.get_target_uri(rec.docname).split("#", 1)[0]
        folder = posixpath.dirname(self.docname) or "."
        path = posixpath.relpath(target or ".", folder)
        if target.endswith("/") and not path.endswith("/"):
            path += "/"
        return f"{path}#{rec.anchor}"

    def add(self, rec: Record) -> str:
        """The node of an object (added once)."""
        key = f"{rec.type}:{rec.id}"
        if key not in self.nodes:
            style = OBJECT_TYPES[rec.type].diagram_style
            self.nodes[key] = (style, labelled_title(rec), self.url(rec))
            self.records[key] = rec
        return key

    def add_value(self, value: str, f: Field) -> str:
        """The node of a relation's value: its object, or the free text."""
        rec = self.kb.get(value)
        if rec is not None and rec.type in f.targets:
            return self.add(rec)
        key = f"text:{value.casefold()}"
        self.nodes.setdefault(key, (TEXT_DIAGRAM_STYLE, value, None))
        return key

    def edge(
        self, a: str, b: str, style: Literal["solid", "dashed", "inferred"] = "solid"
    ) -> None:
        """An arrow from node ``a`` to node ``b``."""
        self.edges.add((a, b, style))

    def outgoing(self, rec: Record, storyline_only: bool = False) -> None:
        """Edges from ``rec`` to the objects and texts its relations name
        (with ``storyline_only``: its parent and storyline relations only)."""
        me = self.add(rec)
        for f in OBJECT_TYPES[rec.type].fields:
            if not f.is_relation or (storyline_only and not (f.parent or f.storyline)):
                continue
            for value in self.kb.values(rec, f.name):
                other = self.add_value(value, f)
                # a value the source implies rather than states: "afgeleid" on the arrow
                style: Literal["solid", "inferred"] = (
                    "inferred" if f.name in rec.inferred else "solid"
                )
                # draw along the story: day -> talk -> recommendation -> addressee
                if f.parent:
                    self.edge(other, me, style)
                else:
                    self.edge(me, other, style)
                    self.relations[(me, other)] = f.label

    def edition(self, year: str) -> bool:
        """The storyline of an edition: its days, what happened there and what
        came of it. False when the edition has no objects."""
        members = [r for r in self.kb.records() if self.kb.edition_of(r) == year]
        if not members:
            return False
        root = f"edition:{year}"
        self.nodes[root] = (EDITION_DIAGRAM_STYLE, _("Alliance days %s") % year, None)
        for rec in sorted(members, key=lambda r: (TYPE_ORDER[r.type], sort_key(r.title))):
            objtype = OBJECT_TYPES[rec.type]
            if not objtype.in_storyline:
                continue
            me = self.add(rec)
            if objtype.is_day:
                self.edge(root, me)
                continue
            if not any(self.kb.values(rec, f.name) for f in objtype.parent_fields):
                self.edge(root, me, "dashed")  # day or source not stated in the source
            self.outgoing(rec, storyline_only=True)
        return True

    def around(self, rec: Record) -> bool:
        """``rec``, what it names and what names it. False when alone."""
        self.outgoing(rec)
        for other, _field in self.kb.referrers(rec.id):
            self.outgoing(other)
        return len(self.nodes) > 1

    def dot(self, on_paper: bool = False, rankdir: str = "LR") -> str:
        """The graph as DOT code; nodes numbered in the order of their keys.

        ``on_paper``: larger letters, tighter spacing and longer lines, so
        the picture still reads when it is scaled down to the page."""
        tb = rankdir == "TB"
        paper = (PAPER_FONT_SIZE_TB, PAPER_WRAP_TB) if tb else (PAPER_FONT_SIZE, PAPER_WRAP)
        size, width = paper if on_paper else (10, 28)
        small = size if on_paper else size - 1  # the word on an arrow
        spacing = ", nodesep=0.05, ranksep=0.3" if on_paper else ""
        margin = "0.04,0.02" if on_paper else "0.12,0.06"
        lines = [
            "digraph kb {",
            f'  graph [rankdir={rankdir}, bgcolor="transparent", fontname="sans-serif"{spacing}];',
            f'  node [fontname="sans-serif", fontsize={size}, margin="{margin}"];',
            '  edge [color="#666666", arrowsize=0.6];',
        ]
        ids = {key: f"n{i}" for i, key in enumerate(sorted(self.nodes))}
        for key in sorted(self.nodes):
            style, label, url = self.nodes[key]
            parts = [f'label="{_dot_text(label, width)}"', style]
            if url:
                parts.append(f'URL="{url}", target="_top"')
                parts.append(f'tooltip="{_dot_text(label, 200)}"')
            lines.append(f"  {ids[key]} [{', '.join(parts)}];")
        for a, b, style in sorted(self.edges):
            extra = " [style=dashed]" if style == "dashed" else ""
            if style == "inferred":
                word = _dot_text(str(_("inferred")))
                # on paper beside the arrow (xlabel): the layout keeps its width
                key = "xlabel" if on_paper else "label"
                extra = (
                    f' [{key}="{word}", fontname="sans-serif", fontsize={small},'
                    ' fontcolor="#666666"]'
                )
            lines.append(f"  {ids[a]} -> {ids[b]}{extra};")
        lines.append("}")
        return "\n".join(lines) + "\n"
