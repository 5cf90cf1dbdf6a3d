"""Benchmark the knowledge base against plain Sphinx and sphinx-needs.

    make bench                      # = python benchmarks/run.py
    python benchmarks/run.py --sizes 100 500 1000 --repeat 3

For each size N it writes the three corpora (benchmarks/corpus.py), then per
flavour measures, as medians of --repeat runs, each build in its own process:
full build (-E), full build with -j 2, an incremental build after editing the
text of one recommendation and one after moving a recommendation to another
source; peak RSS of the serial full build; the time to write kb.json; the
search index size and the bytes a first query downloads. It checks that the
incremental build after the move equals a fresh build of the same sources.
The table is printed and written, in Dutch, to benchmarks/prestaties.md (the
developer documentation, not the reader's site) with the machine and versions, followed by the budgets and whether they hold.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402

REPO = HERE.parent
FLAVOURS = ("kb", "plain", "needs")
NAMES = {"kb": "alliantie-kb", "plain": "plain Sphinx", "needs": "sphinx-needs"}


def build(src: Path, out: Path, *args: str) -> dict:
    result = subprocess.run(
        [sys.executable, str(HERE / "build_once.py"), str(src), str(out), *args],
        capture_output=True,
        text=True,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise SystemExit(f"build failed: {src} {args}\n{result.stderr[-2000:]}")
    return json.loads(lines[-1])


def toggle(path: Path, a: str, b: str) -> None:
    text = path.read_text("utf-8")
    path.write_text(text.replace(a, b, 1) if a in text else text.replace(b, a, 1), "utf-8")


def text_edit(flavour: str, src: Path) -> None:
    # one word in the text of the first recommendation of page 1
    toggle(src / "p" / "p00001.md", "\n\n", "\n\nBijgewerkt. ")


# flavour -> (marker of the first recommendation of page 1, its relation
# option, where that option's first value ends, moved value, original value)
MOVES = {
    "kb": (
        "```{recommendation} aanbeveling-00001-0",
        ":source: ",
        "\n",
        "lezing-00002-0",
        "werkgroep-00001",
    ),
    "needs": (":id: AANBEVELING_00001_0", ":links: ", ",", "LEZING_00002_0", "WERKGROEP_00001"),
}


def relation_move(flavour: str, src: Path) -> None:
    """Move a recommendation to another source, or back again."""
    if flavour not in MOVES:  # plain Sphinx has no relations: the same page edit
        text_edit(flavour, src)
        return
    marker, option, end, moved, back = MOVES[flavour]
    page = src / "p" / "p00001.md"
    text = page.read_text("utf-8")
    start = text.index(option, text.index(marker)) + len(option)
    stop = text.index(end, start)
    new = moved if text[start:stop] != moved else back
    page.write_text(text[:start] + new + text[stop:], "utf-8")


def same_html(a: Path, b: Path) -> bool:
    pages_a = {p.relative_to(a): p for p in a.rglob("*.html")}
    pages_b = {p.relative_to(b): p for p in b.rglob("*.html")}
    return pages_a.keys() == pages_b.keys() and all(
        pages_a[k].read_bytes() == pages_b[k].read_bytes() for k in pages_a
    )


def search_metrics(flavour: str, out: Path) -> dict:
    if flavour == "kb":
        bundle = out / "pagefind"
        index = sum(
            p.stat().st_size
            for p in bundle.rglob("*")
            if p.is_file() and p.parent.name in ("index", "fragment", "filter")
        )
        return {"index_bytes": index, **first_query(out)}
    files = [
        out / "searchindex.js",
        out / "_static" / "searchtools.js",
        out / "_static" / "language_data.js",
    ]
    raw = sum(f.stat().st_size for f in files if f.exists())
    packed = sum(len(gzip.compress(f.read_bytes())) for f in files if f.exists())
    return {
        "index_bytes": (out / "searchindex.js").stat().st_size,
        "query_bytes": raw,
        "query_bytes_gzip": packed,
    }


def first_query(site: Path) -> dict:
    """Bytes the browser downloads for a first query on a fresh search page."""
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        return {"query_bytes": None, "query_bytes_gzip": None}
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # noqa: D102 - keep the report readable
            pass

    handler = functools.partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    bodies: list[bytes] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=str(chromium),
                args=[
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                ],
            )
            page = browser.new_page()
            page.on(
                "response", lambda r: bodies.append(r.body()) if "/pagefind/" in r.url else None
            )
            page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/search.html?q=armoede")
            page.wait_for_selector(".pagefind-ui__result-link", timeout=30000)
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        httpd.shutdown()
    return {
        "query_bytes": sum(map(len, bodies)),
        "query_bytes_gzip": sum(len(gzip.compress(b)) for b in bodies),
    }


def measure(n: int, repeat: int, work: Path, search: bool) -> dict:
    paths = corpus.write_all(n, work / str(n))
    results: dict[str, dict] = {}
    for flavour in FLAVOURS:
        src = paths[flavour]
        out = src / "_build" / "html"
        full = [build(src, out, "-E") for _ in range(repeat)]
        parallel = [build(src, src / "_build" / "html-j2", "-E", "-j", "2") for _ in range(repeat)]
        text = []
        for _ in range(repeat):
            text_edit(flavour, src)
            text.append(build(src, out))
        move = []
        for _ in range(repeat):
            relation_move(flavour, src)
            move.append(build(src, out))
        row = {
            "full": statistics.median(r["seconds"] for r in full),
            "j2": statistics.median(r["seconds"] for r in parallel),
            "text": statistics.median(r["seconds"] for r in text),
            "move": statistics.median(r["seconds"] for r in move),
            "rss_mib": statistics.median(r["rss_kib"] for r in full) / 1024,
        }
        if flavour == "kb":
            row["kbjson"] = statistics.median(r["kbjson_seconds"] or 0 for r in full)
            fresh = src / "_build" / "fresh"
            build(src, fresh, "-E")
            row["move_equals_fresh"] = same_html(out, fresh)
        if search:
            row.update(search_metrics(flavour, out))
        results[flavour] = row
        print(f"N={n} {NAMES[flavour]}: {json.dumps(row)}", flush=True)
    return results


# -- report ---------------------------------------------------------------------


def _kb(value) -> str:
    return "n.v.t." if value is None else f"{value / 1024:,.0f} KB".replace(",", ".")


def machine() -> list[str]:
    cpu = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor(),
        )
        if Path("/proc/cpuinfo").exists()
        else platform.processor()
    )
    mem = (
        next(
            (
                line.split()[1]
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")
            ),
            "0",
        )
        if Path("/proc/meminfo").exists()
        else "0"
    )
    versions = []
    for dist in ("sphinx", "myst-parser", "sphinx-needs", "docutils", "pagefind"):
        try:
            from importlib.metadata import version

            versions.append(f"{dist} {version(dist)}")
        except Exception:  # noqa: BLE001 - report what is there
            versions.append(f"{dist} ontbreekt")
    return [
        f"- Machine: {cpu}, {os.cpu_count()} kernen, {int(mem) // 1024 // 1024} GiB geheugen, "
        f"{platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}; " + ", ".join(versions),
        f"- Gemeten op {dt.date.today().isoformat()}",
    ]


def report(all_results: dict[int, dict], repeats: list[int]) -> str:
    runs = "/".join(str(r) for r in repeats)
    lines = [
        "# Prestaties",
        "",
        "% Geschreven door benchmarks/run.py (make bench); niet met de hand bewerken.",
        "",
        "Hoe snel bouwt de kennisbank, vergeleken met dezelfde tekst in gewone Sphinx en",
        "met dezelfde objecten in sphinx-needs? Elke pagina van het proefcorpus is een",
        "dag of werkgroep met twee lezingen en acht aanbevelingen (ongeveer 400 woorden),",
        "met verwijzingen naar een gedeelde groep van N/5 sprekerspagina's, plus",
        f"overzichtspagina's. Elke waarde is de mediaan van {runs} metingen (per N), elk in een",
        "eigen proces, in één run op één machine.",
        "",
        *machine(),
        "",
        "| N | systeem | volledig (s) | volledig -j 2 (s) | na tekstwijziging (s) "
        "| na verplaatsen (s) | piekgeheugen (MiB) | kb.json (s) | zoekindex | eerste zoekvraag "
        "(gzip) |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n, results in sorted(all_results.items()):
        for flavour in FLAVOURS:
            r = results[flavour]
            kbjson = f"{r['kbjson']:.2f}" if "kbjson" in r else "–"
            query = (
                f"{_kb(r.get('query_bytes'))} ({_kb(r.get('query_bytes_gzip'))})"
                if "query_bytes" in r
                else "–"
            )
            lines.append(
                f"| {n} | {NAMES[flavour]} | {r['full']:.1f} | {r['j2']:.1f} | {r['text']:.1f} "
                f"| {r['move']:.1f} | {r['rss_mib']:.0f} | {kbjson} | "
                f"{_kb(r.get('index_bytes')) if 'index_bytes' in r else '–'} | {query} |"
            )
    largest = max(all_results)
    kb, plain = all_results[largest]["kb"], all_results[largest]["plain"]
    gain_kb = 1 - kb["j2"] / kb["full"]
    gain_plain = 1 - plain["j2"] / plain["full"]
    checks = [
        ("volledige bouw ≤ 1,15 × gewone Sphinx", kb["full"] / plain["full"], 1.15),
        ("piekgeheugen ≤ 1,2 × gewone Sphinx", kb["rss_mib"] / plain["rss_mib"], 1.2),
        ("na tekstwijziging ≤ 1,5 × gewone Sphinx", kb["text"] / plain["text"], 1.5),
        (
            "na verplaatsen ≤ 3 × gewone Sphinx (na dezelfde paginawijziging)",
            kb["move"] / plain["move"],
            3.0,
        ),
        ("kb.json ≤ 5 % van de volledige bouw", kb.get("kbjson", 0) / kb["full"], 0.05),
    ]
    lines += [
        "",
        f"## Budgetten bij N = {largest}",
        "",
        "| budget | gemeten | gehaald |",
        "| --- | ---: | :---: |",
    ]
    for label, value, limit in checks:
        shown = f"{value:.0%}" if limit < 1 else f"{value:.2f} ×"
        lines.append(f"| {label} | {shown} | {'ja' if value <= limit else 'nee'} |")
    lines.append(
        f"| winst van -j 2 ≥ die van gewone Sphinx | {gain_kb:.0%} tegen {gain_plain:.0%} "
        f"| {'ja' if gain_kb >= gain_plain else 'nee'} |"
    )
    if kb.get("query_bytes_gzip") is not None:
        lines.append(
            f"| eerste zoekvraag ≤ 300 KB | {_kb(kb['query_bytes'])} onverpakt, "
            f"{_kb(kb['query_bytes_gzip'])} met gzip | "
            f"{'ja' if kb['query_bytes_gzip'] <= 300 * 1024 else 'nee'} (gzip) |"
        )
    lines.append(
        f"| incrementele bouw na verplaatsen gelijk aan verse bouw | "
        f"{'ja' if all(r['kb'].get('move_equals_fresh') for r in all_results.values()) else 'nee'}"
        " | |"
    )
    return "\n".join(lines) + "\n"


def fit(points: list[tuple[int, float]]) -> tuple[float, float]:
    """Least-squares line t = a + b·N through the measured sizes."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    var = sum((x - mean_x) ** 2 for x, _ in points) or 1.0
    b = sum((x - mean_x) * (y - mean_y) for x, y in points) / var
    return mean_y - b * mean_x, b


def extrapolation(all_results: dict[int, dict]) -> str:
    sizes = sorted(all_results)
    lines = ["## Op papier: 10.000 en 100.000 pagina's", ""]
    if len(sizes) < 2:
        return "\n".join(lines + ["Te weinig meetpunten om door te trekken.", ""])
    rows = [
        "| systeem | seconden per pagina | 10.000 pagina's | 100.000 pagina's |",
        "| --- | ---: | ---: | ---: |",
    ]
    for flavour in FLAVOURS:
        a, b = fit([(n, all_results[n][flavour]["full"]) for n in sizes])
        rows.append(
            f"| {NAMES[flavour]} | {b:.3f} | {(a + b * 10_000) / 60:.0f} min "
            f"| {(a + b * 100_000) / 3600:.1f} uur |"
        )
    first, last = sizes[0], sizes[-1]
    growth = all_results[last]["kb"]["full"] / all_results[first]["kb"]["full"]
    lines += [
        f"Een rechte lijn door de gemeten volledige bouwtijden (N = {', '.join(map(str, sizes))})"
        f" geeft, zonder parallel bouwen:",
        "",
        *rows,
        "",
        f"Van N = {first} naar N = {last} groeide de bouwtijd van de kennisbank "
        f"{growth:.1f} keer bij {last / first:.0f} keer zoveel pagina's.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 1000])
    parser.add_argument(
        "--repeat",
        type=int,
        nargs="+",
        default=[3],
        help="runs per median; one number, or one per size",
    )
    parser.add_argument("--work", type=Path, default=REPO / "_build" / "bench")
    parser.add_argument("--out", type=Path, default=HERE / "prestaties.md")
    parser.add_argument("--no-search", action="store_true", help="skip the search measurements")
    parser.add_argument(
        "--from-results",
        type=Path,
        help="rewrite the report from an earlier run's results.json, building nothing",
    )
    parser.add_argument(
        "--append",
        type=Path,
        default=HERE / "op-papier.md",
        help="Markdown added after the table (the extrapolation beyond one machine)",
    )
    args = parser.parse_args(argv)
    if args.from_results:
        results = {int(n): r for n, r in json.loads(args.from_results.read_text()).items()}
        args.sizes = sorted(results)
    repeats = args.repeat * len(args.sizes) if len(args.repeat) == 1 else args.repeat
    if len(repeats) != len(args.sizes):
        parser.error("--repeat takes one number or one per size")
    if not args.from_results:
        results = {
            n: measure(n, r, args.work, not args.no_search)
            for n, r in zip(args.sizes, repeats, strict=True)
        }
    text = report(results, repeats) + "\n" + extrapolation(results)
    if args.append and args.append.exists():
        text += "\n" + args.append.read_text("utf-8")
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    if not args.from_results:
        args.work.mkdir(parents=True, exist_ok=True)
        (args.work / "results.json").write_text(json.dumps(results, indent=2))
    shutil.rmtree(args.work / "tmp", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
