"""Word tables that only lay text out: "Nơi nhận" beside the signature block, borderless, as Word users make
them. Their cells are read line by line (as printed), not as a table row, so that the signer is found."""

from __future__ import annotations

import re

_SIGNATURE_CELL_RE = re.compile(r"^\s*(Nơi nhận|KT\.|TM\.|TL\.|TUQ\.|Q\.\s)", re.M)


def signature_layout(table) -> bool:
    """A borderless table that only lays out "Nơi nhận" beside the signature block (Word's usual way)."""
    return len(table.rows) <= 2 and any(_SIGNATURE_CELL_RE.search(cell.text) for cell in unique_cells(table))


def unique_cells(table) -> list:
    seen, cells = set(), []
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                cells.append(cell)
    return cells
