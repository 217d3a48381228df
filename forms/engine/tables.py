"""Table helpers for the form engine: cells, row groups, row listing, clerk's checks, paste.

Why: a table answer is a list of rows ``{"group": "I.1", "cells": {column id: value}}`` (the
answers JSON contract; "group" only when the table has row groups).  These pure functions
parse a cell in its column's type and unit, keep rows ordered by group, describe rows for the
user and check a row against the table's ``checks`` (``forms.compute.row_warnings``: sources exceeding Tổng mức đầu tư).
"""

from __future__ import annotations

import re
from typing import Any

from forms.parsers import (
    LONG_TEXT_MAX,
    ParseError,
    Parsed,
    PasteColumn,
    PasteResult,
    format_number,
    format_value,
    is_none_answer,
    parse_choice,
    parse_paste,
    parse_value,
    split_paste_line,
)
from forms.compute import row_warnings  # the clerk's checks live with the other table arithmetic
from forms.schema import Column, RowGroup, TableSpec
from forms.table_schema import BULLETS
from vntext.text import fold

__all__ = [
    "column_title",
    "column_phrase",
    "describe_value",
    "short_row",
    "row_title",
    "column_unit",
    "parse_cell",
    "format_cell",
    "row_warnings",
    "insert_row",
    "describe_row",
    "list_rows",
    "review_rows",
    "shorten",
    "group_label",
    "match_group",
    "group_menu",
    "paste_rows",
    "cell_summary",
    "is_none_cell",
    "is_paste",
    "parse_row_number",
]


def column_title(col: Column) -> str:
    """"Nguồn vốn › NSTW › Đầu tư" — the column's label with its grouped header path."""
    return " › ".join((*col.header, col.label))


def column_unit(col: Column, spec: TableSpec) -> str | None:
    """The unit a numeric cell is stored in: money columns default to the table's unit."""
    if col.type == "money":
        return col.unit or spec.unit
    return col.unit


def parse_cell(col: Column, spec: TableSpec, text: str, reference: Any = None) -> Parsed:
    """Parse one cell in its column's type and unit (long text limited like a long answer;
    ``reference``: the date a month without its year is read against)."""
    return parse_value(
        col.type,
        text,
        unit=column_unit(col, spec),
        options=col.options,
        max_len=LONG_TEXT_MAX if col.type == "longtext" else None,
        reference=reference,
    )


def format_cell(col: Column, spec: TableSpec, value: Any) -> str:
    """A stored cell value shown to the user."""
    return format_value(col.type, value, column_unit(col, spec))


def _group_order(spec: TableSpec) -> dict[str | None, int]:
    return {g.code: i for i, g in enumerate(spec.leaf_groups())}


def insert_row(rows: list[dict[str, Any]], row: dict[str, Any], spec: TableSpec) -> tuple[list[dict[str, Any]], int]:
    """A new rows list with ``row`` after the last row of its group (rows stay in group order).

    Returns the new list and the 0-based index of the inserted row.
    """
    new = list(rows)
    if not spec.groups:
        new.append(row)
        return new, len(new) - 1
    if spec.fixed_rows:  # a given row holds one line of values: a new one replaces it
        same = next((i for i, r in enumerate(new) if r.get("group") == row.get("group")), None)
        if same is not None:
            new[same] = row
            return new, same
    order = _group_order(spec)
    key = order.get(row.get("group"), len(order))
    pos = len(new)
    for i, r in enumerate(new):
        if order.get(r.get("group"), len(order)) > key:
            pos = i
            break
    new.insert(pos, row)
    return new, pos


def group_label(spec: TableSpec, code: str | None) -> str:
    """"I.1 Dự án ứng dụng CNTT" (or "" for a table without groups)."""
    if not code:
        return ""
    try:
        group = spec.group(code)
        if group.number in BULLETS:  # "I.1 Số hồ sơ tiếp nhận – Trực tuyến", not the internal "I.1.y1"
            return f"{code.rsplit('.', 1)[0]} {spec.row_title(code)}" if "." in code else group.label
        return f"{code} {group.label}"
    except KeyError:
        return code


def describe_row(spec: TableSpec, row: dict[str, Any], number: int) -> str:
    """One line per row: "3. [I.1] Cổng dịch vụ công — Tổng mức đầu tư: 1.500 triệu đồng; ..."."""
    if spec.fixed_rows and row.get("group"):
        return _given_row(spec, row, number)
    cells = row.get("cells") or {}
    parts = []
    first = True
    for col in spec.input_columns:
        if col.id not in cells or cells[col.id] in (None, ""):
            continue
        value = format_cell(col, spec, cells[col.id])
        if len(value) > 60:
            value = value[:57] + "…"
        parts.append(value if first else f"{column_title(col)}: {value}")
        first = False
    group = f"[{row['group']}] " if row.get("group") else ""
    head, *rest = parts or ["(trống)"]
    return f"{number}. {group}{head}" + (f" — {'; '.join(rest)}" if rest else "")


def list_rows(spec: TableSpec, rows: list[dict[str, Any]]) -> str:
    """All rows, under their group headings, numbered as the user refers to them."""
    if not rows:
        return "Bảng chưa có dòng nào."
    lines: list[str] = []
    if spec.groups:
        for group, depth in spec.all_groups():
            if not (spec.fixed_rows and group.is_leaf):  # a given row's own line names it
                lines.append(("  " * depth) + f"{group.code} {group.label}")
            if group.is_leaf:
                for i, row in enumerate(rows, 1):
                    if row.get("group") == group.code:
                        lines.append(("  " * (depth + (not spec.fixed_rows))) + describe_row(spec, row, i))
        orphans = [(i, r) for i, r in enumerate(rows, 1) if r.get("group") not in {g.code for g in spec.leaf_groups()}]
        for i, r in orphans:
            lines.append(describe_row(spec, r, i))
    else:
        lines.extend(describe_row(spec, row, i) for i, row in enumerate(rows, 1))
    return "\n".join(lines)


def shorten(text: str, limit: int = 60) -> str:
    """``text`` on one line, cut at about ``limit`` characters with "…" (at a word when possible)."""
    one = " ".join(str(text).split())
    if len(one) <= limit:
        return one
    cut = one[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit * 2 // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + "…"


def _short_title(col: Column) -> str:
    """A money column's title without its outermost header ("NSTW › Đầu tư", not "Nguồn vốn › …")."""
    path = (*col.header[1:], col.label) if len(col.header) >= 2 else (*col.header, col.label)
    return " › ".join(path)


def _given_row(spec: TableSpec, row: dict[str, Any], number: int) -> str:
    """A given row of an indicator table named by the template, then each value with its column:
    "1. Số hồ sơ tiếp nhận (Hồ sơ) — Kế hoạch: 1.200; Thực hiện: 1.150"."""
    try:
        group = spec.group(row["group"])
    except KeyError:
        return f"{number}. [{row['group']}]"
    cells = row.get("cells") or {}
    given = ", ".join(v for _, v in group.cells if v and v != group.label)
    values = [f"{column_title(c)}: {format_cell(c, spec, cells[c.id])}"
              for c in spec.input_columns if not is_blank(cells.get(c.id))]
    return (f"{number}. {shorten(spec.row_title(group.code))}" + (f" ({given})" if given else "")
            + " — " + ("; ".join(values) if values else "(chưa điền)"))


def _review_row(spec: TableSpec, row: dict[str, Any], number: int) -> str:
    if spec.fixed_rows and row.get("group"):
        return _given_row(spec, row, number)
    cells = row.get("cells") or {}
    inputs = spec.input_columns
    label_col = next((c for c in inputs if c.type in ("text", "longtext") and not is_blank(cells.get(c.id))), None)
    if label_col is None:
        label_col = next((c for c in inputs if c.type != "money" and not is_blank(cells.get(c.id))), None)
    head = shorten(format_cell(label_col, spec, cells[label_col.id])) if label_col is not None else "(chưa có tên)"
    money = [
        f"{_short_title(c)}: {format_number(cells[c.id])}"
        for c in inputs
        if c.type == "money" and not is_blank(cells.get(c.id)) and isinstance(cells[c.id], (int, float))
    ]
    units = {column_unit(c, spec) for c in inputs if c.type == "money" and not is_blank(cells.get(c.id))}
    unit = f" ({units.pop()})" if len(units) == 1 else ""
    group = f"[{row['group']}] " if row.get("group") else ""
    return f"{number}. {group}{head}" + (f" — {'; '.join(money)}{unit}" if money else "")


def is_blank(value: Any) -> bool:
    """True for a cell with nothing in it."""
    return value is None or (isinstance(value, str) and not value.strip())


def review_rows(spec: TableSpec, rows: list[dict[str, Any]]) -> str:
    """The rows as the review shows them in a chat: per row only its name (cut at ~60 characters)
    and its money columns, under the group headings; the full content is in the .docx and in
    "danh sách"."""
    if not rows:
        return "Bảng chưa có dòng nào."
    lines: list[str] = []
    if spec.groups:
        leaf_codes = {g.code for g in spec.leaf_groups()}
        by_group: dict[str | None, list[tuple[int, dict[str, Any]]]] = {}
        for i, row in enumerate(rows, 1):
            by_group.setdefault(row.get("group"), []).append((i, row))
        for group, depth in spec.all_groups():
            if not any(g.is_leaf and g.code in by_group for g, _ in group.walk()):
                continue  # no rows under this group: leave its heading out
            if not (spec.fixed_rows and group.is_leaf):  # a given row's own line names it
                lines.append(("  " * depth) + f"{group.code} {shorten(group.label)}")
            for i, row in by_group.get(group.code, []) if group.is_leaf else []:
                lines.append(("  " * (depth + (not spec.fixed_rows))) + _review_row(spec, row, i))
        for code, items in by_group.items():
            if code not in leaf_codes:
                lines.extend(_review_row(spec, r, i) for i, r in items)
    else:
        lines.extend(_review_row(spec, row, i) for i, row in enumerate(rows, 1))
    return "\n".join(lines)


def match_group(spec: TableSpec, text: str) -> RowGroup:
    """The leaf group a user picks: by number in the menu, by code ("I.1", "i.1") or by label."""
    leaves = spec.leaf_groups()
    f = fold(text).strip().rstrip(".").upper()
    for g in leaves:
        if g.code.upper() == f:
            return g
    labels = [f"{g.code} {g.label}" for g in leaves]
    chosen = parse_choice(text, labels).value
    return leaves[labels.index(chosen)]


def group_menu(spec: TableSpec) -> str:
    """The numbered list of leaf groups to choose from."""
    return "\n".join(f"{i}. {g.code} {g.label}" for i, g in enumerate(spec.leaf_groups(), 1))


def paste_rows(spec: TableSpec, text: str) -> tuple[PasteResult, list[str | None]]:
    """Parse pasted rows; a first cell that is a leaf group code ("I.1") sets that row's group.

    Returns the parse result and, per parsed row, the group code given in the paste (or None).
    """
    leaf_codes = {g.code.upper(): g.code for g in spec.leaf_groups()}
    columns = [
        PasteColumn(c.id, column_title(c), (lambda s, c=c: parse_cell(c, spec, s)), c.required)
        for c in spec.input_columns
    ]
    inputs = spec.input_columns
    groups_by_line: dict[int, str] = {}
    lines_out: list[str] = []
    for lineno, line in enumerate(text.replace("\r\n", "\n").split("\n"), 1):
        cells = split_paste_line(line)
        changed = False
        coded = len(cells) > (len(inputs) if spec.fixed_rows else 1)  # "2 | 3 | 4": values, not row 2
        if leaf_codes and coded and cells[0].strip().rstrip(".").upper() in leaf_codes:
            groups_by_line[lineno] = leaf_codes[cells[0].strip().rstrip(".").upper()]
            cells = cells[1:]
            changed = True
        if len(cells) > 1:
            # "-", "không", "không có" in a cell mean an empty cell (a required one is then reported).
            blanked = ["" if i < len(inputs) and is_none_cell(inputs[i], c) else c for i, c in enumerate(cells)]
            changed = changed or blanked != cells
            cells = blanked
        if changed:
            line = "\t".join(cells) if len(cells) > 1 else cells[0] + "\t"
        lines_out.append(line)
    result = parse_paste("\n".join(lines_out), columns)
    return result, [groups_by_line.get(n) for n in result.lines]


def is_none_cell(col: Column, text: str) -> bool:
    """True when a cell typed as "-", "không", "không có" means "nothing" in this column.

    Yes/no columns keep "không" as an answer, and a choice column whose options include the
    word keeps it too.
    """
    if col.type == "yesno" or not is_none_answer(text):
        return False
    if col.type == "choice":
        try:
            parse_choice(text, col.options)
            return False
        except ParseError:
            return True
    return True


def cell_summary(spec: TableSpec, cells: dict[str, Any]) -> str:
    """Every filled cell of a row, one per line (shown before a row warning is confirmed)."""
    return "\n".join(
        f"- {column_title(c)}: {format_cell(c, spec, cells[c.id])}" for c in spec.input_columns if c.id in cells
    )


def is_paste(text: str) -> bool:
    """True when a message looks like pasted rows (several lines, or cells split by tab, | or ;)."""
    stripped = text.strip()
    return "\n" in stripped or "\t" in stripped or "|" in stripped or ";" in stripped


def parse_row_number(text: str, count: int) -> int:
    """A row number as the user wrote it ("2", "dòng 2") → 0-based index; ParseError if absent."""
    m = re.search(r"\d+", text or "")
    if not m:
        raise ParseError("Hãy ghi số thứ tự của dòng.", "sửa dòng 2, xóa dòng 3")
    n = int(m.group(0))
    if not 1 <= n <= count:
        if count == 0:
            raise ParseError("Bảng chưa có dòng nào.", "thêm")
        raise ParseError(f"Không có dòng {n}; bảng có {format_number(count)} dòng.", f"1–{count}")
    return n - 1


def column_phrase(col: Column) -> str:
    """The column as a sentence names it: "NSTW đầu tư", "tổng mức đầu tư" (header without its
    outermost level, then the label; ordinary words in lower case, acronyms kept)."""
    parts = (*col.header[1:], col.label) if len(col.header) >= 2 else (*col.header, col.label)

    def lower(word: str) -> str:
        return word[0].lower() + word[1:] if len(word) > 1 and word[1:].strip(",;:.()").islower() else word

    return " ".join(lower(w) for p in parts for w in p.split())


def describe_value(col: Column, spec: TableSpec, value: Any) -> str:
    """"NSTW đầu tư 8.000 triệu đồng" or "ghi chú: Đã hoàn thành" — a column with its new value."""
    shown = format_cell(col, spec, value)
    if col.type in ("money", "number", "integer", "year"):
        return f"{column_phrase(col)} {shown}"
    return f"{column_phrase(col)} “{shorten(shown, 80)}”"


def row_title(spec: TableSpec, row: dict[str, Any]) -> str:
    """The row's first text cell, shortened ("Cổng dịch vụ công"); "" when it has none."""
    cells = row.get("cells") or {}
    name = next((format_cell(c, spec, cells[c.id]) for c in spec.input_columns
                 if c.type in ("text", "longtext") and not is_blank(cells.get(c.id))), "")
    return shorten(name) if name else ""


def short_row(spec: TableSpec, row: dict[str, Any], number: int) -> str:
    """"3 [I.1] Cổng dịch vụ công" — a row named by its number, group and first text cell."""
    name = row_title(spec, row)
    group = f" [{row['group']}]" if row.get("group") else ""
    return f"{number}{group}" + (f" {name}" if name else "")


def unfilled_groups(spec: TableSpec, rows: list[dict[str, Any]]) -> list[str]:
    """Codes of the given rows (``fixed_rows``) that hold no values yet, in document order."""
    filled = {r.get("group") for r in rows}
    return [g.code for g in spec.leaf_groups() if g.code not in filled]
