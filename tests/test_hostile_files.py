"""Hostile sources that try to publish files from outside the source folder.

Each case is a page of its own that names a secret file living *outside*
the source folder (as CI secrets or ``/etc/passwd`` do). The secret's
content may appear nowhere in the build (HTML, ``_images``, ``_downloads``,
``_sources``, search index, doctrees, the LaTeX output), the page gets
exactly one located ``kb.*`` warning that does not repeat it, and the rest
of the page still builds. Raw blocks of every format and math with TeX file
primitives are neutralised the same way (DESIGN §5, issue 10 classes 2/3).
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import all_warning_lines, build, copy_root, parse_warnings, text_of

BEFORE = "Tekst ervoor."
AFTER = "Tekst erna."
HINT = "zet het bestand in de map docs/ en verwijs er relatief naar"
OUTSIDE_NL = "ligt buiten de bronmap"


@dataclass(frozen=True)
class Case:
    """A page template: {rel} = path from the page to the secret, {abs} = absolute path."""

    body: str
    ext: str = "txt"
    #: the secret file's content; {token} is the secret
    content: str = "{token}\n"
    latex: bool = False
    #: stable parts of the Dutch warning
    expect: tuple[str, ...] = (OUTSIDE_NL, HINT)


URL_NL = ("een bestand van een URL lezen", HINT)
DOT_NL = ("laat Graphviz een bestand lezen", "zet het plaatje in de map docs/")


FILE_CASES: dict[str, Case] = {
    "include-myst": Case("```{{include}} {rel}\n```"),
    "include-myst-literal": Case("```{{include}} {rel}\n:literal:\n```"),
    "include-eval-rst": Case("```{{eval-rst}}\n.. include:: {rel}\n```"),
    "include-srcdir-escape": Case("```{{include}} /../outside/include-srcdir-escape.txt\n```"),
    "include-file-url": Case("```{{include}} file://{abs}\n```"),
    "include-tilde": Case("```{{include}} ~/include-tilde.txt\n```"),
    "include-symlinked-dir": Case("```{{include}} geheime-map/include-symlinked-dir.txt\n```"),
    "include-symlink-loop": Case("```{{include}} lus/include-symlink-loop.txt\n```"),
    "literalinclude": Case("```{{literalinclude}} {rel}\n```"),
    "literalinclude-diff": Case("```{{literalinclude}} voorbeeld.txt\n:diff: {rel}\n```"),
    "literalinclude-symlink": Case("```{{literalinclude}} link-literalinclude-symlink.txt\n```"),
    "literalinclude-eval-rst": Case("```{{eval-rst}}\n.. literalinclude:: {rel}\n```"),
    "csv-table-file": Case("```{{csv-table}}\n:file: {rel}\n```", "csv", "kop\n{token}\n"),
    "csv-table-file-absolute": Case("```{{csv-table}}\n:file: {abs}\n```", "csv", "kop\n{token}\n"),
    "csv-table-url-file": Case(
        "```{{csv-table}}\n:url: file://{abs}\n```", "csv", "kop\n{token}\n", expect=URL_NL
    ),
    "raw-html-file": Case("```{{raw}} html\n:file: {rel}\n```", "html"),
    "raw-latex-file-absolute": Case("```{{raw}} latex\n:file: {abs}\n```", "tex", latex=True),
    "raw-url-file": Case("```{{raw}} html\n:url: file://{abs}\n```", "html", expect=URL_NL),
    "raw-eval-rst-file": Case("```{{eval-rst}}\n.. raw:: latex\n   :file: {rel}\n```", latex=True),
    "image-markdown": Case("![plaatje]({rel})", "png"),
    "image-html-img": Case('<img src="{rel}" alt="plaatje">', "png"),
    "image-directive": Case("```{{image}} {rel}\n```", "png", latex=True),
    "image-glob": Case("```{{image}} {stem}.*\n```", "png"),
    "image-symlink": Case("![plaatje](link-image-symlink.png)", "png", latex=True),
    # MyST itself refuses ![](file:///...) (shown as text); reST does not
    "image-file-url": Case("```{{eval-rst}}\n.. image:: file://{abs}\n```", "png", latex=True),
    "image-eval-rst": Case("```{{eval-rst}}\n.. image:: {rel}\n```", "png"),
    "figure": Case("```{{figure}} {rel}\n\nOnderschrift.\n```", "png", latex=True),
    "download-role": Case("{{download}}`het bestand <{rel}>`", "zip"),
    "download-markdown-link": Case("[het bestand]({rel})", "zip"),
    "download-eval-rst": Case("```{{eval-rst}}\n:download:`bestand <{rel}>`\n```", "zip"),
    "graphviz-file": Case("```{{graphviz}} {rel}\n```", "dot", 'digraph {{ "{token}" }}\n'),
    "graphviz-image-attribute": Case(
        '```{{graphviz}}\ndigraph {{ a [image="{abs}", label=""] }}\n```', "png", latex=True,
        expect=DOT_NL,
    ),
    "graphviz-img-label": Case(
        '```{{graphviz}}\ndigraph {{ a [label=<<TABLE><TR><TD><IMG SRC="{abs}"/></TD></TR>'
        "</TABLE>>] }}\n```",
        "png",
        expect=DOT_NL,
    ),
}

#: raw blocks: (page body, warning subtype, markup that must not reach the output as markup)
RAW_CASES: dict[str, tuple[str, str, str]] = {
    "raw-html-block": ('<div class="kader">RAWTEXT</div>', "kb.html", '<div class="kader">'),
    "raw-html-directive": ("```{raw} html\n<b>RAWTEXT</b>\n```", "kb.html", "<b>RAWTEXT"),
    "raw-html-eval-rst": (
        "```{eval-rst}\n.. raw:: html\n\n   <b>RAWTEXT</b>\n```",
        "kb.html",
        "<b>RAWTEXT",
    ),
    "raw-latex-directive": (
        "```{raw} latex\n\\input{/etc/hostname}RAWTEXT\n```",
        "kb.raw",
        "\\input{/etc/hostname}",
    ),
    "raw-latex-eval-rst": (
        "```{eval-rst}\n.. raw:: latex\n\n   \\openin5=/etc/hostname RAWTEXT\n```",
        "kb.raw",
        "\\openin5",
    ),
    "raw-latex-role-eval-rst": (
        "```{eval-rst}\n.. role:: tex(raw)\n   :format: latex\n\n"
        "Zie :tex:`\\input{/etc/hostname}RAWTEXT`.\n```",
        "kb.raw",
        "\\input{/etc/hostname}",
    ),
    "raw-html-and-latex": (
        "```{raw} html latex\n<i>\\input{/etc/hostname}RAWTEXT</i>\n```",
        "kb.html",
        "\\input{/etc/hostname}",
    ),
    "raw-other-format": ("```{raw} texinfo\n@include RAWTEXT.texi\n```", "kb.raw", "@include"),
    "raw-file-inside": ("```{raw} html\n:file: stukje-raw.html\n```", "kb.html", "<b>RAWTEXT"),
}

#: math: (page body, TeX that must not reach the LaTeX output as TeX)
MATH_CASES: dict[str, tuple[str, str]] = {
    "math-directive-input": ("```{math}\n\\input{/etc/hostname}\n```", "\\input{/etc/hostname}"),
    "math-role-write18": ("{math}`\\immediate\\write18{touch /tmp/x}`", "\\write18"),
    "math-dollar-csname": ("$\\csname input\\endcsname{/etc/hostname}$", "\\csname"),
    "math-dollar-block-catcode": ("$$\n\\catcode92=12 x\n$$", "\\catcode92"),
    "math-eval-rst-openin": ("```{eval-rst}\n.. math:: \\openin5=/etc/hostname\n```", "\\openin"),
    "math-caret-escape": ("{math}`^^5cinput{/etc/hostname}`", "^^5cinput"),
    "math-mathjax-href": ("{math}`\\href{javascript:alert(1)}{x}`", "\\href{javascript"),
    "math-font-file": ("{math}`\\font\\x=/etc/hostname \\x`", "\\font\\x"),
    "math-def": ("{math}`\\def\\x{\\input{/etc/hostname}}\\x`", "\\def\\x"),
}

#: the symlinks the source folder contains, each pointing outside it
SYMLINKS = {
    "link-literalinclude-symlink.txt": "literalinclude-symlink.txt",
    "link-image-symlink.png": "image-symlink.png",
    "geheime-map": ".",
}


@dataclass(frozen=True)
class Built:
    src: Path
    html: Path
    latex: Path
    warnings: list[dict[str, str]]
    log: str
    tokens: dict[str, str]


def _page(name: str, body: str) -> str:
    return f"# Geval {name}\n\n{BEFORE}\n\n{body}\n\n{AFTER}\n"


#: the hostile construct starts on this line of every page
FIRST_LINE = 5


def _make_site(tmp: Path) -> tuple[Path, dict[str, str]]:
    src = copy_root("hostile-files", tmp / "src")
    outside = tmp / "outside"
    outside.mkdir()
    tokens: dict[str, str] = {}
    for name, case in FILE_CASES.items():
        token = f"SECRET-{name}-{secrets.token_hex(8)}"
        tokens[name] = token
        secret = outside / f"{name}.{case.ext}"
        secret.write_text(case.content.format(token=token), "utf-8")
        body = case.body.format(
            rel=os.path.relpath(secret, src), abs=secret, stem=os.path.relpath(secret, src)[:-4]
        )
        (src / f"{name}.md").write_text(_page(name, body), "utf-8")
    for name, (body, _subtype, _markup) in RAW_CASES.items():
        (src / f"{name}.md").write_text(_page(name, body), "utf-8")
    for name, (body, _tex) in MATH_CASES.items():
        (src / f"{name}.md").write_text(_page(name, body), "utf-8")
    for link, target in SYMLINKS.items():
        (src / link).symlink_to(outside / target)
    (src / "lus").symlink_to(src / "lus")  # a symlink loop
    return src, tokens


@pytest.fixture(scope="module")
def built(tmp_path_factory, monkeypatch_module) -> Built:
    tmp = tmp_path_factory.mktemp("hostile")
    src, tokens = _make_site(tmp)
    monkeypatch_module.setenv("HOME", str(tmp / "outside"))
    html = build(src, "html", freshenv=True)
    latex = build(src, "latex", freshenv=True)
    log = html.warning.getvalue() + latex.warning.getvalue()
    return Built(
        src, html.outdir, latex.outdir, parse_warnings(html.warning.getvalue()), log, tokens
    )


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def _files_holding(root: Path, token: str) -> list[str]:
    # the random part alone: output formats may escape the rest (dot writes - as &#45;)
    needle = token.rsplit("-", 1)[1].encode()
    return [
        str(path.relative_to(root))
        for path in root.rglob("*")
        if path.is_file() and needle in path.read_bytes()
    ]


def _page_warnings(built: Built, name: str) -> list[dict[str, str]]:
    return [w for w in built.warnings if Path(w["path"]).name == f"{name}.md"]


@pytest.mark.parametrize("name", sorted(FILE_CASES))
def test_outside_file_is_refused(built: Built, name: str) -> None:
    token = built.tokens[name]
    # nothing of the secret anywhere in the build: html, latex, doctrees
    assert _files_holding(built.src / "_build", token) == []
    assert token.rsplit("-", 1)[1] not in built.log
    (warning,) = _page_warnings(built, name)
    assert warning["type"] == "kb.file"
    body_lines = FILE_CASES[name].body.count("\n") + 1
    assert FIRST_LINE <= int(warning["line"]) < FIRST_LINE + body_lines
    for part in FILE_CASES[name].expect:
        assert part in warning["msg"]
    page = (built.html / f"{name}.html").read_text("utf-8")
    text = BeautifulSoup(page, "html.parser").find(role="main").get_text()
    assert BEFORE in text and AFTER in text
    assert not list((built.html / "_images").glob(f"{name}*"))
    if FILE_CASES[name].latex:
        tex = next(built.latex.glob("*.tex")).read_text("utf-8")
        assert token not in tex and f"{{{name}::doc}}" in tex
        assert not list(built.latex.glob(f"{name}*"))


def test_one_located_kb_warning_per_hostile_page_and_no_other(built: Built) -> None:
    log = built.log  # the HTML and the LaTeX build, each reading every page
    assert len(all_warning_lines(log)) == len(parse_warnings(log))  # all located
    assert {w["type"] for w in built.warnings} == {"kb.file", "kb.html", "kb.raw", "kb.math"}
    pages = sorted(Path(w["path"]).stem for w in built.warnings)
    assert pages == sorted([*FILE_CASES, *RAW_CASES, *MATH_CASES])


def test_files_inside_the_sources_still_work(built: Built) -> None:
    page = (built.html / "binnen.html").read_text("utf-8")
    text = BeautifulSoup(page, "html.parser").find(role="main").get_text()
    assert "Ingevoegde alinea uit stukje." in text
    assert "regel uit voorbeeld" in text
    assert "cel-uit-tabel" in text
    assert "Ingevoegd uit reST." in text
    svgs = (built.html / "_images").glob("*.svg")
    assert any("knoopbinnen" in svg.read_text("utf-8") for svg in svgs)
    assert (built.html / "_images" / "logo.png").exists()
    assert list((built.html / "_downloads").rglob("voorbeeld.txt"))
    # docutils' standard <isonum.txt> is not refused either
    assert _page_warnings(built, "binnen") == []
    assert "binnen.md" not in built.log


def test_trusted_sources_may_include_outside_files(tmp_path: Path) -> None:
    src = copy_root("hostile-files", tmp_path / "src")
    secret = tmp_path / "gedeeld.txt"
    secret.write_text("GEDEELDE-TEKST\n", "utf-8")
    body = (
        "```{include} ../gedeeld.txt\n```\n\n"
        "```{raw} html\n<b>VERTROUWD</b>\n```\n\n"
        "{math}`\\def\\x{1}\\x`\n\n"
        "{download}`gedeeld <../gedeeld.txt>`\n"
    )
    (src / "buiten.md").write_text(_page("buiten", body), "utf-8")
    app = build(src, "html", freshenv=True, confoverrides={"kb_trusted_sources": True})
    assert "[kb." not in app.warning.getvalue()
    page = (app.outdir / "buiten.html").read_text("utf-8")
    assert "GEDEELDE-TEKST" in page and "<b>VERTROUWD</b>" in page
    assert 'class="math' in page
    assert list((app.outdir / "_downloads").rglob("gedeeld.txt"))


def _tex(built: Built) -> str:
    return next(built.latex.glob("*.tex")).read_text("utf-8")


@pytest.mark.parametrize("name", sorted(RAW_CASES))
def test_raw_block_is_shown_as_text(built: Built, name: str) -> None:
    body, subtype, markup = RAW_CASES[name]
    (warning,) = _page_warnings(built, name)
    assert warning["type"] == subtype
    assert FIRST_LINE <= int(warning["line"]) < FIRST_LINE + body.count("\n") + 1
    assert "is niet toegestaan en wordt als tekst getoond" in warning["msg"]
    assert "RAWTEXT" not in warning["msg"]  # the format is named, never the content
    text = text_of(built.html, name)
    assert "RAWTEXT" in text and BEFORE in text and AFTER in text
    # HTML markup may not reach the HTML as markup, TeX not the LaTeX as TeX
    # (other formats: no builder here writes them; the warning and text suffice)
    if markup.startswith("<"):
        assert markup not in (built.html / f"{name}.html").read_text("utf-8")
    tex = _tex(built)
    assert f"{{{name}::doc}}" in tex
    if markup.startswith("\\"):
        assert markup not in tex


def test_hard_line_break_stays_a_line_break(built: Built) -> None:
    page = (built.html / "binnen.html").read_text("utf-8")
    assert "regel een<br" in page
    assert _page_warnings(built, "binnen") == []


@pytest.mark.parametrize("name", sorted(MATH_CASES))
def test_math_with_tex_file_primitives_is_shown_as_text(built: Built, name: str) -> None:
    body, tex_command = MATH_CASES[name]
    (warning,) = _page_warnings(built, name)
    assert warning["type"] == "kb.math"
    assert FIRST_LINE <= int(warning["line"]) < FIRST_LINE + body.count("\n") + 1
    assert "dat bestanden kan lezen of schrijven of links kan maken" in warning["msg"]
    assert tex_command in text_of(built.html, name)  # shown as text
    page = (built.html / f"{name}.html").read_text("utf-8")
    assert 'class="math' not in page
    tex = _tex(built)
    assert tex_command not in tex and f"{{{name}::doc}}" in tex


def test_harmless_math_still_renders(built: Built) -> None:
    page = (built.html / "binnen.html").read_text("utf-8")
    assert 'class="math' in page and "a^2+b^2" in page
    assert r"\(a^2+b^2\)" in _tex(built)
