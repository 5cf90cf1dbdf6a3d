"""One search result per object (issue 14, part 1).

The real docs are built with Pagefind and searched in chromium through
Pagefind's own JavaScript API (``pagefind.js``), as the search page does:
every object is a record of its own, linked to its anchor, titled with its
Dutch type, with its own facets; facet counts count objects; prose pages are
still found, without the objects' text. A dirhtml build is checked through
the index files (tests/pagefind_index.py).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pagefind_index import index_records
from real_browser import chromium_context

from conftest import all_warning_lines, build, copy_root

#: ``pagefind.search(query, options)`` -> every result's data (url, meta, filters)
SEARCH = """async ([query, options]) => {
    const pagefind = await import("/pagefind/pagefind.js");
    await pagefind.init();
    const found = await pagefind.search(query, options);
    return Promise.all(found.results.map(r => r.data()));
}"""
FILTERS = """async () => {
    const pagefind = await import("/pagefind/pagefind.js");
    await pagefind.init();
    return pagefind.filters();
}"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    yield from chromium_context(tmp_path_factory.mktemp("chromium-profile-records"))


@pytest.fixture(scope="module")
def page(browser, server):
    page = browser.new_page()
    page.goto(f"{server}/index.html")
    yield page
    page.close()


def search(page, query: str, **filters: str) -> list[dict]:
    return page.evaluate(SEARCH, [query, {"filters": filters}])


def kb_objects(site: Path) -> list[dict]:
    return json.loads((site / "kb.json").read_text("utf-8"))["objects"]


def test_a_recommendation_search_lists_recommendations_at_their_anchors(page, site):
    results = search(page, "overheid", Soort="Aanbeveling")
    anchors = {"/" + o["url"] for o in kb_objects(site) if o["type"] == "recommendation"}
    assert results
    for result in results:
        assert result["url"] in anchors  # the recommendation itself, not its page
        assert re.search(r"#aanbeveling-[a-z0-9-]+$", result["url"])
        assert result["meta"]["title"].startswith("Aanbeveling: ")
        assert result["filters"]["Soort"] == ["Aanbeveling"]
    # those addressed to the government are among them, with their own facets
    to_government = [r for r in results if "De overheid" in r["filters"].get("Gericht aan", [])]
    assert to_government
    # Brenninkmeijer's, from Drachten; a workshop's ("overheden") has no person
    made_by = [r for r in to_government if "Voorgesteld door" in r["filters"]]
    assert made_by
    assert all(r["filters"]["Alliantiedag"] == ["Alliantiedag Drachten"] for r in made_by)


def test_facet_counts_count_objects(page, site):
    counts = page.evaluate(FILTERS)["Soort"]
    objects = kb_objects(site)
    by_type = Counter(o["type"] for o in objects)
    assert counts["Aanbeveling"] == by_type["recommendation"]
    assert counts["Persoon"] == by_type["speaker"]
    assert sum(counts.values()) == len(objects)  # no page is counted


@pytest.mark.parametrize(
    ("alias", "anchor"),
    [
        ("Brenninckmeijer", "#spreker-alex-brenninkmeijer"),  # a spelling in the article
        ("Ans Nachtegaal", "#spreker-riet-karsenbarg"),  # a stage name
    ],
)
def test_another_name_finds_its_person_first(page, alias, anchor):
    results = search(page, alias)
    assert results[0]["url"].endswith(anchor), [r["url"] for r in results]
    assert results[0]["meta"]["title"].startswith("Persoon: ")


def _indexed_texts(site: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The text the reader can search, as the pages show it: each object's
    entry (by URL with anchor) and each page's prose (by URL) without them."""
    objects, prose = {}, {}
    for path in sorted(site.rglob("*.html")):
        body = BeautifulSoup(path.read_text("utf-8"), "html.parser").find(
            attrs={"data-pagefind-body": True}
        )
        if body is None:
            continue
        for skipped in body.select(".headerlink, .kb-backlinks-section"):
            skipped.decompose()
        url = "/" + path.relative_to(site).as_posix()
        for entry in body.select("dl.kb"):
            objects[f"{url}#{entry.dt['id']}"] = entry.get_text(" ")
            entry.decompose()
        prose[url] = body.get_text(" ")
    return objects, prose


def _unique_word(texts: dict[str, str], wanted: str) -> str | None:
    """A long word that starts no word anywhere but in the text ``wanted``."""
    everything = " ".join(texts.values()).casefold()
    for word in sorted(set(re.findall(r"\w{8,}", texts[wanted].casefold())), key=len)[::-1]:
        # Pagefind stems words and matches prefixes: no other word may share the stem
        if len(re.findall(rf"\b{word[:-2]}", everything)) == 1:
            return word
    return None


def test_an_objects_text_is_indexed_once(page, site):
    objects, prose = _indexed_texts(site)
    texts = {**objects, **prose}
    found = {u: _unique_word(texts, u) for u in objects if "#aanbeveling-" in u}
    url, word = next((u, w) for u, w in found.items() if w)
    results = search(page, word)
    assert [r["url"] for r in results] == [url], word


def test_prose_pages_stay_searchable_as_pages(page, site):
    objects, prose = _indexed_texts(site)
    texts = {**objects, **prose}
    # a person's page: its prose around the person's entry
    found = {u: _unique_word(texts, u) for u in prose if u.startswith("/personen/")}
    url, word = next((u, w) for u, w in found.items() if w)
    results = search(page, word)
    assert [r["url"] for r in results] == [url], word
    assert ":" not in results[0]["meta"]["title"]  # a page: its own title, no type
    assert results[0]["filters"] == {}  # no object facets on pages


def test_the_search_page_shows_the_type_and_lands_on_the_object(browser, server):
    page = browser.new_page()
    page.goto(f"{server}/search.html?q=Brenninckmeijer")
    first = page.locator(".pagefind-ui__result-link").first
    first.wait_for()
    assert first.inner_text().strip() == "Persoon: Alex Brenninkmeijer"
    first.click()
    # the searched word travels along, for the landed page to mark (issue 15)
    page.wait_for_url(
        lambda url: url.endswith(
            "/personen/alex-brenninkmeijer.html"
            "?pagefind-highlight=brenninckmeijer#spreker-alex-brenninkmeijer"
        )
    )
    assert page.locator("#spreker-alex-brenninkmeijer").is_visible()
    page.close()


def test_dirhtml_records_link_to_the_objects_anchor(tmp_path):
    src = copy_root("views", tmp_path / "src")
    app = build(src, "dirhtml", freshenv=True, confoverrides={"kb_pagefind": True})
    assert all_warning_lines(app.warning.getvalue()) == []
    records = index_records(Path(app.outdir))
    objects = [r for r in records if "#" in r["url"]]
    assert objects
    for rec in objects:
        page_url, anchor = rec["url"].split("#")
        assert page_url.startswith("/") and page_url.endswith("/")
        written = Path(app.outdir) / page_url.lstrip("/") / "index.html"
        assert f'id="{anchor}"' in written.read_text("utf-8")
    pages = {r["url"] for r in records if "#" not in r["url"]}
    assert {r["url"].split("#")[0] for r in objects} <= pages | {"/"}
