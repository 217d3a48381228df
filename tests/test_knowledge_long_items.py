"""A numbered item too long for a heading is still a part of its own when it follows a numbered sibling, or opens a
run of them at its first number, so that the citation names it ("2. Đối với …") and not the part before ("1.c"). A
part's title goes on over a line holding only its year. Their own dispatches, in no benchmark set."""

from knowledge.blocks import to_blocks
from knowledge.chunking import build_tree, chunk_document
from knowledge.headings import follows
from knowledge.metadata import parse_dispatch

LETTER = """UBND HUYỆN MINH LONG
PHÒNG NÔNG NGHIỆP VÀ MÔI TRƯỜNG
Số: 88/PNNMT-TL
V/v báo cáo diện tích lúa bị ngập úng

Kính gửi: Ủy ban nhân dân các xã.

1. Đối với Ủy ban nhân dân các xã
a) Thống kê diện tích lúa bị ngập.
b) Lập danh sách hộ bị thiệt hại.
2. Đối với Trạm Khuyến nông huyện: hướng dẫn các hợp tác xã dịch vụ nông nghiệp gieo sạ lại giống ngắn ngày trên các diện tích mất trắng, bảo đảm khung thời vụ, báo cáo kết quả về Phòng Nông nghiệp và Môi trường trước ngày 20/12/2026 để tổng hợp.
3. Báo cáo gửi về Phòng Nông nghiệp và Môi trường trước ngày 15/12/2026.

Nơi nhận:
- Như trên;
- Lưu: VT.
"""


def test_a_long_item_after_its_numbered_sibling_is_a_part():
    parts = [c.label for c in build_tree(LETTER).children]
    assert "2" in parts and "3" in parts
    chunks = chunk_document(LETTER, parse_dispatch(LETTER))
    holding = next(c for c in chunks if "gieo sạ lại" in c.text)
    assert holding.citation.startswith("2. Đối với Trạm Khuyến nông huyện")
    assert "Thống kê diện tích" not in holding.text


def test_a_long_item_without_a_numbered_sibling_stays_text():
    text = LETTER.replace("1. Đối với Ủy ban nhân dân các xã\n", "Đối với Ủy ban nhân dân các xã:\n")
    labels = [c.label for c in build_tree(text).children]
    assert "2" not in labels


def test_numbers_that_follow_one_another():
    assert follows("1", "2") and follows("b", "c") and follows("II", "III") and follows("1.2", "1.3")
    assert follows("c", "d") and follows("d", "đ")
    assert not follows("1", "3") and not follows("1.2", "2.3") and not follows("a", "c")


# A text PDF's layout: lines wrapped at the page width, no blank lines, a part's title pushed onto two lines with its
# year alone on the second, numbered items whose first one is too long for a heading, an item wrapped after a ";"
# (a line of its own: the layout's line break after a ";" is kept).
WRAPPED = """UBND TỈNH ĐẮK LẮK                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ Y TẾ                                Độc lập - Tự do - Hạnh phúc
Số: 905/SYT-KHTC                       Đắk Lắk, ngày 02 tháng 12 năm 2026
V/v báo cáo kết quả thực hiện tự chủ tài chính năm 2026
Kính gửi: Các đơn vị sự nghiệp y tế công lập trực thuộc.
Sở Y tế đề nghị các đơn vị báo cáo như sau:
I. NỘI DUNG BÁO CÁO VỀ TÌNH HÌNH THỰC HIỆN CƠ CHẾ TỰ CHỦ TÀI CHÍNH NĂM
2026
1. Tình hình thu sự nghiệp: a) Tổng số thu từ dịch vụ khám bệnh, chữa bệnh theo giá
dịch vụ được cấp có thẩm quyền phê duyệt, tách riêng phần thu từ quỹ bảo hiểm y tế
và phần người bệnh chi trả; b) Các khoản thu từ hoạt động liên doanh, liên kết và
cho thuê tài sản công đã được phê duyệt đề án.
2. Tình hình chi thường xuyên: chi tiền lương, phụ cấp và các khoản đóng góp theo
lương, chi chuyên môn nghiệp vụ, chi mua sắm, sửa chữa tài sản phục vụ chuyên môn;
số chênh lệch thu lớn hơn chi được trích lập các quỹ trong năm.
3. Khó khăn, vướng mắc và kiến nghị.
II. THỜI HẠN GỬI BÁO CÁO
Báo cáo gửi về Sở Y tế (qua Phòng Kế hoạch - Tài chính) trước ngày 25/12/2026.
Nơi nhận:
- Như trên;
- Lưu: VT, KHTC.
"""


def test_a_part_title_whose_year_the_layout_pushed_to_the_next_line():
    root = build_tree(WRAPPED)
    part = next(c for c in root.children if c.label == "I")
    assert part.full_title.endswith("NĂM 2026")
    assert [c.label for c in part.children] == ["1", "2", "3"]
    assert [c.label for c in root.children if c.label] == ["I", "II"]


def test_the_first_long_item_of_a_run_is_a_part_and_an_item_of_several_lines_after_its_sibling_too():
    part = next(c for c in build_tree(WRAPPED).children if c.label == "I")
    first, second = part.children[:2]
    assert first.title == "Tình hình thu sự nghiệp" and "liên doanh, liên kết" in first.blocks[0].text
    assert second.title == "Tình hình chi thường xuyên"
    assert "trích lập các quỹ" in second.blocks[0].text and "Tổng số thu" not in second.blocks[0].text


def test_a_run_begins_at_its_first_number():
    text = WRAPPED.replace("1. Tình hình thu sự nghiệp:", "Tình hình thu sự nghiệp:").replace("3. Khó khăn", "Khó khăn")
    labels = [c.label for c in build_tree(text).children[1].children]
    assert "2" not in labels  # "2." alone: a long item with neither a sibling before it nor a first number


def test_an_item_stating_after_a_colon_goes_on_over_its_wrapped_line():
    # A text PDF's contact item wrapped inside a person's name: the name's last word opens the next line in upper case.
    text = ("5. Đầu mối liên hệ\n"
            "a) Về Biểu số 03/KHĐT, số liệu vốn đầu tư công và tiến độ giải ngân: bà Lò Thị\n"
            "Xuân, chuyên viên Phòng Kế hoạch, điện thoại 0212.3852.447.\n"
            "b) Về tài khoản phần mềm: ông Cầm Văn Dũng, di động 0912.604.338.\n")
    blocks = [b.text for b in to_blocks(text)]
    assert any("bà Lò Thị Xuân, chuyên viên" in b for b in blocks)
    # A short numbered heading alone on its line still starts its part.
    assert [b for b in to_blocks("1. Kinh phí thực hiện\nNgân sách xã bảo đảm.\n")][0].text == "1. Kinh phí thực hiện"
