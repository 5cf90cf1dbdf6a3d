"""Looking an object up while pages are read (issue 17).

Directives and the incremental collector look ids up while the pages are
read, right after objects are noted. Rebuilding the whole index for each of
those lookups made reading grow with the square of the objects (11 of 134 s
at 300 pages). The id lookup is now kept up to date as objects are noted and
pages cleared; it must still name the same first definition as the full
index, also for ids defined twice, after incremental builds.
"""

from __future__ import annotations

from alliantie_kb.domain import KnowledgeBaseDomain, kb_domain

from conftest import EXTRA_PAGES, add_pages, build, copy_root, replace


def count_rebuilds(monkeypatch) -> dict[str, int]:
    """Count every build of an id index from all objects (either index)."""
    counts = {"rebuilds": 0}
    originals = {
        name: getattr(KnowledgeBaseDomain, name)
        for name in ("_index", "_first_index")
        if hasattr(KnowledgeBaseDomain, name)
    }
    caches = {"_index": "_by_id", "_first_index": "_first"}

    def spy(name):
        def wrapped(self):
            if getattr(self, caches[name], None) is None:
                counts["rebuilds"] += 1
            return originals[name](self)

        return wrapped

    for name in originals:
        monkeypatch.setattr(KnowledgeBaseDomain, name, spy(name))
    return counts


def test_lookups_while_reading_do_not_rebuild_the_index_per_page(tmp_path, monkeypatch):
    counts = count_rebuilds(monkeypatch)
    small = copy_root("domain", tmp_path / "small")
    build(small, freshenv=True)
    few = counts["rebuilds"]
    counts["rebuilds"] = 0
    large = copy_root("domain", tmp_path / "large")
    add_pages(large)  # twelve more pages, each with objects and lookups
    app = build(large, freshenv=True)
    objects = sum(len(recs) for recs in kb_domain(app.env).objects.values())
    assert objects >= 2 * EXTRA_PAGES
    # the same few rebuilds however many pages are read (before: one per page)
    assert counts["rebuilds"] == few, (few, counts["rebuilds"])


def test_the_first_definition_is_the_same_as_the_full_index_after_edits(tmp_path):
    src = copy_root("domain", tmp_path / "domain")
    add_pages(src)
    build(src, freshenv=True)
    # a second definition of an id on a page that sorts later, then earlier
    later = src / "extra-11.md"
    replace(later, "extra-spreker-11\n:name: Spreker 11", "extra-spreker-00\n:name: Dubbel")
    app = build(src)
    check_same(kb_domain(app.env))
    replace(later, "extra-spreker-00\n:name: Dubbel", "extra-spreker-11\n:name: Spreker 11")
    earlier = src / "extra-00.md"
    replace(earlier, ":name: Spreker 0", ":name: Spreker nul")
    app = build(src)
    domain = kb_domain(app.env)
    check_same(domain)
    assert domain.get("extra-spreker-00").title == "Spreker nul"
    assert domain.get("extra-spreker-11").title == "Spreker 11"


def check_same(domain: KnowledgeBaseDomain) -> None:
    full = {}
    for docname in sorted(domain.objects):
        for rec in domain.objects[docname]:
            full.setdefault(rec.id, rec)
    assert full
    assert all(domain.get(objid) is rec for objid, rec in full.items())
