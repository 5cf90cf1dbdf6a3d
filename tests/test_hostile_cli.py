"""The volunteers' command under hostile input (issue 10, class 8).

Every refusal is one Dutch line with a non-zero exit status, no traceback,
and leaves every file under the test's whole temporary folder (the project
copy and what lies around it) byte-identical: no stray temporary file, no
half-written page, nothing written outside ``docs/``.
"""

from __future__ import annotations

import errno
import hashlib
import os
import pickle
import shutil
import signal
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from docutils import nodes
from sphinx import addnodes

from alliantie_kb import cli

from conftest import ROOTS, build, copy_site, fill_placeholders, kb, parse_warnings

# -- helpers -------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of docs/ + conf.py one level below the hashed temporary folder."""
    return copy_site(tmp_path / "buiten" / "project")


def snapshot(top: Path) -> dict[str, object]:
    """Every file (content hash and mode), link (target) and folder under ``top``."""
    state: dict[str, object] = {}
    for folder, dirs, names in os.walk(top):
        for name in dirs + names:
            path = Path(folder, name)
            key = str(path.relative_to(top))
            if path.is_symlink():
                state[key] = ("link", os.readlink(path))
            elif path.is_dir():
                state[key] = "dir"
            elif not path.is_file():  # a FIFO: reading it would block
                state[key] = ("special", path.stat().st_mode)
            else:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                state[key] = (digest, path.stat().st_mode)
    return state


def run(monkeypatch, capsys, cwd: Path, *args: str) -> tuple[int, str, str]:
    """``main(args)`` in-process from ``cwd``; (exit status, stdout, stderr)."""
    monkeypatch.chdir(cwd)
    try:
        code = cli.main(list(args))
    except SystemExit as exc:  # argparse
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_dutch_line(code: int, out: str, err: str, expected: str, status: int = 1) -> None:
    assert code == status, (out, err)
    assert out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(("Fout: ", "Onderbroken ", "Interne fout ", "alliantie-kb"))
    assert expected in lines[0], lines[0]


def refused(monkeypatch, capsys, tmp_path, cwd, args, expected, status=1) -> None:
    before = snapshot(tmp_path)
    code, out, err = run(monkeypatch, capsys, cwd, *args)
    assert_one_dutch_line(code, out, err, expected, status)
    assert snapshot(tmp_path) == before


# -- 1. a write that fails halfway changes nothing -------------------------------------

REC = ("nieuw", "aanbeveling", "Maak regels eenvoudiger", "--van", "2012-werkgroep-zorg")
SPEAKER = ("nieuw", "spreker", "Jan de Vries")  # a new page + personen/index.md
EDITION = ("nieuw", "dag", "Zwolle", "--editie", "2013")  # 2013/, its index, docs/index.md


def failing_write(exc: BaseException, on_call: int, keep: int) -> Callable[[int, bytes], int]:
    """os.write that writes ``keep`` bytes of its ``on_call``-th call, then raises."""
    real = os.write
    calls = []

    def write(fd: int, data) -> int:
        calls.append(fd)
        if len(calls) == on_call:
            real(fd, bytes(data[:keep]))
            raise exc
        return real(fd, data)

    return write


DISK_FULL = OSError(errno.ENOSPC, "No space left on device")

WRITE_FAILURES = {
    "disk-full-appending-to-a-page": (REC, DISK_FULL, 1, 10, "de schijf is vol", 1),
    "disk-full-new-page-first-file": (SPEAKER, DISK_FULL, 1, 5, "de schijf is vol", 1),
    "disk-full-new-page-second-file": (SPEAKER, DISK_FULL, 2, 40, "de schijf is vol", 1),
    "disk-full-new-edition-third-file": (EDITION, DISK_FULL, 3, 3, "de schijf is vol", 1),
    "ctrl-c-appending-to-a-page": (REC, KeyboardInterrupt(), 1, 20, "Onderbroken", 130),
    "ctrl-c-new-page-second-file": (SPEAKER, KeyboardInterrupt(), 2, 0, "Onderbroken", 130),
}


@pytest.mark.parametrize("case", list(WRITE_FAILURES))
def test_failed_write_leaves_every_file_identical(monkeypatch, capsys, tmp_path, project, case):
    args, exc, on_call, keep, expected, status = WRITE_FAILURES[case]
    os.chmod(project / "docs/2012/werkgroepen.md", 0o640)
    monkeypatch.setattr(os, "write", failing_write(exc, on_call, keep))
    refused(monkeypatch, capsys, tmp_path, project, args, expected, status)


def failing_replace(exc: BaseException, on_call: int) -> Callable[..., None]:
    """os.replace that raises on its ``on_call``-th call (the rollback's calls pass)."""
    real = os.replace
    calls = []

    def replace(src, dst) -> None:
        calls.append(dst)
        if len(calls) == on_call:
            raise exc
        real(src, dst)

    return replace


REPLACE_FAILURES = {
    "ctrl-c-between-two-replaces": (SPEAKER, KeyboardInterrupt(), 2, "Onderbroken", 130),
    "error-between-two-replaces": (
        EDITION,
        OSError(errno.EACCES, "Permission denied"),
        3,
        "geen toestemming",
        1,
    ),
}


@pytest.mark.parametrize("case", list(REPLACE_FAILURES))
def test_failed_replace_rolls_back(monkeypatch, capsys, tmp_path, project, case):
    args, exc, on_call, expected, status = REPLACE_FAILURES[case]
    monkeypatch.setattr(os, "replace", failing_replace(exc, on_call))
    refused(monkeypatch, capsys, tmp_path, project, args, expected, status)


def test_ctrl_c_during_replaces_is_held_until_all_are_done(monkeypatch, capsys, project):
    """A real SIGINT while files are being moved: all new, none half, exit 130."""
    real = os.replace

    def replace(src, dst) -> None:
        signal.raise_signal(signal.SIGINT)
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    code, out, err = run(monkeypatch, capsys, project, *SPEAKER)
    assert code == 130 and "Onderbroken" in err and len(err.splitlines()) == 1
    assert "Traceback" not in out + err
    assert ":name: Jan de Vries" in (project / "docs/personen/jan-de-vries.md").read_text()
    assert "jan-de-vries" in (project / "docs/personen/index.md").read_text()
    assert not [p for p in (project / "docs").rglob(".*alliantie-kb*")]


def test_success_keeps_permissions_and_leaves_no_temp_file(monkeypatch, capsys, project):
    page = project / "docs/2012/werkgroepen.md"
    os.chmod(page, 0o640)
    before = page.read_text("utf-8")
    code, out, err = run(monkeypatch, capsys, project, *REC)
    assert code == 0, err
    assert page.stat().st_mode & 0o777 == 0o640
    assert page.read_text("utf-8").startswith(before.rstrip("\n"))
    assert not [p for p in (project / "docs").rglob(".*alliantie-kb*")]


# -- 2. every write stays inside the sources -------------------------------------------

ELSEWHERE = f"/tmp/alliantie-kb-hostile-{uuid.uuid4().hex}"

CONFINEMENT = {
    "editie-dotdot": (("nieuw", "dag", "X", "--editie", "../../x"), "ongeldige editie"),
    "editie-absolute": (("nieuw", "dag", "X", "--editie", ELSEWHERE), "ongeldige editie"),
    "bestand-dotdot": (("nieuw", "spreker", "X", "--bestand", "../../x.md"), "buiten de bronmap"),
    "bestand-dotdot-no-suffix": (
        ("nieuw", "spreker", "X", "--bestand", "../../x"),
        "buiten de bronmap",
    ),
    "bestand-etc-no-suffix": (
        ("nieuw", "spreker", "X", "--bestand", "/etc/x"),
        "buiten de bronmap",
    ),
    "bestand-etc": (("nieuw", "spreker", "X", "--bestand", "/etc/x.md"), "buiten de bronmap"),
    "bestand-tmp": (
        ("nieuw", "organisatie", "X", "--bestand", ELSEWHERE + ".md"),
        "buiten de bronmap",
    ),
    "bestand-conf-py": (("nieuw", "spreker", "X", "--bestand", "conf.py"), "buiten de bronmap"),
    "bestand-docs-dotdot-conf-py": (
        ("nieuw", "spreker", "X", "--bestand", "docs/../conf.py"),
        "buiten de bronmap",
    ),
    "bestand-py-in-docs": (("nieuw", "spreker", "X", "--bestand", "docs/x.py"), "geen pagina"),
    "bestand-bib": (
        ("nieuw", "spreker", "X", "--bestand", "docs/references.bib"),
        "geen pagina",
    ),
    "bestand-txt": (("nieuw", "spreker", "X", "--bestand", "docs/x.txt"), "geen pagina"),
    "bestand-static": (
        ("nieuw", "spreker", "X", "--bestand", "docs/_static/x.md"),
        "niet als pagina leest",
    ),
    "bestand-template": (
        ("nieuw", "spreker", "X", "--bestand", "docs/_templates/breadcrumbs.html"),
        "geen pagina",
    ),
    "bestand-is-a-folder": (("nieuw", "spreker", "X", "--bestand", "docs/2012.md/"), "map"),
    "export-over-a-source": (("export", "--uit", "docs/_static/x.json"), "overschreven"),
    "export-over-conf-py": (("export", "--uit", "conf.py"), "geen .json-bestand"),
    "export-over-a-page": (("export", "--uit", "docs/index.md"), "geen .json-bestand"),
}


@pytest.mark.parametrize("case", list(CONFINEMENT))
def test_writes_stay_in_the_sources(monkeypatch, capsys, tmp_path, project, case):
    args, expected = CONFINEMENT[case]
    (project / "docs/2012.md").mkdir()
    (project / "docs/_static/x.json").write_text("{}", "utf-8")
    refused(monkeypatch, capsys, tmp_path, project, args, expected)
    for path in (ELSEWHERE, ELSEWHERE + ".md", "/etc/x.md", "/etc/x", tmp_path / "x"):
        assert not Path(path).exists()


@pytest.mark.parametrize(
    ("cwd", "expected"), [("docs", "buiten de bronmap"), ("docs/2012", "geen pagina")]
)
def test_bestand_dotdot_from_inside_docs(monkeypatch, capsys, tmp_path, project, cwd, expected):
    args = ("nieuw", "spreker", "X", "--bestand", "../conf.py")
    refused(monkeypatch, capsys, tmp_path, project / cwd, args, expected)


def _link(project: Path, name: str, target: Path) -> None:
    link = project / "docs" / name
    if link.exists():
        link.unlink()
    link.symlink_to(target)


SYMLINKS = {
    # a page that is a link to a file outside the sources
    "page-link-bestand": ("link.md", "bestand.md", ("--bestand", "docs/link.md")),
    # a folder that is a link to a folder outside the sources
    "folder-link-bestand": ("extern", "", ("--bestand", "docs/extern/x.md")),
    # the default page of organisations is such a link
    "default-page-is-link": ("organisaties.md", "bestand.md", ()),
}


@pytest.mark.parametrize("case", list(SYMLINKS))
def test_symlinks_do_not_lead_out(monkeypatch, capsys, tmp_path, project, case):
    name, outside, extra = SYMLINKS[case]
    (tmp_path / "geheim").mkdir()
    target = tmp_path / "geheim" / outside if outside else tmp_path / "geheim"
    if outside:
        target.write_text("# Geheim\n", "utf-8")
    _link(project, name, target)
    args = ("nieuw", "organisatie", "Voedselbank Zwolle", *extra)
    refused(monkeypatch, capsys, tmp_path, project, args, "buiten de bronmap")


# -- 3. names, ids and editions ---------------------------------------------------------

NAMES = {
    "newline-injects-options": ("Jan\n:role: x", "U+000A"),
    "newline-injects-raw-block": ("Jan\n```\n```{raw} html\n<script>alert(1)</script>", "U+000A"),
    "tab": ("Jan\tde Vries", "U+0009"),
    "nul": ("Jan\x00", "U+0000"),
    "escape": ("Jan \x1b[31mrood", "U+001B"),
    "line-separator": ("Jan\u2028:role: x", "U+2028"),
    "bidi-override": ("Jan \u202eseirV", "U+202E"),
    "zero-width-space": ("Jan\u200bde Vries", "U+200B"),
    "backslash": ("Jan \\ de Vries", "backslash"),
    "too-long": ("Jan " * 100, "hoogstens 200"),
    "empty": ("   ", "de naam is leeg"),
    "only-punctuation": ("!!!", "kies zelf een id met --id"),
    "only-emoji": ("😀", "kies zelf een id met --id"),
}


@pytest.mark.parametrize("case", list(NAMES))
def test_names_are_refused(monkeypatch, capsys, tmp_path, project, case):
    name, expected = NAMES[case]
    refused(monkeypatch, capsys, tmp_path, project, ("nieuw", "spreker", name), expected)


IDS_AND_EDITIONS = {
    "id-capitals": (("--id", "Jan"), "ongeldige id 'Jan'"),
    "id-path": (("--id", "../x"), "ongeldige id"),
    "id-trailing-newline": (("--id", "jan\n"), "ongeldige id"),
    "id-newline-option": (("--id", "jan\n:role: x"), "ongeldige id"),
    "id-trailing-hyphen": (("--id", "jan-"), "ongeldige id"),
    "id-non-ascii-digit": (("--id", "jan-\u0663"), "ongeldige id"),
    "id-too-long": (("--id", "a" * 81), "hoogstens 80"),
    "editie-fullwidth-digits": (("--editie", "\uff12\uff10\uff11\uff13"), "ongeldige editie"),
    "editie-arabic-digits": (("--editie", "\u0662\u0660\u0661\u0663"), "ongeldige editie"),
    "editie-two-digits": (("--editie", "13"), "ongeldige editie"),
    "editie-newline": (("--editie", "2013\n"), "ongeldige editie"),
}


@pytest.mark.parametrize("case", list(IDS_AND_EDITIONS))
def test_ids_and_editions_are_checked(monkeypatch, capsys, tmp_path, project, case):
    extra, expected = IDS_AND_EDITIONS[case]
    args = ("nieuw", "werkgroep", "Wonen", *extra)
    refused(monkeypatch, capsys, tmp_path, project, args, expected)


#: Names full of Markdown/MyST syntax: each must reach the page as data.
MARKUP_NAMES = {
    "quotes-braces": 'Piet "de" {Wit}',
    "role-syntax": "`raw` {raw}`html`",
    "script-tag": "<script>alert(1)</script> Kees",
    "colon-option": ":role: Bas",
    "hash-comment": "# Anna #1",
    "block-scalar": "| Lies",
    "single-quotes-emphasis": "'Tom' & *Jerry*",
    "link-javascript": "Ed [klik](javascript:alert(1))",
    "link-markdown": "Ed [klik](https://example.org/x) <https://example.org/y>",
    "math-and-markup": "$x$ _em_ **b** ~~s~~ <b>",
    "quoted-whole": '"Vertwijfelde woede"',
    "directive-fence": "```{raw} html",
    "cjk-only": "日本語",
}


@pytest.fixture(scope="module")
def markup_site(tmp_path_factory) -> dict[str, tuple[Path, object]]:
    """A project (conf.py in the source folder) with every name above, built once."""
    src = tmp_path_factory.mktemp("namen") / "site"
    shutil.copytree(ROOTS / "test-cli", src)
    made = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(src)
        for i, (case, name) in enumerate(MARKUP_NAMES.items()):
            for kind, objid, extra in (
                ("spreker", f"naam-{i}", ()),
                ("werkgroep", f"2012-naam-{i}", ("--dag", "2012-drachten")),
            ):
                args = ["--bron", ".", "--conf", ".", "nieuw", kind, name, "--id", objid]
                code = cli.main([*args, *extra])
                assert code == 0, case
            made[case] = i
    fill_placeholders(src)  # the volunteer writes the descriptions
    app = build(src, "html")
    return {"src": src, "app": app, "made": made}  # type: ignore[return-value]


def _doctree(app, docname: str) -> nodes.document:
    path = Path(app.doctreedir) / f"{docname}.doctree"
    return pickle.loads(path.read_bytes())


_TYPOGRAPHY = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "--", "…": "..."})


@pytest.mark.parametrize("case", list(MARKUP_NAMES))
def test_a_name_is_data_not_markup(markup_site, case):
    name = MARKUP_NAMES[case]
    app, i = markup_site["app"], markup_site["made"][case]
    own = [w for w in parse_warnings(app.warning.getvalue()) if f"naam-{i}." in w["path"]]
    assert not own, own
    for docname, anchor in (
        (f"personen/naam-{i}", f"spreker-naam-{i}"),
        ("2012/drachten", f"werkgroep-2012-naam-{i}"),
    ):
        # the section holding this case's object (one page holds every workshop)
        (sig,) = [s for s in _doctree(app, docname).findall(addnodes.desc_signature)
                  if anchor in s["ids"]]  # fmt: skip
        section = sig.parent
        while not isinstance(section, nodes.section):
            section = section.parent
        assert name in [n.astext() for n in sig.findall(addnodes.desc_name)]  # literally
        title = section[0]
        assert isinstance(title, nodes.title)
        assert title.astext().translate(_TYPOGRAPHY) == name  # the site's typography only
        assert all(isinstance(child, nodes.Text) for child in title.children), title
        assert not list(section.findall(nodes.raw))
        # the test project has no external links: any there came from a name
        assert not [r for r in section.findall(nodes.reference) if ":" in r.get("refuri", "")]
    html = (Path(app.outdir) / f"personen/naam-{i}.html").read_text("utf-8")
    assert "<script>alert" not in html and 'href="javascript' not in html


# -- 4. --dag and --van point at the right type -------------------------------------------

RELATIONS = {
    "dag-is-a-workshop": (
        ("lezing", "X", "--dag", "2012-werkgroep-zorg"),
        "'2012-werkgroep-zorg' is een werkgroep, geen dag",
    ),
    "dag-is-a-talk": (
        ("werkgroep", "X", "--dag", "2012-waarom-boos"),
        "'2012-waarom-boos' is een lezing, geen dag; bedoelde u '2012-drachten'?",
    ),
    "dag-is-a-speaker": (("werkgroep", "X", "--dag", "rene-gabriels"), "is een persoon, geen dag"),
    "dag-misspelled": (
        ("lezing", "X", "--dag", "2012-drachtn"),
        "onbekende id '2012-drachtn' bij --dag; bedoelde u '2012-drachten'?",
    ),
    "van-is-a-speaker": (
        ("aanbeveling", "X", "--van", "rene-gabriels"),
        "'rene-gabriels' is een persoon, geen lezing",  # ... the types a source may have
    ),
    "van-is-an-organisation": (
        ("aanbeveling", "X", "--van", "nationale-ombudsman"),
        "'nationale-ombudsman' is een organisatie, geen lezing",
    ),
    "van-misspelled": (
        ("aanbeveling", "X", "--van", "2012-werkgroep-zrg"),
        "bedoelde u '2012-werkgroep-zorg'?",
    ),
    "dag-on-a-speaker": (("spreker", "X", "--dag", "2012-drachten"), "--dag hoort alleen bij"),
    "van-on-a-talk": (("lezing", "X", "--van", "2012-drachten"), "--van hoort alleen bij"),
}


@pytest.mark.parametrize("case", list(RELATIONS))
def test_day_and_source_have_the_right_type(monkeypatch, capsys, tmp_path, project, case):
    args, expected = RELATIONS[case]
    refused(monkeypatch, capsys, tmp_path, project, ("nieuw", *args), expected)


# -- 5. finding the project ----------------------------------------------------------------


@pytest.mark.parametrize("cwd", ["docs", "docs/2012"])
def test_runs_from_inside_the_sources(monkeypatch, capsys, project, cwd):
    code, out, err = run(monkeypatch, capsys, project / cwd, "nieuw", "spreker", "Jan de Vries")
    assert code == 0, err
    page = project / "docs/personen/jan-de-vries.md"
    assert ":name: Jan de Vries" in page.read_text("utf-8")
    assert os.path.relpath(page, project / cwd) in out
    assert not (project / cwd / "personen").exists() or cwd == "docs"


def test_source_and_conf_options_from_elsewhere(monkeypatch, capsys, tmp_path, project):
    elsewhere = tmp_path / "ergens"
    elsewhere.mkdir()
    args = ("--conf", str(project), "--source", str(project / "docs"))
    code, out, err = run(monkeypatch, capsys, elsewhere, *args, "nieuw", "spreker", "Jan")
    assert code == 0, err
    assert (project / "docs/personen/jan.md").exists()
    assert list(elsewhere.iterdir()) == []


def test_conf_py_in_the_source_folder(monkeypatch, capsys, tmp_path):
    src = shutil.copytree(ROOTS / "test-cli", tmp_path / "site")
    code, out, err = run(monkeypatch, capsys, src / "personen", "nieuw", "spreker", "Jan Smit")
    assert code == 0, err
    assert (src / "personen/jan-smit.md").exists()
    assert "jan-smit" in (src / "personen/index.md").read_text("utf-8")


DISCOVERY = {
    "no-conf-py-anywhere": ((), "geen conf.py gevonden in", "leeg"),
    "conf-option-without-conf-py": (("--conf", "."), "geen conf.py in", "leeg"),
    "bron-option-missing-folder": (("--bron", "bestaat-niet"), "bestaat niet", "project"),
}


@pytest.mark.parametrize("case", list(DISCOVERY))
def test_no_project_is_one_line(monkeypatch, capsys, tmp_path, project, case):
    options, expected, where = DISCOVERY[case]
    cwd = tmp_path / "leeg" if where == "leeg" else project
    cwd.mkdir(exist_ok=True)
    args = (*options, "nieuw", "spreker", "Jan de Vries")
    refused(monkeypatch, capsys, tmp_path, cwd, args, expected)


def test_latin1_page_is_one_line(monkeypatch, capsys, tmp_path, project):
    page = project / "docs/2012/werkgroepen.md"
    page.write_bytes(
        page.read_text("utf-8")
        .replace("Werkgroep", "Wérkgroep")
        .encode("latin-1", errors="replace")
    )
    refused(monkeypatch, capsys, tmp_path, project, REC, "geen UTF-8")


# -- 6. every failure is one line ------------------------------------------------------------


def test_unexpected_error_is_one_line_exit_2(monkeypatch, capsys, tmp_path, project):
    def broken(src):
        raise ValueError("kapot\nmet een tweede regel")

    monkeypatch.setattr("alliantie_kb.cli.scaffold.defined_objects", broken)
    refused(monkeypatch, capsys, tmp_path, project, SPEAKER, "(ValueError)", status=2)


def test_unexpected_error_names_the_class_and_says_report_it(monkeypatch, capsys, project):
    monkeypatch.setattr("alliantie_kb.cli.scaffold.defined_objects", lambda src: 1 / 0)
    code, out, err = run(monkeypatch, capsys, project, *SPEAKER)
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "Interne fout (ZeroDivisionError) in alliantie-kb; meld dit als fout, "
        "met het commando dat u gaf."
    ]


def test_usage_error_is_one_line(monkeypatch, capsys, tmp_path, project):
    args = ("nieuw", "sprekr", "X")
    refused(monkeypatch, capsys, tmp_path, project, args, "ongeldige keuze: 'sprekr'", status=2)


def test_broken_conf_py_is_one_line(monkeypatch, capsys, tmp_path, project):
    (project / "conf.py").write_text("raise RuntimeError('kapot')\n", "utf-8")
    refused(monkeypatch, capsys, tmp_path, project, ("lijst",), "Sphinx kon de kennisbank niet")


# -- the installed command, as a volunteer runs it --------------------------------------------


def test_console_script_refuses_in_one_line(tmp_path, project):
    before = snapshot(tmp_path)
    result = kb(project / "docs", "nieuw", "spreker", "X", "--bestand", "../conf.py")
    assert_one_dutch_line(result.returncode, result.stdout, result.stderr, "buiten de bronmap")
    assert snapshot(tmp_path) == before
    nowhere = tmp_path / "leeg"
    nowhere.mkdir()
    before = snapshot(tmp_path)
    result = kb(nowhere, "controleer")
    assert_one_dutch_line(result.returncode, result.stdout, result.stderr, "geen conf.py")
    assert snapshot(tmp_path) == before


def test_a_fifo_page_neither_hangs_nor_is_written(tmp_path, project):
    """A named pipe among the pages (reading it would block forever): refused at once."""
    os.mkfifo(project / "docs/fifo.md")
    before = snapshot(tmp_path)
    script = Path(sys.executable).parent / "alliantie-kb"
    args = [str(script), "nieuw", "spreker", "X", "--bestand", "docs/fifo.md"]
    try:
        result = subprocess.run(args, cwd=project, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("alliantie-kb hangs on a FIFO among the pages")
    assert_one_dutch_line(result.returncode, result.stdout, result.stderr, "geen gewoon bestand")
    assert snapshot(tmp_path) == before


def test_export_to_a_missing_folder_creates_it(tmp_path):
    src = shutil.copytree(ROOTS / "test-cli", tmp_path / "site")
    result = kb(src, "export", "--uit", "../uit/nieuw/kb.json")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Geschreven: ../uit/nieuw/kb.json"
    data = (tmp_path / "uit/nieuw/kb.json").read_text("utf-8")
    assert '"2012-drachten"' in data


def test_a_new_page_of_ones_choice_is_listed_in_the_nearest_index(monkeypatch, capsys, project):
    args = ("nieuw", "spreker", "Els", "--bestand", "docs/personen/extra/els.md")
    code, out, err = run(monkeypatch, capsys, project, *args)
    assert code == 0, err
    assert (project / "docs/personen/extra/els.md").read_text("utf-8").startswith("# Els\n")
    assert "extra/els\n" in (project / "docs/personen/index.md").read_text("utf-8")
    assert "els" not in (project / "docs/personen/index.md").read_text("utf-8").split()
