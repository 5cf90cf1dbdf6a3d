"""The command line of ``alliantie-kb``: Dutch options with English aliases.

argparse has no Dutch catalogue; its few own strings are mapped here, and a
usage error is one line on stderr (exit status 2) instead of usage + error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn

from ..model import OBJECT_TYPES

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

#: Object types as volunteers name them (Dutch), plus the model's own names.
TYPE_NAMES = {
    "spreker": "speaker",
    "persoon": "speaker",
    "dag": "event",
    "alliantiedag": "event",
    "lezing": "talk",
    "werkgroep": "workshop",
    "aanbeveling": "recommendation",
    "organisatie": "organisation",
    **{name: name for name in OBJECT_TYPES},
}
#: The Dutch word for each type, in messages.
DUTCH_TYPE = {
    "speaker": "spreker",
    "event": "dag",
    "talk": "lezing",
    "workshop": "werkgroep",
    "recommendation": "aanbeveling",
    "organisation": "organisatie",
}
#: ``nieuw editie 2013``: a whole new edition rather than one object.
EDITION_WORDS = ("editie", "edition")
#: English command names and their Dutch originals.
COMMAND_ALIASES = {"new": "nieuw", "check": "controleer", "list": "lijst"}


def _dutch_argparse() -> None:
    argparse._ = lambda text: _ARGPARSE_NL.get(text, text)  # type: ignore[attr-defined]


class _OneLineParser(argparse.ArgumentParser):
    """An argparse parser whose errors are one Dutch line, exit status 2."""

    def error(self, message: str) -> NoReturn:
        message = " ".join(message.split())
        print(f"{self.prog}: fout: {message} (zie: alliantie-kb --help)", file=sys.stderr)
        sys.exit(2)


def build_parser() -> argparse.ArgumentParser:
    """The full parser; ``--help`` texts are Dutch."""
    _dutch_argparse()
    parser = _OneLineParser(
        prog="alliantie-kb",
        description="Hulpmiddel voor vrijwilligers van de kennisbank Alliantiedagen.",
    )
    parser.add_argument(
        "--bron",
        "--source",
        dest="bron",
        type=Path,
        help="map met de pagina's (standaard: docs/ naast conf.py, of de map van conf.py)",
    )
    parser.add_argument(
        "--conf",
        type=Path,
        help="map met conf.py (standaard: gezocht vanaf de huidige map en erboven)",
    )
    parser.add_argument(
        "--bouw",
        "--build",
        dest="bouw",
        type=Path,
        help="map voor tussenresultaten (standaard: _build naast conf.py)",
    )
    sub = parser.add_subparsers(
        dest="opdracht", required=True, metavar="opdracht", parser_class=_OneLineParser
    )

    new = sub.add_parser(
        "nieuw", aliases=["new"], help="maak een nieuw object aan in het juiste bestand"
    )
    new.add_argument(
        "soort",
        choices=sorted([*TYPE_NAMES, *EDITION_WORDS]),
        metavar="soort",
        help="spreker, dag, lezing, werkgroep, aanbeveling, organisatie, "
        "of editie (met het jaar als naam: nieuw editie 2013)",
    )
    new.add_argument("naam", help='naam of titel, tussen aanhalingstekens: "René Gabriëls"')
    new.add_argument(
        "--editie",
        "--edition",
        dest="editie",
        default=None,
        help="jaar van de editie, vier cijfers (standaard: die van --dag of --van, "
        "anders de nieuwste editie in de bronnen)",
    )
    new.add_argument("--id", help="eigen id in plaats van de voorgestelde")
    new.add_argument(
        "--dag", "--day", dest="dag", help="id van de Alliantiedag (bij een lezing of werkgroep)"
    )
    new.add_argument(
        "--van",
        "--from",
        dest="van",
        help="id van de bron: lezing, werkgroep of dag (bij een aanbeveling)",
    )
    new.add_argument(
        "--bestand",
        "--file",
        dest="bestand",
        type=Path,
        help="schrijf in dit .md-bestand (binnen de bronmap)",
    )

    chk = sub.add_parser(
        "controleer", aliases=["check"], help="controleer de hele kennisbank zonder HTML te maken"
    )
    chk.add_argument(
        "--vers",
        "--fresh",
        dest="vers",
        action="store_true",
        help="alles opnieuw inlezen (langzamer; negeert de opgeslagen stand)",
    )

    lst = sub.add_parser("lijst", aliases=["list"], help="toon de ids en namen van objecten")
    lst.add_argument(
        "soort",
        nargs="?",
        choices=sorted(TYPE_NAMES),
        metavar="soort",
        help="alleen deze soort (spreker, dag, ...)",
    )

    exp = sub.add_parser("export", help="schrijf kb.json (dezelfde als bij de HTML-bouw)")
    exp.add_argument(
        "--uit",
        "--out",
        dest="uit",
        type=Path,
        default=Path("kb.json"),
        help=".json-bestand om te schrijven, buiten de bronmap (standaard: kb.json)",
    )
    return parser
