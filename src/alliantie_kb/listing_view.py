"""A listing as the reader sees it: the ``kb_listing`` placeholder resolved
into a table or a bullet list when the page is written.

The objects are selected from the domain's current data (``filters``),
sorted (by date and title unless ``:sort:`` says otherwise, empty values
last), grouped (``:group-by:``) and rendered with the same value nodes as
the objects' own entries. Ids in the filter that name no object are reported
here, once every page has been read.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any, assert_never

from docutils import nodes
from sphinx import addnodes
from sphinx.config import Config
from sphinx.util import logging

from . import filters
from .domain import KnowledgeBaseDomain, sort_key
from .i18n import _
from .keys import key_label, key_targets, shows_objects
from .listings import empty_note, is_calendar_date
from .model import ID_RE, OBJECT_TYPES, Field, ObjectType, Record
from .nodes import kb_listing
from .render import inferred_marker, not_stated, object_ref, render_value, value_label
from .report import hinted
from .validation import closest

logger = logging.getLogger(__name__)


class Listing:
    """Resolves the ``kb_listing`` placeholders of one page being written."""

    def __init__(self, kb: KnowledgeBaseDomain, docname: str, config: Config) -> None:
        self.kb = kb
        self.docname = docname
        self.config = config

    def resolve(self, node: kb_listing) -> list[nodes.Node]:
        """The matching objects as a table or list, per group if asked."""
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
        for label_nodes, members, marked in self.groups(objtype, recs, node["group"]):
            section = nodes.container(classes=["kb-group"])
            section += nodes.rubric("", "", *label_nodes, classes=["kb-group-title"])
            section += self.render_rows(objtype, members, node, marked)
            out.append(section)
        return out

    def check_filter_ids(self, node: kb_listing, objtype: ObjectType) -> None:
        """An id in a filter on a relation (forward or reverse) or on ``id`` that
        names no object: warn, with a hint. Free text where an id may stand
        (``ref-or-text``) is only taken for a typo when it is id-shaped and
        close to a real id, as in an object's own field."""
        if node["filter"] is None:
            return
        for key, _op, values in filters.conditions(node["filter"]):
            expected = key_targets(objtype, key)
            if expected is None:
                continue
            targets, free_text = expected
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
                    msg = hinted(msg, _("did you mean %r?") % near)
                logger.warning(msg, type="kb", subtype="listing", location=node)

    def sort_tuple(
        self, objtype: ObjectType, rec: Record, keys: list[str]
    ) -> tuple[tuple[Any, Any], ...]:
        """The sort key of ``rec`` (by date and title unless ``:sort:`` says)."""
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
        """What ``rec`` sorts by on ``key``: a title, a label or the value."""
        values = self.kb.values(rec, key)
        if not values:
            return ""
        if shows_objects(objtype, key):
            titles = [target.title if (target := self.kb.get(v)) else v for v in values]
            return sort_key(titles[0])
        f = objtype.field(key)
        if f is None:
            return sort_key(values[0])
        kind = f.kind
        match kind:
            case "choice":
                return sort_key(value_label(f, values[0], self.config))
            case "text" | "list" | "date" | "year" | "url" | "ref" | "refs" | "ref-or-text":
                return sort_key(values[0])
            case _:
                assert_never(kind)

    def groups(
        self, objtype: ObjectType, recs: list[Record], key: str
    ) -> Iterator[tuple[list[nodes.Node], list[Record], frozenset[str]]]:
        """The groups of ``:group-by: key`` in order: heading nodes, members,
        and the ids of the members that belong to the group by inference.

        One group per value, however many objects name it: a group whose
        members all hold the value by inference says so in its heading; in a
        group of both kinds, the inferred members carry the marker instead."""
        buckets: dict[str, tuple[str, list[nodes.Node], list[Record]]] = {}
        for rec in recs:
            for value in self.kb.values(rec, key) or [""]:
                if value == "":
                    label = _("not stated")
                    order = "\uffff"
                    label_nodes: list[nodes.Node] = [
                        nodes.Text(f"{key_label(objtype, key)}: {label}")
                    ]
                elif shows_objects(objtype, key) and (target := self.kb.get(value)):
                    order = sort_key(target.title)
                    label_nodes = [object_ref(value, target.type, self.docname)]
                else:
                    order, shown = self.group_text(objtype.field(key), value)
                    label_nodes = [nodes.Text(shown)]
                bucket_key = value.casefold()
                if bucket_key not in buckets:
                    buckets[bucket_key] = (order, label_nodes, [])
                buckets[bucket_key][2].append(rec)
        for bucket_key, (_order, label_nodes, members) in sorted(
            buckets.items(), key=lambda item: (item[1][0], item[0])
        ):
            inferred = {r.id for r in members if bucket_key and key in r.inferred}
            if inferred and len(inferred) == len(members):
                yield [*label_nodes, inferred_marker()], members, frozenset()
            else:
                yield label_nodes, members, frozenset(inferred)

    def group_text(self, f: Field | None, value: str) -> tuple[str, str]:
        """Sort key and heading of a group that is not an object."""
        if f is None:
            return sort_key(value), value
        kind = f.kind
        match kind:
            case "date":
                return sort_key(value), self.render(f, value)[0].astext()
            case "choice":
                shown = self.render(f, value)[0].astext()
                return sort_key(shown), shown
            case "text" | "list" | "year" | "url" | "ref" | "refs" | "ref-or-text":
                return sort_key(value), value
            case _:
                assert_never(kind)

    def render(self, f: Field, value: Any, rec: Record | None = None) -> list[nodes.Node]:
        """``value`` of ``f`` as the object's own entry shows it (``rec``'s
        relations as the article wrote them)."""
        return render_value(
            f,
            value,
            docname=self.docname,
            language=self.config.language,
            config=self.config,
            written=rec.written.get(f.name) if rec is not None else None,
        )

    def cell(self, objtype: ObjectType, rec: Record, key: str) -> list[nodes.Node]:
        """The nodes of one column of one object."""
        if key == "title":
            return [object_ref(rec.id, rec.type, self.docname)]
        if key == "id":
            return [nodes.literal(rec.id, rec.id)]
        f = objtype.field(key)
        if f is not None:
            value = rec.fields.get(key)
            if value is None:
                # the knowledge base holds all the article says, so an empty
                # field is its silence, unless it only means "none"
                return [] if f.none_when_empty and not f.always_shown else [not_stated()]
            kind = f.kind
            match kind:
                case "date":
                    if not is_calendar_date(str(value)):
                        return [nodes.Text(str(value))]  # its own page warns about it
                case "text" | "list" | "year" | "url" | "choice" | "ref" | "refs" | "ref-or-text":
                    pass
                case _:
                    assert_never(kind)
            shown = [_quiet(n) for n in self.render(f, value, rec)]
            return [*shown, inferred_marker()] if key in rec.inferred else shown
        out: list[nodes.Node] = []
        related = [self.kb.get(v) for v in self.kb.values(rec, key)]
        for i, other in enumerate(sorted(filter(None, related), key=lambda r: sort_key(r.title))):
            if i:
                out.append(nodes.Text(", "))
            out.append(object_ref(other.id, other.type, self.docname))
        return out

    def render_rows(
        self,
        objtype: ObjectType,
        recs: list[Record],
        node: kb_listing,
        marked: frozenset[str] = frozenset(),
    ) -> nodes.Node:
        """``recs`` as a bullet list (``:style: list``) or a table; the first
        cell of the ``marked`` ones carries the "(afgeleid)" marker."""
        columns: list[str] = node["columns"]
        if node["style"] == "list":
            items = nodes.bullet_list(classes=["kb-listing"])
            for rec in recs:
                para = nodes.paragraph()
                para += self.cell(objtype, rec, columns[0])
                if rec.id in marked:
                    para += inferred_marker()
                details = [(key, self.cell(objtype, rec, key)) for key in columns[1:]]
                for i, (key, cell) in enumerate([(k, c) for k, c in details if c]):
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
            for i, key in enumerate(columns):
                cell = self.cell(objtype, rec, key)
                if i == 0 and rec.id in marked:
                    cell.append(inferred_marker())
                row += nodes.entry("", nodes.paragraph("", "", *cell))
            body += row
        tgroup += body
        return table


def _quiet(node: nodes.Node) -> nodes.Node:
    """Mark a reference copied from another object's data: if it dangles, the
    object's own page reports it (at its line); the listing stays silent."""
    if isinstance(node, addnodes.pending_xref):
        node["kb_quiet"] = True
    return node


class _Reversed(str):
    """A string that sorts in reverse order."""

    def __lt__(self, other: str) -> bool:
        return str.__gt__(self, other)

    def __gt__(self, other: str) -> bool:
        return str.__lt__(self, other)
