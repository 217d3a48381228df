"""The architecture contracts (pyproject.toml, run by ``lint-imports`` in ``make test``) and the custom
private-names contract's own checks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.import_contracts import violations_in

ROOTS = {"bot", "knowledge", "forms", "storage", "vntext"}
ROOT = Path(__file__).resolve().parents[1]


def targets(module: str, source: str, is_package: bool = False) -> list[str]:
    return [v.target for v in violations_in(module, source, is_package, ROOTS)]


def test_private_names_of_another_package_are_found():
    assert targets("bot.core", "from knowledge.index import _tokenize, search") == ["knowledge.index._tokenize"]
    assert targets("bot.core", "import knowledge._cache as c") == ["knowledge._cache"]
    assert targets("bot.core", "from forms._engine import run") == ["forms._engine"]
    assert targets("bot.core", "from storage import repo\nrepo._canonical(1)") == ["storage.repo._canonical"]
    assert targets("bot.core", "import storage.repo\nstorage.repo._UNSET") == ["storage.repo._UNSET"]
    assert targets("bot.conversation", "from ..knowledge_link import _x", is_package=True) == []


def test_own_package_dunder_and_outside_names_are_allowed():
    assert targets("bot.core", "from bot.texts import _private_helper") == []
    assert targets("bot.core", "from .texts import _private_helper") == []
    assert targets("bot.core", "from knowledge import __version__") == []
    assert targets("bot.core", "from os import _exit\nimport json\njson._default_decoder") == []
    assert targets("bot.core", "x = object()\nx._private") == []


def test_relative_imports_resolve_to_their_package():
    assert targets("bot.sub.mod", "from ..knowledge_link import _x") == []  # bot.knowledge_link: own package
    assert targets("forms.engine", "from ..storage import _y", is_package=True) == []


def test_lint_imports_runs_on_the_project():
    """The contracts load and run (whether they are kept is reported by `make test`'s lint-imports step)."""
    proc = subprocess.run([str(Path(sys.executable).with_name("lint-imports"))], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert "Contracts:" in proc.stdout, proc.stdout + proc.stderr
    assert "private names" in proc.stdout
