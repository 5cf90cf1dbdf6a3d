"""Where ``nieuw`` puts a new object, and the pages it makes for it.

In order: the page the volunteer names (``--bestand``); a page of the
object's own where its type has one (``ObjectType.scaffold_page``: a
speaker, a day); the page of the object it belongs under (``--dag``,
``--van``); else its type's shared page, ``<index_name>.md`` (in the
edition's folder when the type has an edition), made with the heading
"<plural> <edition>" when it is new. Every page made is listed in the
nearest table of contents; an edition without a page gets its pages too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..i18n import _
from ..model import ObjectType
from .edition import ensure_edition
from .paths import page_path
from .plan import Plan
from .sources import Defined


@dataclass(frozen=True)
class Placement:
    """The page a new object goes to, and the heading it gets there (if any)."""

    path: Path
    heading: str | None


@dataclass(frozen=True)
class Parent:
    """The object a new one belongs under, and the option that named it."""

    found: Defined
    option: str


def _own_page(plan: Plan, objtype: ObjectType, objid: str, edition: str) -> Path:
    short = objid.removeprefix(f"{edition}-") if objtype.edition_field else objid
    return plan.src / objtype.scaffold_page.format(id=short, edition=edition)


def _shared_page(plan: Plan, objtype: ObjectType, edition: str) -> Path:
    """The type's shared page, made (with its edition) when it does not exist."""
    name = f"{objtype.index_name}.md"
    if objtype.edition_field is None:
        path = plan.src / name
        plan.new_page(path, _(objtype.plural))
        return path
    path = plan.src / edition / name
    ensure_edition(plan, edition)
    plan.new_page(path, f"{_(objtype.plural)} {edition}")
    return path


def place(
    plan: Plan,
    objtype: ObjectType,
    *,
    objid: str,
    name: str,
    title: str,
    edition: str,
    parent: Parent | None,
    target: Path | None,
) -> Placement:
    """Decide the page of a new object and make the pages it needs, in ``plan``."""
    heading = name if objtype.scaffold_heading else None
    if objtype.scaffold_page:  # a page of its own, headed by the object's title
        heading = None
        path = target or _own_page(plan, objtype, objid, edition)
        if target is None and objtype.edition_field:
            ensure_edition(plan, edition)
        plan.new_page(path, title)
    elif target is not None:
        path = target
    elif parent is not None:
        path = page_path(plan.src, parent.found.path, option=parent.option)
    else:
        path = _shared_page(plan, objtype, edition)
    if target is not None:  # a page of the volunteer's choice: made if it is new
        plan.new_page(path, name)
    return Placement(path, heading)
