"""Smoke test of the benchmark at a tiny size (no timing assertions: see docs)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_benchmark_runs_and_reports(tmp_path):
    out = tmp_path / "prestaties.md"
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "run.py"),
            "--sizes",
            "4",
            "--repeat",
            "1",
            "--serve-sizes",
            "--work",
            str(tmp_path / "work"),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = out.read_text("utf-8")
    for system in (
        "alliantie-kb",
        "alliantie-kb, Sphinx-zoeken",
        "met de hand",
        "alleen tekst",
        "sphinx-needs",
    ):
        assert f"| 4 | {system} |" in report
    # every table's header, rule and rows have the same number of cells
    for block in report.split("\n\n"):
        table = [line for line in block.splitlines() if line.startswith("|")]
        assert len({line.count("|") for line in table}) <= 1, table
    assert "## Budgetten bij N = 4, tegen *met de hand*" in report
    for budget in (
        "volledige bouw ≤ 1,0 × met de hand (CPU)",
        "piekgeheugen ≤ 1,1 × met de hand",
        "na tekstwijziging ≤ 1,3 × met de hand",
        "na verplaatsen van een relatie ≤ 2 × met de hand",
    ):
        for how in ("Sphinx-zoeken", "met Pagefind"):
            assert f"| {budget}, {how} |" in report
    for budget in (
        "eerste zoekvraag ≤ 200 kB met gzip (kB: 1.000 bytes)",
        "eerste zoekvraag ≤ 350 kB onverpakt (kB: 1.000 bytes)",
    ):
        assert f"| {budget} |" in report
    assert "incrementele bouw na verplaatsen gelijk aan verse bouw | ja" in report
    data = json.loads((tmp_path / "work" / "results.json").read_text())["sizes"]
    kb, hand = data["4"]["kb"], data["4"]["hand"]
    assert data["4"]["kb-sphinx"]["text"] > 0 and data["4"]["kb-sphinx"]["index_bytes"] > 0
    assert kb["move_equals_fresh"] is True and kb["full"] > 0 and kb["rss_mib"] > 0
    assert kb["full_cpu"] > 0 and hand["full_cpu"] > 0 and hand["move"] > 0
    assert data["4"]["plain"]["index_bytes"] > 0
    # numbers the Dutch way (7,1 / 7,6 s; 0,95 ×), the run's command on the page
    assert re.search(r"\| \d+,\d\d × \|", report) and not re.search(r"\d\.\d+ ×", report)
    assert re.search(r"\| \d+,\d / \d+,\d \|", report)
    assert not re.search(r"\| \d+\.\d / \d+\.\d \|", report)
    assert "met `python benchmarks/run.py --sizes 4 --repeat 1 --serve-sizes" in report
    assert kb["query_bytes"] > 0 and kb["query_bytes_gzip"] > 0


def test_numbers_are_written_the_dutch_way(monkeypatch):
    monkeypatch.syspath_prepend(str(REPO / "benchmarks"))
    from bench_report import num

    assert num(1234.5, 1) == "1.234,5" and num(-1234.5, 1) == "-1.234,5"
    assert num(0.954, 2) == "0,95" and num(12131) == "12.131" and num(5112.9) == "5.113"


def test_first_query_counts_the_extension_search_scripts(monkeypatch):
    """What a first query downloads: Pagefind's files and the extension's own
    search scripts, not the landing script every page has anyway."""
    monkeypatch.syspath_prepend(str(REPO / "benchmarks"))
    from bench_browser import for_search

    base = "http://127.0.0.1:8000"
    counted = [
        "/pagefind/pagefind-ui.js",
        "/pagefind/fragment/nl_1.pf_fragment",
        "/_static/kb-search-correct.js?v=8cdfa044",
        "/_static/kb-search-filters/pagefind.js",
        "/_static/kb-search-names-e6f4362b.js?v=1",
    ]
    left = [
        "/_static/kb-search-landing.js?v=1",
        "/_static/doctools.js",
        "/search.html?q=/pagefind/",
        "/_static/kb-searchable.css",
        "/p/kb-search-notes.html",
    ]
    assert all(for_search(base + path) for path in counted)
    assert not any(for_search(base + path) for path in left)


def test_a_rewritten_report_keeps_when_and_how_it_was_measured(tmp_path):
    """--from-results writes the date and command of the measurement, not of
    the rewrite; without them it says they were not kept."""
    row = {"full": 1.0, "full_cpu": 1.0, "rss_mib": 100.0, "page_bytes": 1, "index_bytes": 1}
    options = {"repeat": [2], "jobs": 2, "theme": "rtd", "section": 100}
    results = {"sizes": {"4": {"kb": row, "hand": row}}, "serve": {}, "options": options}
    about = ["- Gemeten op 2000-01-02 met `python benchmarks/run.py --sizes 4`"]
    for kept in (about, None):
        saved = tmp_path / "results.json"
        saved.write_text(json.dumps({**results, **({"about": kept} if kept else {})}))
        out = tmp_path / "prestaties.md"
        command = [sys.executable, str(REPO / "benchmarks" / "run.py"), "--from-results"]
        command += [str(saved), "--repeat", "1", "--out", str(out), "--append", "/dev/null"]
        command += ["--work", str(tmp_path / "work")]
        result = subprocess.run(command, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr[-3000:]
        report = out.read_text("utf-8")
        # how it was measured comes from the file, not from the command line
        assert "mediaan van 2 metingen" in report and "Alle bouwen met -j 2." in report
        assert "pagina's in delen van 100" in report
        if kept:
            assert about[0] in report and "Gemeten op 20" not in report.replace(about[0], "")
        else:
            assert "Wanneer, hoe en op welke machine er gemeten is, is niet bewaard" in report
            assert "Gemeten op" not in report
    # a file that is not a run's results: one clear line, no traceback
    saved.write_text(json.dumps({"serve": {}}))
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 2 and "not the results.json of a run" in result.stderr
    assert "Traceback" not in result.stderr


def test_memory_per_phase_of_one_build(tmp_path, monkeypatch):
    """memory_phases.py: the peak of each phase and the nodes Sphinx keeps
    between reading and writing; with -j none are kept, and it says so."""
    monkeypatch.syspath_prepend(str(REPO / "benchmarks"))
    import corpus

    src = corpus.write_all(4, tmp_path)["kb"]
    tool = [sys.executable, str(REPO / "benchmarks" / "memory_phases.py"), str(src)]
    rows = []
    for extra in ([], ["-j", "2"]):
        result = subprocess.run(
            [*tool, str(tmp_path / f"out{len(extra)}"), "-D", "kb_pagefind=0", *extra],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        rows.append(json.loads(result.stdout.strip().splitlines()[-1]))
    serial, parallel = rows
    assert {"read", "after_read", "write", "finish"} <= set(serial["peak_mib"])
    assert "facts" not in serial["peak_mib"] and serial["maxrss_mib"] >= serial["peak_mib"]["read"]
    assert serial["nodes"] > 100 and serial["doctrees_in_memory"] >= 4
    assert serial["doctrees_pickled_mib"] > 0 and "kb" in serial["domaindata_pickled_mib"]
    assert parallel["nodes"] is None and parallel["nodes_why_none"]


def test_moving_a_relation_by_hand_rewrites_every_page_that_shows_it(tmp_path):
    """By hand, a moved recommendation changes its own page, the old and the
    new source's "Zie ook", the overview row and the register; moving it back
    restores every file."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    import corpus
    import run

    src = corpus.write_all(4, tmp_path)["hand"]
    before = {p: p.read_text("utf-8") for p in src.rglob("*.md")}
    run.relation_move("hand", src, 4)
    changed = {p.relative_to(src).as_posix() for p in before if p.read_text("utf-8") != before[p]}
    assert {"p/p00001.md", "p/p00002.md", "overzicht.md", "register.md"} <= changed
    assert ":Bron: {ref}`lezing-00002-0`" in (src / "p" / "p00001.md").read_text("utf-8")
    run.relation_move("hand", src, 4)
    assert all(p.read_text("utf-8") == text for p, text in before.items())


def _facts(page: Path) -> dict[str, set]:
    """What a reader sees on a page: object titles, link texts, table rows."""
    from bs4 import BeautifulSoup

    body = BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one("div.body")
    assert body is not None, page
    for mark in body.select("a.headerlink, .toctree-wrapper"):
        mark.decompose()
    words = lambda tag: " ".join(tag.get_text(" ").split())  # noqa: E731
    titles = {words(t) for t in body.select(".sig-name, h1, h2, h3, h4, h5, h6")}
    links = {words(a) for a in body.select("a.reference.internal")}
    rows = {tuple(words(cell) for cell in tr.find_all(["td", "th"])) for tr in body.find_all("tr")}
    return {"titles": titles, "links": links, "rows": rows}


def test_by_hand_flavour_shows_what_the_kb_shows(tmp_path):
    """The baseline is fair by construction: every object title, every
    relation's target and every listing row the extension puts on a page is
    on the same page of the by-hand corpus."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    import corpus

    paths = corpus.write_all(6, tmp_path)
    assert set(paths) == {"kb", "hand", "plain", "needs"}
    sites = {}
    for flavour in ("kb", "hand"):
        out = tmp_path / f"{flavour}-html"
        fast = ["-D", "kb_pagefind=0"] if flavour == "kb" else []  # search is not compared
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "sphinx",
                "-q",
                "-n",
                "-b",
                "html",
                *fast,
                str(paths[flavour]),
                str(out),
            ],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr[-2000:]
        sites[flavour] = out
    kb_pages = sorted(
        p.relative_to(sites["kb"])
        for p in sites["kb"].rglob("*.html")
        if p.name not in ("genindex.html", "search.html")
    )
    checked = 0
    for rel in kb_pages:
        # the extension's per-type index pages are one register page by hand
        twin = Path("register.html") if rel.name.startswith("kb-") else rel
        kb, hand = _facts(sites["kb"] / rel), _facts(sites["hand"] / twin)
        if twin == rel:
            assert kb["titles"] - {"Aanbevelingen"} <= hand["titles"], rel
            assert kb["rows"] <= hand["rows"], rel
        assert kb["links"] <= hand["links"], (rel, kb["links"] - hand["links"])
        checked += len(kb["titles"]) + len(kb["links"]) + len(kb["rows"])
    # the comparison saw the objects, their relations and the listings
    assert len(kb_pages) > 10 and checked > 200


def test_save_under_make_serve_shows_the_page_and_search_finds_it(tmp_path):
    """The volunteer's loop, driven through the real sphinx-autobuild with the
    Makefile's options: a saved edit reaches the built page, and then the
    search page finds the new word (its index is made after the build, in a
    process of its own, and the search page waits for it)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    import corpus
    import serve_loop

    recipe = (REPO / "Makefile").read_text("utf-8").split("\nserve:", 1)[1].split("\n\n")[0]
    for option in (*serve_loop.SERVE_OPTIONS, *serve_loop.KB_OPTIONS):
        assert option in recipe  # the benchmark serves the way make serve does
    src = corpus.write_all(4, tmp_path)["kb"]
    seconds = serve_loop.save_to_page(src, "kb", 2)
    assert len(seconds) == 2
    assert all(0 < written <= shown and 0 < found for written, shown, found in seconds)
    out = src / "_build" / "html"
    assert "bewaardb" in (out / "p" / "p00001.html").read_text("utf-8")
    from bs4 import BeautifulSoup

    search = BeautifulSoup((out / "search.html").read_text("utf-8"), "html.parser")
    wait = search.select_one("#kb-search-wait")
    assert wait is not None and wait["data-build"].isdigit()
    stamp = json.loads((out / "pagefind" / "kb-build.json").read_text("utf-8"))
    assert stamp == {"build": int(wait["data-build"])}
    assert not (out / "searchindex.js").exists()


def test_two_editions_as_two_projects_link_and_search_each_other(tmp_path):
    """benchmarks/two_projects.py: two projects built in parallel, joined by
    intersphinx; every cross-edition link lands on the other edition's object
    and a merged Pagefind search (real browser) finds objects of both."""
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "two_projects.py"),
            "2",
            "--work",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert data["links_resolve"] is True and data["search_finds_both"] is True
    assert data["warnings"] == {"2012": [], "2013": []}
    assert data["links"]["2013: Spreker 0"] == (
        "../2012/sprekers/spreker-00000.html#spreker-e2012-spreker-00000"
    )


def test_sections_keep_the_read_the_docs_navigation_small(tmp_path):
    """With --theme rtd --section K each page's global navigation lists the
    sections and its own section's pages, not every page; no page is lost."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    import corpus
    from bs4 import BeautifulSoup

    def nav(section: int) -> set[str]:
        src = corpus.write_all(8, tmp_path / str(section), "rtd", section)["plain"]
        out = src / "_build" / "html"
        result = subprocess.run(
            [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(out)],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
        page = BeautifulSoup((out / "p" / "p00001.html").read_text("utf-8"), "html.parser")
        return {a.get_text() for a in page.select(".wy-menu a")}

    flat, grouped = nav(0), nav(3)
    assert {f"Dag {i}" for i in range(0, 8, 2)} <= flat  # every page, on every page
    assert {"Dag 0", "Werkgroep 1", "Dag 2"} <= grouped  # its own section
    assert not {"Werkgroep 3", "Dag 4", "Dag 6"} & grouped  # not the others' pages
    assert len(grouped) < len(flat)


def test_without_moves_the_report_says_so(tmp_path):
    """--no-move (for 10,000 pages): no relation moves, and the report says
    the comparison with a fresh build was not made instead of 'nee'."""
    out = tmp_path / "prestaties.md"
    command = [sys.executable, str(REPO / "benchmarks" / "run.py"), "--sizes", "4"]
    command += ["--repeat", "1", "--serve-sizes", "--no-move", "--no-search"]
    command += ["--work", str(tmp_path / "work"), "--out", str(out), "--jobs", "2"]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    report = out.read_text("utf-8")
    assert "gelijk aan verse bouw | niet gemeten (--no-move) |" in report
    data = json.loads((tmp_path / "work" / "results.json").read_text())["sizes"]["4"]
    assert all("move" not in row and row["text"] > 0 for row in data.values()), data
    assert "Alle bouwen met -j 2." in report


def test_navigation_report_covers_every_variant_and_size(tmp_path):
    """benchmarks/navigation.py: a row per variant and size, an exponent per
    step; the folded navigation in sections lists fewer links per page."""
    out = tmp_path / "navigatie.md"
    command = [sys.executable, str(REPO / "benchmarks" / "navigation.py")]
    command += ["--sizes", "6", "12", "--square-limit", "6"]
    command += ["--work", str(tmp_path / "nav"), "--out", str(out)]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    report = out.read_text("utf-8")
    data = json.loads((tmp_path / "nav" / "results.json").read_text())
    assert set(data) == {"basic", "rtd", "rtd-folded", "rtd-sections"}
    for variant, rows in data.items():
        # the variants that list every page on every page stop at --square-limit
        sizes = {"6"} if variant in ("rtd", "rtd-folded") else {"6", "12"}
        assert set(rows) == sizes and all(r["page_bytes"] > 0 for r in rows.values())
    assert report.count("| 12 |") == 4 and report.count("| 12 | niet gemeten |") == 2
    assert "| 6 → 12 |" in report
    for block in report.split("\n\n"):
        table = [line for line in block.splitlines() if line.startswith("|")]
        assert len({line.count("|") for line in table}) <= 1, table
    # a page of the basic theme has no global navigation: the smallest
    assert data["basic"]["6"]["page_bytes"] < data["rtd"]["6"]["page_bytes"]
