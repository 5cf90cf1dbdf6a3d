"""The ``{listing}`` directive (``{lijst}``): ``{listing} recommendation``
with ``:filter:``, ``:columns:``, ``:sort:``, ``:group-by:`` and
``:style: table|list``.

It checks every option against the model when the page is read (keys in
``keys.py``, values against the field's kind) and leaves a ``kb_listing``
placeholder holding plain data; ``listing_view.py`` turns it into a table or
a bullet list when the page is written.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, assert_never

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.config import Config
from sphinx.util.docutils import SphinxDirective

from . import filters
from .i18n import _
from .keys import known_keys
from .model import DATE_RE, OBJECT_TYPES, YEAR_RE, Field, ObjectType, choices, type_name
from .nodes import kb_listing
from .report import hinted, warn
from .safety import trusted
from .validation import closest

STYLES = ("table", "list")


class ListingDirective(SphinxDirective):
    """``{listing} TYPE`` (``{lijst}``): checks its options, leaves a placeholder."""

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
        """Report a problem of this listing as ``kb.listing`` at its line."""
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
                msg = hinted(msg, _("did you mean %r?") % near)
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
                msg = hinted(msg, _("did you mean %r?") % near)
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
                if not self.check_values(objtype, key, op, values):
                    ok = False
        columns = _split(self.options.get("columns")) or list(objtype.default_columns)
        sort = _split(self.options.get("sort"))
        group = (self.options.get("group-by") or "").strip() or None
        for key in columns:
            ok &= check_key(key, ":columns:")
        for key in sort:
            ok &= check_key(key.lstrip("-"), ":sort:")
        if group:
            ok &= check_key(group, ":group-by:")
        style = (self.options.get("style") or "table").strip()
        if style not in STYLES:
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

    def check_values(self, objtype: ObjectType, key: str, op: str, values: tuple[str, ...]) -> bool:
        """Warn (once) when a filter compares ``key`` with a value it never holds."""
        f = objtype.field(key)
        if op in filters.ORDERED_OPS and not (f and _is_ordered(f)):
            self.warn(_("%s can only compare dates and years, not %r") % (op, key))
            return False
        if f is None:
            return True
        for value in values:
            problem = value_problem(f, key, value, self.config)
            if problem:
                hint = getattr(problem, "hint", None)
                text = _("in :filter:: %s") % getattr(problem, "message", problem)
                self.warn(hinted(text, hint) if hint else text)
                return False
        return True


def _is_ordered(f: Field) -> bool:
    """True for fields whose values ``<``, ``<=``, ``>`` and ``>=`` compare."""
    kind = f.kind
    match kind:
        case "date" | "year":
            return True
        case "text" | "list" | "url" | "choice" | "ref" | "refs" | "ref-or-text":
            return False
        case _:
            assert_never(kind)


def value_problem(f: Field, key: str, value: str, config: Config) -> str | None:
    """Why ``value`` can never be a value of ``f`` (in a filter), or ``None``."""
    kind = f.kind
    match kind:
        case "choice":
            allowed = choices(f, config)
            if value in allowed:
                return None
            problem = _("value %r is not allowed for %r (allowed: %s)") % (
                value,
                key,
                ", ".join(allowed),
            )
            near = closest(value, allowed)
            if near:
                problem = hinted(problem, _("did you mean %r?") % near)
            return problem
        case "date":
            if not DATE_RE.match(value):
                return _("%r is not a date; write YYYY-MM-DD") % filters.short(value)
            if not is_calendar_date(value):
                return _("%r is not an existing date; check the month (01-12) and the day") % value
            return None
        case "year":
            if not YEAR_RE.match(value):
                return _("%r is not a year; write four digits 0-9, such as 2012") % filters.short(
                    value
                )
            return None
        case "text" | "list" | "url" | "ref" | "refs" | "ref-or-text":
            return None
        case _:
            assert_never(kind)


def is_calendar_date(value: str) -> bool:
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
    """The items of a comma-separated option."""
    return [item.strip() for item in (value or "").split(",") if item.strip()]
