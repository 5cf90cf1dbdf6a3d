"""Benchmark the knowledge base against the same information by hand.

    make bench                      # = python benchmarks/run.py
    python benchmarks/run.py --sizes 100 500 1000 --repeat 3
    python benchmarks/run.py --sizes 100 1000 10000 --jobs 2 --repeat 1 --theme rtd \
        --section 100 --no-move --serve-sizes --out benchmarks/prestaties-10000.md
    python benchmarks/run.py --sizes 500 1000 --repeat 1 --theme rtd [--section 100]

For each size N it writes the four corpora (corpus.py: kb, by hand, text only,
sphinx-needs), then per flavour measures, as medians of --repeat runs, each
build in its own process (wall and CPU seconds): a full build (-E), a full
build with -j 2, an incremental build after editing the text of one
recommendation and one after moving a recommendation to another source;
peak RSS of the full build; the search index and the bytes a first query
downloads. It checks that the incremental build after the move equals a fresh
build. With --jobs 2 every build runs with -j 2 (the path for 10,000 pages);
a flavour that takes longer than --timeout seconds for one build is reported
as not finished. serve_loop.py measures the volunteer's loop under make serve.
The report (bench_report.py), in Dutch, goes to benchmarks/prestaties.md;
the raw results, with when, how and on what machine, to WORK/results.json.
``--from-results FILE`` rewrites a report from such a file without building
(the committed benchmarks/results-*.json are the reports' own).
"""

from __future__ import annotations

import argparse
import gzip
import json
import shlex
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402
from bench_browser import CHROMIUM, for_search, launch, served  # noqa: E402
from bench_report import FLAVOURS, NAMES, machine, report  # noqa: E402
from corpus_hand import move_hand  # noqa: E402

REPO = HERE.parent


class TooSlow(Exception):
    """One build took longer than the run's --timeout."""


def build(src: Path, out: Path, *args: str, timeout: float | None = None) -> dict:
    """One build in its own process; its JSON line (seconds, CPU, peak RSS)."""
    try:
        result = subprocess.run(
            [sys.executable, str(HERE / "build_once.py"), str(src), str(out), *args],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as exc:
        raise TooSlow(str(src)) from exc
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise SystemExit(f"build failed: {src} {args}\n{result.stderr[-2000:]}")
    return json.loads(lines[-1])


#: flavour -> (the first recommendation of page 1, the last line before its text)
TEXTS = {
    "kb": ("```{recommendation} aanbeveling-00001-0", ":kind: "),
    "hand": ("(aanbeveling-00001-0)=", ":Thema: "),
    "needs": (":id: AANBEVELING_00001_0", ":addressee: "),
    "plain": ("### Aanbeveling 1.0", "### Aanbeveling 1.0"),
}
EDIT = "Bijgewerkt. "


def text_edit(flavour: str, src: Path) -> None:
    """Add a word to the text of the first recommendation of page 1, or take it out."""
    marker, before = TEXTS[flavour]
    page = src / "p" / "p00001.md"
    text = page.read_text("utf-8")
    at = text.index("\n\n", text.index(before, text.index(marker))) + 2
    if text.startswith(EDIT, at):
        text = text[:at] + text[at + len(EDIT) :]
    else:
        text = text[:at] + EDIT + text[at:]
    page.write_text(text, "utf-8")


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


def relation_move(flavour: str, src: Path, n: int) -> None:
    """Move a recommendation to another source, or back again."""
    if flavour == "hand":  # by hand: every page that shows the relation
        move_hand(src, n)
        return
    if flavour not in MOVES:  # text only has no relations: the same page edit
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
    if not Path(CHROMIUM).exists():
        return {"query_bytes": None, "query_bytes_gzip": None}
    from playwright.sync_api import sync_playwright

    bodies: list[bytes] = []
    with served(site) as base, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.on("response", lambda r: bodies.append(r.body()) if for_search(r.url) else None)
        page.goto(f"{base}/search.html?q=armoede")
        page.wait_for_selector(".pagefind-ui__result-link", timeout=30000)
        page.wait_for_load_state("networkidle")
        browser.close()
    return {
        "query_bytes": sum(map(len, bodies)),
        "query_bytes_gzip": sum(len(gzip.compress(b)) for b in bodies),
    }


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


#: Variants of a flavour: the same corpus built with other options.
#: "kb-sphinx": the knowledge base with Sphinx's own search, as by hand
#: (Pagefind off), so that the structure's cost is compared like for like.
VARIANTS = {"kb-sphinx": ("kb", ["-D", "kb_pagefind=0"])}


def measure_flavour(flavour: str, src: Path, n: int, repeat: int, opts) -> dict:
    """All builds of one flavour at one size; the medians."""
    base, options = VARIANTS.get(flavour, (flavour, []))
    out = src / "_build" / ("html" if base == flavour else f"html-{flavour}")
    parallel = ["-j", str(opts.jobs)] if opts.jobs > 1 else []
    jobs = parallel + options
    timed = {"timeout": opts.timeout}
    runs: dict[str, list[dict]] = {"full": [], "j2": [], "text": [], "move": []}
    for _ in range(repeat):
        runs["full"].append(build(src, out, "-E", *jobs, **timed))
    if not parallel:
        j2 = src / "_build" / f"{out.name}-j2"
        for _ in range(repeat):
            runs["j2"].append(build(src, j2, "-E", "-j", "2", *options, **timed))
    for _ in range(repeat):
        text_edit(base, src)
        runs["text"].append(build(src, out, *jobs, **timed))
    for _ in range(repeat if opts.move else 0):
        relation_move(base, src, n)
        runs["move"].append(build(src, out, *jobs, **timed))
    row: dict = {"rss_mib": _median(runs["full"], "rss_kib") / 1024}
    for key, done in runs.items():
        if done:
            row[key] = _median(done, "seconds")
            row[key + "_cpu"] = _median(done, "cpu_seconds")
    if flavour == "kb":
        row["kbjson"] = statistics.median(r["kbjson_seconds"] or 0 for r in runs["full"])
    if flavour == "kb" and opts.move:
        fresh = src / "_build" / "fresh"
        build(src, fresh, "-E", *jobs, **timed)
        row["move_equals_fresh"] = same_html(out, fresh)
    # one content page's HTML: with a global navigation it grows with the site
    row["page_bytes"] = (out / "p" / "p00001.html").stat().st_size
    if opts.search:
        row.update(search_metrics(flavour, out))
    return row


def measure(n: int, repeat: int, opts) -> dict:
    """Every flavour at size N."""
    paths = corpus.write_all(n, opts.work / str(n), opts.theme, opts.section)
    results: dict[str, dict] = {}
    for flavour in opts.flavours:
        try:
            src = paths[VARIANTS.get(flavour, (flavour, []))[0]]
            row = measure_flavour(flavour, src, n, repeat, opts)
        except TooSlow:
            row = {"skipped": f"niet binnen {opts.timeout / 60:.0f} min"}
        results[flavour] = row
        print(f"N={n} {NAMES[flavour]}: {json.dumps(row)}", flush=True)
    return results


#: What a results.json may say of how it was measured (--from-results).
KEPT_OPTIONS = ("repeat", "jobs", "theme", "section")


def _saved(args: argparse.Namespace, parser: argparse.ArgumentParser) -> tuple:
    """Results, make serve loop and about lines of an earlier run's results.json;
    how it was measured, if kept, wins over the command line."""
    try:
        saved = json.loads(args.from_results.read_text("utf-8"))
        results = {int(n): r for n, r in saved["sizes"].items()}
        serve = {int(n): r for n, r in saved.get("serve", {}).items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        parser.error(f"{args.from_results}: not the results.json of a run ({error!r})")
    args.sizes = sorted(results)
    for key in KEPT_OPTIONS:
        if key in saved.get("options", {}):
            setattr(args, key, saved["options"][key])
    about = saved.get("about") or [
        "- Wanneer, hoe en op welke machine er gemeten is, is niet bewaard"
        f" ({args.from_results.name}); herschreven op een machine met:",
        *("  " + line for line in machine()[:-1]),
    ]
    return results, serve, about


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
    parser.add_argument("--jobs", "-j", type=int, default=1, help="every build with -j N")
    parser.add_argument(
        "--timeout", type=float, default=3600, help="seconds one build may take (default: an hour)"
    )
    parser.add_argument(
        "--serve-sizes",
        type=int,
        nargs="*",
        default=[30, 1000],
        help="sizes of the make serve loop (serve_loop.py); none to skip it",
    )
    parser.add_argument(
        "--theme",
        choices=("basic", "rtd"),
        default="basic",
        help="rtd: the Read the Docs theme with collapsed navigation (corpus.RTD_CONF)",
    )
    parser.add_argument(
        "--section",
        type=int,
        default=0,
        help="group the pages in sections of this many pages (keeps the navigation small)",
    )
    parser.add_argument("--work", type=Path, default=REPO / "_build" / "bench")
    parser.add_argument("--out", type=Path, default=HERE / "prestaties.md")
    parser.add_argument("--no-search", action="store_true", help="skip the search measurements")
    parser.add_argument(
        "--flavours",
        nargs="+",
        choices=FLAVOURS,
        default=list(FLAVOURS),
        help="measure only these (a run at 10,000 pages takes hours for all)",
    )
    parser.add_argument(
        "--no-move",
        action="store_true",
        help="skip the relation move and its fresh-build comparison (for 10,000 pages)",
    )
    parser.add_argument(
        "--from-results",
        type=Path,
        help="rewrite the report from an earlier run's results.json, building nothing",
    )
    parser.add_argument(
        "--append",
        type=Path,
        default=HERE / "op-papier.md",
        help="Markdown added after the tables (the plan beyond one machine)",
    )
    args = parser.parse_args(argv)
    args.search = not args.no_search
    args.move = not args.no_move
    serve: dict[int, dict] = {}
    if args.from_results:
        results, serve, about = _saved(args, parser)
    else:
        given = sys.argv[1:] if argv is None else argv
        about = machine(shlex.join(["python", "benchmarks/run.py", *given]))
    repeats = args.repeat * len(args.sizes) if len(args.repeat) == 1 else args.repeat
    if len(repeats) != len(args.sizes):
        parser.error("--repeat takes one number or one per size")
    # the tables go by size: keep each size's number of runs with it
    pairs = sorted(zip(args.sizes, repeats, strict=True))
    args.sizes, repeats = [n for n, _ in pairs], [r for _, r in pairs]
    if not args.from_results:
        results = {n: measure(n, r, args) for n, r in zip(args.sizes, repeats, strict=True)}
        if args.serve_sizes:
            from serve_loop import measure_loop

            for size in args.serve_sizes:
                # with Pagefind on every save only where that stays in minutes
                chosen = ("kb", "hand", "plain") + (("kb-pagefind",) if size <= 100 else ())
                work = args.work / "serve" / str(size)
                serve[size] = measure_loop(size, work, max(repeats), chosen)
                print(f"serve N={size}: {json.dumps(serve[size])}", flush=True)
    text = report(results, repeats, serve, args.jobs, args.theme, args.section, about)
    if args.append and args.append.exists():
        text += "\n" + args.append.read_text("utf-8")
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    if not args.from_results:
        args.work.mkdir(parents=True, exist_ok=True)
        options = {
            "repeat": repeats,
            "jobs": args.jobs,
            "theme": args.theme,
            "section": args.section,
        }
        data = {"sizes": results, "serve": serve, "about": about, "options": options}
        (args.work / "results.json").write_text(json.dumps(data, indent=2))
    shutil.rmtree(args.work / "tmp", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
