"""The shipped Dutch catalogue covers every message and its .mo is current."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_catalogue_is_complete_and_compiled():
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "i18n.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_labels_follow_the_project_language(tmp_path):
    from conftest import build, copy_root, parse_warnings

    src = copy_root("badinput", tmp_path / "src")
    app = build(src, freshenv=True, confoverrides={"language": "en"})
    messages = [w["msg"] for w in parse_warnings(app.warning.getvalue())]
    assert (
        "unknown option :rolle: for person; its value is not used, so :role: stays empty; "
        "did you mean :role:?"
    ) in messages
    html = (app.outdir / "base.html").read_text("utf-8")
    assert ">Person<" in html and ">Persoon<" not in html
