"""Object directives: one ``ObjectDescription`` subclass per object type."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.directives import ObjectDescription
from sphinx.util import logging

from .domain import KnowledgeBaseDomain
from .i18n import _
from .model import OBJECT_TYPES, Field, ObjectType
from .render import not_stated, render_value
from .report import warn
from .validation import check_id, check_options, suggest_id
from .views import kb_backlinks

logger = logging.getLogger(__name__)


_OPTION_LINE = re.compile(r"^\s*:([\w-]+):(?:\s|$)")


class _Unknown(str):
    """Value of an option the directive does not declare (reported in ``run``)."""


def _unknown(value: str | None) -> _Unknown:
    return _Unknown(value or "")


class _OptionSpec(dict):
    """Accepts every option name, so that a misspelled option becomes our own
    located ``kb.option`` warning with a suggestion instead of a generic
    parser error that drops the whole object."""

    def __missing__(self, key: str):
        return _unknown


def _keep(value: str | None) -> str:
    return value or ""


class KBObject(ObjectDescription[str]):
    """Base class; ``kb_type`` is set per subclass."""

    kb_type: ClassVar[ObjectType]
    has_content = True
    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True

    kb_fields: dict[str, Any]

    def run(self) -> list[nodes.Node]:
        given: dict[str, Any] = dict(self.options)  # type: ignore[has-type]
        unknown = [k for k, v in given.items() if isinstance(v, _Unknown)]
        options = {k: v for k, v in given.items() if not isinstance(v, _Unknown)}
        self.options: dict[str, Any] = {}  # no-index and friends are not offered
        self.kb_fields, problems = check_options(self.kb_type, options, unknown)
        arguments: list[str] = list(self.arguments)  # type: ignore[has-type]
        raw_id = arguments[0].strip() if arguments else ""
        title = self.kb_fields.get(self.kb_type.title_field)
        if not raw_id:
            hint = suggest_id(str(title or "")) or "mijn-id"
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
        for problem in problems:
            self._warn(problem.subtype, problem.option, problem.message)
        self._warn_options_in_body()
        self.kb_valid_id = bool(raw_id) and check_id(raw_id) is None
        self.kb_title = str(title or raw_id or _(self.kb_type.label))
        self.arguments = [raw_id or self.kb_title]
        return super().run()

    def _warn_options_in_body(self) -> None:
        """``:date: ...`` after a blank line is body text, not an option: say so."""
        for text in self.content:
            if not text.strip():
                continue
            match = _OPTION_LINE.match(text)
            if not match:
                return
            message = (
                _(
                    "%r is read as text, not as an option: options go directly below the "
                    "first line, without a blank line in between"
                )
                % f":{match.group(1)}:"
            )
            self._warn("option", match.group(1), message)
            return

    # -- locations ---------------------------------------------------------

    def option_line(self, name: str | None) -> int:
        """Source line of ``:name:`` in this directive (its first line if unknown)."""
        if name:
            pattern = re.compile(rf"^\s*:{re.escape(name)}:")
            for offset, text in enumerate(self.block_text.splitlines()):
                if pattern.match(text):
                    return self.lineno + offset
        return self.lineno

    def _warn(self, subtype: str, option: str | None, message: str) -> None:
        location = (self.env.current_document.docname, self.option_line(option))
        warn(self.env, subtype, message, location)

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
        domain: KnowledgeBaseDomain = self.env.domains["kb"]  # type: ignore[assignment]
        domain.note_object(
            {
                "id": name,
                "type": self.kb_type.name,
                "docname": docname,
                "lineno": self.lineno,
                "anchor": anchor,
                "title": self.kb_title,
                "fields": self.kb_fields,
            }
        )
        label = _(self.kb_type.label)
        entries = self.indexnode["entries"]
        entries.append(("single", f"{self.kb_title}; {label}", anchor, "", None))
        aliases: list[str] = self.kb_fields.get("aliases", [])
        for alias in aliases:
            entries.append(("see", f"{alias}; {self.kb_title}", anchor, "", None))

    def transform_content(self, content_node: addnodes.desc_content) -> None:
        # data, not prose: no smart quotes (and no time spent looking for them)
        field_list = nodes.field_list(classes=["kb-fields"], support_smartquotes=False)
        for f in self.kb_type.fields:
            if f.name == self.kb_type.title_field:
                continue
            value = self.kb_fields.get(f.name)
            if value is None and not f.always_shown:
                continue
            body = nodes.paragraph()
            if value is None:
                body += not_stated()
            else:
                body.extend(self.render_value(f, value))
            label = _(f.label)
            field_list += nodes.field(
                "", nodes.field_name(label, label), nodes.field_body("", body)
            )
        if field_list.children:
            content_node.insert(0, field_list)
        if self.kb_valid_id:
            anchor = f"{self.kb_type.anchor_prefix}-{self.arguments[0]}"
            content_node += kb_backlinks(objid=self.arguments[0], anchor=anchor)

    def render_value(self, f: Field, value: Any) -> list[nodes.Node]:
        source, _line = self.get_source_info()
        return render_value(
            f,
            value,
            docname=self.env.current_document.docname,
            language=self.config.language,
            source=source,
            line=self.option_line(f.name),
        )


def _directive_for(objtype: ObjectType) -> type[KBObject]:
    spec = _OptionSpec({f.name: _keep for f in objtype.fields})
    return type(
        f"KB_{objtype.name}",
        (KBObject,),
        {"kb_type": objtype, "option_spec": spec},
    )


def setup_directives(app) -> None:
    for objtype in OBJECT_TYPES.values():
        app.add_directive_to_domain("kb", objtype.name, _directive_for(objtype))
