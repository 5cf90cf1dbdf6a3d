"""What surrounds the reader's pages: menu, search and sitemap without developer
pages, clean descriptions for search engines and link previews, plain words,
numbers in the project's language (checks in ``tests/reader_checks.py``)."""

from __future__ import annotations

import re
import textwrap

import pytest
import reader_checks
from bs4 import BeautifulSoup

from conftest import REPO, build


@pytest.mark.parametrize("check", reader_checks.CHECKS, ids=lambda c: c.__name__)
def test_reader_pages(site, check):
    """The real site, built as CI builds it."""
    check(site)


def _description(html_path) -> tuple[list[str], list[str]]:
    soup = BeautifulSoup(html_path.read_text("utf-8"), "html.parser")
    plain = [m["content"] for m in soup.find_all("meta", attrs={"name": "description"})]
    og = [m["content"] for m in soup.find_all("meta", property="og:description")]
    return plain, og


def test_a_person_is_described_by_their_own_text_without_citation_marks(site):
    plain, og = _description(site / "personen" / "bernadette-van-os.html")
    assert plain == og
    assert plain[0].startswith("Liet de aanwezigen op de Alliantiedagen 2012")
    assert "Volgens de terugblik gebeurde dat" in plain[0]  # "[3]" and its space are gone
    assert len(plain[0]) <= 200


PAGES = {
    "index.md": """\
        # Start

        ```{toctree}
        eigen
        tabel
        lang
        ```
        """,
    "lang.md": """\
        # Lang

        Een lange alinea[^1] over de Alliantiedagen, met een voetnoot en veel
        woorden, langer dan zestig tekens.

        [^1]: Een voetnoot.
        """,
    "eigen.md": """\
        ---
        og:description: Een eigen beschrijving.
        ---
        # Eigen

        Deze tekst beschrijft de pagina niet.
        """,
    "tabel.md": """\
        # Tabel

        ## Eerste deel

        | a | b |
        | --- | --- |
        | 1 | 2 |

        ## Tweede deel

        ```{note}
        Een opmerking.
        ```
        """,
}


@pytest.fixture
def small_site(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxext.opengraph", "alliantie_kb"]\n'
        'language = "nl"\nogp_site_url = "https://example.org/"\n'
        "ogp_social_cards = {'enable': False}\n"
        'ogp_description_length = 60\nexclude_patterns = ["_build"]\n',
        "utf-8",
    )
    for name, text in PAGES.items():
        (src / name).write_text(textwrap.dedent(text), "utf-8")
    return src


def test_descriptions_keep_a_pages_own_and_fall_back_to_its_sections(small_site):
    app = build(small_site, freshenv=True)
    out = app.outdir
    assert _description(out / "eigen.html")[1] == ["Een eigen beschrijving."]
    # no prose (a table and a note): the section titles, not the cells
    assert _description(out / "tabel.html") == (
        ["Eerste deel, Tweede deel"],
        ["Eerste deel, Tweede deel"],
    )
    assert _description(out / "index.html")[0] == ["Start"]  # only a title
    # no footnote mark, cut at a word within ogp_description_length
    (cut,) = _description(out / "lang.html")[0]
    assert cut == "Een lange alinea over de Alliantiedagen, met een voetnoot…"


def test_the_epub_gets_no_descriptions(small_site):
    app = build(small_site, "epub", freshenv=True)
    text = (app.outdir / "eigen.xhtml").read_text("utf-8")
    assert 'name="description"' not in text and "og:description" not in text


def test_numbers_follow_the_projects_language():
    from alliantie_kb.numerals import format_number

    assert format_number(1.5, "nl") == "1,5"
    assert format_number(1250, "nl") == "1.250"
    assert format_number(1.5, "en") == "1.5"
    assert format_number(1250, "en") == "1,250"
    assert format_number(3, "xx-unknown") == "3"


def test_developer_documentation_links_resolve():
    """The pages that left the site are found where the repository's documents say."""
    for name in ("README.md", "CONTRIBUTING.md", "SECURITY.md", "SECURITY.nl.md"):
        text = (REPO / name).read_text("utf-8")
        for target in re.findall(r"\]\(([^)#:\s]+)(?:#[^)]*)?\)", text):
            assert (REPO / target).exists(), (name, target)
    assert not any((REPO / "docs").glob("ontwikkeling/*.md"))
    run = (REPO / "benchmarks" / "run.py").read_text("utf-8")
    assert 'default=HERE / "prestaties.md"' in run
