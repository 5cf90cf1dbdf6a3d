"""Dutch words for what the theme's own script writes into the page.

sphinx_rtd_theme's script gives each expand button of the menu the English
tooltip "Open/close menu" at run time, where no translation reaches it; a
small deferred script of ours renames it. It acts only on that theme's menu
and does nothing elsewhere.
"""

from __future__ import annotations

from sphinx.application import Sphinx

SCRIPT = "kb-menu-nl.js"
#: The HTML builders whose pages get the script (not the EPUB: no scripts).
BUILDERS = frozenset({"html", "dirhtml"})


def add_script(app: Sphinx) -> None:
    """builder-inited: the script, in HTML pages only."""
    if app.builder.name in BUILDERS:
        app.add_js_file(SCRIPT, loading_method="defer")


def setup_theme_words(app: Sphinx) -> None:
    """Register the script for HTML builders."""
    app.connect("builder-inited", add_script)
