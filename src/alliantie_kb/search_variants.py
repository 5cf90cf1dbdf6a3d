"""Close spelling variants of names, so a small misspelling still finds them.

Pagefind matches words exactly (after stemming) or by their beginning, so
"brenninkmijer" finds nothing of "Brenninkmeijer". The fields the model marks
``Field.spelling_variants`` (people's names, places, organisations) add to
their object's search record the variants a reader is likely to type: the
common Dutch confusions (ij/y/ei, ui/uy, ch/g, d/t, c/k, s/z), a doubled letter
written once or a single one twice, one letter left out, a vowel mistaken,
two neighbouring letters swapped. Deterministic: the same name always gives
the same variants, in the same order.
"""

from __future__ import annotations

import unicodedata

#: Spellings Dutch readers confuse, both ways.
CONFUSIONS = (
    ("ij", "y"),
    ("ij", "ei"),
    ("ij", "i"),
    ("ui", "uy"),
    ("ch", "g"),
    ("ck", "k"),
    ("c", "k"),
    ("dt", "t"),
    ("d", "t"),
    ("s", "z"),
    ("ou", "au"),
    ("ph", "f"),
    ("ae", "a"),
)
VOWELS = "aeiou"
#: Shorter words get only the confusions and doubled letters: one letter
#: more or less would make them other words.
MIN_EDIT_LENGTH = 5


def plain(word: str) -> str:
    """``word`` in lower case, without diacritics (ë -> e, â -> a)."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _confusions(word: str) -> set[str]:
    out: set[str] = set()
    for a, b in CONFUSIONS:
        for old, new in ((a, b), (b, a)):
            start = word.find(old)
            while start != -1:
                out.add(word[:start] + new + word[start + len(old) :])
                start = word.find(old, start + 1)
    return out


def _doubling(word: str) -> set[str]:
    out: set[str] = set()
    for i, c in enumerate(word):
        if i + 1 < len(word) and word[i + 1] == c:
            out.add(word[:i] + word[i + 1 :])  # a doubled letter written once
        elif (i == 0 or word[i - 1] != c) and c.isalpha():
            out.add(word[: i + 1] + word[i:])  # a single letter written twice
    return out


def _edits(word: str) -> set[str]:
    out: set[str] = set()
    for i, c in enumerate(word):
        out.add(word[:i] + word[i + 1 :])  # one letter left out
        if c in VOWELS:
            out |= {word[:i] + v + word[i + 1 :] for v in VOWELS if v != c}
        if i + 1 < len(word) and word[i + 1] != c:
            out.add(word[:i] + word[i + 1] + c + word[i + 2 :])  # neighbours swapped
    return out


def word_variants(word: str) -> list[str]:
    """The close variants of one word of a name (without the word itself)."""
    base = plain(word)
    if len(base) < 4 or not base.isalpha():
        return []
    found = _confusions(base) | _doubling(base)
    if len(base) >= MIN_EDIT_LENGTH:
        found |= _edits(base)
    found.discard(base)
    return sorted(v for v in found if len(v) >= 3)


def name_variants(names: list[str]) -> list[str]:
    """The close variants of every word of ``names``, each once, none of them
    a word of the names themselves."""
    words = [w for name in names for w in name.replace("-", " ").split()]
    own = {plain(w) for w in words}
    out: list[str] = []
    for w in words:
        out += [v for v in word_variants(w) if v not in own and v not in out]
    return out
