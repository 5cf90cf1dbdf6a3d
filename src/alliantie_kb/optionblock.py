"""The option block of an object directive, read literally.

MyST reads ``:name: value`` lines with a YAML-like scanner: a value starting
with a quote, ``|``, ``>`` or containing `` #`` is changed, cut short or makes
every option of the object disappear, and an indented continuation line ends
the block so the following options become body text. Object directives
therefore declare no option spec (MyST then leaves the lines alone) and read
the block here, with one small rule set that holds for every value:

* an option line is ``:name: value``; the value is the rest of the line,
  stripped, taken literally (quotes, ``#``, ``[``, ``&``, ``null`` ... stay);
* an indented line right below an option continues its value (joined with
  one space), as in a reStructuredText field list;
* a value that is only a YAML block marker (``|``, ``>-`` ...) is reported;
  the lines below it, if any, are the value;
* an option given twice is reported; the last one is used; an option given
  under two names (``:name:`` and its Dutch ``:naam:``, see ``aliases``)
  counts as given twice;
* a line that starts with ``:`` but is no option (``:role:lid``) is reported
  and left out; the options after it are still read;
* the block ends at the first blank line or the first other line; a blank
  line right after it is not part of the body;
* MyST's other form, ``name: value`` lines between two ``---`` lines, follows
  the same rules (blank lines inside are fine, other lines are reported).

Also here: :func:`unclosed_fence`, which finds a code fence in an object's
body that the body does not close.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .i18n import _

_OPTION = re.compile(r"^[ \t]*:(?P<name>[^:\s]+(?: [^:\s]+)*):(?:[ \t]+(?P<value>.*?))?[ \t]*$")
_BLOCK_MARKER = re.compile(r"^[|>](?:[1-9]?[+-]?|[+-]?[1-9]?)$")
_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,}|:{3,})(?P<info>.*)$")


@dataclass(frozen=True)
class BlockProblem:
    """Something in the option block the author should hear about."""

    subtype: str
    line: int
    message: str


@dataclass
class OptionBlock:
    """What the option block says, with the source line of every option."""

    values: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    problems: list[BlockProblem] = field(default_factory=list)
    #: How many of the given lines belong to the block (incl. one blank line).
    consumed: int = 0


def is_option_line(text: str) -> bool:
    """True for a ``:name: value`` line (not a ``:::`` colon fence)."""
    return not text.lstrip().startswith(":::") and _OPTION.match(text) is not None


def read_options(
    lines: list[str], first_line: int, aliases: Mapping[str, str] | None = None
) -> OptionBlock:
    """Read the option block at the top of ``lines``.

    ``first_line`` is the source line of ``lines[0]``. Lines that are not
    part of the block (the body) are left for the caller: see ``consumed``.
    MyST's other form, ``name: value`` lines between two ``---`` lines, is
    read by the same rules. ``aliases`` maps other names of an option (its
    Dutch name) to the name the block is keyed by.
    """
    aliases = aliases or {}
    if lines and lines[0].rstrip() == "---":
        return _read_dashed(lines, first_line, aliases)
    return _read_colon_lines(lines, first_line, aliases)


def _read_dashed(lines: list[str], first_line: int, aliases: Mapping[str, str]) -> OptionBlock:
    """``name: value`` lines between ``---`` lines; blank lines in between are fine."""
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == "---"), len(lines))
    inner = [_dash_to_colon(text) for text in lines[1:end]]
    block = _read_colon_lines(inner, first_line + 1, aliases, inside_dashes=True)
    block.consumed = min(end + 1, len(lines))
    if block.consumed < len(lines) and not lines[block.consumed].strip():
        block.consumed += 1
    return block


def _dash_to_colon(text: str) -> str:
    """``name: value`` (inside ``---``) as ``:name: value``; others unchanged."""
    match = re.match(r"^(?P<name>[^:\s]+):(?=\s|$)", text)
    return f":{match.group('name')}:{text[match.end() :]}" if match else text


def _read_colon_lines(
    lines: list[str], first_line: int, aliases: Mapping[str, str], inside_dashes: bool = False
) -> OptionBlock:
    block = OptionBlock()
    seen: dict[str, list[int]] = {}
    written: dict[str, list[str]] = {}
    parts: dict[str, list[str]] = {}
    current: str | None = None
    index = 0
    while index < len(lines):
        text = lines[index]
        lineno = first_line + index
        match = _OPTION.match(text) if not text.lstrip().startswith(":::") else None
        if match:
            current = aliases.get(match.group("name"), match.group("name"))
            seen.setdefault(current, []).append(lineno)
            written.setdefault(current, []).append(match.group("name"))
            parts[current] = [match.group("value") or ""]
            block.lines[current] = lineno
        elif current is not None and text[:1] in (" ", "\t") and text.strip():
            parts[current].append(text.strip())
        elif text.lstrip().startswith(":") and not text.lstrip().startswith(":::"):
            current = None  # MyST would take it for an option too: say why it is not
            message = _(
                "this line looks like an option but is not one and is left out; "
                "write :name: value, with a space after the second colon"
            )
            block.problems.append(BlockProblem("option", lineno, message))
        elif inside_dashes:
            current = None  # a blank or stray line ends a value, not the block
            if text.strip():
                message = _(
                    "this line between the --- lines is not an option and is left out; "
                    "write name: value"
                )
                block.problems.append(BlockProblem("option", lineno, message))
        else:
            break
        index += 1
    if not inside_dashes and index < len(lines) and index and not lines[index].strip():
        index += 1  # the blank line between options and body
    block.consumed = index
    for name, pieces in parts.items():
        block.values[name] = _value(name, pieces, block)
    for name, where in seen.items():
        if len(where) > 1:
            block.problems.append(_twice(name, where, written[name]))
    block.problems.sort(key=lambda p: p.line)
    return block


def _value(name: str, pieces: list[str], block: OptionBlock) -> str:
    """The literal value of one option; a lone YAML block marker is reported."""
    head, rest = pieces[0], [p for p in pieces[1:] if p]
    if not _BLOCK_MARKER.match(head):
        return " ".join(p for p in pieces if p)
    if rest:
        message = _(
            "option :%s: starts with %r, a YAML block marker that options do not use; "
            "the text below it is the value, leave the %r out"
        ) % (name, head, head)
        value = " ".join(rest)
    else:
        message = _(
            "option :%s: has only %r as its value, a YAML block marker that options do "
            "not use; write the value itself on the same line, after :%s:"
        ) % (name, head, name)
        value = head
    block.problems.append(BlockProblem("option", block.lines[name], message))
    return value


def _twice(name: str, where: list[int], written: list[str]) -> BlockProblem:
    lines = ", ".join(str(n) for n in where)
    names = list(dict.fromkeys(written))
    if len(names) > 1:
        message = _(
            "option %s is given %d times (lines %s): these names mean the same option; "
            "the last one (line %d) is used, remove the others"
        ) % (" / ".join(f":{n}:" for n in names), len(where), lines, where[-1])
        return BlockProblem("option", where[-1], message)
    message = _(
        "option :%s: is given %d times (lines %s); the last one (line %d) is used, "
        "remove the others"
    ) % (name, len(where), lines, where[-1])
    return BlockProblem("option", where[-1], message)


def unclosed_fence(lines: list[str]) -> tuple[int, str] | None:
    """Index and fence of the first code fence in ``lines`` that is not closed.

    Follows CommonMark: a fence closes with the same character, at least as
    long, and nothing after it but spaces; inside an open fence nothing else
    opens. Colon fences (MyST's ``:::``) follow the same rule.
    """
    open_at: int | None = None
    opener = ""
    for index, text in enumerate(lines):
        match = _FENCE.match(text)
        if match is None:
            continue
        fence, info = match.group("fence"), match.group("info")
        if open_at is None:
            if fence[0] == "`" and "`" in info:
                continue  # inline code, not a fence
            if fence[0] == ":" and not info.strip():
                continue  # a bare ::: closes; it never opens
            open_at, opener = index, fence
        elif fence[0] == opener[0] and len(fence) >= len(opener) and not info.strip():
            open_at = None
    return None if open_at is None else (open_at, opener)
