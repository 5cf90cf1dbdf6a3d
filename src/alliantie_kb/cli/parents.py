"""The object a new one belongs under: a talk's day, a recommendation's source.

The model says which relations place an object under another (its parent
fields); the command line names the parent with ``--dag`` when the relation
can only name a day, and with ``--van`` otherwise. The id given is checked
against the sources before anything is written, with a suggestion when it
is unknown or of the wrong type.
"""

from __future__ import annotations

from ..i18n import _
from ..model import OBJECT_TYPES, Field, ObjectType
from ..validation import closest
from .errors import CliError, show
from .language import option_word
from .parser import DUTCH_TYPE
from .sources import Defined, edition_of

#: The option that names an object's day, and the one that names any other parent.
DAY_OPTION = "--dag"
FROM_OPTION = "--van"


def option_of(parent: Field) -> str:
    """The command-line option that gives a parent field's value."""
    days = all(OBJECT_TYPES[t].is_day for t in parent.targets)
    return DAY_OPTION if days else FROM_OPTION


def parent_field(objtype: ObjectType, option: str) -> Field | None:
    """The parent field of ``objtype`` that ``option`` gives, if it has one."""
    return next((f for f in objtype.parent_fields if option_of(f) == option), None)


def _either(words: list[str]) -> str:
    """``a, b or c`` in the command's language."""
    if not words:
        return ""
    either = " " + _("or") + " "
    return either.join(filter(None, [", ".join(words[:-1]), words[-1]]))


def check_options(objtype: ObjectType, given: dict[str, str | None]) -> None:
    """Refuse ``--dag``/``--van`` for a type that has no parent of that kind."""
    for option, value in given.items():
        if value is None or parent_field(objtype, option) is not None:
            continue
        users = [DUTCH_TYPE[t.name] for t in OBJECT_TYPES.values() if parent_field(t, option)]
        raise CliError(
            _("%(option)s is only for a %(users)s, not for type %(type)s")
            % {"option": option_word(option), "users": _either(users),
               "type": DUTCH_TYPE[objtype.name]}
        )  # fmt: skip


def _own_day(found: Defined) -> str | None:
    """The day an object names itself (a talk's ``:event:``), if any."""
    for f in OBJECT_TYPES[found.type].parent_fields:
        if option_of(f) == DAY_OPTION:
            return found.options.get(f.name)
    return None


def find_parent(parent: Field, option: str, given: str, defined: dict[str, Defined]) -> Defined:
    """The object ``given`` names for ``option``, checked against the model's targets."""
    targets = parent.targets
    wanted = _either([DUTCH_TYPE[t] for t in targets])
    candidates = sorted(i for i, d in defined.items() if d.type in targets)
    # a talk or workshop given for --dag: its own day is the likely meaning
    own_day = _own_day(defined[given]) if given in defined else None
    near = own_day if own_day in candidates else closest(given, candidates)
    hint = _("did you mean %r?") % near + " " if near else ""
    listing = _("alliantie-kb list") + (f" {DUTCH_TYPE[targets[0]]}" if len(targets) == 1 else "")
    if given not in defined:
        raise CliError(
            _("unknown id %(id)s for %(option)s; %(hint)sfind the right one with: %(listing)s")
            % {"id": show(given), "option": option_word(option), "hint": hint, "listing": listing}
        )
    found = defined[given]
    if found.type not in targets:
        raise CliError(
            _("%(id)s is of type %(type)s, not %(wanted)s; "
              "%(hint)sfind the right one with: %(listing)s")
            % {"id": show(given), "type": DUTCH_TYPE[found.type], "wanted": wanted,
               "hint": hint, "listing": listing}
        )  # fmt: skip
    return found


def parent_edition(
    parent: Defined, option: str, edition: str | None, defined: dict[str, Defined]
) -> str | None:
    """The parent's edition, which the new object takes; a different ``--editie`` is refused."""
    found = edition_of(parent, defined)
    if found and edition and edition != found:
        raise CliError(
            _(
                "%s %s does not match %s %r, which belongs to edition %s; "
                "leave %s out or choose a %s of %s"
            )
            % (
                option_word("--editie"),
                edition,
                option_word(option),
                parent.id,
                found,
                option_word("--editie"),
                DUTCH_TYPE[parent.type],
                edition,
            )
        )
    return found or edition
