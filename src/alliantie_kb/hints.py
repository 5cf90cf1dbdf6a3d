"""What a volunteer reads about a reference that leads nowhere.

A dangling ``{speaker}`jan-janssen``` gets the closest existing id; a name
written where an id belongs (``{speaker}`Jan Jansen```) gets the id it would
have; an id nobody defined yet gets the ``alliantie-kb nieuw`` command that
creates it, in the project's language. The domain calls these from
``warn-missing-reference``; ``consistency.py`` uses the name hint for names
written in relation options.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from docutils.nodes import Element
from sphinx.util import logging

from .i18n import _
from .model import ID_RE, OBJECT_TYPES
from .render import type_label
from .report import Hinted, hinted
from .validation import close_id, id_for_name, name_for_id

if TYPE_CHECKING:
    from .domain import KnowledgeBaseDomain

logger = logging.getLogger(__name__)


def create_command(accepted: Iterable[str], name: str) -> str:
    """``alliantie-kb nieuw spreker "Jan Jansen"`` for the first accepted type
    (the others named after it), in the project's language."""
    words = [_(OBJECT_TYPES[t].cli_noun or t) for t in accepted if t in OBJECT_TYPES]
    quoted = '"' + name.replace('"', "'") + '"'
    new = _("alliantie-kb new")
    command = f"{new} {words[0]} {quoted}"
    if len(words) > 1:
        command += " " + _("(or: %s)") % ", ".join(words[1:])
    return command


def wanted_label(accepted: Iterable[str]) -> str:
    """``spreker / organisatie``: the types a reference may name."""
    return " / ".join(type_label(t).lower() for t in accepted)


def suggestion(domain: KnowledgeBaseDomain, typ: str, target: str, node: Element) -> str | None:
    """The existing id of an accepted type that ``target`` is most likely a typo of."""
    candidates = [i for t in domain.accepted_types(typ, node) for i in domain.ids_of_type(t)]
    return close_id(target, candidates)


def name_hint(
    domain: KnowledgeBaseDomain,
    typ: str,
    target: str,
    node: Element,
    accepted: tuple[str, ...],
) -> Hinted:
    """A name written where an id belongs: the id it would have, and whether it exists."""
    slug = id_for_name(target)
    msg = _("%r is a name, not an id (%s)") % (target, wanted_label(accepted))
    rec = domain.get(slug) if slug else None
    if rec is not None and rec.type in accepted:
        return hinted(msg, _("did you mean the id %r?") % slug)
    near = suggestion(domain, typ, slug, node) if slug else None
    if near:
        return hinted(msg, _("did you mean the id %r?") % near)
    if not slug:
        return hinted(msg, _("write the id of the object, e.g. %r") % "ada-jansen")
    hint = _("its id would be %r, which does not exist yet: create it with: %s")
    return hinted(msg, hint % (slug, create_command(accepted, target)))


def warn_missing(domain: KnowledgeBaseDomain, node: Element) -> None:
    """One located ``kb.ref`` warning for a reference the domain could not resolve."""
    typ, target = node["reftype"], node["reftarget"]
    accepted = domain.accepted_types(typ, node)
    rec = domain.get(target)
    if rec is None and domain.in_unread_block(target):
        return  # its block has an unknown directive name, reported at that line
    if rec is not None:
        msg = _("%r is a %s, but a %s is expected here") % (
            target,
            type_label(rec.type).lower(),
            wanted_label(accepted),
        )
    elif not ID_RE.match(target):
        msg = name_hint(domain, typ, target, node, accepted)
    else:
        msg = _("unknown %s %r") % (wanted_label(accepted), target)
        near = suggestion(domain, typ, target, node)
        if near:
            msg = hinted(msg, _("did you mean %r?") % near)
        else:
            create = create_command(accepted, name_for_id(target))
            msg = hinted(msg, _("if it is new, create it first with: %s") % create)
    logger.warning(msg, type="kb", subtype="ref", location=node)
