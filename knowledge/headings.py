"""Headings of a dispatch: numbered parts (A., I., 1., 1.1., a)) and the attached forms (Phụ lục, Mẫu, Biểu)."""

from __future__ import annotations

import re

from knowledge.form_names import sentence_case, template_heading

_ROMAN = "I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII"
# (level, regex) — lower level = higher in the tree. Levels 1-2 are the attached forms.
_HEADING_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (3, re.compile(r"^([A-H])\.\s+([A-ZÀ-ỸĐ].*)$")),
    (4, re.compile(rf"^({_ROMAN})\.\s+(\S.*)$")),
    (6, re.compile(r"^(\d{1,2}\.\d{1,2})\.?\s+(\S.*)$")),
    (5, re.compile(r"^(\d{1,2})[.)]\s+(\S.*)$")),
    (7, re.compile(r"^([a-zđ])\)\s+(\S.*)$")),
)
MAX_HEADING = 160


def numbered_heading(line: str) -> tuple[int, str, str] | None:
    if len(line) > MAX_HEADING:
        return None
    return numbered_item(line)


def numbered_item(line: str) -> tuple[int, str, str] | None:
    """(level, label, text) of a line opening with a part's number, however long ("2. Đối với …: báo cáo …")."""
    for level, pattern in _HEADING_PATTERNS:
        m = pattern.match(line)
        if m:
            return level, m.group(1), m.group(2)
    return None


_ARABIC = {roman: str(i) for i, roman in enumerate(_ROMAN.split("|"), 1)}


def follows(previous: str, label: str) -> bool:
    """Whether ``label`` is the number after ``previous`` in the same numbering ("1" → "2", "b" → "c", "II" → "III",
    "1.2" → "1.3")."""
    if previous in _ARABIC and label in _ARABIC:
        return int(_ARABIC[label]) == int(_ARABIC[previous]) + 1
    head, _, last = previous.rpartition(".")
    new_head, _, new_last = label.rpartition(".")
    if head != new_head:
        return False
    if last.isdigit() and new_last.isdigit():
        return int(new_last) == int(last) + 1
    letters = "abcdđefghiklmnopqrstuvxy"
    return len(last) == len(new_last) == 1 and last in letters and letters.find(new_last) == letters.find(last) + 1


def same_labels(labels: list[str]) -> set[str]:
    """Part labels as a question may write them: "mục 2" for "II." and "mục III" for "3." too (upper case)."""
    wanted = {label.upper() for label in labels}
    return wanted | {r for r, a in _ARABIC.items() if a in wanted} | {_ARABIC[w] for w in wanted if w in _ARABIC}


def heading_of(line: str, next_line: str) -> tuple[int, str, str, bool] | None:
    """(level, label, title, is_template) if ``line`` is a heading."""
    name = template_heading(line, next_line)
    if name:
        level = 1 if name.startswith("Phụ lục") else 2
        return level, name, "", True
    found = numbered_heading(line)
    if found:
        level, label, title = found
        return level, label, title, False
    return None


def display_title(title: str) -> str:
    title = title.strip().rstrip(":;.")
    if title.isupper():
        title = sentence_case(title)
    if len(title) > 70:
        cut = title.find(":")
        title = title[:cut] if 0 < cut <= 70 else title[:67].rsplit(" ", 1)[0] + "…"
    return title
