"""``kb.json``: the whole knowledge base as data, plus its JSON Schema.

Written next to the HTML on every build from the merged domain data, in a
deterministic order, so the same sources give byte-identical files in serial,
parallel and incremental builds.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, assert_never

from sphinx.application import Sphinx
from sphinx.config import Config

from . import __version__
from .domain import KnowledgeBaseDomain, kb_domain
from .i18n import _
from .model import HIERARCHICAL_SCHEMES, ID_RE, OBJECT_TYPES, Field, choices, url_schemes
from .unchanged import Kept, output_key

JSON_NAME = "kb.json"
SCHEMA_NAME = "kb.schema.json"
EXPORT_BUILDERS = ("html", "dirhtml")
#: The model's id pattern as JSON Schema (ECMA-262) writes it: ``$``, not ``\Z``.
ID_PATTERN = ID_RE.pattern.removesuffix(r"\Z") + "$"


def html_uri(app: Sphinx, docname: str) -> str:
    """The page URL the HTML builder gives a document (also without that builder)."""
    if app.builder.name in EXPORT_BUILDERS:
        return app.builder.get_target_uri(docname)
    suffix: str = app.config.html_file_suffix or ".html"
    return docname + suffix


def export_data(app: Sphinx) -> dict[str, Any]:
    """Every object with its fields, relations both ways and where it is."""
    env = app.env
    domain: KnowledgeBaseDomain = kb_domain(env)
    objects: list[dict[str, Any]] = []
    for rec in sorted(domain.records(), key=lambda r: (r.type, r.id)):
        objtype = OBJECT_TYPES[rec.type]
        relations: dict[str, list[str]] = {}
        for f in objtype.fields:
            if not f.is_relation:
                continue
            ids: list[str] = []
            for value in domain.values(rec, f.name):
                target = domain.get(value)
                if target is not None and target.type in f.targets:
                    ids.append(value)
            if ids:
                relations[f.name] = ids
        referenced_by = sorted(
            (
                {"id": other.id, "type": other.type, "field": field}
                for other, field in domain.referrers(rec.id)
            ),
            key=lambda item: (item["type"], item["id"], item["field"]),
        )
        objects.append(
            {
                "id": rec.id,
                "type": rec.type,
                "type_label": str(_(objtype.label)),
                "title": rec.title,
                "fields": rec.fields,
                # fields whose values the source implies rather than states
                "inferred": list(rec.inferred),
                # per relation field, the words an id was written with
                # (``overheden <de-overheid>``): what the page shows for it
                "written": {name: dict(texts) for name, texts in rec.written.items()},
                "relations": relations,
                "referenced_by": referenced_by,
                "mentioned_on": list(domain.mentioned_on(rec.id)),
                "docname": rec.docname,
                "source": Path(env.doc2path(rec.docname, False)).as_posix(),
                "line": rec.lineno,
                "url": f"{html_uri(app, rec.docname)}#{rec.anchor}",
            }
        )
    return {
        "$schema": f"./{SCHEMA_NAME}",
        "generator": {"name": "alliantie-kb", "version": __version__},
        "project": app.config.project,
        "language": app.config.language or "en",
        "types": {
            name: {"label": str(_(t.label)), "plural": str(_(t.plural))}
            for name, t in OBJECT_TYPES.items()
        },
        "objects": objects,
    }


def _url_pattern(config: Config | None = None) -> str:
    """``^(https?://|mailto:)`` for the default ``kb_url_schemes``."""
    prefixes = [
        re.escape(s) + ("://" if s in HIERARCHICAL_SCHEMES else ":") for s in url_schemes(config)
    ]
    if {"http://", "https://"} <= set(prefixes):
        prefixes = ["https?://"] + [p for p in prefixes if p not in ("http://", "https://")]
    return "^(" + "|".join(prefixes) + ")" if prefixes else "^(?!)"


def _field_schema(f: Field, config: Config | None = None) -> dict[str, Any]:
    """The schema of one field's value (an array of them for ``multiple`` kinds)."""
    string: dict[str, Any] = {"type": "string", "minLength": 1}
    if f.kind == "date":
        string = {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
    elif f.kind == "year":
        string = {"type": "string", "pattern": r"^[0-9]{4}$"}
    elif f.kind == "url":
        string = {"type": "string", "pattern": _url_pattern(config)}
    elif f.kind == "choice":
        string = {"enum": list(choices(f, config))}
    elif f.kind == "ref" or f.kind == "refs":
        string = {"type": "string", "pattern": ID_PATTERN}
    elif f.kind == "text" or f.kind == "list" or f.kind == "ref-or-text":
        pass  # any non-empty text
    else:
        assert_never(f.kind)
    if f.multiple:
        return {"type": "array", "items": string, "minItems": 1}
    return string


def schema(config: Config | None = None) -> dict[str, Any]:
    """JSON Schema (2020-12) of kb.json, derived from the object model and the
    build's configuration (vocabularies, URL schemes; defaults without one)."""
    id_pattern = ID_PATTERN
    per_type: list[dict[str, Any]] = []
    for name, t in OBJECT_TYPES.items():
        relation_names = [f.name for f in t.fields if f.is_relation]
        per_type.append(
            {
                "if": {"properties": {"type": {"const": name}}},
                "then": {
                    "properties": {
                        "fields": {
                            "type": "object",
                            "properties": {f.name: _field_schema(f, config) for f in t.fields},
                            "required": [f.name for f in t.fields if f.required],
                            "additionalProperties": False,
                        },
                        "relations": {
                            "type": "object",
                            "propertyNames": {"enum": relation_names},
                            "additionalProperties": {
                                "type": "array",
                                "items": {"type": "string", "pattern": id_pattern},
                            },
                        },
                    }
                },
            }
        )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_NAME,
        "title": "alliantie-kb knowledge base export",
        "type": "object",
        "required": ["generator", "project", "language", "types", "objects"],
        "properties": {
            "$schema": {"type": "string"},
            "generator": {
                "type": "object",
                "required": ["name", "version"],
                "properties": {"name": {"const": "alliantie-kb"}, "version": {"type": "string"}},
            },
            "project": {"type": "string"},
            "language": {"type": "string"},
            "types": {
                "type": "object",
                "propertyNames": {"enum": list(OBJECT_TYPES)},
                "additionalProperties": {
                    "type": "object",
                    "required": ["label", "plural"],
                    "properties": {"label": {"type": "string"}, "plural": {"type": "string"}},
                },
            },
            "objects": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": [
                        "id",
                        "type",
                        "type_label",
                        "title",
                        "fields",
                        "relations",
                        "referenced_by",
                        "mentioned_on",
                        "docname",
                        "source",
                        "line",
                        "url",
                    ],
                    "additionalProperties": False,
                    "properties": {
                        "id": {"type": "string", "pattern": id_pattern},
                        "type": {"enum": list(OBJECT_TYPES)},
                        "type_label": {"type": "string"},
                        "title": {"type": "string", "minLength": 1},
                        "fields": {"type": "object"},
                        "inferred": {"type": "array", "items": {"type": "string"}},
                        "written": {
                            "type": "object",
                            "additionalProperties": {
                                "type": "object",
                                "additionalProperties": {"type": "string"},
                            },
                        },
                        "relations": {"type": "object"},
                        "referenced_by": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["id", "type", "field"],
                                "additionalProperties": False,
                                "properties": {
                                    "id": {"type": "string", "pattern": id_pattern},
                                    "type": {"enum": list(OBJECT_TYPES)},
                                    "field": {"type": "string"},
                                },
                            },
                        },
                        "mentioned_on": {"type": "array", "items": {"type": "string"}},
                        "docname": {"type": "string"},
                        "source": {"type": "string"},
                        "line": {"type": "integer", "minimum": 1},
                        "url": {"type": "string"},
                    },
                    "allOf": per_type,
                },
            },
        },
    }


def dumps(data: object) -> str:
    """``data`` as JSON in a stable order (keys sorted, two-space indent)."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_export(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: write kb.json and kb.schema.json into the HTML output
    (unless both are as this build would write them: ``unchanged.py``)."""
    if exception is not None or app.builder.name not in EXPORT_BUILDERS:
        return
    outdir = Path(app.outdir)
    files = (outdir / JSON_NAME, outdir / SCHEMA_NAME)
    kept = Kept(app.doctreedir, "export", *files)
    key = output_key(app)
    if kept.load(key) is not None:
        return
    files[0].write_text(dumps(export_data(app)), encoding="utf-8")
    files[1].write_text(dumps(schema(app.config)), encoding="utf-8")
    kept.save(key)


def setup_export(app: Sphinx) -> None:
    """Write kb.json and its schema at the end of an HTML build."""
    app.connect("build-finished", write_export)
