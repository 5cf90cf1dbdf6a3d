"""Reader's search: Pagefind instead of Sphinx's built-in search.

With ``kb_pagefind = True`` every HTML build ends by indexing the site with
Pagefind (PyPI ``pagefind[bin]``, offline). Only the article body of content
pages is indexed (``data-pagefind-body``; not the search, index or domain
index pages, not header links or backlink lists). Each page carries its
objects' facets as Pagefind filters: the kind, edition and Alliance day of
every object, then each field the model marks as a facet (``Field.facet``).
The search page (templates/search.html) is Pagefind's UI, fed by the theme's
own search box, so a reader finds one search.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, assert_never

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from .domain import KnowledgeBaseDomain, kb_domain
from .i18n import _
from .model import OBJECT_TYPES, Field, Record, choice_label

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
#: Never indexed: permalink marks and the "what refers here" lists (they
#: would make a page match every object that links to it).
EXCLUDE_SELECTORS = (".headerlink", ".kb-backlinks-section")
INDEXED_BUILDERS = ("html", "dirhtml")


# -- facets ---------------------------------------------------------------------


def _facet_value(domain: KnowledgeBaseDomain, f: Field, value: str) -> str:
    """What a reader sees of one value of a facet field."""
    match f.kind:
        case "text" | "list" | "date" | "year" | "url":
            return value
        case "choice":
            return str(_(choice_label(f, value, domain.env.config)))
        case "ref" | "refs" | "ref-or-text":
            target = domain.get(value)
            return target.title if target is not None and target.type in f.targets else value
        case _:
            assert_never(f.kind)


def facets(domain: KnowledgeBaseDomain, rec: Record) -> list[tuple[str, str]]:
    """(facet, value) pairs of one object, in the project's language."""
    objtype = OBJECT_TYPES[rec.type]
    out = [(_("Kind"), _(objtype.label))]
    edition = domain.edition_of(rec)
    if edition:
        out.append((_("Edition"), edition))
    day = domain.day_of(rec)
    if day is not None:
        out.append((_("Alliance day"), day.title))
    for f in objtype.fields:
        if f.facet:
            label = _(f.label)
            out += [(label, _facet_value(domain, f, v)) for v in rec.values(f.name) if v]
    return out


#: Pagefind's UI draws filter names and values with ``innerHTML``, and its
#: indexer decodes character references in them (twice, in 1.5). So no facet
#: text may hold a character that could start markup after any number of
#: decodings: ``<``, ``>`` and an ``&`` that could begin a reference become
#: look-alikes, and the reader sees the value as text.
_MARKUP = re.compile(r"[<>]|&(?=[#A-Za-z0-9])")
_LOOK_ALIKE = {"<": "\u2039", ">": "\u203a", "&": "\uff06"}


def facet_text(value: str) -> str:
    """``value`` with nothing Pagefind's UI could draw as markup."""
    return _MARKUP.sub(lambda m: _LOOK_ALIKE[m.group(0)[0]], value)


def filter_markup(pairs: list[tuple[str, str]]) -> str:
    """Hidden Pagefind filter spans for ``(facet, value)`` pairs."""
    seen: list[str] = []
    for facet, value in pairs:
        item = f"{facet_text(facet)}:{facet_text(value)}"
        if item not in seen:
            seen.append(item)
    return "".join(
        f'<span data-pagefind-filter="{html.escape(item, quote=True)}" hidden></span>'
        for item in seen
    )


# -- events --------------------------------------------------------------------


def _indexed(app: Sphinx) -> bool:
    """Whether this build is indexed by Pagefind."""
    return bool(app.config.kb_pagefind) and app.builder.name in INDEXED_BUILDERS


def mark_body(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """html-page-context: mark the indexable body and add the page's filters."""
    if doctree is None or "body" not in context or not _indexed(app):
        return
    # pages marked ``nosearch`` (file-wide metadata) stay out of the index
    if app.env.metadata.get(pagename, {}).get("nosearch"):
        return
    domain = kb_domain(app.env)
    recs = [r for r in domain.objects.get(pagename, ()) if domain.get(r.id) is r]
    markup = filter_markup([pair for rec in recs for pair in facets(domain, rec)])
    context["body"] = f"<div data-pagefind-body>{markup}{context['body']}</div>"


def run_pagefind(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: index the built site with Pagefind."""
    if exception is not None or not _indexed(app):
        return
    # Pagefind names its files by content and never deletes old ones: start afresh
    shutil.rmtree(Path(app.outdir) / "pagefind", ignore_errors=True)
    command = [sys.executable, "-m", "pagefind", "--site", str(app.outdir), "--silent"]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        failed, detail = True, str(exc)
    else:
        failed, detail = result.returncode != 0, (result.stderr or result.stdout).strip()
    if failed:
        logger.warning(
            _(
                "Pagefind could not index the site: %s (install it with: pip install 'pagefind[bin]')"  # noqa: E501
            ),
            detail.splitlines()[-1] if detail else "?",
            type="kb",
            subtype="search",
        )


def add_templates(app: Sphinx, config: Config) -> None:
    """config-inited: the Pagefind search page template (a site's own wins)."""
    if not config.kb_pagefind:
        return
    if str(TEMPLATES) not in config.templates_path:
        # a new list: the default one is shared by every Sphinx app in the
        # process, and appending to it gave later sites our search page
        config.templates_path = [*config.templates_path, str(TEMPLATES)]


def search_page(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """html-collect-pages: the Pagefind search page (not for EPUB: no scripts there)."""
    if _indexed(app):
        yield "search", {}, "search.html"


def no_builtin_index(app: Sphinx) -> None:
    """builder-inited: Pagefind replaces Sphinx's search, so Sphinx need not
    stem and index every page for a searchindex.js nobody loads (about a
    tenth of a full build)."""
    if _indexed(app):
        app.builder.search = False  # type: ignore[attr-defined]


def setup_pagefind(app: Sphinx) -> None:
    """Register the search page and the Pagefind run (``kb_pagefind``: config.py)."""
    app.connect("config-inited", add_templates)
    app.connect("builder-inited", no_builtin_index)
    app.connect("html-collect-pages", search_page)
    app.connect("html-page-context", mark_body)
    app.connect("build-finished", run_pagefind)
