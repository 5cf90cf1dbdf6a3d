"""Print and e-book editions: ``python -m alliantie_kb.book pdf|epub``.

``pdf`` builds every edition of ``kb_editions`` through LaTeX into
``<build>/pdf/alliantiedagen-<year>.pdf``; ``epub`` builds
``<build>/epub/<epub_basename>.epub``. Each run starts from an empty LaTeX
directory, so a failed run never poisons the next. Messages are Dutch: the
people who run this are the Alliantie's organisers.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

#: (command or TeX file, Debian package that provides it)
LATEX_NEEDS = (
    ("latexmk", "latexmk"),
    ("pdflatex", "texlive-latex-recommended"),
    ("tgtermes.sty", "tex-gyre"),
    ("dutch.ldf", "texlive-lang-european"),
    ("fncychap.sty", "texlive-latex-extra"),
)


_FILE_LINE = re.compile(r"^\S+\.tex:\d+: ")


class BookError(RuntimeError):
    """A failure with a one-line Dutch explanation."""


def missing_latex_packages() -> list[str]:
    missing = []
    for needed, package in LATEX_NEEDS:
        if needed.endswith((".sty", ".ldf")):
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


def build_pdf(src: Path, conf: Path, build: Path) -> list[Path]:
    """Build every edition's PDF; return their paths."""
    missing = missing_latex_packages()
    if missing:
        raise BookError(
            "LaTeX ontbreekt voor de PDF: installeer "
            + " ".join(missing)
            + " (bijvoorbeeld met: sudo scripts/install-system-deps.sh)"
        )
    latex = build / "latex"
    shutil.rmtree(latex, ignore_errors=True)  # a failed run leaves latexmk state behind
    _sphinx("latex", src, conf, latex, build / "doctrees-latex")
    out = build / "pdf"
    out.mkdir(parents=True, exist_ok=True)
    pdfs = []
    for tex in sorted(latex.glob("*.tex")):
        result = subprocess.run(
            [
                "latexmk",
                "-pdf",
                "-dvi-",
                "-ps-",
                "-interaction=nonstopmode",
                "-halt-on-error",
                "-file-line-error",
                tex.name,
            ],
            cwd=latex,
            capture_output=True,
            text=True,
            errors="replace",  # TeX logs are not UTF-8
        )
        if result.returncode != 0:
            log = tex.with_suffix(".log")
            errors = (
                [
                    line
                    for line in log.read_text("utf-8", "replace").splitlines()
                    if line.startswith("!") or ":error" in line.lower()
                ]
                if log.exists()
                else []
            )
            raise BookError(
                f"LaTeX kon {tex.name} niet zetten: "
                + (errors[0] if errors else result.stdout.strip().splitlines()[-1:][0])
                + f" (volledig logboek: {log})"
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
