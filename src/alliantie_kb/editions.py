"""Print editions: ``kb_editions`` in conf.py becomes one PDF per edition.

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
"""

from __future__ import annotations

from typing import Any

from sphinx.util import logging
from sphinx.util.texescape import escape

from .domain import KnowledgeBaseDomain
from .i18n import _
from .render import format_date_span

logger = logging.getLogger(__name__)

REQUIRED_KEYS = ("title", "organiser", "root")

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
    return f"alliantiedagen-{year}"


def _author_markup(entry: dict[str, Any], span: str | None, engine: str) -> str:
    lines = []
    if entry.get("subtitle"):
        lines.append(r"\textit{" + escape(entry["subtitle"], engine) + "}")
    lines.append(escape(entry["organiser"], engine))
    if span:
        lines.append(escape(span, engine))
    shown = r"\\[2ex]".join(lines)
    return r"\texorpdfstring{" + shown + "}{" + escape(entry["organiser"], engine) + "}"


def configure(app, config) -> None:
    """config-inited: derive latex_documents and the title page from kb_editions."""
    editions = config.kb_editions
    if not editions:
        return
    documents = []
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


def date_span(domain: KnowledgeBaseDomain, year: str, language: str | None) -> str | None:
    """``5 oktober – 9 november 2012``: first to last dated day of an edition."""
    dates = sorted(
        rec["fields"]["date"]
        for rec in domain.records("event")
        if rec["fields"].get("edition") == year and rec["fields"].get("date")
    )
    if not dates:
        return None
    return format_date_span(dates[0], dates[-1], language)


def add_date_spans(app, env) -> None:
    """env-updated: put each edition's date span on its title page.

    The LaTeX builder reads latex_documents when it starts writing, after this."""
    if app.builder.name != "latex" or not app.config.kb_editions:
        return
    domain: KnowledgeBaseDomain = env.domains["kb"]  # type: ignore[assignment]
    by_target = {f"{target_name(y)}.tex": (y, e) for y, e in app.config.kb_editions.items()}
    documents = []
    for entry in app.config.latex_documents:
        found = by_target.get(entry[1])
        if found is not None:
            year, edition = found
            span = date_span(domain, year, app.config.language)
            entry = (*entry[:3], _author_markup(edition, span, app.config.latex_engine), *entry[4:])
        documents.append(entry)
    app.config.latex_documents = documents


def setup_editions(app) -> None:
    app.add_config_value("kb_editions", {}, "env", types=(dict,))
    app.connect("config-inited", configure, priority=600)
    app.connect("env-updated", add_date_spans)
