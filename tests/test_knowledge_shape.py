"""The answer-shape check (knowledge.answer_shape): what a question asks for (an amount, a date) and
whether a reply has it. Sentences written for this test, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from knowledge.answer_shape import expected, has_amount, has_date, missing, where


@pytest.mark.parametrize("question, shapes", [
    ("Mức phụ cấp trách nhiệm của kế toán trưởng là bao nhiêu?", {"quantity", "money"}),  # session 16: a sum
    ("muc ho tro hoc nghe cho lao dong nong thon bn tien", {"quantity", "money"}),
    ("Mỗi xã phải bố trí tối thiểu mấy cán bộ đầu mối?", {"quantity"}),
    ("What percentage of records must be digitised?", {"quantity"}),
    ("tỉ lệ hồ sơ trực tuyến toàn trình phải đạt", {"quantity"}),
    ("han gui bc tong ket nam la ngay nao", {"date"}),
    ("Khi nào Sở Xây dựng tổng hợp báo cáo?", {"date"}),
    ("When is the half-year report due?", {"date"}),
    # The number of a document, a phone number or an hour are not amounts.
    ("Luật Đất đai số mấy năm 2024 được căn cứ?", set()),
    ("can hoi ky thuat thi goi sdt bn", {"phone"}),  # session 10: a phone number is a shape
    ("bc gui ve dia chi email nao", {"email"}),
    ("Tháng nào số liệu như tháng trước thì e-mail báo lại nội dung gì?", set()),  # "e-mail" the verb
    ("các trường báo cáo qua điện thoại khi nào", {"date"}),  # "qua điện thoại": by phone
    ("phòng tài chính nhận bc trước mấy giờ", {"hour"}),
    ("Thời hạn thẩm định hồ sơ là bao nhiêu ngày?", {"quantity"}),
    ("nghỉ phép năm được mấy ngày", {"quantity"}),
    ("bc nộp trước mấy giờ ngày nào", {"date", "hour"}),
    ("Tháng nào không phát sinh hồ sơ thì báo cáo ghi thế nào?", set()),
    ("Công văn này do ai ký?", set()),
    # Session 18: a mobile number, a contact number ("số di động … là bao nhiêu" is a phone, not an amount).
    ("so di dong can bo phu trach bao cao la bao nhieu", {"phone", "quantity"}),
    ("Số liên hệ của phòng tổ chức cán bộ?", {"phone"}),
    ("What is the cell phone of the officer in charge?", {"phone"}),
    ("Mỗi xã được cấp bao nhiêu số máy tính bảng?", {"quantity"}),  # "số máy tính": a count, no phone
])
def test_the_shape_a_question_asks_for(question, shapes):
    assert expected(question) == frozenset(shapes)


@pytest.mark.parametrize("reply, amount", [
    ("Các xã bảo đảm ít nhất 80% hồ sơ được tiếp nhận trực tuyến.", True),
    ("Mỗi phòng cử tối thiểu 02 công chức tham gia tổ công tác.", True),
    ("Mức hỗ trợ là ba triệu đồng một người.", True),
    ("Báo cáo theo Mẫu số 03 kèm theo Công văn số 45/SXD-QLN ngày 12/5/2025.", False),
    ("Liên hệ bà Trần Thu Hà, điện thoại 0255.3822.111.", False),
    ("Thực hiện Nghị định số 100/2024/NĐ-CP của Chính phủ về nhà ở xã hội năm 2025.", False),
    ("3. Các đơn vị rà soát danh mục dự án (cột (4) và (5) của Biểu số 01).", False),
])
def test_an_amount_is_not_a_date_a_label_or_a_document_number(reply, amount):
    assert has_amount(reply) is amount


def test_a_date_or_a_period_answers_when():
    assert has_date("Gửi về Sở trước ngày 20/6/2025.")
    assert has_date("Báo cáo định kỳ vào ngày 15 hằng tháng.")
    assert not has_date("Thực hiện Kế hoạch số 95/KH-UBND ngày 20/02/2024, Sở đề nghị báo cáo hằng quý như sau:")
    assert not has_date("Báo cáo gửi về Văn phòng Ủy ban nhân dân huyện qua hệ thống quản lý văn bản.")


def test_an_hour_answers_what_time():
    assert not missing("Bộ phận một cửa làm việc đến mấy giờ?", "Bộ phận một cửa tiếp nhận hồ sơ đến 17 giờ các ngày làm việc.")
    assert missing("Bộ phận một cửa làm việc đến mấy giờ?", "Bộ phận một cửa đặt tại trụ sở Ủy ban nhân dân xã.")


def test_a_reply_lacking_the_asked_shape_is_flagged():
    assert missing("Định mức công tác phí là bao nhiêu?", "Thủ trưởng các đơn vị chịu trách nhiệm về số liệu báo cáo.")
    assert not missing("Định mức công tác phí là bao nhiêu?", "Mức khoán công tác phí là 500.000 đồng/tháng.")
    assert missing("Báo cáo quý gửi khi nào?", "Báo cáo gửi về Phòng Nội vụ bằng văn bản giấy và bản điện tử.")
    assert not missing("Ai là đầu mối?", "Ông Nguyễn Văn An, chuyên viên Phòng Kế hoạch.")


def test_how_long_and_what_level_ask_for_an_amount():
    assert expected("hồ sơ phải giải quyết trong bao lâu") == frozenset({"quantity"})
    assert expected("What minimum wage level applies in region I?") == frozenset({"quantity"})
    assert expected("what are the rates of the fee") == frozenset({"quantity"})


def test_a_ratio_named_is_not_an_amount():
    # A form's column "Tỉ lệ hoàn thành (%)" names a ratio; "tỉ" alone (a thousand million) is an amount.
    assert not has_amount("Các cột: TT; Tên đơn vị; Tỉ lệ hoàn thành (%); Ghi chú.")
    assert has_amount("Tổng kinh phí là hai tỉ đồng.")


def test_a_long_reply_is_cut_where_the_asked_value_is():
    sentence = ("Ngày 03/01/2025, Chủ tịch Ủy ban nhân dân tỉnh đã chỉ đạo các sở, ngành rà soát thủ tục hành chính, "
                "trong đó yêu cầu hoàn thành việc số hóa hồ sơ trước tháng 10/2025")
    assert where("phải hoàn thành số hóa trước tháng mấy", sentence) == "tháng 10/2025"
    assert where("tỉ lệ phải đạt bao nhiêu", "tỷ lệ hồ sơ trực tuyến năm 2025 đạt ít nhất 80%") == "80%"
    assert where("ai là đầu mối", sentence) == ""


def test_a_mobile_number_answers_a_question_on_a_mobile_number():
    reply = "Liên hệ: ông Lò Văn Tâm, Phòng Tổng hợp, di động 0912.406.338."
    assert not missing("sdt di dong cua ong Tam la bao nhieu", reply)
    assert missing("số di động của cán bộ đầu mối là bao nhiêu", "Liên hệ Phòng Tổng hợp của Sở.")
