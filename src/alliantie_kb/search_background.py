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
  doctree directory), at its start: a job of an earlier build that is still
  indexing sees this and stops, so two saves in a row index once.
* A job indexes into a folder of its own next to ``pagefind/`` and puts it in
  place only if no newer build started meanwhile; ``pagefind/kb-build.json``
  names the build it indexed (or why it could not index).
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
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from sphinx.application import Sphinx

from .search_records import SearchRecord

#: In the doctree directory: the number of the newest build.
LATEST = "kb-pagefind-latest"
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


def _read_latest(state: Path) -> int:
    try:
        return int((state / LATEST).read_text("ascii").strip())
    except (OSError, ValueError):
        return 0


def new_build(app: Sphinx) -> None:
    """Number this build, one higher than the last (and not below the
    clock's milliseconds, so a cleaned doctree directory does not start
    again below the index a page already waits for)."""
    state = Path(app.doctreedir)
    number = max(_read_latest(state) + 1, time.time_ns() // 1_000_000)
    state.mkdir(parents=True, exist_ok=True)
    temporary = state / (LATEST + ".tmp")
    temporary.write_text(str(number), "ascii")
    temporary.replace(state / LATEST)
    _numbers[app] = number


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
    not start, if it could not."""
    number = build_number(app)
    if number is None:
        return "no build number"
    if importlib.util.find_spec("pagefind") is None:
        return "No module named 'pagefind'"
    state = Path(app.doctreedir)
    job = state / JOB.format(number)
    data = {
        "outdir": str(app.outdir),
        "state": str(state),
        "build": number,
        "language": language,
        # not dataclasses.asdict, which copies deeply: a second per 10,000 records
        "records": [[r.url, r.content, r.meta, r.filters] for r in records],
    }
    try:
        job.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
        with (state / LOG).open("wb") as log:
            subprocess.Popen(  # noqa: S603  # our own module, with a path we wrote
                [sys.executable, "-m", __name__, str(job)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
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


def _stop_when_superseded(state: Path, number: int) -> None:
    """Leave at once (the Pagefind process too: its input closes) once a
    newer build has started."""
    while True:
        time.sleep(POLL)
        if _read_latest(state) > number:
            os._exit(0)


def run_job(job: Path) -> int:
    """Index the site of the build described in ``job``; put the index in
    place unless a newer build started meanwhile."""
    from .pagefind import failure, index_site

    data = json.loads(job.read_text("utf-8"))
    job.unlink(missing_ok=True)
    outdir, state, number = Path(data["outdir"]), Path(data["state"]), int(data["build"])
    if _read_latest(state) > number:
        return 0
    threading.Thread(target=_stop_when_superseded, args=(state, number), daemon=True).start()
    for old in outdir.glob(WORK_PREFIX + "*"):  # left by jobs that were stopped
        shutil.rmtree(old, ignore_errors=True)
    work = outdir / f"{WORK_PREFIX}{number}"
    records = [SearchRecord(*rec) for rec in data["records"]]
    try:
        index_site(outdir, work, data["language"], records)
    except Exception as exc:  # noqa: BLE001  # said on the search page
        shutil.rmtree(work, ignore_errors=True)
        _stamp(outdir / "pagefind", number, failure(exc))
        raise
    _stamp(work, number)
    if _read_latest(state) > number:
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
