"""The language the command speaks: the project's ``language`` from its conf.py.

Until a project is found (and when its conf.py cannot be read) that is Dutch,
the product's default. ``in_project_language`` wraps the command: it starts
in Dutch, lets the command switch with ``use`` once it knows the project, and
afterwards puts the extension's catalogue back as it was, so that a command
run in-process does not change the language of a later Sphinx build.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sphinx import locale

from ..i18n import CATALOG, LOCALE_DIR, _
from .errors import CliError

#: The product's default, for everything said before a project is found.
DEFAULT = "nl"
_KEY = ("general", CATALOG)
_current = DEFAULT

F = TypeVar("F", bound=Callable[..., Any])


def current() -> str:
    """The language the command speaks now."""
    return _current


def is_dutch(language: str | None = None) -> bool:
    """True for ``nl``, ``nl_NL``, ``nl-BE``, ... (the catalogue gettext would pick)."""
    code = (language if language is not None else _current) or ""
    return code.replace("-", "_").split("_")[0].lower() == "nl"


def use(language: str) -> None:
    """Speak ``language`` from now on (a language without catalogue: English)."""
    global _current
    locale.translators.pop(_KEY, None)  # init() would only add a fallback to it
    locale.init([str(LOCALE_DIR)], language, CATALOG)
    _current = language


def in_project_language(func: F) -> F:
    """Run ``func`` in Dutch until it calls ``use``; restore the catalogue after."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        global _current
        saved, language = locale.translators.get(_KEY), _current
        use(DEFAULT)
        try:
            return func(*args, **kwargs)
        finally:
            _current = language
            if saved is None:
                locale.translators.pop(_KEY, None)
            else:
                locale.translators[_KEY] = saved

    return wrapper  # type: ignore[return-value]


def of_conf(conf: Path) -> str:
    """The ``language`` of ``conf/conf.py`` (run as Sphinx runs it), else the default."""
    from sphinx.config import eval_config_file
    from sphinx.util.tags import Tags

    try:
        with contextlib.redirect_stdout(io.StringIO()):  # conf.py may print
            namespace = eval_config_file(conf / "conf.py", Tags())
    except Exception:  # the command itself reports a broken conf.py, when it runs Sphinx
        return DEFAULT
    language = namespace.get("language")
    return language if isinstance(language, str) and language else "en"  # Sphinx's default


class _Refused(Exception):
    pass


class _QuietParser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:
        raise _Refused(message)


def of_arguments(argv: list[str], cwd: Path, commands: set[str]) -> str:
    """The language of the project the command line points at (``--conf``,
    ``--bron``, or the current folder), before the command line is parsed in
    full: ``--help`` and usage errors speak it too. Dutch if there is none."""
    head = []
    for arg in argv:
        if arg in commands:
            break
        head.append(arg)
    finder = _QuietParser(add_help=False, allow_abbrev=False)
    finder.add_argument("--bron", "--source", dest="bron", type=Path)
    finder.add_argument("--conf", type=Path)
    finder.add_argument("--bouw", "--build", dest="bouw", type=Path)
    from .paths import find_project  # paths shows options with option_word

    try:
        known, _rest = finder.parse_known_args(head)
        project = find_project(cwd, conf=known.conf, bron=known.bron, bouw=known.bouw)
    except (_Refused, CliError, OSError, ValueError):
        return DEFAULT
    return of_conf(project.conf)


def option_word(option: str) -> str:
    """A Dutch option as the volunteer would type it in the command's language."""
    words = {
        "--bron": _("--source"),
        "--bouw": _("--build"),
        "--editie": _("--edition"),
        "--dag": _("--day"),
        "--van": _("--from"),
        "--bestand": _("--file"),
        "--vers": _("--fresh"),
        "--uit": _("--out"),
        "pad": _("path"),
    }
    return words.get(option, option)
