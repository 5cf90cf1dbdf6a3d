"""One way to warn: ``kb.<subtype>``, located, with its hint as data.

The console shows ``message; hint`` as it always did; the hint also travels
on the log record, so the recorder (``recorder.py``) gets message and hint
apart. Sphinx reports a read-time warning only in the build that reads the
page; a volunteer's check (``alliantie-kb controleer``) must list *every*
problem yet reuse the cached environment, so with ``kb_replay_warnings =
True`` the kept warnings of pages not re-read are reported again, whatever
their source (see ``recorder.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from . import recorder

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger("alliantie_kb")


class Hinted(str):
    """A message with a hint: reads as ``message; hint``, keeps both apart.

    Code that builds a message and then adds ``"; " + hint`` can write
    ``msg = hinted(msg, hint)`` instead and hand the result on as a string.
    """

    message: str
    hint: str

    def __new__(cls, message: str, hint: str) -> Hinted:
        text = super().__new__(cls, f"{message}; {hint}")
        text.message, text.hint = str(message), str(hint)
        return text

    def __getnewargs__(self) -> tuple[str, str]:  # type: ignore[override]
        return self.message, self.hint


def hinted(message: str, hint: str) -> Hinted:
    """``message`` with ``hint``: the text ``message; hint``, the parts as data."""
    return Hinted(message, hint)


def warn(
    env: BuildEnvironment, subtype: str, message: str, location: Any, *, hint: str | None = None
) -> None:
    """Log ``message`` as ``kb.<subtype>`` at ``location``; the console shows
    ``message; hint``, the recorder gets the hint apart. A :class:`Hinted`
    message brings its own hint."""
    if hint is None and isinstance(message, Hinted):
        hint = message.hint
        message = message.message
    hint = str(hint) if hint else None  # plain text: the record is pickled with the env
    text = f"{message}; {hint}" if hint else str(message)
    logger.warning(text, type="kb", subtype=subtype, location=location, extra={recorder.HINT: hint})


def setup_report(app: Sphinx) -> None:
    """Record this application's warnings (``kb_replay_warnings``: config.py)."""
    recorder.attach(app)
    app.connect("env-before-read-docs", recorder.note_reread)
    app.connect("env-updated", recorder.replay)
