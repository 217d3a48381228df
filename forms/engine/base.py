"""The engine's shared machinery: where the cursor is, moving it, storing answers, building results.

Why a base class: the engine's steps (fields and long text, tables, navigation commands) live in
separate modules as mixins of :class:`EngineBase`; this is what all of them need.
"""

from __future__ import annotations

from typing import Any

from forms.engine.plan import Plan, Step
from forms.engine.prompts import build_prompt
from forms.engine.review import missing_required
from forms.engine.state import Change, FormState, StepResult, get_value, parse_path, set_value
from forms.schema import Field, Template

__all__ = ["EngineBase"]


class EngineBase:
    """State helpers shared by the engine's mixins.  Stateless: every call takes a :class:`FormState`."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self.plan = Plan(template)

    def _step(self, state: FormState) -> Step | None:
        if state.cursor is None:
            return None
        return self.plan.step_for(state.cursor, state.answers, state.closed)

    def _field(self, state: FormState) -> Field | None:
        step = self._step(state)
        return step.field if step else None

    def _result(self, state: FormState, reply: list[str] | None = None, changes: list[Change] | None = None,
                error: str | None = None) -> StepResult:
        steps = self.plan.steps(state.answers, state.closed)
        prompt = build_prompt(self.plan, state, steps)
        replies = list(reply or [])
        if error:
            replies.append(error)
        return StepResult(state=state, reply=replies, changes=list(changes or []), prompt=prompt,
                          done=prompt.done, error=error, cancelled=state.mode == "cancelled")

    def _enter(self, state: FormState, step: Step | None) -> None:
        """Put the cursor on ``step`` in the mode its type needs."""
        state.pending = {}
        if step is None:
            state.cursor, state.mode = None, "end"
            return
        state.cursor = step.path
        if step.field is None:
            state.mode = "repeat_ask"
        elif step.field.type == "table":
            state.mode = "table"
        elif step.field.type == "longtext":
            state.mode, state.pending = "longtext", {"buffer": self._unfinished_text(state, step.path)}
        else:
            state.mode = "field"

    def _mark_visited(self, state: FormState, path: str | None) -> None:
        if path and path not in state.visited:
            state.visited.append(path)

    def _advance(self, state: FormState, after: str | None = None) -> list[str]:
        """Move past the current step: the next one in order, or (after an edit by code) the
        first step not yet visited.  At the end of the walk, a required answer still missing
        takes the cursor (see :meth:`_land`).  Returns notes to show before the next prompt."""
        current = after or state.cursor
        self._mark_visited(state, current)
        if current:
            state.history.append(current)
            del state.history[:-200]
        steps = self.plan.steps(state.answers, state.closed)
        target: Step | None = None
        if not state.resume and current is not None:
            paths = [s.path for s in steps]
            if current in paths:
                i = paths.index(current)
                target = steps[i + 1] if i + 1 < len(steps) else None
            else:
                target = self._step_after_missing(current, steps)
        if target is None:
            target = next((s for s in steps if s.path not in state.visited), None)
        target = self._past_prefilled(state, target, steps)
        first_arrival = not state.resume
        state.resume = False
        return self._land(state, target, current, first_arrival)

    def _past_prefilled(self, state: FormState, target: Step | None, steps: list[Step]) -> Step | None:
        """``target``, or the first step after it when it was filled from the opening request
        (each such answer is skipped once; going back to it later asks it as usual)."""
        paths = [s.path for s in steps]
        while target is not None and target.path in state.prefilled:
            state.prefilled = [p for p in state.prefilled if p != target.path]
            self._mark_visited(state, target.path)
            i = paths.index(target.path) if target.path in paths else len(paths)
            target = steps[i + 1] if i + 1 < len(steps) else None
        return target

    def _land(self, state: FormState, target: Step | None, after: str | None, first_arrival: bool = True) -> list[str]:
        """Enter ``target``; when there is none (the walk is over) but required answers are still
        missing, enter the first missing one after ``after`` in form order (wrapping round), with a
        note, so the user is never left in a dead end.  ``resume`` is set so that once it is answered
        the engine goes on to the next missing one."""
        if target is not None:
            self._enter(state, target)
            return []
        missing = missing_required(self.plan, state.answers, state.closed)
        if not missing:
            self._enter(state, None)
            return []
        steps = self.plan.steps(state.answers, state.closed)
        order = {s.path: i for i, s in enumerate(steps)}
        here = order.get(after or "", -1)
        nxt = next((m for m in missing if order.get(m.path, -1) > here), missing[0])
        self._enter(state, nxt)
        state.resume = True
        name = self.plan.display_name(nxt)
        where = f"bắt đầu từ câu {name}" if first_arrival else f"tiếp theo: câu {name}"
        return [f"Còn {len(missing)} câu bắt buộc chưa trả lời; {where}."]

    def _end_with_missing(self, state: FormState) -> FormState | None:
        """A state left at the end with required answers missing (saved by an older version):
        moved to the first missing answer; None when nothing is missing."""
        missing = missing_required(self.plan, state.answers, state.closed)
        if not missing:
            return None
        self._enter(state, missing[0])
        state.resume = True
        return state

    def _step_after_missing(self, current: str, steps: list[Step]) -> Step | None:
        """The step following a path that is no longer in the plan (its condition turned false)."""
        order = [s.path for s in self.plan.steps({}, [])]
        cp = parse_path(current)
        for s in steps:
            sp = parse_path(s.path)
            if cp.section and sp.section == cp.section and (sp.index or 10**9) > (cp.index or 0):
                return s
        if current in order:
            pos = order.index(current)
            later = set(order[pos + 1:])
            return next((s for s in steps if s.path in later), None)
        return None

    def _store(self, state: FormState, path: str, value: Any, raw: str | None) -> Change:
        """Set the answer at ``path`` (the caller returns the Change to persist)."""
        state.answers = set_value(state.answers, path, value)
        if path in state.partial:  # a new answer replaces the unfinished one
            state.partial = {k: v for k, v in state.partial.items() if k != path}
        return Change(path, value, raw)

    @staticmethod
    def _unfinished_text(state: FormState, path: str) -> list[str]:
        """The paragraphs of a long answer left unfinished at ``path`` (empty when there is none)."""
        seed = state.partial.get(path)
        if not seed:
            return []
        stored = get_value(state.answers, path)
        if "\n".join(seed) == stored:
            return list(seed)
        return [stored] if isinstance(stored, str) and stored else []

    def _table(self, state: FormState):
        step = self._step(state)
        if step is None or step.field is None or step.field.table is None:
            return None, None, []
        rows = get_value(state.answers, step.path)
        return step, step.field.table, list(rows) if isinstance(rows, list) else []
