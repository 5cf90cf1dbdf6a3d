"""All-or-nothing writes: every file of one command, or none of them.

``commit`` writes each new content to a temporary file in the target's own
folder (same file system), keeps the original's permission bits, and only
then moves the temporary files over the targets with ``os.replace``. A
failure while writing (disk full, Ctrl-C) removes the temporary files and the
folders it made; a failure while moving puts back the originals from hard-link
backups. Ctrl-C during the moves is held until they are done, so the files
are either all old or all new — never truncated, never half-made.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import signal
import stat
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_CHUNK = 1 << 16


@dataclass
class _Pending:
    target: Path
    temp: Path
    backup: Path | None = None
    placed: bool = False


def _sibling(target: Path, kind: str) -> Path:
    return target.with_name(f".{target.name}.alliantie-kb-{secrets.token_hex(4)}.{kind}")


def _write_new(path: Path, data: bytes) -> None:
    """Create ``path`` (must not exist) holding ``data``; mode 0o666 minus the umask."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view[:_CHUNK])
            if written <= 0:  # pragma: no cover - os.write raises instead
                raise OSError(errno.EIO, "short write")
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)


def _make_dirs(folder: Path, created: list[Path]) -> None:
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        os.mkdir(path)
        created.append(path)


def _backup(target: Path) -> Path:
    backup = _sibling(target, "bak")
    try:
        os.link(target, backup)
    except OSError:  # no hard links here (FAT, some network shares): copy instead
        shutil.copy2(target, backup)
    return backup


@contextlib.contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Hold a Ctrl-C (SIGINT) until the block is done, then raise it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


def _remove(path: Path | None) -> None:
    if path is not None:
        with contextlib.suppress(OSError):
            os.unlink(path)


def commit(changes: dict[Path, str]) -> None:
    """Write every ``path: text`` of ``changes`` (UTF-8), all or nothing."""
    created: list[Path] = []
    pending: list[_Pending] = []
    try:
        for target, text in changes.items():
            _make_dirs(target.parent, created)
            item = _Pending(target, _sibling(target, "tmp"))
            pending.append(item)
            _write_new(item.temp, text.encode("utf-8"))
            if target.exists():
                os.chmod(item.temp, stat.S_IMODE(target.stat().st_mode))
                item.backup = _backup(target)
        with _ctrl_c_held():
            try:
                for item in pending:
                    os.replace(item.temp, item.target)
                    item.placed = True
            except BaseException:
                for item in reversed(pending):
                    if item.placed and item.backup is not None:
                        os.replace(item.backup, item.target)
                        item.backup = None
                    elif item.placed:
                        _remove(item.target)
                raise
    except BaseException:
        for item in pending:
            if not item.placed:
                _remove(item.temp)
            _remove(item.backup)
        for folder in reversed(created):
            with contextlib.suppress(OSError):
                os.rmdir(folder)
        raise
    for item in pending:
        _remove(item.backup)


def write_one(path: Path, text: str) -> None:
    """Atomically replace (or create) one file."""
    commit({path: text})
