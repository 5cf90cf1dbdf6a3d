"""An object's ``:edition:`` must be that of its day or source.

A talk on a 2013 day with ``:edition: 2012`` (or a recommendation from a 2013
workshop that says 2012) ends up in the wrong book, listing and diagram.
Which fields lead to a day or source is the model's business: every
single-valued relation whose target types have an ``edition`` field
(today ``talk.event``, ``workshop.event`` and ``recommendation.source``).
The target's edition is its own, or that of its own day or source
(``KnowledgeBaseDomain.edition_of``). Each disagreement is one located
``kb.edition`` warning, at the object's ``:edition:`` line.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from sphinx.util import logging

from .domain import kb_domain
from .i18n import _
from .model import OBJECT_TYPES, Field
from .render import type_label

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger("alliantie_kb")


@functools.cache
def edition_relations(typename: str) -> tuple[Field, ...]:
    """Fields of ``typename`` that name the object its edition comes from."""
    spec = OBJECT_TYPES[typename]
    if spec.edition_field is None:
        return ()
    return tuple(
        f
        for f in spec.fields
        if f.kind == "ref" and any(OBJECT_TYPES[t].edition_field for t in f.targets)
    )


def check_editions(app: Sphinx, env: BuildEnvironment) -> None:
    """env-check-consistency: warn where an edition disagrees with its day or source."""
    domain = kb_domain(env)
    for rec in domain.records():
        field = OBJECT_TYPES[rec.type].edition_field
        own = rec.text(field) if field else ""
        if not field or not own:
            continue
        for f in edition_relations(rec.type):
            parent = domain.get(rec.text(f.name))
            if parent is None or parent.type not in f.targets:
                continue  # a dangling or mistyped reference is kb.ref's warning
            other = domain.edition_of(parent)
            if not other or other == own:
                continue
            label = _(f.label).lower()
            message = _(
                "%s %r has :edition: %s, but its %s %r belongs to edition %s; "
                "write :edition: %s or choose another %s"
            ) % (type_label(rec.type).lower(), rec.id, own, label, parent.id, other,
                 other, label)  # fmt: skip
            line = rec.lines.get(field, rec.lineno)
            logger.warning(message, type="kb", subtype="edition", location=(rec.docname, line))


def setup_edition_check(app: Sphinx) -> None:
    """Run the check once every page is read."""
    app.connect("env-check-consistency", check_editions)
