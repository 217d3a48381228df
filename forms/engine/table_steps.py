"""Engine steps of a table question: the menu, a row walked column by column, pastes, row commands.

The table step is a menu: “thêm” walks the input columns of a new row (after choosing a leaf
group when there are several), “sửa dòng N”/“xóa dòng N”, “danh sách”, a paste of several lines is
parsed and shown back for confirmation, “xong” leaves the table.  A row that breaks a check
(sources above Tổng mức đầu tư) is stored only after the user confirms.
"""

from __future__ import annotations

from typing import Any, Callable

from forms.engine.base import EngineBase
from forms.engine.state import FormState, StepResult, is_empty
from forms.engine.tables import (
    cell_summary,
    describe_row,
    describe_value,
    short_row,
    insert_row,
    is_none_cell,
    is_paste,
    list_rows,
    match_group,
    parse_cell,
    parse_row_number,
    paste_rows,
    row_warnings,
    unfilled_groups,
)
from forms.parsers import ParseError, parse_yesno
from forms.table_schema import RowGroup

__all__ = ["TableSteps"]


class TableSteps(EngineBase):
    """Filling the table at the cursor."""

    def _on_table(self, state: FormState, text: str) -> StepResult:
        if is_paste(text):
            return self._paste(state, text)
        _, spec, rows = self._table(state)
        if spec is not None and spec.fixed_rows and unfilled_groups(spec, rows) and (
                self._fits_first(spec, text, state) or text.strip()[:1].isdigit()):  # "12oo": a value mistyped
            self._add_row(state, None)  # a value typed at an indicator table: the next empty row's first column
            return self._on_row(state, text)
        return self._result(state, error="Chưa hiểu. Gõ “thêm” để thêm dòng, dán các dòng, hoặc “xong” để sang câu tiếp.")

    @staticmethod
    def _fits_first(spec: Any, text: str, state: FormState) -> bool:
        """Whether ``text`` is a value of the table's first input column (not a question or a stray word)."""
        try:
            parse_cell(spec.input_columns[0], spec, text, state.reference)
        except ParseError:
            return False
        return True

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
        if spec.fixed_rows and not arg:  # the next given row still empty (else the first)
            _, _, rows = self._table(state)
            todo = unfilled_groups(spec, rows)
            return self._start_row(state, todo[0] if todo else leaves[0].code, None, {})
        if len(leaves) == 1:
            return self._start_row(state, leaves[0].code, None, {})
        if arg:
            return self._on_row_group(state, arg)
        state.mode, state.pending = "row_group", {}
        return self._result(state)

    def _on_row_group(self, state: FormState, text: str) -> StepResult:
        return self._with_group(state, text, lambda group: self._start_row(state, group.code, None, {}))

    def _with_group(self, state: FormState, text: str, then: Callable[[RowGroup], StepResult]) -> StepResult:
        """Run ``then(group)`` with the leaf group ``text`` names, or say which groups there are."""
        _, spec, _ = self._table(state)
        try:
            group = match_group(spec, text)
        except ParseError as exc:
            return self._result(state, error=exc.text)
        return then(group)

    def _on_row(self, state: FormState, text: str) -> StepResult:
        step, spec, _ = self._table(state)
        if spec.fixed_rows and is_paste(text):  # a block of given rows' values while one is walked
            state.mode, state.pending = "table", {}
            return self._paste(state, text)
        col = spec.column(state.pending["col"])
        if is_none_cell(col, text):
            if col.required:
                return self._result(state, error=f"Cột “{col.label}” là bắt buộc; hãy nhập giá trị." + (
                    f" Ví dụ: {col.example}" if col.example else ""))
            cells = {k: v for k, v in (state.pending.get("cells") or {}).items() if k != col.id}
            state.pending = {**state.pending, "cells": cells}
            return self._next_column(state, [f"{col.label}: Bỏ qua (không có)."])
        try:
            parsed = parse_cell(col, spec, text, state.reference)
        except ParseError as exc:
            return self._result(state, error=exc.text)
        cells = dict(state.pending.get("cells") or {})
        cells[col.id] = parsed.value
        state.pending = {**state.pending, "cells": cells}
        reply = [f"Đã nhận {describe_value(col, spec, parsed.value)}."]
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
        state.pending = {**state.pending, "advance": True}  # walked to the end (not "xong"): go on
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
        reply = reply + [f"{what} dòng {short_row(spec, row, pos + 1)}."]
        todo = unfilled_groups(spec, rows) if spec.fixed_rows and pending.get("advance") and index is None else []
        if todo:  # fixed rows: go on with the next given row, no "thêm" needed
            self._start_row(state, todo[0], None, {})
        return self._result(state, reply, [change])

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
        return self._result(state, ["Hãy nhập lại các số tiền của dòng này (chọn “Giữ nguyên” cho ô đúng)."])

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
        if spec.fixed_rows:  # lines without a row number fill the empty given rows in order
            given = set(groups)
            todo = iter([c for c in unfilled_groups(spec, self._table(state)[2]) if c not in given])
            groups = [g or next(todo, None) for g in groups]
        rows = []
        for cells, g in zip(result.rows, groups):
            row: dict[str, Any] = {"cells": cells}
            if spec.groups:
                row = {"group": g or default_group, "cells": cells}
            rows.append(row)
        warnings = [f"Dòng {i}: {w}" for i, r in enumerate(rows, 1) for w in row_warnings(spec, r["cells"])]
        if len(rows) == 1 and not warnings and (not spec.groups or rows[0].get("group")):
            return self._save_pasted_row(state, rows[0], text)  # one row in one message: no "có" needed
        state.pending = {"rows": rows, "warnings": warnings, "raw": text}
        if spec.groups and any(r.get("group") is None for r in rows):
            state.mode = "paste_group"
        else:
            state.mode = "paste_confirm"
        return self._result(state)

    def _save_pasted_row(self, state: FormState, row: dict[str, Any], raw: str) -> StepResult:
        """Store one typed row at once; the reply names it with its first money cell, so a wrong
        column shows at a glance (and “xóa dòng N” or a cell edit fixes it in one message)."""
        step, spec, rows = self._table(state)
        rows, pos = insert_row(rows, row, spec)
        change = self._store(state, step.path, rows, raw)
        state.mode, state.pending = "table", {}
        cells = row.get("cells") or {}
        money = next((c for c in spec.input_columns if c.type == "money" and cells.get(c.id) not in (None, "")), None)
        detail = f" — {describe_value(money, spec, cells[money.id])}" if money is not None else ""
        return self._result(state, [f"Đã thêm dòng {short_row(spec, row, pos + 1)}{detail}."], [change])

    def _on_paste_group(self, state: FormState, text: str) -> StepResult:
        return self._with_group(state, text, lambda group: self._group_pasted_rows(state, group.code))

    def _group_pasted_rows(self, state: FormState, group: str) -> StepResult:
        rows = [r if r.get("group") else {**r, "group": group} for r in state.pending.get("rows") or []]
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
