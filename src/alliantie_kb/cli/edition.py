"""A new edition's pages: its index page, its landing-page entry and its book.

``nieuw editie 2013`` makes them on purpose; ``nieuw`` makes them too when
an object's edition has no page yet. The index page lists the edition's
days and draws its diagram; the book page decides what the printed edition
contains and starts from the newest other book's table of contents.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..editions import DEFAULT_BOOK_ROOT
from ..i18n import _
from ..model import YEAR_RE
from . import files, toctree
from .errors import CliError
from .inputs import check_edition
from .plan import Plan

#: A book's toctree entry in an edition's folder (``/2012/index``, ``2012/drachten``).
_EDITION_FOLDER = re.compile(r"^/?[0-9]{4}/")


def _index(plan: Plan, year: str) -> Path:
    return plan.src / year / "index.md"


def add_edition(plan: Plan, year: str) -> list[Path]:
    """An edition's index page, its landing-page entry and its book page: those made."""
    made: list[Path] = []
    index = _index(plan, year)
    if plan.read(index) is None:
        plan.write(index, _edition_page(year))
        made.append(index)
    landing = plan.src / "index.md"
    text = plan.read(landing)
    if text is None:
        plan.link(index)
    elif not toctree.globbed(text, f"{year}/index"):  # a glob toctree finds editions itself
        changed = toctree.with_edition_entry(text, year)
        if changed != text:
            plan.write(landing, changed)
            made.append(landing)
    book = plan.src / f"{DEFAULT_BOOK_ROOT.format(edition=year)}.md"
    if plan.read(book) is None:
        plan.write(book, _book_page(year, _book_entries(plan, year)))
        made.append(book)
    return made


def ensure_edition(plan: Plan, year: str) -> None:
    """A new edition when its page does not exist yet; an existing one is left alone."""
    if plan.read(_index(plan, year)) is None:
        add_edition(plan, year)


def _book_entries(plan: Plan, year: str) -> list[str]:
    """The toctree of the newest other book, with this edition's index instead of its own."""
    others = sorted(
        (p for p in plan.src.glob(DEFAULT_BOOK_ROOT.format(edition="*") + ".md")
         if YEAR_RE.fullmatch(p.stem) and p.stem != year and p.is_file()),
        key=lambda p: p.stem,
    )  # fmt: skip
    entries = [f"/{year}/index"]
    for other in reversed(others):
        found = toctree.first_entries(plan.read(other) or "")
        if found is None:
            continue
        for line in found:
            if not _EDITION_FOLDER.match(line) and line not in entries:
                entries.append(line)
        break
    return entries


def _edition_page(year: str) -> str:
    title = _("Alliance days %s") % year
    describe = _("Describe the %s here in your own words, with the source.") % title
    days = _("The days")
    table = _(
        "The table below is made from the days' data, sorted by date; days without a\n"
        "date come last."
    )
    glance = _("At a glance")
    return f"""# {title}

% {describe}

## {days}

{table}

```{{listing}} event
:filter: edition = {year}
:columns: title, place, region, date
```

```{{toctree}}
:maxdepth: 1

```

## {glance}

```{{diagram}} {year}
```
"""


def _book_page(year: str, entries: list[str]) -> str:
    listed = "\n".join(entries)
    title = _("Contents of the printed edition %s") % year
    about = (
        _(
            "This page decides what the PDF and e-book edition of the Alliance days %s\n"
            "contains: the pages in the table of contents below, in that order."
        )
        % year
    )
    return f"""---
orphan: true
nosearch: true
---

# {title}

{about}

```{{toctree}}
:maxdepth: 2

{listed}
```
"""


def new_edition(src: Path, year: str) -> list[Path]:
    """``nieuw editie 2013``: the edition's page, landing-page entry and book; files made."""
    year = check_edition(year)
    plan = Plan(src)
    made = add_edition(plan, year)
    if not made:
        index = _index(plan, year)
        raise CliError(
            f"de editie {year} bestaat al ({os.path.relpath(index)}); voeg een dag toe met: "
            f'alliantie-kb nieuw dag "Plaats" --editie {year}'
        )
    files.commit(plan.changes)
    return made
