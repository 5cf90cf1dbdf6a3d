"""The search index made after the build, in a process of its own.

Under ``make serve`` every save rebuilds the site, and Pagefind indexes the
whole site again each time (seconds at 1,000 pages), although the volunteer
is looking at a page, not searching. With ``kb_pagefind_background = True``
the build ends as soon as its pages are written and the preview reloads; a
process of its own (``python -m alliantie_kb.search_background JOB``) then
indexes the site. Search stays correct when it is used: the search page
knows its build's number and waits, saying so, until the index of that
build or a newer one is in place (static/kb-search-wait.js).

* Every build takes a number one higher than the last (``LATEST``, in the
  doctree directory, one per output folder), at its start: a job of an
  earlier build that is still indexing sees this and stops, so two saves in
  a row index once.
* A job works only for the output folder whose search page names its build:
  once another build (one that indexes itself, or one with its doctrees
  elsewhere) has written that page, or the folder is gone, it stops.
* A job indexes into a folder of its own next to ``pagefind/`` and puts it in
  place only if it still works for the folder; ``pagefind/kb-build.json``
  names the build it indexed, or why it could not index (also when the job
  could not start, or Pagefind did not answer in time).
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import zlib
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from .search_records import SearchRecord

#: In the doctree directory: the number of the newest build into one output
#: folder (a checksum of its path), so that builders sharing the doctree
#: directory (html, dirhtml) do not stop each other's jobs.
LATEST = "kb-pagefind-latest-{:08x}"
#: In the doctree directory: one build's job, read and removed by its process.
JOB = "kb-pagefind-job-{}.json"
#: In the doctree directory: what the last job printed (a failure's traceback).
LOG = "kb-pagefind-job.log"
#: In the index: the build it belongs to, read by the search page.
STAMP = "kb-build.json"
#: A job's own folder in the output directory while it indexes.
WORK_PREFIX = ".kb-pagefind-"
#: How often a job checks whether a newer build started (seconds).
POLL = 0.2

_numbers: WeakKeyDictionary[Sphinx, int] = WeakKeyDictionary()


def _latest_file(state: Path, outdir: Path) -> Path:
    return state / LATEST.format(zlib.crc32(str(outdir.resolve()).encode("utf-8")))


def _read_latest(state: Path, outdir: Path) -> int:
    try:
        return int(_latest_file(state, outdir).read_text("ascii").strip())
    except (OSError, ValueError):
        return 0


def new_build(app: Sphinx) -> None:
    """Number this build, one higher than the last (and not below the
    clock's milliseconds, so a cleaned doctree directory does not start
    again below the index a page already waits for)."""
    state, outdir = Path(app.doctreedir), Path(app.outdir)
    number = max(_read_latest(state, outdir) + 1, time.time_ns() // 1_000_000)
    latest = _latest_file(state, outdir)
    state.mkdir(parents=True, exist_ok=True)
    temporary = latest.with_suffix(".tmp")
    temporary.write_text(str(number), "ascii")
    temporary.replace(latest)
    _numbers[app] = number


def _owns(page: Path, number: int) -> bool:
    """Whether the search page ``page`` is that of build ``number``."""
    try:
        return f'data-build="{number}"' in page.read_text("utf-8", errors="replace")
    except OSError:
        return False


def build_number(app: Sphinx) -> int | None:
    """The number of this build, if it is indexed."""
    return _numbers.get(app)


def forget(app: Sphinx) -> None:
    """A build that indexes in its own process: no background job's work
    folder is left over to be published."""
    for old in Path(app.outdir).glob(WORK_PREFIX + "*"):
        shutil.rmtree(old, ignore_errors=True)


def start(app: Sphinx, language: str, records: list[SearchRecord]) -> str | None:
    """Start indexing the built site in a process of its own; why it could
    not start, if it could not (the search page then says so too)."""
    number = build_number(app)
    if number is None:
        return "no build number"
    error = _start(app, number, language, records)
    if error is not None:
        fail(app, error)
    return error


def fail(app: Sphinx, error: str) -> None:
    """Tell this build's search page that its index could not be made."""
    number = build_number(app)
    if number is not None:
        _stamp(Path(app.outdir) / "pagefind", number, error)


def _start(app: Sphinx, number: int, language: str, records: list[SearchRecord]) -> str | None:
    if importlib.util.find_spec("pagefind") is None:
        return "No module named 'pagefind'"
    if not isinstance(app.builder, StandaloneHTMLBuilder):
        return "not an HTML build"
    state = Path(app.doctreedir)
    job = state / JOB.format(number)
    data = {
        "outdir": str(app.outdir),
        "state": str(state),
        "page": str(app.builder.get_outfilename("search")),
        "build": number,
        "language": language,
        # not dataclasses.asdict, which copies deeply: a second per 10,000 records
        "records": [[r.url, r.content, r.meta, r.filters] for r in records],
    }
    # -P: not the working directory first on the path (the build does not
    # put it there either); the extension's own folder instead, wherever
    # the build found it
    here = str(Path(__file__).resolve().parent.parent)
    # (an empty entry in PYTHONPATH would mean the working directory again)
    paths = [here, *(p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    try:
        job.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
        with (state / LOG).open("wb") as log:
            subprocess.Popen(  # noqa: S603  # our own module, with a path we wrote
                [sys.executable, "-P", "-m", __name__, str(job)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                # not stopped with the build (sphinx-autobuild's Ctrl-C stops
                # the build's process group); it stops itself when superseded
                start_new_session=True,
                close_fds=True,
            )
    except OSError as exc:
        return str(exc)
    return None


def _stamp(folder: Path, number: int, error: str | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    data: dict[str, Any] = {"build": number}
    if error is not None:
        data["error"] = error
    temporary = folder / (STAMP + ".tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    temporary.replace(folder / STAMP)


class _Job:
    """What one job works for: an output folder, as long as it is its build's."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.outdir, self.state = Path(data["outdir"]), Path(data["state"])
        self.page, self.number = Path(data["page"]), int(data["build"])

    def current(self) -> bool:
        """Whether no newer build started and the search page is this build's."""
        newer = _read_latest(self.state, self.outdir) > self.number
        return not newer and _owns(self.page, self.number)

    def stop_when_superseded(self) -> None:
        """Leave at once (the Pagefind process too: its input closes) once
        the job no longer works for its folder."""
        while True:
            time.sleep(POLL)
            if not self.current():
                os._exit(0)


def run_job(job_file: Path) -> int:
    """Index the site of the build described in ``job_file``; put the index
    in place if that build's pages are still there."""
    from .pagefind import failure, index_site

    data = json.loads(job_file.read_text("utf-8"))
    job_file.unlink(missing_ok=True)
    job = _Job(data)
    if not job.current():
        return 0
    threading.Thread(target=job.stop_when_superseded, daemon=True).start()
    outdir, number = job.outdir, job.number
    for old in outdir.glob(WORK_PREFIX + "*"):  # left by jobs that were stopped
        shutil.rmtree(old, ignore_errors=True)
    work = outdir / f"{WORK_PREFIX}{number}"
    records = [SearchRecord(*rec) for rec in data["records"]]
    try:
        index_site(outdir, work, data["language"], records)
    except Exception as exc:  # noqa: BLE001  # said on the search page
        shutil.rmtree(work, ignore_errors=True)
        if job.current():
            _stamp(outdir / "pagefind", number, failure(exc))
        raise
    _stamp(work, number)
    if not job.current():
        shutil.rmtree(work, ignore_errors=True)
        return 0
    index = outdir / "pagefind"
    old = outdir / f"{WORK_PREFIX}{number}-old"
    if index.exists():
        index.rename(old)
    work.rename(index)
    shutil.rmtree(old, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(run_job(Path(sys.argv[1])))
