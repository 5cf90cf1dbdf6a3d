"""Dutch names: ``{spreker}``, ``:naam:`` ... work beside the English ones."""

from __future__ import annotations

import pytest
from sphinx.util.inventory import InventoryFile

from alliantie_kb.model import OBJECT_TYPES, TYPE_ALIASES

from conftest import all_warning_lines, build, copy_root, fields, parse_warnings, soup_of


@pytest.fixture(scope="module")
def dutch(tmp_path_factory):
    src = copy_root("dutch", tmp_path_factory.mktemp("dutch") / "src")
    app = build(src)
    return app, src


def test_every_type_and_field_has_a_dutch_name():
    assert {"spreker", "persoon", "dag", "alliantiedag", "lezing", "werkgroep"} <= set(
        TYPE_ALIASES
    )
    assert {"aanbeveling", "organisatie"} <= set(TYPE_ALIASES)
    for objtype in OBJECT_TYPES.values():
        assert objtype.dutch_names, objtype.name
        for f in objtype.fields:
            assert f.dutch, (objtype.name, f.name)
        # one name, one field: no alias is another field's English name
        assert not set(objtype.option_aliases) & set(objtype.field_names), objtype.name


def test_dutch_directives_roles_and_options_build_cleanly(dutch):
    app, _src = dutch
    assert all_warning_lines(app.warning.getvalue()) == []
    f = fields(soup_of(app, "dag"), "dag-2012-drachten")
    assert f["Datum"] == "5 oktober 2012"
    assert f["Plaats"] == "Drachten"
    assert f["Regio"] == "Noord"
    assert f["Organisator"] == "Nationale ombudsman"
    assert f["Titel"] == "Samenwerken"
    assert f["Motto"] == "Het moet en kan anders"
    f = fields(soup_of(app, "dag"), "aanbeveling-2012-vertrouwen")
    assert f["Bron"] == "Waarom maakt de overheid mij zo boos?"
    assert f["Voorgesteld door"] == "Alex Brenninkmeijer"
    assert f["Gericht aan"] == "Nationale ombudsman"
    assert "Soort" not in f  # an internal value: kept in the data, not shown (issue 15)
    assert app.env.domains["kb"].get("2012-vertrouwen").fields["kind"] == "advies"
    f = fields(soup_of(app, "dag"), "werkgroep-2012-werkgroep-zorg")
    assert f["Begeleiders"] == "René Gabriëls" and f["Thema"] == "zorg"
    f = fields(soup_of(app, "index"), "spreker-alex-brenninkmeijer")
    # role and organisation read the same: the opening line says it once, as the link
    assert "Functie" not in f
    assert f["Verbonden aan"] == "Nationale ombudsman"
    assert f["Ook bekend als"] == "Brenninckmeijer"
    assert fields(soup_of(app, "index"), "organisatie-nationale-ombudsman")["Afkorting"] == "NO"


def test_dutch_roles_link_like_english_ones(dutch):
    app, _src = dutch
    soup = soup_of(app, "index")
    links = {a.get_text(): a["href"] for a in soup.select("p a.reference")}
    assert links["Alex Brenninkmeijer"] == "#spreker-alex-brenninkmeijer"
    assert links["René Gabriëls"] == "#spreker-rene-gabriels"
    assert links["Alliantiedag Drachten"] == "dag.html#dag-2012-drachten"
    assert links["Zorg"] == "dag.html#werkgroep-2012-werkgroep-zorg"
    assert links["Vertrouwen"] == "dag.html#aanbeveling-2012-vertrouwen"
    # the Dutch listing of a Dutch type name
    rows = soup.select("table.kb-listing tbody tr")
    assert [r.find("td").get_text(strip=True) for r in rows] == ["Vertrouwen"]


def test_objects_keep_their_english_type(dutch):
    """Another site links to kb:speaker, whichever name the author wrote."""
    app, _src = dutch
    with open(app.outdir / "objects.inv", "rb") as f:
        inv = InventoryFile.load(f, "", lambda base, uri: uri)
    data = inv.data if hasattr(inv, "data") else inv
    assert "alex-brenninkmeijer" in data["kb:speaker"]
    assert "2012-drachten" in data["kb:event"]
    assert not any(key in data for key in ("kb:spreker", "kb:persoon", "kb:dag"))
    soup = soup_of(app, "index")
    assert len(soup.select("dl.kb.speaker")) == 2


def test_an_option_under_both_names_counts_twice(tmp_path):
    src = copy_root("dutch", tmp_path / "src")
    index = src / "index.md"
    text = index.read_text("utf-8").replace(
        ":rol: Filosoof\n", ":rol: Filosoof\n:role: Socioloog\n:naam: René G.\n"
    )
    text = text.replace(":afkorting: NO\n", ":afkorting: NO\n:regio: noord\n")
    index.write_text(text, "utf-8")
    app = build(src)
    warnings = parse_warnings(app.warning.getvalue())
    lines = text.splitlines()
    twice = [w for w in warnings if "times" in w["msg"] or "keer" in w["msg"]]
    assert len(twice) == 2, warnings
    for w in twice:
        assert w["type"] == "kb.option"
        assert lines[int(w["line"]) - 1] in (":role: Socioloog", ":naam: René G.")
    assert any(":rol: / :role:" in w["msg"] for w in twice)
    assert any(":name: / :naam:" in w["msg"] for w in twice)
    (unknown,) = [w for w in warnings if ":regio:" in w["msg"]]
    assert lines[int(unknown["line"]) - 1] == ":regio: noord"
    assert fields(soup_of(app, "index"), "spreker-rene-gabriels")["Functie"] == "Socioloog"


def test_a_dutch_typo_gets_a_dutch_suggestion(tmp_path):
    src = copy_root("dutch", tmp_path / "src")
    index = src / "index.md"
    index.write_text(index.read_text("utf-8").replace(":rol: Filosoof", ":roll: Filosoof"))
    app = build(src)
    (w,) = parse_warnings(app.warning.getvalue())
    assert ":roll:" in w["msg"] and ":rol:" in w["msg"], w


def test_the_command_knows_objects_written_with_dutch_names(tmp_path):
    """``nieuw`` finds an existing person written as ``{spreker}`` with ``:naam:``."""
    import subprocess
    import sys
    from pathlib import Path

    src = copy_root("dutch", tmp_path / "src")
    script = Path(sys.executable).parent / "alliantie-kb"
    result = subprocess.run(
        [str(script), "nieuw", "spreker", "René Gabriëls"],
        cwd=src,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "rene-gabriels" in result.stderr and "index.md" in result.stderr
    from alliantie_kb.cli.scaffold import defined_objects

    found = defined_objects(src)
    assert found["2012-waarom-boos"].type == "talk"
    assert found["2012-waarom-boos"].options["event"] == "2012-drachten"
    assert found["2012-drachten"].options["edition"] == "2012"
