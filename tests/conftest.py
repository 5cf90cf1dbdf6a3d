"""Shared test helpers: real Sphinx builds and what they did (events, warnings,
pages, fields, kb.json), a volunteer's copy of the site and its command, system
tool checks, and snapshots. Browser helpers live in ``real_browser.py``."""

from __future__ import annotations

import difflib
import gettext
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import pytest
from bs4 import BeautifulSoup, Tag

from alliantie_kb.i18n import CATALOG, LOCALE_DIR
from alliantie_kb.model import OBJECT_TYPES

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


# -- what a build wrote: pages, fields, kb.json -------------------------------------


def outdir_of(where: Any) -> Path:
    """The HTML output folder of ``where``: a Sphinx app or the folder itself."""
    return Path(getattr(where, "outdir", where))


def soup_of(where: Any, name: str) -> BeautifulSoup:
    """The page ``<name>.html`` of a build (an app or its output folder), parsed."""
    html = (outdir_of(where) / f"{name}.html").read_text("utf-8")
    return BeautifulSoup(html, "html.parser")


def main_of(where: Any, name: str) -> Tag:
    """The ``role="main"`` part of a built page: the article, without sidebars."""
    return soup_of(where, name).find(role="main")


def text_of(where: Any, name: str) -> str:
    """The text of the ``role="main"`` part of a built page."""
    return main_of(where, name).get_text()


def field_cells(soup: BeautifulSoup, anchor: str) -> dict[str, Tag]:
    """The facts the entry at ``anchor`` shows, label -> element: the parts of
    its opening line (each a field's value, found by its ``kb-field-<name>``
    class and labelled as the model labels it, in the page's language) and
    its list of details (label -> its <dd>)."""
    body = soup.find(id=anchor).find_next("dd")
    cells: dict[str, Tag] = {}
    line = body.find("p", class_="kb-entry-line", recursive=False)
    if line is not None:
        objtype = next(t for t in OBJECT_TYPES.values() if anchor.startswith(f"{t.anchor_prefix}-"))
        lang = (soup.find("html") or {}).get("lang", "en")
        catalogue = gettext.translation(CATALOG, LOCALE_DIR, languages=[lang], fallback=True)
        for part in line.select("span.kb-line-part"):
            names = [
                c.removeprefix("kb-field-") for c in part["class"] if c.startswith("kb-field-")
            ]
            if names:
                label = catalogue.gettext(objtype.field_label(names[0]))
                cells[label] = part.select_one(".kb-line-value")
    dl = body.find("dl", class_="kb-fields", recursive=False)
    for dt in dl.find_all("dt") if dl is not None else ():
        cells[dt.get_text(strip=True).rstrip(":")] = dt.find_next_sibling("dd")
    return cells


def fields(soup: BeautifulSoup, anchor: str) -> dict[str, str]:
    """The rendered field list of the object at ``anchor``: label -> text."""
    return {name: dd.get_text(" ", strip=True) for name, dd in field_cells(soup, anchor).items()}


def kb_json(where: Any) -> dict:
    """A build's ``kb.json`` (an app or its output folder)."""
    return json.loads((outdir_of(where) / "kb.json").read_text("utf-8"))


def kb_objects(where: Any) -> dict[str, dict]:
    """The objects of a build's ``kb.json``, by id."""
    return {obj["id"]: obj for obj in kb_json(where)["objects"]}


# -- a volunteer's copy of the knowledge base, and the command they run ---------------


def copy_site(dest: Path) -> Path:
    """``docs/`` and ``conf.py`` of this repository copied into ``dest``; returns ``dest``."""
    shutil.copytree(REPO / "docs", dest / "docs", ignore=shutil.ignore_patterns("screenshots"))
    shutil.copy(REPO / "conf.py", dest / "conf.py")
    return dest


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A volunteer's copy of the knowledge base: docs/ and conf.py."""
    return copy_site(tmp_path)


def kb(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed ``alliantie-kb`` console script in ``cwd``, as a volunteer would."""
    script = Path(sys.executable).parent / "alliantie-kb"
    return subprocess.run([str(script), *args], cwd=cwd, capture_output=True, text=True)


def sphinx_build(
    src: Path, out: Path, *extra: str, conf: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """A strict ``sphinx-build -q -W --keep-going -n`` in a subprocess, as CI runs it;
    ``conf``: the folder of conf.py (``-c``) when it is not ``src``."""
    args = [sys.executable, "-m", "sphinx", "-q", "-W", "--keep-going", "-n", *extra]
    if conf is not None:
        args += ["-c", str(conf)]
    return subprocess.run([*args, str(src), str(out)], capture_output=True, text=True)


def site_build(root: Path, *extra: str, out: str = "_build") -> subprocess.CompletedProcess[str]:
    """The strict build of a :func:`copy_site` copy (``-c root root/docs root/<out>``),
    without Pagefind (its index is tested on the session's ``site``)."""
    return sphinx_build(root / "docs", root / out, "-D", "kb_pagefind=0", *extra, conf=root)


def replace(path: Path, old: str, new: str, count: int = -1) -> None:
    """Replace ``old`` (which must be there) by ``new`` in a text file."""
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


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


# -- the real site in a real browser (real_browser.py); a module that needs
# another site, browser or page defines its own fixture of the same name ------


@pytest.fixture(scope="module")
def server(site: Path):
    """The real site served on 127.0.0.1: its base URL."""
    from real_browser import serve_folder

    yield from serve_folder(site)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Debian's chromium with a fresh profile, one per test module."""
    from real_browser import chromium_context

    yield from chromium_context(tmp_path_factory.mktemp("chromium-profile"))


@pytest.fixture
def page(browser):
    """A new page that keeps its console and page errors in ``page.errors``."""
    from real_browser import watched_page

    yield from watched_page(browser)


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


# -- system tools: a test skips without them, except in CI ---------------------------


def missing(what: str) -> NoReturn:
    """Skip because ``what`` is not installed; in CI, where that is a defect, fail."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} missing in CI (scripts/install-system-deps.sh)")
    pytest.skip(f"{what} not installed")


def require(*tools: str) -> None:
    """Every one of ``tools`` is on PATH, or the test is skipped (failed in CI)."""
    absent = [tool for tool in tools if shutil.which(tool) is None]
    if absent:
        missing(f"system tools {absent}")


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
