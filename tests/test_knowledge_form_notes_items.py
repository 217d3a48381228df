"""Shapes met in session 17, each on a dispatch written for this test (none of its questions is in a benchmark set):
two forms in one appendix as two passages, a form's column explained by a note (by the column's number or its name), a form code that is no cited document,
"điểm b mục 2", an appendix's own forms, a form whose title is on its heading line, what follows a late report
against what follows late work, and an official's acronym of a phrase the dispatches write."""

from __future__ import annotations

import pytest

from knowledge.uncued_answers import asks_consequence
from knowledge.query import legal_references
from knowledge.spelling import SyllableSpeller
from knowledge.text import fold
from tests.knowledge_fixtures import base_with

FEES = """UBND HUYỆN ĐỨC PHỔ                              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHÒNG TÀI CHÍNH - KẾ HOẠCH                       Độc lập - Tự do - Hạnh phúc
Số: 731/TCKH-NS                                  Đức Phổ, ngày 09 tháng 10 năm 2026
V/v báo cáo thu tiền sử dụng đất và thu tiền thuê đất 9 tháng năm 2026

Kính gửi: Ủy ban nhân dân các xã, thị trấn.

Để tổng hợp tình hình thu ngân sách từ đất đai, Phòng Tài chính - Kế hoạch đề nghị Ủy ban nhân dân các xã, thị trấn:
1. Đánh giá tình hình thu tiền sử dụng đất
a) Số tiền sử dụng đất đã thu so với dự toán được giao, khớp với số liệu của Kho bạc Nhà nước huyện.
b) Các khoản thu tiền sử dụng đất còn nợ đọng và nguyên nhân.
c) Kiến nghị biện pháp đôn đốc thu nợ đọng tiền sử dụng đất.
2. Báo cáo thu tiền thuê đất
a) Số hợp đồng thuê đất đang có hiệu lực.
b) Số tiền thuê đất đã thu, gồm cả tiền chậm nộp của các năm trước.
3. Số liệu tổng hợp theo Biểu số 01/TSDĐ và Biểu số 02/TTĐ kèm theo.
4. Báo cáo gửi về Phòng Tài chính - Kế hoạch trước ngày 20/10/2026. Xã, thị trấn không gửi báo cáo hoặc gửi chậm sẽ bị nêu tên tại cuộc họp giao ban của Ủy ban nhân dân huyện.
5. Dự án giao đất chậm tiến độ quá 12 tháng mà không có văn bản gia hạn sẽ bị xem xét thu hồi đất theo quy định.
Thông tin chi tiết liên hệ ông Lê Văn Hòa, chuyên viên Phòng Tài chính - Kế hoạch, điện thoại 0255.3859.114.

Nơi nhận:
- Như trên;
- Lưu: VT, NS.
TRƯỞNG PHÒNG
Phạm Minh Châu

Phụ lục I
Biểu số 01/TSDĐ: Thu tiền sử dụng đất 9 tháng năm 2026
STT | Xã, thị trấn | Dự toán giao (đồng) | Số đã thu (đồng) | Số nợ đọng (đồng)
(1) | (2) | (3) | (4) | (5)
1   |     |     |     |
Ghi chú:
- Cột (4) chỉ ghi số tiền đã nộp vào Kho bạc Nhà nước, không gồm số ghi thu ghi chi.
- Cột (5) ghi số tiền còn phải nộp của các quyết định giao đất đã quá hạn nộp.
Biểu số 02/TTĐ: Thu tiền thuê đất 9 tháng năm 2026
STT | Xã, thị trấn | Số hợp đồng thuê đất | Tiền thuê đất đã thu (đồng)
1   |     |     |
Ghi chú: Tiền thuê đất đã thu là số thực nộp trong kỳ, gồm cả tiền chậm nộp.
"""


@pytest.fixture(scope="module")
def kb731(built_index_dir, tmp_path_factory):
    return base_with(built_index_dir, tmp_path_factory.mktemp("form-notes"), "cv-731-TCKH-2026.txt", FEES)


def stated(answer) -> str:
    return fold(answer.text.split("\n(Công văn")[0])


@pytest.mark.parametrize("question", ["Cột (4) trong Biểu số 01/TSDĐ của cv 731 ghi những khoản nào?",
                                      "cot 4 bieu 01/TSDĐ cv 731 ghi gi"])
def test_the_note_the_column_number_points_to_answers(kb731, question):
    a = kb731.ask(question)
    assert a.confident and fold("không gồm số ghi thu ghi chi") in stated(a)


def test_the_note_naming_the_column_answers(kb731):
    a = kb731.ask("Cột “Tiền thuê đất đã thu (đồng)” tại Biểu số 02/TTĐ kèm Công văn 731 được hiểu như thế nào?")
    assert a.confident and fold("số thực nộp trong kỳ") in stated(a)


def test_a_form_code_is_not_a_cited_document():
    assert legal_references(fold("cột (4) trong biểu số 01/tsdđ ghi gì"), {}) == []
    assert legal_references(fold("phiếu số 05/cshc nộp khi nào"), {}) == []
    assert legal_references(fold("thông tư 13/2017/tt-btttt ban hành ngày nào"), {}) == ["13/2017/tt-btttt"]


@pytest.mark.parametrize("question", ["Điểm b mục 2 của Công văn 731 yêu cầu báo cáo gì?",
                                      "diem b muc 2 cv 731 noi gi"])
def test_a_lettered_item_of_a_part_answers(kb731, question):
    a = kb731.ask(question)
    assert fold("gồm cả tiền chậm nộp của các năm trước") in stated(a)
    assert fold("Số hợp đồng thuê đất đang có hiệu lực") not in stated(a)


def test_a_form_titled_on_its_heading_line_is_listed_with_its_title(kb731):
    a = kb731.ask("Công văn 731 kèm theo những biểu mẫu nào?")
    assert fold("Biểu số 01/TSDĐ: Thu tiền sử dụng đất 9 tháng năm 2026") in stated(a)
    assert fold("Biểu số 02/TTĐ: Thu tiền thuê đất 9 tháng năm 2026") in stated(a)


def test_an_appendix_lists_its_own_forms(kb731):
    a = kb731.ask("Phụ lục I của công văn 731 gồm những biểu nào?")
    assert fold("Biểu số 01/TSDĐ") in stated(a) and fold("Biểu số 02/TTĐ") in stated(a)


def test_a_late_report_has_the_report_s_consequence(kb731):
    a = kb731.ask("xã không gửi báo cáo thu tiền sử dụng đất đúng hạn thì sao (cv 731)?")
    assert fold("nêu tên tại cuộc họp giao ban") in stated(a)


def test_late_work_has_its_own_consequence(kb731):
    a = kb731.ask("dự án giao đất chậm tiến độ quá 12 tháng mà không xin gia hạn thì bị xử lý thế nào theo cv 731?")
    assert fold("thu hồi đất") in stated(a)


@pytest.mark.parametrize("question", ["nếu gửi danh sách sau thời hạn thì sao", "xã nộp bc trễ thì Phòng làm gì",
                                      "không gửi báo cáo thì huyện làm gì"])
def test_late_and_what_follows_in_more_words(question):
    assert asks_consequence(question)


def test_initials_stand_for_a_phrase_the_dispatches_write():
    texts = ["Báo cáo thu tiền sử dụng đất quý III.", "Tiền sử dụng đất còn nợ đọng.",
             "Dự toán chi thường xuyên năm 2026.", "Đầu tư công năm 2026.", "Dự toán chi đầu tư phát triển.",
             "Giải ngân vốn đầu tư công.",
             "Kho bạc Nhà nước khu vực.", "Biên bản của Kho bạc Nhà nước."]
    speller = SyllableSpeller(texts)
    assert speller.acronym("tsdđ") == "tiền sử dụng đất" and speller.acronym("kbnn") == "kho bạc nhà nước"
    assert speller.acronym("dtc") is None  # "dự toán chi" and "đầu tư công": not one more than the other
    assert speller.acronym("ktx") is None  # the initials of nothing written


def test_an_acronym_is_read_in_a_question_but_not_in_a_code(kb731):
    query = kb731.understand("cv 731 cot 4 chi ghi so da nop kbnn a")
    assert "kho bạc nhà nước" in query.text.lower()
    assert "TSDĐ" in kb731.understand("Biểu số 01/TSDĐ gồm những cột nào").text


def test_a_column_question_is_not_a_general_how_to(kb731):
    from knowledge.signals import general_ask

    assert not general_ask(kb731.understand("Đề nghị hướng dẫn cách tính cột Số nợ đọng trong Biểu số 01/TSDĐ"))
    assert general_ask(kb731.understand("cách tính thuế sử dụng đất phi nông nghiệp"))


def test_a_penalty_decision_is_not_another_document(kb731):
    from knowledge.cited_answers import about_other_document

    assert not about_other_document(kb731.understand("tỷ lệ quyết định xử phạt đã cập nhật là bao nhiêu"))
    assert about_other_document(kb731.understand("Quyết định 338/QĐ-TTg có hiệu lực khi nào"))
    assert about_other_document(kb731.understand("Luật Đất đai quy định gì về tiền sử dụng đất"))


def test_an_issue_date_is_no_date_the_dispatch_sets():
    from knowledge.dates import has_date

    assert not has_date("Ngày 30/12/2014, Bộ trưởng Bộ Tài chính đã ban hành Thông tư số 25/2014/TT-BTC quy định …")
    assert not has_date("Thông tư này được ban hành ngày 22/4/2015.")
    assert has_date("Gửi dự thảo về Bộ trước ngày 30/10/2018 để Bộ cho ý kiến trước khi ban hành.")


def test_a_channel_is_not_an_addressee(kb731):
    a = kb731.ask("cv 731 bc gửi trước ngày nào, có gửi qua zalo được không")
    assert "20/10/2026" in a.text and "Kính gửi" not in a.text and "gửi: Ủy ban nhân dân các xã" not in a.text
