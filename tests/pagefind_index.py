"""What a built site's Pagefind index holds, read back from its files.

Pagefind writes one gzipped fragment per record (``pagefind/fragment/``):
``pagefind_dcd`` followed by JSON with the record's ``url``, ``content``,
``meta`` and ``filters``. Reading them checks the index without a browser.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"


def index_records(site: Path) -> list[dict[str, Any]]:
    """Every record of the Pagefind index of the built site ``site``, by URL."""
    out = []
    for fragment in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(SIGNATURE), fragment
        out.append(json.loads(data[len(SIGNATURE) :]))
    return sorted(out, key=lambda r: r["url"])


def record_filters(site: Path, page: str) -> set[str]:
    """``facet:value`` of every record on ``page`` (``/objecten.html``)."""
    return {
        f"{facet}:{value}"
        for rec in index_records(site)
        if rec["url"].split("#")[0] == page
        for facet, values in rec["filters"].items()
        for value in values
    }
