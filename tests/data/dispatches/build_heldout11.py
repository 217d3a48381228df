"""Build the held-out test dispatch 1534/BHXH-QLT (text PDF, invented content).

Bảo hiểm xã hội tỉnh Nghệ An asks the Sở GD&ĐT, schools, universities/colleges and xã/phường
to report monthly and finally on health-insurance (BHYT) enrolment of pupils and students for
school year 2026 - 2027.  Run with /work/main/.venv/bin/python.
"""
import datetime
import pathlib

from fpdf import FPDF
from fpdf.fonts import FontFace

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_B = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
OUT = pathlib.Path(__file__).with_name("cv-1534-BHXH-QLT-2026-bhyt-hoc-sinh-sinh-vien.pdf")

RECIPIENTS = [
    "Kính gửi:",
    "- Sở Giáo dục và Đào tạo tỉnh Nghệ An;",
    "- Ủy ban nhân dân các xã, phường trên địa bàn tỉnh;",
    "- Các trường đại học, cao đẳng trên địa bàn tỉnh;",
    "- Các cơ sở giáo dục mầm non, phổ thông, giáo dục thường xuyên.",
]

PREAMBLE = [
    "Căn cứ Luật Bảo hiểm y tế số 25/2008/QH12 ngày 14/11/2008, được sửa đổi, bổ sung bởi Luật số "
    "51/2024/QH15 ngày 27/11/2024;",
    "Căn cứ Nghị định số 188/2025/NĐ-CP ngày 01/7/2025 của Chính phủ quy định chi tiết và hướng dẫn "
    "thi hành một số điều của Luật Bảo hiểm y tế;",
    "Năm học 2025 - 2026, toàn tỉnh có 612.480 học sinh, sinh viên tham gia bảo hiểm y tế (BHYT), đạt "
    "tỷ lệ 98,6%. "
    "Để hoàn thành chỉ tiêu 100% học sinh, sinh viên tham gia BHYT năm học 2026 - 2027, Bảo hiểm xã "
    "hội tỉnh đề nghị các cơ quan, đơn vị thực hiện một số nội dung sau:",
]

SECTIONS = [
    ("1. Mức đóng và phần hỗ trợ của ngân sách", [
        "a) Mức đóng BHYT học sinh, sinh viên bằng 4,5% mức lương cơ sở; với mức lương cơ sở 2.340.000 "
        "đồng/tháng, mức đóng là 105.300 đồng/người/tháng;",
        "b) Ngân sách nhà nước hỗ trợ 50% mức đóng; học sinh, sinh viên tự đóng 50% còn lại, tương đương "
        "631.800 đồng/người/12 tháng. Ngân sách tỉnh hỗ trợ thêm 20% mức đóng cho học sinh thuộc hộ gia "
        "đình cận nghèo đang cư trú tại các xã khu vực III;",
        "c) Thẻ BHYT học sinh có giá trị sử dụng từ ngày 01/01/2027 đến ngày 31/12/2027; học sinh lớp 1 "
        "và sinh viên năm thứ nhất được cấp thẻ có giá trị từ ngày 01/10/2026.",
    ]),
    ("2. Chế độ báo cáo", [
        "a) Báo cáo hằng tháng: các trường tổng hợp số liệu theo Biểu số 01/BHYT-HSSV kèm theo Công văn "
        "này, số liệu tính đến hết ngày cuối tháng, gửi Bảo hiểm xã hội cơ sở trước ngày 05 hằng tháng, "
        "bắt đầu từ kỳ báo cáo tháng 9/2026;",
        "b) Báo cáo kết thúc đợt thu: số liệu chốt đến hết ngày 30/11/2026, gửi Bảo hiểm xã hội tỉnh "
        "(qua Phòng Quản lý thu) chậm nhất ngày 10/12/2026, kèm danh sách học sinh chưa tham gia và lý do;",
        "c) Báo cáo gửi bằng văn bản và bản điện tử (định dạng .xlsx) qua Hệ thống quản lý văn bản.",
    ]),
    ("3. Trách nhiệm của các cơ quan, đơn vị", [
        "a) Sở Giáo dục và Đào tạo chỉ đạo các trường đưa chỉ tiêu tham gia BHYT vào tiêu chí xét thi đua "
        "năm học 2026 - 2027;",
        "b) Ủy ban nhân dân các xã, phường chỉ đạo rà soát học sinh thuộc hộ cận nghèo, hộ nghèo để cấp "
        "thẻ kịp thời; tổng hợp số liệu các trường trên địa bàn theo từng xã, phường;",
        "c) Trường hợp trường chậm báo cáo 02 kỳ liên tiếp, Bảo hiểm xã hội tỉnh sẽ có văn bản nêu tên gửi "
        "Sở Giáo dục và Đào tạo và Ủy ban nhân dân tỉnh; học sinh của trường có thể bị gián đoạn quyền "
        "lợi BHYT do chậm chuyển danh sách.",
    ]),
]

CLOSING = [
    "Đầu mối liên hệ: bà Lê Thị Thanh Huyền, Phó Trưởng phòng Quản lý thu, Bảo hiểm xã hội tỉnh; điện "
    "thoại 0238.3569.214 hoặc 0915.372.648; e-mail: huyenltt.qlt@nghean.vss.gov.vn.",
    "Bảo hiểm xã hội tỉnh Nghệ An đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện./.",
]

RECEIVERS = [
    "Nơi nhận:",
    "- Như trên;",
    "- BHXH Việt Nam (Ban Thu) (để b/c);",
    "- UBND tỉnh Nghệ An (để b/c);",
    "- Giám đốc, các Phó Giám đốc;",
    "- BHXH cơ sở;",
    "- Lưu: VT, QLT.",
]

SIGNER = ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", "", "Hoàng Văn Tuấn"]

COLUMNS = ["STT", "Xã, phường / Cấp học", "Tổng số HS, SV", "Số đã tham gia BHYT",
           "Tham gia theo nhóm khác", "Tỷ lệ tham gia (%)", "Số tiền đã thu (đồng)", "Ghi chú"]
NUMS = ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"]
ROWS = [
    ["I", "Xã/phường ...", "", "", "", "", "", ""],
    ["1", "Mầm non", "", "", "", "", "", ""],
    ["2", "Tiểu học", "", "", "", "", "", ""],
    ["3", "THCS", "", "", "", "", "", ""],
    ["4", "THPT", "", "", "", "", "", ""],
    ["5", "Cao đẳng, đại học", "", "", "", "", "", ""],
    ["", "Cộng xã/phường", "", "", "", "", "", ""],
    ["II", "Xã/phường ...", "", "", "", "", "", ""],
    ["", "Tổng cộng", "", "", "", "", "", ""],
]
FORM_NOTE = [
    "Ghi chú:",
    "- Cột (3), (4), (5) tính bằng người.",
    "- Cột (4) gồm cả học sinh, sinh viên đã có thẻ BHYT theo nhóm đối tượng khác (hộ nghèo, dân tộc "
    "thiểu số...); số này ghi riêng ở cột (5).",
    "- Cột (6) = Cột (4) / Cột (3) x 100, lấy hai chữ số thập phân.",
    "- Cột (7) chỉ ghi số tiền học sinh, sinh viên tự đóng, không gồm phần ngân sách hỗ trợ.",
    "- Mỗi xã, phường ghi thành một nhóm dòng; trường liên cấp tách số liệu theo từng cấp học.",
]


def build(path=OUT):
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime.datetime(2026, 8, 18, 8, 0, 0, tzinfo=datetime.timezone.utc))
    pdf.set_margins(20, 15, 15)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_font("DejaVu", "B", FONT_B)
    pdf.add_page()

    pdf.set_font("DejaVu", size=10)
    pdf.cell(75, 5, "BẢO HIỂM XÃ HỘI VIỆT NAM", align="C")
    pdf.set_font("DejaVu", "B", 10)
    pdf.cell(100, 5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(75, 5, "BẢO HIỂM XÃ HỘI TỈNH NGHỆ AN", align="C")
    pdf.cell(100, 5, "Độc lập - Tự do - Hạnh phúc", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("DejaVu", size=10)
    pdf.cell(75, 5, "Số: 1534/BHXH-QLT", align="C")
    pdf.cell(100, 5, "Nghệ An, ngày 18 tháng 8 năm 2026", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=9)
    pdf.multi_cell(75, 4.5, "V/v báo cáo kết quả thực hiện BHYT học sinh, sinh viên năm học 2026 - 2027",
                   align="C", new_x="LMARGIN", new_y="NEXT")
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

    pdf.add_page(orientation="L")
    pdf.set_font("DejaVu", "B", 10.5)
    pdf.cell(0, 6, "Biểu số 01/BHYT-HSSV", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, "BÁO CÁO KẾT QUẢ THAM GIA BHYT HỌC SINH, SINH VIÊN NĂM HỌC 2026 - 2027",
                   align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=9)
    pdf.multi_cell(0, 5, "(Kèm theo Công văn số 1534/BHXH-QLT ngày 18/8/2026 của Bảo hiểm xã hội tỉnh Nghệ An)",
                   align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    pdf.cell(130, 5, "Đơn vị báo cáo: ......................................")
    pdf.cell(0, 5, "Kỳ báo cáo: tháng ..../20....", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("DejaVu", size=8.5)
    with pdf.table(col_widths=(10, 40, 30, 40, 48, 34, 40, 20), text_align="CENTER",
                   line_height=4.5, headings_style=FontFace(emphasis="BOLD")) as table:
        for r in (COLUMNS, NUMS, *ROWS):
            row = table.row()
            for c in r:
                row.cell(c)
    pdf.ln(3)
    pdf.set_font("DejaVu", size=9)
    for line in FORM_NOTE:
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    y = pdf.get_y()
    pdf.set_x(30)
    pdf.multi_cell(80, 5, "Người lập biểu\n(Ký, ghi rõ họ tên)", align="C")
    pdf.set_xy(170, y)
    pdf.multi_cell(90, 5, "THỦ TRƯỞNG ĐƠN VỊ\n(Ký, ghi rõ họ tên, đóng dấu)", align="C")
    pdf.output(str(path))
    return path


if __name__ == "__main__":
    print(build())
