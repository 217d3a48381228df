"""Building the Vietnamese prompt for the engine's current state.

Why: the question text, its progress ("câu 5/23"), the per-instance progress of a repeating
section, the type hint, the example and the suggested buttons are all derived from the state;
keeping that here leaves ``core.py`` to the handling of inputs.
"""

from __future__ import annotations

from forms import commands
from forms.engine.plan import Plan, Step
from forms.engine.table_menu import table_menu
from forms.engine.review import display_value, missing_names, missing_required
from forms.engine.state import Choice, FormState, Prompt, get_value, is_empty, parse_path
from forms.engine.tables import column_title, column_unit, describe_row, format_cell, group_label
from forms.parsers import format_number, joined_paragraphs, text_stats
from forms.schema import Column, Field, TableSpec

__all__ = ["build_prompt", "type_hint", "type_example", "progress", "button_label", "NAV_BUTTONS", "BUTTON_MAX"]

#: Longest button label (Telegram shows about this much on a phone; the bot cuts at 40 too).
BUTTON_MAX = 40


def button_label(text: str, limit: int = BUTTON_MAX) -> str:
    """``text`` within ``limit`` characters, cut at a word boundary with "…" (never mid-word)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if text[limit - 1] != " " and " " in head:
        head = head[: head.rindex(" ")]
    return head.rstrip(" ,;:.(") + "…"


#: Button labels of the navigation commands (from the one command table), and "Giữ nguyên" for skip
#: on a question that already has an answer.
NAV_BUTTONS = {name: commands.label(name) for name in ("skip", "back", "review", "help", "done")} | {"keep": "Giữ nguyên"}


#: Per type: (hint without an example, the generic accepted example).  The hint alone is shown
#: when the field has its own example, so the two never contradict ("ví dụ 12" vs "Ví dụ: 2019").
_TYPE_HINTS: dict[str, tuple[str, str]] = {
    "integer": ("Nhập một số nguyên.", "12"),
    "year": ("Nhập năm.", "2019"),
    "number": ("Nhập một số.", "1,5"),
    "date": ("Nhập ngày (ngày/tháng/năm).", "15/5/2019 hoặc ngày 15 tháng 5 năm 2019"),
    "month": ("Nhập tháng (tháng/năm).", "6/2019 hoặc tháng 6 năm 2019"),
    "year_range": ("Nhập giai đoạn (năm bắt đầu-năm kết thúc).", "2019-2020"),
    "period": ("Nhập kỳ báo cáo (tháng, quý, 6 tháng, năm hoặc giai đoạn).",
               "tháng 6/2019, quý II/2019, 6 tháng đầu năm 2019"),
}


def type_example(kind: str) -> str | None:
    """The generic example of an accepted answer for a field type (None when there is none)."""
    if kind == "money":
        return "1,5 tỷ, 200 triệu, 15tr, 2 tỷ 300 triệu"
    entry = _TYPE_HINTS.get(kind)
    return entry[1] if entry else None


def type_hint(kind: str, unit: str | None = None, options: tuple[str, ...] | list[str] = (),
              with_example: bool = True) -> str:
    """One line telling what kind of answer is expected.

    With ``with_example`` (the default) the line ends with a generic accepted example; pass False
    when the field shows its own example ("Ví dụ: 2019"), so the prompt never shows two examples
    that contradict each other.
    """
    unit_note = f" Đơn vị: {unit}." if unit else ""
    if kind == "money":
        base = f"Nhập số tiền (đơn vị: {unit or 'triệu đồng'})"
        if with_example:
            return base + f"; có thể gõ {type_example('money')}."
        return base + "; có thể gõ kèm tỷ, triệu, nghìn."
    if kind in _TYPE_HINTS:
        hint, example = _TYPE_HINTS[kind]
        if with_example:
            hint = hint[:-1] + f", ví dụ {example}."
        return hint + (unit_note if kind in ("integer", "number") else "")
    if kind == "choice":
        return "Chọn bằng số thứ tự hoặc gõ tên lựa chọn:\n" + "\n".join(f"{i}. {o}" for i, o in enumerate(options, 1))
    if kind == "yesno":
        return "Trả lời có hoặc không."
    if kind == "longtext":
        return "Gửi toàn bộ nội dung trong một tin nhắn (có thể xuống dòng giữa các đoạn)."
    return ""


def progress(plan: Plan, state: FormState, steps: list[Step]) -> tuple[tuple[int, int], str]:
    """("câu k/N" numbers, per-instance text) for the cursor."""
    questions = [s for s in steps if s.is_question]
    total = len(questions)
    index = 0
    for i, s in enumerate(questions, 1):
        if s.path == state.cursor:
            index = i
            break
    if index == 0 and state.cursor is not None:
        index = min(total, sum(1 for s in questions if s.path in state.visited) + 1)
    extra = ""
    p = parse_path(state.cursor) if state.cursor else None
    if p is not None and p.section is not None and p.index is not None:
        section = plan.repeats.get(p.section)
        inner = [s for s in questions if s.section is not None and s.section.code == p.section and s.index == p.index]
        k = next((i for i, s in enumerate(inner, 1) if s.path == state.cursor), 0)
        label = section.repeat.label if section and section.repeat else p.section
        extra = f"{label.capitalize()} thứ {p.index}"
        if (k, len(inner)) != (index, total):  # the count inside the instance, when it says something new
            extra += f" — câu {k}/{len(inner)}"
    return (index, total), extra


def _nav(state: FormState, answered: bool, extra: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    buttons = list(extra or [])
    buttons.append((NAV_BUTTONS["keep"], "skip") if answered else (NAV_BUTTONS["skip"], "skip"))
    if state.history:
        buttons.append((NAV_BUTTONS["back"], "back"))
    buttons.append((NAV_BUTTONS["review"], "review"))
    buttons.append((NAV_BUTTONS["help"], "help"))
    return buttons


def _field_prompt(plan: Plan, state: FormState, step: Step, steps: list[Step]) -> Prompt:
    f = step.field
    assert f is not None
    (k, n), extra = progress(plan, state, steps)
    value = get_value(state.answers, step.path)
    code = parse_path(step.path).code or f.code
    shown = plan.shown_code(step)
    lines = [f"Câu {k}/{n} · " + (f"{extra} · " if extra else "") + (f"{shown}. " if shown else "") + f.label]
    collecting = state.mode == "longtext" and bool(state.pending.get("buffer"))
    if f.help and not collecting:  # while paragraphs come in, the question was read already: status only
        lines.append(f.help)
    hint = type_hint(f.type, f.effective_unit, f.options, with_example=not f.example)
    if f.type != "table" and hint and not collecting:
        lines.append(hint)
    if f.example and not collecting:
        lines.append(f"Ví dụ: {f.example}")
    answered = not is_empty(value)
    if answered and f.type != "table" and not collecting:
        lines.append(f"Hiện có: {display_value(f, value)} — gõ giá trị mới hoặc chọn “Giữ nguyên”.")
    if not f.required:
        lines.append("(Không bắt buộc — có thể bỏ qua.)")
    extra_buttons: list[tuple[str, str]] = []
    if f.type == "choice":
        extra_buttons = [(o, f"answer {i}") for i, o in enumerate(f.options, 1)]
    elif f.type == "yesno":
        extra_buttons = [("Có", "answer có"), ("Không", "answer không")]
    if state.mode == "longtext":
        buffer = state.pending.get("buffer") or []
        if buffer or state.pending.get("more"):
            paragraphs, chars = text_stats(joined_paragraphs(buffer))
            last = " ".join(buffer[-1].split()) if buffer else ""
            last = last if len(last) <= 80 else last[:79] + "…"
            lines.append(f"Đã nhận {paragraphs} đoạn ({format_number(chars)} ký tự)"
                         + (f"; đoạn cuối: “{last}”" if last else "")
                         + ". Gửi tiếp đoạn sau (mỗi tin một đoạn) hoặc gõ “xong”; “xóa hết” để viết lại.")
            extra_buttons = [(NAV_BUTTONS["done"], "done")]
    if f.type == "table" and f.table is not None:
        return _table_prompt(plan, state, step, steps, (k, n), extra)
    return Prompt(
        code=code, path=step.path, label=f.label, text="\n".join(lines), progress=(k, n), type=f.type,
        options=list(f.options) if f.type == "choice" else (["Có", "Không"] if f.type == "yesno" else []),
        help=f.help, example=f.example, source=f.source, buttons=_nav(state, answered, extra_buttons),
        required=f.required,
    )


def _column_prompt(spec: TableSpec, col: Column, state: FormState) -> list[str]:
    inputs = spec.input_columns
    idx = [c.id for c in inputs].index(col.id) + 1
    pending = state.pending
    what = "Sửa dòng" if pending.get("index") is not None else "Dòng mới"
    where = f" [{group_label(spec, pending.get('group'))}]" if pending.get("group") else ""
    if spec.fixed_rows and pending.get("group"):  # a given row: which of them, and its own unit
        codes = [g.code for g in spec.leaf_groups()]
        what = f"Dòng {codes.index(pending['group']) + 1}/{len(codes)}" if pending["group"] in codes else what
        given = [v for _, v in spec.group(pending["group"]).cells if v] if pending["group"] in codes else []
        where += f" ({', '.join(given)})" if given else ""
    lines = [f"{what}{where} — cột {idx}/{len(inputs)}: {column_title(col)}"]
    if col.help:
        lines.append(col.help)
    hint = type_hint(col.type, column_unit(col, spec), col.options, with_example=not col.example)
    if hint and col.type != "longtext":
        lines.append(hint)
    if col.example:
        lines.append(f"Ví dụ: {col.example}")
    current = (pending.get("cells") or {}).get(col.id)
    if current not in (None, ""):
        lines.append(f"Hiện có: {format_cell(col, spec, current)} — gõ giá trị mới hoặc chọn “Giữ nguyên”.")
    elif not col.required:
        lines.append("(Không bắt buộc — có thể bỏ qua.)")
    return lines


def _table_prompt(plan: Plan, state: FormState, step: Step, steps: list[Step], prog: tuple[int, int], extra: str) -> Prompt:
    f = step.field
    assert f is not None and f.table is not None
    spec = f.table
    rows = get_value(state.answers, step.path) or []
    code = parse_path(step.path).code or f.code
    shown = plan.shown_code(step)
    head = [f"Câu {prog[0]}/{prog[1]} · " + (f"{extra} · " if extra else "") + (f"{shown}. " if shown else "") + f.label]
    mode = state.mode
    options: list[str] = []
    buttons: list[tuple[str, str]] = []
    if mode == "row_group" or mode == "paste_group":
        intro = "Chọn nhóm cho dòng mới:" if mode == "row_group" else "Các dòng vừa dán chưa có nhóm. Chọn nhóm cho chúng:"
        body = [intro]  # the groups are the prompt's options: every adapter shows them once (buttons or a list)
        options = [f"{g.code} {g.label}" for g in spec.leaf_groups()]
        buttons = [(o, f"answer {i}") for i, o in enumerate(options, 1)] + [(NAV_BUTTONS["back"], "back")]
    elif mode == "row":
        col = spec.column(state.pending["col"])
        body = _column_prompt(spec, col, state)
        if col.type == "choice":
            options = list(col.options)
            buttons = [(o, f"answer {i}") for i, o in enumerate(col.options, 1)]
        current = (state.pending.get("cells") or {}).get(col.id)
        buttons += [
            (NAV_BUTTONS["keep"] if current not in (None, "") else NAV_BUTTONS["skip"], "skip"),
            (NAV_BUTTONS["back"], "back"),
            (NAV_BUTTONS["help"], "help"),
        ]
    elif mode == "row_warn":
        body = ["Cảnh báo:"] + list(state.pending.get("warnings") or []) + ["Vẫn ghi dòng này? (có/không)"]
        options = ["Có", "Không"]
        buttons = [("Có, vẫn ghi", "answer có"), ("Không, sửa lại", "answer không")]
    elif mode == "paste_confirm":
        prow = state.pending.get("rows") or []
        body = [f"Ông/bà vừa dán {len(prow)} dòng:"]
        body += [describe_row(spec, r, i) for i, r in enumerate(prow, 1)]
        for w in state.pending.get("warnings") or []:
            body.append(f"⚠ {w}")
        body.append(f"Ghi {len(prow)} dòng này vào bảng? (có/không)")
        options = ["Có", "Không"]
        buttons = [("Có, ghi", "answer có"), ("Không", "answer không")]
    else:
        body = ([f.help] if f.help and not rows else []) + [table_menu(spec, rows)]  # help once, while empty
        buttons = [("Thêm dòng", "add_row"), ("Danh sách", "list_rows"), (NAV_BUTTONS["done"], "done")]
        if state.history:
            buttons.append((NAV_BUTTONS["back"], "back"))
        buttons += [(NAV_BUTTONS["review"], "review"), (NAV_BUTTONS["help"], "help")]
    return Prompt(
        code=code, path=step.path, label=f.label, text="\n".join(head + body), progress=prog, type="table",
        options=options, help=f.help, example=f.example, source=f.source, buttons=buttons, required=f.required,
    )


def _repeat_prompt(plan: Plan, state: FormState, step: Step, steps: list[Step]) -> Prompt:
    section = step.section
    assert section is not None and section.repeat is not None
    rep = section.repeat
    n = plan.instance_count(state.answers, section)
    (k, total), _ = progress(plan, state, steps)
    lines = [f"Đã xong {rep.label} thứ {n}."]
    if rep.note:
        lines.append(rep.note)
    lines.append(f"Thêm một {rep.label} nữa? (có/không)")
    return Prompt(
        code=section.code, path=step.path, label=f"Thêm {rep.label}", text="\n".join(lines), progress=(k, total),
        type="yesno", options=["Có", "Không"],
        buttons=[(f"Thêm {rep.label}", "answer có"), ("Không, đi tiếp", "answer không"), (NAV_BUTTONS["back"], "back"),
                 (NAV_BUTTONS["review"], "review")],
    )


def _end_prompt(plan: Plan, state: FormState, steps: list[Step]) -> Prompt:
    missing = missing_required(plan, state.answers, state.closed)
    total = sum(1 for s in steps if s.is_question)
    if missing:
        text = (
            f"Còn {len(missing)} câu bắt buộc chưa trả lời: {missing_names(plan, missing, 10)}.\n"
            "Chọn một câu bên dưới hoặc gõ nội dung để trả lời câu đầu tiên; “xem lại” để xem toàn bộ."
        )
        buttons = [(button_label("Trả lời: " + plan.display_name(m)), f"goto {m.path}") for m in missing[:5]]
        buttons.append((NAV_BUTTONS["review"], "review"))
        return Prompt(None, None, "Còn thiếu", text, (total, total), buttons=buttons, done=False)
    text = (
        "Ông/bà đã trả lời đủ các câu. Gõ “xem lại” để kiểm tra, “sửa <mã câu>” để sửa, "
        "hoặc “xong” để xuất báo cáo."
    )
    return Prompt(None, None, "Hoàn thành", text, (total, total),
                  buttons=[(NAV_BUTTONS["review"], "review"), ("Xuất báo cáo", "finish")], done=True)


def _choices(buttons: list[tuple[str, str]], confirming: bool) -> list[Choice]:
    out = []
    for label, command in buttons:
        name, _, arg = command.partition(" ")
        if name == "finish" or (name == "answer" and confirming):
            role = "confirm"
        else:
            role = "answer" if name == "answer" else "nav"
        out.append(Choice(label, name, role, arg or None))
    return out


def build_prompt(plan: Plan, state: FormState, steps: list[Step] | None = None) -> Prompt:
    """The prompt for ``state`` (the end-of-form prompt when every step was visited).

    Choices the last step offered come first: the columns (or rows) an ambiguous cell edit may
    mean (``pending["ask"]``), and “Viết thêm” after a long answer stored in one message."""
    prompt = _build_prompt(plan, state, steps)
    prompt.choices = _choices(prompt.buttons, confirming=state.mode in ("row_warn", "paste_confirm"))
    extra = [Choice(label, command, "nav", arg) for label, command, arg in state.pending.get("ask") or []]
    if state.pending.get("more_for"):
        extra.append(Choice(commands.label("write_more"), "write_more", "nav", None))
    if extra:
        prompt.choices = extra + prompt.choices
    return prompt


def _build_prompt(plan: Plan, state: FormState, steps: list[Step] | None) -> Prompt:
    steps = steps if steps is not None else plan.steps(state.answers, state.closed)
    if state.mode == "cancelled":
        return Prompt(None, None, "Đã hủy", "Biểu mẫu này đã bị hủy.", (0, 0), done=False)
    if state.cursor is None or state.mode == "end":
        return _end_prompt(plan, state, steps)
    step = next((s for s in steps if s.path == state.cursor), None)
    if step is None:
        return _end_prompt(plan, state, steps)
    if step.field is None:
        return _repeat_prompt(plan, state, step, steps)
    return _field_prompt(plan, state, step, steps)


def field_help(step: Step, field: Field, column: Column | None = None) -> str:
    """Help for the current field (or table column): help text, example and the source quote."""
    lines: list[str] = []
    target_label = column_title(column) if column is not None else field.label
    lines.append(f"Hướng dẫn — {target_label}")
    help_text = (column.help if column is not None else "") or field.help
    if help_text:
        lines.append(help_text)
    example = (column.example if column is not None else None) or field.example
    if example:
        lines.append(f"Ví dụ: {example}")
    if field.source:
        lines.append(f"Trích văn bản: “{field.source}”")
    lines.append(
        "Lệnh: “bỏ qua”, “quay lại”, “xem lại”, “sửa <mã câu>” (ví dụ sửa I.3), “hủy”."
    )
    return "\n".join(lines)
