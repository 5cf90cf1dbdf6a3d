"""Checks of directive options against the object model.

Pure functions: they take raw option strings and return cleaned values plus
a list of problems; the directive turns problems into located warnings.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import assert_never
from urllib.parse import urlsplit

from slugify import slugify
from sphinx.config import Config

from .aswritten import split_written, written_target
from .datamodel import INFERRED_DUTCH, INFERRED_OPTION, FieldValue
from .i18n import _
from .model import (
    DATE_RE,
    HIERARCHICAL_SCHEMES,
    ID_RE,
    YEAR_RE,
    Field,
    ObjectType,
    choices,
    url_schemes,
)
from .report import hinted


@dataclass(frozen=True)
class Problem:
    """A broken rule: ``subtype`` becomes the warning's ``kb.<subtype>``."""

    subtype: str
    option: str | None
    message: str
    #: The field concerned, also when the problem sits on the directive line.
    field: str | None = None
    #: A name written where an id belongs (``Raf Janssen``): whether its id
    #: exists is only known once every page is read (``domain.note_name``).
    name: str | None = None


def suggest_id(text: str) -> str:
    """The id a volunteer most likely meant: ``René Gabriëls`` -> ``rene-gabriels``."""
    return slugify(text, lowercase=True)


def closest(word: str, candidates: list[str] | tuple[str, ...]) -> str | None:
    """The candidate most similar to ``word``, if any is reasonably close."""
    matches = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return matches[0] if matches else None


def edit_distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap two neighbours) from ``a`` to ``b``."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return prev[-1]


_YEAR_PREFIX = re.compile(r"^[0-9]{4}-")


def close_id(word: str, candidates: Iterable[str]) -> str | None:
    """The existing id ``word`` is most likely a typo of, if any.

    Stricter than :func:`closest`: an id names one person or thing, so a
    suggestion must be a small slip (about one edit per six characters, or
    the same id without its year), never a different name that shares a
    surname (``jan-jansen`` is not ``raf-janssen``)."""
    allowed = max(1, len(word) // 6)
    best: tuple[int, str] | None = None
    for candidate in sorted(set(candidates)):
        if _YEAR_PREFIX.sub("", candidate) == word or _YEAR_PREFIX.sub("", word) == candidate:
            distance = 1
        else:
            if abs(len(candidate) - len(word)) > allowed:
                continue
            distance = edit_distance(word, candidate)
        if distance <= allowed and (best is None or distance < best[0]):
            best = (distance, candidate)
    return best[1] if best else None


def id_for_name(name: str) -> str:
    """The id ``alliantie-kb nieuw`` would give ``name`` ("" if none can be made)."""
    from .cli.errors import CliError
    from .cli.inputs import id_from_name

    try:
        return id_from_name(name)
    except CliError:
        return ""


def name_for_id(objid: str) -> str:
    """A name to pass to ``alliantie-kb nieuw`` for a missing id:
    ``jan-jansen`` -> ``Jan Jansen``, ``2013-armoede-en-werk`` -> ``Armoede en werk``."""
    words = _YEAR_PREFIX.sub("", objid).split("-")
    if not _YEAR_PREFIX.match(objid):
        return " ".join(w.capitalize() if len(w) > 2 else w for w in words)
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def split_list(value: str) -> list[str]:
    """The non-empty items of a comma-separated option."""
    return [item.strip() for item in value.split(",") if item.strip()]


def check_id(raw: str) -> Problem | None:
    """A problem when ``raw`` is not a valid object id."""
    if ID_RE.match(raw):
        return None
    hint = suggest_id(raw)
    if hint:
        msg = _("invalid id %r: use lowercase letters, digits and hyphens (e.g. %r)") % (
            raw,
            hint,
        )
    else:
        msg = _("invalid id %r: use lowercase letters, digits and hyphens") % raw
    return Problem("id", None, msg)


def _other_digits(f: Field, value: str) -> Problem | None:
    """A year or date written with digits other than 0-9 (``٢٠١٣``, ``２０１３``)."""
    if not any(c.isdigit() and not ("0" <= c <= "9") for c in value):
        return None
    example = "2013" if f.kind == "year" else "2012-10-05"
    return Problem(
        "field",
        f.name,
        _("option :%s: has %r, written with digits other than 0-9; write it with 0-9, e.g. %s")
        % (f.name, value, example),
    )


def _check_value(
    f: Field, value: str, config: Config | None = None
) -> tuple[FieldValue | None, Problem | None]:
    """Validate one non-empty option value; return the cleaned value or a problem.

    ``config`` (the build's) gives the vocabularies and URL schemes; without
    it, the defaults."""
    if f.kind in ("date", "year"):
        other = _other_digits(f, value)
        if other:
            return None, other
    if f.kind == "text":
        return value, None
    if f.kind == "list":
        return split_list(value), None
    if f.kind == "date":
        try:
            if not DATE_RE.match(value):
                raise ValueError(value)
            dt.date.fromisoformat(value)
        except ValueError:
            return None, Problem(
                "field",
                f.name,
                _("option :%s: has an invalid date %r (write YYYY-MM-DD, e.g. 2012-10-05)")
                % (f.name, value),
            )
        return value, None
    if f.kind == "year":
        if not YEAR_RE.match(value):
            return None, Problem(
                "field",
                f.name,
                _("option :%s: must be a year of four digits, not %r") % (f.name, value),
            )
        return value, None
    if f.kind == "url":
        schemes = url_schemes(config)
        parts = urlsplit(value)
        scheme = parts.scheme.lower()
        if scheme in HIERARCHICAL_SCHEMES:
            ok = scheme in schemes and bool(parts.netloc)
        else:
            ok = scheme in schemes and bool(parts.path or parts.netloc)
        if not ok or any(c in value for c in " \t\r\n\"'<>"):
            return None, Problem(
                "field",
                f.name,
                _("option :%s: refuses the link %r (allowed: an address starting with %s)")
                % (f.name, value, ", ".join(s + ":" for s in schemes)),
            )
        return value, None
    if f.kind == "choice":
        allowed = choices(f, config)
        if value not in allowed:
            near = closest(value.lower(), allowed)
            msg = _("option :%s: does not allow %r (allowed: %s)") % (
                f.name,
                value,
                ", ".join(allowed),
            )
            if near:
                msg = hinted(msg, _("did you mean %r?") % near)
            return None, Problem("field", f.name, msg)
        return value, None
    if f.kind == "ref":
        items = [split_written(i)[0] for i in split_list(value)]
        if len(items) != 1:
            return None, Problem(
                "field", f.name, _("option :%s: takes exactly one id, not %r") % (f.name, value)
            )
        bad = _bad_id(f, items[0])
        return (None, bad) if bad else (items[0], None)
    if f.kind == "refs":
        # one id written twice as the article words it ("de (in)formateur(s)
        # <de-overheid>, de heren Bos en Kamp <de-overheid>") is one value
        items = list(dict.fromkeys(split_written(i)[0] for i in split_list(value)))
        for item in items:
            bad = _bad_id(f, item)
            if bad:
                return None, bad
        return items, None
    if f.kind == "ref-or-text":
        for item in split_list(value):
            # ``text <id>`` names an object: its id must be one, as in "refs"
            inside = written_target(item)
            if inside == "":
                msg = _("option :%s: %r has no id between its angle brackets") % (f.name, item)
                return None, Problem("field", f.name, hinted(msg, _("write it as text <id>")))
            bad = _bad_id(f, inside) if inside is not None else None
            if bad:
                return None, bad
        return list(dict.fromkeys(split_written(i)[0] for i in split_list(value))), None
    assert_never(f.kind)


def _bad_id(f: Field, item: str) -> Problem | None:
    """A problem when an item of a relation is not written as an id."""
    if ID_RE.match(item):
        return None
    return Problem(
        "field",
        f.name,
        _("option :%s: expects an id, not %r (did you mean %r?)")
        % (f.name, item, suggest_id(item)),
        field=f.name,
        name=item if id_for_name(item) else None,
    )


def check_options(
    objtype: ObjectType,
    options: Mapping[str, str | None],
    unknown: list[str],
    config: Config | None = None,
) -> tuple[dict[str, FieldValue], list[Problem]]:
    """Validate all options of one object directive.

    ``config`` is the build's configuration (vocabularies, URL schemes);
    without it the defaults apply.

    ``unknown`` lists option names the directive did not declare. Returns the
    cleaned fields (only valid, non-empty values) and every problem found, one
    problem per broken rule.
    """
    problems: list[Problem] = []
    for name in unknown:
        near = closest(name, objtype.option_names)
        msg = _("unknown option :%s: for %s") % (name, _(objtype.label).lower())
        if near and not (options.get(near) or "").strip():
            hint = _("its value is not used, so :%s: stays empty; did you mean :%s:?")
            msg = hinted(msg, hint % (near, near))
        elif near:
            msg = hinted(msg, _("its value is not used; did you mean :%s:?") % near)
        else:
            msg += " (" + _("allowed: %s") % ", ".join(objtype.field_names) + ")"
        problems.append(Problem("option", name, msg, field=near))

    fields: dict[str, FieldValue] = {}
    for f in objtype.fields:
        raw = (options.get(f.name) or "").strip()
        if not raw:
            if f.required:
                problems.append(
                    Problem(
                        "field",
                        None,
                        _("required option :%s: is missing for %s")
                        % (f.name, _(objtype.label).lower()),
                        field=f.name,
                    )
                )
            continue
        value, problem = _check_value(f, raw, config)
        if problem and problem.field is None:
            problem = Problem(problem.subtype, problem.option, problem.message, field=f.name)
        if problem:
            problems.append(problem)
        elif value is not None and value not in ([], ""):
            fields[f.name] = value
    return fields, problems


def check_inferred(
    objtype: ObjectType, raw: str, fields: Mapping[str, FieldValue]
) -> tuple[tuple[str, ...], list[Problem]]:
    """The ``:afgeleid:`` option: the names of the fields whose values are
    inferred rather than stated. Each must be a field of the type (English or
    Dutch name) that has a value; others are warned about and left out."""
    names: list[str] = []
    problems: list[Problem] = []
    option = INFERRED_OPTION
    for given in (part.strip() for part in raw.split(",")):
        if not given:
            continue
        name = objtype.option_name(given)
        if objtype.field(name) is None or name == INFERRED_OPTION:
            near = closest(name, objtype.field_names)
            msg = _(":%s: names %r, which is not a field of %s") % (
                INFERRED_DUTCH,
                given,
                _(objtype.label).lower(),
            )
            problems.append(
                Problem("field", option, hinted(msg, _("did you mean %r?") % near) if near else msg)
            )
        elif name not in fields:
            msg = _(":%s: names %r, but that field has no value here") % (INFERRED_DUTCH, given)
            problems.append(Problem("field", option, msg))
        elif name not in names:
            names.append(name)
    return tuple(names), problems
