"""Diagrams a reader can use, on the real site in a real browser (issue 15, item 5).

On a 1280 px screen the diagram's text is drawn at 11 px or more (it is shown
at its natural size in a region that scrolls, with zoom buttons that work
from the keyboard); on a 375 px phone the page does not scroll sideways and
the diagram's list alternative is one tap away. No reader page says "klik",
on screen or on paper; printed, the person page and the 2012 page show the
entries and the diagram, no list of links, and the diagram stays with its
heading. axe finds nothing serious. Screenshots of the 2012 diagram at both
widths go to ``_build/test-artifacts/``.
"""

from __future__ import annotations

import re

import pytest
from reader_checks import reader_pages
from real_browser import serious_findings

from conftest import REPO

ARTIFACTS = REPO / "_build" / "test-artifacts"
EDITION = "/2012/index.html"
PERSON = "/personen/rene-gabriels.html"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}

#: The smallest drawn font size (CSS px) of the texts in every diagram's SVG.
SMALLEST_TEXT = """() => Array.from(document.querySelectorAll('object.kb-diagram')).map(o => {
  const doc = o.contentDocument;
  return Math.min(...Array.from(doc.querySelectorAll('text')).map(t => {
    const size = parseFloat(t.getAttribute('font-size') || getComputedStyle(t).fontSize);
    return size * t.getScreenCTM().a;
  }));
})"""

#: Visible lists of four or more items that hold nothing but links (a table of
#: contents, breadcrumbs, "what refers here"; a short list of a person's
#: recommendations in the text is content).
LINK_LISTS = """() => Array.from(document.querySelectorAll('ul, ol')).filter(list => {
  if (!list.offsetParent && getComputedStyle(list).position !== 'fixed') return false;
  const items = Array.from(list.children).filter(li => li.offsetParent);
  if (items.length < 4) return false;
  return items.every(li => {
    const links = Array.from(li.querySelectorAll('a'));
    const linked = links.map(a => a.innerText).join('').replace(/\\s+/g, '');
    return links.length && linked === li.innerText.replace(/\\s+/g, '');
  });
}).map(list => list.innerText.slice(0, 120))"""





def open_page(page, server: str, path: str, viewport: dict[str, int]) -> None:
    """Load ``path`` at ``viewport`` and wait until every diagram's SVG is in."""
    page.set_viewport_size(viewport)
    page.goto(server + path)
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('object.kb-diagram'))"
        ".every(o => o.contentDocument && o.contentDocument.querySelector('text'))"
    )


@pytest.mark.parametrize("path", [EDITION, PERSON])
def test_diagram_text_is_readable_on_a_desktop(page, server, path):
    open_page(page, server, path, DESKTOP)
    sizes = page.evaluate(SMALLEST_TEXT)
    assert sizes and min(sizes) >= 11, sizes
    # the region scrolls, not the page
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    assert page.errors == []


def test_zoom_buttons_work_from_the_keyboard(page, server):
    open_page(page, server, EDITION, DESKTOP)
    picture = page.locator("object.kb-diagram")
    natural = picture.bounding_box()["width"]
    smaller = page.get_by_role("button", name="Kleiner")
    assert smaller.is_visible()
    smaller.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Space")
    assert picture.bounding_box()["width"] < 0.7 * natural
    page.get_by_role("button", name="Diagram op ware grootte tonen").focus()
    page.keyboard.press("Enter")
    assert picture.bounding_box()["width"] == pytest.approx(natural, abs=1)
    page.get_by_role("button", name="Diagram passend maken in de breedte").click()
    view = page.locator(".kb-diagram-view")
    assert picture.bounding_box()["width"] <= view.bounding_box()["width"]
    # the region itself takes the keyboard's focus (arrow keys scroll it)
    assert view.get_attribute("tabindex") == "0"
    assert view.get_attribute("aria-label") == "Diagram van de Alliantiedagen 2012"


def test_the_phone_offers_the_diagram_as_a_list(page, server):
    open_page(page, server, EDITION, PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    view = page.locator(".kb-diagram-view").bounding_box()
    assert view["x"] + view["width"] <= PHONE["width"]
    summary = page.locator("details.kb-diagram-list > summary")
    assert summary.is_visible() and summary.inner_text() == "Het diagram als lijst"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator(".kb-diagram-figure").evaluate("e => e.scrollIntoView()")
    page.screenshot(path=str(ARTIFACTS / "diagram-375.png"))
    summary.click()
    items = page.locator("details.kb-diagram-list li")
    assert items.first.is_visible()
    text = page.locator("details.kb-diagram-list").inner_text()
    # one path of the story: day -> talk -> recommendation -> addressee
    assert re.search(
        r"Alliantiedag Drachten\s+Lezing Waarom maakt de overheid mij zo boos\?"
        r"\s+Aanbeveling Behandel mensen met respect\s+Gericht aan: De overheid",
        text,
    ), text
    link = page.locator("details.kb-diagram-list a", has_text="Alliantiedag Drachten")
    assert link.get_attribute("href") == "drachten.html#dag-2012-drachten"
    summary.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "diagram-375-list.png"))


def test_screenshot_of_the_diagram_on_a_desktop(page, server):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    open_page(page, server, EDITION, DESKTOP)
    page.locator(".kb-diagram-figure").evaluate("e => e.scrollIntoView()")
    page.screenshot(path=str(ARTIFACTS / "diagram-1280.png"))


def test_no_reader_page_says_klik(site):
    from bs4 import BeautifulSoup

    saying = []
    for path in reader_pages(site):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        main = soup.find(role="main") or soup
        if re.search(r"\bklik", main.get_text(" "), re.IGNORECASE):
            saying.append(path.relative_to(site).as_posix())
    assert saying == []


@pytest.mark.parametrize("path", [EDITION, PERSON])
def test_print_shows_entries_and_diagram_without_link_lists(page, server, path):
    open_page(page, server, path, DESKTOP)
    page.emulate_media(media="print")
    text = page.evaluate("document.body.innerText")
    assert not re.search(r"\bklik", text, re.IGNORECASE)
    assert page.evaluate(LINK_LISTS) == []
    for nav in (".toctree-wrapper", ".wy-breadcrumbs", ".kb-backlinks-section"):
        assert not page.locator(nav).first.is_visible(), nav
    assert page.locator("object.kb-diagram").is_visible()
    assert not page.locator("details.kb-diagram-list").is_visible()
    assert not page.locator(".kb-diagram-zoom").is_visible()
    entries = "dl.kb" if path == PERSON else "table.kb-listing"  # the entries
    assert page.locator(entries).first.is_visible()
    # the diagram fits the paper and is kept with its heading
    breaks = page.evaluate(
        """() => {
      const figure = document.querySelector('.kb-diagram-figure');
      const section = figure.closest('section');
      const heading = section.querySelector('h1, h2, h3, h4');
      const style = e => getComputedStyle(e);
      return {
        heading: style(heading).breakAfter,
        section: style(section).breakInside,
        figure: [style(figure).breakBefore, style(figure).breakInside],
        fits: figure.getBoundingClientRect().width <= section.getBoundingClientRect().width,
      };
    }"""
    )
    assert breaks == {
        "heading": "avoid",
        "section": "avoid",
        "figure": ["avoid", "avoid"],
        "fits": True,
    }


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE])
def test_no_serious_accessibility_findings(page, server, viewport):
    open_page(page, server, EDITION, viewport)
    page.locator("details.kb-diagram-list > summary").click()
    # the diagram, its buttons and its list (the rest of the page is other tests')
    scope = {"include": [[".kb-diagram-figure"], ["details.kb-diagram-list"]]}
    serious = serious_findings(page, scope)
    assert serious == []
    assert page.errors == []
