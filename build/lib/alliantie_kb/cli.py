"""``alliantie-kb``: the volunteers' command (Dutch, with English aliases).

    alliantie-kb nieuw spreker "Jan de Vries"        new object, in the right file
    alliantie-kb controleer                          check everything, no HTML
    alliantie-kb lijst spreker                       ids and names to refer to
    alliantie-kb export                              write kb.json

``controleer`` runs Sphinx's ``dummy`` builder on a cached environment in
``_build/controleer`` (so it only re-reads what changed) with
``kb_replay_warnings``, and prints every problem as ``file:line: message``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .model import OBJECT_TYPES
from .validation import suggest_id

# -- Dutch argparse ------------------------------------------------------------

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
}


def _dutch_argparse() -> None:
    """argparse has no Dutch catalogue; its few own strings are mapped here."""
    argparse._ = lambda text: _ARGPARSE_NL.get(text, text)  # type: ignore[attr-defined]


# -- object types as volunteers name them ----------------------------------------

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
DUTCH_TYPE = {
    "speaker": "spreker",
    "event": "dag",
    "talk": "lezing",
    "workshop": "werkgroep",
    "recommendation": "aanbeveling",
    "organisation": "organisatie",
}
_DIRECTIVE = re.compile(
    r"^(?P<fence>`{3,}|:{3,})\{(?:kb:)?(?P<type>"
    + "|".join(OBJECT_TYPES)
    + r")\}[ \t]+(?P<id>\S+)",
    re.M,
)


_DAY_PREFIX = re.compile(r"^alliantiedag\s+", re.IGNORECASE)


class CliError(Exception):
    """A refusal with a Dutch explanation (exit status 1)."""


@dataclass
class Defined:
    id: str
    type: str
    path: Path
    line: int


def defined_objects(src: Path) -> dict[str, Defined]:
    """Every object directive in the sources, found without running Sphinx."""
    found: dict[str, Defined] = {}
    for path in sorted(src.rglob("*.md")):
        if any(part.startswith(("_", ".")) for part in path.relative_to(src).parts):
            continue
        text = path.read_text("utf-8")
        for m in _DIRECTIVE.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            found.setdefault(m["id"], Defined(m["id"], m["type"], path, line))
    return found


# -- nieuw -----------------------------------------------------------------------


def _slug(text: str, words: int = 8) -> str:
    return "-".join(suggest_id(text).split("-")[:words])


def _block(objtype: str, objid: str, options: list[tuple[str, str]], heading: str | None) -> str:
    lines = [f"```{{{objtype}}} {objid}"]
    lines += [f":{name}: {value}" for name, value in options if value]
    lines += [
        "",
        "% Vervang deze regel door een beschrijving in eigen woorden, met de bron erbij.",
        "```",
    ]
    text = "\n".join(lines) + "\n"
    return f"## {heading}\n\n{text}" if heading else text


def _add_to_toctree(index: Path, entry: str) -> None:
    """Add ``entry`` to the first toctree of ``index`` (before its closing fence)."""
    text = index.read_text("utf-8")
    m = re.search(
        r"^(?P<fence>`{3,}|:{3,})\{toctree\}[^\n]*\n(?P<body>.*?)^(?P=fence)[ \t]*$",
        text,
        re.M | re.S,
    )
    if m is None:
        text = text.rstrip() + f"\n\n```{{toctree}}\n:hidden:\n\n{entry}\n```\n"
    elif entry not in m["body"].split():
        end = m.start() + len(m.group(0)) - len(m["fence"])
        text = text[:end] + f"{entry}\n" + text[end:].lstrip(" \t")
    index.write_text(text, encoding="utf-8")


def _ensure_page(path: Path, title: str, index: Path, intro: str = "") -> None:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {title}\n\n{intro}", encoding="utf-8")
        _ensure_edition_index(index)
        _add_to_toctree(index, path.stem)


def _ensure_edition_index(index: Path) -> None:
    if index.exists():
        return
    year = index.parent.name
    index.parent.mkdir(parents=True, exist_ok=True)
    index.write_text(
        f"# Alliantiedagen {year}\n\n```{{toctree}}\n:maxdepth: 1\n\n```\n", encoding="utf-8"
    )
    root = index.parent.parent / "index.md"
    if root.exists():
        _add_to_toctree(root, f"{year}/index")


def new_object(
    src: Path,
    kind: str,
    name: str,
    *,
    edition: str,
    objid: str | None,
    day: str | None,
    source: str | None,
    target: Path | None,
) -> tuple[str, Path]:
    objtype = TYPE_NAMES[kind]
    defined = defined_objects(src)
    if objtype in ("speaker", "organisation"):
        base = _slug(name)
    else:
        bare = _DAY_PREFIX.sub("", name)
        base = f"{edition}-{_slug(bare)}"
    objid = objid or base
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", objid):
        raise CliError(f"ongeldige id {objid!r}; gebruik kleine letters, cijfers en koppeltekens")
    if objid in defined:
        d = defined[objid]
        raise CliError(
            f"de id {objid!r} bestaat al ({DUTCH_TYPE[d.type]} in {d.path}:{d.line}); "
            "kies een andere met --id"
        )
    title_field = OBJECT_TYPES[objtype].title_field
    options: list[tuple[str, str]] = []
    heading: str | None = None
    edition_dir = src / edition
    edition_index = edition_dir / "index.md"
    if objtype == "speaker":
        path = target or src / "personen" / f"{objid}.md"
        options = [("name", name), ("role", ""), ("affiliation", "")]
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"# {name}\n\n", encoding="utf-8")
            _add_to_toctree(src / "personen" / "index.md", objid)
    elif objtype == "organisation":
        path = target or src / "organisaties.md"
        options = [("name", name)]
    elif objtype == "event":
        title = name if name.lower().startswith("alliantiedag") else f"Alliantiedag {name}"
        path = target or edition_dir / f"{objid.removeprefix(edition + '-')}.md"
        options = [(title_field, title), ("edition", edition)]
        if not path.exists():
            _ensure_edition_index(edition_index)
            path.write_text(f"# {title}\n\n", encoding="utf-8")
            _add_to_toctree(edition_index, path.stem)
        name = title
    else:
        options = [(title_field, name)]
        if objtype == "talk":
            options.append(("speakers", ""))
        anchor = day if objtype in ("talk", "workshop") else source
        if anchor:
            if anchor not in defined:
                raise CliError(f"onbekende id {anchor!r}; zoek de juiste met: alliantie-kb lijst")
            options.append(("event" if objtype != "recommendation" else "source", anchor))
        options.append(("edition", edition))
        heading = name
        if target:
            path = target
        elif anchor:
            path = defined[anchor].path
        else:
            page = {
                "talk": "lezingen",
                "workshop": "werkgroepen",
                "recommendation": "aanbevelingen",
            }[objtype]
            path = edition_dir / f"{page}.md"
            _ensure_page(path, f"{page.capitalize()} {edition}", edition_index)
    block = _block(objtype, objid, options, heading)
    if path.exists() and path.read_text("utf-8").strip():
        existing = path.read_text("utf-8").rstrip("\n")
        path.write_text(existing + "\n\n" + block, encoding="utf-8")
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(block, encoding="utf-8")
    return objid, path


# -- controleer / lijst / export ----------------------------------------------------

_WARNING = re.compile(
    r"^(?P<path>.*?):(?P<line>\d+)?:? ?(?P<level>WARNING|ERROR|CRITICAL): (?P<msg>.*?)"
    r"(?: \[(?P<type>[\w.]+)\])?$"
)


@dataclass
class Problem:
    path: str
    line: int | None
    message: str
    type: str | None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        message = self.message
        if self.type and self.type.startswith("kb") and "; " in message:
            head, hint = message.rsplit("; ", 1)
            message = f"{head} ({hint})"
        return f"{where}: {message}"


def _sphinx(src: Path, conf: Path, build: Path, *, fresh: bool = False):
    from sphinx.application import Sphinx

    warnings = io.StringIO()
    out = build / "controleer"
    # extensions may print while loading (sphinxext-opengraph does); keep the
    # volunteer's screen for the problems themselves
    with contextlib.redirect_stdout(io.StringIO()):
        app = _new_app(Sphinx, src, conf, out, warnings, fresh)
    app.build()
    return app, warnings.getvalue()


def _new_app(Sphinx, src: Path, conf: Path, out: Path, warnings, fresh: bool):  # noqa: N803
    return Sphinx(
        str(src),
        str(conf),
        str(out),
        str(out / ".doctrees"),
        "dummy",
        confoverrides={"kb_replay_warnings": True, "kb_pagefind": False, "nitpicky": True},
        status=None,
        warning=warnings,
        freshenv=fresh,
    )


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def problems_from(warnings: str, cwd: Path) -> list[Problem]:
    found = []
    for raw in _ANSI.sub("", warnings).splitlines():
        m = _WARNING.match(raw.strip())
        if not m:
            continue
        path = m["path"]
        try:
            path = os.path.relpath(path, cwd)
        except ValueError:
            pass
        found.append(Problem(path, int(m["line"]) if m["line"] else None, m["msg"], m["type"]))
    return found


def check(src: Path, conf: Path, build: Path, *, fresh: bool = False) -> list[Problem]:
    _app, warnings = _sphinx(src, conf, build, fresh=fresh)
    return sorted(problems_from(warnings, Path.cwd()), key=lambda p: (p.path, p.line or 0))


# -- the command -----------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    _dutch_argparse()
    parser = argparse.ArgumentParser(
        prog="alliantie-kb",
        description="Hulpmiddel voor vrijwilligers van de kennisbank Alliantiedagen.",
    )
    parser.add_argument(
        "--bron", type=Path, default=Path("docs"), help="map met de pagina's (standaard: docs)"
    )
    parser.add_argument(
        "--conf", type=Path, default=Path("."), help="map met conf.py (standaard: .)"
    )
    parser.add_argument(
        "--bouw",
        type=Path,
        default=Path("_build"),
        help="map voor tussenresultaten (standaard: _build)",
    )
    sub = parser.add_subparsers(dest="opdracht", required=True, metavar="opdracht")

    new = sub.add_parser(
        "nieuw", aliases=["new"], help="maak een nieuw object aan in het juiste bestand"
    )
    new.add_argument(
        "soort",
        choices=sorted(TYPE_NAMES),
        metavar="soort",
        help="spreker, dag, lezing, werkgroep, aanbeveling of organisatie",
    )
    new.add_argument("naam", help='naam of titel, tussen aanhalingstekens: "René Gabriëls"')
    new.add_argument("--editie", default="2012", help="jaar van de editie (standaard: 2012)")
    new.add_argument("--id", help="eigen id in plaats van de voorgestelde")
    new.add_argument("--dag", help="id van de Alliantiedag (bij een lezing of werkgroep)")
    new.add_argument("--van", dest="van", help="id van de bron (bij een aanbeveling)")
    new.add_argument("--bestand", type=Path, help="schrijf in dit bestand")

    chk = sub.add_parser(
        "controleer", aliases=["check"], help="controleer de hele kennisbank zonder HTML te maken"
    )
    chk.add_argument(
        "--vers",
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
        type=Path,
        default=Path("kb.json"),
        help="bestand om te schrijven (standaard: kb.json)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = {"new": "nieuw", "check": "controleer", "list": "lijst"}.get(
        args.opdracht, args.opdracht
    )
    try:
        if command == "nieuw":
            objid, path = new_object(
                args.bron,
                args.soort,
                args.naam,
                edition=args.editie,
                objid=args.id,
                day=args.dag,
                source=args.van,
                target=args.bestand,
            )
            print(f"Nieuw: {DUTCH_TYPE[TYPE_NAMES[args.soort]]} {objid!r} in {path}")
            print("Vul de opties en de beschrijving aan en draai daarna: alliantie-kb controleer")
            return 0
        if command == "controleer":
            found = check(args.bron, args.conf, args.bouw, fresh=args.vers)
            for problem in found:
                print(problem)
            if found:
                print(
                    f"{len(found)} probleem gevonden."
                    if len(found) == 1
                    else f"{len(found)} problemen gevonden.",
                    file=sys.stderr,
                )
                return 1
            print("Geen problemen gevonden.")
            return 0
        if command == "lijst":
            app, _warnings = _sphinx(args.bron, args.conf, args.bouw)
            domain = app.env.domains["kb"]
            wanted = TYPE_NAMES[args.soort] if args.soort else None
            for rec in sorted(domain.records(wanted), key=lambda r: (r["type"], r["id"])):
                print(f"{DUTCH_TYPE[rec['type']]:<12} {rec['id']:<45} {rec['title']}")
            return 0
        if command == "export":
            from .export import dumps, export_data

            app, _warnings = _sphinx(args.bron, args.conf, args.bouw)
            args.uit.write_text(dumps(export_data(app)), encoding="utf-8")
            print(f"Geschreven: {args.uit}")
            return 0
    except CliError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 1
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
