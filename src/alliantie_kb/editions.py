"""Print editions: one PDF per edition, from ``kb_editions`` and the book pages.

    kb_editions = {
        "2012": {
            "title": "Alliantiedagen 2012",
            "subtitle": "Het moet en kan anders",   # optional
            "organiser": "Sociale Alliantie",
            "root": "boeken/2012",                  # page whose toctree is the book
        },
    }

Each entry becomes a ``latex_documents`` entry (``alliantiedagen-<year>.tex``,
toctree only). Its title page shows the title, subtitle, organiser and the
date span of the edition's days, read from the knowledge base itself.

A new edition needs no change to conf.py. Settings (conf.py):

``kb_book_root`` (default ``"boeken/{edition}"``)
    Where book pages live. Every page that matches it with a four-digit year
    (``docs/boeken/2013.md``; ``alliantie-kb nieuw editie 2013`` writes one)
    is a book, even when ``kb_editions`` does not name its year. Such a book
    gets the title "Alliantiedagen <year>" (translated: "Alliance days
    <year>" in an English site), no subtitle and the organiser below. An
    entry in ``kb_editions`` for the same year replaces these defaults.
    ``""`` finds no book pages.
``kb_book_organiser`` (default ``None``: the project's ``author``)
    The organiser printed on the title page of a book found that way.
``kb_editions`` (default ``{}``)
    Editions with their own title, subtitle, organiser or root, as above.

Every edition's root page is also left out of the EPUB (``epub_exclude_files``):
it is the book's table of contents, not a page to read.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.texescape import escape

from .addressee_table import setup_addressee_table
from .domain import KnowledgeBaseDomain, kb_domain
from .i18n import _
from .model import OBJECT_TYPES
from .print_entries import setup_print_entries
from .print_layout import CLASS_OPTIONS, PREAMBLE, setup_print_layout
from .render import format_date_span

logger = logging.getLogger(__name__)

REQUIRED_KEYS = ("title", "organiser", "root")

#: One edition's entry: ``title``, ``organiser``, ``root``, ``subtitle``.
Edition = dict[str, str]
#: A ``latex_documents`` entry: (start document, target, title, author,
#: theme[, toctree only]), as Sphinx and the site's conf.py give it.
LatexDocument = tuple[Any, ...]
#: Default of ``kb_book_root``: the page of each edition's book.
DEFAULT_BOOK_ROOT = "boeken/{edition}"

#: A plain, centred title page; \@author carries subtitle, organiser and dates.
MAKETITLE = r"""
\makeatletter
\begin{titlepage}
  \pagenumbering{Alph}% no second "page 1" for hyperref
  \centering
  \vspace*{0.22\textheight}
  {\sffamily\bfseries\Huge \@title\par}
  \vspace{5ex}
  {\Large\begin{tabular}{c}\@author\end{tabular}\par}
  \vfill
\end{titlepage}
\makeatother
"""


def target_name(year: str) -> str:
    """The name of an edition's LaTeX target (``alliantiedagen-2012``)."""
    return f"alliantiedagen-{year}"


def _author_markup(entry: Edition, span: str | None, engine: str) -> str:
    """The title page's author block: subtitle, organiser and date span."""
    lines: list[str] = []
    if entry.get("subtitle"):
        lines.append(r"\textit{" + escape(entry["subtitle"], engine) + "}")
    lines.append(escape(entry["organiser"], engine))
    if span:
        lines.append(escape(span, engine))
    shown = r"\\[2ex]".join(lines)
    return r"\texorpdfstring{" + shown + "}{" + escape(entry["organiser"], engine) + "}"


def _suffixes(config: Config) -> list[str]:
    """The source file suffixes of the project."""
    suffix: str | list[str] | dict[str, str] | None = config.source_suffix
    if isinstance(suffix, str):
        return [suffix]
    return list(suffix or [".rst"])


def book_pages(srcdir: str | Path, config: Config) -> dict[str, str]:
    """``{year: docname}`` of every page that matches ``kb_book_root``."""
    pattern: str = config.kb_book_root
    if not pattern:
        return {}
    if pattern.count("{edition}") != 1:
        logger.warning(
            _("kb_book_root %r must contain {edition} once; no book pages are looked for"),
            pattern,
            type="kb",
            subtype="config",
        )
        return {}
    head, tail = pattern.split("{edition}")
    wanted = re.compile(re.escape(head) + "([0-9]{4})" + re.escape(tail) + r"\Z")
    root = Path(srcdir)
    found: dict[str, str] = {}
    for suffix in _suffixes(config):
        for path in sorted(root.glob(head + "*" + tail + suffix)):
            docname = path.relative_to(root).as_posix().removesuffix(suffix)
            m = wanted.match(docname)
            if m and path.is_file():
                found.setdefault(m[1], docname)
    return found


def all_editions(srcdir: str | Path, config: Config) -> dict[str, Edition]:
    """kb_editions, plus a default entry for every book page it does not name."""
    organiser: str = config.kb_book_organiser or config.author
    editions: dict[str, Edition] = {
        year: {"title": str(_("Alliance days %s") % year), "organiser": organiser, "root": doc}
        for year, doc in book_pages(srcdir, config).items()
    }
    editions.update(config.kb_editions or {})
    return editions


def configure(app: Sphinx, config: Config) -> None:
    """config-inited: derive latex_documents and the title page from the editions."""
    editions = all_editions(app.srcdir, config)
    if not editions:
        return
    documents: list[LatexDocument] = []
    for year, entry in sorted(editions.items()):
        missing = [k for k in REQUIRED_KEYS if not entry.get(k)]
        if missing:
            logger.warning(
                _("kb_editions[%r] lacks %s; this edition gets no PDF"),
                year,
                ", ".join(missing),
                type="kb",
                subtype="config",
            )
            continue
        documents.append(
            (
                entry["root"],
                f"{target_name(year)}.tex",
                escape(entry["title"], config.latex_engine),
                _author_markup(entry, None, config.latex_engine),
                "manual",
                True,  # toctree only: the root page's own text is not printed
            )
        )
    config.latex_documents = documents
    config.latex_elements.setdefault("maketitle", MAKETITLE)
    elements = config.latex_elements
    if PREAMBLE not in elements.get("preamble", ""):
        elements["preamble"] = elements.get("preamble", "") + PREAMBLE
    elements.setdefault("fncychap", "")  # a chapter opens with a heading, not a third of a page
    options = elements.get("extraclassoptions", "")
    elements["extraclassoptions"] = ",".join(o for o in (options, CLASS_OPTIONS) if o)
    excluded = list(config.epub_exclude_files or [])
    for entry in editions.values():
        page = f"{entry.get('root')}.xhtml"
        if entry.get("root") and page not in excluded:
            excluded.append(page)
    config.epub_exclude_files = excluded


def date_span(domain: KnowledgeBaseDomain, year: str, language: str | None) -> str | None:
    """``5 oktober – 9 november 2012``: first to last dated day of an edition."""
    dates = sorted(
        date
        for objtype in OBJECT_TYPES.values()
        if objtype.is_day and objtype.date_field
        for rec in domain.records(objtype.name)
        if domain.edition_of(rec) == year and (date := rec.text(objtype.date_field))
    )
    if not dates:
        return None
    return format_date_span(dates[0], dates[-1], language)


def add_date_spans(app: Sphinx, env: BuildEnvironment) -> None:
    """env-updated: put each edition's date span on its title page.

    The LaTeX builder reads latex_documents when it starts writing, after this."""
    if app.builder.name != "latex":
        return
    editions = all_editions(app.srcdir, app.config)
    if not editions:
        return
    domain: KnowledgeBaseDomain = kb_domain(env)
    by_target = {f"{target_name(y)}.tex": (y, e) for y, e in editions.items()}
    documents: list[LatexDocument] = []
    entries: list[LatexDocument] = app.config.latex_documents
    for entry in entries:
        found = by_target.get(entry[1])
        if found is not None:
            year, edition = found
            span = date_span(domain, year, app.config.language)
            entry = (*entry[:3], _author_markup(edition, span, app.config.latex_engine), *entry[4:])
        documents.append(entry)
    app.config.latex_documents = documents


def setup_editions(app: Sphinx) -> None:
    """Derive the LaTeX documents from the editions, and their date spans."""
    app.connect("config-inited", configure, priority=600)
    app.connect("env-updated", add_date_spans)
    setup_print_entries(app)
    setup_print_layout(app)
    setup_addressee_table(app)
