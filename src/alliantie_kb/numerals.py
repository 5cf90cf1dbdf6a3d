"""Numbers as readers of the project's language write them.

Every number the extension puts on a reader's page (a count, a figure) goes
through :func:`format_number`, with Babel's rules for the project's
``language``: "1,5" and "1.250" in a Dutch project, "1.5" and "1,250" in an
English one.
"""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_decimal

from .render import babel_locale


def format_number(value: int | float | Decimal, language: str | None) -> str:
    """``value`` with the decimal sign and digit grouping of ``language``."""
    return format_decimal(value, locale=babel_locale(language))
