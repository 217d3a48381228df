"""Session 13, shapes of new dispatches and questions: forms named by their code, a dispatch's own words between its
sentences, a signature block run into the "Nơi nhận" list, cues with words inside them.
- "Biểu 01/ĐTBD", "bieu 01 dtbd", "Biểu số 01/ĐTBD": a form's code (letters after "/", Đ and hyphens included)
  says which dispatch's "Biểu 01" is meant, however the question writes it;
- among a dispatch's own sentences, the words of its subject tell two deadlines or two consequences apart ("kết
  quả năm 2026" against "nhu cầu năm 2027"), and "gửi bản mềm về e-mail nào" is the address reports go to, not
  the contact person's own e-mail;
- a note under a form that a PDF's line break cut, and whose values follow a colon, still answers what goes in a
  column, asked with words between the cue's ("ghi cột nguồn kinh phí thế nào");
- an English place name written as one word ("Hanoi") is the place;
- a PDF's text layer puts the signature column on the lines of the "Nơi nhận" list with one space ("- Như trên;
  PHÓ GIÁM ĐỐC"): the signer is still read;
- "do lãnh đạo nào của Sở … ký?", "ai là đầu mối …": cue words apart in the question still say what is asked,
  while "báo cáo định kỳ", "đăng ký" say nothing of a signer.

Every dispatch and question here is written for the test (none is in a benchmark set).
"""

from __future__ import annotations

import pytest

from knowledge.form_names import template_heading
from knowledge.query import understand
from knowledge.signature import parse_signer
from tests.knowledge_fixtures import base_with
from vntext.names import places_in

TRAINING = """ỦY BAN NHÂN DÂN TỈNH BẮC KẠN
SỞ Y TẾ
Số: 733/SYT-TCCB
V/v báo cáo kết quả tập huấn chuyên môn cho nhân viên y tế xã năm 2026 và nhu cầu tập huấn năm 2027
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Bắc Kạn, ngày 09 tháng 10 năm 2026

Kính gửi: Trung tâm Y tế các huyện, thành phố.

Thực hiện Kế hoạch số 120/KH-UBND ngày 15/02/2026 của Ủy ban nhân dân tỉnh, Sở Y tế đề nghị các đơn vị báo cáo như sau:
1. Kết quả tập huấn năm 2026 tổng hợp theo Biểu số 01/KQTH kèm theo.
2. Nhu cầu tập huấn năm 2027 tổng hợp theo Biểu số 02/KQTH kèm theo.
3. Thời hạn gửi:
- Nhu cầu tập huấn năm 2027 (Biểu số 02/KQTH) gửi trước ngày 20/10/2026 để Sở Y tế tổng hợp.
- Báo cáo kết quả năm 2026 (văn bản và Biểu số 01/KQTH) gửi trước ngày 30/10/2026.
Bản mềm gửi về Sở Y tế qua địa chỉ thư điện tử tccb.syt@backan.gov.vn.
4. Mọi vướng mắc xin liên hệ bà Triệu Thị Hà, chuyên viên Phòng Tổ chức cán bộ, điện thoại 0209.3870.455, e-mail hatt.syt@backan.gov.vn.
5. Đơn vị không gửi nhu cầu năm 2027 sẽ không được bố trí lớp tập huấn trong năm 2027; đơn vị gửi báo cáo chậm bị nêu tên trong báo cáo gửi Ủy ban nhân dân tỉnh.

Phòng Tổ chức cán bộ đề nghị các đơn vị thực hiện nghiêm túc./.
Nơi nhận: KT. GIÁM ĐỐC
- Như trên; PHÓ GIÁM ĐỐC
- Giám đốc Sở (để b/c); (đã ký)
- Lưu: VT, TCCB.
- Website Sở; Hoàng Văn Thái

Biểu số 01/KQTH
KẾT QUẢ TẬP HUẤN CHUYÊN MÔN NĂM 2026
STT\tTên lớp tập huấn\tSố học viên\tSố ngày\tKinh phí (triệu đồng)\tNguồn kinh phí
1\t\t\t\t\t
Ghi chú: Cột Số học viên tính theo lượt người. Cột Nguồn kinh phí ghi rõ: NST (ngân sách tỉnh), ĐV (kinh phí của đơn vị),
XHH (xã hội hóa).

Biểu số 02/KQTH
NHU CẦU TẬP HUẤN NĂM 2027
STT\tNội dung cần tập huấn\tSố học viên dự kiến\tThời gian dự kiến
1\t\t\t
"""


@pytest.fixture(scope="module")
def kb733(built_index_dir, tmp_path_factory):
    return base_with(built_index_dir, tmp_path_factory.mktemp("codes"), "cv-733-SYT-TCCB.txt", TRAINING)


def test_a_forms_code_is_read_with_its_letters():
    assert template_heading("Biểu số 01/ĐTBD") == "Biểu 01/ĐTBD"
    assert template_heading("BIỂU 01/BHYT-HSSV") == "Biểu 01/BHYT-HSSV"
    assert template_heading("Biểu 04/BCKH") == "Biểu 04/BCKH"


@pytest.mark.parametrize("question", [
    "bieu 01 kqth gom nhung cot nao",
    "Biểu số 01/KQTH có những cột gì?",
])
def test_a_form_named_by_its_code_is_that_dispatchs_form(kb733, question):
    a = kb733.ask(question)
    assert a.confident and a.dispatch == "733/SYT-TCCB"
    assert "Số học viên" in a.reply and "Có " not in a.reply.split("\n", 1)[0]  # no note on other dispatches


def test_the_seed_form_named_by_its_code_stays_the_seeds(kb733):
    a = kb733.ask("Biểu 01/BCKH gồm những cột nào?")
    assert a.confident and a.dispatch == "232/BTTTT-KHTC"


def test_a_signature_run_into_the_list_of_recipients_is_read(kb733):
    assert parse_signer(TRAINING) == ("Hoàng Văn Thái", "KT. Giám đốc, Phó Giám đốc")
    a = kb733.ask("Công văn 733 về tập huấn do lãnh đạo nào của Sở Y tế ký?")
    assert a.confident and a.kind == "signer" and "Hoàng Văn Thái" in a.reply


@pytest.mark.parametrize("question, intent", [
    ("Công văn 733 do lãnh đạo nào của Sở Y tế ký?", "signer"),
    ("Ai ở Sở Y tế là đầu mối về báo cáo tập huấn?", "contact"),
])
def test_cue_words_apart_still_say_what_is_asked(question, intent):
    assert intent in understand(question, {}).intents


@pytest.mark.parametrize("question", [
    "Đơn vị nào phải báo cáo định kỳ?",
    "Những hồ sơ nào phải đăng ký?",
    "Cơ quan nào dùng chữ ký số?",
])
def test_other_words_ending_in_ky_ask_for_no_signer(question):
    assert "signer" not in understand(question, {}).intents


@pytest.mark.parametrize("question, date", [
    # "kqth" is in both dated sentences (the forms' code), the subject's "kết quả … 2026" in one of them.
    ("han nop bc ket qua kqth 2026 cv 733 khi nao", "30/10/2026"),
    ("cv 733 nhu cau tap huan 2027 gui truoc ngay nao", "20/10/2026"),
])
def test_the_subjects_words_tell_the_dispatchs_deadlines_apart(kb733, question, date):
    a = kb733.ask(question)
    assert a.confident and a.kind == "deadline" and date in a.reply


def test_the_subjects_words_tell_the_dispatchs_consequences_apart(kb733):
    a = kb733.ask("cv 733 dv k gui nhu cau tap huan 2027 thi sao")
    assert a.confident and "không được bố trí lớp tập huấn" in a.reply


@pytest.mark.parametrize("question", [
    "Which e-mail address should the soft copy be sent to under dispatch 733?",
    "cv 733 bản mềm gửi về email nào?",
])
def test_the_address_reports_go_to_is_not_the_contacts_own(kb733, question):
    a = kb733.ask(question)
    assert a.confident and "tccb.syt@backan.gov.vn" in a.reply


def test_a_place_written_as_one_english_word_is_still_that_place():
    assert places_in("When is the deadline of the Hanoi Department of Home Affairs?") == ["Hà Nội"]
    assert places_in("Danang city report") == ["Đà Nẵng"]


@pytest.mark.parametrize("question", [
    "biểu 01/KQTH ghi cột nguồn kinh phí thế nào",
    "Cột nguồn kinh phí trong Biểu số 01/KQTH ghi những giá trị nào?",
])
def test_the_note_under_a_form_says_what_goes_in_a_column(kb733, question):
    a = kb733.ask(question)
    assert a.confident and "XHH (xã hội hóa)" in a.reply

