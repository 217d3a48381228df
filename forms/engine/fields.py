"""Engine steps that answer one field: scalar fields, "none" answers, long text, repeating sections.

Long text: one message is the whole answer and the form moves on; “Viết thêm” (or a next message
starting with “+”) adds paragraphs.  After “Viết thêm”, every message is one paragraph appended to
``pending["buffer"]`` and “xong” stores the answer.  Acknowledged paragraphs are never dropped: any
command first stores the buffer as the field's answer (see :meth:`FieldSteps._flush_text`), and a
field left that way keeps its paragraphs in ``state.partial`` so that coming back continues the
same answer.
"""

from __future__ import annotations

import re

from forms.engine.base import EngineBase
from forms.engine.plan import Step
from forms.engine.prompts import type_example
from forms.engine.state import Change, FormState, StepResult, get_value, is_empty, parse_path
from forms.parsers import (
    LONG_TEXT_MAX,
    NONE_TEXT,
    ParseError,
    format_number,
    is_explicit_none,
    is_none_answer,
    parse_choice,
    parse_text,
    parse_value,
    parse_yesno,
    joined_paragraphs,
    text_stats,
)
from vntext.text import clean_user_text, is_done

__all__ = ["FieldSteps", "parse_text_piece"]


class FieldSteps(EngineBase):
    """Answering the field at the cursor."""

    def _on_field(self, state: FormState, text: str) -> StepResult:
        step = self._step(state)
        if step is None or step.field is None:
            return self._result(state, error="Không tìm thấy câu hỏi hiện tại.")
        f = step.field
        if self._means_none(f.type, f.options, text):
            return self._none_answer(state, step, text)
        try:
            parsed = parse_value(f.type, text, unit=f.effective_unit, options=f.options, reference=state.reference)
        except ParseError as exc:
            return self._result(state, error=exc.text)
        change = self._store(state, step.path, parsed.value, text)
        code = parse_path(step.path).code or f.code
        echo = parsed.echo
        reply = [f"Đã ghi {self.plan.short_name(step)}: {echo}{'' if echo.endswith(('.', '!', '?', '…')) else '.'}"]
        if parsed.warning:
            reply.append(f"Lưu ý: {parsed.warning} Muốn sửa, gõ “sửa {code}”.")
        reply += self._advance(state)
        return self._result(state, reply, [change])

    @staticmethod
    def _means_none(kind: str, options: tuple[str, ...], text: str) -> bool:
        """True when ``text`` only says "none" ("không", "không có", "-") for a field of ``kind``.

        Never for yes/no (where "không" is the answer) nor for a choice that has such an option.
        """
        if kind == "yesno" or not is_none_answer(text):
            return False
        if kind == "choice":
            try:
                parse_choice(text, options)
                return False
            except ParseError:
                return True
        return True

    def _none_answer(self, state: FormState, step: Step, text: str) -> StepResult:
        """An answer meaning "none": an optional field is left empty ("Bỏ qua (không có)"); a required
        text field takes an explicit "Không có" as the text "Không có."; otherwise the field is required."""
        f = step.field
        assert f is not None
        name = self.plan.short_name(step)
        if not f.required:
            changes = []
            if not is_empty(get_value(state.answers, step.path)):
                changes.append(self._store(state, step.path, None, text))
            reply = [f"{name}: Bỏ qua (không có)."] + self._advance(state)
            return self._result(state, reply, changes)
        if f.type in ("text", "longtext") and is_explicit_none(text):
            change = self._store(state, step.path, NONE_TEXT, text)
            reply = [f"Đã ghi {name}: {NONE_TEXT}"] + self._advance(state)
            return self._result(state, reply, [change])
        example = f.example or type_example(f.type) or ""
        if f.type == "choice":
            example = example or "; ".join(f"{i}. {o}" for i, o in enumerate(f.options, 1))
        message = f"Câu {name} là bắt buộc nên không để trống được."
        if f.type in ("text", "longtext"):
            message += " Nếu thực sự không có gì để báo cáo, gõ “Không có”."
        elif f.type == "money":
            message += " Nếu không có kinh phí, gõ 0."
        if example:
            message += f" Ví dụ: {example}"
        return self._result(state, error=message)

    def _on_longtext(self, state: FormState, text: str) -> StepResult:
        """A message in a long answer.  On the common path the message IS the answer: it is stored
        and the form moves on (the reply offers “Viết thêm” / “+ …”).  Once the user chose to write
        more (``pending["more"]``) or came back to an unfinished answer, messages are paragraphs
        collected until “xong”."""
        collecting = bool(state.pending.get("buffer")) or bool(state.pending.get("more"))
        if not state.pending.get("buffer") and is_none_answer(text):
            step = self._step(state)
            assert step is not None
            return self._none_answer(state, step, text)
        lines = text.rstrip().split("\n")
        finish = len(lines) > 1 and is_done(lines[-1])
        body = "\n".join(lines[:-1]) if finish else text
        if collecting and body.lstrip().startswith("+"):
            body = body.lstrip()[1:]
        buffer = list(state.pending.get("buffer") or [])
        piece = parse_text_piece(body)
        if piece:
            buffer.append(piece)
        state.pending = {**state.pending, "buffer": buffer}
        paragraphs, total = text_stats(joined_paragraphs(buffer))
        if total > LONG_TEXT_MAX:
            return self._result(state, error=(
                f"Nội dung đã dài {format_number(total)} ký tự, vượt giới hạn {format_number(LONG_TEXT_MAX)} ký tự. "
                "Các đoạn đã gửi vẫn được giữ; gõ “xóa đoạn cuối” hoặc “xóa hết” để rút gọn."))
        if finish or not collecting:
            return self._finish_longtext(state, raw=text, offer_more=not collecting)
        return self._result(state, [f"Đã nhận {paragraphs} đoạn ({format_number(total)} ký tự). "
                                    "Gửi tiếp, hoặc gõ “xong” khi hết."])

    def _finish_longtext(self, state: FormState, raw: str | None, offer_more: bool = False) -> StepResult:
        step = self._step(state)
        assert step is not None and step.field is not None
        buffer = list(state.pending.get("buffer") or [])
        code = self.plan.short_name(step)
        if not buffer:
            if not is_empty(get_value(state.answers, step.path)):
                notes = self._advance(state)
                return self._result(state, [f"Giữ nguyên {code}."] + notes)
            return self._result(state, error="Chưa có nội dung nào; hãy gửi nội dung trước khi gõ “xong”, hoặc bỏ qua.")
        if len(buffer) == 1 and is_none_answer(buffer[0]):
            return self._none_answer(state, step, buffer[0])
        try:
            parsed = parse_text("\n".join(buffer), LONG_TEXT_MAX, multiline=True)
        except ParseError as exc:
            return self._result(state, error=exc.text)
        change = self._store(state, step.path, parsed.value, raw if raw is not None else parsed.value)
        notes = self._advance(state)
        paragraphs, chars = text_stats(parsed.value)
        reply = f"Đã ghi {code} ({paragraphs} đoạn, {format_number(chars)} ký tự)."
        if offer_more:
            state.pending = {**state.pending, "more_for": step.path}
            reply += " Muốn viết thêm, chọn “Viết thêm” hoặc gửi tin bắt đầu bằng “+”."
        return self._result(state, [reply] + notes, [change])

    def _append_paragraph(self, state: FormState, path: str, text: str) -> StepResult:
        """“+ …”: one more paragraph for the long answer just stored at ``path``; the cursor stays."""
        step = self.plan.step_for(path, state.answers, state.closed)
        piece = parse_text_piece(text.lstrip()[1:])
        if step is None or step.field is None:
            return self._result(state, error="Không còn câu trả lời nào để viết thêm.")
        if not piece:
            return self._result(state, error="Hãy gõ nội dung cần viết thêm ngay sau dấu “+”.")
        stored = get_value(state.answers, path)
        joined = f"{stored}\n{piece}" if isinstance(stored, str) and stored else piece
        try:
            parsed = parse_text(joined, LONG_TEXT_MAX, multiline=True)
        except ParseError as exc:
            return self._result(state, error=exc.text)
        change = self._store(state, path, parsed.value, text)
        paragraphs, chars = text_stats(parsed.value)
        return self._result(state, [f"Đã thêm một đoạn vào {self.plan.short_name(step)}; "
                                    f"nay có {paragraphs} đoạn, {format_number(chars)} ký tự."], [change])

    def _write_more(self, state: FormState) -> StepResult:
        """“Viết thêm”: collect more paragraphs for the long answer just stored (or the current one)
        until “xong”; then the walk returns to where the user was."""
        path = state.pending.get("more_for") or (state.cursor if state.mode == "longtext" else None)
        step = self.plan.step_for(path, state.answers, state.closed) if path else None
        if step is None or step.field is None or step.field.type != "longtext":
            return self._result(state, error="Không có câu trả lời dài nào để viết thêm.")
        if state.cursor != path:
            if state.cursor:
                state.history.append(state.cursor)
            state.resume = True
            self._enter(state, step)
        stored = get_value(state.answers, path)
        buffer = list(state.pending.get("buffer") or []) or (stored.split("\n") if isinstance(stored, str) and stored else [])
        state.pending = {"buffer": buffer, "more": True}
        paragraphs, chars = text_stats(joined_paragraphs(buffer))
        return self._result(state, [f"Gửi tiếp nội dung cho {self.plan.short_name(step)} (đã có {paragraphs} đoạn, "
                                    f"{format_number(chars)} ký tự); mỗi tin một đoạn, gõ “xong” khi hết."])

    def _flush_text(self, state: FormState) -> Change | None:
        """Store the acknowledged paragraphs of the long answer being collected as the field's answer.

        Called before every command in a long answer, so navigation never drops text.  The field is
        remembered in ``state.partial``: coming back to it continues the same answer.  None when
        there is nothing to store (no paragraph, or the same text is already stored).
        """
        step = self._step(state) if state.mode == "longtext" else None
        buffer = list(state.pending.get("buffer") or []) if step is not None else []
        if not buffer:
            return None
        text = "\n".join(buffer)
        change = None if get_value(state.answers, step.path) == text else self._store(state, step.path, text, None)
        state.partial = {**state.partial, step.path: buffer}
        return change

    def _drop_paragraphs(self, state: FormState, every: bool) -> StepResult:
        """“xóa hết” / “xóa đoạn cuối”: the buffer shrinks, and so does an unfinished answer stored from it."""
        buffer = [] if every else list(state.pending.get("buffer") or [])[:-1]
        state.pending = {"buffer": buffer}
        changes = []
        step = self._step(state)
        if step is not None and step.path in state.partial:
            changes.append(self._store(state, step.path, "\n".join(buffer) or None, None))
            if buffer:
                state.partial = {**state.partial, step.path: buffer}
        return self._result(state, [f"Đã xóa; còn {len(buffer)} đoạn."], changes)

    # ------------------------------------------------------------------ repeating sections

    def _on_repeat_ask(self, state: FormState, text: str) -> StepResult:
        try:
            yes = parse_yesno(text).value
        except ParseError as exc:
            return self._result(state, error=exc.text)
        return self._repeat_answer(state, yes)

    def _repeat_answer(self, state: FormState, yes: bool) -> StepResult:
        p = parse_path(state.cursor or "")
        section = self.plan.repeats[p.section or ""]
        assert section.repeat is not None
        n = self.plan.instance_count(state.answers, section)
        if yes:
            stored = list(state.answers.get(section.code) or [])
            while len(stored) < n:
                stored.append({})
            stored.append({})
            state.answers = dict(state.answers)
            state.answers[section.code] = stored
            change = Change(f"{section.code}[{n + 1}]", {}, None)
            self._mark_visited(state, state.cursor)
            state.history.append(state.cursor or "")
            steps = self.plan.steps(state.answers, state.closed)
            first = next((s for s in steps if s.section is section and s.index == n + 1 and s.field), None)
            self._enter(state, first)
            return self._result(state, [f"Bắt đầu {section.repeat.label} thứ {n + 1}."], [change])
        if section.code not in state.closed:
            state.closed.append(section.code)
        last = f"{section.code}[{n}]"
        steps = self.plan.steps(state.answers, state.closed)
        paths = [s.path for s in steps]
        idx = max((i for i, s in enumerate(paths) if s.startswith(last)), default=-1)
        self._mark_visited(state, state.cursor)
        state.history.append(state.cursor or "")
        target = steps[idx + 1] if 0 <= idx + 1 < len(steps) else next((s for s in steps if s.path not in state.visited), None)
        notes = self._land(state, target, paths[idx] if idx >= 0 else None)
        return self._result(state, [f"Đã xong phần {section.repeat.label} ({n})."] + notes)


def parse_text_piece(text: str) -> str:
    """One paragraph of a long answer, cleaned (control characters removed, NFC)."""
    return re.sub(r"[ \t]+\n", "\n", clean_user_text(text))
