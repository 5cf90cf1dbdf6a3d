"""All ``kb_*`` configuration values, in one place."""

from __future__ import annotations


def setup_config(app) -> None:
    # Sources are untrusted by default (SECURITY.md): contributed pages may not
    # read files outside the source folder, inject markup or script, or make
    # the PDF build run anything. A site whose every author is trusted can set
    # this True to switch all of those checks off at once.
    app.add_config_value("kb_trusted_sources", False, "env", types=(bool,))
    # Raw HTML in sources (MyST inline/block HTML, ``{raw} html``) is shown as
    # escaped text with a warning, so that no contribution can inject markup
    # or scripts into the site. Set True only for fully trusted sources.
    app.add_config_value("kb_allow_raw_html", False, "env", types=(bool,))
