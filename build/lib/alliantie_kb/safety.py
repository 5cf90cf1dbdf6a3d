"""Read-time checks that keep contributed text from injecting markup.

* raw HTML becomes escaped text (unless ``kb_allow_raw_html``);
* external links keep only safe schemes (http, https, mailto).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from .i18n import _
from .model import SAFE_URL_SCHEMES
from .report import warn

logger = logging.getLogger(__name__)

_HARMLESS = re.compile(r"^\s*<br\s*/?>\s*$", re.IGNORECASE)


class NeutraliseUnsafeMarkup(SphinxTransform):
    default_priority = 100

    def apply(self, **kwargs) -> None:
        if not self.config.kb_allow_raw_html:
            warned: set[int] = set()
            for raw in list(self.document.findall(nodes.raw)):
                if "html" not in raw.get("format", "").split():
                    continue
                if _HARMLESS.match(raw.astext()):
                    continue  # MyST's own hard line break (a backslash at line end)
                # inline HTML arrives as one node per tag: warn once per block
                block = raw.parent if isinstance(raw.parent, nodes.TextElement) else raw
                if id(block) not in warned:
                    warned.add(id(block))
                    message = (
                        _("raw HTML is not allowed and is shown as text: %r; use Markdown instead")
                        % raw.astext().strip()[:60]
                    )
                    warn(self.env, "html", message, raw)
                text = nodes.literal(raw.astext(), raw.astext())
                if block is raw:
                    raw.replace_self(nodes.paragraph("", "", text))
                else:
                    raw.replace_self(text)
        for ref in list(self.document.findall(nodes.reference)):
            uri = ref.get("refuri")
            if not uri:
                continue
            scheme = urlsplit(uri).scheme.lower()
            if scheme and scheme not in SAFE_URL_SCHEMES:
                message = _("link %r refused: only %s links are allowed") % (
                    uri[:60],
                    ", ".join(SAFE_URL_SCHEMES),
                )
                warn(self.env, "url", message, ref)
                ref.replace_self(nodes.inline(ref.astext(), ref.astext()))


def setup_safety(app) -> None:
    app.add_transform(NeutraliseUnsafeMarkup)


def trusted(config) -> bool:
    """True when the site opted out of treating its sources as untrusted."""
    return bool(getattr(config, "kb_trusted_sources", False))
