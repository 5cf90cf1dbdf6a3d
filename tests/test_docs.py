"""The real knowledge base builds cleanly (-W --keep-going -n) and shows the article's facts."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from sphinx.util.inventory import InventoryFile

OBJECTS = {
    "event": [
        "2012-drachten",
        "2012-deventer",
        "2012-amsterdam",
        "2012-roermond",
        "2012-bergen-op-zoom",
        "2012-2-november",
    ],
    "speaker": [
        "alex-brenninkmeijer",
        "rene-gabriels",
        "raf-janssen",
        "wilma-kuiper",
        "bernadette-van-os",
        "riet-karsenbarg",
        "ger-ramaekers",
    ],
    "talk": ["2012-waarom-boos", "2012-vertwijfelde-woede", "2012-verweer-en-vernieuwing"],
    "workshop": [
        "2012-werkgroep-werk",
        "2012-werkgroep-inkomen",
        "2012-werkgroep-zorg",
        "2012-werkgroep-clientenparticipatie",
        "2012-werkgroep-lokale-alternatieven",
    ],
    "organisation": [
        "sociale-alliantie",
        "agendacommissie",
        "sociale-alliantie-fryslan",
        "landelijke-clientenraad",
        "koepel-van-wmo-raden",
        "maastricht-university",
        "nationale-ombudsman",
    ],
    "recommendation": [
        "2012-brenninkmeijer-persoonlijk-contact",
        "2012-brenninkmeijer-respect",
        "2012-brenninkmeijer-gelijkwaardigheid",
        "2012-brenninkmeijer-vertrouwen",
        "2012-drachten-aanbevelingen-formateurs",
        "2012-gabriels-wild-voorstel",
        "2012-zorg-samenwerking-zoeken",
    ],
}


def page(site, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / f"{name}.html").read_text("utf-8"), "html.parser")


def fields(soup: BeautifulSoup, anchor: str) -> dict[str, str]:
    dl = soup.find(id=anchor).find_next("dl", class_="kb-fields")
    return {
        dt.get_text(strip=True).rstrip(":"): dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in dl.find_all("dt")
    }


def test_objects_inv_lists_every_object_under_its_type(site):
    with open(site / "objects.inv", "rb") as f:
        inv = InventoryFile.load(f, "", lambda base, uri: uri)
    data = inv.data if hasattr(inv, "data") else inv
    for objtype, ids in OBJECTS.items():
        for objid in ids:
            assert objid in data[f"kb:{objtype}"], (objtype, objid)


@pytest.mark.parametrize(
    ("name", "title"), [("kb-sprekers", "Sprekers"), ("kb-aanbevelingen", "Aanbevelingen")]
)
def test_domain_indices(site, name, title):
    soup = page(site, name)
    assert soup.find("h1").get_text(strip=True) == title
    entries = [a.get_text() for a in soup.select("table.indextable a")]
    assert len(entries) >= len(OBJECTS[{"kb-sprekers": "speaker"}.get(name, "recommendation")])
    if name == "kb-sprekers":
        assert {"Alex Brenninkmeijer", "Brenninckmeijer", "René Gabriëls", "Ans Nachtegaal"} <= set(
            entries
        )


def test_drachten(site):
    soup = page(site, "2012/drachten")
    f = fields(soup, "dag-2012-drachten")
    assert f["Datum"] == "5 oktober 2012"
    assert f["Regio"] == "Noord"  # the label of the value noord
    assert f["Organisator"] == "Sociale Alliantie Fryslân"
    assert f["Titel"] == "Samenwerken en kansen benutten"
    text = soup.find(role="main").get_text(" ")
    for fact in ("Integrale Armoede Aanpak", "Kanskaart", "zes workshops", "Bos en Kamp"):
        assert fact in text


@pytest.mark.parametrize(
    ("doc", "anchor", "region"),
    [
        ("2012/deventer", "dag-2012-deventer", "Oost"),
        ("2012/amsterdam", "dag-2012-amsterdam", "West"),
        ("2012/roermond", "dag-2012-roermond", "Zuidoost"),
    ],
)
def test_days_without_date_say_so(site, doc, anchor, region):
    f = fields(page(site, doc), anchor)
    assert f["Datum"] == "niet vermeld in de bron"
    assert f["Regio"] == region


def test_bergen_op_zoom_and_2_november(site):
    assert fields(page(site, "2012/bergen-op-zoom"), "dag-2012-bergen-op-zoom")["Datum"] == (
        "9 november 2012"
    )
    f = fields(page(site, "2012/2-november"), "dag-2012-2-november")
    assert f["Datum"] == "2 november 2012"
    assert f["Plaats"] == "niet vermeld in de bron"


def test_people_and_talks(site):
    f = fields(page(site, "personen/alex-brenninkmeijer"), "spreker-alex-brenninkmeijer")
    assert f["Functie"] == "Nationale ombudsman"
    assert "Brenninckmeijer" in f["Ook geschreven als"]
    f = fields(page(site, "personen/rene-gabriels"), "spreker-rene-gabriels")
    assert f["Verbonden aan"] == "Maastricht University"
    text = page(site, "2012/2-november").find(role="main").get_text(" ")
    assert "Vertwijfelde woede" in text
    edition = page(site, "2012/index").find(role="main").get_text(" ")
    assert "Het moet en kan anders" in edition


def test_recommendation_links_to_its_speaker_and_source(site):
    soup = page(site, "2012/drachten")
    dl = soup.find(id="aanbeveling-2012-brenninkmeijer-vertrouwen").find_next("dl")
    hrefs = {a.get_text(): a["href"] for a in dl.find_all("a")}
    assert hrefs["Alex Brenninkmeijer"].endswith(
        "personen/alex-brenninkmeijer.html#spreker-alex-brenninkmeijer"
    )
    assert hrefs["Waarom maakt de overheid mij zo boos?"] == "#lezing-2012-waarom-boos"


def test_landing_page_cards_lead_to_the_indices(site):
    soup = page(site, "index")
    cards = soup.select(".sd-card a")
    targets = {a["href"].split("#")[0] for a in cards}
    assert {
        "2012/index.html",
        "kb-sprekers.html",
        "kb-aanbevelingen.html",
        "kb-werkgroepen.html",
        "kb-organisaties.html",
    } <= targets


def test_no_english_reader_strings(site):
    english = ("Link to this", 'aria-label="Home"', "Search Results", "n.d.", "Previous", "Next")
    for html in site.rglob("*.html"):
        text = html.read_text("utf-8")
        for word in english:
            assert word not in text, (html.name, word)


def test_overview_pages(site):
    soup = page(site, "overzichten/aanbevelingen-per-geadresseerde")
    groups = [g.get_text(strip=True) for g in soup.select(".kb-group-title")]
    assert "de overheid" in groups
    assert groups[-1] == "Gericht aan: niet vermeld"
    overheid = soup.select(".kb-group")[groups.index("de overheid")]
    assert len(overheid.select("tbody tr")) == 4  # Brenninkmeijer's four ways
    speakers = page(site, "overzichten/sprekers").select("table.kb-listing tbody tr")
    assert len(speakers) == len(OBJECTS["speaker"])
    vragen = page(site, "overzichten/vragen").find(role="main").get_text(" ")
    assert "Kijk naar wat er al is en zoek de samenwerking" in vragen
    for name in ("aanbevelingen-per-thema", "aanbevelingen-per-bron", "werkgroepen-per-dag"):
        assert page(site, f"overzichten/{name}").select("table.kb-listing"), name


def test_edition_page_table_and_diagram(site):
    soup = page(site, "2012/index")
    rows = [
        [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        for tr in soup.select("table.kb-listing tbody tr")
    ]
    assert rows[0] == ["Alliantiedag Drachten", "Drachten", "Noord", "5 oktober 2012"]
    assert ["Alliantiedag Deventer", "Deventer", "Oost", "niet vermeld in de bron"] in rows
    assert len(rows) == len(OBJECTS["event"])
    (diagram,) = soup.select("div.graphviz object")
    svg = (site / "2012" / diagram["data"]).read_text("utf-8")
    assert "../2012/drachten.html#dag-2012-drachten" in svg


def test_backlinks_on_a_person_page(site):
    soup = page(site, "personen/rene-gabriels")
    box = soup.select_one(".kb-backlinks-section")
    assert box.select_one(".kb-backlinks-title").get_text() == "Verwijzingen naar deze spreker"
    text = box.get_text(" ", strip=True)
    assert "Lezing: Vertwijfelde woede (sprekers)" in text
    assert "(voorgesteld door)" in text


def test_kb_json_of_the_site(site):
    import json

    import jsonschema

    data = json.loads((site / "kb.json").read_text("utf-8"))
    jsonschema.validate(data, json.loads((site / "kb.schema.json").read_text("utf-8")))
    ids = {o["id"] for o in data["objects"]}
    assert {i for ids_ in OBJECTS.values() for i in ids_} <= ids


def test_json_ld_and_opengraph_on_object_pages(site):
    import json

    soup = page(site, "personen/alex-brenninkmeijer")
    (script,) = soup.find_all("script", type="application/ld+json")
    data = json.loads(script.string)
    (person,) = [item for item in data["@graph"] if item["@type"] == "Person"]
    assert person["name"] == "Alex Brenninkmeijer"
    assert person["jobTitle"] == "Nationale ombudsman"
    assert person["alternateName"] == ["Brenninckmeijer"]
    assert person["url"].endswith("personen/alex-brenninkmeijer.html#spreker-alex-brenninkmeijer")
    drachten = json.loads(
        page(site, "2012/drachten").find("script", type="application/ld+json").string
    )
    types = {item["@type"] for item in drachten["@graph"]}
    assert {"Event", "CreativeWork"} <= types
    (event,) = [i for i in drachten["@graph"] if i["@type"] == "Event"]
    assert event["startDate"] == "2012-10-05" and event["location"]["name"] == "Drachten"
    meta = {m.get("property"): m.get("content") for m in soup.find_all("meta") if m.get("property")}
    assert meta["og:title"] == "Alex Brenninkmeijer"
    assert meta["og:locale"] == "nl_NL"
    assert meta["og:url"].endswith("personen/alex-brenninkmeijer.html")
    assert meta.get("og:description")


def test_json_ld_cannot_break_out_of_its_script(tmp_path):
    from alliantie_kb.search import json_ld_script

    markup = json_ld_script({"name": "</script><script>alert(1)</script>"})
    assert markup.count("</script>") == 1 and "alert(1)" in markup


def test_sitemap_lists_content_pages(site):
    xml = (site / "sitemap.xml").read_text("utf-8")
    assert "personen/alex-brenninkmeijer.html</loc>" in xml
    assert "search.html" not in xml and "genindex.html" not in xml


def test_search_page_is_pagefind_only(site):
    html = (site / "search.html").read_text("utf-8")
    assert "pagefind-ui.js" in html and "searchtools.js" not in html
    assert not (site / "searchindex.js").exists()  # Sphinx's own index is not built
    indexed = (site / "personen" / "rene-gabriels.html").read_text("utf-8")
    assert "data-pagefind-body" in indexed
    assert 'data-pagefind-filter="Soort:Spreker"' in indexed
    assert "data-pagefind-body" not in (site / "genindex.html").read_text("utf-8")
    assert "data-pagefind-body" not in (site / "boeken" / "2012.html").read_text("utf-8")
