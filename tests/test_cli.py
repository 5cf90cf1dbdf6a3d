"""The volunteers' path: alliantie-kb nieuw / controleer / lijst / export, and CONTRIBUTING.md."""

from __future__ import annotations

import re

import pytest

from alliantie_kb.model import TYPE_ALIASES, VIEW_ALIASES

from conftest import REPO, fill_placeholders, kb, replace, site_build

CONTRIBUTING = (REPO / "CONTRIBUTING.md").read_text("utf-8")


# -- end to end -------------------------------------------------------------------


def test_new_edit_check_build(repo):
    made = kb(repo, "nieuw", "spreker", "René van der Berg")
    assert made.returncode == 0, made.stderr
    page = repo / "docs" / "personen" / "rene-van-der-berg.md"
    assert "Nieuw: persoon 'rene-van-der-berg' in docs/personen/rene-van-der-berg.md" in made.stdout
    assert "```{speaker} rene-van-der-berg\n:name: René van der Berg\n" in page.read_text()
    assert "rene-van-der-berg" in (repo / "docs" / "personen" / "index.md").read_text()
    # the volunteer fills in a role and a sentence with a reference
    replace(page, ":name: René van der Berg\n", ":name: René van der Berg\n:role: voorzitter\n", 1)
    placeholder = "% Vervang deze regel"
    replace(page, placeholder, "Sprak met {speaker}`rene-gabriels`.\n\n" + placeholder, 1)
    fill_placeholders(repo)
    rec = kb(
        repo, "nieuw", "aanbeveling", "Maak regels eenvoudiger", "--van", "2012-werkgroep-zorg"
    )
    assert rec.returncode == 0, rec.stderr
    assert "2012-maak-regels-eenvoudiger" in (repo / "docs/2012/werkgroepen.md").read_text()
    unfilled = kb(repo, "controleer")  # the recommendation's placeholder is still there
    assert unfilled.returncode == 1
    assert re.fullmatch(
        r"docs/2012/werkgroepen\.md:\d+: de invulregel van alliantie-kb nieuw staat er nog "
        r"\(vervang deze regel door een beschrijving in eigen woorden, met de bron erbij\)",
        unfilled.stdout.strip(),
    ), unfilled.stdout
    fill_placeholders(repo)
    checked = kb(repo, "controleer")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.strip() == "Geen problemen gevonden."
    built = site_build(repo, out="_build/html")
    assert built.returncode == 0, built.stderr
    html = (repo / "_build/html/personen/rene-van-der-berg.html").read_text("utf-8")
    assert "voorzitter" in html
    assert 'href="rene-gabriels.html#spreker-rene-gabriels"' in html


def test_new_event_of_a_new_edition(repo):
    made = kb(repo, "nieuw", "dag", "Zwolle", "--editie", "2013")
    assert made.returncode == 0, made.stderr
    assert (
        "```{event} 2013-zwolle\n:name: Alliantiedag Zwolle\n:edition: 2013\n"
        in (repo / "docs/2013/zwolle.md").read_text()
    )
    assert (repo / "docs/index.md").read_bytes() == (REPO / "docs/index.md").read_bytes()
    fill_placeholders(repo)
    assert kb(repo, "controleer").returncode == 0
    assert site_build(repo, out="_build/html").returncode == 0
    landing = (repo / "_build/html/index.html").read_text("utf-8")
    assert landing.index('href="2013/index.html"') < landing.index('href="2012/index.html"')


def test_new_refuses_an_existing_id(repo):
    result = kb(repo, "nieuw", "spreker", "René Gabriëls")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Fout: persoon 'rene-gabriels' bestaat al, in docs/personen/rene-gabriels.md:3; "
        "verwijs ernaar met {speaker}`rene-gabriels` in plaats van hem opnieuw te maken "
        "(alleen voor een andere persoon met dezelfde naam: kies een andere id met --id)"
    )
    assert not (repo / "docs/personen/rene-gabriels-2.md").exists()


# -- error paths --------------------------------------------------------------------


ERRORS = {
    "duplicate-id": (
        "docs/organisaties.md",
        "\n```{organisation} nationale-ombudsman\n:name: Nog eens de ombudsman\n```\n",
        r"docs/organisaties\.md:\d+: dubbele id 'nationale-ombudsman': er staat al een "
        r"organisatie met deze id in organisaties\.md:\d+ \(geef een van beide een andere id\)",
    ),
    "missing-speaker": (
        "docs/bronnen.md",
        "\nZie ook {speaker}`alex-brenninkmeyer`.\n",
        r"docs/bronnen\.md:\d+: onbekende persoon 'alex-brenninkmeyer' "
        r"\(bedoelde u 'alex-brenninkmeijer'\?\)",
    ),
    "misspelled-option": (
        "docs/organisaties.md",
        "\n```{organisation} voedselbank-zwolle\n:name: Voedselbank Zwolle\n:telefoon: 0123\n```\n",
        # the options it names grow with the model: these must be among them
        r"docs/organisaties\.md:\d+: onbekende optie :telefoon: bij organisatie "
        r"\(toegestaan: (?P<allowed>[\w, ]+)\)",
    ),
    "malformed-date": (
        "docs/2012/deventer.md",
        "\n```{event} 2012-extra\n:name: Extra dag\n:edition: 2012\n:date: 5 oktober 2012\n```\n",
        r"docs/2012/deventer\.md:\d+: optie :date: heeft een ongeldige datum '5 oktober 2012' "
        r"\(schrijf JJJJ-MM-DD, bijvoorbeeld 2012-10-05\)",
    ),
}


@pytest.mark.parametrize("case", list(ERRORS))
def test_each_error_is_one_dutch_located_line(repo, case):
    relpath, addition, expected = ERRORS[case]
    path = repo / relpath
    path.write_text(path.read_text("utf-8") + addition, encoding="utf-8")
    added_line = path.read_text("utf-8").count("\n") - addition.count("\n") + 2
    result = kb(repo, "controleer")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1, result.stdout
    m = re.fullmatch(expected, lines[0])
    assert m, lines[0]
    if "allowed" in m.groupdict():
        assert {"name", "abbreviation", "url"} <= set(m["allowed"].split(", ")), lines[0]
    line = int(lines[0].split(":")[1])
    assert added_line <= line <= added_line + 4  # points into the added block
    assert result.stderr.strip() == "1 probleem gevonden."


def test_check_is_cached_yet_complete(repo):
    path = repo / "docs/bronnen.md"
    path.write_text(path.read_text("utf-8") + "\n```{event} kapot\n:name: X\n```\n", "utf-8")
    first = kb(repo, "controleer")
    second = kb(repo, "controleer")  # nothing re-read, problems still reported
    assert first.returncode == second.returncode == 1
    assert first.stdout == second.stdout
    assert "verplichte optie :edition: ontbreekt bij alliantiedag" in second.stdout
    assert (repo / "_build/controleer/.doctrees/environment.pickle").exists()


def test_list_and_export(repo):
    listed = kb(repo, "lijst", "spreker")
    assert listed.returncode == 0
    rows = [line.split(None, 2) for line in listed.stdout.splitlines()]
    assert ["persoon", "rene-gabriels", "René Gabriëls"] in rows
    assert all(row[0] == "persoon" for row in rows)
    exported = kb(repo, "export", "--uit", "kb.json")
    assert exported.returncode == 0, exported.stderr
    assert site_build(repo, out="_build/html").returncode == 0
    assert (repo / "kb.json").read_bytes() == (repo / "_build/html/kb.json").read_bytes()


def test_dutch_help_and_errors(repo):
    helped = kb(repo, "--help")
    assert helped.returncode == 0
    for dutch in (
        "gebruik: alliantie-kb",
        "opties:",
        "nieuw (new)",
        "controleer (check)",
        "toon deze hulp en stop",
    ):
        assert dutch in helped.stdout
    wrong = kb(repo, "nieuw", "sprekr", "X")
    assert wrong.returncode == 2
    assert "ongeldige keuze: 'sprekr'" in wrong.stderr


# -- CONTRIBUTING.md: every example is tested ------------------------------------------


def md_examples() -> list[str]:
    return re.findall(r"^````md\n(.*?)^````$", CONTRIBUTING, re.M | re.S)


def sh_commands() -> list[str]:
    blocks = re.findall(r"^```sh\n(.*?)^```$", CONTRIBUTING, re.M | re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def test_contributing_examples_build(repo):
    """Each object example replaces the object it shows; listings go on a page."""
    examples = md_examples()
    assert len(examples) >= 7
    assert sum(re.match(r"```\{(\w+)\}", e)[1] in TYPE_ALIASES for e in examples) >= 6  # Dutch
    extra = []
    for example in examples:
        m = re.match(r"```\{(\w+)\} (\S+)", example)
        assert m, example
        kind, objid = m.groups()
        if VIEW_ALIASES.get(kind, kind) == "listing":
            extra.append(example)
            continue
        # the docs may write the object under its English name, the example its Dutch one
        names = "|".join({kind, TYPE_ALIASES.get(kind, kind)})
        opening = re.compile(rf"^```\{{(?:{names})\}} {re.escape(objid)}$", re.M)
        (path,) = [p for p in (repo / "docs").rglob("*.md") if opening.search(p.read_text())]
        text = path.read_text("utf-8")
        start = opening.search(text).start()
        end = text.index("\n```\n", start) + 5
        path.write_text(text[:start] + example + text[end:], encoding="utf-8")
    (repo / "docs" / "voorbeelden.md").write_text(
        "---\norphan: true\n---\n\n# Voorbeelden\n\n" + "\n".join(extra), encoding="utf-8"
    )
    built = site_build(repo, out="_build/html")
    assert built.returncode == 0, built.stderr


def test_contributing_commands_run(repo):
    commands = sh_commands()
    assert "alliantie-kb controleer" in commands and "make html" in commands
    makefile = (REPO / "Makefile").read_text()
    for command in commands:
        if command.startswith("make "):
            assert re.search(rf"^{command.split()[1]}:", makefile, re.M), command
            continue
        assert command.startswith("alliantie-kb "), command
        import shlex

        if not command.startswith("alliantie-kb nieuw"):
            fill_placeholders(repo)  # "Vervang hem door je tekst" (CONTRIBUTING)
        result = kb(repo, *shlex.split(command)[1:])
        assert result.returncode == 0, (command, result.stdout, result.stderr)


def test_contributing_sample_output_is_real(repo):
    sample = re.search(r"^```text\n(.*?)^```$", CONTRIBUTING, re.M | re.S).group(1)
    assert kb(repo, "nieuw", "spreker", "Jan de Vries").returncode == 0
    assert kb(repo, "nieuw", "dag", "Zwolle", "--editie", "2013").returncode == 0
    page = repo / "docs/personen/jan-de-vries.md"
    replace(page, ":name: Jan de Vries\n", ":name: Jan de Vries\n:rool: voorzitter\n", 1)
    page.write_text(
        page.read_text() + "\nJan sprak met {speaker}`rene-gabriel` over "
        "{talk}`2012-vertwijfelde-woede`.\n",
        encoding="utf-8",
    )
    day = repo / "docs/2013/zwolle.md"
    replace(day, ":edition: 2013\n", ":edition: 2013\n:date: 12-10-2013\n", 1)
    fill_placeholders(repo)
    result = kb(repo, "controleer")
    assert result.stdout.strip().splitlines() == sample.strip().splitlines()
