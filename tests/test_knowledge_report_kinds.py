"""Session 15, a dispatch asking for a weekly and a monthly report, and what questions about it need:
- forms coded with a hyphen ("Biểu 01-DTL"), a weekly deadline ("trước 9 giờ 00 thứ Hai hằng tuần"), a period
  bounded by weekdays ("từ 0 giờ thứ Hai … đến 24 giờ Chủ nhật"), a contact's name wrapped over two lines, a form
  whose columns are listed in one prose line ("Biểu mẫu gồm các cột: STT; …; Ghi chú.");
- questions: the monthly report's deadline, not the weekly one's ("báo cáo tháng … chậm nhất ngày nào trong tháng"),
  the hour of the weekly one ("nộp trước mấy giờ"), "bao nhiêu giờ" as a duration (not "bao giờ", when), a column
  named and asked about (its note under the form, not the list of columns), the legal basis asked without a
  document's kind ("căn cứ pháp lý"), the e-mail that reports are sent to rather than the contact person's, the
  body's sentence on the attached forms;
- signals: an English phrase with two renderings weighs once; a reply listing the bodies a dispatch is sent to;
- (session 26) "kỳ số liệu" as a period cue, English "monthly"/"weekly", a dispatch named by describing it and asked
  what it requests (its requests), or asked whom to contact (not its requests).

Every dispatch and question here is written for the test (none is in a benchmark set).
"""

from __future__ import annotations

import pytest

from knowledge.answer_shape import expected
from knowledge.dates import has_date, sets_period
from knowledge.evidence import ALTERNATIVE_CREDIT, weighted_terms
from knowledge.form_names import template_heading
from knowledge.metadata import parse_contacts, parse_dispatch
from knowledge.query import understand
from knowledge.signals import roster_reply
from knowledge.text import split_sentences
from tests.knowledge_fixtures import base_with

SWINE_FEVER = """UBND TỈNH THANH HÓA                         CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG                      Độc lập - Tự do - Hạnh phúc
CHI CỤC CHĂN NUÔI VÀ THÚ Y
Số: 905/CCCNTY-DT                           Thanh Hóa, ngày 09 tháng 4 năm 2026
V/v báo cáo tình hình dịch tả lợn châu Phi năm 2026

Kính gửi:
- Ủy ban nhân dân các xã, phường trên địa bàn tỉnh;
- Trạm Chăn nuôi và Thú y các khu vực.

Căn cứ Luật Thú y số 79/2015/QH13 ngày 19/6/2015;
Căn cứ Thông tư số 04/2016/TT-BNNPTNT ngày 10/5/2016 của Bộ Nông nghiệp và Phát triển nông thôn quy định về phòng, chống dịch bệnh động vật thủy sản;
Chi cục Chăn nuôi và Thú y đề nghị các đơn vị báo cáo như sau:
1. Báo cáo tuần
a) Số liệu tính từ 0 giờ thứ Hai đến 24 giờ Chủ nhật của tuần báo cáo.
b) Thời hạn gửi: trước 9 giờ 00 thứ Hai hằng tuần.
2. Báo cáo tháng
a) Số liệu tính từ ngày 21 tháng trước đến hết ngày 20 tháng báo cáo.
b) Thời hạn gửi: trước ngày 25 hằng tháng.
3. Xử lý ổ dịch
Trạm Chăn nuôi và Thú y khu vực lấy mẫu, xét nghiệm và tiêu hủy lợn bệnh trong vòng 72 giờ kể từ khi phát hiện ổ dịch.
4. Hình thức gửi
Các đơn vị nhập số liệu trên phần mềm VAHIS, đồng thời gửi bản PDF có ký số qua thư điện tử về địa chỉ dichte.cccnty@thanhhoa.gov.vn.
Báo cáo theo Biểu 01-DTL và Biểu 02-TH kèm theo Công văn này.
Trong quá trình thực hiện, nếu có vướng mắc, đề nghị liên hệ bà Lê
Thị Hồng Vân, Phòng Dịch tễ, điện thoại 0237.3852.614, e-mail: vanlth.cccnty@thanhhoa.gov.vn./.

Nơi nhận:
- Như trên;
- Sở Nông nghiệp và Môi trường (để b/c);
- Viện Thú y Trung ương;
- Lưu: VT, DT.
KT. CHI CỤC TRƯỞNG
PHÓ CHI CỤC TRƯỞNG
Nguyễn Văn Khánh

Biểu 01-DTL
TÌNH HÌNH DỊCH TẢ LỢN CHÂU PHI
(Kèm theo Công văn số 905/CCCNTY-DT ngày 09/4/2026)
TT | Xã, phường | Số ổ dịch mới | Số ổ dịch cộng dồn | Số lợn tiêu hủy | Ghi chú
1  |            |               |                    |                 |
Ghi chú: Số ổ dịch cộng dồn tính từ ngày 01/01/2026; số lợn tiêu hủy tính cả lợn chết trước khi tiêu hủy.

Biểu 02-TH
TỔNG HỢP KẾT QUẢ TIÊM PHÒNG VẮC XIN
(Kèm theo Công văn số 905/CCCNTY-DT ngày 09/4/2026)
Biểu mẫu gồm các cột: STT; Xã, phường; Tổng đàn lợn; Số lợn đã tiêm vắc xin; Tỷ lệ tiêm phòng (%); Số liều vắc xin còn tồn; Ghi chú.
"""


@pytest.fixture(scope="module")
def kb905(built_index_dir, tmp_path_factory):
    return base_with(built_index_dir, tmp_path_factory.mktemp("report-kinds"), "cv-905-CCCNTY-2026.txt", SWINE_FEVER)


def test_forms_coded_with_a_hyphen_a_weekly_deadline_and_a_wrapped_name_are_read():
    d = parse_dispatch(SWINE_FEVER)
    assert d.templates == ["Biểu 01-DTL", "Biểu 02-TH"]
    assert template_heading("Biểu 01-Tổng hợp") is None  # a title after the hyphen, not a code
    assert "trước 9 giờ 00 thứ Hai hằng tuần" in [x.text for x in d.deadlines]
    assert d.contacts == ["Bà Lê Thị Hồng Vân"]
    # A justified PDF's text doubles its spaces: the phone after "điện  thoại:" on the next line is still read.
    assert parse_contacts("liên  hệ  ông  Lò  Văn  Thanh,  điện  thoại:\n0215.3768.215.")[1:] == (
        ["0215.3768.215"], ["Ông Lò Văn Thanh"])


def test_a_period_bounded_by_weekdays_and_a_weekday_deadline_are_times():
    assert sets_period("a) Số liệu tính từ 0 giờ thứ Hai đến 24 giờ Chủ nhật của tuần báo cáo.")
    assert sets_period("Thời gian tự kiểm tra: từ 01/8 đến 15/9.") and not sets_period("từ Sở đến các xã")
    assert sets_period("Báo cáo sẽ được thực hiện từ tháng 6/2026.") and not sets_period("thực hiện từ nguồn ngân sách")
    assert has_date("trước 9 giờ 00 thứ Hai hằng tuần") and not has_date("lần thứ hai") and not has_date("Thứ trưởng")
    assert "period" in expected("bc tuan so lieu tinh tu thu may den thu may")
    assert "date" not in expected("xử lý ổ dịch trong vòng bao nhiêu giờ")


def test_a_list_of_columns_in_one_line_is_one_sentence():
    line = "Biểu mẫu gồm các cột: STT; Xã, phường; Tổng đàn lợn; Tỷ lệ tiêm phòng (%); Ghi chú."
    assert split_sentences(line) == [line]
    assert split_sentences("Căn cứ Luật A; Căn cứ Nghị định B; Thực hiện Kế hoạch C.") == [
        "Căn cứ Luật A;", "Căn cứ Nghị định B;", "Thực hiện Kế hoạch C."]


@pytest.mark.parametrize("question, expected_text, not_text", [
    ("Báo cáo tháng về dịch tả lợn châu Phi gửi Chi cục chậm nhất ngày nào trong tháng?", "ngày 25 hằng tháng",
     "thứ Hai hằng tuần"),
    ("cv 905 bc tuan dich ta lon nop truoc may gio", "9 giờ 00 thứ Hai", "ngày 25"),
    ("So lieu bao cao thang dich ta lon chau Phi tinh tu ngay nao den ngay nao", "ngày 21 tháng trước", "Chủ nhật"),
    ("bc tuần dịch tả lợn số liệu tính từ thứ mấy đến thứ mấy", "0 giờ thứ Hai", "ngày 21"),
    # "Kỳ số liệu" asks for the period although "ký số" (a digital signature) folds like its first two words.
    ("Đề nghị cho biết kỳ số liệu của báo cáo tháng về dịch tả lợn châu Phi ở Thanh Hóa.", "ngày 21 tháng trước",
     "Chủ nhật"),
    # English "monthly", "weekly" tell the two reports apart as "báo cáo tháng", "bc tuần" do.
    ("For the monthly African swine fever report in Thanh Hoa, which days do the figures cover?", "ngày 21 tháng trước",
     "Chủ nhật"),
    ("Which days do the figures of the weekly African swine fever report in Thanh Hoa cover?", "0 giờ thứ Hai",
     "ngày 21"),
])
def test_the_weekly_and_the_monthly_report_are_told_apart(kb905, question, expected_text, not_text):
    a = kb905.ask(question)
    first = a.reply.split("\n")[0]
    assert a.confident and a.dispatch == "905/CCCNTY-DT" and expected_text in first and not_text not in first


def test_how_many_hours_is_a_duration_not_a_date(kb905):
    a = kb905.ask("Trạm thú y khu vực phải tiêu hủy lợn bệnh trong vòng bao nhiêu giờ?")
    assert "when" not in understand("tiêu hủy trong vòng bao nhiêu giờ", {}).intents
    assert a.confident and "72 giờ" in a.reply


def test_a_column_named_and_asked_about_is_answered_by_its_note(kb905):
    a = kb905.ask("Cột số ổ dịch cộng dồn trong biểu 01-DTL tính từ ngày nào?")
    assert a.confident and "01/01/2026" in a.reply
    listed = kb905.ask("Biểu 01-DTL gồm những cột nào?")
    assert listed.confident and "Số lợn tiêu hủy" in listed.reply and "01/01/2026" not in listed.reply


@pytest.mark.parametrize("question", ["biểu 02-TH của cv 905 có những cột gì", "Biểu 02-TH gồm những cột nào?"])
def test_columns_listed_in_a_prose_line_answer(kb905, question):
    a = kb905.ask(question)
    assert a.confident and "Tổng đàn lợn" in a.reply and "Số liều vắc xin còn tồn" in a.reply


@pytest.mark.parametrize("question", ["Công văn 905 về dịch tả lợn căn cứ pháp lý nào?",
                                      "What is the legal basis of dispatch 905 on African swine fever?"])
def test_the_legal_basis_asked_without_a_kind_is_every_cited_document(kb905, question):
    a = kb905.ask(question)
    assert a.confident and "79/2015/QH13" in a.reply and "04/2016/TT-BNNPTNT" in a.reply


def test_the_address_reports_are_sent_to_is_not_the_contact_persons(kb905):
    a = kb905.ask("What is the email address for sending the African swine fever reports to the sub-department?")
    assert a.confident and "dichte.cccnty@thanhhoa.gov.vn" in a.reply.split("\n")[0]


def test_the_attachments_reply_quotes_what_the_body_says_of_them(kb905):
    a = kb905.ask("cv 905 kèm theo những biểu mẫu nào")
    listed, _, quoted = a.reply.partition("Công văn viết:")
    assert a.confident and "- Biểu 01-DTL: TÌNH HÌNH DỊCH TẢ LỢN CHÂU PHI" in listed and "- Biểu 02-TH:" in listed
    assert "Báo cáo theo Biểu 01-DTL và Biểu 02-TH kèm theo Công văn này" in quoted


def test_an_english_phrase_with_two_renderings_weighs_once():
    query = understand("How many cases are reported?", {})
    assert ["ca", "trường hợp"] in query.synonyms
    terms = weighted_terms(query, {"ca": 2.0, "truong": 1.0, "hop": 1.0, "truong_hop": 3.0}, 5.0)
    assert "ca" in terms.weights and "truong_hop" not in terms.weights
    assert "truong_hop" in terms.alternatives["ca"]
    # A passage writing the second rendering holds the phrase as one writing the first does, at the alternatives' credit.
    assert terms.score(frozenset({"truong", "hop", "truong_hop"})) == pytest.approx(ALTERNATIVE_CREDIT * terms.score(
        frozenset({"ca"})))


def test_a_reply_listing_the_recipients_is_told():
    roster = ["Ủy ban nhân dân các xã, phường trên địa bàn tỉnh", "Viện Thú y Trung ương"]
    assert roster_reply("- Viện Thú y Trung ương;\n- Ủy ban nhân dân các xã, phường trên địa bàn tỉnh.", roster)
    assert not roster_reply("Ủy ban nhân dân các xã, phường trên địa bàn tỉnh báo cáo trước ngày 25 hằng tháng về "
                            "tình hình dịch bệnh và kết quả tiêm phòng.", roster)


def test_the_figures_period_cue_is_not_taken_for_a_digital_signature():
    assert "since" in understand("kỳ số liệu của báo cáo quý tính thế nào", {}).intents
    assert "since" in understand("ky so lieu bao cao thang", {}).intents
    assert "signer" not in understand("văn bản ký số gửi qua hệ thống nào", {}).intents


def test_a_dispatch_named_by_describing_it_is_summarised_only_when_nothing_more_is_asked(kb905):
    a = kb905.ask("Công văn của Chi cục Chăn nuôi và Thú y Thanh Hóa về dịch tả lợn châu Phi yêu cầu những gì?")
    assert a.confident and a.kind == "summary" and "Báo cáo tuần" in a.reply and "Báo cáo tháng" in a.reply
    who = kb905.ask("Who should we contact about the Thanh Hoa African swine fever report dispatch?")
    assert who.kind != "summary" and "Lê Thị Hồng Vân" in who.reply
