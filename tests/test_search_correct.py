"""A misspelt name is searched as the knowledge base's own name (issue 15, item 4).

search_names.py writes the names' words and the site's words close to them
to _static/kb-search-names.js; on the search page kb-search-correct.js
searches a query word that is no site word but close to a name as that name,
and a notice above the results says so, with a link to the search as typed.
The measured hits@1 on the misspellings is in test_search_landing.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import pytest
from real_browser import chromium_context, serious_findings, watched_page

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "_build" / "test-artifacts"
NOTICE = ".kb-search-correction"
#: Correctly spelt queries, names and ordinary words: never rewritten.
CORRECT = [
    "armoede",
    "ombudsman",
    "Gabriëls",
    "Gabriels",
    "voedselbank",
    "Brenninkmeijer",
    "Brenninckmeijer",
    "Drachten",
    "clienten",
    "Karsenbarg",
    "Nachtegaal",
    "Janssen",
    "Kuiper",
    "Fryslân",
    "vertrouwen",
    "wantrouwen",
    "Boodschappenmand",
    "solidariteit",
    "brachten",  # a site word one edit from "Drachten"
    "brenn",  # the start of a name: Pagefind finds it as typed
]


# -- the names and the comparison -------------------------------------------------


def test_words_are_compared_without_diacritics_and_with_ij_as_y():
    from alliantie_kb.search_names import fold, key, limit
    from alliantie_kb.validation import edit_distance as distance

    assert key("Gabriëls") == "gabriels" and key("Fryslân") == "fryslan"
    assert fold("Brenninkmeijer") == fold("brenninkmeyer") == "brenninkmeyer"
    assert distance("brenninkmyer", "brenninkmeyer") == 1
    assert distance("rameakers", "ramaekers") == 1  # two neighbours swapped
    assert distance("nagtegaal", "nachtegaal") == 2
    assert distance("ombudsman", "ombudsman") == 0
    assert limit("kuyper") == 1 and limit("karsenberg") == 2


def test_site_words_close_to_a_name_are_kept():
    from alliantie_kb.search_names import kept_words

    names = ["Drachten", "Kuiper"]
    kept = kept_words(names, {"brachten", "drachten", "kuipers", "armoede", "os"})
    assert kept == ["brachten", "kuipers"]  # the names themselves are not listed


def test_the_names_file_holds_names_places_and_kept_words(site):
    (path,) = (site / "_static").glob("kb-search-names-*.js")  # one, named by its content
    text = path.read_text("utf-8")
    prefix = "window.kbSearchNames = "
    assert text.startswith(prefix)
    data = json.loads(text[len(prefix) :].rstrip().rstrip(";"))
    names = set(data["names"])
    # titles, other names, and places (Field.names), as written
    assert {"Brenninkmeijer", "Brenninckmeijer", "Gabriëls", "Nachtegaal"} <= names
    assert {"Drachten", "Deventer", "Roermond", "Cliëntenraad"} <= names
    assert "brachten" in data["kept"] and "jansen" not in data["kept"]
    assert not names & set(data["kept"])
    # small: it is loaded before the search page can search
    assert path.stat().st_size < 4096


# -- on the search page ---------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    yield from chromium_context(tmp_path_factory.mktemp("chromium-correct"), local_only=True)


@pytest.fixture
def page(browser):
    pages = watched_page(browser)
    page = next(pages)
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    next(pages, None)  # closes it


def search(page, server: str, query: str, extra: str = "") -> None:
    """Search ``query`` on the search page and wait for its results."""
    page.goto(f"{server}/search.html?q={quote(query)}{extra}")
    page.wait_for_function(
        "() => { const m = document.querySelector('.pagefind-ui__message');"
        " return m && /\\d|geen/i.test(m.innerText); }"
    )
    page.wait_for_load_state("networkidle")


def test_a_misspelt_name_is_searched_as_the_name_and_said_so(page, server):
    search(page, server, "brenninkmijer")
    notice = page.locator(NOTICE)
    assert notice.get_attribute("role") == "status"
    assert notice.inner_text() == (
        "Resultaten voor \u2018Brenninkmeijer\u2019. Zocht u echt naar \u2018brenninkmijer\u2019?"
    )
    # the notice comes before the results, and the box keeps what was typed
    assert notice.evaluate(
        "n => !!(n.compareDocumentPosition(document.querySelector('.pagefind-ui__result'))"
        " & Node.DOCUMENT_POSITION_FOLLOWING)"
    )
    assert page.locator(".pagefind-ui__search-input").input_value() == "brenninkmijer"
    first = page.locator(".pagefind-ui__result-link").first
    assert "Brenninkmeijer" in first.inner_text()
    # the link searches the query as typed, without a correction
    notice.locator("a").click()
    page.wait_for_function(
        "() => /geen|\\d/i.test(document.querySelector('.pagefind-ui__message')?.innerText || '')"
    )
    assert page.locator(".pagefind-ui__search-input").input_value() == "brenninkmijer"
    assert page.locator(NOTICE).inner_text() == ""
    assert page.locator(".pagefind-ui__result-link").count() == 0
    assert page.errors == []


def test_print_leaves_the_correction_out(page, server):
    search(page, server, "dragten")
    assert page.locator(NOTICE).is_visible()
    page.emulate_media(media="print")
    assert not page.locator(NOTICE).is_visible()


@pytest.mark.parametrize("query", CORRECT)
def test_a_correct_query_is_never_rewritten(page, server, query):
    search(page, server, query)
    assert page.locator(NOTICE).inner_text() == ""
    assert page.evaluate("q => window.kbSearchCorrect.correct(q)", query) == query
    assert page.locator(".pagefind-ui__result-link").count() >= 1
    assert page.errors == []


@pytest.mark.parametrize(
    "query",
    [
        "brenninkmijer <img src=x onerror=alert(1)>",
        "\"dragten' <script>alert(1)</script>",
    ],
)
def test_a_hostile_query_is_shown_as_text(page, server, query):
    search(page, server, query)
    notice = page.locator(NOTICE)
    text = notice.inner_text()
    assert text.startswith("Resultaten voor \u2018")
    assert query in text  # the query as typed, character for character
    assert notice.locator("img, script").count() == 0
    assert page.locator("#kb-search img").count() == 0
    assert page.dialogs == []


def test_no_serious_accessibility_findings_with_the_correction_shown(page, server):
    page.set_viewport_size({"width": 375, "height": 740})
    search(page, server, "brenninkmijer")
    assert page.locator(NOTICE).is_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search-corrected-phone.png"))
    assert serious_findings(page) == []
    # on a phone the notice fits the screen: nothing scrolls sideways
    assert page.eval_on_selector(NOTICE, "e => e.getBoundingClientRect().right") <= 375
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
