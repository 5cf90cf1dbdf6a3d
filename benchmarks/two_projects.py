"""Two editions as two Sphinx projects, built in parallel, joined by intersphinx.

    python benchmarks/two_projects.py [N] [--work DIR]     (make two-projects)

Where one machine ends (op-papier.md): each edition is its own project with
its own environment; they refer to each other through ``objects.inv``, and
one search page searches both (Pagefind's ``mergeIndex``). This script shows
that layout working on two synthetic editions of N pages each (corpus.py):

1. writes edition 2012 and edition 2013 (the latter's ids prefixed), each
   with a page that cites objects of the other edition by plain role
   (``{speaker}`...```), resolved through intersphinx;
2. builds both in parallel, twice: the first pass writes each project's
   ``objects.inv``, the second (fresh) resolves against the other's. A
   deployed site skips the first pass: it points at the published inventory;
3. checks that every cross-edition link resolves to the other edition's page
   and anchor, and that a search through the 2013 bundle merged with the 2012
   bundle finds objects of both (a real browser, Pagefind's JavaScript API).

Prints one JSON line with the seconds of each pass and the checks.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bs4 import BeautifulSoup

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402
from bench_browser import launch, served  # noqa: E402

EDITIONS = ("2012", "2013")
PREFIXES = ("spreker-", "dag-", "werkgroep-", "lezing-", "aanbeveling-")
INTERSPHINX = """
extensions.append("sphinx.ext.intersphinx")
intersphinx_mapping = {{"{other}": ("../{other}", {inventory!r})}}
intersphinx_disabled_reftypes = []
"""


def write_edition(edition: str, n: int, work: Path) -> Path:
    """One edition's project: the kb corpus, its ids unique to the edition,
    and a page citing the other edition's first speaker and recommendation."""
    src = work / "src" / edition
    shutil.rmtree(src, ignore_errors=True)
    tmp = work / "tmp" / edition
    shutil.rmtree(tmp, ignore_errors=True)
    path = corpus.write_all(n, tmp)["kb"]
    shutil.copytree(path, src)
    shutil.rmtree(tmp)
    other = EDITIONS[1 - EDITIONS.index(edition)]
    for page in src.rglob("*.md"):
        text = page.read_text("utf-8")
        for prefix in PREFIXES:
            text = text.replace(prefix, f"e{edition}-{prefix}")
        page.write_text(text, "utf-8")
    inventory = (work / "site" / other / "objects.inv").as_posix()
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(INTERSPHINX.format(other=other, inventory=inventory))
    (src / "andere-editie.md").write_text(
        f"# De andere editie\n\nOp de Alliantiedagen {other} sprak "
        f"{{speaker}}`e{other}-spreker-00000`; zie ook "
        f"{{recommendation}}`e{other}-aanbeveling-00000-0`.\n",
        "utf-8",
    )
    index = src / "index.md"
    index.write_text(
        index.read_text("utf-8").replace("organisaties\n", "organisaties\nandere-editie\n")
    )
    return src


def build_both(sources: dict[str, Path], work: Path, fresh: bool) -> tuple[float, dict]:
    """Build both projects at once, each in its own process; wall seconds."""
    start = time.perf_counter()
    running = {
        edition: subprocess.Popen(
            [
                sys.executable,
                "-m",
                "sphinx",
                "-q",
                "-b",
                "html",
                *(["-E"] if fresh else []),
                str(src),
                str(work / "site" / edition),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for edition, src in sources.items()
    }
    results = {edition: proc.communicate() for edition, proc in running.items()}
    for edition, proc in running.items():
        if proc.returncode != 0:
            raise SystemExit(f"{edition}: build failed\n{results[edition][1][-2000:]}")
    warnings = {edition: err for edition, (_out, err) in results.items()}
    return time.perf_counter() - start, warnings


def cross_links(site: Path) -> dict[str, str]:
    """edition -> the link targets of its page about the other edition."""
    found = {}
    for edition in EDITIONS:
        page = site / edition / "andere-editie.html"
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for a in soup.select("div[role=main] a.reference.external, div.body a.reference.external"):
            found[f"{edition}: {a.get_text()}"] = a["href"]
    return found


def links_resolve(site: Path, links: dict[str, str]) -> bool:
    """Every cross-edition link points at an existing page and anchor of the other edition."""
    if len(links) != 2 * len(EDITIONS):
        return False
    for key, href in links.items():
        edition = key.split(":")[0]
        other = EDITIONS[1 - EDITIONS.index(edition)]
        path, _, anchor = href.partition("#")
        target = (site / edition / path).resolve()
        if not path.startswith(f"../{other}/") or not target.exists():
            return False
        if f'id="{anchor}"' not in target.read_text("utf-8"):
            return False
    return True


MERGED_SEARCH = """async ([bundle, merged, word, seconds]) => {
  const work = (async () => {
    const pagefind = await import(bundle + "pagefind.js");
    await pagefind.options({ bundlePath: bundle });
    await pagefind.mergeIndex(merged);
    const search = await pagefind.search(word);
    const data = await Promise.all(search.results.slice(0, 200).map((r) => r.data()));
    return data.map((d) => d.url);
  })();
  const late = new Promise((_, reject) =>
    setTimeout(() => reject(new Error("no answer in " + seconds + " s")), seconds * 1000));
  return Promise.race([work, late]);
}"""
#: Seconds one merged search may take; a page's evaluate has no time limit of
#: its own (a search that never answered once held a CI run for minutes).
SEARCH_SECONDS = 60


def merged_search(site: Path, word: str) -> list[str]:
    """URLs of a search on the 2013 bundle merged with the 2012 bundle."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    with served(site) as base, sync_playwright() as p:
        browser = launch(p)
        bundles = [f"{base}/2013/pagefind/", f"{base}/2012/pagefind/"]
        for attempt in (1, 2):  # once more in a new tab if it did not answer
            page = browser.new_page()
            page.goto(f"{base}/2013/index.html")
            try:
                urls = page.evaluate(MERGED_SEARCH, [*bundles, word, SEARCH_SECONDS])
                break
            except PlaywrightError:
                if attempt == 2:
                    raise
            finally:
                page.close()
        browser.close()
    return urls


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=100, help="pages per edition")
    parser.add_argument("--work", type=Path, default=HERE.parent / "_build" / "two-projects")
    args = parser.parse_args(argv)
    shutil.rmtree(args.work / "site", ignore_errors=True)
    sources = {edition: write_edition(edition, args.n, args.work) for edition in EDITIONS}
    first, _ = build_both(sources, args.work, fresh=True)
    second, warnings = build_both(sources, args.work, fresh=True)
    links = cross_links(args.work / "site")
    urls = merged_search(args.work / "site", "aanbeveling")
    both = {edition: any(f"/{edition}/" in url for url in urls) for edition in EDITIONS}
    result = {
        "pages_per_edition": args.n,
        "first_pass_seconds": round(first, 2),
        "second_pass_seconds": round(second, 2),
        "links": links,
        "links_resolve": links_resolve(args.work / "site", links),
        "search_finds_both": all(both.values()),
        "search_results": len(urls),
        "warnings": {e: w.strip().splitlines() for e, w in warnings.items()},
    }
    print(json.dumps(result))
    return 0 if result["links_resolve"] and result["search_finds_both"] else 1


if __name__ == "__main__":
    sys.exit(main())
