"""A draft in a few words: how far it is (answered/total) and its first answer, to tell drafts apart.

Why: "/nhap" listed two drafts both named "Mẫu 2" with nothing to tell them apart; a list of drafts
shows for each "câu 12/23" and its first answer ("Hệ thống một cửa").
"""

from __future__ import annotations

from forms.engine.plan import Plan
from forms.engine.review import display_value
from forms.engine.state import FormState, get_value, is_empty
from forms.engine.tables import shorten

__all__ = ["answered_count", "first_answer_text"]


def answered_count(plan: Plan, state: FormState) -> tuple[int, int]:
    """(questions with an answer, questions the form has with these answers)."""
    questions = [s for s in plan.steps(state.answers, state.closed) if s.is_question]
    return sum(1 for s in questions if plan.is_answered(s, state.answers)), len(questions)


def first_answer_text(plan: Plan, state: FormState, limit: int = 60) -> str | None:
    """The title of the first instance of a repeating section when it has one ("Hệ thống một cửa"),
    else the first answered question as "Label: value"; None when nothing is answered."""
    steps = [s for s in plan.steps(state.answers, state.closed) if s.is_question]
    for s in steps:
        repeat = s.section.repeat if s.section is not None else None
        if repeat is not None and repeat.title_field and s.field is not None and s.field.code == repeat.title_field:
            value = get_value(state.answers, s.path)
            if not is_empty(value):
                return shorten(str(value), limit)
    for s in steps:
        value = get_value(state.answers, s.path)
        if s.field is None or is_empty(value):
            continue
        if s.field.type == "table":
            shown = f"{len(value)} dòng" if isinstance(value, list) else ""
        else:
            shown = display_value(s.field, value)
        return shorten(f"{s.field.label}: {shown}", limit)
    return None
