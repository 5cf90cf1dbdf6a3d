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

from ..i18n import _
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
            name = unicodedata.name(char, _("control character"))
            return f"U+{ord(char):04X} {name}"
    return None


def check_name(raw: str) -> str:
    """The name without surrounding spaces, or a refusal."""
    bad = _bad_character(raw)
    if bad:
        raise CliError(
            _("the name %(name)s contains an invisible or control character (%(bad)s); "
              "type the name on one line, without tabs or special characters")
            % {"name": show(raw), "bad": bad}
        )
    if "\\" in raw:
        raise CliError(
            _("the name %s contains a backslash (\\); leave it out or write a /") % show(raw)
        )
    name = " ".join(raw.split())
    if not name:
        raise CliError(_('the name is empty; give a name in quotes: "Ada Jansen"'))
    if len(name) > MAX_NAME:
        raise CliError(
            _("the name is %(length)d characters long (at most %(most)d); "
              "choose a shorter name and put the rest in the description")
            % {"length": len(name), "most": MAX_NAME}
        )
    return name


def id_from_name(name: str) -> str:
    """The suggested id for ``name`` (``René Gabriëls`` -> ``rene-gabriels``), or a refusal."""
    slug = "-".join(suggest_id(name).split("-")[:ID_WORDS])[:MAX_ID].strip("-")
    if not slug or not ID_RE.fullmatch(slug):
        raise CliError(
            _("no id can be made from the name %s (only letters a-z and digits "
              "count); choose an id yourself with --id, for example --id ada-jansen") % show(name)
        )
    return slug


def check_id(raw: str) -> str:
    """A volunteer's ``--id``: the model's id pattern, ASCII only, not too long."""
    if _bad_character(raw) or not raw.isascii() or not ID_RE.fullmatch(raw):
        hint = suggest_id(raw) if not _bad_character(raw) else ""
        example = " " + _("(for example %r)") % hint if hint and ID_RE.fullmatch(hint) else ""
        raise CliError(
            _("invalid id %(id)s; use lowercase letters, digits and hyphens%(example)s")
            % {"id": show(raw), "example": example}
        )
    if len(raw) > MAX_ID:
        raise CliError(
            _("the id is %(length)d characters long (at most %(most)d); choose a shorter one")
            % {"length": len(raw), "most": MAX_ID}
        )
    return raw


def check_edition(raw: str) -> str:
    """An edition is a year of four ASCII digits (it names a folder: no paths)."""
    if not (raw.isascii() and YEAR_RE.fullmatch(raw)):
        raise CliError(
            _("invalid edition %s; give a year of four digits, for example 2013") % show(raw)
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
        _("the name %s cannot be written safely as an option; choose another") % show(value)
    )


def heading_text(value: str) -> str:
    """``value`` as Markdown inline text with no markup in it."""
    return _PUNCTUATION.sub(r"\\\1", value)
