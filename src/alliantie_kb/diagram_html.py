"""Accessible relationship diagrams in HTML.

``sphinx.ext.graphviz`` embeds an SVG diagram as ``<object>`` with its alt
text only as fallback content, which screen readers do not announce. This
module replaces its HTML visitor: a knowledge-base diagram (class
``kb-diagram``, drawn as SVG) is written with ``role="img"`` and its alt text
as the object's accessible name; every other graphviz node, and any diagram
that cannot be drawn, goes to ``sphinx.ext.graphviz``'s own visitor
unchanged.

A knowledge-base diagram is shown at its natural size, where its text is as
large as the page's small print, inside a scrollable region that the
keyboard can reach; ``static/kb-diagram.js`` adds zoom buttons. The print
rules (``static/kb-diagram.css``) fit it to the paper and keep it with its
heading.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.ext.graphviz import GraphvizError, graphviz, html_visit_graphviz, render_dot
from sphinx.writers.html5 import HTML5Translator

from .diagram_list import setup_diagram_list
from .i18n import _

#: The class the knowledge base's diagram directive gives its graphviz nodes.
DIAGRAM_CLASS = "kb-diagram"
#: The diagram view's script and stylesheet (in ``static/``).
SCRIPT = "kb-diagram.js"
STYLESHEET = "kb-diagram.css"
#: The print rules that leave lists of links off the paper.
PRINT_STYLESHEET = "kb-print.css"
#: CSS pixels per point (graphviz measures its SVG in points).
PX_PER_PT = 96 / 72


def natural_size(path: str) -> tuple[float, float] | None:
    """The width and height in CSS pixels of graphviz's SVG at ``path``."""
    try:
        root = ElementTree.parse(path).getroot()  # noqa: S314 (our own dot output)
        width, height = (root.get(side, "") for side in ("width", "height"))
        if not (width.endswith("pt") and height.endswith("pt")):
            return None
        return float(width[:-2]) * PX_PER_PT, float(height[:-2]) * PX_PER_PT
    except (OSError, ElementTree.ParseError, ValueError):
        return None


def zoom_buttons(self: HTML5Translator) -> str:
    """The zoom toolbar, hidden until the script makes it work."""
    buttons = [
        ("out", "\u2212", _("Zoom out")),
        ("in", "+", _("Zoom in")),
        ("fit", _("Fit"), _("Fit the diagram to the width")),
        ("full", "100%", _("Show the diagram at full size")),
    ]
    parts = [
        f'<button type="button" data-kb-zoom="{action}" title="{self.encode(str(name))}"'
        f' aria-label="{self.encode(str(name))}">{self.encode(str(face))}</button>'
        for action, face, name in buttons
    ]
    label = self.encode(str(_("Diagram size")))
    toolbar = f'<div class="kb-diagram-zoom" role="toolbar" aria-label="{label}" hidden="hidden">'
    return f"{toolbar}{''.join(parts)}</div>\n"


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
        fname, outfn = render_dot(self, code, options, "svg", filename=node.get("filename"))
    except GraphvizError:
        fname = outfn = None
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
    size = natural_size(str(outfn)) if outfn else None
    style = ""
    if size:
        width, height = size
        style = f' style="width: {width:.0f}px; aspect-ratio: {width:.0f} / {height:.0f}"'
    self.body.append('<div class="kb-diagram-figure">')
    self.body.append(zoom_buttons(self))
    # a region the keyboard can scroll, named after the diagram
    self.body.append(
        f'<div class="graphviz kb-diagram-view" tabindex="0" role="region" aria-label="{alt}">'
    )
    self.body.append(
        f'<object data="{Path(fname).as_posix()}" type="image/svg+xml" class="{classes}"'
        f' role="img" aria-label="{alt}"{style}>\n'
    )
    self.body.append(f'<p class="warning">{alt}</p>')
    self.body.append("</object></div></div>\n")
    if "align" in node:
        self.body.append("</div>\n")
    raise nodes.SkipNode


def setup_diagram_html(app: Sphinx) -> None:
    """Put this visitor in front of sphinx.ext.graphviz's for HTML builders."""
    app.setup_extension("sphinx.ext.graphviz")
    app.add_node(graphviz, override=True, html=(visit_graphviz, None))
    setup_diagram_list(app)
    app.connect("builder-inited", add_assets)


def add_assets(app: Sphinx) -> None:
    """builder-inited: the view's script and stylesheets, in HTML pages."""
    if app.builder.format == "html":
        app.add_js_file(SCRIPT, loading_method="defer")
        app.add_css_file(STYLESHEET)
        app.add_css_file(PRINT_STYLESHEET, media="print")
