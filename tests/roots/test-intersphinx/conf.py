# A member organisation's site that links into the knowledge base through
# intersphinx; the test points intersphinx_mapping at a freshly built one.
extensions = ["myst_parser", "sphinx.ext.intersphinx", "alliantie_kb"]
primary_domain = "kb"
language = "nl"
exclude_patterns = ["_build"]
intersphinx_mapping = {}
