"""All ``kb_*`` configuration values, in one place."""

from __future__ import annotations


def setup_config(app) -> None:
    # Raw HTML in sources (MyST inline/block HTML, ``{raw} html``) is shown as
    # escaped text with a warning, so that no contribution can inject markup
    # or scripts into the site. Set True only for fully trusted sources.
    app.add_config_value("kb_allow_raw_html", False, "env", types=(bool,))
