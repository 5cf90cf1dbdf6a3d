"""The knowledge base's object types and their fields, as plain data.

Everything here is declarative: directives, the domain, indices and (later)
the JSON export read these tables instead of hard-coding type knowledge.
Labels are message ids; they are translated where they are rendered.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

#: Every object id: lowercase ASCII words joined by single hyphens.
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: ISO calendar dates only (``2012-10-05``).
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
YEAR_RE = re.compile(r"^\d{4}$")
#: URL schemes a link may use; everything else (javascript:, data:, ...) is refused.
SAFE_URL_SCHEMES = ("http", "https", "mailto")


def _(message: str) -> str:
    """Mark a message id for extraction; translated at render time."""
    return message


@dataclass(frozen=True)
class Field:
    """One option of an object directive.

    ``kind`` is one of:

    ``text``     free text
    ``list``     comma-separated free text
    ``date``     ISO date (YYYY-MM-DD)
    ``year``     four-digit year
    ``url``      absolute URL with a safe scheme
    ``choice``   one value of ``choices``
    ``ref``      id of an object of one of ``targets``
    ``refs``     comma-separated ids of objects of ``targets``
    ``ref-or-text``  comma-separated; each an id of ``targets`` or free text
    """

    name: str
    kind: str
    label: str
    required: bool = False
    choices: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    #: Shown as "niet vermeld in de bron" when empty.
    always_shown: bool = False

    @property
    def multiple(self) -> bool:
        return self.kind in {"list", "refs", "ref-or-text"}

    @property
    def is_relation(self) -> bool:
        return self.kind in {"ref", "refs", "ref-or-text"}


@dataclass(frozen=True)
class ObjectType:
    """One kind of knowledge-base object."""

    name: str
    label: str
    plural: str
    #: Prefix of the HTML anchor, so ids never clash with section ids.
    anchor_prefix: str
    #: Name of the domain index page (``kb-<index_name>.html``).
    index_name: str
    #: The field whose value is the object's display name.
    title_field: str
    fields: tuple[Field, ...] = field(default_factory=tuple)
    #: Heading of the "what refers here" section of an object of this type.
    backlinks_title: str = ""
    #: Name of the reverse relation "objects of this type that refer to X",
    #: usable as a listing column or filter field on any type.
    key_plural: str = ""

    def field(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name == name:
                return f
        return None

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def title_label(self) -> str:
        return self.field_label(self.title_field)

    def field_label(self, name: str) -> str:
        f = self.field(name)
        if f is None:
            raise KeyError(f"{self.name} has no field {name!r}")
        return f.label

    @property
    def date_field(self) -> str | None:
        return "date" if self.field("date") else None


REGIONS = (
    "noord",
    "noordoost",
    "oost",
    "zuidoost",
    "zuid",
    "zuidwest",
    "west",
    "noordwest",
    "midden",
    "landelijk",
)
STATUSES = ("geformuleerd", "verstuurd", "in-behandeling", "overgenomen", "afgewezen")
KINDS = ("verweer", "vernieuwing", "advies")

_EDITION = Field("edition", "year", _("Edition"))

OBJECT_TYPES: dict[str, ObjectType] = {
    t.name: t
    for t in (
        ObjectType(
            "event",
            _("Alliance day"),
            _("Alliance days"),
            "dag",
            "dagen",
            "name",
            backlinks_title=_("References to this Alliance day"),
            key_plural="events",
            fields=(
                Field("name", "text", _("Name"), required=True),
                Field("date", "date", _("Date"), always_shown=True),
                Field("place", "text", _("Place"), always_shown=True),
                Field("region", "choice", _("Region"), choices=REGIONS, always_shown=True),
                Field("organiser", "ref-or-text", _("Organiser"), targets=("organisation",)),
                Field("title", "text", _("Title")),
                Field("motto", "text", _("Motto")),
                Field("edition", "year", _("Edition"), required=True),
            ),
        ),
        ObjectType(
            "speaker",
            _("Speaker"),
            _("Speakers"),
            "spreker",
            "sprekers",
            "name",
            backlinks_title=_("References to this speaker"),
            key_plural="speakers",
            fields=(
                Field("name", "text", _("Name"), required=True),
                Field("role", "text", _("Role")),
                Field("affiliation", "ref-or-text", _("Affiliation"), targets=("organisation",)),
                Field("aliases", "list", _("Also written as")),
                Field("url", "url", _("Website")),
            ),
        ),
        ObjectType(
            "talk",
            _("Talk"),
            _("Talks"),
            "lezing",
            "lezingen",
            "title",
            backlinks_title=_("References to this talk"),
            key_plural="talks",
            fields=(
                Field("title", "text", _("Title"), required=True),
                Field("speakers", "refs", _("Speakers"), targets=("speaker",)),
                Field("event", "ref", _("Alliance day"), targets=("event",)),
                Field("date", "date", _("Date")),
                _EDITION,
            ),
        ),
        ObjectType(
            "workshop",
            _("Workshop"),
            _("Workshops"),
            "werkgroep",
            "werkgroepen",
            "title",
            backlinks_title=_("References to this workshop"),
            key_plural="workshops",
            fields=(
                Field("title", "text", _("Title"), required=True),
                Field("event", "ref", _("Alliance day"), targets=("event",)),
                Field("facilitators", "refs", _("Facilitators"), targets=("speaker",)),
                Field("theme", "text", _("Theme")),
                _EDITION,
            ),
        ),
        ObjectType(
            "recommendation",
            _("Recommendation"),
            _("Recommendations"),
            "aanbeveling",
            "aanbevelingen",
            "title",
            backlinks_title=_("References to this recommendation"),
            key_plural="recommendations",
            fields=(
                Field("title", "text", _("Title"), required=True),
                # optional: the article does not always say where a proposal was made
                Field(
                    "source",
                    "ref",
                    _("Source"),
                    targets=("talk", "workshop", "event"),
                    always_shown=True,
                ),
                Field("speaker", "ref", _("Made by"), targets=("speaker",)),
                Field("addressee", "ref-or-text", _("Addressed to"), targets=("organisation",)),
                Field("theme", "text", _("Theme")),
                Field("status", "choice", _("Status"), choices=STATUSES),
                Field("kind", "choice", _("Kind"), choices=KINDS),
                _EDITION,
            ),
        ),
        ObjectType(
            "organisation",
            _("Organisation"),
            _("Organisations"),
            "organisatie",
            "organisaties",
            "name",
            backlinks_title=_("References to this organisation"),
            key_plural="organisations",
            fields=(
                Field("name", "text", _("Name"), required=True),
                Field("abbreviation", "text", _("Abbreviation")),
                Field("url", "url", _("Website")),
                Field("partof", "ref", _("Part of"), targets=("organisation",)),
            ),
        ),
    )
}


@functools.cache
def reverse_relations(typename: str) -> dict[str, tuple[tuple[str, str], ...]]:
    """Reverse relations of a type: ``{"talks": (("talk", "speakers"),), ...}``.

    For every other type whose relation fields may point at ``typename``, the
    key is that type's ``key_plural`` and the value lists (type, field) pairs.
    """
    out: dict[str, list[tuple[str, str]]] = {}
    for other in OBJECT_TYPES.values():
        for f in other.fields:
            if f.is_relation and typename in f.targets:
                out.setdefault(other.key_plural, []).append((other.name, f.name))
    return {k: tuple(v) for k, v in out.items()}


#: Pseudo-fields every listing knows besides the declared ones.
COMMON_KEYS = ("id", "title")
