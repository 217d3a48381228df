"""Computed parts of a table: TT numbering, group subtotals, TỔNG CỘNG, and row warnings.

Why: a clerk never types a subtotal: "a group's parts are summed, never typed".  The renderer and
the engine (for its review screen) both call ``layout_table`` so the numbers they show agree.

``layout_table(spec, rows)`` returns the table's body in document order as ``LaidRow`` objects:
group rows (with their subtotals in ``values``), item rows (with their TT number) and the total row.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal, Mapping, Sequence

from forms.schema import RowGroup, TableSpec
from vntext.formatting import format_number

__all__ = ["LaidRow", "label_column", "layout_table", "group_totals", "table_total", "row_warnings"]


@dataclass
class LaidRow:
    """One body row of a rendered table.

    ``kind``: "group" (``depth`` 0 = I/II, 1 = 1/2 …), "item" or "total".  ``values`` maps column ids to
    cell values: for items the stored cells plus the computed TT; for groups and the total, the sums of
    the ``sum`` columns (and the TT/label of the group).  ``index`` is the item's position in the
    answers list (None for computed rows).
    """

    kind: Literal["group", "item", "total"]
    values: dict[str, Any] = field(default_factory=dict)
    depth: int = 0
    group: str | None = None
    index: int | None = None
    label: str = ""


def _num(value: Any) -> float:
    if isinstance(value, bool) or value is None:
        return 0.0
    if isinstance(value, (int, float)) and math.isfinite(value):
        return float(value)
    return 0.0


def _clean_sum(total: float) -> int | float:
    rounded = round(total, 6)
    return int(rounded) if float(rounded).is_integer() else rounded


def group_totals(spec: TableSpec, rows: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, int | float]]:
    """Subtotal of every ``sum`` column for every group code (parents include their children)."""
    sums = {g.code: {c.id: 0.0 for c in spec.sum_columns} for g, _ in spec.all_groups()}
    for row in rows:
        code = row.get("group")
        cells = row.get("cells") or {}
        if code not in sums:
            continue
        # add to the leaf and every ancestor ("I.1" → "I.1", "I")
        parts = code.split(".")
        for i in range(len(parts), 0, -1):
            ancestor = ".".join(parts[:i])
            if ancestor in sums:
                for cid in sums[ancestor]:
                    sums[ancestor][cid] += _num(cells.get(cid))
    return {code: {cid: _clean_sum(v) for cid, v in vals.items()} for code, vals in sums.items()}


def table_total(spec: TableSpec, rows: Sequence[Mapping[str, Any]]) -> dict[str, int | float]:
    """TỔNG CỘNG of every ``sum`` column over all item rows."""
    totals = {c.id: 0.0 for c in spec.sum_columns}
    for row in rows:
        cells = row.get("cells") or {}
        for cid in totals:
            totals[cid] += _num(cells.get(cid))
    return {cid: _clean_sum(v) for cid, v in totals.items()}


def _tt_column(spec: TableSpec) -> str | None:
    for col in spec.columns:
        if col.computed == "tt":
            return col.id
    return None


def label_column(spec: TableSpec) -> str | None:
    """The first column that is not the TT: where a group's label is written."""
    return next((c.id for c in spec.columns if c.computed != "tt"), None)


def layout_table(spec: TableSpec, rows: Sequence[Mapping[str, Any]]) -> list[LaidRow]:
    """The table body in document order: groups with subtotals, numbered items, then TỔNG CỘNG.

    Item numbering: under a sub-group numbered "1", items are "1.1", "1.2"…; under a top-level leaf
    group, or in a table without groups, "1", "2"….  Rows whose group is unknown are skipped here
    (``forms.answers`` rejects them earlier).
    """
    tt = _tt_column(spec)
    label_col = label_column(spec)
    out: list[LaidRow] = []
    if not spec.groups:
        for i, row in enumerate(rows):
            values = dict(row.get("cells") or {})
            if tt:
                values[tt] = str(i + 1)
            out.append(LaidRow("item", values, index=i))
    else:
        totals = group_totals(spec, rows)
        by_group: dict[str, list[int]] = {}
        for i, row in enumerate(rows):
            by_group.setdefault(str(row.get("group")), []).append(i)

        def emit(group: RowGroup, depth: int) -> None:
            values: dict[str, Any] = dict(totals[group.code])
            if tt:
                values[tt] = group.number
            if label_col:
                values[label_col] = group.label
            values.update(dict(group.cells))
            if spec.fixed_rows and group.is_leaf:  # the row given by the template, filled across
                mine = by_group.get(group.code, [])
                if mine:
                    values.update({k: v for k, v in (rows[mine[0]].get("cells") or {}).items()})
                out.append(LaidRow("item", values, depth=depth, group=group.code,
                                   index=mine[0] if mine else None, label=group.label))
                return
            out.append(LaidRow("group", values, depth=depth, group=group.code, label=group.label))
            if group.is_leaf:
                prefix = f"{group.number}." if depth > 0 else ""
                for n, i in enumerate(by_group.get(group.code, []), 1):
                    item = dict(rows[i].get("cells") or {})
                    if tt:
                        item[tt] = f"{prefix}{n}"
                    out.append(LaidRow("item", item, depth=depth + 1, group=group.code, index=i))
            for child in group.children:
                emit(child, depth + 1)

        for top in spec.groups:
            emit(top, 0)
    if spec.show_total and spec.sum_columns:
        values = dict(table_total(spec, rows))
        if label_col:
            values[label_col] = spec.total_label
        out.append(LaidRow("total", values, label=spec.total_label))
    return out


def row_warnings(spec: TableSpec, row: Mapping[str, Any]) -> list[str]:
    """Clerk's checks on one row, as Vietnamese warnings the engine asks the user to confirm.

    For each ``checks`` entry: the sum of the parts (e.g. NSTW + NSĐP, đầu tư and sự nghiệp) must not
    exceed the ``at_most`` column (Tổng mức đầu tư).  Also flags negative money.
    ``spec`` may be the ``TableSpec`` or the table ``Field``; ``row`` the stored row
    ``{"group": ..., "cells": {...}}`` or just its cells.
    """
    if not isinstance(spec, TableSpec):
        spec = spec.table  # a Field of type table
    cells = row.get("cells", row) if isinstance(row, Mapping) else {}
    warnings: list[str] = []
    for col in spec.columns:
        value = cells.get(col.id)
        if col.type == "money" and isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
            warnings.append(f"Cột “{col.label}” có số âm ({format_number(value)} {col.unit or spec.unit}).")
    for check in spec.checks:
        limit = cells.get(check.at_most)
        if limit is None or isinstance(limit, bool) or not isinstance(limit, (int, float)):
            continue
        parts = [cells.get(p) for p in check.parts]
        total = sum(_num(v) for v in parts)
        if total > float(limit) + 1e-9:
            names = " + ".join(_column_title(spec, p) for p in check.parts)
            warnings.append(
                f"{check.label} ({names}) là {format_number(_clean_sum(total))} {spec.unit}, lớn hơn "
                f"{spec.column(check.at_most).label} ({format_number(limit)} {spec.unit}). "
                "Vui lòng kiểm tra lại hoặc xác nhận nếu số liệu đúng."
            )
    return warnings


def _column_title(spec: TableSpec, column_id: str) -> str:
    col = spec.column(column_id)
    return " ".join((*col.header[1:], col.label)) if col.header else col.label
