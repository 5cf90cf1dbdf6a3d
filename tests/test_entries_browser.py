"""An entry page in a real browser (issue 15, item 3): accessible, and on a
375 px phone its opening line and "Zie ook" read as text without sideways
scrolling. The screenshots go to _build/test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import pytest
from real_browser import serious_findings

from conftest import REPO

ARTIFACTS = REPO / "_build" / "test-artifacts"
ENTRY = "/2012/drachten.html#aanbeveling-2012-brenninkmeijer-respect"




@pytest.mark.parametrize("path", ["/2012/drachten.html", "/personen/alex-brenninkmeijer.html"])
def test_entry_pages_have_no_serious_accessibility_violations(browser, server, path):
    page = browser.new_page()
    try:
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
        serious = serious_findings(page)
        assert serious == []
    finally:
        page.close()


@pytest.mark.parametrize(("width", "height"), [(375, 812), (1280, 800)])
def test_an_entry_reads_as_text_on_a_phone_and_a_desktop(browser, server, width, height):
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": height})
    try:
        page.goto(server + ENTRY)
        page.wait_for_load_state("networkidle")
        line = page.locator("#aanbeveling-2012-brenninkmeijer-respect + dd > p.kb-entry-line")
        assert line.is_visible()
        text = " ".join(line.inner_text().split())
        assert text.startswith("Aanbeveling van Alex Brenninkmeijer aan de overheid")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"entry-{width}.png"))
        see_also = page.locator(".kb-backlinks-section").last
        see_also.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / f"entry-see-also-{width}.png"))
    finally:
        page.close()
