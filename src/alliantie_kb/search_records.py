"""One search record per object: what Pagefind indexes for each of them.

A reader searches for recommendations, people and days, not for pages. So
every object becomes a Pagefind custom record of its own: its URL is its
page plus its anchor; its text is its names (title, other names) and what
the reader sees of it on its page (the written HTML of its entry, without
its heading, the permalink marks and the "what refers here" list); its
title names its type; its filters are its own facets. Prose pages are
indexed apart, without the objects' entries (``OBJECT_SELECTOR`` is
excluded), so no object's text is found twice and facet counts count objects.
"""

from __future__ import annotations

import hashlib
import pickle
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import assert_never

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from .domain import KnowledgeBaseDomain, kb_domain
from .i18n import _
from .model import OBJECT_TYPES, Field, Record, choice_label

#: The HTML of an object's entry (Sphinx writes a ``desc`` node of the
#: ``kb`` domain as ``<dl class="kb <type>">``): left out of the pages' index.
OBJECT_SELECTOR = "dl.kb"
#: Never part of an object's own text: its permalink mark and its "what
#: refers here" list (the titles of other objects).
SKIPPED_CLASSES = frozenset({"headerlink", "kb-backlinks-section"})
#: Elements that never hold an end tag.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
_BLOCKS = frozenset({"dt", "dd", "p", "li", "div", "dl", "ul", "ol", "tr", "td", "th", "br"})
_SPACE = re.compile(r"\s+")


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


def record_filters(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Pagefind filters (facet -> values, each once) of ``(facet, value)`` pairs."""
    out: dict[str, list[str]] = {}
    for facet, value in pairs:
        values = out.setdefault(facet_text(facet), [])
        if facet_text(value) not in values:
            values.append(facet_text(value))
    return out


# -- the objects' text, from the written pages ---------------------------------------


@dataclass
class _Open:
    """An object entry being read: its anchor (once seen) and its text."""

    depth: int
    anchor: str = ""
    text: list[str] = field(default_factory=list)


class ObjectTexts(HTMLParser):
    """The text of every object entry (``dl.kb``) of one written page, by anchor.

    Nested entries are read apart; skipped parts (``SKIPPED_CLASSES``) and
    scripts add nothing. Character references are decoded: the texts are
    plain text, never markup.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: dict[str, str] = {}
        self._depth = 0
        self._open: list[_Open] = []
        self._skip_until: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            self._text(" ")
            return
        self._depth += 1
        if self._skip_until is not None:
            return
        attr = dict(attrs)
        classes = set((attr.get("class") or "").split())
        if classes & SKIPPED_CLASSES or tag in {"script", "style"}:
            self._skip_until = self._depth
            return
        if tag == "dl" and "kb" in classes:
            self._open.append(_Open(self._depth))
        elif self._open and not self._open[-1].anchor and tag == "dt" and attr.get("id"):
            # the signature: the type label and the title, which the record
            # names itself (``SearchRecord.title``, the start of its content)
            self._open[-1].anchor = attr.get("id") or ""
            self._skip_until = self._depth
            return
        if tag in _BLOCKS:
            self._text(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if self._skip_until == self._depth:
            self._skip_until = None
        elif self._skip_until is None:
            if tag in _BLOCKS:
                self._text(" ")
            if self._open and self._open[-1].depth == self._depth:
                done = self._open.pop()
                if done.anchor:
                    self.texts[done.anchor] = _SPACE.sub(" ", "".join(done.text)).strip()
        self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._skip_until is None:
            self._text(data)

    def _text(self, data: str) -> None:
        if self._open:
            self._open[-1].text.append(data)


def object_texts(html: bytes) -> dict[str, str]:
    """Anchor -> text of every object entry of a written page's ``html``."""
    parser = ObjectTexts()
    parser.feed(html.decode("utf-8"))
    parser.close()
    return parser.texts


#: The objects' texts of the written pages, kept between builds under the
#: doctree directory: an incremental build reads again only the pages whose
#: HTML changed (reading every page took 11 s of each build at 1,000
#: pages). Keyed by a digest of the page's bytes, not its time stamp: a
#: page rewritten within the file system's time resolution is still read.
#: A change to what is kept, or to how the texts are read, raises the version.
TEXTS_CACHE = "kb-search-texts-{}.pickle"
_CACHE_VERSION = 1
_Cache = dict[str, tuple[bytes, dict[str, str]]]


def _load_cache(path: Path) -> _Cache:
    try:
        with path.open("rb") as f:
            version, cache = pickle.load(f)
    except Exception:  # noqa: BLE001  # no cache, an old or a damaged one: read every page
        return {}
    return cache if version == _CACHE_VERSION and isinstance(cache, dict) else {}


class PageTexts:
    """The objects' texts of written pages, from the cache where the page
    did not change; :meth:`save` keeps what this build saw."""

    def __init__(self, cache_dir: Path, builder: str) -> None:
        self.path = cache_dir / TEXTS_CACHE.format(builder)
        self.old = _load_cache(self.path)
        self.new: _Cache = {}

    def texts(self, key: str, page: Path) -> dict[str, str]:
        """Anchor -> text of the object entries on ``page`` (kept under ``key``)."""
        html = page.read_bytes()
        digest = hashlib.blake2b(html, digest_size=16).digest()
        kept = self.old.get(key)
        if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == digest:
            texts = kept[1]
        else:
            texts = object_texts(html)
        self.new[key] = (digest, texts)
        return texts

    def save(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".tmp")
            with temporary.open("wb") as f:
                pickle.dump((_CACHE_VERSION, self.new), f, protocol=pickle.HIGHEST_PROTOCOL)
            temporary.replace(self.path)
        except OSError:  # a read-only doctree directory: the next build reads every page
            pass


# -- records -------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchRecord:
    """One Pagefind custom record: an object as the reader finds it."""

    url: str
    content: str
    #: ``title`` ("<type>: <title>"), and the object's other names under
    #: their field's label (the search page shows them under the title).
    meta: dict[str, str]
    filters: dict[str, list[str]]


def page_url(app: Sphinx, docname: str) -> str:
    """The page of ``docname`` as Pagefind names it: from the site root, with a
    leading slash (``/personen/x.html``; dirhtml: ``/personen/x/``)."""
    return "/" + app.builder.get_target_uri(docname)


def search_records(app: Sphinx, docnames: list[str]) -> list[SearchRecord]:
    """The records of the objects defined on the pages ``docnames``."""
    domain = kb_domain(app.env)
    out: list[SearchRecord] = []
    if not isinstance(app.builder, StandaloneHTMLBuilder):
        return out
    pages = PageTexts(Path(app.doctreedir), app.builder.name)
    for docname in docnames:
        recs = [r for r in domain.objects.get(docname, ()) if domain.get(r.id) is r]
        page = Path(app.builder.get_outfilename(docname))
        if not recs or not page.is_file():
            continue
        texts = pages.texts(docname, page)
        for rec in recs:
            objtype = OBJECT_TYPES[rec.type]
            meta = {"title": f"{_(objtype.label)}: {rec.title}"}
            aliases = rec.values(objtype.alias_field) if objtype.alias_field else []
            if aliases:
                meta[_(objtype.field_label(objtype.alias_field))] = ", ".join(aliases)
            # its names lead its text: a record has no headings to weigh, and
            # the person a reader names must rank above pages that mention them
            names = ". ".join([rec.title, *aliases])
            out.append(
                SearchRecord(
                    url=f"{page_url(app, docname)}#{rec.anchor}",
                    content=f"{names}. {texts.get(rec.anchor, '')}".strip(),
                    meta=meta,
                    filters=record_filters(facets(domain, rec)),
                )
            )
    pages.save()
    return out
