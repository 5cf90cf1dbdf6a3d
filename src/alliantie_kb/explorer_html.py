"""An explorer's facet controls in the interactive HTML builders.

``explorer.py`` leaves a ``kb_explorer_controls`` node holding the facets as
plain data (labels, values, counts). The site's HTML builders write it as a
form of fieldsets with one checkbox per value, a status line and a "Show
all" button, hidden until ``static/kb-explorer.js`` (added only to pages
that hold an explorer) makes them work: without the script, and in the
EPUB, the PDF and the text output, the reader gets the plain list. Every
text is escaped here: values come from untrusted sources.
"""

from __future__ import annotations

import html
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.writers.html5 import HTML5Translator

from .explorer import TOKEN_PREFIX
from .nodes import kb_explorer_controls

#: Builders whose pages are read in a browser with scripts (not the EPUB).
INTERACTIVE_BUILDERS = ("html", "dirhtml", "singlehtml")
SCRIPT = "kb-explorer.js"
STYLE = "kb-explorer.css"


def _attr(text: object) -> str:
    """``text`` escaped for an HTML attribute or element."""
    return html.escape(str(text), quote=True)


def controls_html(node: kb_explorer_controls) -> str:
    """The form and status line of one explorer."""
    prefix = f"kb-explorer-{int(node['number'])}"
    out = [
        # data-pagefind-ignore: the search finds the objects, not these labels
        f'<form class="kb-explorer-controls" id="{prefix}" hidden data-pagefind-ignore="all"'
        f' aria-label="{_attr(node["label"])}" data-kb-chosen="{_attr(node["chosen"])}">'
        '<div class="kb-facets">'
    ]
    for i, facet in enumerate(node["facets"]):
        name = _attr(facet["label"])
        # a summary to fold the facet away (on a phone), a fieldset to group its boxes
        out.append(
            f'<details class="kb-facet" open><summary><span class="kb-facet-name">{name}</span>'
            f' <span class="kb-chosen"></span></summary>'
            f'<fieldset><legend class="kb-facet-legend">{name}</legend>'
        )
        for j, (text, count) in enumerate(facet["values"]):
            box = f"{prefix}-{i}-{j}"
            out.append(
                f'<div class="kb-facet-value"><input type="checkbox" id="{box}"'
                f' data-kb-facet="{i}" value="{TOKEN_PREFIX}{i}-{j}">'
                f' <label for="{box}">{_attr(text)}'
                f' <span class="kb-count">({int(count)})</span></label></div>'
            )
        out.append("</fieldset></details>")
    out.append("</div>")
    out.append(f'<button type="button" class="kb-explorer-reset">{_attr(node["reset"])}</button>')
    out.append("</form>")
    total = int(node["total"])
    shown = str(node["status"]).replace("{shown}", str(total)).replace("{total}", str(total))
    out.append(
        f'<p class="kb-explorer-status" role="status" hidden data-pagefind-ignore="all"'
        f' data-kb-template="{_attr(node["status"])}">{_attr(shown)}</p>\n'
    )
    return "".join(out)


def visit_controls(self: HTML5Translator, node: kb_explorer_controls) -> None:
    """Write the controls in the site's HTML; nothing in the EPUB."""
    if self.builder.name in INTERACTIVE_BUILDERS:
        self.body.append(controls_html(node))
    raise nodes.SkipNode


def _skip(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    """Print and text outputs show the plain list only."""
    raise nodes.SkipNode


def add_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """html-page-context: the script and its styles on pages with an explorer."""
    builder = app.builder
    if builder.name not in INTERACTIVE_BUILDERS or not isinstance(builder, StandaloneHTMLBuilder):
        return
    if not isinstance(doctree, nodes.document):
        return
    if next(iter(doctree.findall(kb_explorer_controls)), None) is None:
        return
    # the builder's own list: Sphinx restores it after each page
    builder.add_css_file(STYLE)
    builder.add_js_file(SCRIPT, defer="defer")


def setup_explorer_html(app: Sphinx) -> None:
    """Register the controls' visitors and the page hook."""
    skip = (_skip, None)
    app.add_node(
        kb_explorer_controls,
        html=(visit_controls, None),
        latex=skip,
        text=skip,
        man=skip,
        texinfo=skip,
    )
    app.connect("html-page-context", add_assets)
