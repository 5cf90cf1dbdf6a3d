"""Where a fresh build's peak memory goes (issue 17: memory against sphinx-needs).

    python benchmarks/memory_phases.py SRC OUT [-D name=value ...]

Builds SRC once with the html builder in this process and prints one JSON
line: the largest resident memory (MiB) in each phase (reading, the checks
after reading, writing), the number of docutils nodes in the doctrees Sphinx
keeps in memory between reading and writing, their pickled size, and the
pickled size of everything the domains keep in the environment.
"""

from __future__ import annotations

import json
import pickle
import sys
import threading
import time
from pathlib import Path
from typing import Any

PAGE = 4096


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
        phases.enter("checks")
        cache = getattr(env, "_write_doc_doctree_cache", {})
        phases.facts["doctrees_in_memory"] = len(cache)
        phases.facts["nodes"] = sum(
            sum(1 for _ in tree.findall(nodes.Node)) for tree in cache.values()
        )
        phases.facts["doctrees_pickled_mib"] = (
            sum(len(pickle.dumps(tree, pickle.HIGHEST_PROTOCOL)) for tree in cache.values()) / 2**20
        )
        phases.facts["domaindata_pickled_mib"] = {
            name: round(len(pickle.dumps(data, pickle.HIGHEST_PROTOCOL)) / 2**20, 2)
            for name, data in env.domaindata.items()
            if len(pickle.dumps(data, pickle.HIGHEST_PROTOCOL)) > 2**17
        }
        return []

    app.connect("env-updated", read_done)
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
                "peak_mib": {k: round(v) for k, v in phases.peak.items()},
                **{k: round(v, 1) if isinstance(v, float) else v for k, v in phases.facts.items()},
            }
        )
    )
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
