"""The recommendations explorer of the real site in a real browser: narrowing
by facets, counts that follow, reset, the keyboard, axe, file://, print and
a phone. Screenshots go to _build/test-artifacts/."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from real_browser import serious_findings

from conftest import REPO, kb_json

PAGE = "overzichten/aanbevelingen-verkennen.html"
ARTIFACTS = REPO / "_build" / "test-artifacts"





@pytest.fixture(scope="module")
def recs(site) -> list[dict]:
    """The recommendations of kb.json, with the titles of what they name."""
    objects = {o["id"]: o for o in kb_json(site)["objects"]}
    out = []
    for o in objects.values():
        if o["type"] != "recommendation":
            continue
        fields = o["fields"]
        speaker = objects.get(fields.get("speaker", ""))
        out.append(
            {
                "title": o["title"],
                "addressee": [
                    objects[a]["title"] if a in objects else a for a in fields.get("addressee", [])
                ],
                "theme": fields.get("theme"),
                "speaker": speaker["title"] if speaker else None,
            }
        )
    return out


def open_explorer(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("form.kb-explorer-controls:not([hidden])")


def visible_titles(page) -> list[str]:
    return page.eval_on_selector_all(
        "li.kb-explorer-item:not([hidden]) .kb-explorer-title",
        "els => els.map(e => e.innerText.trim())",
    )


def counts(page, legend: str) -> dict[str, int]:
    labels = page.locator("fieldset", has=page.locator("legend", has_text=legend)).locator("label")
    out = {}
    for text in labels.all_inner_texts():
        m = re.fullmatch(r"(.*) \((\d+)\)", " ".join(text.split()))
        assert m, text
        out[m[1]] = int(m[2])
    return out


def box(page, legend: str, value: str):
    """The checkbox of ``value`` in the facet ``legend``."""
    fieldset = page.locator("fieldset", has=page.locator("legend", has_text=legend))
    return fieldset.get_by_label(re.compile(rf"^{re.escape(value)} \(\d+\)$"))


def status(page) -> str:
    return page.inner_text(".kb-explorer-status").strip()


def test_the_whole_list_first(page, server, recs):
    open_explorer(page, f"{server}/{PAGE}")
    assert sorted(visible_titles(page)) == sorted(r["title"] for r in recs)
    assert status(page) == f"{len(recs)} van de {len(recs)} aanbevelingen"
    assert counts(page, "Gericht aan")["De overheid"] == sum(
        "De overheid" in r["addressee"] for r in recs
    )
    assert page.errors == []


def test_ticking_an_addressee_narrows_the_list_and_the_counts_follow(page, server, recs):
    open_explorer(page, f"{server}/{PAGE}")
    box(page, "Gericht aan", "De overheid").check()
    chosen = [r for r in recs if "De overheid" in r["addressee"]]
    assert 0 < len(chosen) < len(recs)
    assert sorted(visible_titles(page)) == sorted(r["title"] for r in chosen)
    assert status(page) == f"{len(chosen)} van de {len(recs)} aanbevelingen"
    # the other facets count what is left
    themes = Counter(r["theme"] for r in chosen)
    assert {k: v for k, v in counts(page, "Thema").items() if v} == dict(themes)
    speakers = counts(page, "Voorgesteld door")
    for name in {r["speaker"] for r in recs if r["speaker"]}:
        assert speakers[name] == sum(r["speaker"] == name for r in chosen)
    # its own facet still counts against the others' choices (none): unchanged
    assert counts(page, "Gericht aan")["De overheid"] == len(chosen)
    assert page.errors == []


def test_two_facets_combine_and_show_all_resets(page, server, recs):
    open_explorer(page, f"{server}/{PAGE}")
    before = {legend: counts(page, legend) for legend in ("Gericht aan", "Thema")}
    # two values of one facet: either; another facet: both
    box(page, "Gericht aan", "De overheid").check()
    box(page, "Gericht aan", "de voedselbanken").check()
    either = [r for r in recs if {"De overheid", "de voedselbanken"} & set(r["addressee"])]
    assert sorted(visible_titles(page)) == sorted(r["title"] for r in either)
    box(page, "Voorgesteld door", "René Gabriëls").check()
    both = [r for r in either if r["speaker"] == "René Gabriëls"]
    assert 0 < len(both) < len(either)
    assert sorted(visible_titles(page)) == sorted(r["title"] for r in both)
    page.get_by_role("button", name="Toon alles").click()
    assert len(visible_titles(page)) == len(recs)
    assert page.locator("form.kb-explorer-controls input:checked").count() == 0
    assert {legend: counts(page, legend) for legend in before} == before
    assert page.errors == []


def test_keyboard_alone(page, server, recs):
    open_explorer(page, f"{server}/{PAGE}")
    first = page.locator("form.kb-explorer-controls input").first
    first.focus()
    page.keyboard.press("Space")
    assert first.is_checked()
    assert len(visible_titles(page)) < len(recs)
    page.keyboard.press("Tab")  # the next value
    assert page.evaluate("document.activeElement.type") == "checkbox"
    page.locator(".kb-explorer-reset").focus()
    page.keyboard.press("Enter")
    assert not first.is_checked()
    assert len(visible_titles(page)) == len(recs)
    # every control is reachable with Tab from the top of the form
    reached = page.evaluate(
        """() => { const f = document.querySelector('form.kb-explorer-controls');
        return [...f.querySelectorAll('input, button')].every(e => e.tabIndex >= 0); }"""
    )
    assert reached


def test_no_serious_accessibility_violations(page, server):
    open_explorer(page, f"{server}/{PAGE}")
    box(page, "Gericht aan", "De overheid").check()  # with some counts at zero
    serious = serious_findings(page)
    assert serious == []
    assert page.errors == []


def test_works_from_a_file(page, site, recs):
    open_explorer(page, (site / PAGE).as_uri())
    assert page.url.startswith("file://")
    box(page, "Voorgesteld door", "Alex Brenninkmeijer").check()
    chosen = [r for r in recs if r["speaker"] == "Alex Brenninkmeijer"]
    assert sorted(visible_titles(page)) == sorted(r["title"] for r in chosen)
    assert page.errors == []


def test_print_shows_the_list_without_controls(page, server, recs):
    open_explorer(page, f"{server}/{PAGE}")
    page.emulate_media(media="print")
    assert not page.locator("form.kb-explorer-controls").is_visible()
    assert len(visible_titles(page)) == len(recs)


@pytest.mark.parametrize(("name", "width", "height"), [("desktop", 1280, 900), ("phone", 390, 844)])
def test_screenshots_and_phone_width(browser, server, name, width, height):
    page = browser.new_page()
    try:
        page.set_viewport_size({"width": width, "height": height})
        open_explorer(page, f"{server}/{PAGE}")
        folded = page.locator("details.kb-facet:not([open])").count()
        # a phone sees the facets folded, so that the list shows; a desktop open
        assert folded == (page.locator("details.kb-facet").count() if width < 640 else 0)
        if folded:
            page.locator("summary", has_text="Gericht aan").click()
        box(page, "Gericht aan", "De overheid").check()
        assert "(1 gekozen)" in page.inner_text("summary:has-text('Gericht aan')")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shot = ARTIFACTS / f"aanbevelingen-verkennen-{name}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 20_000
    finally:
        page.close()
