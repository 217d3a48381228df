"""The answer-shape check (knowledge.answer_shape): what a question asks for (an amount, a date) and
whether a reply has it. Sentences written for this test, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from knowledge.answer_shape import expected, has_amount, has_date, missing, where
from knowledge.choice import answer_fit


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


# Session 25: the evidence choice weighs whether a passage has what the question asks for (knowledge.choice).
@pytest.mark.parametrize("question, answering, not_answering", [
    ("Mục tiêu giảm số vụ cháy năm 2026 là bao nhiêu phần trăm?",
     "Phấn đấu giảm từ 10% đến 15% số vụ cháy so với năm 2025.",
     "Các xã tăng cường tuyên truyền phòng cháy trong mùa khô."),
    ("xa nop bc cham thi bi xu ly ntn",
     "Xã gửi báo cáo chậm sẽ bị nêu tên tại hội nghị giao ban và trừ điểm thi đua.",
     "Báo cáo gửi về Phòng Nội vụ bằng văn bản giấy và bản điện tử."),
    ("What happens to units that submit the list late?",
     "Đơn vị gửi danh sách quá thời hạn thì không được xét khen thưởng năm 2026.",
     "Danh sách lập theo Mẫu số 02 kèm theo Công văn này."),
    ("Số liệu báo cáo tính từ ngày nào đến ngày nào?",
     "Số liệu tính từ ngày 01/10/2025 đến hết ngày 30/9/2026.",
     "Báo cáo gửi trước ngày 10/10/2026."),
])
def test_a_passage_fits_when_it_has_what_the_question_asks_for(question, answering, not_answering):
    fits = answer_fit(question)
    assert fits is not None and fits(answering)
    assert not fits(not_answering)


def test_a_question_asking_no_shape_or_outcome_fits_nothing():
    assert answer_fit("Công văn này gửi những đơn vị nào?") is None
    assert answer_fit("Báo cáo chậm tiến độ giải ngân do nguyên nhân gì?") is None  # late, but no outcome asked


def test_the_choice_features_flag_the_fit_and_the_opening_part():
    from knowledge import choice
    from knowledge.chunking import OPENING, Chunk
    from knowledge.query import Query
    from knowledge.ranking import StoredChunk
    from knowledge.sentence_pick import Pick

    def candidate(citation: str, sentence: str) -> tuple[StoredChunk, Pick]:
        chunk = Chunk("12/UBND-VP", f"12/UBND-VP › {citation}", citation, sentence, [], False, "", "")
        return StoredChunk("c", "12/UBND-VP", chunk, None, False, False, False, frozenset()), Pick([sentence], 0.5,
                                                                                                   top=sentence)

    asked = "xa nop bc cham thi bi xu ly ntn"
    query = Query(original=asked, text=asked, lexical=asked, dense=asked)
    late = candidate("3. Tổ chức thực hiện", "Xã gửi báo cáo chậm sẽ bị nêu tên tại hội nghị giao ban.")
    opening = candidate(OPENING, "Năm 2025, toàn huyện có 12 xã gửi báo cáo.")
    f_late = choice.features(*late, 0.5, 1.0, 1.0, query)
    f_opening = choice.features(*opening, 0.5, 1.0, 1.0, query)
    assert (f_late["shape"], f_late["opening"]) == (1.0, 0.0)
    assert (f_opening["shape"], f_opening["opening"]) == (0.0, 1.0)
