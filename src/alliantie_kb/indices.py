"""The domain indices: one page per object type (``kb-sprekers.html``, ...).

Each entry is an object's title with a short description beside it; which
field gives that description is the type's ``index_extra`` in the model, and
the values of its ``alias_field`` (spelling variants) are entries that point
to the object ("see ...").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, assert_never, cast

from sphinx.domains import Index, IndexEntry

from .i18n import _
from .model import OBJECT_TYPES, ObjectType, Record

if TYPE_CHECKING:
    from .domain import KnowledgeBaseDomain


def index_extra(domain: KnowledgeBaseDomain, rec: Record) -> str:
    """The short description beside an entry: the value of the type's
    ``index_extra`` field, or for a relation the title of the object it names."""
    spec = OBJECT_TYPES[rec.type]
    f = spec.field(spec.index_extra) if spec.index_extra else None
    if f is None:
        return ""
    match f.kind:
        case "text" | "date" | "year" | "url" | "choice":
            return rec.text(f.name)
        case "list":
            return ", ".join(rec.values(f.name))
        case "ref" | "refs" | "ref-or-text":
            shown = []
            for value in rec.values(f.name):
                target = domain.get(value)
                if target is not None:
                    shown.append(target.title)
                elif f.kind == "ref-or-text":
                    shown.append(value)  # free text where an id may stand
            return ", ".join(shown)
        case _:
            assert_never(f.kind)


def sort_key(text: str) -> str:
    """Accent- and case-insensitive sort key (``Ébène`` sorts with ``e``)."""
    if text.isascii():  # nothing to fold (most names): a tenth of the time
        return text.casefold()
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if not unicodedata.combining(c)).casefold()


class KBIndex(Index):
    """One domain index per object type, grouped by initial letter."""

    objtype: str = ""

    def generate(
        self, docnames: Iterable[str] | None = None
    ) -> tuple[list[tuple[str, list[IndexEntry]]], bool]:
        domain = cast("KnowledgeBaseDomain", self.domain)
        spec = OBJECT_TYPES[self.objtype]
        wanted = set(docnames) if docnames is not None else None
        groups: dict[str, list[tuple[str, IndexEntry]]] = {}
        for rec in domain.records(self.objtype):
            if wanted is not None and rec.docname not in wanted:
                continue
            entries = [(rec.title, index_extra(domain, rec))]
            if spec.alias_field:
                see = _("see %s") % rec.title
                entries += [(alias, see) for alias in rec.values(spec.alias_field)]
            for name, extra in entries:
                key = sort_key(name)
                groups.setdefault(key[:1].upper() or "#", []).append(
                    (key, IndexEntry(name, 0, rec.docname, rec.anchor, extra, "", ""))
                )
        content = [
            (letter, [e for _key, e in sorted(keyed, key=lambda k: (k[0], k[1].name))])
            for letter, keyed in sorted(groups.items())
        ]
        return content, False


def make_index(objtype: ObjectType) -> type[KBIndex]:
    """The index class of one object type (its page is ``kb-<index_name>``)."""
    return type(
        f"KBIndex_{objtype.name}",
        (KBIndex,),
        {
            "name": objtype.index_name,
            "localname": _(objtype.plural),
            "shortname": _(objtype.plural).lower(),
            "objtype": objtype.name,
        },
    )
