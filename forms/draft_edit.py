"""Small edits of a template mapping (what an admin asks while reviewing a draft).

Pure functions on the loader-shaped mapping (``sections`` → ``field`` / ``section`` items, table
``columns``): they return a changed copy; ``forms.loader.load_template_data`` checks the result.
A target is a field or section code ("I.2", "bang") or a table column as "FIELD.COLUMN"
("bang.quy_iii_2024"); codes are matched as written, then case-insensitively.  ``merge`` joins two
fields, two columns of one table or two sections that extraction split (one kept, one folded in).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

__all__ = ["EDITS", "apply_edit", "find_node", "merge", "set_dispatch"]

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


def _joined(*texts: Any) -> str:
    parts: list[str] = []
    for text in texts:
        text = str(text or "").strip()
        if text and text not in parts:
            parts.append(text)
    return " ".join(parts)


def merge(data: Mapping[str, Any], target: str, source: str, label: str | None = None) -> dict[str, Any]:
    """A copy of ``data`` with ``source`` folded into ``target`` and removed.

    * two fields (not tables): the target keeps its code; help texts are joined; it is required if
      either was; a text field merged with a long text becomes a long text; other types must match;
    * two columns of the same table: the target column stays (summed if either was), the source
      column goes, and the table's checks name the target instead;
    * two sections: the source's items move to the end of the target.
    ``label`` renames the target.  Raises KeyError (unknown code) or ValueError (the same code twice,
    or two things that cannot be one: a field and a column, columns of two tables, a table and a field).
    """
    out = copy.deepcopy(dict(data))
    t_container, t_item, t_column = find_node(out, target)
    s_container, s_item, s_column = find_node(out, source)
    t_node = t_column if t_column is not None else t_item
    s_node = s_column if s_column is not None else s_item
    if t_node is s_node:
        raise ValueError("cannot merge an item with itself")
    if (t_column is None) != (s_column is None):
        raise ValueError("a column merges only with a column of the same table")
    if t_column is not None:
        if t_item is not s_item:
            raise ValueError("columns of two different tables cannot be merged")
        t_column["sum"] = bool(t_column.get("sum") or s_column.get("sum"))
        if s_column.get("help") or t_column.get("help"):
            t_column["help"] = _joined(t_column.get("help"), s_column.get("help"))
        s_container.remove(s_column)
        gone, kept = str(s_column.get("id")), str(t_column.get("id"))
        for check in (t_item.get("table") or {}).get("checks") or []:
            if isinstance(check, dict):
                check["parts"] = list(dict.fromkeys(kept if p == gone else p for p in check.get("parts") or []))
                if check.get("at_most") == gone:
                    check["at_most"] = kept
    elif ("section" in t_item) != ("section" in s_item):
        raise ValueError("a section merges only with a section, a field only with a field")
    elif "section" in t_item:
        if any(node is t_item for _, node in _walk(_children(s_item))):
            raise ValueError("a section cannot be merged into one of its own parts")
        t_item.setdefault("items", []).extend(_children(s_item))
        if s_item.get("help") or t_item.get("help"):
            t_item["help"] = _joined(t_item.get("help"), s_item.get("help"))
        s_container.remove(s_item)
    else:
        kinds = {str(t_item.get("type") or "text"), str(s_item.get("type") or "text")}
        if "table" in kinds:
            raise ValueError("a table merges only column by column")
        if kinds == {"text", "longtext"}:
            t_item["type"] = "longtext"
        elif len(kinds) > 1:
            raise ValueError(f"fields of different types ({', '.join(sorted(kinds))}) cannot be merged")
        t_item["required"] = t_item.get("required", True) is not False or s_item.get("required", True) is not False
        for key in ("help", "source"):  # guidance and the dispatch's wording of both
            if isinstance(s_item.get(key), str) and s_item.get(key):
                t_item[key] = _joined(t_item.get(key), s_item.get(key))
        s_container.remove(s_item)
    if label and label.strip():
        t_node["title" if t_column is None and "section" in t_item else "label"] = label.strip()
    return out
