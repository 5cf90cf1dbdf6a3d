"""Checks over the whole knowledge base, once every page is read.

``KnowledgeBaseDomain.check_consistency`` runs them (before the
``env-check-consistency`` listeners of ``edition_check.py`` and
``relations_check.py``):

- a name written in a relation option where an id belongs (noted by the
  directives with ``note_name``), with the id it would have;
- free text in a relation that may hold text (``:addressee: overheden``)
  that is the title or an alias of an object it could name: written
  ``overheden <de-overheid>`` it counts with that object;
- a second object with the title and type of another: probably one object
  written twice (objects of one day, or days on one date, only);
- a second definition of an id, with the location of the first.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from docutils import nodes

from .hints import name_hint, wanted_label
from .i18n import _
from .indices import sort_key
from .model import OBJECT_TYPES, Record
from .render import ANY_KB_TYPE, type_label
from .report import Hinted, hinted, warn
from .unchanged import Kept, objects_key
from .validation import id_for_name

if TYPE_CHECKING:
    from .domain import KnowledgeBaseDomain

#: One warning: message, hint (or None), subtype, page, line.
Found = list[Any]


def check_consistency(domain: KnowledgeBaseDomain) -> None:
    """Warn about names in relation options, likely and certain duplicates.

    The warnings depend on the objects alone: while their key
    (``unchanged.objects_key``) stays the same, the previous build's are
    given again instead of being looked for (about half a second of every
    build at 1,000 pages)."""
    env = domain.env
    kept = Kept(env.doctreedir, "checks")
    key = objects_key(env)
    found = kept.load(key)
    if not _as_kept(found):  # none kept, or a damaged file: look again
        found = [*_names(domain), *_free_text_names(domain), *_same_titles(domain)]
        found.extend(_duplicates(domain))
        kept.save(key, found)
    for message, hint, subtype, docname, line in found:
        warn(env, subtype, message, (docname, line), hint=hint)


def _as_kept(found: Any) -> bool:
    """Whether ``found`` has the shape ``_found`` gives (a kept file is data
    from disk: a damaged one is made again, never trusted to be right)."""
    return isinstance(found, list) and all(
        isinstance(item, list)
        and len(item) == 5
        and isinstance(item[0], str)
        and (item[1] is None or isinstance(item[1], str))
        and isinstance(item[2], str)
        and isinstance(item[3], str)
        and (item[4] is None or (isinstance(item[4], int) and not isinstance(item[4], bool)))
        for item in found
    )


def _found(message: str, subtype: str, docname: str, line: int | None) -> Found:
    """One warning as kept: its hint apart (``report.Hinted``), plain text."""
    hint = message.hint if isinstance(message, Hinted) else None
    text = message.message if isinstance(message, Hinted) else message
    return [str(text), hint, subtype, docname, line]


def _duplicates(domain: KnowledgeBaseDomain) -> Iterator[Found]:
    for rec, first in domain.duplicates():
        message = _("duplicate id %r: %s is already defined at %s:%s; rename one of them") % (
            rec.id,
            type_label(first.type).lower(),
            domain.env.doc2path(first.docname, False),
            first.lineno,
        )
        yield _found(message, "duplicate", rec.docname, rec.lineno)


def _names(domain: KnowledgeBaseDomain) -> Iterator[Found]:
    names = domain.data.get("names", {})
    for docname in sorted(names):
        for line, name, targets, field in names[docname]:
            accepted = tuple(targets) or tuple(OBJECT_TYPES)
            node = nodes.inline(kb_targets=" ".join(accepted))
            msg = name_hint(domain, ANY_KB_TYPE, name, node, accepted)
            message = hinted(_("option :%s:") % field + " " + msg.message, msg.hint)
            yield _found(message, "field", docname, line)


def _names_of(domain: KnowledgeBaseDomain, types: tuple[str, ...]) -> dict[str, Record]:
    """Objects of ``types`` by each of their names (title, aliases), folded."""
    out: dict[str, Record] = {}
    for typename in types:
        alias_field = OBJECT_TYPES[typename].alias_field
        for rec in domain.records(typename):
            names = [rec.title, *(domain.values(rec, alias_field) if alias_field else [])]
            for name in names:
                out.setdefault(" ".join(sort_key(name).split()), rec)
    return out


def _free_text_names(domain: KnowledgeBaseDomain) -> Iterator[Found]:
    """Free text in a text-or-id relation that names an object of its types."""
    # once per set of types, not per object: per object it was most of an
    # incremental build at 1,000 pages (it grew with the square of the objects)
    names_by_types: dict[tuple[str, ...], dict[str, Record]] = {}
    for rec in domain.records():
        for f in OBJECT_TYPES[rec.type].fields:
            if f.kind != "ref-or-text":
                continue
            names = names_by_types.get(f.targets)
            if names is None:
                names = names_by_types[f.targets] = _names_of(domain, f.targets)
            for value in domain.values(rec, f.name):
                if domain.get(value) is not None:
                    continue
                named = names.get(" ".join(sort_key(value).split()))
                if named is None:
                    continue
                message = hinted(
                    _("option :%s: %r is a name of %s %r, but is written as text")
                    % (f.name, value, type_label(named.type).lower(), named.id),
                    _("write %r so that it counts with it") % f"{value} <{named.id}>",
                )
                yield _found(message, "field", rec.docname, rec.lineno)


def same_title_key(domain: KnowledgeBaseDomain, rec: Record) -> tuple[str, ...]:
    """Objects with this key are probably one object written twice: same type
    and title, same edition, and the same day (for a day: the same date)."""
    spec = OBJECT_TYPES[rec.type]
    title = " ".join(sort_key(rec.title).split())
    day = None if spec.is_day else domain.day_of(rec)
    date = rec.text(spec.date_field) if spec.is_day and spec.date_field else ""
    return (rec.type, title, domain.edition_of(rec) or "", date, day.id if day else "")


def _same_titles(domain: KnowledgeBaseDomain) -> Iterator[Found]:
    """A second object with the title and type of another: a likely duplicate."""
    first: dict[tuple[str, ...], Record] = {}

    def original_first(rec: Record) -> tuple[int, int, str, int]:
        # the object others already refer to (or whose id its title gives)
        # is the original; the other is reported, at its own line
        used = len(domain.referrers(rec.id)) + len(domain.mentioned_on(rec.id))
        own_id = rec.id.endswith(id_for_name(rec.title) or "\0")
        return (-used, 0 if own_id else 1, rec.docname, rec.lineno)

    for rec in sorted(domain.records(), key=original_first):
        seen = first.setdefault(same_title_key(domain, rec), rec)
        if seen is rec:
            continue
        role = f"{{{rec.type}}}`{seen.id}`"
        message = _(
            "%s %r has the same title as %r (%s:%s); if it is the same %s, remove "
            "this one and refer to the other with %s; if not, give it a title "
            "of its own"
        ) % (
            type_label(rec.type),
            rec.id,
            seen.id,
            domain.env.doc2path(seen.docname, False),
            seen.lineno,
            wanted_label((rec.type,)),
            role,
        )
        yield _found(message, "duplicate", rec.docname, rec.lineno)
