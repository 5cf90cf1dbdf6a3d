"""All ``kb_*`` configuration values, in one place."""

from __future__ import annotations

import copy
import re
from typing import Any

from sphinx.config import ENUM
from sphinx.util import logging

from .i18n import _
from .model import (
    DEFAULT_VOCABULARIES,
    SAFE_URL_SCHEMES,
    normalise_vocabulary,
    used_vocabularies,
)
from .validation import closest

logger = logging.getLogger(__name__)

#: A vocabulary value, as authors write it in an option: like an id.
VALUE_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")


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
    # Pagefind search instead of Sphinx's own (pagefind.py).
    app.add_config_value("kb_pagefind", False, "html", types=(bool,))
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
    # Value lists of ``choice`` fields: {name: [value, ...]} or
    # {name: {value: label}}. Values are what authors write (and kb.json
    # keeps); labels are what readers see, translated into the project's
    # language when the catalogue knows them. A vocabulary left out keeps its
    # default (model.DEFAULT_VOCABULARIES). Checked at config-inited.
    app.add_config_value(
        "kb_vocabularies", copy.deepcopy(DEFAULT_VOCABULARIES), "env", types=(dict,)
    )
    # The live preview (``make serve`` sets it with -D kb_preview_problems=1)
    # shows each page's problems on the page (preview.py). Never on for the
    # published site. "env": switching it re-reads every page.
    app.add_config_value("kb_preview_problems", False, "env", types=(bool,))
    app.connect("config-inited", check_config, priority=400)


# -- validation (at config-inited: one clear warning, then the default) ---------

#: Link schemes that can run script in a browser: never allowed, whatever the
#: setting says (SECURITY.md).
SCRIPT_SCHEMES = frozenset({"javascript", "vbscript", "data", "blob", "file"})
_SCHEME_RE = re.compile(r"^[a-z][a-z0-9+.-]*\Z")


def _config_warning(message: str) -> None:
    logger.warning(message, type="kb", subtype="config")


def _check_vocabulary(name: str, values: Any) -> dict[str, str] | None:
    """``{value: label}``, or None (after a warning) when ``values`` is unusable."""
    if isinstance(values, dict):
        pairs = list(values.items())
    elif isinstance(values, (list, tuple)):
        pairs = [(v, v) for v in values]
    else:
        pairs = None
    problem = None
    if pairs is None:
        problem = _("it must be a list of values or a dict {value: label}")
    elif not pairs:
        problem = _("it is empty")
    else:
        for value, label in pairs:
            if not isinstance(value, str) or not VALUE_RE.match(value):
                problem = _("%r is not a value: use lowercase letters, digits and hyphens") % (
                    value,
                )
                break
            if not isinstance(label, str) or not label.strip():
                problem = _("the label of %r is not a text") % (value,)
                break
        else:
            if len({v for v, _label in pairs}) != len(pairs):
                problem = _("it lists a value twice")
    if problem:
        default = DEFAULT_VOCABULARIES.get(name)
        fallback = (
            _("using the default (%s)") % ", ".join(default) if default else _("it is left out")
        )
        _config_warning(_("kb_vocabularies[%r] is not usable: %s; %s") % (name, problem, fallback))
        return None
    if isinstance(values, dict):
        return dict(pairs)
    return normalise_vocabulary(values, name)  # default values keep their labels


def check_vocabularies(config) -> None:
    """Validate ``kb_vocabularies`` and store it as ``{name: {value: label}}``,
    with every vocabulary a field uses present."""
    setting = config.kb_vocabularies
    used = used_vocabularies()
    checked: dict[str, dict[str, str]] = {}
    if not isinstance(setting, dict):
        _config_warning(
            _("kb_vocabularies must be a dict {name: [value, ...]}, not %s; using the defaults")
            % type(setting).__name__
        )
        setting = {}
    for name, values in setting.items():
        if name not in used:
            near = closest(str(name), list(used))
            message = _("kb_vocabularies[%r] is used by no field (vocabularies: %s)") % (
                name,
                ", ".join(used),
            )
            if near:
                message += "; " + _("did you mean %r?") % near
            _config_warning(message)
            continue
        vocabulary = _check_vocabulary(name, values)
        if vocabulary is not None:
            checked[name] = vocabulary
    for name in used:
        checked.setdefault(name, dict(DEFAULT_VOCABULARIES[name]))
    config.kb_vocabularies = checked


def check_url_schemes(config) -> None:
    """``kb_url_schemes``: lowercase scheme names; never a script-capable one."""
    setting = config.kb_url_schemes
    if not isinstance(setting, (list, tuple)) or not all(isinstance(s, str) for s in setting):
        _config_warning(
            _("kb_url_schemes must be a list of scheme names, e.g. %r; using the default")
            % list(SAFE_URL_SCHEMES)
        )
        config.kb_url_schemes = SAFE_URL_SCHEMES
        return
    schemes = []
    for scheme in setting:
        name = scheme.strip().lower().removesuffix(":")
        if not _SCHEME_RE.match(name):
            _config_warning(_("kb_url_schemes: %r is not a URL scheme; it is left out") % scheme)
        elif name in SCRIPT_SCHEMES:
            _config_warning(
                _("kb_url_schemes: %r links can run script or read files; it is left out") % scheme
            )
        elif name not in schemes:
            schemes.append(name)
    config.kb_url_schemes = tuple(schemes)


def check_config(app, config) -> None:
    check_vocabularies(config)
    check_url_schemes(config)
