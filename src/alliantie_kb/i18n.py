"""Message catalogue of the extension.

``_`` translates into the project's ``language`` (labels *and* warnings: the
people who read our warnings are the knowledge base's volunteers, who work in
the project's language, not in their terminal's locale).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.locale import get_translation

CATALOG = "alliantie_kb"
LOCALE_DIR = Path(__file__).parent / "locale"

_ = get_translation(CATALOG)


def ngettext(singular: str, plural: str, n: int) -> str:
    """``singular`` or ``plural`` for ``n``, translated like ``_`` (English
    rules while no catalogue is active: Sphinx's own ``get_translation``
    takes no plural in every Sphinx version we support)."""
    from sphinx.locale import get_translator, is_translator_registered

    if is_translator_registered(CATALOG):
        return get_translator(CATALOG).ngettext(singular, plural, n)
    return singular if n == 1 else plural


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark ``message`` for the catalogue without translating it (yet)."""
    return message
