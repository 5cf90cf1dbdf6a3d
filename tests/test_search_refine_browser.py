"""A first search fetches no filter data (issue 17), in a real browser on
the real site.

Pagefind's filter files grow with the objects and were, on a large site,
more than the rest of a first query together. They are fetched when the
reader opens "Verfijn", and then the filters show the counts of the results
and narrow them. The search itself runs on the page, without Pagefind's
web worker script.
"""

from __future__ import annotations

import re
from pathlib import Path

QUERY = "ombudsman"
KIND = "Soort"


def search(page, server: str) -> list[str]:
    """Search QUERY on a fresh search page; the Pagefind files it fetched."""
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "/pagefind/" in r.url else None)
    page.goto(f"{server}/search.html?q={QUERY}")
    page.locator(".pagefind-ui__result-link").first.wait_for()
    page.wait_for_load_state("networkidle")
    return fetched


def shown_count(page) -> int:
    """The number of results the page says it found."""
    text = page.locator(".pagefind-ui__message").inner_text()
    return int(re.match(r"\d+", text).group(0))


def test_a_first_query_fetches_no_filter_file_and_no_worker(page, server):
    fetched = search(page, server)
    assert any("/pagefind/index/" in u for u in fetched)  # it did search
    assert [u for u in fetched if "/pagefind/filter/" in u] == []
    assert [u for u in fetched if "pagefind-worker" in u] == []
    refine = page.locator("details.kb-refine")
    assert refine.locator("summary").inner_text() == "Verfijn"
    assert refine.is_visible()
    assert refine.get_attribute("open") is None
    assert page.errors == []


def test_opening_refine_fetches_the_filters_with_the_results_counts(page, server):
    fetched = search(page, server)
    page.locator("details.kb-refine > summary").click()
    panel = page.locator("details.kb-refine .pagefind-ui__filter-panel")
    panel.wait_for()
    page.wait_for_load_state("networkidle")
    assert [u for u in fetched if "/pagefind/filter/" in u] != []
    # the counts are those of this query's results, as Pagefind counts them
    expected = page.evaluate(
        "async q => (await (await import(new URL('pagefind/pagefind.js', location.href)))"
        ".search(q)).filters",
        QUERY,
    )
    kind = panel.locator(".pagefind-ui__filter-block", has_text=KIND)
    kind.locator("summary").click()
    labels = kind.locator(".pagefind-ui__filter-label").all_inner_texts()
    shown = {
        m.group(1): int(m.group(2)) for m in map(re.compile(r"(.*) \((\d+)\)$").match, labels) if m
    }
    assert shown == expected[KIND]
    total = shown_count(page)
    # a value holding some but not all results narrows them to its count
    value, count = next((v, n) for v, n in sorted(shown.items()) if 0 < n < total)
    kind.locator(".pagefind-ui__filter-value", has_text=f"{value} (").locator("input").check()
    page.wait_for_function(
        "n => /^\\d+/.test(document.querySelector('.pagefind-ui__message')?.innerText || '')"
        " && parseInt(document.querySelector('.pagefind-ui__message').innerText) === n",
        arg=count,
    )
    assert shown_count(page) == count
    assert page.errors == []


def test_refine_is_offered_only_when_the_site_has_objects(tmp_path):
    """Without objects there is nothing to refine by (no record has filters),
    and the search page cannot ask Pagefind without fetching its filters."""
    from conftest import build

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "alliantie_kb"]\nprimary_domain = "kb"\n'
        'language = "nl"\nkb_pagefind = True\n',
        encoding="utf-8",
    )
    (src / "index.md").write_text("# Start\n\nAlleen tekst.\n", encoding="utf-8")

    def offered() -> str:
        app = build(src, freshenv=True)
        html = (Path(app.outdir) / "search.html").read_text("utf-8")
        found = re.search(r"var filtered = (\w+);", html)
        assert found is not None
        return found.group(1)

    assert offered() == "false"
    with (src / "index.md").open("a", encoding="utf-8") as page:
        page.write("\n```{speaker} jan-jansen\n:name: Jan Jansen\n```\n")
    assert offered() == "true"
