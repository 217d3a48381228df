"""Word tables that only lay text out, borderless, as Word users make them: the letterhead (issuer, số and
trích yếu beside the national motto and the date line, the layout of Nghị định 30/2020's template) and "Nơi nhận"
beside the signature block. Their cells are read line by line (as printed), not as a table row, so that the
opening is prose and the signer is found."""

from __future__ import annotations

import re

_SIGNATURE_CELL_RE = re.compile(r"^\s*(Nơi nhận|KT\.|TM\.|TL\.|TUQ\.|Q\.\s)", re.M)


def signature_layout(table) -> bool:
    """A borderless table that only lays out "Nơi nhận" beside the signature block (Word's usual way)."""
    return len(table.rows) <= 2 and any(_SIGNATURE_CELL_RE.search(cell.text) for cell in unique_cells(table))


_LETTERHEAD_CELL_RE = re.compile(r"CỘNG\s+H[ÒO]A\s+XÃ\s+HỘI|Độc\s+lập\s*-\s*Tự\s+do|^\s*Số\s*:", re.M | re.I)


def letterhead_layout(table) -> bool:
    """A table of at most three rows that lays out the letterhead ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: …")."""
    return len(table.rows) <= 3 and any(_LETTERHEAD_CELL_RE.search(cell.text) for cell in unique_cells(table))


def layout_only(table) -> bool:
    """The table only lays text out (a letterhead, or "Nơi nhận" beside the signature block)."""
    return signature_layout(table) or letterhead_layout(table)


def unique_cells(table) -> list:
    seen, cells = set(), []
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                cells.append(cell)
    return cells
