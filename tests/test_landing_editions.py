"""Editions find their own way onto the landing page: cards and menu, newest first."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import REPO, copy_site, fill_placeholders, parse_warnings, site_build, soup_of

#: What a volunteer creates with GitHub's "Add file" (CONTRIBUTING's template).
EDITION_PAGE = """# Alliantiedagen 2013

```{listing} event
:filter: edition = 2013
:columns: title, place, region, date
```

```{toctree}
:glob:
:maxdepth: 1

*
```
"""
DAY_PAGE = """# Alliantiedag Zwolle

```{dag} 2013-zwolle
:naam: Alliantiedag Zwolle
:editie: 2013
:plaats: Zwolle
```
"""


def landing(root: Path, page: str = "index") -> BeautifulSoup:
    return BeautifulSoup((root / "_build" / f"{page}.html").read_text("utf-8"), "html.parser")


def cards(soup: BeautifulSoup) -> list[tuple[str, str]]:
    return [
        (card.select_one(".sd-card-title").get_text(strip=True), card.find("a")["href"])
        for card in soup.select(".sd-card")
    ]


def menu(soup: BeautifulSoup) -> list[str]:
    return [a.get_text(strip=True) for a in soup.select(".toctree-l1 > a")]


def test_the_real_landing_page_generates_its_edition_card(site):
    soup = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser")
    assert cards(soup)[0] == ("Alliantiedagen 2012", "2012/index.html")
    text = soup.select(".sd-card")[0].get_text(" ", strip=True)
    assert "Het motto, de dagen die het artikel noemt" in text  # its own text, from {edities}
    assert menu(soup)[0] == "Alliantiedagen 2012"
    source = (REPO / "docs" / "index.md").read_text("utf-8")
    assert "2012/index" not in source  # found, not listed by hand


def test_a_new_edition_page_is_enough(tmp_path):
    """The web editor's route: two new files, no edit to docs/index.md."""
    root = copy_site(tmp_path)
    landing_before = (root / "docs" / "index.md").read_bytes()
    (root / "docs" / "2013").mkdir()
    (root / "docs" / "2013" / "index.md").write_text(EDITION_PAGE, "utf-8")
    (root / "docs" / "2013" / "zwolle.md").write_text(DAY_PAGE, "utf-8")
    built = site_build(root)
    assert built.returncode == 0, built.stderr
    assert built.stderr == ""
    assert (root / "docs" / "index.md").read_bytes() == landing_before
    soup = landing(root)
    titles = [title for title, _href in cards(soup)]
    assert titles[:2] == ["Alliantiedagen 2013", "Alliantiedagen 2012"]
    assert cards(soup)[0][1] == "2013/index.html"
    assert (
        "De dagen, lezingen, werkgroepen en aanbevelingen van de Alliantiedagen 2013."
        in soup.select(".sd-card")[0].get_text(" ")
    )
    assert menu(soup)[:2] == ["Alliantiedagen 2013", "Alliantiedagen 2012"]
    assert menu(soup)[-1] == "Bronnen"  # editions before the rest, not after "Bronnen"
    # the day is in the edition's menu and table, the same on every page
    edition = landing(root, "2013/index")
    assert menu(edition)[:2] == ["Alliantiedagen 2013", "Alliantiedagen 2012"]
    assert edition.select_one('a[href="zwolle.html#dag-2013-zwolle"]')
    submenu = [a.get_text(strip=True) for a in edition.select(".toctree-l2 > a")]
    assert "Alliantiedag Zwolle" in submenu


def test_an_incremental_build_adds_the_card(tmp_path):
    root = copy_site(tmp_path)
    assert site_build(root).returncode == 0
    (root / "docs" / "2014").mkdir()
    (root / "docs" / "2014" / "index.md").write_text(EDITION_PAGE.replace("2013", "2014"), "utf-8")
    (root / "docs" / "2014" / "tiel.md").write_text(
        DAY_PAGE.replace("2013", "2014").replace("Zwolle", "Tiel").replace("zwolle", "tiel"),
        "utf-8",
    )
    built = site_build(root)
    assert built.returncode == 0, built.stderr
    soup = landing(root)
    assert [t for t, _h in cards(soup)][:2] == ["Alliantiedagen 2014", "Alliantiedagen 2012"]
    other = menu(landing(root, "personen/index"))  # pages that did not change: new menu too
    assert other[:2] == ["Alliantiedagen 2014", "Alliantiedagen 2012"]


def test_nieuw_editie_leaves_the_landing_page_alone(tmp_path):
    root = copy_site(tmp_path)
    before = (root / "docs" / "index.md").read_bytes()
    script = Path(sys.executable).parent / "alliantie-kb"
    made = subprocess.run([str(script), "nieuw", "editie", "2013"], cwd=root,
                          capture_output=True, text=True)  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert made.stdout.splitlines()[0] == (
        "Nieuwe editie 2013: docs/2013/index.md, docs/boeken/2013.md"
    )
    assert (root / "docs" / "index.md").read_bytes() == before
    day = subprocess.run([str(script), "nieuw", "dag", "Zwolle"], cwd=root,
                         capture_output=True, text=True)  # fmt: skip
    assert day.returncode == 0, day.stderr
    fill_placeholders(root)  # the volunteer writes the day's description
    built = site_build(root)
    assert built.returncode == 0, built.stderr
    assert menu(landing(root))[:2] == ["Alliantiedagen 2013", "Alliantiedagen 2012"]


def test_editions_directive_reports_its_mistakes_where_they_are(tmp_path):
    root = copy_site(tmp_path)
    index = root / "docs" / "index.md"
    text = index.read_text("utf-8")
    old = "2012: Het motto"
    assert old in text
    text = text.replace(old, "2011: Bestaat niet.\nzomaar tekst\n" + old)
    index.write_text(text, "utf-8")
    built = site_build(root)
    assert built.returncode == 1
    warnings = parse_warnings(built.stderr)
    lines = text.splitlines()
    assert [(w["type"], lines[int(w["line"]) - 1]) for w in warnings] == [
        ("kb.editions", "zomaar tekst"),
        ("kb.editions", "2011: Bestaat niet."),
    ], built.stderr
    assert "geen pagina 2011/index" in warnings[1]["msg"]


def test_outside_a_grid_the_editions_are_a_list(tmp_path):
    """Another project, without sphinx-design: a plain list of links, newest first."""
    from conftest import all_warning_lines, build, copy_root

    src = copy_root("dutch", tmp_path / "src")
    for year in ("2012", "2013"):
        (src / year).mkdir()
        (src / year / "index.md").write_text(f"# Editie {year}\n", "utf-8")
    index = src / "index.md"
    index.write_text(
        index.read_text("utf-8").replace(
            "```{toctree}\n:hidden:\n\ndag\n```",
            "```{toctree}\n:hidden:\n\ndag\n2013/index\n2012/index\n```\n\n"
            "```{edities}\n2013: Het nieuwe jaar.\n```",
        ),
        "utf-8",
    )
    app = build(src)
    assert all_warning_lines(app.warning.getvalue()) == []
    soup = soup_of(app, "index")
    items = [li.get_text(" ", strip=True) for li in soup.select("main li, [role=main] li")]
    editions = [i for i in items if i.startswith("Editie")]
    assert editions == [
        "Editie 2013 : Het nieuwe jaar.",
        "Editie 2012 : De dagen, lezingen, werkgroepen en aanbevelingen van de "
        "Alliantiedagen 2012.",
    ]
