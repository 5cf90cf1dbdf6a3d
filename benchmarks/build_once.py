"""One timed Sphinx build in its own process (so peak RSS is this build's).

    python benchmarks/build_once.py SRC OUT [-j N] [-E] [-D name=value ...]

Prints one JSON line: wall seconds, CPU seconds (this process and every
process it started and waited for: Pagefind, the workers of -j), peak RSS in
KiB (the largest of those processes), and for the kb flavour the seconds
spent writing kb.json.
"""

from __future__ import annotations

import json
import resource
import sys
import time


def main(argv: list[str]) -> int:
    timings = {"kbjson_seconds": None}
    try:
        from alliantie_kb import export

        original = export.write_export

        def timed(app, exception):
            start = time.perf_counter()
            original(app, exception)
            timings["kbjson_seconds"] = time.perf_counter() - start

        export.write_export = timed
    except ImportError:  # pragma: no cover - only the plain flavours lack it
        pass
    from sphinx.cmd.build import build_main

    src, out, *rest = argv
    start = time.perf_counter()
    status = build_main(["-q", "-b", "html", *rest, src, out])
    seconds = time.perf_counter() - start
    me = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime
    rss = max(me.ru_maxrss, children.ru_maxrss)
    line = {"status": status, "seconds": seconds, "cpu_seconds": cpu, "rss_kib": rss}
    print(json.dumps({**line, **timings}))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
