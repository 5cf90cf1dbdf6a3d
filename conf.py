"""Sphinx configuration of the Alliantiedagen knowledge base.

Build with ``sphinx-build -c . docs _build/html`` (or ``make html``).
"""

project = "Kennisbank Alliantiedagen"
author = "Sociale Alliantie"
copyright = "Sociale Alliantie en bijdragers aan de kennisbank"
version = release = "2012"
language = "nl"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib.bibtex",
    "alliantie_kb",
]

primary_domain = "kb"
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", ".venv", "README.md"]

myst_enable_extensions = ["colon_fence", "deflist", "smartquotes"]
myst_heading_anchors = 3

bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"

html_theme = "sphinx_rtd_theme"
html_title = "Kennisbank Alliantiedagen"
html_theme_options = {"navigation_depth": 3}
html_last_updated_fmt = None
html_show_sourcelink = False
