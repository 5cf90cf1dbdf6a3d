"""The knowledge base on a phone: listing tables as cards, wide tables that
say they scroll.

Below the theme's breakpoint each row of a listing table becomes a card with
each value under its column's name (``kb-phone.js`` copies the names into the
cells' ``data-label``); any other table wider than the screen scrolls inside
a region that says so, in the project's language (the script's
``data-scroll``), and can be reached with the keyboard. Names never break
inside a word. HTML pages only: the EPUB and print have their own layout.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .i18n import _

SCRIPT = "kb-phone.js"
STYLESHEET = "kb-phone.css"
#: The HTML builders whose pages get the phone layout.
BUILDERS = frozenset({"html", "dirhtml"})


def add_phone_layout(app: Sphinx) -> None:
    """builder-inited: the phone layout's script and style, in HTML pages only."""
    if app.builder.name not in BUILDERS:
        return
    # ``Any``: Sphinx types the other keyword arguments like ``priority``
    texts: dict[str, Any] = {"data-scroll": str(_("Swipe sideways for more columns"))}
    app.add_js_file(SCRIPT, loading_method="defer", **texts)
    app.add_css_file(STYLESHEET)


def setup_small_screens(app: Sphinx) -> None:
    """Register the phone layout for HTML builders."""
    app.connect("builder-inited", add_phone_layout)
