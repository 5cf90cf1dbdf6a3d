"""The ``kb`` domain: object registry, cross-references, indices.

All cross-document state is plain data keyed by docname:

``objects``  docname -> records of the objects defined there
``refs``     docname -> ids referred to by roles in its prose
``deps``     docname -> dependency tokens of its generated content
             (see ``incremental.py``)
``warnings`` docname -> its read-time warning records (see ``recorder.py``)

``clear_doc`` and ``merge_domaindata`` therefore only move whole per-document
entries, and the env never holds docutils nodes. ``snapshot`` (not per
document) is the fingerprint of the previous build, kept by incremental.py.
Lookups by id go through indexes rebuilt lazily whenever the data changes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from docutils import nodes
from docutils.nodes import Element
from sphinx.domains import Domain, Index, IndexEntry, ObjType
from sphinx.roles import XRefRole
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from .i18n import _
from .model import ID_RE, OBJECT_TYPES, TYPE_ALIASES, ObjectType, reverse_relations, type_name
from .render import ANY_KB_TYPE, type_label
from .validation import close_id, id_for_name, name_for_id

logger = logging.getLogger(__name__)


Record = dict[str, Any]


def as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def sort_key(text: str) -> str:
    """Accent- and case-insensitive sort key (``Ébène`` sorts with ``e``)."""
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if not unicodedata.combining(c)).casefold()


class KBXRefRole(XRefRole):
    """``{speaker}`id``: a link whose text is the object's name or title."""

    innernodeclass = nodes.inline

    def process_link(self, env, refnode, has_explicit_title, title, target):
        refnode["refwarn"] = True  # dangling references always warn, nitpicky or not
        return title, target.strip()


class KBIndex(Index):
    """One domain index per object type, grouped by initial letter."""

    objtype: str = ""

    def generate(
        self, docnames: Iterable[str] | None = None
    ) -> tuple[list[tuple[str, list[IndexEntry]]], bool]:
        domain: KnowledgeBaseDomain = self.domain  # type: ignore[assignment]
        wanted = set(docnames) if docnames is not None else None
        groups: dict[str, list[IndexEntry]] = {}
        for rec in domain.records(self.objtype):
            if wanted is not None and rec["docname"] not in wanted:
                continue
            entries = [(rec["title"], domain.index_extra(rec))]
            entries += [
                (alias, _("see %s") % rec["title"]) for alias in rec["fields"].get("aliases", ())
            ]
            for name, extra in entries:
                letter = sort_key(name)[:1].upper() or "#"
                groups.setdefault(letter, []).append(
                    IndexEntry(name, 0, rec["docname"], rec["anchor"], extra, "", "")
                )
        content = [
            (letter, sorted(entries, key=lambda e: (sort_key(e.name), e.name)))
            for letter, entries in sorted(groups.items())
        ]
        return content, False


def _make_index(objtype: ObjectType) -> type[KBIndex]:
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


class KnowledgeBaseDomain(Domain):
    name = "kb"
    label = "Kennisbank"
    object_types = {
        t.name: ObjType(_(t.label), t.name, *t.dutch_names, ANY_KB_TYPE)
        for t in OBJECT_TYPES.values()
    }
    roles = {name: KBXRefRole() for name in (*OBJECT_TYPES, *TYPE_ALIASES)}
    indices = [_make_index(t) for t in OBJECT_TYPES.values()]
    initial_data = {
        "objects": {},
        "refs": {},
        "deps": {},
        "warnings": {},
        "names": {},
        "unread": {},
        "snapshot": {},
    }
    data_version = 4
    PER_DOC = ("objects", "refs", "deps", "warnings", "names", "unread")
    # directives are added by directives.setup_directives()

    def __init__(self, env) -> None:
        super().__init__(env)
        self._by_id: dict[str, Record] | None = None
        self._duplicates: list[tuple[Record, Record]] = []
        self._ids_by_type: dict[str, list[str]] = {}
        self._referrers: dict[str, list[tuple[str, str]]] = {}
        self._labels: dict[str, str] = {}
        self._uris: dict[tuple[str, str, str], str] = {}
        self._mentions: dict[str, list[str]] = {}

    # -- storage -----------------------------------------------------------

    @property
    def objects(self) -> dict[str, list[Record]]:
        return self.data["objects"]

    def note_object(self, record: Record) -> None:
        self.objects.setdefault(record["docname"], []).append(record)
        self._by_id = None

    def note_refs(self, docname: str, refs: list[str], deps: list[str]) -> None:
        self.data["refs"][docname] = refs
        self.data["deps"][docname] = deps
        self._by_id = None

    def note_name(
        self, docname: str, line: int, name: str, targets: list[str], field: str
    ) -> None:
        """A name written in an option where an id belongs; warned in check_consistency."""
        self.data.setdefault("names", {}).setdefault(docname, []).append(
            [line, name, targets, field]
        )

    def clear_doc(self, docname: str) -> None:
        for key in self.PER_DOC:
            self.data.setdefault(key, {}).pop(docname, None)
        self._by_id = None

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            for key in self.PER_DOC:
                if docname in otherdata.get(key, {}):
                    self.data.setdefault(key, {})[docname] = otherdata[key][docname]
        self._by_id = None

    def _index(self) -> dict[str, Record]:
        if self._by_id is None:
            by_id: dict[str, Record] = {}
            duplicates: list[tuple[Record, Record]] = []
            for docname in sorted(self.objects):
                for rec in self.objects[docname]:
                    first = by_id.setdefault(rec["id"], rec)
                    if first is not rec:
                        duplicates.append((rec, first))
            ids_by_type: dict[str, list[str]] = {}
            referrers: dict[str, list[tuple[str, str]]] = {}
            for rec in by_id.values():
                ids_by_type.setdefault(rec["type"], []).append(rec["id"])
                for f in OBJECT_TYPES[rec["type"]].fields:
                    if not f.is_relation:
                        continue
                    for target in as_list(rec["fields"].get(f.name)):
                        other = by_id.get(target)
                        if other is not None and other["type"] in f.targets:
                            referrers.setdefault(target, []).append((rec["id"], f.name))
            mentions: dict[str, list[str]] = {}
            for docname in sorted(self.data["refs"]):
                for target in self.data["refs"][docname]:
                    mentions.setdefault(target, []).append(docname)
            self._by_id, self._duplicates = by_id, duplicates
            self._ids_by_type, self._referrers, self._mentions = ids_by_type, referrers, mentions
        return self._by_id

    def get(self, objid: str) -> Record | None:
        return self._index().get(objid)

    def referrers(self, objid: str) -> list[tuple[Record, str]]:
        """Objects whose relation fields point at ``objid``, with the field."""
        index = self._index()
        return [(index[rid], field) for rid, field in self._referrers.get(objid, ())]

    def mentioned_on(self, objid: str) -> list[str]:
        """Documents whose prose refers to ``objid`` with a role."""
        self._index()
        return self._mentions.get(objid, [])

    def values(self, rec: Record, key: str) -> list[str]:
        """The values of a field, reverse relation or pseudo-field, as a list."""
        if key == "id":
            return [rec["id"]]
        if key == "title":
            return [rec["title"]]
        if key == "type":
            return [rec["type"]]
        if key in rec["fields"]:
            return as_list(rec["fields"][key])
        reverse = reverse_relations(rec["type"]).get(key)
        if reverse:
            return [
                other["id"]
                for other, field in self.referrers(rec["id"])
                if (other["type"], field) in reverse
            ]
        return []

    def edition_of(self, rec: Record, depth: int = 0) -> str | None:
        """The edition of an object: its own, or that of its event or source."""
        own = rec["fields"].get("edition")
        if own or depth > 3:
            return own
        for key in ("event", "source"):
            parent = self.get(rec["fields"].get(key, ""))
            if parent is not None:
                return self.edition_of(parent, depth + 1)
        return None

    def day_of(self, rec: Record, depth: int = 0) -> Record | None:
        """The Alliance day an object belongs to, if the sources say."""
        if rec["type"] == "event":
            return rec
        if depth > 3:
            return None
        for key in ("event", "source"):
            parent = self.get(rec["fields"].get(key, ""))
            if parent is not None:
                return self.day_of(parent, depth + 1)
        return None

    def records(self, objtype: str | None = None) -> Iterator[Record]:
        """Every registered object (the first of duplicates), in source order."""
        for rec in self._index().values():
            if objtype is None or rec["type"] == objtype:
                yield rec

    # -- consistency -------------------------------------------------------

    def check_consistency(self) -> None:
        self._index()
        self._warn_names()
        self._warn_same_titles()
        for rec, first in self._duplicates:
            logger.warning(
                _("duplicate id %r: %s is already defined at %s:%s; rename one of them"),
                rec["id"],
                type_label(first["type"]).lower(),
                self.env.doc2path(first["docname"], False),
                first["lineno"],
                type="kb",
                subtype="duplicate",
                location=(rec["docname"], rec["lineno"]),
            )

    def _warn_names(self) -> None:
        names = self.data.get("names", {})
        for docname in sorted(names):
            for line, name, targets, field in names[docname]:
                accepted = tuple(targets) or tuple(OBJECT_TYPES)
                wanted = " / ".join(type_label(t).lower() for t in accepted)
                node = nodes.inline(kb_targets=" ".join(accepted))
                msg = self._name_hint(ANY_KB_TYPE, name, node, accepted, wanted)
                logger.warning(
                    _("option :%s:") % field + " " + msg,
                    type="kb",
                    subtype="field",
                    location=(docname, line),
                )

    def _same_title_key(self, rec: Record) -> tuple[str, ...]:
        """Objects with this key are probably one object written twice."""
        title = " ".join(sort_key(rec["title"]).split())
        day = self.day_of(rec) if rec["type"] != "event" else None
        return (
            rec["type"],
            title,
            self.edition_of(rec) or "",
            rec["fields"].get("date", "") if rec["type"] == "event" else "",
            day["id"] if day else "",
        )

    def _warn_same_titles(self) -> None:
        """A second object with the title and type of another: a likely duplicate."""
        first: dict[tuple[str, ...], Record] = {}

        def original_first(rec: Record) -> tuple[int, int, str, int]:
            # the object others already refer to (or whose id its title gives)
            # is the original; the other is reported, at its own line
            used = len(self._referrers.get(rec["id"], ())) + len(self._mentions.get(rec["id"], ()))
            own_id = rec["id"].endswith(id_for_name(rec["title"]) or "\0")
            return (-used, 0 if own_id else 1, rec["docname"], rec["lineno"])

        ordered = sorted(self.records(), key=original_first)
        for rec in ordered:
            key = self._same_title_key(rec)
            seen = first.setdefault(key, rec)
            if seen is rec:
                continue
            role = f"{{{rec['type']}}}`{seen['id']}`"
            logger.warning(
                _(
                    "%s %r has the same title as %r (%s:%s); if it is the same %s, remove "
                    "this one and refer to the other with %s; if not, give it a title "
                    "of its own"
                ),
                type_label(rec["type"]),
                rec["id"],
                seen["id"],
                self.env.doc2path(seen["docname"], False),
                seen["lineno"],
                type_label(rec["type"]).lower(),
                role,
                type="kb",
                subtype="duplicate",
                location=(rec["docname"], rec["lineno"]),
            )

    # -- presentation ------------------------------------------------------

    def index_extra(self, rec: Record) -> str:
        """The short description beside an entry in a domain index."""
        fields = rec["fields"]
        if rec["type"] == "speaker":
            return fields.get("role", "")
        if rec["type"] == "recommendation":
            source = self.get(fields.get("source", ""))
            return source["title"] if source else ""
        if rec["type"] in ("talk", "workshop"):
            event = self.get(fields.get("event", ""))
            return event["title"] if event else ""
        if rec["type"] == "organisation":
            return fields.get("abbreviation", "")
        if rec["type"] == "event":
            return fields.get("title", "")
        return ""

    # -- cross-references --------------------------------------------------

    @staticmethod
    def accepted_types(typ: str, node: Element) -> tuple[str, ...]:
        typ = type_name(typ)  # {spreker} is {speaker}
        if typ in OBJECT_TYPES:
            return (typ,)
        return tuple(node.get("kb_targets", "").split()) or tuple(OBJECT_TYPES)

    def _refnode(self, builder, fromdocname: str, rec: Record, node: Element, contnode):
        if not node.get("refexplicit"):
            contnode = contnode.__class__("", rec["title"], classes=contnode["classes"])
        label = self._labels.get(rec["type"])
        if label is None:
            label = self._labels[rec["type"]] = type_label(rec["type"])
        title = f"{label}: {rec['title']}"
        todocname = rec["docname"]
        if fromdocname == todocname:
            return make_refnode(builder, fromdocname, todocname, rec["anchor"], contnode, title)
        # what make_refnode does, with the page-to-page URI computed once per
        # pair: a knowledge base links the same pages to each other many times
        key = (builder.name, fromdocname, todocname)
        uri = self._uris.get(key)
        if uri is None:
            uri = self._uris[key] = builder.get_relative_uri(fromdocname, todocname)
        ref = nodes.reference(
            "", "", internal=True, refuri=f"{uri}#{rec['anchor']}", reftitle=title
        )
        ref += contnode
        return ref

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        rec = self.get(target)
        if rec is not None and rec["type"] in self.accepted_types(typ, node):
            return self._refnode(builder, fromdocname, rec, node, contnode)
        if rec is None and node.get("kb_fallback_text"):
            # free text such as "de overheid" where an organisation id may stand;
            # only an id-shaped value close to a real id is taken for a typo
            if not ID_RE.match(target) or not self._suggestion(typ, target, node):
                return nodes.inline(target, target, classes=["kb-text"])
        return None  # intersphinx may still resolve it; otherwise warn_missing()

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        rec = self.get(target)
        if rec is None:
            return []
        return [(f"kb:{rec['type']}", self._refnode(builder, fromdocname, rec, node, contnode))]

    def _suggestion(self, typ: str, target: str, node: Element) -> str | None:
        self._index()
        candidates = [
            i for t in self.accepted_types(typ, node) for i in self._ids_by_type.get(t, ())
        ]
        return close_id(target, candidates)

    def warn_missing(self, node: Element) -> None:
        typ, target = node["reftype"], node["reftarget"]
        accepted = self.accepted_types(typ, node)
        wanted = " / ".join(type_label(t).lower() for t in accepted)
        rec = self.get(target)
        unread = self.data.get("unread", {})
        if rec is None and any(target in ids for ids in unread.values()):
            return  # its block has an unknown directive name, reported at that line
        if rec is not None:
            msg = _("%r is a %s, but a %s is expected here") % (
                target,
                type_label(rec["type"]).lower(),
                wanted,
            )
        elif not ID_RE.match(target):
            msg = self._name_hint(typ, target, node, accepted, wanted)
        else:
            msg = _("unknown %s %r") % (wanted, target)
            near = self._suggestion(typ, target, node)
            if near:
                msg += "; " + _("did you mean %r?") % near
            else:
                msg += "; " + _("if it is new, create it first with: %s") % create_command(
                    accepted, name_for_id(target)
                )
        logger.warning(msg, type="kb", subtype="ref", location=node)

    def _name_hint(self, typ, target: str, node: Element, accepted, wanted: str) -> str:
        """A name written where an id belongs: the id it would have, and whether it exists."""
        slug = id_for_name(target)
        msg = _("%r is a name, not an id (%s)") % (target, wanted)
        rec = self.get(slug) if slug else None
        if rec is not None and rec["type"] in accepted:
            return msg + "; " + _("did you mean the id %r?") % slug
        near = self._suggestion(typ, slug, node) if slug else None
        if near:
            return msg + "; " + _("did you mean the id %r?") % near
        if not slug:
            return msg + "; " + _("write the id of the object, e.g. %r") % "ada-jansen"
        return msg + "; " + _(
            "its id would be %r, which does not exist yet: create it with: %s"
        ) % (slug, create_command(accepted, target))

    def get_type_name(self, type: ObjType, primary: bool = False) -> str:
        # "Spreker", not "Kennisbank Spreker", in search results
        return type.lname

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for rec in self.records():
            yield rec["id"], rec["title"], rec["type"], rec["docname"], rec["anchor"], 1

    def get_full_qualified_name(self, node: Element) -> str | None:
        return node.get("reftarget")


def create_command(accepted: Iterable[str], name: str) -> str:
    """``alliantie-kb nieuw spreker "Jan Jansen"`` for the first accepted type
    (the others named after it), in the project's language."""
    from .cli.parser import DUTCH_TYPE

    words = [DUTCH_TYPE[t] for t in accepted if t in OBJECT_TYPES]
    quoted = '"' + name.replace('"', "'") + '"'
    new = _("alliantie-kb new")
    command = f"{new} {words[0]} {quoted}"
    if len(words) > 1:
        command += " " + _("(or: %s)") % ", ".join(words[1:])
    return command


def _on_warn_missing_reference(app, domain: Domain | None, node: Element) -> bool | None:
    if isinstance(domain, KnowledgeBaseDomain):
        if not node.get("kb_quiet"):  # a copy of another page's data: warned there
            domain.warn_missing(node)
        return True
    return None


def setup_domain(app) -> None:
    app.add_domain(KnowledgeBaseDomain)
    app.connect("warn-missing-reference", _on_warn_missing_reference)
