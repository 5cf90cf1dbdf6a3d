"""Characters the PDF can print, checked where the LaTeX is written.

The PDF edition is set with XeLaTeX (or LuaLaTeX) in GNU FreeFont, Sphinx's
default fonts for those engines. FreeFont sets every European name: Latin
with all its diacritics, Greek and Cyrillic. A character it has no glyph for
(CJK, emoji, other scripts) would silently vanish from the PDF. So a late
pass over the LaTeX doctree gives one located ``kb.latex`` warning per
character and source file, and prints ``[U+XXXX]`` in its place.

``FONT_RANGES`` is what all twelve FreeFont faces (serif, sans, mono; upright,
italic, bold) have in common, limited to the Latin, Greek and Cyrillic blocks,
punctuation and common symbols; measured with ``fc-query`` (fonts-freefont-otf
20120503) and re-measured by ``tests/test_hostile_latex.py``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, cast
from weakref import WeakKeyDictionary

from docutils import nodes
from docutils.utils import get_source_line
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.latex import LaTeXBuilder
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

from .i18n import _
from .report import warn
from .safety import trusted

#: code point ranges (hex, fc-query's charset notation) FreeFont can set
FONT_RANGES = (
    "20-7e a0-1bb 1be-1f5 1f7-21f 224-233 237 250-254 256-259 25b-25c 25f-261 265-26b "
    "26d 26f-275 279-285 287-289 28c-28e 290-2a2 2b0-36f 375 37a 37e 384-38a 38c 38e-3a1 "
    "3a3-3ce 3d1-3d6 3f0-3f1 3f4-3f5 400-45f 470-472 484-486 48a-4f9 510-513 51a-51f "
    "1e00-1e9b 1ea0-1ef9 2000-2064 2070-2071 2074-208e 2090-2094 20a3-20a6 20aa-20ac 20b5 "
    "20b8-20b9 2100-2101 2103 2105-2107 2109 210e 2111 2113 2116 211c 2120-2122 2126-2127 "
    "2129-212b 212e 2132 2135-2138 213a-213b 214b 214d-214e 2153-215f 2190-2199 21a4-21a7 "
    "21c4 21c6 2200-221f 2223 2225 2229-222c 223c 2248 2260-2261 2264-2265 fb00-fb02"
)
#: the engines whose default fonts (FreeFont) FONT_RANGES describes
FREEFONT_ENGINES = ("xelatex", "lualatex")


def parse_ranges(text: str) -> frozenset[int]:
    """``"20-7e a0"`` -> the set of code points it names."""
    points: set[int] = set()
    for part in text.split():
        first, _sep, last = part.partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return frozenset(points)


SETTABLE = parse_ranges(FONT_RANGES) | {0x09, 0x0A, 0x0D}
_UNSETTABLE = re.compile(
    "[^" + "".join(re.escape(chr(c)) for c in sorted(SETTABLE)) + "]"
)


def unsettable(text: str) -> list[str]:
    """The distinct characters of ``text`` the PDF fonts cannot set, in order."""
    return list(dict.fromkeys(_UNSETTABLE.findall(text)))


def placeholder(char: str) -> str:
    """What the PDF shows instead: ``[U+1F600]``."""
    return f"[U+{ord(char):04X}]"


def substitute(text: str) -> str:
    """``text`` with every unsettable character replaced by its placeholder."""
    return _UNSETTABLE.sub(lambda m: placeholder(m.group()), text)


#: (character, source file) pairs warned about in the current build, per
#: environment (scratch data, reset at builder-inited; not pickled).
Warned = set[tuple[str, str | None]]
_warned: WeakKeyDictionary[BuildEnvironment, Warned] = WeakKeyDictionary()


def applies(config: Config) -> bool:
    """The check runs for untrusted sources set in FreeFont."""
    return (
        not trusted(config)
        and config.latex_engine in FREEFONT_ENGINES
        and "fontpkg" not in config.latex_elements
    )


def _message(chars: list[str]) -> str:
    """One warning for the characters ``chars`` of one source line."""
    listed = ", ".join(f"{c} (U+{ord(c):04X})" for c in chars)
    if len(chars) == 1:
        return _(
            "character %s cannot be printed in the PDF: its fonts have no glyph for it, so it "
            "is shown as [U+...]; write it with Latin, Greek or Cyrillic letters, or leave it out"
        ) % listed
    return _(
        "characters %s cannot be printed in the PDF: its fonts have no glyph for them, so they "
        "are shown as [U+...]; write them with Latin, Greek or Cyrillic letters, or leave them out"
    ) % listed


class FlagUnsettableCharacters(SphinxPostTransform):
    """Warn about and replace characters the PDF fonts have no glyph for."""

    builders = ("latex",)
    default_priority = 900  # last: bibliography, listings and URL footnotes are in

    def run(self, **kwargs: Any) -> None:
        if not applies(self.config):
            return
        #: (character, source file) pairs warned about in this build
        self._warned = _warned.setdefault(self.env, set())
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            if parent is None or isinstance(parent, (nodes.raw, nodes.comment)):
                continue
            found = unsettable(str(text))
            if found:
                self._warn(found, parent, self._line_of(text, found[0]))
                parent.replace(text, nodes.Text(substitute(str(text))))
        for index in self.document.findall(addnodes.index):
            # (type, value, target, main, key): strings, the key may be None
            entries: list[tuple[str | None, ...]] = []
            found_entries: list[tuple[str | None, ...]] = index.get("entries", [])
            for entry in found_entries:
                fixed = list(entry)
                for i in (1, 4):
                    value = fixed[i] if i < len(fixed) else None
                    if isinstance(value, str) and (chars := unsettable(value)):
                        self._warn(chars, index, None)
                        fixed[i] = substitute(value)
                entries.append(tuple(fixed))
            index["entries"] = entries

    @staticmethod
    def _line_of(text: nodes.Text, char: str) -> int | None:
        """The source line of ``char``: a paragraph's line plus its line breaks."""
        element = text.parent
        while element is not None and not isinstance(element, nodes.paragraph):
            if isinstance(element, nodes.Structural):
                return None
            element = element.parent
        if element is None or element.line is None:
            return None
        before = 0
        for other in element.findall(nodes.Text):
            if other is text:
                return element.line + before + str(text)[: str(text).index(char)].count("\n")
            before += str(other).count("\n")
        return None

    def _warn(self, chars: list[str], element: nodes.Node, line: int | None) -> None:
        source, found_line = get_source_line(element)
        new = [c for c in chars if (c, source) not in self._warned]
        if not new:
            return
        self._warned.update((c, source) for c in new)
        docname = self.env.path2doc(source) if source else None
        location = (docname, line or found_line) if docname else element
        warn(self.env, "latex", _message(new), location)


def clean_written_latex(app: Sphinx, exception: BaseException | None) -> None:
    """build-finished: what the writer added itself (domain indices, the title
    page) gets the same placeholders; a character not met before is warned."""
    if exception is not None or app.builder.format != "latex" or not applies(app.config):
        return
    builder = cast(LaTeXBuilder, app.builder)
    warned = {char for char, _source in _warned.get(app.env, set())}
    for entry in app.config.latex_documents:
        tex = Path(builder.outdir) / entry[1]
        if not tex.is_file():
            continue
        written = tex.read_text("utf-8")
        found = unsettable(written)
        if not found:
            continue
        new = [c for c in found if c not in warned]
        if new:
            warn(app.env, "latex", _message(new), (entry[0], None))
        tex.write_text(substitute(written), "utf-8")


def reset_warned(app: Sphinx) -> None:
    """builder-inited: each build warns afresh (scratch data, not reader state)."""
    _warned[app.env] = set()


def setup_latexchars(app: Sphinx) -> None:
    """Register the character check of LaTeX builds."""
    app.connect("builder-inited", reset_warned)
    app.add_post_transform(FlagUnsettableCharacters)
    app.connect("build-finished", clean_written_latex)
