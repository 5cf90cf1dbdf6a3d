"""Accessible relationship diagrams in HTML.

``sphinx.ext.graphviz`` embeds an SVG diagram as ``<object>`` with its alt
text only as fallback content, which screen readers do not announce. This
module replaces its HTML visitor: a knowledge-base diagram (class
``kb-diagram``, drawn as SVG) is written with ``role="img"`` and its alt text
as the object's accessible name; every other graphviz node, and any diagram
that cannot be drawn, goes to ``sphinx.ext.graphviz``'s own visitor
unchanged.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.ext.graphviz import GraphvizError, graphviz, html_visit_graphviz, render_dot
from sphinx.writers.html5 import HTML5Translator

#: The class the knowledge base's diagram directive gives its graphviz nodes.
DIAGRAM_CLASS = "kb-diagram"


def _own(self: HTML5Translator, node: graphviz) -> bool:
    """Whether this visitor writes ``node`` (else graphviz's own does)."""
    svg = self.builder.config.graphviz_output_format == "svg"
    return svg and DIAGRAM_CLASS in node.get("classes", [])


def visit_graphviz(self: HTML5Translator, node: graphviz) -> None:
    """Write a kb diagram as an SVG object with an accessible name."""
    if not _own(self, node):
        html_visit_graphviz(self, node)
        return
    code, options = node["code"], node["options"]
    try:
        fname, _outfn = render_dot(self, code, options, "svg", filename=node.get("filename"))
    except GraphvizError:
        fname = None
    if fname is None:
        # dot failed or is missing: graphviz's visitor warns and falls back
        html_visit_graphviz(self, node)
        return
    classes = " ".join(["graphviz", *node.get("classes", [])])
    # the alt text arrives HTML-escaped (graphviz writes it as it is)
    alt = node.get("alt", self.encode(code).strip())
    if "align" in node:
        align = node["align"]
        self.body.append(f'<div align="{align}" class="align-{align}">')
    self.body.append('<div class="graphviz">')
    self.body.append(
        f'<object data="{Path(fname).as_posix()}" type="image/svg+xml" class="{classes}"'
        f' role="img" aria-label="{alt}">\n'
    )
    self.body.append(f'<p class="warning">{alt}</p>')
    self.body.append("</object></div>\n")
    if "align" in node:
        self.body.append("</div>\n")
    raise nodes.SkipNode


def setup_diagram_html(app: Sphinx) -> None:
    """Put this visitor in front of sphinx.ext.graphviz's for HTML builders."""
    app.setup_extension("sphinx.ext.graphviz")
    app.add_node(graphviz, override=True, html=(visit_graphviz, None))
