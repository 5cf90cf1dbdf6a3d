"""Previews of objects in a real browser: hovering or focusing a link to an
object shows its card (previews.py, static/kb-hovercard.js) on the built real
docs, served on 127.0.0.1; Escape, leaving and blur hide it; axe finds nothing
serious with the card open; print hides it and the EPUB has none of it."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from real_browser import serious_findings, watched_page

from alliantie_kb import book

from conftest import REPO, build, copy_root

ARTIFACTS = REPO / "_build" / "test-artifacts"
CARD = "#kb-hovercard"
#: Alex Brenninkmeijer's recommendation, linked from his page.
RESPECT = "aanbeveling-2012-brenninkmeijer-respect"
PERSON_PAGE = "/personen/alex-brenninkmeijer.html"
EMPTY = "niet vermeld in het artikel"




@pytest.fixture
def page(browser, server):
    pages = watched_page(browser)
    page = next(pages)
    page.requests = []
    page.on("request", lambda r: page.requests.append(r.url))
    yield page
    next(pages, None)  # closes it


@pytest.fixture(scope="module")
def objects(site) -> dict[str, dict]:
    data = json.loads((site / "kb.json").read_text("utf-8"))
    return {o["id"]: o for o in data["objects"]}


def anchor_of(obj: dict) -> str:
    return obj["url"].split("#", 1)[1]


def link_to(page, anchor: str):
    return page.locator(f'a.reference[href$="#{anchor}"]:visible').first


def card_fields(page) -> dict[str, str]:
    rows = page.locator(f"{CARD} .kb-hovercard-field")
    return {
        rows.nth(i).locator("dt").text_content(): rows.nth(i).locator("dd").text_content()
        for i in range(rows.count())
    }


def shown_link(path, anchor: str) -> bool:
    """Whether the page at ``path`` links to ``anchor`` outside a folded
    ``<details>`` (such as a diagram's list)."""
    soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
    return any(
        a.find_parent("details") is None
        for a in soup.select("a.reference")
        if a.get("href", "").endswith(f"#{anchor}")
    )


def hover_card(page, server: str, path: str, anchor: str):
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    link = link_to(page, anchor)
    link.hover()
    page.wait_for_selector(CARD, state="visible")
    return link


def test_hovering_a_recommendation_shows_its_card(page, server, objects):
    rec = objects["2012-brenninkmeijer-respect"]
    link = hover_card(page, server, PERSON_PAGE, RESPECT)
    card = page.locator(CARD)
    assert card.get_attribute("role") == "tooltip"
    assert card.locator(".kb-hovercard-type").text_content() == "Aanbeveling"
    assert card.locator(".kb-hovercard-title").text_content() == rec["title"]
    fields = card_fields(page)
    assert list(fields) == ["Bron", "Gericht aan", "Thema"]
    assert fields["Bron"] == objects[rec["fields"]["source"]]["title"]
    assert fields["Thema"] == rec["fields"]["theme"]
    # the link is described by the card while it is shown, and not covered
    assert link.get_attribute("aria-describedby") == "kb-hovercard"
    assert link.get_attribute("title") is None  # no native tooltip over the card
    lbox, cbox = link.bounding_box(), card.bounding_box()
    assert lbox is not None and cbox is not None
    assert cbox["y"] >= lbox["y"] + lbox["height"] or cbox["y"] + cbox["height"] <= lbox["y"]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "preview-card.png"))
    # leaving the link hides the card and gives the link back its title
    page.mouse.move(5, 790)
    page.wait_for_selector(CARD, state="hidden")
    assert link.get_attribute("aria-describedby") is None
    assert link.get_attribute("title") == f"Aanbeveling: {rec['title']}"
    assert page.errors == []


def test_keyboard_focus_shows_the_card_and_escape_hides_it(page, server):
    page.goto(server + PERSON_PAGE)
    page.wait_for_load_state("networkidle")
    card = page.locator(CARD)
    for _ in range(200):
        page.keyboard.press("Tab")
        if card.count() and card.is_visible():
            break
    else:
        pytest.fail("no card while tabbing through the page")
    focused = page.evaluate_handle("document.activeElement")
    assert focused.get_attribute("aria-describedby") == "kb-hovercard"
    described = page.locator("#" + focused.get_attribute("aria-describedby"))
    assert described.is_visible() and described.get_attribute("role") == "tooltip"
    page.keyboard.press("Escape")
    page.wait_for_selector(CARD, state="hidden")
    assert focused.get_attribute("aria-describedby") is None
    # Escape closes the card, not the reader's place: the link keeps the focus
    assert page.evaluate("el => el === document.activeElement", focused)
    # moving on: the focus leaves the link, nothing holds it back
    page.keyboard.press("Tab")
    assert not page.evaluate("el => el === document.activeElement", focused)
    assert page.errors == []


def test_blur_hides_the_card(page, server):
    link = hover_card(page, server, PERSON_PAGE, RESPECT)
    page.mouse.move(5, 790)
    page.wait_for_selector(CARD, state="hidden")
    link.focus()
    page.wait_for_selector(CARD, state="visible")
    page.evaluate("document.activeElement.blur()")
    page.wait_for_selector(CARD, state="hidden")


def test_an_empty_field_says_the_article_does_not_state_it(page, server, site, objects):
    rec = next(
        o
        for o in objects.values()
        if o["type"] == "recommendation" and "addressee" not in o["fields"]
    )
    anchor = anchor_of(rec)
    own = "/" + rec["url"].split("#")[0]
    pages = sorted(
        "/" + p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if shown_link(p, anchor)
    )
    path = next(p for p in pages if p != own)
    hover_card(page, server, path, anchor)
    fields = card_fields(page)
    assert fields["Gericht aan"] == EMPTY
    assert page.locator(f"{CARD} .kb-hovercard-empty").count() >= 1
    assert page.locator(CARD + " .kb-hovercard-title").text_content() == rec["title"]


def test_no_serious_accessibility_findings_with_the_card_open(page, server):
    hover_card(page, server, PERSON_PAGE, RESPECT)
    serious = serious_findings(page)
    assert page.locator(CARD).is_visible()  # axe saw the card open
    assert serious == []
    assert page.errors == []


def test_print_hides_the_card(page, server):
    hover_card(page, server, PERSON_PAGE, RESPECT)
    page.emulate_media(media="print")
    assert not page.locator(CARD).is_visible()
    page.emulate_media(media="screen")
    assert page.locator(CARD).is_visible()


def test_no_request_outside_the_site(page, server):
    hover_card(page, server, PERSON_PAGE, RESPECT)
    page.wait_for_load_state("networkidle")
    assert any(url.split("?")[0].endswith("/kb-hovercards.js") for url in page.requests)
    outside = [url for url in page.requests if not url.startswith(server + "/")]
    assert outside == []


def test_the_site_opened_as_files_shows_the_card(page, site):
    page.goto((site / "personen" / "alex-brenninkmeijer.html").as_uri())
    link_to(page, RESPECT).hover()
    page.wait_for_selector(CARD, state="visible")
    assert page.locator(CARD + " .kb-hovercard-type").text_content() == "Aanbeveling"


def test_the_epub_has_no_card(tmp_path: Path):
    epub = book.build_epub(REPO / "docs", REPO, tmp_path)
    with zipfile.ZipFile(epub) as z:
        names = z.namelist()
        pages = [z.read(n).decode("utf-8") for n in names if n.endswith(".xhtml")]
    assert pages
    assert not [n for n in names if "kb-hovercard" in n]
    assert not [p for p in pages if "kb-hovercard" in p]


def cards_of(outdir: Path) -> dict[str, dict]:
    text = (outdir / "kb-hovercards.js").read_text("utf-8")
    assert text.startswith("window.kbHovercards = ")
    data = json.loads(text.removeprefix("window.kbHovercards = ").rstrip().removesuffix(";"))
    return data["cards"]


@pytest.mark.parametrize("buildername", ["html", "dirhtml"])
def test_every_object_link_finds_its_card(tmp_path, buildername):
    """What kb-hovercard.js does with a link's href (resolve it against the page,
    take it relative to the site root) names a card, for every link to an
    object, in both HTML layouts; each page loads the card's script."""
    from bs4 import BeautifulSoup

    app = build(copy_root("domain", tmp_path / "src"), buildername, freshenv=True)
    outdir = Path(app.outdir)
    cards = cards_of(outdir)
    root = "http://site.test/"
    checked = 0
    for page in sorted(outdir.rglob("*.html")):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        served = page.relative_to(outdir).as_posix()
        if buildername == "dirhtml":  # a web server gives dag/index.html as dag/
            served = served.removesuffix("index.html")
        base = urljoin(root, served)
        scripts = [urljoin(base, s["src"]) for s in soup.find_all("script", src=True)]
        assert root + "_static/kb-hovercard.js" in [u.split("?")[0] for u in scripts], page
        for link in soup.select("a.reference[title]"):
            kind = link["title"].split(":")[0]
            if kind not in {"Aanbeveling", "Spreker", "Persoon", "Lezing", "Alliantiedag"}:
                continue
            url = urlsplit(urljoin(base, link["href"]))
            key = unquote(url.path).removeprefix("/") + "#" + url.fragment
            assert key in cards, (page, link["href"])
            assert cards[key]["type"] == kind
            checked += 1
    assert checked > 0


#: The Dutch labels of the fields that the real docs mark as inferred.
FIELD_LABELS = {"addressee": "Gericht aan", "organiser": "Organisator", "partof": "Onderdeel van"}


def test_an_inferred_value_is_marked_on_its_card(site, objects):
    """A value the article does not state but the site infers (``:afgeleid:``)
    says so on the card too, as on the object's own entry."""
    text = (site / "kb-hovercards.js").read_text("utf-8")
    data = json.loads(text.split("=", 1)[1].strip().rstrip(";"))
    marked = 0
    for obj in objects.values():
        card = data["cards"][obj["url"]]
        for label, value in card["fields"]:
            name = next(
                (n for n in obj.get("inferred", ()) if value and label == FIELD_LABELS.get(n)),
                None,
            )
            if name is not None:
                assert value.endswith(" (afgeleid)"), (obj["id"], label, value)
                marked += 1
    assert marked >= 1  # the real docs mark inferred addressees
