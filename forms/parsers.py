"""Input parsers for form answers typed in Vietnamese, with or without diacritics.

Why: an official types "1,5 tỷ", "15tr", "ngày 15 tháng 5 năm 2019" or "co" and expects the
bot to understand it the way a clerk would.  Each parser is a pure function: it returns the
normalized value of the answers JSON contract (see ``forms/answers.py``) or raises
:class:`ParseError` whose ``message`` is a clear Vietnamese sentence and whose ``example``
shows what is accepted.  :func:`parse_value` dispatches on the field type and also returns an
echo string ("= 1.500 triệu đồng") for the bot to show back.

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
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Callable, Sequence

from forms.text import clean_user_text, fold, normalize_space, strip_controls

__all__ = [
    "ParseError",
    "Parsed",
    "CellError",
    "PasteResult",
    "SHORT_TEXT_MAX",
    "LONG_TEXT_MAX",
    "MONEY_MAX_DONG",
    "DEFAULT_MONEY_UNIT",
    "parse_decimal",
    "parse_money",
    "parse_integer",
    "parse_number",
    "parse_date",
    "parse_month",
    "parse_year_range",
    "parse_period",
    "parse_choice",
    "parse_yesno",
    "parse_text",
    "parse_value",
    "parse_paste",
    "split_paste_line",
    "format_number",
    "format_money",
    "format_date",
    "format_month",
    "format_value",
    "unit_multiplier",
    "canonical_type",
    "NONE_TEXT",
    "is_none_answer",
    "is_explicit_none",
]

SHORT_TEXT_MAX = 500
LONG_TEXT_MAX = 20_000
MONEY_MAX_DONG = Decimal(10) ** 15  # 10^9 triệu đồng: far above any programme's budget
NUMBER_MAX = Decimal(10) ** 15
DEFAULT_MONEY_UNIT = "triệu đồng"
MIN_YEAR, MAX_YEAR = 1900, 2100


class ParseError(ValueError):
    """A user input that cannot be understood; ``message`` and ``example`` are Vietnamese."""

    def __init__(self, message: str, example: str | None = None) -> None:
        self.message = message
        self.example = example
        super().__init__(self.text)

    @property
    def text(self) -> str:
        """The full message for the user: the problem, then what is accepted."""
        if self.example:
            return f"{self.message} Ví dụ: {self.example}"
        return self.message


@dataclass(frozen=True)
class Parsed:
    """A normalized answer value, how to echo it back, and an optional warning to confirm."""

    value: Any
    echo: str
    warning: str | None = None


# ---------------------------------------------------------------------------------------------
# Formatting (Vietnamese: "." thousands, "," decimals)
# ---------------------------------------------------------------------------------------------


def format_number(value: int | float | Decimal, max_decimals: int = 6) -> str:
    """Format a number the Vietnamese way: 1500 → "1.500", 1234.5 → "1.234,5"."""
    d = Decimal(str(value)) if not isinstance(value, Decimal) else value
    q = d.quantize(Decimal(1).scaleb(-max_decimals), rounding=ROUND_HALF_UP) if max_decimals else d
    sign = "-" if q < 0 else ""
    q = abs(q)
    text = f"{q:f}"
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = ".".join(groups)
    return sign + (f"{out},{frac}" if frac else out)


def format_money(value: int | float | Decimal, unit: str = DEFAULT_MONEY_UNIT) -> str:
    """"1.500 triệu đồng" — the amount in the given unit, Vietnamese formatting."""
    return f"{format_number(value)} {unit}".strip()


def format_date(iso: str) -> str:
    """"2019-05-15" → "15/05/2019"."""
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


def format_month(iso: str) -> str:
    """"2019-06" → "tháng 6/2019"."""
    y, m = iso.split("-")
    return f"tháng {int(m)}/{y}"


def _to_json_number(d: Decimal) -> int | float:
    """An int when integral, else a float (the answers JSON holds plain numbers)."""
    if d == d.to_integral_value():
        return int(d)
    return float(d)


# ---------------------------------------------------------------------------------------------
# Decimal numbers
# ---------------------------------------------------------------------------------------------

_NUM_TOKEN = r"\d+(?:[.,]\d+)*"
_SPACE_GROUPED = re.compile(r"^\d{1,3}(?: \d{3})+$")


def parse_decimal(token: str) -> Decimal:
    """Read one written number ("1.500.000", "1,5", "1.5", "1,500.25") as a Decimal.

    Raises ParseError for shapes that cannot be read one way only ("1.2.3,4,5").
    """
    s = token.strip()
    if _SPACE_GROUPED.match(s):
        s = s.replace(" ", "")
    if not re.fullmatch(_NUM_TOKEN, s):
        raise ParseError(f"“{token}” không phải là một số.", "1.500.000 hoặc 1,5")
    dots, commas = s.count("."), s.count(",")
    try:
        if dots and commas:
            if s.rfind(",") > s.rfind("."):  # 1.500.000,5 (Vietnamese)
                whole, frac = s.rsplit(",", 1)
                if commas > 1 or not re.fullmatch(r"\d{1,3}(?:\.\d{3})+", whole):
                    raise ParseError(f"“{token}” viết không đúng dạng số.", "1.500.000,5")
                return Decimal(whole.replace(".", "") + "." + frac)
            whole, frac = s.rsplit(".", 1)  # 1,500,000.5 (English)
            if dots > 1 or not re.fullmatch(r"\d{1,3}(?:,\d{3})+", whole):
                raise ParseError(f"“{token}” viết không đúng dạng số.", "1.500.000,5")
            return Decimal(whole.replace(",", "") + "." + frac)
        if dots > 1:
            if not re.fullmatch(r"\d{1,3}(?:\.\d{3})+", s):
                raise ParseError(f"“{token}” viết không đúng dạng số.", "1.500.000")
            return Decimal(s.replace(".", ""))
        if commas > 1:
            if not re.fullmatch(r"\d{1,3}(?:,\d{3})+", s):
                raise ParseError(f"“{token}” viết không đúng dạng số.", "1.500.000")
            return Decimal(s.replace(",", ""))
        if dots == 1:
            whole, frac = s.split(".")
            if len(frac) == 3 and whole != "0" and not whole.startswith("0"):
                return Decimal(whole + frac)  # 1.500 = one thousand five hundred
            return Decimal(whole + "." + frac)
        if commas == 1:
            whole, frac = s.split(",")
            return Decimal(whole + "." + frac)  # Vietnamese decimal comma
        return Decimal(s)
    except InvalidOperation as exc:  # pragma: no cover - regexes keep this unreachable
        raise ParseError(f"“{token}” không phải là một số.", "1.500.000 hoặc 1,5") from exc


def _reject_common_bad_numbers(folded: str, example: str) -> None:
    """Clear messages for negatives, exponents, inf/nan before the general parser runs."""
    if re.match(r"^\s*(?:-|−|–|am\b)", folded):
        raise ParseError("Giá trị không được âm.", example)
    if re.search(r"\d\s*e\s*[+-]?\d", folded):
        raise ParseError("Không dùng cách viết số mũ (như 1e9); hãy ghi số bình thường.", example)
    if re.search(r"\b(?:inf|infinity|nan|vo cung|vo han)\b", folded):
        raise ParseError("Giá trị phải là một số hữu hạn.", example)


# ---------------------------------------------------------------------------------------------
# Money
# ---------------------------------------------------------------------------------------------

_WORD_POWER = {
    "ty": 9, "ti": 9,
    "trieu": 6, "tr": 6, "cu": 6,
    "nghin": 3, "ngan": 3, "k": 3,
    "dong": 0, "vnd": 0, "d": 0,
}
_MONEY_EXAMPLE = "1.500 (theo đơn vị của cột), 1,5 tỷ, 200 triệu, 15tr, 2 tỷ 300 triệu, 500 nghìn, 1.500.000 đồng"


def unit_multiplier(unit: str | None) -> int:
    """Power of ten in đồng of a money unit label: "triệu đồng" → 6, "đồng" → 0, "tỷ đồng" → 9."""
    f = fold(unit or DEFAULT_MONEY_UNIT)
    f = re.sub(r"^(don vi tinh|dvt)\s*:?\s*", "", f)
    first = f.split()[0] if f.split() else "trieu"
    first = first.rstrip(".")
    if first in _WORD_POWER:
        return _WORD_POWER[first]
    if first in ("ngan", "nghin"):
        return 3
    return 6


def _tokenize_money(folded: str, raw: str) -> list[tuple[Decimal | None, int | None, bool, str]]:
    """Split folded money text into (number, power, half, raw) terms; raise on leftovers."""
    s = folded.replace("vnđ", "vnd")
    s = re.sub(r"\bmot\b", "1", s)
    s = re.sub(r"(\d)\s*[đd]\b", r"\1 dong", s)  # 1500000đ, 1500000d
    terms: list[tuple[Decimal | None, int | None, bool, str]] = []
    pos = 0
    pattern = re.compile(
        r"\s*(?P<num>\d+(?:[.,]\d+)*)?\s*(?P<word>ty|ti|trieu|tr|cu|nghin|ngan|k|dong|vnd|d)?(?![a-z])\.?\s*(?P<ruoi>ruoi\b)?\s*"
    )
    # "1 500 000 đồng": digits grouped by spaces form one number
    s = re.sub(r"(?<![\d.,])\d{1,3}(?: \d{3})+(?![\d.,])", lambda m: m.group(0).replace(" ", ""), s)
    while pos < len(s):
        m = pattern.match(s, pos)
        if not m or m.end() == pos or not (m.group("num") or m.group("word")):
            raise ParseError(f"Không hiểu số tiền “{raw[:60]}”.", _MONEY_EXAMPLE)
        num = parse_decimal(m.group("num")) if m.group("num") else None
        word = m.group("word")
        power = _WORD_POWER[word] if word else None
        terms.append((num, power, bool(m.group("ruoi")), m.group(0).strip()))
        pos = m.end()
    return terms


def parse_money(text: str, unit: str | None = DEFAULT_MONEY_UNIT) -> Parsed:
    """Parse an amount of money and convert it to ``unit`` (a label such as "triệu đồng").

    Returns ``Parsed(value, echo)`` where value is an int or float in the unit and echo is
    "= 2.300 triệu đồng".  A bare number is taken to be in the unit already; a very large
    bare number in a "triệu"/"tỷ" column gets a warning to confirm (the user may have typed đồng).
    """
    unit = unit or DEFAULT_MONEY_UNIT
    raw = normalize_space(text)
    folded = fold(raw)
    if not folded:
        raise ParseError("Bạn chưa nhập số tiền.", _MONEY_EXAMPLE)
    _reject_common_bad_numbers(folded, _MONEY_EXAMPLE)
    folded = re.sub(r"\s*(?:dong|vnd|vnđ)\s*$", " dong", folded) if re.search(r"\d", folded) else folded
    terms = _tokenize_money(folded, raw)
    if not any(n is not None for n, _, _, _ in terms):
        raise ParseError("Số tiền phải có chữ số.", _MONEY_EXAMPLE)
    unit_power = unit_multiplier(unit)

    # A trailing currency word ("đồng") after a larger unit ("triệu đồng") is just the currency.
    if len(terms) >= 2 and terms[-1][0] is None and terms[-1][1] == 0 and terms[-2][1]:
        terms = terms[:-1]

    total = Decimal(0)
    last_power: int | None = None
    bare_only = len(terms) == 1 and terms[0][1] is None
    for i, (num, power, half, raw_term) in enumerate(terms):
        if num is None:
            raise ParseError(f"Không hiểu số tiền “{raw[:60]}”: thiếu con số trước đơn vị.", _MONEY_EXAMPLE)
        if power is None:
            if last_power is None:
                if len(terms) > 1:
                    raise ParseError("Hãy ghi đơn vị cho từng phần của số tiền.", "2 tỷ 300 triệu")
                power = unit_power
            else:  # "2 tỷ 3" = 2 tỷ 300 triệu; "15tr5" = 15 triệu 500 nghìn
                if i != len(terms) - 1 or last_power < 3 or not re.fullmatch(r"\d{1,3}", raw_term):
                    raise ParseError(f"Không rõ đơn vị của “{raw_term}”.", "2 tỷ 300 triệu")
                num = Decimal(raw_term.ljust(3, "0"))
                power = last_power - 3
        elif last_power is not None and power >= last_power:
            raise ParseError("Các phần của số tiền phải theo thứ tự tỷ, triệu, nghìn, đồng.", "2 tỷ 300 triệu")
        if half:
            if power == 0:
                raise ParseError("“rưỡi” cần đứng sau tỷ, triệu hoặc nghìn.", "1 triệu rưỡi")
            num = num + Decimal("0.5")
        total += num * (Decimal(10) ** power)
        last_power = power

    if total > MONEY_MAX_DONG:
        raise ParseError(
            f"Số tiền quá lớn (hơn {format_number(MONEY_MAX_DONG / Decimal(10) ** unit_power)} {unit}); hãy kiểm tra lại.",
            _MONEY_EXAMPLE,
        )
    in_unit = total / (Decimal(10) ** unit_power)
    in_unit = in_unit.quantize(Decimal(1).scaleb(-unit_power) if unit_power else Decimal(1), rounding=ROUND_HALF_UP)
    value = _to_json_number(in_unit.normalize() if in_unit != 0 else Decimal(0))
    echo = f"= {format_money(value, unit)}"
    warning = None
    if bare_only and unit_power >= 6 and in_unit >= Decimal(10) ** 5:
        warning = (
            f"Bạn nhập {format_number(value)} {unit} (= {format_number(total)} đồng). "
            f"Nếu đó là số đồng, hãy ghi rõ, ví dụ “{format_number(terms[0][0] or 0)} đồng”."
        )
    return Parsed(value, echo, warning)


# ---------------------------------------------------------------------------------------------
# Integers and numbers
# ---------------------------------------------------------------------------------------------


def _strip_unit_suffix(raw: str, unit: str | None) -> str:
    """Allow "12 hệ thống" when the field's unit is "hệ thống", "15%" when it is "%"."""
    f = fold(raw)
    if unit:
        u = fold(unit)
        if u and f.endswith(u):
            f = f[: -len(u)].strip()
    if f.endswith("%") and unit and "%" in unit:
        f = f[:-1].strip()
    return f


def _numeric_body(text: str, unit: str | None, allow_negative: bool, example: str,
                  what: str) -> tuple[str, str, bool]:
    """Shared first steps of integer/number parsing: (typed text, digits without unit or sign, negative?)."""
    raw = normalize_space(text)
    f = _strip_unit_suffix(raw, unit)
    if not f:
        raise ParseError("Bạn chưa nhập số.", example)
    neg = False
    if re.match(r"^(?:-|−|–)\s*\d", f):
        if not allow_negative:
            raise ParseError("Giá trị không được âm.", example)
        neg, f = True, re.sub(r"^(?:-|−|–)\s*", "", f)
    _reject_common_bad_numbers(f, example)
    if not re.fullmatch(r"\d+(?:[.,]\d+)*|\d{1,3}(?: \d{3})+", f):
        raise ParseError(f"“{raw}” không phải là {what}.", example)
    return raw, f, neg


def parse_integer(text: str, unit: str | None = None, allow_negative: bool = False) -> Parsed:
    """A whole number: "12", "1.500", "1 500" (and the field's unit word if typed after it)."""
    example = "12 hoặc 1.500"
    raw, f, neg = _numeric_body(text, unit, allow_negative, example, "một số nguyên")
    d = parse_decimal(f)
    if "," in f and "." not in f and f.count(",") == 1:
        raise ParseError(f"“{raw}” không phải là số nguyên (có phần thập phân).", example)
    if d != d.to_integral_value():
        raise ParseError(f"“{raw}” không phải là số nguyên (có phần thập phân).", example)
    if d > NUMBER_MAX:
        raise ParseError("Số quá lớn; hãy kiểm tra lại.", example)
    value = -int(d) if neg else int(d)
    suffix = f" {unit}" if unit else ""
    return Parsed(value, f"= {format_number(value)}{suffix}")


def parse_number(text: str, unit: str | None = None, allow_negative: bool = False) -> Parsed:
    """A decimal number: "1,5", "1.234,5", "15%" (when the unit is "%")."""
    example = "1,5 hoặc 1.234,5"
    raw, f, neg = _numeric_body(text, unit, allow_negative, example, "một số")
    d = parse_decimal(f)
    if d > NUMBER_MAX:
        raise ParseError("Số quá lớn; hãy kiểm tra lại.", example)
    d = d.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP).normalize()
    value = _to_json_number(-d if neg else d)
    suffix = f" {unit}" if unit else ""
    return Parsed(value, f"= {format_number(value)}{suffix}")


# ---------------------------------------------------------------------------------------------
# Dates, months, year ranges, periods
# ---------------------------------------------------------------------------------------------

_DATE_EXAMPLE = "15/5/2019, 15-05-2019 hoặc ngày 15 tháng 5 năm 2019"
_MONTH_EXAMPLE = "6/2019, tháng 6/2019 hoặc tháng 6 năm 2019"
_RANGE_EXAMPLE = "2019-2020 hoặc giai đoạn 2019 – 2020"


def _year(y: str) -> int:
    n = int(y)
    if len(y) == 2:
        n += 2000
    if not MIN_YEAR <= n <= MAX_YEAR:
        raise ParseError(f"Năm {y} không hợp lệ (cần từ {MIN_YEAR} đến {MAX_YEAR}).", _DATE_EXAMPLE)
    return n


def _check_date(d: int, m: int, y: int) -> str:
    if not 1 <= m <= 12:
        raise ParseError(f"Tháng {m} không hợp lệ (tháng từ 1 đến 12).", _DATE_EXAMPLE)
    last = calendar.monthrange(y, m)[1]
    if not 1 <= d <= last:
        raise ParseError(f"Ngày {d}/{m}/{y} không có thật: tháng {m} năm {y} chỉ có {last} ngày.", _DATE_EXAMPLE)
    return f"{y:04d}-{m:02d}-{d:02d}"


def _dash(s: str) -> str:
    return re.sub(r"[‐‑‒–—―−]", "-", s)


def parse_date(text: str) -> Parsed:
    """A calendar date → "YYYY-MM-DD"; impossible dates such as 31/02/2019 are refused."""
    raw = normalize_space(text)
    f = _dash(fold(raw))
    if not f:
        raise ParseError("Bạn chưa nhập ngày.", _DATE_EXAMPLE)
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", f)
    if m:
        iso = _check_date(int(m.group(3)), int(m.group(2)), _year(m.group(1)))
        return Parsed(iso, f"= {format_date(iso)}")
    f = re.sub(r"^(?:[a-z ]*,\s*)?", "", f) if "," in f and "ngay" in f else f  # "Hà Nội, ngày ..."
    m = re.fullmatch(r"(?:ngay\s*)?(\d{1,2})\s*(?:[/.-]|\s+thang\s+|\s*thang\s*)\s*(\d{1,2})\s*(?:[/.-]|\s+nam\s+|\s*nam\s*)\s*(\d{4}|\d{2})", f)
    if not m:
        m = re.fullmatch(r"(?:ngay\s*)?(\d{1,2})\s+(\d{1,2})\s+(\d{4})", f)
    if not m:
        raise ParseError(f"Không hiểu ngày “{raw}”.", _DATE_EXAMPLE)
    iso = _check_date(int(m.group(1)), int(m.group(2)), _year(m.group(3)))
    return Parsed(iso, f"= {format_date(iso)}")


def parse_month(text: str) -> Parsed:
    """A month of a year → "YYYY-MM": "tháng 6/2019", "6/2019", "06-2019", "T6/2019", "2019-06"."""
    raw = normalize_space(text)
    f = _dash(fold(raw))
    if not f:
        raise ParseError("Bạn chưa nhập tháng.", _MONTH_EXAMPLE)
    m = re.fullmatch(r"(\d{4})\s*[-/.]\s*(\d{1,2})", f)
    if m:
        y, mo = _year(m.group(1)), int(m.group(2))
    else:
        m = re.fullmatch(r"(?:thang\s*|t\s*)?(\d{1,2})\s*(?:[/.-]|\s+nam\s+|\s*nam\s*|\s+)\s*(\d{4})", f)
        if not m:
            raise ParseError(f"Không hiểu tháng “{raw}”.", _MONTH_EXAMPLE)
        mo, y = int(m.group(1)), _year(m.group(2))
    if not 1 <= mo <= 12:
        raise ParseError(f"Tháng {mo} không hợp lệ (tháng từ 1 đến 12).", _MONTH_EXAMPLE)
    iso = f"{y:04d}-{mo:02d}"
    return Parsed(iso, f"= {format_month(iso)}")


def parse_year_range(text: str) -> Parsed:
    """Two years, start ≤ end → "YYYY-YYYY": "2019-2020", "giai đoạn 2019 – 2020", "từ 2019 đến 2020"."""
    raw = normalize_space(text)
    f = _dash(fold(raw))
    f = re.sub(r"^(?:giai doan|thoi ky|thoi gian|nam)\s*:?\s*", "", f)
    m = re.fullmatch(r"(?:tu\s+)?(?:nam\s+)?(\d{4})\s*(?:-|/|den|toi)\s*(?:nam\s+)?(\d{4})", f)
    if not m:
        raise ParseError(f"Không hiểu giai đoạn “{raw}”.", _RANGE_EXAMPLE)
    a, b = int(m.group(1)), int(m.group(2))
    for y in (a, b):
        if not MIN_YEAR <= y <= MAX_YEAR:
            raise ParseError(f"Năm {y} không hợp lệ (cần từ {MIN_YEAR} đến {MAX_YEAR}).", _RANGE_EXAMPLE)
    if a > b:
        raise ParseError(f"Năm bắt đầu ({a}) phải không sau năm kết thúc ({b}).", _RANGE_EXAMPLE)
    value = f"{a}-{b}"
    return Parsed(value, f"= giai đoạn {a}-{b}")


_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_PERIOD_EXAMPLE = "tháng 6/2019, quý II/2019, 6 tháng đầu năm 2019, năm 2019, 2019-2020"


def parse_period(text: str, max_len: int = 200) -> Parsed:
    """A reporting period, free text normalized where it has a known shape.

    "quy 2/2019" → "Quý II/2019", "thang 6 nam 2019" → "Tháng 6/2019", "2019" → "Năm 2019",
    "2019-2020" → "Giai đoạn 2019-2020"; anything else is kept (cleaned, first letter upper).
    """
    raw = normalize_space(text)
    if not raw:
        raise ParseError("Bạn chưa nhập kỳ báo cáo.", _PERIOD_EXAMPLE)
    if len(raw) > max_len:
        raise ParseError(f"Kỳ báo cáo quá dài ({len(raw)} ký tự, tối đa {max_len}).", _PERIOD_EXAMPLE)
    f = _dash(fold(raw))
    roman_back = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
    m = re.fullmatch(r"quy\s*(i{1,3}|iv|[1-4])\s*(?:[/-]|\s+nam\s+|\s+)\s*(\d{4})", f)
    if m:
        q = roman_back.get(m.group(1)) or int(m.group(1))
        value = f"Quý {_ROMAN[q]}/{_year(m.group(2))}"
        return Parsed(value, f"= {value}")
    try:
        month = parse_month(raw).value
        y, mo = month.split("-")
        value = f"Tháng {int(mo)}/{y}"
        return Parsed(value, f"= {value}")
    except ParseError:
        pass
    m = re.fullmatch(r"(?:nam\s+)?(\d{4})", f)
    if m:
        value = f"Năm {_year(m.group(1))}"
        return Parsed(value, f"= {value}")
    try:
        yr = parse_year_range(raw).value
        value = f"Giai đoạn {yr}"
        return Parsed(value, f"= {value}")
    except ParseError:
        pass
    value = raw[0].upper() + raw[1:]
    return Parsed(value, f"= {value}")


# ---------------------------------------------------------------------------------------------
# Choices and yes/no
# ---------------------------------------------------------------------------------------------


def parse_choice(text: str, options: Sequence[str]) -> Parsed:
    """Pick one of ``options`` by number ("2"), text, unique prefix or unique word, any diacritics.

    Returns the option's canonical text.
    """
    if not options:
        raise ParseError("Trường này chưa có danh sách lựa chọn.")
    listing = "; ".join(f"{i}. {o}" for i, o in enumerate(options, 1))
    example = f"gõ số thứ tự (1–{len(options)}) hoặc tên lựa chọn: {listing}"
    raw = normalize_space(text)
    f = fold(raw).strip(" .)")
    if not f:
        raise ParseError("Bạn chưa chọn.", example)
    if re.fullmatch(r"\d+", f):
        n = int(f)
        if 1 <= n <= len(options):
            chosen = options[n - 1]
            return Parsed(chosen, f"= {chosen}")
        raise ParseError(f"Không có lựa chọn số {n}.", example)
    folded = [fold(o) for o in options]
    for o, fo in zip(options, folded):
        if f == fo:
            return Parsed(o, f"= {o}")
    for pred in (
        lambda fo: fo.startswith(f),
        lambda fo: re.search(r"(?:^|\W)" + re.escape(f), fo) is not None,
        lambda fo: f in fo,
    ):
        hits = [o for o, fo in zip(options, folded) if pred(fo)]
        if len(hits) == 1:
            return Parsed(hits[0], f"= {hits[0]}")
        if len(hits) > 1:
            raise ParseError(f"“{raw}” khớp nhiều lựa chọn: {', '.join(hits)}.", example)
    raise ParseError(f"“{raw}” không có trong danh sách.", example)


_YES = {"co", "c", "yes", "y", "dung", "1", "ok", "u", "uh", "vang", "da", "roi", "da co", "co a", "true", "x"}
_NO = {"khong", "k", "ko", "kg", "no", "n", "sai", "0", "chua", "false", "khong co", "khong a"}


def parse_yesno(text: str) -> Parsed:
    """Có/không in any spelling: có, co, c, yes, đúng, 1 → True; không, khong, k, no, sai, 0 → False."""
    f = fold(normalize_space(text)).strip(" .!")
    if f in _YES:
        return Parsed(True, "= Có")
    if f in _NO:
        return Parsed(False, "= Không")
    raise ParseError(f"Hãy trả lời có hoặc không (“{normalize_space(text)[:50]}” chưa rõ).", "có, không, co, khong, c, k")


# ---------------------------------------------------------------------------------------------
# "None" answers ("không", "không có", "-")
# ---------------------------------------------------------------------------------------------

#: What a required text answer "không có" is stored as (with diacritics, as printed in the report).
NONE_TEXT = "Không có."

# Folded answers that only mean "there is nothing to report".  "không có" (and its spellings) is
# the explicit statement, accepted as the text of a required text field; the rest only mean "none"
# and make an optional field empty.
_EXPLICIT_NONE = {"khong co", "ko co", "k co", "kg co", "khong co gi", "ko co gi", "khong co a"}
_NONE = _EXPLICIT_NONE | {
    "khong", "ko", "k", "kg", "khg", "khong ap dung", "ko ap dung", "n/a", "none",
    "-", "--", "---", "\u2013", "\u2014", "khong a",
}


def _none_key(text: str) -> str:
    f = fold(normalize_space(text))
    return re.sub(r"[\s.!…]+$", "", f).strip()


def is_none_answer(text: str) -> bool:
    """True for an answer that only means "none": "không", "không có", "khong co", "ko", "-",
    "không có gì", "không áp dụng" (any diacritics, trailing "." or "!" ignored).

    The engine records such an answer to an optional field as empty (never the literal word,
    which may be unaccented and would be printed in an official document).
    """
    if not text or len(text) > 30:  # fast path: every "none" phrase is short
        return False
    return _none_key(text) in _NONE


def is_explicit_none(text: str) -> bool:
    """True for "không có" in any spelling ("khong co", "không có gì"): a deliberate statement
    that a required text field may hold, stored as :data:`NONE_TEXT`."""
    if not text or len(text) > 30:
        return False
    return _none_key(text) in _EXPLICIT_NONE


# ---------------------------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------------------------


def parse_text(text: str, max_len: int = SHORT_TEXT_MAX, multiline: bool = False) -> Parsed:
    """Free text, cleaned of XML-forbidden control characters (emoji kept), within ``max_len``.

    Short text has its whitespace collapsed to single spaces; long text keeps line breaks.
    Too long → ParseError (the caller keeps the raw text so the user can shorten it).
    """
    value = clean_user_text(text) if multiline else normalize_space(text)
    if multiline:
        value = re.sub(r"[ \t]+\n", "\n", value)
        value = re.sub(r"\n{3,}", "\n\n", value)
    if not value:
        raise ParseError("Câu trả lời đang trống.", "gõ nội dung cần ghi vào báo cáo")
    if len(value) > max_len:
        raise ParseError(
            f"Câu trả lời dài {format_number(len(value))} ký tự, vượt giới hạn {format_number(max_len)} ký tự. "
            "Nội dung bạn gửi vẫn được giữ lại; hãy rút gọn rồi gửi lại.",
            None,
        )
    preview = value if len(value) <= 80 else value[:77] + "…"
    return Parsed(value, f"= {preview}")


# ---------------------------------------------------------------------------------------------
# Dispatch on field type
# ---------------------------------------------------------------------------------------------

_TYPE_ALIASES = {
    "text": "text", "short_text": "text", "string": "text", "str": "text", "shorttext": "text",
    "longtext": "longtext", "long_text": "longtext", "textarea": "longtext",
    "integer": "integer", "int": "integer",
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
) -> Parsed:
    """Parse ``text`` as a value of field type ``kind`` (see the module docstring)."""
    k = canonical_type(kind)
    if k == "text":
        return parse_text(text, max_len or SHORT_TEXT_MAX)
    if k == "longtext":
        return parse_text(text, max_len or LONG_TEXT_MAX, multiline=True)
    if k == "integer":
        return parse_integer(text, unit)
    if k == "number":
        return parse_number(text, unit)
    if k == "money":
        return parse_money(text, unit or DEFAULT_MONEY_UNIT)
    if k == "date":
        return parse_date(text)
    if k == "month":
        return parse_month(text)
    if k == "year_range":
        return parse_year_range(text)
    if k == "period":
        return parse_period(text)
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
    if k in ("integer", "number") and isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value) + (f" {unit}" if unit else "")
    if k == "date" and isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return format_date(value)
    if k == "month" and isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}", value):
        return format_month(value)
    if k == "yesno":
        return "Có" if value else "Không"
    return str(value)


# ---------------------------------------------------------------------------------------------
# Table paste: several rows at once
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CellError:
    """One cell that could not be parsed: 1-based line and column, Vietnamese message."""

    line: int
    column: int
    column_label: str
    message: str


@dataclass
class PasteResult:
    """Rows parsed from a paste (each a dict column id → value) and the errors found."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # source line of each row (1-based)
    errors: list[CellError] = field(default_factory=list)
    skipped_header: bool = False

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors


def split_paste_line(line: str) -> list[str]:
    """Cells of one pasted line: split by tab if present, else by "|", else by ";"."""
    s = line.rstrip("\r\n")
    if "\t" in s:
        cells = s.split("\t")
    elif "|" in s:
        s = s.strip()
        if s.startswith("|"):
            s = s[1:]
        if s.endswith("|"):
            s = s[:-1]
        cells = s.split("|")
    elif ";" in s:
        cells = s.split(";")
    else:
        cells = [s]
    return [c.strip() for c in cells]


@dataclass(frozen=True)
class PasteColumn:
    """What the paste parser needs to know of an input column."""

    id: str
    label: str
    parse: Callable[[str], Parsed]
    required: bool = False


def parse_paste(text: str, columns: Sequence[PasteColumn], max_rows: int = 500) -> PasteResult:
    """Parse several table rows, one per line, into dicts keyed by column id.

    Empty lines and markdown rule lines ("---|---") are ignored; a first line whose cells are
    the column labels is skipped as a header.  Empty cells are left out of the row (an error
    if the column is required); extra cells are an error.  Nothing raises: every problem is a
    :class:`CellError` with its line and column, so the bot can show them all at once.
    """
    result = PasteResult()
    # Not clean_user_text: its strip() would eat the tab of an empty first cell and shift the row.
    lines = unicodedata.normalize("NFC", strip_controls(text)).strip("\n").split("\n")
    label_folds = [fold(c.label) for c in columns]
    first = True
    for lineno, line in enumerate(lines, 1):
        if not line.strip() or re.fullmatch(r"[\s|:+\-]+", line) and "-" in line:
            continue
        cells = split_paste_line(line)
        if first:
            first = False
            folded_cells = [fold(c) for c in cells]
            matches = sum(1 for fc in folded_cells if fc and fc in label_folds)
            if matches >= max(1, (len(cells) + 1) // 2) and not any(re.search(r"\d", c) for c in cells[1:]):
                result.skipped_header = True
                continue
        if len(result.rows) >= max_rows:
            result.errors.append(CellError(lineno, 0, "", f"Mỗi lần dán tối đa {max_rows} dòng."))
            break
        if len(cells) > len(columns):
            result.errors.append(
                CellError(
                    lineno,
                    len(columns) + 1,
                    "",
                    f"Dòng {lineno} có {len(cells)} ô, nhiều hơn {len(columns)} cột cần nhập "
                    f"({', '.join(c.label for c in columns)}).",
                )
            )
            continue
        row: dict[str, Any] = {}
        row_ok = True
        for ci, col in enumerate(columns):
            cell = cells[ci] if ci < len(cells) else ""
            if not cell.strip():
                if col.required:
                    result.errors.append(CellError(lineno, ci + 1, col.label, f"Dòng {lineno}, cột “{col.label}”: chưa có giá trị."))
                    row_ok = False
                continue
            try:
                row[col.id] = col.parse(cell).value
            except ParseError as exc:
                result.errors.append(CellError(lineno, ci + 1, col.label, f"Dòng {lineno}, cột “{col.label}”: {exc.text}"))
                row_ok = False
        if row_ok:
            result.rows.append(row)
            result.lines.append(lineno)
    return result
