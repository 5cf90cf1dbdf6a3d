"""Previews: a small card on a link to an object, without leaving the page.

Hovering or focusing a link to an object shows its type, title and key
fields (the type's ``default_columns`` besides the title) in a card drawn by
``static/kb-hovercard.js``. The card's data is written at the end of an HTML
build as ``kb-hovercards.js`` beside ``kb.json``: the same merged domain data,
with the values as a reader sees them (titles of related objects, labels of
vocabulary values, dates in the project's language). It is a script, not
JSON, so that the page loads it from the site itself whether the site is
served or opened as files; the card's script loads it on the first hover.

Only the ``html`` and ``dirhtml`` builders get the card: the EPUB leaves
scripts out, and the card's stylesheet is kept out of it too; print hides it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import assert_never

from sphinx.application import Sphinx
from sphinx.config import Config

from .domain import KnowledgeBaseDomain, kb_domain
from .export import html_uri
from .i18n import _
from .model import OBJECT_TYPES, Field, ObjectType, Record
from .render import format_iso_date, type_label, value_label
from .unchanged import Kept, output_key

PREVIEW_BUILDERS = ("html", "dirhtml")
SCRIPT = "kb-hovercard.js"
STYLESHEET = "kb-hovercard.css"
#: The card's data, at the site root beside kb.json.
DATA_NAME = "kb-hovercards.js"
#: The global the data script sets (read by ``static/kb-hovercard.js``).
DATA_GLOBAL = "kbHovercards"


def preview_fields(objtype: ObjectType) -> tuple[Field, ...]:
    """The fields a card shows: the type's default listing columns that are
    fields of its own, besides the title (which the card shows anyway)."""
    names = [n for n in objtype.default_columns if n not in ("title", objtype.title_field)]
    return tuple(f for n in names if (f := objtype.field(n)) is not None)


def value_text(domain: KnowledgeBaseDomain, f: Field, value: str, config: Config) -> str:
    """One value of ``f`` as the reader sees it on the object's own entry."""
    match f.kind:
        case "text" | "list" | "year" | "url":
            return value
        case "date":
            return format_iso_date(value, config.language)
        case "choice":
            return value_label(f, value, config)
        case "ref" | "refs" | "ref-or-text":
            target = domain.get(value)
            return target.title if target is not None and target.type in f.targets else value
        case _:
            assert_never(f.kind)


def card(domain: KnowledgeBaseDomain, rec: Record, config: Config) -> dict[str, object]:
    """The card of one object: its type, title and key fields (``None``:
    the article does not say)."""
    objtype = OBJECT_TYPES[rec.type]
    fields: list[list[str | None]] = []
    for f in preview_fields(objtype):
        values = [value_text(domain, f, v, config) for v in rec.values(f.name) if v]
        shown = ", ".join(values)
        if shown and f.name in rec.inferred:  # as on the entry: the article does not say it
            shown += f" ({_('inferred')})"
        fields.append([str(_(f.label)), shown or None])
    return {"type": type_label(rec.type), "title": rec.title, "fields": fields}


def preview_data(app: Sphinx) -> dict[str, object]:
    """Every object's card by its address relative to the site root
    (``2012/drachten.html#aanbeveling-...``), and the card's fixed texts."""
    domain = kb_domain(app.env)
    cards = {
        f"{html_uri(app, rec.docname)}#{rec.anchor}": card(domain, rec, app.config)
        for rec in sorted(domain.records(), key=lambda r: (r.type, r.id))
    }
    return {"empty": str(_("not stated in the article")), "cards": cards}


def data_script(data: dict[str, object]) -> str:
    """``data`` as a script that sets ``window.kbHovercards`` (stable order)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"window.{DATA_GLOBAL} = {text};\n"


def write_previews(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: write the cards' data into the HTML output."""
    if exception is not None or app.builder.name not in PREVIEW_BUILDERS:
        return
    target = Path(app.outdir) / DATA_NAME
    kept = Kept(app.doctreedir, "hovercards", target)
    key = output_key(app)
    if kept.load(key) is not None:  # the objects did not change (unchanged.py)
        return
    target.write_text(data_script(preview_data(app)), encoding="utf-8")
    kept.save(key)


def add_assets(app: Sphinx) -> None:
    """builder-inited: the card's script and stylesheet, in HTML pages only."""
    if app.builder.name in PREVIEW_BUILDERS:
        app.add_js_file(SCRIPT, loading_method="defer")
        app.add_css_file(STYLESHEET)


def keep_out_of_epub(app: Sphinx, config: Config) -> None:
    """config-inited: the EPUB leaves scripts out; leave the card's style out too."""
    excluded = list(config.epub_exclude_files or [])
    name = f"_static/{STYLESHEET}"
    if name not in excluded:
        config.epub_exclude_files = [*excluded, name]


def setup_previews(app: Sphinx) -> None:
    """Register the previews: assets for HTML builders, the data at the end."""
    app.connect("config-inited", keep_out_of_epub)
    app.connect("builder-inited", add_assets)
    app.connect("build-finished", write_previews)
