"""Hostile sources must not crash the build or make it lie (issue 10, classes 5 and 7).

Two real Sphinx builds, each of one test root:

* ``test-hostile-build``: filter expressions far beyond the limits (made at
  test time: 100000 nested brackets, a 1 MB filter), ids and dates inside
  filters that cannot be right, a dangling reference shown by listings and
  diagrams of other pages, headings that collide with object anchors, and
  diagrams that draw objects of their own page;
* ``test-hostile-build-encoding``: pages saved as Latin-1, UTF-16 or with
  broken UTF-8 bytes (written at test time), in ``sphinx-build`` and in
  ``alliantie-kb controleer``.

Every page of the first root is one hostile case with exactly the warnings
listed for it: file, line, ``kb.<subtype>`` and the stable Dutch part.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import build, copy_root, parse_warnings, require

NOT_READABLE = "is niet te lezen: "
EMPTY_NOTE = "Er zijn geen aanbevelingen die aan deze selectie voldoen."

#: page -> [(line, subtype, stable Dutch part of the message)]
CASES: dict[str, list[tuple[int, str, str]]] = {
    # class 5: filters that used to end the build in a RecursionError
    "filter-diep-haakjes.md": [
        (3, "kb.listing", "het filter is 200013 tekens lang, ten hoogste 1000 mogen; verdeel het"),
    ],
    "filter-diep-niet.md": [
        (3, "kb.listing", "het filter is 500013 tekens lang, ten hoogste 1000 mogen"),
    ],
    "filter-1mb.md": [(3, "kb.listing", "tekens lang, ten hoogste 1000 mogen")],
    "filter-21-haakjes.md": [
        (3, "kb.listing", "nest meer dan 20 haakjes of 'niet's; schrijf het eenvoudiger"),
    ],
    "filter-21-niet.md": [(3, "kb.listing", "het filter nest meer dan 20 haakjes of 'niet's")],
    "filter-veel-delen.md": [
        (3, "kb.listing", "het filter heeft meer dan 200 delen; verdeel het over meerdere lijsten"),
    ],
    # class 7: ids and dates in a filter that name nothing
    "filter-omgekeerd.md": [
        (3, "kb.listing", "'2012-waarom-bos' voor 'talks'; bedoelde u '2012-waarom-boos'?"),
    ],
    "filter-id.md": [
        (3, "kb.listing", "geen object 'alex-brenninkmeyer' voor 'id'; bedoelde u"),
    ],
    "filter-geadresseerde.md": [
        (3, "kb.listing", "geen object 'nationale-ombudsmann' voor 'addressee'; bedoelde u"),
    ],
    "filter-30-februari.md": [
        (3, "kb.listing", "'2012-02-30' is geen bestaande datum; controleer de maand (01-12)"),
    ],
    "filter-maand-13.md": [(3, "kb.listing", "'2012-13-01' is geen bestaande datum")],
    "filter-jaar-arabisch.md": [
        (3, "kb.listing", "is geen jaartal; schrijf vier cijfers 0-9, zoals 2012"),
    ],
    "filter-datum-devanagari.md": [(3, "kb.listing", "is geen datum; schrijf JJJJ-MM-DD")],
    # class 7: another page's problem is reported there, once
    "herhaling.md": [(6, "kb.ref", "onbekende persoon 'alex-brenneinkmeijer'; bedoelde u")],
    "herhaling-lijst.md": [],
    # class 7: a heading whose id is an object's anchor
    "kop-voor.md": [
        (3, "kb.id", "de HTML-id 'spreker-kees-koppen' van deze kop is al het anker van een "
         "object op deze pagina, dus de kop krijgt 'spreker-kees-koppen-1'"),
    ],
    "kop-label.md": [(4, "kb.id", "de kop krijgt 'spreker-lies-label-1'; geef de kop")],
    "kop-na.md": [(7, "kb.id", "de kop krijgt 'spreker-piet-later-1'")],
    # the same object twice on a page: one kb.duplicate, no kb.id, unique ids
    "dubbel.md": [(7, "kb.duplicate", "dubbele id 'jan-dubbel'")],
    # class 7: a diagram of an object of the same page
    "diagram.md": [],
    "sub/diep.md": [],
}


def write_listing(path: Path, title: str, expression: str) -> None:
    path.write_text(
        f"# {title}\n\n```{{listing}} recommendation\n:filter: {expression}\n```\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict:
    """The hostile root, with its giant filters, built once."""
    require("dot")  # graphviz draws the diagrams
    src = copy_root("hostile-build", tmp_path_factory.mktemp("hostile") / "src")
    n = 100_000
    write_listing(src / "filter-diep-haakjes.md", "Diep", "(" * n + "kind = advies" + ")" * n)
    write_listing(src / "filter-diep-niet.md", "Niet", "niet " * n + "kind = advies")
    write_listing(src / "filter-1mb.md", "Een megabyte", "kind = advies of " * 62_000 + "x = y")
    assert (src / "filter-1mb.md").stat().st_size > 1_000_000
    started = time.monotonic()
    app = build(src)
    elapsed = time.monotonic() - started
    return {
        "app": app,
        "out": Path(app.outdir),
        "src": src,
        "elapsed": elapsed,
        "warnings": parse_warnings(app.warning.getvalue()),
        "raw": app.warning.getvalue(),
    }


def located(warnings: list[dict], src: Path) -> dict[str, list[tuple[int, str, str]]]:
    """Warnings per page (relative path), as ``(line, type, message)``."""
    found: dict[str, list[tuple[int, str, str]]] = {}
    for w in warnings:
        page = Path(w["path"]).resolve().relative_to(src.resolve()).as_posix()
        found.setdefault(page, []).append((int(w["line"]), w["type"], w["msg"]))
    return found


def test_build_finishes_quickly_without_traceback(hostile) -> None:
    assert hostile["app"].statuscode == 0
    assert "Traceback" not in hostile["raw"]
    assert "RecursionError" not in hostile["raw"]
    assert hostile["elapsed"] < 60, hostile["elapsed"]
    # every warning is located and belongs to a case
    lines = [line for line in hostile["raw"].splitlines() if "WARNING" in line]
    assert len(lines) == len(hostile["warnings"])
    pages = set(located(hostile["warnings"], hostile["src"]))
    assert pages <= set(CASES), pages - set(CASES)


@pytest.mark.parametrize("page", list(CASES))
def test_one_located_warning_per_problem(hostile, page: str) -> None:
    got = located(hostile["warnings"], hostile["src"]).get(page, [])
    expected = CASES[page]
    assert len(got) == len(expected), got
    pairs = zip(expected, sorted(got), strict=True)
    for (line, subtype, part), (got_line, got_type, got_msg) in pairs:
        assert (got_line, got_type) == (line, subtype), got
        assert part in got_msg, got_msg
        assert len(got_msg) < 400, "a warning must not echo the source"


@pytest.mark.parametrize(
    "page",
    ["filter-diep-haakjes", "filter-diep-niet", "filter-1mb", "filter-21-haakjes",
     "filter-21-niet", "filter-veel-delen"],
)
def test_filter_beyond_limits_shows_nothing(hostile, page: str) -> None:
    """An unreadable filter selects nothing, never everything: the empty note."""
    html = (hostile["out"] / f"{page}.html").read_text("utf-8")
    assert EMPTY_NOTE in html
    assert "kb-listing" not in html


def test_limits_are_lifted_for_trusted_sources(tmp_path) -> None:
    """The one opt-out: no size limits, yet a filter too deep to parse is still
    one located warning, not a RecursionError."""
    require("dot")  # graphviz draws the diagrams
    src = copy_root("hostile-build", tmp_path / "src")
    (src / "conf.py").write_text(
        (src / "conf.py").read_text("utf-8") + "kb_trusted_sources = True\n", "utf-8"
    )
    n = 100_000
    write_listing(src / "filter-diep-haakjes.md", "Diep", "(" * n + "kind = advies" + ")" * n)
    write_listing(src / "filter-lange-keten.md", "Keten", "kind = advies en " * n + "kind = advies")
    app = build(src)
    assert app.statuscode == 0
    assert "RecursionError" not in app.warning.getvalue()
    found = located(parse_warnings(app.warning.getvalue()), src)
    assert "filter-21-haakjes.md" not in found
    html = (Path(app.outdir) / "filter-21-haakjes.html").read_text("utf-8")
    assert "Benader burgers vanuit vertrouwen" in html
    assert [(line, t) for line, t, _m in found["filter-diep-haakjes.md"]] == [(3, "kb.listing")]
    assert "het filter nest te veel haakjes" in found["filter-diep-haakjes.md"][0][2]
    # a long flat chain is fine without limits: one tuple, evaluated iteratively
    assert "filter-lange-keten.md" not in found
    html = (Path(app.outdir) / "filter-lange-keten.html").read_text("utf-8")
    assert "Benader burgers vanuit vertrouwen" in html


@pytest.mark.parametrize("depth", [10, 5_000, 200_000])
def test_evaluate_and_conditions_have_no_recursion_limit(depth: int) -> None:
    """However a tree is made (a pickled doctree, a future parser), walking it
    uses an explicit stack."""
    from alliantie_kb import filters

    tree: tuple = ("cmp", "kind", "=", ("advies",))
    for i in range(depth):
        tree = ("not", tree) if i % 2 else ("and", tree, ("cmp", "kind", "!=", ("x",)))
    values = {"kind": ["advies"]}
    expected = (depth // 2) % 2 == 0  # an even number of nots keeps it True
    assert filters.evaluate(tree, lambda key: values.get(key, [])) is expected
    assert len(list(filters.conditions(tree))) == 1 + (depth + 1) // 2


# -- output: unique ids, diagram links that arrive --------------------------------


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        self.ids += [value for name, value in attrs if name == "id" and value]


def ids_of(path: Path) -> list[str]:
    parser = _Ids()
    parser.feed(path.read_text("utf-8"))
    return parser.ids


def test_every_page_has_unique_ids(hostile) -> None:
    pages = sorted(hostile["out"].rglob("*.html"))
    assert len(pages) > len(CASES)
    for page in pages:
        ids = ids_of(page)
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        assert not duplicates, (page.name, duplicates)


@pytest.mark.parametrize(
    ("page", "anchor", "heading"),
    [
        ("kop-voor", "spreker-kees-koppen", "spreker-kees-koppen-1"),
        ("kop-label", "spreker-lies-label", "spreker-lies-label-1"),
        ("kop-na", "spreker-piet-later", "spreker-piet-later-1"),
    ],
)
def test_object_keeps_its_anchor(hostile, page: str, anchor: str, heading: str) -> None:
    html = (hostile["out"] / f"{page}.html").read_text("utf-8")
    assert re.search(rf'<dt class="[^"]*" id="{anchor}"', html), "the object lost its anchor"
    assert re.search(rf'<section id="{heading}"', html), "the heading was not renamed"
    if page == "kop-label":  # the author's label still leads to the heading
        assert f'href="#{heading}"' in html


def diagram_links(out: Path, page: str) -> list[tuple[str, Path, str]]:
    """(href, file it resolves to, fragment) for every link of every diagram
    on ``page``, resolved as a browser does: against the SVG's own URL."""
    html_path = out / f"{page}.html"
    html = html_path.read_text("utf-8")
    links = []
    svgs = re.findall(r'<object data="([^"]+\.svg)"', html)
    assert svgs, "no diagram on the page"
    for data in svgs:
        svg_url = urljoin(html_path.as_uri(), data)
        svg_path = Path(unquote(urlsplit(svg_url).path))
        root = ET.parse(svg_path).getroot()  # noqa: S314 - our own output
        for a in root.iter("{http://www.w3.org/2000/svg}a"):
            href = a.get("{http://www.w3.org/1999/xlink}href")
            if href is None:
                continue
            target = urlsplit(urljoin(svg_url, href))
            links.append((href, Path(unquote(target.path)), target.fragment))
    return links


@pytest.mark.parametrize("page", ["diagram", "sub/diep", "herhaling-lijst"])
def test_diagram_boxes_reach_page_and_anchor(hostile, page: str) -> None:
    links = diagram_links(hostile["out"], page)
    assert links
    own = (hostile["out"] / f"{page}.html").resolve()
    for href, path, fragment in links:
        assert path.is_file(), (href, path)
        assert fragment and fragment in ids_of(path), (href, fragment)
    if page != "herhaling-lijst":
        # the page's own object and objects of other pages are both drawn
        assert any(path.resolve() == own for _h, path, _f in links), links
        assert any(path.resolve() != own for _h, path, _f in links), links


# -- pages in another encoding ------------------------------------------------------

ENCODED = {
    "latin1.md": ("# Latijn\n\nGabriëls sprak.\n".encode("latin-1"), 3),
    "utf16.md": ("# Zestien\n\nGabriëls sprak.\n".encode("utf-16"), 1),
    "kapot.md": (b"# Kapot\n\nGoed.\n\nNiet \xff\xfe goed.\n", 5),
}
NOT_UTF8 = "bestand is geen UTF-8; sla het op als UTF-8"


def encoding_root(dest: Path) -> Path:
    src = copy_root("hostile-build-encoding", dest)
    for name, (data, _line) in ENCODED.items():
        (src / name).write_bytes(data)
    return src


@pytest.fixture(scope="module")
def encoded(tmp_path_factory) -> dict:
    src = encoding_root(tmp_path_factory.mktemp("encoding") / "src")
    app = build(src)
    return {"app": app, "src": src, "out": Path(app.outdir), "raw": app.warning.getvalue()}


@pytest.mark.parametrize("page", list(ENCODED))
def test_page_in_other_encoding_is_one_located_warning(encoded, page: str) -> None:
    assert encoded["app"].statuscode == 0
    assert "Traceback" not in encoded["raw"]
    found = located(parse_warnings(encoded["raw"]), encoded["src"])
    assert found.get(page) == [(ENCODED[page][1], "kb.encoding", NOT_UTF8)], found
    # the page itself and the rest of the site are still there
    html = (encoded["out"] / page.replace(".md", ".html")).read_text("utf-8")
    assert "<h1>" in html
    assert "René Gabriëls" in (encoded["out"] / "goed.html").read_text("utf-8")


def test_only_encoding_warnings(encoded) -> None:
    found = located(parse_warnings(encoded["raw"]), encoded["src"])
    assert sorted(found) == sorted(ENCODED)
    lines = [line for line in encoded["raw"].splitlines() if "WARNING" in line]
    assert len(lines) == len(ENCODED)


def test_utf16_page_keeps_its_text(encoded) -> None:
    html = (encoded["out"] / "utf16.html").read_text("utf-8")
    assert "Zestien" in html
    assert "Gabriëls sprak." in html


def test_controleer_names_the_file(tmp_path) -> None:
    """The volunteers' command: one Dutch line per page, located, no traceback."""
    src = encoding_root(tmp_path / "src")
    script = Path(sys.executable).parent / "alliantie-kb"
    result = subprocess.run(
        [str(script), "--bron", "src", "--conf", "src", "--bouw", "bouw", "controleer"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    for name, (_data, line) in ENCODED.items():
        expected = f"{Path('src', name)}:{line}: bestand is geen UTF-8 (sla het op als UTF-8)"
        assert output.count(expected) == 1, output
    assert src.joinpath("latin1.md").read_bytes() == ENCODED["latin1.md"][0]
