"""Issue 12, form side: filling a report on a phone in few messages.

A long answer ends with its message ("Viết thêm" / "+ …" add more), one cell changes in one message,
confirmations are one natural line and the table step does not reprint the table."""

from __future__ import annotations

import re

import pytest

from forms.loader import registry
from forms.session import FormSession


@pytest.fixture(scope="module")
def templates():
    return registry()


def _at(session: FormSession, code: str) -> FormSession:
    step = session.command("goto", code)
    assert step.error is None, step.error
    return session


def _counts(text: str) -> list[tuple[int, int]]:
    """Every "(N đoạn, C ký tự)" / "N đoạn (C ký tự)" / "có N đoạn, C ký tự" in a text."""
    found = re.findall(r"(\d+) đoạn[ ,(]+([\d.]+) ký tự", text)
    return [(int(p), int(c.replace(".", ""))) for p, c in found]


# ------------------------------------------------------------------ 1. long text ends with the message

LONG = "Hệ thống đã vận hành ổn định tại 12 đơn vị.\nPhục vụ 3.000 cán bộ, công chức."


@pytest.mark.parametrize("template_id", ["mau2", "pl2"])
def test_one_message_is_the_whole_long_answer_and_the_form_moves_on(templates, template_id):
    template = templates.get(template_id)
    code = next(r.field.code for r in template.fields() if r.field.type == "longtext")
    session = _at(FormSession.start(template), code)
    path = session.prompt().path
    step = session.answer(LONG)
    assert step.error is None
    assert session.prompt().path != path, "the form moved on without “xong”"
    assert any(c.path == path and c.value == LONG for c in step.changes)
    assert "Viết thêm" in step.reply and "+" in step.reply
    assert [c.label for c in session.prompt().choices][0] == "Viết thêm"
    stored = session.answers
    assert _counts(step.reply) == [(2, len(LONG))], step.reply
    assert stored  # the answer is in the state the bot saves


def test_plus_appends_a_paragraph_to_the_answer_just_stored(templates):
    session = _at(FormSession.start(templates.get("mau2")), "II.1")
    session.answer("Đoạn một.")
    here = session.prompt().path
    step = session.answer("+ Đoạn hai, viết thêm.")
    assert session.answers["HTTT"][0]["II.1"] == "Đoạn một.\nĐoạn hai, viết thêm."
    assert session.prompt().path == here, "the cursor stays where the user was"
    assert _counts(step.reply) == [(2, len("Đoạn một.\nĐoạn hai, viết thêm."))]
    nxt = session.prompt()
    if nxt.type in ("text", "longtext"):  # a "+" is never taken as the answer of the next field
        assert not any(c.path == nxt.path for c in step.changes)


def test_write_more_collects_until_xong_then_returns(templates):
    session = _at(FormSession.start(templates.get("mau2")), "II.1")
    session.answer("Đoạn một.")
    here = session.prompt().path
    step = session.answer("viết thêm")
    assert step.error is None and session.prompt().path.endswith("II.1")
    first = session.answer("Đoạn hai.")
    assert "Đoạn hai." not in (session.answers["HTTT"][0]["II.1"])  # collected, not yet stored
    prompt_counts = _counts(session.prompt().text)
    done = session.answer("xong")
    value = session.answers["HTTT"][0]["II.1"]
    assert value == "Đoạn một.\nĐoạn hai."
    assert session.prompt().path == here
    # the same paragraph and character count everywhere
    assert _counts(first.reply) == prompt_counts == _counts(done.reply) == [(2, len(value))]


def test_counts_agree_with_messy_whitespace(templates):
    session = _at(FormSession.start(templates.get("mau2")), "II.1")
    session.answer("viết thêm")
    a = session.answer("Đoạn một   \n\n\n\nvẫn đoạn một.  ")
    b = session.answer("Đoạn hai.\t")
    shown = _counts(session.prompt().text)
    done = session.answer("xong")
    value = session.answers["HTTT"][0]["II.1"]
    paragraphs = sum(1 for line in value.split("\n") if line.strip())
    assert _counts(b.reply) == shown == _counts(done.reply) == [(paragraphs, len(value))]
    assert a.error is None


def test_plus_without_a_previous_long_answer_is_an_ordinary_answer(templates):
    session = FormSession.start(templates.get("mau2"))
    step = session.answer("+ Hệ thống một cửa")
    assert step.error is None and session.answers["HTTT"][0]["I.1"] == "+ Hệ thống một cửa"


# ------------------------------------------------------------------ 2. one cell in one message

PASTE = ("I.1 | Cổng dịch vụ công | | | | | Sở TTTT | 10 tỷ | 5 tỷ | | 2 tỷ | |\n"
         "I.2 | Mạng an toàn | | | | | Sở TTTT | 4 tỷ | 1 tỷ | | | |\n"
         "II.1 | Thuê dịch vụ | | | | | Sở TTTT | 3 tỷ | | 1 tỷ | | |")


@pytest.fixture
def bieu04(templates):
    session = FormSession.start(templates.get("bieu04"))
    session.answer("2019")
    session.answer(PASTE)
    step = session.answer("có")
    assert step.error is None and len(session.answers["bang"]) == 3
    return session


def _cells(session, n):
    return session.answers["bang"][n]["cells"]


@pytest.mark.parametrize("typed, row, column, value", [
    ("/sua I.1.1 tong_muc 12 tỷ", 0, "tong_muc", 12000),
    ("dòng I.2.1 tổng mức 12 tỷ", 1, "tong_muc", 12000),
    ("sua dong I.1.1 tong muc dau tu 7,5 ty", 0, "tong_muc", 7500),
    ("dong 3 nstw su nghiep 900", 2, "nstw_sn", 900),
    ("Dòng II.1.1 NSĐP đầu tư 1 tỷ 300", 2, "nsdp_dt", 1300),
    ("sửa dòng 2 ghi chú Đang triển khai", 1, "ghi_chu", "Đang triển khai"),
    ("dong 2.1 co quan chu tri So Tai chinh", 1, "co_quan_chu_tri", "So Tai chinh"),
])
def test_one_cell_changed_in_one_message(bieu04, typed, row, column, value):
    before = [dict(_cells(bieu04, i)) for i in range(3)]
    here = bieu04.prompt().path
    step = bieu04.answer(typed)
    assert step.error is None, step.reply
    assert _cells(bieu04, row)[column] == value
    for i in range(3):  # nothing else changed
        expected = {**before[i], column: value} if i == row else before[i]
        assert _cells(bieu04, i) == expected
    assert bieu04.prompt().path == here and bieu04.state.mode == "table"
    assert step.reply.startswith("Đã ghi") and "=" not in step.reply and "\n" not in step.reply
    assert [c.path for c in step.changes] == ["bang"]


def test_cell_edit_names_column_with_its_group_and_unit(bieu04):
    step = bieu04.answer("dong 1 nstw dau tu 8 ty")
    assert step.reply == "Đã ghi NSTW đầu tư 8.000 triệu đồng cho dòng 1."
    step = bieu04.answer("dong 1 nsdp dau tu 8 ty")  # breaks the sources check: stored, with a warning
    assert _cells(bieu04, 0)["nsdp_dt"] == 8000 and "Lưu ý" in step.reply and "=" not in step.reply


def test_ambiguous_column_is_asked_with_choices(bieu04):
    before = dict(_cells(bieu04, 0))
    step = bieu04.answer("dong 1 dau tu 8 ty")
    assert step.error and _cells(bieu04, 0) == before
    asked = [c for c in bieu04.prompt().choices if c.command == "goto"]
    assert {c.arg.split()[1] for c in asked} == {"tong_muc", "nstw_dt", "nsdp_dt"}
    chosen = next(c for c in asked if c.arg.split()[1] == "nsdp_dt")
    step = bieu04.command(chosen.command, chosen.arg)
    assert step.error is None and _cells(bieu04, 0)["nsdp_dt"] == 8000
    assert not [c for c in bieu04.prompt().choices if c.command == "goto"]


def test_a_tt_under_two_groups_changes_the_first_and_offers_the_other(bieu04):
    before = [dict(_cells(bieu04, i)) for i in range(3)]
    step = bieu04.answer("dòng 1.1 tổng mức 12 tỷ")  # TT 1.1 is both I.1's and II.1's first row
    assert step.error is None and _cells(bieu04, 0)["tong_muc"] == 12000 and _cells(bieu04, 2) == before[2]
    assert "I.1.1 (Cổng dịch vụ công)" in step.reply and "\n" not in step.reply
    other = [c for c in bieu04.prompt().choices if c.command == "goto"]
    assert [c.arg.split()[0] for c in other] == ["II.1.1"]
    step = bieu04.command(other[0].command, other[0].arg)  # "no, the other one"
    assert step.error is None
    assert _cells(bieu04, 0) == before[0], "the first guess is put back"
    assert _cells(bieu04, 2)["tong_muc"] == 12000 and step.changes[-1].path == "bang"
    assert not [c for c in bieu04.prompt().choices if c.command == "goto"]


def test_bad_values_and_unknown_rows_are_refused(bieu04):
    step = bieu04.answer("dong 1 tong muc muoi ty")
    assert step.error and _cells(bieu04, 0)["tong_muc"] == 10000
    step = bieu04.answer("dong 9 tong muc 5 ty")  # no row 9: said so, nothing stored
    assert not step.changes and "không có dòng 9" in step.error


def test_cell_edit_works_from_another_field(bieu04):
    _at(bieu04, "nam")
    here = bieu04.prompt().path
    step = bieu04.answer("sửa dòng 3 tổng mức 5 tỷ")
    assert step.error is None and _cells(bieu04, 2)["tong_muc"] == 5000
    assert bieu04.prompt().path == here and bieu04.answers.get("nam") == 2019


def test_sua_dong_n_alone_still_walks_the_row(bieu04):
    bieu04.answer("sửa dòng 1")
    assert bieu04.state.mode == "row"


# ------------------------------------------------------------------ 3. short confirmations, no reprinted table

def test_table_step_shows_a_running_total_not_the_rows(bieu04):
    text = bieu04.prompt().text
    assert "Đã có 3 dòng; tổng mức đầu tư 17.000 triệu đồng." in text
    assert "Cổng dịch vụ công" not in text and "Mạng an toàn" not in text
    assert len(text.split("\n")) <= 3  # the question, the running total, what can be typed


def test_group_code_hint_is_not_under_the_last_column(templates):
    session = FormSession.start(templates.get("bieu04"))
    session.answer("2019")
    text = session.prompt().text
    line = next(l for l in text.split("\n") if "Thứ tự cột" in l)
    assert line.index("mã nhóm") < line.index("Thứ tự cột")
    assert not re.search(r"Ghi chú\s*\(ô đầu", text)


def test_one_progress_line(templates):
    session = _at(FormSession.start(templates.get("mau2")), "II.1")
    text = session.prompt().text
    assert sum(1 for line in text.split("\n") if re.search(r"câu \d+/\d+", line, re.I)) == 1


def test_row_walk_echo_names_the_source_column(bieu04):
    bieu04.answer("thêm")
    bieu04.answer("1")  # group I.1
    replies = []
    for typed in ["Dự án mới", "-", "-", "-", "-", "-", "2 tỷ", "1 tỷ"]:
        replies.append(bieu04.answer(typed).reply)
    assert "Đã nhận NSTW đầu tư 1.000 triệu đồng." in replies[-1]
    assert "Đã nhận dự án, nhiệm vụ “Dự án mới”" in replies[0]  # "Dự án, Nhiệm vụ" named as a sentence does
    assert not any("=" in r for r in replies)


@pytest.mark.parametrize("typed", ["xong", "Xong rồi", "/xong", "xong."])
def test_xong_out_of_habit_after_a_long_answer_is_not_the_next_answer(templates, typed):
    session = _at(FormSession.start(templates.get("mau2")), "II.1")
    session.answer("Một đoạn duy nhất.")
    here = session.prompt()
    step = session.answer(typed)
    assert not step.changes and session.prompt().path == here.path
    assert session.answers["HTTT"][0]["II.1"] == "Một đoạn duy nhất."
    assert "đã được ghi" in step.reply
    fresh = FormSession.start(templates.get("mau2"))  # a text field: "xong" is never stored as its answer
    step = fresh.answer(typed)
    assert step.error and not fresh.answers.get("HTTT")


@pytest.mark.parametrize("typed", ["xóa hết", "thêm dòng", "danh sách", "xoa doan cuoi"])
def test_a_command_word_of_another_mode_is_not_stored_as_a_text_answer(templates, typed):
    session = FormSession.start(templates.get("mau2"))
    step = session.answer(typed)
    assert step.error and "lệnh" in step.error and not session.answers.get("HTTT")


def test_one_typed_row_is_stored_at_once_unless_a_check_fails(bieu04):
    step = bieu04.answer("I.3; Khu CNTT tap trung; ; ; ; Que Vo; BQL; 30 ty; 10 ty; ; 20 ty; ;")
    assert step.error is None and bieu04.state.mode == "table" and len(bieu04.answers["bang"]) == 4
    assert step.reply == "Đã thêm dòng 3 [I.3] Khu CNTT tap trung — tổng mức đầu tư 30.000 triệu đồng."
    assert "Đã có 4 dòng" in bieu04.prompt().text
    step = bieu04.answer("I.3; Qua muc; ; ; ; ; ; 1 ty; 5 ty")  # sources above the total: shown, confirmed first
    assert bieu04.state.mode == "paste_confirm" and len(bieu04.answers["bang"]) == 4


def test_cell_edit_in_a_table_without_groups(templates):
    session = FormSession.start(templates.get("mau1"))
    table = next(r.field.code for r in templates.get("mau1").fields() if r.field.type == "table")
    _at(session, table)
    step = session.answer("HT văn bản; Văn phòng; Hành chính; 1; ; 2015-2016; \nHT một cửa; Sở TTTT; Cải cách; 2; ; ; ")
    assert step.error is None, step.reply
    session.answer("có")
    rows = session.answers[table]
    assert len(rows) == 2
    step = session.answer("dong 2 thoi gian trien khai 2019-2020")
    assert step.error is None and session.answers[table][1]["cells"]["thoi_gian"] == "Giai đoạn 2019-2020"
    assert "cho dòng 2" in step.reply
    step = session.answer("sua dong 1 co quan Cục Tin học hóa")  # a word prefix of the column label
    assert session.answers[table][0]["cells"]["co_quan_trien_khai"] == "Cục Tin học hóa", step.reply


@pytest.mark.parametrize("typed", ["xong", "Xong.", "/xong"])
def test_xong_typed_in_a_rows_text_column_ends_the_row(templates, typed):
    """Biểu 04, a row typed column by column: "xong" at an optional text column stores the row (as "/xong"
    does) instead of being refused as an answer; it never becomes the cell's text."""
    session = _at(FormSession.start(templates.get("bieu04"), prefill={"nam": 2020}), "bang")
    for text in ("thêm", "I.1", "Dự án A1", "Nâng cao chất lượng"):
        step = session.answer(text)
        assert step.error is None, (text, step.error)
    step = session.answer(typed)
    assert step.error is None, step.error
    rows = session.answers["bang"]
    assert len(rows) == 1 and "xong" not in str(rows[0]["cells"]).lower()
    assert "Dự án A1" in rows[0]["cells"].values()
