"""Object directives: one ``ObjectDescription`` subclass per object type."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, ClassVar

from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.directives import ObjectDescription
from sphinx.util import logging

from .aswritten import written_titles
from .datamodel import INFERRED_OPTION, FieldValue
from .domain import kb_domain
from .entry_text import DropRepeatedParts, Facts, entry_line
from .i18n import _
from .model import OBJECT_TYPES, Field, ObjectType, Record
from .nodes import kb_backlinks
from .optionblock import OptionBlock, is_option_line, read_options, unclosed_fence
from .render import render_value
from .report import warn
from .scaffold_text import PLACEHOLDER
from .validation import check_id, check_inferred, check_options, suggest_id

logger = logging.getLogger(__name__)


_OPTION_LINE = re.compile(r"^\s*:([\w-]+):(?:\s|$)")


class _NoOptionSpec(dict[str, Callable[[str], Any]]):
    """An empty (so falsy) option spec: MyST and docutils then leave the
    ``:name: value`` lines to the directive, which reads them literally
    (:mod:`.optionblock`) instead of through MyST's YAML-like scanner."""


class KBObject(ObjectDescription[str]):
    """Base class; ``kb_type`` is set per subclass."""

    kb_type: ClassVar[ObjectType]
    has_content = True
    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True

    kb_fields: dict[str, FieldValue]
    kb_inferred: tuple[str, ...] = ()
    kb_written: dict[str, dict[str, str]]
    kb_block: OptionBlock

    def run(self) -> list[nodes.Node]:
        # this object's warnings go out in line order, once all are known
        # (before the body is parsed, so they also come before the body's own)
        self._pending: list[tuple[int, str, str]] | None = []
        try:
            self._check()
        finally:
            self._flush()
        return super().run()

    def _flush(self) -> None:
        pending, self._pending = self._pending or [], None
        for line, subtype, message in sorted(pending, key=lambda p: p[0]):
            self._warn_at(subtype, line, message)

    def _check(self) -> None:
        raw_id = self._read_option_block()
        self.options: dict[str, Any] = {}  # no-index and friends are not offered
        self.name = f"kb:{self.kb_type.name}"  # {spreker} is a kb:speaker everywhere after
        given = dict(self.kb_block.values)
        inferred_raw = given.pop(INFERRED_OPTION, "")
        unknown = [name for name in given if name not in self.kb_type.field_names]
        options = {k: v for k, v in given.items() if k not in unknown}
        self.kb_fields, problems = check_options(self.kb_type, options, unknown, self.config)
        self.kb_written = written_titles(self.kb_type, options)
        self.kb_inferred, inferred_problems = check_inferred(
            self.kb_type, inferred_raw, self.kb_fields
        )
        problems.extend(inferred_problems)
        title = self.kb_fields.get(self.kb_type.title_field)
        if not raw_id:
            hint = suggest_id(str(title or "")) or _("my-id")
            self._warn(
                "id",
                None,
                _("%s without an id; write its id after the directive name, e.g. %r")
                % (_(self.kb_type.label).lower(), hint),
            )
        else:
            problem = check_id(raw_id)
            if problem:
                self._warn(problem.subtype, None, problem.message)
        for found in self.kb_block.problems:
            self._warn_at(found.subtype, found.line, found.message)
        in_body = self._warn_options_in_body()
        domain = kb_domain(self.env)
        for problem in problems:
            if problem.field in in_body and problem.option is None:
                continue  # "required option missing": a consequence of the blank line
            if problem.name is not None:
                # whether the name's id exists is known once every page is read
                f = self.kb_type.field(problem.field or "")
                domain.note_name(
                    self.env.current_document.docname,
                    self.option_line(problem.option),
                    problem.name,
                    list(f.targets) if f else [],
                    problem.field or "",
                )
                continue
            self._warn(problem.subtype, problem.option, problem.message)
        #: fields left empty by a mistake: the page must not call the source silent
        self.kb_unset = {p.field for p in problems if p.field} - set(self.kb_fields)
        self._warn_unclosed_fence()
        self._warn_placeholder()
        self.kb_valid_id = bool(raw_id) and check_id(raw_id) is None
        self.kb_title = str(title or raw_id or _(self.kb_type.label))
        self.arguments = [raw_id or self.kb_title]

    def _read_option_block(self) -> str:
        """Read the ``:name: value`` lines into ``self.kb_block``; return the id.

        In Markdown the lines open the content; in reStructuredText (no option
        spec) docutils hands them over as the rest of the argument.
        """
        arguments: list[str] = list(self.arguments)
        head = arguments[0].splitlines() if arguments else []
        if head and not is_option_line(head[0]):
            raw_id, rst_lines = head[0].strip(), head[1:]
        else:
            raw_id, rst_lines = "", head
        if rst_lines or not self._markdown:
            self.kb_block = read_options(rst_lines, self.lineno + 1, self.kb_type.option_aliases)
            return raw_id
        content: StringList = self.content
        self.kb_block = read_options(
            list(content), self._content_line(0), self.kb_type.option_aliases
        )
        if self.kb_block.consumed:
            self.content = content[self.kb_block.consumed :]
            self.content_offset += self.kb_block.consumed
        return raw_id

    @property
    def _markdown(self) -> bool:
        """True when MyST runs this directive (content lines count from it)."""
        return type(self.state_machine).__module__.startswith("myst_parser")

    def _content_line(self, index: int) -> int:
        """Source line of ``self.content[index]`` (MyST: relative offsets)."""
        if not self._markdown:
            return self.content_offset + 1 + index
        return self.lineno + 1 + self.content_offset + index

    def _warn_options_in_body(self) -> set[str]:
        """``:date: ...`` after a blank line is body text, not an option: say so.

        Returns the option names that follow it, read as text: a "required
        option missing" for one of them is a consequence, not a second cause."""
        names: set[str] = set()
        warned = False
        for index, text in enumerate(self.content):
            if not text.strip():
                if warned:
                    break
                continue
            match = _OPTION_LINE.match(text)
            if not match:
                break
            names.add(match.group(1))
            if warned:
                continue
            warned = True
            message = (
                _(
                    "%r is read as text, not as an option: options go directly below the "
                    "first line, without a blank line in between"
                )
                % f":{match.group(1)}:"
            )
            self._warn_at("option", self._content_line(index), message)
        return names

    def _warn_placeholder(self) -> None:
        """The comment ``alliantie-kb nieuw`` puts where the description goes."""
        placeholder = PLACEHOLDER
        texts = {placeholder, str(_(placeholder))}
        for index, text in enumerate(self.content):
            line = text.strip()
            if line.startswith("%") and line[1:].strip() in texts:
                message = _(
                    "the placeholder of alliantie-kb new is still here; replace this line "
                    "with a description in your own words, with its source"
                )
                self._warn_at("placeholder", self._content_line(index), message)
                return

    def _warn_unclosed_fence(self) -> None:
        """A fence the body opens but does not close swallows what follows it."""
        found = unclosed_fence(list(self.content)) if self._markdown else None
        if found is None:
            return
        index, fence = found
        message = _(
            "the code fence %r opened here is not closed inside this %s, so what follows "
            "it is read as code; close it with %r, or put a longer fence around the "
            "object (e.g. %s)"
        ) % (
            fence,
            _(self.kb_type.label).lower(),
            fence,
            self._longer_fence(fence) + "{" + self.kb_type.name + "}",
        )
        self._warn_at("fence", self._content_line(index), message)

    def _longer_fence(self, inner: str) -> str:
        """A fence for this object longer than ``inner`` (same character as its own)."""
        outer = re.match(r"`{3,}|~{3,}|:{3,}", self.block_text)
        char = outer.group()[0] if outer else inner[0]
        length = max(len(outer.group()) if outer else 3, len(inner)) + 1
        return char * length

    # -- locations ---------------------------------------------------------

    def option_line(self, name: str | None) -> int:
        """Source line of ``:name:`` in this directive (its first line if unknown)."""
        block: OptionBlock | None = getattr(self, "kb_block", None)
        if name and block is not None and name in block.lines:
            return block.lines[name]
        return self.lineno

    def _warn(self, subtype: str, option: str | None, message: str) -> None:
        self._warn_at(subtype, self.option_line(option), message)

    def _warn_at(self, subtype: str, line: int, message: str) -> None:
        pending = getattr(self, "_pending", None)
        if pending is not None:
            pending.append((line, subtype, message))
            return
        warn(self.env, subtype, message, (self.env.current_document.docname, line))

    # -- ObjectDescription hooks ---------------------------------------------

    def get_signatures(self) -> list[str]:
        return self.arguments[:1]

    def handle_signature(self, sig: str, signode: addnodes.desc_signature) -> str:
        label = _(self.kb_type.label)
        if not self.kb_title.casefold().startswith(label.casefold()):
            # no "Alliantiedag Alliantiedag Drachten"
            signode += addnodes.desc_annotation(label, label, classes=["kb-type"])
            signode += addnodes.desc_sig_space()
        signode += addnodes.desc_name(self.kb_title, self.kb_title)
        if not self.kb_valid_id:
            raise ValueError(sig)  # rendered, but neither a target nor an index entry
        return sig

    def _object_hierarchy_parts(self, sig_node: addnodes.desc_signature) -> tuple[str, ...]:
        return (self.arguments[0],)

    def _toc_entry_name(self, sig_node: addnodes.desc_signature) -> str:
        return self.kb_title if self.kb_valid_id else ""

    def add_target_and_index(self, name: str, sig: str, signode: addnodes.desc_signature) -> None:
        anchor = f"{self.kb_type.anchor_prefix}-{name}"
        signode["ids"].append(anchor)
        docname = self.env.current_document.docname
        kb_domain(self.env).note_object(
            Record(
                id=name,
                type=self.kb_type.name,
                title=self.kb_title,
                docname=docname,
                anchor=anchor,
                lineno=self.lineno,
                # last source line (MyST: the closing fence), for the preview
                end=self.lineno + len(self.block_text.splitlines()),
                fields=self.kb_fields,
                lines=dict(self.kb_block.lines),
                inferred=self.kb_inferred,
                written=self.kb_written,
            )
        )
        label = _(self.kb_type.label)
        entries = self.indexnode["entries"]
        entries.append(("single", f"{self.kb_title}; {label}", anchor, "", None))
        alias_field = self.kb_type.alias_field
        aliases = self.kb_fields.get(alias_field, []) if alias_field else []
        for alias in [aliases] if isinstance(aliases, str) else aliases:
            entries.append(("see", f"{alias}; {self.kb_title}", anchor, "", None))

    def transform_content(self, content_node: addnodes.desc_content) -> None:
        # the opening line, then the details; data, not prose: no smart quotes
        objid = self.arguments[0] if self.kb_valid_id else None
        line = entry_line(self.kb_type, self.kb_fields, self.kb_inferred, self.render_value, objid)
        facts = Facts(
            self.kb_type, self.kb_fields, self.kb_inferred, self.kb_unset, self.render_value
        )
        details = facts.field_list(("details", "line"), blank_only=("line",))
        hidden = facts.field_list(("hidden",))
        head: list[nodes.Node] = [n for n in (line, details) if n is not None]
        if hidden is not None:
            # internal values say nothing on screen; the printed book keeps them
            head.append(addnodes.only("", hidden, expr="latex"))
        content_node[0:0] = head
        if objid is not None:
            anchor = f"{self.kb_type.anchor_prefix}-{objid}"
            content_node += kb_backlinks(objid=objid, anchor=anchor)

    def render_value(self, f: Field, value: FieldValue) -> list[nodes.Node]:
        """Nodes showing one of this object's field values."""
        source, _line = self.get_source_info()
        return render_value(
            f,
            value,
            docname=self.env.current_document.docname,
            language=self.config.language,
            source=source,
            line=self.option_line(f.name),
            config=self.config,
            written=self.kb_written.get(f.name),
        )


def _directive_for(objtype: ObjectType) -> type[KBObject]:
    """The directive class of one object type."""
    return type(
        f"KB_{objtype.name}",
        (KBObject,),
        {"kb_type": objtype, "option_spec": _NoOptionSpec()},
    )


def setup_directives(app: Sphinx) -> None:
    """Register each type's directive under its English and Dutch names, and
    the transform that tidies the opening lines of their entries."""
    app.add_post_transform(DropRepeatedParts)
    for objtype in OBJECT_TYPES.values():
        directive = _directive_for(objtype)
        for name in (objtype.name, *objtype.dutch_names):
            app.add_directive_to_domain("kb", name, directive)
