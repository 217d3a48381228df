"""Tests of forms.parsers and vntext.text: Vietnamese inputs with expected values, bad inputs, fuzz."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms.parsers import (
    LONG_TEXT_MAX,
    SHORT_TEXT_MAX,
    ParseError,
    PasteColumn,
    format_money,
    format_number,
    is_explicit_none,
    is_none_answer,
    parse_choice,
    parse_date,
    parse_integer,
    parse_money,
    parse_month,
    parse_number,
    parse_paste,
    parse_period,
    parse_text,
    parse_value,
    parse_year,
    parse_year_range,
    parse_yesno,
)
from vntext.text import clean_user_text, fold

# --------------------------------------------------------------------------- expected values

MONEY_CASES = [
    # (input, unit, expected value in unit)
    ("1.500.000", "triệu đồng", 1_500_000),  # a bare number is in the column's unit
    ("1.500", "triệu đồng", 1500),
    ("1,5", "triệu đồng", 1.5),
    ("1.5 tỷ", "triệu đồng", 1500),
    ("1,5 tỷ", "triệu đồng", 1500),
    ("1,2 tỉ", "triệu đồng", 1200),
    ("200 triệu", "triệu đồng", 200),
    ("200 trieu", "triệu đồng", 200),
    ("200 triệu đồng", "triệu đồng", 200),
    ("15tr", "triệu đồng", 15),
    ("15 tr", "triệu đồng", 15),
    ("15tr5", "triệu đồng", 15.5),
    ("2 tỷ 300 triệu", "triệu đồng", 2300),
    ("2 ty 300 trieu", "triệu đồng", 2300),
    ("2 tỷ 3", "triệu đồng", 2300),
    ("2 tỷ 300", "triệu đồng", 2300),
    ("500 nghìn", "triệu đồng", 0.5),
    ("500 ngàn", "triệu đồng", 0.5),
    ("500k", "triệu đồng", 0.5),
    ("1.500.000 đồng", "triệu đồng", 1.5),
    ("1500000đ", "triệu đồng", 1.5),
    ("1500000 vnđ", "triệu đồng", 1.5),
    ("1 triệu rưỡi", "triệu đồng", 1.5),
    ("3 củ", "triệu đồng", 3),
    ("1 tỷ 2 triệu 500 nghìn", "triệu đồng", 1002.5),
    ("0", "triệu đồng", 0),
    ("2 tỷ", "đồng", 2_000_000_000),
    ("1,5 triệu", "đồng", 1_500_000),
    ("1.500.000", "đồng", 1_500_000),
    ("250 triệu", "tỷ đồng", 0.25),
    ("3 tỷ", "nghìn đồng", 3_000_000),
    ("1 500 000 đồng", "triệu đồng", 1.5),
    ("1.234.567,5", "triệu đồng", 1_234_567.5),
    ("1,500,000 đồng", "triệu đồng", 1.5),
]


@pytest.mark.parametrize("text,unit,expected", MONEY_CASES)
def test_money_values(text: str, unit: str, expected: float) -> None:
    parsed = parse_money(text, unit)
    assert parsed.value == pytest.approx(expected)
    assert parsed.echo == format_money(expected, unit)


DATE_CASES = [
    ("15/5/2019", "2019-05-15"),
    ("15/05/2019", "2019-05-15"),
    ("15-05-2019", "2019-05-15"),
    ("15.5.2019", "2019-05-15"),
    ("ngày 15 tháng 5 năm 2019", "2019-05-15"),
    ("ngay 15 thang 5 nam 2019", "2019-05-15"),
    ("Ngày 1 tháng 12 năm 2020", "2020-12-01"),
    ("2019-05-15", "2019-05-15"),
    ("29/02/2020", "2020-02-29"),
    ("Hà Nội, ngày 05 tháng 01 năm 2025", "2025-01-05"),
    ("1/1/19", "2019-01-01"),
    ("  15 / 5 / 2019  ", "2019-05-15"),
]


@pytest.mark.parametrize("text,expected", DATE_CASES)
def test_date_values(text: str, expected: str) -> None:
    assert parse_date(text).value == expected


MONTH_CASES = [
    ("tháng 6/2019", "2019-06"),
    ("6/2019", "2019-06"),
    ("06-2019", "2019-06"),
    ("thang 6 nam 2019", "2019-06"),
    ("Tháng 12 năm 2018", "2018-12"),
    ("T6/2019", "2019-06"),
    ("2019-06", "2019-06"),
]


@pytest.mark.parametrize("text,expected", MONTH_CASES)
def test_month_values(text: str, expected: str) -> None:
    assert parse_month(text).value == expected


RANGE_CASES = [
    ("2019-2020", "2019-2020"),
    ("2019 – 2020", "2019-2020"),
    ("giai đoạn 2019-2020", "2019-2020"),
    ("giai doan 2019 - 2020", "2019-2020"),
    ("từ năm 2019 đến năm 2020", "2019-2020"),
    ("2016-2020", "2016-2020"),
]


@pytest.mark.parametrize("text,expected", RANGE_CASES)
def test_year_range_values(text: str, expected: str) -> None:
    assert parse_year_range(text).value == expected


NUMBER_CASES = [
    (parse_integer, "12", None, 12),
    (parse_integer, "1.500", None, 1500),
    (parse_integer, "1 500", None, 1500),
    (parse_integer, "12 hệ thống", "hệ thống", 12),
    (parse_number, "1,5", None, 1.5),
    (parse_number, "1.234,5", None, 1234.5),
    (parse_number, "15%", "%", 15),
    (parse_number, "0,25", None, 0.25),
]


@pytest.mark.parametrize("fn,text,unit,expected", NUMBER_CASES)
def test_number_values(fn, text: str, unit: str | None, expected: float) -> None:
    assert fn(text, unit).value == pytest.approx(expected)


OPTIONS = ("Đã triển khai", "Đang triển khai", "Chưa triển khai")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("1", "Đã triển khai"),
        ("3", "Chưa triển khai"),
        ("Đang triển khai", "Đang triển khai"),
        ("dang trien khai", "Đang triển khai"),
        ("chua", "Chưa triển khai"),
        ("da trien", "Đã triển khai"),
        ("DANG", "Đang triển khai"),
    ],
)
def test_choice(text: str, expected: str) -> None:
    assert parse_choice(text, OPTIONS).value == expected


def test_choice_ambiguous_and_unknown() -> None:
    with pytest.raises(ParseError, match="nhiều lựa chọn"):
        parse_choice("trien khai", OPTIONS)
    with pytest.raises(ParseError, match="Không có lựa chọn số 4"):
        parse_choice("4", OPTIONS)
    with pytest.raises(ParseError) as err:
        parse_choice("xyz", OPTIONS)
    assert "1. Đã triển khai" in err.value.text  # the example lists the options


@pytest.mark.parametrize("text", ["có", "co", "C", "yes", "đúng", "1", "Có."])
def test_yes(text: str) -> None:
    assert parse_yesno(text).value is True


@pytest.mark.parametrize("text", ["không", "khong", "k", "no", "sai", "0", "ko", "chưa"])
def test_no(text: str) -> None:
    assert parse_yesno(text).value is False


@pytest.mark.parametrize(
    "text,expected",
    [
        ("quy 2/2019", "Quý II/2019"),
        ("Quý IV năm 2018", "Quý IV/2018"),
        ("thang 6 nam 2019", "Tháng 6/2019"),
        ("2019", "Năm 2019"),
        ("giai đoạn 2019-2020", "Giai đoạn 2019-2020"),
        ("6 tháng đầu năm 2019", "6 tháng đầu năm 2019"),
    ],
)
def test_period(text: str, expected: str) -> None:
    assert parse_period(text).value == expected


def test_formatting() -> None:
    assert format_number(1500) == "1.500"
    assert format_number(1234567.25) == "1.234.567,25"
    assert format_number(0.5) == "0,5"
    assert format_money(2300, "triệu đồng") == "2.300 triệu đồng"


def test_large_bare_money_warns_but_keeps_column_unit() -> None:
    parsed = parse_money("1.500.000", "triệu đồng")
    assert parsed.value == 1_500_000
    assert parsed.warning and "1.500.000 đồng" in parsed.warning
    assert parse_money("1.500", "triệu đồng").warning is None


# --------------------------------------------------------------------------- bad inputs


@pytest.mark.parametrize(
    "text,needle",
    [
        ("-5", "không được âm"),
        ("−5 triệu", "không được âm"),
        ("1e309", "số mũ"),
        ("1E9", "số mũ"),
        ("inf", "hữu hạn"),
        ("nan", "hữu hạn"),
        ("abc tỷ", "Không hiểu"),
        ("tỷ", "chữ số"),
        ("", "chưa nhập"),
        ("2 triệu 3 tỷ", "thứ tự"),
        ("100000000000 tỷ", "quá lớn"),
        ("1.2.3", "không đúng dạng"),
    ],
)
def test_bad_money(text: str, needle: str) -> None:
    with pytest.raises(ParseError) as err:
        parse_money(text)
    assert needle in err.value.text
    assert "Ví dụ" in err.value.text  # every money error shows what is accepted


@pytest.mark.parametrize(
    "text,needle",
    [
        ("31/02/2019", "chỉ có 28 ngày"),
        ("29/02/2019", "chỉ có 28 ngày"),
        ("31/04/2020", "chỉ có 30 ngày"),
        ("15/13/2019", "Tháng 13"),
        ("hôm qua", "Không hiểu"),
        ("15/5/1800", "Năm 1800"),
    ],
)
def test_bad_dates(text: str, needle: str) -> None:
    with pytest.raises(ParseError) as err:
        parse_date(text)
    assert needle in err.value.text
    assert "Ví dụ" in err.value.text


def test_bad_month_range_integer() -> None:
    with pytest.raises(ParseError, match="Tháng 13"):
        parse_month("13/2019")
    with pytest.raises(ParseError, match="không sau"):
        parse_year_range("2020-2019")
    with pytest.raises(ParseError, match="không phải là số nguyên"):
        parse_integer("1,5")
    with pytest.raises(ParseError, match="không được âm"):
        parse_integer("-5")
    with pytest.raises(ParseError, match="số mũ"):
        parse_number("1e309")
    with pytest.raises(ParseError):
        parse_yesno("có lẽ")


def test_text_too_long_is_refused_with_counts() -> None:
    huge = "á" * 100_000
    with pytest.raises(ParseError) as err:
        parse_text(huge, LONG_TEXT_MAX, multiline=True)
    assert "100.000" in err.value.text and "20.000" in err.value.text
    with pytest.raises(ParseError):
        parse_text("x" * (SHORT_TEXT_MAX + 1))
    assert parse_text("x" * SHORT_TEXT_MAX).value == "x" * SHORT_TEXT_MAX


def test_control_characters_removed_emoji_kept() -> None:
    raw = "Hệ thống\x00 quản lý\x07 văn bản 📄✅\x1b[0m\ufeff"
    value = parse_text(raw).value
    assert value == "Hệ thống quản lý văn bản 📄✅[0m"
    long_value = parse_text("Dòng 1\r\nDòng 2\tcột\x0b", multiline=True).value
    assert long_value == "Dòng 1\nDòng 2\tcột"


def test_text_normalized_to_nfc() -> None:
    decomposed = "Tie\u0302\u0301ng Vie\u0323\u0302t"  # "Tiếng Việt" in NFD
    assert parse_text(decomposed).value == "Tiếng Việt"


def test_fold() -> None:
    assert fold("Biểu 04/BCKH  Đầu tư") == "bieu 04/bckh dau tu"
    assert fold("ĐỒNG") == "dong"
    assert fold("") == ""


# --------------------------------------------------------------------------- table paste


def _columns() -> list[PasteColumn]:
    return [
        PasteColumn("ten", "Tên dự án", lambda s: parse_text(s), required=True),
        PasteColumn("tong_muc", "Tổng mức đầu tư", lambda s: parse_money(s, "triệu đồng")),
        PasteColumn("nstw", "NSTW", lambda s: parse_money(s, "triệu đồng")),
    ]


def test_paste_separators_and_header() -> None:
    text = (
        "Tên dự án\tTổng mức đầu tư\tNSTW\n"
        "Cổng dịch vụ công\t1,5 tỷ\t1.000\n"
        "Hệ thống một cửa | 800 triệu | 500\n"
        "\n"
        "Kho dữ liệu; 2 tỷ 300 triệu; \n"
    )
    result = parse_paste(text, _columns())
    assert result.skipped_header
    assert result.errors == []
    assert result.rows == [
        {"ten": "Cổng dịch vụ công", "tong_muc": 1500, "nstw": 1000},
        {"ten": "Hệ thống một cửa", "tong_muc": 800, "nstw": 500},
        {"ten": "Kho dữ liệu", "tong_muc": 2300},
    ]
    assert result.lines == [2, 3, 5]


def test_paste_reports_every_bad_cell() -> None:
    text = "A\tabc tỷ\t-5\n\t1\t2\nB\t1\t2\t3\t4\nC\t10\t5"
    result = parse_paste(text, _columns())
    assert [r["ten"] for r in result.rows] == ["C"]
    messages = [e.message for e in result.errors]
    assert any("Dòng 1" in m and "Tổng mức đầu tư" in m for m in messages)
    assert any("Dòng 1" in m and "NSTW" in m and "âm" in m for m in messages)
    assert any("Dòng 2" in m and "chưa có giá trị" in m for m in messages)
    assert any("Dòng 3" in m and "nhiều hơn" in m for m in messages)
    assert not result.ok


def test_paste_markdown_table() -> None:
    text = "| Tên dự án | Tổng mức đầu tư | NSTW |\n|---|---|---|\n| X | 10 | 5 |\n"
    result = parse_paste(text, _columns())
    assert result.ok and result.rows == [{"ten": "X", "tong_muc": 10, "nstw": 5}]


def test_paste_first_line_with_empty_first_cell_is_not_shifted() -> None:
    """A leading tab (empty first cell) on the first pasted line must keep the cells in place."""
    result = parse_paste("\t1\t2\nC\t10\t5", _columns())
    assert result.rows == [{"ten": "C", "tong_muc": 10, "nstw": 5}]
    assert len(result.errors) == 1 and "Dòng 1" in result.errors[0].message and "chưa có giá trị" in result.errors[0].message


@pytest.mark.parametrize("text", ["không", "Không có", "khong co", "ko", "không có gì", "-", "không áp dụng",
                                  "Không có.", "KHÔNG!", "–", "n/a"])
def test_none_answers(text: str) -> None:
    assert is_none_answer(text)


@pytest.mark.parametrize("text", ["không có dự án nào được phê duyệt", "0", "có", "Không gian mạng",
                                  "tiếp", "", "ko co dien", "--5", "chưa có"])
def test_not_none_answers(text: str) -> None:
    assert not is_none_answer(text)


@pytest.mark.parametrize("text,expected", [("không có", True), ("Khong co gi.", True), ("không", False), ("-", False),
                                           ("không áp dụng", False)])
def test_explicit_none(text: str, expected: bool) -> None:
    assert is_explicit_none(text) is expected


# --------------------------------------------------------------------------- fuzz


KINDS = ["text", "longtext", "integer", "number", "money", "date", "month", "year_range", "period",
         "choice", "yesno"]

_vn_alphabet = st.sampled_from(
    list("0123456789.,-–/ :;|\tkKdđĐ%e+") + ["tỷ", "tỉ", "triệu", "tr", "nghìn", "ngàn", "đồng", "rưỡi", "tháng",
                                           "năm", "ngày", "giai đoạn", "có", "không", "quý", "\x00", "📄", "\n"]
)
_vn_text = st.lists(_vn_alphabet, max_size=25).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(KINDS), text=st.one_of(_vn_text, st.text(max_size=60)))
def test_fuzz_parsers_never_crash(kind: str, text: str) -> None:
    """Any input gives either a value or a ParseError with a Vietnamese message."""
    try:
        parsed = parse_value(kind, text, unit="triệu đồng", options=OPTIONS)
    except ParseError as exc:
        assert exc.message and isinstance(exc.text, str)
        return
    assert isinstance(parsed.echo, str)
    v = parsed.value
    if kind in ("money", "integer", "number"):
        assert isinstance(v, (int, float)) and not isinstance(v, bool)
        assert v >= 0 and v == v and v not in (float("inf"),)
    elif kind == "date":
        date.fromisoformat(v)
    elif kind == "month":
        assert re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", v)
    elif kind == "year_range":
        a, b = map(int, v.split("-"))
        assert a <= b
    elif kind == "choice":
        assert v in OPTIONS
    elif kind == "yesno":
        assert isinstance(v, bool)
    else:
        assert isinstance(v, str) and v == clean_user_text(v)
        assert "\x00" not in v


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=0, max_value=10**8, places=3, allow_nan=False, allow_infinity=False))
def test_fuzz_money_round_trip(amount) -> None:
    """Formatting a money value the Vietnamese way and parsing it back gives the same value."""
    text = format_number(amount)
    assert parse_money(text, "triệu đồng").value == pytest.approx(float(amount))


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_fuzz_money_in_dong_converts(amount: int) -> None:
    """"N đồng" converts to triệu exactly (to the đồng)."""
    parsed = parse_money(f"{format_number(amount)} đồng", "triệu đồng")
    assert parsed.value == pytest.approx(amount / 1_000_000)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
       st.sampled_from(["{d}/{m}/{y}", "{d:02d}-{m:02d}-{y}", "{d}.{m}.{y}", "ngày {d} tháng {m} năm {y}",
                        "{y}-{m:02d}-{d:02d}"]))
def test_fuzz_date_round_trip(day: date, fmt: str) -> None:
    text = fmt.format(d=day.day, m=day.month, y=day.year)
    assert parse_date(text).value == day.isoformat()


@settings(max_examples=200, deadline=None)
@given(st.integers(1900, 2100), st.integers(1, 12))
def test_fuzz_month_round_trip(year: int, month: int) -> None:
    iso = f"{year:04d}-{month:02d}"
    assert parse_month(f"tháng {month}/{year}").value == iso
    assert parse_month(parse_month(iso).echo).value == iso


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_fuzz_clean_user_text_is_xml_safe(text: str) -> None:
    cleaned = clean_user_text(text)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", cleaned)
    assert clean_user_text(cleaned) == cleaned  # idempotent
    cleaned.encode("utf-8")


@pytest.mark.parametrize("text, year", [("2019", 2019), ("năm 2019", 2019), ("Năm 2020.", 2020), ("19", 2019)])
def test_year(text, year):
    parsed = parse_year(text)
    assert parsed.value == year and parsed.echo == str(year)  # never "2.019"
    assert parse_value("year", text).value == year


@pytest.mark.parametrize("text", ["1800", "năm ngoái", "2019-2020", "", "20190"])
def test_year_refused(text):
    with pytest.raises(ParseError):
        parse_year(text)
