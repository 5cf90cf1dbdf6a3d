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
