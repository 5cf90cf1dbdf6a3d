"""The volunteers' command speaks the project's ``language`` (issue 11, item 4).

In an English project everything ``alliantie-kb`` prints — results, problems,
counts, errors, ``--help`` — and everything ``new`` writes into pages is
English; in a Dutch project (this site) it stays exactly the Dutch it was.
Before a project is found the command speaks Dutch, the product's default.
"""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

import pytest

from alliantie_kb import cli

from conftest import ROOTS, fill_placeholders, kb, sphinx_build

#: Words of the command's Dutch that must not show up in an English project.
DUTCH = re.compile(
    r"\b(nieuw|spreker|lezing|lezingen|werkgroep|aanbeveling|organisatie|soort|naam|fout|"
    r"gebruik|opties|argumenten|standaard|opdracht|problemen|probleem|gevonden|geen|"
    r"vervang|regel|beschrijving|bron|bronmap|map|toon|vul|draai|zoek|juiste|bij|onbekende|"
    r"alliantiedag|alliantiedagen|editie|dag|van|bestand|bouw|vers|uit|lijst|controleer)\b",
    re.IGNORECASE,
)
#: The aliases that may stand next to the English names in --help and error lists.
ALIASES_SHOWN = re.compile(
    r"\((nieuw|controleer|lijst)\)|, --(bron|bouw|editie|dag|van|bestand|vers|uit)\b"
)


def dutch_words(text: str) -> list[str]:
    return DUTCH.findall(ALIASES_SHOWN.sub("", text))


@pytest.fixture
def english(tmp_path: Path) -> Path:
    """Another organisation's project: English, conf.py next to the pages."""
    root = tmp_path / "our-days"
    root.mkdir()
    (root / "conf.py").write_text(
        'project = "Our days"\n'
        'language = "en"\n'
        'extensions = ["myst_parser", "alliantie_kb"]\n'
        'primary_domain = "kb"  # as the README says: {speaker} rather than {kb:speaker}\n'
        'exclude_patterns = ["_build"]\n',
        encoding="utf-8",
    )
    (root / "index.md").write_text("# Our days\n\nWelcome.\n", encoding="utf-8")
    return root


@pytest.fixture
def dutch(tmp_path: Path) -> Path:
    """A small Dutch project, like this site (``language = "nl"``)."""
    return shutil.copytree(ROOTS / "test-cli", tmp_path / "kennisbank")


def broken_page(root: Path, name: str, option: str) -> None:
    """A page with one located problem (an unknown option), listed in the toctree."""
    (root / "kapot.md").write_text(
        f"# {name}\n\n```{{speaker}} iemand\n:name: {name}\n{option}: x\n```\n", encoding="utf-8"
    )
    with (root / "index.md").open("a", encoding="utf-8") as f:
        f.write("\n```{toctree}\n:hidden:\n\nkapot\n```\n")


# -- check ---------------------------------------------------------------------------------


def test_check_clean_english_project(english):
    result = kb(english, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "No problems found.\n"
    assert result.stderr == ""


def test_check_problem_english_project(english):
    broken_page(english, "Ada Jansen", ":rolle")
    result = kb(english, "check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        "kapot.md:5: unknown option :rolle: for person (its value is not used, so :role: stays "
        "empty; did you mean :role:?)"
    ]
    assert result.stderr == "1 problem found.\n"


def test_check_problems_plural_english_project(english):
    broken_page(english, "Ada Jansen", ":rolle")
    (english / "kapot.md").write_text(
        (english / "kapot.md").read_text("utf-8") + "\n{speaker}`niemand`\n", encoding="utf-8"
    )
    result = kb(english, "check")
    assert result.returncode == 1
    assert result.stderr == "2 problems found.\n", result.stdout


def test_check_dutch_project_stays_dutch(dutch):
    result = kb(dutch, "controleer")
    assert (result.returncode, result.stdout) == (0, "Geen problemen gevonden.\n"), result.stderr
    broken_page(dutch, "Jan Smit", ":rolle")
    result = kb(dutch, "check")  # the English alias, in a Dutch project: Dutch output
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "kapot.md:5: onbekende optie :rolle: bij persoon (de waarde wordt niet gebruikt, "
        "dus :role: blijft leeg; bedoelde u :role:?)"
    ]
    assert result.stderr == "1 probleem gevonden.\n"


# -- new -------------------------------------------------------------------------------------


def test_new_speaker_english_skeleton_builds_clean(english, tmp_path):
    result = kb(english, "new", "speaker", "Ada Jansen")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "New: person 'ada-jansen' in personen/ada-jansen.md",
        "Fill in the options and the description, then run: alliantie-kb check",
    ]
    page = (english / "personen" / "ada-jansen.md").read_text("utf-8")
    assert page.startswith("# Ada Jansen\n\n```{speaker} ada-jansen\n:name: Ada Jansen\n")
    assert "% Replace this line with a description in your own words" in page
    assert dutch_words(page) == [], page
    fill_placeholders(english)  # the volunteer writes the description
    built = sphinx_build(english, tmp_path / "html", "-E")
    assert built.returncode == 0, built.stderr
    assert kb(english, "check").stdout == "No problems found.\n"


def test_new_edition_day_talk_recommendation_english(english, tmp_path):
    steps = [
        ("new", "event", "Utrecht", "--edition", "2024"),
        ("new", "talk", "Opening words", "--day", "2024-utrecht", "--edition", "2024"),
        ("new", "workshop", "Care", "--edition", "2024"),
        ("new", "recommendation", "Keep the doors open", "--from", "2024-care", "--edition",
         "2024"),
        ("new", "organisation", "City of Utrecht"),
    ]
    for step in steps:
        result = kb(english, *step)
        assert result.returncode == 0, (step, result.stderr)
        assert dutch_words(result.stdout) == [], result.stdout
    edition = (english / "2024" / "index.md").read_text("utf-8")
    assert edition.startswith("# Alliance days 2024\n")
    day = (english / "2024" / "utrecht.md").read_text("utf-8")
    assert day.startswith("# Alliance day Utrecht\n")
    assert ":name: Alliance day Utrecht\n" in day and "## Opening words" in day
    workshops = (english / "2024" / "werkgroepen.md").read_text("utf-8")
    assert workshops.startswith("# Workshops 2024\n")
    assert "```{recommendation} 2024-keep-the-doors-open" in workshops
    for page in english.rglob("*.md"):
        assert dutch_words(page.read_text("utf-8")) == [], page
    # the organisation page is written too, though no toctree lists it yet (not this test's part)
    (english / "index.md").write_text(
        "# Our days\n\n```{toctree}\n:hidden:\n\n2024/index\norganisaties\n```\n", encoding="utf-8"
    )
    fill_placeholders(english)  # the volunteer writes the descriptions
    built = sphinx_build(english, tmp_path / "html", "-E")
    assert built.returncode == 0, built.stderr


def test_new_dutch_project_stays_dutch(dutch):
    result = kb(dutch, "nieuw", "lezing", "Opening", "--dag", "2012-drachten")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Nieuw: lezing '2012-opening' in 2012/drachten.md",
        "Vul de opties en de beschrijving aan en draai daarna: alliantie-kb controleer",
    ]
    page = (dutch / "2012" / "drachten.md").read_text("utf-8")
    assert "% Vervang deze regel door een beschrijving in eigen woorden, met de bron erbij." in page
    result = kb(dutch, "nieuw", "werkgroep", "Zorg", "--editie", "2013")
    assert result.returncode == 0, result.stderr
    assert (dutch / "2013" / "index.md").read_text("utf-8").startswith("# Alliantiedagen 2013\n")
    assert (dutch / "2013" / "werkgroepen.md").read_text("utf-8").startswith("# Werkgroepen 2013\n")


# -- errors and help ---------------------------------------------------------------------------


def test_unknown_day_is_one_english_line(english):
    result = kb(english, "new", "talk", "Opening", "--day", "nope")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        "Error: unknown id 'nope' for --day; find the right one with: alliantie-kb list event"
    ]
    assert not (english / "2012").exists()


def test_unknown_day_dutch_project(dutch):
    result = kb(dutch, "nieuw", "lezing", "Opening", "--dag", "nope")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Fout: onbekende id 'nope' bij --dag; zoek de juiste met: alliantie-kb lijst dag"
    ]


@pytest.mark.parametrize(
    "args",
    [
        ("new", "speaker", "Ada", "--day", "x"),
        ("new", "speaker", "Ada", "--id", "Ada_J"),
        ("new", "speaker", ""),
        ("new", "talk", "X", "--edition", "24"),
        ("new", "speaker", "X", "--file", "../elsewhere.md"),
        ("export", "--out", "kb.txt"),
        ("--source", "nowhere", "check"),
    ],
)
def test_refusals_are_english(english, args):
    result = kb(english, *args)
    assert result.returncode == 1, result.stdout
    line, *rest = result.stderr.splitlines()
    assert rest == [], result.stderr
    if args[0] == "--source":  # no project found: the product's default, Dutch
        assert line.startswith("Fout: de bronmap "), line
    else:
        assert line.startswith("Error: ") and dutch_words(line) == [], line


def test_usage_error_is_one_english_line(english):
    result = kb(english, "new", "sprekr", "X")
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("alliantie-kb new: error: argument type: invalid choice: 'sprekr'")
    assert line.endswith("(see: alliantie-kb --help)")


@pytest.mark.parametrize("args", [("--help",), ("new", "--help"), ("check", "--help")])
def test_help_is_english(english, args):
    result = kb(english, *args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: alliantie-kb")
    assert "show this help message and exit" in result.stdout
    assert dutch_words(result.stdout) == [], result.stdout


def test_help_in_a_dutch_project_stays_dutch(dutch):
    result = kb(dutch, "nieuw", "--help")
    assert result.stdout.startswith("gebruik: alliantie-kb nieuw [-h] [--editie EDITIE]")
    assert "toon deze hulp en stop" in result.stdout
    assert 'naam of titel, tussen aanhalingstekens: "René' in result.stdout


def test_english_project_found_through_conf_option(english, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = kb(elsewhere, "--conf", str(english), "check")
    assert result.stdout == "No problems found.\n", result.stderr
    result = kb(elsewhere, "--conf", str(english), "new", "--help")
    assert result.stdout.startswith("usage: alliantie-kb new"), result.stdout


def test_no_project_speaks_dutch(tmp_path):
    result = kb(tmp_path, "check")
    assert result.returncode == 1
    assert result.stderr.startswith("Fout: geen conf.py gevonden in ")


def test_a_language_without_catalogue_is_english(english):
    conf = english / "conf.py"
    conf.write_text(conf.read_text("utf-8").replace('"en"', '"de"'), encoding="utf-8")
    assert kb(english, "check").stdout == "No problems found.\n"


# -- in-process: nothing leaks into the next command or build -----------------------------------


def test_in_process_runs_leave_no_language_behind(english, dutch, monkeypatch, capsys):
    from sphinx import locale

    before = (dict(locale.translators), argparse._)  # type: ignore[attr-defined]
    monkeypatch.chdir(english)
    assert cli.main(["new", "speaker", "Ada Jansen"]) == 0
    assert capsys.readouterr().out.startswith("New: person 'ada-jansen'")
    monkeypatch.chdir(dutch)
    assert cli.main(["nieuw", "spreker", "Ada Jansen"]) == 0
    assert capsys.readouterr().out.startswith("Nieuw: persoon 'ada-jansen'")
    monkeypatch.chdir(english)
    with pytest.raises(SystemExit):
        cli.main(["new", "sprekr", "X"])
    assert capsys.readouterr().err.startswith("alliantie-kb new: error: argument type")
    assert (dict(locale.translators), argparse._) == before  # type: ignore[attr-defined]
