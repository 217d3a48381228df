"""Several table rows pasted at once (from Excel, Word or typed with ";" or "|")."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from forms.parsers.base import Parsed, ParseError
from vntext.text import fold, strip_controls

__all__ = ["CellError", "PasteResult", "PasteColumn", "split_paste_line", "parse_paste"]


@dataclass(frozen=True)
class CellError:
    """One cell that could not be parsed: 1-based line and column, Vietnamese message."""

    line: int
    column: int
    column_label: str
    message: str


@dataclass
class PasteResult:
    """Rows parsed from a paste (each a dict column id → value) and the errors found."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # source line of each row (1-based)
    errors: list[CellError] = field(default_factory=list)
    skipped_header: bool = False

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors


def split_paste_line(line: str) -> list[str]:
    """Cells of one pasted line: split by tab if present, else by "|", else by ";"."""
    s = line.rstrip("\r\n")
    if "\t" in s:
        cells = s.split("\t")
    elif "|" in s:
        s = s.strip()
        if s.startswith("|"):
            s = s[1:]
        if s.endswith("|"):
            s = s[:-1]
        cells = s.split("|")
    elif ";" in s:
        cells = s.split(";")
    else:
        cells = [s]
    return [c.strip() for c in cells]


@dataclass(frozen=True)
class PasteColumn:
    """What the paste parser needs to know of an input column."""

    id: str
    label: str
    parse: Callable[[str], Parsed]
    required: bool = False


def parse_paste(text: str, columns: Sequence[PasteColumn], max_rows: int = 500) -> PasteResult:
    """Parse several table rows, one per line, into dicts keyed by column id.

    Empty lines and markdown rule lines ("---|---") are ignored; a first line whose cells are
    the column labels is skipped as a header.  Empty cells are left out of the row (an error
    if the column is required); extra cells are an error.  Nothing raises: every problem is a
    :class:`CellError` with its line and column, so the bot can show them all at once.
    """
    result = PasteResult()
    # Not clean_user_text: its strip() would eat the tab of an empty first cell and shift the row.
    lines = unicodedata.normalize("NFC", strip_controls(text)).strip("\n").split("\n")
    label_folds = [fold(c.label) for c in columns]
    first = True
    for lineno, line in enumerate(lines, 1):
        if not line.strip() or re.fullmatch(r"[\s|:+\-]+", line) and "-" in line:
            continue
        cells = split_paste_line(line)
        if first:
            first = False
            folded_cells = [fold(c) for c in cells]
            matches = sum(1 for fc in folded_cells if fc and fc in label_folds)
            if matches >= max(1, (len(cells) + 1) // 2) and not any(re.search(r"\d", c) for c in cells[1:]):
                result.skipped_header = True
                continue
        if len(result.rows) >= max_rows:
            result.errors.append(CellError(lineno, 0, "", f"Mỗi lần dán tối đa {max_rows} dòng."))
            break
        if len(cells) > len(columns):
            result.errors.append(
                CellError(
                    lineno,
                    len(columns) + 1,
                    "",
                    f"Dòng {lineno} có {len(cells)} ô, nhiều hơn {len(columns)} cột cần nhập "
                    f"({', '.join(c.label for c in columns)}).",
                )
            )
            continue
        row: dict[str, Any] = {}
        row_ok = True
        for ci, col in enumerate(columns):
            cell = cells[ci] if ci < len(cells) else ""
            if not cell.strip():
                if col.required:
                    result.errors.append(CellError(lineno, ci + 1, col.label, f"Dòng {lineno}, cột “{col.label}”: chưa có giá trị."))
                    row_ok = False
                continue
            try:
                row[col.id] = col.parse(cell).value
            except ParseError as exc:
                result.errors.append(CellError(lineno, ci + 1, col.label, f"Dòng {lineno}, cột “{col.label}”: {exc.text}"))
                row_ok = False
        if row_ok:
            result.rows.append(row)
            result.lines.append(lineno)
    return result
