from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent

WARNING_RE = re.compile(
    r"^(?P<path>[^\n]*?):(?P<line>\d+): WARNING: (?P<msg>.*?) \[(?P<type>[\w.]+)\]$", re.M
)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")


def parse_warnings(text: str) -> list[dict[str, str]]:
    """Structured view of Sphinx's warning stream (``file:line: WARNING: msg [type]``)."""
    return [m.groupdict() for m in WARNING_RE.finditer(ANSI_RE.sub("", text))]


def all_warning_lines(text: str) -> list[str]:
    lines = ANSI_RE.sub("", text).splitlines()
    return [line for line in lines if "WARNING" in line or "ERROR" in line]


def copy_root(name: str, dest: Path) -> Path:
    """A private copy of ``tests/roots/test-<name>`` (tests may edit it)."""
    import shutil

    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(ROOTS / f"test-{name}", dest)
    return dest


def build(srcdir: Path, buildername: str = "html", **kwargs):
    """Build ``srcdir`` with a real Sphinx application and return the app.

    Warnings are collected in ``app.warning`` (a StringIO)."""
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp(buildername, srcdir=srcdir, status=StringIO(), warning=StringIO(), **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app
