"""Docutils nodes for field values, shared by object entries and listings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from babel.dates import format_date
from docutils import nodes
from sphinx import addnodes

from .i18n import _
from .model import OBJECT_TYPES, Field

ANY_KB_TYPE = "obj"


def not_stated() -> nodes.emphasis:
    text = _("not stated in the source")
    return nodes.emphasis(text, text, classes=["kb-not-stated"])


def pending_ref(
    target: str,
    targets: tuple[str, ...],
    docname: str,
    source: str | None,
    line: int | None,
    *,
    fallback_text: bool = False,
) -> addnodes.pending_xref:
    """A cross-reference to ``target`` generated from data (not a prose mention)."""
    reftype = targets[0] if len(targets) == 1 else ANY_KB_TYPE
    ref = addnodes.pending_xref(
        "",
        nodes.inline(target, target),
        refdomain="kb",
        reftype=reftype,
        reftarget=target,
        refexplicit=False,
        refwarn=True,
        refdoc=docname,
        kb_targets=" ".join(targets),
        kb_fallback_text=fallback_text,
        kb_generated=True,
    )
    ref.source, ref.line = source, line
    return ref


def object_ref(objid: str, objtype: str, docname: str) -> addnodes.pending_xref:
    """A link to a known object, its text being the object's title."""
    return pending_ref(objid, (objtype,), docname, None, None)


def doc_ref(target_doc: str, docname: str) -> addnodes.pending_xref:
    """A link to a whole page, its text being the page title."""
    ref = addnodes.pending_xref(
        "",
        nodes.inline(target_doc, target_doc),
        refdomain="std",
        reftype="doc",
        reftarget="/" + target_doc,
        refexplicit=False,
        refdoc=docname,
    )
    return ref


def format_iso_date(value: str, language: str | None) -> str:
    return format_date(dt.date.fromisoformat(value), "long", locale=language or "en")


def render_value(
    f: Field,
    value: Any,
    *,
    docname: str,
    language: str | None,
    source: str | None = None,
    line: int | None = None,
) -> list[nodes.Node]:
    """Nodes showing one field value (links for relations, Dutch dates...)."""
    if f.kind == "date":
        return [nodes.Text(format_iso_date(value, language))]
    if f.kind == "url":
        return [nodes.reference(value, value, refuri=value)]
    if f.kind == "list":
        return [nodes.Text(", ".join(value))]
    if f.is_relation:
        targets = value if isinstance(value, list) else [value]
        out: list[nodes.Node] = []
        for i, target in enumerate(targets):
            if i:
                out.append(nodes.Text(", "))
            out.append(
                pending_ref(
                    target,
                    f.targets,
                    docname,
                    source,
                    line,
                    fallback_text=f.kind == "ref-or-text",
                )
            )
        return out
    return [nodes.Text(str(value))]


def type_label(objtype: str) -> str:
    return _(OBJECT_TYPES[objtype].label)


def labelled_title(rec: dict[str, Any], sep: str = "\n") -> str:
    """``Spreker<sep>Alex Brenninkmeijer``; no label when the title starts with
    it already ("Alliantiedag Drachten", not "Alliantiedag Alliantiedag ...")."""
    label = type_label(rec["type"])
    if rec["title"].casefold().startswith(label.casefold()):
        return rec["title"]
    return f"{label}{sep}{rec['title']}"
