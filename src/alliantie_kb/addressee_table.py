"""The printed book's table of recommendations by addressee.

What organisers take to the next day: at the end of the book's main part
(the chapter with the edition's days), one table lists every object that
is addressed to someone (a type with a ``Field.storyline`` relation),
grouped by addressee, with its title, who made it (the fields whose
``Field.schema`` is ``author``), where (its source and its day) and the
page it is on. PDF only; the site has its overviews.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from .datamodel import Record
from .domain import KnowledgeBaseDomain, kb_domain
from .i18n import _
from .model import OBJECT_TYPES
from .print_layout import book_year
from .render import inferred_marker, not_stated

#: relative column widths: addressee, title, made by, where, page
WIDTHS = (20, 35, 15, 22, 8)


def _name(domain: KnowledgeBaseDomain, value: str) -> str:
    """An object's title, or the free text as written."""
    rec = domain.get(value)
    return rec.title if rec is not None else value


def _cell(*content: nodes.Node) -> nodes.entry:
    """A table cell holding one paragraph, ragged right (justified text
    leaves holes in narrow columns). ``\\arraybackslash`` keeps ``\\\\`` the
    row's end: Sphinx 8.2 sets header cells without a box of their own."""
    ragged = nodes.raw("", "\\raggedright\\arraybackslash ", format="latex")
    return nodes.entry("", nodes.paragraph("", "", ragged, *content))


def _text_cell(text: str) -> nodes.entry:
    """A table cell with text, or "not stated in the article" when empty."""
    return _cell(nodes.Text(text)) if text else _cell(not_stated())


#: A row: the object, and whether it belongs to its group by inference.
Row = tuple[Record, bool]


def rows_by_addressee(domain: KnowledgeBaseDomain, year: str) -> dict[str, list[Row]]:
    """``{addressee: [objects addressed to it]}`` of one edition, sorted; the
    objects whose addressee the article does not give come last, under
    ``""``."""
    groups: dict[str, list[Row]] = {}
    for objtype in OBJECT_TYPES.values():
        fields = [f for f in objtype.fields if f.storyline]
        for rec in domain.records(objtype.name) if fields else ():
            if domain.edition_of(rec) != year:
                continue
            named = False
            for f in fields:
                for value in domain.values(rec, f.name):
                    row = (rec, f.name in rec.inferred)
                    groups.setdefault(_name(domain, value), []).append(row)
                    named = True
            if not named:
                groups.setdefault("", []).append((rec, False))
    return {
        k: sorted(v, key=lambda row: row[0].title.lower())
        for k, v in sorted(groups.items(), key=lambda item: (not item[0], item[0].lower()))
    }


def _where(domain: KnowledgeBaseDomain, rec: Record) -> str:
    """The object's source and its day, as far as the sources say."""
    parts: list[str] = []
    parent = domain.parent_of(rec)
    day = domain.day_of(rec)
    for found in (parent, day):
        if found is not None and found.title not in parts:
            parts.append(found.title)
    return ", ".join(parts)


def _row(domain: KnowledgeBaseDomain, group: nodes.Node | None, row: Row) -> nodes.row:
    """One table row: addressee (first of its group), title (marked when it
    belongs to the group by inference), made by, where, page."""
    rec, inferred = row
    objtype = OBJECT_TYPES[rec.type]
    authors = [
        _name(domain, v)
        for f in objtype.fields
        if f.schema == "author"
        for v in domain.values(rec, f.name)
    ]
    page = nodes.raw("", rf"\pageref{{\detokenize{{{rec.docname}:{rec.anchor}}}}}", format="latex")
    return nodes.row(
        "",
        _cell(group) if group is not None else _cell(),
        _cell(nodes.Text(rec.title), *([nodes.Text(" "), inferred_marker()] if inferred else [])),
        _text_cell(", ".join(authors)),
        _text_cell(_where(domain, rec)),
        _cell(page),
    )


def addressee_table(domain: KnowledgeBaseDomain, year: str) -> nodes.table | None:
    """The table, or None when nothing in the edition is addressed to anyone."""
    groups = rows_by_addressee(domain, year)
    if not groups:
        return None
    heads = [_("Addressed to"), _("Recommendation"), _("Made by"), _("Where"), _("Page")]
    tgroup = nodes.tgroup(cols=len(heads))
    for width in WIDTHS:
        tgroup += nodes.colspec(colwidth=width)
    tgroup += nodes.thead("", nodes.row("", *(_cell(nodes.Text(str(h))) for h in heads)))
    body = nodes.tbody()
    for addressee, rows in groups.items():
        heading = nodes.strong(addressee, addressee) if addressee else not_stated()
        for i, row in enumerate(rows):
            body += _row(domain, None if i else heading, row)
    tgroup += body
    return nodes.table("", tgroup, classes=["kb-addressee-table", "longtable", "colwidths-given"])


def _first_section(node: nodes.Element, depth: int, ids: set[str]) -> nodes.section | None:
    """The first section ``depth`` sections down that holds one of ``ids``.

    Walked from the top: the assembled book's parent links are not all set."""
    for child in node.children:
        if not isinstance(child, nodes.Element):
            continue
        if isinstance(child, nodes.section):
            if not any(ids.intersection(n["ids"]) for n in child.findall(nodes.Element)):
                continue
            if depth == 0:
                return child
            found = _first_section(child, depth - 1, ids)
        else:
            found = _first_section(child, depth, ids)
        if found is not None:
            return found
    return None


class AddresseeTable(SphinxPostTransform):
    """End the edition's chapter with the recommendations by addressee."""

    default_priority = 70
    builders = ("latex",)

    def run(self, **kwargs: Any) -> None:
        year = book_year(self.env.srcdir, self.config, self.env.docname)
        if year is None:
            return
        domain = kb_domain(self.env)
        table = addressee_table(domain, year)
        days = {
            rec.anchor
            for objtype in OBJECT_TYPES.values()
            if objtype.is_day
            for rec in domain.records(objtype.name)
            if domain.edition_of(rec) == year
        }
        # with toctree_only (editions.configure), Sphinx wraps the chapters
        # in one section of its own that is not printed
        depth = (
            1
            if any(
                doc[0] == self.env.docname and len(doc) > 5 and doc[5]
                for doc in self.config.latex_documents
            )
            else 0
        )
        chapter = _first_section(self.document, depth, days)
        if table is None or chapter is None:
            return
        title = str(_("Recommendations by addressee, in one table"))
        section = nodes.section("", nodes.title(title, title), ids=["kb-addressee-table"])
        intro = str(_("Every recommendation of this book, by the one it is addressed to."))
        section += nodes.paragraph(intro, intro)
        section += table
        chapter += section


def setup_addressee_table(app: Sphinx) -> None:
    """Register the table's transform."""
    app.add_post_transform(AddresseeTable)
