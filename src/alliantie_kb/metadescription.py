"""A page's description for search engines and link previews, as clean text.

sphinxext-opengraph describes a page by the text of its first nodes, whatever
they are: a citation's "[3]" with a space before it, table cells joined by
commas, field lists, generated lists. This module writes the description
itself, at ``html-page-context`` just before OpenGraph does: the page's own
prose (its paragraphs, in order), without citation and footnote marks, object
headings, field lists, tables, admonitions, figures, tables of contents and
the generated views (listings, backlinks: block nodes with a ``kb-`` class). A page with no prose
is described by its section titles, or its title. The text is cut at a word
before ``ogp_description_length`` characters (200) and becomes both
``<meta name="description">`` and OpenGraph's ``og:description``. A page that
sets ``og:description`` in its metadata keeps it, as does a ``meta`` directive's
description; EPUB pages get nothing (OpenGraph skips them too).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

#: Block nodes whose text is not the page's prose.
SKIPPED_BLOCKS: tuple[type, ...] = (
    nodes.Admonition,
    nodes.Invisible,
    nodes.table,
    nodes.field_list,
    nodes.docinfo,
    nodes.footnote,
    nodes.citation,
    nodes.figure,
    nodes.topic,
    nodes.sidebar,
    nodes.rubric,
    nodes.literal_block,
    nodes.raw,
    addnodes.desc_signature,
    addnodes.toctree,
)
#: Inline nodes left out of a paragraph's text: marks, not words.
SKIPPED_INLINES: tuple[type, ...] = (
    nodes.footnote_reference,
    nodes.citation_reference,
    nodes.raw,
    nodes.image,
    nodes.problematic,
    nodes.system_message,
)
#: Classes of inline citations (sphinxcontrib-bibtex's ``{cite:p}``: "[3]").
CITATION_CLASSES = frozenset({"bibtex-citation"})
#: Generated views carry a class with this prefix; their text is data, not prose.
VIEW_CLASS_PREFIX = "kb-"
#: The class of the compound that holds a resolved toctree.
TOCTREE_CLASS = "toctree-wrapper"
#: Sentence ends: a paragraph ending otherwise (a list item) gets a full stop.
SENTENCE_ENDS = ".!?:;…"
DEFAULT_LENGTH = 200

#: A space left before punctuation where a citation mark was taken out.
_SPACE_BEFORE = re.compile(r"\s+([,.;:!?)\]’”])")
_SPACE_AFTER = re.compile(r"([(\[‘“])\s+")


def _is_view(node: nodes.Element) -> bool:
    """A generated view (listing, backlinks, empty note): a ``kb-`` class."""
    classes: list[str] = node.get("classes", [])
    return any(c.startswith(VIEW_CLASS_PREFIX) for c in classes)


def _skipped_inline(node: nodes.Node) -> bool:
    """A citation or footnote mark, an image, markup that is no text."""
    if isinstance(node, SKIPPED_INLINES):
        return True
    return isinstance(node, nodes.Element) and bool(CITATION_CLASSES & set(node.get("classes", [])))


def inline_text(node: nodes.Node) -> str:
    """The words of an inline node, citation and footnote marks left out."""
    if isinstance(node, nodes.Text):
        return str(node)
    if _skipped_inline(node) or not isinstance(node, nodes.Element):
        return ""
    return "".join(inline_text(child) for child in node.children)


def prose(node: nodes.Element) -> Iterator[nodes.paragraph]:
    """The paragraphs of the page's own text, in document order."""
    for child in node.children:
        if not isinstance(child, nodes.Element):
            continue
        # an object entry (sphinx's desc is an Admonition) holds the object's prose
        skipped = isinstance(child, SKIPPED_BLOCKS) and not isinstance(child, addnodes.desc)
        if skipped or _is_view(child) or TOCTREE_CLASS in child.get("classes", []):
            continue
        if isinstance(child, nodes.paragraph):
            yield child
        else:
            yield from prose(child)


def clean(text: str) -> str:
    """One line of text, no space before punctuation or inside brackets."""
    text = " ".join(text.split())
    return _SPACE_AFTER.sub(r"\1", _SPACE_BEFORE.sub(r"\1", text))


def shorten(text: str, length: int) -> str:
    """``text`` cut at a word to fit in ``length``; an ellipsis unless a sentence ends."""
    if len(text) <= length:
        return text
    cut = text[: max(length - 1, 1)]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    cut = cut.rstrip(" ,;:–-")
    return cut if cut.endswith((".", "!", "?")) else cut + "…"


def describe(doctree: nodes.document, length: int = DEFAULT_LENGTH) -> str:
    """The description of a page: its prose, else its section titles."""
    parts: list[str] = []
    size = 0
    for paragraph in prose(doctree):
        text = clean(inline_text(paragraph))
        if not text:
            continue
        if parts and parts[-1][-1] not in SENTENCE_ENDS:
            parts[-1] += "."
        parts.append(text)
        size += len(text) + 1
        if size > length:
            break
    if not parts:
        sections = doctree.findall(nodes.section)
        titles = [clean(inline_text(s[0])) for s in sections if isinstance(s[0], nodes.title)]
        parts = [", ".join(t for t in titles[1:] if t) or (titles[0] if titles else "")]
    return shorten(" ".join(parts), length)


def _length(app: Sphinx) -> int:
    """``ogp_description_length`` when sphinxext-opengraph is loaded, else 200."""
    value = getattr(app.config, "ogp_description_length", DEFAULT_LENGTH)
    return value if isinstance(value, int) and value > 0 else DEFAULT_LENGTH


def add_description(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """html-page-context: the description tag, and OpenGraph's through the page's metadata."""
    if doctree is None or app.builder.format != "html" or app.builder.name == "epub":
        return
    meta: dict[str, Any] = dict(context.get("meta") or {})
    if "og:description" in meta:
        return
    text = describe(doctree, _length(app))
    if not text:
        return
    escaped = html.escape(text, quote=True)
    # a copy: context["meta"] is the environment's own metadata of the page
    context["meta"] = {**meta, "og:description": escaped}
    metatags = str(context.get("metatags", ""))
    if 'name="description"' not in metatags:
        context["metatags"] = metatags + f'<meta name="description" content="{escaped}" />\n'


def setup_metadescription(app: Sphinx) -> None:
    """Describe each HTML page before sphinxext-opengraph (priority 500) does."""
    app.connect("html-page-context", add_description, priority=450)
