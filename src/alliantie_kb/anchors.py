"""Object anchors never share an HTML id with a heading or label.

A page may hold ``# Spreker kees`` (slug ``spreker-kees``) or the label
``(spreker-kees)=`` next to ``{speaker} kees``, whose anchor is also
``spreker-kees``: the same id twice in the HTML, and links that land on the
wrong element. Other sites link to object anchors (``objects.inv``,
``kb.json``), so the object keeps its anchor and the heading is renamed.
"""

from __future__ import annotations

from typing import Any

from docutils.nodes import Element
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from .i18n import _
from .report import warn


class KeepObjectAnchors(SphinxTransform):
    """Object anchors never share an HTML id with anything else on the page.

    Other sites link to ``spreker-<id>``, so the object keeps its anchor; a
    heading or label that got the same id (``# Spreker kees``,
    ``(spreker-kees)=``) is renamed, with a located ``kb.id`` warning. Runs
    after docutils propagated targets to sections (260) and before the
    domains and the table of contents record ids (850)."""

    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        document = self.document
        anchors: dict[str, Element] = {}
        signatures: set[int] = set()
        for sig in document.findall(addnodes.desc_signature):
            if sig.parent.get("domain") == "kb":
                signatures.add(id(sig))
                for anchor in sig["ids"]:
                    anchors.setdefault(anchor, sig)
        if not anchors:
            return
        taken = {i for node in document.findall(Element) for i in node["ids"]}
        for node in list(document.findall(Element)):
            for pos, old in enumerate(node["ids"]):
                owner = anchors.get(old)
                if owner is None or owner is node:
                    continue
                new = _free_id(old, taken)
                taken.add(new)
                node["ids"][pos] = new
                self._rename_references(old, new, node)
                if id(node) in signatures:
                    continue  # the same object twice: kb.duplicate reports it
                line = _first_line(node)
                message = _(
                    "the HTML id %r of this heading is already the anchor of an object on "
                    "this page, so the heading gets %r; give the heading another title or label"
                ) % (old, new)
                warn(self.env, "id", message, (self.env.current_document.docname, line))
        for anchor, owner in anchors.items():
            document.ids[anchor] = owner

    def _rename_references(self, old: str, new: str, node: Element) -> None:
        """Point the document's name table and in-page references at ``new``."""
        document = self.document
        if document.ids.get(old) is node:
            del document.ids[old]
        document.ids[new] = node
        for name, refid in list(document.nameids.items()):
            if refid == old:
                document.nameids[name] = new
        for other in document.findall(Element):
            if other.get("refid") == old:
                other["refid"] = new


def _free_id(base: str, taken: set[str]) -> str:
    """``base-1``, ``base-2``, ...: the first id not used on the page."""
    n = 1
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _first_line(node: Element) -> int | None:
    """The source line of a node, or of its first child that knows one."""
    for candidate in node.findall(include_self=True):
        line: int | None = getattr(candidate, "line", None)
        if line:
            return line
    return None


def setup_anchors(app: Sphinx) -> None:
    """Register the transform."""
    app.add_transform(KeepObjectAnchors)
