"""Generated views: listings, backlinks and diagrams, resolved at write time.

Directives only validate their options and leave a placeholder node
(``nodes.py``) holding plain data. ``ResolveViews`` (a post-transform running
before Sphinx resolves cross-references) replaces each placeholder with
standard docutils nodes — tables, lists, rubrics, pending cross-references,
graphviz — built from the domain data *at write time*, so every builder
renders them without custom visitors and they are always computed from the
current knowledge base. ``incremental.py`` makes sure pages holding them are
rewritten when that data changes.

One module per view: ``listings.py`` and ``listing_view.py``,
``backlinks.py``, ``diagrams.py``.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from .backlinks import resolve_backlinks
from .diagrams import DiagramDirective, resolve_diagram
from .domain import kb_domain
from .entry_text import resolve_entry_day
from .listing_view import Listing
from .listings import ListingDirective
from .model import VIEW_ALIASES
from .nodes import kb_backlinks, kb_diagram, kb_entry_day, kb_listing, setup_nodes

#: The view directives by their English name (``{lijst}`` is an alias).
VIEW_DIRECTIVES = {"listing": ListingDirective, "diagram": DiagramDirective}


class ResolveViews(SphinxPostTransform):
    """Replace placeholders with standard nodes (before references resolve)."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        kb = kb_domain(self.env)
        docname = self.env.current_document.docname
        # Sphinx 9 keeps the app private on the env; 8.2 has it public
        app: Sphinx = getattr(self.env, "_app", None) or self.env.app
        listing = Listing(kb, docname, self.config)
        for node in list(self.document.findall(kb_listing)):
            node.replace_self(listing.resolve(node))
        for backlinks in list(self.document.findall(kb_backlinks)):
            backlinks.replace_self(resolve_backlinks(backlinks, kb, docname))
        for day in list(self.document.findall(kb_entry_day)):
            day.replace_self(resolve_entry_day(day, kb, docname, self.config.language))
        for diagram in list(self.document.findall(kb_diagram)):
            diagram.replace_self(resolve_diagram(diagram, kb, docname, app.builder))


def setup_views(app: Sphinx) -> None:
    """Register the placeholders, the view directives and ``ResolveViews``."""
    app.setup_extension("sphinx.ext.graphviz")
    setup_nodes(app)
    for name, directive in VIEW_DIRECTIVES.items():
        app.add_directive_to_domain("kb", name, directive)
    for alias, name in VIEW_ALIASES.items():  # {lijst}
        app.add_directive_to_domain("kb", alias, VIEW_DIRECTIVES[name])
    app.add_post_transform(ResolveViews)
