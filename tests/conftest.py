from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent

WARNING_RE = re.compile(
    r"^(?P<path>[^\n]*?):(?P<line>\d+): WARNING: (?P<msg>.*?) \[(?P<type>[\w.]+)\]$", re.M
)


ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")


def parse_warnings(text: str) -> list[dict[str, str]]:
    """Structured view of Sphinx's warning stream (``file:line: WARNING: msg [type]``)."""
    return [m.groupdict() for m in WARNING_RE.finditer(ANSI_RE.sub("", text))]


def all_warning_lines(text: str) -> list[str]:
    lines = ANSI_RE.sub("", text).splitlines()
    return [line for line in lines if "WARNING" in line or "ERROR" in line]


LIST_RE = re.compile(r" \((?:toegestaan: |allowed: |vocabularies: )?(?P<names>[^()]*)\)")


@dataclass(frozen=True)
class Listed:
    """A message that names what is allowed, asserted by its stable parts.

    ``prefix`` (what is wrong) must be in the text, directly followed by the
    parenthesised list (``(toegestaan: a, b)``, ``(allowed: a, b)``, ``(a, b)``)
    and then ``suggestion`` (e.g. ``"; bedoelde u 'x'?"``). The list must hold
    ``includes`` and may hold more: it grows when a type, field or value is added."""

    prefix: str
    includes: set[str]
    suggestion: str = ""

    def listed(self, text: str) -> set[str] | None:
        """The names listed after the prefix in ``text``, or None if the shape differs."""
        start = text.find(self.prefix)
        if start < 0:
            return None
        rest = text[start + len(self.prefix) :]
        m = LIST_RE.match(rest)
        if m is None or not rest[m.end() :].startswith(self.suggestion):
            return None
        return set(m["names"].split(", "))

    def matches(self, text: str) -> bool:
        names = self.listed(text)
        return names is not None and set(self.includes) <= names


def copy_root(name: str, dest: Path) -> Path:
    """A private copy of ``tests/roots/test-<name>`` (tests may edit it)."""
    import shutil

    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(ROOTS / f"test-{name}", dest)
    return dest


@dataclass
class BuildEvents:
    """What one build did, observed through Sphinx's events instead of its console text.

    ``added``/``removed``: the documents Sphinx found new or gone (``env-get-outdated``);
    ``read``: every document read (``env-before-read-docs``), so ``changed`` is
    ``read - added``; ``merged``: the chunks merged back from parallel readers
    (``env-merge-info``, empty when reading was serial); ``written``: the documents
    written, in order (``Builder.write_doc_serialized``, called in the main process
    for every document, serial or parallel); ``resolved``: for the docnames in
    ``keep``, the resolved doctree as the writer gets it (``doctree-resolved``)."""

    keep: frozenset[str] = frozenset()
    added: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    read: set[str] = field(default_factory=set)
    merged: list[set[str]] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    resolved: dict[str, Any] = field(default_factory=dict)

    @property
    def changed(self) -> set[str]:
        """Documents read again that existed before (Sphinx's "changed")."""
        return self.read - self.added

    def attach(self, app: Any) -> None:
        """Connect to ``app`` (a Sphinx application that has not built yet)."""
        app.connect("env-get-outdated", self._outdated)
        app.connect("env-before-read-docs", lambda app, env, docs: self.read.update(docs))
        app.connect("env-merge-info", lambda app, env, docs, other: self.merged.append(set(docs)))
        app.connect("doctree-resolved", self._resolved)
        builder = app.builder
        write_doc_serialized = builder.write_doc_serialized

        def recording(docname: str, doctree: Any) -> None:
            self.written.append(docname)
            write_doc_serialized(docname, doctree)

        builder.write_doc_serialized = recording

    def _outdated(self, app: Any, env: Any, added: set, changed: set, removed: set) -> list:
        self.added.update(added)
        self.removed.update(removed)
        return []

    def _resolved(self, app: Any, doctree: Any, docname: str) -> None:
        if docname in self.keep:
            self.resolved[docname] = doctree.deepcopy()


def build(srcdir: Path, buildername: str = "html", *, events: BuildEvents | None = None, **kwargs):
    """Build ``srcdir`` with a real Sphinx application and return the app.

    Warnings are collected in ``app.warning`` (a StringIO); pass ``events`` to
    record what the build read and wrote."""
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp(buildername, srcdir=srcdir, status=StringIO(), warning=StringIO(), **kwargs)
    if events is not None:
        events.attach(app)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


EXTRA_PAGES = 12  # Sphinx only reads in parallel beyond a handful of documents


def add_pages(src):
    """Grow the domain root so that -j 2 really splits reading and writing."""
    names = []
    for i in range(EXTRA_PAGES):
        name = f"extra-{i:02d}"
        names.append(name)
        other = f"extra-spreker-{(i + 1) % EXTRA_PAGES:02d}"
        (src / f"{name}.md").write_text(
            f"# Extra {i}\n\n"
            f"```{{speaker}} extra-spreker-{i:02d}\n:name: Spreker {i}\n```\n\n"
            f"```{{recommendation}} extra-aanbeveling-{i:02d}\n"
            f":title: Aanbeveling {i}\n:source: 2012-werkgroep-zorg\n"
            f":speaker: {other}\n:addressee: nationale-ombudsman\n```\n\n"
            f"Zie {{speaker}}`{other}` en {{any}}`2012-vertrouwen`.\n",
            encoding="utf-8",
        )
    with (src / "index.md").open("a", encoding="utf-8") as f:
        f.write("\n```{toctree}\n:hidden:\n\n" + "\n".join(names) + "\n```\n")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real docs/, built once per test session exactly as CI builds them."""
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-E",
            "-W",
            "--keep-going",
            "-n",
            "-q",
            "-c",
            str(REPO),
            str(REPO / "docs"),
            str(out),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert (out / "pagefind" / "pagefind-ui.js").exists()
    return out


def fill_placeholders(root: Path) -> None:
    """What a volunteer does after ``alliantie-kb nieuw``: replace the
    placeholder line (``% Vervang deze regel ...`` / ``% Replace this line ...``)
    with a description. While it is there, the build reports it (kb.placeholder)."""
    from alliantie_kb.scaffold_text import PLACEHOLDER

    starts = ("% Vervang deze regel", "% " + PLACEHOLDER[:20])
    for page in root.rglob("*.md"):
        if "_build" in page.parts:
            continue
        text = page.read_text("utf-8", errors="replace")
        lines = text.split("\n")
        new = ["Een beschrijving." if line.startswith(starts) else line for line in lines]
        if new != lines:
            page.write_text("\n".join(new), encoding="utf-8")


# -- a real browser: Debian's chromium through Playwright (DESIGN.md §4) ------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def require_chromium() -> None:
    """Skip without chromium, but fail in CI, where its absence is a defect."""
    import os

    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("chromium missing in CI (scripts/install-system-deps.sh)")
        pytest.skip("chromium not installed")


def serve_folder(folder: Path):
    """Serve ``folder`` on 127.0.0.1 (a free port); yield its base URL."""
    import functools
    import http.server
    import threading

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # keep test output readable
            pass

    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def chromium_context(profile: Path, local_only: bool = False):
    """A fresh chromium profile at 1280x800 in Dutch; with ``local_only``
    every request to another host is aborted. Yields the browser context."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            args=CHROMIUM_FLAGS,
            headless=True,
            viewport={"width": 1280, "height": 800},
            locale="nl-NL",
        )
        if local_only:
            context.route(
                "**/*",
                lambda route: route.continue_()
                if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:"))
                else route.abort(),
            )
        try:
            yield context
        finally:
            context.close()


# -- snapshots: a whole output as a reviewed file (sphinx-design's file_regression) --

SNAPSHOTS = Path(__file__).parent / "snapshots"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-snapshots",
        action="store_true",
        help="write tests/snapshots/* from the current output instead of comparing with it",
    )


@pytest.fixture
def file_snapshot(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """``file_snapshot(name, text)``: ``text`` must equal ``tests/snapshots/<name>``.

    A missing file is written and the test fails (review it, then commit it);
    with ``--update-snapshots`` every compared file is rewritten."""
    update = request.config.getoption("--update-snapshots")

    def check(name: str, text: str) -> None:
        path = SNAPSHOTS / name
        if update or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            if not update:
                pytest.fail(f"new snapshot {path}: review and commit it")
            return
        expected = path.read_text("utf-8")
        if text != expected:
            diff = difflib.unified_diff(
                expected.splitlines(keepends=True),
                text.splitlines(keepends=True),
                f"tests/snapshots/{name}",
                "this build",
            )
            pytest.fail(
                "output differs from its snapshot (--update-snapshots once the change "
                "is intended):\n" + "".join(diff),
                pytrace=False,
            )

    return check
