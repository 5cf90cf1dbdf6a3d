"""The live preview (``make serve``) shows a page's problems on the page.

Real builds of ``tests/roots/test-preview``: ``mensen.md`` holds an unknown
option (read time), a dangling reference in an object (resolved while
writing), an unknown directive (MyST) and an undefined label (Sphinx);
``onveilig.md`` puts author markup into problem messages; ``los.md`` is in
no toctree (consistency check). The browser test starts sphinx-autobuild
with the arguments of the Makefile's ``serve`` target.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import REPO, BuildEvents, build, copy_root

ON = {"kb_preview_problems": True}


def run(
    src: Path,
    confoverrides: dict | None = None,
    *,
    events: BuildEvents | None = None,
    parallel: int = 0,
):
    """One build of ``src`` (kept environment), nitpicky; ``events`` records what it read."""
    overrides = {"nitpicky": True, **(confoverrides or {})}
    return build(src, confoverrides=overrides, events=events, parallel=parallel)


class Boxes(HTMLParser):
    """The text of the preview box and of each object's note, per object anchor."""

    def __init__(self) -> None:
        super().__init__()
        self.box: list[str] = []
        self.box_attrs: list[dict] = []
        self.notes: dict[str, str] = {}
        self._stack: list[tuple[str, str | None]] = []  # (tag, collecting into)
        self._object: str | None = None
        self._into: str | None = None
        self._depth = 0
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag == "dt" and attrs.get("id", "").startswith(("spreker-", "aanbeveling-")):
            self._object = attrs["id"]
        classes = (attrs.get("class") or "").split()
        if self._into is None and tag == "div":
            if "kb-preview-problems" in classes:
                self._into, self._depth = "box", 0
                self.box.append("")
                self.box_attrs.append(attrs)
            elif "kb-preview-note" in classes:
                self._into, self._depth = f"note:{self._object}", 0
                self.notes[self._object or ""] = ""
        if self._into is not None and tag == "div":
            self._depth += 1

    def handle_endtag(self, tag):
        if self._into is not None and tag == "div":
            self._depth -= 1
            if self._depth == 0:
                self._into = None

    def handle_data(self, data):
        if self._into == "box":
            self.box[-1] += data
        elif self._into is not None:
            self.notes[self._into.split(":", 1)[1]] += data


def boxes(path: Path) -> Boxes:
    parser = Boxes()
    parser.feed(path.read_text("utf-8"))
    return parser


HEADING = "Problemen op deze pagina (alleen zichtbaar in de voorbeeldweergave)"


@pytest.fixture(scope="module")
def preview(tmp_path_factory) -> Path:
    src = copy_root("preview", tmp_path_factory.mktemp("preview") / "src")
    app = run(src, ON)
    return Path(app.outdir)


def test_page_shows_each_problem_with_file_line_and_dutch_message(preview):
    found = boxes(preview / "mensen.html")
    assert len(found.box) == 1
    assert found.box_attrs[0].get("role") == "alert"
    text = " ".join(found.box[0].split())
    assert text.startswith(HEADING)
    expected = [
        # read time, ours: message and hint
        ("mensen.md:5", "onbekende optie :rolle: bij persoon", "Tip: bedoelde u :role:?"),
        # resolved while writing, ours
        ("mensen.md:12", "onbekende persoon 'jan-jansen'", "Tip:"),
        # MyST, in Dutch
        ("mensen.md:18", "onbekende directive 'spreekbeurt'", "Tip: controleer de naam"),
        # Sphinx, resolved while writing, in Dutch
        ("mensen.md:22", "onbekend label 'nergens'", "Tip:"),
    ]
    positions = []
    for where, message, hint in expected:
        item = f"{where} — {message}"
        assert text.count(item) == 1, (item, text)
        positions.append(text.index(item))
        assert hint in text[text.index(item) :]
    assert positions == sorted(positions)  # in line order
    assert "Unknown directive" not in text and "undefined label" not in text


def test_each_object_shows_its_own_problems(preview):
    notes = boxes(preview / "mensen.html").notes
    assert set(notes) == {"spreker-rene-gabriels", "aanbeveling-2012-vertrouwen"}
    speaker = " ".join(notes["spreker-rene-gabriels"].split())
    assert "mensen.md:5 — onbekende optie :rolle: bij persoon" in speaker
    assert "jan-jansen" not in speaker
    recommendation = " ".join(notes["aanbeveling-2012-vertrouwen"].split())
    assert "mensen.md:12 — onbekende persoon 'jan-jansen'" in recommendation
    assert ":rolle:" not in recommendation and "spreekbeurt" not in recommendation
    # the note sits inside the object's description, below its heading
    html = (preview / "mensen.html").read_text("utf-8")
    assert re.search(
        r'id="spreker-rene-gabriels".*?</dt>\s*<dd><div class="kb-preview-note"', html, re.S
    )


def test_clean_pages_and_consistency_problems(preview):
    assert boxes(preview / "schoon.html").box == []
    assert boxes(preview / "index.html").box == []
    los = " ".join(boxes(preview / "los.html").box[0].split())
    assert "los.md — deze pagina staat in geen enkele inhoudsopgave" in los


def test_author_markup_in_a_problem_is_shown_as_text(preview):
    found = boxes(preview / "onveilig.html")
    text = " ".join(found.box[0].split())
    assert "ongeldige id '<script>alert(1)</script>'" in text
    assert "'img src=x onerror=alert(2)'" in text
    html = (preview / "onveilig.html").read_text("utf-8")
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_published_site_never_shows_the_box(tmp_path):
    src = copy_root("preview", tmp_path / "src")
    app = run(src)  # as make html and Read the Docs build
    pages = list(Path(app.outdir).rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        assert "kb-preview" not in page.read_text("utf-8"), page
    # the warnings are still there, in the log
    assert "spreekbeurt" in app.warning.getvalue()


def test_incremental_build_keeps_and_clears_problems(tmp_path):
    src = copy_root("preview", tmp_path / "src")
    out = Path(run(src, ON).outdir)
    first = " ".join(boxes(out / "mensen.html").box[0].split())

    # written again without being read again: same problems, each once
    (out / "mensen.html").unlink()
    seen = BuildEvents()
    run(src, ON, events=seen)
    assert "mensen" not in seen.read
    assert " ".join(boxes(out / "mensen.html").box[0].split()) == first

    # the volunteer fixes the option: read again, that problem is gone
    page = src / "mensen.md"
    page.write_text(page.read_text("utf-8").replace(":rolle:", ":role:"), "utf-8")
    seen = BuildEvents()
    run(src, ON, events=seen)
    assert "mensen" in seen.read
    found = boxes(out / "mensen.html")
    text = " ".join(found.box[0].split())
    assert ":rolle:" not in text
    assert text.count("onbekende persoon 'jan-jansen'") == 1
    assert text.count("onbekende directive 'spreekbeurt'") == 1
    assert "spreker-rene-gabriels" not in found.notes

    # every problem fixed: no box at all
    text = page.read_text("utf-8")
    text = text.replace(":speaker: jan-jansen", ":speaker: rene-gabriels")
    text = text.replace("```{spreekbeurt} iets\n:name: Iets\n```\n", "")
    text = text.replace(" en {ref}`nergens`", "")
    page.write_text(text, "utf-8")
    run(src, ON)
    assert "kb-preview" not in (out / "mensen.html").read_text("utf-8")


def test_switching_the_preview_off_rewrites_every_page(tmp_path):
    src = copy_root("preview", tmp_path / "src")
    out = Path(run(src, ON).outdir)
    assert "kb-preview" in (out / "mensen.html").read_text("utf-8")
    run(src)  # make html after make serve, in the same build folder
    for page in out.rglob("*.html"):
        assert "kb-preview" not in page.read_text("utf-8"), page


def test_parallel_build_shows_the_same_problems(tmp_path, preview):
    src = copy_root("preview", tmp_path / "src")
    extra = [f"extra-{i}" for i in range(8)]  # Sphinx reads in parallel beyond 5 pages
    for name in extra:
        (src / f"{name}.md").write_text(
            f"# {name}\n\nZie {{speaker}}`onbekend-{name}`.\n\n"
            f"```{{speaker}} s-{name}\n:name: S\n:rolle: r\n```\n"
        )
    index = src / "index.md"
    toctree = index.read_text("utf-8").replace("onveilig\n", "onveilig\n" + "\n".join(extra) + "\n")
    index.write_text(toctree)
    out = Path(run(src, ON, parallel=2).outdir)
    assert boxes(out / "mensen.html").box == boxes(preview / "mensen.html").box
    for name in extra:
        text = " ".join(boxes(out / f"{name}.html").box[0].split())
        assert text.count(f"{name}.md:3 — onbekende persoon 'onbekend-{name}'") == 1, text
        assert text.count(f"{name}.md:7 — onbekende optie :rolle: bij persoon") == 1, text


def test_the_box_is_not_printed():
    import alliantie_kb

    css = (Path(alliantie_kb.__file__).parent / "static" / "alliantie_kb.css").read_text("utf-8")
    printed = css[css.index("@media print") :]
    assert ".kb-preview-problems" in printed and "display: none" in printed


# -- make serve, in a browser ------------------------------------------------------


def serve_command(src: Path, out: Path, port: int) -> list[str]:
    """The Makefile's ``serve`` recipe, for ``src`` into ``out`` on ``port``."""
    makefile = (REPO / "Makefile").read_text("utf-8").replace("\\\n", " ")
    recipe = re.search(r"^serve:.*\n\t(?P<cmd>.+)$", makefile, re.M)
    assert recipe, "no serve target in the Makefile"
    args = shlex.split(recipe["cmd"])
    assert args[0] == "$(BIN)/sphinx-autobuild"
    command = [str(Path(sys.executable).parent / "sphinx-autobuild")]
    rest = iter(args[1:])
    for arg in rest:
        if arg == "-c":
            assert next(rest) == "."
            command += ["-c", str(src)]
        elif arg == "docs":
            command.append(str(src))
        elif arg == "$(BUILDDIR)/html":
            command.append(str(out))
        elif arg == "--port":
            assert next(rest) == "8000"
            command += ["--port", str(port)]
        else:
            assert "$(" not in arg, arg
            command.append(arg)
    return command


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(check, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.3)
    pytest.fail(f"timed out after {timeout}s waiting for {what}")


def test_make_serve_shows_the_box_until_the_problem_is_fixed(tmp_path):
    from real_browser import CHROMIUM, require_chromium
    from real_browser import CHROMIUM_FLAGS as FLAGS

    require_chromium()
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    src = copy_root("preview", tmp_path / "src")
    out = tmp_path / "html"
    port = free_port()
    command = serve_command(src, out, port)
    assert "kb_preview_problems=1" in command
    log = (tmp_path / "autobuild.log").open("w")
    server = subprocess.Popen(
        command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, cwd=tmp_path
    )
    url = f"http://127.0.0.1:{port}/mensen.html"

    def served() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status == 200
        except OSError:
            return server.poll() is not None and pytest.fail(
                "sphinx-autobuild stopped:\n" + (tmp_path / "autobuild.log").read_text()
            )

    try:
        wait_for(served, 120, "sphinx-autobuild's first build")
        with sync_playwright() as p:
            browser = p.chromium.launch_persistent_context(
                str(tmp_path / "profile"),
                executable_path=CHROMIUM,
                args=FLAGS,
                headless=True,
                locale="nl-NL",
            )
            page = browser.new_page()
            page.goto(url)
            alert = page.get_by_role("alert")
            assert alert.count() == 1
            assert alert.is_visible()
            text = alert.inner_text()
            assert HEADING in text
            assert "mensen.md:5" in text and "onbekende optie :rolle: bij persoon" in text
            note = page.locator("#spreker-rene-gabriels + dd .kb-preview-note")
            assert note.is_visible() and ":rolle:" in note.inner_text()
            if os.environ.get("KB_PREVIEW_SCREENSHOT"):
                page.screenshot(path=os.environ["KB_PREVIEW_SCREENSHOT"], full_page=True)

            # the volunteer fixes every problem and saves
            source = src / "mensen.md"
            fixed = source.read_text("utf-8").replace(":rolle:", ":role:")
            fixed = fixed.replace(":speaker: jan-jansen", ":speaker: rene-gabriels")
            fixed = fixed.replace("```{spreekbeurt} iets\n:name: Iets\n```\n", "")
            fixed = fixed.replace(" en {ref}`nergens`", "")
            source.write_text(fixed, "utf-8")
            written = out / "mensen.html"
            wait_for(
                lambda: written.exists() and "kb-preview" not in written.read_text("utf-8"),
                120,
                "the rebuild after the fix",
            )
            # sphinx-autobuild reloads the page itself after the rebuild; a
            # reload of ours at the same moment is aborted: open it again
            for attempt in range(3):
                try:
                    page.goto(url, wait_until="load")
                    break
                except PlaywrightError:
                    if attempt == 2:
                        raise
                    page.wait_for_timeout(500)
            page.wait_for_load_state("networkidle")
            assert page.get_by_role("alert").count() == 0
            assert page.locator(".kb-preview-note").count() == 0
            assert "Vijftien jaar armoedeonderzoek" in page.inner_text("body")
            browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=15)
        log.close()
