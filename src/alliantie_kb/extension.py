"""Wires the extension's parts into Sphinx."""

from __future__ import annotations

from pathlib import Path

from sphinx.util.fileutil import copy_asset_file

from .config import setup_config
from .directives import setup_directives
from .domain import setup_domain
from .export import setup_export
from .i18n import CATALOG, LOCALE_DIR
from .incremental import setup_incremental
from .safety import setup_safety
from .views import setup_views

STATIC_DIR = Path(__file__).parent / "static"


def _copy_static(app, exception) -> None:
    # copied, not added to html_static_path: changing the config at build
    # time would make every later build believe the configuration changed
    if exception is None and app.builder.format == "html":
        copy_asset_file(STATIC_DIR / "alliantie_kb.css", Path(app.outdir) / "_static")


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
    app.connect("build-finished", _copy_static)
    app.add_css_file("alliantie_kb.css")
