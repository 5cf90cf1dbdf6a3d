"""The ``{explorer}`` directive (``{verkenner}``): every object of one type
as a plain list, with facets to narrow it by.

``{explorer} recommendation`` with ``:facets: addressee, theme, day, source,
speaker`` lists every recommendation (its title linking to its entry, then
its value for each facet) and counts, per facet, how many objects hold each
value. A facet is a key as in listings (``keys.py``: a field or a reverse
relation) or ``day``, the Alliance day an object belongs to
(``KnowledgeBaseDomain.day_of``). Relations show their target's title, free
text its text; values that differ only in case are one value. An object
without a value counts under "not stated".

The directive checks its options when the page is read and leaves a
``kb_explorer`` placeholder; ``ResolveExplorers`` builds the list from the
current data when the page is written, with standard nodes (so the PDF,
EPUB and text outputs show a plain list) and a ``kb_explorer_controls`` node
holding the facets as data, which only the interactive HTML builders write
(``explorer_html.py``; a small script narrows the list there).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar, assert_never

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from .domain import KnowledgeBaseDomain, kb_domain, sort_key
from .i18n import _
from .keys import key_label, known_keys, shows_objects
from .listing_view import Listing
from .listings import empty_note, is_calendar_date
from .model import COMMON_KEYS, OBJECT_TYPES, TYPE_ALIASES, ObjectType, Record, type_name
from .nodes import kb_explorer, kb_explorer_controls
from .render import format_iso_date, not_stated, object_ref, value_label
from .report import hinted, warn
from .validation import closest

#: The directive's names: English, then Dutch.
EXPLORER_NAMES = ("explorer", "verkenner")
#: The derived key "the Alliance day the object belongs to".
DAY_KEY = "day"
#: Sorts "not stated" after every value.
NOT_STATED_ORDER = "\uffff"
#: The class of a list entry holding value ``j`` of facet ``i``: ``kb-v-i-j``.
TOKEN_PREFIX = "kb-v-"


def day_type() -> ObjectType | None:
    """The type whose objects are Alliance days (``ObjectType.is_day``)."""
    return next((t for t in OBJECT_TYPES.values() if t.is_day), None)


def facet_keys(objtype: ObjectType) -> list[str]:
    """Every key an explorer of ``objtype`` may narrow by."""
    keys = [key for key in known_keys(objtype) if key not in COMMON_KEYS]
    if not objtype.is_day and day_type() is not None:
        keys.append(DAY_KEY)
    return keys


def default_facets(objtype: ObjectType) -> list[str]:
    """The facets of an explorer that names none: the model's search facets
    (``Field.facet``) and the day."""
    keys = [f.name for f in objtype.fields if f.facet]
    return [*keys, DAY_KEY] if DAY_KEY in facet_keys(objtype) else keys


def facet_label(objtype: ObjectType, key: str) -> str:
    """The heading of a facet, translated."""
    if key == DAY_KEY:
        day = day_type()
        return _(day.label) if day is not None else key
    return key_label(objtype, key)


@dataclass
class _Value:
    """One value of a facet: how it sorts, how it reads, how many hold it."""

    order: str
    text: str
    count: int = 0


class ExplorerDirective(SphinxDirective):
    """``{explorer} TYPE`` (``{verkenner}``): checks ``:facets:``, leaves a placeholder."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {"facets": directives.unchanged}

    def warn(self, message: str) -> None:
        """Report a problem of this explorer as ``kb.listing`` at its line."""
        warn(self.env, "listing", message, (self.env.current_document.docname, self.lineno))

    def run(self) -> list[nodes.Node]:
        typename = type_name(self.arguments[0].strip())  # {verkenner} aanbeveling
        objtype = OBJECT_TYPES.get(typename)
        if objtype is None:
            msg = _("explorer of unknown type %r (allowed: %s)") % (
                typename,
                ", ".join(OBJECT_TYPES),
            )
            near = closest(typename, [*OBJECT_TYPES, *TYPE_ALIASES])  # Dutch too
            self.warn(hinted(msg, _("did you mean %r?") % near) if near else msg)
            return []
        allowed = facet_keys(objtype)
        given = self.options.get("facets")
        facets = _split(given) if given is not None else default_facets(objtype)
        known: list[str] = []
        for key in facets:
            if key in allowed:
                known.append(key)
                continue
            msg = _("unknown facet %r in the explorer (allowed: %s)") % (key, ", ".join(allowed))
            near = closest(key, allowed)
            self.warn(hinted(msg, _("did you mean %r?") % near) if near else msg)
        node = kb_explorer(objtype=typename, facets=list(dict.fromkeys(known)))
        self.set_source_info(node)
        return [node]


class Explorer:
    """Resolves the ``kb_explorer`` placeholders of one page being written."""

    def __init__(self, kb: KnowledgeBaseDomain, docname: str, config: Config) -> None:
        self.kb = kb
        self.docname = docname
        self.config = config
        self.listing = Listing(kb, docname, config)
        self.count = 0

    def values(self, objtype: ObjectType, rec: Record, key: str) -> list[tuple[str, str]]:
        """(sort key, text) of each value of ``rec`` on ``key``, as a reader
        sees it; one per value that differs other than in case."""
        out: dict[str, tuple[str, str]] = {}
        for order, text in self._values(objtype, rec, key):
            out.setdefault(text.casefold(), (order, text))
        return list(out.values())

    def _values(self, objtype: ObjectType, rec: Record, key: str) -> Iterator[tuple[str, str]]:
        if key == DAY_KEY:
            day = self.kb.day_of(rec)
            if day is not None:
                yield self.order_of(day), day.title
            return
        values = self.kb.values(rec, key)
        if shows_objects(objtype, key):
            for value in values:
                target = self.kb.get(value)
                if target is not None:
                    yield self.order_of(target), target.title
                else:  # free text where an id may stand ("de overheid")
                    yield _text_order(value), value
            return
        f = objtype.field(key)
        for value in values:
            if f is None:
                yield sort_key(value), value
                continue
            kind = f.kind
            match kind:
                case "choice":
                    shown = value_label(f, value, self.config)
                    yield sort_key(shown), shown
                case "date":
                    if is_calendar_date(value):
                        yield value, format_iso_date(value, self.config.language)
                    else:  # its own page warns about it
                        yield value, value
                case "text" | "list" | "year" | "url" | "ref" | "refs" | "ref-or-text":
                    yield sort_key(value), value
                case _:
                    assert_never(kind)

    @staticmethod
    def order_of(target: Record) -> str:
        """Objects shown as values: dated ones first, by date; then the rest
        by title, with the free text."""
        date_field = OBJECT_TYPES[target.type].date_field
        date = target.text(date_field) if date_field else ""
        if date:
            return f"0{date}\0{sort_key(target.title)}"
        return _text_order(target.title)

    def resolve(self, node: kb_explorer) -> list[nodes.Node]:
        """The objects as a list, preceded by the facets' controls."""
        objtype = OBJECT_TYPES[node["objtype"]]
        recs = sorted(
            self.kb.records(objtype.name),
            key=lambda r: self.listing.sort_tuple(objtype, r, []),
        )
        if not recs:
            return [empty_note(objtype)]
        keys: list[str] = node["facets"]
        data, tokens = self.tally(objtype, recs, keys)
        self.count += 1
        plural = _(objtype.plural)
        controls = kb_explorer_controls(
            number=self.count,
            facets=data,
            total=len(recs),
            label=_("Choose which %s you see") % plural.lower(),
            status=_("{shown} of the {total} %s") % plural.lower(),
            reset=_("Show all"),
            chosen=_("{n} chosen"),
        )
        items = nodes.bullet_list(classes=["kb-explorer-list"])
        for rec, classes in zip(recs, tokens, strict=True):
            items += self.entry(objtype, rec, keys, classes)
        box = nodes.container(classes=["kb-explorer"])
        box += controls
        box += items
        return [box]

    def tally(
        self, objtype: ObjectType, recs: list[Record], keys: list[str]
    ) -> tuple[list[dict[str, Any]], list[list[str]]]:
        """Per facet its label and its values in order with their counts
        ("not stated" last); per object the classes of the values it holds
        (``kb-v-<facet>-<value>``, positions in those lists)."""
        facets: list[dict[str, _Value]] = [{} for _key in keys]
        held_by: list[list[tuple[int, str]]] = []
        for rec in recs:
            held: list[tuple[int, str]] = []
            for i, key in enumerate(keys):
                values = self.values(objtype, rec, key)
                if not values:
                    values = [(NOT_STATED_ORDER, not_stated().astext())]
                for order, text in values:
                    folded = text.casefold() if order != NOT_STATED_ORDER else ""
                    facets[i].setdefault(folded, _Value(order, text)).count += 1
                    held.append((i, folded))
            held_by.append(held)
        data: list[dict[str, Any]] = []
        position: list[dict[str, int]] = []
        for i, key in enumerate(keys):
            ordered = sorted(facets[i].items(), key=lambda item: (item[1].order, item[0]))
            position.append({folded: j for j, (folded, _v) in enumerate(ordered)})
            values_data = [[value.text, value.count] for _f, value in ordered]
            data.append({"label": facet_label(objtype, key), "values": values_data})
        tokens = [
            sorted({f"{TOKEN_PREFIX}{i}-{position[i][folded]}" for i, folded in held})
            for held in held_by
        ]
        return data, tokens

    def entry(
        self, objtype: ObjectType, rec: Record, keys: list[str], tokens: list[str]
    ) -> nodes.list_item:
        """One object: its title (a link to its entry), then its facets' values."""
        item = nodes.list_item(classes=["kb-explorer-item", *tokens])
        title = nodes.paragraph(classes=["kb-explorer-title"])
        title += nodes.strong("", "", object_ref(rec.id, rec.type, self.docname))
        item += title
        details = nodes.paragraph(classes=["kb-explorer-fields"])
        for key in keys:
            cell = self.cell(objtype, rec, key)
            if not cell:
                continue
            if details.children:
                details += nodes.Text("; ")
            details += nodes.Text(f"{facet_label(objtype, key)}: ")
            details += cell
        if details.children:
            item += details
        return item

    def cell(self, objtype: ObjectType, rec: Record, key: str) -> list[nodes.Node]:
        """The value(s) of ``rec`` on ``key`` as a listing's cell shows them."""
        if key == DAY_KEY:
            day = self.kb.day_of(rec)
            return [object_ref(day.id, day.type, self.docname)] if day is not None else []
        return self.listing.cell(objtype, rec, key)


class ResolveExplorers(SphinxPostTransform):
    """Replace explorer placeholders with standard nodes (before references resolve)."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        placeholders = list(self.document.findall(kb_explorer))
        if not placeholders:
            return
        explorer = Explorer(kb_domain(self.env), self.env.current_document.docname, self.env.config)
        for node in placeholders:
            node.replace_self(explorer.resolve(node))


def _text_order(text: str) -> str:
    """How a value that is not a date sorts: after the dates, alphabetically."""
    return f"1{sort_key(text)}"


def _split(value: str) -> list[str]:
    """The items of a comma-separated option."""
    return [item.strip() for item in value.split(",") if item.strip()]


def _skip(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    """A placeholder that survived, or controls outside interactive HTML: nothing."""
    raise nodes.SkipNode


def setup_explorer(app: Sphinx) -> None:
    """Register the directive under both names, its nodes and the transform."""
    skip = (_skip, None)
    app.add_node(kb_explorer, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    for name in EXPLORER_NAMES:
        app.add_directive_to_domain("kb", name, ExplorerDirective)
    app.add_post_transform(ResolveExplorers)
