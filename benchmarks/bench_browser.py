"""What the benchmark scripts share to look at a built site in Chromium.

Debian's chromium, headless, with nothing that reaches the network on its
own; a site folder served on 127.0.0.1 for as long as the ``with`` lasts.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the report readable
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port); its base URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def launch(playwright):
    """Chromium, as every script here starts it."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)


def for_search(url: str) -> bool:
    """Whether a response belongs to searching on the knowledge base's search page.

    Pagefind's files, and the extension's own search scripts (``kb-search-*``,
    ``kb-search-filters/``). Left out: the landing script (``kb-search-landing``)
    that every page loads, so a reader coming from another page has it already.
    """
    path = urlsplit(url).path
    if "/pagefind/" in path:
        return True
    own = re.search(r"/_static/kb-search(?:-|/)", path)
    return own is not None and "/_static/kb-search-landing" not in path
