"""Structured data: schema.org JSON-LD on every page that defines objects.

So that shared links and search engines understand a page, its head gets
one ``<script type="application/ld+json">`` with a ``@graph`` of the page's
objects. Everything comes from the model: the item's ``@type`` is the
object type's ``schema_type``, and every field with a ``schema`` property
becomes that property. What is schema.org's rather than ours stays here:
which properties take a wrapped value (a ``location`` is a Place), that an
Event's date and place are those of its day, and that people and
organisations have no language.
"""

from __future__ import annotations

import json
from typing import Any, assert_never

from docutils import nodes
from sphinx.application import Sphinx

from .domain import KnowledgeBaseDomain, kb_domain
from .model import OBJECT_TYPES, Field, Record

#: Properties whose value is an item of its own: (schema.org type, the key
#: that holds the value or the named object's title).
WRAPPED = {
    "location": ("Place", "name"),
    "audience": ("Audience", "audienceType"),
}
#: An Event's time and place: those of the Alliance day it belongs to.
DAY_PROPERTIES = ("startDate", "location")
#: schema.org types without ``inLanguage`` (it belongs to works and events).
NO_LANGUAGE = ("Person", "Organization")


def list_properties() -> frozenset[str]:
    """Relation properties given as a list of items on every type.

    A property keeps one shape across the model: when any relation that
    carries it names several objects (a talk's speakers are its
    ``author``), it is a list wherever it appears (a recommendation's one
    speaker too); a property only ever carried by single relations
    (``parentOrganization``) is one item.
    """
    return frozenset(
        f.schema
        for t in OBJECT_TYPES.values()
        for f in t.fields
        if f.schema and f.is_relation and f.multiple
    )


def _named(domain: KnowledgeBaseDomain, f: Field, value: str) -> dict[str, str]:
    """One value of a relation as an item: the object it names, or the text."""
    target = domain.get(value)
    name = target.title if target is not None else value
    if f.schema in WRAPPED:
        schema_type, key = WRAPPED[f.schema]
        return {"@type": schema_type, key: name}
    typename = target.type if target is not None and target.type in f.targets else f.targets[0]
    return {"@type": OBJECT_TYPES[typename].schema_type, "name": name}


def _value(domain: KnowledgeBaseDomain, rec: Record, f: Field) -> Any:
    """The JSON-LD value of one field of ``rec`` (``None`` when not given)."""
    given = rec.fields.get(f.name)
    if not given:
        return None
    match f.kind:
        case "text" | "list" | "date" | "year" | "url" | "choice":
            if f.schema in WRAPPED and isinstance(given, str):
                schema_type, key = WRAPPED[f.schema]
                return {"@type": schema_type, key: given}
            return given
        case "ref" | "refs" | "ref-or-text":
            items = [_named(domain, f, v) for v in rec.values(f.name)]
            return items if f.schema in list_properties() else items[0]
        case _:
            assert_never(f.kind)


def _add_fields(
    item: dict[str, Any],
    domain: KnowledgeBaseDomain,
    rec: Record,
    wanted: tuple[str, ...] | None = None,
    skipped: tuple[str, ...] = (),
) -> None:
    """Add the schema properties of ``rec``'s fields (only ``wanted`` ones)."""
    for f in OBJECT_TYPES[rec.type].fields:
        if not f.schema or f.schema in skipped or (wanted is not None and f.schema not in wanted):
            continue
        value = _value(domain, rec, f)
        if value is None:
            continue
        if isinstance(value, list) and isinstance(item.get(f.schema), list):
            item[f.schema] = [*item[f.schema], *value]  # several fields, one property
        else:
            item.setdefault(f.schema, value)


def _url(app: Sphinx, rec: Record) -> str | None:
    base = app.config.html_baseurl
    if not base:
        return None
    uri = app.builder.get_target_uri(rec.docname)
    return f"{base.rstrip('/')}/{uri}#{rec.anchor}"


def json_ld(app: Sphinx, domain: KnowledgeBaseDomain, rec: Record) -> dict[str, Any]:
    """The schema.org item of one object."""
    objtype = OBJECT_TYPES[rec.type]
    item: dict[str, Any] = {"@type": objtype.schema_type, "name": rec.title}
    if objtype.schema_type not in NO_LANGUAGE:
        item["inLanguage"] = app.config.language or "en"
    if objtype.schema_type == "Event":
        _add_fields(item, domain, rec, skipped=DAY_PROPERTIES)
        day = domain.day_of(rec)
        if day is not None:
            _add_fields(item, domain, day, wanted=DAY_PROPERTIES)
            if day is not rec:
                day_type = OBJECT_TYPES[day.type].schema_type
                item["superEvent"] = {"@type": day_type, "name": day.title}
    else:
        _add_fields(item, domain, rec)
    url = _url(app, rec)
    if url:
        item["url"] = url
    return item


def json_ld_script(data: dict[str, Any]) -> str:
    """``data`` as a JSON-LD script element that no value can end early."""
    # "</script>" or "<!--" inside a value must not end the script element
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>\n'


def add_json_ld(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """html-page-context: the page's objects as JSON-LD in its head."""
    if app.builder.format != "html" or doctree is None or "body" not in context:
        return
    domain = kb_domain(app.env)
    recs = [r for r in domain.objects.get(pagename, ()) if domain.get(r.id) is r]
    if recs:
        graph = [json_ld(app, domain, rec) for rec in recs]
        data = {"@context": "https://schema.org", "@graph": graph}
        context["metatags"] = context.get("metatags", "") + json_ld_script(data)


def setup_jsonld(app: Sphinx) -> None:
    """Register the JSON-LD of object pages."""
    app.connect("html-page-context", add_json_ld)
