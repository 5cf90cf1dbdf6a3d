"""The object block ``nieuw`` writes: its id, title, options and heading.

The options come from the model, in its field order: the title field, the
parent the object was placed under (``--dag``/``--van``) and the edition;
every other option is left for the volunteer, with a placeholder line that
the build warns about until it is replaced by a description.
"""

from __future__ import annotations

import functools
import gettext
import re

from ..i18n import CATALOG, LOCALE_DIR, _
from ..model import OBJECT_TYPES, ObjectType
from ..scaffold_text import PLACEHOLDER
from .inputs import heading_text, id_from_name, option_value
from .language import DEFAULT


@functools.cache
def _day_prefix() -> re.Pattern[str]:
    """A day's label before a name (``Alliantiedag``, ``Alliance day``), in English
    or in the product's language: the type, not part of the name's id."""
    dutch = gettext.translation(CATALOG, str(LOCALE_DIR), [DEFAULT], fallback=True)
    labels = {
        label.lower()
        for t in OBJECT_TYPES.values()
        if t.is_day
        for label in (t.label, dutch.gettext(t.label))
    }
    words = sorted(r"\s+".join(map(re.escape, label.split())) for label in labels)
    return re.compile(rf"^(?:{'|'.join(words)})\s+", re.IGNORECASE)


def title(objtype: ObjectType, name: str) -> str:
    """The object's title: a day's starts with the type's label (``Alliantiedag Zwolle``)."""
    if not objtype.is_day:
        return name
    label = _(objtype.label)
    return name if name.lower().startswith(label.lower()) else f"{label} {name}"


def suggested_id(objtype: ObjectType, name: str, edition: str) -> str:
    """The id for ``name``: with the edition in front for a type that has one."""
    if objtype.edition_field is None:
        return id_from_name(name)
    return f"{edition}-{id_from_name(_day_prefix().sub('', name))}"


def options(
    objtype: ObjectType, title: str, parents: dict[str, str], edition: str
) -> list[tuple[str, str]]:
    """The options written, in the model's order: title, parent (field: id), edition."""
    values = {**parents, objtype.title_field: title}
    if objtype.edition_field:
        values[objtype.edition_field] = edition
    return [(f.name, values[f.name]) for f in objtype.fields if values.get(f.name)]


def block(
    objtype: ObjectType, objid: str, options: list[tuple[str, str]], heading: str | None
) -> str:
    """The directive with its options and a placeholder, under ``heading`` if given."""
    lines = [f"```{{{objtype.name}}} {objid}"]
    lines += [f":{name}: {option_value(name, value)}" for name, value in options]
    lines += [
        "",
        "% " + _(PLACEHOLDER),
        "```",
    ]
    text = "\n".join(lines) + "\n"
    return f"## {heading_text(heading)}\n\n{text}" if heading else text
