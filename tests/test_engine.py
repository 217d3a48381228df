"""Engine walks over a test template with every feature, and over the shipped templates."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms.answers import validate_answers
from forms.engine import FormEngine, FormState, StepResult
from forms.loader import load_template, registry
from forms.parsers import LONG_TEXT_MAX

TEMPLATE = textwrap.dedent(
    """
    id: test_form
    version: 1
    title: Báo cáo thử nghiệm
    kind: report
    source: {dispatch: 232/BTTTT-KHTC, section: Phụ lục 1, quote: "Báo cáo thử"}
    sections:
      - section: I
        title: Thông tin chung
        items:
          - field: I.1
            label: Tên cơ quan
            type: text
            help: Tên đầy đủ của cơ quan.
            source: "1. Tên cơ quan báo cáo"
            example: Sở Thông tin và Truyền thông
          - field: I.2
            label: Số cán bộ
            type: integer
            required: false
          - field: I.3
            label: Có dự án không
            type: yesno
          - field: I.4
            label: Tổng kinh phí
            type: money
            condition: {field: I.3, equals: true}
          - field: I.5
            label: Hiện trạng
            type: choice
            options: [Đã triển khai xong, Đang triển khai, Dự định triển khai]
          - field: I.6
            label: Ngày báo cáo
            type: date
      - section: II
        title: Kết quả
        items:
          - field: II.1
            label: Kết quả đạt được
            type: longtext
          - field: II.2
            label: Danh mục dự án
            type: table
            table:
              unit: triệu đồng
              columns:
                - {id: tt, label: TT, computed: tt}
                - {id: ten, label: Tên dự án, type: text, required: true}
                - {id: tong, label: Tổng mức đầu tư, type: money}
                - {id: nstw, label: Đầu tư, header: [Nguồn vốn, NSTW], type: money}
                - {id: nsdp, label: Đầu tư, header: [Nguồn vốn, NSĐP], type: money}
              groups:
                - number: I
                  label: Dự án đầu tư
                  groups:
                    - {number: "1", label: Dự án ứng dụng CNTT}
                    - {number: "2", label: Dự án an toàn thông tin}
                - {number: II, label: Nhiệm vụ sự nghiệp}
              checks:
                - {parts: [nstw, nsdp], at_most: tong}
      - section: HT
        title: Hệ thống thông tin
        repeat: {label: hệ thống, title_field: HT.1}
        items:
          - field: HT.1
            label: Tên hệ thống
            type: text
          - field: HT.2
            label: Năm đưa vào sử dụng
            type: year
            required: false
      - section: III
        title: Kiến nghị
        items:
          - field: III.1
            label: Kiến nghị
            type: text
            required: false
    """
)


@pytest.fixture(scope="module")
def engine(tmp_path_factory) -> FormEngine:
    path = Path(tmp_path_factory.mktemp("tpl")) / "test_form.yaml"
    path.write_text(TEMPLATE, encoding="utf-8")
    return FormEngine(load_template(path))


class Walk:
    """Drives the engine like the conversation core: persists changes, round-trips the state as JSON."""

    def __init__(self, engine: FormEngine, prefill: dict | None = None) -> None:
        self.engine = engine
        self.state = engine.start(prefill)
        self.saved: dict[str, object] = {}
        self.last: StepResult | None = None

    def _apply(self, result: StepResult) -> StepResult:
        for change in result.changes:
            self.saved[change.path] = change.value
        # the core stores the state as JSON between messages
        self.state = FormState.from_json(json.loads(json.dumps(result.state.to_json())))
        self.last = result
        return result

    def say(self, text: str) -> StepResult:
        return self._apply(self.engine.handle(self.state, text))

    def cmd(self, name: str, arg: str | None = None) -> StepResult:
        return self._apply(self.engine.command(self.state, name, arg))

    @property
    def cursor(self) -> str | None:
        return self.state.cursor

    @property
    def answers(self) -> dict:
        return self.state.answers


def test_progress_and_first_prompt(engine: FormEngine) -> None:
    w = Walk(engine)
    p = engine.prompt(w.state)
    assert p.code == "I.1" and p.progress == (1, 10)
    assert "Câu 1/10" in p.text and "Tên cơ quan" in p.text and "Ví dụ: Sở Thông tin" in p.text
    w.say("Sở TTTT Hà Nội")
    assert w.last.prompt.progress == (2, 10) and "Câu 2/10" in w.last.prompt.text


def test_walk_skip_back_condition_choice(engine: FormEngine) -> None:
    w = Walk(engine)
    r = w.say("Sở TTTT\x00 Hà Nội 🏛")
    assert r.changes[0].path == "I.1" and r.changes[0].value == "Sở TTTT Hà Nội 🏛"
    assert r.changes[0].raw == "Sở TTTT\x00 Hà Nội 🏛"  # raw kept for the audit trail
    assert w.cursor == "I.2"
    r = w.cmd("skip")  # optional
    assert w.cursor == "I.3" and "I.2" not in w.answers
    # the condition: I.4 only when I.3 is yes
    w.say("khong")
    assert w.answers["I.3"] is False and w.cursor == "I.5"
    total_without = w.last.prompt.progress[1]
    w.cmd("back")
    assert w.cursor == "I.3"
    w.say("co")
    assert w.cursor == "I.4" and w.last.prompt.progress[1] == total_without + 1
    r = w.say("-5")
    assert r.error and "âm" in r.error and w.cursor == "I.4" and not r.changes
    r = w.say("1,5 tỷ")
    assert w.answers["I.4"] == 1500 and "1.500 triệu đồng" in r.reply[0]
    r = w.say("dang trien khai")
    assert w.answers["I.5"] == "Đang triển khai"
    r = w.say("31/02/2019")
    assert r.error and "28 ngày" in r.error and w.cursor == "I.6"
    w.say("ngay 15 thang 5 nam 2019")
    assert w.answers["I.6"] == "2019-05-15" and w.cursor == "II.1"
    assert w.saved == {k: w.answers[k] for k in ("I.1", "I.3", "I.4", "I.5", "I.6")}


def test_choice_by_number_and_buttons(engine: FormEngine) -> None:
    w = Walk(engine, prefill={"I.1": "A", "I.3": False})
    w.cmd("goto", "I.5")
    p = w.last.prompt
    assert p.options == ["Đã triển khai xong", "Đang triển khai", "Dự định triển khai"]
    assert ("Dự định triển khai", "answer 3") in p.buttons
    w.cmd("answer", "3")
    assert w.answers["I.5"] == "Dự định triển khai"


def test_required_skip_is_enforced_at_finish(engine: FormEngine) -> None:
    w = Walk(engine)
    r = w.cmd("skip")  # I.1 is required: allowed with a warning
    assert "bắt buộc" in r.reply[0] and w.cursor == "I.2"
    r = w.cmd("finish")
    assert r.error and "I.1" in r.error and not r.done
    assert w.cursor == "I.1"  # jumped to the first missing field
    assert "I.1" in engine.missing_required(w.state)


def test_edit_by_code_then_resume(engine: FormEngine) -> None:
    w = Walk(engine)
    for text in ["Sở A", "12", "có", "200 triệu", "1"]:
        w.say(text)
    assert w.cursor == "I.6"
    r = w.say("sửa I.2")
    assert w.cursor == "I.2" and "12" in r.reply[0]
    w.say("15")
    assert w.answers["I.2"] == 15
    assert w.cursor == "I.6"  # resumes at the first unvisited question
    r = w.say("sửa Z.9")  # unknown code in a date field: an answer, refused as a date
    assert r.error and w.cursor == "I.6"
    r = w.cmd("goto", "Z.9")
    assert r.error and "Z.9" in r.error


def test_text_answer_that_starts_like_a_command(engine: FormEngine) -> None:
    w = Walk(engine)
    w.say("sửa chữa máy tính")  # free text, not the "sửa" command
    assert w.answers["I.1"] == "sửa chữa máy tính"


def test_longtext_multi_message(engine: FormEngine) -> None:
    w = Walk(engine)
    w.cmd("goto", "II.1")
    w.cmd("write_more")  # several messages only after the user chose to write more
    r = w.say("Đoạn thứ nhất.")
    assert not r.changes and "1 đoạn" in r.reply[0]
    w.say("Đoạn thứ hai\x07 📈")
    assert w.cursor == "II.1" and "II.1" not in w.answers
    r = w.say("xong")
    assert w.answers["II.1"] == "Đoạn thứ nhất.\nĐoạn thứ hai 📈"
    assert r.changes[0].path == "II.1" and w.cursor != "II.1"
    # a message whose last line is "xong" finishes at once
    w.cmd("goto", "II.1")
    w.say("Một đoạn duy nhất.\nxong")
    assert w.answers["II.1"] == "Một đoạn duy nhất."


def test_longtext_too_long_keeps_everything(engine: FormEngine) -> None:
    w = Walk(engine)
    w.cmd("goto", "II.1")
    w.cmd("write_more")
    w.say("Mở đầu.")
    r = w.say("x" * 100_000)
    assert r.error and "100.00" in r.error and "20.000" in r.error
    assert len(w.state.pending["buffer"]) == 2  # nothing lost
    r = w.say("xong")
    assert r.error and "II.1" not in w.answers
    w.say("xóa đoạn cuối")
    r = w.say("xong")
    assert w.answers["II.1"] == "Mở đầu."
    short = Walk(engine)
    r = short.say("a" * 100_000)  # short text field
    assert r.error and "500" in r.error and "I.1" not in short.answers


def _to_table(engine: FormEngine) -> Walk:
    w = Walk(engine)
    w.cmd("goto", "II.2")
    assert w.state.mode == "table"
    return w


def test_table_add_edit_delete_rows(engine: FormEngine) -> None:
    w = _to_table(engine)
    r = w.say("thêm")
    assert w.state.mode == "row_group" and "I.1 Dự án ứng dụng CNTT" in r.prompt.options
    w.say("2")  # I.2
    assert w.state.mode == "row" and "cột 1/4" in w.last.prompt.text
    w.say("Dự án ATTT")
    w.say("2 tỷ")
    w.say("1,5 tỷ")
    r = w.say("bỏ qua")
    assert w.state.mode == "table"
    assert w.answers["II.2"] == [{"group": "I.2", "cells": {"ten": "Dự án ATTT", "tong": 2000, "nstw": 1500}}]
    assert r.changes[0].path == "II.2"
    # second row under I.1 goes before the I.2 row (rows stay in group order)
    w.cmd("add_row", "I.1")
    for text in ["Cổng DVC", "500", "300", "100"]:
        w.say(text)
    rows = w.answers["II.2"]
    assert [r["group"] for r in rows] == ["I.1", "I.2"] and rows[0]["cells"]["nsdp"] == 100
    # edit row 2: keep the name, change the total
    w.say("sửa dòng 2")
    assert w.state.mode == "row" and "Hiện có: Dự án ATTT" in w.last.prompt.text
    w.cmd("skip")
    w.say("3 tỷ")
    w.cmd("skip")
    w.cmd("skip")
    assert w.answers["II.2"][1]["cells"] == {"ten": "Dự án ATTT", "tong": 3000, "nstw": 1500}
    r = w.say("danh sách")
    assert "I.1 Dự án ứng dụng CNTT" in r.reply[0] and "1. [I.1] Cổng DVC" in r.reply[0]
    r = w.say("xóa dòng 1")
    assert [r_["cells"]["ten"] for r_ in w.answers["II.2"]] == ["Dự án ATTT"]
    r = w.say("xóa dòng 5")
    assert r.error and "Không có dòng 5" in r.error


def test_table_required_column_cannot_be_skipped(engine: FormEngine) -> None:
    w = _to_table(engine)
    w.cmd("add_row", "II")
    r = w.cmd("skip")
    assert r.error and "bắt buộc" in r.error and w.state.mode == "row"


def test_row_warning_must_be_confirmed(engine: FormEngine) -> None:
    w = _to_table(engine)
    w.cmd("add_row", "II")
    for text in ["Thuê dịch vụ", "100", "80", "50"]:
        w.say(text)
    assert w.state.mode == "row_warn"
    p = w.last.prompt
    assert "là 130 triệu đồng, lớn hơn Tổng mức đầu tư (100 triệu đồng)" in p.text
    assert "II.2" not in w.answers  # not stored before confirmation
    w.say("không")  # re-enter the amounts
    assert w.state.mode == "row" and w.state.pending["col"] == "tong"
    w.say("200")
    w.cmd("skip")
    w.cmd("skip")
    assert w.state.mode == "table" and w.answers["II.2"][0]["cells"]["tong"] == 200
    # and a confirmed warning is stored as typed
    w.cmd("add_row", "II")
    for text in ["Khác", "10", "20"]:
        w.say(text)
    w.cmd("skip")
    assert w.state.mode == "row_warn"
    w.say("có")
    assert w.answers["II.2"][1]["cells"] == {"ten": "Khác", "tong": 10, "nstw": 20}


def test_paste_rows_with_confirmation(engine: FormEngine) -> None:
    w = _to_table(engine)
    paste = "I.1\tCổng thông tin\t1,5 tỷ\t1 tỷ\t200 triệu\nII | Thuê máy chủ | 300 | 100 | 100\nKho dữ liệu; 50; 60"
    r = w.say(paste)
    # the third line has no group: asked for it
    assert w.state.mode == "paste_group"
    w.say("I.2")
    assert w.state.mode == "paste_confirm"
    text = w.last.prompt.text
    assert "Ông/bà vừa dán 3 dòng" in text and "Cổng thông tin" in text and "Dòng 3:" in text  # row warning shown
    assert "II.2" not in w.answers
    r = w.say("có")
    rows = w.answers["II.2"]
    assert [(r_["group"], r_["cells"]["ten"]) for r_ in rows] == [
        ("I.1", "Cổng thông tin"), ("I.2", "Kho dữ liệu"), ("II", "Thuê máy chủ")]
    assert rows[0]["cells"] == {"ten": "Cổng thông tin", "tong": 1500, "nstw": 1000, "nsdp": 200}
    assert r.changes[0].raw == paste
    # a paste with errors stores nothing and names the bad cells
    r = w.say("I.1; Dự án X; abc tỷ\nI.1; ; 5")
    assert r.error and "Dòng 1" in r.error and "Tổng mức đầu tư" in r.error and "Dòng 2" in r.error
    assert len(w.answers["II.2"]) == 3
    # refusing a paste stores nothing
    r = w.say("I.1; Dự án Y; 5")  # one row in one message: stored at once, named in the reply
    assert len(w.answers["II.2"]) == 4 and w.state.mode == "table" and "Dự án Y" in r.reply[0]
    w.say("I.1; Dự án Z; 5\nI.1; Dự án W; 6")  # several rows are shown back first
    w.say("không")
    assert len(w.answers["II.2"]) == 4 and w.state.mode == "table"


def test_repeating_section(engine: FormEngine) -> None:
    w = Walk(engine)
    while not w.cursor.startswith("HT"):
        w.cmd("skip") if w.state.mode != "table" else w.cmd("done")
    assert w.cursor == "HT[1].HT.1"
    assert "Hệ thống thứ 1 — câu 1/2" in w.last.prompt.text
    w.say("Hệ thống một cửa")
    w.say("2018")
    assert w.cursor == "HT[+]" and w.state.mode == "repeat_ask"
    r = w.say("có")
    assert w.cursor == "HT[2].HT.1" and r.changes[0].path == "HT[2]"
    assert "Hệ thống thứ 2 — câu 1/2" in w.last.prompt.text
    w.say("Cổng dịch vụ công")
    w.cmd("skip")
    w.say("không")
    assert w.cursor == "III.1"
    w.cmd("back")  # the section is closed: back goes to the last field of the last instance
    assert w.cursor == "HT[2].HT.2"
    w.cmd("skip")
    assert w.cursor == "III.1"
    assert w.answers["HT"] == [{"HT.1": "Hệ thống một cửa", "HT.2": 2018}, {"HT.1": "Cổng dịch vụ công"}]
    assert w.saved["HT[2].HT.1"] == "Cổng dịch vụ công"
    # edit by code inside an instance
    w.cmd("goto", "HT[1].HT.2")
    w.say("2019")
    assert w.answers["HT"][0]["HT.2"] == 2019
    # a finished section can be reopened
    w.cmd("add_instance", "HT")
    assert w.cursor == "HT[3].HT.1"


def test_review_groups_all_answers(engine: FormEngine) -> None:
    w = Walk(engine)
    for text in ["Sở TTTT", "12", "có", "2 tỷ 300 triệu", "2", "15/5/2019", "Kết quả tốt.\nxong"]:
        w.say(text)
    w.say("I.1; Cổng DVC; 1 tỷ")
    w.say("có")
    w.say("xong")
    w.say("HTTT A")
    w.say("2017")
    w.say("không")
    w.say("Tăng kinh phí")
    assert w.last.done and w.cursor is None
    text = w.cmd("review").reply[0]
    lines = text.split("\n")
    for expected in ["I. Thông tin chung", "II. Kết quả", "III.1 Kiến nghị: Tăng kinh phí", "Sở TTTT", "12",
                     "2.300 triệu đồng", "Đang triển khai", "15/5/2019", "Kết quả tốt.", "Cổng DVC",
                     "HTTT A", "2017", "Tăng kinh phí", "Có"]:
        assert any(expected in ln for ln in lines), expected
    assert text.index("I. Thông tin chung") < text.index("I.4 Tổng kinh phí") < text.index("II. Kết quả")
    assert text.index("II. Kết quả") < text.index("Cổng DVC") < text.index("Hệ thống thứ 1: HTTT A")
    assert text.index("Hệ thống thứ 1: HTTT A") < text.index("III.1 Kiến nghị")
    assert "III. Kiến nghị" not in text  # a section of one field of its name: one line
    r = w.cmd("finish")
    assert r.done and not r.error


def test_review_omits_false_conditions(engine: FormEngine) -> None:
    w = Walk(engine)
    w.say("A")
    w.cmd("skip")
    w.say("không")
    text = w.cmd("review").reply[0]
    assert "I.4" not in text and "I.3 Có dự án không: Không" in text


def test_state_json_round_trip_mid_table(engine: FormEngine) -> None:
    w = _to_table(engine)
    w.cmd("add_row", "I.1")
    w.say("Tên")
    data = json.dumps(w.state.to_json())
    again = FormState.from_json(json.loads(data))
    assert again == w.state
    r = engine.handle(again, "100")
    assert r.state.pending["cells"] == {"ten": "Tên", "tong": 100}


def test_inputs_are_not_mutated(engine: FormEngine) -> None:
    w = _to_table(engine)
    w.say("I.1; A; 10")
    w.say("có")
    before = json.dumps(w.state.to_json(), sort_keys=True)
    engine.handle(w.state, "I.1; B; 20")
    engine.command(w.state, "delete_row", "1")
    assert json.dumps(w.state.to_json(), sort_keys=True) == before


def test_help_quotes_source(engine: FormEngine) -> None:
    w = Walk(engine)
    r = w.cmd("help")
    assert "Tên đầy đủ của cơ quan." in r.reply[0] and "1. Tên cơ quan báo cáo" in r.reply[0]
    assert w.cursor == "I.1"


def test_cancel(engine: FormEngine) -> None:
    w = Walk(engine)
    w.say("A")
    r = w.say("hủy")
    assert r.cancelled and w.answers["I.1"] == "A"
    assert w.say("B").error


@pytest.mark.parametrize("template_id", [t.id for t in registry().all()])
def test_every_shipped_template_walks_with_skips(template_id: str) -> None:
    """Skipping through every shipped template reaches the end of the walk without crashing; with
    required answers left empty the engine then puts the cursor on the first of them (no dead end)."""
    engine = FormEngine(registry().get(template_id))
    w = Walk(engine)
    note = None
    for _ in range(500):
        if w.state.mode == "end":
            break
        w.cmd("skip")
        note = next((r for r in w.last.reply if "câu bắt buộc chưa trả lời; bắt đầu từ câu" in r), None)
        if note:
            break
    missing = engine.missing_required(w.state)
    if missing:
        assert note is not None and w.cursor == missing[0] and w.state.mode != "end"
        assert "[" not in note and f"Còn {len(missing)} câu" in note
    else:
        assert w.state.mode == "end"
    assert w.last.prompt is not None and w.last.prompt.text


def test_bieu04_year_and_paste() -> None:
    engine = FormEngine(registry().get("bieu04"))
    w = Walk(engine)
    r = w.say("2019")
    assert w.answers["nam"] == 2019 and r.reply[0].endswith(": 2019.")
    w.say("I.1\tLGSP\tKết nối\tTriển khai\t1 hệ thống\tHà Nội\tSở TTTT\t10 tỷ\t6 tỷ\t\t4 tỷ")
    w.say("có")
    row = w.answers["bang"][0]
    assert row["group"] == "I.1" and row["cells"]["tong_muc"] == 10000 and row["cells"]["nsdp_dt"] == 4000
    assert "nstw_sn" not in row["cells"]


def test_mau2_prefill_kept_unless_changed() -> None:
    engine = FormEngine(registry().get("mau2"))
    w = Walk(engine, prefill={"HTTT": [{"I.1": "Hệ thống A"}], "unknown": 1})
    assert "unknown" not in w.answers
    p = engine.prompt(w.state)
    assert "Hiện có: Hệ thống A" in p.text and ("Giữ nguyên", "skip") in p.buttons
    w.cmd("skip")
    assert w.answers["HTTT"][0]["I.1"] == "Hệ thống A" and w.cursor == "HTTT[1].I.2"


def test_goto_by_label_for_unnumbered_fields() -> None:
    engine = FormEngine(registry().get("mau1"))
    w = Walk(engine)
    p = engine.prompt(w.state)
    assert "ten_bo_nganh" not in p.text and "Tên Bộ, ngành" in p.text  # word codes are not shown
    w.say("Bộ A")
    w.say("sửa tên bộ")
    assert w.cursor == "ten_bo_nganh"


_ACTIONS = st.one_of(
    st.tuples(st.just("say"), st.sampled_from(
        ["có", "không", "1", "2", "1,5 tỷ", "-5", "abc", "xong", "thêm", "I.1", "II", "bỏ qua", "quay lại",
         "sửa I.4", "sửa HT[1].HT.2", "xóa dòng 1", "sửa dòng 1", "danh sách", "I.1; A; 10; 20; 30",
         "A | 5", "15/5/2019", "31/02/2019", "xem lại", "\x00", "📄", "", "x" * 600])),
    st.tuples(st.sampled_from(["skip", "back", "review", "help", "done", "finish", "add_row", "list_rows",
                               "delete_row", "edit_row", "add_instance", "goto"]),
              st.sampled_from([None, "1", "I.1", "HT", "II.2", "zz"])),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(actions=st.lists(_ACTIONS, max_size=40))
def test_fuzz_engine_never_crashes(engine: FormEngine, actions) -> None:
    """Any sequence of inputs and commands keeps a valid, JSON-serializable state with a prompt."""
    w = Walk(engine)
    for kind, arg in actions:
        r = w.say(arg) if kind == "say" else w.cmd(kind, arg)
        assert r.prompt is not None and isinstance(r.prompt.text, str)
        for change in r.changes:
            json.dumps(change.value)
        if w.state.mode == "cancelled":
            break
    problems = validate_answers(engine.template, w.answers)
    assert problems == [], problems


def test_paste_and_cells_that_look_like_commands(engine: FormEngine) -> None:
    w = _to_table(engine)
    w.say("I.1; Thêm mới cổng thông tin; 10")
    assert w.state.mode == "table" and w.answers["II.2"][-1]["cells"]["ten"] == "Thêm mới cổng thông tin"
    w.cmd("add_row", "I.1")
    w.say("sửa chữa trụ sở")  # a text cell, not "sửa <code>"
    assert w.state.pending["cells"]["ten"] == "sửa chữa trụ sở"
