"""Input parsers for form answers typed in Vietnamese, with or without diacritics.

Why: an official types "1,5 tỷ", "15tr", "ngày 15 tháng 5 năm 2019" or "co" and expects the
bot to understand it the way a clerk would.  Each parser is a pure function: it returns the
normalized value of the answers JSON contract (see ``forms/answers.py``) or raises
:class:`ParseError` whose ``message`` is a clear Vietnamese sentence and whose ``example``
shows what is accepted.  :func:`parse_value` dispatches on the field type and also returns an
echo string ("1.500 triệu đồng") for the bot to show back.

Number rules (documented because Vietnamese and English separators collide):

* "." groups thousands, "," marks decimals: "1.500.000" = 1500000, "1,5" = 1.5.
* A single "." followed by exactly three digits groups thousands ("1.500" = 1500); otherwise
  it is a decimal point ("1.5 tỷ" = 1.5 tỷ).  Several "," with 3-digit groups ("1,500,000")
  or "," before "." ("1,500.5") are read the English way.
* Money: a bare number is in the column's unit (default "triệu đồng"); a number followed by a
  unit word (tỷ/tỉ, triệu/tr/củ, nghìn/ngàn/k, đồng/đ/vnđ) is converted.  Terms add up in
  descending order ("2 tỷ 300 triệu").  A bare trailing group of 1–3 digits after a unit fills
  the next lower unit the way people speak: "2 tỷ 3" = "2 tỷ 300 triệu", "15tr5" = 15,5 triệu.
  "rưỡi" adds half of the unit before it ("1 triệu rưỡi").
* Negative, non-finite, exponent notation and absurd amounts (more than 10^15 đồng,
  i.e. 10^9 triệu đồng) are refused.

Modules: ``base`` (Parsed, ParseError, limits), ``numbers`` (numbers, money), ``dates`` (dates,
months, year ranges, periods), ``words`` (choices, yes/no, "none", text), ``paste`` (table rows
pasted at once).  Values are shown back with :mod:`vntext.formatting` — the same text in chat and
in the document.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from forms.parsers.base import (
    DEFAULT_MONEY_UNIT,
    LONG_TEXT_MAX,
    MAX_YEAR,
    MIN_YEAR,
    MONEY_MAX_DONG,
    NUMBER_MAX,
    SHORT_TEXT_MAX,
    Parsed,
    ParseError,
)
from forms.parsers.dates import parse_date, parse_month, parse_period, parse_year, parse_year_range
from forms.parsers.numbers import parse_decimal, parse_integer, parse_money, parse_number, unit_multiplier
from forms.parsers.paste import CellError, PasteColumn, PasteResult, parse_paste, split_paste_line
from forms.parsers.words import (
    NONE_TEXT,
    is_explicit_none,
    is_none_answer,
    parse_choice,
    parse_text,
    parse_yesno,
    joined_paragraphs,
    text_stats,
)
from vntext.formatting import format_date, format_money, format_month, format_number

__all__ = [
    "ParseError", "Parsed", "CellError", "PasteResult", "PasteColumn",
    "SHORT_TEXT_MAX", "LONG_TEXT_MAX", "MONEY_MAX_DONG", "NUMBER_MAX", "DEFAULT_MONEY_UNIT", "MIN_YEAR", "MAX_YEAR",
    "parse_decimal", "parse_money", "parse_integer", "parse_number", "parse_date", "parse_month",
    "parse_year", "parse_year_range", "parse_period", "parse_choice", "parse_yesno", "parse_text", "parse_value",
    "parse_paste", "split_paste_line", "format_number", "format_money", "format_date", "format_month",
    "format_value", "unit_multiplier", "canonical_type", "NONE_TEXT", "is_none_answer", "is_explicit_none",
    "text_stats", "joined_paragraphs",
]

_TYPE_ALIASES = {
    "text": "text", "short_text": "text", "string": "text", "str": "text", "shorttext": "text",
    "longtext": "longtext", "long_text": "longtext", "textarea": "longtext",
    "integer": "integer", "int": "integer",
    "year": "year",
    "number": "number", "float": "number", "decimal": "number",
    "money": "money", "currency": "money",
    "date": "date",
    "month": "month", "month_year": "month", "monthyear": "month",
    "year_range": "year_range", "yearrange": "year_range", "years": "year_range",
    "period": "period",
    "choice": "choice", "select": "choice", "enum": "choice",
    "yesno": "yesno", "yes_no": "yesno", "bool": "yesno", "boolean": "yesno",
    "table": "table",
}


def canonical_type(kind: str) -> str:
    """Map the schema's type name (and a few synonyms) to the parsers' names."""
    k = str(getattr(kind, "value", kind)).lower()
    if k not in _TYPE_ALIASES:
        raise ValueError(f"unknown field type {kind!r}")
    return _TYPE_ALIASES[k]


def parse_value(
    kind: str,
    text: str,
    *,
    unit: str | None = None,
    options: Sequence[str] | None = None,
    max_len: int | None = None,
    reference: Any = None,
) -> Parsed:
    """Parse ``text`` as a value of field type ``kind`` (see the module docstring).

    ``reference`` (a date or ISO text; today in Vietnam when None) completes a month typed without
    its year ("tháng 10") and questions a month far from it."""
    k = canonical_type(kind)
    if k == "text":
        return parse_text(text, max_len or SHORT_TEXT_MAX)
    if k == "longtext":
        return parse_text(text, max_len or LONG_TEXT_MAX, multiline=True)
    if k == "integer":
        return parse_integer(text, unit)
    if k == "year":
        return parse_year(text)
    if k == "number":
        return parse_number(text, unit)
    if k == "money":
        return parse_money(text, unit or DEFAULT_MONEY_UNIT)
    if k == "date":
        return parse_date(text, reference)
    if k == "month":
        return parse_month(text, reference)
    if k == "year_range":
        return parse_year_range(text)
    if k == "period":
        return parse_period(text, reference=reference)
    if k == "choice":
        return parse_choice(text, list(options or []))
    if k == "yesno":
        return parse_yesno(text)
    raise ValueError(f"type {kind!r} has no single-value parser")


def format_value(kind: str, value: Any, unit: str | None = None) -> str:
    """A stored value shown back to the user in Vietnamese ("1.500 triệu đồng", "15/05/2019", "Có")."""
    if value is None:
        return "(chưa trả lời)"
    k = canonical_type(kind)
    if k == "money":
        return format_money(value, unit or DEFAULT_MONEY_UNIT)
    if k == "year" and isinstance(value, int):
        return str(value)
    if k in ("integer", "number") and isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value) + (f" {unit}" if unit else "")
    if k == "date" and isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return format_date(value)
    if k == "month" and isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}", value):
        return format_month(value)
    if k == "yesno":
        return "Có" if value else "Không"
    return str(value)
