"""The ``{overview}`` directive (``{overzicht}``): every object of a type,
each in one sentence, for readers rather than for the index.

``{overview} recommendation`` with ``:group-by: addressee`` (any listing key),
``day`` (the Alliance day an object belongs to) or ``part`` (the type's
``parts``, such as speakers and workshop facilitators). The directive checks
its options when the page is read and leaves a ``kb_overview`` placeholder;
``ResolveOverviews`` writes the sentences from the knowledge base when the page
is written, from the type's ``summary`` fragments in the model, with links to
every object they name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective, SphinxTranslator

from .domain import KnowledgeBaseDomain, kb_domain, sort_key
from .i18n import _
from .keys import known_keys, shows_objects
from .listing_view import Listing
from .model import OBJECT_TYPES, ObjectType, Record, type_name
from .render import inferred_marker, object_ref, render_value
from .report import hinted, warn
from .validation import closest

#: Group keys an overview knows besides the listing keys.
DAY_KEY = "day"
PART_KEY = "part"
#: A ``%(key)s`` slot of a summary fragment.
SLOT = re.compile(r"%\(([a-z.]+)\)s")


class kb_overview(nodes.General, nodes.Element):
    """Placeholder for an overview; replaced by ``ResolveOverviews``."""


class OverviewDirective(SphinxDirective):
    """``{overview} TYPE`` (``{overzicht}``) with an optional ``:group-by:``."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {"group-by": directives.unchanged}

    def warn(self, message: str, near: str | None) -> None:
        """Report a problem of this overview as ``kb.listing`` at its line."""
        if near:
            message = hinted(message, _("did you mean %r?") % near)
        warn(self.env, "listing", message, (self.env.current_document.docname, self.lineno))

    def run(self) -> list[nodes.Node]:
        typename = type_name(self.arguments[0].strip())
        objtype = OBJECT_TYPES.get(typename)
        if objtype is None:
            msg = _("overview of unknown type %r (allowed: %s)") % (
                typename,
                ", ".join(OBJECT_TYPES),
            )
            self.warn(msg, closest(typename, list(OBJECT_TYPES)))
            return []
        group = (self.options.get("group-by") or "").strip()
        allowed = group_keys(objtype)
        if "group-by" in self.options and not group:
            msg = _("empty :group-by: of the overview (allowed: %s)") % ", ".join(allowed)
            self.warn(msg, None)
            return []
        if group and group not in allowed:
            msg = _("unknown :group-by: %r of the overview (allowed: %s)") % (
                group,
                ", ".join(allowed),
            )
            self.warn(msg, closest(group, allowed))
            return []
        node = kb_overview(objtype=typename, group=group)
        self.set_source_info(node)
        return [node]


def group_keys(objtype: ObjectType) -> list[str]:
    """What an overview of ``objtype`` may be grouped by."""
    # by day only where an object can belong to a day (through its source)
    extra = ([DAY_KEY] if objtype.parent_fields else []) + ([PART_KEY] if objtype.parts else [])
    return [*known_keys(objtype), *extra]


class Overview:
    """Writes the overviews of one page from the current knowledge base."""

    def __init__(self, kb: KnowledgeBaseDomain, docname: str, listing: Listing) -> None:
        self.kb = kb
        self.docname = docname
        self.listing = listing

    def resolve(self, node: kb_overview) -> list[nodes.Node]:
        """The objects' sentences, per group if asked."""
        objtype = OBJECT_TYPES[node["objtype"]]
        recs = sorted(self.kb.records(objtype.name), key=self.order)
        if not recs:
            text = _("There are no %s yet.") % _(objtype.plural).lower()
            return [nodes.paragraph(text, text, classes=["kb-empty"])]
        group: str = node["group"]
        if not group:
            return [self.sentences(objtype, recs)]
        out: list[nodes.Node] = []
        # a sentence that shows the grouped value marks it there already
        shown = {key for fragment in objtype.summary for key in SLOT.findall(fragment)}
        for heading, members, marked in self.groups(objtype, recs, group):
            if group in shown:
                marked = frozenset()
            box = nodes.container(classes=["kb-overview-group"])
            box += nodes.rubric("", "", *heading, classes=["kb-group-title"])
            box += self.sentences(objtype, members, marked)
            out.append(box)
        return out

    def order(self, rec: Record) -> tuple[str, str, str]:
        """Objects in date order, then by title."""
        objtype = OBJECT_TYPES[rec.type]
        date = rec.text(objtype.date_field) if objtype.date_field else ""
        return (date or "\uffff", sort_key(rec.title), rec.id)

    def groups(
        self, objtype: ObjectType, recs: list[Record], key: str
    ) -> Iterator[tuple[list[nodes.Node], list[Record], frozenset[str]]]:
        """The groups in order: heading nodes, members, and the members that
        belong to the group by inference (they carry the marker)."""
        if key == PART_KEY:
            for heading, members in self.part_groups(objtype, recs):
                yield heading, members, frozenset()
        elif key == DAY_KEY:
            for heading, members in self.day_groups(recs):
                yield heading, members, frozenset()
        else:
            # the largest groups first ("de overheid"), those without a value last
            found = list(self.listing.groups(objtype, recs, key))
            yield from sorted(
                found,
                key=lambda group: (
                    not any(self.kb.values(rec, key) for rec in group[1]),
                    -len(group[1]),
                ),
            )

    def part_groups(
        self, objtype: ObjectType, recs: list[Record]
    ) -> Iterator[tuple[list[nodes.Node], list[Record]]]:
        """People by their part in the day: the first of the type's parts
        they play, the others last."""
        buckets: dict[str, list[Record]] = {}
        for rec in recs:
            heading = next(
                (h for h, keys in objtype.parts if any(self.kb.values(rec, k) for k in keys)),
                objtype.other_part,
            )
            buckets.setdefault(heading, []).append(rec)
        for heading in [*(h for h, _keys in objtype.parts), objtype.other_part]:
            if buckets.get(heading):
                yield [nodes.Text(_(heading))], buckets[heading]

    def day_groups(self, recs: list[Record]) -> Iterator[tuple[list[nodes.Node], list[Record]]]:
        """Objects by the Alliance day they belong to, in date order; those
        whose day the article does not give last."""
        buckets: dict[str, tuple[Record | None, list[Record]]] = {}
        for rec in recs:
            day = self.kb.day_of(rec)
            buckets.setdefault(day.id if day else "", (day, []))[1].append(rec)

        def day_order(item: tuple[str, tuple[Record | None, list[Record]]]) -> tuple[str, ...]:
            day = item[1][0]
            return self.order(day) if day is not None else ("\U0010ffff", "", "")

        for _id, (day, members) in sorted(buckets.items(), key=day_order):
            if day is None:
                text = _("Day not stated in the article")
                yield [nodes.Text(text)], members
            else:
                yield [object_ref(day.id, day.type, self.docname)], members

    def sentences(
        self, objtype: ObjectType, recs: list[Record], marked: frozenset[str] = frozenset()
    ) -> nodes.bullet_list:
        """One list item per object: its sentence; the ``marked`` ones end
        with the "(afgeleid)" marker."""
        items = nodes.bullet_list(classes=["kb-overview"])
        for rec in recs:
            para = nodes.paragraph(classes=["kb-summary"])
            for fragment in objtype.summary:
                para += self.fragment(rec, _(fragment))
            if rec.id in marked:
                para += inferred_marker()
            items += nodes.list_item("", para)
        return items

    def fragment(self, rec: Record, template: str) -> list[nodes.Node]:
        """One fragment with its slots filled, or nothing when one is empty."""
        filled: list[nodes.Node] = []
        for i, part in enumerate(SLOT.split(template)):
            if i % 2 == 0:
                if part:
                    filled.append(nodes.Text(part))
                continue
            shown = self.slot(rec, part)
            if not shown:
                return []
            filled.extend(shown)
        return filled

    def slot(self, rec: Record, key: str) -> list[nodes.Node]:
        """The value(s) of ``key`` (``a.b`` follows relation ``a``) as nodes."""
        if key == "title":
            title = object_ref(rec.id, rec.type, self.docname)
            return [nodes.strong("", "", title)]
        head, _dot, rest = key.partition(".")
        if rest:
            seen: dict[str, Record] = {}
            for target_id in self.kb.values(rec, head):
                target = self.kb.get(target_id)
                for further in self.kb.values(target, rest) if target else []:
                    other = self.kb.get(further)
                    if other is not None:
                        seen.setdefault(other.id, other)
            return self.join([object_ref(o.id, o.type, self.docname)] for o in seen.values())
        objtype = OBJECT_TYPES[rec.type]
        f = objtype.field(key)
        if f is not None:
            value = rec.fields.get(key)
            if value is None:
                return []
            shown = render_value(
                f,
                value,
                docname=self.docname,
                language=self.listing.config.language,
                config=self.listing.config,
                written=rec.written.get(key),
            )
            out: list[nodes.Node] = []
            for node in shown:
                if isinstance(node, addnodes.pending_xref):
                    node["kb_quiet"] = True  # its own page reports a dangling id
                    out.extend(self.kind_of(node["reftarget"], f.targets))
                out.append(node)
            return [*out, inferred_marker()] if key in rec.inferred else out
        if shows_objects(objtype, key):
            others = filter(None, (self.kb.get(v) for v in self.kb.values(rec, key)))
            ordered = sorted(others, key=self.order)
            return self.join([object_ref(o.id, o.type, self.docname)] for o in ordered)
        return []

    def kind_of(self, objid: str, targets: tuple[str, ...]) -> list[nodes.Node]:
        """Where a relation may name objects of several types (a source: a
        talk, a workshop or a day), the type of the one it names ("lezing "),
        unless its title says so itself ("Alliantiedag Drachten")."""
        target = self.kb.get(objid)
        if len(targets) < 2 or target is None:
            return []
        label = _(OBJECT_TYPES[target.type].label)
        if target.title.casefold().startswith(label.casefold()):
            return []
        return [nodes.Text(label.lower() + " ")]

    @staticmethod
    def join(items: Iterable[list[nodes.Node]]) -> list[nodes.Node]:
        """Items as "a, b and c"."""
        groups = list(items)
        out: list[nodes.Node] = []
        for i, item in enumerate(groups):
            if i:
                out.append(nodes.Text(_(" and ") if i == len(groups) - 1 else ", "))
            out.extend(item)
        return out


class ResolveOverviews(SphinxPostTransform):
    """Replace overview placeholders with lists (before references resolve)."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        found = list(self.document.findall(kb_overview))
        if not found:
            return
        kb = kb_domain(self.env)
        docname = self.env.current_document.docname
        overview = Overview(kb, docname, Listing(kb, docname, self.config))
        for node in found:
            node.replace_self(overview.resolve(node))


def _skip(self: SphinxTranslator, node: nodes.Element) -> None:
    """Visitor of a placeholder that survived: render nothing."""
    raise nodes.SkipNode


def setup_overview(app: Sphinx) -> None:
    """Register the directive, its placeholder and ``ResolveOverviews``."""
    skip = (_skip, None)
    app.add_node(kb_overview, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    app.add_directive_to_domain("kb", "overview", OverviewDirective)
    app.add_directive_to_domain("kb", "overzicht", OverviewDirective)
    app.add_post_transform(ResolveOverviews)
    app.add_css_file("overview.css")
