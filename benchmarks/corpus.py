"""Synthetic knowledge bases shaped like the real one, in four flavours.

    python benchmarks/corpus.py N OUT      writes OUT/kb, OUT/hand, OUT/plain, OUT/needs

* ``kb``: N content pages (alternately one Alliance day or one workshop, two
  talks and eight recommendations each) referring to a pool of N/5 speaker
  pages, plus overview pages with listings over all objects; backlinks come
  with every object.
* ``hand``: plain Sphinx (MyST) with the same visible information as ``kb``,
  written out as a volunteer would without the extension: each object's
  fields as a field list, relations as ``{ref}`` links to labels, the
  "Zie ook" sentences, the overview tables and a register page spelled out
  (corpus_hand.py). The baseline of the budgets.
* ``plain``: the same text as headings and paragraphs, no directives (the floor).
* ``needs``: the same objects as sphinx-needs needs, ``:links:`` for the
  relations and ``needtable`` for the overviews.

Deterministic: the same N gives the same files.
"""

from __future__ import annotations

import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

WORDS = (
    "armoede alliantie gemeente uitkering schulden voedselbank cliëntenraad "
    "participatie solidariteit zekerheid werkgroep zorg inkomen werk "
    "bijstand regeling overheid vertrouwen respect gelijkwaardigheid "
    "samenwerking ontwikkeling samenleving beleid bezuiniging kwetsbaar "
    "burger organisatie vrijwilliger ervaring deskundige toekomst "
    "voorziening bewoner wijk buurt minimum toeslag huur energie kinderen "
    "ouderen jongeren onderwijs gezondheid eenzaamheid meedoen aanpak"
).split()
GLUE = "de het een en van in op met voor door dat die niet ook maar wel om".split()
THEMES = ("werk", "inkomen", "zorg", "wonen", "participatie", "schulden")
ADDRESSEES = ("de overheid", "gemeenten", "org-rijk", "org-vng", "de Sociale Alliantie")
KINDS = ("advies", "verweer", "vernieuwing")
REGIONS = ("noord", "oost", "zuid", "west", "midden")


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) if i % 3 else rng.choice(GLUE) for i in range(n)]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def paragraph(rng: random.Random, words: int) -> str:
    out, count = [], 0
    while count < words:
        n = rng.randint(8, 16)
        out.append(sentence(rng, n))
        count += n
    return " ".join(out)


@dataclass
class Rec:
    id: str
    title: str
    source: str
    speaker: str
    addressee: str
    theme: str
    kind: str
    text: str


@dataclass
class Page:
    name: str
    kind: str  # "event" or "workshop"
    id: str
    title: str
    intro: str
    talks: list[tuple[str, str, str, str]] = field(default_factory=list)  # id, title, spk, text
    recs: list[Rec] = field(default_factory=list)


def model(n: int, seed: int = 2012):
    rng = random.Random(seed)
    speakers = [
        (f"spreker-{i:05d}", f"Spreker {i}", paragraph(rng, 40)) for i in range(max(2, n // 5))
    ]
    pages = []
    for i in range(n):
        kind = "event" if i % 2 == 0 else "workshop"
        pid = f"{'dag' if kind == 'event' else 'werkgroep'}-{i:05d}"
        page = Page(
            f"p{i:05d}",
            kind,
            pid,
            f"{'Dag' if kind == 'event' else 'Werkgroep'} {i}",
            paragraph(rng, 60),
        )
        for t in range(2):
            page.talks.append(
                (
                    f"lezing-{i:05d}-{t}",
                    f"Lezing {i}.{t}",
                    rng.choice(speakers)[0],
                    paragraph(rng, 60),
                )
            )
        for r in range(8):
            source = rng.choice([pid, page.talks[0][0], page.talks[1][0]])
            page.recs.append(
                Rec(
                    f"aanbeveling-{i:05d}-{r}",
                    f"Aanbeveling {i}.{r}",
                    source,
                    rng.choice(speakers)[0],
                    rng.choice(ADDRESSEES),
                    rng.choice(THEMES),
                    rng.choice(KINDS),
                    paragraph(rng, 25),
                )
            )
        pages.append(page)
    return speakers, pages


# -- kb flavour ---------------------------------------------------------------------

KB_CONF = """extensions = ["myst_parser", "alliantie_kb"]
primary_domain = "kb"
toc_object_entries = False
language = "nl"
html_theme = "basic"
html_sidebars = {"**": ["searchbox.html"]}
exclude_patterns = ["_build"]
graphviz_output_format = "svg"
kb_pagefind = True
"""


def write_kb(out: Path, speakers, pages) -> None:
    (out / "sprekers").mkdir(parents=True)
    (out / "p").mkdir()
    (out / "conf.py").write_text(KB_CONF)
    (out / "organisaties.md").write_text(
        "# Organisaties\n\n```{organisation} org-rijk\n:name: Rijksoverheid\n```\n\n"
        "```{organisation} org-vng\n:name: Vereniging van Nederlandse Gemeenten\n```\n"
    )
    for sid, name, text in speakers:
        (out / "sprekers" / f"{sid}.md").write_text(
            f"# {name}\n\n```{{speaker}} {sid}\n:name: {name}\n:role: deskundige\n\n{text}\n```\n"
        )
    for page in pages:
        lines = [f"# {page.title}\n"]
        if page.kind == "event":
            lines.append(
                f"```{{event}} {page.id}\n:name: {page.title}\n:edition: 2012\n"
                f":region: {REGIONS[int(page.id[-5:]) % 5]}\n\n{page.intro}\n```\n"
            )
        else:
            lines.append(
                f"```{{workshop}} {page.id}\n:title: {page.title}\n:edition: 2012\n"
                f":theme: {THEMES[int(page.id[-5:]) % len(THEMES)]}\n\n{page.intro}\n```\n"
            )
        for tid, title, spk, text in page.talks:
            lines.append(
                f"## {title}\n\n```{{talk}} {tid}\n:title: {title}\n:speakers: {spk}\n"
                f":edition: 2012\n\n{text}\n```\n"
            )
        lines.append("## Aanbevelingen\n")
        for r in page.recs:
            lines.append(
                f"```{{recommendation}} {r.id}\n:title: {r.title}\n:source: {r.source}\n"
                f":speaker: {r.speaker}\n:addressee: {r.addressee}\n:theme: {r.theme}\n"
                f":kind: {r.kind}\n\n{r.text}\n```\n"
            )
        (out / "p" / f"{page.name}.md").write_text("\n".join(lines))
    (out / "overzicht.md").write_text(
        "# Overzichten\n\n## Aanbevelingen per thema\n\n```{listing} recommendation\n"
        ":group-by: theme\n:columns: title, source, speaker\n```\n\n"
        "## Sprekers\n\n```{listing} speaker\n:columns: title, talks, recommendations\n```\n\n"
        "## Dagen\n\n```{listing} event\n```\n"
    )
    (out / "index.md").write_text(
        "# Kennisbank\n\n```{toctree}\n:maxdepth: 1\n:glob:\n\noverzicht\norganisaties\n"
        "sprekers/*\np/*\n```\n"
    )


# -- plain flavour ------------------------------------------------------------------

PLAIN_CONF = """extensions = ["myst_parser"]
language = "nl"
html_theme = "basic"
html_sidebars = {"**": ["searchbox.html"]}
exclude_patterns = ["_build"]
"""


def write_plain(out: Path, speakers, pages) -> None:
    (out / "sprekers").mkdir(parents=True)
    (out / "p").mkdir()
    (out / "conf.py").write_text(PLAIN_CONF)
    (out / "organisaties.md").write_text(
        "# Organisaties\n\n## Rijksoverheid\n\nOrganisatie.\n\n"
        "## Vereniging van Nederlandse Gemeenten\n\nOrganisatie.\n"
    )
    for sid, name, text in speakers:
        (out / "sprekers" / f"{sid}.md").write_text(f"# {name}\n\nDeskundige.\n\n{text}\n")
    for page in pages:
        lines = [f"# {page.title}\n", f"{page.intro}\n"]
        for _tid, title, _spk, text in page.talks:
            lines.append(f"## {title}\n\n{text}\n")
        lines.append("## Aanbevelingen\n")
        for r in page.recs:
            lines.append(f"### {r.title}\n\n{r.text}\n")
        (out / "p" / f"{page.name}.md").write_text("\n".join(lines))
    (out / "overzicht.md").write_text("# Overzichten\n\nDe overzichten.\n")
    (out / "index.md").write_text(
        "# Kennisbank\n\n```{toctree}\n:maxdepth: 1\n:glob:\n\noverzicht\norganisaties\n"
        "sprekers/*\np/*\n```\n"
    )


# -- sphinx-needs flavour ------------------------------------------------------------

NEEDS_CONF = """extensions = ["myst_parser", "sphinx_needs"]
language = "nl"
html_theme = "basic"
html_sidebars = {"**": ["searchbox.html"]}
exclude_patterns = ["_build"]
needs_types = [
    dict(directive="event", title="Alliantiedag", prefix="E_", color="#d6e9f8", style="node"),
    dict(directive="workshop", title="Werkgroep", prefix="W_", color="#e3f1dc", style="node"),
    dict(directive="talk", title="Lezing", prefix="T_", color="#e3f1dc", style="node"),
    dict(directive="recommendation", title="Aanbeveling", prefix="R_", color="#fff6cc",
         style="node"),
    dict(directive="speaker", title="Spreker", prefix="S_", color="#f8dcdc", style="node"),
    dict(directive="organisation", title="Organisatie", prefix="O_", color="#eadcf1",
         style="node"),
]
needs_extra_options = ["theme", "kind", "addressee", "edition", "region", "role"]
suppress_warnings = ["needs.deprecated"]
needs_id_regex = "^[A-Za-z0-9_]+"
"""


def _nid(kb_id: str) -> str:
    return kb_id.upper().replace("-", "_")


def write_needs(out: Path, speakers, pages) -> None:
    (out / "sprekers").mkdir(parents=True)
    (out / "p").mkdir()
    (out / "conf.py").write_text(NEEDS_CONF)
    (out / "organisaties.md").write_text(
        "# Organisaties\n\n```{organisation} Rijksoverheid\n:id: ORG_RIJK\n```\n\n"
        "```{organisation} Vereniging van Nederlandse Gemeenten\n:id: ORG_VNG\n```\n"
    )
    for sid, name, text in speakers:
        (out / "sprekers" / f"{sid}.md").write_text(
            f"# {name}\n\n```{{speaker}} {name}\n:id: {_nid(sid)}\n:role: deskundige\n\n"
            f"{text}\n```\n"
        )
    for page in pages:
        lines = [f"# {page.title}\n"]
        extra = (
            "" if page.kind == "event" else f":theme: {THEMES[int(page.id[-5:]) % len(THEMES)]}\n"
        )
        lines.append(
            f"```{{{page.kind}}} {page.title}\n:id: {_nid(page.id)}\n:edition: 2012\n"
            f"{extra}\n{page.intro}\n```\n"
        )
        for tid, title, spk, text in page.talks:
            lines.append(
                f"## {title}\n\n```{{talk}} {title}\n:id: {_nid(tid)}\n"
                f":links: {_nid(spk)}, {_nid(page.id)}\n\n{text}\n```\n"
            )
        lines.append("## Aanbevelingen\n")
        for r in page.recs:
            links = [_nid(r.source), _nid(r.speaker)]
            if r.addressee.startswith("org-"):
                links.append(_nid(r.addressee))
            lines.append(
                f"```{{recommendation}} {r.title}\n:id: {_nid(r.id)}\n"
                f":links: {', '.join(links)}\n:theme: {r.theme}\n:kind: {r.kind}\n"
                f":addressee: {r.addressee}\n\n{r.text}\n```\n"
            )
        (out / "p" / f"{page.name}.md").write_text("\n".join(lines))
    (out / "overzicht.md").write_text(
        "# Overzichten\n\n## Aanbevelingen per thema\n\n```{needtable}\n:types: recommendation\n"
        ":columns: id, title, theme, links\n:sort: theme\n```\n\n"
        "## Sprekers\n\n```{needtable}\n:types: speaker\n:columns: id, title, links_back\n```\n\n"
        "## Dagen\n\n```{needtable}\n:types: event\n```\n"
    )
    (out / "index.md").write_text(
        "# Kennisbank\n\n```{toctree}\n:maxdepth: 1\n:glob:\n\noverzicht\norganisaties\n"
        "sprekers/*\np/*\n```\n"
    )


#: The Read the Docs theme with its default settings (benchmarks/navigation.py).
RTD_DEFAULT_CONF = """
html_theme = "sphinx_rtd_theme"
html_sidebars = {}
"""

#: The Read the Docs theme as the real site uses it, with the options that
#: keep its navigation small: the other branches folded away, titles only.
RTD_CONF = """
html_theme = "sphinx_rtd_theme"
html_sidebars = {}
html_theme_options = {"collapse_navigation": True, "navigation_depth": 2, "titles_only": True}
"""


def in_sections(src: Path, size: int) -> None:
    """Put the content and speaker pages under section pages of SIZE pages
    each, so that a theme's global navigation (collapsed) lists the sections
    and the current section's pages, not every page of the site."""
    (src / "delen").mkdir()
    index = src / "index.md"
    text = index.read_text()
    for folder in ("p", "sprekers"):
        names = sorted(page.stem for page in (src / folder).glob("*.md"))
        for start in range(0, len(names), size):
            number = start // size
            entries = "\n".join(f"/{folder}/{name}" for name in names[start : start + size])
            (src / "delen" / f"{folder}-{number:04d}.md").write_text(
                f"# Deel {number + 1}\n\n```{{toctree}}\n:maxdepth: 1\n\n{entries}\n```\n"
            )
        text = text.replace(f"{folder}/*\n", f"delen/{folder}-*\n")
    index.write_text(text)


def write_all(n: int, out: Path, theme: str = "basic", section: int = 0) -> dict[str, Path]:
    """Write the four flavours of size N under OUT; ``theme="rtd"`` builds
    them with the Read the Docs theme, ``section`` > 0 groups the content
    pages in sections of that many pages."""
    from corpus_hand import write_hand

    speakers, pages = model(n)
    paths = {}
    writers = {"kb": write_kb, "hand": write_hand, "plain": write_plain, "needs": write_needs}
    for flavour, writer in writers.items():
        target = out / flavour
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        writer(target, speakers, pages)
        if theme == "rtd":
            with (target / "conf.py").open("a") as conf:
                conf.write(RTD_CONF)
        if section:
            in_sections(target, section)
        paths[flavour] = target
    return paths


if __name__ == "__main__":
    size, where = int(sys.argv[1]), Path(sys.argv[2])
    for flavour, path in write_all(size, where).items():
        print(flavour, path)
