"""``alliantie-kb nieuw``: a well-formed object in the right file.

Everything is decided first — ids checked, relations checked against the
model, every page and table of contents it touches computed in memory — and
only then written, all at once (``files.commit``). The parts: what the
sources define (``sources``), the object it belongs under (``parents``), the
page it goes to (``placement``), the block written (``block``), the pages
kept in memory (``plan``, ``toctree``) and new editions (``edition``).
"""

from __future__ import annotations

import os
from pathlib import Path

from ..i18n import _
from ..model import OBJECT_TYPES
from . import block, files
from .edition import new_edition
from .errors import CliError
from .inputs import check_edition, check_id, check_name
from .parents import check_options, find_parent, parent_edition, parent_field
from .parser import DUTCH_TYPE, TYPE_NAMES
from .paths import page_path
from .placement import Parent, place
from .plan import Plan
from .sources import Defined, defined_objects, newest_edition

__all__ = ["Defined", "defined_objects", "new_edition", "new_object", "newest_edition"]


def _refuse_existing(objid: str, defined: dict[str, Defined]) -> None:
    """Refuse an id that the sources define already, saying where."""
    if objid not in defined:
        return
    d = defined[objid]
    raise CliError(
        _("%(type)s %(id)r already exists, at %(path)s:%(line)d; refer to it with "
          "%(role)s instead of making it again (only for a different %(type)s with "
          "the same name: choose another id with --id)")
        % {"id": objid, "type": DUTCH_TYPE[d.type], "path": os.path.relpath(d.path),
           "line": d.line, "role": f"{{{d.type}}}`{objid}`"}
    )  # fmt: skip


def new_object(
    src: Path,
    kind: str,
    name: str,
    *,
    edition: str | None,
    objid: str | None,
    day: str | None,
    source: str | None,
    target: Path | None,
) -> tuple[str, Path]:
    """Add one object; return its id and the page it went to."""
    objtype = OBJECT_TYPES[TYPE_NAMES[kind]]
    name = check_name(name)
    if edition is not None:
        edition = check_edition(edition)
    given = {"--dag": day, "--van": source}
    check_options(objtype, given)
    if objid is not None:
        objid = check_id(objid)
    if target is not None:
        target = page_path(src, target)
    defined = defined_objects(src)
    parent: Parent | None = None
    parents: dict[str, str] = {}
    for option, value in given.items():
        field = parent_field(objtype, option)
        if field is None:
            continue
        found = find_parent(field, option, value, defined) if value else None
        if found is not None:
            parent = Parent(found, option)
            parents[field.name] = found.id
        edition = parent_edition(found, option, edition, defined) if found else edition
    edition = edition or newest_edition(src, defined)
    if objid is None:
        objid = block.suggested_id(objtype, name, edition)
    _refuse_existing(objid, defined)
    plan = Plan(src)
    title = block.title(objtype, name)
    where = place(plan, objtype, objid=objid, name=name, title=title, edition=edition,
                  parent=parent, target=target)  # fmt: skip
    options = block.options(objtype, title, parents, edition)
    plan.append(where.path, block.block(objtype, objid, options, where.heading))
    plan.ensure_listed(where.path)
    files.commit(plan.changes)
    return objid, where.path
