"""Outputs made from the objects alone, made again only when they change.

kb.json, the hover cards' data and the checks over all objects depend on the
objects (fields, titles, relations both ways, where each is defined and
named) and on the settings, not on the text around them. At 1,000 pages they
cost about a second of every build, also of one that only changed a
sentence. The incremental bookkeeping (``incremental.pages_to_rewrite``)
already keeps a fingerprint of every object; ``objects_key`` is a digest of
it with every object's page and line, and the names the checks report.

``Kept`` remembers, in the doctree directory (so per environment, and per
output folder where the output is a file), the key an output was last made
from and the size and time of its files: a file changed or removed since is
made again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sphinx

from . import __version__
from .config import SETTINGS

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


#: One encoder for every digest (incremental.py's too): ``json.dumps`` with
#: options makes a new one per call, which was half the time of the
#: fingerprint at 11,000 objects.
_ENCODE = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=repr).encode


def digest(value: Any) -> str:
    """A short digest of a JSON-able value (keys sorted). surrogatepass: a
    file name that is not UTF-8 reaches Python as lone surrogates."""
    data = _ENCODE(value).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@functools.cache
def code_digest() -> str:
    """Digest of the extension's code and message catalogues (and Sphinx's
    version): outputs made by other code are made again."""
    package = Path(__file__).parent
    parts = [sphinx.__version__, __version__]
    for path in sorted([*package.rglob("*.py"), *package.rglob("*.mo")]):
        parts.append(path.relative_to(package).as_posix())
        parts.append(hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest())
    return digest(parts)


def objects_key(env: BuildEnvironment, *extra: Any) -> str:
    """The objects' key (``incremental.objects_key``) with the project's
    language, the extension's settings and code, and ``extra``. Empty when
    the objects' key is unknown."""
    from .domain import kb_domain

    objects = kb_domain(env).data.get("snapshot", {}).get("key", "")
    if not objects:
        return ""
    config = env.config
    settings = [[s.name, repr(config[s.name])] for s in SETTINGS]
    return digest([objects, code_digest(), config.language, settings, *extra])


def output_key(app: Sphinx) -> str:
    """``objects_key`` with the builder, the project name and the page
    addresses the builder makes (file and link suffixes, dirhtml)."""
    uris = [app.builder.get_target_uri(name) for name in ("a/b", "a/index", "index")]
    return objects_key(app.env, app.builder.name, app.config.project, uris)


def _stats(paths: tuple[Path, ...]) -> list[list[int]] | None:
    try:
        return [[p.stat().st_mtime_ns, p.stat().st_size] for p in paths]
    except OSError:
        return None


class Kept:
    """What output ``name`` was last made from, kept in the doctree directory
    (per output folder when it writes ``files`` there)."""

    def __init__(self, doctreedir: str | Path, name: str, *files: Path) -> None:
        where = str(files[0].parent.resolve()) if files else ""
        tag = f"-{zlib.crc32(where.encode('utf-8')):08x}" if files else ""
        self.path = Path(doctreedir) / f"kb-kept-{name}{tag}.json"
        self.where = where
        self.files = files

    def load(self, key: str) -> Any:
        """The value kept with ``key`` if it is still current, else ``None``."""
        if not key:
            return None
        try:
            kept = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError, RecursionError):  # gone, or not JSON
            return None
        if not isinstance(kept, dict) or kept.get("key") != key:
            return None
        if kept.get("where") != self.where or kept.get("files") != _stats(self.files):
            return None
        return kept.get("value", True)

    def save(self, key: str, value: Any = True) -> None:
        """Note that the output was made from ``key`` (after its files are written)."""
        if not key:
            return
        record = {"key": key, "where": self.where, "files": _stats(self.files), "value": value}
        try:
            self.path.write_text(json.dumps(record, ensure_ascii=False), "utf-8")
        except OSError:  # a read-only doctree directory: made again next time
            pass
