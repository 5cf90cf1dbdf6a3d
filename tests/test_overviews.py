"""Overview pages for people (issue 15, item 1): ``{overzicht}`` writes one
sentence per object from the knowledge base, grouped; the landing cards and
the menu lead to these pages, not to Sphinx's domain indices."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import all_warning_lines, build, copy_root, kb_json, main_of, parse_warnings

#: Overview page -> the type it shows every object of.
OVERVIEWS = {
    "personen/index": "speaker",
    "werkgroepen": "workshop",
    "aanbevelingen": "recommendation",
    "organisaties": "organisation",
}


def sentences(site: Path, docname: str) -> list[BeautifulSoup]:
    """The overview's items (one sentence each) on a built page."""
    return main_of(site, docname).select("ul.kb-overview > li")


def plain(node: BeautifulSoup) -> str:
    """The text of a node as a reader sees it (spaces kept, runs collapsed)."""
    return " ".join(node.get_text().replace("¶", "").split())


def linked_ids(item: BeautifulSoup) -> str:
    """The href of the sentence's first link: the object it is about."""
    return item.select_one("p.kb-summary strong a")["href"]


@pytest.mark.parametrize("docname", list(OVERVIEWS))
def test_every_object_of_the_type_has_a_sentence(site, docname):
    objtype = OVERVIEWS[docname]
    objects = [o for o in kb_json(site)["objects"] if o["type"] == objtype]
    assert objects
    items = sentences(site, docname)
    about = {linked_ids(li).rsplit("#", 1)[-1] for li in items}
    anchors = {o["url"].rsplit("#", 1)[-1] for o in objects}
    assert anchors <= about, anchors - about
    for li in items:
        text = plain(li)
        assert len(text) > 3 and "%(" not in text
    # proportional type: no literal/code markup in the sentences
    assert not main_of(site, docname).select("ul.kb-overview code, ul.kb-overview tt")


def test_people_are_grouped_by_their_part_in_the_day(site):
    groups = [r.get_text(strip=True) for r in main_of(site, "personen/index").select(".rubric")]
    assert groups[0] == "Sprekers" and groups[-1] == "Overige personen"
    text = [plain(li) for li in sentences(site, "personen/index")]
    (ombudsman,) = [t for t in text if t.startswith("Alex Brenninkmeijer")]
    assert ombudsman.startswith(
        "Alex Brenninkmeijer, Nationale ombudsman — lezing ‘Waarom maakt de overheid mij zo"
        " boos?’ op de Alliantiedag Drachten; beval aan: "
    )
    assert "Behandel mensen met respect" in ombudsman
    assert "Ger Ramaekers, schrijver van de terugblik" in text


def test_recommendations_by_addressee_and_by_day(site):
    main = main_of(site, "aanbevelingen")
    groups = [plain(r) for r in main.select(".rubric")]
    assert "De overheid" in groups and "Alliantiedag Drachten" in groups
    # one group per addressee, whatever the article called it
    assert not {"overheden", "de (in)formateur(s)", "de heren Bos en Kamp"} & set(groups)
    government = [
        plain(li)
        for box in main.select(".kb-overview-group")
        if plain(box.select_one(".rubric")) == "De overheid"
        for li in box.select("li")
    ]
    # each sentence names the addressee as the article wrote it
    assert any(", aan de overheid" in t for t in government), government
    (formateurs,) = [t for t in government if "(in)formateur(s)" in t]
    assert formateurs.count("afgeleid") == 1, formateurs  # the marker once, after the name
    assert groups[-1] == "Dag niet vermeld in het artikel"
    total = len([o for o in kb_json(site)["objects"] if o["type"] == "recommendation"])
    (by_day,) = [s for s in main.select("section") if s.find("h2").get_text().startswith("Per dag")]
    assert len(by_day.select("ul.kb-overview > li")) == total  # each day's once
    drachten = [
        plain(li)
        for box in main.select(".kb-overview-group")
        if plain(box.select_one(".rubric")) == "Alliantiedag Drachten"
        for li in box.select("li")
    ]
    assert "Behandel mensen met respect — van Alex Brenninkmeijer, aan de overheid (lezing " in (
        "".join(drachten)
    )


def test_cards_and_menu_lead_to_the_overviews_not_to_the_domain_indices(site):
    landing = main_of(site, "index")
    cards = {a["href"].split("#")[0] for a in landing.select(".sd-card a")}
    assert {"personen/index.html", "werkgroepen.html", "aanbevelingen.html"} <= cards
    assert "organisaties.html" in cards
    for page in ["index", *OVERVIEWS]:
        soup = BeautifulSoup((site / f"{page}.html").read_text("utf-8"), "html.parser")
        menu = [a["href"] for a in soup.select(".wy-menu a")]
        assert not [h for h in menu if h.rsplit("/", 1)[-1].startswith("kb-")], page
        top = {plain(a) for a in soup.select(".wy-menu .toctree-l1 > a")}
        assert {"Personen", "Werkgroepen", "Aanbevelingen", "Organisaties"} <= top, page
        assert not [a for a in landing.select(".sd-card a") if "/kb-" in "/" + a["href"]]
    # the domain indices stay, for the PDF and for {ref}
    assert (site / "kb-sprekers.html").exists()


def test_overview_options_are_checked(tmp_path):
    src = copy_root("views", tmp_path / "src")
    (src / "zinnen.md").write_text(
        "# Overzicht\n\n"
        "```{overzicht} sprekr\n```\n\n"
        "```{overview} speaker\n:group-by: roll\n```\n\n"
        "```{overview} speaker\n:group-by: part\n```\n",
        encoding="utf-8",
    )
    with (src / "index.md").open("a", encoding="utf-8") as f:
        f.write("\n```{toctree}\n:hidden:\n\nzinnen\n```\n")
    app = build(src, freshenv=True)
    warnings = [
        w for w in parse_warnings(app.warning.getvalue()) if w["path"].endswith("zinnen.md")
    ]
    messages = " | ".join(w["msg"] for w in warnings)
    assert len(warnings) == 2, all_warning_lines(app.warning.getvalue())
    assert "'sprekr'" in messages and "'speaker'" in messages
    assert "'roll'" in messages and "'role'" in messages
    assert main_of(app, "zinnen").select("ul.kb-overview > li")


def test_no_reader_page_leads_to_a_domain_index(site):
    """The domain indices (kb-<type>.html) stay for the PDF and ``{ref}``: no
    page's text links to them; readers get the overview pages."""
    indices = {p.name for p in site.glob("kb-*.html")}
    assert len(indices) >= 4
    leading = sorted(
        (path.relative_to(site).as_posix(), a["href"])
        for path in site.rglob("*.html")
        if path.name not in indices and "_static" not in path.parts
        for a in (
            BeautifulSoup(path.read_text("utf-8"), "html.parser").select_one("[role=main]")
            or BeautifulSoup("", "html.parser")
        ).select("a[href]")
        if a["href"].split("#")[0].rsplit("/", 1)[-1] in indices
    )
    assert leading == []
