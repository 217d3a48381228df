"""What a table question shows while it waits: the guide while the table is empty, a running total
and what can be typed once it has rows, and, for an indicator table (``fixed_rows``), which given row
comes next."""

from __future__ import annotations

from typing import Any

from forms.compute import table_total
from forms.engine.tables import column_phrase, column_title, format_cell, unfilled_groups
from forms.table_schema import BULLETS, TableSpec

__all__ = ["running_total", "table_menu"]


def running_total(spec: TableSpec, rows: list[dict[str, Any]]) -> str:
    """"Đã có 3 dòng; tổng mức đầu tư 20.000 triệu đồng." — the table in one line."""
    line = f"Đã có {len(rows)} dòng"
    if rows and spec.sum_columns:
        col = spec.sum_columns[0]
        line += f"; {column_phrase(col)} {format_cell(col, spec, table_total(spec, rows).get(col.id, 0))}"
    return line + "."


def _fixed_menu(spec: TableSpec, rows: list[dict[str, Any]]) -> str:
    """An indicator table (``fixed_rows``): the given rows are filled across; a value typed now is the
    next empty row's first column (the engine walks the rest), or the whole table is pasted."""
    todo, total = unfilled_groups(spec, rows), len(spec.leaf_groups())
    cols = "; ".join(f"({i}) {column_title(c)}" for i, c in enumerate(spec.input_columns, 1))
    if not todo:
        return f"Đã điền đủ {total} dòng chỉ tiêu. Sửa một ô: “dòng 1 {column_phrase(spec.input_columns[0])} …”; " \
               "“danh sách” để xem bảng; “xong” để sang câu tiếp."
    first = spec.group(todo[0])
    return "\n".join([
        f"Biểu có {total} dòng chỉ tiêu có sẵn; đã điền {total - len(todo)}. Ông/bà có thể:",
        f"• gõ ngay {column_phrase(spec.input_columns[0])} của dòng “{_named(spec, first)}”: tôi hỏi lần lượt "
        "từng cột, từng dòng;",
        f"• dán cả bảng: mỗi dòng chỉ tiêu một hàng, các ô cách nhau bằng Tab, “;” hoặc “|”; thứ tự cột: {cols};",
        "• “danh sách” để xem bảng; “xong” khi đã nhập hết.",
    ])


def table_menu(spec: TableSpec, rows: list[dict[str, Any]]) -> str:
    """What the table step shows: the full guide while the table is empty, then one running total
    line and one line of what can be typed (the rows themselves only on “xem”/“danh sách”)."""
    if spec.fixed_rows:
        return _fixed_menu(spec, rows)
    if rows:
        example = "dòng 1 " + " ".join(_words_of(spec.sum_columns[0].label if spec.sum_columns else spec.input_columns[-1].label)[:2])
        return "\n".join([
            running_total(spec, rows),
            f"Gõ “thêm” hoặc dán thêm dòng; sửa một ô: “{example} …”; “danh sách” để xem bảng; “xong” khi đã nhập hết.",
        ])
    cols = "; ".join(f"({i}) {column_title(c)}" for i, c in enumerate(spec.input_columns, 1))
    group_note = " Ô đầu của mỗi dòng có thể là mã nhóm (ví dụ I.1)." if spec.groups else ""
    lines = ["Bảng chưa có dòng nào. Ông/bà có thể:"]
    lines.append("• gõ “thêm” để thêm một dòng (hỏi từng cột);")
    lines.append("• dán nhiều dòng cùng lúc: mỗi dòng một hàng, các ô cách nhau bằng Tab, “;” hoặc “|”." + group_note
                 + " Thứ tự cột: " + cols + ";")
    lines.append("• “sửa dòng 2”, “xóa dòng 2”, “danh sách” để xem các dòng;")
    lines.append("• “xong” khi đã nhập hết.")
    return "\n".join(lines)


def _words_of(label: str) -> list[str]:
    return [w.lower() if w[1:].islower() or len(w) == 1 else w for w in label.split()]


def _named(spec: TableSpec, group) -> str:
    """"2. Số hồ sơ đã giải quyết", or for a bullet sub-row "Số hồ sơ tiếp nhận – Trực tuyến"."""
    return spec.row_title(group.code) if group.number in BULLETS else f"{group.number}. {group.label}"
