"""How answer values print in a document (Vietnamese conventions).

Why: the answers JSON stores ISO dates and plain numbers; a report shows "15/5/2019", "tháng 6/2019",
"1.500 triệu đồng", "Có"/"Không".  One place so body, tables and headings agree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from vntext.formatting import format_date, format_number
from forms.render.xml import clean

__all__ = ["format_value"]


def format_value(kind: str, value: Any, unit: str | None = None) -> str:
    """Printable text for a stored value of this field/column type ("" for empty)."""
    if value is None:
        return ""
    if kind == "yesno":
        return "Có" if value else "Không"
    if kind == "money":
        text = format_number(value)
        return f"{text} {unit}" if unit else text
    if kind == "number":
        text = format_number(value)
        return f"{text} {unit}" if unit else text
    if kind == "year":
        return str(value) if isinstance(value, int) else clean(value)
    if kind == "integer":
        return str(value) if isinstance(value, int) else clean(value)
    if kind == "date" and isinstance(value, (str, dt.date)):
        try:
            return format_date(value)
        except ValueError:
            return clean(value)
    if kind == "month" and isinstance(value, str) and len(value) == 7 and value[4] == "-":
        return f"{int(value[5:])}/{value[:4]}" if value[5:].isdigit() else clean(value)
    return clean(value)
