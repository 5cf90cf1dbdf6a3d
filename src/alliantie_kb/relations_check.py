"""Relations that go round in a circle: an organisation ``partof`` itself,
or ``a -> b -> a``.

Only a field whose targets include its own type can close a circle (today
``organisation.partof``); the model says which, so nothing here is
hard-coded. Each circle gets one located ``kb.ref`` warning that names the
whole chain, at the first member in source order. The walk is iterative and
visits every object once, so a circle can never make it loop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

from .domain import kb_domain
from .i18n import _
from .model import OBJECT_TYPES
from .render import type_label

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger("alliantie_kb")


def _self_relations() -> list[tuple[str, str]]:
    """(type, field) pairs of single-target relations that may point at their own type."""
    return [
        (t.name, f.name)
        for t in OBJECT_TYPES.values()
        for f in t.fields
        if f.kind == "ref" and t.name in f.targets
    ]


def find_cycles(parent: dict[str, str]) -> list[list[str]]:
    """Every circle in the graph ``id -> id``, each as ``[a, b, ..., a]``.

    A circle is reported once, starting at its smallest id.
    """
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles: list[list[str]] = []
    for start in sorted(parent):
        path: list[str] = []
        node: str | None = start
        while node is not None and node in parent and state.get(node) is None:
            state[node] = 1
            path.append(node)
            node = parent[node]
        if node is not None and state.get(node) == 1:
            loop = path[path.index(node) :]
            first = loop.index(min(loop))
            loop = loop[first:] + loop[:first]
            cycles.append([*loop, loop[0]])
        for member in path:
            state[member] = 2
    return cycles


def check_relation_cycles(app: Sphinx, env: BuildEnvironment) -> None:
    """env-check-consistency: warn once per circle of a self-relation."""
    domain = kb_domain(env)
    for typename, fieldname in _self_relations():
        records = {rec.id: rec for rec in domain.records(typename)}
        parent = {
            objid: rec.text(fieldname)
            for objid, rec in records.items()
            if rec.text(fieldname) in records
        }
        for cycle in find_cycles(parent):
            members = [records[objid] for objid in cycle[:-1]]
            first = min(members, key=lambda r: (r.docname, r.lineno))
            at = cycle.index(first.id)
            chain = " → ".join([*cycle[at:-1], *cycle[:at], first.id])
            label = type_label(typename).lower()
            if len(members) == 1:
                message = _(
                    "%s %r names itself in :%s:; remove that line or name the %s it belongs to"
                ) % (label, first.id, fieldname, label)
            else:
                message = _(":%s: goes round in a circle (%s); remove :%s: from one of them") % (
                    fieldname,
                    chain,
                    fieldname,
                )
            line = first.lines.get(fieldname, first.lineno)
            logger.warning(message, type="kb", subtype="ref", location=(first.docname, line))


def setup_relations_check(app: Sphinx) -> None:
    """Run the check once every page is read."""
    app.connect("env-check-consistency", check_relation_cycles)
