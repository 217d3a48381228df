"""Complete synthetic answer sets for any template (tests, benchmarks, ``baocao fill --sample``).

Why: "every template renders with a complete answer set" must hold for templates added later too, so
the sample is derived from the schema, not written per template.  Every text value is distinct (it
carries its field code) so a test can find each answer in the rendered document.
"""

from __future__ import annotations

from typing import Any

from forms.schema import Field, TableSpec, Template

__all__ = ["sample_answers", "sample_value", "sample_rows"]


def sample_value(kind: str, tag: str, *, options: tuple[str, ...] = (), n: int = 1) -> Any:
    """A valid stored value of this type; text values contain ``tag`` so they can be found again."""
    if kind == "text":
        return f"Nội dung {tag}"
    if kind == "longtext":
        return f"Đoạn thứ nhất của {tag}: thực hiện đúng kế hoạch.\nĐoạn thứ hai của {tag}: đạt kết quả tốt."
    if kind == "period":
        return f"Giai đoạn {2018 + n}-{2019 + n} ({tag})"
    if kind in ("integer", "year"):
        return 2019
    if kind == "number":
        return 3.5 + n
    if kind == "money":
        return 1000 * n + 500
    if kind == "date":
        return f"2019-05-{10 + n % 18:02d}"
    if kind == "month":
        return f"2019-{1 + n % 12:02d}"
    if kind == "year_range":
        return "2019-2020"
    if kind == "choice":
        return options[n % len(options)]
    if kind == "yesno":
        return True
    raise ValueError(kind)


def _row_cells(spec: TableSpec, tag: str, n: int) -> dict[str, Any]:
    cells: dict[str, Any] = {}
    for col in spec.input_columns:
        if col.type == "money":
            continue
        cells[col.id] = sample_value(col.type, f"{tag}.{col.id}", options=col.options, n=n)
    money = [c for c in spec.input_columns if c.type == "money"]
    limit_ids = {c.at_most for c in spec.checks}
    for i, col in enumerate(money):
        if col.id not in limit_ids:
            cells[col.id] = 100 * n + 10 * i + 1000  # distinct, and summable by hand
    for check in spec.checks:
        cells[check.at_most] = sum(cells.get(p, 0) for p in check.parts) + 250
    return cells


def sample_rows(spec: TableSpec, per_group: int = 2, tag: str = "r") -> list[dict[str, Any]]:
    """``per_group`` item rows under every leaf group (or ``per_group`` rows if there are no groups)."""
    rows: list[dict[str, Any]] = []
    n = 0
    if not spec.groups:
        for _ in range(max(per_group, spec.min_rows)):
            n += 1
            rows.append({"cells": _row_cells(spec, f"{tag}{n}", n)})
        return rows
    for group in spec.leaf_groups():
        for _ in range(per_group):
            n += 1
            rows.append({"group": group.code, "cells": _row_cells(spec, f"{tag}{n}", n)})
    return rows


def _field_value(field: Field, n: int, per_group: int) -> Any:
    if field.type == "table":
        return sample_rows(field.table, per_group, tag=field.code)  # type: ignore[arg-type]
    return sample_value(field.type, f"[{field.code}]", options=field.options, n=n)


def sample_answers(template: Template, *, instances: int = 2, per_group: int = 2) -> dict[str, Any]:
    """Answers to every field (optional ones too); repeating sections get ``instances`` instances."""
    answers: dict[str, Any] = {}
    for n, ref in enumerate(template.fields(), 1):
        if ref.repeat is None:
            answers[ref.code] = _field_value(ref.field, n, per_group)
            continue
        bucket = answers.setdefault(ref.repeat.code, [{} for _ in range(instances)])
        for i, instance in enumerate(bucket, 1):
            value = _field_value(ref.field, n + i, per_group)
            if isinstance(value, str) and ref.field.type in ("text", "longtext", "period"):
                value = value.replace(f"[{ref.code}]", f"[{ref.repeat.code}{i}.{ref.code}]")
            instance[ref.code] = value
    return answers
