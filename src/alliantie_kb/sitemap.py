"""``sitemap.xml`` from the environment, not from the pages written.

sphinx-sitemap collects the pages as they are written, so after an
incremental build its sitemap lists only the pages that build rewrote, in the
order they were written. This one lists every document Sphinx knows, sorted,
so an incremental build writes the same file as a fresh one.

Settings: ``kb_sitemap`` (off by default), ``kb_sitemap_excludes`` (fnmatch
patterns on the page's URL, e.g. ``"boeken/*"``); the absolute address comes
from ``html_baseurl``.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path
from xml.etree import ElementTree

from sphinx.application import Sphinx
from sphinx.util import logging

from .i18n import _

logger = logging.getLogger(__name__)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
BUILDERS = ("html", "dirhtml")


def page_urls(app: Sphinx) -> list[str]:
    """Site-relative URLs of every content page, sorted, excluded ones left out."""
    env = app.builder.env
    urls: list[str] = []
    for docname in sorted(env.found_docs):
        if "nosearch" in env.metadata.get(docname, {}) or docname not in env.all_docs:
            continue
        url = app.builder.get_target_uri(docname)
        if url == "index.html" and app.builder.name == "dirhtml":
            url = ""
        if not any(fnmatch.fnmatch(url, p) for p in app.config.kb_sitemap_excludes):
            urls.append(url)
    return urls


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: write ``sitemap.xml`` into the output folder."""
    if exception is not None or not app.config.kb_sitemap or app.builder.name not in BUILDERS:
        return
    base: str = app.config.html_baseurl
    if not base:
        logger.warning(
            _("no sitemap.xml: set html_baseurl to the address of the published site"),
            type="kb",
            subtype="config",
        )
        return
    base = base.rstrip("/") + "/"
    root = ElementTree.Element("urlset", xmlns=SITEMAP_NS)
    for url in page_urls(app):
        ElementTree.SubElement(ElementTree.SubElement(root, "url"), "loc").text = base + url
    ElementTree.indent(root)
    data = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
    (Path(app.outdir) / "sitemap.xml").write_bytes(data)


def setup_sitemap(app: Sphinx) -> None:
    """Write the sitemap at the end of an HTML build."""
    app.connect("build-finished", write_sitemap)
