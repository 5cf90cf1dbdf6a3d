"""The "by hand" flavour: what a volunteer writes without the extension.

The same objects as the ``kb`` flavour (corpus.model), and the same visible
information, in plain Sphinx and MyST only:

* every object is a heading with a label, ``(id)=``, its fields a field list;
* every relation is a ``{ref}`` link to the label of its target;
* every object that others refer to ends with the "Zie ook" sentence the
  extension writes ("Genoemd in de lezingen … en in de aanbevelingen …");
* the overview page holds the same tables with the same rows, and a
  register page lists each type, as the extension's domain indices do.

Nothing is computed at build time: the writer does the work once, as the
person keeping such a site by hand would have to on every change.
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from pathlib import Path

from corpus import REGIONS, THEMES, Page, Rec, model

HAND_CONF = """extensions = ["myst_parser"]
myst_enable_extensions = ["fieldlist"]
language = "nl"
html_theme = "basic"
html_sidebars = {"**": ["searchbox.html"]}
exclude_patterns = ["_build"]
"""

ORGS = {"org-rijk": "Rijksoverheid", "org-vng": "Vereniging van Nederlandse Gemeenten"}
UNKNOWN = "niet vermeld in het artikel"
#: kind of the referring object -> the plural the extension's sentence uses
PLURAL = {"talk": ("lezing", "lezingen"), "rec": ("aanbeveling", "aanbevelingen")}


def ref(target: str) -> str:
    """A MyST cross-reference to a label (its text is the target's heading)."""
    return f"{{ref}}`{target}`"


def joined(items: list[str]) -> str:
    """Dutch enumeration: "a, b en c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def addressee(value: str) -> str:
    """An organisation is a link; any other addressee is its own words."""
    return ref(value) if value in ORGS else value


def referrers(speakers, pages: list[Page]) -> dict[str, dict[str, list[str]]]:
    """target id -> kind of referrer -> the referrers' ids, in source order."""
    back: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for page in pages:
        for tid, _title, spk, _text in page.talks:
            back[spk]["talk"].append(tid)
        for r in page.recs:
            for target in (r.source, r.speaker, r.addressee):
                if target.startswith(("dag-", "werkgroep-", "lezing-", "spreker-", "org-")):
                    if r.id not in back[target]["rec"]:
                        back[target]["rec"].append(r.id)
    return back


def see_also(target: str, back) -> str:
    """The "Zie ook" paragraph of one object, or nothing."""
    parts = []
    for kind in ("talk", "rec"):
        ids = back.get(target, {}).get(kind, [])
        if ids:
            word = PLURAL[kind][1 if len(ids) > 1 else 0]
            parts.append(f"in de {word} " + joined([ref(i) for i in ids]))
    if not parts:
        return ""
    return "**Zie ook**\n\nGenoemd " + " en ".join(parts) + ".\n"


def _rec(r: Rec, back) -> str:
    return (
        f"({r.id})=\n### {r.title}\n\nAanbeveling van {ref(r.speaker)} aan "
        f"{addressee(r.addressee)}\n\n:Bron: {ref(r.source)}\n:Thema: {r.theme}\n\n{r.text}\n"
    )


def _page(page: Page, back) -> str:
    number = int(page.id[-5:])
    lines = [f"({page.id})=\n# {page.title}\n"]
    if page.kind == "event":
        lines.append(
            f"Alliantiedag regio {REGIONS[number % 5].capitalize()}\n\n"
            f":Datum: {UNKNOWN}\n:Plaats: {UNKNOWN}\n"
        )
    else:
        lines.append(f"Werkgroep\n\n:Thema: {THEMES[number % len(THEMES)]}\n")
    lines.append(f"{page.intro}\n")
    lines.append(see_also(page.id, back))
    for tid, title, spk, text in page.talks:
        lines.append(f"({tid})=\n## {title}\n\nLezing door {ref(spk)}\n")
        lines.append(f"{text}\n")
        lines.append(see_also(tid, back))
    lines.append("## Aanbevelingen\n")
    lines.extend(_rec(r, back) for r in page.recs)
    return "\n".join(line for line in lines if line)


def _table(header: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    out += ["| " + " | ".join(cells) + " |" for cells in rows]
    return "\n".join(out) + "\n"


def _overview(speakers, pages: list[Page], back) -> str:
    recs = [r for page in pages for r in page.recs]
    lines = ["# Overzichten\n", "## Aanbevelingen per thema\n"]
    for theme in sorted({r.theme for r in recs}):
        lines.append(f"**{theme}**\n")
        rows = [[ref(r.id), ref(r.source), ref(r.speaker)] for r in recs if r.theme == theme]
        lines.append(_table(["Titel", "Bron", "Voorgesteld door"], rows))
    lines.append("## Sprekers\n")
    rows = [
        [ref(sid), ", ".join(map(ref, back[sid]["talk"])), ", ".join(map(ref, back[sid]["rec"]))]
        for sid, _name, _text in speakers
    ]
    lines.append(_table(["Naam", "Lezingen", "Aanbevelingen"], rows))
    lines.append("## Dagen\n")
    rows = [
        [ref(p.id), UNKNOWN, UNKNOWN, REGIONS[int(p.id[-5:]) % 5].capitalize()]
        for p in pages
        if p.kind == "event"
    ]
    lines.append(_table(["Naam", "Datum", "Plaats", "Regio"], rows))
    return "\n".join(lines)


def _register(speakers, pages: list[Page]) -> str:
    """One list per type, like the extension's domain index pages."""
    sections = [
        ("Personen", [f"- {ref(sid)} (deskundige)" for sid, _n, _t in speakers]),
        ("Dagen", [f"- {ref(p.id)}" for p in pages if p.kind == "event"]),
        ("Werkgroepen", [f"- {ref(p.id)}" for p in pages if p.kind == "workshop"]),
        ("Lezingen", [f"- {ref(t[0])}" for p in pages for t in p.talks]),
        ("Aanbevelingen", [f"- {ref(r.id)} ({ref(r.source)})" for p in pages for r in p.recs]),
        ("Organisaties", [f"- {ref(o)}" for o in ORGS]),
    ]
    lines = ["# Register\n"]
    for title, items in sections:
        lines += [f"## {title}\n", "\n".join(items) + "\n"]
    return "\n".join(lines)


def write_hand(out: Path, speakers, pages: list[Page]) -> None:
    """Write the by-hand corpus into OUT (conf.py, pages, overview, register)."""
    back = referrers(speakers, pages)
    (out / "sprekers").mkdir(parents=True)
    (out / "p").mkdir()
    (out / "conf.py").write_text(HAND_CONF)
    orgs = ["# Organisaties\n"]
    for oid, name in ORGS.items():
        orgs += [f"({oid})=\n## {name}\n\nOrganisatie\n", see_also(oid, back)]
    (out / "organisaties.md").write_text("\n".join(line for line in orgs if line))
    for sid, name, text in speakers:
        body = f"({sid})=\n# {name}\n\nPersoon\n\n:Rol: deskundige\n\n{text}\n\n"
        (out / "sprekers" / f"{sid}.md").write_text(body + see_also(sid, back))
    for page in pages:
        (out / "p" / f"{page.name}.md").write_text(_page(page, back))
    (out / "overzicht.md").write_text(_overview(speakers, pages, back))
    (out / "register.md").write_text(_register(speakers, pages))
    (out / "index.md").write_text(
        "# Kennisbank\n\n```{toctree}\n:maxdepth: 1\n:glob:\n\noverzicht\nregister\n"
        "organisaties\nsprekers/*\np/*\n```\n"
    )


#: The recommendation the benchmark moves, and where it moves to.
MOVED, MOVED_TO = (1, 0), "lezing-00002-0"


def move_hand(out: Path, n: int) -> None:
    """Move the first recommendation of page 1 to another source, or back,
    as a volunteer keeping the site by hand must: its own "Bron", the
    "Zie ook" of the old and the new source, the overview row and the
    register entry. Only the files whose text changes are written."""
    speakers, pages = model(n)
    rec = pages[MOVED[0]].recs[MOVED[1]]
    text = (out / "p" / f"{pages[MOVED[0]].name}.md").read_text("utf-8")
    current = text[text.index(":Bron: ", text.index(f"({rec.id})=")) :].split("`")[1]
    other = MOVED_TO if rec.source != MOVED_TO else pages[MOVED[0]].id
    rec.source = other if current == rec.source else rec.source
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "hand"
        fresh.mkdir()
        write_hand(fresh, speakers, pages)
        for new in fresh.rglob("*.md"):
            old = out / new.relative_to(fresh)
            if old.read_text("utf-8") != new.read_text("utf-8"):
                old.write_text(new.read_text("utf-8"), "utf-8")
