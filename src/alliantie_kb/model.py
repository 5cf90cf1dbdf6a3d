"""The knowledge base's object types and their fields, as plain data.

Everything here is declarative: directives, the domain, indices and (later)
the JSON export read these tables instead of hard-coding type knowledge.
Labels are message ids; they are translated where they are rendered.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

# ASCII digits only: ``\d`` would also take Arabic-Indic or fullwidth digits
# (a second "2013" edition), and ``$`` would allow a trailing newline.
#: Every object id: lowercase ASCII words joined by single hyphens.
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")
#: ISO calendar dates only (``2012-10-05``).
DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
YEAR_RE = re.compile(r"^[0-9]{4}\Z")
#: The default of ``kb_url_schemes``: the URL schemes a link may use;
#: everything else (javascript:, data:, ...) is refused. Read the setting
#: (``url_schemes(config)``), not this constant.
SAFE_URL_SCHEMES = ("http", "https", "mailto")
#: Schemes whose URLs name a host (``https://host/...``); a URL of any other
#: allowed scheme (``mailto:``, ``tel:``, ``doi:``) needs only a path.
HIERARCHICAL_SCHEMES = frozenset({"http", "https", "ftp", "ftps", "sftp", "ws", "wss"})


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
    ``choice``   one value of the vocabulary ``vocabulary`` (``kb_vocabularies``)
    ``ref``      id of an object of one of ``targets``
    ``refs``     comma-separated ids of objects of ``targets``
    ``ref-or-text``  comma-separated; each an id of ``targets`` or free text
    """

    name: str
    kind: str
    label: str
    required: bool = False
    #: For ``choice`` fields: the name of the vocabulary (``kb_vocabularies``)
    #: that holds the allowed values; read it with ``choices(f, config)``.
    vocabulary: str = ""
    targets: tuple[str, ...] = ()
    #: Shown as _("not stated in the source") when empty.
    always_shown: bool = False
    #: The option's Dutch name (``naam`` for ``name``), always accepted too;
    #: empty where the Dutch name is the English one (``motto``, ``status``).
    dutch: str = ""

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
    #: Dutch names of the type's directive and role (``spreker``, ``persoon``),
    #: always accepted besides the English name.
    dutch_names: tuple[str, ...] = ()

    def field(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name == name:
                return f
        return None

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def option_aliases(self) -> dict[str, str]:
        """Every other name of an option (its Dutch name) -> the field's name."""
        return {f.dutch: f.name for f in self.fields if f.dutch and f.dutch != f.name}

    def option_name(self, given: str) -> str:
        """The field name an option written as ``given`` stands for."""
        return self.option_aliases.get(given, given)

    @property
    def option_names(self) -> tuple[str, ...]:
        """Every name an option of this type may be written with."""
        return (*self.field_names, *self.option_aliases)

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


#: Default vocabularies (``kb_vocabularies``): value -> label (a message id,
#: translated where it is shown). Values are what authors write and what
#: kb.json keeps; labels are what readers see.
REGION_LABELS = {
    "noord": _("North"),
    "noordoost": _("North-east"),
    "oost": _("East"),
    "zuidoost": _("South-east"),
    "zuid": _("South"),
    "zuidwest": _("South-west"),
    "west": _("West"),
    "noordwest": _("North-west"),
    "midden": _("Central"),
    "landelijk": _("National"),
}
STATUS_LABELS = {
    "geformuleerd": _("formulated"),
    "verstuurd": _("sent"),
    "in-behandeling": _("under consideration"),
    "overgenomen": _("adopted"),
    "afgewezen": _("rejected"),
}
KIND_LABELS = {
    "verweer": _("defence"),
    "vernieuwing": _("renewal"),
    "advies": _("advice"),
}
REGIONS = tuple(REGION_LABELS)
STATUSES = tuple(STATUS_LABELS)
KINDS = tuple(KIND_LABELS)
#: The default of ``kb_vocabularies``; a conf.py may extend it, e.g.
#: ``{**DEFAULT_VOCABULARIES, "region": [*REGIONS, "buitenland"]}``.
DEFAULT_VOCABULARIES: dict[str, dict[str, str]] = {
    "region": REGION_LABELS,
    "status": STATUS_LABELS,
    "kind": KIND_LABELS,
}

_EDITION = Field("edition", "year", _("Edition"), dutch="editie")

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
            dutch_names=("dag", "alliantiedag"),
            fields=(
                Field("name", "text", _("Name"), required=True, dutch="naam"),
                Field("date", "date", _("Date"), always_shown=True, dutch="datum"),
                Field("place", "text", _("Place"), always_shown=True, dutch="plaats"),
                Field(
                    "region",
                    "choice",
                    _("Region"),
                    vocabulary="region",
                    always_shown=True,
                    dutch="regio",
                ),
                Field(
                    "organiser",
                    "ref-or-text",
                    _("Organiser"),
                    targets=("organisation",),
                    dutch="organisator",
                ),
                Field("title", "text", _("Title"), dutch="titel"),
                Field("motto", "text", _("Motto"), dutch="motto"),
                Field("edition", "year", _("Edition"), required=True, dutch="editie"),
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
            dutch_names=("spreker", "persoon"),
            fields=(
                Field("name", "text", _("Name"), required=True, dutch="naam"),
                Field("role", "text", _("Role"), dutch="rol"),
                Field(
                    "affiliation",
                    "ref-or-text",
                    _("Affiliation"),
                    targets=("organisation",),
                    dutch="verbonden-aan",
                ),
                Field("aliases", "list", _("Also written as"), dutch="ook-bekend-als"),
                Field("url", "url", _("Website"), dutch="website"),
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
            dutch_names=("lezing",),
            fields=(
                Field("title", "text", _("Title"), required=True, dutch="titel"),
                Field("speakers", "refs", _("Speakers"), targets=("speaker",), dutch="sprekers"),
                Field("event", "ref", _("Alliance day"), targets=("event",), dutch="dag"),
                Field("date", "date", _("Date"), dutch="datum"),
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
            dutch_names=("werkgroep",),
            fields=(
                Field("title", "text", _("Title"), required=True, dutch="titel"),
                Field("event", "ref", _("Alliance day"), targets=("event",), dutch="dag"),
                Field(
                    "facilitators",
                    "refs",
                    _("Facilitators"),
                    targets=("speaker",),
                    dutch="begeleiders",
                ),
                Field("theme", "text", _("Theme"), dutch="thema"),
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
            dutch_names=("aanbeveling",),
            fields=(
                Field("title", "text", _("Title"), required=True, dutch="titel"),
                # optional: the article does not always say where a proposal was made
                Field(
                    "source",
                    "ref",
                    _("Source"),
                    targets=("talk", "workshop", "event"),
                    always_shown=True,
                    dutch="bron",
                ),
                Field("speaker", "ref", _("Made by"), targets=("speaker",), dutch="spreker"),
                Field(
                    "addressee",
                    "ref-or-text",
                    _("Addressed to"),
                    targets=("organisation",),
                    dutch="gericht-aan",
                ),
                Field("theme", "text", _("Theme"), dutch="thema"),
                Field("status", "choice", _("Status"), vocabulary="status", dutch="status"),
                Field("kind", "choice", _("Kind"), vocabulary="kind", dutch="soort"),
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
            dutch_names=("organisatie",),
            fields=(
                Field("name", "text", _("Name"), required=True, dutch="naam"),
                Field("abbreviation", "text", _("Abbreviation"), dutch="afkorting"),
                Field("url", "url", _("Website"), dutch="website"),
                Field(
                    "partof",
                    "ref",
                    _("Part of"),
                    targets=("organisation",),
                    dutch="onderdeel-van",
                ),
            ),
        ),
    )
}


#: Every Dutch name of a type's directive and role -> the type's name.
TYPE_ALIASES: dict[str, str] = {
    alias: t.name for t in OBJECT_TYPES.values() for alias in t.dutch_names
}
#: Dutch names of the view directives (``{lijst}`` for ``{listing}``).
VIEW_ALIASES: dict[str, str] = {"lijst": "listing"}


def type_name(given: str) -> str:
    """The type a directive or role name stands for (``spreker`` -> ``speaker``)."""
    return TYPE_ALIASES.get(given, given)


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


def used_vocabularies() -> tuple[str, ...]:
    """Names of the vocabularies some ``choice`` field uses."""
    names = (f.vocabulary for t in OBJECT_TYPES.values() for f in t.fields if f.vocabulary)
    return tuple(dict.fromkeys(names))


def normalise_vocabulary(values, name: str = "") -> dict[str, str]:
    """A list of values or a ``{value: label}`` dict as ``{value: label}``.

    In a list, a value of the default vocabulary ``name`` keeps its default
    label (so ``[*KINDS, "petitie"]`` still shows "defence" in English) and
    any other value is its own label. No checks: config.py validates."""
    if isinstance(values, dict):
        return {str(k): str(v) for k, v in values.items()}
    defaults = DEFAULT_VOCABULARIES.get(name, {})
    return {str(v): defaults.get(str(v), str(v)) for v in values}


def vocabulary(name: str, config=None) -> dict[str, str]:
    """``{value: label}`` of vocabulary ``name`` in a build's configuration
    (``app.config`` / ``env.config``); without one, the default."""
    settings = getattr(config, "kb_vocabularies", None) or {}
    if name in settings:
        return normalise_vocabulary(settings[name], name)
    return dict(DEFAULT_VOCABULARIES.get(name, {}))


def choices(f: Field, config=None) -> tuple[str, ...]:
    """The values a ``choice`` field allows in this build."""
    return tuple(vocabulary(f.vocabulary, config)) if f.vocabulary else ()


def choice_label(f: Field, value: str, config=None) -> str:
    """The label (message id) of a ``choice`` value; the value itself if unknown."""
    return vocabulary(f.vocabulary, config).get(value, value) if f.vocabulary else value


def url_schemes(config=None) -> tuple[str, ...]:
    """The URL schemes links may use in this build (``kb_url_schemes``)."""
    schemes = getattr(config, "kb_url_schemes", None)
    if schemes is None:
        return SAFE_URL_SCHEMES
    return tuple(str(s).lower() for s in schemes)


#: Pseudo-fields every listing knows besides the declared ones.
COMMON_KEYS = ("id", "title")
