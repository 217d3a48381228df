"""Build the blind test dispatch 3726/BQLKKT-QLĐT (Ban Quản lý Khu kinh tế tỉnh Quảng Ninh) as a TEXT PDF with
fpdf2: báo cáo tình hình hoạt động của dự án đầu tư năm 2026 trong các khu kinh tế, khu công nghiệp và chế độ báo
cáo trên Hệ thống thông tin quốc gia về đầu tư.
A4; letterhead is a two-column table without borders; Biểu số 01/BQL is a drawn table (landscape page, wrapped
header cells); Biểu số 02/BQL is described in text lines."""
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

OUT = Path(__file__).with_name("cv-3726-BQLKKT-QLDT-2026-bao-cao-du-an-dau-tu-kkt-kcn.pdf")
FD = "/usr/share/fonts/truetype/dejavu/"

pdf = FPDF(orientation="P", unit="mm", format="A4")
pdf.set_margins(22, 18, 18)
pdf.set_auto_page_break(True, 18)
pdf.add_font("S", "", FD + "DejaVuSerif.ttf")
pdf.add_font("S", "B", FD + "DejaVuSerif-Bold.ttf")
pdf.add_font("S", "I", FD + "DejaVuSerif-Italic.ttf")
pdf.add_font("S", "BI", FD + "DejaVuSerif-BoldItalic.ttf")
pdf.add_page()

# ---- letterhead: two columns side by side, no borders (Nghị định 30/2020/NĐ-CP)
pdf.set_font("S", "", 10)
B = FontFace(emphasis="BOLD")
I = FontFace(emphasis="ITALICS")
with pdf.table(col_widths=(82, 88), borders_layout="NONE", text_align="CENTER",
               first_row_as_headings=False, line_height=5, padding=0.5) as t:
    r = t.row(); r.cell("UBND TỈNH QUẢNG NINH"); r.cell("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", style=B)
    r = t.row(); r.cell("BAN QUẢN LÝ KHU KINH TẾ", style=B); r.cell("Độc lập - Tự do - Hạnh phúc", style=B)
    r = t.row(); r.cell("Số: 3726/BQLKKT-QLĐT"); r.cell("Quảng Ninh, ngày 24 tháng 11 năm 2026", style=I)
    r = t.row(); r.cell("V/v báo cáo tình hình hoạt động của dự án đầu tư năm 2026 và thực hiện chế độ báo cáo "
                        "trên Hệ thống thông tin quốc gia về đầu tư")
    r.cell("")
pdf.ln(4)

pdf.set_font("S", "", 11.5)
pdf.cell(25, 6, "Kính gửi:")
pdf.multi_cell(0, 6, "- Các doanh nghiệp, tổ chức kinh tế có dự án đầu tư tại các khu kinh tế, khu công nghiệp "
                     "trên địa bàn tỉnh Quảng Ninh;\n"
                     "- Các doanh nghiệp đầu tư kinh doanh kết cấu hạ tầng khu công nghiệp.")
pdf.ln(2)

BODY = [
    ("", "Căn cứ Luật Đầu tư số 61/2020/QH14 ngày 17/6/2020;"),
    ("", "Căn cứ Nghị định số 31/2021/NĐ-CP ngày 26/3/2021 của Chính phủ quy định chi tiết và hướng dẫn thi hành "
         "một số điều của Luật Đầu tư; Nghị định số 29/2021/NĐ-CP ngày 26/3/2021 của Chính phủ về giám sát, "
         "đánh giá đầu tư;"),
    ("", "Căn cứ Thông tư số 03/2021/TT-BKHĐT ngày 09/4/2021 của Bộ trưởng Bộ Kế hoạch và Đầu tư quy định mẫu văn "
         "bản, báo cáo liên quan đến hoạt động đầu tư;"),
    ("", "Năm 2025, các khu kinh tế, khu công nghiệp trên địa bàn tỉnh có 286 dự án còn hiệu lực (trong đó 174 dự "
         "án có vốn đầu tư nước ngoài), vốn đầu tư thực hiện đạt 1.532 triệu USD, sử dụng 71.840 lao động; tuy "
         "nhiên mới có 68,5% doanh nghiệp cập nhật đủ báo cáo quý trên Hệ thống. Để "
         "tổng hợp, báo cáo Ủy ban nhân dân tỉnh, Ban Quản lý Khu kinh tế tỉnh đề nghị các doanh "
         "nghiệp thực hiện các nội dung sau:"),
    ("B", "1. Báo cáo tình hình hoạt động của dự án năm 2026"),
    ("", "a) Vốn đầu tư thực hiện trong năm 2026 và lũy kế từ khi được cấp Giấy chứng nhận đăng ký đầu tư, so với "
         "vốn đầu tư đăng ký; tiến độ góp vốn điều lệ;"),
    ("", "b) Lao động tại thời điểm 31/12/2026: tổng số, lao động nữ, lao động nước ngoài; thu nhập bình quân của "
         "người lao động (triệu đồng/người/tháng);"),
    ("", "c) Doanh thu thuần; kim ngạch xuất khẩu, nhập khẩu (triệu USD);"),
    ("", "d) Các khoản đã nộp ngân sách nhà nước (thuế, phí, lệ phí, tiền thuê đất);"),
    ("", "đ) Khó khăn, vướng mắc và kiến nghị."),
    ("", "Số liệu tổng hợp theo Biểu số 01/BQL kèm theo Công văn này; dự án đang xây dựng cơ bản, chưa có doanh "
         "thu chỉ ghi cột vốn đầu tư thực hiện và lao động."),
    ("B", "2. Dự kiến kế hoạch năm 2027"),
    ("", "Doanh nghiệp dự kiến các chỉ tiêu năm 2027 theo Biểu số 02/BQL; dự án chậm tiến độ so với Giấy chứng nhận "
         "đăng ký đầu tư phải nêu rõ nguyên nhân và mốc hoàn thành mới."),
    ("B", "3. Báo cáo trên Hệ thống thông tin quốc gia về đầu tư"),
    ("", "a) Doanh nghiệp báo cáo định kỳ hằng quý và hằng năm trên Hệ thống thông tin quốc gia "
         "về đầu tư tại địa chỉ https://dautuquocgia.mof.gov.vn bằng tài khoản được cấp khi đăng ký dự án;"),
    ("", "b) Báo cáo quý IV/2026 cập nhật trên Hệ thống chậm nhất ngày 10/01/2027; từ năm 2027, báo cáo quý cập "
         "nhật trước ngày 10 của tháng đầu quý liền sau;"),
    ("", "c) Doanh nghiệp bị mất tài khoản hoặc thay đổi người đại diện theo pháp luật liên hệ Ban để được cấp lại "
         "tài khoản trước ngày 15/12/2026."),
    ("B", "4. Thời kỳ số liệu, thời hạn và hình thức gửi báo cáo"),
    ("", "a) Số liệu báo cáo năm tính từ ngày 01/01/2026 đến hết ngày 31/12/2026; riêng số lao động tính tại thời "
         "điểm 31/12/2026."),
    ("", "b) Báo cáo năm 2026 (văn bản kèm Biểu số 01/BQL và Biểu số 02/BQL) gửi về Ban Quản lý Khu kinh tế tỉnh "
         "(qua Phòng Quản lý đầu tư) trước 16 giờ 00 ngày 20/01/2027."),
    ("", "c) Bản giấy có chữ ký, đóng dấu gửi về địa chỉ: tầng 6, Trụ sở Liên cơ quan số 3, phường Hồng Gai, "
         "tỉnh Quảng Ninh; bản điện tử (tệp .xlsx và bản scan .pdf) gửi qua thư điện tử "
         "qldt.bqlkkt@quangninh.gov.vn."),
    ("B", "5. Xử lý vi phạm chế độ báo cáo"),
    ("", "Doanh nghiệp không báo cáo, báo cáo chậm hoặc báo cáo không đầy đủ sẽ bị xử phạt vi phạm hành chính theo "
         "Nghị định số 122/2021/NĐ-CP ngày 28/12/2021 của Chính phủ quy định về xử phạt vi phạm hành chính trong "
         "lĩnh vực kế hoạch và đầu tư, mức phạt tiền từ 10.000.000 đồng đến 30.000.000 đồng; đồng thời bị nêu "
         "tên trên Trang thông tin điện tử của Ban và đưa vào danh sách kiểm tra, giám sát đầu tư năm 2027."),
    ("B", "6. Đầu mối liên hệ"),
    ("", "a) Về nội dung báo cáo, Biểu số 01/BQL và Biểu số 02/BQL: ông Phạm Đức Thuận, Phó Trưởng phòng Quản lý "
         "đầu tư, điện thoại 0203.3835.624, di động 0915.284.617, e-mail: thuanpd.bqlkkt@quangninh.gov.vn."),
    ("", "b) Về tài khoản trên Hệ thống thông tin quốc gia về đầu tư: bà Ngô Thị Lan Anh, chuyên viên Văn phòng "
         "Ban, di động 0986.430.158."),
    ("", "Đề nghị các doanh nghiệp thực hiện./."),
]
for style, text in BODY:
    pdf.set_font("S", style, 11.5)
    pdf.multi_cell(0, 5.8, text, align="J" if not style else "L")
    pdf.ln(1)

# ---- Nơi nhận (left) and signer block (right)
pdf.ln(2)
y = pdf.get_y()
if y > 225:
    pdf.add_page(); y = pdf.get_y()
pdf.set_xy(22, y)
pdf.set_font("S", "BI", 10.5)
pdf.cell(80, 5, "Nơi nhận:")
pdf.set_font("S", "", 9.5)
pdf.set_xy(22, y + 5)
pdf.multi_cell(85, 4.4, "- Như trên;\n- Bộ Tài chính (Cục Đầu tư nước ngoài) (để b/c);\n- UBND tỉnh (để b/c);\n"
                        "- Sở Tài chính, Thuế tỉnh Quảng Ninh (để phối hợp);\n"
                        "- Lưu: VT, QLĐT.")
pdf.set_xy(110, y)
pdf.set_font("S", "B", 11.5)
pdf.multi_cell(80, 5.6, "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN", align="C")
pdf.set_xy(110, y + 14)
pdf.set_font("S", "I", 10)
pdf.multi_cell(80, 5.6, "(đã ký)", align="C")
pdf.set_xy(110, y + 30)
pdf.set_font("S", "B", 11.5)
pdf.multi_cell(80, 5.6, "Hoàng Minh Đức", align="C")

# ---- Biểu số 01/BQL: drawn table, landscape, wrapped header cells
pdf.add_page(orientation="L")
pdf.set_font("S", "B", 11)
pdf.cell(0, 6, "Biểu số 01/BQL", align="R", new_x="LMARGIN", new_y="NEXT")
pdf.cell(0, 6, "TÌNH HÌNH HOẠT ĐỘNG CỦA CÁC DỰ ÁN ĐẦU TƯ NĂM 2026", align="C", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("S", "I", 9.5)
pdf.cell(0, 5, "(Kèm theo Công văn số 3726/BQLKKT-QLĐT ngày 24/11/2026 của Ban Quản lý Khu kinh tế tỉnh Quảng Ninh)",
         align="C", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("S", "", 9.5)
pdf.cell(0, 6, "Kỳ số liệu: từ 01/01/2026 đến 31/12/2026", new_x="LMARGIN", new_y="NEXT")
pdf.ln(1)
pdf.set_font("S", "", 8.5)
head = ["STT", "Tên dự án, địa điểm (khu kinh tế, khu công nghiệp)", "Vốn đầu tư đăng ký (triệu USD)",
        "Vốn đầu tư thực hiện năm 2026 (triệu USD)", "Lao động tại 31/12/2026 (người)",
        "Trong đó lao động nước ngoài (người)", "Doanh thu (tỷ đồng)", "Xuất khẩu (triệu USD)",
        "Nhập khẩu (triệu USD)", "Nộp ngân sách (tỷ đồng)", "Ghi chú"]
rows = [
    ("I", "Dự án đã đi vào sản xuất, kinh doanh"), ("1", ""), ("2", ""),
    ("II", "Dự án đang xây dựng cơ bản"), ("1", ""), ("2", ""),
    ("III", "Dự án tạm ngừng hoạt động"), ("1", ""),
    ("", "Tổng cộng"),
]
with pdf.table(col_widths=(10, 55, 22, 24, 22, 22, 20, 20, 20, 20, 22), text_align="CENTER",
               line_height=4.4) as t:
    t.row(head)
    for a, b in rows:
        r = t.row()
        r.cell(a)
        r.cell(b, style=B if a in ("I", "II", "III", "") else None, align="LEFT")
        for _ in range(9):
            r.cell("")
pdf.ln(2)
pdf.set_font("S", "I", 9.5)
pdf.multi_cell(0, 5, "Ghi chú: cột Nộp ngân sách gồm thuế, phí, lệ phí và tiền thuê đất đã nộp trong năm 2026.",
               new_x="LMARGIN", new_y="NEXT")
pdf.ln(4)

# ---- Biểu số 02/BQL: described in text lines
pdf.set_font("S", "B", 11)
pdf.cell(0, 6, "Biểu số 02/BQL", align="R", new_x="LMARGIN", new_y="NEXT")
pdf.cell(0, 6, "DỰ KIẾN KẾ HOẠCH SẢN XUẤT, KINH DOANH NĂM 2027", align="C", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("S", "I", 9.5)
pdf.cell(0, 5, "(Kèm theo Công văn số 3726/BQLKKT-QLĐT ngày 24/11/2026 của Ban Quản lý Khu kinh tế tỉnh Quảng Ninh)",
         align="C", new_x="LMARGIN", new_y="NEXT")
pdf.ln(1)
pdf.set_font("S", "", 10.5)
for line in [
    "Biểu gồm các cột: STT; Tên dự án; Vốn đầu tư dự kiến thực hiện năm 2027 (triệu USD);",
    "Lao động dự kiến (người); Doanh thu dự kiến (tỷ đồng); Xuất khẩu dự kiến (triệu USD);",
    "Nộp ngân sách dự kiến (tỷ đồng); Mốc hoàn thành mới (đối với dự án chậm tiến độ); Kiến nghị.",
    "Các dòng ghi theo ba nhóm như Biểu số 01/BQL; dòng cuối là Tổng cộng.",
]:
    pdf.cell(0, 5.6, line, new_x="LMARGIN", new_y="NEXT")
pdf.ln(4)
pdf.set_font("S", "", 10)
y = pdf.get_y()
pdf.set_xy(30, y)
pdf.multi_cell(90, 5, "Người lập biểu\n(Ký, ghi rõ họ tên)", align="C")
pdf.set_xy(170, y)
pdf.multi_cell(100, 5, "GIÁM ĐỐC DOANH NGHIỆP\n(Ký tên, đóng dấu)", align="C")

pdf.output(str(OUT))
print(OUT)
