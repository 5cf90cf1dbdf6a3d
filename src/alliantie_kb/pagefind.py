"""Reader's search: Pagefind instead of Sphinx's built-in search.

With ``kb_pagefind = True`` every HTML build ends by indexing the site with
Pagefind's Python API (PyPI ``pagefind[bin]``, offline). Every object is a
record of its own, with its own facets (search_records.py): the kind,
edition and Alliance day of the object, then each field the model marks as
a facet (``Field.facet``). Prose pages are indexed as pages, without the
objects' entries and without facets: only their article body
(``data-pagefind-body``; not the search, index or domain index pages, not
header links or backlink lists, not ``nosearch`` pages).
The search page (templates/search.html) is Pagefind's UI, fed by the theme's
own search box, so a reader finds one search; a result opens at what matched,
with the searched words marked (static/kb-search-landing.js).
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from .i18n import _
from .search_names import names_script, write_names
from .search_records import OBJECT_SELECTOR, SearchRecord, search_records

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
#: Never indexed: permalink marks and the "what refers here" lists (they
#: would make a page match every object that links to it).
#: Listings and explorers repeat the objects' titles and fields, which the
#: objects' own records already hold: a prose page is found for its prose.
EXCLUDE_SELECTORS = (
    ".headerlink",
    ".kb-backlinks-section",
    ".kb-listing",
    ".kb-group",
    ".kb-explorer",
)
INDEXED_BUILDERS = ("html", "dirhtml")


# -- events --------------------------------------------------------------------


def _indexed(app: Sphinx) -> bool:
    """Whether this build is indexed by Pagefind."""
    return bool(app.config.kb_pagefind) and app.builder.name in INDEXED_BUILDERS


def _preview_unindexed(app: Sphinx) -> bool:
    """Whether this is the live preview with Pagefind off (``make serve``):
    the search page then says that search is off instead of searching
    nothing, or searching a stale index."""
    config = app.config
    return (
        not config.kb_pagefind
        and bool(config.kb_preview_problems)
        and app.builder.name in INDEXED_BUILDERS
    )


def _nosearch(app: Sphinx, docname: str) -> bool:
    """Whether the page is marked ``nosearch`` (file-wide metadata)."""
    return bool(app.env.metadata.get(docname, {}).get("nosearch"))


def mark_body(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """html-page-context: mark the indexable body and add the page's filters;
    give the search page its words in the project's language."""
    if pagename == "search":
        context["kb_refine"] = str(_("Refine"))
    if doctree is None or "body" not in context or not _indexed(app):
        return
    # pages marked ``nosearch`` (file-wide metadata) stay out of the index
    if _nosearch(app, pagename):
        return
    context["body"] = f"<div data-pagefind-body>{context['body']}</div>"


async def _index_site(outdir: Path, language: str, records: list[SearchRecord]) -> None:
    """Index the prose pages, then add one custom record per object."""
    from pagefind.index import IndexConfig, PagefindIndex

    config: IndexConfig = {
        "exclude_selectors": [*EXCLUDE_SELECTORS, OBJECT_SELECTOR],
        "output_path": str(outdir / "pagefind"),
    }
    async with PagefindIndex(config=config) as index:
        await index.add_directory(str(outdir))
        for rec in records:
            await index.add_custom_record(
                url=rec.url,
                content=rec.content,
                language=language,
                meta=rec.meta,
                filters=rec.filters,
            )


def run_pagefind(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: index the built site with Pagefind, one record per object."""
    if exception is not None or not _indexed(app):
        return
    outdir = Path(app.outdir)
    # Pagefind names its files by content and never deletes old ones: start afresh
    shutil.rmtree(outdir / "pagefind", ignore_errors=True)
    searchable = [d for d in sorted(app.env.found_docs) if not _nosearch(app, d)]
    records = search_records(app, searchable)
    language = (app.config.language or "en").split("_")[0]
    try:
        # in a thread of its own: Sphinx may run inside an event loop (a
        # notebook, a test driving a browser), where asyncio.run() refuses
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(asyncio.run, _index_site(outdir, language, records)).result()
    except Exception as exc:  # noqa: BLE001  # any failure of the indexer is one warning
        detail = str(exc).strip() or type(exc).__name__
        logger.warning(
            _(
                "Pagefind could not index the site: %s (install it with: pip install 'pagefind[bin]')"  # noqa: E501
            ),
            detail.splitlines()[-1],
            type="kb",
            subtype="search",
        )


def add_templates(app: Sphinx, config: Config) -> None:
    """config-inited: the Pagefind search page template (a site's own wins)."""
    if not (config.kb_pagefind or config.kb_preview_problems):
        return
    if str(TEMPLATES) not in config.templates_path:
        # a new list: the default one is shared by every Sphinx app in the
        # process, and appending to it gave later sites our search page
        config.templates_path = [*config.templates_path, str(TEMPLATES)]


def search_page(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """html-collect-pages: the Pagefind search page (not for EPUB: no scripts
    there); in the preview without Pagefind, a search page that says so."""
    if _indexed(app):
        yield "search", {}, "search.html"
    elif _preview_unindexed(app):
        notice = _("Search is off in this preview, so that every change shows at once.")
        yield "search", {"kb_search_off": str(notice)}, "search.html"


def no_builtin_index(app: Sphinx) -> None:
    """builder-inited: Pagefind replaces Sphinx's search, so Sphinx need not
    stem and index every page for a searchindex.js nobody loads (about a
    tenth of a full build). Nor does the preview without Pagefind, whose
    search page says that search is off."""
    if _indexed(app) or _preview_unindexed(app):
        app.builder.search = False  # type: ignore[attr-defined]


#: Where a search result lands: the words marked, a notice of the search.
LANDING_SCRIPT = "kb-search-landing.js"
LANDING_STYLE = "kb-search-landing.css"
#: The address parameter that carries the searched words to the result's
#: page (Pagefind UI's ``highlightParam``; templates/search.html).
HIGHLIGHT_PARAM = "pagefind-highlight"


def add_landing(app: Sphinx) -> None:
    """builder-inited: on every indexed page, the script that marks the words
    a search result was opened for, with its texts and the search page."""
    if not _indexed(app):
        return
    # ``Any``: Sphinx types the other keyword arguments like ``priority``
    texts: dict[str, Any] = {
        "data-search-page": app.builder.get_target_uri("search"),
        "data-searched": str(_("Searched for:")),
        "data-back": str(_("back to the results")),
        "data-close": str(_("Close this notice")),
    }
    app.add_js_file(LANDING_SCRIPT, loading_method="defer", **texts)
    app.add_css_file(LANDING_STYLE)


#: On the search page: a query word that is close to one of the site's
#: names is searched as that name, with a notice (search_names.py).
CORRECT_SCRIPT = "kb-search-correct.js"
CORRECT_STYLE = "kb-search-correct.css"


def names_file(app: Sphinx, env: BuildEnvironment) -> None:
    """env-updated: the names the search page corrects small misspellings to,
    written before the pages, so that every build links the same file."""
    if _indexed(app):
        write_names(app, [d for d in sorted(env.found_docs) if not _nosearch(app, d)])


def add_correction(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """html-page-context: on the search page, the names and the script that
    corrects misspelt names, with its texts."""
    if pagename != "search" or not _indexed(app):
        return
    texts: dict[str, Any] = {
        "data-results-for": str(_("Results for")),
        "data-searched-really": str(_("Did you really search for")),
    }
    names = names_script(app)
    if names is not None:
        app.add_js_file(names)
    app.add_js_file(CORRECT_SCRIPT, **texts)
    app.add_css_file(CORRECT_STYLE)


def setup_pagefind(app: Sphinx) -> None:
    """Register the search page and the Pagefind run (``kb_pagefind``: config.py)."""
    app.connect("config-inited", add_templates)
    app.connect("builder-inited", no_builtin_index)
    app.connect("builder-inited", add_landing)
    app.connect("html-collect-pages", search_page)
    app.connect("html-page-context", mark_body)
    app.connect("html-page-context", add_correction)
    app.connect("env-updated", names_file)
    app.connect("build-finished", run_pagefind)
