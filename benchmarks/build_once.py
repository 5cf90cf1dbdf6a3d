"""One timed Sphinx build in its own process (so peak RSS is this build's).

    python benchmarks/build_once.py SRC OUT [-j N] [-E] [-D name=value ...]

Prints one JSON line: seconds, peak RSS in KiB, and for the kb flavour the
seconds spent writing kb.json.
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
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"status": status, "seconds": seconds, "rss_kib": rss, **timings}))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
