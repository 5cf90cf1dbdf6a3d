"""An object's entry as text: its opening line, then its other facts.

"Aanbeveling van Alex Brenninkmeijer aan de overheid, Alliantiedag Drachten,
5 oktober 2012": the type's ``line`` fields (``Field.reader``), each in its
``Field.lead`` phrase, then the object's Alliance day and its date. The day
is known once every page is read, so the directive leaves a ``kb_entry_day``
placeholder that ``views.ResolveViews`` fills in when the page is written.
``Facts`` lists the ``details`` fields below the line (and the ``hidden``
ones for print).
``DropRepeatedParts`` leaves out a part that repeats the one before it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .datamodel import Field, FieldValue, ObjectType
from .domain import KnowledgeBaseDomain
from .i18n import _
from .model import OBJECT_TYPES
from .nodes import kb_entry_day
from .render import format_iso_date, inferred_marker, not_stated, object_ref

#: Nodes showing one field value (the directive's ``render_value``).
Renderer = Callable[[Field, FieldValue], list[nodes.Node]]


def phrase(template: str, value: list[nodes.Node]) -> list[nodes.Node]:
    """``value`` inside a (translated) message with one ``%s`` ("aan %s")."""
    before, _sep, after = template.partition("%s")
    out: list[nodes.Node] = [nodes.Text(before)] if before else []
    out.extend(value)
    if after:
        out.append(nodes.Text(after))
    return out


class Facts:
    """One object's field values as its entry shows them below the line."""

    def __init__(
        self,
        objtype: ObjectType,
        values: Mapping[str, FieldValue],
        inferred: tuple[str, ...],
        unset: set[str],
        render: Renderer,
    ) -> None:
        self.objtype, self.values, self.inferred = objtype, values, inferred
        #: fields left empty by a mistake: the page must not call the source silent
        self.unset, self.render = unset, render

    def field_list(
        self, places: tuple[str, ...], blank_only: tuple[str, ...] = ()
    ) -> nodes.field_list | None:
        """The fields shown at ``places`` (``Field.reader``) as a field list;
        those at ``blank_only`` only when empty (the line leaves them out)."""
        field_list = nodes.field_list(classes=["kb-fields"], support_smartquotes=False)
        for f in self.objtype.fields:
            if f.name == self.objtype.title_field or f.reader not in places:
                continue
            value = self.values.get(f.name)
            if value is not None and f.reader in blank_only:
                continue
            if value is None and (not f.always_shown or f.name in self.unset):
                continue  # a mistake left it empty (warned): not "not stated in the article"
            body = nodes.paragraph()
            if value is None:
                body += not_stated()
            else:
                body.extend(self.render(f, value))
                if f.name in self.inferred:
                    body += inferred_marker()
            label = _(f.label)
            field_list += nodes.field(
                "", nodes.field_name(label, label), nodes.field_body("", body)
            )
        return field_list if field_list.children else None


def joined(items: list[list[nodes.Node]]) -> list[nodes.Node]:
    """``A``, ``A en B``, ``A, B en C`` (the word for "and" translated)."""
    out: list[nodes.Node] = []
    word = _("and")
    for i, item in enumerate(items):
        if i:
            last = i == len(items) - 1
            out.append(nodes.Text(f" {word} " if last else ", "))
        out.extend(item)
    return out


def entry_line(
    objtype: ObjectType,
    values: Mapping[str, FieldValue],
    inferred: tuple[str, ...],
    render: Renderer,
    objid: str | None,
) -> nodes.paragraph | None:
    """The opening line of an entry, or ``None`` when it would say nothing.

    Parts that open with a phrase ("van ...", "aan ...") follow the type's
    label as one sentence; the others are listed after a comma."""
    line = nodes.paragraph(classes=["kb-entry-line"], support_smartquotes=False)
    sentence = True  # still in "Aanbeveling van ... aan ..."
    parts = 0
    for f in objtype.line_fields:
        value = values.get(f.name)
        if value is None:
            continue
        if f.multiple and isinstance(value, list):
            shown = joined([render(f, [one]) for one in value])
        else:
            shown = render(f, value)
        if f.name in inferred:
            shown.append(inferred_marker())
        sentence = sentence and bool(f.lead)
        if parts == 0 and sentence:
            line += nodes.Text(str(_(objtype.label)))
        if parts or sentence:
            line += nodes.Text(" " if sentence else ", ")
        value_node = nodes.inline("", classes=["kb-line-value"])
        value_node.extend(shown)
        phrased: list[nodes.Node] = phrase(str(_(f.lead)), [value_node]) if f.lead else [value_node]
        line += _part(phrased, f"kb-field-{f.name}")
        parts += 1
    has_parent = any(f.name in values for f in objtype.parent_fields)
    if has_parent and objid is not None and not objtype.is_day:
        if parts == 0:
            line += nodes.Text(str(_(objtype.label)))
        own_date = objtype.date_field
        named = any(f.reader == "line" for f in objtype.parent_fields if f.name in values)
        line += kb_entry_day(
            objid=objid,
            with_link=not named,
            with_date=own_date is None or own_date not in values,
        )
        parts += 1
    return line if parts else None


def resolve_entry_day(
    node: kb_entry_day, kb: KnowledgeBaseDomain, docname: str, language: str | None
) -> list[nodes.Node]:
    """The end of an opening line, ", Alliantiedag Drachten, 5 oktober 2012":
    the object's day and date, each left out where the line names it already
    or the sources do not say."""
    rec = kb.get(node["objid"])
    day = kb.day_of(rec) if rec is not None else None
    if day is None or day is rec:
        return []
    out: list[nodes.Node] = []
    if node["with_link"]:
        out += [nodes.Text(", "), _part([object_ref(day.id, day.type, docname)], "kb-line-day")]
    date_field = OBJECT_TYPES[day.type].date_field
    date = day.text(date_field) if date_field else ""
    if node["with_date"] and date:
        out += [
            nodes.Text(", "),
            _part([nodes.Text(format_iso_date(date, language))], "kb-line-date"),
        ]
    return out


def _part(children: list[nodes.Node], name: str) -> nodes.inline:
    """One part of an opening line (``DropRepeatedParts`` compares them), its
    class ``name`` saying what it shows (``kb-field-role``, ``kb-line-day``)."""
    part = nodes.inline("", classes=["kb-line-part", name])
    part.extend(children)
    return part


class DropRepeatedParts(SphinxPostTransform):
    """Leave out a part of an opening line that repeats the one before it, once
    links show titles ("Nationale ombudsman" as role and as organisation), and
    a line left with no part at all (an object whose day the sources omit)."""

    default_priority = 20  # after the references are resolved (10)

    def run(self, **kwargs: Any) -> None:
        for line in self.document.findall(nodes.paragraph):
            if "kb-entry-line" not in line["classes"]:
                continue
            parts = [p for p in line.findall(nodes.inline) if "kb-line-part" in p["classes"]]
            if not parts:
                line.parent.remove(line)
                continue
            seen: dict[str, nodes.inline] = {}
            for part in parts:
                text = part.astext().strip().casefold()
                earlier = seen.get(text)
                if earlier is None:
                    seen[text] = part
                    continue
                # keep the one that links (the organisation, not the role)
                linked = next(part.findall(nodes.reference), None) is not None
                _remove_part(part if not linked else earlier)
                seen[text] = earlier if not linked else part


def _remove_part(part: nodes.inline) -> None:
    """Take a part out of its line, with the separator before it (or, for
    the first part, after it)."""
    parent = part.parent
    index = parent.index(part)
    before = parent[index - 1] if index > 0 else None
    after = parent[index + 1] if index + 1 < len(parent) else None
    if isinstance(before, nodes.Text) and before.astext() == ", ":
        parent.remove(before)
    elif isinstance(after, nodes.Text) and after.astext() == ", ":
        parent.remove(after)
    parent.remove(part)
