"""The project's words for what the theme's own script writes into the page.

sphinx_rtd_theme's script gives each expand button of the menu the English
tooltip "Open/close menu" at run time, where no translation reaches it; a
small deferred script of ours renames it, with the words of the extension's
catalogue in the project's language (the script's ``data-menu``). It acts
only on that theme's menu and does nothing elsewhere.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .i18n import _

SCRIPT = "kb-theme-words.js"
#: The HTML builders whose pages get the script (not the EPUB: no scripts).
BUILDERS = frozenset({"html", "dirhtml"})


def add_script(app: Sphinx) -> None:
    """builder-inited: the script, in HTML pages only."""
    if app.builder.name in BUILDERS:
        # ``Any``: Sphinx types the other keyword arguments like ``priority``
        texts: dict[str, Any] = {"data-menu": str(_("Open or close the menu"))}
        app.add_js_file(SCRIPT, loading_method="defer", **texts)


def setup_theme_words(app: Sphinx) -> None:
    """Register the script for HTML builders."""
    app.connect("builder-inited", add_script)
