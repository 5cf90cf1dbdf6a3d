"""Search that lands (issue 15, item 4), in a real browser on the real site.

A search result opens its page at the object or section that matched, with
the searched words marked (``<mark class="pagefind-highlight">``) and a short
notice of what was searched for, with a link back to the results; Escape and
the close button dismiss it and print leaves it out. Small misspellings of
the knowledge base's names still find them: MISSPELLINGS is the measured list.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from real_browser import chromium_context, serious_findings, watched_page

#: (a reader's misspelling, a word of the title the first result must carry).
#: Made by hand from the names in docs/: people, places, organisations.
MISSPELLINGS = [
    ("brenninkmijer", "Brenninkmeijer"),
    ("brenninkmeyer", "Brenninkmeijer"),
    ("breninkmeijer", "Brenninkmeijer"),
    ("brennikmeijer", "Brenninkmeijer"),
    ("gabriels", "Gabriëls"),
    ("gabrils", "Gabriëls"),
    ("karsenberg", "Karsenbarg"),
    ("karssenbarg", "Karsenbarg"),
    ("ramakers", "Ramaekers"),
    ("rameakers", "Ramaekers"),
    ("jansen", "Janssen"),
    ("kuyper", "Kuiper"),
    ("nachtegal", "Karsenbarg"),
    ("nagtegaal", "Karsenbarg"),
    ("ombudsmann", "ombudsman"),
    ("ombutsman", "ombudsman"),
    ("dragten", "Drachten"),
    ("deventr", "Deventer"),
    ("roermont", "Roermond"),
    ("amsterdm", "Amsterdam"),
    ("clientenrad", "Cliëntenraad"),
    ("mastricht", "Maastricht"),
    ("agendacomissie", "Agendacommissie"),
    ("bernadete", "Bernadette"),
    ("fryslan", "Fryslân"),
]
#: hits@1 over MISSPELLINGS through the search page, measured: 5 of 25 as
#: shipped; 25 of 25 with the search page's corrections to the knowledge
#: base's own names (kb-search-correct.js). One of slack for ranking changes.
MIN_HITS_AT_1 = 24


def first_result(page, server: str, query: str) -> str | None:
    """What a reader sees first on the search page for ``query``: the first
    result's title and page, or None when nothing is found."""
    page.goto(f"{server}/search.html?q={quote(query)}")
    page.wait_for_function(
        "() => { const m = document.querySelector('.pagefind-ui__message');"
        " return m && !document.querySelector('.pagefind-ui__loading')"
        " && /\\d|geen/i.test(m.innerText); }"
    )
    page.wait_for_load_state("networkidle")  # all result fragments loaded
    link = page.locator(".pagefind-ui__result-link").first
    if link.count() == 0:
        return None
    address = link.evaluate("e => decodeURI(new URL(e.href).pathname)")
    return f"{link.inner_text()} {address}"


REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "_build" / "test-artifacts"
#: A word of a recommendation deep in the long Drachten page, and where it lands.
QUERY = "wantrouwen"
ANCHOR = "aanbeveling-2012-brenninkmeijer-vertrouwen"
NOTICE = ".kb-search-notice"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    yield from chromium_context(tmp_path_factory.mktemp("chromium-landing"), local_only=True)


@pytest.fixture
def page(browser):
    yield from watched_page(browser)


def land(page, server: str, query: str = QUERY) -> None:
    """Search ``query`` on the search page and open its first result."""
    page.goto(f"{server}/search.html?q={quote(query)}")
    link = page.locator(".pagefind-ui__result-link").first
    link.wait_for()
    link.click()
    page.wait_for_selector("mark.pagefind-highlight")
    page.wait_for_selector(f"{NOTICE} a")


def in_view(page, selector: str) -> bool:
    """Whether the top of the element ``selector`` is inside the window."""
    return page.eval_on_selector(
        selector,
        "e => { const r = e.getBoundingClientRect();"
        " return r.top > -2 && r.top < window.innerHeight; }",
    )


def test_a_result_opens_at_its_object_with_the_words_marked(page, server):
    land(page, server)
    # the searched word travels in the address, the object's anchor stays
    assert page.url.endswith(f"/2012/drachten.html?pagefind-highlight={QUERY}#{ANCHOR}")
    marks = page.locator(f"[id='{ANCHOR}'] ~ dd mark.pagefind-highlight")
    assert marks.count() >= 1
    assert marks.first.inner_text().lower() == QUERY
    # the page is scrolled to the object, not left at its top
    assert page.evaluate("window.scrollY") > 500
    assert in_view(page, f"[id='{ANCHOR}']")
    assert page.errors == []


def test_the_notice_says_what_was_searched_and_leads_back(page, server):
    land(page, server)
    notice = page.locator(NOTICE)
    assert notice.get_attribute("role") == "status"
    assert notice.is_visible()
    assert "Gezocht naar: \u2018wantrouwen\u2019" in notice.inner_text()
    back = notice.locator("a")
    assert back.inner_text() == "terug naar de resultaten"
    # the notice itself is not marked
    assert notice.locator("mark").count() == 0
    back.click()
    page.wait_for_selector(".pagefind-ui__result-link")
    assert page.url.endswith(f"/search.html?q={QUERY}")
    assert page.locator(".pagefind-ui__search-input").input_value() == QUERY


def test_escape_and_the_close_button_dismiss_the_notice(page, server):
    land(page, server)
    page.keyboard.press("Escape")
    assert page.locator(NOTICE).count() == 0
    assert page.locator("mark.pagefind-highlight").count() >= 1  # the marks stay
    land(page, server)
    page.locator(f"{NOTICE} button").click()
    assert page.locator(NOTICE).count() == 0


def test_the_close_button_has_a_dutch_name(page, server):
    land(page, server)
    button = page.locator(f"{NOTICE} button")
    assert button.get_attribute("aria-label") == "Melding sluiten"


def test_print_leaves_the_notice_out(page, server):
    land(page, server)
    page.emulate_media(media="print")
    assert not page.locator(NOTICE).is_visible()
    page.emulate_media(media="screen")
    assert page.locator(NOTICE).is_visible()


def test_a_page_opened_without_a_search_has_no_notice(page, server):
    page.goto(f"{server}/2012/drachten.html#{ANCHOR}")
    page.wait_for_load_state("networkidle")
    assert page.locator(NOTICE).count() == 0
    assert page.locator("mark.pagefind-highlight").count() == 0


def test_a_query_in_the_address_is_shown_as_text(page, server):
    query = "<img src=x onerror=alert(1)>"
    page.goto(f"{server}/2012/drachten.html?pagefind-highlight={quote(query)}")
    page.wait_for_selector(f"{NOTICE} a")
    assert query in page.locator(NOTICE).inner_text()
    assert page.locator(f"{NOTICE} img").count() == 0


def test_no_serious_accessibility_findings_on_the_landed_page(page, server):
    page.set_viewport_size({"width": 375, "height": 740})
    land(page, server)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search-landing-phone.png"))
    assert serious_findings(page) == []
    # on a phone the notice fits the screen
    width = page.eval_on_selector(NOTICE, "e => e.getBoundingClientRect().right")
    assert width <= 375


def test_misspelled_names_are_found_first(page, server):
    firsts = [first_result(page, server, q) for q, _ in MISSPELLINGS]
    pairs = zip(MISSPELLINGS, firsts, strict=True)
    hits = [q for (q, want), first in pairs if first and want in first]
    assert len(MISSPELLINGS) >= 20
    assert len(hits) >= MIN_HITS_AT_1, [q for q, _ in MISSPELLINGS if q not in hits]
    assert page.errors == []


def test_a_misspelled_name_shows_the_objects_own_text(page, server):
    first = first_result(page, server, "brenninkmijer")
    assert first == "Alex Brenninkmeijer /personen/alex-brenninkmeijer.html"
    excerpt = page.locator(".pagefind-ui__result-excerpt").first
    # the name is marked as the page writes it; the misspelling is nowhere
    assert excerpt.locator("mark").first.inner_text().rstrip(".") == "Brenninkmeijer"
    assert "brenninkmijer" not in excerpt.inner_text().lower()
    # a word of the object's own text is still shown where it was found
    page.goto(f"{server}/search.html?q={QUERY}")
    page.locator(".pagefind-ui__result").first.wait_for()
    assert page.locator(".pagefind-ui__result-excerpt mark").first.inner_text() == QUERY
