"""A numbered item too long for a heading is still a part of its own when it follows a numbered sibling, so that
the citation names it ("2. Đối với …") and not the part before ("1.c"). Its own dispatch, in no benchmark set."""

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
