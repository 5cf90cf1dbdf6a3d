"""Entries read as text (issue 15, item 3), on the real docs.

An object's entry opens with a line of what matters to a reader, built from
the model (``Field.reader``, ``Field.lead``); internal values (status, kind,
edition) are not shown, yet stay in kb.json; what refers to the object is a
short "Zie ook" sentence after the entry's content.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import build, copy_root, field_cells, kb_objects

NOT_STATED = "niet vermeld in het artikel"


def page(site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / f"{name}.html").read_text("utf-8"), "html.parser")


def entry(soup: BeautifulSoup, anchor: str):
    """The content (<dd>) of the entry at ``anchor``."""
    return soup.find(id=anchor).find_next("dd")


def squeeze(text: str) -> str:
    return " ".join(text.split())


def reader_pages(site: Path) -> list[Path]:
    skip = {"_static", "_sources", "_images", "pagefind", "_downloads"}
    return [p for p in site.rglob("*.html") if not skip & set(p.relative_to(site).parts[:-1])]


def test_a_recommendation_opens_with_maker_addressee_day_and_date(site):
    body = entry(page(site, "2012/drachten"), "aanbeveling-2012-brenninkmeijer-respect")
    first = body.find(recursive=False)
    assert "kb-entry-line" in first["class"]
    assert squeeze(first.get_text()) == (
        "Aanbeveling van Alex Brenninkmeijer aan de overheid, Alliantiedag Drachten, 5 oktober 2012"
    )
    links = {a.get_text(): a["href"] for a in first.find_all("a")}
    assert links["Alex Brenninkmeijer"].endswith(
        "personen/alex-brenninkmeijer.html#spreker-alex-brenninkmeijer"
    )
    assert links["Alliantiedag Drachten"] == "#dag-2012-drachten"


def test_a_talk_a_day_and_a_person_open_with_their_own_line(site):
    drachten = page(site, "2012/drachten")
    talk = entry(drachten, "lezing-2012-waarom-boos").find("p", class_="kb-entry-line")
    assert squeeze(talk.get_text()) == (
        "Lezing door Alex Brenninkmeijer, Alliantiedag Drachten, 5 oktober 2012"
    )
    day = entry(drachten, "dag-2012-drachten").find("p", class_="kb-entry-line")
    assert squeeze(day.get_text()) == "5 oktober 2012, Drachten, regio Noord"
    person = entry(page(site, "personen/rene-gabriels"), "spreker-rene-gabriels")
    line = person.find("p", class_="kb-entry-line")
    assert squeeze(line.get_text()) == "filosoof, Maastricht University"


def test_internal_values_are_not_shown_but_kept_in_the_data(site):
    shown = re.compile(r"\b(Status|Soort|Editie)\s*:")
    for path in reader_pages(site):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for dl in soup.select("dl.kb-fields"):
            labels = [dt.get_text(strip=True) for dt in dl.find_all("dt")]
            assert not shown.search(" ".join(labels)), (path, labels)
    text = page(site, "2012/drachten").find(role="main").get_text(" ")
    assert "geformuleerd" not in text and "advies" not in squeeze(text).split()
    fields = kb_objects(site)["2012-brenninkmeijer-respect"]["fields"]
    assert (fields["status"], fields["kind"], fields["edition"]) == (
        "geformuleerd",
        "advies",
        "2012",
    )


def test_see_also_is_a_sentence_after_the_content(site):
    for path in reader_pages(site):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for box in soup.select(".kb-backlinks-section"):
            text = squeeze(box.get_text())
            # at the end of a page of several entries it names whose it is
            assert re.match(r"Zie ook(: [^:]+?)? Genoemd ", text), (path, text)
            assert "Pagina:" not in text, path
            assert not re.search(
                r"\((sprekers|voorgesteld door|bron|alliantiedag|gericht aan|"
                r"organisator|verbonden aan|begeleiders)\)",
                text,
            ), (path, text)
    # on a recommendation: the last thing of its entry, after its description
    body = entry(page(site, "personen/alex-brenninkmeijer"), "spreker-alex-brenninkmeijer")
    assert body.select_one(".kb-backlinks-section") is None  # the page's own, at its end
    person = page(site, "personen/alex-brenninkmeijer").find(role="main")
    section = person.find("section")
    assert "kb-backlinks-section" in section.find_all(recursive=False)[-1]["class"]
    # a day's page: after the account of the day, not between it and the entry
    drachten = page(site, "2012/drachten").find(role="main").find("section")
    box = drachten.find_all(recursive=False)[-1]
    assert "kb-backlinks-section" in box["class"]
    assert squeeze(box.get_text()).startswith(
        "Zie ook: Alliantiedag Drachten Genoemd in de lezing Waarom maakt de overheid mij"
        " zo boos?, in de aanbeveling"
    )
    account = drachten.find(string=re.compile("Verloop van de dag"))
    assert account is not None
    assert any(
        later is box for later in account.find_all_next("div", class_="kb-backlinks-section")
    )


def test_inferred_marker_and_silence_phrase_stay(site):
    novem = entry(page(site, "2012/2-november"), "aanbeveling-2012-gabriels-luid-protest")
    line = novem.find("p", class_="kb-entry-line")
    assert squeeze(line.get_text()).endswith("aan de anti-armoedebeweging (afgeleid)")
    assert line.select_one(".kb-inferred abbr")["title"]
    cells = field_cells(page(site, "2012/slotwoord"), "aanbeveling-2012-gabriels-wild-voorstel")
    assert cells["Bron"].get_text(strip=True) == NOT_STATED
    deventer = field_cells(page(site, "2012/deventer"), "dag-2012-deventer")
    assert deventer["Datum"].get_text(strip=True) == NOT_STATED


def test_the_printed_book_keeps_the_internal_values(tmp_path):
    app = build(copy_root("views", tmp_path / "src"), "latex", freshenv=True)
    tex = "\n".join(p.read_text("utf-8") for p in app.outdir.glob("*.tex"))
    # the kind, in the entry's compact block (print_entries): label and value on one line
    assert r"\sphinxstylestrong{Soort}: advies" in tex
