"""Engine behaviour found in hands-on testing: no dead end at the end of the walk (E1), user-facing
names in every list of missing answers (E2), no ambiguous word closing a table (E3), "không" as
"none" (E4), type hints that never contradict the field's example (E5), a review readable in a
chat (E6)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from forms.engine import FormEngine, FormState, StepResult
from forms.loader import load_template, registry
from vntext.text import fold

from tests.test_engine import TEMPLATE, Walk

BUTTON_MAX = 40  # the longest button label the bot shows (it cuts at 40)


@pytest.fixture(scope="module")
def engine(tmp_path_factory) -> FormEngine:
    path = Path(tmp_path_factory.mktemp("tpl")) / "test_form.yaml"
    path.write_text(TEMPLATE, encoding="utf-8")
    return FormEngine(load_template(path))


@pytest.fixture(scope="module")
def bieu04() -> FormEngine:
    return FormEngine(registry().get("bieu04"))


@pytest.fixture(scope="module")
def mau2() -> FormEngine:
    return FormEngine(registry().get("mau2"))


def _replies(r: StepResult) -> str:
    return "\n".join(r.reply)


def _skip_to_end_of_walk(w: Walk) -> StepResult:
    """Skip (or close tables) until the walk has gone past its last step."""
    for _ in range(300):
        r = w.cmd("done") if w.state.mode == "table" else w.cmd("skip")
        if w.state.mode == "end" or "câu bắt buộc chưa trả lời" in _replies(r):
            return r
    raise AssertionError("the walk never ended")


# ---------------------------------------------------------------------------------------- E1


def test_end_of_walk_with_missing_table_goes_to_it_and_takes_a_paste(bieu04: FormEngine) -> None:
    w = Walk(bieu04)
    w.say("2019")
    assert w.cursor == "bang" and w.state.mode == "table"
    r = w.say("xong")  # closes the empty table: the walk is over but the table is required
    assert "Còn 1 câu bắt buộc chưa trả lời; bắt đầu từ câu Danh mục dự án, nhiệm vụ." in r.reply
    assert w.cursor == "bang" and w.state.mode == "table" and not r.done
    # a pasted row is taken, not swallowed
    r = w.say("I.1\tLGSP\t\t\t\t\t\t10 tỷ\t6 tỷ")
    assert not r.error and w.state.mode == "table"  # one row: stored at once
    assert w.answers["bang"][0]["cells"]["tong_muc"] == 10000
    r = w.say("xong")
    assert r.done and w.state.mode == "end" and bieu04.missing_required(w.state) == []


def test_missing_round_visits_each_missing_field_then_ends(engine: FormEngine) -> None:
    w = Walk(engine)
    w.cmd("skip")  # I.1 required, skipped
    for text in ["12", "không"]:  # I.2, I.3 (no I.4)
        w.say(text)
    w.say("1")  # I.5
    w.say("15/5/2019")  # I.6
    w.cmd("skip")  # II.1 required long text, skipped
    w.say("I.1; Cổng DVC; 1 tỷ")
    w.say("có")
    w.say("xong")
    w.say("HTTT A")
    w.cmd("skip")
    w.say("không")  # no second system
    r = w.cmd("skip")  # III.1 optional: the walk is over
    assert "Còn 2 câu bắt buộc chưa trả lời; bắt đầu từ câu I.1 Tên cơ quan." in r.reply
    assert w.cursor == "I.1" and w.state.mode == "field"
    assert "Tên cơ quan" in r.prompt.text
    r = w.say("Sở A")
    assert w.answers["I.1"] == "Sở A"
    assert w.cursor == "II.1" and w.state.mode == "longtext"  # the next missing one, not I.2
    assert "Còn 1 câu bắt buộc chưa trả lời; tiếp theo: câu II.1 Kết quả đạt được." in r.reply
    r = w.say("Kết quả tốt.\nxong")
    assert w.state.mode == "end" and r.done and w.answers["II.1"] == "Kết quả tốt."


def test_skipping_in_the_missing_round_moves_to_the_next_missing(engine: FormEngine) -> None:
    w = Walk(engine, prefill={"I.3": False, "I.5": "Đang triển khai", "I.6": "2019-05-15",
                              "II.2": [{"group": "II", "cells": {"ten": "A"}}], "HT": [{"HT.1": "HTTT A"}]})
    w.cmd("skip")  # I.1
    w.cmd("goto", "II.1")
    w.cmd("skip")  # II.1
    _skip_to_end_of_walk(w)
    assert w.cursor == "I.1"
    r = w.cmd("skip")
    assert w.cursor == "II.1" and "tiếp theo: câu II.1 Kết quả đạt được" in _replies(r)
    r = w.cmd("skip")
    assert w.cursor == "I.1"  # wraps round: never the dead-end "end" state while something is missing


def test_repeat_question_ending_the_walk_goes_to_first_missing(mau2: FormEngine) -> None:
    w = Walk(mau2)
    while w.state.mode != "repeat_ask":
        w.cmd("done") if w.state.mode == "table" else w.cmd("skip")
    r = w.say("không")
    assert w.cursor == "HTTT[1].I.1"
    assert any("bắt đầu từ câu I.1 Tên hệ thống thông tin (hệ thống thông tin thứ 1)" in x for x in r.reply)


def test_free_text_in_a_genuine_end_state_is_refused_clearly(engine: FormEngine) -> None:
    w = Walk(engine, prefill={"I.1": "Sở A", "I.3": False, "I.5": "Đang triển khai", "I.6": "2019-05-15",
                              "II.1": "Tốt.", "II.2": [{"group": "II", "cells": {"ten": "A"}}],
                              "HT": [{"HT.1": "HTTT A"}]})
    _skip_to_end_of_walk(w)
    assert w.state.mode == "end" and engine.missing_required(w.state) == []
    before = json.dumps(w.answers, sort_keys=True)
    r = w.say("Cổng dịch vụ công; 500")
    assert r.error and "CHƯA được ghi" in r.error and "sửa" in r.error
    assert not r.changes and json.dumps(w.answers, sort_keys=True) == before
    assert r.prompt.done  # still ready for export


def test_old_end_state_with_missing_answers_takes_the_text(bieu04: FormEngine) -> None:
    """A draft saved in the old dead-end state: typed text goes to the first missing answer."""
    state = FormState(template_id="bieu04", answers={"nam": 2019}, cursor=None, mode="end",
                      visited=["nam", "bang"], history=["nam", "bang"])
    p = bieu04.prompt(state)
    assert not p.done and "Danh mục dự án, nhiệm vụ" in p.text and "bang" not in p.text
    r = bieu04.handle(state, "I.1; LGSP; ; ; ; ; ; 10 tỷ")
    assert not r.error and r.state.cursor == "bang" and r.state.answers["bang"][0]["cells"]["du_an"] == "LGSP"


# ---------------------------------------------------------------------------------------- E2


def test_finish_refusal_lists_user_facing_names_in_form_order(mau2: FormEngine) -> None:
    w = Walk(mau2)
    r = w.cmd("finish")
    assert r.error and "HTTT[" not in r.error
    names = ["I.1 Tên hệ thống thông tin (hệ thống thông tin thứ 1)", "I.2 Tên cơ quan/đơn vị chủ trì triển khai",
             "I.5 Mục tiêu đầu tư (hệ thống thông tin thứ 1)"]
    positions = [r.error.index(n.split(" (")[0]) for n in names]
    assert positions == sorted(positions)
    assert names[0] in r.error and names[2] in r.error


def test_finish_refusal_and_review_name_unnumbered_table_by_label(bieu04: FormEngine) -> None:
    w = Walk(bieu04)
    w.say("2020")
    r = w.cmd("finish")
    assert r.error and "Danh mục dự án, nhiệm vụ" in r.error and "bang" not in r.error
    review = w.cmd("review").reply[0]
    last = review.strip().split("\n")[-1]
    assert last == "Còn 1 câu bắt buộc chưa trả lời: Danh mục dự án, nhiệm vụ."


def test_review_missing_line_is_in_form_order_without_paths(mau2: FormEngine) -> None:
    w = Walk(mau2, prefill={"HTTT": [{"I.1": "A"}, {"I.1": "B", "I.2": "Cục B"}]})
    text = w.cmd("review").reply[0]
    line = text.strip().split("\n")[-1]
    assert line.startswith("Còn ") and "HTTT[" not in line
    first = line.index("I.2 Tên cơ quan/đơn vị chủ trì triển khai (hệ thống thông tin thứ 1)")
    second = line.index("I.3 HTTT ứng dụng trong lĩnh vực quản lý nào của Bộ, ngành (hệ thống thông tin thứ 1)")
    third = line.index("I.3 HTTT ứng dụng trong lĩnh vực quản lý nào của Bộ, ngành (hệ thống thông tin thứ 2)")
    assert first < second < third
    assert "I.2 Tên cơ quan/đơn vị chủ trì triển khai (hệ thống thông tin thứ 2)" not in line  # answered


def test_end_prompt_buttons_use_labels_and_fit(bieu04: FormEngine, mau2: FormEngine) -> None:
    state = FormState(template_id="bieu04", answers={"nam": 2019}, cursor=None, mode="end")
    buttons = bieu04.prompt(state).buttons
    assert ("Trả lời: Danh mục dự án, nhiệm vụ", "goto bang") in buttons
    state = FormState(template_id="mau2", answers={"HTTT": [{}]}, cursor=None, mode="end", closed=["HTTT"])
    p = mau2.prompt(state)
    answer_buttons = [b for b in p.buttons if b[1].startswith("goto")]
    assert answer_buttons and all(len(label) <= BUTTON_MAX and "HTTT[" not in label for label, _ in answer_buttons)
    assert answer_buttons[0][0].startswith("Trả lời: I.1 Tên hệ thống")
    assert "HTTT[" not in p.text


def test_goto_reply_names_the_field_not_its_path(mau2: FormEngine) -> None:
    w = Walk(mau2)
    r = w.cmd("goto", "I.2")
    assert "HTTT[" not in r.reply[0] and "I.2 Tên cơ quan/đơn vị chủ trì triển khai" in r.reply[0]


# ---------------------------------------------------------------------------------------- E3


@pytest.mark.parametrize("word", ["tiếp", "tiep", "ok", "tiếp tục", "Tiếp theo", "hết", "kết thúc", "OK.", "ok nhé", "tiếp ạ"])
def test_ambiguous_words_do_not_close_a_table(bieu04: FormEngine, word: str) -> None:
    w = Walk(bieu04)
    w.say("2019")
    w.say("I.1; LGSP; ; ; ; ; ; 10 tỷ")
    w.say("có")
    r = w.say(word)
    assert w.cursor == "bang" and w.state.mode == "table" and r.error and "xong" in r.error
    assert len(w.answers["bang"]) == 1


@pytest.mark.parametrize("word", ["xong", "/xong", "Xong bảng", "hoàn thành", "xong rồi", "Xong nhé!", "đã xong ạ"])
def test_table_closes_with_xong_words(bieu04: FormEngine, word: str) -> None:
    w = Walk(bieu04)
    w.say("2019")
    w.say("I.1; LGSP; ; ; ; ; ; 10 tỷ")
    w.say("có")
    r = w.say(word)
    assert w.state.mode == "end" and r.done


def test_done_button_closes_a_table(bieu04: FormEngine) -> None:
    w = Walk(bieu04)
    w.say("2019")
    assert ("Xong", "done") in w.last.prompt.buttons
    w.cmd("done")
    assert w.cursor == "bang" and "bắt đầu từ câu Danh mục dự án, nhiệm vụ" in _replies(w.last)


def test_text_answers_starting_with_tiep_stay_answers(engine: FormEngine) -> None:
    w = Walk(engine)
    w.say("tiếp tục triển khai")
    assert w.answers["I.1"] == "tiếp tục triển khai" and w.cursor == "I.2"
    w.cmd("goto", "II.1")
    w.cmd("write_more")
    r = w.say("Tiếp tục triển khai giai đoạn 2.\nTiếp theo")
    assert w.state.mode == "longtext" and "II.1" not in w.answers and not r.error
    assert w.state.pending["buffer"] == ["Tiếp tục triển khai giai đoạn 2.\nTiếp theo"]
    r = w.say("tiếp")  # bare: neither a paragraph nor "done"
    assert r.error and "xong" in r.error and w.state.pending["buffer"] == ["Tiếp tục triển khai giai đoạn 2.\nTiếp theo"]
    w.say("xong")
    assert w.answers["II.1"] == "Tiếp tục triển khai giai đoạn 2.\nTiếp theo"


def test_bare_tiep_in_a_text_field_is_not_stored(engine: FormEngine) -> None:
    w = Walk(engine)
    r = w.say("tiếp")
    assert r.error and "bỏ qua" in r.error and "I.1" not in w.answers and w.cursor == "I.1"


def test_tiep_in_a_text_cell_is_not_stored(engine: FormEngine) -> None:
    w = Walk(engine)
    w.cmd("goto", "II.2")
    w.cmd("add_row", "II")
    r = w.say("ok")
    assert r.error and w.state.mode == "row" and "ten" not in w.state.pending.get("cells", {})
    w.say("Tiếp nhận hồ sơ trực tuyến")
    assert w.state.pending["cells"]["ten"] == "Tiếp nhận hồ sơ trực tuyến"


def test_yes_words_still_work_where_they_are_answers(engine: FormEngine) -> None:
    w = Walk(engine, prefill={"I.1": "A"})
    w.cmd("goto", "I.3")
    w.say("ok")  # a yes/no field: "ok" is yes
    assert w.answers["I.3"] is True


# ---------------------------------------------------------------------------------------- E4


@pytest.mark.parametrize("text", ["không", "Không có", "khong co", "ko", "không có gì", "-", "không áp dụng", "Không."])
def test_none_answer_to_optional_text_is_a_skip(engine: FormEngine, text: str) -> None:
    w = Walk(engine)
    w.cmd("goto", "III.1")
    r = w.say(text)
    assert not r.error and "III.1" not in w.answers and not r.changes
    assert "III.1: Bỏ qua (không có)." in r.reply


def test_none_answer_to_optional_number_clears_an_earlier_value(engine: FormEngine) -> None:
    w = Walk(engine, prefill={"I.2": 5})
    w.cmd("goto", "I.2")
    r = w.say("không")
    assert not r.error and "I.2" not in w.answers
    assert [(c.path, c.value, c.raw) for c in r.changes] == [("I.2", None, "không")]


@pytest.mark.parametrize("text", ["không có", "Khong co", "không có gì"])
def test_required_text_accepts_khong_co_with_diacritics(engine: FormEngine, text: str) -> None:
    w = Walk(engine)
    w.say(text)
    assert w.answers["I.1"] == "Không có." and w.cursor == "I.2"


@pytest.mark.parametrize("text", ["không", "ko", "-"])
def test_required_text_refuses_bare_none_with_example(engine: FormEngine, text: str) -> None:
    w = Walk(engine)
    r = w.say(text)
    assert r.error and "bắt buộc" in r.error and "Sở Thông tin và Truyền thông" in r.error
    assert "I.1" not in w.answers and w.cursor == "I.1"


def test_required_non_text_fields_refuse_none(engine: FormEngine) -> None:
    w = Walk(engine, prefill={"I.1": "A", "I.3": True})
    w.cmd("goto", "I.4")  # required money
    r = w.say("không")
    assert r.error and "bắt buộc" in r.error and "I.4" not in w.answers
    w.cmd("goto", "I.5")  # required choice
    r = w.say("ko")
    assert r.error and "bắt buộc" in r.error and "Đang triển khai" in r.error
    w.cmd("goto", "I.3")  # yes/no: "không" is an answer
    w.say("không")
    assert w.answers["I.3"] is False


def test_required_longtext_none_answers(engine: FormEngine) -> None:
    w = Walk(engine)
    w.cmd("goto", "II.1")
    r = w.say("không")
    assert r.error and "bắt buộc" in r.error and w.state.mode == "longtext" and not w.state.pending["buffer"]
    w.say("Không có")
    assert w.answers["II.1"] == "Không có."


def test_none_cell_in_a_row_and_in_a_paste(engine: FormEngine) -> None:
    w = Walk(engine)
    w.cmd("goto", "II.2")
    w.cmd("add_row", "II")
    w.say("Dự án A")
    r = w.say("-")
    assert "Tổng mức đầu tư: Bỏ qua (không có)." in r.reply
    r = w.say("không")
    w.say("5")
    assert w.answers["II.2"][0]["cells"] == {"ten": "Dự án A", "nsdp": 5}
    w.say("I.1; Dự án B; -; không có; 7")
    w.say("có")
    assert w.answers["II.2"][0]["cells"] == {"ten": "Dự án B", "nsdp": 7}
    r = w.say("I.1; -; 5")
    assert r.error and "Tên dự án" in r.error and len(w.answers["II.2"]) == 2
    w.cmd("add_row", "II")
    r = w.say("không")
    assert r.error and "bắt buộc" in r.error and w.state.pending["col"] == "ten"


# ---------------------------------------------------------------------------------------- E5

_ALL_TYPES = textwrap.dedent(
    """
    id: all_types
    version: 1
    title: Mọi kiểu
    kind: report
    source: {dispatch: 232/BTTTT-KHTC, section: Phụ lục 1, quote: "thử"}
    sections:
      - section: I
        title: Các kiểu
        items:
          - {field: I.1, label: Chữ, type: text, example: "Sở A"}
          - {field: I.2, label: Năm, type: integer, example: "2019"}
          - {field: I.3, label: Tỷ lệ, type: number, unit: "%", example: "12,5"}
          - {field: I.4, label: Kinh phí, type: money, example: "500 triệu"}
          - {field: I.5, label: Ngày ký, type: date, example: "01/02/2020"}
          - {field: I.6, label: Tháng, type: month, example: "tháng 3/2020"}
          - {field: I.7, label: Giai đoạn, type: year_range, example: "2021-2025"}
          - {field: I.8, label: Kỳ, type: period, example: "quý I/2020"}
          - {field: I.9, label: Nội dung, type: longtext, example: "Đã triển khai tại 10 đơn vị."}
          - {field: I.10, label: Chọn, type: choice, options: [Một, Hai], example: "Một"}
          - {field: I.11, label: Có không, type: yesno, example: "có"}
          - {field: I.12, label: Số cán bộ, type: integer}
          - {field: I.13, label: Ngày họp, type: date}
    """
)


def test_type_hints_never_add_a_second_example(tmp_path: Path) -> None:
    path = tmp_path / "all_types.yaml"
    path.write_text(_ALL_TYPES, encoding="utf-8")
    eng = FormEngine(load_template(path))
    state = eng.start()
    for ref in eng.template.fields():
        state = eng.command(state, "goto", ref.code).state
        text = eng.prompt(state).text
        count = fold(text).count("vi du")
        if ref.field.example:
            assert count == 1, text
            assert f"Ví dụ: {ref.field.example}" in text
        else:
            assert count <= 1, text
    state = eng.command(state, "goto", "I.12").state
    assert "ví dụ 12" in eng.prompt(state).text  # without its own example the generic one is shown


def test_bieu04_year_prompt_has_only_its_own_example(bieu04: FormEngine) -> None:
    text = bieu04.prompt(bieu04.start()).text
    assert "Ví dụ: 2019" in text and "ví dụ 12" not in text and "Nhập năm." in text


# ---------------------------------------------------------------------------------------- E6


def test_review_of_a_big_table_stays_readable(bieu04: FormEngine) -> None:
    long_name = "Xây dựng nền tảng chia sẻ, tích hợp dùng chung cấp tỉnh phục vụ kết nối liên thông " * 2
    long_text = "Nội dung chi tiết rất dài của nhiệm vụ. " * 30
    groups = [g.code for g in bieu04.template.field("bang").table.leaf_groups()]
    rows = [{"group": groups[i % 3], "cells": {
        "du_an": f"{i}. {long_name}", "muc_tieu": long_text, "noi_dung": long_text, "khoi_luong": long_text[:200],
        "dia_diem": "Hà Nội", "co_quan_chu_tri": "Sở TTTT", "tong_muc": 1000 + i, "nstw_dt": 500, "nsdp_sn": 250,
        "ghi_chu": long_text[:300]}} for i in range(40)]
    w = Walk(bieu04, prefill={"nam": 2019, "bang": rows})
    text = w.cmd("review").reply[0]
    lines = text.split("\n")
    assert max(len(ln) for ln in lines) < 200
    assert "Nội dung chi tiết" not in text and "Hà Nội" not in text and "Sở TTTT" not in text
    row_lines = [ln for ln in lines if "[I." in ln]
    assert len(row_lines) == 40
    first = next(ln for ln in row_lines if ln.strip().startswith("1. "))
    assert "0. Xây dựng nền tảng chia sẻ" in first and "…" in first
    assert "Tổng mức đầu tư: 1.000" in first and "NSTW › Đầu tư: 500" in first and "NSĐP › Sự nghiệp: 250" in first
    assert "(triệu đồng)" in first
    assert "II Thực hiện bằng nguồn vốn sự nghiệp" not in text  # no empty group headings
    # "danh sách" still shows every column
    w.cmd("goto", "bang")
    listing = w.say("danh sách").reply[0]
    assert "Hà Nội" in listing and "Sở TTTT" in listing


def test_unknown_code_lists_user_facing_names(bieu04: FormEngine) -> None:
    r = bieu04.command(bieu04.start(), "goto", "Z.9")
    assert r.error and "Năm kế hoạch" in r.error and "Danh mục dự án, nhiệm vụ" in r.error
    assert "bang" not in r.error and "nam," not in r.error


@pytest.mark.parametrize("typed", ["/sua I.2", "/quay_lai", "xem lại", "/hoan_tat"])
def test_paragraph_acknowledged_in_long_text_survives_navigation(mau2: FormEngine, typed: str) -> None:
    """Issue 8: a paragraph in Mẫu 2 II.1 ("Đã nhận đoạn 1"), then "/sua I.2" → the paragraph was lost."""
    state = mau2.command(mau2.command(mau2.start(), "goto", "II.1").state, "write_more").state
    result = mau2.handle(state, "Hệ thống vận hành ổn định tại 12 đơn vị.")
    assert "Đã nhận 1 đoạn" in " ".join(result.reply)
    result = mau2.handle(result.state, typed)
    assert result.state.answers["HTTT"][0]["II.1"] == "Hệ thống vận hành ổn định tại 12 đơn vị."
    assert [c.path for c in result.changes][:1] == ["HTTT[1].II.1"]  # the caller persists it
