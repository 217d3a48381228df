"""Read a dispatch file into blocks (paragraphs and tables in document order).

* .docx — paragraphs and real Word tables from the body XML, in order; merged cells from each
  cell's ``w:gridSpan`` (columns) and ``w:vMerge`` (rows), so a two-level header keeps its shape.
* .txt / .md — lines; tab-separated and column-aligned tables are found by ``textgrid``.
* .pdf — tables drawn with ruling lines as grids with their merged cells (``pdftables``); the rest
  of the text layer laid out from its word boxes (``pdflayout``; else ``pdftotext -layout``, else
  pypdf's layout mode), then read like a text file.  Scanned PDFs without text give no blocks.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from forms.extract.blocks import Block, Cell, Grid, Para
from forms.extract.pdflayout import layout_text
from forms.extract.pdftables import read_pdf_blocks
from forms.extract.textgrid import blocks_from_lines
from vntext.text import normalize_space

__all__ = ["read_blocks", "read_docx", "read_text", "read_pdf_text", "SUFFIXES", "ReadError"]

#: File kinds the extractor reads.
SUFFIXES = (".docx", ".txt", ".md", ".pdf")

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class ReadError(ValueError):
    """The file cannot be read (wrong kind, damaged); the message is Vietnamese, for the admin."""


def read_blocks(path: str | Path) -> list[Block]:
    """The blocks of a dispatch file, by its suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            return read_docx(path)
        if suffix == ".pdf":
            text = read_pdf_text(path)
            ruled = read_pdf_blocks(path, text.split("\f"))
            return ruled if ruled is not None else blocks_from_lines(text.splitlines())
        if suffix in (".txt", ".md"):
            return read_text(path.read_text(encoding="utf-8-sig", errors="replace"))
    except ReadError:
        raise
    except Exception as exc:  # damaged files of every kind: one clear message
        raise ReadError(f"Không đọc được tệp {path.name}: {exc}") from exc
    raise ReadError(f"Chưa hỗ trợ đọc tệp {path.name} (chỉ .docx, .pdf có lớp chữ, .txt).")


def read_text(text: str) -> list[Block]:
    """Blocks of plain text (form feeds are page breaks)."""
    return blocks_from_lines(text.replace("\f", "\n").splitlines())


# --------------------------------------------------------------------------- docx


def _cell_text(tc) -> str:
    paras = []
    for p in tc.iter(f"{_W}p"):
        paras.append("".join(t.text or "" for t in p.iter(f"{_W}t")))
    return normalize_space(" ".join(x for x in paras if x.strip()))


def _grid_from_tbl(tbl) -> Grid:
    """Positions → covering cell, from gridSpan and vMerge (``restart``/absent starts a cell)."""
    rows: list[list[Cell]] = []
    for r, tr in enumerate(tbl.iter(f"{_W}tr")):
        if tr.getparent() is not tbl:  # rows of a nested table belong to that table
            continue
        row: list[Cell] = []
        r_index = len(rows)
        before = tr.find(f"{_W}trPr/{_W}gridBefore")
        if before is not None:
            for _ in range(int(before.get(f"{_W}val", "0"))):
                row.append(Cell("", (r_index, len(row))))
        for tc in tr.findall(f"{_W}tc"):
            tcpr = tc.find(f"{_W}tcPr")
            span, vmerge = 1, None
            if tcpr is not None:
                gs = tcpr.find(f"{_W}gridSpan")
                if gs is not None:
                    span = max(1, int(gs.get(f"{_W}val", "1")))
                vm = tcpr.find(f"{_W}vMerge")
                if vm is not None:
                    vmerge = vm.get(f"{_W}val", "continue")
            col = len(row)
            if vmerge == "continue" and rows and col < len(rows[-1]):
                above = rows[-1][col]
                cells = [above] * span
            else:
                origin = (r_index, col)
                cells = [Cell(_cell_text(tc), origin)] * span
            row.extend(cells)
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    for i, row in enumerate(rows):
        while len(row) < width:
            row.append(Cell("", (i, len(row))))
    return Grid(rows, spans_known=True)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letter(n: int) -> str:
    return "abcdefghiklmnopqrstuvxy"[(n - 1) % 23]


_FORMATS = {
    "decimal": str, "decimalZero": lambda n: f"{n:02d}", "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(), "upperLetter": lambda n: _letter(n).upper(), "lowerLetter": _letter,
}


class _Numbering:
    """Word's automatic list numbers (numbering.xml): the printed "I.", "1.", "a)" or "-" of a paragraph."""

    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # abstractNumId → ilvl → (fmt, text, start)
        self.nums: dict[str, str] = {}  # numId → abstractNumId
        self.counters: dict[str, list[int]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            numbering = None
        if numbering is not None:
            for abstract in numbering.findall(f"{_W}abstractNum"):
                levels = {}
                for lvl in abstract.findall(f"{_W}lvl"):
                    fmt = lvl.find(f"{_W}numFmt")
                    text = lvl.find(f"{_W}lvlText")
                    start = lvl.find(f"{_W}start")
                    levels[int(lvl.get(f"{_W}ilvl", "0"))] = (
                        fmt.get(f"{_W}val") if fmt is not None else "decimal",
                        text.get(f"{_W}val", "") if text is not None else "",
                        int(start.get(f"{_W}val", "1")) if start is not None else 1)
                self.levels[abstract.get(f"{_W}abstractNumId")] = levels
            for num in numbering.findall(f"{_W}num"):
                ref = num.find(f"{_W}abstractNumId")
                if ref is not None:
                    self.nums[num.get(f"{_W}numId")] = ref.get(f"{_W}val")
        for style in document.styles.element.findall(f"{_W}style"):
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                self.style_num[style.get(f"{_W}styleId")] = self._read(num_pr)

    @staticmethod
    def _read(num_pr) -> tuple[str, int]:
        num_id = num_pr.find(f"{_W}numId")
        ilvl = num_pr.find(f"{_W}ilvl")
        return (num_id.get(f"{_W}val") if num_id is not None else "0",
                int(ilvl.get(f"{_W}val", "0")) if ilvl is not None else 0)

    def prefix(self, p) -> str:
        num_pr = p.find(f"{_W}pPr/{_W}numPr")
        if num_pr is not None:
            num_id, ilvl = self._read(num_pr)
        else:
            style = p.find(f"{_W}pPr/{_W}pStyle")
            found = self.style_num.get(style.get(f"{_W}val")) if style is not None else None
            if found is None:
                return ""
            num_id, ilvl = found
        abstract = self.nums.get(num_id)
        levels = self.levels.get(abstract or "", {})
        if ilvl not in levels:
            return ""
        fmt, text, start = levels[ilvl]
        if fmt == "bullet":
            return "- "
        counters = self.counters.setdefault(abstract, [0] * 9)  # type: ignore[arg-type]
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        if fmt == "none":
            return ""

        def level_number(match) -> str:
            k = int(match.group(1)) - 1
            lfmt = levels.get(k, ("decimal", "", 1))[0]
            return _FORMATS.get(lfmt, str)(counters[k] or levels.get(k, ("", "", 1))[2])

        return re.sub(r"%([1-9])", level_number, text).strip() + " "


def read_docx(path: Path) -> list[Block]:
    """Paragraphs and tables of the body, in document order (text boxes and headers ignored).

    Paragraphs numbered by Word's automatic lists get their printed number ("II. ", "1. ", "a) ",
    "- ") in front, as a reader sees them.
    """
    import docx  # python-docx

    document = docx.Document(str(path))
    numbering = _Numbering(document)
    blocks: list[Block] = []
    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            text = normalize_space("".join(t.text or "" for t in child.iter(f"{_W}t")))
            if text:
                text = numbering.prefix(child) + text
            jc = child.find(f"{_W}pPr/{_W}jc")
            centered = jc is not None and jc.get(f"{_W}val") == "center"
            if text:
                blocks.append(Para(text, centered))
        elif child.tag == f"{_W}tbl":
            grid = _grid_from_tbl(child)
            if grid.n_rows and grid.n_cols:
                blocks.append(grid)
    return blocks


# --------------------------------------------------------------------------- pdf


def read_pdf_text(path: Path) -> str:
    """The PDF's text with its layout (columns kept apart by spaces): from the word boxes when
    poppler is installed (``pdflayout``), else ``pdftotext -layout``, else pypdf's layout mode."""
    laid_out = layout_text(path)
    if laid_out is not None:
        return laid_out
    if shutil.which("pdftotext"):
        done = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
                              capture_output=True, timeout=60)
        if done.returncode == 0:
            return done.stdout.decode("utf-8", errors="replace")
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return "\n".join(page.extract_text(extraction_mode="layout") or "" for page in reader.pages)
