"""Reading template YAML with line numbers, and the checks every template node goes through.

Why: templates are data edited by hand, so a mistake must be reported precisely: every error
names the file and the line (``TemplateError: bieu04.yaml:42: unknown type 'moneyy'``).  YAML is
parsed with a SafeLoader that records each mapping's and key's line.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

__all__ = ["TemplateError", "YDict", "parse_yaml", "NodeReader"]


class TemplateError(ValueError):
    """A template file is malformed.  ``str()`` reads ``file:line: message``."""

    def __init__(self, file: str | Path | None, line: int | None, message: str):
        self.file = str(file) if file is not None else "<template>"
        self.line = line
        self.message = message
        where = f"{self.file}:{line}" if line else self.file
        super().__init__(f"{where}: {message}")


class YDict(dict):
    """A mapping that remembers its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


class _YList(list):
    line: int = 0


class _LineLoader(yaml.SafeLoader):
    """SafeLoader building ``YDict``/``_YList`` with line numbers; duplicate keys are errors."""


def _construct_map(loader: _LineLoader, node: yaml.MappingNode) -> YDict:
    loader.flatten_mapping(node)
    result = YDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key_line = key_node.start_mark.line + 1
        if key in result:
            raise TemplateError(getattr(loader, "_file", None), key_line, f"duplicate key {key!r}")
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_line
    return result


def _construct_seq(loader: _LineLoader, node: yaml.SequenceNode) -> _YList:
    result = _YList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)


def parse_yaml(text: str, file: str) -> Any:
    loader = _LineLoader(text)
    loader._file = file  # type: ignore[attr-defined]
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise TemplateError(file, line, f"invalid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise TemplateError(file, None, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()


class NodeReader:
    """Typed reads of YAML nodes that raise ``TemplateError`` with the file and line."""

    def __init__(self, file: str):
        self.file = file

    def err(self, line: int | None, message: str) -> TemplateError:
        return TemplateError(self.file, line, message)

    def mapping(self, value: Any, line: int | None, what: str) -> YDict:
        if not isinstance(value, dict):
            raise self.err(getattr(value, "line", None) or line, f"{what} must be a mapping")
        return value  # type: ignore[return-value]

    def seq(self, value: Any, line: int | None, what: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.err(line, f"{what} must be a list")
        return value

    def line_of(self, node: YDict, key: str | None = None) -> int:
        if key is not None and key in getattr(node, "key_lines", {}):
            return node.key_lines[key]
        return getattr(node, "line", 0) or 0

    def check_keys(self, node: YDict, allowed: Iterable[str], what: str) -> None:
        allowed = set(allowed)
        for key in node:
            if key not in allowed:
                raise self.err(self.line_of(node, key), f"unknown key {key!r} in {what}")

    def req_str(self, node: YDict, key: str, what: str) -> str:
        value = node.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise self.err(self.line_of(node), f"{what} needs a non-empty {key!r}")
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise self.err(self.line_of(node, key), f"{what}: {key!r} must be text")
        return str(value).strip()

    def opt_str(self, node: YDict, key: str) -> str | None:
        value = node.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise self.err(self.line_of(node, key), f"{key!r} must be text")
        return str(value).strip()

    def opt_bool(self, node: YDict, key: str, default: bool) -> bool:
        value = node.get(key, default)
        if not isinstance(value, bool):
            raise self.err(self.line_of(node, key), f"{key!r} must be true or false")
        return value

    def str_list(self, node: YDict, key: str) -> tuple[str, ...]:
        values = self.seq(node.get(key), self.line_of(node, key), repr(key))
        out = []
        for v in values:
            if isinstance(v, bool) or not isinstance(v, (str, int, float)):
                raise self.err(self.line_of(node, key), f"{key!r} must be a list of text")
            out.append(str(v).strip())
        return tuple(out)
