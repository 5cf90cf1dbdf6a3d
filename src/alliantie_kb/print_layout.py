"""The printed book's layout: LaTeX preamble, the edition diagram's own
landscape page and the PDF's metadata.

The preamble (added to ``latex_elements["preamble"]`` by ``editions``)
never hyphenates or breaks a page reference ("pagina 4"), sets the
indices one after another in two columns and puts the diagram in a
sideways float (``rotating``) on a page of its own, turned in the PDF;
``CLASS_OPTIONS`` lets chapters start on any page.
The metadata (title, author, subject, keywords, language) comes from the
edition's entry and the knowledge base (the titles of its days).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.ext.graphviz import graphviz
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.texescape import escape

from .domain import kb_domain
from .i18n import _
from .model import OBJECT_TYPES

#: page references kept whole, the landscape page, the indices in two columns
PREAMBLE = r"""
% alliantie_kb print layout
\usepackage{rotating}
\makeatletter
\AtBeginDocument{\def\HyRef@autopagerefname{\mbox{\pageautorefname}\nobreakspace}}
% a picture on a landscape page of its own: a sideways float (it waits for
% the next page, also in a long table, and leaves no page half empty), as
% high as the portrait page is wide; the PDF shows that page turned
\newdimen\kb@portraitwidth
\AtBeginDocument{\kb@portraitwidth\textwidth}
\newenvironment{kblandscape}{\begin{sidewaysfigure}\centering
  \ifdefined\XeTeXrevision\special{pdf:put @thispage <</Rotate 90>>}\fi
  \spx@image@maxheight=\dimexpr\kb@portraitwidth-2\baselineskip\relax}{\end{sidewaysfigure}}
% the indices one after another in two columns, not a page (or two) each
\usepackage{multicol}
\renewenvironment{sphinxtheindex}{%
  \par\phantomsection\section*{\indexname}\addcontentsline{toc}{chapter}{\indexname}%
  \begin{multicols}{2}\parindent\z@\parskip\z@ \@plus .3\p@\relax
  \let\item\@idxitem\raggedright}{\end{multicols}}
\makeatother
"""
#: LaTeX class options of the book: no empty page before a chapter
CLASS_OPTIONS = "openany,oneside"


def book_year(srcdir: str | Path, config: Config, docname: str) -> str | None:
    """The edition whose book has ``docname`` as its root, if any."""
    from .editions import all_editions

    for year, entry in all_editions(srcdir, config).items():
        if entry.get("root") == docname:
            return year
    return None


def _pdf_string(text: str, engine: str) -> str:
    """``text`` escaped for a ``\\hypersetup`` value."""
    return escape(text, engine).replace(",", "{,}").replace("=", "{=}")


def metadata(app: Sphinx, year: str) -> str:
    """``\\hypersetup{...}`` with the edition's title, author, subject, keywords."""
    from .editions import all_editions

    entry = all_editions(app.srcdir, app.config)[year]
    engine = app.config.latex_engine
    domain = kb_domain(app.env)
    words: list[str] = [entry["title"], entry["organiser"]]
    for objtype in OBJECT_TYPES.values():
        if not objtype.is_day:
            continue
        for rec in domain.records(objtype.name):
            if domain.edition_of(rec) == year and rec.title not in words:
                words.append(rec.title)
    subject = str(_("What was said at the %s, by whom, and what was recommended to whom")) % (
        entry["title"],
    )
    if entry.get("subtitle"):
        subject = f"{entry['subtitle']}. {subject}"
    language = (app.config.language or "en").replace("_", "-")
    pairs = {
        "pdftitle": entry["title"],
        "pdfauthor": entry["organiser"],
        "pdfsubject": subject,
        "pdfkeywords": ", ".join(words),
        "pdflang": language,
    }
    values = ", ".join(f"{k}={{{_pdf_string(v, engine)}}}" for k, v in pairs.items())
    return r"\hypersetup{" + values + "}"


class PrintLayout(SphinxPostTransform):
    """The edition diagram on a landscape page of its own."""

    default_priority = 70
    builders = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(graphviz)):
            if node.get("kb_landscape"):
                # a float: on the next page that has room, no half-empty page
                begin = nodes.raw("", "\\begin{kblandscape}\n", format="latex")
                end = nodes.raw("", "\n\\end{kblandscape}\n", format="latex")
                parent = node.parent
                at = parent.index(node)
                parent.insert(at + 1, end)
                parent.insert(at, begin)


def add_metadata(app: Sphinx, env: BuildEnvironment) -> None:
    r"""env-updated: each book's metadata in the preamble, chosen by its file name.

    All books share one preamble, and hyperref writes the metadata at the
    first page: so each book's ``\hypersetup`` is defined under its
    ``\jobname`` and the one of the book being typeset is used."""
    context: dict[str, Any] | None = getattr(app.builder, "context", None)
    if app.builder.name != "latex" or context is None:
        return
    from .editions import all_editions, target_name

    lines = ["\\makeatletter"]
    for year in sorted(all_editions(app.srcdir, app.config)):
        name = "kbpdfinfo@" + target_name(year)
        lines.append(f"\\@namedef{{{name}}}{{{metadata(app, year)}}}")
    lines.append("\\AtBeginDocument{\\@nameuse{kbpdfinfo@\\jobname}}")
    lines.append("\\makeatother")
    context["preamble"] = context.get("preamble", "") + "\n".join(lines) + "\n"


def setup_print_layout(app: Sphinx) -> None:
    """Register the LaTeX layout transform and the metadata."""
    app.add_post_transform(PrintLayout)
    app.connect("env-updated", add_metadata)
