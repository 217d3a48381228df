"""The review of a form: every answer, grouped by section, as Vietnamese text.

Why: before exporting, the official reads back what the bot understood ("I. Thông tin chung /
I.1 Tên hệ thống: ...") and fixes anything by its code ("/sua I.1").  Fields whose condition
is false are left out; unanswered ones are marked, required ones flagged.
"""

from __future__ import annotations

from typing import Any

from forms.answers import missing_required as answers_missing_required
from forms.engine.plan import Plan, Step
from forms.engine.state import get_value, is_empty
from forms.engine.tables import review_rows
from forms.parsers import format_value
from forms.schema import Field, Section
from vntext.text import fold

__all__ = ["review_text", "missing_required", "missing_names", "display_value"]

_NOT_ANSWERED = "(chưa trả lời)"


def display_value(field: Field, value: Any) -> str:
    """An answer as shown in the review and in prompts."""
    if is_empty(value):
        return _NOT_ANSWERED
    if field.type == "table" and field.table is not None:
        return f"{len(value)} dòng"
    return format_value(field.type, value, field.effective_unit)


def _section_heading(section: Section) -> str:
    number = section.number if section.number is not None else section.code
    return f"{number}. {section.title}" if number else section.title


def missing_required(plan: Plan, answers: dict[str, Any], closed: list[str]) -> list[Step]:
    """Required answers still empty, as steps to jump to, in form order (the rule of
    ``forms.answers``, which the export applies too: conditions honoured, tables below
    ``min_rows``, each instance)."""
    out: list[Step] = []
    steps = plan.steps(answers, closed)
    position = {s.path: i for i, s in enumerate(steps)}
    # The walk shows ``repeat.min`` instances even before any is stored: check their fields too,
    # so "còn N câu" counts the real questions, not just the section.
    padded = answers
    for code, section in plan.repeats.items():
        stored = answers.get(code)
        stored = stored if isinstance(stored, list) else []
        minimum = section.repeat.min if section.repeat else 1
        if len(stored) < minimum:
            padded = {**padded, code: list(stored) + [{} for _ in range(minimum - len(stored))]}
    for path, _label in answers_missing_required(plan.template, padded):
        step = steps[position[path]] if path in position else None
        if step is None and path in plan.repeats:  # fewer instances than repeat.min
            step = next((s for s in steps if s.section is not None and s.section.code == path and s.field), None)
        if step is not None and step not in out:
            out.append(step)
    out.sort(key=lambda s: position.get(s.path, len(position)))
    return out


def missing_names(plan: Plan, missing: list[Step], limit: int | None = None) -> str:
    """"I.5 Mục tiêu đầu tư (hệ thống thông tin thứ 1); Danh mục dự án, nhiệm vụ" — the missing
    questions as the user knows them, in form order ("; " because labels hold commas)."""
    names = [plan.display_name(s) for s in missing]
    if limit is not None and len(names) > limit:
        names = names[:limit] + [f"… và {len(names) - limit} câu khác"]
    return "; ".join(names)


def _only_field_named_as(section: Any, field: Any) -> bool:
    """Whether ``field`` is the section's one child and bears the section's own title."""
    children = list(getattr(section, "children", None) or ())
    return len(children) == 1 and children[0] is field and fold(field.label).strip(" .:") == fold(section.title).strip(" .:")


def review_text(plan: Plan, answers: dict[str, Any], closed: list[str]) -> str:
    """All answers, grouped by section headings, with each field's code, label and value."""
    lines: list[str] = [f"XEM LẠI: {plan.template.title}"]
    missing_steps = missing_required(plan, answers, closed)
    missing = {s.path for s in missing_steps}
    open_sections: tuple[str, ...] = ()
    last_instance: tuple[str | None, int | None] = (None, None)
    for step in plan.steps(answers, closed):
        f = step.field
        if f is None:
            continue
        inst_key = (step.section.code if step.section else None, step.index)
        if step.section is not None and inst_key != last_instance:
            rep = step.section.repeat
            title_field = rep.title_field if rep else None
            name = get_value(answers, f"{step.section.code}[{step.index}].{title_field}") if title_field else None
            label = rep.label if rep else step.section.title
            lines.append("")
            lines.append(f"══ {label.capitalize()} thứ {step.index}" + (f": {name}" if not is_empty(name) else "") + " ══")
            open_sections = ()
        last_instance = inst_key
        heads = tuple(s for s in step.sections if not (s.repeat is not None))
        if heads and _only_field_named_as(heads[-1], f):
            heads = heads[:-1]  # "II. Khó khăn, vướng mắc" holding one field of that name: one line, not two
        for depth, sec in enumerate(heads):
            key = tuple(s.code for s in heads[: depth + 1])
            if open_sections[: depth + 1] != key:
                lines.append("")
                lines.append(("  " * depth) + _section_heading(sec))
                open_sections = key
        if len(heads) < len(open_sections):
            lines.append("")
            open_sections = tuple(s.code for s in heads)
        indent = "  " * len(heads)
        value = get_value(answers, step.path)
        flag = " ⚠ bắt buộc" if step.path in missing else ""
        code = plan.shown_code(step)
        code = f"{code} " if code else ""
        if f.type == "table" and f.table is not None:
            rows = value if isinstance(value, list) else []
            lines.append(f"{indent}{code}{f.label}: {len(rows)} dòng{flag}")
            if rows:
                lines.extend(indent + "  " + ln for ln in review_rows(f.table, rows).split("\n"))
        else:
            shown = display_value(f, value)
            if f.type == "longtext" and "\n" in shown:
                lines.append(f"{indent}{code}{f.label}:{flag}")
                lines.extend(indent + "  " + ln for ln in shown.split("\n"))
            else:
                lines.append(f"{indent}{code}{f.label}: {shown}{flag}")
    if missing:
        lines.append("")
        lines.append(f"Còn {len(missing_steps)} câu bắt buộc chưa trả lời: {missing_names(plan, missing_steps)}.")
    return "\n".join(lines)
