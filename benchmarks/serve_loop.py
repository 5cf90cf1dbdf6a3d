"""The volunteer's loop: from saving a file under ``make serve`` to the new page.

    python benchmarks/serve_loop.py N [REPEAT] [kb hand plain kb-pagefind]

Starts the real ``sphinx-autobuild`` on a corpus of N pages (corpus.py) the
way the Makefile's ``serve`` target does, waits for the first build, then
REPEAT times saves a real edit to the text of one page and waits until the
built HTML of that page carries it. Seconds per flavour (median), for the
knowledge base, the same information by hand and the text-only floor.

The knowledge base is served with the Makefile's options, Pagefind off
(``-D kb_pagefind=0``): the preview does not rebuild the search index on
every save (see the Makefile's ``serve`` target).
"""

from __future__ import annotations

import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402

#: the options of ``make serve`` (Makefile), after SOURCE and OUTPUT
SERVE_OPTIONS = ["-n", "--keep-going"]
KB_OPTIONS = ["-D", "kb_preview_problems=1", "-D", "kb_pagefind=0"]
PAGE = Path("p") / "p00001.md"
#: how long the first build and one rebuild may take before giving up
FIRST_BUILD, REBUILD = 3600.0, 600.0


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


def save_to_page(src: Path, flavour: str, repeat: int) -> list[float]:
    """Seconds from each save of PAGE to its changed HTML, under sphinx-autobuild."""
    out = src / "_build" / "html"
    html = out / PAGE.with_suffix(".html")
    autobuild = Path(sys.executable).parent / "sphinx-autobuild"
    extra = {"kb": KB_OPTIONS, "kb-pagefind": KB_OPTIONS[:2]}.get(flavour, [])
    command = [str(autobuild), str(src), str(out), "--host", "127.0.0.1"]
    port = _free_port()
    command += ["--port", str(port), "--ignore", "*.swp", *SERVE_OPTIONS, *extra]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = []
    try:
        _wait_for(lambda: _serving(port), FIRST_BUILD, process)
        for i in range(repeat):
            word = f"Bewaard{i}x{time.monotonic_ns()}"
            page = src / PAGE
            text = page.read_text("utf-8")
            at = text.rindex("\n\n") + 2  # the last paragraph: plain text in every flavour
            saved = time.monotonic()
            page.write_text(text[:at] + word + " " + text[at:], "utf-8")
            done = _wait_for(lambda w=word: w in html.read_text("utf-8"), REBUILD, process)
            seconds.append(done - saved)
            time.sleep(1.0)  # let sphinx-autobuild settle before the next save
    finally:
        process.terminate()
        process.wait(timeout=30)
    return seconds


def measure_loop(
    n: int, work: Path, repeat: int = 3, flavours: tuple[str, ...] = ("kb", "hand", "plain")
) -> dict[str, float]:
    """Median seconds from save to page per flavour at size N ("kb-pagefind":
    the knowledge base with Pagefind re-indexing on every save)."""
    shutil.rmtree(work, ignore_errors=True)
    paths = corpus.write_all(n, work)
    paths["kb-pagefind"] = paths["kb"]
    return {
        flavour: statistics.median(save_to_page(paths[flavour], flavour, repeat))
        for flavour in flavours
    }


if __name__ == "__main__":
    size = int(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    chosen = tuple(sys.argv[3:]) or ("kb", "hand", "plain")
    print(measure_loop(size, Path("_build") / "serve-loop" / str(size), runs, chosen))
