"""Pages that are not UTF-8: one located warning, and the site still builds.

Sphinx reads every page with ``str.read_text(encoding=source_encoding)``
before any event or hook runs, so a page saved as Latin-1 or UTF-16 ends the
whole build in a ``UnicodeDecodeError`` that names no file. This module
registers a codec, ``alliantie-kb-utf-8``, and makes it the source encoding
(only where the site kept Sphinx's default, UTF-8). It decodes UTF-8 (with or
without BOM) exactly as before; a file that is not is read leniently (UTF-16
by its byte order mark, anything else with U+FFFD for the bytes that are not
UTF-8, control characters dropped), and the failure is
remembered until ``source-read`` reports it at the page and line. A failure
left over when the doctree is read came from a file the page includes.

``kb_trusted_sources = True`` leaves Sphinx's own decoding in place.
"""

from __future__ import annotations

import codecs
import encodings.utf_8
import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .i18n import _
from .report import warn

CODEC = "alliantie-kb-utf-8"
_DEFAULTS = {"utf-8", "utf-8-sig", "utf8", "utf_8", "utf_8_sig"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

#: Lines of the first undecodable byte of each file decoded since the last
#: ``source-read`` (per process: parallel readers are separate processes).
_failures: list[int] = []

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer


def _decode(data: ReadableBuffer, errors: str = "strict") -> tuple[str, int]:
    """UTF-8 (BOM allowed); on failure lenient, with the failure remembered."""
    raw = bytes(data)
    try:
        # strict whatever the caller asks: Sphinx 8.2 reads with its own
        # replacing error handler, which would hide the failure from us
        text, _used = codecs.utf_8_decode(raw, "strict", True)
    except UnicodeDecodeError as exc:
        _failures.append(raw[: exc.start].count(b"\n") + 1)
        # keep the page readable: UTF-16 (with its byte order mark) as such,
        # anything else as UTF-8 with U+FFFD for the bytes that are not
        utf16 = raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        text = raw.decode("utf-16" if utf16 else "utf-8", "replace")
        text = _CONTROL.sub("", text)
    return text.removeprefix("\ufeff"), len(raw)


def _encode(text: str, errors: str = "strict") -> tuple[bytes, int]:
    """Plain UTF-8."""
    return codecs.utf_8_encode(text, errors)


class _WholeFileDecoder(codecs.IncrementalDecoder):
    """For ``open()``/``read_text()``: decode once, when the file is complete."""

    def __init__(self, errors: str = "strict") -> None:
        super().__init__(errors)
        self.pending = b""

    def decode(self, input: ReadableBuffer, final: bool = False) -> str:  # noqa: A002
        self.pending += bytes(input)
        if not final:
            return ""
        data, self.pending = self.pending, b""
        return _decode(data, self.errors)[0]

    def reset(self) -> None:
        self.pending = b""

    def getstate(self) -> tuple[bytes, int]:
        return self.pending, 0

    def setstate(self, state: tuple[bytes, int]) -> None:
        self.pending = state[0]


def _search(name: str) -> codecs.CodecInfo | None:
    """The codec's entry for ``codecs.lookup``."""
    if name.replace("_", "-") != CODEC:
        return None
    return codecs.CodecInfo(
        _encode,
        _decode,
        name=CODEC,
        incrementalencoder=encodings.utf_8.IncrementalEncoder,
        incrementaldecoder=_WholeFileDecoder,
    )


codecs.register(_search)


def use_codec(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """env-before-read-docs: read sources with the forgiving codec (untrusted
    sites that kept UTF-8). Set on the env's docutils settings, not on
    ``source_encoding``, which Sphinx 9 warns about when it is not UTF-8."""
    if getattr(app.config, "kb_trusted_sources", False):
        return
    if str(env.settings.get("input_encoding", "")).lower() in _DEFAULTS:
        env.settings["input_encoding"] = CODEC
    _failures.clear()


def report_page(app: Sphinx, docname: str, source: list[str]) -> None:
    """source-read: the page itself was not UTF-8."""
    if _failures:
        line = _failures[0]
        _failures.clear()
        message = _("file is not UTF-8; save it as UTF-8")
        warn(app.env, "encoding", message, (docname, line))


def report_included(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: a file included by the page was not UTF-8."""
    if _failures:
        _failures.clear()
        docname = app.env.current_document.docname
        message = _("a file included by this page is not UTF-8; save it as UTF-8")
        warn(app.env, "encoding", message, (docname, None))


def setup_encoding(app: Sphinx) -> None:
    """Register the hooks that switch the codec on and report failures."""
    app.connect("env-before-read-docs", use_codec)
    app.connect("source-read", report_page)
    app.connect("doctree-read", report_included)
