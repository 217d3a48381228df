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
* Long text ends with the message: one message is the whole answer, stored at once, and the form
  moves on; the reply and the next prompt offer “Viết thêm” (``write_more``), and a next message
  starting with “+” appends a paragraph to that answer (the cursor stays).  After “Viết thêm” (or
  back in an unfinished answer) every message is one paragraph appended to a buffer kept in the
  state, stored on “xong” (``/xong``, ``done``, or a message whose last line is “xong”); ``skip``
  with a non-empty buffer also stores it; ``clear`` empties it.  Paragraph and character counts
  come from one function (``forms.parsers.text_stats``) everywhere.  A bare “xong” is never stored
  as a text answer.
* Tables: the table step is a menu: “thêm” walks the input columns of a new row (after choosing
  a leaf group when there are several), “sửa dòng N”/“xóa dòng N”, “danh sách”; one typed row
  (“I.1; Tên; …”) is stored at once, a paste of several rows is shown back for confirmation,
  “xong” leaves the table.  A row that breaks a check (sources above Tổng mức đầu tư) is stored
  only after the user confirms.  The menu shows a running total, not the rows.
* One cell in one message (anywhere in the form): “dòng 1.1 tổng mức 12 tỷ”, “/sua I.1.1 tong_muc
  12 tỷ” (see ``forms.engine.cell_edit``); the cursor does not move.
* Repeating sections: after the last instance the engine asks whether to add another one;
  ``add_instance`` (arg: section code) reopens a finished section.
* Navigation: ``back`` returns to the previous step (or column); ``goto CODE`` jumps to a field
  ("3.1", "II.2", "HT[2].II.2" or a section code), and after that answer the walk resumes at
  the first step not yet visited.  ``cancel`` marks the form cancelled (answers are kept).
* Commands are those of :mod:`forms.commands` (one vocabulary with the bot); in a long answer every
  command first stores the acknowledged paragraphs (navigation never drops text).
"""

from __future__ import annotations

from typing import Any, Callable

from forms import commands
from forms.engine.cell_edit import CellEdits
from forms.engine.navigation import Navigation
from forms.engine.prompts import build_prompt
from forms.engine.review import missing_required, review_text
from forms.engine.state import FormState, Prompt, StepResult, get_value, is_empty
from forms.engine.tables import is_paste
from vntext.text import fold, is_done, word_key

__all__ = ["FormEngine"]

#: The only words that close a table typed as text (besides the “Xong” button): "tiếp", "ok",
#: "hết" or "kết thúc" must not close a table the user is still filling.
_TABLE_DONE_WORDS = {"xong", "xong bang", "xong roi", "da xong", "hoan thanh"}

#: Bare words that could mean "next", "skip" or "done": in a free-text answer or a table menu
#: they are neither stored nor obeyed; the user is told what to type instead.
_AMBIGUOUS_WORDS = {"tiep", "tiep theo", "tiep tuc", "di tiep", "ok", "oke", "okay", "next", "sang cau tiep"}


def _command_key(text: str) -> str:
    """The text as compared with the word sets above: :func:`vntext.text.word_key` ("Xong nhé!" → "xong"),
    without a leading "/" and with "_" as a space."""
    f = fold(text)
    if f.startswith("/"):
        f = f[1:].replace("_", " ")
    return word_key(f)


def engine_command(text: str) -> tuple[str, str | None] | None:
    """The command of :mod:`forms.commands` that ``text`` gives the engine (the bot's own
    commands — start, fill, drafts... — are not the engine's; "trợ giúp" is both)."""
    cmd = commands.parse(text)
    if cmd is None or (commands.COMMANDS[cmd[0]].scope == "global" and cmd[0] != "help"):
        return None
    return cmd


class FormEngine(Navigation, CellEdits):
    """Walks one template.  Stateless itself: every call takes and returns a :class:`FormState`."""

    # ------------------------------------------------------------------ public API

    def start(self, prefill: dict[str, Any] | None = None, reference: str | None = None,
              skip_prefilled: bool = False) -> FormState:
        """A new state at the first question.  ``prefill`` answers (same JSON contract) are
        kept and shown as the current value of their questions, which the user may keep; with
        ``skip_prefilled`` (answers taken from the request that opened the form) the walk passes
        over them once instead.  ``reference`` (ISO date) is the date months without a year are
        read against."""
        answers: dict[str, Any] = {}
        for key, value in (prefill or {}).items():
            if key in self.plan.refs or key in self.plan.repeats:
                answers[key] = value
        state = FormState(template_id=self.template.id, answers=answers, reference=reference)
        steps = self.plan.steps(state.answers, state.closed)
        if skip_prefilled:
            state.prefilled = [s.path for s in steps if s.field is not None and s.field.type != "table"
                               and not is_empty(get_value(answers, s.path))]
        self._enter(state, self._past_prefilled(state, steps[0] if steps else None, steps))
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
        more_for = state.pending.get("more_for")
        if more_for and text.lstrip().startswith("+") and not (state.mode == "longtext" and state.cursor == more_for):
            return self._append_paragraph(state, more_for, text)
        edit = self._cell_edit(state, text)
        if edit is not None:
            return edit
        if state.mode == "table" and is_paste(text) and not text.strip().startswith("/"):
            return self._paste(state, text)  # pasted rows win over command words ("Thêm mới …; 100")
        folded = _command_key(text)
        if state.mode == "row" and is_done(text):
            return self._command(state, "done", None, raw=text)  # "xong" in a row's text column: the row ends
        if state.mode == "table":
            if folded in _TABLE_DONE_WORDS:
                return self._command(state, "done", None, raw=text)
            if folded in _AMBIGUOUS_WORDS or folded in ("het", "ket thuc"):
                return self._result(state, error=(
                    f"Bảng chưa đóng (“{text.strip()[:30]}” không phải lệnh kết thúc bảng). Gõ “xong” (hoặc chọn "
                    "“Xong”) khi đã nhập hết các dòng; gõ “thêm” để thêm dòng hoặc dán các dòng."))
        collecting = state.mode == "longtext" and bool(state.pending.get("buffer") or state.pending.get("more"))
        if state.mode != "table" and folded in _AMBIGUOUS_WORDS and self._is_free_text_mode(state):
            return self._result(state, error=(
                f"Chưa ghi “{text.strip()[:30]}” vào câu trả lời. Muốn bỏ qua câu này, gõ “bỏ qua”"
                + ("; nếu đã gửi hết nội dung, gõ “xong”" if collecting else "")
                + "; muốn trả lời, hãy gõ nội dung."))
        if is_done(text) and not collecting and self._is_free_text_mode(state):
            # "xong" out of habit after a long answer that ended with its message: never an answer
            done_with = state.pending.get("more_for")
            step = self.plan.step_for(done_with, state.answers, state.closed) if done_with else None
            if step is not None:
                return self._result(state, [f"Câu {self.plan.short_name(step)} đã được ghi; mời ông/bà trả lời câu tiếp theo."])
            return self._result(state, error=(
                f"Chưa ghi “{text.strip()[:30]}” vào câu trả lời. Muốn bỏ qua câu này, gõ “bỏ qua”; "
                "muốn trả lời, hãy gõ nội dung."))
        cmd = engine_command(text)
        if cmd is None and state.mode == "longtext" and is_done(text):
            cmd = ("done", None)
        if cmd is not None and self._command_applies(state, *cmd):
            return self._command(state, cmd[0], cmd[1], raw=text)
        if cmd is not None and cmd[1] is None and commands.COMMANDS[cmd[0]].scope in ("table", "longtext") \
                and state.mode in ("field", "longtext"):
            # "xóa hết", "thêm dòng"… typed where they do nothing: a command word, never an answer
            return self._result(state, error=(
                f"“{text.strip()[:30]}” là lệnh dùng khi "
                + ("nhập bảng" if commands.COMMANDS[cmd[0]].scope == "table" else "đang viết nhiều đoạn")
                + "; chưa ghi vào câu trả lời. Muốn trả lời, hãy gõ nội dung."))
        handler = self._mode_handlers().get(state.mode)
        if handler is None:
            # Every question answered: free text has nowhere to go.  Say so (never drop it silently);
            # the caller logs the raw text with the error.
            return self._result(state, error=(
                "Nội dung vừa gõ CHƯA được ghi vào biểu mẫu vì ông/bà đã trả lời đủ các câu. "
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
