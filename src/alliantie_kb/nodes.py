"""Placeholder nodes of the generated views.

A directive (or an object's entry) leaves one of these holding plain data;
``views.ResolveViews`` replaces it with standard docutils nodes when the
page is written, so no builder ever visits it (as sphinxcontrib-bibtex keeps
its ``bibliography`` node apart from the transform that fills it).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxTranslator


class kb_listing(nodes.General, nodes.Element):
    """Placeholder for a listing; replaced by ``ResolveViews``."""


class kb_backlinks(nodes.General, nodes.Element):
    """Placeholder for an object's "what refers here" section."""


class kb_diagram(nodes.General, nodes.Element):
    """Placeholder for a relationship diagram."""


class kb_entry_day(nodes.General, nodes.Element):
    """Placeholder for the day and date at the end of an entry's opening line."""


PLACEHOLDERS: tuple[type[nodes.Element], ...] = (
    kb_listing,
    kb_backlinks,
    kb_diagram,
    kb_entry_day,
)


def _skip(self: SphinxTranslator, node: nodes.Element) -> None:
    """Visitor of a placeholder that survived: render nothing."""
    raise nodes.SkipNode


def setup_nodes(app: Sphinx) -> None:
    """Register the placeholders (pickled with doctrees, so Sphinx must know them)."""
    skip = (_skip, None)
    for node_class in PLACEHOLDERS:
        # never reached: ResolveViews replaces them for every builder
        app.add_node(node_class, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)


class kb_explorer(nodes.General, nodes.Element):
    """Placeholder for an explorer (``explorer.py``); replaced when the page is written."""


class kb_explorer_controls(nodes.General, nodes.Element):
    """An explorer's facet controls, as plain data; only the interactive HTML
    builders write them (``explorer_html.py``), every other builder skips them."""
