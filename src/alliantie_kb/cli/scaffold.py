"""``alliantie-kb nieuw``: a well-formed object in the right file.

Everything is decided first — ids checked, relations checked against the
model, every page and table of contents it touches computed in memory — and
only then written, all at once (``files.commit``).
"""

from __future__ import annotations

import datetime
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..edition_check import edition_relations
from ..editions import DEFAULT_BOOK_ROOT
from ..i18n import _
from ..model import OBJECT_TYPES, TYPE_ALIASES, YEAR_RE, type_name
from ..scaffold_text import PLACEHOLDER
from ..validation import closest
from . import files
from .errors import CliError, show
from .inputs import check_edition, check_id, check_name, heading_text, id_from_name, option_value
from .language import option_word
from .parser import DUTCH_TYPE, TYPE_NAMES
from .paths import inside, page_path

_DIRECTIVE = re.compile(
    r"^(?P<fence>`{3,}|:{3,})\{(?:kb:)?(?P<type>"
    + "|".join((*OBJECT_TYPES, *TYPE_ALIASES))
    + r")\}[ \t]+(?P<id>\S+)",
    re.M,
)
_OPTION = re.compile(r":([\w-]+):[ \t]*([^\n]*)\n?")
_DAY_PREFIX = re.compile(r"^(?:alliantiedag|alliance\s+day)\s+", re.IGNORECASE)
_TOCTREE = re.compile(
    r"^(?P<fence>`{3,}|:{3,})\{toctree\}[^\n]*\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.M | re.S
)
_ORPHAN = re.compile(r"\A---[ \t]*\n(?:[^\n]*\n)*?orphan:[ \t]*true[ \t]*\n(?:[^\n]*\n)*?---", re.M)
#: A toctree entry that is an edition's index page (``2013/index``).
_EDITION_ENTRY = re.compile(r"^/?(?P<year>[0-9]{4})/index\Z")
#: Where objects of each type go when neither --dag/--van nor --bestand says.
_PAGE_OF = {"talk": "lezingen", "workshop": "werkgroepen", "recommendation": "aanbevelingen"}
#: The option that names the day or source, per type: (command-line option, field).
_ANCHOR = {"talk": ("--dag", "event"), "workshop": ("--dag", "event"),
           "recommendation": ("--van", "source")}  # fmt: skip


@dataclass
class Defined:
    """An object directive found in the sources (without running Sphinx)."""

    id: str
    type: str
    path: Path
    line: int
    #: The options directly below the directive line (``event: 2012-drachten``).
    options: dict[str, str] = field(default_factory=dict)


def _pages(src: Path) -> list[Path]:
    """The .md pages Sphinx would read: regular files, no ``_``/``.`` folders, none outside."""
    found = []
    for folder, dirs, names in os.walk(src):
        dirs[:] = sorted(d for d in dirs if not d.startswith(("_", ".")))
        for name in sorted(names):
            path = Path(folder) / name
            if name.endswith(".md") and path.is_file() and inside(src, path):
                found.append(path)
    return found


def _options_below(text: str, pos: int) -> dict[str, str]:
    """The ``:name: value`` lines that start at ``pos``, up to the first other line."""
    options: dict[str, str] = {}
    while pos and (m := _OPTION.match(text, pos)):
        options.setdefault(m[1], m[2].strip())
        pos = m.end()
    return options


def defined_objects(src: Path) -> dict[str, Defined]:
    """Every object directive in the sources; unreadable bytes are replaced."""
    found: dict[str, Defined] = {}
    for path in _pages(src):
        try:
            text = path.read_bytes().decode("utf-8", errors="replace")
        except OSError:
            continue
        for m in _DIRECTIVE.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            objtype = OBJECT_TYPES[type_name(m["type"])]  # {spreker} is a speaker
            below = _options_below(text, text.find("\n", m.end()) + 1)
            options: dict[str, str] = {}
            for name, value in below.items():
                options.setdefault(objtype.option_name(name), value)  # :naam: is :name:
            found.setdefault(m["id"], Defined(m["id"], objtype.name, path, line, options))
    return found


@dataclass
class Plan:
    """The new content of every file the command touches, kept in memory."""

    src: Path
    changes: dict[Path, str] = field(default_factory=dict)

    def read(self, path: Path) -> str | None:
        path = page_path(self.src, path, option="pad")
        if path in self.changes:
            return self.changes[path]
        if not path.exists():
            return None
        try:
            return path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            raise CliError(
                _("%s is not UTF-8; save the file as UTF-8 and try again") % show(path)
            ) from None

    def write(self, path: Path, text: str) -> None:
        self.changes[page_path(self.src, path, option="pad")] = text

    def new_page(self, path: Path, title: str) -> bool:
        """Create ``path`` with a heading and list it in the nearest table of contents."""
        if self.read(path) is not None:
            return False
        self.write(path, f"# {heading_text(title)}\n\n")
        self.link(path)
        return True

    def link(self, page: Path) -> None:
        """Add ``page`` to the toctree of the nearest ``index.md`` above it."""
        folder = page.parent.parent if page.name == "index.md" else page.parent
        while folder == self.src or self.src in folder.parents:
            index = folder / "index.md"
            if index != page and self.read(index) is not None:
                entry = page.relative_to(folder).with_suffix("").as_posix()
                self.write(index, _with_toctree_entry(self.read(index) or "", entry))
                return
            folder = folder.parent

    def edition(self, year: str) -> list[Path]:
        """An edition's index page, its landing-page entry and its book page: those made."""
        made: list[Path] = []
        index = self.src / year / "index.md"
        if self.read(index) is None:
            self.write(index, _edition_page(year))
            made.append(index)
        landing = self.src / "index.md"
        text = self.read(landing)
        if text is None:
            self.link(index)
        elif not _globbed(text, f"{year}/index"):  # a glob toctree finds editions itself
            changed = _with_edition_entry(text, year)
            if changed != text:
                self.write(landing, changed)
                made.append(landing)
        book = self.src / f"{DEFAULT_BOOK_ROOT.format(edition=year)}.md"
        if self.read(book) is None:
            self.write(book, _book_page(year, self._book_entries(year)))
            made.append(book)
        return made

    def ensure_edition(self, year: str) -> None:
        """A new edition when its page does not exist yet; an existing one is left alone."""
        if self.read(self.src / year / "index.md") is None:
            self.edition(year)

    def _book_entries(self, year: str) -> list[str]:
        """The toctree of the newest other book, with this edition's index instead of its own."""
        others = sorted(
            (p for p in self.src.glob(DEFAULT_BOOK_ROOT.format(edition="*") + ".md")
             if YEAR_RE.fullmatch(p.stem) and p.stem != year and p.is_file()),
            key=lambda p: p.stem,
        )  # fmt: skip
        entries = [f"/{year}/index"]
        for other in reversed(others):
            m = _TOCTREE.search(self.read(other) or "")
            if m is None:
                continue
            for line in _entry_lines(m["body"]):
                if not re.match(r"^/?[0-9]{4}/", line) and line not in entries:
                    entries.append(line)
            break
        return entries

    def listed(self) -> set[str]:
        """Docnames that a toctree of some page names (or that say ``orphan: true``)."""
        found: set[str] = {"index"}
        patterns: set[str] = set()
        pages = {*(_pages(self.src)), *(p for p in self.changes if p.suffix == ".md")}
        for page in pages:
            if page in self.changes:
                text = self.changes[page]
            else:  # any page, as Sphinx would read it: a broken one is not this command's
                try:
                    text = page.read_bytes().decode("utf-8", errors="replace")
                except OSError:
                    continue
            docname = page.relative_to(self.src).with_suffix("").as_posix()
            if _ORPHAN.match(text):
                found.add(docname)
            folder = posixpath.dirname(docname)
            for m in _TOCTREE.finditer(text):
                globbed = ":glob:" in [line.strip() for line in m["body"].splitlines()]
                for entry in _entry_lines(m["body"]):
                    target = entry[1:] if entry.startswith("/") else posixpath.join(folder, entry)
                    target = posixpath.normpath(target).removesuffix(".md")
                    (patterns if globbed else found).add(target)
        if patterns:  # a :glob: toctree lists every page its patterns match
            from sphinx.util.matching import patmatch

            for page in pages:
                docname = page.relative_to(self.src).with_suffix("").as_posix()
                if any(patmatch(docname, pattern) for pattern in patterns):
                    found.add(docname)
        return found

    def ensure_listed(self, page: Path) -> None:
        """Put ``page`` in the nearest toctree unless one already names it."""
        docname = page.relative_to(self.src).with_suffix("").as_posix()
        if docname not in self.listed():
            self.link(page)

    def append(self, path: Path, block: str) -> None:
        existing = (self.read(path) or "").rstrip("\n")
        self.write(path, existing + "\n\n" + block if existing.strip() else block)


def _with_toctree_entry(text: str, entry: str) -> str:
    m = _TOCTREE.search(text)
    if m is None:
        return text.rstrip() + f"\n\n```{{toctree}}\n:hidden:\n\n{entry}\n```\n"
    if entry in m["body"].split():
        return text
    if _globbed(text, entry):
        return text  # ``*`` in a :glob: toctree lists it already
    end = m.start() + len(m.group(0)) - len(m["fence"])
    return text[:end] + f"{entry}\n" + text[end:].lstrip(" \t")


def _entry_lines(body: str) -> list[str]:
    """The entries of a toctree body (``Title <entry>`` gives ``entry``)."""
    entries = []
    for line in body.splitlines():
        line = line.strip()
        if not line or line.startswith(":"):
            continue
        m = re.match(r"^.*<(?P<target>[^<>]+)>$", line)
        entries.append(m["target"].strip() if m else line)
    return entries


def _globbed(text: str, entry: str) -> bool:
    """True when a ``:glob:`` toctree of ``text`` has a pattern that matches ``entry``
    (written as the toctree would name it, relative to ``text``'s folder)."""
    from sphinx.util.matching import patmatch

    for m in _TOCTREE.finditer(text):
        if ":glob:" not in [line.strip() for line in m["body"].splitlines()]:
            continue
        if any(patmatch(entry, p.lstrip("/")) for p in _entry_lines(m["body"])):
            return True
    return False


def _with_edition_entry(text: str, year: str) -> str:
    """``year/index`` in the landing page's toctree: editions newest first, before the rest."""
    entry = f"{year}/index"
    m = _TOCTREE.search(text)
    if m is None:
        return _with_toctree_entry(text, entry)
    if entry in _entry_lines(m["body"]) or f"/{entry}" in _entry_lines(m["body"]):
        return text
    body_start = m.start("body")
    pos = body_start + len(m["body"])  # after the last entry when nothing comes after it
    offset = body_start
    for line in m["body"].splitlines(keepends=True):
        stripped = line.strip()
        if stripped and not stripped.startswith(":"):
            target = (_entry_lines(stripped) or [""])[0]
            other = _EDITION_ENTRY.match(target)
            if other is None or other["year"] < year:
                pos = offset
                break
        offset += len(line)
    return text[:pos] + f"{entry}\n" + text[pos:]


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
    about = _(
        "This page decides what the PDF and e-book edition of the Alliance days %s\n"
        "contains: the pages in the table of contents below, in that order."
    ) % year
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


def _block(objtype: str, objid: str, options: list[tuple[str, str]], heading: str | None) -> str:
    lines = [f"```{{{objtype}}} {objid}"]
    lines += [f":{name}: {option_value(name, value)}" for name, value in options if value]
    lines += [
        "",
        "% " + _(PLACEHOLDER),
        "```",
    ]
    text = "\n".join(lines) + "\n"
    return f"## {heading_text(heading)}\n\n{text}" if heading else text


def _anchor(objtype: str, option: str, given: str, defined: dict[str, Defined]) -> Defined:
    """The day or source an object hangs under, checked against the model's targets."""
    field_name = _ANCHOR[objtype][1]
    spec = OBJECT_TYPES[objtype].field(field_name)
    targets = spec.targets if spec else ()
    words = [DUTCH_TYPE[t] for t in targets]
    either = " " + _("or") + " "
    wanted = either.join(filter(None, [", ".join(words[:-1]), words[-1]]))  # "a, b or c"
    candidates = sorted(i for i, d in defined.items() if d.type in targets)
    # a talk or workshop given for --dag: its own day is the likely meaning
    own_day = defined[given].options.get("event") if given in defined else None
    near = own_day if own_day in candidates else closest(given, candidates)
    hint = _("did you mean %r?") % near + " " if near else ""
    listing = _("alliantie-kb list") + (f" {DUTCH_TYPE[targets[0]]}" if len(targets) == 1 else "")
    if given not in defined:
        raise CliError(
            _("unknown id %(id)s for %(option)s; %(hint)sfind the right one with: %(listing)s")
            % {"id": show(given), "option": option_word(option), "hint": hint, "listing": listing}
        )
    found = defined[given]
    if found.type not in targets:
        raise CliError(
            _("%(id)s is of type %(type)s, not %(wanted)s; "
              "%(hint)sfind the right one with: %(listing)s")
            % {"id": show(given), "type": DUTCH_TYPE[found.type], "wanted": wanted,
               "hint": hint, "listing": listing}
        )
    return found


def _edition_of(found: Defined, defined: dict[str, Defined], depth: int = 0) -> str | None:
    """An object's edition as its page says: its own, or its day's or source's."""
    own = found.options.get("edition", "")
    if own.isascii() and YEAR_RE.fullmatch(own):
        return own
    if depth > 3:
        return None
    for field_name in edition_relations(found.type):
        parent = defined.get(found.options.get(field_name, ""))
        if parent is not None:
            return _edition_of(parent, defined, depth + 1)
    return None


def newest_edition(src: Path, defined: dict[str, Defined]) -> str:
    """The newest edition in the sources (objects' :edition:, edition folders), else this year."""
    years = {d.options.get("edition", "") for d in defined.values()}
    years |= {p.parent.name for p in src.glob("*/index.md")}
    valid = [y for y in years if y.isascii() and YEAR_RE.fullmatch(y)]
    return max(valid, default=str(datetime.date.today().year))


def new_edition(src: Path, year: str) -> list[Path]:
    """``nieuw editie 2013``: the edition's page, landing-page entry and book; files made."""
    year = check_edition(year)
    plan = Plan(src)
    made = plan.edition(year)
    if not made:
        index = src / year / "index.md"
        raise CliError(
            f"de editie {year} bestaat al ({os.path.relpath(index)}); voeg een dag toe met: "
            f'alliantie-kb nieuw dag "Plaats" --editie {year}'
        )
    files.commit(plan.changes)
    return made


def new_object(
    src: Path,
    kind: str,
    name: str,
    *,
    edition: str | None,
    objid: str | None,
    day: str | None,
    source: str | None,
    target: Path | None,
) -> tuple[str, Path]:
    """Add one object; return its id and the page it went to."""
    objtype = TYPE_NAMES[kind]
    name = check_name(name)
    if edition is not None:
        edition = check_edition(edition)
    for option, value in (("--dag", day), ("--van", source)):
        if value is not None and _ANCHOR.get(objtype, ("",))[0] != option:
            users = _("a talk or workshop") if option == "--dag" else _("a recommendation")
            raise CliError(_("%(option)s is only for %(users)s, not for type %(type)s")
                           % {"option": option_word(option), "users": users,
                              "type": DUTCH_TYPE[objtype]})
    if objid is not None:
        objid = check_id(objid)
    if target is not None:
        target = page_path(src, target)
    defined = defined_objects(src)
    anchor: Defined | None = None
    if objtype in _ANCHOR:
        option, field_name = _ANCHOR[objtype]
        given = day if option == "--dag" else source
        anchor = _anchor(objtype, option, given, defined) if given else None
        anchor_edition = _edition_of(anchor, defined) if anchor else None
        if anchor and anchor_edition and edition and edition != anchor_edition:
            raise CliError(
                _(
                    "%s %s does not match %s %r, which belongs to edition %s; "
                    "leave %s out or choose a %s of %s"
                )
                % (
                    option_word("--editie"),
                    edition,
                    option_word(option),
                    anchor.id,
                    anchor_edition,
                    option_word("--editie"),
                    DUTCH_TYPE[anchor.type],
                    edition,
                )
            )
        edition = anchor_edition or edition
    edition = edition or newest_edition(src, defined)
    if objid is None:
        if objtype in ("speaker", "organisation"):
            objid = id_from_name(name)
        else:
            objid = f"{edition}-{id_from_name(_DAY_PREFIX.sub('', name))}"
    if objid in defined:
        d = defined[objid]
        raise CliError(
            _("%(type)s %(id)r already exists, at %(path)s:%(line)d; refer to it with "
              "%(role)s instead of making it again (only for a different %(type)s with "
              "the same name: choose another id with --id)")
            % {"id": objid, "type": DUTCH_TYPE[d.type], "path": os.path.relpath(d.path),
               "line": d.line, "role": f"{{{d.type}}}`{objid}`"}
        )
    plan = Plan(src)
    title_field = OBJECT_TYPES[objtype].title_field
    heading: str | None = None
    if objtype == "speaker":
        path = target or src / "personen" / f"{objid}.md"
        options = [("name", name), ("role", ""), ("affiliation", "")]
        plan.new_page(path, name)
    elif objtype == "organisation":
        path = target or src / "organisaties.md"
        options = [("name", name)]
        if target is None:
            plan.new_page(path, "Organisaties")
    elif objtype == "event":
        prefix = _("Alliance day")
        title = name if name.lower().startswith(prefix.lower()) else f"{prefix} {name}"
        path = target or src / edition / f"{objid.removeprefix(edition + '-')}.md"
        if target is None:
            plan.ensure_edition(edition)
        plan.new_page(path, title)
        options = [(title_field, title), ("edition", edition)]
    else:
        options = [(title_field, name)]
        if objtype == "talk":
            options.append(("speakers", ""))
        option, field_name = _ANCHOR[objtype]
        if anchor:
            options.append((field_name, anchor.id))
        options.append(("edition", edition))
        heading = name
        if target:
            path = target
        elif anchor:
            path = page_path(src, anchor.path, option=option)
        else:
            page = _PAGE_OF[objtype]
            path = src / edition / f"{page}.md"
            plan.ensure_edition(edition)
            titles = {"talk": _("Talks"), "workshop": _("Workshops"),
                      "recommendation": _("Recommendations")}  # fmt: skip
            plan.new_page(path, f"{titles[objtype]} {edition}")
    if target is not None:  # a page of the volunteer's choice: made if it is new
        plan.new_page(path, name)
    plan.append(path, _block(objtype, objid, options, heading))
    plan.ensure_listed(path)
    files.commit(plan.changes)
    return objid, path
