"""Dates, months, year ranges and reporting periods typed in Vietnamese → ISO values."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from forms.parsers.base import MAX_YEAR, MIN_YEAR, Parsed, ParseError
from vntext.clock import vn_today
from vntext.formatting import format_date, format_month
from vntext.text import fold, normalize_space

__all__ = ["parse_date", "parse_month", "parse_year", "parse_year_range", "parse_period"]

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


def _typed(text: str, what: str, example: str) -> tuple[str, str]:
    """(the text as typed, cleaned; its folded form with every dash as "-"); empty input is an error."""
    raw = normalize_space(text)
    folded = _dash(fold(raw))
    if not folded:
        raise ParseError(f"Ông/bà chưa nhập {what}.", example)
    return raw, folded


def parse_date(text: str, reference: dt.date | str | None = None) -> Parsed:
    """A calendar date → "YYYY-MM-DD"; impossible dates such as 31/02/2019 are refused.

    A day and month without the year ("15/10", "ngày 15 tháng 10") is the most recent such day on or
    before ``reference`` (today in Vietnam when None), and the echo shows the year."""
    raw, f = _typed(text, "ngày", _DATE_EXAMPLE)
    short = re.fullmatch(r"(?:ngay\s*)?(\d{1,2})\s*(?:[/.-]|\s+thang\s+|\s*thang\s*)\s*(\d{1,2})\.?", f)
    if short:
        ref = _reference(reference)
        d, mo = int(short.group(1)), int(short.group(2))
        y = ref.year if (mo, d) <= (ref.month, ref.day) else ref.year - 1
        iso = _check_date(d, mo, y)
        return Parsed(iso, f"{format_date(iso)}")
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", f)
    if m:
        iso = _check_date(int(m.group(3)), int(m.group(2)), _year(m.group(1)))
        return Parsed(iso, f"{format_date(iso)}")
    f = re.sub(r"^(?:[a-z ]*,\s*)?", "", f) if "," in f and "ngay" in f else f  # "Hà Nội, ngày ..."
    m = re.fullmatch(r"(?:ngay\s*)?(\d{1,2})\s*(?:[/.-]|\s+thang\s+|\s*thang\s*)\s*(\d{1,2})\s*(?:[/.-]|\s+nam\s+|\s*nam\s*)\s*(\d{4}|\d{2})", f)
    if not m:
        m = re.fullmatch(r"(?:ngay\s*)?(\d{1,2})\s+(\d{1,2})\s+(\d{4})", f)
    if not m:
        raise ParseError(f"Không hiểu ngày “{raw}”.", _DATE_EXAMPLE)
    iso = _check_date(int(m.group(1)), int(m.group(2)), _year(m.group(3)))
    return Parsed(iso, f"{format_date(iso)}")


def parse_month(text: str, reference: dt.date | str | None = None) -> Parsed:
    """A month of a year → "YYYY-MM": "tháng 6/2019", "6/2019", "06-2019", "T6/2019", "2019-06".

    A month without its year ("tháng 10", "thang 10", "t10") means the most recent such month on or
    before ``reference`` (the notice's or report's date; today in Vietnam when None), and the echo
    says which ("tháng 10/2026").  A month more than :data:`FAR_MONTHS` months from ``reference``
    is kept with a warning asking the user to confirm or correct it.
    """
    raw, f = _typed(text, "tháng", _MONTH_EXAMPLE)
    ref = _reference(reference)
    m = re.fullmatch(r"(\d{4})\s*[-/.]\s*(\d{1,2})", f)
    guessed = False
    if m:
        y, mo = _year(m.group(1)), int(m.group(2))
    else:
        m = re.fullmatch(r"(?:thang\s*|t\s*)?(\d{1,2})\s*(?:[/.-]|\s+nam\s+|\s*nam\s*|\s+)\s*(\d{4})", f)
        if m:
            mo, y = int(m.group(1)), _year(m.group(2))
        elif relative := _RELATIVE_YEAR.fullmatch(f):  # "tháng 11 năm ngoái"
            mo, y = int(relative.group(1)), ref.year - (relative.group(2) != "nay")
            guessed = True
        else:
            # "tháng 10", "t10", or a bare "10" typed in a month field
            m = re.fullmatch(r"(?:thang\s*|t\s*)?(\d{1,2})(?:\s+(?:nay|vua qua|truoc|roi))?\.?", f)
            if not m:
                raise ParseError(f"Không hiểu tháng “{raw}”.", _MONTH_EXAMPLE)
            mo = int(m.group(1))
            y = ref.year if mo <= ref.month else ref.year - 1
            guessed = True
    if not 1 <= mo <= 12:
        raise ParseError(f"Tháng {mo} không hợp lệ (tháng từ 1 đến 12).", _MONTH_EXAMPLE)
    iso = f"{y:04d}-{mo:02d}"
    echo = f"{format_month(iso)}"
    if guessed:
        echo = f"tháng {mo}/{y}"
    distance = abs((y - ref.year) * 12 + (mo - ref.month))
    warning = None
    if distance > FAR_MONTHS:
        warning = (f"Tháng {mo}/{y} cách ngày báo cáo ({ref.day:02d}/{ref.month:02d}/{ref.year}) {distance} tháng; "
                   "ông/bà vui lòng kiểm tra lại.")
    return Parsed(iso, echo, warning)


_RELATIVE_YEAR = re.compile(r"(?:thang\s*|t\s*)(\d{1,2})\s+nam\s+(nay|ngoai|truoc|qua|roi)\.?")

#: How far (in months) from the reference date a month may be before the reply questions it.
FAR_MONTHS = 12


def _reference(reference: dt.date | str | None) -> dt.date:
    """The reference date: a date, an ISO "YYYY-MM-DD"/"YYYY-MM" text, or today in Vietnam."""
    if isinstance(reference, dt.datetime):
        return reference.date()
    if isinstance(reference, dt.date):
        return reference
    if isinstance(reference, str) and reference:
        parts = [int(p) for p in reference.split("-")[:3]]
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 12, parts[2] if len(parts) > 2 else 1)
    return vn_today()


_YEAR_EXAMPLE = "2019 hoặc năm 2019"


def parse_year(text: str) -> Parsed:
    """A calendar year → int: "2019", "năm 2019", "19" (= 2019)."""
    raw = normalize_space(text)
    m = re.fullmatch(r"(?:nam\s*)?(\d{4}|\d{2})\.?", fold(raw))
    if not m:
        raise ParseError(f"Không hiểu năm “{raw}”.", _YEAR_EXAMPLE)
    year = _year(m.group(1))
    return Parsed(year, f"{year}")


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
    return Parsed(value, f"giai đoạn {a}-{b}")


_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_PERIOD_EXAMPLE = "tháng 6/2019, quý II/2019, 6 tháng đầu năm 2019, năm 2019, 2019-2020"


def parse_period(text: str, max_len: int = 200, reference: dt.date | str | None = None) -> Parsed:
    """A reporting period, free text normalized where it has a known shape.

    "quy 2/2019" → "Quý II/2019", "thang 6 nam 2019" → "Tháng 6/2019", "2019" → "Năm 2019",
    "2019-2020" → "Giai đoạn 2019-2020"; anything else is kept (cleaned, first letter upper).
    """
    raw = normalize_space(text)
    if not raw:
        raise ParseError("Ông/bà chưa nhập kỳ báo cáo.", _PERIOD_EXAMPLE)
    if len(raw) > max_len:
        raise ParseError(f"Kỳ báo cáo quá dài ({len(raw)} ký tự, tối đa {max_len}).", _PERIOD_EXAMPLE)
    f = _dash(fold(raw))
    roman_back = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
    m = re.fullmatch(r"quy\s*(i{1,3}|iv|[1-4])\s*(?:[/-]|\s+nam\s+|\s+)\s*(\d{4})", f)
    if m:
        q = roman_back.get(m.group(1)) or int(m.group(1))
        value = f"Quý {_ROMAN[q]}/{_year(m.group(2))}"
        return Parsed(value, f"{value}")
    try:
        month = parse_month(raw, reference).value
        y, mo = month.split("-")
        value = f"Tháng {int(mo)}/{y}"
        return Parsed(value, f"{value}")
    except ParseError:
        pass
    m = re.fullmatch(r"(?:nam\s+)?(\d{4})", f)
    if m:
        value = f"Năm {_year(m.group(1))}"
        return Parsed(value, f"{value}")
    try:
        yr = parse_year_range(raw).value
        value = f"Giai đoạn {yr}"
        return Parsed(value, f"{value}")
    except ParseError:
        pass
    value = raw[0].upper() + raw[1:]
    return Parsed(value, f"{value}")
