"""How a question's cues are read: shorthand with several readings, a penalty asked with "thì bị", a part of the letter
told from its twin by "chưa", a procedure word in a question that names its dispatch, a line ending on "của", a form's
outline not found in a wrapped sentence. Sentences written for these tests, not taken from the benchmark sets."""

from __future__ import annotations

from knowledge import uncued_answers
from knowledge.blocks import to_blocks
from knowledge.evidence import Terms
from knowledge.outline_answers import addressee_answer, outline_answer
from knowledge.query import Query, understand
from knowledge.signals import general_ask

KNOWN = {"3184": "3184/SNV-CCHC", "77": "77/UBND-VP"}


def test_an_ambiguous_shorthand_is_read_each_way_for_a_cue_written_out():
    # "dv" is "dịch vụ" or "đơn vị": read as "đơn vị", "gửi những đơn vị nào" asks whom it is sent to.
    assert "recipients" in understand("cv 3184 gui nhung dv nao", KNOWN).intents
    # "tt" read as "thông tư" would make "thông tư … nào" only with words between: no cited-document question.
    assert "cited" not in understand("ds chung thu so gui so tt&tt truoc ngay nao", KNOWN).intents
    # The cue must hold more than the reading: "dt" read "điện thoại" alone asks for no phone number.
    assert "contact" not in understand("bc so suc khoe dt thang 11 han bn", KNOWN).intents


def test_whom_a_dispatch_is_addressed_to_in_english_and_road_shorthand():
    assert "recipients" in understand("To whom is dispatch 77 addressed?", KNOWN).intents
    assert "recipients" in understand("Who are the addressees of the Gia Lai home affairs dispatch?", KNOWN).intents
    # "gt" is "giao thông" (or "giới thiệu", "giá trị"): each reading reaches the lexical query.
    question = understand("bc an toan gt quy 4 gui ai", KNOWN)
    assert "giao thông" in question.lexical and "giới thiệu" in question.lexical


def test_a_penalty_asked_with_thi_bi_is_a_question_on_what_follows_a_late_report():
    assert uncued_answers.asks_consequence("dv nop bc tre han thi bi tru bn diem")
    assert uncued_answers.asks_consequence("nộp chậm thì sẽ bị nêu tên à")
    assert not uncued_answers.asks_consequence("tre em bi benh thi bao cao ai")  # "trẻ em", nothing late


LETTER = """UBND TỈNH SƠN LA
Số: 77/UBND-VP
V/v triển khai phần mềm quản lý văn bản

Kính gửi: Các sở, ban, ngành; UBND các xã, phường.

1. Đối với các cơ quan, đơn vị chưa triển khai phần mềm quản lý văn bản:
a) Lập kế hoạch triển khai trước ngày 15/01/2027.
b) Cử cán bộ tham gia tập huấn.
2. Đối với các cơ quan, đơn vị đã triển khai phần mềm quản lý văn bản:
a) Kết nối liên thông với Trục liên thông văn bản quốc gia.
b) Báo cáo số văn bản điện tử gửi, nhận trong năm.

Nơi nhận:
- Như trên;
- Lưu: VT.
"""
TERMS = Terms({"co": 1.0, "quan": 1.0, "trien": 1.0, "khai": 1.0, "phan": 1.0, "mem": 1.0}, {})


def test_of_two_parts_alike_the_one_that_says_chua_as_the_question_does_answers():
    done = addressee_answer(LETTER, TERMS, "cơ quan đã triển khai phần mềm rồi thì phải làm gì")
    assert done and "Kết nối liên thông" in done.reply and "Lập kế hoạch" not in done.reply
    not_yet = addressee_answer(LETTER, TERMS, "co quan chua trien khai phan mem thi lam gi")
    assert not_yet and "Lập kế hoạch" in not_yet.reply
    # Both parts say it or neither does: no part is singled out.
    twin = LETTER.replace("đã triển khai", "chưa triển khai")
    assert addressee_answer(twin, TERMS, "cơ quan chưa triển khai phần mềm phải làm gì") is None


def test_a_procedure_word_in_a_question_naming_its_dispatch_asks_what_the_dispatch_sets():
    def query(text: str, numbers: list[str]) -> Query:
        return Query(original=text, text=text, lexical=text, dense=text, dispatch_numbers=numbers)

    asked = "Quy trình rà soát tại công văn 77 gồm những bước nào?"
    assert not general_ask(query(asked, ["77/UBND-VP"]))
    assert general_ask(query("Quy trình đăng ký hộ kinh doanh gồm những bước nào?", []))


def test_a_line_ending_on_cua_goes_on_with_the_next_line_whatever_its_case():
    text = ("Căn cứ Quyết định số 1128/QĐ-BNV ngày 18/9/2026 của Bộ Nội vụ; Kế hoạch số 45/KH-UBND ngày 22/01/2026 của\n"
            "UBND tỉnh về cải cách hành chính năm 2026, Sở Nội vụ đề nghị các cơ quan thực hiện như sau:\n")
    blocks = [b.text for b in to_blocks(text)]
    assert any("ngày 22/01/2026 của UBND tỉnh về cải cách" in b for b in blocks)


def test_a_question_naming_its_dispatch_by_number_and_issuer_and_asking_what_it_requests_gets_its_requests(
        built_index_dir, tmp_path_factory):
    from tests.knowledge_fixtures import base_with

    kb = base_with(built_index_dir, tmp_path_factory.mktemp("cues"), "cv-77-UBND-VP-2026.txt", LETTER)
    # "UBND tỉnh Sơn La" only names the dispatch: the question asks nothing beyond what it requests.
    a = kb.ask("Công văn 77 của UBND tỉnh Sơn La đề nghị các sở làm những việc gì?")
    assert a.confident and a.kind == "summary"
    assert "Lập kế hoạch triển khai" in a.text or "Đối với các cơ quan, đơn vị chưa triển khai" in a.text


# A text PDF's layout (lines wrapped at the page width): "… số liệu tổng hợp theo" / "Biểu số 01/CCHC." wraps a
# sentence, and the form itself is a table at the end, with no numbered outline.
REFORM = """UBND TỈNH KON TUM                          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ NỘI VỤ                                        Độc lập - Tự do - Hạnh phúc
Số: 512/SNV-CCHC                              Kon Tum, ngày 25 tháng 11 năm 2026
V/v báo cáo công tác cải cách hành chính năm 2026
Kính gửi: Các sở, ban, ngành tỉnh; Ủy ban nhân dân các xã, phường.
Thực hiện Kế hoạch cải cách hành chính năm 2026 của Ủy ban nhân dân tỉnh, Sở Nội
vụ đề nghị các cơ quan, đơn vị báo cáo kết quả thực hiện như sau:
I. BÁO CÁO CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2026
1. Cải cách thể chế: số văn bản quy phạm pháp luật được ban hành, sửa đổi trong
năm; kết quả rà soát văn bản hết hiệu lực sau khi sắp xếp đơn vị hành chính.
2. Cải cách tài chính công: tỷ lệ giải ngân vốn đầu tư công so với kế hoạch vốn
được giao; kết quả thực hiện cơ chế tự chủ của đơn vị sự nghiệp công lập.
Cuối báo cáo nêu tồn tại, hạn chế và nhiệm vụ năm 2027; số liệu tổng hợp theo
Biểu số 01/CCHC.
II. TỰ CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2026
1. Các cơ quan tự chấm điểm theo Bộ tiêu chí của tỉnh, mỗi tiêu chí tự chấm phải
có tài liệu kiểm chứng đính kèm trên phần mềm chấm điểm của tỉnh đúng thời hạn.
2. Cơ quan có tổng điểm tự chấm dưới 80 điểm phải có văn bản giải trình nguyên
nhân của từng tiêu chí không đạt và giải pháp khắc phục trong năm tiếp theo.
III. TỔ CHỨC THỰC HIỆN
Báo cáo gửi về Sở Nội vụ (qua Phòng Cải cách hành chính) trước ngày 15/12/2026,
đồng thời gửi bản điện tử qua hệ thống quản lý văn bản và điều hành của tỉnh.
Nơi nhận:
- Như trên;
- Lưu: VT, CCHC.
Biểu số 01/CCHC
KẾT QUẢ MỘT SỐ CHỈ TIÊU CẢI CÁCH HÀNH CHÍNH NĂM 2026
STT\tNội dung\tĐơn vị tính\tKết quả thực hiện
1\tSố văn bản quy phạm pháp luật được ban hành\tVăn bản\t
"""


def test_a_wrapped_line_opening_with_a_forms_name_is_no_forms_heading_with_the_letters_parts_as_its_outline():
    question = understand("bc cchc 2026 phan cai cach the che can neu nhung gi", {"512": "512/SNV-CCHC"})
    terms = Terms({"cai": 1.0, "cach": 1.0, "hanh": 1.0, "chinh": 1.0, "the": 1.0, "che": 1.0}, {})
    found = outline_answer(REFORM, "II. TỰ CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2026", terms, question)
    assert found is None or "TỰ CHẤM ĐIỂM" not in found.reply  # part II is no part of "Biểu số 01/CCHC"
