"""Find tables in plain text: tab-separated lines and columns aligned with spaces.

Why: dispatches arrive as .txt (copied out of Word: cells separated by tabs) and as text PDFs
whose layout text keeps columns apart by runs of spaces, with long cell texts wrapped over several
lines (a row's number may sit on the middle line of its label).  Both become ``Grid`` blocks;
everything else stays a paragraph.

Rules (no wording is matched here, only positions):
* tab table — two or more consecutive lines containing a tab (or, after the first, a lone row
  number, "…" or a total label such as "Tổng cộng": a row whose empty cells lost their tabs).
* aligned table — starts at a line with three or more chunks (text separated by 2+ spaces);
  it goes on while lines are indented or have 2+ chunks, and takes in the indented header lines
  just above it whose chunks do not straddle two columns.  Lines before the first line starting
  with a row number are the header.  Columns are the runs of character positions the header
  covers (all lines if there is no header); every chunk goes to the column it overlaps most, else
  the nearest.  A header chunk standing over two or more cells of the lower header lines is a
  parent cell (``headerspan``: centred over them, touching them, or written from the left over
  them; multi-level headers nest); failing that, a parent written over its first child only, the rest of its line blank, makes
  the header lines header rows (merges inferred as for tab tables); otherwise header lines are one
  wrapped row, joined per column.  A body line with an empty first column continues the nearest
  row whose cells it fills.
"""

from __future__ import annotations

import re

from forms.extract.blocks import Block, Cell, Grid, Para
from forms.extract.headerspan import chunks, header_grid, spanning
from vntext.text import fold, normalize_space

__all__ = ["blocks_from_lines", "chunks", "ROW_NUMBER", "TOTAL_LABEL"]

#: A row number as the first cell of a table row: "1", "1.2", "I", "IV", "a", "A", "(1)", "1." .
ROW_NUMBER = re.compile(r"^\(?(\d{1,3}(\.\d{1,3})*|[IVXLC]{1,6}|[a-zđA-Z])\)?\.?$")
#: The label of a total row: "Tổng cộng", "Tổng số", "Cộng", "Tổng cộng toàn tỉnh".
TOTAL_LABEL = re.compile(r"^(tong cong|tong so|tong|cong)( chung| toan [a-z ]+)?:?$")
#: A blank form row with only its number ("1", "2", "…"): Word drops the empty cells' tabs on copy.
_PLACEHOLDER_ROW = re.compile(r"^\s*(\d{1,3}\.?|\.{2,}|…)\s*$")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def blocks_from_lines(lines: list[str]) -> list[Block]:
    """Paragraphs (non-empty lines, spaces normalized) and tables, in order."""
    lines = [ln.rstrip("\r\n").rstrip() for ln in lines]
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        if "\t" in lines[i]:
            j = i
            while j < len(lines) and ("\t" in lines[j] or (j > i and _lone_row(lines[j]))):
                j += 1
            if j - i >= 2:
                rows = [[normalize_space(c) for c in ln.split("\t")] for ln in lines[i:j]]
                blocks.append(Grid.from_texts(rows))
                i = j
                continue
        if len(chunks(lines[i])) >= 3:
            found = _aligned_table(lines, i, blocks)
            if found is not None:
                start, end, grid = found
                blocks.append(grid)
                i = end
                continue
        for text in _side_by_side(lines[i]):
            blocks.append(Para(text, centered=_indent(lines[i]) >= 10))
        i += 1
    return blocks


def _side_by_side(line: str) -> list[str]:
    """A line outside tables: one paragraph, or two when it holds two blocks set far apart (a tab or
    4+ spaces), as the two halves of a layout table ("Đơn vị báo cáo: ……   Đơn vị nhận báo cáo: …")."""
    text = normalize_space(line)
    if not text:
        return []
    parts = [p for p in re.split(r"\t|\s{4,}", line.strip()) if p.strip()]
    return [normalize_space(p) for p in parts] if len(parts) == 2 else [text]


def _opens_cell(text: str) -> bool:
    """The first line of a header cell starts like one (capital, digit, "("), unlike the wrapped
    tail of a paragraph ("thông)")."""
    return bool(text) and (text[0].isupper() or text[0].isdigit() or text[0] == "(") and \
        text.count(")") <= text.count("(")


def _lone_row(line: str) -> bool:
    """A table row with one filled cell whose separators were lost: "3", "…", "Tổng cộng", "Cộng"."""
    return bool(_PLACEHOLDER_ROW.match(line) or TOTAL_LABEL.match(fold(line.strip())))


def _continues(line: str) -> bool:
    pieces = chunks(line)
    return bool(pieces) and (_indent(line) >= 2 or len(pieces) >= 2 or _lone_row(line)
                             or bool(ROW_NUMBER.match(pieces[0][2])))


def _aligned_table(lines: list[str], anchor: int, blocks: list[Block]) -> tuple[int, int, Grid] | None:
    end = anchor + 1
    while end < len(lines):
        if _continues(lines[end]):
            end += 1
        elif not lines[end].strip() and end + 1 < len(lines) and len(chunks(lines[end + 1])) >= 2 \
                and ROW_NUMBER.match(chunks(lines[end + 1])[0][2]):
            end += 1  # one blank line inside a table
        else:
            break
    columns = _columns([ln for ln in lines[anchor:end] if ln.strip()])
    # indented header lines above the anchor (already emitted as paragraphs) belong to the table
    start = anchor
    taken = 0  # paragraphs already emitted for the lines taken back
    while start > 0 and lines[start - 1].strip() and _indent(lines[start - 1]) >= 2 \
            and all(_fits(ch, columns) and _opens_cell(ch[2]) for ch in chunks(lines[start - 1])):
        emitted = _side_by_side(lines[start - 1])
        before = blocks[len(blocks) - taken - len(emitted):len(blocks) - taken]
        if [b.text for b in before if isinstance(b, Para)] != emitted:
            break
        start -= 1
        taken += len(emitted)
    table_lines = [ln for ln in lines[start:end] if ln.strip()]
    margin = min(_indent(ln) for ln in table_lines)
    widest = next((ln for ln in table_lines if _indent(ln) == margin and len(chunks(ln)) >= 3), lines[anchor])
    anchor_chunks = chunks(widest)  # a line from the margin: its first two chunks are the TT and label columns
    left = anchor_chunks[1][1] + 2 if len(anchor_chunks) > 2 else len(widest)
    first_row = next((k for k, ln in enumerate(table_lines) if k and (ROW_NUMBER.match(chunks(ln)[0][2]) or
                                                                        _lone_row(ln) and _indent(ln) < left)), None)
    if first_row is None:
        return None
    while first_row > 1 and _wraps_into_row(table_lines, first_row):
        first_row -= 1  # the upper half of the first row's centred, wrapped cell
    header = table_lines[:first_row]
    parents = spanning(header)
    skip = {k: [p[:3] for p in found] for k, found in parents.items()}
    columns = _columns(header, skip=skip) or _columns(table_lines)
    if len(columns) < 2:
        return None
    cells = [_assign(ln, columns, skip=skip.get(k, ())) for k, ln in enumerate(table_lines)]
    cut = _trailing_text(cells, first_row)
    if cut < len(cells):  # lines after the last row that fill its cells again are text under the table
        end = _line_index(lines, start, cut)
        table_lines, cells = table_lines[:cut], cells[:cut]
    body = _join_wrapped(cells[first_row:])
    if parents:
        grid = header_grid(cells[:first_row], parents, columns)
        for row in body:
            grid.append([Cell(text, (len(grid), c)) for c, text in enumerate(row)])
        out = Grid(grid, spans_known=True)
    elif _leveled(cells[:first_row]):
        out = Grid.from_texts(cells[:first_row] + body)  # header lines are header rows; spans inferred later
    else:
        joined = [" ".join(filter(None, (row[c] for row in cells[:first_row]))) for c in range(len(columns))]
        out = Grid.from_texts([joined] + body)
    out.notes.append("aligned")
    if first_row >= 2:
        out.notes.append("header-lines")  # merged or wrapped header cells read from positions only
    del blocks[len(blocks) - taken:]
    return start, end, out


def _trailing_text(cells: list[list[str]], first_row: int) -> int:
    """Index of the first line after the last row that is not a wrap of that row (len if none): a
    line filling a cell the row already has, unless it goes on in lower case (a wrapped word)."""
    starts = [k for k in range(first_row, len(cells)) if cells[k][0] or _total_cells(cells[k])]
    if not starts:
        return len(cells)
    last = starts[-1]
    for k in range(last + 1, len(cells)):
        texts = [t for t in cells[k] if t]
        if texts and texts[0][0].islower():
            continue  # a word wrapped out of the row's cell ("nước", "sinh hoạt"), not a new sentence
        if any(t and cells[last][c] for c, t in enumerate(cells[k])):
            return k
    return len(cells)


def _line_index(lines: list[str], start: int, count: int) -> int:
    """The index in ``lines`` just after the ``count``-th non-empty line from ``start``."""
    seen = 0
    for k in range(start, len(lines)):
        if lines[k].strip():
            if seen == count:
                return k
            seen += 1
    return len(lines)


def _wraps_into_row(lines: list[str], row: int) -> bool:
    """True when the line above a numbered line is the top of a cell centred on it: its chunks sit
    over blanks of the numbered line, and the line below the numbered line continues them."""
    above = chunks(lines[row - 1])
    here = chunks(lines[row])
    below = chunks(lines[row + 1]) if row + 1 < len(lines) else []
    if not above or not below or ROW_NUMBER.match(below[0][2]) and below[0][0] < 8:
        return False

    def overlaps(ch, others):
        return any(a < ch[1] and ch[0] < b for a, b, _ in others)

    return all(not overlaps(ch, here) and overlaps(ch, below) for ch in above)


def _total_cells(row: list[str]) -> bool:
    """A total row laid out as cells: only the first two columns hold text, and it is "Tổng cộng"."""
    return not any(row[2:]) and bool(TOTAL_LABEL.match(fold(" ".join(filter(None, row[:2])))))


def _leveled(header: list[list[str]]) -> bool:
    """True when a header line holds a parent cell written over its first child only (text copied
    from a table: the parent's other columns are blank on its line, the children fill the next)."""
    for k, row in enumerate(header):
        for c in range(len(row) - 1):
            if row[c] and not row[c + 1] and not any(h[c + 1] for h in header[:k]) and \
                    any(h[c] and h[c + 1] for h in header[k + 1:]):
                return True
    return False


def _columns(lines: list[str], skip: dict | None = None) -> list[tuple[int, int]]:
    skip = skip or {}
    spans = sorted((s, e) for k, ln in enumerate(lines) for s, e, t in chunks(ln) if (s, e, t) not in skip.get(k, ()))
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def _fits(chunk: tuple[int, int, str], columns: list[tuple[int, int]]) -> bool:
    """True when the chunk may be the top of a header cell: it does not straddle two columns (a
    centred title does) and is not a "Label: value" statement (a note set above the table)."""
    s, e, text = chunk
    return sum(1 for cs, ce in columns if s < ce and cs < e) <= 1 and ":" not in text


def _assign(line: str, columns: list[tuple[int, int]], skip=()) -> list[str]:
    """Each chunk to the column it overlaps most, else to the nearest one."""
    out = [""] * len(columns)
    for s, e, text in chunks(line):
        if (s, e, text) in skip:
            continue
        best = max(range(len(columns)), key=lambda k: (min(e, columns[k][1]) - max(s, columns[k][0]),
                                                       -abs((s + e) - (columns[k][0] + columns[k][1]))))
        out[best] = f"{out[best]} {text}".strip()
    return out


def _join_wrapped(lines: list[list[str]]) -> list[list[str]]:
    """Lines → rows: a line whose first cell is empty continues the neighbouring numbered line
    whose own cells are empty where this line has text (else the line above)."""
    starts = [k for k, row in enumerate(lines) if row[0] or _total_cells(row)]
    owner: dict[int, int] = {k: k for k in starts}
    for k, row in enumerate(lines):
        if k in owner:
            continue
        filled = [c for c, t in enumerate(row) if t]
        free = [s for s in starts if all(not lines[s][c] for c in filled)]
        if free:
            owner[k] = min(free, key=lambda s: (abs(s - k), s > k))
        else:
            owner[k] = max((s for s in starts if s < k), default=starts[0])
    rows: dict[int, list[list[str]]] = {}
    for k in range(len(lines)):
        rows.setdefault(owner[k], []).append(lines[k])
    out = []
    for s in sorted(rows):
        parts = rows[s]
        out.append([" ".join(filter(None, (p[c] for p in parts))) for c in range(len(lines[0]))])
    return out
