"""Sphinx configuration of the Alliantiedagen knowledge base.

Build with ``sphinx-build -c . docs _build/html`` (or ``make html``).
"""

import os

project = "Kennisbank Alliantiedagen"
author = "Bijdragers aan de kennisbank Alliantiedagen"
copyright = "bijdragers aan de kennisbank Alliantiedagen"
version = release = "2012"
language = "nl"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib.bibtex",
    "sphinxext.opengraph",
    "alliantie_kb",
]

primary_domain = "kb"
# objects sit under headings of their own; listing them again in the
# navigation only repeats those headings (in a code font)
toc_object_entries = False
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "_templates", "_static"]
templates_path = ["docs/_templates"]  # relative to this conf.py

myst_enable_extensions = ["colon_fence", "deflist", "smartquotes"]
myst_heading_anchors = 3

bibtex_bibfiles = ["docs/references.bib"]  # relative to this conf.py
bibtex_default_style = "plain"
# numeric labels: the author_year style prints English "n.d." for sources without a year
bibtex_reference_style = "label"

# Absolute address of the published site (sitemap.xml, OpenGraph, JSON-LD).
# Read the Docs sets READTHEDOCS_CANONICAL_URL; elsewhere set KB_BASE_URL.
html_baseurl = os.environ.get(
    "READTHEDOCS_CANONICAL_URL",
    os.environ.get("KB_BASE_URL", "https://alliantie-kb.readthedocs.io/nl/latest/"),
)

# Search: Pagefind (Dutch stemming, accent-insensitive) replaces Sphinx's
# built-in search page; see src/alliantie_kb/pagefind.py.
kb_pagefind = True

# sitemap.xml of every content page, from the environment (alliantie_kb), so
# that an incremental build writes the same sitemap as a fresh one
kb_sitemap = True

# OpenGraph tags for shared links (sphinxext-opengraph)
ogp_site_url = html_baseurl
ogp_site_name = "Kennisbank Alliantiedagen"
ogp_social_cards = {"enable": False}
ogp_custom_meta_tags = ('<meta property="og:locale" content="nl_NL" />',)

html_static_path = ["docs/_static"]  # relative to this conf.py
html_css_files = ["site.css", ("print.css", {"media": "print"})]
html_favicon = "docs/_static/favicon.svg"

html_theme = "sphinx_rtd_theme"
html_title = "Kennisbank Alliantiedagen"
html_theme_options = {"navigation_depth": 3}
html_last_updated_fmt = None
html_show_sourcelink = False

# Relationship diagrams (sphinx.ext.graphviz, loaded by alliantie_kb): SVG, so
# that every box is a link; the PDF gets vector graphics automatically.
graphviz_output_format = "svg"

# -- Print and e-book editions ----------------------------------------------
# One PDF per entry (`make pdf`): alliantie_kb turns this into latex_documents
# and a title page with the edition's date span, read from its days.
kb_editions = {
    "2012": {
        "title": "Alliantiedagen 2012",
        "subtitle": "Het moet en kan anders",
        "organiser": "Sociale Alliantie",
        "root": "boeken/2012",
    },
}

# XeLaTeX in GNU FreeFont (Sphinx's default fonts for it) prints every name
# a volunteer types in a European language: Latin with all its diacritics,
# Greek and Cyrillic (pdfLaTeX's 8-bit fonts stop at Latin). babel, not
# polyglossia, for the Dutch hyphenation; makeindex, not xindy (not installed).
latex_engine = "xelatex"
latex_use_xindy = False
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    "polyglossia": "",
    "babel": r"\usepackage{babel}",
    "preamble": r"""
\setlength{\headheight}{14pt}
\makeatletter
% running heads show the edition title only (no "Release 2012"); PDF metadata
\AtBeginDocument{%
  \def\py@release{}\def\sphinxheadercomma{}%
  \hypersetup{pdftitle={\@title}, pdfauthor={\@author}}}
\makeatother
% object headings ("Spreker Alex Brenninkmeijer") in the heading font, not as code
\renewcommand{\sphinxbfcode}[1]{\textsf{\textbf{#1}}}
\renewcommand{\sphinxupquote}[1]{#1}
""",
}
latex_show_pagerefs = True  # printed cross-references say "(pagina 12)"
latex_show_urls = "footnote"
latex_domain_indices = True

epub_basename = "alliantiedagen-2012"
epub_title = "Alliantiedagen 2012"
epub_author = "Bijdragers aan de kennisbank Alliantiedagen"
epub_publisher = "Kennisbank Alliantiedagen"
epub_language = "nl"
epub_description = "Wat er op de Alliantiedagen 2012 werd gezegd, door wie, en wat er aan wie werd aanbevolen."
# epubcheck wants the OPF identifier and the NCX uid to match, and the uid
# is used as an XML id
epub_identifier = epub_uid = "alliantiedagen-2012"
epub_show_urls = "no"  # links stay clickable; "footnote" adds an English heading
epub_tocscope = "includehidden"  # the landing page's toctree is hidden
epub_exclude_files = ["search.html", "boeken/2012.xhtml"]
