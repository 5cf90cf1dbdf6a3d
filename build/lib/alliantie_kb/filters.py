"""The listing filter language: a small declared vocabulary, parsed once.

Grammar (keywords also in Dutch: ``en``, ``of``, ``niet``)::

    expr  := term ("or" term)*
    term  := unary ("and" unary)*
    unary := "not" unary | "(" expr ")" | cond
    cond  := FIELD op VALUE | FIELD ["not"] "in" "(" VALUE ("," VALUE)* ")"
    op    := "=" | "!=" | "<" | "<=" | ">" | ">="

VALUEs are bare words (``advies``, ``2012-10-05``) or quoted strings
(``"de overheid"``). The result is a tree of plain tuples, safe to pickle:

    ("or", a, b) | ("and", a, b) | ("not", a) | ("cmp", field, op, (values...))

Nothing is ever evaluated as Python.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

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

Node = tuple


class FilterError(ValueError):
    """A syntax error; ``str()`` is a Dutch message for the volunteer."""


def tokenize(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise FilterError(_("cannot read the filter from %r on") % text[pos:].strip())
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
    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.pos = 0

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
            return repr(self.tokens[self.pos][1])
        return str(_("the end of the filter"))

    def parse(self) -> Node:
        node = self.expr()
        if self.pos != len(self.tokens):
            raise FilterError(_("unexpected %r") % self.tokens[self.pos][1])
        return node

    def expr(self) -> Node:
        node = self.term()
        while self.peek() == "or":
            self.pos += 1
            node = ("or", node, self.term())
        return node

    def term(self) -> Node:
        node = self.unary()
        while self.peek() == "and":
            self.pos += 1
            node = ("and", node, self.unary())
        return node

    def unary(self) -> Node:
        if self.peek() == "not":
            self.pos += 1
            return ("not", self.unary())
        if self.peek() == "(":
            self.pos += 1
            node = self.expr()
            self.take(")")
            return node
        return self.cond()

    def cond(self) -> Node:
        field = self.take("value")
        if self.peek() == "op":
            op = self.take("op")
            return ("cmp", field, op, (self.take("value"),))
        negate = False
        if self.peek() == "not":
            self.pos += 1
            negate = True
        if self.peek() != "in":
            raise FilterError(
                _("after %r expected =, !=, <, >, <=, >= or 'in', but found %s")
                % (field, self.shown())
            )
        self.pos += 1
        self.take("(")
        values = [self.take("value")]
        while self.peek() == ",":
            self.pos += 1
            values.append(self.take("value"))
        self.take(")")
        node = ("cmp", field, "in", tuple(values))
        return ("not", node) if negate else node


def _describe(kind: str) -> str:
    return {"value": str(_("a field or value")), ")": "')'", "(": "'('"}.get(kind, kind)


def parse(text: str) -> Node:
    """Parse a filter expression into a tuple tree (raises FilterError)."""
    return _Parser(text).parse()


def conditions(node: Node) -> Iterable[tuple[str, str, tuple[str, ...]]]:
    """Every ``(field, op, values)`` comparison in a tree."""
    if node[0] == "cmp":
        yield node[1], node[2], node[3]
    else:
        for child in node[1:]:
            yield from conditions(child)


def evaluate(node: Node, values_of: Callable[[str], list[str]]) -> bool:
    """Evaluate a tree; ``values_of(field)`` gives the object's values of a field
    (a list, empty when the field is empty). Text compares case-insensitively;
    a multi-valued field matches when any of its values does."""
    kind = node[0]
    if kind == "and":
        return evaluate(node[1], values_of) and evaluate(node[2], values_of)
    if kind == "or":
        return evaluate(node[1], values_of) or evaluate(node[2], values_of)
    if kind == "not":
        return not evaluate(node[1], values_of)
    _kind, field, op, wanted = node
    have = [v.casefold() for v in values_of(field)]
    wanted_cf = [w.casefold() for w in wanted]
    if op in ("=", "in"):
        return any(v in wanted_cf for v in have)
    if op == "!=":
        return not any(v in wanted_cf for v in have)
    target = wanted_cf[0]
    compare = {
        "<": lambda a: a < target,
        "<=": lambda a: a <= target,
        ">": lambda a: a > target,
        ">=": lambda a: a >= target,
    }[op]
    return any(compare(v) for v in have)
