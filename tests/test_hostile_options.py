"""Hostile option blocks: the author's text is kept, or one located warning says why not.

Issue 10, class 7 (option parser and model): continuation lines, repeated
options, quotes, YAML markers, ``#``, unclosed fences, non-ASCII digits,
null-like words and ``partof`` circles. Every case is its own test id; each
asserts the value on the built page, in the domain data and in ``kb.json``,
and the exact warnings of its source file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from bs4 import BeautifulSoup, Tag

from alliantie_kb.model import OBJECT_TYPES, Record

from conftest import (
    all_warning_lines,
    build,
    copy_root,
    field_cells,
    kb_objects,
    main_of,
    parse_warnings,
    require,
    soup_of,
)

ABSENT = object()  # the field must not be stored (it was refused)


@dataclass(frozen=True)
class Case:
    """One hostile input: where it is, what must be kept, what must be said."""

    page: str
    objid: str
    title: str
    #: field -> stored value (or ABSENT); the page shows the same text
    fields: dict[str, object] = field(default_factory=dict)
    #: (line, type, Dutch fragment), or None: no warning in this file
    warning: tuple[int, str, str] | None = None


CASES = [
    # 1. an indented next line continues the value; the following options stay options
    Case("cont-name", "jan-de-vries", "Jan de Vries", {"role": "voorzitter"}),
    Case("cont-last", "cont-laatste", "Werkgroep wonen", {"theme": "zorg en welzijn"}),
    # 2. an option given twice: the last is used, and said so with both lines
    Case(
        "twice",
        "twee-namen",
        "Tweede Naam",
        {"role": "secretaris"},
        (6, "kb.option", "optie :name: staat er 2 keer (regels 4, 6); de laatste (regel 6) telt"),
    ),
    Case(
        "thrice",
        "drie-themas",
        "Werkgroep drie",
        {"theme": "zorg"},
        (7, "kb.option", "optie :theme: staat er 3 keer (regels 5, 6, 7)"),
    ),
    # 3. a value starting with a quote is literal text; no option is lost
    Case("quote-double", "quote-dubbel", '"Vertrouwen" als basis', {"theme": "zorg"}),
    Case("quote-single", "quote-enkel", "'Samen' sterk", {"theme": "werk"}),
    Case("quote-whole", "quote-heel", '"Alles tussen aanhalingstekens"', {"theme": "wonen"}),
    # 4. YAML block markers are reported; other YAML-special starts are literal text
    Case(
        "block-pipe",
        "blok-pipe",
        "|",
        {"theme": "zorg"},
        (4, "kb.option", "optie :title: heeft alleen '|' als waarde, een YAML-blokteken"),
    ),
    Case(
        "block-pipe-text",
        "blok-pipe-tekst",
        "Lange titel over twee regels",
        {"theme": "zorg"},
        (4, "kb.option", "optie :title: begint met '|', een YAML-blokteken"),
    ),
    Case(
        "block-folded",
        "blok-gevouwen",
        ">-",
        {"theme": "zorg"},
        (4, "kb.option", "optie :title: heeft alleen '>-' als waarde"),
    ),
    Case("yaml-groter", "yaml-groter", "> groter dan", {"theme": "& anker"}),
    Case("yaml-ster", "yaml-ster", "*ster", {"theme": "!tag"}),
    Case("yaml-at", "yaml-at", "@at", {"theme": "`code`"}),
    Case("yaml-lijst", "yaml-lijst", "[lijst]", {"theme": "{map: 1}"}),
    Case("yaml-streep", "yaml-streep", "- streep", {"theme": "% procent"}),
    # 5. '#' is text, not a YAML comment
    Case("hash", "hekje", "Werkgroep #3", {"theme": "zorg # en welzijn"}),
    # 6. a fence the object's body does not close
    Case(
        "fence-unclosed",
        "fence-open",
        "Open Hek",
        {},
        (8, "kb.fence", "het codeblok '```' dat hier begint, wordt binnen deze persoon niet"),
    ),
    Case(
        "fence-swallow",
        "fence-niet-dicht",
        "Niet Dicht",
        {},
        (8, "kb.fence", "of zet een langer hek om het object (bijvoorbeeld ````{speaker})"),
    ),
    Case("fence-closed", "fence-dicht", "Wel Dicht", {}),
    # 7. years and dates: ASCII digits only
    Case(
        "year-arabic",
        "jaar-arabisch",
        "Dag Arabisch",
        {"edition": ABSENT},
        (5, "kb.field", "optie :edition: heeft '٢٠١٣', geschreven met andere cijfers dan 0-9"),
    ),
    Case(
        "year-fullwidth",
        "jaar-breed",
        "Dag Breed",
        {"edition": ABSENT},
        (5, "kb.field", "optie :edition: heeft '２０１３', geschreven met andere cijfers dan 0-9"),
    ),
    Case(
        "year-superscript",
        "jaar-superscript",
        "Dag Superscript",
        {"edition": ABSENT},
        (5, "kb.field", "optie :edition: heeft '²⁰¹³', geschreven met andere cijfers"),
    ),
    Case(
        "date-arabic",
        "datum-arabisch",
        "Dag Datum",
        {"edition": "2013", "date": ABSENT},
        (6, "kb.field", "optie :date: heeft '٢٠١٣-١٠-٠٥', geschreven met andere cijfers"),
    ),
    # 8. null-like, boolean-like, number-like and date-like words stay the author's text
    Case("null-word", "nul-naam", "null", {"role": "Null"}),
    Case("null-tilde", "tilde-naam", "~", {"role": "NULL"}),
    Case("booleans", "ja-nee", "yes", {"role": "no", "aliases": ["on", "off", "true"]}),
    Case("numbers", "getallen", "010", {"abbreviation": "1e3"}),
    Case("date-text", "datum-tekst", "Datum Tekst", {"role": "2012-10-05"}),
    # MyST's other option form (between --- lines) follows the same rules
    Case("dashed", "dashed-piet", "Piet Jansen", {"role": "penningmeester # en secretaris"}),
    Case(
        "dashed-stray",
        "dashed-los",
        "Los Zand",
        {"role": "lid"},
        (6, "kb.option", "deze regel tussen de ---regels is geen optie en wordt overgeslagen"),
    ),
    # reStructuredText pages read their options by the same rules
    Case("rst-options", "rst-spreker", 'Rst "Naam" #1', {"role": "eerste en tweede"}),
    Case(
        "rst-twice",
        "rst-twee",
        "Rst Twee",
        {"role": "lid"},
        (7, "kb.option", "optie :name: staat er 2 keer (regels 5, 7); de laatste (regel 7) telt"),
    ),
    # a line MyST takes for an option, but is not one: said, and the next options stay
    Case(
        "no-space",
        "geen-spatie",
        "Geen Spatie",
        {"role": ABSENT, "affiliation": ["Cliëntenraad"]},
        (5, "kb.option", "deze regel lijkt op een optie maar is er geen en wordt overgeslagen"),
    ),
    # 9. partof circles: one warning per circle, naming the chain
    Case(
        "partof-self",
        "kring-zelf",
        "Zelf",
        {"partof": "kring-zelf"},
        (5, "kb.ref", "organisatie 'kring-zelf' noemt zichzelf in :partof:"),
    ),
    Case(
        "partof-two",
        "kring-a",
        "Kring A",
        {"partof": "kring-b"},
        (5, "kb.ref", ":partof: gaat in een kring rond (kring-a → kring-b → kring-a)"),
    ),
    Case(
        "partof-three",
        "ring-a",
        "Ring A",
        {"partof": "ring-b"},
        (5, "kb.ref", ":partof: gaat in een kring rond (ring-a → ring-b → ring-c → ring-a)"),
    ),
    Case("partof-three-c", "ring-c", "Ring C", {"partof": "ring-a"}),
]

#: Dutch field labels, as the page shows them
LABELS = {
    "role": "Functie",
    "theme": "Thema",
    "edition": "Editie",
    "date": "Datum",
    "aliases": "Ook bekend als",
    "abbreviation": "Afkorting",
    "partof": "Onderdeel van",
    "affiliation": "Verbonden aan",
}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    src = copy_root("hostile-options", tmp_path_factory.mktemp("hostile") / "src")
    return build(src, freshenv=True, confoverrides={"nitpicky": True})


@pytest.fixture(scope="module")
def warnings_by_file(app) -> dict[str, list[dict[str, str]]]:
    by_file: dict[str, list[dict[str, str]]] = {}
    for w in parse_warnings(app.warning.getvalue()):
        by_file.setdefault(w["path"].rsplit("/", 1)[-1].rsplit(".", 1)[0], []).append(w)
    return by_file


@pytest.fixture(scope="module")
def exported(app) -> dict[str, dict]:
    return kb_objects(app)


def shown(app, rec: Record) -> tuple[str, dict[str, str]]:
    """Title and ``label -> text`` of the fields of one object on its page."""
    html = (app.outdir / f"{rec.docname}.html").read_text("utf-8")
    sig = BeautifulSoup(html, "html.parser").find(id=rec.anchor)
    assert isinstance(sig, Tag), rec.anchor
    title = sig.select_one(".sig-name").get_text()
    soup = BeautifulSoup(html, "html.parser")
    fields = {
        label: cell.get_text(" ", strip=True)
        for label, cell in field_cells(soup, rec.anchor).items()
    }
    return title, fields


def expected_text(value: object) -> str:
    return ", ".join(value) if isinstance(value, list) else str(value)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.page}:{c.objid}" for c in CASES])
def test_hostile_option(case: Case, app, warnings_by_file, exported):
    rec = app.env.domains["kb"].get(case.objid)
    assert rec is not None, f"object {case.objid} lost"
    # the domain data (what listings, filters and diagrams see)
    assert rec.title == case.title
    for name, value in case.fields.items():
        if value is ABSENT:
            assert name not in rec.fields, (name, rec.fields)
        else:
            assert rec.fields.get(name) == value, (name, rec.fields)
    # kb.json (what other sites see)
    obj = exported[case.objid]
    assert (obj["title"], obj["fields"]) == (rec.title, rec.fields)
    # the built page (what readers see)
    title, fields = shown(app, rec)
    assert " ".join(title.split()) == case.title
    for name, value in case.fields.items():
        label = LABELS[name]
        if OBJECT_TYPES[rec.type].field(name).reader == "hidden":
            assert label not in fields  # an internal value: kb.json has it, readers do not
        elif value is ABSENT:
            assert fields.get(label, "niet vermeld in het artikel") == "niet vermeld in het artikel"
        elif name == "partof":
            assert fields[label] == app.env.domains["kb"].get(str(value)).title
        else:
            assert fields[label] == expected_text(value)
    # the warnings of this file: exactly the expected one, located, or none
    got = warnings_by_file.get(case.page, [])
    if case.warning is None:
        assert got == [], got
    else:
        line, wtype, fragment = case.warning
        assert len(got) == 1, got
        assert (int(got[0]["line"]), got[0]["type"]) == (line, wtype), got[0]
        assert fragment in got[0]["msg"], got[0]["msg"]


def test_every_warning_is_a_located_kb_warning(app):
    text = app.warning.getvalue()
    parsed = parse_warnings(text)
    # nothing unstructured (a docutils error, a traceback), nothing from MyST's scanner
    assert len(parsed) == len(all_warning_lines(text)), text
    assert {w["type"].split(".")[0] for w in parsed} == {"kb"}, text
    assert "Traceback" not in text and "Exception" not in text


def test_no_warning_outside_the_cases(warnings_by_file):
    pages = {c.page for c in CASES}
    assert set(warnings_by_file) <= pages, sorted(warnings_by_file)


def test_body_text_is_kept_after_the_options(app):
    assert "Over de wijk." in main_of(app, "cont-last").get_text()
    assert "Tekst onder de opties." in main_of(app, "dashed").get_text()
    assert "Tekst in reStructuredText." in main_of(app, "rst-options").get_text()


def test_partof_circles_end_in_listings_jsonld_and_diagrams(app):
    soup = soup_of(app, "partof-views")
    rows = [tr.get_text(" ", strip=True) for tr in soup.select("table tbody tr")]
    assert "Kring A Kring B" in rows and "Ring C Ring A" in rows
    ld = (app.outdir / "partof-two.html").read_text("utf-8")
    assert '"parentOrganization": {"@type": "Organization", "name": "Kring B"' in ld
    require("dot")  # graphviz
    objects = soup.select("div.graphviz object")
    assert len(objects) == 2
    for obj in objects:
        svg = (app.outdir / obj["data"]).read_text("utf-8")
        assert "Kring A" in svg or "Ring B" in svg
