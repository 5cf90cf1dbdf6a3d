"""Relations written as the article words them (``overheden <de-overheid>``),
where a field may also hold free text (``:addressee:``, ``:source:``): a
reference written with angle brackets is always a reference (a wrong or
unknown id is one located warning, never text that loses the words), free
text that is a name of an object says how to write it, the words reach
``kb.json``, and overviews, "see also" and empty types read well."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build, kb_objects, main_of, parse_warnings, text_of

CONF = 'extensions = ["myst_parser", "alliantie_kb"]\nprimary_domain = "kb"\nlanguage = "nl"\n'
OBJECTS = """# Kennisbank

```{toctree}
:hidden:

overzicht
```

```{persoon} alex-b
:naam: Alex B
```

```{organisatie} de-overheid
:naam: De overheid
:ook-bekend-als: overheden, de staat
```

```{lezing} l1
:title: Lezing een
:sprekers: alex-b
```
"""


def project(tmp_path: Path, objects: str, overview: str = "") -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.md").write_text(OBJECTS + objects, encoding="utf-8")
    (src / "overzicht.md").write_text("# Overzicht\n\n" + overview, encoding="utf-8")
    return src


def recommendation(oid: str, **options: str) -> str:
    lines = "".join(f":{k}: {v}\n" for k, v in options.items())
    return f"\n```{{aanbeveling}} {oid}\n:title: Aanbeveling {oid}\n{lines}```\n"


def warnings_of(app) -> list[dict[str, str]]:
    return parse_warnings(app.warning.getvalue())


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("overheden <De Overheid>", "De Overheid"),  # not an id
        ("overheden <>", "geen id"),  # nothing between the brackets
        ("overheden <bestaat-niet>", "bestaat-niet"),  # no such object
    ],
)
def test_a_reference_in_angle_brackets_is_never_taken_for_text(tmp_path, written, expected):
    app = build(project(tmp_path, recommendation("a1", addressee=written)), freshenv=True)
    found = warnings_of(app)
    assert len(found) == 1, app.warning.getvalue()
    assert found[0]["path"].endswith("index.md") and found[0]["line"]
    assert expected in found[0]["msg"]
    # the page never shows the id as if it were the article's words
    assert "bestaat-niet" not in text_of(app, "index").replace(expected, "")


def test_an_id_in_angle_brackets_without_words_is_a_link(tmp_path):
    app = build(project(tmp_path, recommendation("a1", addressee="<de-overheid>")), freshenv=True)
    assert warnings_of(app) == []
    assert kb_objects(app)["a1"]["fields"]["addressee"] == ["de-overheid"]
    entry = main_of(app, "index").find(id="aanbeveling-a1").find_parent("dl")
    link = entry.find("a", href="#organisatie-de-overheid")
    assert link is not None and link.get_text() == "De overheid"


def test_free_text_that_names_an_object_says_how_to_write_it(tmp_path):
    objects = recommendation("a1", addressee="overheden") + recommendation(
        "a2", addressee="De Staat, burgers"
    )
    app = build(project(tmp_path, objects), freshenv=True)
    found = warnings_of(app)
    assert [w["type"] for w in found] == ["kb.field"] * 2
    messages = " ".join(w["msg"] for w in found)
    assert "'overheden <de-overheid>'" in messages and "'De Staat <de-overheid>'" in messages
    assert all(w["line"] for w in found)


def test_the_words_reach_kb_json(tmp_path):
    rec = recommendation("a1", addressee="overheden <de-overheid>, de staat <de-overheid>")
    app = build(project(tmp_path, rec), freshenv=True)
    assert warnings_of(app) == []
    a1 = kb_objects(app)["a1"]
    assert a1["fields"]["addressee"] == ["de-overheid"]
    assert a1["written"] == {"addressee": {"de-overheid": "overheden, de staat"}}


def test_see_also_at_the_end_of_a_page_says_whose_it_is(tmp_path):
    src = project(tmp_path, recommendation("a1", source="l1"))
    # the person opens a page of its own, with other entries after it
    (src / "alex.md").write_text(
        "# Alex B\n\n```{persoon} alex-c\n:naam: Alex C\n```\n\n"
        "## Verder\n\n```{lezing} l2\n:title: Lezing twee\n:sprekers: alex-c\n```\n",
        encoding="utf-8",
    )
    (src / "index.md").write_text(
        (src / "index.md").read_text("utf-8").replace("overzicht\n", "overzicht\nalex\n"),
        encoding="utf-8",
    )
    app = build(src, freshenv=True)
    assert warnings_of(app) == []
    titles = [r.get_text() for r in main_of(app, "alex").select(".kb-backlinks-title")]
    assert titles[-1] == "Zie ook: Alex C"


def test_an_overview_of_a_type_without_objects_says_so(tmp_path):
    app = build(project(tmp_path, "", "```{overzicht} werkgroep\n```\n"), freshenv=True)
    assert warnings_of(app) == []
    assert "Er zijn nog geen werkgroepen." in text_of(app, "overzicht")


@pytest.mark.parametrize(
    ("directive", "expected"),
    [
        ("```{overzicht} aanbeveling\n:group-by:\n```\n", "lege :group-by:"),
        # a person belongs to no day: "day" is not offered
        ("```{overzicht} persoon\n:group-by: day\n```\n", "onbekende :group-by: 'day'"),
    ],
)
def test_an_overview_grouping_that_cannot_work_is_one_warning(tmp_path, directive, expected):
    app = build(project(tmp_path, recommendation("a1"), directive), freshenv=True)
    found = warnings_of(app)
    assert len(found) == 1 and expected in found[0]["msg"], app.warning.getvalue()
    assert found[0]["path"].endswith("overzicht.md")
