"""Every warning of a build as a record, and the read-time ones kept per page.

:class:`Recorder` is a :class:`~sphinx.util.logging.WarningStreamHandler`
attached to Sphinx's logger next to Sphinx's own warning handler, so that it
sees what the console sees, from any source (Sphinx, docutils, MyST, other
extensions, ours), when it is logged: ``pending_warnings`` holds it back and
hands it each record once, like Sphinx's handler. It writes nothing; it turns
each WARNING/ERROR record that ``suppress_warnings`` lets through into a
:class:`WarningRecord` from the record's own fields (``location``, ``type``,
``subtype``, the hint given to ``report.warn``), never from formatted text.

Records logged while reading a page are also kept in the ``kb`` domain data
(``warnings``, per document), so ``clear_doc`` and ``merge_domaindata`` handle
them like the rest of the page's data and they survive the pickled
environment. With ``kb_replay_warnings = True``, :func:`replay` reports the
kept records of every page this build does not read again, as they were.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.utils import get_source_line
from sphinx.util import logging as sphinx_logging
from sphinx.util.build_phase import BuildPhase

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Name of the record attribute that carries a warning's hint (``report.warn``).
HINT = "kb_hint"
#: Name of the record attribute that marks a replayed warning.
REPLAYED = "kb_replayed"
#: Key of the kept read-time warnings in the ``kb`` domain data.
KEPT = "warnings"

logger = sphinx_logging.getLogger("alliantie_kb")


@dataclass(frozen=True)
class WarningRecord:
    """One warning as it was logged: where, what kind, what, and the hint."""

    docname: str | None
    path: str | None
    line: int | None
    type: str | None
    subtype: str | None
    message: str
    hint: str | None
    level: int

    @property
    def label(self) -> str:
        """``type.subtype`` as Sphinx shows it (``kb.field``), or ``type``, or ``""``."""
        if self.type and self.subtype:
            return f"{self.type}.{self.subtype}"
        return self.type or ""

    @property
    def text(self) -> str:
        """The message as the console shows it: ``message; hint``."""
        return f"{self.message}; {self.hint}" if self.hint else self.message


class _Discard:
    """The recorder's stream: it keeps records, it writes nothing."""

    def write(self, data: str) -> None:
        """Drop ``data``."""

    def flush(self) -> None:
        """Nothing to flush."""


class _NotSuppressed(logging.Filter):
    """Lets through what ``suppress_warnings`` lets through (without counting it)."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__()
        self.app = app

    def filter(self, record: logging.LogRecord) -> bool:
        suppressed = getattr(self.app.config, "suppress_warnings", ())
        return not sphinx_logging.is_suppressed_warning(
            getattr(record, "type", None) or "", getattr(record, "subtype", None) or "", suppressed
        )


class Recorder(sphinx_logging.WarningStreamHandler):
    """Records every warning of one Sphinx application (see the module doc)."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__(_Discard())  # type: ignore[arg-type]
        self.setLevel(logging.WARNING)
        self.addFilter(_NotSuppressed(app))
        self.addFilter(sphinx_logging.OnceFilter())
        self.app = app
        #: every warning of this application, in the order they were logged
        self.records: list[WarningRecord] = []
        #: the pages this build reads (``env-before-read-docs``)
        self.reread: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            found = self.to_record(record)
        except Exception:  # noqa: BLE001 - a warning must never break the build
            self.handleError(record)
            return
        self.records.append(found)
        if self.app.phase == BuildPhase.READING and not getattr(record, REPLAYED, False):
            self._keep(found)

    def to_record(self, record: logging.LogRecord) -> WarningRecord:
        """The :class:`WarningRecord` of a log record (Sphinx's handler may have
        rewritten its location and appended ``[type.subtype]`` already)."""
        kind = getattr(record, "type", None) or None
        subtype = getattr(record, "subtype", None) or None
        message = logging.LogRecord.getMessage(record)
        label = f"{kind}.{subtype}" if kind and subtype else kind or ""
        if label and message.endswith(f" [{label}]"):  # show_warning_types
            message = message[: -len(label) - 3]
        # report.warn passes the hint on the record; a Hinted message carries its own
        hint = getattr(record, HINT, None) or getattr(record.msg, "hint", None) or None
        if hint and message.endswith(f"; {hint}"):
            message = message[: -len(hint) - 2]
        env = getattr(self.app, "env", None)  # none yet while extensions are set up
        path, line, docname = where(env, getattr(record, "location", None))
        return WarningRecord(docname, path, line, kind, subtype, message, hint, record.levelno)

    def _keep(self, found: WarningRecord) -> None:
        if found.docname is None or found.docname not in self.reread:
            return
        domain = self.app.env.domains.get("kb")
        if domain is not None:
            domain.data.setdefault(KEPT, {}).setdefault(found.docname, []).append(found)


def where(
    env: BuildEnvironment | None, location: Any
) -> tuple[str | None, int | None, str | None]:
    """(path, line, docname) of a warning's location, in any form Sphinx accepts."""
    where: Any
    line: int | None = None
    if isinstance(location, tuple) and len(location) == 2:
        where, line = location
        if env is not None and where in env.found_docs:
            return str(env.doc2path(where)), line, where
    elif isinstance(location, nodes.Node):
        where, line = get_source_line(location)
    elif isinstance(location, str):
        head, sep, tail = location.rpartition(":")
        if sep and (tail.isdigit() or not tail):
            where, line = head, int(tail) if tail else None
        else:
            where = location
    else:
        return None, None, None
    if not where:
        return None, line, None
    where = str(where)
    if env is None:
        return where, line, None
    if where in env.found_docs:
        return str(env.doc2path(where)), line, where
    try:
        return where, line, env.path2doc(where)
    except Exception:  # noqa: BLE001 - a path Sphinx cannot place
        return where, line, None


def recorder_of(app: Sphinx) -> Recorder:
    """The recorder of ``app`` (made by :func:`attach`)."""
    found: Recorder = app._kb_recorder  # type: ignore[attr-defined]  # noqa: SLF001
    return found


def records(app: Sphinx) -> list[WarningRecord]:
    """Every warning ``app`` logged so far, in order."""
    return list(recorder_of(app).records)


def kept(env: BuildEnvironment, docname: str) -> list[WarningRecord]:
    """The read-time warnings of ``docname``, from the build that last read it."""
    domain = env.domains.get("kb")
    entries = domain.data.get(KEPT, {}).get(docname, []) if domain is not None else []
    return [entry for entry in entries if isinstance(entry, WarningRecord)]


def attach(app: Sphinx) -> Recorder:
    """Record ``app``'s warnings from now on (Sphinx's next ``logging.setup``,
    that is the next application, drops the handler)."""
    recorder = Recorder(app)
    app._kb_recorder = recorder  # type: ignore[attr-defined]  # noqa: SLF001
    logging.getLogger(sphinx_logging.NAMESPACE).addHandler(recorder)
    return recorder


def note_reread(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """env-before-read-docs: remember which pages this build reads."""
    recorder_of(app).reread = set(docnames)


def _replayed(env: BuildEnvironment) -> Iterator[tuple[str, WarningRecord]]:
    domain = env.domains.get("kb")
    for docname in sorted(domain.data.get(KEPT, {}) if domain is not None else ()):
        if docname in env.all_docs:
            for entry in kept(env, docname):
                yield docname, entry


def replay(app: Sphinx, env: BuildEnvironment) -> None:
    """env-updated: report again the kept warnings of the pages not re-read,
    with their own level, type, subtype, location and hint."""
    if not app.config.kb_replay_warnings:
        return
    reread = recorder_of(app).reread
    for docname, entry in _replayed(env):
        if docname in reread:
            continue
        location: tuple[str, int | None] | str = (docname, entry.line)
        if entry.path is not None and entry.path != str(env.doc2path(docname)):
            location = f"{entry.path}:{entry.line}" if entry.line else entry.path
        logger.log(
            entry.level,
            entry.text,
            type=entry.type,
            subtype=entry.subtype,
            location=location,
            extra={HINT: entry.hint, REPLAYED: True},
        )
