"""The live preview shows a page's problems on the page itself.

With ``kb_preview_problems = True`` (``make serve`` sets it; the published
site never does) every warning of the build — ours, Sphinx's, docutils',
MyST's — is kept per document, and each HTML page with problems gets a box
at the top of its body (file, line, message, hint) and a short note inside
every object whose source lines hold a problem.

Warnings are caught by a :class:`logging.Handler` on Sphinx's logger:

* while *reading*, they are kept in the domain data (``problems``, per
  document), so a page that is written again without being re-read (an
  incremental build, as sphinx-autobuild runs them) still shows them; they are
  dropped with the rest of the document's data when it is re-read;
* later (the consistency check, resolving references in the post-transforms,
  writing) they are kept for this build only: Sphinx repeats them in every
  build that rewrites the page. Sphinx resolves a page's references before it
  emits ``html-page-context`` for that page, so they are in its box.
"""

from __future__ import annotations

import html
import logging
import re
from typing import Any
from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging as sphinx_logging
from sphinx.util.build_phase import BuildPhase

from .domain import kb_domain
from .i18n import N_, _
from .recorder import where

#: Key of the per-document problems in the ``kb`` domain data.
PROBLEMS = "problems"

#: One problem as kept: ``[line or None, message, label]``. A list, not a
#: tuple: it is pickled with the domain data and compared with kept ones.
Entry = list[Any]

# Messages of Sphinx, docutils and MyST that volunteers meet most, in the
# project's language with a hint; (pattern, message, hint). Others are shown
# as they are.
_FOREIGN: list[tuple[re.Pattern[str], str, str]] = [
    (
        re.compile(r"^Unknown directive type:? [\"']?(?P<name>[^\"'\s]+)[\"']?\.?"),
        N_("unknown directive %(name)r"),
        N_(
            "check its name after the opening fence; the objects are speaker, event, talk, "
            "workshop, recommendation and organisation"
        ),
    ),
    (
        re.compile(r"^Unknown interpreted text role:? [\"']?(?P<name>[^\"'\s]+)[\"']?\.?"),
        N_("unknown role %(name)r"),
        N_("check the name between the braces, e.g. {speaker}`an-id`"),
    ),
    (
        re.compile(r"^undefined label: [\"']?(?P<name>[^\"']+)[\"']?"),
        N_("unknown label %(name)r"),
        N_("check the name of the target you refer to"),
    ),
    (
        re.compile(r"^unknown document: [\"']?(?P<name>[^\"']+)[\"']?"),
        N_("unknown page %(name)r"),
        N_("check the page's path, without .md"),
    ),
    (
        re.compile(r"^toctree contains reference to nonexisting document [\"']?(?P<name>[^\"']+)"),
        N_("the table of contents lists a page that does not exist: %(name)r"),
        N_("check the page's path, without .md"),
    ),
    (
        re.compile(r"^document isn't included in any toctree"),
        N_("this page is in no table of contents"),
        N_("add it to the toctree of the page that should list it"),
    ),
]


def enabled(app: Sphinx) -> bool:
    """The preview is asked for and this is an HTML build."""
    return bool(app.config.kb_preview_problems) and app.builder.format == "html"


def _store(app: Sphinx) -> dict[str, list[Entry]]:
    """The problems kept while reading, per document (domain data)."""
    store: dict[str, list[Entry]] = kb_domain(app.env).data.setdefault(PROBLEMS, {})
    return store


class ProblemCollector(logging.Handler):
    """Keeps every warning of the build, per document (see the module doc)."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__(level=logging.WARNING)
        self.app = app
        #: warnings after reading: this build only
        self.late: dict[str, list[Entry]] = {}

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self._keep(record)
        except Exception:  # noqa: BLE001 - the preview never breaks a build
            return

    def _keep(self, record: logging.LogRecord) -> None:
        # pending warnings are handed to the logger twice (at once and when
        # flushed): keep each record once
        if getattr(record, "_kb_preview", False):
            return
        record._kb_preview = True  # noqa: SLF001
        kind: str | None = getattr(record, "type", None)
        subtype: str | None = getattr(record, "subtype", None)
        suppressed = self.app.config.suppress_warnings
        if kind is not None and sphinx_logging.is_suppressed_warning(
            kind, str(subtype), suppressed
        ):
            return
        message = logging.LogRecord.getMessage(record)
        label = f"{kind}.{subtype}" if kind and subtype else kind or ""
        if label and message.endswith(f" [{label}]"):  # show_warning_types ran first
            message = message[: -len(label) - 3]
        message = " ".join(message.split("\n\n", 1)[0].split())  # docutils adds the source
        env = self.app.env
        _path, line, docname = where(env, getattr(record, "location", None))
        reading = self.app.phase == BuildPhase.READING
        if docname is None and self.app.phase in (BuildPhase.READING, BuildPhase.RESOLVING):
            docname = getattr(env.current_document, "docname", None) or None
        if docname is None or docname not in env.found_docs:
            return
        store = _store(self.app) if reading else self.late
        entry = [line, message, label]
        kept = store.setdefault(docname, [])
        if entry not in kept:  # kb_replay_warnings says again what is kept
            kept.append(entry)


#: The collector of each build that shows a preview (scratch data).
_collectors: WeakKeyDictionary[Sphinx, ProblemCollector] = WeakKeyDictionary()


def start(app: Sphinx) -> None:
    """builder-inited: catch warnings from now on (HTML preview builds only)."""
    if not enabled(app):
        return
    collector = ProblemCollector(app)
    _collectors[app] = collector
    # first, so that it sees each record before Sphinx's own handler rewrites it
    logging.getLogger(sphinx_logging.NAMESPACE).handlers.insert(0, collector)


def stop(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: stop catching warnings."""
    collector = _collectors.get(app)
    if collector is not None:
        logging.getLogger(sphinx_logging.NAMESPACE).removeHandler(collector)


def clear_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """env-purge-doc: a page that is read again starts without problems."""
    domain = kb_domain(env)
    if domain is not None:
        domain.data.get(PROBLEMS, {}).pop(docname, None)


def problems_of(app: Sphinx, docname: str) -> list[Entry]:
    """A page's problems, kept and of this build, by line."""
    collector = _collectors.get(app)
    late = collector.late.get(docname, []) if collector is not None else []
    kept = _store(app).get(docname, [])
    found = [*kept, *(entry for entry in late if entry not in kept)]
    return sorted(found, key=lambda e: (e[0] or 0, e[1]))


def split_hint(message: str, label: str) -> tuple[str, str]:
    """(message, hint): ours end in ``; hint``; a few common foreign ones are
    translated here."""
    if label.startswith("kb") and "; " in message:
        head, hint = message.rsplit("; ", 1)
        return head, hint
    for pattern, text, hint in _FOREIGN:
        match = pattern.match(message)
        if match:
            return _(text) % match.groupdict(), _(hint)
    return message, ""


def _item(path: str, entry: Entry, *, with_place: bool = True) -> str:
    """One problem as an HTML list item: where, message and hint."""
    line: int | None
    message: str
    label: str
    line, message, label = entry
    text, hint = split_hint(message, label)
    where = f"{path}:{line}" if line else path
    parts: list[str] = []
    if with_place:
        parts.append(f'<code class="kb-preview-where">{html.escape(where)}</code> — ')
    parts.append(f'<span class="kb-preview-message">{html.escape(text)}</span>')
    if hint:
        label = html.escape(_("Hint:"))
        parts.append(f' <span class="kb-preview-hint">{label} {html.escape(hint)}</span>')
    return "<li>" + "".join(parts) + "</li>"


def box(path: str, problems: list[Entry]) -> str:
    """The box of a page's problems, at the top of its body."""
    heading = _("Problems on this page (shown only in the preview)")
    items = "".join(_item(path, entry) for entry in problems)
    return (
        '<div class="kb-preview-problems" role="alert" data-pagefind-ignore="all">'
        f'<p class="kb-preview-title">{html.escape(heading)}</p>'
        f"<ul>{items}</ul></div>\n"
    )


def note(path: str, problems: list[Entry]) -> str:
    """The note of an object's problems, inside its entry."""
    heading = _("Problems in this object:")
    items = "".join(_item(path, entry) for entry in problems)
    return (
        '<div class="kb-preview-note" role="note" data-pagefind-ignore="all">'
        f'<p class="kb-preview-title">{html.escape(heading)}</p>'
        f"<ul>{items}</ul></div>\n"
    )


def add_to_page(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """html-page-context: the box at the top, a note in each object concerned."""
    if doctree is None or _collectors.get(app) is None:
        return
    problems = problems_of(app, pagename)
    if not problems or not isinstance(context.get("body"), str):
        return
    path = str(app.env.doc2path(pagename, False))
    body: str = context["body"]
    domain = kb_domain(app.env)
    for rec in sorted(domain.objects.get(pagename, []), key=lambda r: -r.lineno):
        end = rec.end
        inside = [e for e in problems if e[0] and rec.lineno <= e[0] <= end]
        if not inside:
            continue
        found = re.search(rf'id="{re.escape(rec.anchor)}".*?<dd>', body, re.S)
        if found:
            body = body[: found.end()] + note(path, inside) + body[found.end() :]
    context["body"] = box(path, problems) + body


def setup_preview(app: Sphinx) -> None:
    """Register the collector's start and stop and the page hooks."""
    app.connect("builder-inited", start)
    app.connect("build-finished", stop)
    app.connect("env-purge-doc", clear_doc)
    app.connect("html-page-context", add_to_page, priority=950)
