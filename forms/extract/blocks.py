"""What a dispatch file is read into: paragraphs and tables, in document order.

Why: .docx, .txt and text PDFs differ in how they store a table (Word cells with gridSpan/vMerge,
tab-separated lines, columns aligned with spaces) but the extraction rules should not care.  Every
reader produces the same blocks; a table is a rectangular grid in which each position points at
the cell that covers it (``origin``), so a merged header cell is one cell spanning several positions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Para", "Cell", "Grid", "Block"]


@dataclass(frozen=True)
class Para:
    """One paragraph (one line of a text file)."""

    text: str
    centered: bool = False


@dataclass(frozen=True)
class Cell:
    """A grid position: the text of the cell covering it and that cell's top-left position."""

    text: str
    origin: tuple[int, int]

    def is_origin(self, row: int, col: int) -> bool:
        return self.origin == (row, col)


@dataclass
class Grid:
    """A table: ``cells[row][col]``; merged cells repeat the same origin at every position they cover.

    ``spans_known`` is True when merges come from the file (Word); text tables infer them.
    """

    cells: list[list[Cell]]
    spans_known: bool = True
    notes: list[str] = field(default_factory=list)

    @property
    def n_rows(self) -> int:
        return len(self.cells)

    @property
    def n_cols(self) -> int:
        return len(self.cells[0]) if self.cells else 0

    def text(self, row: int, col: int) -> str:
        """The text shown at a position (only at the covering cell's origin; '' elsewhere)."""
        cell = self.cells[row][col]
        return cell.text if cell.is_origin(row, col) else ""

    def row_texts(self, row: int) -> list[str]:
        return [self.text(row, c) for c in range(self.n_cols)]

    @classmethod
    def from_texts(cls, rows: list[list[str]]) -> "Grid":
        """A grid without merges (every cell its own origin), rows padded to the same width."""
        width = max((len(r) for r in rows), default=0)
        cells = [[Cell(r[c] if c < len(r) else "", (i, c)) for c in range(width)] for i, r in enumerate(rows)]
        return cls(cells, spans_known=False)


Block = Para | Grid
