"""Session 10: what a text PDF's layout hides, a form's own notes, which deadline is meant, which passage answers.
- lines a PDF wrapped before a number ("… nghỉ liên tục từ" / "05 ngày …", "điện thoại:" / "0215…") and an item a
  page break cut are joined again, so that the sentence that answers is whole;
- "cột Kết quả ghi thế nào", "tỷ lệ tính thế nào": the note under the form answers; "gồm những cột nào": the
  columns alone;
- "lúc mấy giờ": the deadline with an hour; an unqualified deadline: the one for sending to the issuer, not the
  issuer's own unit reporting upward;
- the evidence passage is chosen by a fit model that weighs the retrieval rank and the sentences' share;
- a typed answer to a question that names nothing and whose words the dispatch barely holds is declined;
- a recipient a PDF wrapped is one item; a year the answering dispatch never writes counts as foreign.

Every dispatch and question here is written for the test (none is in a benchmark set).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import choice
from knowledge.blocks import to_blocks
from knowledge.metadata import parse_recipients
from knowledge.signals import foreign_year
from tests.knowledge_fixtures import base_with

# Lines as a text PDF gives them: wrapped at the page width, a page break inside item c).
WRAPPED = """Thực hiện Kế hoạch số 77/KH-SYT ngày 10/11/2025 của Sở Y tế tỉnh Lai Châu, Trung tâm Y tế huyện
Phong Thổ đề nghị các trạm y tế thực hiện:
1. Đối với các trạm y tế
a) Lập danh sách trẻ em dưới 5 tuổi chưa được tiêm đủ các mũi vắc xin trong Chương trình, tính từ
01/6/2025 đến hết ngày 30/11/2025, theo Biểu số 02 kèm theo Công văn này;
b) Chi tiết xin liên hệ bà Điêu Thị Lan, viên chức Khoa Kiểm soát bệnh tật, điện thoại:
0215.3825.114, di động: 0912.604.337.
c) Phối hợp với trưởng thôn, bản thông báo lịch tiêm trên hệ thống

loa truyền thanh của thôn, bản trước ngày tiêm ít nhất 02 ngày.
2. Thời hạn báo cáo
"""


def test_lines_a_pdf_wrapped_or_a_page_broke_are_one_sentence_again():
    texts = [b.text for b in to_blocks(WRAPPED)]
    assert any("Trung tâm Y tế huyện Phong Thổ đề nghị" in t for t in texts)
    assert any("tính từ 01/6/2025 đến hết ngày 30/11/2025" in t for t in texts)
    assert any("điện thoại: 0215.3825.114, di động: 0912.604.337." in t for t in texts)
    assert any("trên hệ thống loa truyền thanh của thôn" in t for t in texts)
    assert "2. Thời hạn báo cáo" in texts  # a numbered heading still opens its own part
    assert not any(t.startswith(("loa", "0215", "01/6", "Phong Thổ")) for t in texts)


# A Trung tâm Y tế huyện, plain text: two deadlines (the issuer's own unit reporting upward, the recipients'
# with an hour) and a form whose note says how two columns are filled.
DISPATCH = """SỞ Y TẾ TỈNH LAI CHÂU
TRUNG TÂM Y TẾ HUYỆN PHONG THỔ
Số: 518/TTYT-KSBT
V/v báo cáo kết quả rà soát tiêm chủng mở rộng năm 2025
Phong Thổ, ngày 02 tháng 12 năm 2025

Kính gửi: Trạm Y tế các xã trên địa bàn huyện.

Thực hiện Kế hoạch số 77/KH-SYT ngày 10/11/2025 của Sở Y tế tỉnh Lai Châu về tiêm chủng mở rộng năm 2025, Trung tâm Y tế huyện đề nghị Trạm Y tế các xã thực hiện các nội dung sau:

1. Rà soát trẻ em dưới 5 tuổi chưa được tiêm chủng đầy đủ, lập danh sách theo Biểu số 01 kèm theo Công văn này.

2. Khoa Kiểm soát bệnh tật tổng hợp, tham mưu Giám đốc Trung tâm báo cáo Sở Y tế trước ngày 22/12/2025.

3. Bản điện tử của báo cáo gửi về hộp thư ksbt.phongtho@laichau.gov.vn trước ngày 15/12/2025.

4. Báo cáo của Trạm Y tế gửi về Trung tâm Y tế huyện (qua Khoa Kiểm soát bệnh tật) trước 15 giờ 00 ngày 15/12/2025.

Biểu số 01
DANH SÁCH TRẺ EM CHƯA ĐƯỢC TIÊM CHỦNG ĐẦY ĐỦ NĂM 2025
TT\tHọ và tên trẻ\tNgày sinh\tThôn, bản\tMũi còn thiếu\tKết quả tiêm vét\tGhi chú
1\t\t\t\t\t\t
Ghi chú: Cột "Mũi còn thiếu" ghi tên vắc xin và số mũi chưa tiêm; cột "Kết quả tiêm vét" ghi đã tiêm bù (ghi ngày) hoặc gia đình từ chối.

Nơi nhận:
- Như trên;
- Lưu: VT, KSBT.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Vàng A Sử
"""


@pytest.fixture(scope="module")
def kb518(built_index_dir, tmp_path_factory):
    return base_with(built_index_dir, tmp_path_factory.mktemp("notes"), "cv-518-TTYT-KSBT.txt", DISPATCH)


def test_how_a_column_is_filled_is_answered_by_the_forms_note(kb518):
    a = kb518.ask("Biểu số 01 của cv 518 TTYT Phong Thổ thì cột Kết quả tiêm vét ghi như thế nào?")
    assert a.confident and a.dispatch == "518/TTYT-KSBT"
    assert "gia đình từ chối" in a.reply


def test_which_columns_lists_the_columns_without_the_note(kb518):
    a = kb518.ask("Biểu số 01 kèm cv 518 TTYT Phong Thổ gồm những cột nào?")
    assert a.confident and "Mũi còn thiếu" in a.reply and "Kết quả tiêm vét" in a.reply
    assert "gia đình từ chối" not in a.reply


def test_what_time_asks_for_the_deadline_with_an_hour(kb518):
    a = kb518.ask("What time is the report under dispatch 518 due?")
    assert a.confident and a.kind == "deadline" and "15 giờ 00 ngày 15/12/2025" in a.reply


def test_the_recipients_deadline_is_the_one_for_sending_to_the_issuer(kb518):
    a = kb518.ask("Hạn nộp báo cáo của Công văn 518/TTYT-KSBT là ngày nào?")
    assert a.confident and a.kind == "deadline" and "15/12/2025" in a.reply and "22/12/2025" not in a.reply


def test_the_evidence_model_prefers_the_better_ranked_and_better_held_passage():
    assert choice.model() is not None, "knowledge/data/evidence_choice.json is shipped"
    base = {"fused": 0.7, "pick": 0.5, "whole": 0.5, "table": 0.0, "columns_table": 0.0, "dated": 0.0}
    assert choice.rate({**base, "fused": 1.0}) > choice.rate(base)
    assert choice.rate({**base, "pick": 0.9}) > choice.rate(base)
    # A question about columns: a form over a paragraph that is otherwise alike.
    assert choice.rate({**base, "table": 1.0, "columns_table": 1.0}) > choice.rate(base)


@pytest.mark.parametrize("question", ["Số điện thoại đường dây nóng phản ánh giá vé xe khách dịp Tết là số nào?",
                                      "Hạn chót nộp hồ sơ xét tuyển viên chức giáo viên năm 2026 là khi nào?"])
def test_a_cue_alone_does_not_make_a_typed_answer(kb, question):
    a = kb.ask(question)
    assert not a.confident and a.text.startswith("Tôi chưa tìm thấy")


def test_a_recipient_a_pdf_wrapped_is_one_item():
    text = ("Kính gửi:\n- Trưởng các thôn, bản;\n- Hiệu trưởng các trường mầm non, tiểu học, phổ thông dân tộc bán\n"
            "trú trên địa bàn xã;\n- Trạm Y tế xã.\nCăn cứ Luật Giáo dục;\n")
    assert parse_recipients(text) == ["Trưởng các thôn, bản",
                                      "Hiệu trưởng các trường mầm non, tiểu học, phổ thông dân tộc bán trú trên địa bàn xã",
                                      "Trạm Y tế xã"]


def test_a_year_the_dispatch_never_writes_counts_as_foreign(kb518):
    named = kb518.understand("Biểu số 01 của cv 518 năm 2025 gồm những cột nào?")
    other = kb518.understand("Biểu số 01 của cv 518 năm 2027 gồm những cột nào?")
    assert not foreign_year(kb518.index, named, "518/TTYT-KSBT")
    assert foreign_year(kb518.index, other, "518/TTYT-KSBT")
    assert kb518.ask("Kế hoạch tiêm chủng năm 2027 của huyện Phong Thổ giao chỉ tiêu bao nhiêu trẻ?").signals["foreign"] == 1.0


def test_a_forms_own_name_does_not_choose_among_dispatches_that_have_it(built_index_dir, tmp_path):
    # 232 (bundled) has a "Phụ lục 2", 537 a "Phụ lục II" on social housing: the name fits both, the topic only 537.
    text = (Path(__file__).parent / "data" / "dispatches" / "cv-537-SXD-QLN-2025-nha-o-xa-hoi.txt").read_text("utf-8")
    kb = base_with(built_index_dir, tmp_path, "cv-537-SXD-QLN.txt", text)
    a = kb.ask("Which columns are in Appendix II about the progress of social housing projects?")
    assert a.confident and a.dispatch == "537/SXD-QLN" and "Giá bán dự kiến" in a.reply
