"""Keep every file a source reads inside the source folder (DESIGN §5).

A contributed page may name files: ``include``, ``literalinclude`` (and its
``:diff:``), ``csv-table``/``raw`` ``:file:``, ``graphviz`` with a file name,
images, figures and downloads. Each such path must resolve — symlinks
followed — inside ``app.srcdir``; otherwise the directive or node gives one
located ``kb.file`` warning and is dropped, before anything is read or
copied. Reading from a URL (``csv-table``/``raw`` ``:url:``) is refused.

Directives are checked by thin replacements registered over the originals
(they check the path, then delegate); images and downloads, which MyST also
makes without a directive, are checked by a read-time transform, which runs
before Sphinx's collectors copy them into ``_images/`` and ``_downloads/``.
All of this is off with ``kb_trusted_sources = True``.
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar, Protocol

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from docutils.parsers.rst.directives.misc import Include as DocutilsInclude
from docutils.parsers.rst.directives.misc import Raw
from docutils.parsers.rst.states import RSTState
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.directives.code import LiteralInclude
from sphinx.directives.other import Include as SphinxInclude
from sphinx.directives.patches import CSVTable
from sphinx.environment import BuildEnvironment
from sphinx.ext.graphviz import Graphviz
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from .i18n import _
from .report import warn
from .safety import trusted


class Checked(Protocol):
    """What a check reads of a directive (docutils' or Sphinx's)."""

    name: str
    arguments: list[str]
    options: dict[str, Any]
    content: StringList
    state: RSTState

    @property
    def env(self) -> BuildEnvironment: ...


#: A directive check: the warning to give (the directive is then dropped), or None.
Check = Callable[[Checked], "str | None"]


def inside(root: str | os.PathLike[str], path: str | os.PathLike[str]) -> bool:
    """True when ``path``, symlinks resolved, lies within ``root``.

    A path that cannot be resolved (a symlink loop, a NUL byte) is not."""
    try:
        resolved = Path(path).resolve()
        # a symlink loop raises only in strict mode on Python 3.13+: resolve
        # the part of the path that exists strictly
        probe = Path(path)
        while not os.path.lexists(probe) and probe != probe.parent:
            probe = probe.parent
        probe.resolve(strict=True)
        return resolved.is_relative_to(Path(root).resolve())
    except (OSError, RuntimeError, ValueError):
        return False


def _short(path: str) -> str:
    """A path cut to 80 characters for a warning."""
    return path if len(path) <= 80 else path[:77] + "..."


def outside_message(path: str) -> str:
    """The warning for a file that lies outside the source folder."""
    return _(
        "file %r lies outside the source folder and is not used; "
        "put the file in the docs/ folder and refer to it relatively"
    ) % _short(path)


#: ``file:``, ``http:`` ... (two letters at least: ``C:`` is a drive), or a
#: home folder (``~``, ``~user``): never a file of the sources
_FOREIGN = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]+:|~)")


def _sphinx_path_inside(env: BuildEnvironment, value: str) -> bool:
    """A Sphinx path (``/`` = source folder), read as ``env.relfn2path`` does."""
    if _FOREIGN.match(value):
        return False
    try:
        _rel, full = env.relfn2path(value, env.docname)
    except (OSError, RuntimeError, ValueError):  # resolve(): symlink loop, NUL byte
        return False
    return inside(env.srcdir, full)


def _docutils_path_inside(directive: Checked, value: str) -> bool:
    """A docutils path: relative to the current file, absolute as it stands.

    Sphinx's csv-table reads a leading ``/`` from the source folder when no
    such absolute file exists; both readings are checked."""
    env = directive.env
    if _FOREIGN.match(value):
        return False
    source = directive.state.document.current_source or str(env.doc2path(env.docname))
    candidates = [os.path.join(os.path.dirname(os.path.abspath(source)), value)]
    if value.startswith(("/", os.sep)):
        candidates.append(os.path.join(env.srcdir, value.lstrip("/" + os.sep)))
    return all(inside(env.srcdir, c) for c in candidates)


def _check_include(directive: Checked) -> str | None:
    """``include``: a Sphinx path, or one of docutils' standard files."""
    value = "".join(part.strip() for part in directive.arguments[0].splitlines())
    if value.startswith("<") and value.endswith(">"):
        # docutils' own "standard" includes (<isonum.txt>), confined to their folder
        standard = DocutilsInclude.standard_include_path
        if inside(standard, os.path.join(standard, value[1:-1])):
            return None
        return outside_message(value)
    return None if _sphinx_path_inside(directive.env, value) else outside_message(value)


def _check_literalinclude(directive: Checked) -> str | None:
    """``literalinclude``: the file and its ``:diff:`` file."""
    for value in (directive.arguments[0], directive.options.get("diff")):
        if value and not _sphinx_path_inside(directive.env, value):
            return outside_message(value)
    return None


def _check_file_option(directive: Checked) -> str | None:
    """``csv-table`` and ``raw``: ``:file:`` confined, ``:url:`` refused."""
    if "url" in directive.options:
        return _(
            "%s: reading a file from a URL (%r) is not allowed; "
            "put the file in the docs/ folder and refer to it relatively"
        ) % (directive.name, _short(directive.options["url"]))
    value = directive.options.get("file")
    if value and not _docutils_path_inside(directive, value):
        return outside_message(value)
    return None


#: dot attributes that make Graphviz read a file (pictures, shapes, fonts,
#: style sheets), as attribute or as an HTML-like label's <IMG SRC=...>
_DOT_READS = re.compile(
    r"\b(image|shapefile|imagepath|fontpath|stylesheet)\s*=|<\s*(img)\b", re.IGNORECASE
)


def _check_graphviz(directive: Checked) -> str | None:
    """``graphviz``: the dot file, or attributes that read files."""
    if directive.arguments:
        value = directive.arguments[0]
        return None if _sphinx_path_inside(directive.env, value) else outside_message(value)
    found = _DOT_READS.search("\n".join(directive.content))
    if found is None:
        return None
    return _(
        "graphviz: %r makes Graphviz read a file and is not allowed; "
        "put the picture in the docs/ folder and show it with an image"
    ) % (found.group(1) or found.group(2))


class _Guard(Directive):
    """Mixin: run the check before the directive reads anything."""

    kb_check: ClassVar[Check]

    @property
    def env(self) -> BuildEnvironment:
        """The build environment (docutils' own directives lack ``env``)."""
        env: BuildEnvironment = self.state.document.settings.env
        return env

    def run(self) -> Sequence[nodes.Node]:
        if not trusted(self.env.config):
            message = type(self).kb_check(self)
            if message is not None:
                warn(self.env, "file", message, (self.env.docname, self.lineno))
                return []
        return super().run()


def guarded(base: type[Directive], check: Check) -> type[Directive]:
    """``base`` with ``check`` applied before it runs."""
    return type(f"Confined{base.__name__}", (_Guard, base), {"kb_check": staticmethod(check)})


class ConfinedInclude(SphinxDirective):
    """``include``, checked, for reStructuredText and for MyST.

    Not a subclass of docutils' Include on purpose: MyST hands Include
    subclasses to its own reader without running them, so the check would
    be skipped. After the check this delegates to the reader each parser
    uses."""

    required_arguments = 1
    optional_arguments = 0
    final_argument_whitespace = True
    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        **(SphinxInclude.option_spec or {}),
        # MyST's own include options (relative links, heading levels)
        "relative-images": directives.flag,
        "relative-docs": directives.path,
        "heading-offset": directives.nonnegative_int,
    }

    def run(self) -> list[nodes.Node]:
        if not trusted(self.config):
            message = _check_include(self)
            if message is not None:
                warn(self.env, "file", message, (self.env.docname, self.lineno))
                return []
        renderer = getattr(self.state, "_renderer", None)
        if renderer is not None:  # MyST's mocked state
            from myst_parser.mocking import MockIncludeDirective

            mock = MockIncludeDirective(
                renderer,
                name=self.name,
                klass=SphinxInclude,
                arguments=self.arguments,
                options=self.options,
                body=list(self.content),
                lineno=self.lineno,
            )
            return list(mock.run())
        include = SphinxInclude(
            self.name,
            self.arguments,
            self.options,
            self.content,
            self.lineno,
            self.content_offset,
            self.block_text,
            self.state,
            self.state_machine,
        )
        return list(include.run())


def _local_file(uri: str) -> bool:
    """A file on this machine (``file:`` URLs included), not a web address."""
    if not uri or uri.startswith("data:"):
        return False
    return uri.lower().startswith("file:") or "://" not in uri


class ConfineFileNodes(SphinxTransform):
    """Drop images and downloads whose file lies outside the source folder.

    A read-time transform: it runs before ``doctree-read``, where Sphinx's
    image and download collectors note the files they later copy."""

    default_priority = 90

    def apply(self, **kwargs: Any) -> None:
        if trusted(self.config):
            return
        for image in list(self.document.findall(nodes.image)):
            uri = image.get("uri", "")
            if _local_file(uri) and not self._image_inside(uri):
                warn(self.env, "file", outside_message(uri), image)
                self._drop(image)
        for ref in list(self.document.findall(addnodes.download_reference)):
            target = ref.get("reftarget", "")
            if _local_file(target) and not _sphinx_path_inside(self.env, target):
                warn(self.env, "file", outside_message(target), ref)
                ref.replace_self(nodes.inline(ref.astext(), ref.astext()))

    def _image_inside(self, uri: str) -> bool:
        """The image's file, and every file ``name.*`` may pick, is inside."""
        if not _sphinx_path_inside(self.env, uri):
            return False
        # "picture.*" lets Sphinx pick any match: every match must be inside
        _rel, full = self.env.relfn2path(uri, self.env.docname)
        return all(inside(self.env.srcdir, match) for match in glob.glob(full))

    @staticmethod
    def _drop(image: nodes.Element) -> None:
        """Remove an image, and the link around it when it held only the image."""
        parent = image.parent
        image.parent.remove(image)
        if isinstance(parent, nodes.reference) and not parent.children:
            parent.parent.remove(parent)


def setup_confine(app: Sphinx) -> None:
    """Register the checked directives and the image/download transform."""
    app.setup_extension("sphinx.ext.graphviz")  # before its directive is replaced
    app.add_directive("include", ConfinedInclude, override=True)
    for name, base, check in (
        ("literalinclude", LiteralInclude, _check_literalinclude),
        ("csv-table", CSVTable, _check_file_option),
        ("raw", Raw, _check_file_option),
        ("graphviz", Graphviz, _check_graphviz),
    ):
        app.add_directive(name, guarded(base, check), override=True)
    app.add_transform(ConfineFileNodes)
