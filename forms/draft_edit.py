"""Small edits of a template mapping (what an admin asks while reviewing a draft).

Pure functions on the loader-shaped mapping (``sections`` → ``field`` / ``section`` items, table
``columns``): they return a changed copy; ``forms.loader.load_template_data`` checks the result.
A target is a field or section code ("I.2", "bang") or a table column as "FIELD.COLUMN"
("bang.quy_iii_2024"); codes are matched as written, then case-insensitively.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

__all__ = ["EDITS", "apply_edit", "find_node", "set_dispatch"]

#: edit name → whether it takes a value (the new label / type)
EDITS: dict[str, bool] = {"rename": True, "retype": True, "optional": False, "required": False, "drop": False}


def _children(node: Mapping[str, Any]) -> list[Any]:
    return node.get("items") or []


def _walk(items: list[Any]):
    """(container list, item) for every section/field, depth first."""
    for item in items:
        if isinstance(item, dict):
            yield items, item
            yield from _walk(_children(item))


def _code(item: Mapping[str, Any]) -> str:
    return str(item.get("field") or item.get("section") or "")


def find_node(data: Mapping[str, Any], target: str) -> tuple[list[Any], dict[str, Any], dict[str, Any] | None]:
    """(container, field-or-section, column or None) named by ``target``; KeyError if none."""
    target = target.strip()
    nodes = list(_walk(data.get("sections") or []))
    for exact in (True, False):
        same = (lambda a, b: a == b) if exact else (lambda a, b: a.lower() == b.lower())
        for container, item in nodes:
            if same(_code(item), target):
                return container, item, None
        for container, item in nodes:
            columns = (item.get("table") or {}).get("columns") or []
            for column in columns:
                if isinstance(column, dict) and same(f"{_code(item)}.{column.get('id')}", target):
                    return columns, item, column
    raise KeyError(target)


def set_dispatch(data: Mapping[str, Any], so_hieu: str) -> dict[str, Any]:
    """A copy of ``data`` belonging to dispatch ``so_hieu`` (a form sent apart from its dispatch): the
    source, and the old số hiệu wherever the heading, aliases or title repeat it."""
    so_hieu = so_hieu.strip()
    if not so_hieu:
        raise ValueError("dispatch needs a số hiệu")
    out = copy.deepcopy(dict(data))
    source = dict(out.get("source") or {})
    old = str(source.get("dispatch") or "")
    source["dispatch"] = so_hieu
    out["source"] = source
    if old:
        for key in ("heading", "aliases"):
            if isinstance(out.get(key), list):
                out[key] = [v.replace(old, so_hieu) if isinstance(v, str) else v for v in out[key]]
        if isinstance(out.get("title"), str):
            out["title"] = out["title"].replace(old, so_hieu)
    return out


def apply_edit(data: Mapping[str, Any], edit: str, target: str, value: str | None = None) -> dict[str, Any]:
    """A copy of ``data`` with one edit: rename (label/title), retype, optional, required, drop.

    Raises KeyError (unknown target) or ValueError (unknown edit, missing value, or an edit that does
    not apply to the target, such as making a column optional).
    """
    if edit not in EDITS:
        raise ValueError(f"unknown edit {edit!r}")
    if EDITS[edit] and not (value or "").strip():
        raise ValueError(f"{edit} needs a value")
    out = copy.deepcopy(dict(data))
    container, item, column = find_node(out, target)
    node = column if column is not None else item
    is_section = column is None and "section" in item
    if edit == "drop":
        container.remove(node)
    elif edit == "rename":
        node["title" if is_section else "label"] = value.strip()
    elif edit == "retype":
        if is_section:
            raise ValueError("a section has no type")
        node["type"] = value.strip()
    else:
        if column is not None or is_section:
            raise ValueError(f"{edit} applies to fields only")
        node["required"] = edit == "required"
    return out
