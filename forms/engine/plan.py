"""The ordered steps of a template for given answers: which fields are asked, in which order.

Why: conditions and repeating sections make the list of questions depend on the answers so
far.  :class:`Plan` is built once per template (static structure) and :meth:`Plan.steps`
expands it for an answers dict: fields whose condition is false are left out, a repeating
section gives its fields once per instance followed by the "add another?" question.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Union

from forms.engine.state import get_value, is_empty, make_path, parse_path
from forms.schema import Field, FieldRef, Section, Template
from vntext.text import fold

__all__ = ["Step", "Plan"]


@dataclass(frozen=True)
class Step:
    """One question: a field at a path, or the add-another question of a repeating section."""

    path: str
    field: Field | None  # None for the add-another question
    section: Section | None = None  # the repeating section (for repeat fields and the question)
    index: int | None = None  # 1-based instance number inside ``section``
    sections: tuple[Section, ...] = ()  # section path (for review headings)

    @property
    def is_question(self) -> bool:
        """True for real fields (counted in "câu k/N"), False for the add-another question."""
        return self.field is not None


_Item = Union[FieldRef, tuple[Section, tuple[FieldRef, ...]]]


class Plan:
    """The static walk of a template: top-level fields and repeating blocks, in document order."""

    def __init__(self, template: Template) -> None:
        self.template = template
        items: list[_Item] = []
        seen_repeat: dict[str, list[FieldRef]] = {}
        for ref in template.fields():
            if ref.repeat is None:
                items.append(ref)
            else:
                code = ref.repeat.code
                if code not in seen_repeat:
                    seen_repeat[code] = []
                    items.append((ref.repeat, ()))  # placeholder, filled below
                seen_repeat[code].append(ref)
        self.items: list[_Item] = [
            (it[0], tuple(seen_repeat[it[0].code])) if isinstance(it, tuple) else it for it in items
        ]
        self.repeats: dict[str, Section] = {s.code: s for s in template.repeating_sections()}
        self.refs: dict[str, FieldRef] = {ref.code: ref for ref in template.fields()}

    def instance_count(self, answers: dict[str, Any], section: Section) -> int:
        """How many instances a repeating section has (at least its ``min``)."""
        stored = answers.get(section.code)
        n = len(stored) if isinstance(stored, list) else 0
        minimum = section.repeat.min if section.repeat else 1
        return max(n, minimum)

    def can_add(self, answers: dict[str, Any], section: Section, closed: list[str]) -> bool:
        """True while the add-another question should be asked for ``section``."""
        rep = section.repeat
        if rep is None or section.code in closed:
            return False
        return rep.max is None or self.instance_count(answers, section) < rep.max

    def applies(self, ref: FieldRef, answers: dict[str, Any], instance: dict[str, Any] | None) -> bool:
        """True when the field's condition (if any) holds."""
        cond = ref.field.condition
        return cond is None or cond.evaluate(answers, instance)

    def steps(self, answers: dict[str, Any], closed: list[str]) -> list[Step]:
        """Every step for these answers, in order (conditions applied)."""
        return list(self._iter_steps(answers, closed))

    def _iter_steps(self, answers: dict[str, Any], closed: list[str]) -> Iterator[Step]:
        for item in self.items:
            if isinstance(item, FieldRef):
                if self.applies(item, answers, None):
                    yield Step(item.code, item.field, sections=item.path)
                continue
            section, refs = item
            n = self.instance_count(answers, section)
            stored = answers.get(section.code) if isinstance(answers.get(section.code), list) else []
            for i in range(1, n + 1):
                inst = stored[i - 1] if i <= len(stored) and isinstance(stored[i - 1], dict) else {}
                for ref in refs:
                    if self.applies(ref, answers, inst):
                        yield Step(make_path(ref.code, section.code, i), ref.field, section, i, ref.path)
            if self.can_add(answers, section, closed):
                yield Step(make_path(None, section.code, None), None, section, None, (section,))

    def step_for(self, path: str, answers: dict[str, Any], closed: list[str]) -> Step | None:
        """The step at ``path`` if it applies to these answers."""
        for step in self._iter_steps(answers, closed):
            if step.path == path:
                return step
        return None

    def resolve_code(self, code: str, answers: dict[str, Any], closed: list[str], current: str | None) -> list[Step]:
        """Steps a user means by a code ("3.1", "i.3", "HT[2].II.1", a section code like "II").

        A field inside a repeating section resolves to the current instance, else the last one.
        Matching ignores case.  Returns every matching step (the first is the target).
        """
        wanted = code.strip().rstrip(".").upper()
        steps = self.steps(answers, closed)
        exact = [s for s in steps if s.path.upper() == wanted]
        if exact:
            return exact
        by_code = [s for s in steps if s.field is not None and s.field.code.upper() == wanted]
        if by_code:
            cur = parse_path(current) if current else None
            if cur is not None and cur.section is not None:
                same = [s for s in by_code if s.section is not None and s.section.code == cur.section and s.index == cur.index]
                if same:
                    return same
            return [by_code[-1]] + by_code[:-1]
        in_section = [s for s in steps if s.field is not None and any(sec.code.upper() == wanted for sec in s.sections)]
        if in_section:
            return in_section
        folded = fold(code)
        by_label = [s for s in steps if s.field is not None and fold(s.field.label).startswith(folded)]
        return by_label if folded and len({s.field.code for s in by_label}) == 1 else []

    @staticmethod
    def shown_code(step: Step) -> str:
        """The code shown to the user ("I.3", "HT.2"), or "" for fields the form does not number."""
        if step.field is None or not getattr(step.field, "display_number", "x"):
            return ""
        return parse_path(step.path).code or step.field.code

    @classmethod
    def display_name(cls, step: Step, with_instance: bool = True) -> str:
        """How the user sees a question in lists: "I.5 Mục tiêu đầu tư (hệ thống thông tin thứ 1)",
        "Danh mục dự án, nhiệm vụ" — the form's own code and label, never an internal path
        ("HTTT[1].I.5") or a word id ("bang")."""
        if step.field is None:
            label = step.section.repeat.label if step.section is not None and step.section.repeat else ""
            return f"Thêm {label}".strip()
        code = cls.shown_code(step)
        name = f"{code} {step.field.label}" if code else step.field.label
        if with_instance and step.section is not None and step.index is not None:
            rep = step.section.repeat
            name += f" ({rep.label if rep else step.section.title} thứ {step.index})"
        return name

    @classmethod
    def short_name(cls, step: Step) -> str:
        """The code alone when the form numbers the field ("I.5"), else its label ("Danh mục dự án, nhiệm vụ")."""
        if step.field is None:
            return cls.display_name(step)
        return cls.shown_code(step) or step.field.label

    def is_answered(self, step: Step, answers: dict[str, Any]) -> bool:
        """True when the step's slot holds a non-empty answer."""
        return step.field is not None and not is_empty(get_value(answers, step.path))
