"""The pages one command changes, kept in memory until all are decided.

``nieuw`` first computes the new text of every page it touches — the page the
object goes to, new pages and the tables of contents that must list them —
and only then writes them all at once (``files.commit``), so a refusal
halfway leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import _
from . import toctree
from .errors import CliError, show
from .inputs import heading_text
from .paths import page_path
from .sources import pages


@dataclass
class Plan:
    """The new content of every file the command touches, kept in memory."""

    src: Path
    changes: dict[Path, str] = field(default_factory=dict)

    def read(self, path: Path) -> str | None:
        """The page as the command left it so far; None if it does not exist."""
        path = page_path(self.src, path, option="pad")
        if path in self.changes:
            return self.changes[path]
        if not path.exists():
            return None
        try:
            return path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            raise CliError(
                _("%s is not UTF-8; save the file as UTF-8 and try again") % show(path)
            ) from None

    def write(self, path: Path, text: str) -> None:
        """Set the new text of a page (written by ``files.commit`` later)."""
        self.changes[page_path(self.src, path, option="pad")] = text

    def new_page(self, path: Path, title: str) -> bool:
        """Create ``path`` with a heading and list it in the nearest table of contents."""
        if self.read(path) is not None:
            return False
        self.write(path, f"# {heading_text(title)}\n\n")
        self.link(path)
        return True

    def link(self, page: Path) -> None:
        """Add ``page`` to the toctree of the nearest ``index.md`` above it."""
        folder = page.parent.parent if page.name == "index.md" else page.parent
        while folder == self.src or self.src in folder.parents:
            index = folder / "index.md"
            if index != page and self.read(index) is not None:
                entry = page.relative_to(folder).with_suffix("").as_posix()
                self.write(index, toctree.with_entry(self.read(index) or "", entry))
                return
            folder = folder.parent

    def append(self, path: Path, block: str) -> None:
        """Add ``block`` at the end of the page, after one blank line."""
        existing = (self.read(path) or "").rstrip("\n")
        self.write(path, existing + "\n\n" + block if existing.strip() else block)

    def _docname(self, page: Path) -> str:
        return page.relative_to(self.src).with_suffix("").as_posix()

    def _texts(self) -> Iterator[tuple[str, str]]:
        """Every page as Sphinx would read it after the command: (docname, text)."""
        for page in {*pages(self.src), *(p for p in self.changes if p.suffix == ".md")}:
            if page in self.changes:
                text = self.changes[page]
            else:  # any page, as Sphinx would read it: a broken one is not this command's
                try:
                    text = page.read_bytes().decode("utf-8", errors="replace")
                except OSError:
                    text = ""  # unreadable: names nothing, but a pattern may name it
            yield self._docname(page), text

    def listed(self) -> set[str]:
        """Docnames that a toctree of some page names (or that say ``orphan: true``)."""
        return toctree.listed(self._texts())

    def ensure_listed(self, page: Path) -> None:
        """Put ``page`` in the nearest toctree unless one already names it."""
        if self._docname(page) not in self.listed():
            self.link(page)
