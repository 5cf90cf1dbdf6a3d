"""Text checks on a page as read: mistakes that would otherwise pass silently.

A role without its backticks (``{speaker}fatima-el-amrani``) is no role for
MyST: it is printed as text, and no link, no warning follows. Here every
text node of the doctree is searched for ``{role}`` directly followed by
something other than a backtick, for the roles this project knows.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .domain import kb_domain
from .i18n import _
from .report import warn

_ROLE_TEXT = re.compile(r"\{(?P<role>[A-Za-z][\w:.-]*)\}(?P<after>[^`]|$)")
#: Text under these nodes is code or a comment, where ``{speaker}x`` is meant literally.
_LITERAL = (nodes.literal, nodes.literal_block, nodes.comment, nodes.raw, nodes.FixedTextElement)


def _known_roles(env: BuildEnvironment) -> set[str]:
    """The knowledge base's roles (``speaker``, ``kb:speaker``, aliases) and ``any``.

    Only these: ``{raw}html`` in a name or a sentence about markup is text."""
    domain = kb_domain(env)
    names = set(domain.roles) if domain is not None else set()
    known = {f"kb:{name}" for name in names} | {"any", "kb:any"}
    if env.config.primary_domain == "kb":
        known |= names
    return known


def _docname(env: BuildEnvironment) -> str:
    """The document being read (``env.docname`` before Sphinx 8.2)."""
    current = getattr(env, "current_document", None)
    docname: str = current.docname if current is not None else env.docname
    return docname


def _literal(node: nodes.Node) -> bool:
    """``node`` lies inside code, a comment or raw output."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, _LITERAL):
            return True
        parent = parent.parent
    return False


def _line_of(text: nodes.Text, offset: int) -> tuple[str | None, int | None]:
    """Source and line of ``offset`` in ``text``: its block's line plus the line
    breaks before it in that block."""
    block = text.parent
    while block is not None and block.line is None:
        block = block.parent
    if block is None or block.line is None:
        return None, None
    before = 0
    for other in block.findall(nodes.Text):
        if other is text:
            break
        before += other.astext().count("\n")
    return block.source, block.line + before + text.astext()[:offset].count("\n")


def check_roles_as_text(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: ``{speaker}id`` without backticks, printed as text."""
    env = app.env
    known = _known_roles(env)
    for text in list(doctree.findall(nodes.Text)):
        value = text.astext()
        if "{" not in value or _literal(text):
            continue
        for match in _ROLE_TEXT.finditer(value):
            role = match.group("role")
            if role not in known:
                continue
            rest = value[match.end("role") + 1 :].split()
            target = rest[0].rstrip(".,;:!?)") if rest else "id"
            source, line = _line_of(text, match.start())
            docname = env.path2doc(source) if source else _docname(env)
            message = _("{%s} without backticks is printed as text, not as a link; write %s") % (
                role,
                f"{{{role}}}`{target}`",
            )
            warn(env, "role", message, (docname or _docname(env), line))


_FENCED = re.compile(r"^[ \t]*(?:`{3,}|:{3,})\{(?P<name>[^}\s]+)\}[ \t]+(?P<arg>\S+)", re.M)


def _known_directives(env: BuildEnvironment) -> set[str]:
    """Every directive name a page may use: docutils', and each domain's."""
    from docutils.parsers.rst import directives

    known: set[str] = set(getattr(directives, "_directives", {}))
    known |= set(getattr(directives, "_directive_registry", {}))
    primary = env.config.primary_domain
    for domain in env.domains.values() if hasattr(env.domains, "values") else ():
        for name in domain.directives:
            known.add(f"{domain.name}:{name}")
            if domain.name in ("std", primary):
                known.add(name)
    return known


def note_unknown_blocks(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: ids of blocks whose directive name Sphinx does not know.

    The unknown name is reported (by MyST) at its line; the block is dropped,
    so a reference elsewhere to the id it meant to define is a consequence of
    that one cause, not a second problem (``domain.warn_missing`` stays quiet)."""
    env = app.env
    source: str = doctree.get("source") or ""
    if not source.endswith(".md"):
        return
    try:
        with open(source, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError:
        return
    known = _known_directives(env)
    ids = [m["arg"] for m in _FENCED.finditer(text) if m["name"] not in known]
    domain = kb_domain(env)
    if ids and domain is not None:
        domain.data.setdefault("unread", {})[_docname(env)] = ids


def setup_lint(app: Sphinx) -> None:
    """Register the text checks of a page as read."""
    app.connect("doctree-read", check_roles_as_text)
    app.connect("doctree-read", note_unknown_blocks)
