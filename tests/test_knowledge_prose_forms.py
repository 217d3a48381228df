"""A form written in text lines ("Biểu gồm các cột: …") answers "gồm những cột nào" with its columns although a line
under it names another form; a contact item a PDF wrapped inside the person's name answers with the whole name; a
question on the law a dispatch is based on ("căn cứ Nghị định …") and an English one on its attached form are read
as such; a deadline asked of "the dispatch carrying out Nghị định …" is the dispatch's. Their own dispatch and
questions, in no benchmark set."""

from __future__ import annotations

import pytest

from knowledge.query import understand
from tests.knowledge_fixtures import base_with

LETTER = """ỦY BAN NHÂN DÂN                       CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
XÃ MƯỜNG LẠN                          Độc lập - Tự do - Hạnh phúc
Số: 412/UBND-KT                       Mường Lạn, ngày 16 tháng 11 năm 2026
V/v báo cáo kết quả thực hiện các công trình hạ tầng nông thôn năm 2026

Kính gửi: Các thôn, bản trên địa bàn xã.

Căn cứ Nghị định số 27/2022/NĐ-CP ngày 19/4/2022 của Chính phủ quy định cơ chế quản lý, tổ chức thực hiện các
chương trình mục tiêu quốc gia;
Ủy ban nhân dân xã đề nghị các thôn, bản báo cáo như sau:
1. Kết quả thực hiện các công trình năm 2026 theo Biểu số 01/KT; dự kiến danh mục công trình năm 2027 theo Biểu
số 02/KT.
2. Báo cáo gửi về Ủy ban nhân dân xã (qua công chức Kinh tế) trước ngày 05/12/2026.
3. Đầu mối liên hệ
a) Về Biểu số 01/KT và số liệu vốn của các công trình: bà Lò Thị
Xuân, công chức Kinh tế, điện thoại 0212.3852.447.
b) Về nhập số liệu trên phần mềm: ông Cầm Văn Dũng, di động 0912.604.338.

Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Quàng Văn Thiết

Biểu số 02/KT
DANH MỤC CÔNG TRÌNH DỰ KIẾN THỰC HIỆN NĂM 2027
Biểu gồm các cột: STT; Tên công trình; Địa điểm xây dựng; Tổng mức đầu tư (triệu đồng);
Nguồn vốn; Thời gian khởi công dự kiến; Ghi chú.
Các dòng ghi theo hai nhóm như Biểu số 01/KT; dòng cuối là Tổng cộng.
"""


@pytest.fixture(scope="module")
def kb412(built_index_dir, tmp_path_factory):
    return base_with(built_index_dir, tmp_path_factory.mktemp("prose"), "cv-412-UBND-KT.txt", LETTER)


def test_a_prose_forms_columns_answer_which_columns_it_has(kb412):
    a = kb412.ask("Biểu số 02/KT có những cột gì?")
    assert a.confident and a.dispatch == "412/UBND-KT"
    assert "Tổng mức đầu tư" in a.reply and "Thời gian khởi công" in a.reply


def test_a_contact_wrapped_inside_the_name_is_given_whole(kb412):
    a = kb412.ask("Số liệu vốn các công trình hạ tầng nông thôn của xã Mường Lạn thì hỏi ai?")
    assert a.confident and "bà Lò Thị Xuân, công chức Kinh tế" in a.reply


def test_the_law_a_dispatch_is_based_on_is_read_as_a_cited_document_question():
    known = {"412": "412/UBND-KT"}
    assert "cited" in understand("Công văn 412 căn cứ Nghị định số mấy, ngày nào?", known).intents
    assert "attachments" in understand("Which form does the commune attach for the 2027 works list?", known).intents


def test_a_deadline_asked_of_the_dispatch_a_cited_decree_describes_is_the_dispatchs(kb412):
    a = kb412.ask("Công văn triển khai Nghị định 27/2022 yêu cầu các thôn báo cáo trước ngày nào?")
    assert a.confident and "05/12/2026" in a.reply
