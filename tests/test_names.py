"""One name per addressee, one phrase for silence, and the small reader items
of issue 15, checked on the real site (the session's ``site`` build).

* the government, which the article calls "de overheid" and "overheden", is
  one organisation; each recommendation still shows the word the article
  used, and every listing, the explorer, the search facets and ``kb.json``
  count them under that one organisation;
* an empty cell of a listing says "niet vermeld in het artikel", always;
* no heading twice on a page; the landing page opens without a bare "[3]";
  the menu's tooltip and the footer are Dutch.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from pagefind_index import index_records

from conftest import field_cells, kb_objects

GOVERNMENT = "de-overheid"
#: The recommendations the article addresses to the government, with the
#: words it uses for it.
TO_GOVERNMENT = {
    "2012-brenninkmeijer-persoonlijk-contact": "de overheid",
    "2012-brenninkmeijer-respect": "de overheid",
    "2012-brenninkmeijer-gelijkwaardigheid": "de overheid",
    "2012-brenninkmeijer-vertrouwen": "de overheid",
    "2012-lokale-alternatieven-andere-denkbeelden": "overheden",
    "2012-drachten-aanbevelingen-formateurs": "de (in)formateur(s), de heren Bos en Kamp",
}
NOT_STATED = "niet vermeld in het artikel"


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def _main(soup: BeautifulSoup) -> Tag:
    main = soup.select_one("[role=main]")
    assert main is not None
    return main


def _reader_pages(site: Path) -> list[Path]:
    skip = {"genindex.html", "search.html"}
    return [
        p
        for p in sorted(site.rglob("*.html"))
        if p.name not in skip
        and not p.name.startswith("kb-")
        and "_static" not in p.parts
        and "_sources" not in p.parts
    ]


def _heading(h: Tag) -> str:
    """A heading's text without its permalink."""
    return "".join(
        str(t) for t in h.find_all(string=True) if not t.find_parent("a", class_="headerlink")
    ).strip()


def _section(soup: BeautifulSoup, heading: str) -> Tag:
    for h in soup.find_all("h2"):
        if _heading(h) == heading:
            section = h.find_parent("section")
            assert section is not None
            return section
    raise AssertionError(heading)


# -- one organisation for the government -----------------------------------------


def test_every_form_of_the_government_is_one_organisation(site):
    objects = kb_objects(site)
    government = objects[GOVERNMENT]
    assert government["type"] == "organisation"
    assert "overheden" in government["fields"]["aliases"]
    addressed = {
        oid for oid, obj in objects.items() if GOVERNMENT in obj["fields"].get("addressee", [])
    }
    assert addressed == set(TO_GOVERNMENT)
    # no recommendation names the government in free text any more
    for obj in objects.values():
        for value in obj["fields"].get("addressee", []):
            assert "overhe" not in value.casefold() or value == GOVERNMENT, obj["id"]
    # the formateurs (Bos and Kamp, the cabinet's informateurs) are the
    # government too, by inference: one value, both texts as written
    formateurs = objects["2012-drachten-aanbevelingen-formateurs"]
    assert formateurs["fields"]["addressee"] == [GOVERNMENT]
    assert "addressee" in formateurs["inferred"]


def test_each_recommendation_shows_the_word_the_article_used(site):
    objects = kb_objects(site)
    for oid, written in TO_GOVERNMENT.items():
        soup = _soup(site / objects[oid]["url"].split("#")[0])
        cell = field_cells(soup, f"aanbeveling-{oid}")["Gericht aan"]
        links = [a for a in cell.find_all("a") if "organisatie-de-overheid" in a["href"]]
        assert [a.get_text(strip=True) for a in links] == [written], oid
    # an inferred addressee keeps its marker
    soup = _soup(site / "2012" / "werkgroepen.html")
    cell = field_cells(soup, "aanbeveling-2012-lokale-alternatieven-andere-denkbeelden")
    assert cell["Gericht aan"].select(".kb-inferred")


def test_the_organisation_lists_its_other_names(site):
    soup = _soup(site / "organisaties.html")
    entry = soup.find(id="organisatie-de-overheid").find_parent("dl")
    text = entry.get_text(" ", strip=True)
    assert "Ook bekend als" in text and "overheden" in text


def test_the_faq_answer_holds_every_recommendation_to_the_government(site):
    soup = _soup(site / "overzichten" / "vragen.html")
    section = _section(soup, "Welke aanbevelingen gingen naar de overheid?")
    titles = {a.get_text(strip=True) for a in section.select("tbody tr td:first-child a")}
    objects = kb_objects(site)
    assert titles == {objects[oid]["title"] for oid in TO_GOVERNMENT}


def test_the_explorer_and_the_search_count_them_under_one_value(site):
    soup = _soup(site / "overzichten" / "aanbevelingen-verkennen.html")
    labels = [lab.get_text(" ", strip=True) for lab in soup.find_all("label")]
    government = [lab for lab in labels if re.match(r"(de )?overhe", lab.casefold())]
    assert government == [f"De overheid ({len(TO_GOVERNMENT)})"], labels
    facets = [
        value
        for rec in index_records(site)
        for facet, values in rec["filters"].items()
        if facet == "Gericht aan"
        for value in values
        if re.match(r"(de )?overhe", value.casefold())
    ]
    assert facets == ["De overheid"] * len(TO_GOVERNMENT)


def test_the_listing_by_addressee_has_one_heading_for_the_government(site):
    soup = _soup(site / "overzichten" / "aanbevelingen-per-geadresseerde.html")
    heads = [" ".join(r.get_text().split()) for r in soup.select(".kb-group-title")]
    assert [h for h in heads if "overhe" in h.casefold()] == ["De overheid"], heads
    group = soup.select(".kb-group")[heads.index("De overheid")]
    rows = {
        tr.find("td").find("a").get_text(strip=True): tr.find("td")
        for tr in group.select("tbody tr")
    }
    objects = kb_objects(site)
    assert set(rows) == {objects[oid]["title"] for oid in TO_GOVERNMENT}
    # the one whose addressee is inferred carries the marker on its row
    for oid in TO_GOVERNMENT:
        marked = bool(rows[objects[oid]["title"]].select(".kb-inferred"))
        assert marked == ("addressee" in objects[oid]["inferred"]), oid


# -- one phrase for silence ------------------------------------------------------


#: Columns where an empty cell means "none", not the article's silence: the
#: reverse relations (a person's talks) and the model's ``none_when_empty``
#: fields (another contribution, an abbreviation...).
NONE_COLUMNS = {
    "Lezingen",
    "Werkgroepen",
    "Aanbevelingen",
    "Bijdrage",
    "Ook bekend als",
    "Website",
    "Afkorting",
    "Onderdeel van",
}


def test_every_empty_listing_cell_says_the_article_is_silent(site):
    empty = []
    for page in _reader_pages(site):
        for table in _soup(page).select("table.kb-listing"):
            heads = [th.get_text(strip=True) for th in table.select("thead th")]
            for row in table.select("tbody tr"):
                for head, cell in zip(heads, row.find_all("td"), strict=True):
                    if not cell.get_text(strip=True) and head not in NONE_COLUMNS:
                        empty.append((page.name, head))
    assert empty == []


def test_silence_is_one_phrase_in_every_listing(site):
    for page in _reader_pages(site):
        soup = _soup(page)
        for node in soup.select("table.kb-listing td, .kb-group-title"):
            text = node.get_text(" ", strip=True)
            if "niet vermeld" in text:
                assert NOT_STATED in text, (page.name, text)


# -- small items -----------------------------------------------------------------


def test_no_heading_twice_on_a_page(site):
    for page in _reader_pages(site):
        main = _main(_soup(page))
        heads = [_heading(h) for h in main.select("h1, h2, h3, h4, h5, h6, [role=heading]")]
        doubled = {h for h in heads if heads.count(h) > 1}
        assert not doubled, (page.relative_to(site), doubled)


def test_the_home_page_title_says_it_once(site):
    soup = _soup(site / "index.html")
    title = soup.title.get_text()
    h1 = _heading(_main(soup).find("h1"))
    parts = [p.strip() for p in title.split("—")]
    assert len(parts) == len(set(parts)), title
    assert h1 != "Kennisbank Alliantiedagen"


def test_the_landing_page_opens_without_a_bare_citation_mark(site):
    first = _main(_soup(site / "index.html")).find("p")
    text = first.get_text(" ", strip=True)
    assert not re.search(r"\[\s*\d+\s*\]", text), text


def test_the_footer_is_dutch(site):
    english = ("Copyright", "Built with", "provided by", "Previous", "Next", "Open/close")
    for page in _reader_pages(site):
        footer = _soup(page).find("footer")
        if footer is None:
            continue
        text = footer.get_text(" ", strip=True)
        assert not [w for w in english if w in text], (page.name, text)


def test_the_menu_buttons_have_a_dutch_tooltip(server, page):
    page.goto(f"{server}/2012/drachten.html")
    page.wait_for_selector("button.toctree-expand", state="attached")
    page.wait_for_load_state("load")
    page.wait_for_function(
        "() => [...document.querySelectorAll('button.toctree-expand')]"
        ".every(b => b.title !== 'Open/close menu')",
        timeout=5000,
    )
    titles = set(
        page.eval_on_selector_all("button.toctree-expand", "bs => bs.map(b => b.title)")
    )
    assert titles == {"Menu openen of sluiten"}
    assert page.errors == []
