"""The kb domain on a small, valid project: objects, links, indices, inventory."""

from __future__ import annotations

import json

import pytest
from sphinx.util.inventory import InventoryFile

from conftest import all_warning_lines, build, copy_root, field_cells, soup_of

TYPES = {
    "alex-brenninkmeijer": "speaker",
    "rene-gabriels": "speaker",
    "nationale-ombudsman": "organisation",
    "2012-drachten": "event",
    "2012-deventer": "event",
    "2012-waarom-boos": "talk",
    "2012-werkgroep-zorg": "workshop",
    "2012-vertrouwen": "recommendation",
    "2012-samenwerken": "recommendation",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build(copy_root("domain", tmp_path_factory.mktemp("domain") / "src"), freshenv=True)


def test_builds_without_warnings(built):
    assert all_warning_lines(built.warning.getvalue()) == []


def test_every_object_is_registered_with_its_type(built):
    domain = built.env.domains["kb"]
    assert {rec.id: rec.type for rec in domain.records()} == TYPES
    rec = domain.get("alex-brenninkmeijer")
    assert rec.docname == "mensen"
    assert rec.anchor == "spreker-alex-brenninkmeijer"
    assert rec.fields["aliases"] == ["Brenninckmeijer"]
    assert domain.get("2012-werkgroep-zorg").fields["facilitators"] == [
        "rene-gabriels",
        "alex-brenninkmeijer",
    ]


def test_anchor_title_and_dutch_type_label(built):
    page = soup_of(built, "mensen")
    dt = page.find(id="spreker-alex-brenninkmeijer")
    assert dt is not None
    assert dt.find(class_="kb-type").get_text() == "Persoon"
    assert dt.find(class_="sig-name").get_text() == "Alex Brenninkmeijer"
    fields = field_cells(page, "spreker-alex-brenninkmeijer")
    assert fields["Functie"].get_text(strip=True) == "Nationale ombudsman"
    assert fields["Ook bekend als"].get_text(strip=True) == "Brenninckmeijer"
    assert fields["Website"].find("a")["href"] == "https://www.nationaleombudsman.nl"
    # nested MyST content is parsed, and its text escaped
    body = dt.find_next("dd")
    assert body.find("strong").get_text() == "Drachten"
    assert "boosheid & vertrouwen (5 < 6 > 4)" in body.get_text()


def test_event_fields_dates_and_not_stated(built):
    page = soup_of(built, "dag")
    drachten = field_cells(page, "dag-2012-drachten")
    assert drachten["Datum"].get_text(strip=True) == "5 oktober 2012"
    assert drachten["Regio"].get_text(strip=True) == "Noord"  # the label of the value noord
    deventer = field_cells(page, "dag-2012-deventer")
    assert deventer["Datum"].get_text(strip=True) == "niet vermeld in het artikel"
    assert deventer["Plaats"].get_text(strip=True) == "niet vermeld in het artikel"
    assert deventer["Regio"].get_text(strip=True) == "Oost"
    assert "Titel" not in deventer  # optional and empty: not shown


def test_relations_render_as_links(built):
    page = soup_of(built, "dag")
    facts = field_cells(page, "aanbeveling-2012-vertrouwen").values()
    links = {a.get_text(): a["href"] for cell in facts for a in cell.find_all("a")}
    assert links["Waarom maakt de overheid mij zo boos?"] == "#lezing-2012-waarom-boos"
    assert links["Alex Brenninkmeijer"] == "mensen.html#spreker-alex-brenninkmeijer"
    assert links["Nationale ombudsman <script>alert(1)</script>"] == (
        "mensen.html#organisatie-nationale-ombudsman"
    )
    # free-text addressee stays text
    addressee = field_cells(page, "aanbeveling-2012-vertrouwen")["Gericht aan"]
    assert addressee.get_text(" ", strip=True).startswith("de overheid")
    assert addressee.find("a")["href"] == "mensen.html#organisatie-nationale-ombudsman"
    workshop = field_cells(page, "werkgroep-2012-werkgroep-zorg").values()
    hrefs = [a["href"] for cell in workshop for a in cell.find_all("a")]
    assert hrefs == [
        "#dag-2012-drachten",
        "mensen.html#spreker-rene-gabriels",
        "mensen.html#spreker-alex-brenninkmeijer",
    ]
    source = field_cells(page, "aanbeveling-2012-samenwerken")["Bron"]
    assert source.find("a")["href"] == "#werkgroep-2012-werkgroep-zorg"


def test_roles_and_any_role(built):
    page = soup_of(built, "index")
    links = [(a.get_text(), a["href"]) for a in page.select("div[role=main] a.reference")]
    assert ("Alex Brenninkmeijer", "mensen.html#spreker-alex-brenninkmeijer") in links
    assert ("de ombudsman", "mensen.html#spreker-alex-brenninkmeijer") in links
    assert ("Benader burgers vanuit vertrouwen", "dag.html#aanbeveling-2012-vertrouwen") in links
    assert (
        "Nationale ombudsman <script>alert(1)</script>",
        "mensen.html#organisatie-nationale-ombudsman",
    ) in links


def test_user_text_is_escaped_everywhere(built):
    for name in ("mensen", "dag", "index", "kb-organisaties", "genindex"):
        html = (built.outdir / f"{name}.html").read_text("utf-8")
        assert "<script>alert(1)" not in html, name
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in (
        built.outdir / "kb-organisaties.html"
    ).read_text("utf-8")


def test_objects_inv_lists_every_object_under_its_type(built):
    with open(built.outdir / "objects.inv", "rb") as f:
        inv = InventoryFile.load(f, "", lambda base, uri: uri)
    inv_data = inv.data if hasattr(inv, "data") else inv
    for objid, objtype in TYPES.items():
        entry = inv_data[f"kb:{objtype}"][objid]
        uri = entry.uri if hasattr(entry, "uri") else entry[2]
        assert "#" in uri and uri.endswith(objid), (objid, uri)


def test_search_index_has_objects_with_dutch_labels(built):
    text = (built.outdir / "searchindex.js").read_text("utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    labels = {tuple(v) for v in index["objnames"].values()}
    assert ("kb", "speaker", "Persoon") in labels
    assert ("kb", "recommendation", "Aanbeveling") in labels
    # objects are found by their display name and lead to their anchor
    found = {entry[4]: entry[3] for entries in index["objects"].values() for entry in entries}
    assert found["Alex Brenninkmeijer"] == "spreker-alex-brenninkmeijer"
    assert found["Benader burgers vanuit vertrouwen"] == "aanbeveling-2012-vertrouwen"
    assert len(found) == len(TYPES)


@pytest.mark.parametrize(
    ("page", "title", "expected"),
    [
        ("kb-sprekers", "Personen", ["Alex Brenninkmeijer", "Brenninckmeijer", "René Gabriëls"]),
        (
            "kb-aanbevelingen",
            "Aanbevelingen",
            ["Benader burgers vanuit vertrouwen", "Zoek de samenwerking"],
        ),
        ("kb-werkgroepen", "Werkgroepen", ["Werkgroep zorg"]),
        ("kb-dagen", "Alliantiedagen", ["Alliantiedag Deventer", "Alliantiedag Drachten"]),
    ],
)
def test_domain_indices(built, page, title, expected):
    html = soup_of(built, page)
    assert html.find("h1").get_text(strip=True) == title
    entries = [a.get_text() for a in html.select("table.indextable a")]
    assert entries == expected
    alias = html.find("a", string="Brenninckmeijer")
    if alias is not None:
        assert alias["href"] == "mensen.html#spreker-alex-brenninkmeijer"
        assert "zie Alex Brenninkmeijer" in alias.parent.get_text()


def test_stylesheet_is_shipped_and_linked(built):
    assert (built.outdir / "_static" / "alliantie_kb.css").is_file()
    links = [link["href"] for link in soup_of(built, "mensen").find_all("link", rel="stylesheet")]
    assert any(href.startswith("_static/alliantie_kb.css") for href in links), links
