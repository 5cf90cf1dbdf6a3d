"""Wires the extension's parts into Sphinx."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import _ as sphinx_

from .anchors import setup_anchors
from .config import setup_config
from .confine import setup_confine
from .diagram_html import setup_diagram_html
from .directives import setup_directives
from .domain import setup_domain
from .edition_cards import setup_edition_cards
from .edition_check import setup_edition_check
from .editions import setup_editions
from .encoding import setup_encoding
from .explorer import setup_explorer
from .explorer_html import setup_explorer_html
from .export import setup_export
from .i18n import CATALOG, LOCALE_DIR
from .incremental import setup_incremental
from .jsonld import setup_jsonld
from .latexchars import setup_latexchars
from .latexsafety import setup_latexsafety
from .lint import setup_lint
from .metadescription import setup_metadescription
from .outputs import setup_outputs
from .overview import setup_overview
from .pagefind import setup_pagefind
from .preview import setup_preview
from .previews import setup_previews
from .relations_check import setup_relations_check
from .report import setup_report
from .safety import setup_safety
from .sitemap import setup_sitemap
from .small_screens import setup_small_screens
from .theme_words import setup_theme_words
from .views import setup_views
from .written import setup_written

STATIC_DIR = Path(__file__).parent / "static"


def _add_static_path(app: Sphinx, config: Config) -> None:
    """config-inited: serve the extension's CSS and scripts."""
    # at config-inited, before the environment compares configurations, so
    # that every build sees the same html_static_path
    if str(STATIC_DIR) not in config.html_static_path:
        # a new list, never the default one that every Sphinx app shares
        config.html_static_path = [*config.html_static_path, str(STATIC_DIR)]


def _translate_epub_guide(app: Sphinx) -> None:
    """builder-inited: the EPUB guide's titles in the project's language."""
    # Sphinx's EPUB builder keeps "Table of Contents" and "Cover" untranslated
    # (its own comment: "should be localized according to epub_language")
    titles = getattr(app.builder, "guide_titles", None)
    if isinstance(titles, dict):
        translated = {key: str(sphinx_(text)) for key, text in titles.items()}
        setattr(app.builder, "guide_titles", translated)  # noqa: B010 - EPUB builders only


def setup(app: Sphinx) -> None:
    """Register every part of the extension."""
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))
    # Dutch strings Sphinx itself lacks ("Link to this heading", ...): added as
    # a fallback of Sphinx's catalogue, so they only fill its gaps.
    app.add_message_catalog("sphinx", str(LOCALE_DIR))
    setup_config(app)
    setup_domain(app)
    setup_directives(app)
    setup_safety(app)
    setup_confine(app)
    setup_views(app)
    setup_explorer(app)
    setup_overview(app)
    setup_explorer_html(app)
    setup_edition_cards(app)
    setup_incremental(app)
    setup_export(app)
    setup_editions(app)
    setup_pagefind(app)
    setup_jsonld(app)
    setup_metadescription(app)
    setup_diagram_html(app)
    setup_sitemap(app)
    setup_outputs(app)
    setup_report(app)
    setup_relations_check(app)
    setup_edition_check(app)
    setup_encoding(app)
    setup_anchors(app)
    setup_written(app)
    setup_latexsafety(app)
    setup_latexchars(app)
    setup_preview(app)
    setup_previews(app)
    setup_theme_words(app)
    setup_small_screens(app)
    setup_lint(app)
    app.connect("config-inited", _add_static_path)
    app.connect("builder-inited", _translate_epub_guide)
    app.add_css_file("alliantie_kb.css")
