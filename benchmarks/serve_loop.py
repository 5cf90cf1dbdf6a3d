"""The volunteer's loop: from saving a file under ``make serve`` to the new page.

    python benchmarks/serve_loop.py N [REPEAT] [kb hand plain kb-pagefind]

Starts the real ``sphinx-autobuild`` on a corpus of N pages (corpus.py) the
way the Makefile's ``serve`` target does, waits for the first build, then
REPEAT times saves a real edit to the text of one page and waits until a
browser tab showing that page (Chromium, reloaded by sphinx-autobuild when
its build ends) shows it; also when the built HTML file carries it, and when
the site's search page, opened then, finds the new word. Seconds per flavour
(median), for the knowledge base, the same information by hand and the
text-only floor.

The knowledge base is served with the Makefile's options: Pagefind indexes
after each build in a process of its own (``kb_pagefind_background``) and
the search page waits for its build's index. "kb-pagefind" is the knowledge
base with Pagefind in the build itself, as ``make html`` does.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402
from bench_browser import launch  # noqa: E402

#: the options of ``make serve`` (Makefile), after SOURCE and OUTPUT
SERVE_OPTIONS = ["-n", "--keep-going"]
KB_OPTIONS = ["-D", "kb_preview_problems=1", "-D", "kb_pagefind_background=1"]
PAGE = Path("p") / "p00001.md"
#: how long the first build and one rebuild may take before giving up
FIRST_BUILD, REBUILD = 3600.0, 600.0
#: how long one look at the search page may wait for a result
ATTEMPT = 30.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serving(port: int) -> bool:
    """Whether sphinx-autobuild serves (it starts after its first build)."""
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _wait_for(check, timeout: float, process: subprocess.Popen) -> float:
    """Poll CHECK every 20 ms; the moment it held, or an error."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return time.monotonic()
        if process.poll() is not None:
            raise RuntimeError("sphinx-autobuild stopped")
        time.sleep(0.02)
    raise TimeoutError("no new page")


def _browser_shows(tab, word: str) -> bool:
    """Whether the open tab (reloaded by sphinx-autobuild) shows WORD."""
    try:
        return bool(tab.evaluate("w => document.body.innerText.includes(w)", word))
    except Exception:  # noqa: BLE001 - the tab is reloading: not yet
        return False


#: A search result on the search page: Pagefind's, or Sphinx's own.
RESULT = {"kb": ".pagefind-ui__result-link", "kb-pagefind": ".pagefind-ui__result-link"}
SPHINX_RESULT = "#search-results ul.search li a"


def _word(i: int) -> str:
    """A new word of letters only (both searches find it as typed)."""
    n, letters = time.monotonic_ns(), []
    while n:
        n, digit = divmod(n, 26)
        letters.append(chr(ord("a") + digit))
    return f"bewaard{'abcdefghij'[i % 10]}{''.join(letters)}"


def _search_finds(browser, port: int, flavour: str, word: str) -> bool:
    """Whether the site's search page, opened now, finds WORD (it may wait
    for its index: kb-search-wait.js)."""
    tab = browser.new_page()
    try:
        tab.goto(f"http://127.0.0.1:{port}/search.html?q={word}")
        tab.wait_for_selector(RESULT.get(flavour, SPHINX_RESULT), timeout=ATTEMPT * 1000)
        return True
    except Exception:  # noqa: BLE001 - not found (yet): the caller tries again
        return False
    finally:
        tab.close()


def save_to_page(src: Path, flavour: str, repeat: int) -> list[tuple[float, float, float]]:
    """For each save of PAGE under sphinx-autobuild: seconds until its built
    HTML carries the edit, until the browser tab that shows the page
    (reloaded by sphinx-autobuild when its build ends) shows it, and until
    the search page finds the new word."""
    from playwright.sync_api import sync_playwright

    out = src / "_build" / "html"
    html = out / PAGE.with_suffix(".html")
    autobuild = Path(sys.executable).parent / "sphinx-autobuild"
    extra = {"kb": KB_OPTIONS, "kb-pagefind": KB_OPTIONS[:2]}.get(flavour, [])
    command = [str(autobuild), str(src), str(out), "--host", "127.0.0.1"]
    port = _free_port()
    command += ["--port", str(port), "--ignore", "*.swp", *SERVE_OPTIONS, *extra]
    # a session of its own: stopping it stops its builds and Pagefind too
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    seconds = []
    try:
        _wait_for(lambda: _serving(port), FIRST_BUILD, process)
        with sync_playwright() as play:
            browser = launch(play)
            tab = browser.new_page()
            tab.goto(f"http://127.0.0.1:{port}/{PAGE.with_suffix('.html').as_posix()}")
            for i in range(repeat):
                word = _word(i)
                page = src / PAGE
                text = page.read_text("utf-8")
                at = text.rindex("\n\n") + 2  # the last paragraph: plain text in every flavour
                saved = time.monotonic()
                page.write_text(text[:at] + word + " " + text[at:], "utf-8")
                written = _wait_for(lambda w=word: _shows(html, w), REBUILD, process)
                shown = _wait_for(lambda w=word: _browser_shows(tab, w), REBUILD, process)
                found = _wait_for(
                    lambda w=word: _search_finds(browser, port, flavour, w), REBUILD, process
                )
                seconds.append((written - saved, shown - saved, found - saved))
                time.sleep(1.0)  # let sphinx-autobuild settle before the next save
            browser.close()
    finally:
        _stop(process)
    return seconds


def _shows(html: Path, word: str) -> bool:
    """Whether the built page carries WORD (it may be half written or gone)."""
    try:
        return word in html.read_text("utf-8", errors="replace")
    except OSError:
        return False


def _stop(process: subprocess.Popen) -> None:
    """Stop sphinx-autobuild and everything it started (its process group)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
            process.wait(timeout=30)
            return
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue


def measure_loop(
    n: int, work: Path, repeat: int = 3, flavours: tuple[str, ...] = ("kb", "hand", "plain")
) -> dict[str, float]:
    """Median seconds from save to the browser showing the page, per flavour
    at size N (``<flavour>_html``: until the built file carries it;
    ``<flavour>_search``: until the search page finds it); "kb-pagefind" is
    the knowledge base with Pagefind indexing in the build on every save."""
    shutil.rmtree(work, ignore_errors=True)
    paths = corpus.write_all(n, work)
    paths["kb-pagefind"] = paths["kb"]
    result: dict[str, float] = {}
    for flavour in flavours:
        runs = save_to_page(paths[flavour], flavour, repeat)
        result[flavour] = statistics.median(run[1] for run in runs)
        result[f"{flavour}_html"] = statistics.median(run[0] for run in runs)
        result[f"{flavour}_search"] = statistics.median(run[2] for run in runs)
    return result


if __name__ == "__main__":
    size = int(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    chosen = tuple(sys.argv[3:]) or ("kb", "hand", "plain")
    print(measure_loop(size, Path("_build") / "serve-loop" / str(size), runs, chosen))
