"""The Dutch report of a benchmark run (benchmarks/prestaties.md).

Budgets are stated against the "by hand" flavour (corpus_hand.py): the same
information a volunteer would otherwise write out in plain Sphinx. Every
ratio compares medians measured in one run on one machine.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import platform
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent

FLAVOURS = ("kb", "kb-sphinx", "hand", "plain", "needs")
NAMES = {
    "kb": "alliantie-kb",
    "kb-sphinx": "alliantie-kb, Sphinx-zoeken",
    "hand": "met de hand",
    "plain": "alleen tekst",
    "needs": "sphinx-needs",
}
KIB = 1024


def num(value: float, digits: int = 0) -> str:
    """A number the Dutch way: 1.234,5 (a dot between thousands, a decimal comma)."""
    return f"{value:,.{digits}f}".translate(str.maketrans(",.", ".,"))


def _kb(value) -> str:
    return "–" if value is None else f"{num(value / KIB)} KB"


def _s(row: dict, key: str) -> str:
    """Wall / CPU seconds of one measurement, or why there is none."""
    if key not in row:
        return row.get("skipped", "–")
    cpu = row.get(key + "_cpu")
    return f"{num(row[key], 1)} / " + ("–" if cpu is None else num(cpu, 1))


def _commit() -> str:
    """The checked-out commit, with '+' when the tree has changes ('onbekend' without git)."""
    try:
        rev = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=HERE,
            capture_output=True,
            text=True,
        )
    except OSError:
        return "onbekend"
    if rev.returncode:
        return "onbekend"
    return rev.stdout.strip() + (" met wijzigingen" if dirty.stdout.strip() else "")


def machine(command: str = "") -> list[str]:
    """The machine, the versions, the date of the run and its command."""
    cpu, mem = platform.processor(), "0"
    if Path("/proc/cpuinfo").exists():
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    if Path("/proc/meminfo").exists():
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = line.split()[1]
    from importlib.metadata import PackageNotFoundError, version

    versions = []
    for dist in ("sphinx", "myst-parser", "sphinx-needs", "docutils", "pagefind"):
        try:
            versions.append(f"{dist} {version(dist)}")
        except PackageNotFoundError:
            versions.append(f"{dist} ontbreekt")
    return [
        f"- Machine: {cpu}, {os.cpu_count()} kernen, {int(mem) // 1024 // 1024} GiB geheugen, "
        f"{platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}; " + ", ".join(versions),
        f"- Gemeten op {dt.date.today().isoformat()}"
        + (f" met `{command}`, op de code van {_commit()}" if command else ""),
    ]


def ratio(results: dict, flavour: str, key: str) -> float | None:
    """flavour / by hand for one measurement, if both were measured."""
    mine, hand = results.get(flavour, {}), results.get("hand", {})
    if key not in mine or not hand.get(key):
        return None
    return mine[key] / hand[key]


def _x(value: float | None) -> str:
    return "–" if value is None else f"{num(value, 2)} ×"


def table(all_results: dict[int, dict], jobs: int) -> list[str]:
    """One row per size and flavour: the measurements themselves."""
    parallel = "" if jobs > 1 else " volledig -j 2 (s) |"
    lines = [
        "Tijden als *wandklok / CPU* in seconden (CPU: het bouwproces en alles wat het",
        "start, zoals Pagefind of de werkprocessen van -j); groottes in KB van 1.024 bytes."
        + (f" Alle bouwen met -j {jobs}." if jobs > 1 else ""),
        "",
        "| N | systeem | volledig (s) |" + parallel + " na tekstwijziging (s) "
        "| na verplaatsen (s) | piekgeheugen (MiB) | pagina p00001 | zoekindex "
        "| eerste zoekvraag (gzip) |",
        "| ---: | --- | ---: |" + (" ---: |" if jobs == 1 else "") + " ---: | ---: | ---: | ---: "
        "| ---: | ---: |",
    ]
    for n, results in sorted(all_results.items()):
        for flavour in FLAVOURS:
            r = results.get(flavour, {})
            query = (
                f"{_kb(r.get('query_bytes'))} ({_kb(r.get('query_bytes_gzip'))})"
                if "query_bytes" in r
                else "–"
            )
            j2 = "" if jobs > 1 else f" {_s(r, 'j2')} |"
            rss = num(r["rss_mib"]) if "rss_mib" in r else "–"
            lines.append(
                f"| {num(n)} | {NAMES[flavour]} | {_s(r, 'full')} |{j2} {_s(r, 'text')} "
                f"| {_s(r, 'move')} | {rss} | {_kb(r.get('page_bytes'))} "
                f"| {_kb(r.get('index_bytes'))} | {query} |"
            )
    lines += ["", "Verhouding tot *met de hand* (1,00 × is even duur):", ""]
    lines += [
        "| N | systeem | volledig, CPU | volledig, wandklok | piekgeheugen "
        "| na tekstwijziging | na verplaatsen |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n, results in sorted(all_results.items()):
        for flavour in ("kb", "kb-sphinx", "plain", "needs"):
            cells = [
                _x(ratio(results, flavour, key))
                for key in ("full_cpu", "full", "rss_mib", "text", "move")
            ]
            lines.append(f"| {num(n)} | {NAMES[flavour]} | " + " | ".join(cells) + " |")
    return lines


def budgets(all_results: dict[int, dict], serve: dict[int, dict]) -> list[str]:
    """The issue's budgets at the largest size, each met or missed."""
    largest = max(all_results)
    res = all_results[largest]
    kb = res.get("kb", {})
    checks: list[tuple[str, float | None, float]] = []
    # like for like first: the knowledge base with Sphinx's own search, as by
    # hand; then as make html builds it, with Pagefind indexing in the build
    for flavour, how in (("kb-sphinx", "Sphinx-zoeken"), ("kb", "met Pagefind")):
        checks += [
            (
                f"volledige bouw ≤ 1,0 × met de hand (CPU), {how}",
                ratio(res, flavour, "full_cpu"),
                1.0,
            ),
            (
                f"volledige bouw ≤ 1,0 × met de hand (wandklok), {how}",
                ratio(res, flavour, "full"),
                1.0,
            ),
            (f"piekgeheugen ≤ 1,1 × met de hand, {how}", ratio(res, flavour, "rss_mib"), 1.1),
            (f"na tekstwijziging ≤ 1,3 × met de hand, {how}", ratio(res, flavour, "text"), 1.3),
            (
                f"na verplaatsen van een relatie ≤ 2 × met de hand, {how}",
                ratio(res, flavour, "move"),
                2.0,
            ),
        ]
    needs = res.get("needs", {})
    for flavour, how in (("kb-sphinx", "Sphinx-zoeken"), ("kb", "met Pagefind")):
        mine = res.get(flavour, {})
        for key, label in (("full_cpu", "volledige bouw (CPU)"), ("rss_mib", "piekgeheugen")):
            if key in mine and key in needs:
                checks.append(
                    (
                        f"{label} ≤ 1,0 × sphinx-needs, {how}",
                        mine[key] / needs[key],
                        1.0,
                    )
                )
    for size, loop in sorted(serve.items()):
        if loop.get("kb") and loop.get("plain"):
            checks.append(
                (
                    "bewaren → pagina bijgewerkt (make serve) ≤ 1,5 × alleen tekst, "
                    f"N = {num(size)}",
                    loop["kb"] / loop["plain"],
                    1.5,
                )
            )
    lines = [
        f"## Budgetten bij N = {num(largest)}, tegen *met de hand*",
        "",
        "| budget | gemeten | gehaald |",
        "| --- | ---: | :---: |",
    ]
    for label, value, limit in checks:
        met = "–" if value is None else ("ja" if value <= limit else "nee")
        lines.append(f"| {label} | {_x(value)} | {met} |")
    if kb.get("query_bytes_gzip") is not None:
        raw, packed = kb["query_bytes"], kb["query_bytes_gzip"]
        # the budgets in kB of 1,000 bytes, the stricter reading
        lines += [
            f"| eerste zoekvraag ≤ 200 kB met gzip (kB: 1.000 bytes) | {num(packed)} bytes | "
            f"{'ja' if packed <= 200_000 else 'nee'} |",
            f"| eerste zoekvraag ≤ 350 kB onverpakt (kB: 1.000 bytes) | {num(raw)} bytes | "
            f"{'ja' if raw <= 350_000 else 'nee'} |",
        ]
    compared = [
        r["kb"]["move_equals_fresh"]
        for r in all_results.values()
        if "move_equals_fresh" in r.get("kb", {})
    ]
    same = ("ja" if all(compared) else "nee") if compared else "niet gemeten (--no-move)"
    lines.append(f"| incrementele bouw na verplaatsen gelijk aan verse bouw | {same} | |")
    return lines


def serve_table(serve: dict[int, dict]) -> list[str]:
    """The volunteer's loop: seconds from saving a file to the changed page."""
    if not serve:
        return []
    columns = {
        "kb": "alliantie-kb",
        "kb_search": "alliantie-kb: zoeken vindt het",
        "kb-pagefind": "alliantie-kb, Pagefind in de bouw",
        "hand": NAMES["hand"],
        "plain": NAMES["plain"],
    }
    lines = [
        "## Bewaren onder make serve",
        "",
        "Seconden van het bewaren van een bestand tot de browser de gewijzigde pagina",
        "toont (sphinx-autobuild met de opties van `make serve`: Pagefind indexeert na",
        "de bouw in een eigen proces). *Zoeken vindt het*: tot de zoekpagina, dan",
        "geopend, het nieuwe woord vindt (ze wacht op de index van haar bouw). *Pagefind",
        "in de bouw* indexeert bij elke bewaring in de bouw zelf, zoals `make html`.",
        "Mediaan van de metingen.",
        "",
        "| N | " + " | ".join(columns.values()) + " |",
        "| ---: |" + " ---: |" * len(columns),
    ]
    for size, loop in sorted(serve.items()):
        cells = [num(loop[key], 2) if loop.get(key) else "–" for key in columns]
        lines.append(f"| {num(size)} | " + " | ".join(cells) + " |")
    return lines + [""]


def growth(all_results: dict[int, dict]) -> list[str]:
    """The measured curve: the growth exponent k in t ∝ N^k between sizes."""
    sizes = sorted(all_results)
    lines = ["## Groei", ""]
    pairs = list(zip(sizes[:-1], sizes[1:], strict=True))
    if len(sizes) < 2:
        return lines + ["Eén meetpunt: geen groei te berekenen.", ""]
    lines += [
        "Exponent k in *t ∝ N^k* (volledige bouw, wandklok) tussen opeenvolgende metingen;",
        "1,0 is lineair.",
        "",
        "| systeem | " + " | ".join(f"{num(a)} → {num(b)}" for a, b in pairs) + " |",
        "| --- |" + " ---: |" * (len(sizes) - 1),
    ]
    for flavour in FLAVOURS:
        cells = []
        for a, b in pairs:
            ta = all_results[a].get(flavour, {}).get("full")
            tb = all_results[b].get(flavour, {}).get("full")
            cells.append(num(math.log(tb / ta) / math.log(b / a), 2) if ta and tb else "–")
        lines.append(f"| {NAMES[flavour]} | " + " | ".join(cells) + " |")
    return lines + [""]


#: The commands that produce each part of this page (shown on it).
COMMANDS = [
    "## Zo meet je het",
    "",
    "- 100, 500 en 1.000 pagina's, drie keer per meting (ongeveer een uur CPU): `make bench`",
    "- 100, 1.000 en 10.000 pagina's met `-j 2`, het Read the Docs-thema en delen van",
    "  100 pagina's: `make bench-10000`, naar `benchmarks/prestaties-10000.md`. Op",
    "  deze machine kost één variant bij 10.000 pagina's tot drie kwartier (alleen tekst",
    "  twintig minuten), alle vijf dus ruim drie uur; `BENCH_ARGS='--sizes 10000",
    "  --flavours kb plain'` kiest er enkele.",
    "- De groei van de navigatie van het Read the Docs-thema: `make bench-navigation`,",
    "  naar `benchmarks/navigatie.md`",
    "- Bewaren onder make serve: `.venv/bin/python benchmarks/serve_loop.py 1000 3 "
    "kb hand plain kb-pagefind`",
    "- Twee edities als twee projecten met intersphinx en één zoekpagina: `make two-projects`",
    "- Een rapport opnieuw uit de bewaarde resultaten, zonder te bouwen:",
    "  `python benchmarks/run.py --from-results benchmarks/results-main.json`; voor",
    "  10.000 pagina's `--from-results benchmarks/results-10000.json --out",
    "  benchmarks/prestaties-10000.md --append /dev/null`",
    "",
]


def report(
    all_results: dict[int, dict],
    repeats: list[int],
    serve: dict,
    jobs: int,
    theme: str = "basic",
    section: int = 0,
    about: list[str] | None = None,
) -> str:
    """The whole page, in Dutch; *about*: machine(), as it was when measured."""
    runs = "/".join(str(r) for r in repeats)
    layout = (
        "Thema: Read the Docs, navigatie ingeklapt tot diepte 2, alleen titels (corpus.RTD_CONF)"
        if theme == "rtd"
        else "Thema: Sphinx' kale thema 'basic' (geen globale navigatie)"
    )
    layout += (
        f"; pagina's in delen van {section}."
        if section
        else "; alle pagina's in één inhoudsopgave."
    )
    lines = [
        "# Prestaties",
        "",
        "% Geschreven door benchmarks/run.py (make bench); niet met de hand bewerken.",
        "",
        "Wat kost de kennisbank tegenover wat een vrijwilliger anders zou doen: *met de",
        "hand* is gewone Sphinx met dezelfde zichtbare informatie (velden als veldlijst,",
        "verwijzingen als links, dezelfde overzichtstabellen en 'Zie ook'-zinnen, alles",
        "uitgeschreven). *Alleen tekst* is de ondergrens (dezelfde tekst zonder die",
        "informatie), sphinx-needs het vergelijkbare alternatief. Elke pagina van het",
        "proefcorpus is een dag of werkgroep met twee lezingen en acht aanbevelingen,",
        "met verwijzingen naar een gedeelde groep van N/5 sprekerspagina's, plus",
        f"overzichtspagina's. Elke waarde is de mediaan van {runs} metingen (per N), elk",
        "in een eigen proces, in één run op één machine.",
        "",
        f"- {layout}",
        *(about or machine()),
        "- Piekgeheugen: het hoogste residente geheugen van één proces (het bouwproces,"
        " een werkproces van -j of Pagefind), niet opgeteld.",
        "",
        *table(all_results, jobs),
        "",
        *budgets(all_results, serve),
        "",
        *serve_table(serve),
        *growth(all_results),
        *COMMANDS,
    ]
    return "\n".join(lines) + "\n"
