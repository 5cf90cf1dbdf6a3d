"""Reader-facing HTML: Pagefind search, facets, schema.org JSON-LD.

With ``kb_pagefind = True`` every HTML build ends by indexing the site with
Pagefind (PyPI ``pagefind[bin]``, offline). Only the article body of content
pages is indexed (``data-pagefind-body``; not the search, index or domain
index pages, not header links or backlink lists). Each page carries its
objects' facets (Soort, Editie, Dag, Thema, Gericht aan) as Pagefind filters.
The search page (templates/search.html) is Pagefind's UI, fed by the theme's
own search box, so a reader finds one search.

Object pages also get schema.org JSON-LD (Person, Event, Organization,
CreativeWork) so that shared links and search engines understand them.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from sphinx.util import logging

from .domain import KnowledgeBaseDomain, kb_domain
from .i18n import _
from .model import OBJECT_TYPES, Record

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
#: Never indexed: permalink marks and the "what refers here" lists (they
#: would make a page match every object that links to it).
EXCLUDE_SELECTORS = (".headerlink", ".kb-backlinks-section")
INDEXED_BUILDERS = ("html", "dirhtml")


# -- facets ---------------------------------------------------------------------


def facets(domain: KnowledgeBaseDomain, rec: Record) -> list[tuple[str, str]]:
    """(facet, value) pairs of one object, in Dutch."""
    out = [(_("Kind"), _(OBJECT_TYPES[rec.type].label))]
    edition = domain.edition_of(rec)
    if edition:
        out.append((_("Edition"), edition))
    day = domain.day_of(rec)
    if day is not None:
        out.append((_("Alliance day"), day.title))
    if rec.fields.get("theme"):
        out.append((_("Theme"), rec.fields["theme"]))
    for value in rec.fields.get("addressee", ()):
        target = domain.get(value)
        shown = target.title if target is not None and target.type == "organisation" else value
        out.append((_("Addressed to"), shown))
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


# -- JSON-LD -------------------------------------------------------------------


def _url(app, rec: Record) -> str | None:
    base = app.config.html_baseurl
    if not base:
        return None
    uri = app.builder.get_target_uri(rec.docname)
    return f"{base.rstrip('/')}/{uri}#{rec.anchor}"


def _name_of(domain: KnowledgeBaseDomain, value: str, schema_type: str) -> dict[str, str]:
    target = domain.get(value)
    return {"@type": schema_type, "name": target.title if target else value}


def json_ld(app, domain: KnowledgeBaseDomain, rec: Record) -> dict[str, Any]:
    f = rec.fields
    item: dict[str, Any] = {"name": rec.title, "inLanguage": app.config.language or "en"}
    if rec.type == "speaker":
        item["@type"] = "Person"
        if f.get("role"):
            item["jobTitle"] = f["role"]
        if f.get("aliases"):
            item["alternateName"] = f["aliases"]
        if f.get("affiliation"):
            item["affiliation"] = [_name_of(domain, v, "Organization") for v in f["affiliation"]]
        if f.get("url"):
            item["sameAs"] = f["url"]
        del item["inLanguage"]
    elif rec.type == "organisation":
        item["@type"] = "Organization"
        if f.get("abbreviation"):
            item["alternateName"] = f["abbreviation"]
        if f.get("url"):
            item["sameAs"] = f["url"]
        if f.get("partof"):
            item["parentOrganization"] = _name_of(domain, f["partof"], "Organization")
        del item["inLanguage"]
    elif rec.type in ("event", "workshop"):
        item["@type"] = "Event"
        day = rec if rec.type == "event" else domain.day_of(rec)
        if day is not None and day.fields.get("date"):
            item["startDate"] = day.fields["date"]
        if day is not None and day.fields.get("place"):
            item["location"] = {"@type": "Place", "name": day.fields["place"]}
        if f.get("organiser"):
            item["organizer"] = [_name_of(domain, v, "Organization") for v in f["organiser"]]
        if rec.type == "workshop" and day is not None:
            item["superEvent"] = {"@type": "Event", "name": day.title}
    else:  # talk, recommendation
        item["@type"] = "CreativeWork"
        people = f.get("speakers") or ([f["speaker"]] if f.get("speaker") else [])
        if people:
            item["author"] = [_name_of(domain, v, "Person") for v in people]
        if f.get("addressee"):
            item["audience"] = [
                {"@type": "Audience", "audienceType": _name_of(domain, v, "Organization")["name"]}
                for v in f["addressee"]
            ]
        if f.get("theme"):
            item["keywords"] = f["theme"]
    url = _url(app, rec)
    if url:
        item["url"] = url
    return item


def json_ld_script(data: dict[str, Any]) -> str:
    # "</script>" or "<!--" inside a value must not end the script element
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>\n'


# -- events --------------------------------------------------------------------


#: sphinx.ext.graphviz embeds SVG as <object> with the alt text as fallback
#: content only; screen readers need it as the object's accessible name.
_DIAGRAM = re.compile(
    r'(<object data="[^"]*" type="image/svg\+xml" class="[^"]*kb-diagram[^"]*")>\s*'
    r'<p class="warning">([^<]*)</p>'
)


def page_context(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    """html-page-context: mark the indexable body, add filters and JSON-LD."""
    if app.builder.format != "html" or doctree is None or "body" not in context:
        return
    context["body"] = _DIAGRAM.sub(
        r'\1 role="img" aria-label="\2">\n<p class="warning">\2</p>', context["body"]
    )
    domain: KnowledgeBaseDomain = kb_domain(app.env)
    recs = [r for r in domain.objects.get(pagename, ()) if domain.get(r.id) is r]
    if recs:
        graph = [json_ld(app, domain, rec) for rec in recs]
        data = {"@context": "https://schema.org", "@graph": graph}
        context["metatags"] = context.get("metatags", "") + json_ld_script(data)
    # pages marked ``nosearch`` (file-wide metadata) stay out of the index
    indexed = not app.env.metadata.get(pagename, {}).get("nosearch")
    if app.config.kb_pagefind and app.builder.name in INDEXED_BUILDERS and indexed:
        markup = filter_markup([pair for rec in recs for pair in facets(domain, rec)])
        context["body"] = f"<div data-pagefind-body>{markup}{context['body']}</div>"


def run_pagefind(app, exception: Exception | None) -> None:
    """build-finished: index the built site with Pagefind."""
    if exception is not None or not app.config.kb_pagefind:
        return
    if app.builder.name not in INDEXED_BUILDERS:
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


def _add_templates(app, config) -> None:
    if not config.kb_pagefind:
        return
    if str(TEMPLATES) not in config.templates_path:
        # a new list: the default one is shared by every Sphinx app in the
        # process, and appending to it gave later sites our search page
        config.templates_path = [*config.templates_path, str(TEMPLATES)]  # a site's own win


def _search_page(app):
    """html-collect-pages: the Pagefind search page (not for EPUB: no scripts there)."""
    if app.config.kb_pagefind and app.builder.name in INDEXED_BUILDERS:
        yield "search", {}, "search.html"


def _no_builtin_index(app) -> None:
    """builder-inited: Pagefind replaces Sphinx's search, so Sphinx need not
    stem and index every page for a searchindex.js nobody loads (about a
    tenth of a full build)."""
    if app.config.kb_pagefind and app.builder.name in INDEXED_BUILDERS:
        app.builder.search = False


def setup_search(app) -> None:
    app.connect("config-inited", _add_templates)
    app.connect("builder-inited", _no_builtin_index)
    app.connect("html-collect-pages", _search_page)
    app.connect("html-page-context", page_context)
    app.connect("build-finished", run_pagefind)
