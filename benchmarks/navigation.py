"""How the Read the Docs theme's navigation grows with the pages, and what keeps it linear.

    python benchmarks/navigation.py    # 200, 400, 800 pages (the square ones up to 400)
    python benchmarks/navigation.py --sizes 500 1000 --square-limit 500 --out /tmp/nav.md

The theme draws the site's table of contents on every page. With all pages
in one table of contents (as the benchmark's corpus and many small sites
have them) every page lists every other page: the output, and the time to
write it, grow with the square of the pages. Folded navigation
(``collapse_navigation``, the theme's default) shows only the branch of the
current page, so pages grouped in sections (``corpus.in_sections``) list the
sections and their own section's pages: linear again.

Measured on the "text only" flavour (corpus.py), so that only the theme
differs: per size and variant, one full build in its own process (wall and
CPU seconds, build_once.py), the size of one content page and of all pages,
and the growth exponent k in t ~ N^k between sizes. Writes a Dutch report.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402
from bench_report import num  # noqa: E402

#: The variants whose every page lists every page: measured up to --square-limit.
SQUARE = ("rtd", "rtd-folded")

#: variant -> (its Dutch name, theme settings appended to conf.py, section size)
VARIANTS = {
    "basic": ("Sphinx' kale thema (geen globale navigatie)", "", 0),
    "rtd": ("Read the Docs, standaardinstellingen, één inhoudsopgave", corpus.RTD_DEFAULT_CONF, 0),
    "rtd-folded": ("Read the Docs, diepte 2, alleen titels, één inhoudsopgave", corpus.RTD_CONF, 0),
    "rtd-sections": (
        "Read the Docs, diepte 2, alleen titels, delen van 100 pagina's",
        corpus.RTD_CONF,
        100,
    ),
}


def write(n: int, target: Path, conf: str, section: int) -> None:
    speakers, pages = corpus.model(n)
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    corpus.write_plain(target, speakers, pages)
    with (target / "conf.py").open("a") as handle:
        handle.write(conf)
    if section:
        corpus.in_sections(target, section)


def measure(n: int, variant: str, work: Path) -> dict[str, float]:
    _name, conf, section = VARIANTS[variant]
    src = work / f"{variant}-{n}"
    write(n, src, conf, section)
    out = src / "_build" / "html"
    command = [sys.executable, str(HERE / "build_once.py"), str(src), str(out), "-E"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise SystemExit(f"build failed: {src}\n{result.stderr[-2000:]}")
    timing = json.loads(lines[-1])
    pages = [p for p in out.rglob("*.html") if "_static" not in p.parts]
    row = {
        "seconds": timing["seconds"],
        "cpu_seconds": timing["cpu_seconds"],
        "page_bytes": (out / "p" / "p00001.html").stat().st_size,
        "site_bytes": sum(p.stat().st_size for p in pages),
    }
    shutil.rmtree(src, ignore_errors=True)
    return row


def exponent(n0: int, t0: float, n1: int, t1: float) -> float:
    return math.log(t1 / t0) / math.log(n1 / n0)


def report(results: dict[str, dict[int, dict[str, float]]], sizes: list[int]) -> str:
    lines = [
        "## Navigatie: Read the Docs-thema bij een groeiende site",
        "",
        "% Geschreven door benchmarks/navigation.py; niet met de hand bewerken.",
        "",
        "De variant *alleen tekst* (zelfde tekst, geen objecten), zodat alleen het",
        "thema verschilt; één volledige bouw per meting, in een eigen proces. *Diepte 2,",
        "alleen titels*: `navigation_depth: 2` en `titles_only: True` naast de standaard",
        "`collapse_navigation: True` (corpus.RTD_CONF). KB en MB: 1.024 en 1.048.576 bytes.",
        "",
        "| variant | N | volledig (s, wandklok / CPU) | pagina p00001 | alle pagina's |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for variant, rows in results.items():
        for n in sizes:
            if n not in rows:
                lines.append(f"| {VARIANTS[variant][0]} | {n} | niet gemeten | – | – |")
                continue
            r = rows[n]
            lines.append(
                f"| {VARIANTS[variant][0]} | {n} | {num(r['seconds'], 1)} / "
                f"{num(r['cpu_seconds'], 1)} | {num(r['page_bytes'] / 2**10)} KB "
                f"| {num(r['site_bytes'] / 2**20, 1)} MB |"
            )
    lines += [
        "",
        "Groei-exponent k in *t ∝ N^k* (CPU) en *grootte ∝ N^k* (alle pagina's); 1,0 is lineair,",
        "2,0 kwadratisch:",
        "",
        "| variant | " + " | ".join(f"{a} → {b}" for a, b in pairwise(sizes)) + " |",
        "| --- | " + " | ".join("---:" for _ in sizes[1:]) + " |",
    ]
    for variant, rows in results.items():
        cells = [
            f"{num(exponent(a, rows[a]['cpu_seconds'], b, rows[b]['cpu_seconds']), 2)} / "
            f"{num(exponent(a, rows[a]['site_bytes'], b, rows[b]['site_bytes']), 2)}"
            if a in rows and b in rows
            else "–"
            for a, b in pairwise(sizes)
        ]
        lines.append(f"| {VARIANTS[variant][0]} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 400, 800])
    parser.add_argument("--variants", nargs="+", choices=list(VARIANTS), default=list(VARIANTS))
    parser.add_argument(
        "--square-limit",
        type=int,
        default=400,
        help="largest size for the variants that grow with the square (minutes beyond)",
    )
    parser.add_argument("--work", type=Path, default=HERE.parent / "_build" / "bench" / "nav")
    parser.add_argument("--out", type=Path, default=HERE / "navigatie.md")
    parser.add_argument(
        "--from-results", type=Path, help="rewrite the report from a results.json, building nothing"
    )
    args = parser.parse_args(argv)
    results: dict[str, dict[int, dict[str, float]]] = {}
    if args.from_results:
        saved = json.loads(args.from_results.read_text("utf-8"))
        unknown = set(saved) - set(VARIANTS)
        if unknown:
            parser.error(f"{args.from_results}: unknown variants {sorted(unknown)}")
        results = {v: {int(n): row for n, row in rows.items()} for v, rows in saved.items()}
        args.sizes = sorted({n for rows in results.values() for n in rows})
        args.variants = []
    for variant in args.variants:
        results[variant] = {}
        for n in args.sizes:
            if variant in SQUARE and n > args.square_limit:
                continue
            results[variant][n] = measure(n, variant, args.work)
            print(f"{variant} N={n}: {json.dumps(results[variant][n])}", flush=True)
    text = report(results, args.sizes)
    args.out.write_text(text, encoding="utf-8")
    if not args.from_results:
        (args.work / "results.json").write_text(json.dumps(results, indent=2))
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
