"""Which forms go with a dispatch, which form a given figure goes in, and whom to call about it.

Shapes the earlier tests lacked:
- appendices the dispatch only lists in its body ("Tài liệu gửi kèm: - Phụ lục 1: …") while the file holds no
  page of theirs (each appendix travels as its own file);
- body sentences that say what each form is for without the words "kèm theo" ("Diện tích bị thiệt hại … tổng
  hợp theo Biểu số 02/TS"), which answer "… thì ghi vào biểu số mấy";
- a question on whom to call that shares most of its words with a sentence of figures ("… thiệt hại do dịch bệnh
  … thì gọi ai"): only a sentence holding a person, a phone or an e-mail can say whom;
- a hotline written without the word "điện thoại" ("đường dây nóng 0290.3836.118") is a phone; what a phone is
  for, written before a colon and a capital ("c) Lỗi kỹ thuật của máy chủ: Trung tâm …, điện thoại …"), goes with it;
- a column named after "cột" while another column holds more of the question's other words ("cột diện tích đã xử
  lý trong biểu thiệt hại …"), and a note that names the column by the first words of its label only.

Every dispatch and question here is written for the test (none is in a benchmark set).
"""

from __future__ import annotations

import pytest

from knowledge.attached import listing_text, reply
from knowledge.chunking import build_tree
from knowledge.metadata import parse_dispatch
from tests.knowledge_fixtures import base_with

# A Chi cục of a Sở of a southern province, typed as plain text; its two forms are printed after the signature,
# its two appendices are named only in the body.
SHRIMP = """UBND TỈNH CÀ MAU                                   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG                          Độc lập - Tự do - Hạnh phúc
CHI CỤC THỦY SẢN
Số: 417/CCTS-NTTS                                     Cà Mau, ngày 16 tháng 3 năm 2026
V/v báo cáo tình hình nuôi tôm nước lợ và thiệt hại do dịch bệnh vụ 1 năm 2026

Kính gửi: Ủy ban nhân dân các xã, phường ven biển.

Vụ 1 năm 2025, toàn tỉnh thả nuôi 286.400 ha tôm nước lợ; 1.240 hộ nuôi bị thiệt hại do nguồn nước ô nhiễm và nắng nóng kéo dài, tập trung ở các xã ven biển.
Để có cơ sở tham mưu Sở Nông nghiệp và Môi trường chỉ đạo sản xuất vụ 1 năm 2026, Chi cục Thủy sản đề nghị Ủy ban nhân dân các xã, phường báo cáo các nội dung sau:
1. Tình hình thả nuôi
Diện tích thả nuôi tôm sú, tôm thẻ chân trắng theo từng hình thức nuôi (quảng canh cải tiến, thâm canh, siêu thâm canh) được tổng hợp theo Biểu số 01/TS.
2. Thiệt hại do dịch bệnh
Diện tích tôm bị bệnh, bị chết do đốm trắng, hoại tử gan tụy cấp và môi trường bất lợi được tổng hợp theo Biểu số 02/TS; ghi rõ số hộ bị thiệt hại và diện tích đã xử lý.
3. Thời hạn và hình thức gửi
Báo cáo gửi về Chi cục Thủy sản trước ngày 10/4/2026, đồng thời gửi bản điện tử qua địa chỉ nuoitrong.ccts@camau.gov.vn.
Các xã nhập số liệu qua ứng dụng trên điện thoại di động; việc cài đặt ứng dụng do Chi cục hướng dẫn tại hội nghị tập huấn ngày 25/3/2026.
Tài liệu gửi kèm:
- Phụ lục 1: Hướng dẫn phân loại hình thức nuôi tôm nước lợ;
- Phụ lục 2: Danh mục mã vùng nuôi tập trung trên địa bàn tỉnh.
4. Đầu mối liên hệ
a) Tài khoản và lỗi nhập số liệu trên phần mềm quản lý nuôi trồng thủy sản: đường dây nóng 0290.3836.118 (trong giờ hành chính).
b) Nội dung biểu mẫu, cách ghi số liệu: ông Trần Minh Luân, Phó Trưởng phòng Nuôi trồng thủy sản, điện thoại 0290.3831.462.
c) Lỗi kỹ thuật của máy chủ: Trung tâm Thông tin và Chuyển đổi số, điện thoại 0290.3567.214.
Chi cục Thủy sản đề nghị Ủy ban nhân dân các xã, phường quan tâm thực hiện./.

Nơi nhận:
- Như trên;
- Sở Nông nghiệp và Môi trường (để b/c);
- Lưu: VT, NTTS.

CHI CỤC TRƯỞNG

Huỳnh Văn Thắng

Biểu số 01/TS
TÌNH HÌNH THẢ NUÔI TÔM NƯỚC LỢ VỤ 1 NĂM 2026
TT\tHình thức nuôi\tTôm sú (ha)\tTôm thẻ chân trắng (ha)\tGhi chú
1\tQuảng canh cải tiến\t\t\t
2\tThâm canh, siêu thâm canh\t\t\t

Biểu số 02/TS
THIỆT HẠI TÔM NUÔI DO DỊCH BỆNH VỤ 1 NĂM 2026
TT\tNguyên nhân\tDiện tích bị thiệt hại (ha)\tSố hộ bị thiệt hại\tDiện tích đã xử lý, khử trùng (ha)
1\tBệnh đốm trắng\t\t\t
2\tHoại tử gan tụy cấp\t\t\t
Ghi chú: Cột “Diện tích bị thiệt hại (ha)” ghi diện tích có tỷ lệ tôm chết từ 30% trở lên.
Cột “Nguyên nhân” ghi một trong các nhóm: bệnh đốm trắng; hoại tử gan tụy cấp; môi trường bất lợi; nguyên nhân khác.
Diện tích đã xử lý = diện tích ao nuôi đã được khử trùng, tiêu độc theo hướng dẫn của cơ quan thú y.
"""


def _listing() -> str:
    return listing_text(build_tree(SHRIMP), parse_dispatch(SHRIMP))


def test_appendices_named_only_in_the_body_are_listed_with_the_printed_forms():
    listing = _listing()
    assert "- Biểu số 01/TS: TÌNH HÌNH THẢ NUÔI TÔM NƯỚC LỢ VỤ 1 NĂM 2026" in listing
    assert "- Phụ lục 1: Hướng dẫn phân loại hình thức nuôi tôm nước lợ" in listing
    assert "- Phụ lục 2: Danh mục mã vùng nuôi tập trung trên địa bàn tỉnh" in listing
    assert reply("Công văn 417/CCTS-NTTS", listing).startswith("Công văn 417/CCTS-NTTS kèm theo 4 phụ lục, biểu mẫu:")


def test_a_list_item_naming_a_form_without_an_attaching_lead_in_is_not_an_attachment():
    text = SHRIMP.replace("Tài liệu gửi kèm:", "Các xã lưu ý:")
    listing = listing_text(build_tree(text), parse_dispatch(text))
    assert "Phụ lục 1" not in listing.split("\n", 1)[1].split("Trong công văn:")[0]


def test_the_body_sentences_saying_what_each_form_is_for_are_kept_with_the_list():
    listing = _listing()
    assert "được tổng hợp theo Biểu số 01/TS" in listing
    assert "được tổng hợp theo Biểu số 02/TS" in listing


@pytest.fixture(scope="module")
def kb417(built_index_dir, tmp_path_factory):
    return base_with(built_index_dir, tmp_path_factory.mktemp("attached"), "cv-417-CCTS.txt", SHRIMP)


def test_which_appendices_go_with_it_names_those_listed_in_the_body(kb417):
    a = kb417.ask("Chi cục Thủy sản Cà Mau gửi kèm những phụ lục nào về nuôi tôm vụ 1?")
    assert a.kind == "attachments" and "Phụ lục 2: Danh mục mã vùng nuôi" in a.reply


@pytest.mark.parametrize("question, form, said", [
    ("diện tích tôm chết do đốm trắng thì tổng hợp vào biểu số mấy ạ", "02/TS", "bị chết do đốm trắng"),
    ("dien tich tha nuoi tom the chan trang ghi vao bieu nao", "01/TS", "Diện tích thả nuôi tôm sú"),
])
def test_which_form_a_figure_goes_in_quotes_the_sentence_naming_it(kb417, question, form, said):
    a = kb417.ask(question)
    assert a.confident and a.kind == "attachments"
    quoted = a.reply.partition("Công văn viết:")[2]
    assert said in quoted and form in quoted
    assert said in a.passages[0].text  # the passage cited first holds what the reply quotes


# Whom to call about figures a sentence of last year's figures shares most words with: the person; which number when
# the account is missing: the hotline, written without "điện thoại"; about a server fault: the number a lead-in
# before a colon says is for it.
@pytest.mark.parametrize("question, expected", [
    ("Có vướng mắc về số hộ nuôi bị thiệt hại do nguồn nước ô nhiễm, nắng nóng thì gọi ai ở Chi cục Thủy sản Cà Mau?",
     ["Trần Minh Luân", "0290.3831.462"]),
    ("so ho nuoi tom thiet hai do nang nong, nuoc o nhiem o ca mau hoi ai, sdt bn", ["Trần Minh Luân", "0290.3831.462"]),
    ("Xã chưa có tài khoản trên phần mềm nuôi trồng thủy sản thì gọi số nào?", ["0290.3836.118"]),
    ("xa chua co tk phan mem nuoi trong thuy san ca mau goi sdt nao", ["0290.3836.118"]),
    ("máy chủ bị lỗi kỹ thuật thì gọi số nào", ["0290.3567.214"]),
    ("which number should I call about a server fault?", ["0290.3567.214"]),
    ("máy chủ bị lỗi kỹ thuật thì liên hệ ai, gọi số nào", ["0290.3567.214"]),
    ("Who can I call about a server fault?", ["0290.3567.214"]),
])
def test_the_contact_asked_for(kb417, question, expected):
    a = kb417.ask(question)
    assert a.confident and all(e in a.reply for e in expected)


def test_a_question_naming_a_phone_without_asking_for_one_is_no_contact_question(kb417):
    a = kb417.ask("Việc cài đặt ứng dụng nhập số liệu trên điện thoại do cơ quan nào hướng dẫn?")
    assert a.confident and "hội nghị tập huấn" in a.reply


def test_a_mobile_or_a_hotline_is_one_of_the_dispatchs_phones():
    d = parse_dispatch(SHRIMP.replace("điện thoại 0290.3831.462", "di động: 0913.845.207"))
    assert "0290.3836.118" in d.phones and "0913.845.207" in d.phones


@pytest.mark.parametrize("question, note", [
    ("Cột diện tích đã xử lý trong biểu thiệt hại tôm do dịch bệnh được tính thế nào?", "khử trùng, tiêu độc"),
    ("cot dien tich bi thiet hai o bieu 02/TS ghi nhung dien tich nao", "từ 30% trở lên"),
    ("Kính đề nghị hướng dẫn cách tính cột Diện tích đã xử lý trong Biểu số 02/TS về số hộ nuôi tôm bị thiệt hại do "
     "dịch bệnh vụ 1 năm 2026", "khử trùng, tiêu độc"),
    ("Cột Diện tích đã xử lý trong biểu số hộ bị thiệt hại do đốm trắng ghi theo hướng dẫn nào?", "khử trùng, tiêu độc"),
    ("Cột Nguyên nhân trong biểu số hộ nuôi tôm bị thiệt hại vụ 1 ghi theo những nhóm nào?", "môi trường bất lợi"),
    ("cot nguyen nhan trong danh sach ho nuoi tom bi thiet hai do dich benh ghi theo nhom nao", "môi trường bất lợi"),
])
def test_the_note_on_the_column_named_after_cot(kb417, question, note):
    a = kb417.ask(question)
    assert a.confident and note in a.reply


def test_a_note_naming_the_column_by_the_first_words_of_its_label():
    from knowledge.table_evidence import matching_note

    form = ("Biểu số 03/TS\nTT\tĐơn vị\tSản lượng vụ 1 năm 2025 (tấn)\tSản lượng vụ 1 năm 2026 (tấn)\t"
            "Tỷ lệ tăng so với cùng kỳ (%)\tGhi chú\n1\tXã Tân Thuận\t\t\t\t\n"
            "Ghi chú: Tỷ lệ tăng (%) = (Sản lượng vụ 1 năm 2026 - Sản lượng vụ 1 năm 2025) / Sản lượng vụ 1 năm 2025 x 100.")
    named = "ty le tang so voi cung ky trong bieu so 03/ts tinh the nao"
    assert "x 100" in matching_note(lambda part: 0.0, form, "", named)
    # Two columns begin alike ("Sản lượng vụ 1 năm …"): their shared first words name neither.
    assert matching_note(lambda part: 0.0, form, "", "san luong vu 1 ghi the nao") == ""

