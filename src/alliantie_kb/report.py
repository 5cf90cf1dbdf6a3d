"""One way to warn: ``kb.<subtype>``, located, and remembered per document.

Sphinx reports a read-time warning only in the build that reads the page. A
volunteer's check (``alliantie-kb controleer``) must list *every* problem,
yet reuse the cached environment to be fast. So read-time warnings are also
kept in the domain data per document, and with ``kb_replay_warnings = True``
the warnings of pages that were not re-read are reported again.
"""

from __future__ import annotations

from sphinx.util import logging

logger = logging.getLogger("alliantie_kb")


def warn(env, subtype: str, message: str, location) -> None:
    """Log ``message`` as ``kb.<subtype>`` at ``location`` and remember it."""
    logger.warning(message, type="kb", subtype=subtype, location=location)
    docname, line = _doc_and_line(env, location)
    if docname is None or env.domains.get("kb") is None:
        return
    kept = env.domains["kb"].data.setdefault("warnings", {})
    kept.setdefault(docname, []).append([subtype, str(message), line])


def _doc_and_line(env, location) -> tuple[str | None, int | None]:
    if isinstance(location, tuple):
        return location[0], location[1]
    if isinstance(location, str):
        return location, None
    source = getattr(location, "source", None)
    line = getattr(location, "line", None)
    docname = env.path2doc(source) if source else None
    return docname, line


def note_reread(app, env, docnames: list[str]) -> None:
    """env-before-read-docs: remember which pages this build reads."""
    app._kb_reread = set(docnames)  # noqa: SLF001 - per-build scratch data


def replay(app, env) -> None:
    """env-updated: report again the kept warnings of pages not re-read."""
    if not app.config.kb_replay_warnings:
        return
    reread: set[str] = getattr(app, "_kb_reread", set())
    kept = env.domains["kb"].data.get("warnings", {})
    for docname in sorted(kept):
        if docname in reread or docname not in env.all_docs:
            continue
        for subtype, message, line in kept[docname]:
            logger.warning(message, type="kb", subtype=subtype, location=(docname, line))


def setup_report(app) -> None:
    app.connect("env-before-read-docs", note_reread)
    app.connect("env-updated", replay)
