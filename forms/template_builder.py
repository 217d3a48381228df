"""Building a :class:`forms.schema.Template` from the parsed YAML of one file, checking as it goes."""

from __future__ import annotations

import re
from typing import Any

from forms.table_schema import BULLETS
from forms.schema import (
    COLUMN_TYPES,
    DEFAULT_UNIT,
    FIELD_TYPES,
    KINDS,
    NUMERIC_TYPES,
    PREFILL_KINDS,
    PROFILE_KEYS,
    TEMPLATE_STATUSES,
    Column,
    Condition,
    Field,
    PrefillFrom,
    Repeat,
    RowGroup,
    Section,
    SourceRef,
    Submit,
    SumCheck,
    TableSpec,
    Template,
    display_number,
)
from forms.render.signing import default_doc_code
from forms.template_yaml import NodeReader, YDict

__all__ = ["TemplateBuilder"]

_CODE_RE = re.compile(r"^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$")
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class TemplateBuilder(NodeReader):
    """Turns the parsed YAML of one file into a ``Template``; codes are checked unique across it."""

    def __init__(self, file: str):
        super().__init__(file)
        self.codes: dict[str, int] = {}  # field code -> line of first definition
        self.section_codes: dict[str, int] = {}  # section code -> line
        self.parents: list[str] = []  # codes of the sections being built

    def claim_code(self, code: str, line: int, is_section: bool = False) -> None:
        """Codes are unique among fields and among sections; a field may share only its own
        section's code (it is then the section's body)."""
        if not _CODE_RE.match(code):
            raise self.err(line, f"bad code {code!r} (letters, digits, '_' separated by '.')")
        own, other = (self.section_codes, self.codes) if is_section else (self.codes, self.section_codes)
        if code in own:
            raise self.err(line, f"duplicate code {code!r} (first defined at line {own[code]})")
        if code in other and (is_section or not self.parents or self.parents[-1] != code):
            raise self.err(line, f"code {code!r} is used by a field and a section (line {other[code]})")
        own[code] = line

    def options(self, node: YDict, kind: str, allowed: frozenset[str], what: str) -> tuple[str, ...]:
        """The ``options`` of a field or column of type ``kind`` (checked: a known type; a choice has two or more)."""
        if kind not in allowed:
            raise self.err(self.line_of(node, "type"), f"unknown type {kind!r} for {what} (one of {sorted(allowed)})")
        options = self.str_list(node, "options")
        if kind == "choice" and len(options) < 2:
            raise self.err(self.line_of(node), f"choice {what} needs at least two options")
        return options

    # -- template
    def template(self, data: Any) -> Template:
        root = self.mapping(data, 1, "a template file")
        self.check_keys(root, {
            "id", "version", "title", "aliases", "kind", "orientation", "source", "doc_type",
            "subject", "heading", "profile_fields", "submit", "description", "signer_title",
            "sections", "doc_code", "body", "status"}, "template")
        tid = self.req_str(root, "id", "template")
        if not _ID_RE.match(tid):
            raise self.err(self.line_of(root, "id"), f"bad template id {tid!r} (lowercase a-z, 0-9, _)")
        version = root.get("version", 1)
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise self.err(self.line_of(root, "version"), "'version' must be a positive integer")
        kind = self.req_str(root, "kind", "template")
        if kind not in KINDS:
            raise self.err(self.line_of(root, "kind"), f"unknown kind {kind!r} (one of {sorted(KINDS)})")
        status = self.opt_str(root, "status") or "published"
        if status not in TEMPLATE_STATUSES:
            raise self.err(self.line_of(root, "status"), f"unknown status {status!r} (one of {sorted(TEMPLATE_STATUSES)})")
        orientation = root.get("orientation", "portrait")
        if orientation not in ("portrait", "landscape"):
            raise self.err(self.line_of(root, "orientation"), "'orientation' must be portrait or landscape")
        src = self.mapping(root.get("source"), self.line_of(root), "'source'")
        self.check_keys(src, {"dispatch", "section", "quote"}, "source")
        source = SourceRef(self.req_str(src, "dispatch", "source"), self.req_str(src, "section", "source"),
                           self.opt_str(src, "quote"))
        profile_fields = self.str_list(root, "profile_fields")
        for key in profile_fields:
            if key not in PROFILE_KEYS:
                raise self.err(self.line_of(root, "profile_fields"),
                               f"unknown profile field {key!r} (one of {sorted(PROFILE_KEYS)})")
        submit = None
        if root.get("submit") is not None:
            sub = self.mapping(root["submit"], self.line_of(root, "submit"), "'submit'")
            self.check_keys(sub, {"to", "email", "deadline", "format"}, "submit")
            submit = Submit(self.opt_str(sub, "to"), self.opt_str(sub, "email"),
                            self.opt_str(sub, "deadline"), self.opt_str(sub, "format"))
        nodes = self.seq(root.get("sections"), self.line_of(root, "sections"), "'sections'")
        if not nodes:
            raise self.err(self.line_of(root), "template has no sections")
        sections = tuple(self.node(n, in_repeat=False) for n in nodes)
        template = Template(
            id=tid,
            title=self.req_str(root, "title", "template"),
            version=version,
            kind=kind,
            source=source,
            sections=sections,
            aliases=self.str_list(root, "aliases"),
            orientation=orientation,
            doc_type=self.opt_str(root, "doc_type") or "BÁO CÁO",
            doc_code=self.opt_str(root, "doc_code") or default_doc_code(self.opt_str(root, "doc_type") or "BÁO CÁO", kind),
            body=self.str_list(root, "body"),
            subject=self.opt_str(root, "subject"),
            heading=self.str_list(root, "heading"),
            profile_fields=profile_fields,
            submit=submit,
            description=self.opt_str(root, "description") or "",
            signer_title=self.opt_str(root, "signer_title"),
            path=self.file,
            status=status,
        )
        self.check_references(template, root)
        return template

    def check_references(self, template: Template, root: YDict) -> None:
        """Conditions must point at fields defined earlier; repeat title fields must exist inside."""
        seen: set[str] = set()
        for ref in template.fields():
            cond = ref.field.condition
            if cond is not None and cond.field not in seen:
                raise self.err(ref.field.line, f"condition of {ref.code!r} refers to {cond.field!r}, "
                                               "which is not an earlier field")
            seen.add(ref.code)
        for section in template.repeating_sections():
            tf = section.repeat.title_field if section.repeat else None
            if tf is not None:
                inner = {c.code for c in section.walk() if isinstance(c, Field)}
                if tf not in inner:
                    raise self.err(section.line, f"repeat title_field {tf!r} is not a field of section "
                                                 f"{section.code!r}")
        placed = " ".join(template.heading + template.body + (template.subject or "",))
        for placeholder in re.findall(r"\{([^}]+)\}", placed):
            try:
                template.field(placeholder)
            except KeyError:
                raise self.err(self.line_of(root, "heading"),
                               f"heading placeholder {{{placeholder}}} is not a field code") from None

    # -- sections and fields
    def node(self, data: Any, in_repeat: bool) -> Section | Field:
        node = self.mapping(data, None, "a section or field")
        if "section" in node and "field" in node:
            raise self.err(self.line_of(node), "an item is either a 'section' or a 'field', not both")
        if "section" in node:
            return self.section(node, in_repeat)
        if "field" in node:
            return self.field(node)
        raise self.err(self.line_of(node), "an item needs a 'section' or a 'field' code")

    def section(self, node: YDict, in_repeat: bool) -> Section:
        self.check_keys(node, {"section", "title", "number", "items", "repeat", "help", "source"}, "section")
        code = self.req_str(node, "section", "section")
        self.claim_code(code, self.line_of(node, "section"), is_section=True)
        repeat = None
        if node.get("repeat") is not None:
            if in_repeat:
                raise self.err(self.line_of(node, "repeat"), "repeating sections cannot be nested")
            rep = self.mapping(node["repeat"], self.line_of(node, "repeat"), "'repeat'")
            self.check_keys(rep, {"label", "min", "max", "title_field", "note"}, "repeat")
            rmin = rep.get("min", 1)
            rmax = rep.get("max")
            if not isinstance(rmin, int) or rmin < 0 or (rmax is not None and (not isinstance(rmax, int) or rmax < max(rmin, 1))):
                raise self.err(self.line_of(rep), "repeat 'min'/'max' must be integers with 0 <= min <= max")
            repeat = Repeat(self.req_str(rep, "label", "repeat"), rmin, rmax,
                            self.opt_str(rep, "title_field"), self.opt_str(rep, "note"))
        items = self.seq(node.get("items"), self.line_of(node, "items"), "'items'")
        if not items:
            raise self.err(self.line_of(node), f"section {code!r} has no items")
        self.parents.append(code)
        children = tuple(self.node(item, in_repeat or repeat is not None) for item in items)
        self.parents.pop()
        number = node["number"] if "number" in node else display_number(code)
        return Section(
            code=code,
            title=self.req_str(node, "title", "section"),
            children=children,
            repeat=repeat,
            help=self.opt_str(node, "help") or "",
            source=self.opt_str(node, "source"),
            number=None if number in (None, "") else str(number),
            line=self.line_of(node),
        )

    def field(self, node: YDict) -> Field:
        self.check_keys(node, {"field", "label", "type", "required", "condition", "help", "source",
                               "example", "options", "unit", "table", "prefill_from",
                               "default_from_profile", "number", "prefill"}, "field")
        code = self.req_str(node, "field", "field")
        self.claim_code(code, self.line_of(node, "field"))
        ftype = self.req_str(node, "type", f"field {code!r}")
        options = self.options(node, ftype, FIELD_TYPES, f"field {code!r}")
        if options and ftype != "choice":
            raise self.err(self.line_of(node, "options"), f"only choice fields have options ({code!r})")
        table = None
        if ftype == "table":
            table = self.table(self.mapping(node.get("table"), self.line_of(node), f"'table' of {code!r}"))
        elif "table" in node:
            raise self.err(self.line_of(node, "table"), f"field {code!r} is not of type table")
        unit = self.opt_str(node, "unit")
        if unit and ftype not in NUMERIC_TYPES:
            raise self.err(self.line_of(node, "unit"), f"only numeric fields have a unit ({code!r})")
        prefill = None
        if node.get("prefill_from") is not None:
            pf = self.mapping(node["prefill_from"], self.line_of(node, "prefill_from"), "'prefill_from'")
            self.check_keys(pf, {"template", "column"}, "prefill_from")
            prefill = PrefillFrom(self.req_str(pf, "template", "prefill_from"),
                                  self.req_str(pf, "column", "prefill_from"))
        hint = self.opt_str(node, "prefill")
        if hint is not None and hint not in PREFILL_KINDS:
            raise self.err(self.line_of(node, "prefill"), f"'prefill' must be one of {', '.join(PREFILL_KINDS)} ({code!r})")
        dfp = self.opt_str(node, "default_from_profile")
        if dfp is not None and dfp not in PROFILE_KEYS:
            raise self.err(self.line_of(node, "default_from_profile"), f"unknown profile field {dfp!r}")
        return Field(
            code=code,
            label=self.req_str(node, "label", f"field {code!r}"),
            type=ftype,
            required=self.opt_bool(node, "required", True),
            condition=self.condition(node["condition"], self.line_of(node, "condition")) if node.get("condition") is not None else None,
            help=self.opt_str(node, "help") or "",
            source=self.opt_str(node, "source"),
            example=self.opt_str(node, "example"),
            options=options,
            unit=unit or (DEFAULT_UNIT if ftype == "money" else None),
            table=table,
            prefill_from=prefill,
            default_from_profile=dfp,
            number=None if node.get("number") is None else str(node["number"]),
            line=self.line_of(node),
            prefill=hint,
        )

    def condition(self, data: Any, line: int) -> Condition:
        node = self.mapping(data, line, "'condition'")
        self.check_keys(node, {"field", "equals", "in", "not_empty", "negate"}, "condition")
        target = self.req_str(node, "field", "condition")
        ops = [k for k in ("equals", "in", "not_empty") if k in node]
        if len(ops) != 1:
            raise self.err(self.line_of(node), "a condition needs exactly one of equals / in / not_empty")
        op = ops[0]
        value: Any = node[op]
        if op == "in":
            value = tuple(self.seq(value, self.line_of(node, "in"), "'in'"))
        elif op == "not_empty" and value is not True:
            raise self.err(self.line_of(node, "not_empty"), "'not_empty' must be true")
        return Condition(target, op, value, self.opt_bool(node, "negate", False))

    # -- tables
    def table(self, node: YDict) -> TableSpec:
        self.check_keys(node, {"columns", "groups", "unit", "total_label", "show_total",
                               "column_numbers", "min_rows", "checks", "fixed_rows"}, "table")
        cols_data = self.seq(node.get("columns"), self.line_of(node, "columns"), "'columns'")
        if not cols_data:
            raise self.err(self.line_of(node), "a table needs columns")
        columns: list[Column] = []
        seen: set[str] = set()
        for data in cols_data:
            col = self.column(self.mapping(data, self.line_of(node, "columns"), "a column"))
            if col.id in seen:
                raise self.err(col.line, f"duplicate column id {col.id!r}")
            seen.add(col.id)
            columns.append(col)
        if not any(c.is_input for c in columns):
            raise self.err(self.line_of(node), "a table needs at least one input column")
        groups = tuple(self.group(g, parent=None, siblings=set())
                       for g in self.seq(node.get("groups"), self.line_of(node, "groups"), "'groups'"))
        top_numbers = [g.number for g in groups]
        if len(set(top_numbers)) != len(top_numbers):
            raise self.err(self.line_of(node, "groups"), "duplicate top-level group number")
        checks = []
        for data in self.seq(node.get("checks"), self.line_of(node, "checks"), "'checks'"):
            chk = self.mapping(data, self.line_of(node, "checks"), "a check")
            self.check_keys(chk, {"parts", "at_most", "label"}, "check")
            parts = self.str_list(chk, "parts")
            at_most = self.req_str(chk, "at_most", "check")
            for cid in parts + (at_most,):
                if cid not in seen:
                    raise self.err(self.line_of(chk), f"check refers to unknown column {cid!r}")
                if columns[[c.id for c in columns].index(cid)].type not in NUMERIC_TYPES:
                    raise self.err(self.line_of(chk), f"check column {cid!r} is not numeric")
            checks.append(SumCheck(parts, at_most, self.line_of(chk), self.opt_str(chk, "label") or SumCheck.label))
        min_rows = node.get("min_rows", 0)
        if not isinstance(min_rows, int) or min_rows < 0:
            raise self.err(self.line_of(node, "min_rows"), "'min_rows' must be a non-negative integer")
        fixed_rows = self.opt_bool(node, "fixed_rows", False)
        if fixed_rows and not groups:
            raise self.err(self.line_of(node, "fixed_rows"), "'fixed_rows' needs 'groups' (the given rows)")
        return TableSpec(
            columns=tuple(columns),
            groups=groups,
            unit=self.opt_str(node, "unit") or DEFAULT_UNIT,
            total_label=self.opt_str(node, "total_label") or "TỔNG CỘNG",
            show_total=self.opt_bool(node, "show_total", any(c.sum for c in columns)),
            column_numbers=self.opt_bool(node, "column_numbers", True),
            min_rows=min_rows,
            checks=tuple(checks),
            fixed_rows=fixed_rows,
        )

    def column(self, node: YDict) -> Column:
        self.check_keys(node, {"id", "label", "type", "header", "required", "computed", "sum",
                               "options", "unit", "help", "example", "width"}, "column")
        cid = self.req_str(node, "id", "column")
        if not _ID_RE.match(cid):
            raise self.err(self.line_of(node, "id"), f"bad column id {cid!r}")
        computed = node.get("computed")
        if computed not in (None, "tt", "given"):
            raise self.err(self.line_of(node, "computed"), f"unknown computed kind {computed!r} ('tt' or 'given')")
        ctype = self.opt_str(node, "type") or ("integer" if computed == "tt" else "text")
        options = self.options(node, ctype, COLUMN_TYPES, f"column {cid!r}")
        sum_default = ctype == "money"
        col_sum = self.opt_bool(node, "sum", sum_default)
        if col_sum and ctype not in NUMERIC_TYPES:
            raise self.err(self.line_of(node, "sum"), f"column {cid!r} is not numeric and cannot be summed")
        width = node.get("width")
        if width is not None and (isinstance(width, bool) or not isinstance(width, (int, float)) or width <= 0):
            raise self.err(self.line_of(node, "width"), "'width' must be a positive number")
        return Column(
            id=cid,
            label=self.req_str(node, "label", f"column {cid!r}"),
            type=ctype,
            header=self.str_list(node, "header"),
            required=self.opt_bool(node, "required", False),
            computed=computed,
            sum=col_sum and computed is None,
            options=options,
            unit=self.opt_str(node, "unit"),
            help=self.opt_str(node, "help") or "",
            example=self.opt_str(node, "example"),
            width=float(width) if width is not None else None,
            line=self.line_of(node),
        )

    def group(self, data: Any, parent: RowGroup | None, siblings: set[str]) -> RowGroup:
        node = self.mapping(data, None, "a row group")
        self.check_keys(node, {"number", "label", "groups", "cells"}, "row group")
        number = self.req_str(node, "number", "row group")
        if number in BULLETS:  # "- Trực tuyến" under "1. Số hồ sơ tiếp nhận": shown "-", coded by position
            part = f"y{sum(1 for n in siblings if n.startswith('y')) + 1}"
        elif not re.match(r"^[A-Za-z0-9]+$", number):
            raise self.err(self.line_of(node, "number"), f"bad group number {number!r} (e.g. I, II, 1, 2, -)")
        elif number in siblings:
            raise self.err(self.line_of(node, "number"), f"duplicate group number {number!r}")
        else:
            part = number
        siblings.add(part)
        code = part if parent is None else f"{parent.code}.{part}"
        sub = self.seq(node.get("groups"), self.line_of(node, "groups"), "'groups'")
        if "groups" in node and not sub:
            raise self.err(self.line_of(node, "groups"), f"group {code!r} has an empty 'groups' list")
        placeholder = RowGroup(code, number, "")
        child_numbers: set[str] = set()
        children = tuple(self.group(g, placeholder, child_numbers) for g in sub)
        given = node.get("cells") or {}
        if not isinstance(given, dict) or not all(isinstance(v, (str, int, float)) for v in given.values()):
            raise self.err(self.line_of(node, "cells"), f"group {code!r}: 'cells' must map column ids to text")
        return RowGroup(code, number, self.req_str(node, "label", f"group {code!r}"), children,
                        self.line_of(node), tuple((str(k), str(v)) for k, v in given.items()))
