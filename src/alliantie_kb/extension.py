"""Wires the extension's parts into Sphinx."""

from __future__ import annotations

from pathlib import Path

from .config import setup_config
from .directives import setup_directives
from .domain import setup_domain
from .export import setup_export
from .i18n import CATALOG, LOCALE_DIR
from .incremental import setup_incremental
from .safety import setup_safety
from .views import setup_views

STATIC_DIR = Path(__file__).parent / "static"


def _add_static_path(app) -> None:
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC_DIR))


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
    app.connect("builder-inited", _add_static_path)
    app.add_css_file("alliantie_kb.css")
