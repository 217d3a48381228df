"""Typed model of a table question: columns, fixed row groups, clerk's checks.

Part of the template model (:mod:`forms.schema` re-exports these names).  A table's subtotals and
total are computed (``forms.compute``), never typed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

__all__ = ["DEFAULT_UNIT", "Column", "RowGroup", "SumCheck", "TableSpec"]

#: The unit money is stored in unless a field or table says otherwise.
DEFAULT_UNIT = "triệu đồng"


@dataclass(frozen=True)
class Column:
    """One table column.

    ``header`` is the path of grouped header cells above the column's own label, e.g.
    ``("Nguồn vốn", "NSTW")`` for the "Đầu tư" column under NSTW; columns that share a prefix
    share (merged) header cells.  ``computed == "tt"`` marks the row-number column: never typed,
    never stored; ``computed == "given"`` marks a column whose cells the template gives per row group
    (a fixed row's unit), never typed.  ``sum`` says whether subtotals and TỔNG CỘNG add this column up.
    """

    id: str
    label: str
    type: str = "text"
    header: tuple[str, ...] = ()
    required: bool = False
    computed: Literal["tt", "given"] | None = None
    sum: bool = False
    options: tuple[str, ...] = ()
    unit: str | None = None
    help: str = ""
    example: str | None = None
    width: float | None = None  # relative width (any unit); the renderer scales to the page
    line: int | None = None

    @property
    def is_input(self) -> bool:
        """True for columns the user fills (not computed)."""
        return self.computed is None


#: Row groups numbered by a bullet, as forms print sub-rows ("- Trực tuyến" under "1. Số hồ sơ tiếp nhận",
#: "+ Nữ" under a "-"): the TT column shows the bullet; their codes are by position ("I.1.y1").
BULLETS = ("-", "+")


@dataclass(frozen=True)
class RowGroup:
    """A fixed row group of a table, e.g. "I. Thực hiện bằng các dự án đầu tư" or its "1. Dự án ...".

    ``code`` is the full path ("I", "I.1"); ``number`` is what the TT column shows ("I", "1").
    Item rows are added only under leaf groups; a group's subtotal is the sum of its parts.
    """

    code: str
    number: str
    label: str
    children: tuple["RowGroup", ...] = ()
    line: int | None = None
    cells: tuple[tuple[str, str], ...] = ()  # given cells of the row ("Đơn vị tính" → "Hồ sơ")

    @property
    def is_leaf(self) -> bool:
        return not self.children

    def walk(self, depth: int = 0) -> Iterator[tuple["RowGroup", int]]:
        """This group and all its descendants, depth first, with their depth (0 = top)."""
        yield self, depth
        for child in self.children:
            yield from child.walk(depth + 1)


@dataclass(frozen=True)
class SumCheck:
    """A clerk's check on one row: ``sum(parts) <= at_most`` (else a warning to confirm)."""

    parts: tuple[str, ...]
    at_most: str
    line: int | None = None
    label: str = "Tổng các cột"  # what the parts add up to, in the warning ("Tổng nguồn vốn")


@dataclass(frozen=True)
class TableSpec:
    """A table field: typed columns, optional fixed row groups, computed TT/subtotals/total."""

    columns: tuple[Column, ...]
    groups: tuple[RowGroup, ...] = ()
    unit: str = DEFAULT_UNIT
    total_label: str = "TỔNG CỘNG"
    show_total: bool = True
    column_numbers: bool = True
    min_rows: int = 0
    checks: tuple[SumCheck, ...] = ()
    fixed_rows: bool = False  # every leaf group IS one row the user fills across (an indicator table)

    def column(self, column_id: str) -> Column:
        """The column with this id (KeyError if none)."""
        for col in self.columns:
            if col.id == column_id:
                return col
        raise KeyError(column_id)

    @property
    def input_columns(self) -> tuple[Column, ...]:
        """Columns the user fills, in order (computed ones left out)."""
        return tuple(c for c in self.columns if c.is_input)

    @property
    def sum_columns(self) -> tuple[Column, ...]:
        """Columns added up in subtotals and the total."""
        return tuple(c for c in self.columns if c.sum)

    def all_groups(self) -> Iterator[tuple[RowGroup, int]]:
        """Every group with its depth, in document order."""
        for group in self.groups:
            yield from group.walk()

    def leaf_groups(self) -> tuple[RowGroup, ...]:
        """Groups under which item rows may be added, in document order."""
        return tuple(g for g, _ in self.all_groups() if g.is_leaf)

    def row_title(self, code: str) -> str:
        """A given row's name as a clerk says it: its label, and for a bullet sub-row its row's label
        before it ("Số hồ sơ tiếp nhận – Trực tuyến"; "Trực tuyến" alone is ambiguous)."""
        group = self.group(code)
        if group.number in BULLETS and "." in code:
            return f"{self.group(code.rsplit('.', 1)[0]).label} – {group.label}"
        return group.label

    def group(self, code: str) -> RowGroup:
        """The group with this code (KeyError if none)."""
        for g, _ in self.all_groups():
            if g.code == code:
                return g
        raise KeyError(code)
