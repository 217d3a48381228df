"""Answer types no cue word names, and two signals of questions the dispatches do not answer:
- the period the figures cover ("số liệu tính từ ngày nào đến ngày nào"), not the deadline;
- what follows a late or missing report ("quá hạn không gửi thì sao");
- a form typed with pipes ("TT | Xã | …") is a table; "Nơi nhận" beyond "Như trên" answers who else receives it;
  "mục 2" names a part of the dispatch;
- questions on how something is done or what holds now (``general_ask``), and replies that only cite a
  law (``citation_reply``): both lower the confidence.

Every dispatch and question here is written for the test (none is in a benchmark set).
"""

from __future__ import annotations

import pytest

from knowledge import uncued_answers
from knowledge.answer_shape import expected
from knowledge.metadata import parse_copied
from knowledge.tables import describe_header, item_rows, table_row
from knowledge.evidence import Terms
from knowledge.query import Query
from knowledge.signals import citation_reply, general_ask
from tests.knowledge_fixtures import base_with

# A huyện's Phòng Kinh tế, plain text: a reporting period, a deadline and a sanction sentence.
DISPATCH = """ỦY BAN NHÂN DÂN HUYỆN ĐIỆN BIÊN
PHÒNG KINH TẾ
Số: 233/PKT-NN
V/v báo cáo kết quả sản xuất vụ Đông Xuân 2025-2026 và kế hoạch vụ Mùa 2026
Điện Biên, ngày 09 tháng 3 năm 2026

Kính gửi: Ủy ban nhân dân các xã, thị trấn.

Thực hiện Kế hoạch số 41/KH-UBND ngày 12/01/2026 của Ủy ban nhân dân huyện về sản xuất nông nghiệp năm 2026, Phòng Kinh tế đề nghị Ủy ban nhân dân các xã, thị trấn báo cáo các nội dung sau:

1. Kết quả gieo trồng vụ Đông Xuân
a) Diện tích lúa, ngô, rau màu đã gieo trồng; diện tích bị ảnh hưởng do rét đậm, rét hại;
b) Lượng giống lúa lai được hỗ trợ đã cấp phát cho các hộ dân.

2. Kỳ báo cáo
Số liệu báo cáo tính từ ngày 01/11/2025 đến hết ngày 28/02/2026.

3. Thời hạn và hình thức gửi báo cáo
Báo cáo gửi về Phòng Kinh tế trước ngày 25/3/2026 theo Biểu số 01 kèm theo Công văn này. Sau thời hạn trên, xã nào không gửi báo cáo, Phòng Kinh tế sẽ tổng hợp, báo cáo Chủ tịch Ủy ban nhân dân huyện xem xét trách nhiệm người đứng đầu.

Trân trọng./.
Nơi nhận:
- Như trên;
- Trạm Khuyến nông huyện (để phối hợp);
- Lưu: VT, PKT.
KT. TRƯỞNG PHÒNG
PHÓ TRƯỞNG PHÒNG
Lò Văn Thắng

Biểu số 01
KẾT QUẢ GIEO TRỒNG VỤ ĐÔNG XUÂN 2025-2026
TT | Xã, thị trấn | Diện tích lúa (ha) | Diện tích ngô (ha) | Diện tích bị rét hại (ha) | Ghi chú
|---|---|---|---|---|---|
1 | Xã Thanh Xương | | | |
"""


def _query(text: str) -> Query:
    return Query(original=text, text=text, lexical=text, dense=text)


def test_a_question_on_the_figures_period_expects_a_period_not_a_deadline():
    for q in ("số liệu vụ đông xuân tính từ ngày nào", "bc san xuat ky bao cao tu ngay nao den ngay nao",
              "Số liệu được tính đến thời điểm nào?", "As of what date are the figures counted?",
              "Số liệu vụ đông xuân được tính trong khoảng thời gian nào?"):
        assert "period" in expected(q), q
    for q in ("hạn nộp báo cáo đến ngày nào", "báo cáo gửi trước ngày nào"):
        assert "period" not in expected(q), q


def test_the_period_sentence_answers_and_the_deadline_does_not():
    found = uncued_answers.period(DISPATCH, Terms({"so": 1.0, "lieu": 1.0, "vu": 1.0}, {}))
    assert found and "01/11/2025" in found.reply and "28/02/2026" in found.reply
    assert "25/3/2026" not in found.reply


def test_questions_on_a_late_report_are_told_apart():
    for q in ("quá hạn không gửi bc thì sao", "Xã báo cáo chậm thì bị xử lý thế nào?",
              "What happens if a commune does not send the report?"):
        assert uncued_answers.asks_consequence(q), q
    for q in ("hạn gửi báo cáo là ngày nào", "báo cáo gửi chậm nhất ngày nào"):
        assert not uncued_answers.asks_consequence(q), q
    found = uncued_answers.consequence(DISPATCH, Terms({"xa": 1.0}, {}))
    assert found and "xem xét trách nhiệm người đứng đầu" in found.reply


def test_how_to_and_current_state_questions_are_marked():
    for q in ("Thủ tục đăng ký hộ kinh doanh cần những giấy tờ gì?", "cach dang ky tai khoan dich vu cong",
              "Giá lúa giống hiện nay bao nhiêu?", "How do I apply for a farming subsidy?",
              "điều kiện để được hỗ trợ giống lúa là gì"):
        assert general_ask(_query(q)), q
    for q in ("cv 233 hạn nộp báo cáo khi nào", "Biểu số 01 gồm những cột nào?",
              "báo cáo gửi bằng hình thức nào", "ai ký công văn về vụ đông xuân"):
        assert not general_ask(_query(q)), q


def test_a_reply_citing_a_plan_is_marked_unless_a_document_is_asked_for():
    reply = "Thực hiện Kế hoạch số 41/KH-UBND ngày 12/01/2026 của Ủy ban nhân dân huyện về sản xuất nông nghiệp năm 2026"
    assert citation_reply(_query("giá phân bón vụ đông xuân bao nhiêu"), reply)
    assert not citation_reply(_query("công văn 233 thực hiện kế hoạch số mấy"), reply)
    assert not citation_reply(_query("diện tích lúa bị rét hại"), "a) Diện tích lúa, ngô, rau màu đã gieo trồng;")


def test_a_pipe_typed_form_is_a_table_and_other_lines_are_not():
    assert table_row("TT | Xã, thị trấn | Ghi chú") == "TT\tXã, thị trấn\tGhi chú\t\t"
    assert table_row("|---|---|---|") == ""  # the rule line under a header
    assert table_row("Số liệu báo cáo tính từ ngày 01/11/2025.") is None
    header = describe_header("\n".join(r for r in map(table_row, DISPATCH.splitlines()[-4:]) if r))
    assert header.text.startswith("TT; Xã, thị trấn; Diện tích lúa (ha)")


def test_noi_nhan_lists_who_else_receives_the_dispatch():
    assert parse_copied(DISPATCH) == ["Trạm Khuyến nông huyện (để phối hợp)"]


@pytest.fixture(scope="module")
def base(built_index_dir, tmp_path_factory):
    return base_with(built_index_dir, tmp_path_factory.mktemp("kinds"), "cv-233-PKT-NN.txt", DISPATCH)


def test_the_period_question_is_answered_with_the_period(base):
    a = base.ask("cv 233 số liệu vụ đông xuân tính từ ngày nào đến ngày nào")
    assert a.confident and a.kind == "period"
    assert "01/11/2025" in a.reply and "25/3/2026" not in a.reply


def test_the_late_report_question_is_answered_with_the_sanction(base):
    a = base.ask("cv 233 xã nào không gửi báo cáo đúng hạn thì bị xử lý ra sao")
    assert a.confident and a.kind == "consequence"
    assert "xem xét trách nhiệm" in a.reply and "233/PKT-NN" in a.text


def test_a_procedure_question_on_the_dispatch_topic_is_declined(base):
    a = base.ask("Thủ tục để hộ dân được nhận giống lúa lai hỗ trợ cần những giấy tờ gì?")
    assert not a.confident and a.signals["general_ask"] == 1.0


def test_the_form_typed_with_pipes_answers_which_columns(base):
    a = base.ask("cv 233 biểu số 01 gồm những cột nào")
    assert a.confident and "Diện tích bị rét hại (ha)" in a.reply


def test_who_else_receives_it_is_answered_from_noi_nhan(base):
    a = base.ask("công văn 233 gửi cho những đơn vị nào")
    assert a.confident and a.kind == "recipients"
    assert "Ủy ban nhân dân các xã" in a.reply and "Trạm Khuyến nông huyện" in a.reply


def test_a_named_part_of_the_dispatch_answers(base):
    a = base.ask("cv 233 mục 2 yêu cầu gì")
    assert a.confident and "01/11/2025" in a.reply
    assert "Thời hạn và hình thức" not in a.text.split("\nXem thêm:")[0]


def test_hyphenated_english_words_reach_the_vocabulary():
    from knowledge.query import understand

    q = understand("What air-conditioner setting does the letter ask for?", {})
    assert "điều hòa" in q.expansions


def test_a_forms_numbered_rows_are_listed_when_they_are_few():
    head = "TT\tNhóm cây trồng\tDiện tích (ha)\tGhi chú\t\t"
    rows = ["1\tLúa\t\t\t\t", "2\tNgô\t\t\t\t", "3\tRau màu\t\t\t\t", "...\t...\t\t\t\t"]
    assert item_rows("\n".join([head, *rows])) == ["1. Lúa", "2. Ngô", "3. Rau màu"]
    many = [f"{i}\tXã {i}\t\t\t\t" for i in range(1, 15)]  # a list of communes to fill, not fixed rows
    assert item_rows("\n".join([head, *many])) == []
