"""Per-file bytes of a first query on the search page (issue 17's budget).

``python query_files.py SITE`` opens ``search.html?q=armoede`` in Chromium as
``run.first_query`` does and lists every response it counts (Pagefind's
files and the extension's search scripts) with its raw and gzip size in KiB,
largest first, and the totals.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

from bench_browser import for_search, launch, served

KIB = 1024


def query_files(site: Path, query: str = "armoede") -> list[tuple[str, int, int]]:
    """(path, raw bytes, gzip bytes) of each response run.first_query counts."""
    from playwright.sync_api import sync_playwright

    seen: list[tuple[str, bytes]] = []
    with served(site) as base, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.on("response", lambda r: seen.append((r.url, r.body())) if for_search(r.url) else None)
        page.goto(f"{base}/search.html?q={query}")
        page.wait_for_selector(".pagefind-ui__result-link", timeout=30000)
        page.wait_for_load_state("networkidle")
        browser.close()
    rows = [(url.split(base, 1)[1], len(body), len(gzip.compress(body))) for url, body in seen]
    return sorted(rows, key=lambda row: -row[2])


def main() -> None:
    """Print the table for the site given on the command line."""
    rows = query_files(Path(sys.argv[1]))
    for name, raw, packed in rows:
        print(f"{raw / KIB:8.1f} {packed / KIB:8.1f}  {name}")
    raw, packed = sum(r[1] for r in rows) / KIB, sum(r[2] for r in rows) / KIB
    print(f"{raw:8.1f} {packed:8.1f}  total (KiB raw, KiB gzip)")


if __name__ == "__main__":
    main()
