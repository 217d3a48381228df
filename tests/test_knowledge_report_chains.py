"""A dispatch that gives each kind of body its own part ("I. ĐỐI VỚI CƠ SỞ LƯU TRÚ DU LỊCH", "II. ĐỐI VỚI DOANH
NGHIỆP LỮ HÀNH", "III. ĐỐI VỚI ỦY BAN NHÂN DÂN CÁC XÃ …"), a formula, and a fine.

Shapes the earlier tests lacked:
- a deadline sentence that does not name its sender, the part's heading does ("4. Thời hạn: báo cáo tháng gửi trước
  ngày 05 của tháng sau" under "I. ĐỐI VỚI CƠ SỞ LƯU TRÚ DU LỊCH"), while another part's sentence names the same body
  as the object of its task ("Rà soát danh sách cơ sở lưu trú mới …; gửi Sở trước ngày 20/12/2026");
- whose report it is said after it ("hạn gửi báo cáo năm của cơ sở lưu trú");
- "tính như thế nào" answered by the sentence holding the formula, not the one that only names the figure;
- a fine written "bị xử phạt …, mức phạt từ … đến …" after "không đúng thời hạn" (the late-report sentence's outcome
  words were "sẽ", "thì", "xử lý" only);
- "yêu cầu cơ sở lưu trú làm gì": the words between the cue's ends are whom it asks (they were dropped with the cue).

The dispatch and the questions are written for the test (in no benchmark set).
"""

from __future__ import annotations

import pytest

from knowledge.answer_shape import expected, has_formula
from tests.knowledge_fixtures import base_with

# A Sở of a coastal province; the forms travel as separate files.
TOURISM = """UBND TỈNH KHÁNH HÒA                                   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH                       Độc lập - Tự do - Hạnh phúc
Số: 1542/SVHTTDL-QLDL                                 Khánh Hòa, ngày 02 tháng 12 năm 2026
V/v báo cáo số liệu khách du lịch và doanh thu lưu trú tháng 12 và năm 2026

Kính gửi:
- Các cơ sở lưu trú du lịch trên địa bàn tỉnh;
- Các doanh nghiệp kinh doanh dịch vụ lữ hành;
- Ủy ban nhân dân các xã, phường, đặc khu.

Thực hiện Thông tư số 13/2025/TT-BVHTTDL ngày 15/8/2025 của Bộ Văn hóa, Thể thao và Du lịch quy định chế độ báo cáo thống kê ngành du lịch, Sở Văn hóa, Thể thao và Du lịch đề nghị các đơn vị báo cáo như sau:
I. ĐỐI VỚI CƠ SỞ LƯU TRÚ DU LỊCH
1. Báo cáo số lượt khách lưu trú (khách quốc tế, khách nội địa), số ngày khách, công suất sử dụng phòng bình quân và doanh thu lưu trú theo Biểu số 01/LT.
2. Khách quốc tế ghi theo quốc tịch ghi trên hộ chiếu; khách mang hai quốc tịch ghi theo hộ chiếu dùng khi nhập cảnh.
3. Công suất sử dụng phòng (%) = Tổng số đêm phòng đã bán trong kỳ / (Tổng số phòng x Số ngày trong kỳ) x 100.
4. Thời hạn: báo cáo tháng gửi trước ngày 05 của tháng sau; báo cáo năm 2026 gửi trước ngày 10/01/2027.
II. ĐỐI VỚI DOANH NGHIỆP LỮ HÀNH
1. Báo cáo số lượt khách do doanh nghiệp phục vụ (inbound, outbound, nội địa) và doanh thu lữ hành theo Biểu số 02/LH.
2. Doanh nghiệp lữ hành quốc tế có chi nhánh tại tỉnh khác chỉ báo cáo số liệu của trụ sở chính và văn phòng đại diện trên địa bàn tỉnh Khánh Hòa.
3. Thời hạn: gửi trước ngày 08/01/2027.
III. ĐỐI VỚI ỦY BAN NHÂN DÂN CÁC XÃ, PHƯỜNG, ĐẶC KHU
Rà soát, cập nhật danh sách cơ sở lưu trú mới hoạt động, tạm dừng hoạt động trên địa bàn; đôn đốc các cơ sở chưa có tài khoản đăng ký trên Hệ thống thống kê du lịch trực tuyến; gửi Sở trước ngày 20/12/2026.
IV. HÌNH THỨC GỬI VÀ XỬ LÝ VI PHẠM
1. Báo cáo nhập trực tiếp trên Hệ thống thống kê du lịch trực tuyến tại địa chỉ https://thongke.khanhhoa-tourism.gov.vn; không gửi bản giấy.
2. Cơ sở không báo cáo hoặc báo cáo không đúng thời hạn bị xử phạt theo Nghị định số 45/2019/NĐ-CP, mức phạt từ 1.000.000 đồng đến 3.000.000 đồng.
3. Hỗ trợ tài khoản hệ thống: ông Võ Thành Nhân, Phòng Quản lý du lịch, điện thoại 0258.3822.753, di động 0935.114.208.
Sở Văn hóa, Thể thao và Du lịch đề nghị các đơn vị thực hiện nghiêm túc./.

Nơi nhận:
- Như trên;
- Bộ VHTTDL (để b/c);
- UBND tỉnh (để b/c);
- Lưu: VT, QLDL.

KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC

Nguyễn Thị Hoài Thu
"""


@pytest.fixture(scope="module")
def kb1542(built_index_dir, tmp_path_factory):
    return base_with(built_index_dir, tmp_path_factory.mktemp("tourism"), "cv-1542-SVHTTDL.txt", TOURISM)


@pytest.mark.parametrize("question, expected_date", [
    ("Cơ sở lưu trú gửi báo cáo tháng trước ngày nào?", "ngày 05 của tháng sau"),
    ("han gui bc nam 2026 cua co so luu tru", "10/01/2027"),
    ("Hạn nộp báo cáo của doanh nghiệp lữ hành là ngày nào?", "08/01/2027"),
    ("UBND các xã phải gửi danh sách cơ sở lưu trú mới trước ngày nào?", "20/12/2026"),
    ("When do accommodation establishments have to submit the monthly report?", "ngày 05 của tháng sau"),
])
def test_the_deadline_is_the_one_of_the_part_for_the_body_asked_about(kb1542, question, expected_date):
    a = kb1542.ask(question)
    assert a.confident and a.kind == "deadline" and expected_date in a.reply


@pytest.mark.parametrize("question", ["Công suất sử dụng phòng tính như thế nào?",
                                      "công thức tính công suất sử dụng phòng"])
def test_how_a_figure_is_calculated_is_answered_by_its_formula(kb1542, question):
    a = kb1542.ask(question)
    assert a.confident and "Tổng số đêm phòng đã bán" in a.reply


@pytest.mark.parametrize("question, shaped", [
    ("Công suất sử dụng phòng tính như thế nào?", True), ("cong suat phong tinh ntn", True),
    ("How is room occupancy calculated?", True), ("công thức tính tỷ lệ tiêm chủng", True),
    ("Công suất sử dụng phòng là bao nhiêu?", False), ("Số liệu tính từ ngày nào?", False),
])
def test_a_formula_is_the_shape_of_how_it_is_calculated(question, shaped):
    assert ("formula" in expected(question)) is shaped


@pytest.mark.parametrize("sentence, formula", [
    ("3. Công suất sử dụng phòng (%) = Tổng số đêm phòng đã bán trong kỳ / (Tổng số phòng x Số ngày) x 100.", True),
    ("Tỷ lệ giải ngân bằng số vốn đã giải ngân chia cho kế hoạch vốn được giao.", True),
    ("1. Báo cáo công suất sử dụng phòng bình quân theo Biểu số 01/LT.", False),
    ("Mức phạt từ 1.000.000 đồng đến 3.000.000 đồng.", False),
])
def test_a_formula_is_recognised(sentence, formula):
    assert has_formula(sentence) is formula


@pytest.mark.parametrize("question", ["Cơ sở lưu trú chậm báo cáo bị phạt bao nhiêu?",
                                      "muc phat neu co so luu tru ko bc",
                                      "What is the fine for a hotel that does not report on time in Khanh Hoa?"])
def test_the_fine_for_a_late_report_is_the_consequence(kb1542, question):
    a = kb1542.ask(question)
    assert a.confident and a.kind == "consequence" and "3.000.000 đồng" in a.reply


@pytest.mark.parametrize("question, part", [
    ("Sở VHTTDL Khánh Hòa yêu cầu cơ sở lưu trú làm gì?", "I. ĐỐI VỚI CƠ SỞ LƯU TRÚ DU LỊCH"),
    ("cv 1542 đề nghị doanh nghiệp lữ hành làm những gì", "Biểu số 02/LH"),
    # "Ủy ban nhân dân" is the letterhead's too ("UBND TỈNH KHÁNH HÒA"): the part for the xã still answers.
    ("ubnd xa can lam gi theo cv 1542", "III. ĐỐI VỚI ỦY BAN NHÂN DÂN CÁC XÃ"),
])
def test_whom_a_dispatch_asks_stays_in_the_question(kb1542, question, part):
    a = kb1542.ask(question)
    assert a.confident and part in a.reply


def test_the_forms_the_body_names_are_listed_with_what_each_is_for(kb1542):
    a = kb1542.ask("Which forms go with the Khanh Hoa tourism statistics dispatch?")
    assert a.confident and a.kind == "attachments"
    assert "Biểu số 01/LT" in a.reply and "doanh thu lưu trú" in a.reply and "Biểu số 02/LH" in a.reply


@pytest.mark.parametrize("question", ["Công văn 1542 gồm mấy phần?", "cv 1542 co nhung phan nao"])
def test_the_parts_of_a_letter_without_forms_are_its_own_headings(kb1542, question):
    a = kb1542.ask(question)
    assert a.confident and a.reply.startswith("Công văn 1542/SVHTTDL-QLDL gồm 4 phần:")
    assert "II. ĐỐI VỚI DOANH NGHIỆP LỮ HÀNH" in a.reply and "IV. HÌNH THỨC GỬI VÀ XỬ LÝ VI PHẠM" in a.reply
