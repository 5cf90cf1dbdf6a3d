"""The command line of ``alliantie-kb``: Dutch options with English aliases.

Help texts and messages speak the project's language (``language``).
argparse has no Dutch catalogue; in a Dutch project its few own strings
(plurals too) are translated here, for this parser only: argparse looks its
``_`` and ``ngettext`` up at call time, and the ones installed here pass
through to gettext unless the calling context runs one of our parsers
(a context variable, so other threads and other parsers are untouched). A
usage error is one line on stderr (exit status 2) instead of usage + error.
"""

from __future__ import annotations

import argparse
import contextlib
import gettext
import sys
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import NoReturn

from ..i18n import _
from ..model import OBJECT_TYPES
from . import language

_ARGPARSE_NL = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",  # noqa: E501
    "expected one argument": "verwacht één waarde",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "invalid %(type)s value: %(value)r": "ongeldige %(type)s-waarde: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "onduidelijke optie: %(option)s kan %(matches)s zijn",  # noqa: E501
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
}
#: argparse's plural strings: (singular, plural) -> Dutch (singular, plural).
_ARGPARSE_NL_PLURAL = {
    ("expected %s argument", "expected %s arguments"):
        ("verwacht %s waarde", "verwacht %s waarden"),  # fmt: skip
    ("conflicting option string: %s", "conflicting option strings: %s"):
        ("tegenstrijdige optie: %s", "tegenstrijdige opties: %s"),  # fmt: skip
}

#: Object types as volunteers name them: the model's name, its Dutch names
#: (``spreker``, ``persoon``) and the CLI's other English words (``person``).
TYPE_NAMES: dict[str, str] = {
    word: t.name for t in OBJECT_TYPES.values() for word in (*t.dutch_names, *t.cli_aliases, t.name)
}


class _TypeWords(dict[str, str]):
    """The word for each type in messages, in the command's language (looked up when shown)."""

    def __getitem__(self, key: str) -> str:
        return _(super().__getitem__(key))

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        return self[key] if key in self else default


#: The word for each type, in messages (Dutch in a Dutch project; the name is historical).
DUTCH_TYPE = _TypeWords({t.name: t.cli_noun or t.name for t in OBJECT_TYPES.values()})
#: ``nieuw editie 2013``: a whole new edition rather than one object.
EDITION_WORDS = ("editie", "edition")
#: English command names and their Dutch originals.
COMMAND_ALIASES = {"new": "nieuw", "check": "controleer", "list": "lijst"}
#: The English aliases of Dutch options, shown first in a project that is not Dutch.
ENGLISH_OPTIONS = {"--source", "--build", "--edition", "--day", "--from", "--file", "--fresh",
                   "--out"}  # fmt: skip


class _ArgparseDutch(gettext.NullTranslations):
    """argparse's own strings in Dutch (the rest as they are)."""

    def gettext(self, message: str) -> str:
        return _ARGPARSE_NL.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        pair = _ARGPARSE_NL_PLURAL.get((msgid1, msgid2))
        if pair is None:
            return msgid1 if n == 1 else msgid2
        return pair[0] if n == 1 else pair[1]


#: The translation of the parser running in this context (thread, task), if any.
_SPEAKING: ContextVar[gettext.NullTranslations | None] = ContextVar(
    "alliantie_kb_argparse", default=None
)
#: What argparse used before (gettext's functions): what it keeps using outside our parsers.
_GETTEXT: Callable[[str], str] = argparse._  # type: ignore[attr-defined]
_NGETTEXT: Callable[[str, str, int], str] = argparse.ngettext  # type: ignore[attr-defined]


def _argparse_gettext(message: str) -> str:
    """argparse's ``_``: our parser's translation while it runs, else gettext's."""
    translation = _SPEAKING.get()
    return translation.gettext(message) if translation is not None else _GETTEXT(message)


def _argparse_ngettext(singular: str, plural: str, n: int) -> str:
    """argparse's ``ngettext``: our parser's translation while it runs, else gettext's."""
    translation = _SPEAKING.get()
    if translation is not None:
        return translation.ngettext(singular, plural, n)
    return _NGETTEXT(singular, plural, n)


# argparse looks these module globals up when it formats a message; outside
# our parsers they answer exactly what argparse's own would
argparse._ = _argparse_gettext  # type: ignore[attr-defined]
argparse.ngettext = _argparse_ngettext  # type: ignore[attr-defined]


@contextlib.contextmanager
def _dutch_argparse() -> Iterator[None]:
    """argparse's own strings in Dutch, in a Dutch project, in this context only."""
    token = _SPEAKING.set(_ArgparseDutch() if language.is_dutch() else None)
    try:
        yield
    finally:
        _SPEAKING.reset(token)


class _OneLineParser(argparse.ArgumentParser):
    """An argparse parser whose errors are one line in the project's language, exit status 2."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        with _dutch_argparse():
            super().__init__(*args, **kwargs)

    def parse_args(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        with _dutch_argparse():  # "unrecognized arguments" is said here
            return super().parse_args(*args, **kwargs)

    def parse_known_args(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        with _dutch_argparse(), self._english_first():
            return super().parse_known_args(*args, **kwargs)

    def format_usage(self) -> str:
        with _dutch_argparse(), self._english_first():
            return super().format_usage()

    def format_help(self) -> str:
        with _dutch_argparse(), self._english_first():
            return super().format_help()

    @contextlib.contextmanager
    def _english_first(self) -> Iterator[None]:
        """Outside a Dutch project, show commands and options by their English names."""
        if language.is_dutch():
            yield
            return
        english = {dutch: en for en, dutch in COMMAND_ALIASES.items()}
        saved: list[tuple[object, str, object]] = [(self, "prog", self.prog)]
        *head, last = self.prog.split(" ")
        self.prog = " ".join([*head, english.get(last, last)])
        for action in self._actions:
            names = [n for n in action.option_strings if n in ENGLISH_OPTIONS]
            if names:
                saved += [(action, "option_strings", action.option_strings),
                          (action, "metavar", action.metavar)]  # fmt: skip
                others = [n for n in action.option_strings if n not in names]
                action.option_strings = names + others
                if action.metavar is None:
                    action.metavar = names[0].lstrip("-").upper()
            for choice in getattr(action, "_choices_actions", ()):
                if choice.dest in english:
                    saved.append((choice, "metavar", choice.metavar))
                    choice.metavar = f"{english[choice.dest]} ({choice.dest})"
        try:
            yield
        finally:
            for obj, attr, value in reversed(saved):
                setattr(obj, attr, value)

    def error(self, message: str) -> NoReturn:
        message = " ".join(message.split())
        print(_("%(prog)s: error: %(message)s (see: alliantie-kb --help)")
              % {"prog": self.prog, "message": message}, file=sys.stderr)  # fmt: skip
        sys.exit(2)


def build_parser() -> argparse.ArgumentParser:
    """The full parser; ``--help`` texts speak the command's language (``cli.language``)."""
    parser = _OneLineParser(
        prog="alliantie-kb",
        description=_("Tool for the volunteers of the knowledge base."),
    )
    parser.add_argument(
        "--bron",
        "--source",
        dest="bron",
        type=Path,
        help=_("folder with the pages (default: docs/ next to conf.py, or the folder of conf.py)"),
    )
    parser.add_argument(
        "--conf",
        type=Path,
        help=_("folder with conf.py (default: searched from the current folder upwards)"),
    )
    parser.add_argument(
        "--bouw",
        "--build",
        dest="bouw",
        type=Path,
        help=_("folder for intermediate results (default: _build next to conf.py)"),
    )
    sub = parser.add_subparsers(
        dest="opdracht", required=True, metavar=_("command"), parser_class=_OneLineParser
    )

    new = sub.add_parser(
        "nieuw", aliases=["new"], help=_("make a new object in the right file")
    )
    new.add_argument(
        "soort",
        choices=sorted([*TYPE_NAMES, *EDITION_WORDS]),
        metavar=_("type"),
        help=_(
            "speaker, event, talk, workshop, recommendation, organisation, "
            "or edition (with the year as the name: new edition 2013)"
        ),
    )
    new.add_argument("naam", metavar=_("name"), help=_('name or title, in quotes: "Ada Jansen"'))
    new.add_argument(
        "--editie",
        "--edition",
        dest="editie",
        default=None,
        help=_(
            "year of the edition, four digits (default: that of --day or --from, "
            "else the newest edition in the sources)"
        ),
    )
    new.add_argument("--id", help=_("your own id instead of the suggested one"))
    new.add_argument(
        "--dag", "--day", dest="dag", help=_("id of the Alliance day (for a talk or workshop)")
    )
    new.add_argument(
        "--van",
        "--from",
        dest="van",
        help=_("id of the source: talk, workshop or event (for a recommendation)"),
    )
    new.add_argument(
        "--bestand",
        "--file",
        dest="bestand",
        type=Path,
        help=_("write into this .md file (inside the source folder)"),
    )

    chk = sub.add_parser(
        "controleer",
        aliases=["check"],
        help=_("check the whole knowledge base without making HTML"),
    )
    chk.add_argument(
        "--vers",
        "--fresh",
        dest="vers",
        action="store_true",
        help=_("read everything again (slower; ignores the saved state)"),
    )

    lst = sub.add_parser("lijst", aliases=["list"], help=_("show the ids and names of objects"))
    lst.add_argument(
        "soort",
        nargs="?",
        choices=sorted(TYPE_NAMES),
        metavar=_("type"),
        help=_("only this type (speaker, event, ...)"),
    )

    exp = sub.add_parser("export", help=_("write kb.json (the same as the HTML build does)"))
    exp.add_argument(
        "--uit",
        "--out",
        dest="uit",
        type=Path,
        default=Path("kb.json"),
        help=_(".json file to write, outside the source folder (default: kb.json)"),
    )
    return parser
