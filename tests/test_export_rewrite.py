"""kb.json is written when its data changed, and repaired when it was touched.

Writing kb.json cost 1.5 s of every build at 1,000 pages (issue 17), so a
build whose objects did not change leaves it as it is; a file edited or
damaged by hand, or another output folder sharing the doctree directory,
still gets the current data.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import build, copy_root, replace


def test_a_text_edit_leaves_kb_json_as_it_was(tmp_path):
    src = copy_root("site", tmp_path / "site")
    out = Path(build(src, freshenv=True).outdir)
    before = (out / "kb.json").stat().st_mtime_ns
    replace(src / "los.md", "Hier noemen we", "Op deze pagina noemen we")
    build(src)
    assert (out / "kb.json").stat().st_mtime_ns == before
    # a change to an object is written
    replace(src / "mensen.md", "René Gabriëls", "Renate Gabriëls")
    build(src)
    assert "Renate Gabriëls" in (out / "kb.json").read_text("utf-8")


def test_kb_json_edited_by_hand_is_written_again(tmp_path):
    src = copy_root("site", tmp_path / "site")
    out = Path(build(src, freshenv=True).outdir)
    good = (out / "kb.json").read_text("utf-8")
    schema = (out / "kb.schema.json").read_text("utf-8")
    (out / "kb.json").write_text('{"hacked": true}', "utf-8")
    build(src)
    assert (out / "kb.json").read_text("utf-8") == good
    (out / "kb.schema.json").unlink()
    build(src)
    assert json.loads((out / "kb.schema.json").read_text("utf-8")) == json.loads(schema)


def sphinx_build(src: Path, out: Path, doctrees: Path) -> None:
    command = [sys.executable, "-m", "sphinx", "-q", str(src), str(out), "-d", str(doctrees)]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]


def test_two_output_folders_sharing_doctrees_each_get_the_current_data(tmp_path):
    src = copy_root("site", tmp_path / "site")
    one, two, doctrees = tmp_path / "one", tmp_path / "two", tmp_path / "doctrees"
    sphinx_build(src, one, doctrees)
    sphinx_build(src, two, doctrees)
    replace(src / "mensen.md", "René Gabriëls", "Renate Gabriëls")
    sphinx_build(src, one, doctrees)
    sphinx_build(src, two, doctrees)
    for out in (one, two):
        assert "Renate Gabriëls" in (out / "kb.json").read_text("utf-8"), out
