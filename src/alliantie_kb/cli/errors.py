"""The CLI's refusal and how it shows what a volunteer typed."""

from __future__ import annotations

from pathlib import Path


class CliError(Exception):
    """A refusal with an explanation in the command's language (exit status 1)."""


def show(value: str | Path, limit: int = 60) -> str:
    """``value`` quoted, shortened, with control characters escaped (``repr``)."""
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text)
