"""The MyST ``{toctree}`` blocks of a page, read and edited as text.

``nieuw`` adds a page to the table of contents above it, an edition to the
landing page (newest first), and must know which pages some table of
contents already names — a ``:glob:`` pattern included — so that it never
lists a page twice. It works on the page text because the pages are not
built yet; the rules for entries and patterns are Sphinx's own (``patmatch``,
docnames relative to the page's folder, ``/`` for the source root).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable

_TOCTREE = re.compile(
    r"^(?P<fence>`{3,}|:{3,})\{toctree\}[^\n]*\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.M | re.S
)
_ORPHAN = re.compile(r"\A---[ \t]*\n(?:[^\n]*\n)*?orphan:[ \t]*true[ \t]*\n(?:[^\n]*\n)*?---", re.M)
#: A toctree entry that is an edition's index page (``2013/index``).
_EDITION_ENTRY = re.compile(r"^/?(?P<year>[0-9]{4})/index\Z")
_TITLED = re.compile(r"^.*<(?P<target>[^<>]+)>$")


def entry_lines(body: str) -> list[str]:
    """The entries of a toctree body (``Title <entry>`` gives ``entry``)."""
    entries = []
    for line in body.splitlines():
        line = line.strip()
        if not line or line.startswith(":"):
            continue
        m = _TITLED.match(line)
        entries.append(m["target"].strip() if m else line)
    return entries


def first_entries(text: str) -> list[str] | None:
    """The entries of the first toctree of ``text``, or None if it has none."""
    m = _TOCTREE.search(text)
    return entry_lines(m["body"]) if m else None


def _is_glob(body: str) -> bool:
    return ":glob:" in [line.strip() for line in body.splitlines()]


def globbed(text: str, entry: str) -> bool:
    """True when a ``:glob:`` toctree of ``text`` has a pattern that matches ``entry``
    (written as the toctree would name it, relative to ``text``'s folder)."""
    from sphinx.util.matching import patmatch

    for m in _TOCTREE.finditer(text):
        if not _is_glob(m["body"]):
            continue
        if any(patmatch(entry, p.lstrip("/")) for p in entry_lines(m["body"])):
            return True
    return False


def with_entry(text: str, entry: str) -> str:
    """``text`` with ``entry`` at the end of its first toctree (a hidden one if none)."""
    m = _TOCTREE.search(text)
    if m is None:
        return text.rstrip() + f"\n\n```{{toctree}}\n:hidden:\n\n{entry}\n```\n"
    if entry in m["body"].split():
        return text
    if globbed(text, entry):
        return text  # ``*`` in a :glob: toctree lists it already
    end = m.start() + len(m.group(0)) - len(m["fence"])
    return text[:end] + f"{entry}\n" + text[end:].lstrip(" \t")


def with_edition_entry(text: str, year: str) -> str:
    """``year/index`` in the landing page's toctree: editions newest first, before the rest."""
    entry = f"{year}/index"
    m = _TOCTREE.search(text)
    if m is None:
        return with_entry(text, entry)
    if entry in entry_lines(m["body"]) or f"/{entry}" in entry_lines(m["body"]):
        return text
    body_start = m.start("body")
    pos = body_start + len(m["body"])  # after the last entry when nothing comes after it
    offset = body_start
    for line in m["body"].splitlines(keepends=True):
        stripped = line.strip()
        if stripped and not stripped.startswith(":"):
            target = (entry_lines(stripped) or [""])[0]
            other = _EDITION_ENTRY.match(target)
            if other is None or other["year"] < year:
                pos = offset
                break
        offset += len(line)
    return text[:pos] + f"{entry}\n" + text[pos:]


def listed(texts: Iterable[tuple[str, str]]) -> set[str]:
    """Docnames that a toctree of some page names (or that say ``orphan: true``).

    ``texts`` gives each page as (docname, text); a ``:glob:`` pattern lists
    every one of those pages it matches.
    """
    found: set[str] = {"index"}
    patterns: set[str] = set()
    docnames: list[str] = []
    for docname, text in texts:
        docnames.append(docname)
        if _ORPHAN.match(text):
            found.add(docname)
        folder = posixpath.dirname(docname)
        for m in _TOCTREE.finditer(text):
            for entry in entry_lines(m["body"]):
                target = entry[1:] if entry.startswith("/") else posixpath.join(folder, entry)
                target = posixpath.normpath(target).removesuffix(".md")
                (patterns if _is_glob(m["body"]) else found).add(target)
    if patterns:
        from sphinx.util.matching import patmatch

        found |= {d for d in docnames if any(patmatch(d, p) for p in patterns)}
    return found
