"""Smoke test of the benchmark at a tiny size (no timing assertions: see docs)."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO


def test_benchmark_runs_and_reports(tmp_path):
    out = tmp_path / "prestaties.md"
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "run.py"),
            "--sizes",
            "4",
            "--repeat",
            "1",
            "--work",
            str(tmp_path / "work"),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = out.read_text("utf-8")
    for system in ("alliantie-kb", "plain Sphinx", "sphinx-needs"):
        assert f"| 4 | {system} |" in report
    assert "## Budgetten bij N = 4" in report
    assert "incrementele bouw na verplaatsen gelijk aan verse bouw | ja" in report
    assert "## Op papier" in report  # the extrapolation section is appended
    data = json.loads((tmp_path / "work" / "results.json").read_text())
    kb = data["4"]["kb"]
    assert kb["move_equals_fresh"] is True and kb["full"] > 0 and kb["rss_mib"] > 0
    assert data["4"]["plain"]["index_bytes"] > 0
