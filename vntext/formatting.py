"""Numbers, money, dates and months written the Vietnamese way — one formatter for chat and document.

Why: the answers JSON stores plain numbers and ISO dates; the bot's echo, the review and the .docx
must all show the same text ("1.234,56", "15/5/2019", "tháng 6/2019").
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from vntext.clock import to_vn

__all__ = [
    "MAX_DECIMALS", "format_number", "format_money", "format_date", "format_date_long",
    "format_month", "format_datetime",
]

#: Decimals shown when the caller does not say (enough for any figure typed by hand; hides float noise).
MAX_DECIMALS = 6


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float) and math.isfinite(value):
        return Decimal(repr(value))
    return None


def format_number(value: Any, decimals: int | None = None) -> str:
    """"." between thousands, "," before decimals: 1500 → "1.500", 1.23456 → "1,23456".

    ``decimals`` is the most decimals shown (rounded half up; trailing zeros never shown);
    None means :data:`MAX_DECIMALS`.  None or a bool gives ""; anything else not a finite number
    is returned as its text.
    """
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) < 1e15):
        return f"{int(value):,}".replace(",", ".")  # fast path: whole numbers (most table cells)
    d = _decimal(value)
    if d is None:
        return str(value)
    places = MAX_DECIMALS if decimals is None else max(0, decimals)
    try:
        d = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except InvalidOperation:  # more digits than the context holds: show it unrounded
        pass
    sign = "-" if d < 0 else ""
    whole, _, frac = f"{abs(d):f}".partition(".")
    frac = frac.rstrip("0")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = ".".join(groups) + (f",{frac}" if frac else "")
    return (sign if text.strip("0.,") else "") + text  # never "-0"


def format_money(value: Any, unit: str) -> str:
    """"1.500 triệu đồng": the amount (see :func:`format_number`) followed by its unit."""
    text = format_number(value)
    return f"{text} {unit}".strip() if text else ""


def _as_date(value: dt.date | dt.datetime | str) -> dt.date:
    if isinstance(value, dt.datetime):
        return to_vn(value).date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip()[:10])


def format_date(value: dt.date | dt.datetime | str) -> str:
    """"15/5/2019", as officials write dates (an ISO string "2019-05-15" is accepted).

    A datetime is shown as its date in Vietnam.  Raises ValueError for a string that is not a date.
    """
    day = _as_date(value)
    return f"{day.day}/{day.month}/{day.year}"


def format_date_long(value: dt.date | dt.datetime | str) -> str:
    """"ngày 05 tháng 01 năm 2025", "ngày 15 tháng 5 năm 2019": the date line of NĐ 30/2020.

    Days below 10 and the months 1 and 2 take a leading zero (NĐ 30/2020, Phụ lục I).
    """
    day = _as_date(value)
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def format_month(month: int | str | dt.date, year: int | None = None) -> str:
    """"tháng 6/2019" from (6, 2019), from "2019-06" or from a date."""
    if isinstance(month, dt.date):
        month, year = month.month, month.year
    elif isinstance(month, str) and year is None:
        y, _, m = month.strip().partition("-")
        month, year = int(m), int(y)
    return f"tháng {int(month)}/{year}"


def format_datetime(moment: dt.datetime) -> str:
    """"15/5/2019 14:30" in Vietnam time (a naive ``moment`` is UTC)."""
    local = to_vn(moment)
    return f"{format_date(local.date())} {local.hour:02d}:{local.minute:02d}"
