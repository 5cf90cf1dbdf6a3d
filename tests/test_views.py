"""Listings, backlinks, diagrams and kb.json on a small project."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from alliantie_kb import filters

from conftest import BuildEvents, add_pages, all_warning_lines, build, copy_root, main_of


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return build(copy_root("views", tmp_path_factory.mktemp("views") / "src"), freshenv=True)


def section(app, docname: str, title: str):
    """The <section> of a page whose heading is ``title``."""
    for sec in main_of(app, docname).find_all("section"):
        heading = sec.find(re.compile("^h[1-6]$"))
        if heading and heading.get_text(strip=True).rstrip("¶") == title:
            return sec
    raise AssertionError(f"no section {title!r}")


def table_rows(node) -> list[list[str]]:
    return [
        [cell.get_text(" ", strip=True) for cell in tr.find_all(["td", "th"])]
        for tr in node.find_all("tr")
    ]


def test_clean_build(app):
    assert all_warning_lines(app.warning.getvalue()) == []


# -- the filter language (pure) ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("kind = advies", ("cmp", "kind", "=", ("advies",))),
        ('addressee = "de overheid"', ("cmp", "addressee", "=", ("de overheid",))),
        (
            "a = 1 and b != 2 or c in (3, 4)",
            (
                "or",
                ("and", ("cmp", "a", "=", ("1",)), ("cmp", "b", "!=", ("2",))),
                ("cmp", "c", "in", ("3", "4")),
            ),
        ),
        (
            "niet (a = 1 of b = 2) en c = 3",
            (
                "and",
                ("not", ("or", ("cmp", "a", "=", ("1",)), ("cmp", "b", "=", ("2",)))),
                ("cmp", "c", "=", ("3",)),
            ),
        ),
        ("a not in (x)", ("not", ("cmp", "a", "in", ("x",)))),
        ("date >= 2012-10-01", ("cmp", "date", ">=", ("2012-10-01",))),
        # a field alone: "has any value"
        ("talks", ("cmp", "talks", "any", ())),
        (
            "not talks or contribution",
            ("or", ("not", ("cmp", "talks", "any", ())), ("cmp", "contribution", "any", ())),
        ),
        (
            "(talks) and kind = advies",
            ("and", ("cmp", "talks", "any", ()), ("cmp", "kind", "=", ("advies",))),
        ),
    ],
)
def test_filter_parses(text, tree):
    assert filters.parse(text) == tree


@pytest.mark.parametrize(
    "text", ["", "kind =", "kind not", "kind advies", "(kind = a", "kind = a b", 'a = "x', "a = )"]
)
def test_filter_rejects(text):
    with pytest.raises(filters.FilterError):
        filters.parse(text)


def test_filter_never_evaluates_python():
    tree = filters.parse("title = \"__import__('os').system('false')\"")
    assert filters.evaluate(tree, lambda key: ["iets"]) is False


def test_filter_evaluation_semantics():
    values = {"addressee": ["De Overheid", "gemeenten"], "kind": ["advies"], "date": []}
    get = lambda key: values.get(key, [])  # noqa: E731
    assert filters.evaluate(filters.parse('addressee = "de overheid"'), get)  # any, casefold
    assert not filters.evaluate(filters.parse("addressee != gemeenten"), get)
    assert filters.evaluate(filters.parse("kind in (verweer, advies)"), get)
    assert not filters.evaluate(filters.parse("date >= 2012-01-01"), get)  # empty: no match
    assert filters.evaluate(filters.parse("not date = 2012-01-01"), get)


# -- listings ---------------------------------------------------------------


def test_group_by_addressee(app):
    sec = section(app, "overzicht", "Per geadresseerde")
    groups = {}
    for group in sec.select(".kb-group"):
        title = group.select_one(".kb-group-title").get_text(strip=True)
        groups[title] = [row[0] for row in table_rows(group)[1:]]
    assert groups == {
        "de overheid": ["Benader burgers vanuit vertrouwen", "Houd persoonlijk contact"],
        "Gemeenten": ["Zoek de samenwerking"],
        "Nationale ombudsman": ["Houd persoonlijk contact"],
    }
    # organisation groups link to the organisation
    link = sec.find("a", string="Gemeenten")
    assert link["href"] == "mensen.html#organisatie-gemeenten"
    assert table_rows(sec.select(".kb-group")[0])[0] == ["Titel", "Bron"]


def test_filtered_list_style(app):
    sec = section(app, "overzicht", "Adviezen van de ombudsman")
    items = [li.get_text(" ", strip=True) for li in sec.select("ul.kb-listing > li")]
    assert items == [
        "Benader burgers vanuit vertrouwen — Gericht aan: de overheid",
        "Houd persoonlijk contact — Gericht aan: de overheid , Nationale ombudsman",
    ]


def test_not_or_in_and_descending_sort(app):
    sec = section(app, "overzicht", "Niet aan de overheid, nieuwste titel eerst")
    assert [r[0] for r in table_rows(sec)[1:]] == ["Zoek de samenwerking"]


def test_empty_listing_says_so_in_dutch(app):
    sec = section(app, "overzicht", "Afgewezen")
    assert sec.select_one(".kb-empty").get_text() == (
        "Er zijn geen aanbevelingen die aan deze selectie voldoen."
    )


def test_reverse_relation_columns(app):
    rows = table_rows(section(app, "overzicht", "Sprekers"))
    assert rows == [
        ["Naam", "Lezingen", "Werkgroepen", "Aanbevelingen"],
        [
            "Alex Brenninkmeijer",
            "Waarom maakt de overheid mij zo boos?",
            "",
            "Benader burgers vanuit vertrouwen , Houd persoonlijk contact",
        ],
        ["René Gabriëls", "", "Werkgroep zorg", ""],
    ]


def test_group_by_relation_and_date_filter(app):
    sec = section(app, "overzicht", "Werkgroepen per dag")
    titles = [g.select_one(".kb-group-title").get_text(strip=True) for g in sec.select(".kb-group")]
    assert titles == ["Alliantiedag Deventer", "Alliantiedag Drachten"]
    rows = table_rows(section(app, "overzicht", "Dagen"))
    assert [r[0] for r in rows[1:]] == ["Alliantiedag Drachten"]
    assert rows[1][1] == "5 oktober 2012"


def test_listings_are_standard_nodes_for_every_builder(tmp_path):
    app = build(copy_root("views", tmp_path / "src"), "text", freshenv=True)
    text = (app.outdir / "overzicht.txt").read_text("utf-8")
    assert "Zoek de samenwerking" in text
    assert "Er zijn geen aanbevelingen die aan deze selectie voldoen." in text
    assert "Diagram van de Alliantiedagen 2012" in text  # diagrams degrade to alt text


# -- backlinks ----------------------------------------------------------------


def test_backlinks_of_a_speaker(app):
    page = main_of(app, "mensen")
    entry = page.find(id="spreker-alex-brenninkmeijer").find_next("dd")
    box = entry.select_one(".kb-backlinks-section")
    assert box.select_one(".kb-backlinks-title").get_text() == "Zie ook"
    # one sentence, as text: no "Pagina:" prefixes, no field names in brackets
    assert " ".join(box.select_one("p.kb-backlinks").get_text().split()) == (
        "Genoemd in de lezing Waarom maakt de overheid mij zo boos?, in de aanbevelingen "
        "Benader burgers vanuit vertrouwen en Houd persoonlijk contact en op de pagina "
        "Proefkennisbank met overzichten."
    )
    assert box.find("a", string="Proefkennisbank met overzichten")["href"] == "index.html"
    # after the entry's own content
    assert entry.find_all(recursive=False)[-1] is box


def test_backlinks_see_also_and_absent_when_nothing_refers(app):
    page = main_of(app, "dag")
    rec = page.find(id="aanbeveling-2012-samenwerken").find_next("dd")
    title = rec.select_one(".kb-backlinks-title").get_text()
    assert title == "Zie ook"
    sentence = rec.select_one("p.kb-backlinks").get_text()
    assert " ".join(sentence.split()) == "Genoemd op de pagina Losse pagina."
    contact = page.find(id="aanbeveling-2012-contact").find_next("dd")
    assert contact.select_one(".kb-backlinks-section") is None


# -- diagrams -----------------------------------------------------------------


def test_diagrams_are_linked_svg(app):
    objects = main_of(app, "overzicht").select("div.graphviz object")
    assert len(objects) == 2
    anchors = set()
    for page in ("mensen", "dag"):
        html = (app.outdir / f"{page}.html").read_text("utf-8")
        anchors |= {f"{page}.html#{a}" for a in re.findall(r'id="([^"]+)"', html)}
    for obj in objects:
        assert obj["type"] == "image/svg+xml"
        svg = (app.outdir / obj["data"]).read_text("utf-8")
        links = re.findall(r'href="\.\./([^"]+)"', svg)
        assert links, "diagram nodes must be links"
        assert set(links) <= anchors
    edition = (app.outdir / objects[0]["data"]).read_text("utf-8")
    for label in (
        "Alliantiedagen 2012",
        "Alliantiedag Drachten",
        "Werkgroep werk",
        "Zoek de samenwerking",
        "de overheid",
    ):
        assert label in edition


# -- kb.json ----------------------------------------------------------------


def test_kb_json_validates_and_has_both_directions(app):
    data = json.loads((app.outdir / "kb.json").read_text("utf-8"))
    schema = json.loads((app.outdir / "kb.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
    objects = {o["id"]: o for o in data["objects"]}
    assert len(objects) == 12
    talk = objects["2012-waarom-boos"]
    assert talk["relations"] == {"speakers": ["alex-brenninkmeijer"], "event": ["2012-drachten"]}
    assert talk["url"] == "dag.html#lezing-2012-waarom-boos"
    assert talk["source"] == "dag.md" and talk["type_label"] == "Lezing"
    speaker = objects["alex-brenninkmeijer"]
    assert {"id": "2012-waarom-boos", "type": "talk", "field": "speakers"} in speaker[
        "referenced_by"
    ]
    assert speaker["mentioned_on"] == ["index"]
    # free text stays a field value, not a relation
    contact = objects["2012-contact"]
    assert contact["fields"]["addressee"] == ["de overheid", "nationale-ombudsman"]
    assert contact["relations"]["addressee"] == ["nationale-ombudsman"]


def test_schema_rejects_a_broken_export(app):
    data = json.loads((app.outdir / "kb.json").read_text("utf-8"))
    schema = json.loads((app.outdir / "kb.schema.json").read_text("utf-8"))
    data["objects"][0]["fields"]["kleur"] = "rood"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_kb_json_is_deterministic_across_builds_and_parallelism(app, tmp_path):
    first = (app.outdir / "kb.json").read_bytes()
    pages = {}
    for parallel in (0, 2):
        src = copy_root("views", tmp_path / f"j{parallel}")
        again = build(src, freshenv=True, parallel=parallel)
        assert (again.outdir / "kb.json").read_bytes() == first
        grown = copy_root("views", tmp_path / f"grown-j{parallel}")
        add_pages(grown)  # enough pages for Sphinx to really split the work
        seen = BuildEvents()
        grown_app = build(grown, freshenv=True, parallel=parallel, events=seen)
        assert all_warning_lines(grown_app.warning.getvalue()) == []
        if parallel:  # reading really was split into chunks
            assert len(seen.merged) >= 2
        assert (again.outdir / "kb.schema.json").read_bytes() == (
            app.outdir / "kb.schema.json"
        ).read_bytes()
        pages[parallel] = {
            p.relative_to(grown_app.outdir).as_posix(): p.read_bytes()
            for p in grown_app.outdir.rglob("*")
            if p.suffix in (".html", ".svg", ".json")
        }
    assert pages[0] == pages[2]  # listings, backlinks, diagrams: same with -j 2


def test_a_field_alone_means_it_has_a_value():
    """``talks`` holds for a person with a talk, ``not talks`` for one without."""
    values = {"talks": ["2012-waarom-boos"], "contribution": []}
    assert filters.evaluate(filters.parse("talks"), lambda f: values.get(f, []))
    assert not filters.evaluate(filters.parse("contribution"), lambda f: values.get(f, []))
    assert filters.evaluate(filters.parse("not contribution"), lambda f: values.get(f, []))
