"""Every ``kb_*`` setting: declared, defaulted and validated in one place.

``SETTINGS`` lists each setting with its default, what a change rebuilds
(``"env"``: every page is read again; ``"html"``: written again; ``""``:
nothing), its types and a check. ``setup_config`` registers them all;
``check_config`` (at ``config-inited``, before Sphinx's own type check and
before any module reads a setting) gives a setting with a wrong type or value
one ``kb.config`` warning in the project's language and its default instead.
``kb_vocabularies`` and ``kb_url_schemes`` have checks of their own that keep
the usable part of a setting and normalise it.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sphinx.config import ENUM
from sphinx.util import logging

from .i18n import N_, _
from .model import (
    DEFAULT_VOCABULARIES,
    SAFE_URL_SCHEMES,
    normalise_vocabulary,
    used_vocabularies,
)
from .report import hinted
from .validation import closest

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config, _ConfigRebuild

logger = logging.getLogger(__name__)

#: A vocabulary value, as authors write it in an option: like an id.
VALUE_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")
#: What ``kb_remote_images`` may say.
REMOTE_IMAGE_POLICIES = ("allow", "warn", "refuse")


def _is_bool(value: object) -> bool:
    return isinstance(value, bool)


def _is_text(value: object) -> bool:
    return isinstance(value, str)


def _is_text_or_none(value: object) -> bool:
    return value is None or isinstance(value, str)


def _is_texts(value: object) -> bool:
    return isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)


def _is_dict(value: object) -> bool:
    return isinstance(value, dict)


def _is_remote_image_policy(value: object) -> bool:
    return value in REMOTE_IMAGE_POLICIES


@dataclass(frozen=True)
class Setting:
    """One ``kb_*`` configuration value."""

    name: str
    default: Any
    rebuild: _ConfigRebuild
    #: The types Sphinx is told about (``sphinx-build`` converts ``-D`` with them).
    types: tuple[type, ...] | ENUM
    #: Whether a value is usable; None: checked by its own function below.
    valid: Callable[[object], bool] | None
    #: A message id saying what a usable value is ("True or False").
    expected: str = ""


_BOOL = N_("True or False")

SETTINGS: tuple[Setting, ...] = (
    # Sources are untrusted by default (SECURITY.md): contributed pages may not
    # read files outside the source folder, inject markup or script, or make
    # the PDF build run anything. A site whose every author is trusted can set
    # this True to switch all of those checks off at once.
    Setting("kb_trusted_sources", False, "env", (bool,), _is_bool, _BOOL),
    # Raw HTML in sources (MyST inline/block HTML, ``{raw} html``) is shown as
    # escaped text with a warning, so that no contribution can inject markup
    # or scripts into the site. Set True only for fully trusted sources.
    Setting("kb_allow_raw_html", False, "env", (bool,), _is_bool, _BOOL),
    # URL schemes a link or image in the output may use (relative links are
    # always allowed); checked when pages are read and again when they are
    # written (written.py). Everything else becomes plain text with a warning.
    Setting("kb_url_schemes", SAFE_URL_SCHEMES, "env", (tuple, list), None),
    # Images from another site (http/https) tell that site who reads the page:
    # "warn" (default) warns, "refuse" leaves them out, "allow" says nothing.
    Setting(
        "kb_remote_images",
        "warn",
        "html",
        ENUM(*REMOTE_IMAGE_POLICIES),
        _is_remote_image_policy,
        N_("one of allow, warn, refuse"),
    ),
    # sitemap.xml from the environment (sitemap.py): every page, sorted, the
    # same after an incremental build as after a fresh one. Needs html_baseurl.
    Setting("kb_sitemap", False, "html", (bool,), _is_bool, _BOOL),
    Setting("kb_sitemap_excludes", [], "html", (list, tuple), _is_texts, N_("a list of texts")),
    # Print editions (editions.py): kb_editions names editions with their own
    # title page; every page matching kb_book_root ("{edition}" is the year)
    # is a book too, organised by kb_book_organiser (None: the author).
    Setting("kb_editions", {}, "env", (dict,), _is_dict, N_("a dict of editions by year")),
    Setting("kb_book_root", "boeken/{edition}", "env", (str,), _is_text, N_("a text")),
    Setting(
        "kb_book_organiser",
        None,
        "env",
        (str, type(None)),
        _is_text_or_none,
        N_("a text or None"),
    ),
    # Value lists of ``choice`` fields: {name: [value, ...]} or
    # {name: {value: label}}. Values are what authors write (and kb.json
    # keeps); labels are what readers see, translated into the project's
    # language when the catalogue knows them. A vocabulary left out keeps its
    # default (model.DEFAULT_VOCABULARIES).
    Setting("kb_vocabularies", DEFAULT_VOCABULARIES, "env", (dict,), None),
    # The live preview (``make serve`` sets it with -D kb_preview_problems=1)
    # shows each page's problems on the page (preview.py). Never on for the
    # published site. "env": switching it re-reads every page.
    Setting("kb_preview_problems", False, "env", (bool,), _is_bool, _BOOL),
    # The reader's search (pagefind.py): Pagefind indexes the built site and
    # replaces Sphinx's own search page.
    Setting("kb_pagefind", False, "html", (bool,), _is_bool, _BOOL),
    # Index in a process of its own after the build (make serve sets it): the
    # build, and the preview's reload, do not wait for the search index; the
    # search page waits until the index of its build is there
    # (search_background.py).
    Setting("kb_pagefind_background", False, "", (bool,), _is_bool, _BOOL),
    # Report again, at the end of an incremental build, the warnings of the
    # pages it did not re-read (recorder.py; the volunteers' check turns it on).
    Setting("kb_replay_warnings", False, "", (bool,), _is_bool, _BOOL),
)


def setup_config(app: Sphinx) -> None:
    """Register every ``kb_*`` setting and its check."""
    for setting in SETTINGS:
        # a copy per application: several apps run in one test process
        default = copy.deepcopy(setting.default)
        app.add_config_value(setting.name, default, setting.rebuild, types=setting.types)
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
        return dict(values)
    return normalise_vocabulary(values, name)  # default values keep their labels


def check_vocabularies(config: Config) -> None:
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
                message = hinted(message, _("did you mean %r?") % near)
            _config_warning(message)
            continue
        vocabulary = _check_vocabulary(name, values)
        if vocabulary is not None:
            checked[name] = vocabulary
    for name in used:
        checked.setdefault(name, dict(DEFAULT_VOCABULARIES[name]))
    config.kb_vocabularies = checked


def check_url_schemes(config: Config) -> None:
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


def check_settings(config: Config) -> None:
    """Give each setting of a wrong type or value its default, after one warning."""
    for setting in SETTINGS:
        value = getattr(config, setting.name)
        if setting.valid is None or setting.valid(value):
            continue
        _config_warning(
            _("%s must be %s, not %r; using the default (%r)")
            % (setting.name, _(setting.expected), value, setting.default)
        )
        setattr(config, setting.name, copy.deepcopy(setting.default))


def check_config(app: Sphinx, config: Config) -> None:
    """config-inited: validate every ``kb_*`` setting."""
    check_settings(config)
    check_vocabularies(config)
    check_url_schemes(config)
