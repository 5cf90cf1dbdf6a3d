"""Another organisation adopts the extension by following the README alone.

The test reads the README's "Use it in your own project" section and does
exactly what it says, in a fresh ``sphinx-quickstart`` project (English, the
default theme): every shell command, the lines for ``conf.py``, the page and
the toctree. The build must be clean under ``-W -n`` and ``alliantie-kb
check`` must find nothing.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

BIN = Path(sys.executable).parent
FENCE = re.compile(r"^(?P<fence>`{3,})(?P<info>\w*)\n(?P<body>.*?)^(?P=fence)$", re.M | re.S)


def section(title: str) -> str:
    """The README's section ``## title``, up to the next such heading outside a fence."""
    lines = (REPO / "README.md").read_text("utf-8").splitlines(keepends=True)
    start = lines.index(f"## {title}\n")
    fence = ""
    for end in range(start + 1, len(lines)):
        line = lines[end]
        opener = re.match(r"^(`{3,})", line)
        if opener and not fence:
            fence = opener.group(1)
        elif fence and line.rstrip() == fence:
            fence = ""
        elif not fence and line.startswith("## "):
            return "".join(lines[start:end])
    return "".join(lines[start:])


def blocks() -> list[tuple[str, str]]:
    return [(m["info"], m["body"]) for m in FENCE.finditer(section("Use it in your own project"))]


def run(line: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    argv = shlex.split(line)
    tool = BIN / argv[0]
    assert tool.exists(), f"README runs {argv[0]}, which the package does not install"
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run([str(tool), *argv[1:]], cwd=cwd, capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> tuple[Path, list[subprocess.CompletedProcess[str]]]:
    cwd = tmp_path_factory.mktemp("adopter")
    results = []
    for info, body in blocks():
        if info == "sh":
            for line in body.splitlines():
                line = line.split("#", 1)[0].strip()
                if not line or line.startswith("pip install"):
                    continue  # the package is installed in this environment already
                if line.startswith("cd "):
                    cwd = cwd / line[3:].strip()
                    continue
                results.append(run(line, cwd))
        elif info == "python":
            with (cwd / "conf.py").open("a", encoding="utf-8") as conf:
                conf.write("\n" + body)
        elif info == "md":
            name = body.splitlines()[0].removeprefix("%").strip()
            (cwd / name).write_text(body, encoding="utf-8")
        elif info == "rst":
            index = cwd / "index.rst"
            text = index.read_text("utf-8")
            toctree = re.compile(r"^\.\. toctree::\n(?:[ \t]+.*\n|\n)*", re.M)
            assert toctree.search(text), "quickstart's index.rst has no toctree"
            index.write_text(toctree.sub(body.replace("\\", r"\\"), text, count=1), "utf-8")
        else:
            raise AssertionError(f"README block of unknown kind {info!r}")
    return cwd, results


def test_every_step_succeeds_without_warnings(project):
    _cwd, results = project
    assert [r.args[0].rsplit("/", 1)[-1] for r in results] == [
        "sphinx-quickstart",
        "sphinx-build",
        "alliantie-kb",
    ]
    for result in results:
        output = result.stdout + result.stderr
        assert result.returncode == 0, f"{result.args}\n{output[-3000:]}"
        assert "Traceback" not in output
        assert "WARNING" not in output and "ERROR" not in output, output


def test_the_page_reads_in_english(project):
    cwd, _results = project
    html = (cwd / "_build" / "html" / "days.html").read_text("utf-8")
    assert 'id="spreker-ada-jansen"' in html or "ada-jansen" in html
    english_words = ("Person", "Recommendation", "See also", "Mentioned", "Keep the doors")
    for english in english_words:
        assert english in html, english
    assert "May 17, 2024" in html or "17 May 2024" in html
    for dutch in ("Persoon", "Aanbeveling", "Zie ook", "Genoemd", "niet vermeld"):
        assert dutch not in html, dutch


def test_check_finds_nothing_and_speaks_english(project):
    _cwd, results = project
    check = results[-1]
    assert check.returncode == 0
    assert "Geen problemen" not in check.stdout + check.stderr


def test_every_setting_is_in_the_readme():
    from alliantie_kb.config import SETTINGS  # every kb_* setting (test_settings.py)

    declared = {setting.name for setting in SETTINGS}
    table = section("Use it in your own project")
    documented = set(re.findall(r"^\| `(kb_\w+)` \|", table, re.M))
    assert declared, "no kb_* settings found"
    assert declared == documented, (sorted(declared - documented), sorted(documented - declared))
