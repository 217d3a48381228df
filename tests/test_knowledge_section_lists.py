"""What a numbered part of a letter asks, when its items run past the reply's length: the list of them, each item cut
short, rather than the first few items whole; in a part with lettered items and dashes under them, the lettered ones.
Their own dispatch, in no benchmark set."""

from knowledge.outline_answers import LIST_CHARS, MAX_LINES, section_answer

ITEMS = [
    "Sổ theo dõi công tác vệ sinh an toàn thực phẩm tại bếp ăn tập thể, hợp đồng mua nguyên liệu có nguồn gốc rõ "
    "ràng, giấy chứng nhận đủ điều kiện còn hiệu lực.",
    "Khu vực sơ chế, chế biến, chia suất ăn: bố trí một chiều, có lưới chống côn trùng, dụng cụ sống và chín để riêng, "
    "nền nhà không trơn trượt.",
    "Lưu mẫu thức ăn: đủ 24 giờ, đúng nhiệt độ bảo quản, có nhãn ghi ngày giờ lấy mẫu và người lấy mẫu, sổ lưu mẫu "
    "ghi đầy đủ.",
    "Nguồn nước dùng cho ăn uống: có kết quả xét nghiệm trong 06 tháng gần nhất, bể chứa có nắp đậy và được vệ sinh "
    "định kỳ hằng quý.",
    "Người trực tiếp chế biến: giấy khám sức khỏe còn hạn, giấy xác nhận kiến thức an toàn thực phẩm, trang phục bảo "
    "hộ khi làm việc.",
    "Chất thải: thùng rác có nắp, thu gom trong ngày, không để thức ăn thừa qua đêm trong khu vực chế biến của bếp ăn.",
]
LETTER = "\n".join([
    "UBND HUYỆN ĐAK PƠ", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "Số: 512/PGDĐT-YT",
    "V/v tự kiểm tra bếp ăn bán trú năm học 2026-2027", "", "Kính gửi: Hiệu trưởng các trường có học sinh bán trú.", "",
    "I. MỤC ĐÍCH", "Phòng ngừa ngộ độc thực phẩm tại các bếp ăn bán trú.", "",
    "II. NỘI DUNG TỰ KIỂM TRA",
    "Mỗi trường lập tổ tự kiểm tra do Phó Hiệu trưởng phụ trách bán trú làm tổ trưởng, kiểm tra các nội dung sau:",
    *[f"{n}. {item}" for n, item in enumerate(ITEMS, 1)], "",
    "III. NGUỒN KINH PHÍ",
    "Kinh phí tự kiểm tra do các trường bố trí từ nguồn chi thường xuyên được giao năm 2026, gồm:",
    "a) Mua sắm dụng cụ lưu mẫu",
    "- Tủ lạnh lưu mẫu chuyên dùng có nhiệt kế theo dõi nhiệt độ bảo quản hằng ngày.",
    "- Hộp lưu mẫu bằng thủy tinh hoặc inox có nắp kín, đủ cho mỗi món ăn của mỗi bữa trong tuần.",
    "- Nhãn ghi mẫu, sổ lưu mẫu thức ăn theo quy định của Bộ Y tế.",
    "b) Xét nghiệm mẫu nước",
    "- Mẫu nước sinh hoạt gửi Trung tâm Y tế huyện xét nghiệm các chỉ tiêu vi sinh và hóa lý cơ bản.",
    "- Mẫu nước uống đóng bình gửi kèm hóa đơn của nhà cung cấp để đối chiếu chất lượng với công bố.",
    "c) Tập huấn người chế biến",
    "- Thuê báo cáo viên của Trung tâm Y tế huyện, tối đa 02 buổi cho mỗi trường trong năm học.",
    "d) Thay thế dụng cụ chế biến đã hư hỏng", "",
    "Nơi nhận:", "- Như trên;", "- Lưu: VT.",
])


def test_a_part_longer_than_a_reply_lists_every_item_cut_short():
    typed = section_answer(LETTER, ["II"])
    assert typed is not None and typed.reply.startswith("II. NỘI DUNG TỰ KIỂM TRA")
    lines = typed.reply.split("\n")
    # Each of the six items shows its label and its first words; none is quoted whole.
    for n, item in enumerate(ITEMS, 1):
        line = next(ln for ln in lines if ln.startswith(f"{n}. "))
        assert item.startswith(line[3:].removesuffix(" …")) and line.endswith("…")
    assert len(typed.reply) <= LIST_CHARS and "…\n…" not in typed.reply


def test_a_part_with_lettered_items_and_dashes_lists_the_lettered_ones():
    typed = section_answer(LETTER, ["3"])  # officials write "mục 3" for "III."
    assert typed is not None and typed.reply.startswith("III. NGUỒN KINH PHÍ\nKinh phí tự kiểm tra")
    lines = typed.reply.split("\n")
    assert [ln[:2] for ln in lines[2:]] == ["a)", "b)", "c)", "d)"] and len(lines) <= MAX_LINES + 1


def test_a_short_part_is_quoted_whole():
    typed = section_answer(LETTER, ["I"])
    assert typed is not None and typed.reply == "I. MỤC ĐÍCH\nPhòng ngừa ngộ độc thực phẩm tại các bếp ăn bán trú."
