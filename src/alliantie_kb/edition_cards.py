"""``{editions}`` (Dutch ``{edities}``): one card per edition, newest first.

An edition is a page ``<year>/index`` (four ASCII digits). The directive
reads which exist from the project's documents, so a new
``docs/2013/index.md`` gets its card on the landing page without an edit
there. The landing page finds its menu entries the same way, with a
``:glob:`` + ``:reversed:`` toctree of ``[0-9][0-9][0-9][0-9]/index``;
Sphinx re-reads a page with a glob toctree whenever pages are added or
removed, so cards and menu stay in step in incremental builds too.

Inside a sphinx-design ``grid`` the cards are ``grid-item-card`` s (the
landing page's look); anywhere else, a list of links. The content
may give a card its own text, one ``<year>: text`` per edition (indented
lines continue it); other editions get a standard sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .i18n import _
from .report import warn

_EDITION_DOC = re.compile(r"^(?P<year>[0-9]{4})/index\Z")
_TEXT_LINE = re.compile(r"^(?P<year>[0-9]{4}):[ \t]*(?P<text>.*)$")


def edition_years(found_docs: Iterable[str]) -> list[str]:
    """Years of the editions among ``found_docs``, newest first."""
    years = {m["year"] for d in found_docs if (m := _EDITION_DOC.match(d))}
    return sorted(years, reverse=True)


class EditionCards(SphinxDirective):
    """``{editions}``: a card or a link per edition, with the content's texts."""

    has_content = True
    required_arguments = 0
    optional_arguments = 0
    option_spec: ClassVar[dict[str, Callable[[str], Any]] | None] = {}

    def run(self) -> list[nodes.Node]:
        texts = self._texts()
        years = edition_years(self.env.found_docs)
        for year in sorted(set(texts) - set(years)):
            warn(
                self.env,
                "editions",
                _("text for edition %s, but there is no page %s/index; add the page or "
                  "remove the line") % (year, year),
                (self.env.current_document.docname, texts[year][1]),
            )  # fmt: skip
        if not years:
            return []
        lines: list[str] = []
        markdown = type(self.state_machine).__module__.startswith("myst_parser")
        # inside a sphinx-design grid: cards; anywhere else: a list of links
        parent = self.state_machine.node  # the element being filled (stubs: a document)
        cards = parent is not None and parent.get("design_component") == "grid-row"
        for year in years:
            title = _("Alliance days %s") % year
            text = texts[year][0] if year in texts else _(
                "The days, talks, workshops and recommendations of the Alliance days %s."
            ) % year
            if not cards:
                link = f"{{doc}}`/{year}/index`" if markdown else f":doc:`/{year}/index`"
                lines += [f"- {link}: {text}" if markdown else f"* {link}: {text}", ""]
            elif markdown:
                lines += ["```{grid-item-card} " + title, f":link: /{year}/index",
                          ":link-type: doc", "", text, "```", ""]  # fmt: skip
            else:
                lines += [".. grid-item-card:: " + title, f"   :link: /{year}/index",
                          "   :link-type: doc", "", "   " + text, ""]  # fmt: skip
        holder = self._holder(cards)
        self.state.nested_parse(StringList(lines, self.get_source_info()[0]), 0, holder)
        return list(holder.children)

    def _holder(self, cards: bool) -> nodes.Element:
        """Where the generated markup is parsed: a grid row inside a grid, so
        that sphinx-design sees the cards' parent it expects."""
        if cards:
            from sphinx_design.shared import create_component

            return create_component("grid-row", [])
        return nodes.container()

    def _texts(self) -> dict[str, tuple[str, int]]:
        """``{year: (text, line)}`` from the content; other lines are reported."""
        found: dict[str, tuple[str, int]] = {}
        current: str | None = None
        markdown = type(self.state_machine).__module__.startswith("myst_parser")
        for index, line in enumerate(self.content):
            # MyST counts content lines from the directive, docutils from the file
            lineno = (self.lineno + 1 if markdown else 1) + self.content_offset + index
            if not line.strip():
                current = None
                continue
            m = _TEXT_LINE.match(line)
            if m:
                current = m["year"]
                found[current] = (m["text"].strip(), lineno)
            elif current is not None and line[:1] in (" ", "\t"):
                text, start = found[current]
                found[current] = (f"{text} {line.strip()}".strip(), start)
            else:
                current = None
                warn(
                    self.env,
                    "editions",
                    _("write one edition per line, as year: text (e.g. '2012: The days and "
                      "the motto.')"),
                    (self.env.current_document.docname, lineno),
                )
        return found


def setup_edition_cards(app: Sphinx) -> None:
    """Register ``{editions}`` and its Dutch name ``{edities}``."""
    app.add_directive_to_domain("kb", "editions", EditionCards)
    app.add_directive_to_domain("kb", "edities", EditionCards)
