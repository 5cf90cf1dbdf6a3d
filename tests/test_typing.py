"""mypy --strict passes on the package (the ``[tool.mypy]`` table of pyproject.toml).

The records, field kinds and Sphinx objects are typed, and every chain over
``Field.kind`` ends in ``assert_never``: mypy proves each chain handles every
kind, so a new kind cannot silently fall through one of them.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).parent.parent


def _require(distribution: str, module: str | None = None) -> None:
    """Skip without ``distribution``, but fail in CI, where it is in the test extra."""
    try:
        importlib.metadata.distribution(distribution)
        found = module is None or importlib.util.find_spec(module) is not None
    except importlib.metadata.PackageNotFoundError:
        found = False
    if found:
        return
    message = f"{distribution} is missing: pip install -e '.[test]'"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def test_mypy_strict_passes_on_the_package() -> None:
    _require("mypy", "mypy")
    # without the docutils stubs, ignore_missing_imports would quietly make
    # every docutils node ``Any`` and the check would prove much less
    _require("types-docutils")
    result = subprocess.run(
        [sys.executable, "-m", "mypy"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"mypy --strict found problems:\n{result.stdout}{result.stderr}"


def test_the_mypy_configuration_is_strict_on_the_whole_package() -> None:
    """What the check above runs: strict, on every module of the package."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["mypy"]
    assert config["strict"] is True
    assert config["files"] == ["src/alliantie_kb"]
    # the one relaxation: libraries without type information
    assert set(config) <= {"python_version", "files", "strict", "ignore_missing_imports"}
