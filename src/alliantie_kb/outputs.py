"""The output folder holds what a fresh build would write, and nothing else.

An incremental build leaves behind what earlier builds wrote: the pages and
``_sources`` copies of deleted or moved documents, images and downloads no
page uses any more, diagrams whose content changed (graphviz names its files
by a hash of the content). At the end of every HTML build this removes them.

What the build should hold comes from the environment (documents, images,
downloads) and, for diagrams, from the pages themselves: the diagram files
the HTML pages use are read from them, cached in a small manifest in the
doctree folder by each file's modification time, so only pages written in
this build are read again (also when they were written in parallel).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, cast

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

BUILDERS = ("html", "dirhtml")
MANIFEST = "kb-outputs.json"
_IMAGE_REF = re.compile(r"""_images/([^"'\s?#/)<>]+)""")


#: The manifest: ``docs`` (every docname of the last build) and ``pages``
#: (page -> ``[mtime_ns, diagram files]``), as read back from JSON.
Manifest = dict[str, Any]


def _load(path: Path) -> Manifest:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        return
    parent = path.parent
    while parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent


def _images_used(
    outdir: Path, cache: dict[str, Any]
) -> tuple[set[str], dict[str, list[Any]]]:
    """Files in ``_images`` the HTML pages refer to; ``cache`` maps page -> [mtime, files]."""
    used: set[str] = set()
    new_cache: dict[str, list[Any]] = {}
    for page in outdir.rglob("*.html"):
        rel = page.relative_to(outdir).as_posix()
        if rel.startswith(("_static/", "_sources/", "_images/", "pagefind/")):
            continue
        mtime = page.stat().st_mtime_ns
        cached = cache.get(rel)
        if isinstance(cached, list) and len(cached) == 2 and cached[0] == mtime:
            files: list[str] = cached[1]
        else:
            files = sorted(set(_IMAGE_REF.findall(page.read_text("utf-8", "replace"))))
        new_cache[rel] = [mtime, files]
        used.update(files)
    return used, new_cache


def prune(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: delete outputs a fresh build would not write."""
    if exception is not None or app.builder.name not in BUILDERS:
        return
    # html and dirhtml: both are StandaloneHTMLBuilders
    builder = cast(StandaloneHTMLBuilder, app.builder)
    env = builder.env
    outdir = Path(app.outdir)
    manifest_path = Path(app.doctreedir) / MANIFEST
    old = _load(manifest_path)
    docs = set(env.all_docs)
    # pages of documents that no longer exist
    for docname in sorted(set(old.get("docs", [])) - docs):
        _remove(Path(builder.get_outfilename(docname)))
    # _sources copies of documents that no longer exist
    sources = outdir / "_sources"
    if sources.is_dir():
        suffix: str = app.config.html_sourcelink_suffix
        for path in sorted(sources.rglob("*")):
            if not path.is_file():
                continue
            rel = path.relative_to(sources).as_posix()
            name = rel.removesuffix(suffix) if suffix else rel
            if env.path2doc(str(Path(app.srcdir) / name)) not in docs:
                _remove(path)
    # images no document has and no page refers to (diagrams of older content)
    used, cache = _images_used(outdir, old.get("pages", {}))
    images = outdir / builder.imagedir
    if images.is_dir():
        keep = {Path(unique).name for _docs, unique in env.images.values()} | used
        for path in sorted(images.iterdir()):
            if path.is_file() and path.name not in keep:
                _remove(path)
    downloads = outdir / "_downloads"
    if downloads.is_dir():
        keep_dl = {Path(dest).as_posix() for _docs, dest in env.dlfiles.values()}
        for path in sorted(downloads.rglob("*")):
            if path.is_file() and path.relative_to(downloads).as_posix() not in keep_dl:
                _remove(path)
    data = {"docs": sorted(docs), "pages": cache}
    manifest_path.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")


def setup_outputs(app: Sphinx) -> None:
    """Prune the output folder at the end of an HTML build."""
    # before Pagefind (500) indexes the folder, so deleted pages are not indexed
    app.connect("build-finished", prune, priority=100)
