"""Backlinks: a short "see also" after an object's entry, phrased as text.

The object directive leaves a ``kb_backlinks`` placeholder; when the page is
written it becomes one sentence naming the objects whose relations name this
one (grouped by type in the model's order, then by title, each group in its
type's ``mention`` phrase) and the pages whose prose mentions it:
"Genoemd in de lezing X, in de aanbevelingen Y en Z en op de pagina P."
An object that opens a page of its own (a day, a person) gets it at the end
of the page, after the account the page gives of it.
"""

from __future__ import annotations

from itertools import groupby

from docutils import nodes

from .domain import KnowledgeBaseDomain, sort_key
from .entry_text import joined, phrase
from .i18n import _
from .keys import TYPE_ORDER
from .model import OBJECT_TYPES, Record
from .nodes import kb_backlinks
from .render import doc_ref, object_ref


def resolve_backlinks(
    node: kb_backlinks, kb: KnowledgeBaseDomain, docname: str
) -> list[nodes.Node]:
    """The "see also" of the object ``node`` belongs to, or nothing when nothing
    refers to it (or it is a duplicate that lost: it has none of its own)."""
    rec = kb.get(node["objid"])
    if rec is None or rec.docname != docname or rec.anchor != node["anchor"]:
        return []
    groups: list[list[nodes.Node]] = []
    referrers = sorted({other.id: other for other, _f in kb.referrers(rec.id)}.values(), key=_order)
    for typename, same in groupby(referrers, key=lambda other: other.type):
        others = list(same)
        one, many = OBJECT_TYPES[typename].mention
        links: list[list[nodes.Node]] = [[object_ref(o.id, o.type, docname)] for o in others]
        groups.append(phrase(str(_(one if len(others) == 1 else many)), joined(links)))
    pages = [page for page in kb.mentioned_on(rec.id) if page != docname]
    if pages:
        template = _("on the page %s") if len(pages) == 1 else _("on the pages %s")
        pagelinks: list[list[nodes.Node]] = [[doc_ref(p, docname)] for p in pages]
        groups.append(phrase(template, joined(pagelinks)))
    if not groups:
        return []
    sentence = nodes.paragraph(classes=["kb-backlinks"])
    sentence.extend(phrase(_("Mentioned %s."), joined(groups)))
    box = nodes.container(classes=["kb-backlinks-section"])
    top = _page_section(node) if _owns_page(rec, kb) else None
    # at the end of the page, after other entries, it says whose it is
    shared = len(kb.objects.get(rec.docname, [])) > 1
    title = _("See also: %s") % rec.title if top is not None and shared else _("See also")
    box += nodes.rubric(title, title, classes=["kb-backlinks-title"])
    box += sentence
    if top is not None:
        top += box  # after the page's whole account, not between it and the entry
        return []
    return [box]


def _owns_page(rec: Record, kb: KnowledgeBaseDomain) -> bool:
    """The object has a page of its own (its type's ``scaffold_page``): it
    opens the page and is the only one of its type there (a day's page, a
    person's page; not one of the people on a shared page)."""
    on_page = kb.objects.get(rec.docname, [])
    same_type = [other for other in on_page if other.type == rec.type]
    return bool(OBJECT_TYPES[rec.type].scaffold_page) and on_page[:1] == same_type == [rec]


def _page_section(node: nodes.Node) -> nodes.section | None:
    """The top-level section of the page ``node`` is on."""
    root = node
    while root.parent is not None:
        root = root.parent
    return root.next_node(nodes.section)


def _order(other: Record) -> tuple[int, str, str]:
    """Referrers by type (the model's order), title and id."""
    return TYPE_ORDER[other.type], sort_key(other.title), other.id
