"""Print and e-book editions: ``python -m alliantie_kb.book pdf|epub``.

``pdf`` builds every edition of ``kb_editions`` through LaTeX into
``<build>/pdf/alliantiedagen-<year>.pdf``; ``epub`` builds
``<build>/epub/<epub_basename>.epub``. Each run starts from an empty LaTeX
directory, so a failed run never poisons the next. Messages follow the
``language`` of conf.py (the extension's catalogue; English without one), as
the people who run this are the project's organisers.

latexmk reads no rc file (``-norc``: not the ``latexmkrc`` Sphinx writes into
the LaTeX folder, not one a source could put there) and gets every option on
its command line. Unless ``kb_trusted_sources`` is set, TeX runs without
shell escape and may only open files below the LaTeX folder
(``openin_any``/``openout_any`` paranoid).
"""

from __future__ import annotations

import argparse
import functools
import gettext
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .i18n import CATALOG, LOCALE_DIR

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
    """A failure with a one-line explanation in the project's language."""


Translate = Callable[[str], str]


def _untranslated(message: str) -> str:
    """The message as given (English)."""
    return message


@functools.cache
def translator(language: str | None) -> Translate:
    """``gettext`` of the extension's catalogue in ``language`` (msgids are English).

    Never the terminal's locale: without a language, messages stay English."""
    if not language:
        return _untranslated
    found = gettext.translation(
        CATALOG, str(LOCALE_DIR), languages=[language.replace("-", "_")], fallback=True
    )
    return found.gettext


def _read_conf(conf: Path) -> dict[str, Any]:
    """The names conf.py defines."""
    from sphinx.config import eval_config_file
    from sphinx.util.tags import Tags

    return eval_config_file(conf / "conf.py", Tags())


def conf_language(conf: Path) -> str | None:
    """``language`` of conf.py, or None when it cannot be read (said later)."""
    from sphinx.errors import ConfigError

    try:
        language = _read_conf(conf).get("language")
    except (ConfigError, OSError, SystemExit):
        return None
    return language if isinstance(language, str) else None


def missing_latex_packages() -> list[str]:
    """The Debian packages of the TeX files and programs the PDF needs that are missing."""
    missing: list[str] = []
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


def _sphinx(
    builder: str, src: Path, conf: Path, out: Path, doctrees: Path, _: Translate = _untranslated
) -> None:
    from sphinx.cmd.build import build_main

    args = ["-b", builder, "-c", str(conf), "-d", str(doctrees), "-W", "--keep-going", "-n"]
    args += ["-q", str(src), str(out)]
    if build_main(args) != 0:
        raise BookError(_("sphinx-build -b %s reported errors (see above)") % builder)


def _latex_settings(conf: Path, _: Translate = _untranslated) -> tuple[str, bool]:
    """(latex_engine, kb_trusted_sources) from conf.py, as Sphinx reads it."""
    from sphinx.errors import ConfigError

    try:
        namespace = _read_conf(conf)
    except (ConfigError, OSError) as exc:
        first = (str(exc).strip().splitlines() or ["?"])[0]
        raise BookError(_("%s could not be read: %s") % (conf / "conf.py", first)) from None
    engine = namespace.get("latex_engine", "pdflatex")
    if engine not in _ENGINES:
        raise BookError(
            _("latex_engine %r is not supported; choose pdflatex or xelatex") % (engine,)
        )
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


def first_latex_problem(log_text: str, src: Path, _: Translate = _untranslated) -> str | None:
    """One line (in the project's language) for the first problem in a TeX log, or None."""
    for line in log_text.splitlines():
        glyph = _NO_GLYPH.search(line)
        if glyph:
            char = glyph.group("c1") or glyph.group("c2")
            code = glyph.group("u1") or glyph.group("u2")
            where = find_in_sources(src, char)
            if where:
                return _(
                    "character %(char)s (U+%(code)s) in %(where)s cannot be set in the PDF: "
                    "the fonts have no glyph for it; write it with Latin, Greek or Cyrillic "
                    "letters or leave it out"
                ) % {"char": char, "code": code, "where": where}
            return _(
                "character %(char)s (U+%(code)s) cannot be set in the PDF: the fonts have no "
                "glyph for it; write it with Latin, Greek or Cyrillic letters or leave it out"
            ) % {"char": char, "code": code}
    for line in log_text.splitlines():
        error = _TEX_ERROR.match(line)
        if error:
            return error.group("msg").strip()
    return None


def build_pdf(src: Path, conf: Path, build: Path) -> list[Path]:
    """Build every edition's PDF; return their paths."""
    _ = translator(conf_language(conf))
    missing = missing_latex_packages()
    if missing:
        raise BookError(
            _(
                "LaTeX is missing for the PDF: install %s "
                "(for example with: sudo scripts/install-system-deps.sh)"
            )
            % " ".join(missing)
        )
    engine, trusted = _latex_settings(conf, _)
    latex = build / "latex"
    shutil.rmtree(latex, ignore_errors=True)  # a failed run leaves latexmk state behind
    _sphinx("latex", src, conf, latex, build / "doctrees-latex", _)
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
        problem = first_latex_problem(log_text, src, _)
        if result.returncode != 0 or (problem and _NO_GLYPH.search(log_text)):
            last = result.stdout.strip().splitlines()[-1:] or [_("latexmk failed")]
            raise BookError(
                _("LaTeX could not typeset %s: %s (full log: %s)")
                % (tex.name, problem or last[0], log)
            )
        if written and not trusted:
            raise BookError(
                _(
                    "LaTeX wrote a file that can run code while typesetting %s (%s); "
                    "it was removed and the PDF was rejected"
                )
                % (tex.name, ", ".join(written))
            )
        pdf = out / tex.with_suffix(".pdf").name
        shutil.copyfile(tex.with_suffix(".pdf"), pdf)
        pdfs.append(pdf)
    if not pdfs:
        raise BookError(_("there is no edition to typeset: fill in kb_editions in conf.py"))
    return pdfs


def build_epub(src: Path, conf: Path, build: Path) -> Path:
    out = build / "epub"
    shutil.rmtree(out, ignore_errors=True)
    _sphinx("epub", src, conf, out, build / "doctrees-epub", translator(conf_language(conf)))
    (epub,) = out.glob("*.epub")
    return epub


def main(argv: list[str] | None = None) -> int:
    # the messages' language is conf.py's: find --conf before the help is made
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--conf", default=".", type=Path)
    _ = translator(conf_language(early.parse_known_args(argv)[0].conf))
    parser = argparse.ArgumentParser(
        prog="python -m alliantie_kb.book", description=_("Typesets the PDF and e-book editions.")
    )
    parser.add_argument("format", choices=["pdf", "epub"], help=_("pdf or epub"))
    parser.add_argument(
        "--bron",
        "--source",
        dest="source",
        metavar=_("FOLDER"),
        default="docs",
        type=Path,
        help=_("folder with the sources (docs)"),
    )
    parser.add_argument(
        "--conf", default=".", type=Path, metavar=_("FOLDER"), help=_("folder with conf.py (.)")
    )
    parser.add_argument(
        "--bouw",
        "--build",
        dest="build",
        metavar=_("FOLDER"),
        default="_build",
        type=Path,
        help=_("output folder (_build)"),
    )
    args = parser.parse_args(argv)
    try:
        if args.format == "pdf":
            for pdf in build_pdf(args.source, args.conf, args.build):
                print(_("PDF ready: %s") % pdf)
        else:
            print(_("E-book ready: %s") % build_epub(args.source, args.conf, args.build))
    except BookError as exc:
        print(_("Error: %s") % exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
