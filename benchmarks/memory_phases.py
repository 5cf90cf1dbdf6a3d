"""Where a fresh build's peak memory goes (issue 17: memory against sphinx-needs).

    python benchmarks/memory_phases.py SRC OUT [-D name=value ...]

Builds SRC afresh (-E) with the html builder in this process and prints one
JSON line: the largest resident memory (MiB) in each phase ("read": up to the
end of reading; "after_read": the env-updated handlers, Sphinx pickling the
environment and the consistency checks; "write"; "finish": build-finished),
the number of docutils nodes in the doctrees Sphinx keeps in memory between
reading and writing (a serial build only; null with -j), their pickled size,
and the pickled size of each domain's data.
"""

from __future__ import annotations

import json
import os
import pickle
import resource
import sys
import threading
import time
from pathlib import Path
from typing import Any

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_mib() -> float:
    """Resident memory of this process now."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * PAGE / 2**20


class Phases:
    """Samples memory every 50 ms and files each sample under the current phase."""

    def __init__(self) -> None:
        self.phase = "start"
        self.peak: dict[str, float] = {}
        self.facts: dict[str, Any] = {}
        self.done = threading.Event()
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        while not self.done.wait(0.05):
            self.note()

    def note(self) -> None:
        now = rss_mib()
        self.peak[self.phase] = max(self.peak.get(self.phase, 0.0), now)

    def enter(self, phase: str) -> None:
        self.note()
        self.phase = phase


def attach(app: Any, phases: Phases) -> None:
    """Connect the phase markers to one Sphinx application."""
    from docutils import nodes

    def read_done(app: Any, env: Any) -> list[str]:
        # first of the env-updated handlers: reading ends here; what this
        # tool does itself is filed under "facts" and left out of the output
        phases.enter("facts")
        # Sphinx's private cache of the doctrees a fresh serial build keeps
        # between reading and writing; empty with -j (the workers pickle)
        cache = getattr(env, "_write_doc_doctree_cache", None)
        if not cache:
            phases.facts["nodes"] = None
            phases.facts["nodes_why_none"] = "Sphinx kept no doctrees in memory (-j, or renamed)"
        else:
            phases.facts["doctrees_in_memory"] = len(cache)
            phases.facts["nodes"] = sum(
                sum(1 for _ in tree.findall(nodes.Node)) for tree in cache.values()
            )
            pickled = sum(len(pickle.dumps(t, pickle.HIGHEST_PROTOCOL)) for t in cache.values())
            phases.facts["doctrees_pickled_mib"] = pickled / 2**20
        sizes = {
            name: len(pickle.dumps(data, pickle.HIGHEST_PROTOCOL)) / 2**20
            for name, data in env.domaindata.items()
        }
        phases.facts["domaindata_pickled_mib"] = {
            name: round(size, 3) for name, size in sorted(sizes.items(), key=lambda kv: -kv[1])
        }
        phases.enter("after_read")
        return []

    # after_read: the extension's env-updated handlers, Sphinx pickling the
    # environment, the consistency checks
    app.connect("env-updated", read_done, priority=1)
    app.connect("write-started", lambda app, builder: phases.enter("write"))
    app.connect("build-finished", lambda app, exc: phases.enter("finish"), priority=1)


def main(argv: list[str]) -> int:
    from sphinx.application import Sphinx
    from sphinx.cmd.build import build_main

    phases = Phases()
    original = Sphinx._init_builder

    def init_builder(self: Any) -> None:
        attach(self, phases)
        phases.enter("read")
        original(self)

    Sphinx._init_builder = init_builder  # type: ignore[method-assign]
    src, out, *rest = argv
    start = time.perf_counter()
    status = build_main(["-q", "-b", "html", "-E", *rest, src, out])
    phases.done.set()
    phases.note()
    print(
        json.dumps(
            {
                "status": status,
                "seconds": round(time.perf_counter() - start, 1),
                "peak_mib": {k: round(v) for k, v in phases.peak.items() if k != "facts"},
                # the true peak of this process (the samples are 50 ms apart)
                "maxrss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                **{k: round(v, 1) if isinstance(v, float) else v for k, v in phases.facts.items()},
            }
        )
    )
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
