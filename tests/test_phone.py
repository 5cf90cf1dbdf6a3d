"""The reader's site on a phone (issue 15, item 2), in a real browser.

Every page of the real site fits a 375 px screen and a 1280 px one without
sideways scrolling; tables stack or scroll in a labelled region; names never
break mid-word; the search box is on the phone's first screen, in Dutch, and
keeps its query; on the search page the results come first and the filters
fold away behind "Verfijn". Writes phone screenshots to
_build/test-artifacts/phone/ (look at them).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from real_browser import chromium_context, serious_findings, watched_page

from conftest import REPO

ARTIFACTS = REPO / "_build" / "test-artifacts" / "phone"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}
PLACEHOLDER = "Zoek in de kennisbank"



@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from chromium_context(tmp_path_factory.mktemp("chromium-phone"))


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    pages = watched_page(browser)
    page = next(pages)
    page.set_viewport_size(PHONE)
    yield page
    next(pages, None)  # closes it


def reader_pages(site: Path) -> list[str]:
    """Every built HTML page a reader can open, except Pagefind's own files."""
    skip = {"pagefind", "_static", "_sources", "_images"}
    return sorted(
        "/" + p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not skip & set(p.relative_to(site).parts)
    )


def test_no_page_scrolls_sideways(browser: Any, server: str, site: Path) -> None:
    """At 375 and at 1280 px the document is never wider than the window."""
    page = browser.new_page()
    too_wide = []
    try:
        for size in (PHONE, DESKTOP):
            page.set_viewport_size(size)
            for path in reader_pages(site):
                page.goto(server + path, wait_until="load")
                width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
                if width[0] > width[1]:
                    too_wide.append((size["width"], path, width[0]))
    finally:
        page.close()
    assert len(reader_pages(site)) > 30
    assert too_wide == []


def test_tables_stack_or_scroll_in_a_labelled_region(phone: Any, server: str) -> None:
    """A listing table at 375 px is cards (one cell per line, the column
    name beside it); a wide table scrolls inside a named, focusable region."""
    phone.goto(server + "/overzichten/aanbevelingen-per-geadresseerde.html")
    table = phone.locator("table.kb-listing").first
    cells = table.locator("tbody tr").first.locator("td")
    assert cells.count() >= 2
    assert cells.nth(0).evaluate("td => getComputedStyle(td).display") == "block"
    label = cells.nth(1).evaluate("td => getComputedStyle(td, '::before').content")
    assert label.strip('"') == cells.nth(1).get_attribute("data-label")
    assert (
        phone.locator("table.kb-listing thead").first.evaluate(
            "el => el.getBoundingClientRect().height"
        )
        < 2
    )  # the header row is in the cards, for the eye; still read by screen readers
    phone.goto(server + "/kb-aanbevelingen.html")
    region = phone.locator("[role='region'][aria-label='Schuif opzij voor meer kolommen']")
    assert region.count() >= 1
    assert region.first.get_attribute("tabindex") == "0"


def test_names_never_break_mid_word(phone: Any, server: str) -> None:
    """No table cell lets a browser cut a word anywhere, and names are not hyphenated."""
    for path in (
        "/overzichten/aanbevelingen-per-geadresseerde.html",
        "/overzichten/sprekers.html",
        "/personen/alex-brenninkmeijer.html",
        "/kb-aanbevelingen.html",
    ):
        phone.goto(server + path)
        styles = phone.eval_on_selector_all(
            "table td, table th, table a, dl.field-list dd, dl.field-list dt, dl.field-list a",
            "els => els.map(e => { const s = getComputedStyle(e);"
            " return [s.wordBreak, s.overflowWrap, s.hyphens]; })",
        )
        assert styles, path
        for word_break, overflow_wrap, hyphens in styles:
            assert word_break != "break-all", path
            assert overflow_wrap != "anywhere", path
            assert hyphens == "manual", path
    # a long name stays on one line in its card
    phone.goto(server + "/overzichten/aanbevelingen-per-geadresseerde.html")
    links = phone.locator("table.kb-listing a", has_text="Brenninkmeijer")
    assert links.count() >= 1
    rects = links.first.evaluate("a => a.getClientRects().length")
    assert rects == 1


def test_search_box_on_the_phones_first_screen(phone: Any, server: str) -> None:
    """Without opening the menu, a Dutch search box is on screen, and it searches."""
    phone.goto(server + "/personen/alex-brenninkmeijer.html")
    menu = phone.locator(".wy-nav-top button[data-toggle='wy-nav-top']")
    assert menu.get_attribute("title") == "Menu openen of sluiten"
    assert menu.get_attribute("aria-label") == "Menu openen of sluiten"
    box = phone.locator(".wy-nav-top input[name='q']")
    assert box.is_visible()
    bounds = box.bounding_box()
    assert bounds is not None and bounds["y"] + bounds["height"] <= PHONE["height"]
    assert bounds["x"] + bounds["width"] <= PHONE["width"]
    assert box.get_attribute("placeholder") == PLACEHOLDER
    assert box.get_attribute("aria-label") == PLACEHOLDER
    box.fill("Brenninckmeijer")
    box.press("Enter")
    phone.wait_for_selector(".pagefind-ui__result-link")
    assert phone.errors == []


def test_search_boxes_keep_the_query(browser: Any, server: str) -> None:
    """After a search, the sidebar box (and the phone's box) show what was searched for."""
    page = browser.new_page()
    page.set_viewport_size(DESKTOP)
    try:
        page.goto(server + "/index.html")
        side = page.locator(".wy-side-nav-search input[name='q']")
        assert side.get_attribute("placeholder") == PLACEHOLDER
        side.fill("voedselbank")
        side.press("Enter")
        page.wait_for_selector(".pagefind-ui__result-link")
        assert page.locator(".wy-side-nav-search input[name='q']").input_value() == "voedselbank"
        assert page.locator(".wy-nav-top input[name='q']").input_value() == "voedselbank"
        page.set_viewport_size(PHONE)  # one search box on the phone's search page: Pagefind's
        assert not page.locator(".wy-nav-top input[name='q']").is_visible()
        assert page.locator(".pagefind-ui__search-input").is_visible()
        assert page.locator(".pagefind-ui__search-input").input_value() == "voedselbank"
    finally:
        page.close()


def test_search_page_results_first_filters_behind_verfijn(phone: Any, server: str) -> None:
    """At 375 px the first result comes before the filters, which are folded
    away in one "Verfijn" control; opened, they still filter."""
    phone.goto(server + "/search.html?q=aanbeveling")
    phone.wait_for_selector(".pagefind-ui__result-link")
    refine = phone.locator("details.kb-refine")
    refine.wait_for(state="attached")
    assert refine.count() == 1
    assert refine.locator("> summary").inner_text().strip() == "Verfijn"
    assert refine.get_attribute("open") is None
    first = phone.locator(".pagefind-ui__result-link").first.bounding_box()
    control = refine.locator("> summary").bounding_box()
    assert first is not None and control is not None
    assert first["y"] < control["y"]
    assert first["y"] < PHONE["height"]  # on the first screen
    before = phone.locator(".pagefind-ui__result").count()
    refine.locator("> summary").click()  # the filters are fetched now
    block = phone.locator("details.kb-refine .pagefind-ui__filter-block").first
    block.wait_for()
    assert phone.locator(".pagefind-ui__filter-panel").count() == 1
    block.locator("summary").click()
    block.locator("input[type='checkbox']").first.check()
    phone.wait_for_function(
        f"() => document.querySelectorAll('.pagefind-ui__result').length < {before}"
        " || document.querySelector('.pagefind-ui__message').textContent.length > 0"
    )
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert phone.errors == []


@pytest.mark.parametrize(
    "path",
    [
        "/personen/alex-brenninkmeijer.html",
        "/overzichten/aanbevelingen-per-geadresseerde.html",
        "/kb-aanbevelingen.html",
        "/search.html?q=ombudsman",
    ],
)
def test_phone_pages_pass_axe(phone: Any, server: str, path: str) -> None:
    """No serious or critical accessibility finding on a phone."""
    phone.goto(server + path)
    if path.startswith("/search"):
        phone.wait_for_selector(".pagefind-ui__result-link")
    phone.wait_for_load_state("networkidle")
    serious = serious_findings(phone)
    assert serious == []
    assert phone.errors == []


def test_phone_screenshots(phone: Any, server: str) -> None:
    """Screenshots at 375 px of an entry, a listing and a search (for a person to look at)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, path in (
        ("entry", "/personen/alex-brenninkmeijer.html"),
        ("listing", "/overzichten/aanbevelingen-per-geadresseerde.html"),
        ("index", "/kb-aanbevelingen.html"),
        ("search", "/search.html?q=ombudsman"),
    ):
        phone.goto(server + path)
        if path.startswith("/search"):
            phone.wait_for_selector(".pagefind-ui__result-link")
        phone.wait_for_load_state("networkidle")
        phone.screenshot(path=str(ARTIFACTS / f"{name}-375.png"))
        phone.set_viewport_size(DESKTOP)
        phone.screenshot(path=str(ARTIFACTS / f"{name}-1280.png"))
        phone.set_viewport_size(PHONE)
        assert (ARTIFACTS / f"{name}-375.png").stat().st_size > 10_000
