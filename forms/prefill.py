"""What a first free-text request already says: "lam bieu 04 nam 2019", "mau 2 cho he thong mot cua".

Why: a user who names the year or the system in the message that opens the form should not be asked
again.  :func:`prefill_from_text` is pure: it reads the request by the *types* of the template's
fields — a year into the year field, a month into the month field — and a name after "cho" into the
field the template marks ``prefill: name`` (template-specific words live in YAML, not here).  The
result follows the answers JSON contract and goes to ``FormSession.start(template, prefill=...,
skip_prefilled=True)``; :func:`describe_prefill` says in one line what was filled.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from forms.parsers import ParseError, format_value, parse_month, parse_period, parse_text
from forms.schema import FieldRef, Template
from vntext.text import fold

__all__ = ["prefill_from_text", "describe_prefill", "prefilled_paths"]

#: Words after "cho" that name the person asking, not the subject ("làm cho tôi mẫu 2").
_PRONOUNS = {"toi", "em", "minh", "anh", "chi", "chung", "bac", "con", "tao", "ban"}
#: Trailing words of politeness cut from a name ("… một cửa nhé").
_TAIL_WORDS = {"nhe", "nha", "a", "voi", "di", "giup", "luon", "nhe!", "nhe."}

_MONTH_YEAR = re.compile(r"\b(?:thang|t)\s*(\d{1,2})\s*(?:/|-|\s+nam\s+|\s+)\s*(\d{4})\b")
_MONTH_ONLY = re.compile(r"\bthang\s*(\d{1,2})\b(?!\s*(?:/|-|nam\b|\d))")
_YEAR = re.compile(r"\bnam\s+(\d{4})\b|(?<![\d/.\-])((?:19|20)\d\d)(?![\d/.\-])")
_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*(?:-|–|den|toi)\s*((?:19|20)\d\d)\b")
_NAME_STOP = re.compile(r"\s+(?:nam|thang|quy|ky|giai doan|tu|den)\s+\d|\s+giai doan\b|\s+(?:19|20)\d\d\b|[,.;:!?(]")


def _targets(template: Template, kind: str) -> list[FieldRef]:
    """Fields that take ``kind`` ("year", "month", "name"): marked in YAML, else (year and month)
    the fields of that type — top-level ones first."""
    refs = list(template.fields())
    marked = [r for r in refs if r.field.prefill == kind]
    if marked or kind == "name":
        return marked
    typed = [r for r in refs if r.field.type == kind]
    return sorted(typed, key=lambda r: r.repeat is not None)


def _put(answers: dict[str, Any], ref: FieldRef, value: Any) -> None:
    if ref.repeat is None:
        answers[ref.code] = value
        return
    instances = answers.setdefault(ref.repeat.code, [{}])
    instances[0][ref.code] = value


def _name_after_cho(text: str) -> str | None:
    """The words after the last "cho" of ``text`` that does not name the asker, cut before a year,
    a month or punctuation, without trailing politeness words; None when there is none."""
    clean = unicodedata.normalize("NFC", " ".join((text or "").split()))
    folded = fold(clean)
    if len(folded) != len(clean):  # folding changed the length: match and cut on the folded text
        clean = folded
    for m in reversed(list(re.finditer(r"(?<!\w)cho\s+", folded))):
        rest = folded[m.end():]
        words = rest.split()
        if not words or words[0] in _PRONOUNS:
            continue
        stop = _NAME_STOP.search(" " + rest)
        end = m.end() + (len(rest) if stop is None else max(0, stop.start() - 1))
        name_words = clean[m.end():end].split()
        while name_words and fold(name_words[-1]) in _TAIL_WORDS:
            name_words.pop()
        name = " ".join(name_words).strip(" -–\"'“”‘’«»")
        if len(name) >= 3:
            return name[0].upper() + name[1:]
    return None


def prefill_from_text(template: Template, text: str, reference: dt.date | str | None = None) -> dict[str, Any]:
    """Answers a free-text request gives this template (answers JSON contract; empty when none).

    "lam bieu 04 nam 2019" → ``{"nam": 2019}``; "mau 2 cho he thong mot cua" →
    ``{"HTTT": [{"I.1": "He thong mot cua"}]}``; "báo cáo tháng 10" → the month field, read against
    ``reference`` (today in Vietnam when None) as the most recent October.
    """
    answers: dict[str, Any] = {}
    folded = fold(text or "")
    if not folded:
        return answers
    month_iso = None
    m = _MONTH_YEAR.search(folded)
    spoken = f"{m.group(1)}/{m.group(2)}" if m else None
    if m is None and (m := _MONTH_ONLY.search(folded)) is not None:
        spoken = f"thang {m.group(1)}"
    if spoken is not None:
        try:
            month_iso = parse_month(spoken, reference).value
        except ParseError:
            month_iso = None
    months = _targets(template, "month")
    if month_iso and months:
        _put(answers, months[0], month_iso)
    without_months = _MONTH_YEAR.sub(" ", folded)
    years = _targets(template, "year")
    span = _RANGE.search(without_months)
    y = _YEAR.search(_RANGE.sub(" ", without_months))
    if years and years[0].field.type in ("period", "year_range") and span:  # "giai doan 2019-2020"
        value = f"{span.group(1)}-{span.group(2)}"
        _put(answers, years[0], parse_period(value).value if years[0].field.type == "period" else value)
    elif y and years:
        year = int(y.group(1) or y.group(2))
        ref = years[0]
        if ref.field.type == "period":
            _put(answers, ref, parse_period(f"năm {year}").value)
        elif ref.field.type == "year":
            _put(answers, ref, year)
    names = _targets(template, "name")
    name = _name_after_cho(text) if names else None
    if name:
        try:
            _put(answers, names[0], parse_text(name).value)
        except ParseError:
            pass
    return answers


def prefilled_paths(template: Template, prefill: dict[str, Any]) -> list[tuple[FieldRef, str, Any]]:
    """(field, answer path, value) of every field ``prefill`` answers, in form order."""
    out = []
    for ref in template.fields():
        if ref.repeat is None:
            if ref.code in prefill and prefill[ref.code] not in (None, ""):
                out.append((ref, ref.code, prefill[ref.code]))
            continue
        for i, inst in enumerate(prefill.get(ref.repeat.code) or [], 1):
            if isinstance(inst, dict) and inst.get(ref.code) not in (None, ""):
                out.append((ref, f"{ref.repeat.code}[{i}].{ref.code}", inst[ref.code]))
    return out


def describe_prefill(template: Template, prefill: dict[str, Any]) -> str | None:
    """One line naming what was filled from the request ("Đã điền sẵn: Năm kế hoạch: 2019."),
    None when nothing was."""
    parts = []
    for ref, _, value in prefilled_paths(template, prefill):
        shown = format_value(ref.field.type, value, ref.field.effective_unit) if ref.field.type != "table" else ""
        parts.append(f"{ref.field.label}: {shown}")
    if not parts:
        return None
    return "Đã điền sẵn theo yêu cầu của ông/bà — " + "; ".join(parts) + ". Muốn đổi, gõ “sửa” và mã câu."
