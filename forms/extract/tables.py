"""A table grid → columns with their header hierarchy and types, numbered row groups, fixed rows.

Why: a report table's header may take several rows of merged cells ("Nguồn vốn" over "NSTW" over
"Đầu tư"); each column's header path is read top-down through the cells covering it.  Below the
header come, optionally, a column-number row ("(1) (2) …", "1 2 3", "A B 1 2") and the body: rows
numbered I, 1, a … nest like an outline; a row with sub-rows is a group, a row without is a row
the dispatch gives (an indicator filled across; its unit, when the table has a unit column, is given).
Text tables carry no merge marks: an empty header cell continues the cell on its left when a lower
header row has text under it, else the cell above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from forms.extract.blocks import Cell, Grid
from forms.extract.coltypes import infer_type, is_tt_label, is_unit_label, money_unit
from forms.extract.textgrid import ROW_NUMBER, TOTAL_LABEL
from forms.table_schema import BULLETS
from vntext.text import fold

__all__ = ["ColumnDraft", "RowDraft", "TableDraft", "analyze_table", "slug"]

_COLNUM = re.compile(r"^\(?([0-9]{1,2}|[A-Z])\)?$|^\(?\d+\)?\s*[=+\-x*/].*$")
_ROMAN = re.compile(r"^[IVX]{1,5}$")
_PLACEHOLDER = re.compile(r"^(\d{1,3}\.?|\.{2,}|…)?$")


@dataclass
class ColumnDraft:
    path: tuple[str, ...]
    id: str
    type: str  # "tt" | text | integer | number | money | percent | date
    unit: str | None = None
    given: bool = False  # body rows carry text here (labels, units, targets)

    @property
    def label(self) -> str:
        return self.path[-1] if self.path else ""


@dataclass
class RowDraft:
    number: str
    label: str
    kind: tuple
    cells: dict[str, str] = field(default_factory=dict)
    children: list["RowDraft"] = field(default_factory=list)

    def walk(self, depth: int = 0):
        yield self, depth
        for child in self.children:
            yield from child.walk(depth + 1)


@dataclass
class TableDraft:
    columns: list[ColumnDraft]
    rows: list[RowDraft]
    column_numbers: list[str] | None
    unit: str | None
    total: bool = False
    issues: list[str] = field(default_factory=list)

    @property
    def fixed_rows(self) -> list[RowDraft]:
        return [r for root in self.rows for r, _ in root.walk() if not r.children]

    @property
    def indicator(self) -> bool:
        return any(is_unit_label(c.label) for c in self.columns) and bool(self.fixed_rows)


def slug(text: str, limit: int = 32) -> str:
    """An identifier from Vietnamese text: "Tỷ lệ (%)" → "ty_le"."""
    words = re.findall(r"[a-z0-9]+", fold(text))
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > limit and out:
            break
        out = f"{out}_{word}" if out else word
    if out and out[0].isdigit():
        out = f"c{out}"
    return out


def _is_colnum_row(texts: list[str]) -> bool:
    filled = [t for t in texts if t]
    return len(filled) >= 2 and len(filled) >= 0.6 * len(texts) and all(_COLNUM.match(t) for t in filled)


def _is_numbered(texts: list[str]) -> bool:
    return bool(texts and texts[0] and ROW_NUMBER.match(texts[0]) and any(t for t in texts[1:]))


def _is_total(texts: list[str]) -> bool:
    """A "Tổng cộng"/"Cộng" row (it may come first, right under the header)."""
    filled = [k for k, t in enumerate(texts) if t]
    return bool(filled) and filled[0] <= 1 and bool(TOTAL_LABEL.match(fold(texts[filled[0]])))


def _infer_spans(grid: Grid, header_rows: int) -> None:
    """Give a text table's header the merges its empty cells imply (see the module doc)."""
    cells = grid.cells
    for r in range(header_rows):
        for c in range(grid.n_cols):
            if cells[r][c].text:
                continue
            below = any(cells[k][c].text for k in range(r + 1, header_rows))
            left = cells[r][c - 1] if c > 0 else None
            if below and left is not None and left.origin[0] == r and left.text:
                cells[r][c] = left
            elif r > 0:
                cells[r][c] = cells[r - 1][c]
    grid.spans_known = True


def _row_kind(number: str, last_upper: str | None) -> tuple:
    """Numbering style of a row number; "I" right after "H" (or "V" after "U") is a letter, else Roman."""
    bare = number.strip("().")
    if re.fullmatch(r"\d+(\.\d+)*", bare):
        return ("dec", bare.count(".") + 1)
    follows = last_upper is not None and len(bare) == 1 and ord(bare) == ord(last_upper) + 1
    if _ROMAN.fullmatch(bare) and not follows:
        return ("roman",)
    if re.fullmatch(r"[A-Z]", bare):
        return ("upper",)
    if re.fullmatch(r"[a-zđ]", bare):
        return ("letter",)
    return ("other",)


def analyze_table(grid: Grid, table_unit: str | None = None) -> TableDraft:
    """Columns, column numbers and row tree of one table."""
    issues: list[str] = []
    texts = [grid.row_texts(r) for r in range(grid.n_rows)]
    body_start = next((r for r, t in enumerate(texts) if _is_colnum_row(t) or _is_numbered(t) or _is_total(t)
                       or (r > 0 and t[0] and _PLACEHOLDER.match(t[0]) and not any(t[1:]))), grid.n_rows)
    header_rows = body_start
    column_numbers = None
    if body_start < grid.n_rows and _is_colnum_row(texts[body_start]):
        column_numbers = texts[body_start]
        body_start += 1
    if not grid.spans_known:
        _infer_spans(grid, header_rows)
    if header_rows == 0:
        issues.append("Bảng không có dòng tiêu đề cột; tên cột cần được đặt.")
    if "header-lines" in grid.notes:
        issues.append("Tiêu đề cột viết trên nhiều dòng được ghép theo vị trí chữ (bản PDF/căn lề); "
                      "cần đối chiếu các ô gộp với bản gốc.")
    # column header paths
    paths: list[tuple[str, ...]] = []
    for c in range(grid.n_cols):
        path: list[str] = []
        seen: set[tuple[int, int]] = set()
        for r in range(header_rows):
            cell: Cell = grid.cells[r][c]
            if cell.origin in seen or not cell.text:
                continue
            seen.add(cell.origin)
            if not path or path[-1] != cell.text:
                path.append(cell.text)
        paths.append(tuple(path))
    body = texts[body_start:]
    tt_col = next((c for c, p in enumerate(paths) if p and is_tt_label(p[-1])), None)
    if tt_col is None and body and all(not row[0] or ROW_NUMBER.match(row[0]) for row in body) and \
            any(row[0] for row in body):
        tt_col = 0
    label_col = next((c for c in range(grid.n_cols) if c != tt_col), 0)
    given = {c for c in range(grid.n_cols) if c not in (tt_col, label_col) and any(row[c] for row in body)}
    rows, total = _rows(body, tt_col, label_col, issues)
    indicator = any(p and is_unit_label(p[-1]) for p in paths) and \
        any(not r.children for root in rows for r, _ in root.walk())
    unit_cols = [c for c, p in enumerate(paths) if p and is_unit_label(p[-1])]
    row_units = [row[unit_cols[0]] for row in body if unit_cols and row[unit_cols[0]]]
    if not table_unit and row_units and all(money_unit(u) for u in row_units):
        table_unit = row_units[0]  # every given row is in money: the table is a money table
    columns: list[ColumnDraft] = []
    used: set[str] = set()
    for c, path in enumerate(paths):
        if not path:
            path = (f"Cột ({c + 1})",)
            issues.append(f"Cột thứ {c + 1} không có tiêu đề.")
        if c == tt_col:
            ctype, unit = "tt", None
        elif c == label_col or c in given or is_unit_label(path[-1]):
            ctype, unit = "text", None
        else:
            ctype, unit = infer_type(path, table_unit, indicator)
        columns.append(ColumnDraft(path, _column_id(path, used, c), ctype, unit, c in given))
    for row, _ in ((r, d) for root in rows for r, d in root.walk()):
        row.cells = {columns[c].id: v for c, v in row.cells.items()}
    if given - {c for c, p in enumerate(paths) if p and is_unit_label(p[-1])}:
        names = ", ".join(f"“{columns[c].label}”" for c in sorted(given) if not is_unit_label(columns[c].label))
        if names:
            issues.append(f"Các cột {names} có sẵn nội dung cho từng dòng; mẫu nháp chưa in lại nội dung đó.")
    return TableDraft(columns, rows, column_numbers, table_unit, total, issues)


def _column_id(path: tuple[str, ...], used: set[str], index: int) -> str:
    base = slug(path[-1]) or f"cot_{index + 1}"
    cid = base
    if cid in used and len(path) > 1:
        cid = slug(f"{path[-2]} {path[-1]}", 40) or base
    n = 2
    while cid in used:
        cid = f"{base}_{n}"
        n += 1
    used.add(cid)
    return cid


def _rows(body: list[list[str]], tt_col: int | None, label_col: int, issues: list[str]) -> tuple[list[RowDraft], bool]:
    roots: list[RowDraft] = []
    stack: list[RowDraft] = []
    total = False
    last_upper: str | None = None
    for texts in body:
        number = texts[tt_col].strip() if tt_col is not None else ""
        label = texts[label_col].strip()
        if number and not ROW_NUMBER.match(number):  # a label merged over the TT cell ("Cộng")
            number, label = "", f"{number} {label}".strip()
        if not number and not label or _PLACEHOLDER.match(label or number) and not any(
                t for c, t in enumerate(texts) if c not in (tt_col, label_col)):
            continue  # a blank row to fill ("1", "2", "…" with nothing else): not a given row
        bullet = number if number in BULLETS else (label[:1] if label[:1] in BULLETS + ("•", "–") and not number else "")
        if bullet:  # "- Trực tuyến": a sub-row of the row above ("+" under a "-")
            mark = "+" if bullet == "+" else "-"
            row = RowDraft(mark, label.lstrip("-+•– ").strip() if not number else label,
                           ("bullet", mark), {c: t for c, t in enumerate(texts) if t and c not in (tt_col, label_col)})
            while stack and stack[-1].kind[0] == "bullet" and (stack[-1].kind[1] == mark or mark == "-"):
                stack.pop()
            (stack[-1].children if stack else roots).append(row)
            stack.append(row)
            continue
        if not number:
            if TOTAL_LABEL.match(fold(label)):
                total = True
            else:
                issues.append(f"Dòng không đánh số “{label}” chưa được đưa vào mẫu.")
            continue
        kind = _row_kind(number, last_upper)
        if kind == ("upper",):
            last_upper = number.strip("().")
        cells = {c: t for c, t in enumerate(texts) if t and c not in (tt_col, label_col)}
        row = RowDraft(number.strip("()."), label, kind, cells)
        while stack and stack[-1].kind[0] == "bullet":
            stack.pop()  # a numbered row after sub-rows closes them
        keys = [r.kind for r in stack]
        if kind in keys:
            del stack[keys.index(kind):]
        (stack[-1].children if stack else roots).append(row)
        stack.append(row)
    return roots, total
