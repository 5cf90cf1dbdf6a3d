"""Maintain the extension's Dutch message catalogue.

    python scripts/i18n.py          # extract messages, update nl .po, compile .mo
    python scripts/i18n.py --check  # exit 1 if a message is untranslated or .mo is stale

Uses Babel (a Sphinx dependency) for extraction, merging and compilation.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "alliantie_kb"
DOMAIN = "alliantie_kb"
PO = PACKAGE / "locale" / "nl" / "LC_MESSAGES" / f"{DOMAIN}.po"
MO = PO.with_suffix(".mo")
#: Hand-written Dutch strings that Sphinx's own catalogue lacks (not extracted).
SPHINX_PO = PO.with_name("sphinx.po")
#: The marking functions of ``alliantie_kb.i18n``: ``_``, ``ngettext`` (singular,
#: plural) and ``N_`` (marked here, translated where it is shown).
KEYWORDS = {"_": None, "ngettext": (1, 2), "N_": None}


def extract() -> Catalog:
    template = Catalog(project="alliantie-kb", domain=DOMAIN)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def load_po(path: Path = PO) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale="nl", domain=path.stem)


def compiled(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, catalog)
    return buf.getvalue()


def problems() -> list[str]:
    """Everything that makes the shipped catalogue disagree with the source."""
    catalog = load_po()
    found = []
    for message in extract():
        if not message.id:
            continue
        entry = catalog.get(message.id)
        strings = entry.string if entry is not None else ""
        if isinstance(strings, (list, tuple)):  # a plural: every form translated
            strings = "" if not all(strings) else strings[0]
        if entry is None or not strings or entry.fuzzy:
            found.append(f"untranslated: {message.id!r}")
    for po in (PO, SPHINX_PO):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != compiled(load_po(po)):
            found.append(f"{mo.relative_to(ROOT)} is stale: run python scripts/i18n.py")
    return found


def update() -> None:
    catalog = load_po() if PO.exists() else Catalog(locale="nl", domain=DOMAIN)
    template = extract()
    template.creation_date = catalog.creation_date  # no header churn on re-runs
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    PO.parent.mkdir(parents=True, exist_ok=True)
    with PO.open("wb") as f:
        write_po(f, catalog, width=100, omit_header=False, sort_output=True, no_location=True)
    MO.write_bytes(compiled(load_po()))
    SPHINX_PO.with_suffix(".mo").write_bytes(compiled(load_po(SPHINX_PO)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.check:
        found = problems()
        for line in found:
            print(line, file=sys.stderr)
        return 1 if found else 0
    update()
    return 0


if __name__ == "__main__":
    sys.exit(main())
