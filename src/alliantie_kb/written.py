"""Write-time checks: what reaches the reader, whoever made it (DESIGN §5).

The read-time checks in :mod:`safety` see only what the parser made. Links
and images are also created later — bibliography entries, toctree entries,
sphinx-design cards, indirect targets, anything another extension adds —
and the HTML template context gets values from page metadata. So:

* a post-transform, run last, checks every ``refuri``, image ``uri``,
  ``meta`` node and raw HTML node of the final doctree, for every builder;
* ``doctree-read`` (before Sphinx stores the table of contents) checks the
  external entries of every toctree;
* ``html-page-context`` checks ``metatags`` and URL-like page metadata.

A URL is safe when it is relative or its scheme is one of
``kb_url_schemes``. The scheme is found as browsers find it: leading and
trailing control characters and spaces stripped, tabs and newlines removed.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import url_re

from .i18n import _
from .report import warn
from .safety import trusted

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_C0_OR_SPACE = "".join(chr(c) for c in range(0x21))
#: Attributes a docutils ``meta`` node may carry (besides docutils' own).
_META_ATTRIBUTES = {"name", "content", "property", "lang", "scheme", "dir"}
_NODE_ATTRIBUTES = (
    set(nodes.Element.basic_attributes) | set(nodes.Element.list_attributes) | {"source"}
)
#: MyST's hard line break (a backslash at a line end) is raw ``<br />``; the
#: read-time check lets it through, and so does this one.
_LINE_BREAK = re.compile(r"^\s*<br\s*/?>\s*$", re.IGNORECASE)


def url_scheme(uri: str) -> str | None:
    """The scheme a browser would see in ``uri`` (lower case), or None."""
    cleaned = uri.strip(_C0_OR_SPACE).replace("\t", "").replace("\n", "").replace("\r", "")
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def is_safe_url(uri: str, schemes: tuple[str, ...] | list[str]) -> bool:
    """True for relative URLs and URLs with one of ``schemes``."""
    scheme = url_scheme(uri)
    return scheme is None or scheme in {s.lower() for s in schemes}


def is_remote(uri: str) -> bool:
    """True for an image address on another site (http, https, ``//host``)."""
    cleaned = uri.strip(_C0_OR_SPACE)
    return url_scheme(cleaned) in ("http", "https") or cleaned.startswith("//")


def _located(node: nodes.Node, docname: str) -> nodes.Node | tuple[str, None]:
    """The node itself when it knows its line, else the nearest ancestor that
    does, else the document name (a warning always says where)."""
    current: nodes.Node | None = node
    while current is not None:
        if getattr(current, "line", None) and getattr(current, "source", None):
            return current
        current = current.parent
    return (docname, None)


def _shown(uri: str) -> str:
    """A short, printable form of a URL for a warning."""
    return "".join(ch if ch.isprintable() else " " for ch in uri)[:60]


class CheckWrittenOutput(SphinxPostTransform):
    """Unlink unsafe links, drop unsafe images and meta tags, in the final doctree."""

    default_priority = 990  # after every reference and bibliography resolver

    def run(self, **kwargs: Any) -> None:
        if trusted(self.config):
            return
        schemes = tuple(self.config.kb_url_schemes)
        docname = self.env.docname
        for node in list(self.document.findall(nodes.Element)):
            if isinstance(node, nodes.target):
                # written by no builder; the link that uses it is checked
                if not is_safe_url(node.get("refuri", ""), schemes):
                    del node["refuri"]
            elif isinstance(node, nodes.image):
                self._image(node, schemes, docname)
            elif isinstance(node, nodes.meta):
                self._meta(node, docname)
            elif isinstance(node, nodes.raw):
                self._raw(node, docname)
            elif "refuri" in node and not is_safe_url(node["refuri"], schemes):
                message = _(
                    "link %r is shown as plain text: only %s links and links within "
                    "the site are allowed; use an https:// address"
                ) % (_shown(node["refuri"]), ", ".join(schemes))
                warn(self.env, "url", message, _located(node, docname))
                node.replace_self(nodes.inline(node.rawsource, "", *node.children))

    def _image(self, node: nodes.image, schemes: tuple[str, ...], docname: str) -> None:
        """An image with an unsafe address, or from another site (``kb_remote_images``)."""
        uri = node.get("uri", "")
        policy = self.config.kb_remote_images
        alt = node.get("alt", "")
        if not is_safe_url(uri, schemes):
            message = _(
                "image %r is left out: only images in the source folder or at an "
                "https:// address are allowed"
            ) % _shown(uri)
        elif is_remote(uri) and policy != "allow":
            if policy == "warn":
                message = _(
                    "image %r is loaded from another site, which then sees every "
                    "reader; put a copy in the source folder instead"
                ) % _shown(uri)
                warn(self.env, "image", message, _located(node, docname))
                return
            message = _(
                "image %r from another site is left out (kb_remote_images = 'refuse'); "
                "put a copy in the source folder instead"
            ) % _shown(uri)
        else:
            return
        subtype = "url" if not is_safe_url(uri, schemes) else "image"
        warn(self.env, subtype, message, _located(node, docname))
        node.replace_self(nodes.inline(alt, alt))

    def _meta(self, node: nodes.meta, docname: str) -> None:
        """A meta tag that could redirect the reader (``http-equiv``, refresh)."""
        extra = {
            key
            for key in node.attributes
            if key not in _META_ATTRIBUTES and key not in _NODE_ATTRIBUTES
        }
        values = [str(v).strip().lower() for k, v in node.attributes.items() if k != "content"]
        if not extra and "refresh" not in values:
            return
        key = ", ".join(sorted(extra)) or "refresh"
        message = _(
            "HTML meta tag with %r is left out: it could send readers to another page; "
            "write name=... instead"
        ) % key[:40]
        # MyST's front-matter html_meta has line 0: the front matter starts at line 1
        where = _located(node, docname) if node.line else (docname, 1)
        warn(self.env, "meta", message, where)
        node.parent.remove(node)

    def _raw(self, node: nodes.raw, docname: str) -> None:
        """Raw HTML another extension added, unless ``kb_allow_raw_html``."""
        if self.config.kb_allow_raw_html or "html" not in node.get("format", "").split():
            return
        if _LINE_BREAK.match(node.astext()):
            return
        message = _("raw HTML added after reading is shown as text; use Markdown instead")
        warn(self.env, "raw", message, _located(node, docname))
        text = node.astext()
        node.replace_self(nodes.literal(text, text))


def check_toctree_entries(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: leave out toctree entries that are unsafe URLs.

    Runs before Sphinx's toctree collector copies the toctrees into the
    environment, so neither the page nor any sidebar ever links them."""
    if trusted(app.config):
        return
    schemes = tuple(app.config.kb_url_schemes)
    for toctree in doctree.findall(addnodes.toctree):
        kept: list[tuple[str | None, str]] = []
        entries: list[tuple[str | None, str]] = toctree["entries"]
        for title, ref in entries:
            if url_re.match(ref) is None or is_safe_url(ref, schemes):
                kept.append((title, ref))
                continue
            message = _(
                "table of contents entry %r is left out: only %s links are allowed; "
                "use an https:// address or a page name"
            ) % (_shown(ref), ", ".join(schemes))
            warn(app.env, "url", message, _located(toctree, app.env.docname))
        toctree["entries"] = kept


class _MetaTags(HTMLParser):
    """Collects the exact text of every ``<meta>`` start tag in a fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.unsafe: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "meta":
            return
        names = {name.lower() for name, _value in attrs}
        values = {(value or "").strip().lower() for name, value in attrs if name != "content"}
        if "http-equiv" in names or "refresh" in values:
            self.unsafe.append((self.get_starttag_text() or "", "http-equiv"))


def check_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """html-page-context: no refresh/http-equiv meta tags, no unsafe page-metadata URLs."""
    if trusted(app.config):
        return
    metatags = context.get("metatags")
    if isinstance(metatags, str) and "meta" in metatags.lower():
        parser = _MetaTags()
        parser.feed(metatags)
        parser.close()
        for tag, key in parser.unsafe:
            message = _(
                "HTML meta tag with %r is left out: it could send readers to another page; "
                "write name=... instead"
            ) % key
            # the template context has no source line: point at the page's top
            warn(app.env, "meta", message, (pagename, 1))
            metatags = metatags.replace(tag, "")
        context["metatags"] = metatags
    meta = context.get("meta")
    if isinstance(meta, dict):
        schemes = tuple(app.config.kb_url_schemes)
        kept: dict[str, Any] = {}
        for key, value in meta.items():
            if "url" in key.lower() and isinstance(value, str) and not is_safe_url(value, schemes):
                message = _(
                    "page metadata %r is left out: only %s links are allowed; "
                    "use an https:// address"
                ) % (key[:40], ", ".join(schemes))
                warn(app.env, "url", message, (pagename, 1))
                continue
            kept[key] = value
        context["meta"] = kept  # a copy: the environment's metadata stays as read


def setup_written(app: Sphinx) -> None:
    """Register the write-time checks."""
    app.add_post_transform(CheckWrittenOutput)
    # before the toctree collector (priority 500) stores the entries
    app.connect("doctree-read", check_toctree_entries, priority=400)
    # after other extensions have filled the template context
    app.connect("html-page-context", check_page_context, priority=900)
