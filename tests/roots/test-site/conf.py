# A small site set up like the real one: theme with global navigation,
# sitemap, Pagefind search, OpenGraph; used to compare incremental builds
# with fresh ones file for file.
extensions = ["myst_parser", "alliantie_kb"]
primary_domain = "kb"
language = "nl"
project = "Proefsite"
exclude_patterns = ["_build"]
graphviz_output_format = "svg"
html_theme = "sphinx_rtd_theme"
html_theme_options = {"navigation_depth": 3}
html_baseurl = "https://voorbeeld.nl/kb/"
html_last_updated_fmt = None
kb_sitemap = True
kb_pagefind = True
