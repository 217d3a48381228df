"""Shapes of dispatches and questions met in session 16, each on a dispatch written for this test (none of its
questions is in a benchmark set): a request addressed to a body that the "Kính gửi" list also names, the part
headed "Đối với …" with its items, a "Phụ lục"
page whose only content is a coded form, a period set by the note under a form, "late" said as "muộn" or "trễ hạn",
and a question asking a sum of money."""

from __future__ import annotations

import pytest

from knowledge.answer_shape import expected, has_money, missing
from knowledge.uncued_answers import asks_consequence
from knowledge.dates import sets_period
from knowledge.english import english_phrase_re, translate
from knowledge.outline_answers import section_answer
from knowledge.query import understand
from tests.knowledge_fixtures import base_with

WORKERS = """UBND TỈNH BẮC NINH                              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP                  Độc lập - Tự do - Hạnh phúc
Số: 1276/BQL-LĐ                                  Bắc Ninh, ngày 02 tháng 11 năm 2026
V/v báo cáo tình hình lao động và nhà ở công nhân cuối năm 2026

Kính gửi:
- Các doanh nghiệp đang hoạt động trong các khu công nghiệp;
- Công đoàn các Khu công nghiệp tỉnh Bắc Ninh;
- Các chủ đầu tư hạ tầng khu công nghiệp.

Căn cứ Bộ luật Lao động số 45/2019/QH14 ngày 20/11/2019;
Để chuẩn bị phương án bảo đảm việc làm, nhà ở cho công nhân dịp cuối năm, Ban Quản lý các Khu công nghiệp đề nghị:
1. Đối với các doanh nghiệp: báo cáo số lao động đang làm việc, số lao động dự kiến cắt giảm và số công nhân có nhu cầu thuê nhà ở theo Mẫu số 01-LĐ.
2. Đối với Công đoàn các Khu công nghiệp tỉnh Bắc Ninh: báo cáo số đoàn viên được hỗ trợ tiền thuê nhà trọ và kết quả vận động doanh nghiệp ký thỏa ước lao động tập thể.
3. Đối với các chủ đầu tư hạ tầng khu công nghiệp:
a) Báo cáo tiến độ xây dựng nhà lưu trú công nhân và số căn đã bố trí theo Mẫu số 02-NLT;
b) Rà soát quỹ đất dành cho thiết chế công đoàn trong khu công nghiệp;
c) Đề xuất phương án cho công nhân thuê lại nhà lưu trú chưa sử dụng hết.
4. Công nhân có hợp đồng lao động từ 12 tháng trở lên được hỗ trợ tiền thuê nhà trọ 500.000 đồng/người/tháng trong 03 tháng cuối năm 2026.
5. Năm 2025, các khu công nghiệp có 12.450 công nhân thuê nhà trọ và 3.200 công nhân ở nhà lưu trú.
6. Báo cáo gửi về Phòng Quản lý lao động trước ngày 10/12/2026. Doanh nghiệp gửi báo cáo muộn hoặc không gửi báo cáo sẽ không được xét hỗ trợ tiền thuê nhà trọ cho công nhân trong năm 2027.
Trong quá trình thực hiện, nếu có vướng mắc, đề nghị liên hệ bà Ngô Thị Thu Hà, Phòng Quản lý lao động, điện thoại 0222.3811.406./.

Nơi nhận:
- Như trên;
- UBND tỉnh (để b/c);
- Lưu: VT, LĐ.
KT. TRƯỞNG BAN
PHÓ TRƯỞNG BAN
Trần Quốc Việt

Phụ lục 01
Mẫu số 01-LĐ
BÁO CÁO LAO ĐỘNG VÀ NHU CẦU NHÀ Ở CÔNG NHÂN
(Kèm theo Công văn số 1276/BQL-LĐ ngày 02/11/2026)
STT | Tên doanh nghiệp | Số lao động đang làm việc | Số lao động dự kiến cắt giảm | Số công nhân cần thuê nhà ở
1   |                  |                           |                               |
Ghi chú: Số lao động tính đến hết ngày 30/11/2026.

Phụ lục 02
Mẫu số 02-NLT
TIẾN ĐỘ NHÀ LƯU TRÚ CÔNG NHÂN
(Kèm theo Công văn số 1276/BQL-LĐ ngày 02/11/2026)
STT | Khu công nghiệp | Số căn theo quy hoạch | Số căn đã hoàn thành | Số căn đã bố trí
1   |                 |                       |                      |
"""


@pytest.fixture(scope="module")
def kb1276(built_index_dir, tmp_path_factory):
    return base_with(built_index_dir, tmp_path_factory.mktemp("closing-shapes"), "cv-1276-BQL-2026.txt", WORKERS)


@pytest.mark.parametrize("question", ["Công đoàn các khu công nghiệp phải báo cáo những gì theo cv 1276?",
                                      "cv 1276 cong doan cac kcn bao cao gi"])
def test_a_request_to_a_body_the_addressees_name_answers_not_the_list(kb1276, question):
    a = kb1276.ask(question)
    assert a.confident and "số đoàn viên được hỗ trợ tiền thuê nhà trọ" in a.reply


@pytest.mark.parametrize("question", ["Chủ đầu tư hạ tầng khu công nghiệp phải làm những gì theo công văn 1276?",
                                      "chu dau tu ha tang kcn phai lam gi"])
def test_the_part_headed_by_the_body_asked_about_answers_with_its_items(kb1276, question):
    a = kb1276.ask(question)
    assert a.confident and "3. Đối với các chủ đầu tư hạ tầng khu công nghiệp" in a.reply
    assert "Đề xuất phương án cho công nhân thuê lại nhà lưu trú" in a.reply  # the third item, not the first alone


def test_the_addressees_still_answer_whom_it_is_sent_to(kb1276):
    a = kb1276.ask("Công văn 1276 gửi những đơn vị nào?")
    assert a.confident and "Công đoàn các Khu công nghiệp tỉnh Bắc Ninh" in a.reply


def test_a_page_holding_only_a_coded_form_is_one_attachment(kb1276):
    a = kb1276.ask("cv 1276 kèm theo những phụ lục nào")
    assert a.confident and "kèm theo 2 phụ lục, biểu mẫu" in a.reply
    assert "- Phụ lục 01 - Mẫu số 01-LĐ: BÁO CÁO LAO ĐỘNG VÀ NHU CẦU NHÀ Ở CÔNG NHÂN" in a.reply
    assert "- Phụ lục 02 - Mẫu số 02-NLT: TIẾN ĐỘ NHÀ LƯU TRÚ CÔNG NHÂN" in a.reply


def test_the_note_under_a_form_sets_its_period(kb1276):
    a = kb1276.ask("Số lao động trong mẫu báo cáo lao động và nhu cầu nhà ở công nhân tính đến ngày nào?")
    assert a.confident and "30/11/2026" in a.reply.split("\n")[0] and "10/12/2026" not in a.reply.split("\n")[0]


@pytest.mark.parametrize("question", ["Doanh nghiệp nộp báo cáo lao động muộn thì bị xử lý ra sao?",
                                      "dn gui bc lao dong tre han thi bi sao",
                                      "Nếu doanh nghiệp gửi báo cáo muộn thì công nhân có bị mất hỗ trợ tiền thuê nhà không?"])
def test_late_said_in_any_register_asks_the_consequence(kb1276, question):
    a = kb1276.ask(question)
    assert a.confident and "không được xét hỗ trợ tiền thuê nhà trọ" in a.reply


def test_wanting_is_not_being_late():
    assert asks_consequence("Doanh nghiệp gửi báo cáo muộn thì bị xử lý thế nào?")
    assert not asks_consequence("Doanh nghiệp muốn được hỗ trợ thì làm thế nào?")  # "muốn": want
    assert not asks_consequence("doanh nghiep muon dang ky thi xu ly ho so the nao")


def test_a_sum_of_money_asked_is_answered_by_one(kb1276):
    a = kb1276.ask("Tiền hỗ trợ thuê nhà trọ cho công nhân khu công nghiệp là bao nhiêu một tháng?")
    assert a.confident and "500.000 đồng/người/tháng" in a.reply
    assert "money" in expected("phi thu gom rac bao nhieu 1 thang")
    assert "money" in expected("How much does a household pay for waste collection?")
    assert "money" not in expected("có bao nhiêu doanh nghiệp tham gia") and "money" not in expected(
        "tham gia bao nhieu nguoi")
    assert "money" in expected("bhxh tu nguyen dong toi thieu bao nhieu 1 thang")  # "đóng": pay
    assert "money" not in expected("so lao dong la bao nhieu")  # folded "dong" of "lao động": a count
    # A count is no price: "1.284 sáng kiến" does not say how much a prize is.
    assert missing("Tiền thưởng cho sáng kiến cấp tỉnh là bao nhiêu?", "Năm 2025 có 1.284 sáng kiến được công nhận.")
    assert has_money("mức 40 triệu đồng/hộ") and has_money("bằng 4,5% mức lương cơ sở") and not has_money("12.450 công nhân")


def test_a_part_labelled_with_two_numbers_is_found_under_its_markup():
    assert understand("cv 1276 muc 1.2 ve nha luu tru noi gi", {}).section_refs == ["1.2"]
    assert understand("mục II nói gì", {}).section_refs == ["II"]
    letter = ("1. Định hướng\n#### **1.1. Đối với nhà trọ**\nRà soát giá thuê.\n#### **1.2. Đối với nhà lưu trú**\n"
              "Bố trí đủ chỗ ở cho công nhân ca đêm.\n2. Tổ chức thực hiện\nGửi báo cáo trước ngày 10/12/2026.")
    found = section_answer(letter, ["1.2"])
    assert found is not None and found.reply.split("\n") == ["1.2. Đối với nhà lưu trú",
                                                             "Bố trí đủ chỗ ở cho công nhân ca đêm."]


def test_a_long_part_shows_its_list_not_its_first_item_alone():
    items = [f"{c}) " + " ".join(["việc"] * 60) + f" số {c};" for c in "abcde"]
    found = section_answer("3. Nhiệm vụ\n" + "\n".join(items) + "\n4. Khác", ["3"])
    assert found is not None and all(f"{c})" in found.reply for c in "abc")


@pytest.mark.parametrize("sentence, period", [
    ("Số liệu lao động tính tại thời điểm 31/12/2026.", True),
    ("Thời điểm điều tra: 0 giờ ngày 01/10/2026.", True),
    ("Số liệu chốt đến ngày 15/11/2026.", True),
    ("Số học sinh tính đến 30/9/2026, không kể học sinh chuyển đến sau.", True),
    ("Gửi báo cáo về Sở trước ngày 15/12/2026.", False),  # a deadline
    ("Căn cứ Quyết định số 12/QĐ-UBND ngày 01/3/2026 của UBND tỉnh.", False),
    ("Tại thời điểm này chưa có hướng dẫn của Bộ.", False),  # no date
])
def test_the_day_figures_are_taken_at_is_a_period(sentence, period):
    assert sets_period(sentence) is period


def test_asking_the_day_figures_are_taken_at_is_not_asking_a_deadline():
    assert "period" in expected("so lieu lao dong tinh tai thoi diem nao")
    assert "period" in expected("What is the cut-off date for the figures?")
    assert "period" in expected("Over which months is household income counted?")  # English: "over which months"
    assert "period" in expected("bc tuần lấy số liệu từ lúc nào tới lúc nào")
    assert "period" not in expected("bc cds quy 1 han chot ngay nao")  # "hạn chót": a deadline
    assert "period" not in expected("Bộ yêu cầu hoàn thành vào thời điểm nào?")  # "when"


def test_an_english_plural_finds_its_singular_in_the_vocabulary():
    assert english_phrase_re("economic division").search("the economic divisions of communes")
    assert english_phrase_re("category").search("which categories are counted")
    assert not english_phrase_re("due").search("dues")  # a short word stays as written
    renderings, _ = translate("Which forms list the unsettled advances?", True)
    assert "tạm ứng" in renderings and "chưa thanh toán" in renderings


def test_at_what_time_in_vietnamese_asks_a_date():
    assert "date" in expected("Phòng giáo dục kiểm tra các trường vào thời gian nào?")
    assert "date" in expected("bc nay nop luc nao")
    assert "when" in understand("phong gd kiem tra ngau nhien vao thoi gian nao", {}).intents


def test_is_it_sent_to_a_body_is_answered_by_the_recipients(kb1276):
    a = kb1276.ask("cv 1276 co gui ubnd tinh ko")
    assert a.confident and "Nơi nhận còn có" in a.reply and "UBND tỉnh (để b/c)" in a.reply
    assert "recipients" in understand("cv 1276 có gửi công đoàn khu công nghiệp không", {}).intents
    copy = kb1276.ask("Báo cáo lao động gửi qua mạng rồi thì có phải gửi thêm bản giấy không?")
    assert "gửi: Các doanh nghiệp" not in copy.reply  # how a copy goes, not whom the dispatch is addressed to
