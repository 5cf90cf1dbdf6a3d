"""What the sources define, read quickly and without Sphinx.

``nieuw`` must know which ids exist, of which type, where, and which edition
each belongs to before it writes anything; running Sphinx for that would
take seconds. This reads the object directives and the option lines right
below them from every page Sphinx would read; unreadable bytes are replaced.
"""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..edition_check import edition_relations
from ..model import OBJECT_TYPES, TYPE_ALIASES, YEAR_RE, type_name
from .paths import inside

_DIRECTIVE = re.compile(
    r"^(?P<fence>`{3,}|:{3,})\{(?:kb:)?(?P<type>"
    + "|".join((*OBJECT_TYPES, *TYPE_ALIASES))
    + r")\}[ \t]+(?P<id>\S+)",
    re.M,
)
_OPTION = re.compile(r":([\w-]+):[ \t]*([^\n]*)\n?")
#: The options that hold an edition, in any type that has one.
_EDITION_OPTIONS = tuple(
    dict.fromkeys(t.edition_field for t in OBJECT_TYPES.values() if t.edition_field)
)
#: How far ``edition_of`` follows parents (a recommendation's talk's day).
_MAX_DEPTH = 3


@dataclass
class Defined:
    """An object directive found in the sources (without running Sphinx)."""

    id: str
    type: str
    path: Path
    line: int
    #: The options directly below the directive line (``event: 2012-drachten``).
    options: dict[str, str] = field(default_factory=dict)


def pages(src: Path) -> list[Path]:
    """The .md pages Sphinx would read: regular files, no ``_``/``.`` folders, none outside."""
    found = []
    for folder, dirs, names in os.walk(src):
        dirs[:] = sorted(d for d in dirs if not d.startswith(("_", ".")))
        for name in sorted(names):
            path = Path(folder) / name
            if name.endswith(".md") and path.is_file() and inside(src, path):
                found.append(path)
    return found


def _options_below(text: str, pos: int) -> dict[str, str]:
    """The ``:name: value`` lines that start at ``pos``, up to the first other line."""
    options: dict[str, str] = {}
    while pos and (m := _OPTION.match(text, pos)):
        options.setdefault(m[1], m[2].strip())
        pos = m.end()
    return options


def defined_objects(src: Path) -> dict[str, Defined]:
    """Every object directive in the sources; unreadable bytes are replaced."""
    found: dict[str, Defined] = {}
    for path in pages(src):
        try:
            text = path.read_bytes().decode("utf-8", errors="replace")
        except OSError:
            continue
        for m in _DIRECTIVE.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            objtype = OBJECT_TYPES[type_name(m["type"])]  # {spreker} is a speaker
            below = _options_below(text, text.find("\n", m.end()) + 1)
            options: dict[str, str] = {}
            for name, value in below.items():
                options.setdefault(objtype.option_name(name), value)  # :naam: is :name:
            found.setdefault(m["id"], Defined(m["id"], objtype.name, path, line, options))
    return found


def _year(value: str) -> str | None:
    return value if value.isascii() and YEAR_RE.fullmatch(value) else None


def _own_edition(found: Defined) -> str | None:
    """The edition an object's own options give (a valid year), if any."""
    for name in _EDITION_OPTIONS:
        if year := _year(found.options.get(name, "")):
            return year
    return None


def edition_of(found: Defined, defined: dict[str, Defined], depth: int = 0) -> str | None:
    """An object's edition as its page says: its own, or its day's or source's."""
    own = _own_edition(found)
    if own or depth > _MAX_DEPTH:
        return own
    for f in edition_relations(found.type):
        parent = defined.get(found.options.get(f.name, ""))
        if parent is not None:
            return edition_of(parent, defined, depth + 1)
    return None


def newest_edition(src: Path, defined: dict[str, Defined]) -> str:
    """The newest edition in the sources (objects' editions, edition folders), else this year."""
    years = {_own_edition(d) for d in defined.values()}
    years |= {_year(p.parent.name) for p in src.glob("*/index.md")}
    valid = [y for y in years if y]
    return max(valid, default=str(datetime.date.today().year))
