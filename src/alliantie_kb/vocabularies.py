"""Value lists of ``choice`` fields (``kb_vocabularies``) and URL schemes.

Values are what authors write and what kb.json keeps; labels (message ids,
translated where they are shown) are what readers see. A build's values are
read from its configuration, never from module state: several Sphinx apps
may run in one process.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from .datamodel import Field, _

if TYPE_CHECKING:
    from sphinx.config import Config

#: The default of ``kb_url_schemes``: the URL schemes a link may use;
#: everything else (javascript:, data:, ...) is refused. Read the setting
#: (``url_schemes(config)``), not this constant.
SAFE_URL_SCHEMES = ("http", "https", "mailto")
#: Schemes whose URLs name a host (``https://host/...``); a URL of any other
#: allowed scheme (``mailto:``, ``tel:``, ``doi:``) needs only a path.
HIERARCHICAL_SCHEMES = frozenset({"http", "https", "ftp", "ftps", "sftp", "ws", "wss"})

REGION_LABELS = {
    "noord": _("North"),
    "noordoost": _("North-east"),
    "oost": _("East"),
    "zuidoost": _("South-east"),
    "zuid": _("South"),
    "zuidwest": _("South-west"),
    "west": _("West"),
    "noordwest": _("North-west"),
    "midden": _("Central"),
    "landelijk": _("National"),
}
STATUS_LABELS = {
    "geformuleerd": _("formulated"),
    "verstuurd": _("sent"),
    "in-behandeling": _("under consideration"),
    "overgenomen": _("adopted"),
    "afgewezen": _("rejected"),
}
KIND_LABELS = {
    "verweer": _("defence"),
    "vernieuwing": _("renewal"),
    "advies": _("advice"),
}
REGIONS = tuple(REGION_LABELS)
STATUSES = tuple(STATUS_LABELS)
KINDS = tuple(KIND_LABELS)
#: The default of ``kb_vocabularies``; a conf.py may extend it, e.g.
#: ``{**DEFAULT_VOCABULARIES, "region": [*REGIONS, "buitenland"]}``.
DEFAULT_VOCABULARIES: dict[str, dict[str, str]] = {
    "region": REGION_LABELS,
    "status": STATUS_LABELS,
    "kind": KIND_LABELS,
}


def normalise_vocabulary(
    values: Iterable[object] | Mapping[object, object], name: str = ""
) -> dict[str, str]:
    """A list of values or a ``{value: label}`` dict as ``{value: label}``.

    In a list, a value of the default vocabulary ``name`` keeps its default
    label (so ``[*KINDS, "petitie"]`` still shows "defence" in English) and
    any other value is its own label. No checks: config.py validates."""
    if isinstance(values, Mapping):
        return {str(k): str(v) for k, v in values.items()}
    defaults = DEFAULT_VOCABULARIES.get(name, {})
    return {str(v): defaults.get(str(v), str(v)) for v in values}


def vocabulary(name: str, config: Config | None = None) -> dict[str, str]:
    """``{value: label}`` of vocabulary ``name`` in a build's configuration
    (``app.config`` / ``env.config``); without one, the default."""
    settings: Mapping[str, Iterable[object]] = getattr(config, "kb_vocabularies", None) or {}
    if name in settings:
        return normalise_vocabulary(settings[name], name)
    return dict(DEFAULT_VOCABULARIES.get(name, {}))


def choices(f: Field, config: Config | None = None) -> tuple[str, ...]:
    """The values a ``choice`` field allows in this build."""
    return tuple(vocabulary(f.vocabulary, config)) if f.vocabulary else ()


def choice_label(f: Field, value: str, config: Config | None = None) -> str:
    """The label (message id) of a ``choice`` value; the value itself if unknown."""
    return vocabulary(f.vocabulary, config).get(value, value) if f.vocabulary else value


def url_schemes(config: Config | None = None) -> tuple[str, ...]:
    """The URL schemes links may use in this build (``kb_url_schemes``)."""
    schemes: Iterable[object] | None = getattr(config, "kb_url_schemes", None)
    if schemes is None:
        return SAFE_URL_SCHEMES
    return tuple(str(s).lower() for s in schemes)
