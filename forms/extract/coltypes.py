"""Infer a table column's type from its header path and the table's unit line.

Rules, first match wins (on folded text, so "Tỷ lệ" and "TY LE" read alike):
* percent — "(%)" or "%" in the header, or the label starts with "Tỷ lệ";
* money   — a money unit in the header ("triệu đồng", "nghìn đồng", "tỷ đồng", "đồng)"), or the
  table's unit line is a money unit and the header speaks of money (vốn, kinh phí, giá, giải ngân,
  dự toán, ngân sách, chi phí, tổng mức);
* date    — the label starts with "Ngày" (a date inside a label, "đến 30/9/2024", is not a date);
* year    — the label is "Năm" plus a few words without digits ("Năm sinh", "Năm khởi công"; not
  "Năm 2024", nor "Năm học"/"Năm tài chính", which name periods; nor "Nam", men, which folds alike);
* integer — the label (or a parent) starts with "Số"/"Tổng số"/"Số lượng", except identifiers
  ("Số hiệu", "Số ký hiệu", "Số điện thoại", "Số văn bản", "Số quyết định", "Số TT");
* number  — no other clue, in an indicator table (rows carry their own unit) or under a unit
  line that is not money ("Đơn vị tính: nghìn USD", "tấn");
* text    — everything else.
"""

from __future__ import annotations

import re

from vntext.text import fold

__all__ = ["infer_type", "money_unit", "is_tt_label", "is_unit_label", "is_note_label"]

_MONEY_UNITS = ("trieu dong", "nghin dong", "ngan dong", "ty dong", "(dong)", "vnd")
_MONEY_WORDS = re.compile(r"\b(von|kinh phi|gia|giai ngan|du toan|ngan sach|chi phi|tong muc|tien)\b")
_ID_NUMBERS = re.compile(r"^so (hieu|ky hieu|dien thoai|van ban|quyet dinh|tt|thu tu|cmnd|cccd|tai khoan)\b")
_COUNT = re.compile(r"^(so|tong so)\b")


def money_unit(text: str | None) -> str | None:
    """The money unit a text names ("Đơn vị tính: triệu đồng" → "triệu đồng"), else None."""
    if not text:
        return None
    folded = fold(text)
    for unit in _MONEY_UNITS:
        if unit in folded:
            m = re.search(r"(triệu|nghìn|ngàn|tỷ)\s+đồng", text, re.IGNORECASE)
            return m.group(0).lower() if m else "đồng"
    return None


def is_tt_label(label: str) -> bool:
    """The row-number column: "TT", "STT", "Số TT", "Số thứ tự"."""
    return fold(label).replace(".", "") in ("tt", "stt", "so tt", "so thu tu", "thu tu")


def is_unit_label(label: str) -> bool:
    """The per-row unit column of an indicator table: "Đơn vị tính", "ĐVT", "Đơn vị"."""
    return fold(label).replace(".", "") in ("don vi tinh", "dvt", "don vi")


def is_note_label(label: str) -> bool:
    return fold(label).startswith("ghi chu")


def infer_type(path: tuple[str, ...], table_unit: str | None, indicator: bool) -> tuple[str, str | None]:
    """(type, unit) with type in text/integer/year/number/money/percent/date."""
    label = fold(path[-1]) if path else ""
    whole = " ".join(fold(p) for p in path)
    if "%" in whole or label.startswith("ty le"):
        return "percent", "%"
    own_money = money_unit(" ".join(path))
    if own_money:
        return "money", own_money
    table_money = money_unit(table_unit)
    if table_money and _MONEY_WORDS.search(whole):
        return "money", table_money
    if label.startswith("ngay"):
        return "date", None
    if re.fullmatch(r"nam( [a-z]+){0,3}", label) and not re.search(r"\b(hoc|tai chinh|ke hoach)\b", label) \
            and not path[-1].strip().lower().startswith("nam"):  # "Nam" (men) folds like "Năm" (year)
        return "year", None
    for part in reversed([fold(p) for p in path]):
        if _COUNT.match(part) and not _ID_NUMBERS.match(part):
            return "integer", None
    if (indicator or (table_unit and not table_money)) and not is_note_label(path[-1] if path else ""):
        return "number", None
    return "text", None
