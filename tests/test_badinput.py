"""Each kind of bad input yields exactly one located ``kb.*`` warning, no traceback."""

from __future__ import annotations

import pytest

from conftest import Listed, all_warning_lines, build, copy_root, parse_warnings, text_of

# file -> (line, warning type, fragment of the Dutch message, or a Listed message)
EXPECTED = {
    "unknown-option.md": (
        5,
        "kb.option",
        "onbekende optie :rolle: bij persoon; de waarde wordt niet gebruikt, dus :role: blijft "
        "leeg; bedoelde u :role:?",
    ),
    "option-after-blank-line.md": (7, "kb.option", "':place:' wordt als tekst gelezen"),
    "missing-required.md": (3, "kb.field", "verplichte optie :name: ontbreekt bij persoon"),
    "bad-choice.md": (6, "kb.field", "staat 'verstuurdd' niet toe"),
    "bad-date.md": (6, "kb.field", "ongeldige datum '2012-10-32'"),
    "bad-date-format.md": (6, "kb.field", "ongeldige datum '5 oktober 2012'"),
    "unsafe-url.md": (5, "kb.field", "weigert de link 'javascript:alert(document.cookie)'"),
    "duplicate-b.md": (5, "kb.duplicate", "in duplicate-a.md:3"),
    "dangling.md": (
        3,
        "kb.ref",
        "onbekende persoon 'alex-brenninkmeyer'; bedoelde u 'alex-brenninkmeijer'?",
    ),
    "dangling-field.md": (
        5,
        "kb.ref",
        "onbekende persoon 'rene-gabriel'; bedoelde u 'rene-gabriels'?",
    ),
    "wrong-type.md": (
        3,
        "kb.ref",
        "'alex-brenninkmeijer' is een persoon, maar hier hoort een lezing",
    ),
    "bad-id.md": (3, "kb.id", "ongeldige id 'René Gabriëls'"),
    "raw-html.md": (3, "kb.html", "ruwe HTML is niet toegestaan"),
    "unsafe-link.md": (3, "kb.url", "link 'ftp://example.org/archief' geweigerd"),
    "missing-id.md": (
        3,
        "kb.id",
        "persoon zonder id; zet de id achter de naam van de directive, bijvoorbeeld 'wilma-kuiper'",
    ),
    "two-ids.md": (5, "kb.field", "optie :event: neemt precies één id"),
    # free text stays text; only an id-shaped value close to a real id is a typo
    # a message that lists what is allowed: its prefix, suggestion and the names
    # that matter; the list itself grows with the model
    "listing-unknown-type.md": (
        3,
        "kb.listing",
        Listed(
            "lijst van onbekend soort 'recomendation'",
            {"event", "speaker", "recommendation"},
            "; bedoelde u 'recommendation'?",
        ),
    ),
    "listing-unknown-field.md": (
        3,
        "kb.listing",
        Listed(
            "onbekend veld 'adressee' in :filter: van de lijst",
            {"title", "addressee", "kind"},
            "; bedoelde u 'addressee'?",
        ),
    ),
    "listing-bad-filter.md": (
        3,
        "kb.listing",
        "filter 'kind advies' is niet te lezen: na 'kind' verwachtte ik =, !=, <, >, <=, >= of "
        "'in', maar vond 'advies'",
    ),
    "listing-bad-value.md": (
        3,
        "kb.listing",
        Listed(
            "in :filter:: waarde 'advise' is niet toegestaan voor 'kind'",
            {"advies", "verweer"},
            "; bedoelde u 'advies'?",
        ),
    ),
    "listing-unknown-column.md": (3, "kb.listing", "; bedoelde u 'speakers'?"),
    "listing-unknown-id.md": (
        3,
        "kb.listing",
        "in :filter:: geen object 'alex-brenninkmeyer' voor 'speaker'; bedoelde u "
        "'alex-brenninkmeijer'?",
    ),
    "diagram-unknown.md": (
        3,
        "kb.diagram",
        "diagram van onbekend object 'alex-brenninkmeyer'; bedoelde u 'alex-brenninkmeijer'?",
    ),
    "typo-addressee.md": (
        9,
        "kb.ref",
        "onbekende organisatie 'landelijke-clientenraad-y'; "
        "bedoelde u 'landelijke-clientenraad-x'?",
    ),
}


@pytest.fixture(scope="module", params=["serial", "parallel"])
def result(request, tmp_path_factory):
    src = copy_root("badinput", tmp_path_factory.mktemp("badinput") / "src")
    app = build(
        src,
        freshenv=True,
        confoverrides={"nitpicky": True},
        parallel=2 if request.param == "parallel" else 0,
    )
    return app


def test_no_traceback_and_every_file_written(result):
    text = result.status.getvalue() + result.warning.getvalue()
    assert "Traceback" not in text and "Exception" not in text
    for name in EXPECTED:
        assert (result.outdir / name.replace(".md", ".html")).exists()


def test_each_case_has_exactly_one_located_warning(result):
    text = result.warning.getvalue()
    warnings = parse_warnings(text)
    # nothing unstructured (e.g. a docutils error or a Sphinx warning without type)
    assert len(warnings) == len(all_warning_lines(text)), text
    by_file: dict[str, list[dict[str, str]]] = {}
    for w in warnings:
        by_file.setdefault(w["path"].rsplit("/", 1)[-1], []).append(w)
    assert set(by_file) == set(EXPECTED), text
    for name, (line, wtype, fragment) in EXPECTED.items():
        (w,) = by_file[name]
        assert (int(w["line"]), w["type"]) == (line, wtype), (name, w)
        if isinstance(fragment, Listed):
            assert fragment.matches(w["msg"]), (name, w["msg"])
        else:
            assert fragment in w["msg"], (name, w["msg"])


def test_bad_objects_are_kept_not_dropped(result):
    domain = result.env.domains["kb"]
    ids = {rec.id for rec in domain.records()}
    # an object with a broken field is still registered, minus the broken value
    assert {"raf-janssen", "2012-keuze", "2012-deventer", "boze-site", "rene-gabriels"} <= ids
    assert "status" not in domain.get("2012-keuze").fields
    assert "url" not in domain.get("boze-site").fields
    # the first of two duplicates wins, the second is still rendered on its page
    assert domain.get("landelijke-clientenraad").docname == "duplicate-a"
    assert "Landelijke Cliëntenraad (dubbel)" in text_of(result, "duplicate-b")
    # an object with an invalid id is shown, but has no target
    assert "René Gabriëls" in text_of(result, "bad-id")


def test_dangerous_text_never_reaches_the_html(result):
    raw = (result.outdir / "raw-html.html").read_text()
    assert "<script>alert(1)" not in raw and "&lt;script&gt;" in raw
    assert "<script>alert(1)</script>" in text_of(result, "raw-html")  # shown as text
    url = (result.outdir / "unsafe-url.html").read_text()
    assert "javascript:" not in url
    link = (result.outdir / "unsafe-link.html").read_text()
    assert 'href="ftp:' not in link and "het archief" in link


def test_raw_html_can_be_allowed_for_trusted_sources(tmp_path):
    src = copy_root("badinput", tmp_path / "src")
    app = build(src, freshenv=True, confoverrides={"kb_allow_raw_html": True})
    assert "[kb.html]" not in app.warning.getvalue()
    assert "<script>alert(1)</script>" in (app.outdir / "raw-html.html").read_text("utf-8")
