"""Numbers and money typed the Vietnamese way (see the rules in :mod:`forms.parsers`)."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from forms.parsers.base import DEFAULT_MONEY_UNIT, MONEY_MAX_DONG, NUMBER_MAX, Parsed, ParseError, to_json_number
from vntext.formatting import format_money, format_number
from vntext.text import fold, normalize_space

__all__ = ["parse_decimal", "unit_multiplier", "parse_money", "parse_integer", "parse_number"]

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
    "2.300 triệu đồng".  A bare number is taken to be in the unit already; a very large
    bare number in a "triệu"/"tỷ" column gets a warning to confirm (the user may have typed đồng).
    """
    unit = unit or DEFAULT_MONEY_UNIT
    raw = normalize_space(text)
    folded = fold(raw)
    if not folded:
        raise ParseError("Ông/bà chưa nhập số tiền.", _MONEY_EXAMPLE)
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
    value = to_json_number(in_unit.normalize() if in_unit != 0 else Decimal(0))
    echo = format_money(value, unit)
    warning = None
    if bare_only and unit_power >= 6 and in_unit >= Decimal(10) ** 5:
        warning = (
            f"Ông/bà nhập {format_number(value)} {unit}, tức {format_number(total)} đồng. "
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
        raise ParseError("Ông/bà chưa nhập số.", example)
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
    return Parsed(value, f"{format_number(value)}{suffix}")


def parse_number(text: str, unit: str | None = None, allow_negative: bool = False) -> Parsed:
    """A decimal number: "1,5", "1.234,5", "15%" (when the unit is "%")."""
    example = "1,5 hoặc 1.234,5"
    raw, f, neg = _numeric_body(text, unit, allow_negative, example, "một số")
    d = parse_decimal(f)
    if d > NUMBER_MAX:
        raise ParseError("Số quá lớn; hãy kiểm tra lại.", example)
    d = d.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP).normalize()
    value = to_json_number(-d if neg else d)
    suffix = f" {unit}" if unit else ""
    return Parsed(value, f"{format_number(value)}{suffix}")
