"""The extension in another organisation's project: its value lists and link
schemes are settings, values show through labels, and everything the
extension writes follows the project's ``language`` (English and Dutch)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from alliantie_kb import editions, model

from conftest import Listed, all_warning_lines, build, copy_root, fields, parse_warnings, soup_of

#: Dutch words the extension used to write (labels, phrases, months, values).
DUTCH_WORDS = (
    "niet",
    "vermeld",
    "bron",
    "Bron",
    "Verwijzingen",
    "Zie",
    "Er zijn geen",
    "bedoelde",
    "Spreker",
    "Sprekers",
    "Aanbeveling",
    "Aanbevelingen",
    "Alliantiedag",
    "Alliantiedagen",
    "Lezing",
    "Werkgroep",
    "Organisatie",
    "Datum",
    "Plaats",
    "Regio",
    "Soort",
    "Organisator",
    "Gericht aan",
    "Gedaan door",
    "Thema",
    "Editie",
    "Pagina",
    "Rol",
    "Naam",
    "verweer",
    "vernieuwing",
    "advies",
    "geformuleerd",
    "behandeling",
    "mei",
    "juni",
    "Noord",
    "Zuid",
    "Wissen",
    "Zoeken",
)
DUTCH_RE = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in DUTCH_WORDS) + r")\b")


def html_of(app, name: str) -> str:
    return (Path(app.outdir) / f"{name}.html").read_text("utf-8")


def listing_rows(html: str, index: int = 0) -> list[list[str]]:
    soup = BeautifulSoup(html, "html.parser")
    table = soup.select("table.kb-listing")[index]
    head = [th.get_text(" ", strip=True) for th in table.select("thead th")]
    rows = [
        [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        for tr in table.select("tbody tr")
    ]
    return [head, *rows]


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    src = copy_root("english", tmp_path_factory.mktemp("english") / "src")
    return build(src, freshenv=True)


@pytest.fixture(scope="module")
def dutch(tmp_path_factory):
    src = copy_root("english", tmp_path_factory.mktemp("dutch") / "src")
    return build(src, freshenv=True, confoverrides={"language": "nl"})


# -- an English site --------------------------------------------------------------


def test_english_build_is_clean(english):
    assert all_warning_lines(english.warning.getvalue()) == []


def test_english_fields_show_labels_dates_and_the_empty_phrase(english):
    days = soup_of(english, "days")
    assert fields(days, "dag-2024-leeds") == {
        "Date": "May 17, 2024",
        "Place": "Leeds",
        "Region": "The North",  # the site's own label for its value "north"
        "Organiser": "Social Alliance",
    }  # the edition is not shown: the page is in it (issue 15)
    bristol = fields(days, "dag-2024-bristol")
    assert bristol["Place"] == "not stated in the article"
    assert bristol["Date"] == "June 1, 2024"
    # status and kind are internal values: the entry leaves them out (issue 15);
    # listings show their labels (below)
    assert not {"Status", "Kind"} & set(fields(days, "aanbeveling-2024-trust"))
    assert fields(days, "aanbeveling-2024-advice")["Source"] == "not stated in the article"


def test_english_listing_cells_and_groups(english):
    index = html_of(english, "index")
    assert listing_rows(index, 0) == [
        ["Name", "Date", "Place", "Region"],
        ["Alliance day Leeds", "May 17, 2024", "Leeds", "The North"],
        ["Alliance day Bristol", "June 1, 2024", "not stated in the article", "The South"],
    ]
    assert listing_rows(index, 1) == [
        ["Title", "Status", "Kind", "Source"],
        ["Approach citizens with trust", "under consideration", "defence",
         "Why does the government make me angry?"],
        ["Collect signatures", "formulated", "petition", "Workshop on care"],
    ]  # fmt: skip
    soup = BeautifulSoup(index, "html.parser")
    groups = [p.get_text(strip=True) for p in soup.select(".kb-group-title")]
    assert groups == ["advice", "defence", "petition"]  # labels, in label order


def test_no_dutch_word_in_an_english_site(english):
    outdir = Path(english.outdir)
    found = {}
    for path in sorted(outdir.rglob("*")):
        if "_sources" in path.parts or path.suffix not in (".html", ".js", ".txt"):
            continue
        library = path.parent.name == "_static" and path.suffix == ".js"
        if library and "searchtools" not in path.name:
            continue  # Sphinx's and the theme's own libraries
        hits = sorted(set(DUTCH_RE.findall(path.read_text("utf-8"))))
        if hits:
            found[path.relative_to(outdir).as_posix()] = hits
    assert found == {}


def test_kb_json_keeps_the_values(english):
    data = json.loads((Path(english.outdir) / "kb.json").read_text("utf-8"))
    fields = {o["id"]: o["fields"] for o in data["objects"]}
    assert fields["2024-leeds"]["region"] == "north"
    assert fields["2024-trust"]["status"] == "in-behandeling"
    assert fields["2024-trust"]["kind"] == "verweer"
    assert data["types"]["event"]["label"] == "Alliance day"


def test_schema_enums_come_from_the_settings(english):
    schema = json.loads((Path(english.outdir) / "kb.schema.json").read_text("utf-8"))
    per_type = {
        rule["if"]["properties"]["type"]["const"]: rule["then"]["properties"]["fields"][
            "properties"
        ]
        for rule in schema["properties"]["objects"]["items"]["allOf"]
    }
    assert per_type["event"]["region"] == {"enum": ["north", "south", "abroad"]}
    assert per_type["recommendation"]["kind"] == {
        "enum": ["verweer", "vernieuwing", "advies", "petition"]
    }
    assert per_type["recommendation"]["status"] == {"enum": list(model.STATUSES)}
    assert per_type["speaker"]["url"]["pattern"] == "^(https://|mailto:|tel:)"


# -- the same project in Dutch ----------------------------------------------------------


def test_the_same_project_in_dutch(dutch):
    assert all_warning_lines(dutch.warning.getvalue()) == []
    days = soup_of(dutch, "days")
    assert fields(days, "dag-2024-bristol") == {
        "Datum": "1 juni 2024",
        "Plaats": "niet vermeld in het artikel",
        "Regio": "The South",  # the site's own label: not in the catalogue
    }
    rows = listing_rows(html_of(dutch, "index"), 1)
    assert rows[0] == ["Titel", "Status", "Soort", "Bron"]
    assert rows[1][1:3] == ["in behandeling", "verweer"]
    assert "17 mei 2024" in html_of(dutch, "index")


# -- the settings -----------------------------------------------------------------


def test_a_value_outside_the_vocabulary_warns_with_the_list(tmp_path):
    src = copy_root("english", tmp_path / "src")
    (src / "more.md").write_text(
        "# More\n\n```{kb:event} 2024-york\n:name: York\n:edition: 2024\n:region: noord\n```\n\n"
        "```{kb:listing} event\n:filter: region = nort\n```\n",
        "utf-8",
    )
    with (src / "index.md").open("a", encoding="utf-8") as f:
        f.write("\n```{toctree}\nmore\n```\n")
    app = build(src, freshenv=True)
    messages = [w["msg"] for w in parse_warnings(app.warning.getvalue())]
    assert messages == [
        "option :region: does not allow 'noord' (allowed: north, south, abroad); "
        "did you mean 'north'?",
        "in :filter:: value 'nort' is not allowed for 'region' "
        "(allowed: north, south, abroad); did you mean 'north'?",
    ]


BAD_SETTINGS = [
    (
        ["north"],
        "kb_vocabularies must be a dict {name: [value, ...]}, not list; using the defaults",
    ),
    (
        {"region": "north"},
        # the default's values are listed; they may grow
        Listed(
            "kb_vocabularies['region'] is not usable: it must be a list of values or a dict "
            "{value: label}; using the default",
            {"noord", "zuid", "landelijk"},
        ),
    ),
    (
        {"region": ["North Side"]},
        Listed(
            "kb_vocabularies['region'] is not usable: 'North Side' is not a value: use "
            "lowercase letters, digits and hyphens; using the default",
            {"noord", "zuid", "landelijk"},
        ),
    ),
    (
        {"regions": ["north"]},
        Listed(
            "kb_vocabularies['regions'] is used by no field",
            {"region", "status", "kind"},
            "; did you mean 'region'?",
        ),
    ),
]


@pytest.mark.parametrize(("setting", "message"), BAD_SETTINGS)
def test_a_bad_kb_vocabularies_gives_one_clear_warning(tmp_path, setting, message):
    src = copy_root("english", tmp_path / "src")
    conf = src / "conf.py"
    conf.write_text(conf.read_text("utf-8") + f"kb_vocabularies = {setting!r}\n", "utf-8")
    app = build(src, freshenv=True)
    lines = all_warning_lines(app.warning.getvalue())
    # the defaults apply: "north"/"south"/"petition" are now the ones refused
    ours = [line for line in lines if "[kb.config]" in line]
    assert len(ours) == 1, ours
    if isinstance(message, Listed):
        assert message.matches(ours[0]), ours[0]
    else:
        assert message in ours[0]
    assert "[kb.config]" in ours[0]
    assert any("does not allow 'north'" in line for line in lines)


def test_url_schemes_setting(tmp_path):
    # the English site allows tel: (its speaker's url): clean; the default refuses it
    src = copy_root("english", tmp_path / "src")
    conf = src / "conf.py"
    conf.write_text(
        conf.read_text("utf-8").replace(
            'kb_url_schemes = ["https", "mailto", "tel"]',
            'kb_url_schemes = ["https", "mailto", "javascript"]',
        ),
        "utf-8",
    )
    app = build(src, freshenv=True)
    lines = all_warning_lines(app.warning.getvalue())
    assert any(
        "kb_url_schemes: 'javascript' links can run script or read files; it is left out" in x
        for x in lines
    ), lines
    assert any(
        "option :url: refuses the link 'tel:+44-20-7946-0000' (allowed: an address starting "
        "with https:, mailto:)" in x
        for x in lines
    ), lines


def test_model_helpers_read_the_settings_or_the_defaults():
    region = model.OBJECT_TYPES["event"].field("region")
    assert model.choices(region) == model.REGIONS
    assert model.choice_label(region, "noord") == "North"
    config = SimpleNamespace(kb_vocabularies={"region": ["noord", "elders"]})
    assert model.choices(region, config) == ("noord", "elders")
    assert model.choice_label(region, "noord", config) == "North"  # default label kept
    assert model.choice_label(region, "elders", config) == "elders"
    assert model.url_schemes() == ("http", "https", "mailto")


# -- dates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last", "language", "span"),
    [
        ("2012-10-05", "2012-11-09", "nl", "5 oktober – 9 november 2012"),
        ("2024-05-17", "2024-06-01", "en", "May 17 – June 1, 2024"),
        ("2024-05-17", "2024-06-01", "en_GB", "17 May – 1 June 2024"),
        ("2024-05-17", "2024-06-01", "nl", "17 mei – 1 juni 2024"),
        ("2023-12-17", "2024-01-03", "en", "December 17, 2023 – January 3, 2024"),
        ("2023-12-17", "2024-01-03", "nl", "17 december 2023 – 3 januari 2024"),
        ("2024-05-17", "2024-05-17", "en", "May 17, 2024"),
    ],
)
def test_date_span_per_language(first, last, language, span):
    from alliantie_kb.render import format_date_span

    assert format_date_span(first, last, language) == span


def test_title_page_date_span_reads_the_edition_days():
    from alliantie_kb.model import Record

    def day(n: int, **fields: str) -> Record:
        return Record(f"d{n}", "event", f"Dag {n}", "dagen", f"dag-d{n}", n, n, fields, {})

    days = [
        day(1, edition="2024", date="2024-06-01"),
        day(2, edition="2024", date="2024-05-17"),
        day(3, edition="2024"),
        day(4, edition="2023", date="2023-01-01"),
    ]
    domain = SimpleNamespace(
        records=lambda objtype: days if objtype == "event" else [],
        edition_of=lambda rec: rec.fields.get("edition"),
    )
    assert editions.date_span(domain, "2024", "en") == "May 17 – June 1, 2024"
    assert editions.date_span(domain, "2024", "nl") == "17 mei – 1 juni 2024"
    assert editions.date_span(domain, "2025", "en") is None


def test_english_pdf_title_page_markup(tmp_path):
    """The LaTeX title page of an English edition (no TeX run needed)."""
    src = copy_root("book", tmp_path / "src")
    app = build(src, "latex", freshenv=True, confoverrides={"language": "en"})
    tex = (Path(app.outdir) / "alliantiedagen-2012.tex").read_text("utf-8")
    author = r"\author{\texorpdfstring{Proefalliantie\\[2ex]"
    assert author + r"October 5 \textendash{} November 9, 2012}" in tex
    assert "October 5," not in tex.split(r"\author")[1].split("\n")[0]


def test_unknown_language_dates_fall_back_to_english():
    from alliantie_kb.render import format_iso_date

    assert format_iso_date("2012-10-05", "xx") == "October 5, 2012"
    assert format_iso_date("2012-10-05", "pt-BR") == "5 de outubro de 2012"


# -- the extension's own text ----------------------------------------------------

#: Dutch function words and message words; an English msgid has none of them.
DUTCH_LITERAL_RE = re.compile(
    r"\b(?:niet|vermeld|bron|bronnen|Verwijzingen|Zie|zie|Er zijn|bedoelde|geen|een|het|de|van|"
    r"voor|wordt|kan|met|naar|bij|zijn|map|klaar|Fout|teken|editie|mijn|Wissen)\b"
)
#: Dutch on purpose: keywords of the filter language (authors may write them),
#: the anchor prefixes and index names that are the site's URLs, and the book
#: command's Dutch option name (next to its English alias).
DUTCH_ON_PURPOSE = {("filters.py", "niet"), ("model.py", "dag"), ("book.py", "--bron")}


def test_no_dutch_literal_in_the_extension_outside_its_catalogue():
    import ast

    from conftest import REPO

    found = []
    package = REPO / "src" / "alliantie_kb"
    for path in sorted(package.rglob("*.py")):
        if "cli" in path.relative_to(package).parts:
            continue  # the volunteers' command: its own languages
        tree = ast.parse(path.read_text("utf-8"))
        skip = set()
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
                skip.add(id(body[0].value))  # docstrings
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("_", "__"):
                skip.update(id(arg) for arg in node.args[:1])  # msgids
            if isinstance(node, ast.keyword) and node.arg in ("dutch", "dutch_names"):
                skip.update(id(n) for n in ast.walk(node.value))  # the model's Dutch names
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            if id(node) in skip or (path.name, node.value) in DUTCH_ON_PURPOSE:
                continue
            if DUTCH_LITERAL_RE.search(node.value):
                found.append(f"{path.name}:{node.lineno}: {node.value!r}")
    assert found == []


#: Dutch words a script, style sheet or template of the extension might show.
DUTCH_UI_RE = re.compile(
    r"\b(?:verfijn|schuif|opzij|kolommen|openen|sluiten|gezocht|resultaten|zoek|zoeken|"
    r"sluit|klik|terug|bekijk|lijst|niet|vermeld|geen|een|het|van|naar|voor)\b",
    re.IGNORECASE,
)
#: Comments of JavaScript, CSS and Jinja/HTML (they may explain in Dutch).
COMMENT_RE = re.compile(r"/\*.*?\*/|(?<![:\\])//[^\n]*|\{#.*?#\}|<!--.*?-->", re.DOTALL)
#: What a reader may see: string literals of scripts and style sheets
#: (``content: "…"``), and template text outside Jinja's tags.
SHOWN_RE = re.compile(r""""(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|>[^<>{}]+<""")


def test_no_dutch_literal_in_the_extensions_scripts_styles_or_templates():
    """What the extension's own scripts, style sheets and templates show comes
    from the catalogue (data attributes, template context): no Dutch literal
    that an English project would show."""
    from conftest import REPO

    package = REPO / "src" / "alliantie_kb"
    found = []
    files = [*(package / "static").iterdir(), *(package / "templates").iterdir()]
    for path in sorted(p for p in files if p.suffix in (".js", ".css", ".html")):
        text = COMMENT_RE.sub(" ", path.read_text("utf-8"))
        for shown in SHOWN_RE.findall(text):
            if DUTCH_UI_RE.search(shown):
                found.append(f"{path.name}: {shown.strip()}")
    assert found == []


@pytest.mark.parametrize(
    ("language", "scroll", "menu", "refine"),
    [
        ("en", "Swipe sideways for more columns", "Open or close the menu", "Refine"),
        ("nl", "Schuif opzij voor meer kolommen", "Menu openen of sluiten", "Verfijn"),
    ],
)
def test_the_phone_layout_search_and_menu_speak_the_projects_language(
    tmp_path, language, scroll, menu, refine
):
    src = copy_root("english", tmp_path / "src")
    app = build(src, freshenv=True, confoverrides={"language": language, "kb_pagefind": True})
    soup = BeautifulSoup(html_of(app, "index"), "html.parser")
    assert soup.select_one("script[src*='kb-phone.js']")["data-scroll"] == scroll
    assert soup.select_one("script[src*='kb-theme-words.js']")["data-menu"] == menu
    assert soup.select_one("link[href*='kb-phone.css']") is not None
    # the search page's one control over Pagefind's filters
    assert f"summary.textContent = {json.dumps(refine)}" in html_of(app, "search")


def test_book_messages_follow_the_conf_language(tmp_path):
    import os
    import subprocess
    import sys

    src = copy_root("english", tmp_path / "src")
    bare = tmp_path / "bin"
    bare.mkdir()
    command = [sys.executable, "-m", "alliantie_kb.book", "pdf", "--source", str(src)]
    command += ["--conf", str(src), "--build", str(tmp_path / "b")]
    env = {**os.environ, "PATH": str(bare)}
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: LaTeX is missing for the PDF: install latexmk ")
    helped = subprocess.run([*command[:3], "--conf", str(src), "--help"], capture_output=True)
    assert b"Typesets the PDF and e-book editions." in helped.stdout
