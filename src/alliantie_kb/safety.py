"""Read-time checks that keep contributed text from injecting markup.

* raw blocks of every format become escaped text (raw HTML is allowed with
  ``kb_allow_raw_html``), and the warning never repeats their content;
* math that uses TeX commands touching files or TeX's reading is shown as text;
* external links keep only safe schemes (http, https, mailto).
"""

from __future__ import annotations

import re
from typing import Any, TypeGuard
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from .i18n import _
from .report import warn

logger = logging.getLogger(__name__)

#: MyST's hard line break (a backslash at a line's end), one raw node per format
_HARMLESS = {
    "html": re.compile(r"^\s*<br\s*/?>\s*$", re.IGNORECASE),
    "latex": re.compile(r"^\s*\\\\\s*$"),
}


def _harmless(fmt: str, text: str) -> bool:
    """A raw node that is only a hard line break in its format."""
    pattern = _HARMLESS.get(fmt)
    return bool(pattern and pattern.match(text))


class NeutraliseUnsafeMarkup(SphinxTransform):
    """Raw blocks become text (untrusted sources); unsafe link schemes are refused."""

    default_priority = 100

    def apply(self, **kwargs: Any) -> None:
        if not trusted(self.config):
            self._neutralise_raw()
        for ref in list(self.document.findall(nodes.reference)):
            uri = ref.get("refuri")
            if not uri:
                continue
            scheme = urlsplit(uri).scheme.lower()
            if scheme and scheme not in self.config.kb_url_schemes:
                message = _("link %r refused: only %s links are allowed") % (
                    uri[:60],
                    ", ".join(self.config.kb_url_schemes),
                )
                warn(self.env, "url", message, ref)
                ref.replace_self(nodes.inline(ref.astext(), ref.astext()))

    def _neutralise_raw(self) -> None:
        """Show raw blocks of every format as text, one warning per block.

        The warning names the format, never the content: with ``raw :file:``
        the content is a file's."""
        allowed = {"html"} if self.config.kb_allow_raw_html else set()
        warned: set[int] = set()
        for raw in list(self.document.findall(nodes.raw)):
            formats = set(raw.get("format", "").split())
            if formats and formats <= allowed:
                continue
            if len(formats) == 1 and _harmless(next(iter(formats)), raw.astext()):
                continue
            # inline HTML arrives as one node per tag: warn once per block
            block = raw.parent if isinstance(raw.parent, nodes.TextElement) else raw
            if id(block) not in warned:
                warned.add(id(block))
                if "html" in formats:
                    message = _(
                        "raw HTML is not allowed and is shown as text; use Markdown instead"
                    )
                    warn(self.env, "html", message, raw)
                else:
                    name = " ".join(sorted(formats)) or "?"
                    message = _(
                        "raw %s output is not allowed and is shown as text; use Markdown instead"
                    ) % name[:20]
                    warn(self.env, "raw", message, raw)
            text = nodes.literal(raw.astext(), raw.astext())
            if block is raw:
                raw.replace_self(nodes.paragraph("", "", text))
            else:
                raw.replace_self(text)


#: TeX primitives and macros that read or write files, run programs or change
#: how TeX reads what follows (``^^`` spells any character, a backslash too),
#: and MathJax's commands that make links, load extensions or add HTML
#: attributes in the browser.
_TEX_DANGER = re.compile(
    r"\\(input|include|includeonly|InputIfFileExists|IfFileExists|endinput|openin|"
    r"openout|read|readline|closein|closeout|newread|newwrite|write|immediate|special|"
    r"ShellEscape|directlua|latelua|luaexec|scantokens|every[A-Za-z]*|catcode|lccode|"
    r"uccode|csname|endcsname|expandafter|def|edef|gdef|xdef|let|futurelet|newcommand|"
    r"renewcommand|providecommand|DeclareRobustCommand|makeatletter|usepackage|"
    r"RequirePackage|documentclass|includegraphics|verbatiminput|lstinputlisting|font|"
    r"pdf[A-Za-z]*|href|url|require|class|cssId|style|data)(?![A-Za-z])|(\^\^)"
)


def _is_math(node: nodes.Node) -> TypeGuard[nodes.math | nodes.math_block]:
    """Inline or block math."""
    return isinstance(node, nodes.math | nodes.math_block)


class RefuseTexPrimitives(SphinxTransform):
    """Math that could make TeX touch files, or MathJax make links, is shown as text.

    Replaced at read time, so every builder (HTML with MathJax, LaTeX) gets
    the same literal text."""

    default_priority = 100

    def apply(self, **kwargs: Any) -> None:
        if trusted(self.config):
            return
        for node in [n for n in self.document.findall() if _is_math(n)]:
            found = _TEX_DANGER.search(node.astext())
            if found is None:
                continue
            command = "\\" + found.group(1) if found.group(1) else "^^"
            message = _(
                "math uses the command %s, which can read or write files or make links, and "
                "is shown as text; write the formula without it"
            ) % command
            warn(self.env, "math", message, node)
            text = node.astext()
            if isinstance(node, nodes.math_block):
                node.replace_self(nodes.literal_block(text, text))
            else:
                node.replace_self(nodes.literal(text, text))


def setup_safety(app: Sphinx) -> None:
    """Register both read-time transforms."""
    app.add_transform(NeutraliseUnsafeMarkup)
    app.add_transform(RefuseTexPrimitives)


def trusted(config: Config) -> bool:
    """True when the site opted out of treating its sources as untrusted."""
    return bool(getattr(config, "kb_trusted_sources", False))
