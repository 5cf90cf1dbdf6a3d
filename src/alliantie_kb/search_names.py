"""The knowledge base's own names, for the search page's corrections.

A reader who types "brenninkmijer" means Brenninkmeijer. At build time the
words of the objects' names (titles, other names, and the values of fields
the model marks ``Field.names``, such as places) are written to a small
script, ``_static/kb-search-names.js``, with the site's other words that lie
close to one of them ("kept": real words, never corrected). The search page
(static/kb-search-correct.js) searches a query word that is neither a site
word nor a name for the closest name word instead, and says so.

Closeness is the same on both sides: words compared without diacritics and
with "ij" as "y" (:func:`fold`), at most one edit for words of up to
``SHORT`` letters and two for longer ones (:func:`limit`), an edit being an
insertion, a deletion, a substitution or a swap of two neighbours.
"""

from __future__ import annotations

import json
import re
import unicodedata
import zlib
from collections.abc import Iterable, Set
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector

from .domain import kb_domain
from .model import OBJECT_TYPES
from .validation import edit_distance

#: The script the search page loads, under the site's ``_static``: its name
#: carries a checksum of its content (``kb-search-names-1a2b3c4d.js``), since
#: Sphinx remembers a static file's checksum for as long as its process runs
#: (an incremental build in the same process would link the old one).
NAMES_SCRIPT = "kb-search-names-{}.js"
NAMES_GLOB = "kb-search-names-*.js"
#: Name words shorter than this are never a correction ("Os", "Kok").
MIN_LETTERS = 4
#: Words of up to this many letters (folded) allow one edit, longer ones two.
SHORT = 6
_WORD = re.compile(r"[^\W\d_]+")


def key(word: str) -> str:
    """``word`` in lower case without diacritics ("Gabriëls" -> "gabriels"):
    how Pagefind matches it, so a word with this key is found as typed."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def fold(word: str) -> str:
    """The key of ``word`` with "ij" written "y", the form words are compared in."""
    return key(word).replace("ij", "y")


def limit(folded: str) -> int:
    """The most edits a folded query word may be from a name word."""
    return 1 if len(folded) <= SHORT else 2


def words(text: str) -> list[str]:
    """The words (letters only) of ``text``."""
    return _WORD.findall(text)


def _deletions(word: str, depth: int) -> set[str]:
    """``word`` and every string made from it by deleting up to ``depth`` letters."""
    out = {word}
    frontier = {word}
    for _step in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


def name_words(app: Sphinx) -> list[str]:
    """The words of every object's names, as written, sorted and without repeats."""
    found: set[str] = set()
    for rec in kb_domain(app.env).records():
        objtype = OBJECT_TYPES[rec.type]
        values = [rec.title]
        if objtype.alias_field:
            values += rec.values(objtype.alias_field)
        values += [v for f in objtype.fields if f.names for v in rec.values(f.name)]
        found.update(w for v in values for w in words(v) if len(w) >= MIN_LETTERS)
    # one spelling per key: the one with diacritics or capitals wins ("Gabriëls")
    best: dict[str, str] = {}
    for word in sorted(found):
        best.setdefault(key(word), word)
    return sorted(best.values(), key=key)


def page_words(text: str) -> str:
    """The keys of the words of ``text`` that the search page could correct
    (``MIN_LETTERS`` or more), each once, space-separated (compact to keep)."""
    found = {key(w) for w in set(words(text))}
    return " ".join(sorted(w for w in found if len(w) >= MIN_LETTERS))


def _kept_words(env: BuildEnvironment) -> dict[str, str]:
    """docname -> its ``page_words``, kept in the environment."""
    kept: dict[str, str] = kb_domain(env).data.setdefault("words", {})
    return kept


class SiteWordsCollector(EnvironmentCollector):
    """Each page's words, noted when the page is read: the names file needs
    the words of every page, and reading every doctree again on each build
    cost seconds at 1,000 pages."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        """env-purge-doc: forget a page that is re-read or removed."""
        _kept_words(env).pop(docname, None)

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
    ) -> None:
        """env-merge-info: take the words of the pages a parallel reader read."""
        theirs = other.domaindata["kb"].get("words", {})
        mine = _kept_words(env)
        for docname in docnames:
            if docname in theirs:
                mine[docname] = theirs[docname]

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        """doctree-read: note the page's words (only for a site with Pagefind;
        :func:`site_words` reads a page not noted here when it needs it)."""
        if not app.config.kb_pagefind:
            return
        docname = app.env.current_document.docname
        _kept_words(app.env)[docname] = page_words(doctree.astext())


def site_words(app: Sphinx, docnames: Iterable[str]) -> set[str]:
    """The keys of the words (of ``MIN_LETTERS`` or more) on the pages
    ``docnames``: what a reader can find."""
    kept = _kept_words(app.env)
    out: set[str] = set()
    for docname in docnames:
        if docname not in kept:  # read before this was kept: read it now
            kept[docname] = page_words(app.env.get_doctree(docname).astext())
        out.update(kept[docname].split())
    return out


def kept_words(names: list[str], vocabulary: set[str]) -> list[str]:
    """The site's words (keys) that are close to a name word without being one:
    real words the search page must never correct."""
    by_deletion: dict[str, list[str]] = {}
    for name in {fold(n) for n in names}:
        for d in _deletions(name, 2):
            by_deletion.setdefault(d, []).append(name)
    name_keys = {key(n) for n in names}
    kept = []
    for word in vocabulary - name_keys:
        if len(word) < MIN_LETTERS:  # the search page never corrects those
            continue
        folded = fold(word)
        near = {n for d in _deletions(folded, limit(folded)) for n in by_deletion.get(d, ())}
        if any(edit_distance(folded, n) <= limit(folded) for n in near):
            kept.append(word)
    return sorted(kept)


def write_names(app: Sphinx, docnames: list[str]) -> Path:
    """Write ``_static/kb-search-names-<checksum>.js`` for the pages
    ``docnames``, and remove an earlier build's; return it."""
    names = name_words(app)
    data = {"names": names, "kept": kept_words(names, site_words(app, docnames))}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    content = f"window.kbSearchNames = {text};\n"
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    path = static / NAMES_SCRIPT.format(f"{zlib.crc32(content.encode('utf-8')):08x}")
    for old in static.glob(NAMES_GLOB):
        if old != path:
            old.unlink()
    path.write_text(content, encoding="utf-8")
    return path


def names_script(app: Sphinx) -> str | None:
    """The names script this build wrote (its name under ``_static``), if any."""
    found = sorted((Path(app.outdir) / "_static").glob(NAMES_GLOB))
    return found[0].name if found else None
