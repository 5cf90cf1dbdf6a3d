"""Snapshots: a whole resolved page and a diagram's DOT, so a rendering change is a reviewed diff.

``tests/roots/test-snapshot/dag.md`` holds an object of every type, a listing
grouped by a field, backlinks (from the same page and from ``index.md``) and a
diagram. The test builds it and compares, with the files in ``tests/snapshots/``:

- ``dag.doctree.txt``: the resolved doctree of ``dag`` exactly as the HTML
  writer gets it (``doctree-resolved``, after every post-transform), as
  docutils pseudo-XML;
- ``dag.diagram.dot``: the DOT code of the page's diagram (the ``code`` of its
  ``graphviz`` node), which is what Graphviz draws.

To accept an intended change, run
``python -m pytest tests/test_snapshot.py --update-snapshots`` and review the
diff of ``tests/snapshots/`` before committing it. A missing snapshot file is
written and the test fails once, so a new snapshot is always looked at.

The pseudo-XML is normalised so that it reads the same on Sphinx 8.2
(docutils 0.21) and 9.x (docutils 0.22): the source path is relative to the
project, boolean attributes are written 1/0 (docutils 0.22 does so, 0.21
writes True/False), and the bookkeeping attributes Sphinx itself puts on every
object description (``no-index``, ``_toc_parts``, ...) are left out: they are
Sphinx's, not this extension's rendering.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docutils import nodes
from sphinx.ext.graphviz import graphviz

from conftest import BuildEvents, all_warning_lines, build, copy_root

#: Attributes Sphinx sets on every object description or document; they vary
#: between Sphinx versions and say nothing about this extension's output.
SPHINX_BOOKKEEPING = {
    "no-contents-entry",
    "no-index",
    "no-index-entry",
    "no-typesetting",
    "nocontentsentry",
    "noindex",
    "noindexentry",
    "translation_progress",
    "_toc_name",
    "_toc_parts",
}


def normalised(doctree: nodes.document, srcdir: Path) -> str:
    """Pseudo-XML of a copy of ``doctree`` that is the same on every supported version."""
    tree = doctree.deepcopy()
    for node in tree.findall(nodes.Element):
        for name in SPHINX_BOOKKEEPING & set(node.attributes):
            del node.attributes[name]
        for name, value in node.attributes.items():
            if isinstance(value, bool):
                node.attributes[name] = int(value)
    source = Path(tree["source"])
    tree["source"] = source.relative_to(srcdir).as_posix()
    return tree.pformat()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    src = copy_root("snapshot", tmp_path_factory.mktemp("snapshot") / "src")
    events = BuildEvents(keep=frozenset({"dag"}))
    app = build(src, freshenv=True, events=events, confoverrides={"nitpicky": True})
    assert all_warning_lines(app.warning.getvalue()) == []
    return src, events.resolved["dag"]


def test_resolved_doctree_of_a_page_with_every_view(built, file_snapshot):
    src, doctree = built
    # the page really holds what the snapshot is meant to guard
    assert {n["objtype"] for n in doctree.findall(nodes.Element) if n.tagname == "desc"} == {
        "event", "speaker", "talk", "workshop", "recommendation", "organisation",
    }  # fmt: skip
    assert any("kb-backlinks" in n["classes"] for n in doctree.findall(nodes.paragraph))
    assert list(doctree.findall(nodes.table)), "the listing became a table"
    file_snapshot("dag.doctree.txt", normalised(doctree, src))


def test_dot_code_of_a_diagram(built, file_snapshot):
    _src, doctree = built
    (diagram,) = doctree.findall(graphviz)
    file_snapshot("dag.diagram.dot", diagram["code"])
