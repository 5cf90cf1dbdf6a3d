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
import gzip
import json
import shutil
import zlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from . import search_background as background
from .domain import kb_domain
from .i18n import _
from .search_names import SiteWordsCollector, names_script, write_names
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
        number = background.build_number(app)
        if number is not None and app.config.kb_pagefind_background:
            context["kb_search_build"] = number
            context["kb_search_waiting"] = str(
                _("The search index is being updated; the search starts in a moment.")
            )
            context["kb_search_failed"] = str(_("The search index could not be made:"))
            app.add_js_file(WAIT_SCRIPT)
    if doctree is None or "body" not in context or not _indexed(app):
        return
    # pages marked ``nosearch`` (file-wide metadata) stay out of the index
    if _nosearch(app, pagename):
        return
    context["body"] = f"<div data-pagefind-body>{context['body']}</div>"


class _NoPause:
    """``asyncio`` for Pagefind's Python API, without the pause its reply
    loop takes before every reply (``asyncio.sleep(0.1)`` in pagefind 1.5's
    ``PagefindService._wait_for_responses``; upstream issue #976): one tenth
    of a second per object record: a full build of this project's site took
    6.8 s with it, 2.1 s without. The loop awaits its reads, so it never
    spins without it."""

    def __getattr__(self, name: str) -> Any:
        return getattr(asyncio, name)

    @staticmethod
    async def sleep(delay: float, result: Any = None) -> Any:
        return await asyncio.sleep(0, result)


#: Records sent to Pagefind at once, without waiting for each answer: a
#: 1,000-page site's 11,000 records took 5.6 s one by one, 2.8 s in batches.
BATCH = 500


async def _index_site(
    outdir: Path, output: Path, language: str, records: list[SearchRecord]
) -> None:
    """Index the prose pages, then add one custom record per object."""
    import pagefind.service
    from pagefind.index import IndexConfig, PagefindIndex

    if getattr(pagefind.service, "asyncio", None) is asyncio:
        setattr(pagefind.service, "asyncio", _NoPause())  # noqa: B010  # not exported
    config: IndexConfig = {
        "exclude_selectors": [*EXCLUDE_SELECTORS, OBJECT_SELECTOR],
        "output_path": str(output),
    }
    index = PagefindIndex(config=config)
    await index.__aenter__()
    try:
        await index.add_directory(str(outdir))
        for start in range(0, len(records), BATCH):
            await asyncio.gather(
                *(
                    index.add_custom_record(
                        url=rec.url,
                        content=rec.content,
                        language=language,
                        meta=rec.meta,
                        filters=rec.filters,
                    )
                    for rec in records[start : start + BATCH]
                )
            )
        await index.write_files()
    except BaseException as exc:
        await index.__aexit__(type(exc), exc, exc.__traceback__)
        raise
    await _let_pagefind_finish(index)


async def _let_pagefind_finish(index: Any) -> None:
    """End the Pagefind process by closing its input, not by killing it.

    Pagefind 1.5 answers "write the files" while its last writes may still be
    under way, and the Python API's ``close()`` then kills it: under load a
    file was cut short (a search page that could not load, seen in CI;
    Pagefind issue #1271, fixed upstream after 1.5.2). Ended by its input
    closing, it finishes its writes first. Without the attributes this relies
    on (another Pagefind), its own ``close()``.
    """
    service = getattr(index, "_service", None)
    backend = getattr(service, "_backend", None)
    poll = getattr(service, "_poll_task", None)
    if backend is None or backend.stdin is None or poll is None:
        await index.__aexit__(None, None, None)
        return
    poll.cancel()
    backend.stdin.close()
    await backend.wait()


def check_written(output: Path) -> None:
    """Every file Pagefind wrote is whole: none is empty (a file opened but
    never written, seen in CI: the entry file the search page starts from),
    a compressed one decompresses, and the entry file reads as JSON."""
    for path in output.rglob("*"):
        if not path.is_file():
            continue
        try:
            data = path.read_bytes()
            if not data:
                raise EOFError("empty")
            if path.suffix.startswith(".pf_") or path.name.startswith("wasm."):
                gzip.decompress(data)
            elif path.name == "pagefind-entry.json":
                json.loads(data)
        except (OSError, EOFError, zlib.error, ValueError) as exc:
            raise RuntimeError(f"Pagefind wrote {path.name} incompletely") from exc


def time_limit(records: list[SearchRecord]) -> float:
    """Seconds Pagefind may take before it counts as not answering: ample
    (here it indexed 1,000 pages with 11,000 records in about 10 s). A
    Pagefind process that dies is otherwise waited for forever (pagefind
    1.5's Python API never answers the requests it had sent)."""
    return 300 + 0.05 * len(records)


async def _index_in_time(
    outdir: Path, output: Path, language: str, records: list[SearchRecord]
) -> None:
    limit = time_limit(records)
    try:
        await asyncio.wait_for(_index_site(outdir, output, language, records), limit)
    except TimeoutError:
        raise RuntimeError(f"Pagefind did not answer within {limit:.0f} s") from None


def index_site(outdir: Path, output: Path, language: str, records: list[SearchRecord]) -> None:
    """Index the site in ``outdir`` into ``output`` (emptied first); up to
    twice more if a file came out incomplete."""
    for attempt in (1, 2, 3):
        # Pagefind names its files by content and never deletes old ones: start afresh
        shutil.rmtree(output, ignore_errors=True)
        # in a thread of its own: Sphinx may run inside an event loop (a
        # notebook, a test driving a browser), where asyncio.run() refuses
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(asyncio.run, _index_in_time(outdir, output, language, records)).result()
        try:
            check_written(output)
            return
        except RuntimeError:
            if attempt == 3:
                raise


def failure(exc: BaseException) -> str:
    """One line on why Pagefind could not index."""
    return (str(exc).strip() or type(exc).__name__).splitlines()[-1]


def run_pagefind(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: index the built site with Pagefind, one record per
    object; with ``kb_pagefind_background``, in a process of its own."""
    if not _indexed(app):
        return
    background_job = bool(app.config.kb_pagefind_background)
    # a failed build indexes nothing; in the background it still indexes
    # what it wrote, so that its search page (or the last one) does not
    # wait for a job it stopped
    if exception is not None and not background_job:
        return
    outdir = Path(app.outdir)
    language = (app.config.language or "en").split("_")[0]
    try:
        searchable = [d for d in sorted(app.env.found_docs) if not _nosearch(app, d)]
        records = search_records(app, searchable)
    except Exception as exc:  # noqa: BLE001  # only after a failed build
        if exception is None:
            raise
        background.fail(app, failure(exc))
        return
    if background_job:
        error = background.start(app, language, records)
    else:
        background.forget(app)
        try:
            index_site(outdir, outdir / "pagefind", language, records)
            error = None
        except Exception as exc:  # noqa: BLE001  # any failure of the indexer is one warning
            error = failure(exc)
    if error is not None:
        logger.warning(
            _(
                "Pagefind could not index the site: %s (install it with: pip install 'pagefind[bin]')"  # noqa: E501
            ),
            error,
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
    """html-collect-pages: the Pagefind search page (not for EPUB: no scripts there).

    Its "Refine" control is offered when the site has objects: only their
    search records carry filters (search_records.py), and the page cannot
    ask Pagefind, whose filter data is fetched only when the reader opens
    the control (static/kb-search-filters/pagefind.js)."""
    if _indexed(app):
        filters = any(kb_domain(app.env).objects.values())
        yield "search", {"kb_search_filters": filters}, "search.html"


def number_build(app: Sphinx) -> None:
    """builder-inited: an indexed build takes its number (search_background.py),
    which stops the job of an earlier build indexed in the background (make
    serve and make html share an output folder)."""
    if _indexed(app):
        background.new_build(app)


def no_builtin_index(app: Sphinx) -> None:
    """builder-inited: Pagefind replaces Sphinx's search, so Sphinx need not
    stem and index every page for a searchindex.js nobody loads (about a
    tenth of a full build)."""
    if _indexed(app):
        app.builder.search = False  # type: ignore[attr-defined]


#: The search page of a build indexed in the background waits for its index.
WAIT_SCRIPT = "kb-search-wait.js"
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
    app.connect("builder-inited", number_build)
    app.connect("builder-inited", no_builtin_index)
    app.connect("builder-inited", add_landing)
    app.connect("html-collect-pages", search_page)
    app.connect("html-page-context", mark_body)
    app.connect("html-page-context", add_correction)
    app.connect("env-updated", names_file)
    app.connect("build-finished", run_pagefind)
    app.add_env_collector(SiteWordsCollector)
