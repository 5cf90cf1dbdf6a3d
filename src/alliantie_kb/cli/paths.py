"""Where the project is, and where the command may write.

The project is found from where the command runs: walking up from the
current folder to the first folder with a ``conf.py`` (the Makefile's
``sphinx-build -c .``), or one with ``docs/conf.py``. The sources are
``docs/`` next to ``conf.py`` when it exists, else the folder of ``conf.py``
itself. ``--conf`` and ``--bron`` override either.

Every page the command writes must be a ``.md`` file inside the source
folder, after resolving ``..`` and symbolic links, and outside folders that
Sphinx does not read as pages (``_static``, ``_templates``, ``.git``, ...).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..i18n import _
from .errors import CliError, show
from .language import option_word


@dataclass(frozen=True)
class Project:
    """The folder holding ``conf.py``, the sources and the build folder (all absolute)."""

    conf: Path
    src: Path
    build: Path


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _sources_next_to(conf: Path) -> Path:
    docs = conf / "docs"
    return docs if docs.is_dir() else conf


def _find_conf(start: Path) -> tuple[Path, Path | None] | None:
    """Walk up from ``start``: (folder of conf.py, sources if implied by the layout)."""
    for folder in (start, *start.parents):
        if (folder / "conf.py").is_file():
            return folder, None
        if (folder / "docs" / "conf.py").is_file():
            return folder / "docs", folder / "docs"
    return None


def find_project(cwd: Path, *, conf: Path | None, bron: Path | None, bouw: Path | None) -> Project:
    """The project the command works on, or a refusal (in Dutch: no project yet)."""
    cwd = cwd.absolute()
    src: Path | None = None
    if conf is not None:
        conf = cwd / conf
        if conf.name == "conf.py" and conf.is_file():
            conf = conf.parent
        if not (conf / "conf.py").is_file():
            raise CliError(
                _("no conf.py in %s; give the folder with conf.py to --conf") % show(conf)
            )
    if bron is not None:
        src = cwd / bron
        if not src.is_dir():
            raise CliError(
                _("the source folder %(folder)s does not exist; "
                  "give the folder with the pages to %(option)s")
                % {"folder": show(src), "option": option_word("--bron")}
            )
    if conf is None:
        found = _find_conf(src if src is not None else cwd)
        if found is None:
            where = src if src is not None else cwd
            raise CliError(
                _("no conf.py found in %s or above; "
                  "go to the folder of the project or give --conf") % show(where)
            )
        conf, implied = found
        src = src or implied
    if src is None:
        src = _sources_next_to(conf)
    build = cwd / bouw if bouw is not None else conf / "_build"
    return Project(conf=_real(conf), src=_real(src), build=build.absolute())


def inside(folder: Path, path: Path) -> bool:
    """True if the real ``path`` lies in the real ``folder``."""
    real, root = _real(path), _real(folder)
    return real == root or root in real.parents


def page_path(src: Path, path: Path, *, option: str = "--bestand") -> Path:
    """The real path of a page the command may write, or a refusal."""
    real = _real(path)
    root = _real(src)
    if root not in real.parents:
        raise CliError(
            _("%(option)s %(path)s lies outside the source folder %(folder)s; "
              "choose a .md file in that folder")
            % {"option": option_word(option), "path": show(path), "folder": show(root)}
        )
    if path.suffix != ".md" or real.suffix != ".md":
        raise CliError(
            _("%(option)s %(path)s is not a page; write only into a .md file "
              "in the source folder (not into conf.py, .bib, .py or other files)")
            % {"option": option_word(option), "path": show(path)}
        )
    hidden = [p for p in real.relative_to(root).parts[:-1] if p.startswith(("_", "."))]
    if hidden or real.name.startswith(("_", ".")):
        raise CliError(
            _("%(option)s %(path)s lies in a folder that Sphinx does not read as pages "
              "(%(hidden)s); choose an ordinary folder")
            % {"option": option_word(option), "path": show(path),
               "hidden": show(hidden[0] if hidden else real.name)}
        )
    if real.is_dir():
        raise CliError(_("%(option)s %(path)s is a folder; give a .md file")
                       % {"option": option_word(option), "path": show(path)})
    if real.exists() and not real.is_file():
        raise CliError(_("%(option)s %(path)s is not an ordinary file; give a .md file")
                       % {"option": option_word(option), "path": show(path)})
    return real


def output_path(project: Project, path: Path, cwd: Path) -> Path:
    """Where ``export`` may write: a ``.json`` file, never over a source file.

    kb.json is output, not a source, so it may go anywhere the volunteer
    asks, and a missing folder is created (as sphinx-build does for its
    output folder). Two things would lose data: a name not ending in
    ``.json`` could overwrite conf.py, a Makefile or a page, and an existing
    file inside the sources may be one of the site's own data files.
    """
    target = cwd / path
    if target.suffix.lower() != ".json":
        raise CliError(_("%(option)s %(path)s is not a .json file; give for example kb.json")
                       % {"option": option_word("--uit"), "path": show(path)})
    real = _real(target)
    if real.is_dir():
        raise CliError(_("%(option)s %(path)s is a folder; give a file name, such as kb.json")
                       % {"option": option_word("--uit"), "path": show(path)})
    if real.exists() and inside(project.src, real):
        raise CliError(
            _("%(option)s %(path)s already exists in the source folder and would be overwritten; "
              "choose a new name or a folder outside the source folder")
            % {"option": option_word("--uit"), "path": show(path)}
        )
    return real
