"""Search under make serve: the index made after the build, and kept texts.

``kb_pagefind_background`` (make serve) ends the build without waiting for
Pagefind; a process of its own indexes the site, and the search page waits
for the index of its build (issue 17). An incremental build reads again only
the written pages whose HTML changed for the objects' search texts.
"""

from __future__ import annotations

import importlib.util
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from pagefind_index import index_records
from real_browser import chromium_context, serious_findings, serve_folder, watched_page
from test_incremental_views import edit_text_only

from alliantie_kb import search_background, search_records

from conftest import build, copy_root, replace

BACKGROUND = {"kb_pagefind_background": True}
served = contextmanager(serve_folder)
NOTICE = "#kb-search-wait"


def build_number(out: Path) -> int:
    found = re.search(r'data-build="(\d+)"', (out / "search.html").read_text("utf-8"))
    assert found, "the search page does not name its build"
    return int(found.group(1))


def stamp(out: Path) -> dict | None:
    try:
        return json.loads((out / "pagefind" / search_background.STAMP).read_text("utf-8"))
    except (OSError, ValueError):
        return None


def wait_for_index(out: Path, number: int, seconds: float = 120) -> dict:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        found = stamp(out)
        if found and found["build"] >= number:
            return found
        time.sleep(0.1)
    raise AssertionError(f"no index of build {number} after {seconds} s: {stamp(out)}")


def by_url(site: Path) -> dict[str, dict]:
    return {rec["url"]: rec for rec in index_records(site)}


@pytest.fixture(scope="module")
def background_site(tmp_path_factory):
    """The test site built with the index made in the background, once that
    index is in place."""
    src = copy_root("site", tmp_path_factory.mktemp("background") / "site")
    app = build(src, freshenv=True, confoverrides=BACKGROUND)
    out = Path(app.outdir)
    wait_for_index(out, build_number(out))
    return out


def test_the_build_ends_before_the_index_and_the_index_is_the_builds(tmp_path, background_site):
    out = background_site
    found = stamp(out)
    assert found == {"build": build_number(out)}
    # no work folder of the job, no job file left behind
    assert list(out.glob(search_background.WORK_PREFIX + "*")) == []
    assert list((out.parent / "doctrees").glob("kb-pagefind-job-*.json")) == []
    # the same records as the index a build makes itself
    fore = copy_root("site", tmp_path / "foreground")
    foreground = Path(build(fore, freshenv=True).outdir)
    assert not (foreground / "pagefind" / search_background.STAMP).exists()
    assert by_url(out) == by_url(foreground)
    # the search page of a build that indexes itself does not wait
    assert 'id="kb-search-wait"' not in (foreground / "search.html").read_text("utf-8")


def test_two_builds_in_a_row_leave_the_index_of_the_second(tmp_path):
    src = copy_root("site", tmp_path / "site")
    first = Path(build(src, freshenv=True, confoverrides=BACKGROUND).outdir)
    number = build_number(first)
    edit_text_only(src)
    out = Path(build(src, confoverrides=BACKGROUND).outdir)
    second = build_number(out)
    assert second > number
    assert wait_for_index(out, second) == {"build": second}
    time.sleep(1)  # the first job, if it still ran, has stopped by now
    assert stamp(out) == {"build": second}
    assert list(out.glob(search_background.WORK_PREFIX + "*")) == []
    # the edited text is searchable
    texts = " ".join(rec["content"] for rec in index_records(out))
    assert "Op deze pagina noemen we" in texts and "Hier noemen we" not in texts


def test_a_job_of_an_older_build_stops_without_touching_the_index(tmp_path):
    out, state = tmp_path / "html", tmp_path / "doctrees"
    (out / "pagefind").mkdir(parents=True)
    (out / "pagefind" / search_background.STAMP).write_text('{"build": 7}', "utf-8")
    state.mkdir()
    search_background._latest_file(state, out).write_text("9", "ascii")
    # the page is still build 8's: only the newer number stops the job
    (out / "search.html").write_text('<p data-build="8"></p>', "utf-8")
    job = state / search_background.JOB.format(8)
    data = {
        "outdir": str(out),
        "state": str(state),
        "page": str(out / "search.html"),
        "build": 8,
        "language": "nl",
        "records": [],
    }
    job.write_text(json.dumps(data), "utf-8")
    assert search_background.run_job(job) == 0
    assert not job.exists()
    assert stamp(out) == {"build": 7}
    assert sorted(p.name for p in out.iterdir()) == ["pagefind", "search.html"]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    yield from chromium_context(tmp_path_factory.mktemp("chromium-background"), local_only=True)


@pytest.fixture
def page(browser):
    yield from watched_page(browser)


def write_stamp(out: Path, data: dict) -> None:
    (out / "pagefind" / search_background.STAMP).write_text(json.dumps(data), "utf-8")


def test_the_search_page_waits_for_its_index_then_searches(tmp_path, background_site, page):
    out = tmp_path / "html"
    shutil.copytree(background_site, out)
    number = build_number(out)
    write_stamp(out, {"build": number - 1})  # the index of the build before
    with served(out) as base:
        page.goto(f"{base}/search.html?q=vertrouwen")
        page.wait_for_selector(f"{NOTICE}:not([hidden])")
        notice = page.locator(NOTICE)
        assert "De zoekindex wordt bijgewerkt" in notice.inner_text()
        assert notice.get_attribute("role") == "status"
        # the notice itself (the test site's theme has findings of its own)
        assert serious_findings(page, {"include": [[NOTICE]]}) == []
        page.wait_for_timeout(1000)
        assert page.locator(".pagefind-ui__result").count() == 0
        write_stamp(out, {"build": number})
        page.wait_for_selector(".pagefind-ui__result-link", timeout=20000)
        assert notice.is_hidden()
        assert page.errors == []


def test_a_failed_index_says_why_as_text(tmp_path, background_site, page):
    out = tmp_path / "html"
    shutil.copytree(background_site, out)
    number = build_number(out)
    hostile = "<img src=x onerror=alert(1)>kapot"
    write_stamp(out, {"build": number, "error": hostile})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with served(out) as base:
        page.goto(f"{base}/search.html?q=armoede")
        page.wait_for_selector(f"{NOTICE}:not([hidden])")
        text = page.locator(NOTICE).inner_text()
        assert text == f"De zoekindex kon niet worden gemaakt: {hostile}"
        assert page.locator(f"{NOTICE} img").count() == 0
        assert dialogs == []
        assert page.locator(".pagefind-ui__result").count() == 0


def test_an_incremental_build_reads_again_only_the_pages_that_changed(tmp_path, monkeypatch):
    src = copy_root("site", tmp_path / "site")
    out = Path(build(src, freshenv=True).outdir)
    before = {p: p.read_bytes() for p in out.rglob("*.html")}
    parsed: list[str] = []
    original = search_records.object_texts

    def counting(html: bytes) -> dict[str, str]:
        texts = original(html)
        parsed.append(" ".join(sorted(texts)))
        return texts

    monkeypatch.setattr(search_records, "object_texts", counting)
    # a recommendation gets a text of its own: only its page changes
    replace(
        src / "dag.md",
        ":kind: vernieuwing\n```",
        ":kind: vernieuwing\n\nSamen met de buurt.\n```",
    )
    build(src)
    changed = [
        p for p, html in before.items() if p.read_bytes() != html and 'class="kb ' in html.decode()
    ]
    assert 0 < len(parsed) == len(changed), (len(parsed), [p.name for p in changed])
    # and a build with no change reads none
    parsed.clear()
    build(src)
    assert parsed == []


def test_a_build_that_indexes_itself_stops_a_job_still_running(tmp_path):
    """make serve and make html share the output folder: a job of the
    preview's build must not put its index over a later build's."""
    src = copy_root("site", tmp_path / "site")
    build(src, freshenv=True, confoverrides=BACKGROUND)  # its job starts
    out = Path(build(src).outdir)  # at once: a build that indexes itself
    time.sleep(3)  # long enough for the job to have finished, had it gone on
    assert list((out.parent / "doctrees").glob("kb-pagefind-job-*.json")) == []
    assert stamp(out) is None  # the index is the second build's, without a stamp
    assert 'id="kb-search-wait"' not in (out / "search.html").read_text("utf-8")
    assert list(out.glob(search_background.WORK_PREFIX + "*")) == []


# -- what a hostile review found (each class, with its own build) -------------


def slow_pagefind(tmp_path: Path, seconds: float) -> dict[str, str]:
    """An environment whose Pagefind starts ``seconds`` late (a large site)."""
    from pagefind.service import get_executable

    real = get_executable()
    assert real is not None
    wrapper = tmp_path / "slow-pagefind"
    wrapper.write_text(f'#!/bin/sh\nsleep {seconds}\nexec "{real}" "$@"\n', "utf-8")
    wrapper.chmod(0o755)
    return {**os.environ, "PAGEFIND_BINARY_PATH": str(wrapper)}


def sphinx_build(src: Path, out: Path, doctrees: Path, *options: str, **kwargs):
    command = [sys.executable, "-m", "sphinx", "-q", str(src), str(out), "-d", str(doctrees)]
    result = subprocess.run([*command, *options], capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, result.stderr[-2000:]


def test_a_build_with_its_doctrees_elsewhere_keeps_its_own_index(tmp_path):
    """The job of a preview build must not put its index over that of a
    build into the same folder whose doctrees lie elsewhere (sphinx-build -M)."""
    src = copy_root("site", tmp_path / "site")
    out = tmp_path / "html"
    env = slow_pagefind(tmp_path, 3)
    sphinx_build(src, out, tmp_path / "dt-serve", "-D", "kb_pagefind_background=1", env=env)
    replace(src / "mensen.md", "René Gabriëls", "Renate Gabriëls")
    sphinx_build(src, out, tmp_path / "dt-html")  # indexes itself, at once
    time.sleep(6)  # the first job would have finished by now
    titles = [rec["meta"].get("title", "") for rec in index_records(out)]
    assert any("Renate Gabriëls" in t for t in titles)
    assert not any("René Gabriëls" in t for t in titles)
    assert stamp(out) is None
    assert list(out.glob(search_background.WORK_PREFIX + "*")) == []


def test_a_job_does_not_run_in_a_folder_that_was_removed(tmp_path):
    src = copy_root("site", tmp_path / "site")
    out = tmp_path / "html"
    env = slow_pagefind(tmp_path, 2)
    sphinx_build(src, out, tmp_path / "dt", "-D", "kb_pagefind_background=1", env=env)
    shutil.rmtree(out)  # make clean while the job waits for Pagefind
    time.sleep(5)
    assert not (out / "pagefind").exists()


def test_a_build_that_fails_still_gives_its_search_page_an_index(tmp_path, monkeypatch):
    src = copy_root("site", tmp_path / "site")
    first = Path(build(src, freshenv=True, confoverrides=BACKGROUND).outdir)
    wait_for_index(first, build_number(first))
    from alliantie_kb import export

    def broken(app, exception):
        # an extension that fails at the end of a build (Sphinx then tells
        # every handler again, with the error: this one leaves it at that)
        if exception is None:
            raise RuntimeError("kapot")

    monkeypatch.setattr(export, "write_export", broken)
    replace(src / "los.md", "Hier noemen we", "Op deze pagina noemen we")
    with pytest.raises(Exception, match="kapot"):
        build(src, confoverrides=BACKGROUND)
    # the page waits for its build, or an older page for its: either is answered
    assert wait_for_index(first, build_number(first)).get("error") is None


def test_a_job_that_cannot_start_says_why_on_the_search_page(tmp_path, monkeypatch):
    real = importlib.util.find_spec

    def without_pagefind(name, *args):
        return None if name == "pagefind" else real(name, *args)

    monkeypatch.setattr(search_background.importlib.util, "find_spec", without_pagefind)
    src = copy_root("site", tmp_path / "site")
    app = build(src, freshenv=True, confoverrides=BACKGROUND)
    out = Path(app.outdir)
    assert "Pagefind kon de site niet indexeren" in app.warning.getvalue()
    assert stamp(out) == {"build": build_number(out), "error": "No module named 'pagefind'"}


def test_the_job_does_not_import_from_the_working_directory(tmp_path):
    src = copy_root("site", tmp_path / "site")
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    (cwd / "pagefind.py").write_text("raise ImportError('from the working directory')\n")
    out = tmp_path / "html"
    sphinx_build(src, out, tmp_path / "dt", "-D", "kb_pagefind_background=1", cwd=cwd)
    assert wait_for_index(out, build_number(out)) == {"build": build_number(out)}


def test_a_damaged_cache_entry_is_read_again(tmp_path):
    src = copy_root("site", tmp_path / "site")
    app = build(src, freshenv=True)
    out = Path(app.outdir)
    fresh = by_url(out)
    cache = Path(app.doctreedir) / search_records.TEXTS_CACHE.format("html")
    with cache.open("wb") as f:
        pickle.dump((search_records._CACHE_VERSION, {"dag": 5, "mensen": ("x",)}), f)
    replace(src / "los.md", "Hier noemen we", "Op deze pagina noemen we")
    replace(src / "los.md", "Op deze pagina noemen we", "Hier noemen we")
    build(src)
    assert by_url(out) == fresh


def test_a_pagefind_file_cut_short_is_found(tmp_path, background_site):
    """Pagefind 1.5 can answer before its last write is done (its issue
    #1271); the extension lets it end by itself and checks what it wrote."""
    from alliantie_kb.pagefind import check_written

    out = tmp_path / "pagefind"
    shutil.copytree(background_site / "pagefind", out)
    check_written(out)  # a whole index passes
    fragment = next((out / "fragment").iterdir())
    whole = fragment.read_bytes()
    fragment.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(RuntimeError, match="incompletely"):
        check_written(out)
    fragment.write_bytes(whole)
    # files opened but never written (seen in CI), or an entry file cut short
    for name, cut in (
        ("pagefind-entry.json", b""),
        ("pagefind-ui.js", b""),
        ("pagefind-entry.json", b'{"version": "1.'),
    ):
        kept = (out / name).read_bytes()
        (out / name).write_bytes(cut)
        with pytest.raises(RuntimeError, match=f"{name} incompletely"):
            check_written(out)
        (out / name).write_bytes(kept)
    check_written(out)
