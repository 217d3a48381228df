"""Tables a text PDF draws with ruling lines, read as grids with their merged cells.

Why: a table printed from Word keeps its cell borders as drawn lines but not its merges; from
the text alone a group header narrower than its cell ("Tiếp định kỳ" over "Số lượt | Số người")
cannot be told from a column of its own.  The drawn borders settle it: every cell is a box, and
a box covering several columns or rows is a merged cell, exactly as ``w:gridSpan``/``w:vMerge``
say it in a .docx.  pdfplumber finds the boxes (its "lines" strategy); the words inside each box
are its text.  Pages without drawn tables, and everything outside the tables, are read as before
(``pdflayout``); without pdfplumber the whole PDF is.

A table that runs onto the next page is one table: a grid at the top of a page with the same
column borders as the grid that ended the previous page continues it (a header repeated by Word
is dropped; a row broken across the page is joined when its number cell is empty).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from forms.extract.blocks import Block, Cell, Grid
from forms.extract.pdflayout import Word, layout_pages
from forms.extract.textgrid import blocks_from_lines
from vntext.encodings import is_syllable
from vntext.text import normalize_space

__all__ = ["read_pdf_blocks", "ruled_tables"]

log = logging.getLogger(__name__)

#: borders closer than this (points) are the same line
_SNAP = 2.0
#: at most this many pages are searched for drawn tables (forms sit in a dispatch's first pages)
MAX_PAGES = 60
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$")


@dataclass
class RuledTable:
    top: float
    bottom: float
    x_edges: list[float]
    grid: Grid


def _edges(values: list[float]) -> list[float]:
    """Sorted distinct coordinates, values within ``_SNAP`` of each other merged."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _SNAP:
            out.append(v)
    return out


def _index(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


@lru_cache(maxsize=1)
def _known_syllables() -> frozenset[str]:
    from vntext.diacritics import load_model

    return frozenset(w for w in load_model().vocab if not w.startswith("<"))


_TAIL = re.compile(r"(\w+)$")
_HEAD = re.compile(r"^(\w+)")


def _glues(a: str, b: str, known: frozenset[str]) -> bool:
    """Whether ``a`` (the end of a line) and ``b`` (the start of the next) are one word broken by a narrow cell."""
    if a.isdigit() and b.isdigit():
        return True  # "31/8/2" / "024"
    if not (a.isalpha() and b.isalpha()):
        return False
    glued = (a + b).lower()
    return glued in known and is_syllable(glued) and \
        (not is_syllable(b) or unicodedata.normalize("NFD", b.lower())[0] in "aeiouyăâêôơư")


def _join_lines(lines: list[str]) -> str:
    """A cell's lines as one text; a word the narrow cell broke is made whole again: "Tổn" / "g",
    "nghi" / "ệp" when together they are one attested syllable and the second piece is not a syllable
    of its own or starts with a vowel (no syllable follows another that way); digits / digits."""
    known = _known_syllables()
    text = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        tail, head = _TAIL.search(text), _HEAD.search(line)
        if text and tail and head and _glues(tail.group(1), head.group(1), known):
            text += line
        else:
            text += (" " if text else "") + line
    return normalize_space(text)


def _cell_text(words: list[Word]) -> str:
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.middle, w.x0)):
        if lines and abs(word.middle - lines[-1][0].middle) <= (word.y1 - word.y0) / 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    return _join_lines([" ".join(w.text for w in sorted(line, key=lambda w: w.x0)) for line in lines])


def _grid(boxes: list[tuple[float, float, float, float]], words: list[Word]) -> tuple[Grid, list[float]] | None:
    xs = _edges([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _edges([b[1] for b in boxes] + [b[3] for b in boxes])
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows < 1 or n_cols < 2:
        return None
    cells: list[list[Cell | None]] = [[None] * n_cols for _ in range(n_rows)]
    inside: dict[int, list[Word]] = {}
    for word in words:
        cx, cy = (word.x0 + word.x1) / 2, word.middle
        for k, (x0, top, x1, bottom) in enumerate(boxes):
            if x0 <= cx <= x1 and top <= cy <= bottom:
                inside.setdefault(k, []).append(word)
                break
    for k, (x0, top, x1, bottom) in enumerate(boxes):
        c0, c1 = _index(xs, x0), _index(xs, x1)
        r0, r1 = _index(ys, top), _index(ys, bottom)
        if c1 <= c0 or r1 <= r0:
            continue
        cell = Cell(_cell_text(inside.get(k, [])), (r0, c0))
        for r in range(r0, r1):
            for c in range(c0, c1):
                if cells[r][c] is None:
                    cells[r][c] = cell
    grid = [[cell or Cell("", (r, c)) for c, cell in enumerate(row)] for r, row in enumerate(cells)]
    return Grid(grid, spans_known=True), xs


def _stacked(boxes: list[tuple[float, float, float, float]]) -> list[list[tuple[float, float, float, float]]]:
    """The boxes split where one table ends and another begins without a gap (pdfplumber finds them
    as one), at a row border no cell crosses: when the rows' column borders do not nest (a merged
    header row uses a subset of the borders of the rows below it; another table has borders of its
    own), or when the rows above have at most half as many cells as the row below (a banner of a
    few wide cells, "Đơn vị báo cáo: …", over the table's own header), or the rows below at most half
    as many as the row above (the signature cells under it)."""
    xs = _edges([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _edges([b[1] for b in boxes] + [b[3] for b in boxes])
    spans = [(_index(ys, b[1]), _index(ys, b[3]), _index(xs, b[0]), _index(xs, b[2])) for b in boxes]
    borders = [set() for _ in range(len(ys))]
    for r0, r1, c0, c1 in spans:
        for r in range(r0, r1):
            borders[r].update((c0, c1))
    counts = [sum(1 for r0, r1, _, _ in spans if r0 <= r < r1) for r in range(len(ys) - 1)]
    cuts = []
    for r in range(1, len(ys) - 1):
        if any(r0 < r < r1 for r0, r1, _, _ in spans) or not (borders[r - 1] and borders[r]):
            continue
        nested = borders[r - 1] <= borders[r] or borders[r] <= borders[r - 1]
        # a few wide cells above a row of many, none reaching down ("Đơn vị báo cáo: …" over the table)
        banner = max(counts[(cuts[-1] if cuts else 0):r]) * 2 <= counts[r] or \
            max(counts[r:]) * 2 <= counts[r - 1]  # or below it: "Người lập biểu | Thủ trưởng đơn vị"
        if not nested or banner:
            cuts.append(r)
    groups: list[list[tuple[float, float, float, float]]] = [[] for _ in range(len(cuts) + 1)]
    for box, (r0, _, _, _) in zip(boxes, spans):
        groups[sum(1 for cut in cuts if r0 >= cut)].append(box)
    return [g for g in groups if g]


def ruled_tables(path: Path) -> list[tuple[list[RuledTable], list[Word]]] | None:
    """Per page: its drawn tables (top to bottom) and, on a page that draws lines, its words; None
    without pdfplumber.  Only the first ``MAX_PAGES`` pages are searched."""
    try:
        import pdfplumber
    except ImportError:
        return None
    pages: list[tuple[list[RuledTable], list[Word]]] = []
    with pdfplumber.open(str(path)) as pdf:
        for number, page in enumerate(pdf.pages):
            if number >= MAX_PAGES:
                break
            tables: list[RuledTable] = []
            words: list[Word] = []
            if page.rects or page.lines:  # words are read only where borders are drawn
                words = [Word(w["x0"], w["top"], w["x1"], w["bottom"], w["text"])
                         for w in page.extract_words(keep_blank_chars=False, use_text_flow=False)]
                for table in page.find_tables():
                    for boxes in _stacked([tuple(map(float, c)) for c in table.cells]):
                        built = _grid(boxes, words)
                        if built is not None:
                            grid, xs = built
                            tables.append(RuledTable(min(b[1] for b in boxes), max(b[3] for b in boxes), xs, grid))
            pages.append((sorted(tables, key=lambda t: t.top), words))
    return pages


def _same_columns(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= 2 * _SNAP for x, y in zip(a, b))


def _continue(previous: Grid, grid: Grid, page_was_full: bool) -> Grid:
    """``grid`` (the next page's part of a table) appended to ``previous``.  When the previous part
    filled its page and the first row here has no number, that row is the rest of the row the page
    broke: its texts go to the cells above them."""
    start = 0
    while start < min(grid.n_rows, previous.n_rows, 4) and any(grid.row_texts(start)) and \
            previous.row_texts(start) == grid.row_texts(start):
        start += 1  # the header Word repeats on every page
    cells = [list(row) for row in previous.cells]
    last = previous.n_rows - 1
    if page_was_full and start < grid.n_rows and not grid.text(start, 0) and cells[last][0].text:
        extra: dict[tuple[int, int], list[str]] = {}
        for c in range(grid.n_cols):
            if grid.text(start, c):
                extra.setdefault(cells[last][c].origin, []).append(grid.text(start, c))
        renewed = {origin: Cell(_join_lines([previous.text(*origin), " ".join(texts)]), origin)
                   for origin, texts in extra.items()}
        cells = [[renewed.get(cell.origin, cell) for cell in row] for row in cells]
        start += 1
    offset = previous.n_rows - start
    for r in range(start, grid.n_rows):
        row = []
        for c, cell in enumerate(grid.cells[r]):
            inside = cell.origin[0] >= start
            row.append(Cell(cell.text, (cell.origin[0] + offset, cell.origin[1]) if inside else (r + offset, c)))
        cells.append(row)
    return Grid(cells, spans_known=True)


def read_pdf_blocks(path: Path, page_texts: list[str]) -> list[Block] | None:
    """The PDF's blocks with drawn tables as grids; ``page_texts`` is the laid-out text of each page
    (used for pages without tables).  None when pdfplumber is missing or the PDF draws no table."""
    try:
        pages = ruled_tables(path)
    except Exception as exc:  # a PDF pdfplumber cannot parse: the text reading still works
        log.warning("drawn tables not read from %s: %s", path.name, exc)
        return None
    if not pages or not any(tables for tables, _ in pages):
        return None
    blocks: list[Block] = []
    pending: list[str] = []
    last_columns: list[float] | None = None
    last_bottom = 0.0
    # the lowest line any page prints on (a page number below it aside): a table reaching it filled its page
    floor = max([t.bottom for tables, _ in pages for t in tables] +
                [w.y1 for _, words in pages for w in words if not _PAGE_NUMBER.match(w.text)])

    def flush() -> None:
        blocks.extend(blocks_from_lines(pending))
        pending.clear()

    for number, page_text in enumerate(page_texts):
        tables, words = pages[number] if number < len(pages) else ([], [])
        if not tables:
            pending.extend(page_text.splitlines())
            continue
        cursor = float("-inf")
        for table in tables:
            above = [w for w in words if cursor <= w.middle < table.top]
            pending.extend(layout_pages([above])[0] if above else [])
            cursor = table.bottom
            only_noise = all(not ln.strip() or _PAGE_NUMBER.match(ln) for ln in pending)
            if only_noise and blocks and isinstance(blocks[-1], Grid) and last_columns is not None \
                    and _same_columns(last_columns, table.x_edges):
                pending.clear()
                blocks[-1] = _continue(blocks[-1], table.grid, page_was_full=last_bottom >= floor - 6)
            elif table.grid.n_rows == 1:  # one row of boxes that continues nothing: framed text
                inside = [w for w in words if table.top <= w.middle < table.bottom]
                pending.extend(layout_pages([inside])[0] if inside else [])
            else:
                flush()
                blocks.append(table.grid)
            last_columns, last_bottom = table.x_edges, table.bottom
        below = [w for w in words if w.middle >= cursor]
        pending.extend(layout_pages([below])[0] if below else [])
    flush()
    return blocks
