"""The reader's site in a real browser: Debian's chromium driven by Playwright.

Builds the real docs (with Pagefind), serves them on 127.0.0.1 and checks
search, facets, cross-references, accessibility (axe-core), console errors
and the phone layout. Writes the README screenshots to docs/_static/screenshots/
and the search-size figures to _build/test-artifacts/search-metrics.json.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from real_browser import serious_findings

from conftest import REPO

SCREENSHOTS = REPO / "docs" / "_static" / "screenshots"
ARTIFACTS = REPO / "_build" / "test-artifacts"





def search(page, server: str, query: str) -> list[str]:
    page.goto(f"{server}/search.html?q={quote(query)}")
    page.wait_for_selector(".pagefind-ui__result-link")
    page.wait_for_load_state("networkidle")  # all result fragments loaded
    return page.eval_on_selector_all(
        ".pagefind-ui__result-link", "els => els.map(e => new URL(e.href).pathname)"
    )


@pytest.mark.parametrize(
    ("query", "expected", "within"),
    [
        ("Gabriels", "/personen/rene-gabriels.html", 1),  # no diaeresis typed
        ("clienten", "/2012/werkgroepen.html", 1),  # cliëntenparticipatie, cliëntenraden
        ("voedselbank", "/2012/2-november.html", 3),  # stemmed: voedselbanken
        ("Brenninckmeijer", "/personen/alex-brenninkmeijer.html", 1),  # the alias
        ("ombudsman", "/personen/alex-brenninkmeijer.html", 3),
        ("Boodschappenmand", "/2012/werkgroepen.html", 3),
    ],
)
def test_search_finds_the_right_page(page, server, query, expected, within):
    results = search(page, server, query)
    assert expected in results[:within], results
    assert page.errors == []


def test_results_show_title_and_dutch_excerpt(page, server):
    search(page, server, "Gabriels")
    first = page.locator(".pagefind-ui__result").first
    assert first.locator(".pagefind-ui__result-title").inner_text().strip() == "René Gabriëls"
    excerpt = first.locator(".pagefind-ui__result-excerpt").inner_text()
    assert "Gabriëls" in excerpt or "filosoof" in excerpt
    assert "resultaten voor" in page.inner_text(".pagefind-ui__message")


def test_a_facet_narrows_the_results(page, server, site):
    before = search(page, server, "Gabriëls")
    page.locator("details.kb-refine > summary").click()  # the filters sit under "Verfijn"
    page.locator("summary.pagefind-ui__filter-name", has_text="Soort").click()
    page.get_by_label("Aanbeveling").check()
    # the list empties while Pagefind re-searches: wait for the filtered results
    page.wait_for_function(
        "n => { const c = document.querySelectorAll('.pagefind-ui__result-link').length;"
        " return c > 0 && c < n; }",
        arg=len(before),
    )
    page.wait_for_load_state("networkidle")
    after = page.eval_on_selector_all(
        ".pagefind-ui__result-link", "els => els.map(e => new URL(e.href).pathname)"
    )
    data = json.loads((site / "kb.json").read_text("utf-8"))
    with_recommendations = {
        "/" + o["url"].split("#")[0] for o in data["objects"] if o["type"] == "recommendation"
    }
    assert 0 < len(after) < len(before)
    assert set(after) <= with_recommendations


def test_cross_reference_lands_on_the_speaker(page, server):
    page.goto(f"{server}/2012/drachten.html")
    entry = page.locator("#aanbeveling-2012-brenninkmeijer-vertrouwen").locator("xpath=..")
    entry.get_by_role("link", name="Alex Brenninkmeijer").first.click()
    page.wait_for_url("**/personen/alex-brenninkmeijer.html#spreker-alex-brenninkmeijer")
    target = page.locator("#spreker-alex-brenninkmeijer")
    assert target.is_visible() and target.inner_text().startswith("PERSOON")
    box = target.bounding_box()
    assert box is not None and -5 <= box["y"] < 800  # scrolled into view


@pytest.mark.parametrize(
    "path",
    [
        "/index.html",
        "/personen/alex-brenninkmeijer.html",
        "/overzichten/aanbevelingen-per-geadresseerde.html",
        "/search.html?q=Gabriels",
    ],
)
def test_no_console_errors_and_no_serious_accessibility_violations(page, server, path):
    page.goto(server + path)
    if path.startswith("/search"):
        page.wait_for_selector(".pagefind-ui__result-link")
    page.wait_for_load_state("networkidle")
    serious = serious_findings(page)
    assert serious == []
    assert page.errors == []


def test_phone_shows_navigation_and_search(browser, server):
    phone = browser.new_page()
    phone.set_viewport_size({"width": 375, "height": 812})
    try:
        phone.goto(server + "/index.html")
        toggle = phone.locator("[data-toggle='wy-nav-top']")
        assert toggle.is_visible()
        toggle.click()
        nav = phone.locator("nav[data-toggle='wy-nav-shift']")
        phone.wait_for_function(
            "() => document.querySelector(\"nav[data-toggle='wy-nav-shift']\")"
            ".classList.contains('shift')"
        )
        box = nav.bounding_box()
        assert box is not None and box["x"] >= 0
        assert phone.get_by_role("link", name="Personen").first.is_visible()
        field = phone.locator("input[name='q']").first
        assert field.is_visible()
        field.fill("Brenninckmeijer")
        field.press("Enter")
        phone.wait_for_selector(".pagefind-ui__result-link")
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 375  # nothing forces sideways scrolling
    finally:
        phone.close()


def test_screenshots_and_search_size(browser, server, site):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 800})
    try:
        page.goto(server + "/index.html")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(SCREENSHOTS / "startpagina.png"))
        # bytes a reader downloads for a first query, on a fresh page
        downloaded: list[int] = []
        page.on(
            "response",
            lambda r: downloaded.append(len(r.body())) if "/pagefind/" in r.url else None,
        )
        search(page, server, "Gabriels")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(SCREENSHOTS / "zoeken.png"))
    finally:
        page.close()
    index_bytes = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    metrics = {
        "index_bytes": index_bytes,
        "first_query_bytes": sum(downloaded),
        "first_query_requests": len(downloaded),
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "search-metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    print("search metrics:", metrics)
    assert 0 < metrics["first_query_bytes"] < index_bytes
    for name in ("startpagina.png", "zoeken.png"):
        assert (SCREENSHOTS / name).stat().st_size > 20_000


def test_print_stylesheet_hides_the_navigation(page, server):
    page.goto(server + "/personen/alex-brenninkmeijer.html")
    page.emulate_media(media="print")
    assert not page.locator(".wy-nav-side").is_visible()
    assert page.locator("#spreker-alex-brenninkmeijer").is_visible()
    main = page.locator(".wy-nav-content").bounding_box()
    assert main is not None and main["x"] < 10  # the article uses the full width
