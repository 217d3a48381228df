"""Load and check report templates from YAML; find a template from what a user typed.

Why: templates are data edited by hand, so a mistake must be reported precisely.  Every
error names the file and the line (``TemplateError: bieu04.yaml:42: unknown type 'moneyy'``):
YAML is parsed with a SafeLoader that records each mapping's and key's line.

Public API:
    load_template(path) -> Template
    registry() -> TemplateRegistry   (the templates shipped in ``forms/templates/``, cached)
    TemplateRegistry.all() / .get(id) / .resolve(user_text)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from forms.schema import (
    COLUMN_TYPES,
    DEFAULT_UNIT,
    FIELD_TYPES,
    KINDS,
    NUMERIC_TYPES,
    PROFILE_KEYS,
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
from forms.text import fold

__all__ = ["TemplateError", "load_template", "load_templates", "TemplateRegistry", "registry",
           "TEMPLATES_DIR", "normalize_alias"]

#: Where the shipped templates live.
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

_CODE_RE = re.compile(r"^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$")
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class TemplateError(ValueError):
    """A template file is malformed.  ``str()`` reads ``file:line: message``."""

    def __init__(self, file: str | Path | None, line: int | None, message: str):
        self.file = str(file) if file is not None else "<template>"
        self.line = line
        self.message = message
        where = f"{self.file}:{line}" if line else self.file
        super().__init__(f"{where}: {message}")


# --------------------------------------------------------------------------- YAML with lines


class _YDict(dict):
    """A mapping that remembers its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


class _YList(list):
    line: int = 0


class _LineLoader(yaml.SafeLoader):
    """SafeLoader building ``_YDict``/``_YList`` with line numbers; duplicate keys are errors."""


def _construct_map(loader: _LineLoader, node: yaml.MappingNode) -> _YDict:
    loader.flatten_mapping(node)
    result = _YDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key_line = key_node.start_mark.line + 1
        if key in result:
            raise TemplateError(getattr(loader, "_file", None), key_line, f"duplicate key {key!r}")
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_line
    return result


def _construct_seq(loader: _LineLoader, node: yaml.SequenceNode) -> _YList:
    result = _YList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)


def _parse_yaml(text: str, file: str) -> Any:
    loader = _LineLoader(text)
    loader._file = file  # type: ignore[attr-defined]
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise TemplateError(file, line, f"invalid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise TemplateError(file, None, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()


# --------------------------------------------------------------------------- building


class _Builder:
    """Turns the parsed YAML of one file into a ``Template``, checking as it goes."""

    def __init__(self, file: str):
        self.file = file
        self.codes: dict[str, int] = {}  # field code -> line of first definition
        self.section_codes: dict[str, int] = {}  # section code -> line
        self.parents: list[str] = []  # codes of the sections being built

    # -- helpers
    def err(self, line: int | None, message: str) -> TemplateError:
        return TemplateError(self.file, line, message)

    def mapping(self, value: Any, line: int | None, what: str) -> _YDict:
        if not isinstance(value, dict):
            raise self.err(getattr(value, "line", None) or line, f"{what} must be a mapping")
        return value  # type: ignore[return-value]

    def seq(self, value: Any, line: int | None, what: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.err(line, f"{what} must be a list")
        return value

    def line_of(self, node: _YDict, key: str | None = None) -> int:
        if key is not None and key in getattr(node, "key_lines", {}):
            return node.key_lines[key]
        return getattr(node, "line", 0) or 0

    def check_keys(self, node: _YDict, allowed: Iterable[str], what: str) -> None:
        allowed = set(allowed)
        for key in node:
            if key not in allowed:
                raise self.err(self.line_of(node, key), f"unknown key {key!r} in {what}")

    def req_str(self, node: _YDict, key: str, what: str) -> str:
        value = node.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise self.err(self.line_of(node), f"{what} needs a non-empty {key!r}")
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise self.err(self.line_of(node, key), f"{what}: {key!r} must be text")
        return str(value).strip()

    def opt_str(self, node: _YDict, key: str) -> str | None:
        value = node.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise self.err(self.line_of(node, key), f"{key!r} must be text")
        return str(value).strip()

    def opt_bool(self, node: _YDict, key: str, default: bool) -> bool:
        value = node.get(key, default)
        if not isinstance(value, bool):
            raise self.err(self.line_of(node, key), f"{key!r} must be true or false")
        return value

    def str_list(self, node: _YDict, key: str) -> tuple[str, ...]:
        values = self.seq(node.get(key), self.line_of(node, key), repr(key))
        out = []
        for v in values:
            if isinstance(v, bool) or not isinstance(v, (str, int, float)):
                raise self.err(self.line_of(node, key), f"{key!r} must be a list of text")
            out.append(str(v).strip())
        return tuple(out)

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

    # -- template
    def template(self, data: Any) -> Template:
        root = self.mapping(data, 1, "a template file")
        self.check_keys(root, {
            "id", "version", "title", "aliases", "kind", "orientation", "source", "doc_type",
            "subject", "heading", "profile_fields", "submit", "description", "signer_title",
            "sections"}, "template")
        tid = self.req_str(root, "id", "template")
        if not _ID_RE.match(tid):
            raise self.err(self.line_of(root, "id"), f"bad template id {tid!r} (lowercase a-z, 0-9, _)")
        version = root.get("version", 1)
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise self.err(self.line_of(root, "version"), "'version' must be a positive integer")
        kind = self.req_str(root, "kind", "template")
        if kind not in KINDS:
            raise self.err(self.line_of(root, "kind"), f"unknown kind {kind!r} (one of {sorted(KINDS)})")
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
            subject=self.opt_str(root, "subject"),
            heading=self.str_list(root, "heading"),
            profile_fields=profile_fields,
            submit=submit,
            description=self.opt_str(root, "description") or "",
            signer_title=self.opt_str(root, "signer_title"),
            path=self.file,
        )
        self.check_references(template, root)
        return template

    def check_references(self, template: Template, root: _YDict) -> None:
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
        for placeholder in re.findall(r"\{([^}]+)\}", " ".join(template.heading + (template.subject or "",))):
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

    def section(self, node: _YDict, in_repeat: bool) -> Section:
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

    def field(self, node: _YDict) -> Field:
        self.check_keys(node, {"field", "label", "type", "required", "condition", "help", "source",
                               "example", "options", "unit", "table", "prefill_from",
                               "default_from_profile", "number"}, "field")
        code = self.req_str(node, "field", "field")
        self.claim_code(code, self.line_of(node, "field"))
        ftype = self.req_str(node, "type", f"field {code!r}")
        if ftype not in FIELD_TYPES:
            raise self.err(self.line_of(node, "type"),
                           f"unknown type {ftype!r} for field {code!r} (one of {sorted(FIELD_TYPES)})")
        options = self.str_list(node, "options")
        if ftype == "choice" and len(options) < 2:
            raise self.err(self.line_of(node), f"choice field {code!r} needs at least two options")
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
    def table(self, node: _YDict) -> TableSpec:
        self.check_keys(node, {"columns", "groups", "unit", "total_label", "show_total",
                               "column_numbers", "min_rows", "checks"}, "table")
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
            self.check_keys(chk, {"parts", "at_most"}, "check")
            parts = self.str_list(chk, "parts")
            at_most = self.req_str(chk, "at_most", "check")
            for cid in parts + (at_most,):
                if cid not in seen:
                    raise self.err(self.line_of(chk), f"check refers to unknown column {cid!r}")
                if columns[[c.id for c in columns].index(cid)].type not in NUMERIC_TYPES:
                    raise self.err(self.line_of(chk), f"check column {cid!r} is not numeric")
            checks.append(SumCheck(parts, at_most, self.line_of(chk)))
        min_rows = node.get("min_rows", 0)
        if not isinstance(min_rows, int) or min_rows < 0:
            raise self.err(self.line_of(node, "min_rows"), "'min_rows' must be a non-negative integer")
        return TableSpec(
            columns=tuple(columns),
            groups=groups,
            unit=self.opt_str(node, "unit") or DEFAULT_UNIT,
            total_label=self.opt_str(node, "total_label") or "TỔNG CỘNG",
            show_total=self.opt_bool(node, "show_total", any(c.sum for c in columns)),
            column_numbers=self.opt_bool(node, "column_numbers", True),
            min_rows=min_rows,
            checks=tuple(checks),
        )

    def column(self, node: _YDict) -> Column:
        self.check_keys(node, {"id", "label", "type", "header", "required", "computed", "sum",
                               "options", "unit", "help", "example", "width"}, "column")
        cid = self.req_str(node, "id", "column")
        if not _ID_RE.match(cid):
            raise self.err(self.line_of(node, "id"), f"bad column id {cid!r}")
        computed = node.get("computed")
        if computed not in (None, "tt"):
            raise self.err(self.line_of(node, "computed"), f"unknown computed kind {computed!r} (only 'tt')")
        ctype = self.opt_str(node, "type") or ("integer" if computed else "text")
        if ctype not in COLUMN_TYPES:
            raise self.err(self.line_of(node, "type"),
                           f"unknown type {ctype!r} for column {cid!r} (one of {sorted(COLUMN_TYPES)})")
        options = self.str_list(node, "options")
        if ctype == "choice" and len(options) < 2:
            raise self.err(self.line_of(node), f"choice column {cid!r} needs at least two options")
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
        self.check_keys(node, {"number", "label", "groups"}, "row group")
        number = self.req_str(node, "number", "row group")
        if not re.match(r"^[A-Za-z0-9]+$", number):
            raise self.err(self.line_of(node, "number"), f"bad group number {number!r} (e.g. I, II, 1, 2)")
        if number in siblings:
            raise self.err(self.line_of(node, "number"), f"duplicate group number {number!r}")
        siblings.add(number)
        code = number if parent is None else f"{parent.code}.{number}"
        sub = self.seq(node.get("groups"), self.line_of(node, "groups"), "'groups'")
        if "groups" in node and not sub:
            raise self.err(self.line_of(node, "groups"), f"group {code!r} has an empty 'groups' list")
        placeholder = RowGroup(code, number, "")
        child_numbers: set[str] = set()
        children = tuple(self.group(g, placeholder, child_numbers) for g in sub)
        return RowGroup(code, number, self.req_str(node, "label", f"group {code!r}"), children,
                        self.line_of(node))


# --------------------------------------------------------------------------- public API


def load_template(path: str | Path) -> Template:
    """Load one template file, checking it; raises ``TemplateError`` naming file and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(path, None, f"cannot read template: {exc}") from None
    data = _parse_yaml(text, str(path))
    return _Builder(str(path)).template(data)


def load_templates(paths: Iterable[str | Path]) -> list[Template]:
    """Load several files; duplicate ids across files are an error naming both files."""
    out: list[Template] = []
    by_id: dict[str, Template] = {}
    for path in paths:
        template = load_template(path)
        if template.id in by_id:
            raise TemplateError(path, _id_line(path),
                                f"duplicate template id {template.id!r} (also in {by_id[template.id].path})")
        by_id[template.id] = template
        out.append(template)
    return out


def _id_line(path: str | Path) -> int | None:
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("id:"):
            return number
    return None


def normalize_alias(text: str) -> tuple[str, ...]:
    """Tokens for alias matching: folded, letters and digits split, leading zeros dropped.

    ``"Biểu 04/BCKH"``, ``"bieu04 bckh"`` and ``"biểu 4 - BCKH"`` all give ``("bieu", "4", "bckh")``.
    """
    folded = fold(text)
    tokens = re.findall(r"[a-z]+|[0-9]+", folded)
    return tuple(t.lstrip("0") or "0" if t.isdigit() else t for t in tokens)


class TemplateRegistry:
    """The known templates, by id, with alias resolution of what users type."""

    def __init__(self, templates: Iterable[Template]):
        self._by_id: dict[str, Template] = {}
        self._aliases: list[tuple[tuple[str, ...], Template]] = []
        for t in templates:
            if t.id in self._by_id:
                raise TemplateError(t.path, None, f"duplicate template id {t.id!r}")
            self._by_id[t.id] = t
            for alias in (t.id, *t.aliases):
                tokens = normalize_alias(alias)
                if tokens:
                    self._aliases.append((tokens, t))

    @classmethod
    def from_dir(cls, directory: str | Path) -> "TemplateRegistry":
        """Load every ``*.yaml`` of a directory (sorted by name)."""
        return cls(load_templates(sorted(Path(directory).glob("*.yaml"))))

    def all(self) -> list[Template]:
        """All templates, in file-name order."""
        return list(self._by_id.values())

    def get(self, template_id: str) -> Template:
        """The template with this id (KeyError if none)."""
        return self._by_id[template_id]

    def resolve(self, user_text: str) -> Template | None:
        """The template a user means ("bieu 4", "Biểu 04/BCKH", "mẫu 2", "tôi cần làm biểu 04").

        Exact id first; then the alias whose tokens appear contiguously in the text, preferring
        the longest alias and then the earliest position.  None when nothing matches.
        """
        if not user_text:
            return None
        stripped = user_text.strip().lower()
        if stripped in self._by_id:
            return self._by_id[stripped]
        tokens = normalize_alias(user_text)
        best: tuple[int, int, Template] | None = None
        for alias, template in self._aliases:
            pos = _find_sub(tokens, alias)
            if pos < 0:
                continue
            key = (len(alias), -pos)
            if best is None or key > best[:2]:
                best = (key[0], key[1], template)
        return best[2] if best else None


def _find_sub(tokens: tuple[str, ...], sub: tuple[str, ...]) -> int:
    n, m = len(tokens), len(sub)
    for i in range(n - m + 1):
        if tokens[i:i + m] == sub:
            return i
    return -1


@functools.lru_cache(maxsize=1)
def registry() -> TemplateRegistry:
    """The templates shipped with baocao (``forms/templates/*.yaml``), loaded once."""
    return TemplateRegistry.from_dir(TEMPLATES_DIR)
