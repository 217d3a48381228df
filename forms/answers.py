"""The answers JSON model: what a filled form is, and how it is checked against its template.

Why: the engine, the bot's storage and ``baocao fill`` exchange answers in one fixed shape, so a
report can be scripted, stored and re-rendered.  The contract:

* ``answers`` is a dict keyed by field code ("I.3", "nam", "bang").
* Scalars — ``text``/``longtext``/``period``: str; ``integer``: int; ``number``/``money``: int or float
  in the field's (or column's) unit (money default "triệu đồng", never negative); ``date``:
  "YYYY-MM-DD"; ``month``: "YYYY-MM"; ``year_range``: "YYYY-YYYY"; ``choice``: the option's canonical
  text; ``yesno``: bool.
* ``table`` → a list of rows ``{"group": "<leaf group code, e.g. I.1>", "cells": {"<column id>": value}}``
  (``group`` omitted for tables without groups).  Computed cells (TT) and subtotal/total rows are
  never stored.
* A repeating section with code S → ``answers[S]`` is a list of dicts, one per instance, keyed by the
  inner field codes (same value rules).  A repeating whole template has one top-level repeating
  section (Mẫu 2: ``{"HTTT": [{"I.1": "...", ...}, ...]}``).
* An unanswered optional field is simply absent (``None`` is treated as absent).

``validate_answers`` lists every problem in Vietnamese; ``check_answers`` raises ``AnswersError``;
``missing_required`` lists required fields without an answer (conditions honoured) for export.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any, Mapping

from forms.schema import Column, Field, FieldRef, Section, TableSpec, Template

__all__ = ["AnswersError", "validate_answers", "check_answers", "missing_required", "check_value",
           "is_empty", "describe_contract", "MAX_TEXT"]

#: Longest text kept in one answer (a 100,000-character answer is accepted and rendered).
MAX_TEXT = 200_000

_YEAR_RANGE = re.compile(r"^(\d{4})-(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class AnswersError(ValueError):
    """Answers that do not fit their template; ``problems`` lists each (Vietnamese)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("Dữ liệu trả lời không hợp lệ:\n" + "\n".join(f"- {p}" for p in problems))


def is_empty(value: Any) -> bool:
    """True for an unanswered value (None, blank text, empty list/dict)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict, tuple)):
        return len(value) == 0
    return False


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def check_value(kind: str, value: Any, *, options: tuple[str, ...] = (), label: str = "") -> str | None:
    """Check one scalar against its type; return a Vietnamese problem or None when it fits."""
    name = f"“{label}”" if label else "giá trị"
    if kind in ("text", "longtext", "period"):
        if not isinstance(value, str):
            return f"{name} phải là chuỗi văn bản"
        if len(value) > MAX_TEXT:
            return f"{name} dài quá {MAX_TEXT:,} ký tự".replace(",", ".")
        return None
    if kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            return f"{name} phải là số nguyên"
        return None
    if kind == "year":
        if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2100:
            return f"{name} phải là một năm (ví dụ 2019)"
        return None
    if kind in ("number", "money"):
        if not _is_number(value):
            return f"{name} phải là số (không phải chuỗi, không vô hạn)"
        if kind == "money" and value < 0:
            return f"{name} không được là số âm"
        return None
    if kind == "date":
        problem = f"{name} phải là ngày dạng YYYY-MM-DD có thật (ví dụ 2019-05-15)"
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return problem
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return problem
        return None
    if kind == "month":
        m = _MONTH.match(value) if isinstance(value, str) else None
        if not m or not 1 <= int(m.group(2)) <= 12:
            return f"{name} phải là tháng dạng YYYY-MM (ví dụ 2019-06)"
        return None
    if kind == "year_range":
        m = _YEAR_RANGE.match(value) if isinstance(value, str) else None
        if not m or int(m.group(1)) > int(m.group(2)):
            return f"{name} phải là khoảng năm dạng YYYY-YYYY (ví dụ 2019-2020)"
        return None
    if kind == "choice":
        if value not in options:
            return f"{name} phải là một trong: " + "; ".join(options)
        return None
    if kind == "yesno":
        if not isinstance(value, bool):
            return f"{name} phải là true/false (có/không)"
        return None
    return f"kiểu dữ liệu không biết: {kind}"


def _check_table(field: Field, value: Any, where: str, problems: list[str]) -> None:
    spec: TableSpec = field.table  # type: ignore[assignment]
    if not isinstance(value, list):
        problems.append(f"{where}: bảng phải là danh sách các dòng")
        return
    leaf_codes = {g.code for g in spec.leaf_groups()}
    columns: dict[str, Column] = {c.id: c for c in spec.columns}
    for i, row in enumerate(value, 1):
        at = f"{where}, dòng {i}"
        if not isinstance(row, Mapping):
            problems.append(f"{at}: mỗi dòng phải có dạng {{\"group\": ..., \"cells\": {{...}}}}")
            continue
        extra = set(row) - {"group", "cells"}
        if extra:
            problems.append(f"{at}: khóa không biết {sorted(extra)}")
        group = row.get("group")
        if spec.groups:
            if group not in leaf_codes:
                problems.append(f"{at}: nhóm “{group}” không có trong biểu (các nhóm: {', '.join(sorted(leaf_codes))})")
        elif group is not None:
            problems.append(f"{at}: bảng này không chia nhóm, bỏ “group”")
        cells = row.get("cells")
        if not isinstance(cells, Mapping):
            problems.append(f"{at}: thiếu “cells”")
            continue
        for cid, cell in cells.items():
            col = columns.get(cid)
            if col is None:
                problems.append(f"{at}: cột không biết “{cid}”")
            elif col.computed:
                problems.append(f"{at}: cột “{col.label}” được tính tự động, không nhập")
            elif not is_empty(cell):
                problem = check_value(col.type, cell, options=col.options, label=col.label)
                if problem:
                    problems.append(f"{at}: {problem}")
        for col in spec.input_columns:
            if col.required and is_empty(cells.get(col.id)):
                problems.append(f"{at}: thiếu cột bắt buộc “{col.label}”")


def _check_field(field: Field, value: Any, where: str, problems: list[str]) -> None:
    if is_empty(value):
        return
    if field.type == "table":
        _check_table(field, value, where, problems)
        return
    problem = check_value(field.type, value, options=field.options, label=field.label)
    if problem:
        problems.append(f"{where}: {problem}")


def validate_answers(template: Template, answers: Mapping[str, Any]) -> list[str]:
    """Every problem of these answers against the template (empty list = fits).

    Unknown codes, wrong types, rows in unknown groups, cells in unknown columns, inner codes of a
    repeating section used at top level (or the reverse) are all reported, in Vietnamese.
    """
    if not isinstance(answers, Mapping):
        return ["Dữ liệu trả lời phải là một đối tượng JSON (khóa là mã trường)"]
    problems: list[str] = []
    top: dict[str, Field] = {}
    repeats: dict[str, dict[str, Field]] = {}
    for ref in template.fields():
        if ref.repeat is None:
            top[ref.code] = ref.field
        else:
            repeats.setdefault(ref.repeat.code, {})[ref.code] = ref.field
    for code, value in answers.items():
        if code in top:
            _check_field(top[code], value, f"Mã {code}", problems)
        elif code in repeats:
            if value is None:
                continue
            if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
                problems.append(f"Mã {code}: phần lặp lại phải là danh sách, mỗi phần tử là một đối tượng")
                continue
            for n, instance in enumerate(value, 1):
                for inner, inner_value in instance.items():
                    if inner not in repeats[code]:
                        problems.append(f"Mã {code}[{n}]: mã không có trong phần này: “{inner}”")
                    else:
                        _check_field(repeats[code][inner], inner_value, f"Mã {code}[{n}].{inner}", problems)
        else:
            inside = next((s for s, inner in repeats.items() if code in inner), None)
            if inside:
                problems.append(f"Mã “{code}” thuộc phần lặp lại “{inside}”: đặt trong answers[\"{inside}\"]")
            else:
                problems.append(f"Mã không có trong mẫu {template.id}: “{code}”")
    return problems


def check_answers(template: Template, answers: Mapping[str, Any]) -> None:
    """Raise ``AnswersError`` if ``validate_answers`` finds problems."""
    problems = validate_answers(template, answers)
    if problems:
        raise AnswersError(problems)


def _applies(ref: FieldRef, answers: Mapping[str, Any], instance: Mapping[str, Any] | None) -> bool:
    cond = ref.field.condition
    return cond is None or cond.evaluate(answers, instance)


def missing_required(template: Template, answers: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Required fields with no answer, as ``(code, label)``, in form order.

    Fields whose condition does not hold are not required.  In a repeating section each instance is
    checked (code shown as ``"HTTT[2].I.5"``); a repeating section with fewer instances than its
    ``repeat.min`` is reported by its own code.  A table below its ``min_rows`` counts as missing.
    """
    missing: list[tuple[str, str]] = []
    seen_repeat: set[str] = set()
    for ref in template.fields():
        if ref.repeat is None:
            if ref.field.required and _applies(ref, answers, None) and _unfilled(ref.field, answers.get(ref.code)):
                missing.append((ref.code, ref.field.label))
            continue
        section = ref.repeat
        if section.code in seen_repeat:
            continue
        seen_repeat.add(section.code)
        instances = answers.get(section.code) or []
        if not isinstance(instances, list):
            instances = []
        minimum = section.repeat.min if section.repeat else 1
        if len(instances) < minimum:
            missing.append((section.code, f"{section.title} (cần ít nhất {minimum})"))
        inner_refs = [r for r in template.fields() if r.repeat is section]
        for n, instance in enumerate(instances, 1):
            if not isinstance(instance, Mapping):
                continue
            for inner in inner_refs:
                if inner.field.required and _applies(inner, answers, instance) and _unfilled(inner.field, instance.get(inner.code)):
                    missing.append((f"{section.code}[{n}].{inner.code}", inner.field.label))
    return missing


def _unfilled(field: Field, value: Any) -> bool:
    if field.type == "table":
        rows = value if isinstance(value, list) else []
        need = max(field.table.min_rows if field.table else 0, 1 if field.required else 0)
        return len(rows) < need
    return is_empty(value)


_VALUE_DOC = {
    "text": "chuỗi", "longtext": "chuỗi (nhiều đoạn, xuống dòng bằng \\n)", "period": "chuỗi",
    "integer": "số nguyên", "year": "năm (số nguyên, ví dụ 2019)", "number": "số", "money": "số ≥ 0 theo đơn vị", "date": "\"YYYY-MM-DD\"",
    "month": "\"YYYY-MM\"", "year_range": "\"YYYY-YYYY\"", "choice": "một trong options",
    "yesno": "true/false", "table": "danh sách dòng {\"group\", \"cells\"}",
}


def _describe_field(field: Field) -> dict[str, Any]:
    out: dict[str, Any] = {"code": field.code, "label": field.label, "type": field.type,
                           "value": _VALUE_DOC[field.type], "required": field.required}
    if field.display_number:
        out["number"] = field.display_number
    if field.condition:
        c = field.condition
        out["condition"] = {"field": c.field, c.op: list(c.value) if c.op == "in" else c.value, "negate": c.negate}
    for key in ("help", "source", "example", "default_from_profile", "prefill"):
        if getattr(field, key):
            out[key] = getattr(field, key)
    if field.options:
        out["options"] = list(field.options)
    if field.type == "money":
        out["unit"] = field.effective_unit
    if field.prefill_from:
        out["prefill_from"] = {"template": field.prefill_from.template, "column": field.prefill_from.column}
    if field.table:
        t = field.table
        out["table"] = {
            "unit": t.unit,
            "columns": [
                {k: v for k, v in {
                    "id": c.id, "label": c.label, "type": c.type, "header": list(c.header) or None,
                    "required": c.required, "computed": c.computed, "sum": c.sum or None,
                    "options": list(c.options) or None, "help": c.help or None, "example": c.example,
                }.items() if v is not None}
                for c in t.columns
            ],
            "groups": [{"code": g.code, "number": g.number, "label": g.label, "leaf": g.is_leaf, "depth": d}
                       for g, d in t.all_groups()],
            "row": ({"group": "<mã nhóm lá>", "cells": {c.id: _VALUE_DOC[c.type] for c in t.input_columns}}
                    if t.groups else {"cells": {c.id: _VALUE_DOC[c.type] for c in t.input_columns}}),
            "checks": [{"parts": list(c.parts), "at_most": c.at_most} for c in t.checks],
        }
    return out


def _describe_nodes(nodes: tuple[Section | Field, ...]) -> list[dict[str, Any]]:
    out = []
    for node in nodes:
        if isinstance(node, Field):
            out.append(_describe_field(node))
        else:
            entry: dict[str, Any] = {"section": node.code, "title": node.title,
                                     "items": _describe_nodes(node.children)}
            if node.number:
                entry["number"] = node.number
            if node.repeat:
                entry["repeat"] = {"label": node.repeat.label, "min": node.repeat.min, "max": node.repeat.max,
                                   "title_field": node.repeat.title_field, "note": node.repeat.note,
                                   "answers": f"answers[\"{node.code}\"] = danh sách, mỗi phần tử là một "
                                              "đối tượng khóa theo mã trường bên trong"}
            out.append(entry)
    return out


def describe_contract(template: Template) -> dict[str, Any]:
    """A JSON-ready description of the template and of the answers it accepts (``template show --json``)."""
    example: dict[str, Any] = {}
    for ref in template.fields():
        value = ref.field.example or f"<{_VALUE_DOC[ref.field.type]}>"
        if ref.field.type == "table":
            value = [ _describe_field(ref.field)["table"]["row"] ]
        if ref.repeat is None:
            example[ref.code] = value
        else:
            bucket = example.setdefault(ref.repeat.code, [{}])
            bucket[0][ref.code] = value
    return {
        "id": template.id,
        "version": template.version,
        "title": template.title,
        "aliases": list(template.aliases),
        "kind": template.kind,
        "orientation": template.orientation,
        "source": {"dispatch": template.source.dispatch, "section": template.source.section,
                   "quote": template.source.quote},
        "profile_fields": list(template.profile_fields),
        "submit": vars(template.submit) if template.submit else None,
        "description": template.description,
        "answers_format": "Đối tượng JSON khóa theo mã trường; xem forms/answers.py",
        "answers_skeleton": example,
        "sections": _describe_nodes(template.sections),
    }
