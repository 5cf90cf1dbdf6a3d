"""Hostile sources against ``make pdf``: no code runs, no file leaks, every
European name prints, and an unprintable character is named in one line.

Real Sphinx, real XeLaTeX/latexmk, real pdftotext. TeX-level attacks are put
into the trusted ``latex_elements`` of the root's conf.py, to prove that TeX
itself cannot run commands or open files outside its folder even when TeX
code gets through (raw LaTeX and math are neutralised earlier, elsewhere).
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from test_book import pdftotext, require_latex

from alliantie_kb import book

from conftest import REPO, build, copy_root, parse_warnings, require

EVIL = "KB-EVIL-TOKEN-7c1f"
SECRET = "KB-SECRET-TOKEN-93ab"
#: TeX's error context may split a line anywhere: look for this part too
SECRET_PART = SECRET[6:]
EUROPEAN = "Łódź Ærøskøbing Ștefan Şahin Þór Őry Ελένη Юлия"
MORE_NAMES = "Čapek Ďurová Ñúñez Gökçe İlkay Sigurðsson Weiß Łukasz Żółć Ţuţea Ĳsselmeer"


@pytest.fixture(autouse=True)
def _forget_translations():
    """book.build_pdf runs Sphinx in this process: drop its Dutch catalogue
    afterwards, as SphinxTestApp does, so later tests see their own language."""
    yield
    from sphinx import locale

    locale.translators.clear()


def tiny_png() -> bytes:
    """A valid 1x1 PNG, made here (no image library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    body = chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


def hostile_root(tmp_path: Path) -> Path:
    return copy_root("hostile-latex", tmp_path / "src")


def append_page(src: Path, text: str) -> int:
    """Append ``text`` to dag.md; return the line number of its first line."""
    page = src / "dag.md"
    before = page.read_text("utf-8")
    page.write_text(before + "\n" + text + "\n", "utf-8")
    return before.count("\n") + 2


def append_conf(src: Path, text: str) -> None:
    with (src / "conf.py").open("a", encoding="utf-8") as f:
        f.write("\n" + text + "\n")


def files_containing(folder: Path, token: str) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and token.encode() in p.read_bytes()]


def kb_latex_warnings(app) -> list[dict[str, str]]:
    return [w for w in parse_warnings(app.warning.getvalue()) if w["type"] == "kb.latex"]


# -- class 2: a contributed "image" may not replace a support file ------------

PERL = f'system("touch {{marker}}"); # {EVIL}\n'
TEX_HOOK = f"\\immediate\\write18{{{{touch {{marker}}}}}}% {EVIL}\n"
IMAGE_CASES = {
    "img-latexmkrc": ("latexmkrc", PERL),
    "img-dot-latexmkrc": (".latexmkrc", PERL),
    "img-latexmkjarc": ("latexmkjarc", PERL),
    "img-makefile": ("Makefile", f"all:\n\ttouch {{marker}} # {EVIL}\n"),
    "img-sphinx-sty": ("sphinx.sty", TEX_HOOK),
    "img-sphinxmanual-cls": ("sphinxmanual.cls", TEX_HOOK),
    "img-main-tex": ("alliantiedagen-2012.tex", f"\\documentclass{{{{article}}}}% {EVIL}\n"),
    "img-python-ist": ("python.ist", f"% {EVIL}\n"),
    "img-subfolder-sty": ("plaatjes/sphinxlatexgraphics.sty", f"% {EVIL}\n"),
    "img-svg": ("tekening.svg", f'<svg xmlns="http://www.w3.org/2000/svg"><!-- {EVIL} --></svg>\n'),
}


@pytest.mark.parametrize("name,content", IMAGE_CASES.values(), ids=IMAGE_CASES.keys())
def test_image_cannot_replace_a_support_file(tmp_path, name, content):
    require_latex()
    src = hostile_root(tmp_path)
    marker = tmp_path / "marker"
    (src / name).parent.mkdir(parents=True, exist_ok=True)
    (src / name).write_text(content.format(marker=marker), "utf-8")
    line = append_page(src, f"Een plaatje: ![plaatje](<{name}>)")

    # the LaTeX build refuses the file, once, at its source line
    app = build(src, "latex")
    (warning,) = kb_latex_warnings(app)
    assert warning["path"].endswith("dag.md") and int(warning["line"]) == line
    assert "blijft buiten de PDF" in warning["msg"] and Path(name).name in warning["msg"]
    assert files_containing(Path(app.outdir), EVIL) == []
    rc = (Path(app.outdir) / "latexmkrc").read_text("utf-8")
    assert "makeindex -s python.ist" in rc  # Sphinx's own

    # make pdf: with -W it stops before TeX, in one Dutch line
    with pytest.raises(book.BookError, match=r"^sphinx-build -b latex meldde fouten"):
        book.build_pdf(src, src, tmp_path / "build")
    # a site that silences the warning still gets a PDF without the file
    append_conf(src, 'suppress_warnings = ["kb.latex"]')
    (pdf,) = book.build_pdf(src, src, tmp_path / "build2")
    assert "Een plaatje" in pdftotext(pdf)
    assert files_containing(tmp_path / "build2", EVIL) == []
    assert not marker.exists()


def test_image_names_cannot_carry_tex(tmp_path):
    """A PNG whose name is TeX code (``^^5c`` is TeX for a backslash, ``^^2f``
    for a slash) reaches LaTeX under a name of our making."""
    require_latex()
    src = hostile_root(tmp_path)
    name = "x}^^5cinput{..^^2f..^^2fsecret.txt}{.png"
    (src / name).write_bytes(tiny_png())
    (tmp_path / "secret.txt").write_text(SECRET, "utf-8")
    append_page(src, f"Een plaatje:\n\n```{{image}} {name}\n```")
    (pdf,) = book.build_pdf(src, src, tmp_path / "build")
    latex = tmp_path / "build" / "latex"
    (image,) = (p.name for p in latex.glob("kbimg*"))
    assert re.fullmatch(r"kbimg1-[A-Za-z0-9-]+\.png", image), image
    assert "\\sphinxincludegraphics{{kbimg1-" in (latex / "alliantiedagen-2012.tex").read_text()
    assert SECRET_PART not in pdftotext(pdf)
    assert files_containing(tmp_path / "build", SECRET_PART) == []


# -- class 2: TeX itself runs nothing and opens nothing outside its folder ----

TEX_CASES = {
    # id: (preamble, the PDF is made)
    "tex-write18": (r"\immediate\write18{touch {marker}}", True),
    "tex-write18-at-shipout": (r"\AtBeginDocument{\write18{touch {marker}}}", True),
    "tex-pipe-input": (r'\input{|"touch {marker}"}', False),
    "tex-input-absolute": (r"\AtBeginDocument{\input{{secret}}}", False),
    "tex-input-parent": (r"\AtBeginDocument{\input{../secret.txt}}", False),
    "tex-input-in-preamble": (r"\input{{secret}}", False),
    "tex-openin-absolute": (
        r"\newread\kbin\AtBeginDocument{\openin\kbin={secret} "
        r"\ifeof\kbin niet gelezen\else\read\kbin to\kbline GELEZEN \kbline\fi}",
        True,
    ),
    "tex-openout-absolute": (
        r"\newwrite\kbout\immediate\openout\kbout={written}"
        r"\immediate\write\kbout{x}\immediate\closeout\kbout",
        False,
    ),
    "tex-openout-dotfile": (
        r"\newwrite\kbout\immediate\openout\kbout=.latexmkrc"
        r"\immediate\write\kbout{system('touch {marker}');}\immediate\closeout\kbout",
        False,
    ),
    # allowed in the folder, but TeX names it latexmkrc.tex, and latexmk reads no rc
    "tex-openout-latexmkrc": (
        r"\newwrite\kbout\immediate\openout\kbout=latexmkrc"
        r"\immediate\write\kbout{system('touch {marker}');}\immediate\closeout\kbout",
        True,
    ),
}


@pytest.mark.parametrize("preamble,made", TEX_CASES.values(), ids=TEX_CASES.keys())
def test_tex_runs_nothing_and_reads_nothing_outside(tmp_path, preamble, made):
    require_latex()
    src = hostile_root(tmp_path)
    marker, written = tmp_path / "marker", tmp_path / "written.txt"
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET + "\n", "utf-8")
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "secret.txt").write_text(SECRET + "\n", "utf-8")
    code = (
        preamble.replace("{marker}", str(marker))
        .replace("{secret}", str(secret))
        .replace("{written}", str(written))
    )
    append_conf(src, f'latex_elements["preamble"] = r"""{code}"""')
    if made:
        (pdf,) = book.build_pdf(src, src, tmp_path / "build")
        assert SECRET_PART not in pdftotext(pdf)
    else:
        with pytest.raises(book.BookError) as failed:
            book.build_pdf(src, src, tmp_path / "build")
        message = str(failed.value)
        assert "\n" not in message and message.startswith("LaTeX ")
        assert SECRET_PART not in message
    assert not marker.exists() and not written.exists()
    latex = tmp_path / "build" / "latex"
    for rc in ("latexmkrc", ".latexmkrc"):  # none that TeX wrote is left to run
        assert not (latex / rc).exists() or str(marker) not in (latex / rc).read_text()
    assert files_containing(latex, SECRET_PART) == []


def test_latexmk_reads_no_rc_file(tmp_path):
    """Even with rc files in the folder and the user's, latexmk obeys none."""
    require_latex()
    marker = tmp_path / "marker"
    folder = tmp_path / "latex"
    folder.mkdir()
    (folder / "doc.tex").write_text(
        "\\documentclass{article}\\begin{document}Hallo\\end{document}\n", "utf-8"
    )
    home = tmp_path / "home"
    home.mkdir()
    for rc in (folder / "latexmkrc", folder / ".latexmkrc", home / ".latexmkrc"):
        rc.write_text(f'system("touch {marker}");\n', "utf-8")
    env = {**book.latexmk_environment(trusted=False), "HOME": str(home)}
    result = subprocess.run(
        book.latexmk_command("doc.tex", "xelatex", trusted=False),
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-2000:]
    assert "Rc files read:\n  NONE" in result.stdout + result.stderr
    assert (folder / "doc.pdf").exists() and not marker.exists()


# -- class 6: the PDF prints any European name; other characters are named ----


def test_european_names_print(tmp_path):
    """The project's own PDF setup (conf.py) prints every European name."""
    require_latex()
    src = tmp_path / "docs"
    shutil.copytree(REPO / "docs", src)
    page = src / "2012" / "drachten.md"
    page.write_text(
        page.read_text("utf-8")
        + f"\n```{{speaker}} europa\n:name: {EUROPEAN}\n```\n\nOok: {MORE_NAMES}.\n",
        "utf-8",
    )
    (pdf,) = book.build_pdf(src, REPO, tmp_path / "build")
    text = pdftotext(pdf)
    for name in (EUROPEAN + " " + MORE_NAMES).split():
        assert name in text, name
    log = (tmp_path / "build" / "latex" / "alliantiedagen-2012.log").read_text("utf-8")
    assert "Missing character" not in log
    assert "babel-dutch" in log or "dutch.ldf" in log


UNPRINTABLE = {
    # id: (page text, the character, offset of its line from the text's first line)
    "emoji-in-paragraph": ("Een gewone regel.\nEen regel met 😀 erin.", "😀", 1),
    "cjk-in-name": ("```{speaker} wang\n:name: Wang 王芳\n```", "王", 0),
    "emoji-in-title": ("## Feest 🎉\n\nTekst.", "🎉", 0),
    "arabic-in-paragraph": ("Naam: سلمى", "س", 0),
}


@pytest.mark.parametrize("text,char,offset", UNPRINTABLE.values(), ids=UNPRINTABLE.keys())
def test_unprintable_character_is_named_once(tmp_path, capsys, text, char, offset):
    require_latex()
    src = hostile_root(tmp_path)
    line = append_page(src, text) + offset
    code = f"U+{ord(char):04X}"

    app = build(src, "latex")
    mine = [w for w in kb_latex_warnings(app) if code in w["msg"]]
    assert len(mine) == 1, app.warning.getvalue()
    assert mine[0]["path"].endswith("dag.md") and int(mine[0]["line"]) == line
    message = mine[0]["msg"]
    assert message.startswith("teken") and f"{char} ({code})" in message
    assert "niet in de PDF worden gezet" in message
    assert "Latijnse, Griekse of Cyrillische" in message
    tex = (Path(app.outdir) / "alliantiedagen-2012.tex").read_text("utf-8")
    assert code in tex and char not in tex  # shown as [U+...] (escaped)

    capsys.readouterr()
    with pytest.raises(book.BookError):
        book.build_pdf(src, src, tmp_path / "build")
    lines = [ln for ln in capsys.readouterr().err.splitlines() if code in ln]
    assert len(lines) == 1, lines
    assert f"dag.md:{line}: WARNING: teken" in lines[0] and f"{char} ({code})" in lines[0]


def test_log_names_the_character_when_tex_meets_it(tmp_path):
    """pdfLaTeX (the default engine) stops at an emoji: the message names it,
    with the source file and line, instead of 'error style messages enabled'."""
    require_latex()
    src = copy_root("book", tmp_path / "src")
    line = append_page(src, "Een regel met 😀 erin.")
    with pytest.raises(book.BookError) as failed:
        book.build_pdf(src, src, tmp_path / "build")
    message = str(failed.value)
    assert "\n" not in message
    assert f"teken 😀 (U+1F600) in {src / 'dag.md'}:{line} kan niet in de PDF" in message
    assert "error style messages enabled" not in message


def test_first_real_tex_error_is_reported():
    log = (
        "This is pdfTeX\n file:line:error style messages enabled.\n"
        "(./doc.tex\n./doc.tex:12: Undefined control sequence.\nl.12 \\foo\n"
    )
    assert book.first_latex_problem(log, Path(".")) == "Undefined control sequence."


def test_font_ranges_match_the_installed_fonts():
    """FONT_RANGES is what every FreeFont face really has (re-measured)."""
    require("fc-query", "fc-match")
    from alliantie_kb import latexchars

    folder = Path(
        subprocess.run(
            ["fc-match", "-f", "%{file}", "FreeSerif"], capture_output=True, text=True
        ).stdout
    ).parent
    faces = sorted(folder.glob("Free*.otf"))
    assert len(faces) == 12, faces
    for face in faces:
        charset = subprocess.run(
            ["fc-query", "-f", "%{charset}", str(face)], capture_output=True, text=True
        ).stdout
        missing = latexchars.SETTABLE - latexchars.parse_ranges(charset) - {0x09, 0x0A, 0x0D}
        assert not missing, (face.name, sorted(hex(c) for c in missing)[:10])
    for char in EUROPEAN + MORE_NAMES:
        assert ord(char) in latexchars.SETTABLE, char


def test_trusted_sources_switch_the_checks_off(tmp_path):
    """kb_trusted_sources: no kb.latex checks; TeX's log still names the glyph."""
    require_latex()
    src = hostile_root(tmp_path)
    append_conf(src, "kb_trusted_sources = True")
    (src / "plaatje.png").write_bytes(tiny_png())
    line = append_page(src, "Een plaatje ![p](plaatje.png) en 😀.")
    app = build(src, "latex")
    assert kb_latex_warnings(app) == []
    assert (Path(app.outdir) / "plaatje.png").exists()  # Sphinx's own name
    assert "😀" in (Path(app.outdir) / "alliantiedagen-2012.tex").read_text("utf-8")
    with pytest.raises(book.BookError) as failed:
        book.build_pdf(src, src, tmp_path / "build")
    message = str(failed.value)
    assert "\n" not in message
    assert f"teken 😀 (U+1F600) in {src / 'dag.md'}:{line} kan niet in de PDF" in message
