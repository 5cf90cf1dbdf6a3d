"""Warnings as records: every problem on every ``controleer``, from any source.

The root ``test-records`` has a problem of each source: MyST (an unknown
directive), docutils (a duplicate target), Sphinx (a toctree to a missing page,
a glob that matches nothing), ours (a wrong option value with a hint, a missing
option, a dangling reference), and a MyST warning that ``suppress_warnings``
silences. A cached second check reads nothing again and a third reads one
other page; each must still list every problem once, where it is.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from alliantie_kb import cli
from alliantie_kb.cli import language

from conftest import all_warning_lines, build, copy_root

#: (file:line, the stable start of the message) of every expected problem.
EXPECTED = [
    ("dagen.md:3", "verplichte optie :edition: ontbreekt"),
    ("dagen.md:5", "optie :region: staat 'noordd' niet toe"),
    ("index.md:3", "toctree contains reference to nonexisting document 'ontbreekt'"),
    ("kop.md:8", 'Duplicate explicit target name: "dubbel"'),
    ("kop.md:11", "toctree glob pattern 'niets-*' didn't match any documents"),
    ("mensen.md:7", "Unknown directive type: 'spreekbeurt'"),
    ("mensen.md:11", "onbekende persoon 'jan-jansen'"),
]
#: The hint of the wrong region, as data and on screen.
HINT = "bedoelde u 'noord'?"


def kb(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed console script, as a volunteer runs it."""
    script = Path(sys.executable).parent / "alliantie-kb"
    return subprocess.run([str(script), *args], cwd=cwd, capture_output=True, text=True)


def assert_every_problem_once(out: str) -> None:
    lines = out.splitlines()
    for where, start in EXPECTED:
        found = [line for line in lines if line.startswith(f"{where}: {start}")]
        assert len(found) == 1, (where, start, out)
    assert len(lines) == len(EXPECTED), out
    assert not any("Te diep" in line or "header" in line for line in lines)  # suppressed


def test_every_problem_on_the_first_a_cached_and_a_partial_check(tmp_path):
    root = copy_root("records", tmp_path / "kb")
    outputs = []
    for run in ("first", "cached", "one page touched"):
        if run == "one page touched":
            dagen = root / "dagen.md"
            dagen.write_text(dagen.read_text("utf-8") + "\nNog een zin.\n", encoding="utf-8")
        done = kb(root, "controleer")
        assert done.returncode == 1, (run, done.stderr)
        assert done.stderr.strip() == f"{len(EXPECTED)} problemen gevonden.", run
        assert_every_problem_once(done.stdout)
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    region = next(line for line in outputs[1].splitlines() if line.startswith("dagen.md:5"))
    assert region.endswith(f"(toegestaan: noord, noordoost, oost, zuidoost, zuid, zuidwest, west, "
                           f"noordwest, midden, landelijk) ({HINT})")  # fmt: skip


def test_a_suppressed_warning_is_the_only_one_left_out(tmp_path):
    root = copy_root("records", tmp_path / "kb")
    conf = root / "conf.py"
    conf.write_text(conf.read_text("utf-8").replace('["myst.header"]', "[]"), encoding="utf-8")
    done = kb(root, "controleer")
    header = [line for line in done.stdout.splitlines() if line.startswith("kop.md:4: ")]
    assert len(header) == 1, done.stdout  # MyST reports the skipped level when not suppressed
    assert len(done.stdout.splitlines()) == len(EXPECTED) + 1


def _records_by_place(found: list) -> dict[tuple[str | None, int | None], list]:
    places: dict[tuple[str | None, int | None], list] = {}
    for record in found:
        places.setdefault((record.docname, record.line), []).append(record)
    return places


@pytest.mark.parametrize("run", ["first", "cached"])
def test_records_carry_place_type_and_hint_as_data(tmp_path, run):
    from alliantie_kb.cli.check import problem_of, sphinx_run
    from alliantie_kb.recorder import records

    root = copy_root("records", tmp_path / "kb")
    if run == "cached":
        sphinx_run(root, root, root / "_build")
    app = sphinx_run(root, root, root / "_build")
    places = _records_by_place(records(app))
    (region,) = places["dagen", 5]
    assert (region.type, region.subtype, region.hint) == ("kb", "field", HINT)
    assert region.message.startswith("optie :region: staat 'noordd' niet toe")
    assert HINT not in region.message and region.path == str(root / "dagen.md")
    (directive,) = places["mensen", 7]
    assert (directive.type, directive.subtype) == ("myst", "directive_unknown")
    (target,) = places["kop", 8]
    assert target.type == "docutils" and target.hint is None
    (glob,) = places["kop", 11]
    assert "niets-*" in glob.message and glob.hint is None
    assert ("kop", 4) not in places  # suppressed: not recorded
    problem = problem_of(region, root)
    assert str(problem) == f"dagen.md:5: {region.message} ({HINT})"


def test_parallel_reads_keep_and_replay_every_source(tmp_path):
    """Read with two processes, then again with nothing changed: the warnings
    of the first build come back in the second, from the merged environment."""
    root = copy_root("records", tmp_path / "kb")
    overrides = {"kb_replay_warnings": True}
    first = build(root, "dummy", parallel=2, confoverrides=overrides)
    second = build(root, "dummy", parallel=2, confoverrides=overrides)
    # (Sphinx apps made earlier in this process add set-up warnings without a place)
    shown = [
        sorted(line for line in all_warning_lines(app.warning.getvalue()) if str(root) in line)
        for app in (first, second)
    ]
    assert len(shown[0]) == len(EXPECTED), "\n".join(shown[0])
    assert shown[0] == shown[1]

    from alliantie_kb.recorder import records

    def placed(app) -> list[tuple[str | None, int | None, str | None, str]]:
        return [(r.docname, r.line, r.label, r.text) for r in records(app) if r.docname]

    assert sorted(placed(first)) == sorted(placed(second))
    assert ("mensen", 7, "myst.directive_unknown") in {p[:3] for p in placed(second)}
    assert len(placed(second)) == len(set(placed(second))) == len(EXPECTED)  # each once


# -- argparse's own strings: plurals too, and only for our parser ------------------------------


def test_argparse_plural_messages_are_dutch(capsys):
    @language.in_project_language
    def run() -> None:
        parser = cli.build_parser()
        parser.add_argument("--paar", nargs=2)
        parser.parse_args(["--paar", "een"])

    with pytest.raises(SystemExit):
        run()
    assert "argument --paar: verwacht 2 waarden" in capsys.readouterr().err


def test_argparse_dutch_does_not_leak_into_another_thread(capsys):
    """While our parser runs (here: inside an argument's type), a plain parser
    in another thread keeps argparse's English."""
    heard: list[str] = []

    def other_thread() -> None:
        heard.append(argparse.ArgumentParser(prog="ander").format_usage())

    def spy(value: str) -> str:
        thread = threading.Thread(target=other_thread)
        thread.start()
        thread.join()
        return value

    @language.in_project_language
    def run() -> None:
        parser = cli.build_parser()
        parser.add_argument("--spion", type=spy)
        parser.parse_args(["--spion", "x", "controleer"])

    run()
    assert heard == ["usage: ander [-h]\n"]

