"""Sphinx configuration of the Alliantiedagen knowledge base.

Build with ``sphinx-build -c . docs _build/html`` (or ``make html``).
"""

project = "Kennisbank Alliantiedagen"
author = "Bijdragers aan de kennisbank Alliantiedagen"
copyright = "bijdragers aan de kennisbank Alliantiedagen"
version = release = "2012"
language = "nl"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib.bibtex",
    "alliantie_kb",
]

primary_domain = "kb"
# objects sit under headings of their own; listing them again in the
# navigation only repeats those headings (in a code font)
toc_object_entries = False
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "_templates"]
templates_path = ["docs/_templates"]  # relative to this conf.py

myst_enable_extensions = ["colon_fence", "deflist", "smartquotes"]
myst_heading_anchors = 3

bibtex_bibfiles = ["docs/references.bib"]  # relative to this conf.py
bibtex_default_style = "plain"
# numeric labels: the author_year style prints English "n.d." for sources without a year
bibtex_reference_style = "label"

html_theme = "sphinx_rtd_theme"
html_title = "Kennisbank Alliantiedagen"
html_theme_options = {"navigation_depth": 3}
html_last_updated_fmt = None
html_show_sourcelink = False

# Relationship diagrams (sphinx.ext.graphviz, loaded by alliantie_kb): SVG, so
# that every box is a link; the PDF gets vector graphics automatically.
graphviz_output_format = "svg"
