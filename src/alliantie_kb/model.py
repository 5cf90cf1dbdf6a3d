"""The knowledge base's six object types, as one declarative table.

Everything that varies per type is an attribute here (see ``datamodel.py``):
directives, the domain, listings, diagrams, search, JSON-LD, the CLI and the
export read these instead of naming a type. Labels are message ids,
translated where they are rendered.
"""

from __future__ import annotations

import functools

from .datamodel import (
    DATE_RE,
    ID_RE,
    YEAR_RE,
    Field,
    FieldKind,
    FieldValue,
    ObjectType,
    Record,
    _,
)
from .vocabularies import (
    DEFAULT_VOCABULARIES,
    HIERARCHICAL_SCHEMES,
    KINDS,
    REGIONS,
    SAFE_URL_SCHEMES,
    STATUSES,
    choice_label,
    choices,
    normalise_vocabulary,
    url_schemes,
    vocabulary,
)

__all__ = [
    "COMMON_KEYS",
    "DATE_RE",
    "DEFAULT_VOCABULARIES",
    "EDITION_DIAGRAM_STYLE",
    "HIERARCHICAL_SCHEMES",
    "ID_RE",
    "KINDS",
    "OBJECT_TYPES",
    "REGIONS",
    "SAFE_URL_SCHEMES",
    "STATUSES",
    "TEXT_DIAGRAM_STYLE",
    "TYPE_ALIASES",
    "VIEW_ALIASES",
    "YEAR_RE",
    "Field",
    "FieldKind",
    "FieldValue",
    "ObjectType",
    "Record",
    "choice_label",
    "choices",
    "normalise_vocabulary",
    "reverse_relations",
    "type_name",
    "url_schemes",
    "used_vocabularies",
    "vocabulary",
]

#: Diagram node of an edition (the root of its storyline) and of free text.
EDITION_DIAGRAM_STYLE = 'shape=doubleoctagon, style=filled, fillcolor="#fde8c8"'
TEXT_DIAGRAM_STYLE = "shape=plaintext"

_EDITION = Field("edition", "year", _("Edition"), dutch="editie", reader="hidden")

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
            mention=(_("at %s"), _("at %s")),
            dutch_names=("dag", "alliantiedag"),
            cli_aliases=("day",),
            cli_noun=_("event"),
            summary=("%(title)s", _(", %(place)s"), _(", %(date)s")),
            scaffold_page="{edition}/{id}.md",
            default_columns=("title", "date", "place", "region"),
            index_extra="title",
            is_day=True,
            in_storyline=True,
            diagram_style='shape=box, style="rounded,filled", fillcolor="#d6e9f8"',
            schema_type="Event",
            fields=(
                Field("name", "text", _("Name"), required=True, dutch="naam"),
                Field(
                    "date",
                    "date",
                    _("Date"),
                    always_shown=True,
                    dutch="datum",
                    schema="startDate",
                    reader="line",
                ),
                Field(
                    "place",
                    "text",
                    _("Place"),
                    always_shown=True,
                    names=True,
                    dutch="plaats",
                    schema="location",
                    reader="line",
                ),
                Field(
                    "region",
                    "choice",
                    _("Region"),
                    vocabulary="region",
                    always_shown=True,
                    dutch="regio",
                    reader="line",
                    lead=_("region %s"),
                ),
                Field(
                    "organiser",
                    "ref-or-text",
                    _("Organiser"),
                    targets=("organisation",),
                    dutch="organisator",
                    schema="organizer",
                    print_always=True,
                ),
                Field("title", "text", _("Title"), dutch="titel"),
                Field("motto", "text", _("Motto"), dutch="motto"),
                Field(
                    "edition", "year", _("Edition"), required=True, dutch="editie", reader="hidden"
                ),
            ),
        ),
        ObjectType(
            # a person the article names; whether they spoke follows from the
            # talks, workshops and recommendations that name them (the reverse
            # relations ``talks``, ``workshops``, ``recommendations``). The name
            # ``speaker``, the anchors and the index page stay, so every
            # reference keeps working.
            "speaker",
            _("Person"),
            _("People"),
            "spreker",
            "sprekers",
            "name",
            backlinks_title=_("References to this person"),
            key_plural="speakers",
            mention=(_("at %s"), _("at %s")),
            dutch_names=("spreker", "persoon"),
            cli_aliases=("person",),
            cli_noun=_("person"),
            summary=(
                "%(title)s",
                _(", %(role)s"),
                _(" — talk %(talks)s"),
                _(" at the %(talks.event)s"),
                _(" — %(contribution)s"),
                _(" — led the workshop %(workshops)s"),
                _("; recommended: %(recommendations)s"),
            ),
            parts=(
                (_("Speakers"), ("talks", "recommendations", "contribution")),
                (_("Workshop facilitators"), ("workshops",)),
            ),
            other_part=_("Other people"),
            scaffold_page="personen/{id}.md",
            default_columns=("title", "role", "affiliation"),
            index_extra="role",
            diagram_style='shape=oval, style=filled, fillcolor="#f8dcdc"',
            schema_type="Person",
            alias_field="aliases",
            fields=(
                Field("name", "text", _("Name"), required=True, dutch="naam"),
                Field("role", "text", _("Role"), dutch="rol", schema="jobTitle", reader="line"),
                Field(
                    "affiliation",
                    "ref-or-text",
                    _("Affiliation"),
                    targets=("organisation",),
                    dutch="verbonden-aan",
                    schema="affiliation",
                    reader="line",
                ),
                Field(
                    "aliases",
                    "list",
                    _("Also known as"),
                    dutch="ook-bekend-als",
                    schema="alternateName",
                    none_when_empty=True,
                ),
                Field(
                    "url",
                    "url",
                    _("Website"),
                    dutch="website",
                    schema="sameAs",
                    none_when_empty=True,
                ),
                # what a person did on the programme besides talks, workshops and
                # recommendations (a haiku, a cabaret act): they spoke too
                Field(
                    "contribution",
                    "text",
                    _("Contribution"),
                    dutch="bijdrage",
                    none_when_empty=True,
                ),
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
            mention=(_("in the talk %s"), _("in the talks %s")),
            dutch_names=("lezing",),
            cli_noun=_("talk"),
            summary=("%(title)s", _(" by %(speakers)s"), _(", %(event)s")),
            scaffold_heading=True,
            default_columns=("title", "speakers", "event", "date"),
            index_extra="event",
            in_storyline=True,
            diagram_style='shape=ellipse, style=filled, fillcolor="#e3f1dc"',
            schema_type="CreativeWork",
            fields=(
                Field("title", "text", _("Title"), required=True, dutch="titel"),
                Field(
                    "speakers",
                    "refs",
                    _("Speakers"),
                    targets=("speaker",),
                    dutch="sprekers",
                    schema="author",
                    facet=True,
                    reader="line",
                    lead=_("by %s"),
                ),
                Field(
                    "event",
                    "ref",
                    _("Alliance day"),
                    targets=("event",),
                    dutch="dag",
                    parent=True,
                    reader="line",
                ),
                Field("date", "date", _("Date"), dutch="datum", reader="line"),
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
            mention=(_("in the workshop %s"), _("in the workshops %s")),
            dutch_names=("werkgroep",),
            cli_noun=_("workshop"),
            summary=(
                "%(title)s",
                _(", %(event)s"),
                _(", led by %(facilitators)s"),
                _(" — recommended: %(recommendations)s"),
            ),
            scaffold_heading=True,
            default_columns=("title", "event", "theme"),
            index_extra="event",
            in_storyline=True,
            diagram_style='shape=box, style=filled, fillcolor="#e3f1dc"',
            schema_type="Event",
            fields=(
                Field("title", "text", _("Title"), required=True, dutch="titel"),
                Field(
                    "event",
                    "ref",
                    _("Alliance day"),
                    targets=("event",),
                    dutch="dag",
                    parent=True,
                    reader="line",
                ),
                Field(
                    "facilitators",
                    "refs",
                    _("Facilitators"),
                    targets=("speaker",),
                    dutch="begeleiders",
                    reader="line",
                    lead=_("led by %s"),
                ),
                Field("theme", "text", _("Theme"), dutch="thema", facet=True),
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
            mention=(_("in the recommendation %s"), _("in the recommendations %s")),
            dutch_names=("aanbeveling",),
            cli_noun=_("recommendation"),
            summary=(
                "%(title)s",
                _(" — by %(speaker)s"),
                _(", to %(addressee)s"),
                _(" (%(source)s)"),
            ),
            scaffold_heading=True,
            default_columns=("title", "source", "addressee", "theme"),
            index_extra="source",
            in_storyline=True,
            diagram_style='shape=note, style=filled, fillcolor="#fff6cc"',
            schema_type="CreativeWork",
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
                    parent=True,
                ),
                Field(
                    "speaker",
                    "ref",
                    _("Made by"),
                    targets=("speaker",),
                    dutch="spreker",
                    schema="author",
                    facet=True,
                    reader="line",
                    lead=_("from %s"),
                ),
                Field(
                    "addressee",
                    "ref-or-text",
                    _("Addressed to"),
                    targets=("organisation",),
                    dutch="gericht-aan",
                    storyline=True,
                    facet=True,
                    schema="audience",
                    reader="line",
                    lead=_("to %s"),
                ),
                Field("theme", "text", _("Theme"), dutch="thema", facet=True, schema="keywords"),
                Field(
                    "status",
                    "choice",
                    _("Status"),
                    vocabulary="status",
                    dutch="status",
                    facet=True,
                    reader="hidden",
                    print_default="geformuleerd",
                ),
                Field(
                    "kind", "choice", _("Kind"), vocabulary="kind", dutch="soort", reader="hidden"
                ),
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
            mention=(_("at %s"), _("at %s")),
            dutch_names=("organisatie",),
            cli_noun=_("organisation"),
            summary=(
                "%(title)s",
                _(" (%(abbreviation)s)"),
                _(", part of %(partof)s"),
                _(" — organised %(events)s"),
                _(" — recommendations addressed to it: %(recommendations)s"),
            ),
            default_columns=("title", "abbreviation"),
            index_extra="abbreviation",
            diagram_style='shape=component, style=filled, fillcolor="#eadcf1"',
            schema_type="Organization",
            # the other names the article gives it ("overheden" for "de overheid")
            alias_field="aliases",
            fields=(
                Field("name", "text", _("Name"), required=True, dutch="naam"),
                Field(
                    "abbreviation",
                    "text",
                    _("Abbreviation"),
                    dutch="afkorting",
                    schema="alternateName",
                    none_when_empty=True,
                ),
                Field(
                    "aliases",
                    "list",
                    _("Also known as"),
                    dutch="ook-bekend-als",
                    schema="alternateName",
                    none_when_empty=True,
                ),
                Field(
                    "url",
                    "url",
                    _("Website"),
                    dutch="website",
                    schema="sameAs",
                    none_when_empty=True,
                ),
                Field(
                    "partof",
                    "ref",
                    _("Part of"),
                    targets=("organisation",),
                    dutch="onderdeel-van",
                    schema="parentOrganization",
                    none_when_empty=True,
                    reader="line",
                    lead=_("part of %s"),
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


#: Pseudo-fields every listing knows besides the declared ones.
COMMON_KEYS = ("id", "title")
