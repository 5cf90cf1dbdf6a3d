"""Compact entries for the printed book and the e-book.

On screen an entry shows its opening line and a list of details. On paper
that list costs a third of a page per recommendation, so the PDF and the
EPUB get one block instead: the opening line, then every detail as
"Label: value", separated by a middle dot, relations with their page
reference (LaTeX adds it). Left out of print: the field that holds the
edition (the same for the whole book) and a field at its
``Field.print_default`` (a status nobody moved on). The HTML site keeps all.

An object whose heading says exactly what the section title above it says
("1.4.1 Alliantiedag Drachten" over "Alliantiedag Drachten") loses its own
heading in print; its anchor moves to the section, so references still land.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

from .datamodel import Field, ObjectType, Record
from .domain import kb_domain
from .i18n import _
from .model import OBJECT_TYPES
from .render import not_stated

#: the separator between two facts of one compact block
SEPARATOR = " · "


def printed_fields(objtype: ObjectType, rec: Record) -> dict[str, Field]:
    """``{translated label: field}`` of the fields print shows for ``rec``."""
    shown: dict[str, Field] = {}
    for f in objtype.fields:
        if f.name == objtype.edition_field:
            continue  # the whole book is one edition
        if f.print_default and rec.text(f.name) == f.print_default:
            continue
        shown[str(_(f.label))] = f
    return shown


def _facts(field_list: nodes.field_list, shown: dict[str, Field]) -> list[list[nodes.Node]]:
    """``Label: value`` of each field of ``field_list`` that print shows."""
    facts: list[list[nodes.Node]] = []
    for field in field_list.findall(nodes.field):
        name = field[0].astext()
        if name not in shown:
            continue
        label = nodes.strong(name, name)
        value: list[nodes.Node] = []
        for para in field[1].children:
            value.extend(para.children if isinstance(para, nodes.paragraph) else [para])
        facts.append([label, nodes.Text(": "), *value])
    return facts


def compact_block(content: addnodes.desc_content, objtype: ObjectType, rec: Record) -> None:
    """Replace the opening line and the field lists of one entry by one paragraph."""
    lists = [
        child
        for child in content.children
        if isinstance(child, nodes.field_list) and "kb-fields" in child["classes"]
    ]
    if not lists:
        return
    shown = printed_fields(objtype, rec)
    facts = [fact for field_list in lists for fact in _facts(field_list, shown)]
    said = {fact[0].astext() for fact in facts}
    for label, f in shown.items():
        if f.print_always and f.name not in rec.fields and label not in said:
            facts.append([nodes.strong(label, label), nodes.Text(": "), not_stated()])
    line = next(
        (
            child
            for child in content.children
            if isinstance(child, nodes.paragraph) and "kb-entry-line" in child["classes"]
        ),
        None,
    )
    block = nodes.paragraph(classes=["kb-entry-line", "kb-print-facts"])
    parts: list[list[nodes.Node]] = [list(line.children)] if line is not None else []
    parts.extend(facts)
    for i, part in enumerate(parts):
        if i:
            block += nodes.Text(SEPARATOR)
        block.extend(part)
    where = content.index(line) if line is not None else content.index(lists[0])
    for old in [line, *lists]:
        if old is not None:
            content.remove(old)
    if block.children:
        content.insert(where, block)


def _records_by_anchor(env: BuildEnvironment) -> dict[str, Record]:
    """Every object by its anchor."""
    return {rec.anchor: rec for rec in kb_domain(env).records()}


def _record_of(desc: addnodes.desc, records: dict[str, Record]) -> Record | None:
    """The object a ``desc`` node describes, from its signature's ids."""
    for sig in desc.findall(addnodes.desc_signature):
        for ident in sig["ids"]:
            if ident in records:
                return records[ident]
    return None


def drop_repeated_heading(desc: addnodes.desc) -> None:
    """Unwrap ``desc`` when its heading repeats the section title just above it."""
    section = desc.parent
    if not isinstance(section, nodes.section) or not section.children:
        return
    title = section[0]
    names = [n.astext() for n in desc.findall(addnodes.desc_name)]
    if not isinstance(title, nodes.title) or names != [title.astext()]:
        return
    if any(isinstance(n, addnodes.desc) for n in section.children[1 : section.index(desc)]):
        return  # only the section's own object
    for sig in desc.findall(addnodes.desc_signature):
        section["ids"].extend(i for i in sig["ids"] if i not in section["ids"])
    content = next(desc.findall(addnodes.desc_content), None)
    desc.replace_self(list(content.children) if content is not None else [])


class CompactEntries(SphinxPostTransform):
    """Print and e-book: compact entries, no heading said twice."""

    default_priority = 60  # after OnlyNodeTransform: the print-only fields are in
    builders = ("latex", "epub")

    def run(self, **kwargs: Any) -> None:
        records = _records_by_anchor(self.env)
        for desc in list(self.document.findall(addnodes.desc)):
            if desc.get("domain") != "kb":
                continue
            rec = _record_of(desc, records)
            if rec is None or rec.type not in OBJECT_TYPES:
                continue
            for content in desc.findall(addnodes.desc_content):
                compact_block(content, OBJECT_TYPES[rec.type], rec)
            drop_repeated_heading(desc)


def setup_print_entries(app: Sphinx) -> None:
    """Register the print-only transform."""
    app.add_post_transform(CompactEntries)
