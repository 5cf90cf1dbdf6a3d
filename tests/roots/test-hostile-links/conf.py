extensions = ["myst_parser", "sphinx_design", "sphinxcontrib.bibtex", "alliantie_kb"]
primary_domain = "kb"
language = "nl"
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["bronnen.bib"]
bibtex_default_style = "plain"
kb_pagefind = True
html_theme = "sphinx_rtd_theme"


# -- stand-ins for third-party extensions that write after reading ----------


def _late_meta_refresh(app, pagename, templatename, context, doctree):
    """Adds a refresh to the template context, as an extension could."""
    if pagename == "links":
        refresh = '<meta http-equiv="refresh" content="0; url=https://example.org/derde" />'
        context["metatags"] = context.get("metatags", "") + refresh


def _late_raw_html(app, doctree, docname):
    """Adds raw HTML to the resolved doctree, as an extension could."""
    from docutils import nodes

    if docname == "rst":
        section = next(iter(doctree.findall(nodes.section)))
        raw = nodes.raw("", "<img src=x onerror=alert(44)>", format="html")
        raw.source, raw.line = section.source, 1
        section += raw


def setup(app):
    from sphinx.transforms.post_transforms import SphinxPostTransform

    class LateRawHtml(SphinxPostTransform):
        default_priority = 500

        def run(self, **kwargs):
            _late_raw_html(self.app, self.document, self.env.docname)

    app.add_post_transform(LateRawHtml)
    app.connect("html-page-context", _late_meta_refresh)
