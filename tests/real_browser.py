"""A real browser for the tests: Debian's chromium through Playwright (DESIGN.md §4),
against a folder served on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

from conftest import missing

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def require_chromium() -> None:
    """Skip without chromium, but fail in CI, where its absence is a defect."""
    if not Path(CHROMIUM).exists():
        missing("chromium")


def serve_folder(folder: Path):
    """Serve ``folder`` on 127.0.0.1 (a free port); yield its base URL."""
    import functools
    import http.server
    import threading

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # keep test output readable
            pass

    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def chromium_context(profile: Path, local_only: bool = False):
    """A fresh chromium profile at 1280x800 in Dutch; with ``local_only``
    every request to another host is aborted. Yields the browser context."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            args=CHROMIUM_FLAGS,
            headless=True,
            viewport={"width": 1280, "height": 800},
            locale="nl-NL",
        )
        if local_only:
            context.route(
                "**/*",
                lambda route: route.continue_()
                if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:"))
                else route.abort(),
            )
        try:
            yield context
        finally:
            context.close()


def watched_page(browser):
    """A new page of ``browser`` whose console errors and page errors are kept
    in ``page.errors`` (tests assert it stays empty); closed afterwards."""
    page = browser.new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    page.close()


def serious_findings(page, context: dict | None = None) -> list[tuple[str, str, int]]:
    """axe's serious and critical findings on ``page`` (within ``context``,
    axe's include/exclude selectors, if given): (rule, impact, nodes)."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, context=context) if context else Axe().run(page)
    return [
        (v["id"], v["impact"], len(v["nodes"]))
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
