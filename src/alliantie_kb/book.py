"""Print and e-book editions: ``python -m alliantie_kb.book pdf|epub``.

``pdf`` builds every edition of ``kb_editions`` through LaTeX into
``<build>/pdf/alliantiedagen-<year>.pdf``; ``epub`` builds
``<build>/epub/<epub_basename>.epub``. Each run starts from an empty LaTeX
directory, so a failed run never poisons the next. Messages are Dutch: the
people who run this are the Alliantie's organisers.

latexmk reads no rc file (``-norc``: not the ``latexmkrc`` Sphinx writes into
the LaTeX folder, not one a source could put there) and gets every option on
its command line. Unless ``kb_trusted_sources`` is set, TeX runs without
shell escape and may only open files below the LaTeX folder
(``openin_any``/``openout_any`` paranoid).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

#: (command or TeX file, Debian package that provides it)
LATEX_NEEDS = (
    ("latexmk", "latexmk"),
    ("pdflatex", "texlive-latex-recommended"),
    ("xelatex", "texlive-xetex"),
    ("FreeSerif.otf", "fonts-freefont-otf"),
    ("tgtermes.sty", "tex-gyre"),
    ("dutch.ldf", "texlive-lang-european"),
    ("fncychap.sty", "texlive-latex-extra"),
)


#: a TeX error: "! message" or, with -file-line-error, "./name.tex:12: message"
_TEX_ERROR = re.compile(r"^(?:!\s*|(?:\S*/)?[^\s/:]+\.[A-Za-z]+:\d+:\s)(?P<msg>.+)$")
#: a character the engine or the fonts cannot set (pdfLaTeX error, XeTeX log line)
_NO_GLYPH = re.compile(
    r"(?:Unicode character (?P<c1>.) \(U\+(?P<u1>[0-9A-F]{4,6})\)"
    r"|Missing character: There is no (?P<c2>.) \(U\+(?P<u2>[0-9A-F]{4,6})\))"
)
#: the engines latexmk drives, with their latexmk mode and program option
_ENGINES = {
    "pdflatex": ("-pdf", "-pdflatex", "pdflatex"),
    "xelatex": ("-pdfxe", "-pdfxelatex", "xelatex"),
    "lualatex": ("-pdflua", "-pdflualatex", "lualatex"),
}
#: files in the LaTeX folder that run code when latexmk or make read them;
#: we use none of them, so none may be there before or after TeX ran
RUNNABLE_FILES = ("latexmkrc", ".latexmkrc", "latexmkjarc", "Makefile", "makefile", "make.bat")
#: source files a character may come from (pages, bibliography)
_TEXT_SUFFIXES = (".md", ".rst", ".txt", ".bib")


class BookError(RuntimeError):
    """A failure with a one-line Dutch explanation."""


def missing_latex_packages() -> list[str]:
    missing = []
    for needed, package in LATEX_NEEDS:
        if needed.endswith((".sty", ".ldf", ".otf")):
            found = (
                shutil.which("kpsewhich")
                and subprocess.run(
                    ["kpsewhich", needed], capture_output=True, text=True
                ).stdout.strip()
            )
        else:
            found = shutil.which(needed)
        if not found and package not in missing:
            missing.append(package)
    return missing


def _sphinx(builder: str, src: Path, conf: Path, out: Path, doctrees: Path) -> None:
    from sphinx.cmd.build import build_main

    args = ["-b", builder, "-c", str(conf), "-d", str(doctrees), "-W", "--keep-going", "-n"]
    args += ["-q", str(src), str(out)]
    if build_main(args) != 0:
        raise BookError(f"sphinx-build -b {builder} meldde fouten (zie hierboven)")


def _latex_settings(conf: Path) -> tuple[str, bool]:
    """(latex_engine, kb_trusted_sources) from conf.py, as Sphinx reads it."""
    from sphinx.config import eval_config_file
    from sphinx.errors import ConfigError
    from sphinx.util.tags import Tags

    try:
        namespace = eval_config_file(conf / "conf.py", Tags())
    except (ConfigError, OSError) as exc:
        first = (str(exc).strip().splitlines() or ["?"])[0]
        raise BookError(f"{conf / 'conf.py'} kon niet worden gelezen: {first}") from None
    engine = namespace.get("latex_engine", "pdflatex")
    if engine not in _ENGINES:
        raise BookError(f"latex_engine {engine!r} wordt niet ondersteund; kies pdflatex of xelatex")
    return engine, bool(namespace.get("kb_trusted_sources", False))


def latexmk_command(tex: str, engine: str, trusted: bool) -> list[str]:
    """latexmk without rc files; every setting the rc would make is here."""
    mode, program_option, program = _ENGINES[engine]
    shell = "" if trusted else " -no-shell-escape"
    return [
        "latexmk",
        "-norc",
        mode,
        "-dvi-",
        "-ps-",
        "-interaction=nonstopmode",
        "-halt-on-error",
        "-file-line-error",
        f"{program_option}={program}{shell} %O %S",
        # Sphinx's index style, as its latexmkrc would set it (our code, not a file's)
        "-e",
        "$makeindex = q/makeindex -s python.ist %O -o %D %S/",
        tex,
    ]


def latexmk_environment(trusted: bool) -> dict[str, str]:
    """TeX may only read and write below the LaTeX folder, and run nothing."""
    env = dict(os.environ, max_print_line="10000")  # one log line per message
    if not trusted:
        env.update(openin_any="p", openout_any="p", shell_escape="f")
    return env


def find_in_sources(src: Path, char: str) -> str | None:
    """``docs/page.md:12``: the first source line that contains ``char``."""
    for path in sorted(src.rglob("*")):
        if path.suffix not in _TEXT_SUFFIXES or not path.is_file():
            continue
        try:
            lines = path.read_text("utf-8", "replace").splitlines()
        except OSError:
            continue
        for number, line in enumerate(lines, 1):
            if char in line:
                return f"{path}:{number}"
    return None


def first_latex_problem(log_text: str, src: Path) -> str | None:
    """One Dutch line for the first problem in a TeX log, or None."""
    for line in log_text.splitlines():
        glyph = _NO_GLYPH.search(line)
        if glyph:
            char = glyph.group("c1") or glyph.group("c2")
            code = glyph.group("u1") or glyph.group("u2")
            where = find_in_sources(src, char)
            return (
                f"teken {char} (U+{code}) "
                + (f"in {where} " if where else "")
                + "kan niet in de PDF worden gezet: de lettertypen hebben er geen glyph "
                "voor; schrijf het met Latijnse, Griekse of Cyrillische letters of laat het weg"
            )
    for line in log_text.splitlines():
        error = _TEX_ERROR.match(line)
        if error:
            return error.group("msg").strip()
    return None


def build_pdf(src: Path, conf: Path, build: Path) -> list[Path]:
    """Build every edition's PDF; return their paths."""
    missing = missing_latex_packages()
    if missing:
        raise BookError(
            "LaTeX ontbreekt voor de PDF: installeer "
            + " ".join(missing)
            + " (bijvoorbeeld met: sudo scripts/install-system-deps.sh)"
        )
    engine, trusted = _latex_settings(conf)
    latex = build / "latex"
    shutil.rmtree(latex, ignore_errors=True)  # a failed run leaves latexmk state behind
    _sphinx("latex", src, conf, latex, build / "doctrees-latex")
    out = build / "pdf"
    out.mkdir(parents=True, exist_ok=True)
    for name in RUNNABLE_FILES:  # Sphinx's own latexmkrc and Makefile: unused
        (latex / name).unlink(missing_ok=True)
    pdfs = []
    for tex in sorted(latex.glob("*.tex")):
        result = subprocess.run(
            latexmk_command(tex.name, engine, trusted),
            cwd=latex,
            env=latexmk_environment(trusted),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            errors="replace",  # TeX logs are not UTF-8
        )
        written = [name for name in RUNNABLE_FILES if (latex / name).exists()]
        for name in written:
            (latex / name).unlink()
        log = tex.with_suffix(".log")
        log_text = log.read_text("utf-8", "replace") if log.exists() else ""
        problem = first_latex_problem(log_text, src)
        if result.returncode != 0 or (problem and _NO_GLYPH.search(log_text)):
            last = result.stdout.strip().splitlines()[-1:] or ["latexmk faalde"]
            raise BookError(
                f"LaTeX kon {tex.name} niet zetten: "
                + (problem or last[0])
                + f" (volledig logboek: {log})"
            )
        if written and not trusted:
            raise BookError(
                f"LaTeX schreef bij het zetten van {tex.name} een bestand dat code kan "
                f"uitvoeren ({', '.join(written)}); het is verwijderd en de PDF is afgekeurd"
            )
        pdf = out / tex.with_suffix(".pdf").name
        shutil.copyfile(tex.with_suffix(".pdf"), pdf)
        pdfs.append(pdf)
    if not pdfs:
        raise BookError("er is geen editie om te zetten: vul kb_editions in conf.py")
    return pdfs


def build_epub(src: Path, conf: Path, build: Path) -> Path:
    out = build / "epub"
    shutil.rmtree(out, ignore_errors=True)
    _sphinx("epub", src, conf, out, build / "doctrees-epub")
    (epub,) = out.glob("*.epub")
    return epub


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m alliantie_kb.book", description="Zet de PDF- en e-boekedities."
    )
    parser.add_argument("format", choices=["pdf", "epub"], help="pdf of epub")
    parser.add_argument("--bron", default="docs", type=Path, help="map met de bronnen (docs)")
    parser.add_argument("--conf", default=".", type=Path, help="map met conf.py (.)")
    parser.add_argument("--bouw", default="_build", type=Path, help="uitvoermap (_build)")
    args = parser.parse_args(argv)
    try:
        if args.format == "pdf":
            for pdf in build_pdf(args.bron, args.conf, args.bouw):
                print(f"PDF klaar: {pdf}")
        else:
            print(f"E-boek klaar: {build_epub(args.bron, args.conf, args.bouw)}")
    except BookError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
