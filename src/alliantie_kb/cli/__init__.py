"""``alliantie-kb``: the volunteers' command (Dutch, with English aliases).

    alliantie-kb nieuw spreker "Jan de Vries"        new object, in the right file
    alliantie-kb controleer                          check everything, no HTML
    alliantie-kb lijst spreker                       ids and names to refer to
    alliantie-kb export                              write kb.json

It finds the project from where it runs (``paths``), writes all or nothing
(``files``) and only inside the sources, and ends every failure with one
Dutch line and a non-zero exit status: 1 for a refusal, 2 for a usage error
or a bug (with "meld dit als fout"), 130 for Ctrl-C. Never a traceback.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

from .check import Problem, check, problems_from, sphinx_run
from .errors import CliError, show
from .files import write_one
from .parser import COMMAND_ALIASES, DUTCH_TYPE, EDITION_WORDS, TYPE_NAMES, build_parser
from .paths import find_project, output_path
from .scaffold import Defined, defined_objects, new_edition, new_object

__all__ = [
    "CliError",
    "Defined",
    "Problem",
    "build_parser",
    "check",
    "defined_objects",
    "main",
    "new_object",
    "problems_from",
]

_OS_ERRORS = {
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de schijfruimte (quota) is op",
    errno.EACCES: "geen toestemming om te schrijven",
    errno.EPERM: "geen toestemming om te schrijven",
    errno.EROFS: "de schijf is alleen-lezen",
    errno.ENOENT: "een map of bestand bestaat niet",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.ENAMETOOLONG: "de bestandsnaam is te lang",
}


def _relative(path: Path) -> str:
    try:
        return os.path.relpath(path, os.path.realpath(Path.cwd()))
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


def _new_edition(src: Path, args) -> int:
    """``nieuw editie 2013``: the edition's page, its landing-page entry and its book."""
    for option, value in (("--id", args.id), ("--dag", args.dag), ("--van", args.van),
                          ("--bestand", args.bestand)):  # fmt: skip
        if value is not None:
            raise CliError(
                f"{option} hoort niet bij een nieuwe editie; geef alleen het jaar: "
                "alliantie-kb nieuw editie 2013"
            )
    if args.editie is not None and args.editie != args.naam:
        raise CliError(
            f"--editie {show(args.editie)} past niet bij editie {show(args.naam)}; "
            "laat --editie weg: alliantie-kb nieuw editie 2013"
        )
    made = new_edition(src, args.naam)
    print(f"Nieuwe editie {args.naam}: " + ", ".join(_relative(p) for p in made))
    print(
        f'Voeg nu de dagen toe, bijvoorbeeld: alliantie-kb nieuw dag "Plaats" --editie {args.naam}'
    )
    return 0


def _run(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    command = COMMAND_ALIASES.get(args.opdracht, args.opdracht)
    cwd = Path.cwd()
    project = find_project(cwd, conf=args.conf, bron=args.bron, bouw=args.bouw)
    if command == "nieuw" and args.soort in EDITION_WORDS:
        return _new_edition(project.src, args)
    if command == "nieuw":
        objid, path = new_object(
            project.src,
            args.soort,
            args.naam,
            edition=args.editie,
            objid=args.id,
            day=args.dag,
            source=args.van,
            target=args.bestand,
        )
        print(f"Nieuw: {DUTCH_TYPE[TYPE_NAMES[args.soort]]} {objid!r} in {_relative(path)}")
        print("Vul de opties en de beschrijving aan en draai daarna: alliantie-kb controleer")
        return 0
    if command == "controleer":
        found = check(project.src, project.conf, project.build, fresh=args.vers)
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
        app, _warnings = sphinx_run(project.src, project.conf, project.build)
        domain = app.env.domains["kb"]
        wanted = TYPE_NAMES[args.soort] if args.soort else None
        for rec in sorted(domain.records(wanted), key=lambda r: (r["type"], r["id"])):
            print(f"{DUTCH_TYPE[rec['type']]:<12} {rec['id']:<45} {rec['title']}")
        return 0
    # export (argparse allows no other command)
    from ..export import dumps, export_data

    target = output_path(project, args.uit, cwd)
    app, _warnings = sphinx_run(project.src, project.conf, project.build)
    write_one(target, dumps(export_data(app)))
    print(f"Geschreven: {_relative(target)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command; every failure is one Dutch line on stderr."""
    try:
        return _run(argv)
    except CliError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        print("Onderbroken (Ctrl-C); geen bestand is half geschreven.", file=sys.stderr)
        return 130
    except OSError as exc:
        reason = _OS_ERRORS.get(exc.errno or 0, exc.strerror or type(exc).__name__)
        where = f" ({_relative(Path(exc.filename))})" if exc.filename else ""
        print(f"Fout: schrijven of lezen mislukt{where}: {reason}; er is niets veranderd.",
              file=sys.stderr)  # fmt: skip
        return 1
    except SystemExit:
        raise
    except Exception as exc:
        from sphinx.errors import SphinxError

        if isinstance(exc, SphinxError):
            first = (str(exc).strip().splitlines() or [""])[0][:160]
            print(f"Fout: Sphinx kon de kennisbank niet lezen ({exc.category}): {first}",
                  file=sys.stderr)  # fmt: skip
            return 1
        print(
            f"Interne fout ({type(exc).__name__}) in alliantie-kb; meld dit als fout, "
            "met het commando dat u gaf.",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
