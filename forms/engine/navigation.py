"""Engine commands: review, help, cancel, go to a field, back, skip, done, finish, new instance.

Navigation never drops text: in a long answer, every command first stores what was acknowledged
(see :meth:`forms.engine.fields.FieldSteps._flush_text`).
"""

from __future__ import annotations

from forms import commands
from forms.engine.fields import FieldSteps
from forms.engine.prompts import field_help
from forms.engine.review import display_value, missing_names, missing_required
from forms.engine.state import FormState, StepResult, get_value, is_empty
from forms.engine.table_steps import TableSteps

__all__ = ["Navigation"]


class Navigation(FieldSteps, TableSteps):
    """The commands of :data:`forms.commands.COMMANDS` that act on a draft."""

    def _command(self, state: FormState, name: str, arg: str | None, raw: str | None) -> StepResult:
        name = commands.canonical(name)
        if name in ("clear", "undo") and state.mode == "longtext":
            return self._drop_paragraphs(state, every=name == "clear")
        flushed = None
        if state.mode == "longtext" and name not in ("done", "skip", "answer"):  # those store the text themselves
            step = self._step(state)
            flushed = self._flush_text(state)
        result = self._run(state, name, arg)
        if flushed is not None:
            n = len(state.partial.get(flushed.path, []))
            result.changes.insert(0, flushed)
            result.reply.insert(0, f"Đã lưu {n} đoạn đã gửi vào câu {self.plan.short_name(step)}.")
        return result

    def _run(self, state: FormState, name: str, arg: str | None) -> StepResult:
        if name == "pause":
            return self._result(state)
        if name == "answer":
            return self.handle(state, arg or "")
        if name == "review":
            return self._result(state, [self.review(state)])
        if name == "help":
            return self._help(state)
        if name == "cancel":
            state.mode, state.pending = "cancelled", {}
            return self._result(state, ["Đã hủy biểu mẫu. Các câu đã trả lời vẫn được lưu trong bản nháp."])
        if name == "goto":
            return self._goto(state, arg)
        if name == "back":
            return self._back(state)
        if name == "skip":
            return self._skip(state)
        if name == "done":
            return self._done(state)
        if name == "finish":
            return self._finish(state)
        if name in ("add_row", "delete_row", "edit_row", "list_rows", "paste"):
            if state.mode not in ("table", "row", "row_group", "paste_confirm", "paste_group", "row_warn"):
                return self._result(state, error="Câu hiện tại không phải là bảng.")
            state.mode, state.pending = "table", {}
            if name == "add_row":
                return self._add_row(state, arg)
            if name == "paste":
                return self._paste(state, arg or "")
            return self._row_op(state, name, arg)
        if name == "add_instance":
            return self._add_instance(state, arg)
        if name == "write_more":
            return self._write_more(state)
        return self._result(state, error=f"Lệnh “{name}” không dùng được ở đây.")

    def _help(self, state: FormState) -> StepResult:
        step = self._step(state)
        if step is None or step.field is None:
            if step is not None and step.section is not None and step.section.repeat is not None:
                note = step.section.repeat.note or ""
                return self._result(state, [f"Trả lời “có” để thêm một {step.section.repeat.label} nữa, “không” để đi tiếp. {note}".strip()])
            return self._result(state, ["Gõ “xem lại” để xem các câu trả lời, “sửa <mã câu>” để sửa, “xong” để xuất báo cáo."])
        column = None
        if state.mode == "row" and step.field.table is not None:
            column = step.field.table.column(state.pending["col"])
        return self._result(state, [field_help(step, step.field, column)])

    def _goto(self, state: FormState, arg: str | None) -> StepResult:
        if not arg:
            return self._result(state, error="Hãy ghi mã câu cần sửa, ví dụ “sửa I.3”.")
        if len(arg.split()) >= 3:  # "1.1 tong_muc 12 tỷ" (a button of the cell edit's question)
            edit = self._cell_edit(state, f"sửa {arg}")
            if edit is not None:
                return edit
        targets = self.plan.resolve_code(arg, state.answers, state.closed, state.cursor)
        if not targets:
            shown = dict.fromkeys(self.plan.short_name(s) for s in self.plan.steps(state.answers, state.closed) if s.field)
            codes = "; ".join(shown)
            codes = codes if len(codes) <= 300 else codes[:299] + "…"
            return self._result(state, error=f"Không có câu mã “{arg}” trong biểu mẫu này. Có thể sửa: {codes}")
        target = targets[0]
        if state.cursor and state.cursor != target.path:
            state.history.append(state.cursor)
        state.resume = True
        self._enter(state, target)
        value = get_value(state.answers, target.path)
        current = display_value(target.field, value) if target.field else ""
        return self._result(state, [f"Sửa câu {self.plan.display_name(target)}. Hiện có: {current}."])

    def _back(self, state: FormState) -> StepResult:
        if state.mode == "row":
            _, spec, _ = self._table(state)
            ids = [c.id for c in spec.input_columns]
            i = ids.index(state.pending["col"])
            if i > 0:
                state.pending = {**state.pending, "col": ids[i - 1]}
                return self._result(state)
            state.mode, state.pending = "table", {}
            return self._result(state, ["Đã bỏ dòng đang nhập."])
        if state.mode in ("row_group", "paste_group", "paste_confirm", "row_warn"):
            state.mode, state.pending = "table", {}
            return self._result(state, ["Đã quay lại bảng."])
        while state.history:
            path = state.history.pop()
            step = self.plan.step_for(path, state.answers, state.closed)
            if step is not None and path != state.cursor:
                state.resume = False
                self._enter(state, step)
                return self._result(state)
        steps = self.plan.steps(state.answers, state.closed)
        paths = [s.path for s in steps]
        if state.cursor in paths and paths.index(state.cursor) > 0:
            self._enter(state, steps[paths.index(state.cursor) - 1])
            return self._result(state)
        if state.cursor is None and steps:
            self._enter(state, steps[-1])
            return self._result(state)
        return self._result(state, error="Đây là câu đầu tiên, không quay lại được nữa.")

    def _skip(self, state: FormState) -> StepResult:
        mode = state.mode
        if mode == "row":
            _, spec, _ = self._table(state)
            col = spec.column(state.pending["col"])
            current = (state.pending.get("cells") or {}).get(col.id)
            if col.required and is_empty(current):
                return self._result(state, error=f"Cột “{col.label}” là bắt buộc, không bỏ qua được.")
            return self._next_column(state, [])
        if mode in ("row_group", "paste_group", "paste_confirm", "row_warn"):
            return self._back(state)
        if mode == "repeat_ask":
            return self._repeat_answer(state, False)
        if mode == "table":
            return self._done(state)
        if mode == "longtext" and state.pending.get("buffer"):
            return self._finish_longtext(state, raw=None)
        step = self._step(state)
        if step is None or step.field is None:
            return self._result(state, error="Không có câu nào để bỏ qua.")
        code = self.plan.short_name(step)
        value = get_value(state.answers, step.path)
        if not is_empty(value):
            reply = [f"Giữ nguyên {code}."]
        elif step.field.required:
            reply = [f"Đã bỏ qua {code}. Đây là câu bắt buộc: cần trả lời trước khi xuất báo cáo."]
        else:
            reply = [f"Đã bỏ qua {code}."]
        reply += self._advance(state)
        return self._result(state, reply)

    def _done(self, state: FormState) -> StepResult:
        if state.mode == "longtext":
            return self._finish_longtext(state, raw=None)
        if state.mode == "row":
            return self._complete_row(state, [])
        if state.mode == "table":
            step, spec, rows = self._table(state)
            reply = [f"Đã xong bảng ({len(rows)} dòng)."]
            min_rows = spec.min_rows or (1 if step.field.required else 0)
            if len(rows) < min_rows:
                reply.append(f"Lưu ý: bảng cần ít nhất {min_rows} dòng trước khi xuất báo cáo.")
            reply += self._advance(state)
            return self._result(state, reply)
        if state.mode in ("field", "end"):
            return self._finish(state)
        return self._result(state, error="Hãy trả lời câu hỏi hiện tại trước.")

    def _finish(self, state: FormState) -> StepResult:
        missing = missing_required(self.plan, state.answers, state.closed)
        if missing:
            state.resume = True
            if state.cursor and state.cursor != missing[0].path:
                state.history.append(state.cursor)
            self._enter(state, missing[0])
            return self._result(state, error=(
                f"Chưa thể xuất báo cáo: còn {len(missing)} câu bắt buộc chưa trả lời: {missing_names(self.plan, missing, 10)}."
                + (f" Bắt đầu từ câu {self.plan.display_name(missing[0])}." if len(missing) > 1 else "")))
        state.cursor, state.mode, state.pending = None, "end", {}
        return self._result(state, ["Đã đủ thông tin, sẵn sàng xuất báo cáo."])

    def _add_instance(self, state: FormState, arg: str | None) -> StepResult:
        code = (arg or "").strip()
        section = self.plan.repeats.get(code) or next(
            (s for c, s in self.plan.repeats.items() if c.upper() == code.upper()), None)
        if section is None and len(self.plan.repeats) == 1 and not code:
            section = next(iter(self.plan.repeats.values()))
        if section is None:
            return self._result(state, error="Biểu mẫu này không có phần lặp lại với mã đó.")
        if section.code in state.closed:
            state.closed.remove(section.code)
        if state.cursor:
            state.history.append(state.cursor)
        state.cursor = f"{section.code}[+]"
        return self._repeat_answer(state, True)
