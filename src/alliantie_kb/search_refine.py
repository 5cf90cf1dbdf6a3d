"""The search page's "Refine" control (templates/search.html).

Pagefind's filters are fetched only when the reader opens "Refine"
(static/kb-search-filters/pagefind.js), so the page cannot wait for them
to learn whether there is anything to refine by. Every object's search
record carries filters (search_records.py), and prose pages carry none:
the control is shown when the site has objects.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .domain import kb_domain


def refine_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """html-page-context: tell the search page whether it has filters."""
    if pagename == "search":
        context["kb_search_filters"] = any(kb_domain(app.env).objects.values())
