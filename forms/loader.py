"""Load and check report templates from YAML; find a template from what a user typed.

Public API:
    load_template(path) -> Template
    load_template_text(text, file="<draft>") / load_template_data(mapping, file="<draft>") -> Template
    registry() -> TemplateRegistry   (the templates shipped in ``forms/templates/``, cached)
    TemplateRegistry.all() / .get(id) / .resolve(user_text)

Errors are ``TemplateError`` naming file and line (see :mod:`forms.template_yaml`); the checks
themselves are in :mod:`forms.template_builder`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from forms.schema import Template
from forms.template_builder import TemplateBuilder
from forms.template_yaml import TemplateError, parse_yaml
from vntext.text import fold

__all__ = ["TemplateError", "load_template", "load_template_text", "load_template_data", "load_templates",
           "TemplateRegistry", "registry", "TEMPLATES_DIR", "normalize_alias"]

#: Where the shipped templates live.
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


def load_template(path: str | Path) -> Template:
    """Load one template file, checking it; raises ``TemplateError`` naming file and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(path, None, f"cannot read template: {exc}") from None
    return load_template_text(text, str(path))


def load_template_text(text: str, file: str = "<draft>") -> Template:
    """A template from YAML text (errors name ``file`` and the line)."""
    return TemplateBuilder(file).template(parse_yaml(text, file))


def load_template_data(data: Mapping[str, Any], file: str = "<draft>") -> Template:
    """A template from an already parsed mapping (same checks; errors carry no line numbers)."""
    return TemplateBuilder(file).template(data)

def load_templates(paths: Iterable[str | Path]) -> list[Template]:
    """Load several files; duplicate ids across files are an error naming both files."""
    out: list[Template] = []
    by_id: dict[str, Template] = {}
    for path in paths:
        template = load_template(path)
        if template.id in by_id:
            raise TemplateError(path, _id_line(path),
                                f"duplicate template id {template.id!r} (also in {by_id[template.id].path})")
        by_id[template.id] = template
        out.append(template)
    return out


def _id_line(path: str | Path) -> int | None:
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("id:"):
            return number
    return None


def normalize_alias(text: str) -> tuple[str, ...]:
    """Tokens for alias matching: folded, letters and digits split, leading zeros dropped.

    ``"Biểu 04/BCKH"``, ``"bieu04 bckh"`` and ``"biểu 4 - BCKH"`` all give ``("bieu", "4", "bckh")``.
    """
    folded = fold(text)
    tokens = re.findall(r"[a-z]+|[0-9]+", folded)
    return tuple(t.lstrip("0") or "0" if t.isdigit() else t for t in tokens)


class TemplateRegistry:
    """The known templates, by id, with alias resolution of what users type."""

    def __init__(self, templates: Iterable[Template]):
        self._by_id: dict[str, Template] = {}
        self._aliases: list[tuple[tuple[str, ...], Template]] = []
        for t in templates:
            if t.id in self._by_id:
                raise TemplateError(t.path, None, f"duplicate template id {t.id!r}")
            self._by_id[t.id] = t
            if t.status == "draft":  # reachable by id only, never by what a user types
                continue
            for alias in (t.id, *t.aliases):
                tokens = normalize_alias(alias)
                if tokens:
                    self._aliases.append((tokens, t))

    @classmethod
    def from_dir(cls, directory: str | Path) -> "TemplateRegistry":
        """Load every ``*.yaml`` of a directory (sorted by name)."""
        return cls(load_templates(sorted(Path(directory).glob("*.yaml"))))

    def all(self) -> list[Template]:
        """All templates, in file-name order."""
        return list(self._by_id.values())

    def get(self, template_id: str, version: int | str | None = None) -> Template:
        """The template with this id (KeyError if none).  ``version`` (a draft's pinned version) is
        accepted for registries that keep several (``bot.template_library``); a shipped YAML has one."""
        return self._by_id[template_id]

    def resolve(self, user_text: str) -> Template | None:
        """The template a user means ("bieu 4", "Biểu 04/BCKH", "mẫu 2", "tôi cần làm biểu 04").

        Exact id first; then the alias whose tokens appear contiguously in the text, preferring
        the longest alias and then the earliest position.  None when nothing matches.
        """
        if not user_text:
            return None
        stripped = user_text.strip().lower()
        if stripped in self._by_id and self._by_id[stripped].status != "draft":
            return self._by_id[stripped]
        tokens = normalize_alias(user_text)
        best: tuple[int, int, Template] | None = None
        for alias, template in self._aliases:
            pos = _find_sub(tokens, alias)
            if pos < 0:
                continue
            key = (len(alias), -pos)
            if best is None or key > best[:2]:
                best = (key[0], key[1], template)
        return best[2] if best else None


def _find_sub(tokens: tuple[str, ...], sub: tuple[str, ...]) -> int:
    n, m = len(tokens), len(sub)
    for i in range(n - m + 1):
        if tokens[i:i + m] == sub:
            return i
    return -1


@functools.lru_cache(maxsize=1)
def registry() -> TemplateRegistry:
    """The templates shipped with baocao (``forms/templates/*.yaml``), loaded once."""
    return TemplateRegistry.from_dir(TEMPLATES_DIR)
