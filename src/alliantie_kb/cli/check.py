"""``controleer``, ``lijst`` and ``export``: Sphinx runs without HTML.

``controleer`` runs Sphinx's ``dummy`` builder on a cached environment in
``_build/controleer`` (so it only re-reads what changed) with
``kb_replay_warnings``, and prints every problem as ``file:line: message``.
The problems are the build's warning records (``recorder.py``), not its
console text.
"""

from __future__ import annotations

import contextlib
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..recorder import WarningRecord, records

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


@dataclass
class Problem:
    """One warning of the check, shown as ``file:line: message (hint)``."""

    path: str
    line: int | None
    message: str
    type: str | None
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        message, hint = self.message, self.hint
        if hint is None and self.type and self.type.startswith("kb") and "; " in message:
            # a kb message whose hint is still glued to it (not given as data)
            message, hint = message.rsplit("; ", 1)
        if hint:
            message = f"{message} ({hint})"
        return f"{where}: {message}" if where else message


def problem_of(record: WarningRecord, cwd: Path) -> Problem:
    """A warning record as a problem: its first line, its path relative to ``cwd``."""
    path = record.path or ""
    if path:
        with contextlib.suppress(ValueError):  # another drive on Windows
            path = os.path.relpath(path, cwd)
    message = (record.message.splitlines() or [""])[0]
    return Problem(path, record.line, message, record.label or None, record.hint)


def sphinx_run(src: Path, conf: Path, build: Path, *, fresh: bool = False) -> Sphinx:
    """Read the whole knowledge base with the ``dummy`` builder; the app, whose
    warnings are in ``recorder.records(app)``."""
    from sphinx.application import Sphinx

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
            warning=io.StringIO(),
            freshenv=fresh,
        )
    # Sphinx checks consistency (toctrees, duplicate ids, editions, circles)
    # only when it re-read something; a check with nothing changed must still
    # report those problems
    checked: list[bool] = []

    def note_checked(app: Sphinx, env: BuildEnvironment) -> None:
        checked.append(True)

    app.connect("env-check-consistency", note_checked)
    app.build()
    if not checked:
        app.env.check_consistency()
    return app


def check(src: Path, conf: Path, build: Path, *, fresh: bool = False) -> list[Problem]:
    """Every problem in a file of the knowledge base, sorted by file and line
    (warnings without a place, such as Sphinx's about its own set-up, are not
    the volunteer's to fix and are left out, as they always were)."""
    app = sphinx_run(src, conf, build, fresh=fresh)
    cwd = Path.cwd()
    found = [problem_of(record, cwd) for record in records(app) if record.path]
    return sorted(found, key=lambda p: (p.path, p.line or 0))
