"""Backlinks: the "what refers here" section under an object's entry.

The object directive leaves a ``kb_backlinks`` placeholder; when the page is
written it becomes a rubric and a list of the objects whose relations name
this one (by type in the model's order, then by title) and of the pages
whose prose mentions it.
"""

from __future__ import annotations

from docutils import nodes

from .domain import KnowledgeBaseDomain, sort_key
from .i18n import _
from .keys import TYPE_ORDER
from .model import OBJECT_TYPES, Record
from .nodes import kb_backlinks
from .render import doc_ref, object_ref, type_label


def resolve_backlinks(
    node: kb_backlinks, kb: KnowledgeBaseDomain, docname: str
) -> list[nodes.Node]:
    """The section of the object ``node`` belongs to, or nothing when nothing
    refers to it (or it is a duplicate that lost: it has none of its own)."""
    rec = kb.get(node["objid"])
    if rec is None or rec.docname != docname or rec.anchor != node["anchor"]:
        return []
    items = nodes.bullet_list(classes=["kb-backlinks"])
    for other, field_name in sorted(kb.referrers(rec.id), key=_referrer_order):
        para = nodes.paragraph()
        para += nodes.Text(f"{type_label(other.type)}: ")
        para += object_ref(other.id, other.type, docname)
        field_label = _(OBJECT_TYPES[other.type].field_label(field_name)).lower()
        para += nodes.Text(f" ({field_label})")
        items += nodes.list_item("", para)
    for page in kb.mentioned_on(rec.id):
        if page == docname:
            continue
        para = nodes.paragraph()
        para += nodes.Text(_("Page") + ": ")
        para += doc_ref(page, docname)
        items += nodes.list_item("", para)
    if not items.children:
        return []
    title = _(OBJECT_TYPES[rec.type].backlinks_title)
    box = nodes.container(classes=["kb-backlinks-section"])
    box += nodes.rubric(title, title, classes=["kb-backlinks-title"])
    box += items
    return [box]


def _referrer_order(pair: tuple[Record, str]) -> tuple[int, str, str, str]:
    """Referrers by type (the model's order), title, id and field."""
    other, field_name = pair
    return TYPE_ORDER[other.type], sort_key(other.title), other.id, field_name
