"""A volunteer's afternoon (issue 12): a 2013 day with a person, a talk, a
workshop and a recommendation, made with ``alliantie-kb`` alone in a copy of
the knowledge base; every common mistake made once; each reported once, in
Dutch, at the line the volunteer wrote, with a hint that leads to the fix; then
fixed, and the check, the strict build and the content checks are green.
"""

from __future__ import annotations

import re
from pathlib import Path

import content_checks

from conftest import copy_site, fill_placeholders, kb, kb_objects, site_build

PROBLEM = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+): (?P<message>.+)$", re.M)


def ok(root: Path, *args: str) -> str:
    done = kb(root, *args)
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    assert "Traceback" not in done.stdout + done.stderr
    return done.stdout


def append(path: Path, text: str) -> int:
    """Append ``text`` (starting on a new line); return the line it starts on."""
    old = path.read_text("utf-8")
    if not old.endswith("\n"):
        old += "\n"
    path.write_text(old + "\n" + text, encoding="utf-8")
    return old.count("\n") + 2


def test_a_volunteer_adds_a_day_makes_every_mistake_once_and_fixes_them(tmp_path):
    root, docs = copy_site(tmp_path), tmp_path / "docs"

    # -- the day, made with the command alone ----------------------------------
    ok(root, "nieuw", "editie", "2013")
    ok(root, "nieuw", "dag", "Zwolle")
    ok(root, "nieuw", "spreker", "Fatima El Amrani")
    ok(root, "nieuw", "lezing", "Armoede in de stad", "--dag", "2013-zwolle")
    ok(root, "nieuw", "werkgroep", "Werk en inkomen", "--dag", "2013-zwolle")
    ok(root, "nieuw", "aanbeveling", "Luister naar ervaringsdeskundigen", "--van", "2013-zwolle")
    person = docs / "personen" / "fatima-el-amrani.md"
    as_made = person.read_text("utf-8")  # with the line `nieuw` asks to replace
    fill_placeholders(root)  # the volunteer writes the descriptions
    ok(root, "controleer")
    good = {p: p.read_bytes() for p in docs.rglob("*.md")}

    # -- every common mistake, once ----------------------------------------------
    day = docs / "2013" / "zwolle.md"
    expected: list[tuple[Path, int, str, str]] = []  # file, line, Dutch stable part, hint

    line = append(day, "Ook sprak {spreker}`jan-jansen`.\n")
    create = 'maak hem dan eerst aan met: alliantie-kb nieuw persoon "Jan Jansen"'
    expected.append((day, line, "onbekende persoon 'jan-jansen'", create))
    line = append(day, "De dag werd geopend door {spreker}`Fatima El Amrani`.\n")
    expected.append((day, line, "is een naam, geen id", "bedoelde u de id 'fatima-el-amrani'?"))
    line = append(day, "Zij sprak met {spreker}fatima-el-amrani over werk.\n")
    expected.append((day, line, "zonder backticks", "schrijf {spreker}`fatima-el-amrani`"))
    person.write_text(as_made, encoding="utf-8")  # forgot to describe her
    line = as_made.splitlines().index(next(x for x in as_made.splitlines() if x.startswith("% ")))
    expected.append((person, line + 1, "invulregel", ""))
    line = append(day, "```{lezing} 2013-armoede-in-de-stad-2\n:titel: Armoede in de stad\n"
                       ":dag: 2013-zwolle\n:editie: 2013\n```\n")  # fmt: skip
    expected.append((day, line, "dezelfde titel", "2013-armoede-in-de-stad"))
    line = append(day, "```{werkgroep} 2013-werkgroep-geld\n:titel: Geld\n:dag: 2013-zwolle\n"
                       ":them: geld\n:editie: 2013\n```\n")  # fmt: skip
    expected.append((day, line + 3, "onbekende optie :them:", "bedoelde u :the"))
    line = append(day, "```{aanbeveling} 2013-wees-open\n:titel: Wees open\n\n:bron: 2013-zwolle\n"
                       ":editie: 2013\n```\n")  # fmt: skip
    expected.append((day, line + 3, "wordt als tekst gelezen", "zonder lege regel"))

    checked = kb(root, "controleer")
    assert checked.returncode == 1
    assert "Traceback" not in checked.stdout + checked.stderr
    problems = [m.groupdict() for m in PROBLEM.finditer(checked.stdout)]
    for path, line, part, hint in expected:
        where = path.relative_to(root).as_posix()
        hits = [p for p in problems if p["path"] == where and part in p["message"]]
        assert len(hits) == 1, (where, part, checked.stdout)
        assert int(hits[0]["line"]) == line, (part, hits[0], checked.stdout)
        assert hint in hits[0]["message"], (hint, hits[0])
    # one cause, one message: nothing else, and no English
    assert len(problems) == len(expected), checked.stdout
    assert f"{len(expected)} problemen gevonden." in checked.stderr
    for english in ("Unknown", "unknown", "did you mean", "WARNING"):
        assert english not in checked.stdout, checked.stdout

    # -- fixed: as they were before the mistakes -----------------------------------
    for path in list(docs.rglob("*.md")):
        if path not in good:
            path.unlink()
    for path, data in good.items():
        path.write_bytes(data)
    checked = kb(root, "controleer")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Geen problemen gevonden." in checked.stdout + checked.stderr
    out = root / "_build" / "html"
    built = site_build(root, "-E", out="_build/html")
    assert built.returncode == 0, built.stderr
    for check in content_checks.CHECKS:
        check(out)
    assert {"2013-zwolle", "fatima-el-amrani", "2013-armoede-in-de-stad"} <= set(
        kb_objects(out)
    )
