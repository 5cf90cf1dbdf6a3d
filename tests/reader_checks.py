"""Checks on what a reader sees of a built knowledge base: its navigation,
search index and sitemap, the descriptions of its pages for search engines and
link previews, and the words and numbers of its pages.

Like ``tests/content_checks.py`` every check takes the HTML output folder of a
real build of ``docs/`` (``<site>/.doctrees`` next to it) and raises
``AssertionError`` with what is wrong; none counts pages or objects, so new
content keeps them green.
"""

from __future__ import annotations

import gzip
import json
import pickle
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

#: Pages for the project's developers (benchmarks, the security promise):
#: their titles, and words only they use.
DEVELOPER_TITLES = ("Prestaties", "Veiligheid van bijdragen")
DEVELOPER_WORDS = ("sphinx-needs", "SECURITY.md", "benchmark")
#: Words about how the site is made, not about the Alliance days.
MAINTENANCE_WORDS = re.compile(
    r"\b(objecte?n?|ingevuld|bij elke bouw|gegenereerd|genereert|build)\b", re.IGNORECASE
)
#: What a clean description never holds: citation marks ("[3]", "[ 3]"), the
#: permalink sign, markup, table cells joined by commas, spaces where a mark was.
UNCLEAN = re.compile(r"\[\s*\d|¶|[<>`{}]|,\s*,|\s[,.;:!?)]|\(\s|\s$|^\s")
#: A decimal point: Dutch writes "1,5" (three digits after a point group thousands).
DECIMAL_POINT = re.compile(r"(?<![\d.])\d+\.\d{1,2}(?![\d.])")


@cache
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


@cache
def _env(site: Path) -> Any:
    with open(site / ".doctrees" / "environment.pickle", "rb") as f:
        return pickle.load(f)


def _hidden(site: Path) -> set[str]:
    """Pages kept from readers' search and sitemap (``nosearch``), as output paths."""
    env = _env(site)
    return {f"{d}.html" for d in env.found_docs if "nosearch" in env.metadata.get(d, {})}


def reader_pages(site: Path) -> list[Path]:
    """Every HTML page a reader can land on: content pages, indices; not the
    search page or pages marked ``nosearch`` (the print edition's contents)."""
    skip = {"_static", "_sources", "_images", "pagefind", "_downloads", ".doctrees"}
    hidden = _hidden(site) | {"search.html"}
    return sorted(
        p
        for p in site.rglob("*.html")
        if not skip & set(p.relative_to(site).parts[:-1])
        and p.relative_to(site).as_posix() not in hidden
    )


def content_pages(site: Path) -> list[Path]:
    """The reader pages written from a source file (they have a description)."""
    env = _env(site)
    return [p for p in reader_pages(site) if p.relative_to(site).with_suffix("").as_posix()
            in env.found_docs]  # fmt: skip


def main_text(path: Path) -> str:
    """The text of a page's main part, on one line."""
    soup = _soup(path)
    main = soup.select_one("[itemprop=articleBody]") or soup.select_one("[role=main]")
    assert main is not None, f"{path.name}: no main part"
    return " ".join(main.get_text(" ").split())


def pagefind_records(site: Path) -> list[dict[str, Any]]:
    """Every record of the Pagefind index (its fragments: gzip, a signature, JSON)."""
    records = []
    for fragment in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        records.append(json.loads(data[data.index(b"{") :]))
    return records


def _is_developer(text: str) -> bool:
    return any(word.lower() in text.lower() for word in DEVELOPER_WORDS)


# -- checks ----------------------------------------------------------------------------------


def check_developer_pages_not_for_readers(site: Path) -> None:
    """No developer page in any page's navigation, in the search index or the sitemap."""
    problems = []
    for path in reader_pages(site):
        for a in _soup(path).select("nav a, .toctree-wrapper a, [role=navigation] a"):
            if a.get_text(" ", strip=True) in DEVELOPER_TITLES:
                problems.append((path.relative_to(site).as_posix(), "menu", a.get("href")))
    for record in pagefind_records(site):
        title = record.get("meta", {}).get("title", "")
        if title in DEVELOPER_TITLES or _is_developer(record.get("content", "")):
            problems.append(("pagefind", record["url"], title))
    locs = re.findall(r"<loc>([^<]*)</loc>", (site / "sitemap.xml").read_text("utf-8"))
    base = str(_env(site).config.html_baseurl).rstrip("/") + "/"
    for loc in locs:
        path = site / loc.removeprefix(base)
        title = _soup(path).title.get_text() if path.is_file() and path.suffix == ".html" else ""
        if any(title.startswith(t + " ") for t in DEVELOPER_TITLES):
            problems.append(("sitemap", loc, title))
    assert problems == [], problems[:20]


def check_descriptions_are_clean_text(site: Path) -> None:
    """Every content page has one meta description and the same og:description,
    in clean text: no citation marks, no ¶, no markup or joined table cells."""
    problems = []
    for path in content_pages(site):
        soup = _soup(path)
        name = path.relative_to(site).as_posix()
        plain = [m.get("content", "") for m in soup.find_all("meta", attrs={"name": "description"})]
        og = [m.get("content", "") for m in soup.find_all("meta", property="og:description")]
        if len(plain) != 1 or plain != og or not plain[0]:
            problems.append((name, plain, og))
            continue
        if UNCLEAN.search(plain[0]):
            problems.append((name, UNCLEAN.search(plain[0]).group(), plain[0]))
    assert problems == [], problems[:20]


def check_no_maintenance_words(site: Path) -> None:
    """A reader page speaks of days, people and recommendations, not of how the
    site is made ("object", "ingevuld", "bij elke bouw", "gegenereerd")."""
    problems = []
    for path in reader_pages(site):
        text = main_text(path)
        for found in MAINTENANCE_WORDS.finditer(text):
            context = text[max(found.start() - 50, 0) : found.end() + 30]
            problems.append((path.relative_to(site).as_posix(), context))
    assert problems == [], problems[:20]


def check_decimal_comma(site: Path) -> None:
    """Numbers with decimals on reader pages are written the Dutch way: "1,5"."""
    problems = []
    for path in reader_pages(site):
        text = main_text(path)
        for found in DECIMAL_POINT.finditer(text):
            context = text[max(found.start() - 40, 0) : found.end() + 20]
            problems.append((path.relative_to(site).as_posix(), found.group(), context))
    assert problems == [], problems[:20]


#: Every reader check.
CHECKS: list[Callable[[Path], None]] = [
    check_developer_pages_not_for_readers,
    check_descriptions_are_clean_text,
    check_no_maintenance_words,
    check_decimal_comma,
]
