"""What a volunteer types — names, ids, editions — checked, then written as data.

A name ends up as an option value (``:name: ...``) and in a heading. It must
come out on the page as the literal text typed, never as markup: option
values are written in the form MyST's own option parser reads back to
exactly that text (checked by parsing it), and headings escape every ASCII
punctuation character (CommonMark's backslash escape).
"""

from __future__ import annotations

import re
import unicodedata

from ..model import ID_RE, YEAR_RE
from ..validation import suggest_id
from .errors import CliError, show

#: Longest name or title accepted (the longest in the 2012 edition has ~90).
MAX_NAME = 200
#: Longest id accepted.
MAX_ID = 80
#: Words of a name kept in a suggested id.
ID_WORDS = 8

_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def _bad_character(text: str) -> str | None:
    for char in text:
        if unicodedata.category(char) in _INVISIBLE:
            name = unicodedata.name(char, "stuurteken")
            return f"U+{ord(char):04X} {name}"
    return None


def check_name(raw: str) -> str:
    """The name without surrounding spaces, or a Dutch refusal."""
    bad = _bad_character(raw)
    if bad:
        raise CliError(
            f"de naam {show(raw)} bevat een onzichtbaar teken of stuurteken ({bad}); "
            "typ de naam op één regel, zonder tabs of speciale tekens"
        )
    if "\\" in raw:
        raise CliError(
            f"de naam {show(raw)} bevat een backslash (\\); laat die weg of schrijf een /"
        )
    name = " ".join(raw.split())
    if not name:
        raise CliError('de naam is leeg; geef een naam tussen aanhalingstekens: "Jan de Vries"')
    if len(name) > MAX_NAME:
        raise CliError(
            f"de naam is {len(name)} tekens lang (hoogstens {MAX_NAME}); "
            "kies een kortere naam en zet de rest in de beschrijving"
        )
    return name


def id_from_name(name: str) -> str:
    """The suggested id for ``name`` (``René Gabriëls`` -> ``rene-gabriels``), or a refusal."""
    slug = "-".join(suggest_id(name).split("-")[:ID_WORDS])[:MAX_ID].strip("-")
    if not slug or not ID_RE.fullmatch(slug):
        raise CliError(
            f"uit de naam {show(name)} valt geen id te maken (alleen letters a-z en cijfers "
            "tellen); kies zelf een id met --id, bijvoorbeeld --id jan-de-vries"
        )
    return slug


def check_id(raw: str) -> str:
    """A volunteer's ``--id``: the model's id pattern, ASCII only, not too long."""
    if _bad_character(raw) or not raw.isascii() or not ID_RE.fullmatch(raw):
        hint = suggest_id(raw) if not _bad_character(raw) else ""
        example = f" (bijvoorbeeld {hint!r})" if hint and ID_RE.fullmatch(hint) else ""
        raise CliError(
            f"ongeldige id {show(raw)}; gebruik kleine letters, cijfers en koppeltekens{example}"
        )
    if len(raw) > MAX_ID:
        raise CliError(f"de id is {len(raw)} tekens lang (hoogstens {MAX_ID}); kies een kortere")
    return raw


def check_edition(raw: str) -> str:
    """An edition is a year of four ASCII digits (it names a folder: no paths)."""
    if not (raw.isascii() and YEAR_RE.fullmatch(raw)):
        raise CliError(
            f"ongeldige editie {show(raw)}; geef een jaar van vier cijfers, bijvoorbeeld 2013"
        )
    return raw


def option_value(name: str, value: str) -> str:
    """``value`` as option text that the object directives read back as exactly
    ``value`` (they read option lines literally: see ``optionblock``)."""
    from ..optionblock import read_options

    block = read_options([f":{name}: {value}"], 1)
    if block.values == {name: value} and not block.problems:
        return value
    raise CliError(
        f"de naam {show(value)} kan niet veilig als optie worden geschreven; kies een andere"
    )


def heading_text(value: str) -> str:
    """``value`` as Markdown inline text with no markup in it."""
    return _PUNCTUATION.sub(r"\\\1", value)
