"""Keep generated content truthful under incremental builds.

Listings, backlinks, diagrams and link texts show data defined on *other*
pages. Sphinx only rewrites pages whose own source changed, so after reading
we compare a fingerprint of the knowledge base with the previous build's and
ask Sphinx (``env-get-updated``) to rewrite exactly the pages that show
something that changed. Those pages are not re-read: their placeholders are
resolved again from the current data when they are written.

The bookkeeping is an ``EnvironmentCollector`` (``KnowledgeBaseCollector``),
as Sphinx keeps its own per-page data: it notes each page's dependency
tokens when the page is read, forgets them when it is re-read or removed,
merges them from parallel readers, and picks the pages to rewrite. Its data
lives in the ``kb`` domain's data (plain, pickled with the environment):
``deps`` (docname -> tokens) and ``snapshot`` (the previous build's
fingerprint). The tokens:

``core:ID``  it links to object ID (link text, target page and anchor)
``full:ID``  it shows ID's backlinks (who refers to ID, and their titles)
``type:T``   it lists or draws objects of type T
``all``      it draws diagrams that may show anything

The ids a page's prose names with a role are noted in the same pass; they
are the domain's (``note_mentions``): backlinks show them.
"""

from __future__ import annotations

import secrets
from collections.abc import Set
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.environment.collectors import EnvironmentCollector

from .domain import KnowledgeBaseDomain, kb_domain
from .keys import key_types
from .model import OBJECT_TYPES
from .nodes import kb_diagram, kb_entry_day, kb_explorer, kb_listing
from .overview import kb_overview
from .unchanged import digest

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def page_dependencies(
    domain: KnowledgeBaseDomain, docname: str, doctree: nodes.document
) -> tuple[list[str], list[str]]:
    """The ids the page's prose mentions, and the dependency tokens of what
    the page shows (both sorted)."""
    mentions: set[str] = set()
    deps: set[str] = set()
    for ref in doctree.findall(addnodes.pending_xref):
        if ref.get("refdomain") == "kb" or ref.get("reftype") == "any":
            target = ref.get("reftarget", "")
            deps.add(f"core:{target}")
            if ref.get("refdomain") == "kb" and not ref.get("kb_generated"):
                mentions.add(target)
    for rec in domain.objects.get(docname, ()):
        deps.add(f"full:{rec.id}")
    for listing in doctree.findall(kb_listing):
        objtype = OBJECT_TYPES[listing["objtype"]]
        types = {objtype.name}
        keys = [*listing["columns"], *(k.lstrip("-") for k in listing["sort"])]
        if listing["group"]:
            keys.append(listing["group"])
        for key in keys:
            types |= key_types(objtype, key)
        deps.update(f"type:{t}" for t in types)
    for line_day in doctree.findall(kb_entry_day):
        # the day and date an entry's line names follow its parents to the day
        named = domain.get(line_day["objid"])
        if named is not None:
            for f in OBJECT_TYPES[named.type].parent_fields:
                deps.update(f"type:{t}" for t in f.targets)
        deps.update(f"type:{t.name}" for t in OBJECT_TYPES.values() if t.is_day)
    if any(True for _ in doctree.findall(kb_diagram)):
        deps.add("all")
    if any(True for _ in doctree.findall(kb_explorer)):
        deps.add("all")  # its facets follow relations of every kind
    if any(True for _ in doctree.findall(kb_overview)):
        deps.add("all")  # its sentences follow relations of every kind
    return sorted(mentions), sorted(deps)


def fingerprint(env: BuildEnvironment, domain: KnowledgeBaseDomain) -> dict[str, list[str]]:
    """Per object id: [type, digest of what a link to it shows, digest of all
    that any page shows of it (fields, who refers to it, where it is named)]."""
    out: dict[str, list[str]] = {}
    for rec in domain.records():
        link = digest([rec.type, rec.title, rec.docname, rec.anchor])
        referrers = [
            [other.id, field, other.title, other.docname, other.anchor]
            for other, field in domain.referrers(rec.id)
        ]
        pages = [[doc, _title(env, doc)] for doc in domain.mentioned_on(rec.id)]
        shown = [link, rec.fields, rec.written, rec.inferred, referrers, pages]
        out[rec.id] = [rec.type, link, digest(shown)]
    return out


def objects_key(
    domain: KnowledgeBaseDomain, objects: dict[str, list[str]], sources: dict[str, str]
) -> str:
    """Digest of the objects' fingerprint with where each is defined (page,
    source file, line) and the names written where ids belong: what outputs
    made from the objects alone depend on (``unchanged.py``)."""
    places = [
        [rec.id, rec.docname, rec.lineno or 0] for recs in domain.objects.values() for rec in recs
    ]
    return digest([objects, sorted(places), sources, domain.data.get("names", {})])


def _title(env: BuildEnvironment, docname: str) -> str:
    return env.titles[docname].astext() if docname in env.titles else docname


def navigation(env: BuildEnvironment) -> dict[str, list[str | None]]:
    """Per page: parent, previous and next page with their titles (the rel links)."""
    out: dict[str, list[str | None]] = {}
    for docname, related in env.collect_relations().items():
        out[docname] = [f"{other}\0{_title(env, other)}" if other else None for other in related]
    return out


def tocdigest(env: BuildEnvironment) -> str:
    """Digest of everything a global navigation can show: which page includes
    which, and every page's table of contents (titles and anchors)."""
    tocs: list[list[Any]] = []
    for docname in sorted(env.tocs):
        entries = [
            [ref.get("refuri", ""), ref.get("anchorname", ""), ref.astext()]
            for ref in env.tocs[docname].findall(nodes.reference)
        ]
        tocs.append([docname, entries])
    includes = sorted([doc, list(children)] for doc, children in env.toctree_includes.items())
    return digest([tocs, includes, sorted(env.glob_toctrees), sorted(env.numbered_toctrees)])


def changed_tokens(old: dict[str, list[str]], new: dict[str, list[str]]) -> set[str]:
    """The dependency tokens that a change from ``old`` to ``new`` touches."""
    tokens: set[str] = set()
    for objid in old.keys() | new.keys():
        before, after = old.get(objid), new.get(objid)
        if before == after:
            continue
        for state in (before, after):
            if state is not None:
                tokens.add(f"type:{state[0]}")
        tokens.add(f"full:{objid}")
        if before is None or after is None or before[:2] != after[:2]:
            tokens.add(f"core:{objid}")
    if tokens:
        tokens.add("all")
    return tokens


def pages_to_rewrite(env: BuildEnvironment) -> list[str]:
    """The pages (not re-read) whose generated content changed since the
    previous build; the new fingerprint replaces the old one.

    Also the pages whose previous/next/parent links changed (a page added or
    removed next to them), and, when a title or the table of contents of any
    page changed, every page: themes draw the whole site's navigation on each
    page, which plain Sphinx leaves stale on the pages it does not rewrite."""
    domain = kb_domain(env)
    snapshot = domain.data["snapshot"]
    pages = dict(_pages(env))
    same = snapshot.get("pages") == pages and pages.keys() == env.all_docs.keys()
    sources = {doc: str(env.doc2path(doc, False)) for doc in domain.objects}
    if same and "objects" in snapshot:
        new = snapshot["objects"]  # no page's objects, mentions or title changed
    else:
        new = fingerprint(env, domain)
    if same and snapshot.get("sources") == sources and "unsalted" in snapshot:
        unsalted = snapshot["unsalted"]  # nor did any page's source file
    else:
        unsalted = objects_key(domain, new, sources)
    # a fresh environment (-E, new settings, a new extension version) gets a
    # salt of its own: outputs kept from before it are made again (unchanged.py)
    salt = snapshot.get("salt", "") if "objects" in snapshot else secrets.token_hex(8)
    key = unsalted + salt
    changed = changed_tokens(snapshot.get("objects", {}), new)
    nav = navigation(env)
    old_nav = snapshot.get("nav", {})
    toc = tocdigest(env)
    domain.data["snapshot"] = {
        "objects": new,
        "nav": nav,
        "toc": toc,
        "key": key,
        "unsalted": unsalted,
        "salt": salt,
        "sources": sources,
        "pages": pages,
    }
    if snapshot.get("toc", toc) != toc:
        return sorted(env.all_docs)
    rewrite = {doc for doc, links in nav.items() if old_nav.get(doc, links) != links}
    if changed:
        rewrite.update(
            docname for docname, deps in _deps(env).items() if not changed.isdisjoint(deps)
        )
    return sorted(doc for doc in rewrite if doc in env.all_docs)


def _deps(env: BuildEnvironment) -> dict[str, list[str]]:
    deps: dict[str, list[str]] = kb_domain(env).data.setdefault("deps", {})
    return deps


def _pages(env: BuildEnvironment) -> dict[str, str]:
    """Per page read: a digest of all it gives the fingerprint (its objects,
    the ids its prose names, the names it writes where ids belong, its title
    and source file). While none changed, the fingerprint is the same: it is
    not made again (a third of a second per build at 1,000 pages)."""
    pages: dict[str, str] = kb_domain(env).data.setdefault("pages", {})
    return pages


def pagedigest(env: BuildEnvironment, domain: KnowledgeBaseDomain, docname: str) -> str:
    """The digest ``_pages`` keeps of one page, once it is read."""
    records = [
        [r.id, r.type, r.title, r.anchor, r.lineno, r.end, r.fields, r.inferred, r.written]
        for r in domain.objects.get(docname, ())
    ]
    mentions = domain.data["refs"].get(docname, [])
    names = domain.data.get("names", {}).get(docname, [])
    where = str(env.doc2path(docname, False))
    return digest([records, mentions, names, _title(env, docname), where])


class KnowledgeBaseCollector(EnvironmentCollector):
    """What each page shows of the knowledge base, and which pages to rewrite."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        """env-purge-doc: forget a page that is re-read or removed."""
        _deps(env).pop(docname, None)
        _pages(env).pop(docname, None)

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
    ) -> None:
        """env-merge-info: take the tokens of the pages a parallel reader read."""
        for name, mine in (("deps", _deps(env)), ("pages", _pages(env))):
            theirs = other.domaindata["kb"].get(name, {})
            for docname in docnames:
                if docname in theirs:
                    mine[docname] = theirs[docname]

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        """doctree-read: note the page's prose mentions and dependency tokens."""
        env = app.env
        docname = env.current_document.docname
        domain = kb_domain(env)
        mentions, deps = page_dependencies(domain, docname, doctree)
        domain.note_mentions(docname, mentions)
        _deps(env)[docname] = deps
        _pages(env)[docname] = pagedigest(env, domain, docname)

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """env-get-updated: the pages whose generated content changed."""
        return pages_to_rewrite(env)


def setup_incremental(app: Sphinx) -> None:
    """Register the collector."""
    app.add_env_collector(KnowledgeBaseCollector)
