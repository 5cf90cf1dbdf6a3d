"""The ``kb`` domain: object registry and cross-references.

All cross-document state is plain data keyed by docname:

``objects``  docname -> records of the objects defined there
``refs``     docname -> ids referred to by roles in its prose
``deps``     docname -> dependency tokens of its generated content
             (kept by the collector in ``incremental.py``)
``warnings`` docname -> its read-time warning records (see ``recorder.py``)
``names``    docname -> names written where an id belongs (``consistency.py``)
``unread``   docname -> ids in blocks whose directive name is unknown

``clear_doc`` and ``merge_domaindata`` therefore only move whole per-document
entries, and the env never holds docutils nodes. ``snapshot`` (not per
document) is the fingerprint of the previous build, kept by incremental.py.
Lookups by id go through indexes rebuilt lazily whenever the data changes.
The index pages are in ``indices.py``, the whole-base checks in
``consistency.py``, the hints for a dangling reference in ``hints.py``.
"""

from __future__ import annotations

from collections.abc import Iterator, Set
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from . import consistency, hints
from .datamodel import DATA_VERSION
from .i18n import _
from .indices import make_index, sort_key
from .model import (
    ID_RE,
    OBJECT_TYPES,
    TYPE_ALIASES,
    Record,
    reverse_relations,
    type_name,
)
from .render import ANY_KB_TYPE, type_label

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

__all__ = ["KnowledgeBaseDomain", "kb_domain", "setup_domain", "sort_key"]


class KBXRefRole(XRefRole):
    """``{speaker}`id```: a link whose text is the object's name or title."""

    innernodeclass = nodes.inline

    def process_link(
        self,
        env: BuildEnvironment,
        refnode: Element,
        has_explicit_title: bool,
        title: str,
        target: str,
    ) -> tuple[str, str]:
        refnode["refwarn"] = True  # dangling references always warn, nitpicky or not
        return title, target.strip()


class KnowledgeBaseDomain(Domain):
    """The registry of every object, its lookups and its cross-references."""

    name = "kb"
    label = "Kennisbank"
    object_types = {
        t.name: ObjType(_(t.label), t.name, *t.dutch_names, ANY_KB_TYPE)
        for t in OBJECT_TYPES.values()
    }
    roles = {name: KBXRefRole() for name in (*OBJECT_TYPES, *TYPE_ALIASES)}
    indices = [make_index(t) for t in OBJECT_TYPES.values()]
    initial_data = {
        "objects": {},
        "refs": {},
        "deps": {},
        "warnings": {},
        "names": {},
        "unread": {},
        "snapshot": {},
    }
    data_version = DATA_VERSION
    #: Per-document data this class clears and merges; ``deps`` and
    #: ``snapshot`` belong to the collector in incremental.py.
    PER_DOC = ("objects", "refs", "warnings", "names", "unread")
    # directives are added by directives.setup_directives()

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._by_id: dict[str, Record] | None = None
        # get()'s own index, kept up to date as objects are noted: rebuilding
        # the whole index for every lookup while pages were read made reading
        # grow with the square of the objects (11 of 134 s at 300 pages)
        self._first: dict[str, Record] | None = None
        self._defined_twice: set[str] = set()
        self._duplicates: list[tuple[Record, Record]] = []
        self._ids_by_type: dict[str, list[str]] = {}
        self._referrers: dict[str, list[tuple[str, str]]] = {}
        self._labels: dict[str, str] = {}
        self._uris: dict[tuple[str, str, str], str] = {}
        self._mentions: dict[str, list[str]] = {}

    # -- storage -----------------------------------------------------------

    @property
    def objects(self) -> dict[str, list[Record]]:
        """docname -> the records defined on that page."""
        return cast("dict[str, list[Record]]", self.data["objects"])

    def note_object(self, record: Record) -> None:
        """Register an object defined on its page (duplicates too: warned later)."""
        self.objects.setdefault(record.docname, []).append(record)
        self._by_id = None
        if self._first is not None:
            current = self._first.get(record.id)
            if current is not None:
                self._defined_twice.add(record.id)
            # the first definition is the one on the page that sorts first
            if current is None or record.docname < current.docname:
                self._first[record.id] = record

    def note_mentions(self, docname: str, refs: list[str]) -> None:
        """The ids a page's prose refers to with a role (its "named on" links)."""
        self.data["refs"][docname] = refs
        self._by_id = None

    def note_name(self, docname: str, line: int, name: str, targets: list[str], field: str) -> None:
        """A name written in an option where an id belongs; warned in check_consistency."""
        self.data.setdefault("names", {}).setdefault(docname, []).append(
            [line, name, targets, field]
        )

    def clear_doc(self, docname: str) -> None:
        first = self._first
        if first is not None:
            for rec in self.objects.get(docname, ()):
                if rec.id in self._defined_twice:  # another page may define it: look again
                    self._first = None
                    break
                if first.get(rec.id) is rec:
                    del first[rec.id]
        for key in self.PER_DOC:
            self.data.setdefault(key, {}).pop(docname, None)
        self._by_id = None

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            for key in self.PER_DOC:
                if docname in otherdata.get(key, {}):
                    self.data.setdefault(key, {})[docname] = otherdata[key][docname]
        self._by_id = None
        self._first = None

    def _index(self) -> dict[str, Record]:
        if self._by_id is None:
            by_id: dict[str, Record] = {}
            duplicates: list[tuple[Record, Record]] = []
            for docname in sorted(self.objects):
                for rec in self.objects[docname]:
                    first = by_id.setdefault(rec.id, rec)
                    if first is not rec:
                        duplicates.append((rec, first))
            ids_by_type: dict[str, list[str]] = {}
            referrers: dict[str, list[tuple[str, str]]] = {}
            for rec in by_id.values():
                ids_by_type.setdefault(rec.type, []).append(rec.id)
                for f in OBJECT_TYPES[rec.type].fields:
                    if not f.is_relation:
                        continue
                    for target in rec.values(f.name):
                        other = by_id.get(target)
                        if other is not None and other.type in f.targets:
                            referrers.setdefault(target, []).append((rec.id, f.name))
            mentions: dict[str, list[str]] = {}
            for docname in sorted(self.data["refs"]):
                for target in self.data["refs"][docname]:
                    mentions.setdefault(target, []).append(docname)
            self._by_id, self._duplicates = by_id, duplicates
            self._ids_by_type, self._referrers, self._mentions = ids_by_type, referrers, mentions
        return self._by_id

    # -- lookups -----------------------------------------------------------

    def _first_index(self) -> dict[str, Record]:
        """id -> its first definition, built again only after a page that
        defines an id twice is cleared or a parallel reader's pages merged."""
        if self._first is None:
            first: dict[str, Record] = {}
            twice: set[str] = set()
            for docname in sorted(self.objects):
                for rec in self.objects[docname]:
                    if first.setdefault(rec.id, rec) is not rec:
                        twice.add(rec.id)
            self._first, self._defined_twice = first, twice
        return self._first

    def get(self, objid: str) -> Record | None:
        """The object with this id (the first, if it is defined twice)."""
        return self._first_index().get(objid)

    def ids_of_type(self, objtype: str) -> list[str]:
        """The ids of every object of one type, in source order."""
        self._index()
        return self._ids_by_type.get(objtype, [])

    def duplicates(self) -> list[tuple[Record, Record]]:
        """(second definition, first definition) of every id defined twice."""
        self._index()
        return self._duplicates

    def referrers(self, objid: str) -> list[tuple[Record, str]]:
        """Objects whose relation fields point at ``objid``, with the field."""
        index = self._index()
        return [(index[rid], field) for rid, field in self._referrers.get(objid, ())]

    def mentioned_on(self, objid: str) -> list[str]:
        """Documents whose prose refers to ``objid`` with a role."""
        self._index()
        return self._mentions.get(objid, [])

    def in_unread_block(self, objid: str) -> bool:
        """Whether ``objid`` is defined in a block whose directive name is unknown."""
        return any(objid in ids for ids in self.data.get("unread", {}).values())

    def values(self, rec: Record, key: str) -> list[str]:
        """The values of a field, reverse relation or pseudo-field, as a list."""
        if key == "id":
            return [rec.id]
        if key == "title":
            return [rec.title]
        if key == "type":
            return [rec.type]
        if key in rec.fields:
            return rec.values(key)
        reverse = reverse_relations(rec.type).get(key)
        if reverse:
            return [
                other.id
                for other, field in self.referrers(rec.id)
                if (other.type, field) in reverse
            ]
        return []

    def parent_of(self, rec: Record) -> Record | None:
        """The object ``rec`` belongs under (a talk's day, a recommendation's
        source): the first existing object one of its parent fields names."""
        for f in OBJECT_TYPES[rec.type].parent_fields:
            parent = self.get(rec.text(f.name))
            if parent is not None:
                return parent
        return None

    def edition_of(self, rec: Record, depth: int = 0) -> str | None:
        """The edition of an object: its own, or that of its parent."""
        field = OBJECT_TYPES[rec.type].edition_field
        own = (rec.text(field) if field else "") or None
        if own or depth > 3:
            return own
        parent = self.parent_of(rec)
        return self.edition_of(parent, depth + 1) if parent is not None else None

    def day_of(self, rec: Record, depth: int = 0) -> Record | None:
        """The Alliance day an object belongs to, if the sources say."""
        if OBJECT_TYPES[rec.type].is_day:
            return rec
        if depth > 3:
            return None
        parent = self.parent_of(rec)
        return self.day_of(parent, depth + 1) if parent is not None else None

    def records(self, objtype: str | None = None) -> Iterator[Record]:
        """Every registered object (the first of duplicates), in source order."""
        for rec in self._index().values():
            if objtype is None or rec.type == objtype:
                yield rec

    def check_consistency(self) -> None:
        consistency.check_consistency(self)

    # -- cross-references --------------------------------------------------

    @staticmethod
    def accepted_types(typ: str, node: Element) -> tuple[str, ...]:
        """The types a reference of role ``typ`` may name."""
        typ = type_name(typ)  # {spreker} is {speaker}
        if typ in OBJECT_TYPES:
            return (typ,)
        return tuple(node.get("kb_targets", "").split()) or tuple(OBJECT_TYPES)

    def _refnode(
        self, builder: Builder, fromdocname: str, rec: Record, node: Element, contnode: Element
    ) -> nodes.reference:
        if not node.get("refexplicit"):
            # the role's inner node (an inline, or a literal for {any}) with the title
            text_node = cast("type[nodes.TextElement]", contnode.__class__)
            contnode = text_node("", rec.title, classes=contnode["classes"])
        label = self._labels.get(rec.type)
        if label is None:
            label = self._labels[rec.type] = type_label(rec.type)
        title = f"{label}: {rec.title}"
        todocname = rec.docname
        if fromdocname == todocname:
            return make_refnode(builder, fromdocname, todocname, rec.anchor, contnode, title)
        # what make_refnode does, with the page-to-page URI computed once per
        # pair: a knowledge base links the same pages to each other many times
        key = (builder.name, fromdocname, todocname)
        uri = self._uris.get(key)
        if uri is None:
            uri = self._uris[key] = builder.get_relative_uri(fromdocname, todocname)
        ref = nodes.reference("", "", internal=True, refuri=f"{uri}#{rec.anchor}", reftitle=title)
        ref += contnode
        return ref

    def resolve_xref(  # type: ignore[override]  # free text resolves to an inline
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> Element | None:
        rec = self.get(target)
        if rec is not None and rec.type in self.accepted_types(typ, node):
            return self._refnode(builder, fromdocname, rec, node, contnode)
        if rec is None and node.get("kb_fallback_text"):
            # free text such as "de overheid" where an organisation id may stand;
            # only an id-shaped value close to a real id is taken for a typo
            if not ID_RE.match(target) or not hints.suggestion(self, typ, target, node):
                return nodes.inline(target, target, classes=["kb-text"])
        return None  # intersphinx may still resolve it; otherwise warn_missing()

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        rec = self.get(target)
        if rec is None:
            return []
        return [(f"kb:{rec.type}", self._refnode(builder, fromdocname, rec, node, contnode))]

    def warn_missing(self, node: Element) -> None:
        """Warn about a reference nothing resolved, with a hint (hints.py)."""
        hints.warn_missing(self, node)

    def get_type_name(self, type: ObjType, primary: bool = False) -> str:
        # "Spreker", not "Kennisbank Spreker", in search results
        return type.lname

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for rec in self.records():
            yield rec.id, rec.title, rec.type, rec.docname, rec.anchor, 1

    def get_full_qualified_name(self, node: Element) -> str | None:
        target = node.get("reftarget")
        return target if isinstance(target, str) else None


def kb_domain(env: BuildEnvironment) -> KnowledgeBaseDomain:
    """The ``kb`` domain of a build."""
    return cast(KnowledgeBaseDomain, env.get_domain("kb"))


def _on_warn_missing_reference(app: Sphinx, domain: Domain | None, node: Element) -> bool | None:
    if isinstance(domain, KnowledgeBaseDomain):
        if not node.get("kb_quiet"):  # a copy of another page's data: warned there
            domain.warn_missing(node)
        return True
    return None


def setup_domain(app: Sphinx) -> None:
    """Register the domain and its hints for dangling references."""
    app.add_domain(KnowledgeBaseDomain)
    app.connect("warn-missing-reference", _on_warn_missing_reference)
