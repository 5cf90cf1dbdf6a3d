"""Contributed images can never replace a LaTeX support file.

Sphinx's LaTeX builder copies every local image into the LaTeX folder under
the image's own file name, *after* its support files (``sphinx.sty``,
``latexmkrc``, ``Makefile``, ...), so an "image" called ``latexmkrc`` would
replace a Perl file that latexmk runs. The file name also ends up inside TeX
code (``\\sphinxincludegraphics{{name}.png}``). For untrusted sources:

* an image that LaTeX cannot include as a picture (anything but PNG, JPEG and
  PDF) gets one located ``kb.latex`` warning and is left out of the PDF;
* every image reaches the LaTeX folder under a name of our making
  (``kbimg<n>-<letters, digits, dashes>.<ext>``), so it cannot collide with a
  support file, another output or carry TeX markup;
* when the build finishes, the support files are compared with what Sphinx
  wrote before any image was copied; a changed one is warned about and
  written again from Sphinx's templates.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path, PurePosixPath
from typing import Any, cast
from weakref import WeakKeyDictionary

import sphinx
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.builders.latex import LaTeXBuilder
from sphinx.transforms.post_transforms import SphinxPostTransform

from .i18n import _
from .report import warn
from .safety import trusted

#: what \includegraphics takes with pdfLaTeX, XeLaTeX and LuaLaTeX
PRINTABLE_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".pdf")
SAFE_IMAGE_NAME = re.compile(r"^kbimg\d+-[A-Za-z0-9-]*\.(png|jpg|jpeg|pdf)$")

#: Per build (builder): support file name -> digest, once they are written.
_support_digests: WeakKeyDictionary[Builder, dict[str, str]] = WeakKeyDictionary()


def _latex_builder(app: Sphinx) -> LaTeXBuilder | None:
    """The build's builder when it writes LaTeX (Sphinx's or a subclass)."""
    if getattr(app.builder, "format", None) == "latex":
        return cast(LaTeXBuilder, app.builder)
    return None


class RefuseUnprintableImages(SphinxPostTransform):
    """Leave images LaTeX cannot include out of the PDF, with a warning."""

    builders = ("latex",)
    default_priority = 200  # after Sphinx's image converters (150)

    def run(self, **kwargs: Any) -> None:
        if trusted(self.config):
            return
        for image in list(self.document.findall(nodes.image)):
            uri = image.get("uri", "")
            if "://" in uri or uri.startswith("data:"):
                continue  # remote: the LaTeX writer leaves it out by itself
            if "*" not in image.get("candidates", {}):
                continue  # "name.*": Sphinx picks a PNG, JPEG or PDF candidate
            if PurePosixPath(uri).suffix.lower() in PRINTABLE_IMAGE_SUFFIXES:
                continue
            name = PurePosixPath(uri).name[:60]
            message = _(
                "image %r is left out of the PDF: only PNG, JPEG and PDF images "
                "can be printed; convert it to one of those"
            ) % name
            warn(self.env, "latex", message, image)
            image.parent.remove(image)


class SafeImageNames(dict[str, str]):
    """``builder.images``: source image -> a file name of our making.

    Both the copy step and the LaTeX writer read the name from here."""

    def __setitem__(self, key: str, value: str) -> None:
        if key in self:
            return
        path = PurePosixPath(value)
        stem = re.sub(r"[^A-Za-z0-9]+", "-", path.stem).strip("-")[:40]
        suffix = path.suffix.lower()
        if suffix not in PRINTABLE_IMAGE_SUFFIXES:
            suffix = ".png"  # never a TeX, rc or make file
        super().__setitem__(key, f"kbimg{len(self) + 1}-{stem}{suffix}")


def _support_names(app: Sphinx) -> set[str]:
    """The files Sphinx's LaTeX builder writes itself, before images."""
    texinputs = Path(sphinx.package_dir) / "texinputs"
    names = {
        p.name.removesuffix(".jinja") for p in texinputs.iterdir() if not p.name.startswith(".")
    }
    names.add("sphinxhighlight.sty")
    names.update(Path(f).name for f in app.config.latex_additional_files)
    return names


def _digest(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def install_safe_names(app: Sphinx) -> None:
    """builder-inited: LaTeX images get names of our making."""
    builder = _latex_builder(app)
    if builder is not None and not trusted(app.config):
        builder.images = SafeImageNames()


def snapshot_support_files(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """doctree-resolved: note the support files once they are written."""
    builder = _latex_builder(app)
    if builder is None or trusted(app.config) or builder in _support_digests:
        return
    outdir = Path(builder.outdir)
    _support_digests[builder] = {
        name: _digest(outdir / name)
        for name in sorted(_support_names(app))
        if (outdir / name).is_file()
    }


def check_support_files(app: Sphinx, exception: BaseException | None) -> None:
    """build-finished: no image replaced a support file; repair if one did."""
    builder = _latex_builder(app)
    if exception is not None or builder is None or trusted(app.config):
        return
    outdir = Path(builder.outdir)
    reserved = _support_names(app) | {"sphinxmessages.sty"}
    reserved |= {Path(entry[1]).name for entry in app.config.latex_documents}
    for source, name in sorted(builder.images.items()):
        if name in reserved or not SAFE_IMAGE_NAME.match(name):
            docnames = app.env.images.get(source, ((), ""))[0]
            location = (sorted(docnames)[0], None) if docnames else None
            message = _("image %r was not copied into the LaTeX folder under a safe name") % (
                PurePosixPath(source).name[:60]
            )
            warn(app.env, "latex", message, location)
            if name not in reserved and (outdir / name).is_file():
                (outdir / name).unlink()
    noted = _support_digests.get(builder, {})
    changed = [
        name
        for name, digest in noted.items()
        if not (outdir / name).is_file() or _digest(outdir / name) != digest
    ]
    if changed:
        message = _(
            "LaTeX support files were replaced during the build and are written again: %s"
        ) % ", ".join(changed)
        roots = [entry[0] for entry in app.config.latex_documents]
        warn(app.env, "latex", message, (roots[0] if roots else app.config.root_doc, None))
        builder.copy_support_files()
        builder.write_stylesheet()
        if app.config.latex_additional_files:
            builder.copy_latex_additional_files()


def setup_latexsafety(app: Sphinx) -> None:
    """Register the image checks of LaTeX builds."""
    app.add_post_transform(RefuseUnprintableImages)
    app.connect("builder-inited", install_safe_names)
    app.connect("doctree-resolved", snapshot_support_files)
    app.connect("build-finished", check_support_files)
