"""All ``kb_*`` configuration values, in one place."""

from __future__ import annotations

from sphinx.config import ENUM


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
    # URL schemes a link or image in the output may use (relative links are
    # always allowed); checked when pages are read and again when they are
    # written (written.py). Everything else becomes plain text with a warning.
    app.add_config_value(
        "kb_url_schemes", ("http", "https", "mailto"), "env", types=(tuple, list)
    )
    # Images from another site (http/https) tell that site who reads the page:
    # "warn" (default) warns, "refuse" leaves them out, "allow" says nothing.
    app.add_config_value(
        "kb_remote_images", "warn", "html", types=ENUM("allow", "warn", "refuse")
    )
    # sitemap.xml from the environment (sitemap.py): every page, sorted, the
    # same after an incremental build as after a fresh one. Needs html_baseurl.
    app.add_config_value("kb_sitemap", False, "html", types=(bool,))
    app.add_config_value("kb_sitemap_excludes", [], "html", types=(list, tuple))
    # Print editions (editions.py): kb_editions names editions with their own
    # title page; every page matching kb_book_root ("{edition}" is the year)
    # is a book too, organised by kb_book_organiser (None: the author).
    app.add_config_value("kb_editions", {}, "env", types=(dict,))
    app.add_config_value("kb_book_root", "boeken/{edition}", "env", types=(str,))
    app.add_config_value("kb_book_organiser", None, "env", types=(str, type(None)))
