"""Session 27, what follows a lead-in and what stands after the last form:
- the opening's lead-in ("…, Phòng … đề nghị các hợp tác xã … thực hiện các nội dung sau:") chosen as evidence answers
  with the items it introduces, which stand in the numbered parts after it; a numbered item's own lead-in, with its
  dashes or lettered points;
- an e-mail address a wrapped line carried after "e-mail:" or "thư điện tử:" stays in its sentence;
- appendices listed after the last form ("Tài liệu gửi kèm:" / "- Phụ lục 1: …") are attached forms;
- "hạn hán", "chống hạn" (drought) are no deadline cue;
- the date a dispatch was issued, asked "ban hành vào ngày, tháng, năm nào", "ra ngày nào", "what date was … issued".

Every dispatch and question here is written for the test (none is in a benchmark set).
"""

from __future__ import annotations

import pytest

from knowledge.blocks import to_blocks
from knowledge.query import understand
from knowledge.summary import items_following
from tests.knowledge_fixtures import base_with

DROUGHT = """UBND HUYỆN CAN LỘC                                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHÒNG NÔNG NGHIỆP VÀ MÔI TRƯỜNG                        Độc lập - Tự do - Hạnh phúc
Số: 418/PNNMT-TL                                   Can Lộc, ngày 14 tháng 5 năm 2026
V/v báo cáo tình hình hạn hán, thiếu nước sản xuất vụ Hè Thu năm 2026

Kính gửi:
- Ủy ban nhân dân các xã, thị trấn;
- Các hợp tác xã dịch vụ nông nghiệp.

Thực hiện Kế hoạch số 77/KH-UBND ngày 02/5/2026 của Ủy ban nhân dân huyện về phòng, chống hạn hán, xâm nhập mặn vụ Hè Thu năm 2026, Phòng Nông nghiệp và Môi trường đề nghị các hợp tác xã dịch vụ nông nghiệp thực hiện các nội dung sau:

1. Kiểm tra toàn bộ trạm bơm điện, kênh mương nội đồng; nạo vét các đoạn kênh bị bồi lắng trước ngày 30/5/2026.
2. Bố trí lịch bơm nước luân phiên theo từng vùng, ưu tiên diện tích lúa đang làm đòng.
3. Thống kê diện tích lúa, rau màu bị thiếu nước theo Biểu số 01/HH kèm theo Công văn này.

4. Chế độ báo cáo
Các đơn vị gửi báo cáo trước 16 giờ 00 thứ Sáu hằng tuần, bản mềm gửi qua thư điện tử:
thuyloi.canloc@hatinh.gov.vn.
Đầu mối liên hệ: ông Phan Đình Quý, chuyên viên Phòng Nông nghiệp và Môi trường, điện thoại 0239.3840.512, e-mail:
quypd.canloc@hatinh.gov.vn.

Nơi nhận:
- Như trên;
- UBND huyện (để b/c);
- Lưu: VT, TL.
TRƯỞNG PHÒNG
Nguyễn Thị Hải Yến

Biểu số 01/HH
DIỆN TÍCH CÂY TRỒNG BỊ THIẾU NƯỚC VỤ HÈ THU NĂM 2026
(Kèm theo Công văn số 418/PNNMT-TL ngày 14/5/2026)
STT | Xã, thị trấn | Lúa thiếu nước (ha) | Lúa mất trắng (ha) | Rau màu thiếu nước (ha) | Ghi chú
1 | | | | |

Tài liệu gửi kèm:
- Phụ lục 1: Danh sách trạm bơm điện do hợp tác xã quản lý;
- Phụ lục 2: Lịch bơm nước luân phiên dự kiến.
"""

LEAD_IN = "Phòng Nông nghiệp và Môi trường đề nghị các hợp tác xã dịch vụ nông nghiệp thực hiện các nội dung sau:"


@pytest.fixture(scope="module")
def kb418(built_index_dir, tmp_path_factory):
    return base_with(built_index_dir, tmp_path_factory.mktemp("lead-ins"), "cv-418-PNNMT-2026.txt", DROUGHT)


def test_the_items_after_a_lead_in_are_found_in_the_parts_after_it():
    items = [i.text for i in items_following(DROUGHT, LEAD_IN)]
    assert items[0].startswith("1. Kiểm tra toàn bộ trạm bơm điện") and items[2].startswith("3. Thống kê diện tích")
    assert items_following(DROUGHT, "một câu không có trong công văn:") == []


def test_a_numbered_item_ending_in_a_colon_introduces_its_own_points():
    text = ("Bộ đề nghị:\n\n1. Đối với các tỉnh đã ban hành Kiến trúc:\n- Công bố, phổ biến Kiến trúc.\n"
            "- Cập nhật Kiến trúc khi có thay đổi.\n2. Đối với các tỉnh chưa ban hành Kiến trúc:\n- Khẩn trương xây dựng.")
    assert [i.text for i in items_following(text, "1. Đối với các tỉnh đã ban hành Kiến trúc:")] == [
        "Công bố, phổ biến Kiến trúc.", "Cập nhật Kiến trúc khi có thay đổi."]


def test_an_address_wrapped_after_a_colon_stays_in_its_sentence():
    joined = " ".join(b.text for b in to_blocks(DROUGHT))
    assert "e-mail: quypd.canloc@hatinh.gov.vn." in joined.replace("\n", " ")
    assert "thư điện tử: thuyloi.canloc@hatinh.gov.vn." in joined.replace("\n", " ")


@pytest.mark.parametrize("question", [
    "Phòng Nông nghiệp và Môi trường huyện Can Lộc đề nghị các hợp tác xã dịch vụ nông nghiệp thực hiện những nội dung gì?",
    "What does the Can Loc agriculture office ask agricultural cooperatives to do this summer-autumn crop?",
])
def test_a_lead_in_answers_with_the_items_it_introduces(kb418, question):
    a = kb418.ask(question)
    assert a.confident and "Kiểm tra toàn bộ trạm bơm điện" in a.reply and "Bố trí lịch bơm nước" in a.reply


def test_the_contact_reply_holds_the_wrapped_e_mail(kb418):
    a = kb418.ask("hỏi ai về báo cáo thiếu nước vụ hè thu can lộc, email gì")
    assert a.confident and "Phan Đình Quý" in a.reply and "quypd.canloc@hatinh.gov.vn" in a.reply


def test_appendices_listed_after_the_last_form_are_attached(kb418):
    a = kb418.ask("cv 418/PNNMT-TL kèm theo những phụ lục, biểu mẫu nào")
    assert a.confident and a.kind == "attachments"
    assert all(name in a.reply for name in ("Biểu số 01/HH", "Phụ lục 1: Danh sách trạm bơm điện", "Phụ lục 2"))


def test_drought_is_no_deadline_cue():
    assert "deadline" not in understand("Theo kế hoạch phòng, chống hạn hán vụ Hè Thu, hợp tác xã phải làm gì", {}).intents
    assert "deadline" not in understand("tinh hinh kho han o cac xa ra sao", {}).intents
    assert "deadline" in understand("hạn nộp báo cáo hạn hán là ngày nào", {}).intents


@pytest.mark.parametrize("question", ["Công văn 418/PNNMT-TL về hạn hán được ban hành vào ngày, tháng, năm nào?",
                                      "cv 418/PNNMT-TL ra ngày nào"])
def test_the_issue_date_is_asked_in_several_phrasings(kb418, question):
    a = kb418.ask(question)
    assert a.confident and a.kind == "date" and "14/5/2026" in a.reply


def test_an_english_question_on_the_issue_date_is_a_date_question():
    assert "date" in understand("What date was dispatch 418/PNNMT-TL issued?", {}).intents
    assert "date" not in understand("What does dispatch 418/PNNMT-TL ask cooperatives to do?", {}).intents
