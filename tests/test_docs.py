"""The real knowledge base builds cleanly (-W --keep-going -n) and shows the article's facts.

The content checks themselves live in ``tests/content_checks.py``; they assert
facts and invariants, never totals, so that new content keeps them green.
"""

from __future__ import annotations

import content_checks
import pytest
from pagefind_index import record_filters

from conftest import copy_site, fill_placeholders, kb, kb_objects, replace, site_build


@pytest.mark.parametrize("check", content_checks.CHECKS, ids=lambda c: c.__name__)
def test_content(site, check):
    """The site's facts and invariants (tests/content_checks.py)."""
    check(site)


def test_content_checks_welcome_new_content(tmp_path):
    """A 2013 edition with a day, a person and a recommendation (made with the
    command, as a volunteer would), and a new 2012 person: every check stays green."""
    copy_site(tmp_path)
    docs = tmp_path / "docs"
    for args in (
        ("nieuw", "editie", "2013"),
        ("nieuw", "dag", "Zwolle"),
        ("nieuw", "spreker", "Jan de Vries"),
        ("nieuw", "aanbeveling", "Maak regels eenvoudiger", "--van", "2013-zwolle"),
        ("nieuw", "spreker", "Els Bakker"),
    ):
        made = kb(tmp_path, *args)
        assert made.returncode == 0, (args, made.stdout, made.stderr)
    day = docs / "2013" / "zwolle.md"
    replace(day, ":edition: 2013\n", ":edition: 2013\n:date: 2013-10-04\n:region: oost\n", 1)
    replace(
        day,
        ":source: 2013-zwolle\n",
        ":source: 2013-zwolle\n:speaker: jan-de-vries\n:addressee: de overheid <de-overheid>\n",
        1,
    )
    replace(docs / "personen" / "els-bakker.md", ":name: Els Bakker\n",
            ":name: Els Bakker\n:role: voorzitter\n", 1)  # fmt: skip
    fill_placeholders(tmp_path)  # the volunteer writes the descriptions
    checked = kb(tmp_path, "controleer")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    out = tmp_path / "_build"
    built = site_build(tmp_path, "-E")
    assert built.returncode == 0, built.stderr
    for check in content_checks.CHECKS:
        check(out)
    # and the additions are really there, where the checks look
    found = kb_objects(out)
    assert {"2013-zwolle", "jan-de-vries", "els-bakker", "2013-maak-regels-eenvoudiger"} <= set(
        found
    )
    assert content_checks._edition_rows(out, "2013")[0][0] == "Alliantiedag Zwolle"


def test_no_english_reader_strings(site):
    english = ("Link to this", 'aria-label="Home"', "Search Results", "n.d.", "Previous", "Next")
    for html in site.rglob("*.html"):
        text = html.read_text("utf-8")
        for word in english:
            assert word not in text, (html.name, word)


def test_json_ld_and_opengraph_on_object_pages(site):
    import json

    page = content_checks.page
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
    from alliantie_kb.jsonld import json_ld_script

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
    # facets belong to the person's own search record, not to the page
    assert "data-pagefind-filter" not in indexed
    assert "Soort:Persoon" in record_filters(site, "/personen/rene-gabriels.html")
    assert "data-pagefind-body" not in (site / "genindex.html").read_text("utf-8")
    assert "data-pagefind-body" not in (site / "boeken" / "2012.html").read_text("utf-8")
