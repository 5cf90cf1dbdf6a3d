"""``alliantie-kb``: the volunteers' command (Dutch, with English aliases).

    alliantie-kb nieuw spreker "Jan de Vries"        new object, in the right file
    alliantie-kb controleer                          check everything, no HTML
    alliantie-kb lijst spreker                       ids and names to refer to
    alliantie-kb export                              write kb.json

It finds the project from where it runs (``paths``), speaks the project's
``language`` (``language``; Dutch until it has found the project), writes all
or nothing (``files``) and only inside the sources, and ends every failure
with one line and a non-zero exit status: 1 for a refusal, 2 for a usage
error or a bug (with "meld dit als fout"), 130 for Ctrl-C. Never a traceback.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from pathlib import Path

from ..i18n import N_, _, ngettext
from . import language
from .check import Problem, check, problem_of, sphinx_run
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
    "problem_of",
]

_OS_ERRORS = {
    errno.ENOSPC: N_("the disk is full"),
    errno.EDQUOT: N_("the disk quota is used up"),
    errno.EACCES: N_("no permission to write"),
    errno.EPERM: N_("no permission to write"),
    errno.EROFS: N_("the disk is read-only"),
    errno.ENOENT: N_("a folder or file does not exist"),
    errno.ENOTDIR: N_("part of the path is not a folder"),
    errno.ENAMETOOLONG: N_("the file name is too long"),
}


def _relative(path: Path) -> str:
    try:
        return os.path.relpath(path, os.path.realpath(Path.cwd()))
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


def _new_edition(src: Path, args: argparse.Namespace) -> int:
    """``nieuw editie 2013``: the edition's page, its landing-page entry and its book."""
    for option, value in (("--id", args.id), ("--dag", args.dag), ("--van", args.van),
                          ("--bestand", args.bestand)):  # fmt: skip
        if value is not None:
            raise CliError(
                _("%s does not go with a new edition; give only the year: %s")
                % (language.option_word(option), _("alliantie-kb new edition 2013"))
            )
    if args.editie is not None and args.editie != args.naam:
        raise CliError(
            _("%s %s does not match edition %s; leave %s out: %s")
            % (
                language.option_word("--editie"),
                show(args.editie),
                show(args.naam),
                language.option_word("--editie"),
                _("alliantie-kb new edition 2013"),
            )
        )
    made = new_edition(src, args.naam)
    print(_("New edition %s: ") % args.naam + ", ".join(_relative(p) for p in made))
    print(_('Now add its days, for example: alliantie-kb new day "Place" --edition %s') % args.naam)
    return 0


def _run(argv: list[str] | None) -> int:
    commands = {*COMMAND_ALIASES, *COMMAND_ALIASES.values(), "export"}
    given = sys.argv[1:] if argv is None else argv
    language.use(language.of_arguments(given, Path.cwd(), commands))
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
        print(
            _("New: %(type)s %(id)r in %(path)s")
            % {"type": DUTCH_TYPE[TYPE_NAMES[args.soort]], "id": objid, "path": _relative(path)}
        )
        print(_("Fill in the options and the description, then run: alliantie-kb check"))
        return 0
    if command == "controleer":
        found = check(project.src, project.conf, project.build, fresh=args.vers)
        for problem in found:
            print(problem)
        if found:
            print(
                ngettext("%(count)d problem found.", "%(count)d problems found.", len(found))
                % {"count": len(found)},
                file=sys.stderr,
            )
            return 1
        print(_("No problems found."))
        return 0
    if command == "lijst":
        from ..domain import kb_domain

        app = sphinx_run(project.src, project.conf, project.build)
        domain = kb_domain(app.env)
        wanted = TYPE_NAMES[args.soort] if args.soort else None
        for rec in sorted(domain.records(wanted), key=lambda r: (r.type, r.id)):
            print(f"{DUTCH_TYPE[rec.type]:<12} {rec.id:<45} {rec.title}")
        return 0
    # export (argparse allows no other command)
    from ..export import dumps, export_data

    target = output_path(project, args.uit, cwd)
    app = sphinx_run(project.src, project.conf, project.build)
    write_one(target, dumps(export_data(app)))
    print(_("Written: %s") % _relative(target))
    return 0


@language.in_project_language
def main(argv: list[str] | None = None) -> int:
    """Run the command; every failure is one line on stderr, in the project's language."""
    try:
        return _run(argv)
    except CliError as exc:
        print(_("Error: %s") % exc, file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        print(_("Interrupted (Ctrl-C); no file is half written."), file=sys.stderr)
        return 130
    except OSError as exc:
        known = _OS_ERRORS.get(exc.errno or 0)
        reason = _(known) if known else exc.strerror or type(exc).__name__
        where = f" ({_relative(Path(exc.filename))})" if exc.filename else ""
        print(_("Error: writing or reading failed%(where)s: %(reason)s; nothing was changed.")
              % {"where": where, "reason": reason}, file=sys.stderr)  # fmt: skip
        return 1
    except SystemExit:
        raise
    except Exception as exc:
        from sphinx.errors import SphinxError

        if isinstance(exc, SphinxError):
            first = (str(exc).strip().splitlines() or [""])[0][:160]
            print(_("Error: Sphinx could not read the knowledge base (%(category)s): %(first)s")
                  % {"category": exc.category, "first": first}, file=sys.stderr)  # fmt: skip
            return 1
        print(
            _(
                "Internal error (%s) in alliantie-kb; please report it as a bug, "
                "with the command you gave."
            )
            % type(exc).__name__,
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
