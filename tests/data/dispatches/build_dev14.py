"""Build the test dispatch 2871/SNV-CCVC (Sở Nội vụ tỉnh Quảng Trị) as a TEXT PDF with fpdf2:
báo cáo kết quả đào tạo, bồi dưỡng cán bộ, công chức, viên chức năm 2026 và kế hoạch năm 2027.
Biểu số 01/ĐTBD and Biểu số 02/ĐTBD are real PDF tables with group rows."""
from pathlib import Path
from fpdf import FPDF
from fpdf.fonts import FontFace

OUT = Path(__file__).with_name("cv-2871-SNV-CCVC-2026-dao-tao-boi-duong.pdf")
FD = "/usr/share/fonts/truetype/dejavu/"

pdf = FPDF(format="A4")
pdf.set_margins(25, 18, 18)
pdf.set_auto_page_break(True, 18)
pdf.add_font("S", "", FD + "DejaVuSerif.ttf")
pdf.add_font("S", "B", FD + "DejaVuSerif-Bold.ttf")
pdf.add_font("S", "I", FD + "DejaVuSerif-Italic.ttf")
pdf.add_font("S", "BI", FD + "DejaVuSerif-BoldItalic.ttf")
pdf.add_page()

LW = 70  # left column width of the letterhead
RX = 25 + LW + 5
RW = 210 - 18 - RX


def head_pair(left, right, lstyle="", rstyle="", size=10.5, h=5.5):
    y = pdf.get_y()
    pdf.set_font("S", lstyle, size)
    pdf.set_xy(25, y)
    pdf.cell(LW, h, left, align="C")
    pdf.set_font("S", rstyle, size)
    pdf.set_xy(RX, y)
    pdf.cell(RW, h, right, align="C")
    pdf.set_xy(25, y + h)


head_pair("UBND TỈNH QUẢNG TRỊ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "", "B", 10)
head_pair("SỞ NỘI VỤ", "Độc lập - Tự do - Hạnh phúc", "B", "B", 10.5)
pdf.ln(3)
head_pair("Số: 2871/SNV-CCVC", "Quảng Trị, ngày 20 tháng 11 năm 2026", "", "I", 11)
y = pdf.get_y() + 1
pdf.set_xy(25, y)
pdf.set_font("S", "", 9.5)
pdf.multi_cell(LW, 4.6, "V/v báo cáo kết quả đào tạo, bồi dưỡng cán bộ, công chức, viên chức năm 2026 và kế hoạch năm 2027", align="C")
pdf.ln(5)

pdf.set_font("S", "", 11.5)
pdf.set_x(45)
pdf.cell(25, 6, "Kính gửi:")
pdf.set_x(70)
pdf.multi_cell(0, 6, "- Các sở, ban, ngành cấp tỉnh;\n- Các đơn vị sự nghiệp công lập thuộc UBND tỉnh;\n- UBND các xã, phường, đặc khu Cồn Cỏ.")
pdf.ln(3)

BODY = [
    ("", "Căn cứ Nghị định số 101/2017/NĐ-CP ngày 01/9/2017 của Chính phủ về đào tạo, bồi dưỡng cán bộ, công chức, viên chức và Nghị định số 89/2021/NĐ-CP ngày 18/10/2021 sửa đổi, bổ sung một số điều của Nghị định số 101/2017/NĐ-CP; Thông tư số 01/2018/TT-BNV ngày 08/01/2018 của Bộ trưởng Bộ Nội vụ hướng dẫn một số điều của Nghị định số 101/2017/NĐ-CP; Kế hoạch số 318/KH-UBND ngày 26/12/2025 của UBND tỉnh về đào tạo, bồi dưỡng cán bộ, công chức, viên chức năm 2026;"),
    ("", "Để tổng hợp, báo cáo UBND tỉnh và Bộ Nội vụ, Sở Nội vụ đề nghị các cơ quan, đơn vị, địa phương thực hiện các nội dung sau:"),
    ("B", "1. Báo cáo kết quả đào tạo, bồi dưỡng năm 2026"),
    ("", "a) Đánh giá tình hình triển khai Kế hoạch số 318/KH-UBND tại cơ quan, đơn vị: số lớp đã tổ chức, số lượt cán bộ, công chức, viên chức được cử đi đào tạo, bồi dưỡng; tỷ lệ hoàn thành so với kế hoạch được giao; kinh phí thực hiện chia theo từng nguồn (ngân sách tỉnh, kinh phí của cơ quan, đơn vị, nguồn xã hội hóa)."),
    ("", "b) Đánh giá riêng kết quả bồi dưỡng kỹ năng số: mục tiêu năm 2026 là ít nhất 70% công chức, viên chức được bồi dưỡng kỹ năng chuyển đổi số cơ bản; đơn vị chưa đạt chỉ tiêu phải nêu rõ nguyên nhân."),
    ("", "c) Nêu khó khăn, vướng mắc, đề xuất, kiến nghị (nếu có)."),
    ("", "Số liệu tổng hợp theo Biểu số 01/ĐTBD kèm theo; số liệu tính từ ngày 15/12/2025 đến ngày 14/12/2026. Một người tham gia nhiều lớp thì tính theo số lượt tham gia."),
    ("B", "2. Kế hoạch đào tạo, bồi dưỡng năm 2027"),
    ("", "a) Kế hoạch phải căn cứ vào vị trí việc làm, tiêu chuẩn ngạch, chức danh nghề nghiệp và quy hoạch cán bộ của cơ quan, đơn vị; ưu tiên bồi dưỡng theo vị trí việc làm, kỹ năng lãnh đạo, quản lý và chuyển đổi số."),
    ("", "b) Nêu rõ nhu cầu cử đi đào tạo trình độ thạc sĩ, tiến sĩ (nếu có) và dự toán kinh phí đề nghị cấp tỉnh bảo đảm. Kinh phí dự kiến không vượt quá 110% kinh phí thực hiện năm 2026, trừ trường hợp có nhiệm vụ mới được cấp có thẩm quyền giao."),
    ("", "Kế hoạch tổng hợp theo Biểu số 02/ĐTBD kèm theo."),
    ("B", "3. Thời hạn và hình thức gửi"),
    ("", "- Kế hoạch năm 2027 (Biểu số 02/ĐTBD) gửi trước ngày 05/12/2026 để Sở Nội vụ tổng hợp, trình UBND tỉnh bố trí dự toán."),
    ("", "- Báo cáo kết quả năm 2026 (văn bản và Biểu số 01/ĐTBD) gửi trước ngày 18/12/2026."),
    ("", "- Văn bản giấy gửi về Sở Nội vụ (qua Phòng Công chức, viên chức), số 45 Hùng Vương, phường Đông Hà, tỉnh Quảng Trị; bản điện tử (file .docx và .xlsx) gửi qua thư điện tử ccvc.snv@quangtri.gov.vn, đồng thời cập nhật số liệu trên phần mềm Hệ thống quản lý hồ sơ cán bộ của tỉnh."),
    ("B", "4. Tổ chức thực hiện"),
    ("", "Thủ trưởng các cơ quan, đơn vị, Chủ tịch UBND các xã, phường, đặc khu chịu trách nhiệm về tính chính xác của số liệu báo cáo. Cơ quan, đơn vị gửi báo cáo chậm hoặc không đầy đủ sẽ được Sở Nội vụ tổng hợp, báo cáo UBND tỉnh và đưa vào kết quả đánh giá, xếp loại chất lượng năm 2026 đối với người đứng đầu. Đơn vị không gửi kế hoạch năm 2027 sẽ không được bố trí kinh phí bồi dưỡng từ ngân sách tỉnh trong năm 2027."),
    ("", "Trong quá trình thực hiện, nếu có vướng mắc, đề nghị liên hệ bà Hoàng Thị Minh Thư, chuyên viên Phòng Công chức, viên chức, Sở Nội vụ; điện thoại: 0233.3852.416, di động: 0914.627.358; e-mail: htmthu.snv@quangtri.gov.vn."),
    ("", "Sở Nội vụ đề nghị các cơ quan, đơn vị, địa phương quan tâm, phối hợp thực hiện./."),
]
for style, text in BODY:
    pdf.set_font("S", style, 11.5)
    pdf.set_x(25)
    pdf.multi_cell(0, 6, ("          " if not text.startswith("-") else "     ") + text if style == "" else "     " + text, align="J")
    pdf.ln(1)

pdf.ln(4)
if pdf.get_y() > 230:
    pdf.add_page()
y = pdf.get_y()
pdf.set_font("S", "BI", 10.5)
pdf.set_xy(25, y)
pdf.cell(80, 5, "Nơi nhận:")
pdf.set_font("S", "", 9.5)
pdf.set_xy(25, y + 5)
pdf.multi_cell(80, 4.6, "- Như trên;\n- Bộ Nội vụ (để b/c);\n- UBND tỉnh (để b/c);\n- Giám đốc, các Phó Giám đốc Sở;\n- Trường Chính trị Lê Duẩn;\n- Lưu: VT, CCVC.")
pdf.set_font("S", "B", 11.5)
pdf.set_xy(115, y)
pdf.cell(77, 6, "GIÁM ĐỐC", align="C")
pdf.set_font("S", "I", 10)
pdf.set_xy(115, y + 24)
pdf.cell(77, 6, "(Đã ký)", align="C")
pdf.set_font("S", "B", 11.5)
pdf.set_xy(115, y + 32)
pdf.cell(77, 6, "Nguyễn Đăng Khoa", align="C")

GROUPS01 = [
    ("I", "Bồi dưỡng lý luận chính trị", ["Cao cấp lý luận chính trị", "Trung cấp lý luận chính trị"]),
    ("II", "Quản lý nhà nước", ["Chương trình chuyên viên chính", "Chương trình chuyên viên"]),
    ("III", "Kiến thức, kỹ năng chuyên ngành", ["Bồi dưỡng theo vị trí việc làm", "Bồi dưỡng lãnh đạo cấp phòng"]),
    ("IV", "Chuyển đổi số", ["Kỹ năng số cơ bản", "An toàn thông tin"]),
]


def form(title, subtitle, headers, widths, groups, note):
    pdf.add_page(orientation="L")
    pdf.set_font("S", "B", 12)
    pdf.cell(0, 7, title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("S", "I", 10.5)
    pdf.multi_cell(0, 5.5, subtitle, align="C")
    pdf.ln(1)
    pdf.set_font("S", "I", 9.5)
    pdf.cell(0, 5, "(Kèm theo Công văn số 2871/SNV-CCVC ngày 20/11/2026 của Sở Nội vụ)", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("S", "", 10)
    pdf.cell(0, 6, "Tên cơ quan, đơn vị: ......................................................", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    pdf.set_font("S", "", 9)
    n = len(headers)
    with pdf.table(col_widths=widths, text_align="CENTER", line_height=5,
                   headings_style=FontFace(emphasis="BOLD")) as t:
        r = t.row()
        for h in headers:
            r.cell(h)
        r = t.row()
        for i in range(n):
            r.cell(f"({i + 1})")
        for roman, name, subs in groups:
            r = t.row(style=FontFace(emphasis="BOLD"))
            r.cell(roman)
            r.cell(name, align="LEFT")
            for _ in range(n - 2):
                r.cell("")
            for j, s in enumerate(subs, 1):
                r = t.row()
                r.cell(str(j))
                r.cell(s, align="LEFT")
                for _ in range(n - 2):
                    r.cell("")
        r = t.row(style=FontFace(emphasis="BOLD"))
        r.cell("")
        r.cell("Tổng cộng", align="LEFT")
        for _ in range(n - 2):
            r.cell("")
    pdf.ln(2)
    pdf.set_font("S", "I", 9.5)
    pdf.multi_cell(0, 5, note)


form("Biểu số 01/ĐTBD",
     "KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC NĂM 2026\n(Số liệu từ ngày 15/12/2025 đến ngày 14/12/2026)",
     ["STT", "Nội dung/loại hình bồi dưỡng", "Số lớp", "Số lượt người", "Trong đó nữ",
      "Trong đó người dân tộc thiểu số", "Kinh phí thực hiện (triệu đồng)", "Nguồn kinh phí"],
     [12, 78, 20, 24, 22, 32, 32, 34], GROUPS01,
     "Ghi chú: Cột (4) Số lượt người: một người tham gia nhiều lớp thì tính nhiều lượt; cột (5) và cột (6) là số lượt nữ, "
     "số lượt người dân tộc thiểu số thuộc cột (4). Cột (7) Kinh phí thực hiện tính bằng triệu đồng. "
     "Cột (8) Nguồn kinh phí ghi rõ: NST (ngân sách tỉnh), ĐV (kinh phí của cơ quan, đơn vị), XHH (xã hội hóa).")

form("Biểu số 02/ĐTBD",
     "KẾ HOẠCH ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC NĂM 2027",
     ["STT", "Nội dung/loại hình bồi dưỡng", "Số lớp dự kiến", "Số lượt người dự kiến",
      "Thời gian tổ chức (quý)", "Dự toán kinh phí (triệu đồng)", "Nguồn kinh phí", "Ghi chú"],
     [12, 78, 22, 26, 26, 32, 34, 24], GROUPS01,
     "Ghi chú: Cột (3) Số lớp dự kiến và cột (4) Số lượt người dự kiến tính cho cả năm 2027. Cột (5) Thời gian tổ chức ghi quý "
     "dự kiến mở lớp (Quý I, II, III, IV). Cột (6) Dự toán kinh phí (triệu đồng) không vượt quá 110% kinh phí thực hiện năm 2026.")

pdf.output(str(OUT))
print(OUT)
