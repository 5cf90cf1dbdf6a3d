"""Wires the extension's parts into Sphinx."""

from __future__ import annotations

from pathlib import Path

from sphinx.locale import _ as sphinx_

from .config import setup_config
from .directives import setup_directives
from .domain import setup_domain
from .editions import setup_editions
from .export import setup_export
from .i18n import CATALOG, LOCALE_DIR
from .incremental import setup_incremental
from .report import setup_report
from .safety import setup_safety
from .search import setup_search
from .views import setup_views

STATIC_DIR = Path(__file__).parent / "static"


def _add_static_path(app, config) -> None:
    # at config-inited, before the environment compares configurations, so
    # that every build sees the same html_static_path
    if str(STATIC_DIR) not in config.html_static_path:
        config.html_static_path.append(str(STATIC_DIR))


def _translate_epub_guide(app) -> None:
    # Sphinx's EPUB builder keeps "Table of Contents" and "Cover" untranslated
    # (its own comment: "should be localized according to epub_language")
    titles = getattr(app.builder, "guide_titles", None)
    if isinstance(titles, dict):
        app.builder.guide_titles = {key: str(sphinx_(text)) for key, text in titles.items()}


def setup(app) -> None:
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))
    # Dutch strings Sphinx itself lacks ("Link to this heading", ...): added as
    # a fallback of Sphinx's catalogue, so they only fill its gaps.
    app.add_message_catalog("sphinx", str(LOCALE_DIR))
    setup_config(app)
    setup_domain(app)
    setup_directives(app)
    setup_safety(app)
    setup_views(app)
    setup_incremental(app)
    setup_export(app)
    setup_editions(app)
    setup_search(app)
    setup_report(app)
    app.connect("config-inited", _add_static_path)
    app.connect("builder-inited", _translate_epub_guide)
    app.add_css_file("alliantie_kb.css")
