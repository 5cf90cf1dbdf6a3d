"""The listing filter language: a small declared vocabulary, parsed once.

Grammar (keywords also in Dutch: ``en``, ``of``, ``niet``)::

    expr  := term ("or" term)*
    term  := unary ("and" unary)*
    unary := "not" unary | "(" expr ")" | cond
    cond  := FIELD op VALUE | FIELD ["not"] "in" "(" VALUE ("," VALUE)* ")" | FIELD
    op    := "=" | "!=" | "<" | "<=" | ">" | ">="

A FIELD alone holds when the field has any value (``talks``: the person
gave a talk); ``not talks`` when it has none.

VALUEs are bare words (``advies``, ``2012-10-05``) or quoted strings
(``"de overheid"``). The result is a tree of plain tuples, safe to pickle:

    ("or", a, b, ...) | ("and", a, b, ...) | ("not", a) | ("cmp", field, op, (values...))

(a FIELD alone is ``("cmp", field, "any", ())``)

``and`` and ``or`` chains are flat (one tuple for ``a or b or c``), so only
brackets and ``not`` make a tree deeper.

Nothing is ever evaluated as Python.

Limits (sources are untrusted, DESIGN §5): a filter has at most
``MAX_LENGTH`` characters, ``MAX_TOKENS`` tokens and ``MAX_DEPTH`` nested
brackets or ``not``; beyond that ``parse`` raises ``FilterError`` before any
deep work is done. ``conditions`` and ``evaluate`` use an explicit stack, so
no tree, however built, can reach Python's recursion limit.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable
from typing import Literal, TypeAlias

from .i18n import _

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<string>"[^"]*"|'[^']*')
      | (?P<op><=|>=|!=|=|<|>)
      | (?P<punct>[(),])
      | (?P<word>[^\s()=,!<>'"]+)
    )""",
    re.VERBOSE,
)
_KEYWORDS = {
    "and": "and",
    "en": "and",
    "or": "or",
    "of": "or",
    "not": "not",
    "niet": "not",
    "in": "in",
}
ORDERED_OPS = ("<", "<=", ">", ">=")
#: Documented limits of a filter expression (see the module docstring).
MAX_LENGTH = 1000
MAX_TOKENS = 200
MAX_DEPTH = 20

#: ``("cmp", field, op, (values...))``: one comparison.
Cmp: TypeAlias = tuple[Literal["cmp"], str, str, tuple[str, ...]]
#: ``("not", a)``.
Not: TypeAlias = tuple[Literal["not"], "Node"]
#: ``("and", a, b, ...)`` or ``("or", a, b, ...)``: a flat chain.
Chain: TypeAlias = tuple[Literal["and", "or"], *tuple["Node", ...]]
#: A parsed filter: a tree of plain tuples.
Node: TypeAlias = Cmp | Not | Chain


def short(text: str, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters for a message (never echo a whole source)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class FilterError(ValueError):
    """A syntax error; ``str()`` is a Dutch message for the volunteer."""


def tokenize(text: str, max_tokens: int | None = None) -> list[tuple[str, str]]:
    """Split a filter into ``(kind, text)`` tokens (at most ``max_tokens``)."""
    tokens: list[tuple[str, str]] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        if max_tokens is not None and len(tokens) >= max_tokens:
            raise FilterError(
                _("the filter has more than %d parts; split it over several listings")
                % max_tokens
            )
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise FilterError(_("cannot read the filter from %r on") % short(text[pos:].strip()))
        pos = m.end()
        if m.group("string") is not None:
            tokens.append(("value", m.group("string")[1:-1]))
        elif m.group("op"):
            tokens.append(("op", m.group("op")))
        elif m.group("punct"):
            tokens.append((m.group("punct"), m.group("punct")))
        else:
            word = m.group("word")
            kw = _KEYWORDS.get(word.lower())
            tokens.append((kw, word) if kw else ("value", word))
    return tokens


class _Parser:
    """Recursive descent; ``depth`` counts open brackets and ``not``s."""

    def __init__(self, text: str, limited: bool) -> None:
        if limited and len(text) > MAX_LENGTH:
            raise FilterError(
                _("the filter is %d characters long, at most %d are allowed; "
                  "split it over several listings")
                % (len(text), MAX_LENGTH)
            )
        self.tokens = tokenize(text, MAX_TOKENS if limited else None)
        self.pos = 0
        self.depth = 0
        self.max_depth = MAX_DEPTH if limited else None

    def enter(self) -> None:
        """One level deeper (a bracket or a ``not``), within the limit."""
        self.depth += 1
        if self.max_depth is not None and self.depth > self.max_depth:
            raise FilterError(
                _("the filter nests more than %d brackets or 'not's; write it more simply")
                % self.max_depth
            )

    def peek(self) -> str | None:
        return self.tokens[self.pos][0] if self.pos < len(self.tokens) else None

    def take(self, kind: str) -> str:
        if self.peek() != kind:
            raise FilterError(_("expected %s but found %s") % (_describe(kind), self.shown()))
        value = self.tokens[self.pos][1]
        self.pos += 1
        return value

    def shown(self) -> str:
        """The current token, quoted, or "the end" (for messages)."""
        if self.pos < len(self.tokens):
            return repr(short(self.tokens[self.pos][1]))
        return str(_("the end of the filter"))

    def parse(self) -> Node:
        node = self.expr()
        if self.pos != len(self.tokens):
            raise FilterError(_("unexpected %r") % short(self.tokens[self.pos][1]))
        return node

    def expr(self) -> Node:
        """Terms joined by ``or``."""
        return self._joined("or", self.term)

    def term(self) -> Node:
        """Unaries joined by ``and``."""
        return self._joined("and", self.unary)

    def _joined(self, op: Literal["and", "or"], operand: Callable[[], Node]) -> Node:
        """One or more ``operand``s joined by ``op``."""
        items = [operand()]
        while self.peek() == op:
            self.pos += 1
            items.append(operand())
        if len(items) == 1:
            return items[0]
        chain: Chain = (op, *items)
        return chain

    def unary(self) -> Node:
        if self.peek() == "not":
            self.pos += 1
            self.enter()
            node: Node = ("not", self.unary())
            self.depth -= 1
            return node
        if self.peek() == "(":
            self.pos += 1
            self.enter()
            node = self.expr()
            self.take(")")
            self.depth -= 1
            return node
        return self.cond()

    def cond(self) -> Node:
        field = self.take("value")
        if self.peek() == "op":
            op = self.take("op")
            return ("cmp", field, op, (self.take("value"),))
        if self.peek() in (None, ")", "and", "or"):
            return ("cmp", field, "any", ())
        negate = False
        if self.peek() == "not":
            self.pos += 1
            negate = True
        if self.peek() != "in":
            raise FilterError(
                _("after %r expected =, !=, <, >, <=, >= or 'in', but found %s")
                % (short(field), self.shown())
            )
        self.pos += 1
        self.take("(")
        values = [self.take("value")]
        while self.peek() == ",":
            self.pos += 1
            values.append(self.take("value"))
        self.take(")")
        node: Cmp = ("cmp", field, "in", tuple(values))
        if negate:
            return ("not", node)
        return node


def _describe(kind: str) -> str:
    return {"value": str(_("a field or value")), ")": "')'", "(": "'('"}.get(kind, kind)


def parse(text: str, *, limited: bool = True) -> Node:
    """Parse a filter expression into a tuple tree (raises FilterError).

    ``limited=False`` (trusted sources) lifts the length, token and depth
    limits; a filter too deep for the parser is then still a FilterError."""
    try:
        return _Parser(text, limited).parse()
    except RecursionError:
        raise FilterError(
            _("the filter nests too many brackets or 'not's; write it more simply")
        ) from None


def conditions(node: Node) -> Iterable[tuple[str, str, tuple[str, ...]]]:
    """Every ``(field, op, values)`` comparison in a tree, left to right."""
    stack = [node]
    while stack:
        current = stack.pop()
        if current[0] == "cmp":
            yield current[1], current[2], current[3]
        else:
            stack.extend(reversed(current[1:]))


def evaluate(node: Node, values_of: Callable[[str], list[str]]) -> bool:
    """Evaluate a tree; ``values_of(field)`` gives the object's values of a field
    (a list, empty when the field is empty). Text compares case-insensitively;
    a multi-valued field matches when any of its values does.

    Iterative (an explicit stack of ``[node, next child]`` frames), and
    short-circuiting ``and`` and ``or`` like Python does."""
    result = False  # the value of the node that finished last
    stack: list[tuple[Node, int]] = [(node, 1)]
    while stack:
        current, index = stack[-1]
        if current[0] == "cmp":
            result = _compare(current, values_of)
            stack.pop()
            continue
        kind = current[0]
        if index > 1:  # a child just finished with ``result``
            if kind == "not":
                result = not result
                stack.pop()
                continue
            decided = (kind == "and" and not result) or (kind == "or" and result)
            if decided or index == len(current):
                stack.pop()
                continue
        child = current[1:][index - 1]  # the children follow the kind
        stack[-1] = (current, index + 1)
        stack.append((child, 1))
    return result


#: The ordered comparisons (on case-folded text).
_ORDERED: dict[str, Callable[[str, str], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def _compare(node: Cmp, values_of: Callable[[str], list[str]]) -> bool:
    """One ``("cmp", field, op, values)`` against an object's values."""
    _kind, field, op, wanted = node
    have = [v.casefold() for v in values_of(field)]
    if op == "any":
        return bool(have)
    wanted_cf = [w.casefold() for w in wanted]
    if op in ("=", "in"):
        return any(v in wanted_cf for v in have)
    if op == "!=":
        return not any(v in wanted_cf for v in have)
    target = wanted_cf[0]
    compare = _ORDERED[op]
    return any(compare(v, target) for v in have)
