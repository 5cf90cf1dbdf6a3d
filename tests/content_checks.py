"""Content checks on a built knowledge base: facts that must stay true and
invariants that hold for any content.

Every check takes the HTML output folder of a real build of ``docs/`` (built
with ``-c . docs <site>``, so that ``<site>/.doctrees`` is next to it) and
raises ``AssertionError`` with what is wrong. None of them counts objects or
compares whole lists: adding a person, a day, a recommendation or an edition
keeps every check green (``tests/test_docs.py`` proves that on a copy of
``docs/``). Changing or removing a fact of the 2012 edition does not.
"""

from __future__ import annotations

import json
import pickle
import posixpath
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from conftest import field_cells, fields, kb_json, kb_objects

NOT_STATED = "niet vermeld in het artikel"
#: The marker after a value the article implies rather than states.
INFERRED = "(afgeleid)"
#: The five Alliance days of 2012 the article names, and no other.
DAYS_2012 = {"Drachten", "Deventer", "Amsterdam", "Roermond", "Bergen op Zoom"}
#: What the talk of 2 November says where its day would be.
WHICH_DAY = "een van de vijf Alliantiedagen; het artikel zegt niet welke"

#: The 2012 edition as the source article describes it: id -> (type, title,
#: fields). A field listed here must have exactly this value; fields not
#: listed may be added.
FACTS: dict[str, tuple[str, str, dict[str, object]]] = {
    "2012-amsterdam": (
        "event",
        "Alliantiedag Amsterdam",
        {"edition": "2012", "place": "Amsterdam", "region": "west"},
    ),
    "2012-bergen-op-zoom": (
        "event",
        "Alliantiedag Bergen op Zoom",
        {"date": "2012-11-09", "edition": "2012", "place": "Bergen op Zoom"},
    ),
    "2012-deventer": (
        "event",
        "Alliantiedag Deventer",
        {"edition": "2012", "place": "Deventer", "region": "oost"},
    ),
    "2012-drachten": (
        "event",
        "Alliantiedag Drachten",
        {
            "date": "2012-10-05",
            "edition": "2012",
            "organiser": ["sociale-alliantie-fryslan"],
            "place": "Drachten",
            "region": "noord",
        },
    ),
    "2012-roermond": (
        "event",
        "Alliantiedag Roermond",
        {"edition": "2012", "place": "Roermond", "region": "zuidoost"},
    ),
    "agendacommissie": ("organisation", "Agendacommissie", {"partof": "sociale-alliantie"}),
    "koepel-van-wmo-raden": ("organisation", "Koepel van WMO-raden", {}),
    "landelijke-clientenraad": (
        "organisation", "Landelijke Cliëntenraad", {"abbreviation": "LCR"}
    ),
    "maastricht-university": ("organisation", "Maastricht University", {}),
    "nationale-ombudsman": ("organisation", "Nationale ombudsman", {}),
    "sociale-alliantie": (
        "organisation",
        "Sociale Alliantie",
        {"url": "https://www.socialealliantie.nl"},
    ),
    "sociale-alliantie-fryslan": ("organisation", "Sociale Alliantie Fryslân", {}),
    "2012-brenninkmeijer-gelijkwaardigheid": (
        "recommendation",
        "Ga gelijkwaardig met mensen om",
        {
            "addressee": ["de-overheid"],
            "edition": "2012",
            "kind": "advies",
            "source": "2012-waarom-boos",
            "speaker": "alex-brenninkmeijer",
            "status": "geformuleerd",
            "theme": "dienstverlening",
        },
    ),
    "2012-brenninkmeijer-persoonlijk-contact": (
        "recommendation",
        "Houd persoonlijk contact",
        {
            "addressee": ["de-overheid"],
            "edition": "2012",
            "kind": "advies",
            "source": "2012-waarom-boos",
            "speaker": "alex-brenninkmeijer",
            "status": "geformuleerd",
            "theme": "dienstverlening",
        },
    ),
    "2012-brenninkmeijer-respect": (
        "recommendation",
        "Behandel mensen met respect",
        {
            "addressee": ["de-overheid"],
            "edition": "2012",
            "kind": "advies",
            "source": "2012-waarom-boos",
            "speaker": "alex-brenninkmeijer",
            "status": "geformuleerd",
            "theme": "dienstverlening",
        },
    ),
    "2012-brenninkmeijer-vertrouwen": (
        "recommendation",
        "Benader burgers vanuit vertrouwen",
        {
            "addressee": ["de-overheid"],
            "edition": "2012",
            "kind": "advies",
            "source": "2012-waarom-boos",
            "speaker": "alex-brenninkmeijer",
            "status": "geformuleerd",
            "theme": "dienstverlening",
        },
    ),
    "2012-clientenparticipatie-samenwerken-niet-samengaan": (
        "recommendation",
        "Samenwerken is noodzakelijk, samengaan (nog) niet",
        {
            "addressee": ["cliëntenraden WWB", "WMO-raden"],
            "edition": "2012",
            "kind": "advies",
            "source": "2012-werkgroep-clientenparticipatie",
            "status": "geformuleerd",
            "theme": "cliëntenparticipatie",
        },
    ),
    "2012-drachten-aanbevelingen-formateurs": (
        "recommendation",
        "Aanbevelingen om de positie van mensen in armoede te verbeteren",
        {
            "addressee": ["de-overheid"],
            "edition": "2012",
            "source": "2012-drachten",
            "theme": "armoede",
        },
    ),
    "2012-gabriels-armoede-politiseren": (
        "recommendation",
        "Experimenteer met andere levensstijlen en maak van armoede een politieke kwestie",
        {
            "addressee": ["sociale-alliantie"],
            "edition": "2012",
            "kind": "advies",
            "source": "2012-vertwijfelde-woede",
            "speaker": "rene-gabriels",
            "status": "geformuleerd",
            "theme": "strategie",
        },
    ),
    "2012-gabriels-luid-protest": (
        "recommendation",
        "Help, maar onder zeer luid protest",
        {
            "addressee": ["de anti-armoedebeweging"],
            "edition": "2012",
            "kind": "advies",
            "source": "2012-vertwijfelde-woede",
            "speaker": "rene-gabriels",
            "status": "geformuleerd",
            "theme": "strategie",
        },
    ),
    "2012-gabriels-wild-voorstel": (
        "recommendation",
        "Kondig een maand staking van de voedselbanken aan",
        {
            "addressee": ["de voedselbanken"],
            "edition": "2012",
            "kind": "advies",
            "speaker": "rene-gabriels",
            "status": "geformuleerd",
            "theme": "strategie",
        },
    ),
    "2012-inkomen-van-elkaar-leren": (
        "recommendation",
        "Leer van elkaars armoedebeleid",
        {
            "edition": "2012",
            "kind": "advies",
            "source": "2012-werkgroep-inkomen",
            "status": "geformuleerd",
            "theme": "inkomen",
        },
    ),
    "2012-lokale-alternatieven-andere-denkbeelden": (
        "recommendation",
        "Geef lokale initiatieven ruimte door anders naar de eigen rol te kijken",
        {
            "addressee": ["de-overheid", "instellingen", "burgers"],
            "edition": "2012",
            "kind": "advies",
            "source": "2012-werkgroep-lokale-alternatieven",
            "status": "geformuleerd",
            "theme": "lokale alternatieven",
        },
    ),
    "2012-vernieuwing-arbeidsgehandicapten": (
        "recommendation",
        "Maak meedoen van arbeidsgehandicapten gewoon",
        {
            "edition": "2012",
            "kind": "vernieuwing",
            "source": "2012-verweer-en-vernieuwing",
            "status": "geformuleerd",
            "theme": "werk",
        },
    ),
    "2012-vernieuwing-hogere-inkomens": (
        "recommendation",
        "Spreek hogere inkomens aan op solidariteit",
        {
            "edition": "2012",
            "kind": "vernieuwing",
            "source": "2012-verweer-en-vernieuwing",
            "status": "geformuleerd",
            "theme": "solidariteit",
        },
    ),
    "2012-vernieuwing-sociale-cooperaties": (
        "recommendation",
        "Mobiliseer gelijkgestemden en belanghebbenden in sociale coöperaties",
        {
            "edition": "2012",
            "kind": "vernieuwing",
            "source": "2012-verweer-en-vernieuwing",
            "status": "geformuleerd",
            "theme": "eigen verantwoordelijkheid",
        },
    ),
    "2012-vernieuwing-solidariteitsinitiatieven": (
        "recommendation",
        "Sluit aan bij solidariteitsinitiatieven in de samenleving",
        {
            "edition": "2012",
            "kind": "vernieuwing",
            "source": "2012-verweer-en-vernieuwing",
            "status": "geformuleerd",
            "theme": "solidariteit",
        },
    ),
    "2012-werk-duidelijker-randvoorwaarden": (
        "recommendation",
        "Pak eerdere aanpakken alleen op met duidelijker randvoorwaarden",
        {
            "edition": "2012",
            "kind": "advies",
            "source": "2012-werkgroep-werk",
            "status": "geformuleerd",
            "theme": "werk",
        },
    ),
    "2012-zorg-samenwerking-zoeken": (
        "recommendation",
        "Kijk naar wat er al is en zoek de samenwerking",
        {
            "edition": "2012",
            "kind": "advies",
            "source": "2012-werkgroep-zorg",
            "status": "geformuleerd",
            "theme": "zorg",
        },
    ),
    "alex-brenninkmeijer": (
        "speaker",
        "Alex Brenninkmeijer",
        {
            "affiliation": ["nationale-ombudsman"],
            "aliases": ["Brenninckmeijer"],
            "role": "Nationale ombudsman",
        },
    ),
    "bernadette-van-os": ("speaker", "Bernadette van Os", {}),
    "ger-ramaekers": ("speaker", "Ger Ramaekers", {"role": "schrijver van de terugblik"}),
    "raf-janssen": ("speaker", "Raf Janssen", {}),
    "rene-gabriels": (
        "speaker",
        "René Gabriëls",
        {"affiliation": ["maastricht-university"], "role": "filosoof"},
    ),
    "riet-karsenbarg": (
        "speaker",
        "Riet Karsenbarg",
        {"aliases": ["Ans Nachtegaal"], "role": "cabaretière"},
    ),
    "wilma-kuiper": ("speaker", "Wilma Kuiper", {}),
    "2012-vertwijfelde-woede": (
        "talk",
        "Vertwijfelde woede",
        {
            "date": "2012-11-02",
            "edition": "2012",
            "speakers": ["rene-gabriels"],
        },
    ),
    "2012-verweer-en-vernieuwing": (
        "talk",
        "Verweer en Vernieuwing",
        {"edition": "2012", "speakers": ["raf-janssen"]},
    ),
    "2012-waarom-boos": (
        "talk",
        "Waarom maakt de overheid mij zo boos?",
        {
            "date": "2012-10-05",
            "edition": "2012",
            "event": "2012-drachten",
            "speakers": ["alex-brenninkmeijer"],
        },
    ),
    "2012-werkgroep-clientenparticipatie": (
        "workshop",
        "De toekomst van cliëntenparticipatie",
        {"edition": "2012", "theme": "cliëntenparticipatie"},
    ),
    "2012-werkgroep-inkomen": ("workshop", "Inkomen", {"edition": "2012", "theme": "inkomen"}),
    "2012-werkgroep-lokale-alternatieven": (
        "workshop",
        "Lokale Alternatieven",
        {"edition": "2012", "theme": "lokale alternatieven"},
    ),
    "2012-werkgroep-werk": ("workshop", "Werk", {"edition": "2012", "theme": "werk"}),
    "2012-werkgroep-zorg": ("workshop", "Zorg", {"edition": "2012", "theme": "zorg"}),
}

#: Fields the article is silent about: they stay empty, and the page says so.
SILENT = {
    ("2012-deventer", "date"),
    ("2012-amsterdam", "date"),
    ("2012-roermond", "date"),
    ("2012-vertwijfelde-woede", "event"),
}

#: Addressees the article implies rather than states (``:afgeleid: addressee``).
INFERRED_2012 = {
    "2012-gabriels-luid-protest": ("addressee",),
    "2012-gabriels-armoede-politiseren": ("addressee",),
    "2012-gabriels-wild-voorstel": ("addressee",),
    "2012-clientenparticipatie-samenwerken-niet-samengaan": ("addressee",),
    "2012-lokale-alternatieven-andere-denkbeelden": ("addressee",),
    # "trapte af ... Zij hadden ... als spreker": that they organised the day
    "2012-drachten": ("organiser",),
    # "het dagelijks bestuur van de Sociale Alliantie zullen we maar zeggen"
    "agendacommissie": ("partof",),
}


# -- reading a built site ------------------------------------------------------------------


@cache
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def page(site: Path, name: str) -> BeautifulSoup:
    return _soup(site / f"{name}.html")


def html_pages(site: Path) -> list[Path]:
    skip = {"_static", "_sources", "_images", "pagefind", "_downloads", ".doctrees"}
    return sorted(
        p for p in site.rglob("*.html") if not skip & set(p.relative_to(site).parts[:-1])
    )


# -- facts ------------------------------------------------------------------------------------


def check_2012_objects(site: Path) -> None:
    """Every 2012 object is there, of its type, with its title and the source's values."""
    found = kb_objects(site)
    for objid, (objtype, title, expected) in FACTS.items():
        assert objid in found, f"{objid} is missing"
        obj = found[objid]
        assert (obj["type"], obj["title"]) == (objtype, title), objid
        for name, value in expected.items():
            assert obj["fields"].get(name) == value, (objid, name, obj["fields"].get(name))
    for objid, name in SILENT:
        assert name not in found[objid]["fields"], f"{objid}: the source gives no {name}"


def check_2012_pages(site: Path) -> None:
    """What a reader sees of the 2012 facts, in Dutch."""
    soup = page(site, "2012/drachten")
    f = fields(soup, "dag-2012-drachten")
    assert f["Datum"] == "5 oktober 2012"
    assert f["Regio"] == "Noord"  # the label of the value noord
    # the article says the Sociale Alliantie Fryslân opened the day: organiser is inferred
    assert f["Organisator"].startswith("Sociale Alliantie Fryslân")
    assert "afgeleid" in f["Organisator"]
    assert f["Titel"] == "Samenwerken en kansen benutten"
    text = soup.find(role="main").get_text(" ")
    for fact in ("Integrale Armoede Aanpak", "Kanskaart", "zes workshops", "Bos en Kamp"):
        assert fact in text, fact
    for doc, anchor, region in (
        ("2012/deventer", "dag-2012-deventer", "Oost"),
        ("2012/amsterdam", "dag-2012-amsterdam", "West"),
        ("2012/roermond", "dag-2012-roermond", "Zuidoost"),
    ):
        f = fields(page(site, doc), anchor)
        assert (f["Datum"], f["Regio"]) == (NOT_STATED, region), doc
    f = fields(page(site, "2012/bergen-op-zoom"), "dag-2012-bergen-op-zoom")
    assert f["Datum"] == "9 november 2012"
    f = fields(page(site, "2012/2-november"), "lezing-2012-vertwijfelde-woede")
    assert f["Datum"] == "2 november 2012"
    assert WHICH_DAY in page(site, "2012/2-november").find(role="main").get_text(" ")
    f = fields(page(site, "personen/alex-brenninkmeijer"), "spreker-alex-brenninkmeijer")
    # role and organisation read the same: the opening line says it once
    assert f["Verbonden aan"] == "Nationale ombudsman"
    assert "Brenninckmeijer" in f["Ook bekend als"]
    f = fields(page(site, "personen/riet-karsenbarg"), "spreker-riet-karsenbarg")
    assert f["Ook bekend als"] == "Ans Nachtegaal"
    f = fields(page(site, "personen/rene-gabriels"), "spreker-rene-gabriels")
    assert f["Verbonden aan"] == "Maastricht University"
    assert "Vertwijfelde woede" in page(site, "2012/2-november").find(role="main").get_text(" ")
    edition = page(site, "2012/index").find(role="main").get_text(" ")
    assert "Het moet en kan anders" in edition
    # a recommendation links to its speaker and its source
    cells = field_cells(page(site, "2012/drachten"), "aanbeveling-2012-brenninkmeijer-vertrouwen")
    hrefs = {a.get_text(): a["href"] for cell in cells.values() for a in cell.find_all("a")}
    assert hrefs["Alex Brenninkmeijer"].endswith(
        "personen/alex-brenninkmeijer.html#spreker-alex-brenninkmeijer"
    )
    assert hrefs["Waarom maakt de overheid mij zo boos?"] == "#lezing-2012-waarom-boos"
    # backlinks on a person's page
    box = page(site, "personen/rene-gabriels").select_one(".kb-backlinks-section")
    assert box.select_one(".kb-backlinks-title").get_text() == "Zie ook"
    text = " ".join(box.get_text().split())
    assert "Genoemd in de lezing Vertwijfelde woede, in de aanbevelingen " in text
    assert "Pagina:" not in text and "(voorgesteld door)" not in text


def check_2012_overviews(site: Path) -> None:
    """The overview pages keep showing the 2012 facts (whatever else they grow)."""
    soup = page(site, "overzichten/aanbevelingen-per-geadresseerde")
    groups = [g.get_text(strip=True) for g in soup.select(".kb-group-title")]
    assert "De overheid" in groups
    assert groups[-1] == f"Gericht aan: {NOT_STATED}"
    overheid = soup.select(".kb-group")[groups.index("De overheid")]
    titles = {tr.find("td").get_text(" ", strip=True) for tr in overheid.select("tbody tr")}
    found = kb_objects(site)
    brenninkmeijer = {
        found[i]["title"]
        for i, (_t, _title, f) in FACTS.items()
        if f.get("speaker") == "alex-brenninkmeijer" and "de-overheid" in f.get("addressee", ())
    }
    assert len(brenninkmeijer) == 4 and brenninkmeijer <= titles  # his four ways
    vragen = page(site, "overzichten/vragen").find(role="main").get_text(" ")
    assert "Kijk naar wat er al is en zoek de samenwerking" in vragen
    for name in ("aanbevelingen-per-thema", "aanbevelingen-per-bron", "werkgroepen-per-dag"):
        assert page(site, f"overzichten/{name}").select("table.kb-listing"), name
    rows = _edition_rows(site, "2012")
    assert rows[0] == ["Alliantiedag Drachten", "Drachten", "Noord", "5 oktober 2012"]
    assert ["Alliantiedag Deventer", "Deventer", "Oost", NOT_STATED] in rows
    (diagram,) = page(site, "2012/index").select("div.graphviz object")
    svg = (site / "2012" / diagram["data"]).read_text("utf-8")
    assert "../2012/drachten.html#dag-2012-drachten" in svg
    cards = {a["href"].split("#")[0] for a in page(site, "index").select(".sd-card a")}
    # the cards lead to the readable overviews (issue 15), not to the domain indices
    assert {
        "2012/index.html",
        "personen/index.html",
        "aanbevelingen.html",
        "werkgroepen.html",
        "organisaties.html",
    } <= cards
    assert not [href for href in cards if href.startswith("kb-")]
    sprekers = page(site, "kb-sprekers")
    assert sprekers.find("h1").get_text(strip=True) == "Personen"
    entries = {a.get_text() for a in sprekers.select("table.indextable a")}
    expected = {"Alex Brenninkmeijer", "Brenninckmeijer", "René Gabriëls", "Ans Nachtegaal"}
    assert expected <= entries


# -- invariants -------------------------------------------------------------------------------


def check_kb_json_is_valid(site: Path) -> None:
    """kb.json validates against kb.schema.json; every relation points at an object."""
    import jsonschema

    data = kb_json(site)
    jsonschema.validate(data, json.loads((site / "kb.schema.json").read_text("utf-8")))
    ids = {o["id"] for o in data["objects"]}
    assert len(ids) == len(data["objects"]), "an id is used twice"
    for obj in data["objects"]:
        for field, targets in obj["relations"].items():
            for target in targets if isinstance(targets, list) else [targets]:
                assert target in ids, (obj["id"], field, target)
        for ref in obj["referenced_by"]:
            assert ref["id"] in ids, (obj["id"], ref)


def check_objects_are_findable(site: Path) -> None:
    """Every object: an anchor on its page, an objects.inv entry of its type, an
    entry in its type's index page and a place in the type's overview."""
    from sphinx.util.inventory import InventoryFile

    with open(site / "objects.inv", "rb") as f:
        inv = InventoryFile.load(f, "", lambda base, uri: uri)
    data = inv.data if hasattr(inv, "data") else inv
    types = kb_json(site)["types"]
    index_entries: dict[str, set[str]] = {}
    for obj in kb_objects(site).values():
        path, _, anchor = obj["url"].partition("#")
        assert _soup(site / path).find(id=anchor), obj["url"]
        assert obj["id"] in data[f"kb:{obj['type']}"], (obj["type"], obj["id"])
        entry = data[f"kb:{obj['type']}"][obj["id"]]
        uri = entry.uri if hasattr(entry, "uri") else entry[2]
        assert uri == obj["url"], (obj["id"], uri)
        plural = types[obj["type"]]["plural"].lower()
        index = {"alliantiedagen": "dagen", "personen": "sprekers"}.get(plural, plural)
        if index not in index_entries:
            soup = page(site, f"kb-{index}")
            index_entries[index] = {a.get_text() for a in soup.select("table.indextable a")}
        assert obj["title"] in index_entries[index], (index, obj["title"])
    speakers = {o["title"] for o in kb_objects(site).values() if spoke(o)}
    rows = page(site, "overzichten/sprekers").select("table.kb-listing tbody tr")
    listed = [tr.find("td").get_text(" ", strip=True) for tr in rows]
    assert sorted(listed) == sorted(speakers)  # each speaker once, whatever their number


def spoke(obj: dict) -> bool:
    """A person who spoke: named by a talk, a workshop or a recommendation, or
    with a contribution to the programme (a haiku, a cabaret act)."""
    if obj["type"] != "speaker":
        return False
    return bool(obj["referenced_by"]) and any(
        ref["type"] in ("talk", "workshop", "recommendation")
        and ref["field"] in ("speakers", "facilitators", "speaker")
        for ref in obj["referenced_by"]
    ) or bool(obj["fields"].get("contribution"))


def _edition_rows(site: Path, year: str) -> list[list[str]]:
    soup = page(site, f"{year}/index")
    return [
        [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        for tr in soup.select("table.kb-listing tbody tr")
    ]


def check_editions(site: Path) -> None:
    """Each edition's page lists each of its days once, dated days first; the
    landing page has a card and a menu entry per edition, newest first."""
    events = [o for o in kb_objects(site).values() if o["type"] == "event"]
    years = sorted({o["fields"]["edition"] for o in events}, reverse=True)
    for year in years:
        rows = _edition_rows(site, year)
        own = sorted(o["title"] for o in events if o["fields"]["edition"] == year)
        assert sorted(r[0] for r in rows) == own, year
        dates = [r[-1] == NOT_STATED for r in rows]
        assert dates == sorted(dates), f"{year}: a day without a date before a dated one"
    landing = page(site, "index")
    cards = [a["href"] for a in landing.select(".sd-card a") if a["href"].endswith("/index.html")]
    assert cards[: len(years)] == [f"{y}/index.html" for y in years]
    menu = [a["href"] for a in landing.select(".toctree-l1 > a")]
    assert menu[: len(years)] == [f"{y}/index.html" for y in years]


def check_links_resolve(site: Path) -> None:
    """Every link between pages leads to a page that exists, and to an anchor on it."""
    problems = []
    for path in html_pages(site):
        for a in _soup(path).find_all("a", href=True):
            parts = urlsplit(a["href"])
            if parts.scheme or parts.netloc or a["href"].startswith("mailto:"):
                continue
            target = path
            if parts.path:
                rel = posixpath.normpath(
                    posixpath.join(path.parent.relative_to(site).as_posix(), unquote(parts.path))
                )
                target = site / rel
                if target.is_dir():
                    target = target / "index.html"
            if not target.exists():
                problems.append((path.relative_to(site).as_posix(), a["href"]))
                continue
            if parts.fragment and target.suffix == ".html":
                if not _soup(target).find(id=unquote(parts.fragment)):
                    problems.append((path.relative_to(site).as_posix(), a["href"]))
    assert problems == [], problems[:20]


def check_every_page_in_a_toctree(site: Path) -> None:
    """Every page is reachable from the landing page's menu (or says orphan: true)."""
    with open(site / ".doctrees" / "environment.pickle", "rb") as f:
        env = pickle.load(f)
    reachable, todo = set(), [env.config.root_doc]
    while todo:
        doc = todo.pop()
        if doc not in reachable:
            reachable.add(doc)
            todo.extend(env.toctree_includes.get(doc, ()))
    orphans = {d for d in env.found_docs if "orphan" in env.metadata.get(d, {})}
    missing = sorted(env.found_docs - reachable - orphans)
    assert missing == [], f"pages in no toctree: {missing}"


# -- saying only what the article says ----------------------------------------------------


def check_five_days_2012(site: Path) -> None:
    """The article names five Alliance days of 2012: no page, listing or diagram
    shows a sixth (the talk of 2 November took place at one of the five)."""
    days = [o for o in kb_objects(site).values() if o["type"] == "event"]
    places = [o["fields"].get("place") for o in days if o["fields"]["edition"] == "2012"]
    assert sorted(places) == sorted(DAYS_2012), places
    assert len(_edition_rows(site, "2012")) == len(DAYS_2012)
    (diagram,) = page(site, "2012/index").select("div.graphviz object")
    svg = (site / "2012" / diagram["data"]).read_text("utf-8")
    assert len(set(re.findall(r"#dag-2012-[a-z0-9-]+", svg))) == len(DAYS_2012)
    index = page(site, "kb-dagen").select("table.indextable a")
    assert sum(a.get_text().endswith(tuple(DAYS_2012)) for a in index) == len(DAYS_2012)
    for path in html_pages(site):
        text = _soup(path).get_text(" ")
        assert "Alliantiedag van 2 november" not in text, path


def check_no_speaker_label_on_non_speakers(site: Path) -> None:
    """A person the article names without their speaking (the author, someone in
    a photo caption) is labelled "Persoon", never "Spreker", on their page, in
    the export and in the overview of speakers."""
    people = [o for o in kb_objects(site).values() if o["type"] == "speaker"]
    quiet = [o for o in people if not spoke(o)]
    assert {"ger-ramaekers", "wilma-kuiper"} <= {o["id"] for o in quiet}
    overview = page(site, "overzichten/sprekers").find(role="main").get_text(" ")
    for obj in people:
        assert obj["type_label"] == "Persoon", obj["id"]
    for obj in quiet:
        path, _, anchor = obj["url"].partition("#")
        entry = _soup(site / path).find(id=anchor)
        label = entry.select_one(".kb-type")
        assert label is not None and label.get_text(strip=True) == "Persoon", obj["id"]
        assert "Spreker" not in entry.get_text(" "), obj["id"]
        assert obj["title"] not in overview, obj["id"]


def check_one_phrase_for_silence(site: Path) -> None:
    """An empty field says "niet vermeld in het artikel", the same everywhere;
    no other wording of that ("niet vermeld in de bron") is left."""
    seen = 0
    for path in html_pages(site):
        soup = _soup(path)
        text = soup.get_text(" ")
        assert "niet vermeld in de bron" not in text, path
        assert "vermeld in de bron" not in text, path
        for el in soup.select(".kb-not-stated"):
            assert el.get_text(strip=True) == NOT_STATED, (path, el.get_text())
            seen += 1
    assert seen, "no empty field shown anywhere"
    f = fields(page(site, "2012/slotwoord"), "aanbeveling-2012-gabriels-wild-voorstel")
    assert f["Bron"] == NOT_STATED


def check_inferred_marked(site: Path) -> None:
    """A value the article implies rather than states carries "(afgeleid)" with
    an explanation, on its own page and on the overview pages; a stated one not."""
    found = kb_objects(site)
    for objid, names in INFERRED_2012.items():
        assert tuple(found[objid]["inferred"]) == names, objid
    for obj in found.values():
        path, _, anchor = obj["url"].partition("#")
        entry = _soup(site / path).find(id=anchor).find_parent("dl")
        markers = entry.select(".kb-entry-line .kb-inferred abbr, .kb-fields .kb-inferred abbr")
        assert len(markers) == len(obj["inferred"]), obj["id"]
        assert all(m.get("title") for m in markers), obj["id"]
    addressed = page(site, "overzichten/aanbevelingen-per-geadresseerde")
    groups = [" ".join(g.get_text().split()) for g in addressed.select(".kb-group-title")]
    assert "de anti-armoedebeweging (afgeleid)" in groups, groups
    assert "De overheid" in groups and "De overheid (afgeleid)" not in groups
    thema = page(site, "overzichten/aanbevelingen-per-thema").find(role="main")
    rows = {
        " ".join(tr.find("td").get_text().split()): " ".join(tr.get_text().split())
        for tr in thema.select("tbody tr")
    }
    assert INFERRED in rows["Help, maar onder zeer luid protest"]
    assert INFERRED not in rows["Houd persoonlijk contact"]
    (diagram,) = page(site, "2012/index").select("div.graphviz object")
    svg = (site / "2012" / diagram["data"]).read_text("utf-8")
    assert ">afgeleid</" in svg  # the arrow to an inferred addressee says so


#: Every content check, facts first.
CHECKS: list[Callable[[Path], None]] = [
    check_2012_objects,
    check_2012_pages,
    check_2012_overviews,
    check_five_days_2012,
    check_no_speaker_label_on_non_speakers,
    check_one_phrase_for_silence,
    check_inferred_marked,
    check_kb_json_is_valid,
    check_objects_are_findable,
    check_editions,
    check_links_resolve,
    check_every_page_in_a_toctree,
]


def run_all(site: Path) -> None:
    for check in CHECKS:
        check(site)
