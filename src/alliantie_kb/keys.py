"""The keys a view may name: what a listing's column, sort, group or filter
refers to, how it is labelled and which objects it shows.

A key is a declared field of the listed type, a pseudo-field every type has
(``id``, ``title``) or a reverse relation named by another type's
``key_plural`` (``talks``: the talks that refer to the object). All of it is
read from the model.
"""

from __future__ import annotations

from typing import assert_never

from .i18n import _
from .model import COMMON_KEYS, OBJECT_TYPES, ObjectType, reverse_relations

#: A reverse relation's key -> the type whose objects it lists (``talks`` -> ``talk``).
PLURAL_TYPES: dict[str, str] = {t.key_plural: t.name for t in OBJECT_TYPES.values()}
#: Types in the model's order: views show mixed objects in this order.
TYPE_ORDER: dict[str, int] = {name: i for i, name in enumerate(OBJECT_TYPES)}


def known_keys(objtype: ObjectType) -> list[str]:
    """Every key a listing of ``objtype`` accepts, in a stable order."""
    keys = [*COMMON_KEYS, *objtype.field_names, *reverse_relations(objtype.name)]
    return list(dict.fromkeys(keys))


def key_label(objtype: ObjectType, key: str) -> str:
    """The column heading (or group prefix) of ``key``, translated."""
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


def shows_objects(objtype: ObjectType, key: str) -> bool:
    """True when the values of ``key`` are ids of objects (a relation, forward
    or reverse), shown and sorted by the objects' titles."""
    f = objtype.field(key)
    return (f is not None and f.is_relation) or key in PLURAL_TYPES


def key_targets(objtype: ObjectType, key: str) -> tuple[tuple[str, ...], bool] | None:
    """The types an id given for ``key`` in a filter must name, and whether
    free text may stand there instead; ``None`` where no id is expected."""
    if key == "id":
        return (objtype.name,), False
    if key in PLURAL_TYPES:
        return (PLURAL_TYPES[key],), False
    f = objtype.field(key)
    if f is None:
        return None
    kind = f.kind
    match kind:
        case "ref" | "refs":
            return tuple(f.targets), False
        case "ref-or-text":
            return tuple(f.targets), True
        case "text" | "list" | "date" | "year" | "url" | "choice":
            return None
        case _:
            assert_never(kind)
