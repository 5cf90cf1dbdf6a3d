"""Docutils nodes for field values, shared by object entries and listings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import assert_never

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from docutils import nodes
from sphinx import addnodes
from sphinx.config import Config

from .datamodel import FieldValue, Record
from .i18n import _
from .model import OBJECT_TYPES, Field, choice_label

ANY_KB_TYPE = "obj"


def not_stated() -> nodes.emphasis:
    """What an empty ``always_shown`` field shows, the same phrase site-wide."""
    text = _("not stated in the article")
    return nodes.emphasis(text, text, classes=["kb-not-stated"])


def inferred_marker() -> nodes.inline:
    """What follows a value the source implies rather than states (``:afgeleid:``):
    " (afgeleid)", an abbreviation whose explanation is the tooltip in HTML and
    follows it in print."""
    word = _("inferred")
    abbr = nodes.abbreviation(
        word, word, explanation=_("the article does not say this in so many words")
    )
    return nodes.inline("", " (", abbr, nodes.Text(")"), classes=["kb-inferred"])


def pending_ref(
    target: str,
    targets: tuple[str, ...],
    docname: str,
    source: str | None,
    line: int | None,
    *,
    fallback_text: bool = False,
    title: str = "",
) -> addnodes.pending_xref:
    """A cross-reference to ``target`` generated from data (not a prose mention);
    ``title`` is the text it was written with, shown instead of the object's title."""
    reftype = targets[0] if len(targets) == 1 else ANY_KB_TYPE
    ref = addnodes.pending_xref(
        "",
        nodes.inline(title or target, title or target),
        refdomain="kb",
        reftype=reftype,
        reftarget=target,
        refexplicit=bool(title),
        refwarn=True,
        refdoc=docname,
        kb_targets=" ".join(targets),
        kb_fallback_text=fallback_text,
        kb_generated=True,
    )
    ref.source, ref.line = source, line
    return ref


def object_ref(objid: str, objtype: str, docname: str) -> addnodes.pending_xref:
    """A link to a known object, its text being the object's title."""
    return pending_ref(objid, (objtype,), docname, None, None)


def doc_ref(target_doc: str, docname: str) -> addnodes.pending_xref:
    """A link to a whole page, its text being the page title."""
    ref = addnodes.pending_xref(
        "",
        nodes.inline(target_doc, target_doc),
        refdomain="std",
        reftype="doc",
        reftarget="/" + target_doc,
        refexplicit=False,
        refdoc=docname,
    )
    return ref


def babel_locale(language: str | None) -> Locale:
    """The Babel locale of a Sphinx ``language`` (``nl``, ``en_GB``, ``pt-BR``);
    English when Babel does not know it."""
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse("en")


def format_iso_date(value: str, language: str | None) -> str:
    """``2012-10-05`` as a long date in the project's language (Babel):
    "5 oktober 2012", "October 5, 2012"."""
    return format_date(dt.date.fromisoformat(value), "long", locale=babel_locale(language))


def format_date_span(first: str, last: str, language: str | None) -> str:
    """Two ISO dates as one span in the project's language: "5 oktober – 9
    november 2012", "October 5 – November 9, 2012"; the year once when both
    dates share it, "17 december 2023 – 3 januari 2024" when they do not."""
    locale = babel_locale(language)
    start_date, end_date = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    end = format_date(end_date, "long", locale=locale)
    if start_date == end_date:
        return end
    if start_date.year == end_date.year:
        start = format_skeleton("MMMMd", start_date, locale=locale)
    else:
        start = format_date(start_date, "long", locale=locale)
    return f"{start} – {end}"


def _one(value: FieldValue) -> str:
    """A single-valued field's value (validation guarantees a string)."""
    return value if isinstance(value, str) else ", ".join(value)


def _many(value: FieldValue) -> list[str]:
    """A ``multiple`` field's values (validation guarantees a list)."""
    return [value] if isinstance(value, str) else value


def render_value(
    f: Field,
    value: FieldValue,
    *,
    docname: str,
    language: str | None,
    source: str | None = None,
    line: int | None = None,
    config: Config | None = None,
    written: Mapping[str, str] | None = None,
) -> list[nodes.Node]:
    """Nodes showing one field value (links for relations, dates in the
    project's language, labels of vocabulary values...). ``config`` is the
    build's (its ``kb_vocabularies``); ``written`` the text each related id
    was written with (``Record.written``), shown as the article words it."""
    match f.kind:
        case "choice":
            return [nodes.Text(value_label(f, _one(value), config))]
        case "date":
            return [nodes.Text(format_iso_date(_one(value), language))]
        case "url":
            url = _one(value)
            return [nodes.reference(url, url, refuri=url)]
        case "list":
            return [nodes.Text(", ".join(_many(value)))]
        case "ref" | "refs" | "ref-or-text":
            out: list[nodes.Node] = []
            for i, target in enumerate(_many(value)):
                if i:
                    out.append(nodes.Text(", "))
                out.append(
                    pending_ref(
                        target,
                        f.targets,
                        docname,
                        source,
                        line,
                        # free text may stand here, unless written ``text <id>``
                        fallback_text=f.kind == "ref-or-text" and target not in (written or {}),
                        title=(written or {}).get(target, ""),
                    )
                )
            return out
        case "text" | "year":
            return [nodes.Text(_one(value))]
        case _:
            assert_never(f.kind)


def value_label(f: Field, value: str, config: Config | None = None) -> str:
    """What a reader sees for a vocabulary value: its label, translated."""
    return str(_(choice_label(f, value, config)))


def type_label(objtype: str) -> str:
    """The type's label in the project's language (``Spreker``)."""
    return _(OBJECT_TYPES[objtype].label)


def labelled_title(rec: Record, sep: str = "\n") -> str:
    """``Spreker<sep>Alex Brenninkmeijer``; no label when the title starts with
    it already ("Alliantiedag Drachten", not "Alliantiedag Alliantiedag ...")."""
    label = type_label(rec.type)
    if rec.title.casefold().startswith(label.casefold()):
        return rec.title
    return f"{label}{sep}{rec.title}"
