"""Generated views: listings, backlinks and diagrams.

Directives only validate their options and leave a placeholder node holding
plain data. ``ResolveViews`` (a post-transform running before Sphinx resolves
cross-references) replaces each placeholder with standard docutils nodes —
tables, lists, rubrics, pending cross-references, graphviz — built from the
domain data *at write time*, so every builder renders them without custom
visitors and they are always computed from the current knowledge base.
``incremental.py`` makes sure pages holding them are rewritten when that
data changes.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import posixpath
import re
import textwrap
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.ext.graphviz import graphviz
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from . import filters
from .domain import KnowledgeBaseDomain, kb_domain, sort_key
from .i18n import _
from .model import (
    COMMON_KEYS,
    ID_RE,
    OBJECT_TYPES,
    VIEW_ALIASES,
    Field,
    ObjectType,
    Record,
    choices,
    reverse_relations,
    type_name,
)
from .render import (
    doc_ref,
    labelled_title,
    not_stated,
    object_ref,
    render_value,
    type_label,
    value_label,
)
from .report import warn
from .safety import trusted
from .validation import closest

logger = logging.getLogger(__name__)

DEFAULT_COLUMNS = {
    "event": ("title", "date", "place", "region"),
    "speaker": ("title", "role", "affiliation"),
    "talk": ("title", "speakers", "event", "date"),
    "workshop": ("title", "event", "theme"),
    "recommendation": ("title", "source", "addressee", "theme"),
    "organisation": ("title", "abbreviation"),
}
TYPE_ORDER = {name: i for i, name in enumerate(OBJECT_TYPES)}
PLURAL_TYPES = {t.key_plural: t.name for t in OBJECT_TYPES.values()}
#: Dates and years in a filter: ASCII digits only (``\d`` also takes ``٢``).
ASCII_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
ASCII_YEAR_RE = re.compile(r"^[0-9]{4}$")


class kb_listing(nodes.General, nodes.Element):
    """Placeholder for a listing; replaced by ``ResolveViews``."""


class kb_backlinks(nodes.General, nodes.Element):
    """Placeholder for an object's "what refers here" section."""


class kb_diagram(nodes.General, nodes.Element):
    """Placeholder for a relationship diagram."""


PLACEHOLDERS = (kb_listing, kb_backlinks, kb_diagram)


# -- keys: declared fields, reverse relations, pseudo-fields -------------------


def known_keys(objtype: ObjectType) -> list[str]:
    keys = [*COMMON_KEYS, *objtype.field_names, *reverse_relations(objtype.name)]
    return list(dict.fromkeys(keys))


def key_label(objtype: ObjectType, key: str) -> str:
    if key == "title":
        return _(objtype.title_label)
    if key == "id":
        return "Id"
    f = objtype.field(key)
    if f is not None:
        return _(f.label)
    return _(OBJECT_TYPES[PLURAL_TYPES[key]].plural)


def key_types(objtype: ObjectType, key: str) -> set[str]:
    """Object types whose data a column or group on ``key`` displays."""
    f = objtype.field(key)
    if f is not None:
        return set(f.targets)
    if key in PLURAL_TYPES:
        return {PLURAL_TYPES[key]}
    return set()


# -- directives ----------------------------------------------------------------


class ListingDirective(SphinxDirective):
    """``{listing} recommendation`` with ``:filter:``, ``:columns:``, ``:sort:``,
    ``:group-by:`` and ``:style: table|list``."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "filter": directives.unchanged,
        "columns": directives.unchanged,
        "sort": directives.unchanged,
        "group-by": directives.unchanged,
        "style": directives.unchanged,
    }

    def warn(self, message: str) -> None:
        warn(self.env, "listing", message, (self.env.current_document.docname, self.lineno))

    def run(self) -> list[nodes.Node]:
        typename = type_name(self.arguments[0].strip())  # {lijst} spreker is fine too
        objtype = OBJECT_TYPES.get(typename)
        if objtype is None:
            near = closest(typename, list(OBJECT_TYPES))
            msg = _("listing of unknown type %r (allowed: %s)") % (
                typename,
                ", ".join(OBJECT_TYPES),
            )
            if near:
                msg += "; " + _("did you mean %r?") % near
            self.warn(msg)
            return []
        keys = known_keys(objtype)
        ok = True

        def check_key(key: str, where: str) -> bool:
            if key in keys:
                return True
            near = closest(key, keys)
            msg = _("unknown field %r in %s of the listing (allowed: %s)") % (
                key,
                where,
                ", ".join(keys),
            )
            if near:
                msg += "; " + _("did you mean %r?") % near
            self.warn(msg)
            return False

        tree = None
        if self.options.get("filter"):
            text = self.options["filter"]
            try:
                tree = filters.parse(text, limited=not trusted(self.config))
            except filters.FilterError as exc:
                self.warn(_("filter %r cannot be read: %s") % (filters.short(text, 60), exc))
                # an unreadable filter selects nothing (never everything)
                return [empty_note(objtype)]
            for key, op, values in filters.conditions(tree):
                if not check_key(key, ":filter:"):
                    ok = False
                    continue
                if not self._check_values(objtype, key, op, values):
                    ok = False
        columns = _split(self.options.get("columns")) or list(DEFAULT_COLUMNS[typename])
        sort = _split(self.options.get("sort"))
        group = (self.options.get("group-by") or "").strip() or None
        for key in columns:
            ok &= check_key(key, ":columns:")
        for key in sort:
            ok &= check_key(key.lstrip("-"), ":sort:")
        if group:
            ok &= check_key(group, ":group-by:")
        style = (self.options.get("style") or "table").strip()
        if style not in ("table", "list"):
            self.warn(_("unknown :style: %r (allowed: table, list)") % style)
            ok = False
        if not ok:
            return []
        node = kb_listing(
            objtype=typename,
            filter=tree,
            columns=columns,
            sort=sort,
            group=group,
            style=style,
        )
        self.set_source_info(node)
        return [node]

    def _check_values(self, objtype: ObjectType, key: str, op: str, values) -> bool:
        f = objtype.field(key)
        if op in filters.ORDERED_OPS and not (f and f.kind in ("date", "year")):
            self.warn(_("%s can only compare dates and years, not %r") % (op, key))
            return False
        if f is None:
            return True
        for value in values:
            problem = None
            allowed = choices(f, self.config)
            if f.kind == "choice" and value not in allowed:
                problem = _("value %r is not allowed for %r (allowed: %s)") % (
                    value,
                    key,
                    ", ".join(allowed),
                )
                near = closest(value, allowed)
                if near:
                    problem += "; " + _("did you mean %r?") % near
            elif f.kind == "date" and not ASCII_DATE_RE.match(value):
                problem = _("%r is not a date; write YYYY-MM-DD") % filters.short(value)
            elif f.kind == "date" and not _is_calendar_date(value):
                problem = (
                    _("%r is not an existing date; check the month (01-12) and the day") % value
                )
            elif f.kind == "year" and not ASCII_YEAR_RE.match(value):
                problem = _(
                    "%r is not a year; write four digits 0-9, such as 2012"
                ) % filters.short(value)
            if problem:
                self.warn(_("in :filter:: %s") % problem)
                return False
        return True


class DiagramDirective(SphinxDirective):
    """``{diagram} 2012`` (an edition) or ``{diagram} rene-gabriels`` (an object)."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        target = self.arguments[0].strip()
        if not (ASCII_YEAR_RE.match(target) or ID_RE.match(target)):
            message = _("diagram of %r: give an edition year (2012) or an object id") % target
            location = (self.env.current_document.docname, self.lineno)
            warn(self.env, "diagram", message, location)
            return []
        node = kb_diagram(target=target)
        self.set_source_info(node)
        return [node]


def _is_calendar_date(value: str) -> bool:
    """True for an ISO date that exists (not 2012-02-30 or 2012-13-01)."""
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def empty_note(objtype: ObjectType) -> nodes.paragraph:
    """The Dutch "nothing matches" note of a listing."""
    text = _("There are no %s that match this selection.") % _(objtype.plural).lower()
    return nodes.paragraph(text, text, classes=["kb-empty"])


def _split(value: str | None) -> list[str]:
    return [item.strip() for item in (value or "").split(",") if item.strip()]


# -- the post-transform --------------------------------------------------------


class ResolveViews(SphinxPostTransform):
    """Replace placeholders with standard nodes (before references resolve)."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        self.kb: KnowledgeBaseDomain = kb_domain(self.env)
        self.docname = self.env.current_document.docname
        # Sphinx 9 keeps the app private on the env; 8.2 has it public
        app = getattr(self.env, "_app", None) or self.env.app
        self.builder = app.builder
        for node in list(self.document.findall(kb_listing)):
            node.replace_self(self.listing(node))
        for node in list(self.document.findall(kb_backlinks)):
            node.replace_self(self.backlinks(node))
        for node in list(self.document.findall(kb_diagram)):
            node.replace_self(self.diagram(node))

    # -- listings --------------------------------------------------------

    def listing(self, node: kb_listing) -> list[nodes.Node]:
        objtype = OBJECT_TYPES[node["objtype"]]
        self.check_filter_ids(node, objtype)
        tree = node["filter"]
        recs = [
            rec
            for rec in self.kb.records(objtype.name)
            if tree is None or filters.evaluate(tree, functools.partial(self.kb.values, rec))
        ]
        if not recs:
            return [empty_note(objtype)]
        recs.sort(key=lambda r: self.sort_tuple(objtype, r, node["sort"]))
        if not node["group"]:
            return [self.render_rows(objtype, recs, node)]
        out: list[nodes.Node] = []
        for label_nodes, members in self.groups(objtype, recs, node["group"]):
            section = nodes.container(classes=["kb-group"])
            section += nodes.rubric("", "", *label_nodes, classes=["kb-group-title"])
            section += self.render_rows(objtype, members, node)
            out.append(section)
        return out

    def check_filter_ids(self, node: kb_listing, objtype: ObjectType) -> None:
        """An id in a filter on a relation (forward or reverse) or on ``id`` that
        names no object: warn, with a hint. Free text where an id may stand
        (``addressee``) is only taken for a typo when it is id-shaped and close
        to a real id, as in an object's own field."""
        if node["filter"] is None:
            return
        for key, _op, values in filters.conditions(node["filter"]):
            f = objtype.field(key)
            free_text = False
            if key == "id":
                targets: tuple[str, ...] = (objtype.name,)
            elif key in PLURAL_TYPES:
                targets = (PLURAL_TYPES[key],)
            elif f is not None and f.is_relation:
                targets, free_text = tuple(f.targets), f.kind == "ref-or-text"
            else:
                continue
            candidates = [r.id for r in self.kb.records() if r.type in targets]
            for value in values:
                rec = self.kb.get(value)
                if rec is not None and rec.type in targets:
                    continue
                if free_text and (not ID_RE.match(value) or not closest(value, candidates)):
                    continue
                msg = _("in :filter:: no object %r for %r") % (filters.short(value), key)
                near = closest(value, candidates)
                if near:
                    msg += "; " + _("did you mean %r?") % near
                logger.warning(msg, type="kb", subtype="listing", location=node)

    def sort_tuple(self, objtype: ObjectType, rec: Record, keys: list[str]):
        if not keys:
            keys = [objtype.date_field, "title"] if objtype.date_field else ["title"]
        out: list[tuple[Any, Any]] = []
        for key in keys:
            descending = key.startswith("-")
            text = self.sortable(objtype, rec, key.lstrip("-"))
            # empty values last, whatever the direction
            if descending:
                out.append((text == "", _Reversed(text)))
            else:
                out.append((text == "", text))
        out.append(("", rec.id))
        return tuple(out)

    def sortable(self, objtype: ObjectType, rec: Record, key: str) -> str:
        values = self.kb.values(rec, key)
        if not values:
            return ""
        f = objtype.field(key)
        if (f and f.is_relation) or key in PLURAL_TYPES:
            titles = [target.title if (target := self.kb.get(v)) else v for v in values]
            return sort_key(titles[0])
        if f and f.kind == "choice":
            return sort_key(value_label(f, values[0], self.config))
        return sort_key(values[0])

    def groups(self, objtype: ObjectType, recs: list[Record], key: str):
        f = objtype.field(key)
        buckets: dict[str, tuple[str, list[nodes.Node], list[Record]]] = {}
        for rec in recs:
            values = self.kb.values(rec, key) or [""]
            for value in values:
                if value == "":
                    label = _("not stated")
                    order = "\uffff"
                    label_nodes: list[nodes.Node] = [
                        nodes.Text(f"{key_label(objtype, key)}: {label}")
                    ]
                else:
                    target = self.kb.get(value)
                    is_ref = (f and f.is_relation) or key in PLURAL_TYPES
                    if is_ref and target is not None:
                        order = sort_key(target.title)
                        label_nodes = [object_ref(value, target.type, self.docname)]
                    else:
                        order = sort_key(value)
                        shown = value
                        if f and f.kind in ("date", "choice"):
                            shown = render_value(
                                f,
                                value,
                                docname=self.docname,
                                language=self.config.language,
                                config=self.config,
                            )[0].astext()
                            if f.kind == "choice":
                                order = sort_key(shown)
                        label_nodes = [nodes.Text(shown)]
                bucket_key = value.casefold()
                if bucket_key not in buckets:
                    buckets[bucket_key] = (order, label_nodes, [])
                buckets[bucket_key][2].append(rec)
        for _key, (_order, label_nodes, members) in sorted(
            buckets.items(), key=lambda item: (item[1][0], item[0])
        ):
            yield label_nodes, members

    def cell(self, objtype: ObjectType, rec: Record, key: str) -> list[nodes.Node]:
        if key == "title":
            return [object_ref(rec.id, rec.type, self.docname)]
        if key == "id":
            return [nodes.literal(rec.id, rec.id)]
        f: Field | None = objtype.field(key)
        if f is not None:
            value = rec.fields.get(key)
            if value is None:
                return [not_stated()] if f.always_shown else []
            if f.kind == "date" and not _is_calendar_date(str(value)):
                return [nodes.Text(str(value))]  # its own page warns about it
            shown = render_value(
                f, value, docname=self.docname, language=self.config.language, config=self.config
            )
            return [_quiet(n) for n in shown]
        out: list[nodes.Node] = []
        related = [self.kb.get(v) for v in self.kb.values(rec, key)]
        for i, other in enumerate(sorted(filter(None, related), key=lambda r: sort_key(r.title))):
            if i:
                out.append(nodes.Text(", "))
            out.append(object_ref(other.id, other.type, self.docname))
        return out

    def render_rows(self, objtype: ObjectType, recs: list[Record], node: kb_listing) -> nodes.Node:
        columns = node["columns"]
        if node["style"] == "list":
            items = nodes.bullet_list(classes=["kb-listing"])
            for rec in recs:
                para = nodes.paragraph()
                para += self.cell(objtype, rec, columns[0])
                details = [(key, self.cell(objtype, rec, key)) for key in columns[1:]]
                details = [(k, c) for k, c in details if c]
                for i, (key, cell) in enumerate(details):
                    para += nodes.Text(" — " if i == 0 else "; ")
                    para += nodes.Text(f"{key_label(objtype, key)}: ")
                    para += cell
                items += nodes.list_item("", para)
            return items
        # explicit widths: LaTeX would otherwise squeeze short columns until
        # their headings overflow; long listings become longtables by themselves
        table = nodes.table(classes=["kb-listing", "colwidths-given"])
        tgroup = nodes.tgroup(cols=len(columns))
        table += tgroup
        for i, _col in enumerate(columns):
            # relative widths (LaTeX, HTML); the text builder reads them as characters
            tgroup += nodes.colspec(colwidth=30 if i == 0 else 20)
        head_row = nodes.row()
        for key in columns:
            label = key_label(objtype, key)
            head_row += nodes.entry("", nodes.paragraph(label, label))
        tgroup += nodes.thead("", head_row)
        body = nodes.tbody()
        for rec in recs:
            row = nodes.row()
            for key in columns:
                row += nodes.entry("", nodes.paragraph("", "", *self.cell(objtype, rec, key)))
            body += row
        tgroup += body
        return table

    # -- backlinks -------------------------------------------------------

    def backlinks(self, node: kb_backlinks) -> list[nodes.Node]:
        rec = self.kb.get(node["objid"])
        if rec is None or rec.docname != self.docname or rec.anchor != node["anchor"]:
            return []  # a duplicate that lost: it has no backlinks of its own
        objtype = OBJECT_TYPES[rec.type]
        items = nodes.bullet_list(classes=["kb-backlinks"])
        referrers = sorted(
            self.kb.referrers(rec.id),
            key=lambda pair: (
                TYPE_ORDER[pair[0].type],
                sort_key(pair[0].title),
                pair[0].id,
                pair[1],
            ),
        )
        for other, field_name in referrers:
            other_type = OBJECT_TYPES[other.type]
            para = nodes.paragraph()
            para += nodes.Text(f"{type_label(other.type)}: ")
            para += object_ref(other.id, other.type, self.docname)
            field_label = _(other_type.field_label(field_name)).lower()
            para += nodes.Text(f" ({field_label})")
            items += nodes.list_item("", para)
        for docname in self.kb.mentioned_on(rec.id):
            if docname == self.docname:
                continue
            para = nodes.paragraph()
            para += nodes.Text(_("Page") + ": ")
            para += doc_ref(docname, self.docname)
            items += nodes.list_item("", para)
        if not items.children:
            return []
        title = _(objtype.backlinks_title)
        box = nodes.container(classes=["kb-backlinks-section"])
        box += nodes.rubric(title, title, classes=["kb-backlinks-title"])
        box += items
        return [box]

    # -- diagrams --------------------------------------------------------

    def diagram(self, node: kb_diagram) -> list[nodes.Node]:
        target = node["target"]
        graph = _Graph(self)
        if ASCII_YEAR_RE.match(target):
            found = graph.edition(target)
            alt = _("Diagram of the Alliance days %s") % target
        else:
            rec = self.kb.get(target)
            if rec is None:
                candidates = [r.id for r in self.kb.records()]
                msg = _("diagram of unknown object %r") % target
                near = closest(target, candidates)
                if near:
                    msg += "; " + _("did you mean %r?") % near
                logger.warning(msg, type="kb", subtype="diagram", location=node)
                return []
            found = graph.around(rec)
            alt = _("Diagram of the relations of %s") % rec.title
        if not found:
            text = _("There is nothing to draw for %s yet.") % target
            return [nodes.paragraph(text, text, classes=["kb-empty"])]
        gv = graphviz()
        gv["code"] = graph.dot()
        gv["options"] = {"docname": self.docname}
        # sphinx.ext.graphviz writes alt text unescaped into HTML
        gv["alt"] = html.escape(alt) if self.builder.format == "html" else alt
        gv["classes"] = ["kb-diagram"]
        gv.source, gv.line = node.source, node.line
        return [gv]


def _quiet(node: nodes.Node) -> nodes.Node:
    """Mark a reference copied from another object's data: if it dangles, the
    object's own page reports it (at its line); the listing stays silent."""
    if isinstance(node, addnodes.pending_xref):
        node["kb_quiet"] = True
    return node


class _Reversed(str):
    """A string that sorts in reverse order."""

    def __lt__(self, other: str) -> bool:  # type: ignore[override]
        return str.__gt__(self, other)

    def __gt__(self, other: str) -> bool:  # type: ignore[override]
        return str.__lt__(self, other)


_STYLE = {
    "edition": 'shape=doubleoctagon, style=filled, fillcolor="#fde8c8"',
    "event": 'shape=box, style="rounded,filled", fillcolor="#d6e9f8"',
    "talk": 'shape=ellipse, style=filled, fillcolor="#e3f1dc"',
    "workshop": 'shape=box, style=filled, fillcolor="#e3f1dc"',
    "recommendation": 'shape=note, style=filled, fillcolor="#fff6cc"',
    "organisation": 'shape=component, style=filled, fillcolor="#eadcf1"',
    "speaker": 'shape=oval, style=filled, fillcolor="#f8dcdc"',
    "text": "shape=plaintext",
}


def _dot_text(text: str, width: int = 28) -> str:
    lines = [
        wrapped for part in text.split("\n") for wrapped in (textwrap.wrap(part, width) or [part])
    ]
    escaped = [line.replace("\\", "\\\\").replace('"', '\\"') for line in lines]
    return "\\n".join(escaped)


class _Graph:
    """Nodes and edges of one diagram, emitted as deterministic dot code."""

    def __init__(self, view: ResolveViews) -> None:
        self.view = view
        self.kb = view.kb
        self.nodes: dict[str, tuple[str, str, str | None]] = {}  # key -> (style, label, url)
        self.edges: set[tuple[str, str, str]] = set()  # (from, to, style)

    def url(self, rec: Record) -> str | None:
        builder = self.view.builder
        if builder.name not in ("html", "dirhtml", "singlehtml"):
            return None  # LaTeX and EPUB: no links inside the picture
        # sphinx.ext.graphviz rebases every relative link in the SVG from the
        # page's folder to _images/: give it a path from that folder to the
        # target *file* (never "" or "#..." for this same page, which it
        # would turn into a link to the folder)
        target = builder.get_target_uri(rec.docname).split("#", 1)[0]
        folder = posixpath.dirname(self.view.docname) or "."
        path = posixpath.relpath(target or ".", folder)
        if target.endswith("/") and not path.endswith("/"):
            path += "/"
        return f"{path}#{rec.anchor}"

    def add(self, rec: Record) -> str:
        key = f"{rec.type}:{rec.id}"
        if key not in self.nodes:
            label = labelled_title(rec)
            self.nodes[key] = (rec.type, label, self.url(rec))
        return key

    def add_value(self, value: str, f: Field) -> str:
        rec = self.kb.get(value)
        if rec is not None and rec.type in f.targets:
            return self.add(rec)
        key = f"text:{value.casefold()}"
        self.nodes.setdefault(key, ("text", value, None))
        return key

    def edge(self, a: str, b: str, style: str = "solid") -> None:
        self.edges.add((a, b, style))

    def outgoing(self, rec: Record, only: tuple[str, ...] | None = None) -> None:
        """Edges from ``rec`` to the objects and texts its relations name."""
        me = self.add(rec)
        for f in OBJECT_TYPES[rec.type].fields:
            if not f.is_relation or (only is not None and f.name not in only):
                continue
            for value in self.kb.values(rec, f.name):
                other = self.add_value(value, f)
                # draw along the story: day -> talk -> recommendation -> addressee
                if f.name in ("event", "source"):
                    self.edge(other, me)
                else:
                    self.edge(me, other)

    def edition(self, year: str) -> bool:
        members = [r for r in self.kb.records() if self.kb.edition_of(r) == year]
        if not members:
            return False
        root = f"edition:{year}"
        self.nodes[root] = ("edition", _("Alliance days %s") % year, None)
        for rec in sorted(members, key=lambda r: (TYPE_ORDER[r.type], sort_key(r.title))):
            if rec.type not in ("event", "talk", "workshop", "recommendation"):
                continue
            me = self.add(rec)
            if rec.type == "event":
                self.edge(root, me)
                continue
            parent_field = "source" if rec.type == "recommendation" else "event"
            if not self.kb.values(rec, parent_field):
                self.edge(root, me, "dashed")  # day or source not stated in the source
            # the storyline only: day -> talk/workshop -> recommendation -> addressee
            self.outgoing(rec, only=("event", "source", "addressee"))
        return True

    def around(self, rec: Record) -> bool:
        self.outgoing(rec)
        for other, _field in self.kb.referrers(rec.id):
            self.outgoing(other)
        return len(self.nodes) > 1

    def dot(self) -> str:
        lines = [
            "digraph kb {",
            '  graph [rankdir=LR, bgcolor="transparent", fontname="sans-serif"];',
            '  node [fontname="sans-serif", fontsize=10, margin="0.12,0.06"];',
            '  edge [color="#666666", arrowsize=0.6];',
        ]
        ids = {key: f"n{i}" for i, key in enumerate(sorted(self.nodes))}
        for key in sorted(self.nodes):
            style, label, url = self.nodes[key]
            parts = [f'label="{_dot_text(label)}"', _STYLE[style]]
            if url:
                parts.append(f'URL="{url}", target="_top"')
                parts.append(f'tooltip="{_dot_text(label, 200)}"')
            lines.append(f"  {ids[key]} [{', '.join(parts)}];")
        for a, b, style in sorted(self.edges):
            extra = " [style=dashed]" if style == "dashed" else ""
            lines.append(f"  {ids[a]} -> {ids[b]}{extra};")
        lines.append("}")
        return "\n".join(lines) + "\n"


def _skip(self, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup_views(app) -> None:
    app.setup_extension("sphinx.ext.graphviz")
    for node_class in PLACEHOLDERS:
        # never reached: ResolveViews replaces them for every builder
        app.add_node(
            node_class,
            **{fmt: (_skip, None) for fmt in ("html", "latex", "text", "man", "texinfo")},
        )
    app.add_directive_to_domain("kb", "listing", ListingDirective)
    for alias, name in VIEW_ALIASES.items():  # {lijst}
        app.add_directive_to_domain("kb", alias, {"listing": ListingDirective}[name])
    app.add_directive_to_domain("kb", "diagram", DiagramDirective)
    app.add_post_transform(ResolveViews)
