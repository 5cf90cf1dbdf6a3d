"""The explorer (``{explorer}`` / ``{verkenner}``): every recommendation in one
list, with facets and their counts; a plain list outside the site's HTML."""

from __future__ import annotations

import re

import pytest

from conftest import (
    all_warning_lines,
    build,
    copy_root,
    kb_json,
    main_of,
    outdir_of,
    parse_warnings,
    soup_of,
)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return build(copy_root("explorer", tmp_path_factory.mktemp("explorer") / "src"), freshenv=True)


def facets(main) -> dict[str, dict[str, int]]:
    """legend -> {value: count} of the explorer's controls."""
    out: dict[str, dict[str, int]] = {}
    for fieldset in main.select("form.kb-explorer-controls fieldset"):
        values = {}
        for label in fieldset.select("label"):
            m = re.fullmatch(r"(.*) \((\d+)\)", label.get_text(" ", strip=True))
            assert m, label
            values[m[1]] = int(m[2])
        out[fieldset.legend.get_text(strip=True)] = values
    return out


def entries(main) -> dict[str, str]:
    """Title -> the link's target of every entry of the list."""
    return {
        li.select_one(".kb-explorer-title a").get_text(strip=True): li.select_one(
            ".kb-explorer-title a"
        )["href"]
        for li in main.select("li.kb-explorer-item")
    }


def test_clean_build(app):
    assert all_warning_lines(app.warning.getvalue()) == []


def test_every_recommendation_is_listed_with_a_link_to_its_entry(app):
    main = main_of(app, "verkennen")
    listed = entries(main)
    recs = [o for o in kb_json(app)["objects"] if o["type"] == "recommendation"]
    assert sorted(listed) == sorted(o["title"] for o in recs)
    for obj in recs:
        assert listed[obj["title"]] == obj["url"]


def test_counts_per_value(app):
    found = facets(main_of(app, "verkennen"))
    assert list(found) == ["Gericht aan", "Thema", "Alliantiedag", "Bron", "Voorgesteld door"]
    # "de overheid" and "De Overheid" are one value; an organisation shows its name
    assert found["Gericht aan"] == {
        "<img src=x onerror=alert(1)>": 1,
        "de overheid": 2,
        "gemeenten": 1,
        "Nationale ombudsman": 1,
    }
    # the day follows the source (talk or workshop) to its Alliance day
    assert found["Alliantiedag"] == {
        "Alliantiedag Drachten": 2,
        "Alliantiedag Deventer": 1,
        "niet vermeld in het artikel": 1,
    }
    assert found["Voorgesteld door"] == {
        "Alex Brenninkmeijer": 2,
        "René Gabriëls": 1,
        "niet vermeld in het artikel": 1,
    }
    assert found["Bron"]["Waarom maakt de overheid mij zo boos?"] == 2


def test_each_entry_carries_its_values(app):
    main = main_of(app, "verkennen")
    labels = {
        box["value"]: main.find("label", attrs={"for": box["id"]}).get_text(" ", strip=True)
        for box in main.select("form.kb-explorer-controls input")
    }
    items = main.select("li.kb-explorer-item")
    assert len(items) == 4
    for li in items:
        title = li.select_one(".kb-explorer-title").get_text(strip=True)
        held = {labels[c].rsplit(" (", 1)[0] for c in li["class"] if c.startswith("kb-v-")}
        if title == "Houd persoonlijk contact":
            assert {"de overheid", "Nationale ombudsman", "Alliantiedag Drachten"} <= held
        fields = li.select_one(".kb-explorer-fields").get_text(" ", strip=True)
        assert fields.startswith("Gericht aan:"), fields


def test_controls_wait_for_the_script_and_the_script_is_only_here(app):
    main = main_of(app, "verkennen")
    assert main.select_one("form.kb-explorer-controls").has_attr("hidden")
    status = main.select_one(".kb-explorer-status")
    assert status.has_attr("hidden") and status["role"] == "status"
    assert status.get_text() == "4 van de 4 aanbevelingen"
    assert status["data-kb-template"] == "{shown} van de {total} aanbevelingen"
    assert main.find("button", string="Toon alles")["type"] == "button"
    for name, expected in (("verkennen", True), ("english", True), ("dag", False)):
        scripts = [s.get("src", "") for s in soup_of(app, name).find_all("script")]
        assert any("kb-explorer.js" in s for s in scripts) is expected, name
    assert (outdir_of(app) / "_static" / "kb-explorer.js").exists()


def test_english_name_and_default_facets(app):
    found = facets(main_of(app, "english"))
    # the model's search facets (Field.facet), in field order, and the day
    from alliantie_kb.model import OBJECT_TYPES

    facet_fields = [f for f in OBJECT_TYPES["recommendation"].fields if f.facet]
    assert len(found) == len(facet_fields) + 1 and list(found)[-1] == "Alliantiedag"
    assert {"Gericht aan", "Thema"} <= set(found)
    assert len(entries(main_of(app, "english"))) == 4


def test_hostile_values_stay_text(app):
    main = main_of(app, "verkennen")
    assert main.find("script") is None and main.find("img") is None
    assert not any(tag.has_attr("onerror") for tag in main.find_all(True))
    page = (outdir_of(app) / "verkennen.html").read_text("utf-8")
    assert "&lt;script&gt;alert(" in page and "<script>alert(" not in page


def test_unknown_facet_and_type_warn_in_dutch_with_a_hint(tmp_path):
    src = copy_root("explorer", tmp_path / "src")
    (src / "verkennen.md").write_text(
        "# Alle aanbevelingen\n\n"
        "```{verkenner} aanbeveling\n:facets: adressee, theme\n```\n\n"
        "```{verkenner} aanbeveeling\n```\n",
        encoding="utf-8",
    )
    app = build(src, freshenv=True)
    warnings = parse_warnings(app.warning.getvalue())
    facet = [w for w in warnings if "adressee" in w["msg"]]
    assert len(facet) == 1, warnings
    assert facet[0]["path"].endswith("verkennen.md") and facet[0]["line"] == "3"
    assert facet[0]["type"] == "kb.listing"
    assert facet[0]["msg"].startswith("onbekend kenmerk 'adressee' in de verkenner (toegestaan: ")
    assert "day" in facet[0]["msg"] and facet[0]["msg"].endswith("; bedoelde u 'addressee'?")
    kind = [w for w in warnings if "aanbeveeling" in w["msg"]]
    assert len(kind) == 1 and kind[0]["line"] == "7"
    assert kind[0]["msg"].endswith("; bedoelde u 'aanbeveling'?")
    # the known facet still works
    assert list(facets(main_of(app, "verkennen"))) == ["Thema"]


def test_other_outputs_show_a_plain_list(tmp_path):
    src = copy_root("explorer", tmp_path / "src")
    text = build(src, "text", freshenv=True)
    page = (outdir_of(text) / "verkennen.txt").read_text("utf-8")
    assert "Benader burgers vanuit vertrouwen" in page and "Zoek werk dat past" in page
    assert "Gericht aan: de overheid" in page
    assert "Toon alles" not in page and "(2)" not in page
    epub = build(src, "epub", freshenv=True)
    xhtml = (outdir_of(epub) / "verkennen.xhtml").read_text("utf-8")
    assert "Benader burgers vanuit vertrouwen" in xhtml
    assert "kb-explorer-controls" not in xhtml and "kb-explorer.js" not in xhtml
    latex = build(src, "latex", freshenv=True)
    tex = next(outdir_of(latex).glob("*.tex")).read_text("utf-8")
    assert "Benader burgers vanuit vertrouwen" in tex and "Toon alles" not in tex


def test_a_change_elsewhere_rewrites_the_explorer(tmp_path):
    src = copy_root("explorer", tmp_path / "src")
    build(src, freshenv=True)
    dag = src / "dag.md"
    dag.write_text(
        dag.read_text("utf-8").replace(":addressee: gemeenten", ":addressee: de overheid"),
        encoding="utf-8",
    )
    again = build(src)
    assert facets(main_of(again, "verkennen"))["Gericht aan"]["de overheid"] == 3
