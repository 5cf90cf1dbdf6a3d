"""``controleer``, ``lijst`` and ``export``: Sphinx runs without HTML.

``controleer`` runs Sphinx's ``dummy`` builder on a cached environment in
``_build/controleer`` (so it only re-reads what changed) with
``kb_replay_warnings``, and prints every problem as ``file:line: message``.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_WARNING = re.compile(
    r"^(?P<path>.*?):(?P<line>\d+)?:? ?(?P<level>WARNING|ERROR|CRITICAL): (?P<msg>.*?)"
    r"(?: \[(?P<type>[\w.]+)\])?$"
)
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass
class Problem:
    """One warning of the check, shown as ``file:line: message (hint)``."""

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


def sphinx_run(src: Path, conf: Path, build: Path, *, fresh: bool = False) -> tuple[Any, str]:
    """Read the whole knowledge base with the ``dummy`` builder; (app, warnings)."""
    from sphinx.application import Sphinx

    warnings = io.StringIO()
    out = build / "controleer"
    # extensions may print while loading (sphinxext-opengraph does); keep the
    # volunteer's screen for the problems themselves
    with contextlib.redirect_stdout(io.StringIO()):
        app = Sphinx(
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
    # Sphinx checks consistency (toctrees, duplicate ids, editions, circles)
    # only when it re-read something; a check with nothing changed must still
    # report those problems
    checked: list[bool] = []
    app.connect("env-check-consistency", lambda app, env: checked.append(True))
    app.build()
    if not checked:
        app.env.check_consistency()
    return app, warnings.getvalue()


def problems_from(warnings: str, cwd: Path) -> list[Problem]:
    """The warnings of a Sphinx run as problems, paths relative to ``cwd``."""
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
    """Every problem of the knowledge base, sorted by file and line."""
    _app, warnings = sphinx_run(src, conf, build, fresh=fresh)
    return sorted(problems_from(warnings, Path.cwd()), key=lambda p: (p.path, p.line or 0))
