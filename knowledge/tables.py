"""Reading the multi-row header of a tab-separated table passage as a column hierarchy.

Why: the OCR gives a form's merged header as several tab-separated rows where a spanning cell is
followed by empty cells ("Nguồn vốn", "", "", ""), and its sub-headers sit in the rows below. A
flat list of the non-empty cells ("… Nguồn vốn | Ghi chú | NSTU | NSEP | Đầu tư | …") loses both
the order and the grouping. Reconstructing each column's path by cell position gives what the
form really asks for: "Nguồn vốn › NSTW › Đầu tư, Sự nghiệp". In this generated listing the
known OCR typos of abbreviations are corrected through ``data/ocr_fixes.yaml`` (the passage text
itself is quoted unchanged elsewhere).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

_DATA = Path(__file__).with_name("data")
_DATA_ROW_RE = re.compile(r"^(?:[IVX]{1,4}|\d{1,3}|\.{2,}|…)$")
MAX_HEADER_ROWS = 4
SEP = " › "


@lru_cache(maxsize=1)
def ocr_fixes() -> dict[str, str]:
    """Known OCR misreadings of header words → the intended text (``data/ocr_fixes.yaml``)."""
    with open(_DATA / "ocr_fixes.yaml", encoding="utf-8") as fh:
        return {str(k): str(v) for k, v in (yaml.safe_load(fh) or {}).items()}


@dataclass
class HeaderListing:
    """A table header as readable text, and which OCR misreadings were corrected in it."""

    text: str
    corrected: list[tuple[str, str]] = field(default_factory=list)


def table_row(raw: str) -> str | None:
    """A line of a table with its cells tab-separated: a line with two tabs (Word and PDF tables), or one typed
    with pipes ("TT | Khu phố | Tổng số hộ", "| a | b |"); "" for a pipe table's rule line ("|---|---|");
    None for any other line."""
    line = re.sub(r"<[^>]{1,12}>", "", raw.rstrip())
    if line.count("\t") >= 2:
        return line
    if line.count("|") >= 2:
        # A leading "|" is the table's border ("| a | b |"); indented, it closes an empty first cell
        # ("   | công trình |": the TT column of a header wrapped over two lines).
        body = line.strip() if re.match(r"^ ?\|", line) else line.rstrip()
        body = body[1:] if body.startswith("|") else body
        cells = [c.strip() for c in (body[:-1] if body.endswith("|") else body).split("|")]
        return "" if all(re.fullmatch(r":?-*:?", c) for c in cells) else "\t".join(cells) + "\t\t"
    return None


def split_rows(text: str) -> list[list[str]]:
    """The tab-separated rows of a passage (lines without a tab are not table rows)."""
    return [line.split("\t") for line in text.split("\n") if "\t" in line]


def header_rows(rows: list[list[str]]) -> list[list[str]]:
    """The leading rows before the first data row (whose first cell is "I", "1", "..." or empty rows only)."""
    out: list[list[str]] = []
    for row in rows[:MAX_HEADER_ROWS]:
        first = next((c.strip() for c in row if c.strip()), "")
        if not first or (_DATA_ROW_RE.match(row[0].strip()) and row[0].strip()):
            break
        out.append(row)
    return out


def _clean_cell(cell: str) -> str:
    text = re.sub(r"<[^>]{1,12}>", "", cell)
    text = re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", text))
    text = re.sub(r"\s+", " ", text).strip()
    return text.replace(";", ",")  # ";" separates columns in the listing


def column_paths(rows: list[list[str]]) -> list[list[str]]:
    """Each column's header path, top to bottom, in column order (padding columns dropped).

    An empty cell belongs to the spanning cell on its left in the same row when the column has
    a header below it (it is a sub-column of that span) and the two columns share the same path
    above this row; otherwise the column simply has no header at that level.
    """
    if not rows:
        return []
    width = max(len(r) for r in rows)
    grid = [[_clean_cell(r[c]) if c < len(r) else "" for c in range(width)] for r in rows]
    filled = [[""] * width for _ in rows]
    for r, row in enumerate(grid):
        for c in range(width):
            if row[c]:
                filled[r][c] = row[c]
                continue
            below = any(grid[rr][c] for rr in range(r + 1, len(grid)))
            if c > 0 and below and filled[r][c - 1] and all(
                filled[rr][c - 1] == filled[rr][c] for rr in range(r)
            ):
                filled[r][c] = filled[r][c - 1]
    paths: list[list[str]] = []
    for c in range(width):
        levels: list[tuple[str, bool]] = []  # (label, whether it spans this column alone)
        for r in range(len(grid)):
            label = filled[r][c]
            if not label:
                continue
            alone = not any(0 <= x < width and filled[r][x] == label for x in (c - 1, c + 1))
            if levels and label == levels[-1][0]:
                continue  # a cell merged down (Word repeats its text in every row it spans) is one level
            if levels and alone and levels[-1][1] and grid[r][c]:
                # A cell of a typed table wrapped over two lines ("Tên nhà, hạng mục" / "công trình"): one label.
                levels[-1] = (f"{levels[-1][0]} {label}", True)
                continue
            levels.append((label, alone))
        if levels:
            paths.append([label for label, _ in levels])
    return paths


def fix_ocr(label: str, corrected: list[tuple[str, str]]) -> str:
    """Replace known OCR misreadings (whole words), recording each (source, fixed) pair once."""
    out = label
    for wrong, right in ocr_fixes().items():
        pattern = rf"(?<!\w){re.escape(wrong)}(?!\w)"
        if re.search(pattern, out):
            out = re.sub(pattern, right, out)
            if (wrong, right) not in corrected:
                corrected.append((wrong, right))
    return out


def describe_header(text: str) -> HeaderListing | None:
    """"TT; Dự án, Nhiệm vụ; …; Nguồn vốn › NSTW › Đầu tư, Sự nghiệp; …; Ghi chú" for a table passage."""
    rows = header_rows(split_rows(text))
    corrected: list[tuple[str, str]] = []
    paths = [[fix_ocr(label, corrected) for label in path] for path in column_paths(rows)]
    if not paths:
        return None
    groups: list[tuple[list[str], list[str]]] = []  # (parent path, leaves) for runs of siblings
    for path in paths:
        parent, leaf = path[:-1], path[-1]
        if parent and groups and groups[-1][0] == parent:
            groups[-1][1].append(leaf)
        else:
            groups.append((parent, [leaf]))
    parts = [SEP.join([*parent, ", ".join(leaves)]) for parent, leaves in groups]
    return HeaderListing("; ".join(parts), corrected)


_ROMAN_RE = re.compile(r"^[IVX]{1,4}$")


def row_groups(text: str) -> list[tuple[str, list[str]]]:
    """The fixed row groups of a form table and their numbered rows:
    [("I. Thực hiện bằng các dự án đầu tư", ["1. Dự án ứng dụng CNTT", …]), …].
    Rows with no text (blank lines to fill, "...") are skipped."""
    rows = split_rows(text)
    body = rows[len(header_rows(rows)) :]
    groups: list[tuple[str, list[str]]] = []
    for row in body:
        label = row[0].strip() if row else ""
        cells = [_clean_cell(c) for c in row[1:] if c.strip()]
        if not cells:
            continue
        title = " ".join(cells)
        if _ROMAN_RE.match(label):
            groups.append((f"{label}. {title}", []))
        elif groups:
            groups[-1][1].append(f"{label}. {title}" if label.isdigit() else title)
    return groups


MAX_ITEM_ROWS = 12


def item_rows(text: str) -> list[str]:
    """The numbered rows of a form table without row groups ("1. Người cao tuổi", "2. Người khuyết tật"): what
    "chia theo những nhóm nào", "có những chỉ tiêu nào" ask. Example rows to fill ("Xã A", "...") are not told
    apart from fixed ones; a table with more than ``MAX_ITEM_ROWS`` such rows gives none (a list to fill)."""
    rows = split_rows(text)
    items = []
    for row in rows[len(header_rows(rows)) :]:
        label = row[0].strip() if row else ""
        cells = [_clean_cell(c) for c in row[1:] if c.strip() and c.strip(". …")]
        if label.isdigit() and cells:
            items.append(f"{label}. {cells[0]}")
    return items if 2 <= len(items) <= MAX_ITEM_ROWS else []
