"""A custom import-linter contract: no package imports another package's private names.

Grimp's import graph records modules, not names, so ``from knowledge.index import _tokenize`` is
just "bot.x imports knowledge.index" there. This contract reads the source of every module in the
graph and flags ``from A.b import _x`` / ``import A._b`` / ``A.b._x`` attribute use where ``A`` is a
different top-level package than the importer's. Dunder names (``__version__``) are not private.

Registered in pyproject.toml (``contract_types``) and run by ``lint-imports``.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from importlib.machinery import PathFinder
from pathlib import Path

from importlinter.application import output
from importlinter.domain.contract import Contract, ContractCheck


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


@dataclass(frozen=True, order=True)
class Violation:
    importer: str
    line: int
    target: str


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
    return ".".join(base + ([node.module] if node.module else []))


def violations_in(module: str, source: str, is_package: bool, roots: set[str]) -> list[Violation]:
    """The private names of other root packages that ``module``'s ``source`` imports or uses."""
    own = module.split(".")[0]
    found: list[Violation] = []
    aliases: dict[str, str] = {}  # local name → imported module path (for attribute access)
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            target = _resolve(module, is_package, node)
            top = target.split(".")[0]
            if top not in roots or top == own:
                continue
            parts = target.split(".")
            if any(_private(p) for p in parts):
                found.append(Violation(module, node.lineno, target))
            for alias in node.names:
                if _private(alias.name):
                    found.append(Violation(module, node.lineno, f"{target}.{alias.name}"))
                else:
                    aliases[alias.asname or alias.name] = f"{target}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] not in roots or parts[0] == own:
                    continue
                if any(_private(p) for p in parts):
                    found.append(Violation(module, node.lineno, alias.name))
                aliases[alias.asname or parts[0]] = alias.name if alias.asname else parts[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            chain: list[str] = [node.attr]
            value = node.value
            while isinstance(value, ast.Attribute):
                chain.append(value.attr)
                value = value.value
            if isinstance(value, ast.Name) and value.id in aliases:
                path = ".".join([aliases[value.id]] + list(reversed(chain)))
                found.append(Violation(module, node.lineno, path))
    return sorted(set(found))


def _source_file(module: str) -> Path | None:
    """The module's .py file, found without importing anything."""
    top, *rest = module.split(".")
    spec = PathFinder.find_spec(top, sys.path)
    if spec is None or not spec.submodule_search_locations:
        return None
    base = Path(list(spec.submodule_search_locations)[0]).joinpath(*rest)
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


class PrivateNamesContract(Contract):
    """Kept when no module of a root package imports or uses another root package's private names."""

    type_name = "private_names"

    def check(self, graph, verbose: bool) -> ContractCheck:  # noqa: ANN001  (grimp.ImportGraph)
        roots = set(self.session_options.get("root_packages") or [self.session_options.get("root_package")])
        found: list[Violation] = []
        for module in sorted(graph.modules):
            if module.split(".")[0] not in roots:
                continue
            path = _source_file(module)
            if path is None:
                continue
            source = path.read_text(encoding="utf-8")
            found += violations_in(module, source, path.name == "__init__.py", roots)
        return ContractCheck(kept=not found, warnings=[], metadata={"violations": found})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for v in check.metadata["violations"]:
            output.print_error(f"- {v.importer} (l.{v.line}) uses private {v.target}", bold=False)
            output.new_line()
