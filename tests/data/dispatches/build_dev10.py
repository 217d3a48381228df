"""Build the dev test dispatch 46/UBND-VHXH (text PDF, invented content).

Ủy ban nhân dân xã Na Sang (tỉnh Điện Biên, chính quyền địa phương 2 cấp sau sắp xếp năm 2025)
asks villages (thôn, bản), schools and the xã's departments for a quick report on pupils who dropped
out / are at risk of dropping out in semester I of school year 2025 - 2026.
Run with /work/main/.venv/bin/python.
"""
import datetime
import pathlib

from fpdf import FPDF
from fpdf.fonts import FontFace

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_B = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
OUT = pathlib.Path(__file__).with_name("cv-46-UBND-VHXH-2026-hoc-sinh-bo-hoc.pdf")

RECIPIENTS = [
    "Kính gửi:",
    "- Trưởng các thôn, bản trên địa bàn xã;",
    "- Hiệu trưởng các trường mầm non, tiểu học, trung học cơ sở, phổ thông dân tộc bán trú trên địa bàn xã;",
    "- Phòng Văn hóa - Xã hội xã;",
    "- Phòng Kinh tế xã;",
    "- Văn phòng HĐND và UBND xã.",
]

PREAMBLE = [
    "Căn cứ Luật Giáo dục số 43/2019/QH14 ngày 14/6/2019;",
    "Căn cứ Nghị định số 66/2025/NĐ-CP ngày 12/3/2025 của Chính phủ quy định chính sách cho trẻ em nhà "
    "trẻ, học sinh, học viên ở vùng đồng bào dân tộc thiểu số và miền núi, vùng bãi ngang ven biển, hải "
    "đảo và cơ sở giáo dục có trẻ em nhà trẻ, học sinh hưởng chính sách;",
    "Thực hiện Công văn số 2874/SGDĐT-GDPT ngày 26/12/2025 của Sở Giáo dục và Đào tạo tỉnh Điện Biên về "
    "việc duy trì sĩ số, phòng, chống học sinh bỏ học trước và sau Tết Nguyên đán Bính Ngọ năm 2026;",
    "Năm học 2024 - 2025, trên địa bàn xã có 31 học sinh bỏ học (tỷ lệ 1,7%), chủ yếu là học sinh trung "
    "học cơ sở người dân tộc Mông ở các bản vùng cao; nguyên nhân chính là theo gia đình đi làm thuê, "
    "tảo hôn và hoàn cảnh gia đình khó khăn. Để kịp thời nắm bắt tình hình, có giải pháp vận động học "
    "sinh trở lại lớp, phấn đấu đưa tỷ lệ học sinh bỏ học năm học 2025 - 2026 xuống dưới 1%, Ủy ban "
    "nhân dân xã đề nghị các cơ quan, đơn vị, thôn, bản thực hiện các nội dung sau:",
]

SECTIONS = [
    ("1. Đối với Hiệu trưởng các trường", [
        "a) Rà soát sĩ số từng lớp; lập danh sách học sinh đã bỏ học và học sinh nghỉ học liên tục từ 05 "
        "ngày trở lên không có lý do (gọi chung là học sinh có nguy cơ bỏ học) theo Mẫu số 01 kèm theo "
        "Công văn này;",
        "b) Phân công giáo viên chủ nhiệm phối hợp với trưởng thôn, bản đến từng gia đình vận động; ghi rõ "
        "kết quả vào cột \"Kết quả vận động\" của Mẫu số 01;",
        "c) Báo cáo việc chi trả hỗ trợ tiền ăn và hỗ trợ gạo 15 kg/học sinh/tháng cho học sinh bán trú "
        "theo Nghị định số 66/2025/NĐ-CP; số học sinh chưa được nhận hỗ trợ và lý do.",
    ]),
    ("2. Đối với Trưởng các thôn, bản", [
        "a) Nắm danh sách trẻ em trong độ tuổi đi học đang cư trú tại thôn, bản nhưng không đến lớp, kể cả "
        "học sinh theo gia đình đi làm ăn xa ngoài tỉnh;",
        "b) Phối hợp với nhà trường vận động gia đình đưa con em trở lại lớp; báo cáo ngay các trường hợp "
        "tảo hôn, kết hôn cận huyết thống có liên quan đến học sinh;",
        "c) Ký xác nhận vào danh sách của nhà trường đối với học sinh cư trú tại thôn, bản mình.",
    ]),
    ("3. Đối với các phòng, đơn vị thuộc Ủy ban nhân dân xã", [
        "a) Phòng Văn hóa - Xã hội là đầu mối tiếp nhận, tổng hợp, tham mưu Ủy ban nhân dân xã báo cáo Sở "
        "Giáo dục và Đào tạo trước ngày 23/01/2026;",
        "b) Phòng Kinh tế rà soát học sinh thuộc hộ nghèo, hộ cận nghèo có nguy cơ bỏ học để đề xuất hỗ trợ "
        "từ Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và "
        "miền núi;",
        "c) Văn phòng HĐND và UBND xã đưa tin về công tác vận động học sinh ra lớp trên hệ thống loa truyền "
        "thanh của xã và các bản, bằng tiếng Việt và tiếng Mông.",
    ]),
    ("4. Thời kỳ số liệu, thời hạn và hình thức báo cáo", [
        "a) Số liệu báo cáo tính từ ngày 05/9/2025 đến ngày 09/01/2026;",
        "b) Báo cáo gửi về Ủy ban nhân dân xã (qua Phòng Văn hóa - Xã hội) trước 16 giờ 30 ngày 19/01/2026. "
        "Bản giấy có chữ ký, đóng dấu (đối với trường học) hoặc chữ ký của trưởng thôn, bản; bản điện tử "
        "(tệp .xlsx) gửi qua Hệ thống quản lý văn bản và điều hành hoặc thư điện tử "
        "vhxh.nasang@dienbien.gov.vn;",
        "c) Sau kỳ nghỉ Tết, từ ngày 23/02/2026, các trường báo cáo nhanh qua điện thoại số học sinh chưa "
        "trở lại lớp trước 10 giờ 00 hằng ngày trong tuần đầu đi học.",
    ]),
]

CLOSING = [
    "Thôn, bản, đơn vị nào chậm báo cáo hoặc báo cáo không đúng thực tế sẽ bị nêu tên tại cuộc họp giao "
    "ban tháng 01/2026 của Ủy ban nhân dân xã và là căn cứ đánh giá, xếp loại thi đua năm 2026.",
    "Chi tiết xin liên hệ ông Lò Văn Thanh, công chức Phòng Văn hóa - Xã hội, điện thoại: 0215.3768.215, "
    "di động: 0915.482.637.",
    "Ủy ban nhân dân xã đề nghị các cơ quan, đơn vị, thôn, bản khẩn trương thực hiện./.",
]

RECEIVERS = [
    "Nơi nhận:",
    "- Như trên;",
    "- Sở Giáo dục và Đào tạo tỉnh (để b/c);",
    "- TT Đảng ủy, TT HĐND xã (để b/c);",
    "- Chủ tịch, các PCT UBND xã;",
    "- Công an xã (để phối hợp);",
    "- Ủy ban MTTQ Việt Nam xã (để phối hợp);",
    "- Lưu: VT, VHXH.",
]

SIGNER = ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(đã ký)", "", "Quàng Thị Hương"]

COLUMNS = (
    "TT",
    "Họ và tên học sinh",
    "Lớp",
    "Dân tộc",
    "Thôn, bản cư trú",
    "Tình trạng (đã bỏ học/ có nguy cơ bỏ học)",
    "Số ngày nghỉ học liên tục",
    "Nguyên nhân",
    "Kết quả vận động",
    "Ghi chú",
)
ROWS = [
    ("I", "Học sinh đã bỏ học", "", "", "", "", "", "", "", ""),
    ("1", "", "", "", "", "", "", "", "", ""),
    ("2", "", "", "", "", "", "", "", "", ""),
    ("II", "Học sinh có nguy cơ bỏ học", "", "", "", "", "", "", "", ""),
    ("1", "", "", "", "", "", "", "", "", ""),
    ("2", "", "", "", "", "", "", "", "", ""),
    ("", "Tổng cộng", "", "", "", "", "", "", "", ""),
]

FORM_NOTE = (
    "Ghi chú: Cột \"Nguyên nhân\" ghi một trong các nhóm: hoàn cảnh gia đình khó khăn; theo gia đình đi "
    "làm ăn xa; tảo hôn; học lực yếu; nguyên nhân khác (ghi cụ thể). Cột \"Kết quả vận động\" ghi: đã trở "
    "lại lớp (ghi ngày); đang vận động; không vận động được. Học sinh thuộc hộ nghèo, hộ cận nghèo ghi vào "
    "cột \"Ghi chú\"."
)


def build(path=OUT):
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime.datetime(2026, 1, 12, 8, 0, 0, tzinfo=datetime.timezone.utc))
    pdf.set_margins(20, 15, 15)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_font("DejaVu", "B", FONT_B)
    pdf.add_page()

    pdf.set_font("DejaVu", size=10)
    pdf.cell(70, 5, "ỦY BAN NHÂN DÂN", align="C")
    pdf.set_font("DejaVu", "B", 10)
    pdf.cell(105, 5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(70, 5, "XÃ NA SANG", align="C")
    pdf.cell(105, 5, "Độc lập - Tự do - Hạnh phúc", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("DejaVu", size=10)
    pdf.cell(70, 5, "Số: 46/UBND-VHXH", align="C")
    pdf.cell(105, 5, "Na Sang, ngày 12 tháng 01 năm 2026", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=9)
    pdf.multi_cell(70, 4.5, "V/v báo cáo nhanh tình hình học sinh bỏ học, có nguy cơ bỏ học học kỳ I "
                   "năm học 2025 - 2026", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    pdf.set_font("DejaVu", size=10.5)
    for line in RECIPIENTS:
        pdf.set_x(35)
        pdf.multi_cell(0, 5.5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for line in PREAMBLE:
        pdf.multi_cell(0, 5.5, line, new_x="LMARGIN", new_y="NEXT")
    for title, parts in SECTIONS:
        pdf.set_font("DejaVu", "B", 10.5)
        pdf.multi_cell(0, 5.5, title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", size=10.5)
        for p in parts:
            pdf.multi_cell(0, 5.5, p, new_x="LMARGIN", new_y="NEXT")
    for line in CLOSING:
        pdf.multi_cell(0, 5.5, line, new_x="LMARGIN", new_y="NEXT")

    pdf.ln(4)
    if pdf.get_y() > 230:
        pdf.add_page()
    pdf.set_font("DejaVu", size=9)
    y = pdf.get_y()
    for line in RECEIVERS:
        pdf.cell(90, 4.5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(y)
    pdf.set_font("DejaVu", "B", 10)
    for line in SIGNER:
        pdf.set_x(115)
        pdf.cell(75, 5, line, align="C", new_x="LMARGIN", new_y="NEXT")

    # Mẫu số 01 on a landscape page
    pdf.add_page(orientation="L")
    pdf.set_font("DejaVu", "B", 10.5)
    pdf.cell(0, 6, "Mẫu số 01", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, "DANH SÁCH HỌC SINH BỎ HỌC, CÓ NGUY CƠ BỎ HỌC HỌC KỲ I NĂM HỌC 2025 - 2026",
                   align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=9)
    pdf.multi_cell(0, 5, "(Kèm theo Công văn số 46/UBND-VHXH ngày 12/01/2026 của Ủy ban nhân dân xã Na Sang)",
                   align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    pdf.cell(130, 5, "Trường/thôn, bản: ......................................")
    pdf.cell(0, 5, "Kỳ số liệu: từ 05/9/2025 đến 09/01/2026", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    with pdf.table(col_widths=(10, 42, 14, 18, 28, 32, 22, 32, 30, 24), text_align="CENTER",
                   line_height=4.5, headings_style=FontFace(emphasis="BOLD")) as table:
        for r in (COLUMNS, *ROWS):
            row = table.row()
            for c in r:
                row.cell(c)
    pdf.ln(3)
    pdf.multi_cell(0, 5, FORM_NOTE, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    y = pdf.get_y()
    pdf.set_x(30)
    pdf.multi_cell(80, 5, "Người lập biểu\n(Ký, ghi rõ họ tên)", align="C")
    pdf.set_xy(170, y)
    pdf.multi_cell(90, 5, "THỦ TRƯỞNG ĐƠN VỊ/TRƯỞNG THÔN, BẢN\n(Ký, ghi rõ họ tên)", align="C")
    pdf.output(str(path))
    return path


if __name__ == "__main__":
    print(build())
