"""The shapes of the knowledge base: fields, object types and records.

``model.py`` holds the table of the six object types built from these
classes; ``vocabularies.py`` the value lists of ``choice`` fields. Every
module decides per-type behaviour by reading these attributes, never by
naming a type.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

# ASCII digits only: ``\d`` would also take Arabic-Indic or fullwidth digits
# (a second "2013" edition), and ``$`` would allow a trailing newline.
#: Every object id: lowercase ASCII words joined by single hyphens.
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")
#: ISO calendar dates only (``2012-10-05``).
DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
YEAR_RE = re.compile(r"^[0-9]{4}\Z")

#: The shape of the data kept in the environment (records, per-document
#: lists): bump it when that changes, so that old pickles are dropped. The
#: domain's ``data_version`` and the extension's ``env_version`` are both it.
DATA_VERSION = 9

#: The option of every object that lists the fields whose values are inferred
#: rather than stated in the source (``:afgeleid: addressee``), and its Dutch
#: name. It is not a field: the record keeps it in ``Record.inferred``.
INFERRED_OPTION = "inferred"
INFERRED_DUTCH = "afgeleid"

#: What a field holds; every chain over kinds ends in ``assert_never``.
FieldKind: TypeAlias = Literal[
    "text", "list", "date", "year", "url", "choice", "ref", "refs", "ref-or-text"
]
#: Where an entry shows a field to a reader: in the opening line, in the
#: list of details under it, or not at all (still in kb.json and JSON-LD).
ReaderPlace: TypeAlias = Literal["line", "details", "hidden"]
#: A field's value in a record: one string, or a list for ``multiple`` kinds.
FieldValue: TypeAlias = str | list[str]


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
    kind: FieldKind
    label: str
    required: bool = False
    #: For ``choice`` fields: the name of the vocabulary (``kb_vocabularies``)
    #: that holds the allowed values; read it with ``choices(f, config)``.
    vocabulary: str = ""
    targets: tuple[str, ...] = ()
    #: Shown as _("not stated in the article") when empty.
    always_shown: bool = False
    #: An empty value means there is none (a person's other contribution, an
    #: organisation's abbreviation), not that the article is silent: a listing
    #: leaves its cell empty instead of saying "not stated in the article".
    none_when_empty: bool = False
    #: The option's Dutch name (``naam`` for ``name``), always accepted too;
    #: empty where the Dutch name is the English one (``motto``, ``status``).
    dutch: str = ""
    #: A relation to the object this one belongs under in the storyline
    #: (a talk's day, a recommendation's source): the edition and the day of
    #: an object follow it, and diagrams draw it from the parent to the child.
    parent: bool = False
    #: A relation drawn in the edition diagram besides the parent relations
    #: (a recommendation's addressees).
    storyline: bool = False
    #: Shown as a search facet, under the field's label.
    facet: bool = False
    #: Its values are names (a place): the search page knows their words
    #: and corrects small misspellings of them (search_names.py).
    names: bool = False
    #: The schema.org property this field becomes in the page's JSON-LD.
    schema: str = ""
    #: Where an entry shows the field (``ReaderPlace``): ``hidden`` for
    #: internal values that say nothing to a reader (a status, an edition).
    reader: ReaderPlace = "details"
    #: In the opening line: a message id with one ``%s`` for the value
    #: (``_("to %s")``, "aan %s"); empty: the value alone.
    lead: str = ""
    #: A value the field has until someone moves it on (a status's first
    #: stage): the printed book leaves the field out when it holds it.
    print_default: str = ""
    #: The printed entry says "not stated in the article" when the field is
    #: empty, even where the screen leaves it out (a day's organiser).
    print_always: bool = False

    @property
    def multiple(self) -> bool:
        """The value is a list (comma-separated in the source)."""
        return self.kind in {"list", "refs", "ref-or-text"}

    @property
    def is_relation(self) -> bool:
        """The value names other objects by id."""
        return self.kind in {"ref", "refs", "ref-or-text"}


@dataclass(frozen=True)
class ObjectType:
    """One kind of knowledge-base object."""

    name: str
    label: str
    plural: str
    #: Prefix of the HTML anchor, so ids never clash with section ids.
    anchor_prefix: str
    #: Name of the domain index page (``kb-<index_name>.html``), also the
    #: name of the page ``alliantie-kb nieuw`` adds objects of this type to.
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
    #: Other English words the CLI accepts for the type (``person``).
    cli_aliases: tuple[str, ...] = ()
    #: Columns of a ``{listing}`` that names none.
    default_columns: tuple[str, ...] = ("title",)
    #: The field shown beside an entry of the domain index (for a relation:
    #: the title of the object it names).
    index_extra: str = ""
    #: An Alliance day: the root of its edition's storyline.
    is_day: bool = False
    #: Drawn in the diagram of an edition.
    in_storyline: bool = False
    #: Graphviz node attributes of an object of this type in a diagram.
    diagram_style: str = "shape=box"
    #: The schema.org type of the object in the page's JSON-LD.
    schema_type: str = "Thing"
    #: The field whose values are other names of the object (spelling
    #: variants): each is an entry of the domain index that points to it.
    alias_field: str = ""
    #: The type as a noun in the command's messages: a message id
    #: (``_("speaker")``), translated where it is shown ("spreker").
    cli_noun: str = ""
    #: Where ``alliantie-kb nieuw`` writes a new object when no option says:
    #: a page of its own, as a path in the sources with ``{id}`` (the id
    #: without its edition) and ``{edition}`` filled in; empty: the type's
    #: shared page, ``<index_name>.md`` (in the edition's folder if it has one).
    scaffold_page: str = ""
    #: On a shared page, ``nieuw`` puts each object under a heading of its own.
    scaffold_heading: bool = False
    #: How a "see also" sentence names objects of this type that mention
    #: another: message ids with one ``%s`` for their titles, for one and for
    #: several (``_("in the talk %s")``, ``_("in the talks %s")``).
    mention: tuple[str, str] = ("%s", "%s")
    #: The sentence an overview (``{overview}``) gives an object: fragments,
    #: each a message id over keys (``_(", %(role)s")``; a key is a field, a
    #: reverse relation or ``a.b``, the ``b`` of each object ``a`` names). A
    #: fragment with an empty key is left out; relations become links.
    summary: tuple[str, ...] = ("%(title)s",)
    #: The parts an object can play, for an overview grouped by ``part``:
    #: (heading, keys) in order; an object belongs to the first part one of
    #: whose keys has a value, else to ``other_part``.
    parts: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: The heading of the objects that play none of the ``parts``.
    other_part: str = ""

    def field(self, name: str) -> Field | None:
        """The field called ``name``, if the type has one."""
        for f in self.fields:
            if f.name == name:
                return f
        return None

    @property
    def field_names(self) -> tuple[str, ...]:
        """The English names of the type's fields, in order."""
        return tuple(f.name for f in self.fields)

    @property
    def option_aliases(self) -> dict[str, str]:
        """Every other name of an option (its Dutch name) -> the field's name."""
        aliases = {f.dutch: f.name for f in self.fields if f.dutch and f.dutch != f.name}
        aliases[INFERRED_DUTCH] = INFERRED_OPTION
        return aliases

    def option_name(self, given: str) -> str:
        """The field name an option written as ``given`` stands for."""
        return self.option_aliases.get(given, given)

    @property
    def option_names(self) -> tuple[str, ...]:
        """Every name an option of this type may be written with."""
        return (*self.field_names, INFERRED_OPTION, *self.option_aliases)

    @property
    def title_label(self) -> str:
        """The label of the field that holds the object's display name."""
        return self.field_label(self.title_field)

    def field_label(self, name: str) -> str:
        """The label of field ``name`` (a ``KeyError`` if there is none)."""
        f = self.field(name)
        if f is None:
            raise KeyError(f"{self.name} has no field {name!r}")
        return f.label

    @property
    def date_field(self) -> str | None:
        """The type's first ``date`` field, if it has one."""
        return next((f.name for f in self.fields if f.kind == "date"), None)

    @property
    def edition_field(self) -> str | None:
        """The field that holds the object's edition (a year), if it has one."""
        return next((f.name for f in self.fields if f.kind == "year"), None)

    @property
    def line_fields(self) -> tuple[Field, ...]:
        """The fields an entry shows in its opening line, in order."""
        return tuple(f for f in self.fields if f.reader == "line")

    @property
    def parent_fields(self) -> tuple[Field, ...]:
        """The relations that place an object of this type under another."""
        return tuple(f for f in self.fields if f.parent)


@dataclass(frozen=True, eq=False)
class Record:
    """One object as the domain keeps it (pickled with the environment).

    ``fields`` holds the validated option values by field name: a string,
    or a list of strings for fields whose kind is ``multiple``. Records are
    compared by identity: the domain keeps one per definition.
    """

    id: str
    type: str
    title: str
    docname: str
    anchor: str
    lineno: int
    #: Last source line of the definition (MyST: the closing fence).
    end: int
    fields: Mapping[str, FieldValue]
    #: Source line of each option, by field name.
    lines: Mapping[str, int]
    #: The fields whose values the source implies rather than states
    #: (``:afgeleid:``): shown with an "(afgeleid)" marker wherever they appear.
    inferred: tuple[str, ...] = ()
    #: The text an item of a relation was written with (``overheden
    #: <de-overheid>``), by field name and id: shown instead of the title.
    written: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def text(self, name: str) -> str:
        """A single-valued field's value, or ``""``."""
        value = self.fields.get(name)
        return value if isinstance(value, str) else ""

    def values(self, name: str) -> list[str]:
        """A field's value(s) as a list (empty when not given)."""
        value = self.fields.get(name)
        if value is None:
            return []
        return [value] if isinstance(value, str) else list(value)
