"""Issue 12, form side: dates as people say them, what the first message gives, drafts told apart,
and questions typed into fields (with a dev/held-out set)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from forms.loader import load_template_text, registry
from forms.parsers import ParseError, parse_month, parse_value
from forms.prefill import describe_prefill, prefill_from_text
from forms.questions import looks_like_question
from forms.session import FormSession
from vntext.clock import vn_today

DATA = Path(__file__).parent / "data" / "field_questions"


@pytest.fixture(scope="module")
def templates():
    return registry()


# ------------------------------------------------------------------ 4. dates like people say them

@pytest.mark.parametrize("typed", ["tháng 10", "thang 10", "t10", "T10", "Tháng 10.", "10"])
@pytest.mark.parametrize("reference, expected", [
    ("2026-12-04", "2026-10"), ("2026-10-01", "2026-10"), ("2026-10-31", "2026-10"),
    ("2026-09-30", "2025-10"), ("2027-01-02", "2026-10"), (dt.date(2020, 3, 15), "2019-10"),
])
def test_month_without_year_is_the_most_recent_one(typed, reference, expected):
    parsed = parse_month(typed, reference)
    assert parsed.value == expected and parsed.warning is None
    assert parsed.echo == f"tháng 10/{expected[:4]}"


@pytest.mark.parametrize("typed, reference, expected", [
    ("thang 12", "2027-01-05", "2026-12"), ("t1", "2026-12-31", "2026-01"), ("thang 1", "2027-01-01", "2027-01"),
    ("tháng 6", "2026-06-15", "2026-06"), ("t 7", "2026-06-15", "2025-07"),
])
def test_month_without_year_across_year_boundaries(typed, reference, expected):
    assert parse_month(typed, reference).value == expected


@pytest.mark.parametrize("typed, expected", [
    ("tháng 3 năm nay", "2027-03"), ("thang 11 nam ngoai", "2026-11"), ("t5 nam truoc", "2026-05"),
])
def test_month_of_this_or_last_year(typed, expected):
    assert parse_month(typed, "2027-01-20").value == expected


@pytest.mark.parametrize("typed, reference, expected", [
    ("15/10", "2026-12-04", "2026-10-15"), ("ngay 15 thang 10", "2026-10-14", "2025-10-15"),
    ("4/12", "2026-12-04", "2026-12-04"), ("31/12", "2027-01-02", "2026-12-31"), ("29/2", "2026-03-01", None),
])
def test_day_and_month_without_year(typed, reference, expected):
    if expected is None:  # 29/02/2026 does not exist: refused, not moved to another year
        with pytest.raises(ParseError):
            parse_value("date", typed, reference=reference)
        return
    assert parse_value("date", typed, reference=reference).value == expected


def test_month_without_year_defaults_to_today_in_vietnam():
    today = vn_today()
    value = parse_month(f"thang {today.month}").value
    assert value == f"{today.year:04d}-{today.month:02d}"


@pytest.mark.parametrize("typed, reference, far", [
    ("10/2019", "2026-12-04", True), ("tháng 10 năm 2026", "2026-12-04", False), ("12/2025", "2026-12-04", False),
    ("11/2025", "2026-12-04", True), ("1/2028", "2026-12-04", True), ("2027-06", "2026-12-04", False),
])
def test_a_month_far_from_the_reference_is_kept_but_questioned(typed, reference, far):
    parsed = parse_month(typed, reference)
    assert parsed.value  # stored either way
    assert (parsed.warning is not None) == far
    if far:
        assert "kiểm tra lại" in parsed.warning and "04/12/2026" in parsed.warning


@pytest.mark.parametrize("typed", ["tháng 13", "t0", "thang", "t10 abc"])
def test_bad_months_are_refused(typed):
    with pytest.raises(ParseError):
        parse_month(typed, "2026-12-04")


def test_session_reads_months_against_its_reference(templates):
    session = FormSession.start(templates.get("tb1485"), reference="2026-02-10")
    session.answer("Sở Thông tin và Truyền thông")
    step = session.answer("thang 10")
    assert session.answers["thang"] == "2025-10" and "tháng 10/2025" in step.reply
    session.set_reference(dt.date(2026, 12, 1))
    session = FormSession.from_json(session.template, session.to_json())  # the reference is saved
    step = session.command("goto", "thang")
    step = session.answer("10/2019")
    assert session.answers["thang"] == "2019-10" and "kiểm tra lại" in step.reply
    assert parse_value("period", "thang 10", reference="2026-12-04").value == "Tháng 10/2026"


# ------------------------------------------------------------------ 5. prefill from the first message

@pytest.mark.parametrize("text, year", [
    ("lam bieu 04 nam 2019", 2019), ("Làm biểu 04 năm 2020 nhé", 2020), ("bieu 04 cho nam 2021", 2021),
    ("BIEU 04, NAM 2019", 2019), ("bieu 4 2019", 2019),
])
def test_year_from_the_request(templates, text, year):
    template = templates.get("bieu04")
    assert prefill_from_text(template, text) == {"nam": year}
    session, note = FormSession.start_from_text(template, text)
    assert session.answers["nam"] == year and str(year) in note and "Năm kế hoạch" in note
    assert session.prompt().path == "bang", "the prefilled question is skipped"
    assert "\n" not in note


@pytest.mark.parametrize("text", ["lam bieu 04", "bieu 04 theo cong van 232/BTTTT-KHTC", "bieu 04 so 1181/2019"])
def test_no_year_no_prefill(templates, text):
    template = templates.get("bieu04")
    assert prefill_from_text(template, text) == {}
    session, note = FormSession.start_from_text(template, text)
    assert note is None and session.prompt().path == "nam"


@pytest.mark.parametrize("text, name", [
    ("mau 2 cho he thong mot cua", "He thong mot cua"),
    ("Làm mẫu 2 cho Hệ thống quản lý văn bản, năm 2019", "Hệ thống quản lý văn bản"),
    ("lam cho toi mau 2 cho cong dich vu cong nhe", "Cong dich vu cong"),
    ("mẫu 2 cho hệ thống thư điện tử năm 2019", "Hệ thống thư điện tử"),
    ("mau 2 cho he thong mot cua 2019", "He thong mot cua"),
    ("Mẫu 2 cho “Cổng dịch vụ công” (bản mới)", "Cổng dịch vụ công"),
])
def test_name_after_cho_fills_the_marked_field(templates, text, name):
    template = templates.get("mau2")
    prefill = prefill_from_text(template, text)
    assert prefill == {"HTTT": [{"I.1": name}]}
    session, note = FormSession.start_from_text(template, text)
    assert session.answers["HTTT"][0]["I.1"] == name and name in note
    assert session.prompt().path == "HTTT[1].I.2"


@pytest.mark.parametrize("text", ["mau 2", "lam cho toi mau 2", "mau 2 cho em"])
def test_no_name_no_prefill(templates, text):
    assert prefill_from_text(templates.get("mau2"), text) == {}


def test_name_goes_only_where_the_yaml_marks_it(templates):
    # bieu04 marks no field "prefill: name": a name after "cho" is not guessed into some text field
    assert prefill_from_text(templates.get("bieu04"), "bieu 04 cho so tttt") == {}
    marked = [r.field.code for t in ("mau2", "tm_csdl", "tm_dvc") for r in templates.get(t).fields()
              if r.field.prefill == "name"]
    assert marked == ["I.1", "ten_nhiem_vu", "ten_dich_vu"]


@pytest.mark.parametrize("text, expected", [
    ("ke hoach thue dich vu giai doan 2019-2020 cho thue may chu ao", {"giai_doan": "Giai đoạn 2019-2020",
                                                                    "ten_dich_vu": "Thue may chu ao"}),
    ("thuyết minh thuê dịch vụ năm 2021", {"giai_doan": "Năm 2021"}),
    ("thue dich vu cho Cổng dịch vụ công tỉnh, 2019 den 2020", {"giai_doan": "Giai đoạn 2019-2020",
                                                                "ten_dich_vu": "Cổng dịch vụ công tỉnh"}),
])
def test_period_and_name_of_a_plan(templates, text, expected):
    template = templates.get("tm_thue_dv")
    assert prefill_from_text(template, text) == expected
    session, note = FormSession.start_from_text(template, text)
    assert all(str(v) in note for v in expected.values())
    assert session.prompt().path not in expected


def test_month_from_the_request(templates):
    template = templates.get("tb1485")
    assert prefill_from_text(template, "bao cao giong thang 10", reference="2026-03-01") == {"thang": "2025-10"}
    assert prefill_from_text(template, "bao cao thang 10/2026", reference="2026-03-01") == {"thang": "2026-10"}
    note = describe_prefill(template, {"thang": "2025-10"})
    assert note and "tháng 10/2025" in note


def test_prefill_key_is_checked_in_yaml():
    text = (Path(__file__).parents[1] / "forms" / "templates" / "tb1485.yaml").read_text(encoding="utf-8")
    assert text.count("    type: month\n") == 1
    marked = text.replace("    type: month\n", "    type: month\n    prefill: {kind}\n")
    assert load_template_text(marked.replace("{kind}", "month")).field("thang").prefill == "month"
    with pytest.raises(Exception) as err:
        load_template_text(marked.replace("{kind}", "ten"))
    assert "prefill" in str(err.value)


def test_skipped_prefill_is_asked_again_when_the_user_goes_back(templates):
    session, _ = FormSession.start_from_text(templates.get("bieu04"), "bieu 04 nam 2019")
    session.answer("quay lại")
    assert session.prompt().path == "nam" and "2019" in session.prompt().text


# ------------------------------------------------------------------ 6. drafts told apart

def test_progress_and_first_answer(templates):
    session = FormSession.start(templates.get("mau2"))
    assert session.progress() == (0, session.prompt().progress[1]) and session.first_answer() is None
    session.answer("Hệ thống một cửa điện tử")
    session.answer("Sở Thông tin và Truyền thông")
    answered, total = session.progress()
    assert answered == 2 and total >= 10
    assert session.first_answer() == "Hệ thống một cửa điện tử"
    bieu, _ = FormSession.start_from_text(templates.get("bieu04"), "bieu 04 nam 2019")
    assert bieu.progress() == (1, 2) and bieu.first_answer() == "Năm kế hoạch: 2019"
    long_name = FormSession.start(templates.get("mau2"))
    long_name.answer("Hệ thống " + "rất " * 40 + "dài")
    assert len(long_name.first_answer(40)) <= 40 and long_name.first_answer(40).endswith("…")


# ------------------------------------------------------------------ 7. a question is not an answer

def _rows(name):
    return [json.loads(line) for line in (DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("name, floor", [("dev", 0.95), ("heldout", 0.9)])
def test_question_rule_on_dev_and_heldout(name, floor):
    rows = _rows(name)
    assert len(rows) >= 30 and {r["type"] for r in rows} >= {"text", "longtext", "money", "integer", "date", "month",
                                                             "year", "yesno", "choice"}
    assert any(r["question"] for r in rows) and any(not r["question"] for r in rows)
    correct = sum(looks_like_question(r["text"], r["type"], r.get("options") or ()) == r["question"] for r in rows)
    assert correct / len(rows) >= floor, (name, correct, len(rows))


def test_session_decides_with_the_current_field_type(templates):
    session = FormSession.start(templates.get("mau2"))
    assert session.is_question("khoan, mau bao cao hang thang gom nhung muc gi?")
    assert not session.is_question("Hệ thống nào cũng phải kết nối")
    bieu = FormSession.start(templates.get("bieu04"))  # a year field
    assert bieu.is_question("nam ke hoach la nam nao") and not bieu.is_question("2019")
    assert not bieu.is_question("năm 2019")


def test_is_question_uses_the_column_being_filled(templates):
    session = FormSession.start(templates.get("bieu04"))
    session.answer("2019")
    assert session.is_question("bang nay ghi nhung gi?") and not session.is_question("I.1; Du an; ; ; ; ; ; 5 ty")
    session.answer("thêm")
    session.answer("1")  # group I.1: the first column is text
    assert not session.is_question("Dự án nào cũng cần kết nối")
    for typed in ["Du an A", "-", "-", "-", "-", "-"]:
        session.answer(typed)
    assert session.prompt().text.count("Tổng mức đầu tư") >= 1  # a money column now
    assert session.is_question("tinh theo don vi nao") and not session.is_question("15 ty")


@pytest.mark.parametrize("text, question", [
    ("ai ky cong van nay", True), ("bieu nay nop cho ai", True), ("cot ty le tinh the nao", True),
    ("thêm", False), ("xong", False), ("dòng 2 thực hiện 1.150", False), ("1250", False),
    ("Sở nào | 12 | 30", False), ("danh sách", False),
])
def test_a_table_between_rows_takes_a_one_line_question_as_a_question(templates, text, question):
    bieu = FormSession.start(templates.get("bieu04"))
    bieu.answer("2019")  # now at the table, between rows
    assert bieu.state.mode == "table"
    assert bieu.is_question(text) is question
