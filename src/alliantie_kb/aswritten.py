"""A relation written as the article words it: ``overheden <de-overheid>``.

An item of a relation field (``:addressee:``, ``:speakers:``...) may name its
object as a role does with an explicit title: the text before the angle
brackets is what the reader sees, the id inside them is what the item means.
The record keeps only the id in its fields, so listings, filters, groups, the
explorer, search facets and ``kb.json`` find every variant under one object;
the text as written is kept apart (``Record.written``) and shown wherever the
object's own entry or a listing cell shows the value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .datamodel import ID_RE, ObjectType

#: ``text <id>``: the text, then the id in angle brackets at the end; the
#: text may be left out (``<de-overheid>``).
_WRITTEN_RE = re.compile(r"^(?P<text>[^<>]*?)\s*<(?P<target>[^<>]*)>\Z")


#: What may stand between the angle brackets of a reference, mistakes
#: included (``De Overheid``): words, digits, spaces, hyphens, dots. Anything
#: else (``<img src=x>``) is text that happens to hold angle brackets.
_TARGET_RE = re.compile(r"^[\w .-]*\Z")


def written_target(item: str) -> str | None:
    """What the angle brackets at the end of ``item`` hold (``de-overheid``
    for ``overheden <de-overheid>``, ``""`` for ``x <>``), or ``None`` when the
    item is not written that way: then it is an id or free text."""
    found = _WRITTEN_RE.match(item.strip())
    if found is None or not _TARGET_RE.match(found["target"]):
        return None
    return found["target"].strip()


def split_written(item: str) -> tuple[str, str]:
    """``("de-overheid", "overheden")`` for ``overheden <de-overheid>``;
    ``(item, "")`` for an item written without a text of its own, or whose
    angle brackets hold no id (a mistake the field's checks report)."""
    found = _WRITTEN_RE.match(item.strip())
    if found is None or not ID_RE.match(found["target"].strip()):
        return item.strip(), ""
    return found["target"].strip(), found["text"].strip()


def written_titles(
    objtype: ObjectType, options: Mapping[str, str | None]
) -> dict[str, dict[str, str]]:
    """Per relation field, the text each id was written with (where one was;
    ``""`` for ``<id>``: a reference, never free text); an id written with
    several texts keeps them all, joined as written."""
    out: dict[str, dict[str, str]] = {}
    for f in objtype.fields:
        raw = options.get(f.name) or ""
        if not f.is_relation or "<" not in raw:
            continue
        for item in raw.split(","):
            if written_target(item) is None:
                continue
            target, text = split_written(item)
            texts = out.setdefault(f.name, {})
            if not texts.get(target):
                texts[target] = text
            elif text and text not in texts[target].split(", "):
                texts[target] = f"{texts[target]}, {text}"
    return out
