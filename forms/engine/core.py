"""The form engine: walks a template one user input at a time.

Why: filling a report is a long conversation (maybe over a week).  The engine is pure and
channel-agnostic: given a template and a :class:`FormState` it says what to ask, and given one
input (:meth:`FormEngine.handle`) or command (:meth:`FormEngine.command`) it returns a new state,
the answers to persist (``changes``) and the Vietnamese replies.  It knows nothing of Telegram
or the database.

Rules (documented for the conversation core):
* Required fields may be skipped, with a warning; they are enforced at the end: ``finish``
  refuses while :meth:`missing_required` is not empty and jumps to the first missing field.
  When the walk itself reaches its end with required answers missing, the cursor goes to the
  first of them (form order) with a note "Còn N câu bắt buộc chưa trả lời; bắt đầu từ câu …",
  and from there to the next missing one: there is no dead end.  Text typed when every answer
  is in ("end" mode) is refused with a message saying it was not recorded (never dropped silently).
  Skipping a field that already has an answer keeps it ("Giữ nguyên").
* Lists of missing answers name them as the user knows them ("I.5 Mục tiêu đầu tư (hệ thống
  thông tin thứ 1)", "Danh mục dự án, nhiệm vụ"), in form order — never internal paths.
* "None" answers ("không", "không có", "ko", "-", "không áp dụng"): an optional field (or table
  cell) is left empty ("Bỏ qua (không có)"); a required text field accepts "Không có" and stores
  "Không có."; any other required field says it is required, with an example.  Yes/no fields
  and choices that list such a word keep it as the answer.
* Ambiguous words ("tiếp", "tiếp tục", "ok") are never taken as a command nor stored as a text
  answer; in a table menu only “xong”, “xong bảng”, “hoàn thành” (or the Xong button) close it.
* Long text: every message is one paragraph appended to a buffer kept in the state; the answer
  is stored when the user sends “xong” (or ``/xong``, the ``done`` command, or a message whose
  last line is “xong”).  ``skip`` with a non-empty buffer also stores it; ``clear`` empties it.
* Tables: the table step is a menu: “thêm” walks the input columns of a new row (after choosing
  a leaf group when there are several), “sửa dòng N”/“xóa dòng N”, “danh sách”, a paste of
  several lines is parsed and shown back for confirmation, “xong” leaves the table.  A row that
  breaks a check (sources above Tổng mức đầu tư) is stored only after the user confirms.
* Repeating sections: after the last instance the engine asks whether to add another one;
  ``add_instance`` (arg: section code) reopens a finished section.
* Navigation: ``back`` returns to the previous step (or column); ``goto CODE`` jumps to a field
  ("3.1", "II.2", "HT[2].II.2" or a section code), and after that answer the walk resumes at
  the first step not yet visited.  ``cancel`` marks the form cancelled (answers are kept).
"""

from __future__ import annotations

import re
from typing import Any, Callable

from forms.engine.plan import Plan, Step
from forms.engine.prompts import build_prompt, field_help, type_example
from forms.engine.review import display_value, is_year_field, missing_names, missing_required, review_text
from forms.engine.state import Change, FormState, Prompt, StepResult, get_value, is_empty, parse_path, set_value
from forms.engine.tables import (
    cell_summary,
    describe_row,
    insert_row,
    is_none_cell,
    is_paste,
    list_rows,
    match_group,
    parse_cell,
    parse_row_number,
    paste_rows,
    row_warnings,
)
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
)
from forms.schema import Field, Template
from forms.text import fold

__all__ = ["FormEngine", "COMMAND_WORDS", "parse_command"]

#: Vietnamese words (folded, also as /commands) → engine command names.
COMMAND_WORDS: dict[str, str] = {
    "bo qua": "skip", "bo_qua": "skip", "boqua": "skip", "giu nguyen": "skip", "giu": "skip",
    "quay lai": "back", "quay_lai": "back", "lui": "back", "tro lai": "back",
    "xem lai": "review", "xem": "review", "xem_lai": "review",
    "tro giup": "help", "tro_giup": "help", "huong dan": "help", "giup": "help", "?": "help",
    "huy": "cancel", "huy bo": "cancel",
    "sua": "goto", "sua cau": "goto",
    "xong": "done", "xong roi": "done", "da xong": "done", "xong bang": "done",
    "hoan thanh": "finish", "ket thuc": "finish", "xuat": "finish", "xuat bao cao": "finish",
    "them": "add_row", "them dong": "add_row",
    "xoa dong": "delete_row", "xoa": "delete_row",
    "sua dong": "edit_row",
    "danh sach": "list_rows", "ds": "list_rows", "liet ke": "list_rows", "xem bang": "list_rows",
    "xoa het": "clear", "xoa doan cuoi": "undo",
}

#: What ends a long answer (also as its last line).  "tiếp" is not one: it is ambiguous.
_DONE_WORDS = {"xong", "/xong", "het", "xong roi", "da xong"}

#: The only words that close a table typed as text (besides the “Xong” button): "tiếp", "ok",
#: "hết" or "kết thúc" must not close a table the user is still filling.
_TABLE_DONE_WORDS = {"xong", "xong bang", "xong roi", "da xong", "hoan thanh"}

#: Bare words that could mean "next", "skip" or "done": in a free-text answer or a table menu
#: they are neither stored nor obeyed; the user is told what to type instead.
_AMBIGUOUS_WORDS = {"tiep", "tiep theo", "tiep tuc", "di tiep", "ok", "oke", "okay", "next", "sang cau tiep"}


def _command_key(text: str) -> str:
    """The folded text as compared with command words: no leading "/", "_" as a space, no final "." or "!"."""
    f = fold(text).strip()
    if f.startswith("/"):
        f = f[1:].replace("_", " ")
    return f.rstrip(" .!")


def parse_command(text: str) -> tuple[str, str | None] | None:
    """``("goto", "3.1")`` for "sửa 3.1" or "/sua 3.1"; None when the text is not a command word.

    The longest command phrase that starts the text wins; the rest is the argument.
    """
    f = fold(text).strip()
    if f.startswith("/"):
        f = f[1:].replace("_", " ")
    for phrase in sorted(COMMAND_WORDS, key=len, reverse=True):
        if f == phrase:
            return COMMAND_WORDS[phrase], None
        if f.startswith(phrase + " "):
            return COMMAND_WORDS[phrase], text.strip().lstrip("/")[len(phrase):].strip() or None
    return None


class FormEngine:
    """Walks one template.  Stateless itself: every call takes and returns a :class:`FormState`."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self.plan = Plan(template)

    # ------------------------------------------------------------------ public API

    def start(self, prefill: dict[str, Any] | None = None) -> FormState:
        """A new state at the first question.  ``prefill`` answers (same JSON contract) are
        kept and shown as the current value of their questions, which the user may keep."""
        answers: dict[str, Any] = {}
        for key, value in (prefill or {}).items():
            if key in self.plan.refs or key in self.plan.repeats:
                answers[key] = value
        state = FormState(template_id=self.template.id, answers=answers)
        steps = self.plan.steps(state.answers, state.closed)
        self._enter(state, steps[0] if steps else None)
        return state

    def prompt(self, state: FormState) -> Prompt:
        """The question to show for ``state``."""
        return build_prompt(self.plan, state)

    def missing_required(self, state: FormState) -> list[str]:
        """Paths of applicable required answers still empty (what blocks the export)."""
        return [s.path for s in missing_required(self.plan, state.answers, state.closed)]

    def review(self, state: FormState) -> str:
        """Every answer grouped by section (text)."""
        return review_text(self.plan, state.answers, state.closed)

    def handle(self, state: FormState, text: str) -> StepResult:
        """Take one user message: an answer for the current question (or a command word)."""
        state = state.copy()
        if state.mode == "cancelled":
            return self._result(state, error="Biểu mẫu này đã bị hủy; hãy bắt đầu lại nếu cần.")
        text = text if isinstance(text, str) else str(text)
        if state.mode == "end" and self._step(state) is None:
            redirected = self._end_with_missing(state)
            if redirected is not None:  # a state saved before E1: answer the first missing field
                state = redirected
        if state.mode == "table" and is_paste(text) and not text.strip().startswith("/"):
            return self._paste(state, text)  # pasted rows win over command words ("Thêm mới …; 100")
        folded = _command_key(text)
        if state.mode == "table":
            if folded in _TABLE_DONE_WORDS:
                return self._command(state, "done", None, raw=text)
            if folded in _AMBIGUOUS_WORDS or folded in ("het", "ket thuc"):
                return self._result(state, error=(
                    f"Bảng chưa đóng (“{text.strip()[:30]}” không phải lệnh kết thúc bảng). Gõ “xong” hoặc bấm "
                    "nút “Xong” khi đã nhập hết các dòng; gõ “thêm” để thêm dòng hoặc dán các dòng."))
        elif folded in _AMBIGUOUS_WORDS and self._is_free_text_mode(state):
            return self._result(state, error=(
                f"Chưa ghi “{text.strip()[:30]}” vào câu trả lời. Muốn bỏ qua câu này, gõ “bỏ qua”"
                + ("; nếu đã gửi hết nội dung, gõ “xong”" if state.mode == "longtext" else "")
                + "; muốn trả lời, hãy gõ nội dung."))
        cmd = parse_command(text)
        if cmd is None and state.mode == "longtext" and fold(text).strip() in _DONE_WORDS:
            cmd = ("done", None)
        if cmd is not None and self._command_applies(state, *cmd):
            return self._command(state, cmd[0], cmd[1], raw=text)
        handler = self._mode_handlers().get(state.mode)
        if handler is None:
            # Every question answered: free text has nowhere to go.  Say so (never drop it silently);
            # the caller logs the raw text with the error.
            return self._result(state, error=(
                "Nội dung vừa gõ CHƯA được ghi vào biểu mẫu vì bạn đã trả lời đủ các câu. "
                f"Muốn thay câu trả lời nào, gõ “sửa <mã câu>” (ví dụ “{self._edit_example(state)}”) rồi gõ lại "
                "nội dung; gõ “xem lại” để kiểm tra, hoặc “xong” để xuất báo cáo."))
        return handler(state, text)

    def command(self, state: FormState, name: str, arg: str | None = None) -> StepResult:
        """Run a navigation or table command (see the module docstring for the names)."""
        state = state.copy()
        if state.mode == "cancelled" and name not in ("review",):
            return self._result(state, error="Biểu mẫu này đã bị hủy.")
        return self._command(state, name, arg, raw=None)

    # ------------------------------------------------------------------ helpers

    def _mode_handlers(self) -> dict[str, Callable[[FormState, str], StepResult]]:
        return {
            "field": self._on_field,
            "longtext": self._on_longtext,
            "table": self._on_table,
            "row_group": self._on_row_group,
            "row": self._on_row,
            "row_warn": self._on_row_warn,
            "paste_group": self._on_paste_group,
            "paste_confirm": self._on_paste_confirm,
            "repeat_ask": self._on_repeat_ask,
        }

    def _is_free_text_mode(self, state: FormState) -> bool:
        """In text answers, only an exact command word counts (so "sửa chữa máy" is an answer)."""
        step = self._step(state)
        if not step or not step.field:
            return False
        if state.mode == "row" and step.field.table is not None:
            return step.field.table.column(state.pending["col"]).type in ("text", "longtext", "period")
        return state.mode in ("field", "longtext") and step.field.type in ("text", "longtext", "period")

    def _command_applies(self, state: FormState, name: str, arg: str | None) -> bool:
        """Whether a command word typed as text is meant as a command in this mode."""
        if self._is_free_text_mode(state) and arg is not None and name != "goto":
            return False
        if name == "done" and state.mode not in ("longtext", "table", "row", "end"):
            return False
        if name == "goto":
            return bool(arg) and bool(self.plan.resolve_code(arg, state.answers, state.closed, state.cursor))
        if name in ("add_row", "delete_row", "edit_row", "list_rows"):
            return state.mode == "table"
        if name in ("clear", "undo"):
            return state.mode == "longtext"
        return arg is None or name in ("goto",)

    def _edit_example(self, state: FormState) -> str:
        """“sửa I.1” with a code this form really has (or the label of an unnumbered first field)."""
        fields = [st for st in self.plan.steps(state.answers, state.closed) if st.field is not None]
        numbered = next((st for st in fields if self.plan.shown_code(st)), None)
        if numbered is not None:
            return f"sửa {self.plan.shown_code(numbered)}"
        return f"sửa {fields[0].field.label.lower()}" if fields else "xem lại"

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
            state.mode, state.pending = "longtext", {"buffer": []}
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
        first_arrival = not state.resume
        state.resume = False
        return self._land(state, target, current, first_arrival)

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

    # ------------------------------------------------------------------ scalar fields

    def _store(self, state: FormState, path: str, value: Any, raw: str | None) -> Change:
        state.answers = set_value(state.answers, path, value)
        return Change(path, value, raw)

    def _on_field(self, state: FormState, text: str) -> StepResult:
        step = self._step(state)
        if step is None or step.field is None:
            return self._result(state, error="Không tìm thấy câu hỏi hiện tại.")
        f = step.field
        if self._means_none(f.type, f.options, text):
            return self._none_answer(state, step, text)
        try:
            parsed = parse_value(f.type, text, unit=f.effective_unit, options=f.options)
        except ParseError as exc:
            return self._result(state, error=exc.text)
        change = self._store(state, step.path, parsed.value, text)
        code = parse_path(step.path).code or f.code
        echo = f"= {parsed.value}" if is_year_field(f) else parsed.echo
        reply = [f"Đã ghi {self.plan.short_name(step)} {echo}"]
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
            reply = [f"Đã ghi {name} = {NONE_TEXT}"] + self._advance(state)
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
        if not state.pending.get("buffer") and is_none_answer(text):
            step = self._step(state)
            assert step is not None
            return self._none_answer(state, step, text)
        lines = text.rstrip().split("\n")
        finish = len(lines) > 1 and fold(lines[-1]).strip() in _DONE_WORDS
        body = "\n".join(lines[:-1]) if finish else text
        buffer = list(state.pending.get("buffer") or [])
        piece = parse_text_piece(body)
        if piece:
            buffer.append(piece)
        state.pending = {"buffer": buffer}
        total = sum(len(b) for b in buffer) + max(0, len(buffer) - 1)
        if total > LONG_TEXT_MAX:
            return self._result(state, error=(
                f"Nội dung đã dài {format_number(total)} ký tự, vượt giới hạn {format_number(LONG_TEXT_MAX)} ký tự. "
                "Các đoạn đã gửi vẫn được giữ; gõ “xóa đoạn cuối” hoặc “xóa hết” để rút gọn."))
        if finish:
            return self._finish_longtext(state, raw=text)
        return self._result(state, [f"Đã nhận đoạn {len(buffer)}. Gửi tiếp, hoặc gõ “xong” khi hết."])

    def _finish_longtext(self, state: FormState, raw: str | None) -> StepResult:
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
        return self._result(state, [f"Đã ghi {code} ({len(buffer)} đoạn, {format_number(len(parsed.value))} ký tự)."] + notes,
                            [change])

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

    # ------------------------------------------------------------------ tables

    def _table(self, state: FormState):
        step = self._step(state)
        if step is None or step.field is None or step.field.table is None:
            return None, None, []
        rows = get_value(state.answers, step.path)
        return step, step.field.table, list(rows) if isinstance(rows, list) else []

    def _on_table(self, state: FormState, text: str) -> StepResult:
        if is_paste(text):
            return self._paste(state, text)
        return self._result(state, error="Chưa hiểu. Gõ “thêm” để thêm dòng, dán các dòng, hoặc “xong” để sang câu tiếp.")

    def _start_row(self, state: FormState, group: str | None, index: int | None, cells: dict[str, Any]) -> StepResult:
        step, spec, _ = self._table(state)
        assert spec is not None
        state.mode = "row"
        state.pending = {"group": group, "index": index, "cells": dict(cells), "col": spec.input_columns[0].id}
        return self._result(state)

    def _add_row(self, state: FormState, arg: str | None) -> StepResult:
        step, spec, _ = self._table(state)
        if spec is None:
            return self._result(state, error="Câu hiện tại không phải là bảng.")
        leaves = spec.leaf_groups()
        if not leaves:
            return self._start_row(state, None, None, {})
        if len(leaves) == 1:
            return self._start_row(state, leaves[0].code, None, {})
        if arg:
            try:
                group = match_group(spec, arg)
            except ParseError as exc:
                return self._result(state, error=exc.text)
            return self._start_row(state, group.code, None, {})
        state.mode, state.pending = "row_group", {}
        return self._result(state)

    def _on_row_group(self, state: FormState, text: str) -> StepResult:
        _, spec, _ = self._table(state)
        try:
            group = match_group(spec, text)
        except ParseError as exc:
            return self._result(state, error=exc.text)
        return self._start_row(state, group.code, None, {})

    def _on_row(self, state: FormState, text: str) -> StepResult:
        step, spec, _ = self._table(state)
        col = spec.column(state.pending["col"])
        if is_none_cell(col, text):
            if col.required:
                return self._result(state, error=f"Cột “{col.label}” là bắt buộc; hãy nhập giá trị." + (
                    f" Ví dụ: {col.example}" if col.example else ""))
            cells = {k: v for k, v in (state.pending.get("cells") or {}).items() if k != col.id}
            state.pending = {**state.pending, "cells": cells}
            return self._next_column(state, [f"{col.label}: Bỏ qua (không có)."])
        try:
            parsed = parse_cell(col, spec, text)
        except ParseError as exc:
            return self._result(state, error=exc.text)
        cells = dict(state.pending.get("cells") or {})
        cells[col.id] = parsed.value
        state.pending = {**state.pending, "cells": cells}
        reply = [f"{col.label} {parsed.echo}"]
        if parsed.warning:
            reply.append(f"Lưu ý: {parsed.warning}")
        return self._next_column(state, reply)

    def _next_column(self, state: FormState, reply: list[str]) -> StepResult:
        step, spec, _ = self._table(state)
        ids = [c.id for c in spec.input_columns]
        i = ids.index(state.pending["col"])
        if i + 1 < len(ids):
            state.pending = {**state.pending, "col": ids[i + 1]}
            return self._result(state, reply)
        return self._complete_row(state, reply)

    def _complete_row(self, state: FormState, reply: list[str]) -> StepResult:
        step, spec, _ = self._table(state)
        cells = state.pending.get("cells") or {}
        missing = [c for c in spec.input_columns if c.required and is_empty(cells.get(c.id))]
        if missing:
            state.pending = {**state.pending, "col": missing[0].id}
            return self._result(state, reply, error=f"Cột “{missing[0].label}” là bắt buộc; hãy nhập giá trị.")
        warnings = row_warnings(spec, cells)
        if warnings:
            state.mode = "row_warn"
            state.pending = {**state.pending, "warnings": warnings}
            return self._result(state, reply + ["Dòng vừa nhập:\n" + cell_summary(spec, cells)])
        return self._save_row(state, reply)

    def _save_row(self, state: FormState, reply: list[str]) -> StepResult:
        step, spec, rows = self._table(state)
        pending = state.pending
        row: dict[str, Any] = {"cells": dict(pending.get("cells") or {})}
        if spec.groups:
            row = {"group": pending.get("group"), "cells": row["cells"]}
        index = pending.get("index")
        if index is None:
            rows, pos = insert_row(rows, row, spec)
            what = "Đã thêm"
        else:
            rows = list(rows)
            rows[index] = row
            pos, what = index, "Đã sửa"
        change = self._store(state, step.path, rows, None)
        state.mode, state.pending = "table", {}
        return self._result(state, reply + [f"{what} dòng {describe_row(spec, row, pos + 1)}"], [change])

    def _on_row_warn(self, state: FormState, text: str) -> StepResult:
        try:
            yes = parse_yesno(text).value
        except ParseError as exc:
            return self._result(state, error=exc.text)
        if yes:
            return self._save_row(state, ["Đã xác nhận cảnh báo."])
        _, spec, _ = self._table(state)
        ids = [c.id for c in spec.input_columns]
        involved = [ids.index(c) for chk in spec.checks for c in (*chk.parts, chk.at_most) if c in ids]
        state.mode = "row"
        state.pending = {k: v for k, v in state.pending.items() if k != "warnings"}
        state.pending["col"] = ids[min(involved)] if involved else ids[0]
        return self._result(state, ["Hãy nhập lại các số tiền của dòng này (bấm “Giữ nguyên” cho ô đúng)."])

    def _paste(self, state: FormState, text: str, default_group: str | None = None) -> StepResult:
        step, spec, _ = self._table(state)
        result, groups = paste_rows(spec, text)
        if result.errors:
            shown = [e.message for e in result.errors[:10]]
            more = len(result.errors) - len(shown)
            msg = "Chưa ghi dòng nào vì có lỗi:\n" + "\n".join(f"- {m}" for m in shown)
            if more > 0:
                msg += f"\n… và {more} lỗi khác."
            msg += "\nHãy sửa rồi dán lại."
            state.pending = {"last_paste": text}
            return self._result(state, error=msg)
        if not result.rows:
            return self._result(state, error="Không tìm thấy dòng nào trong nội dung vừa dán.")
        leaves = spec.leaf_groups()
        if len(leaves) == 1:
            default_group = leaves[0].code
        rows = []
        for cells, g in zip(result.rows, groups):
            row: dict[str, Any] = {"cells": cells}
            if spec.groups:
                row = {"group": g or default_group, "cells": cells}
            rows.append(row)
        warnings = [f"Dòng {i}: {w}" for i, r in enumerate(rows, 1) for w in row_warnings(spec, r["cells"])]
        state.pending = {"rows": rows, "warnings": warnings, "raw": text}
        if spec.groups and any(r.get("group") is None for r in rows):
            state.mode = "paste_group"
        else:
            state.mode = "paste_confirm"
        return self._result(state)

    def _on_paste_group(self, state: FormState, text: str) -> StepResult:
        _, spec, _ = self._table(state)
        try:
            group = match_group(spec, text)
        except ParseError as exc:
            return self._result(state, error=exc.text)
        rows = [r if r.get("group") else {**r, "group": group.code} for r in state.pending.get("rows") or []]
        state.pending = {**state.pending, "rows": rows}
        state.mode = "paste_confirm"
        return self._result(state)

    def _on_paste_confirm(self, state: FormState, text: str) -> StepResult:
        try:
            yes = parse_yesno(text).value
        except ParseError as exc:
            return self._result(state, error=exc.text)
        step, spec, rows = self._table(state)
        new_rows = state.pending.get("rows") or []
        raw = state.pending.get("raw")
        state.mode, state.pending = "table", {}
        if not yes:
            return self._result(state, [f"Đã bỏ {len(new_rows)} dòng vừa dán."])
        for row in new_rows:
            rows, _ = insert_row(rows, row, spec)
        change = self._store(state, step.path, rows, raw)
        return self._result(state, [f"Đã ghi {len(new_rows)} dòng; bảng có {len(rows)} dòng."], [change])

    def _row_op(self, state: FormState, name: str, arg: str | None) -> StepResult:
        step, spec, rows = self._table(state)
        if spec is None:
            return self._result(state, error="Câu hiện tại không phải là bảng.")
        if name == "list_rows":
            return self._result(state, [list_rows(spec, rows)])
        try:
            index = parse_row_number(arg or "", len(rows))
        except ParseError as exc:
            return self._result(state, error=exc.text)
        if name == "delete_row":
            removed = rows[index]
            rows = rows[:index] + rows[index + 1:]
            change = self._store(state, step.path, rows, None)
            return self._result(state, [f"Đã xóa dòng {describe_row(spec, removed, index + 1)}"], [change])
        row = rows[index]
        return self._start_row(state, row.get("group"), index, row.get("cells") or {})

    # ------------------------------------------------------------------ commands

    def _command(self, state: FormState, name: str, arg: str | None, raw: str | None) -> StepResult:
        name = {"edit": "goto", "sua": "goto", "finish_form": "finish", "keep": "skip", "yes": "answer"}.get(name, name)
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
        if name in ("clear", "undo") and state.mode == "longtext":
            buffer = list(state.pending.get("buffer") or [])
            buffer = [] if name == "clear" else buffer[:-1]
            state.pending = {"buffer": buffer}
            return self._result(state, [f"Đã xóa; còn {len(buffer)} đoạn."])
        if name == "add_instance":
            return self._add_instance(state, arg)
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


def parse_text_piece(text: str) -> str:
    """One paragraph of a long answer, cleaned (control characters removed, NFC)."""
    from forms.text import clean_user_text

    return re.sub(r"[ \t]+\n", "\n", clean_user_text(text))
