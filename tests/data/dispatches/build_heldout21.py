"""Build the held-out test dispatch 764/VPĐP-NTM (Văn phòng Điều phối Chương trình nông thôn mới tỉnh Quảng Trị)
as a TEXT PDF with fpdf2: báo cáo kết quả xây dựng nông thôn mới, nông thôn mới nâng cao, kiểu mẫu năm 2026 và
kế hoạch năm 2027.
A4; letterhead is a two-column table without borders; Phụ lục I - Biểu số 01/NTM is a drawn table on a landscape
page (two-row header, money columns under one merged heading, rows grouped by nhóm tiêu chí I-V);
Phụ lục II - Biểu số 02/OCOP is a drawn table with rows grouped I-IV."""
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

OUT = Path(__file__).with_name("cv-764-VPDP-NTM-2026-bao-cao-nong-thon-moi.pdf")
FD = "/usr/share/fonts/truetype/dejavu/"
SOHIEU = "764/VPĐP-NTM"
KEM = (f"(Kèm theo Công văn số {SOHIEU} ngày 04/12/2026 của Văn phòng Điều phối nông thôn mới "
       "tỉnh Quảng Trị)")

pdf = FPDF(orientation="P", unit="mm", format="A4")
pdf.set_margins(22, 18, 18)
pdf.set_auto_page_break(True, 18)
pdf.add_font("S", "", FD + "DejaVuSerif.ttf")
pdf.add_font("S", "B", FD + "DejaVuSerif-Bold.ttf")
pdf.add_font("S", "I", FD + "DejaVuSerif-Italic.ttf")
pdf.add_font("S", "BI", FD + "DejaVuSerif-BoldItalic.ttf")
pdf.add_page()

B = FontFace(emphasis="BOLD")
I = FontFace(emphasis="ITALICS")

# ---- letterhead: two-column table without borders (Nghị định 30/2020)
pdf.set_font("S", "", 9.5)
with pdf.table(col_widths=(80, 90), borders_layout="NONE", text_align="CENTER",
               first_row_as_headings=False, line_height=5, padding=0.5) as t:
    r = t.row(); r.cell("UBND TỈNH QUẢNG TRỊ"); r.cell("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", style=B)
    r = t.row(); r.cell("VĂN PHÒNG ĐIỀU PHỐI\nCHƯƠNG TRÌNH NÔNG THÔN MỚI TỈNH", style=B)
    r.cell("Độc lập - Tự do - Hạnh phúc", style=B)
    r = t.row(); r.cell(f"Số: {SOHIEU}"); r.cell("Quảng Trị, ngày 04 tháng 12 năm 2026", style=I)
    r = t.row()
    r.cell("V/v báo cáo kết quả xây dựng nông thôn mới năm 2026 và kế hoạch năm 2027")
    r.cell("")
pdf.ln(4)

pdf.set_font("S", "", 11.5)
pdf.cell(25, 6, "Kính gửi:")
pdf.multi_cell(0, 6, "- Ủy ban nhân dân các xã trên địa bàn tỉnh;\n"
                     "- Các sở, ngành thành viên Ban Chỉ đạo các Chương trình mục tiêu quốc gia tỉnh;\n"
                     "- Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh.")
pdf.ln(2)

BODY = [
    ("", "Căn cứ Nghị định số 27/2022/NĐ-CP ngày 19/4/2022 của Chính phủ quy định cơ chế quản lý, tổ chức "
         "thực hiện các chương trình mục tiêu quốc gia, được sửa đổi, bổ sung bởi Nghị định số 38/2023/NĐ-CP "
         "ngày 24/6/2023;"),
    ("", "Căn cứ Quyết định số 148/QĐ-TTg ngày 24/02/2023 của Thủ tướng Chính phủ ban hành Bộ tiêu chí và quy "
         "trình đánh giá, phân hạng sản phẩm Chương trình mỗi xã một sản phẩm (OCOP);"),
    ("", "Thực hiện Kế hoạch số 92/KH-UBND ngày 17/3/2026 của Ủy ban nhân dân tỉnh về thực hiện Chương trình "
         "mục tiêu quốc gia xây dựng nông thôn mới năm 2026;"),
    ("", "Đến ngày 30/11/2026, toàn tỉnh có 58/69 xã đạt chuẩn nông thôn mới (84,1%), trong đó 19 xã đạt chuẩn "
         "nông thôn mới nâng cao và 04 xã đạt chuẩn nông thôn mới kiểu mẫu; bình quân đạt 17,8 tiêu chí/xã; "
         "toàn tỉnh có 312 sản phẩm OCOP đạt từ 3 sao trở lên. Để tổng hợp, báo cáo Ban Chỉ đạo các Chương "
         "trình mục tiêu quốc gia tỉnh và Văn phòng Điều phối nông thôn mới Trung ương, Văn phòng Điều phối "
         "nông thôn mới tỉnh đề nghị các cơ quan, đơn vị thực hiện các nội dung sau:"),
    ("B", "1. Báo cáo kết quả thực hiện năm 2026"),
    ("", "a) Kết quả thực hiện Bộ tiêu chí xã nông thôn mới, nông thôn mới nâng cao, nông thôn mới kiểu mẫu: "
         "số tiêu chí đạt, tiêu chí tăng thêm trong năm, tiêu chí bị sụt giảm so với năm 2025 và nguyên nhân; "
         "tổng hợp theo Biểu số 01/NTM tại Phụ lục I."),
    ("", "b) Kết quả huy động, sử dụng nguồn lực chia theo 04 nguồn: vốn ngân sách trung ương; vốn ngân sách "
         "địa phương (tỉnh, xã); vốn lồng ghép từ các chương trình, dự án khác; vốn huy động doanh nghiệp và "
         "cộng đồng dân cư (tiền mặt, ngày công, hiến đất quy đổi thành tiền). Nêu rõ số vốn ngân sách trung "
         "ương đã giải ngân đến ngày 30/11/2026 và ước giải ngân đến ngày 31/01/2027."),
    ("", "c) Nợ đọng xây dựng cơ bản trong xây dựng nông thôn mới (nếu có): số tiền, công trình và phương án "
         "xử lý; tuyệt đối không để phát sinh nợ đọng mới, không huy động quá sức dân."),
    ("", "d) Kết quả Chương trình OCOP: số sản phẩm được công nhận mới, số sản phẩm được nâng hạng sao, số "
         "sản phẩm hết hiệu lực chứng nhận 36 tháng nhưng chưa đánh giá lại; tổng hợp theo Biểu số 02/OCOP "
         "tại Phụ lục II."),
    ("B", "2. Kế hoạch năm 2027"),
    ("", "a) Xã chưa đạt chuẩn đăng ký các tiêu chí phấn đấu đạt trong năm 2027 và lộ trình thực hiện. Mục "
         "tiêu năm 2027 toàn tỉnh có thêm ít nhất 05 xã đạt chuẩn nông thôn mới, 06 xã đạt chuẩn nông thôn "
         "mới nâng cao và 02 xã đạt chuẩn nông thôn mới kiểu mẫu."),
    ("", "b) Xã đã đạt chuẩn trước năm 2022 rà soát, xây dựng kế hoạch nâng chất lượng các tiêu chí đã đạt, "
         "nhất là tiêu chí Thu nhập, Nghèo đa chiều và Môi trường và an toàn thực phẩm."),
    ("", "c) Nhu cầu vốn năm 2027 ghi theo 04 nguồn như cột vốn của Biểu số 01/NTM; vốn ngân sách tỉnh đề nghị "
         "hỗ trợ không vượt quá 120% số vốn ngân sách tỉnh đã bố trí năm 2026."),
    ("", "d) Mỗi xã đăng ký ít nhất 01 sản phẩm tham gia đánh giá, phân hạng OCOP năm 2027, ghi tại mục IV "
         "của Biểu số 02/OCOP; hồ sơ xét công nhận xã đạt chuẩn năm 2027 gửi trước ngày 30/9/2027."),
    ("B", "3. Thời kỳ số liệu"),
    ("", "Số liệu báo cáo tính từ ngày 01/01/2026 đến hết ngày 30/11/2026 và ước thực hiện đến ngày 31/12/2026; "
         "mức đạt tiêu chí đánh giá theo hiện trạng tại thời điểm 30/11/2026."),
    ("B", "4. Thời hạn, hình thức gửi báo cáo"),
    ("", "a) Ủy ban nhân dân các xã gửi báo cáo (kèm Biểu số 01/NTM và Biểu số 02/OCOP) về Văn phòng Điều phối "
         "nông thôn mới tỉnh trước 16 giờ 00 ngày 21/12/2026."),
    ("", "b) Các sở, ngành được giao phụ trách tiêu chí gửi báo cáo đánh giá tiêu chí thuộc lĩnh vực quản lý "
         "trước ngày 24/12/2026."),
    ("", "c) Bản giấy có chữ ký, đóng dấu gửi về Văn phòng Điều phối nông thôn mới tỉnh, tầng 3, trụ sở Sở Nông "
         "nghiệp và Môi trường, số 126 đường Lý Thường Kiệt, phường Đồng Hới, tỉnh Quảng Trị; bản điện tử (tệp "
         ".docx và .xlsx) gửi qua Hệ thống quản lý văn bản và điều hành, đồng thời gửi thư điện tử "
         "vpdpntm@quangtri.gov.vn."),
    ("", "d) Số liệu Biểu số 01/NTM cập nhật trên Phần mềm giám sát, đánh giá Chương trình nông thôn mới tỉnh "
         "tại địa chỉ https://ntm.quangtri.gov.vn bằng tài khoản đã cấp cho xã."),
    ("B", "5. Tổ chức thực hiện"),
    ("", "a) Chủ tịch Ủy ban nhân dân xã chịu trách nhiệm về tính chính xác của số liệu; số liệu vốn ngân sách "
         "phải khớp với số liệu xác nhận của Kho bạc Nhà nước."),
    ("", "b) Xã gửi báo cáo chậm hoặc số liệu không khớp sẽ bị nêu tên tại Hội nghị tổng kết Chương trình năm "
         "2026 của Ban Chỉ đạo tỉnh và không được xem xét hỗ trợ vốn thưởng công trình phúc lợi năm 2027."),
    ("", "c) Văn phòng Điều phối nông thôn mới tỉnh kiểm tra thực tế tại một số xã từ ngày 05/01/2027 đến "
         "ngày 15/01/2027."),
    ("", "Trong quá trình thực hiện, nếu có vướng mắc, đề nghị liên hệ: về tiêu chí, nguồn vốn và Biểu số "
         "01/NTM: ông Trần Đình Lộc, Phó Chánh Văn phòng Điều phối nông thôn mới tỉnh, điện thoại "
         "0232.3823.509, di động 0913.482.617, e-mail locdt.vpdp@quangtri.gov.vn; về Chương trình OCOP và "
         "Biểu số 02/OCOP: bà Nguyễn Thị Thùy Dung, chuyên viên, di động 0945.316.728, e-mail "
         "ocop.vpdp@quangtri.gov.vn."),
    ("", "Văn phòng Điều phối nông thôn mới tỉnh đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện./."),
]
for style, text in BODY:
    pdf.set_font("S", style, 11.5)
    pdf.multi_cell(0, 5.8, text, align="J" if not style else "L")
    pdf.ln(1)

# ---- Nơi nhận + signer: two columns without borders
pdf.ln(2)
y = pdf.get_y()
if y > 225:
    pdf.add_page(); y = pdf.get_y()
pdf.set_xy(22, y)
pdf.set_font("S", "BI", 10.5)
pdf.cell(80, 5, "Nơi nhận:")
pdf.set_font("S", "", 9.5)
pdf.set_xy(22, y + 5)
pdf.multi_cell(88, 4.4, "- Như trên;\n- Ban Chỉ đạo các CTMTQG tỉnh (để b/c);\n- UBND tỉnh (để b/c);\n"
                        "- Văn phòng Điều phối nông thôn mới Trung ương (để b/c);\n"
                        "- Sở Nông nghiệp và Môi trường, Sở Tài chính;\n- Lưu: VT, NTM.")
pdf.set_xy(112, y)
pdf.set_font("S", "B", 11.5)
pdf.multi_cell(78, 5.6, "KT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG", align="C")
pdf.set_xy(112, y + 14)
pdf.set_font("S", "I", 10.5)
pdf.multi_cell(78, 5.6, "(đã ký)", align="C")
pdf.set_xy(112, y + 30)
pdf.set_font("S", "B", 11.5)
pdf.multi_cell(78, 5.6, "Lê Hữu Thịnh", align="C")

# ---- Phụ lục I - Biểu số 01/NTM: landscape, two-row header, grouped rows
pdf.add_page(orientation="L")
pdf.set_font("S", "B", 11)
pdf.cell(0, 6, "Phụ lục I - Biểu số 01/NTM", align="R", new_x="LMARGIN", new_y="NEXT")
pdf.cell(0, 6, "KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ XÃ NÔNG THÔN MỚI NĂM 2026 VÀ KẾ HOẠCH NĂM 2027", align="C",
         new_x="LMARGIN", new_y="NEXT")
pdf.set_font("S", "I", 9.5)
pdf.cell(0, 5, KEM, align="C", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("S", "", 9.5)
pdf.cell(0, 6, "Xã: ..................   Mức đạt chuẩn hiện tại: ..................   "
               "Kỳ số liệu: từ 01/01/2026 đến 30/11/2026", new_x="LMARGIN", new_y="NEXT")
pdf.ln(1)
pdf.set_font("S", "", 8.5)
groups = [
    ("I", "Quy hoạch", ["Quy hoạch"]),
    ("II", "Hạ tầng kinh tế - xã hội", ["Giao thông", "Thủy lợi và phòng, chống thiên tai", "Điện",
                                        "Trường học", "Cơ sở vật chất văn hóa",
                                        "Cơ sở hạ tầng thương mại nông thôn", "Thông tin và Truyền thông",
                                        "Nhà ở dân cư"]),
    ("III", "Kinh tế và tổ chức sản xuất", ["Thu nhập", "Nghèo đa chiều", "Lao động",
                                            "Tổ chức sản xuất và phát triển kinh tế nông thôn"]),
    ("IV", "Văn hóa - Xã hội - Môi trường", ["Giáo dục và Đào tạo", "Y tế", "Văn hóa",
                                              "Môi trường và an toàn thực phẩm"]),
    ("V", "Hệ thống chính trị - Quốc phòng, an ninh", ["Hệ thống chính trị và tiếp cận pháp luật",
                                                        "Quốc phòng và An ninh"]),
]
with pdf.table(col_widths=(11, 62, 22, 22, 22, 23, 23, 22, 22, 24), text_align="CENTER",
               line_height=3.6, num_heading_rows=3) as t:
    h = t.row()
    h.cell("STT", rowspan=2)
    h.cell("Tên tiêu chí", rowspan=2)
    h.cell("Kết quả đến 31/12/2025", rowspan=2)
    h.cell("Kết quả đến 30/11/2026", rowspan=2)
    h.cell("Kế hoạch năm 2027", rowspan=2)
    h.cell("Vốn thực hiện năm 2026 (triệu đồng)", colspan=4)
    h.cell("Ghi chú", rowspan=2)
    h = t.row()
    for name in ("Ngân sách trung ương", "Ngân sách địa phương", "Vốn lồng ghép", "Vốn huy động"):
        h.cell(name)
    t.row([f"({i})" for i in range(1, 11)])
    k = 0
    for roman, gname, items in groups:
        r = t.row()
        r.cell(roman, style=B)
        r.cell(gname, style=B, align="LEFT")
        for _ in range(8):
            r.cell("")
        for name in items:
            k += 1
            r = t.row()
            r.cell(str(k))
            r.cell(name, align="LEFT")
            for _ in range(8):
                r.cell("")
    r = t.row()
    r.cell("")
    r.cell("Tổng cộng", style=B, align="LEFT")
    for _ in range(8):
        r.cell("")
pdf.ln(2)
pdf.set_font("S", "I", 9)
for line in [
    "Ghi chú: Cột (3), (4), (5) ghi \"Đạt\" hoặc \"Chưa đạt\"; dòng Tổng cộng ghi số tiêu chí đạt trên 19 tiêu chí.",
    "Vốn lồng ghép là vốn của các chương trình, dự án khác thực hiện trên địa bàn xã.",
    "Vốn huy động gồm đóng góp của doanh nghiệp, cộng đồng dân cư (tiền mặt, ngày công, hiến đất quy đổi).",
]:
    pdf.cell(0, 4.8, line, new_x="LMARGIN", new_y="NEXT")
pdf.ln(3)
pdf.set_font("S", "", 10)
y = pdf.get_y()
if y > 185:
    pdf.add_page(orientation="L"); y = pdf.get_y()
pdf.set_xy(30, y)
pdf.multi_cell(90, 5, "Người lập biểu\n(Ký, ghi rõ họ tên)", align="C")
pdf.set_xy(170, y)
pdf.multi_cell(100, 5, "TM. ỦY BAN NHÂN DÂN XÃ\nCHỦ TỊCH\n(Ký tên, đóng dấu)", align="C")

# ---- Phụ lục II - Biểu số 02/OCOP
pdf.add_page(orientation="L")
pdf.set_font("S", "B", 11)
pdf.cell(0, 6, "Phụ lục II - Biểu số 02/OCOP", align="R", new_x="LMARGIN", new_y="NEXT")
pdf.cell(0, 6, "KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH OCOP NĂM 2026 VÀ ĐĂNG KÝ SẢN PHẨM NĂM 2027", align="C",
         new_x="LMARGIN", new_y="NEXT")
pdf.set_font("S", "I", 9.5)
pdf.cell(0, 5, KEM, align="C", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("S", "", 9.5)
pdf.cell(0, 6, "Xã: ..................", new_x="LMARGIN", new_y="NEXT")
pdf.ln(1)
pdf.set_font("S", "", 8.5)
ohead = ["STT", "Tên sản phẩm", "Chủ thể sản xuất", "Loại hình chủ thể", "Nhóm sản phẩm", "Hạng sao",
         "Ngày hết hiệu lực chứng nhận", "Doanh thu năm 2026 (triệu đồng)", "Ghi chú"]
ogroups = [
    ("I", "Sản phẩm được công nhận mới năm 2026"),
    ("II", "Sản phẩm được đánh giá lại, nâng hạng sao"),
    ("III", "Sản phẩm hết hiệu lực chứng nhận chưa đánh giá lại"),
    ("IV", "Sản phẩm đăng ký đánh giá, phân hạng năm 2027"),
]
with pdf.table(col_widths=(11, 58, 40, 24, 30, 17, 28, 29, 26), text_align="CENTER", line_height=4.3) as t:
    t.row(ohead)
    for roman, gname in ogroups:
        r = t.row()
        r.cell(roman, style=B)
        r.cell(gname, style=B, align="LEFT", colspan=8)
        for k in ("1", "..."):
            r = t.row()
            r.cell(k)
            for _ in range(8):
                r.cell("")
    r = t.row()
    r.cell("")
    r.cell("Tổng cộng", style=B, align="LEFT")
    for _ in range(7):
        r.cell("")
pdf.ln(2)
pdf.set_font("S", "I", 9)
for line in [
    "Ghi chú: Loại hình chủ thể ghi HTX (hợp tác xã), DN (doanh nghiệp), THT (tổ hợp tác) hoặc HKD (hộ kinh doanh).",
    "Cột Hạng sao ghi 3, 4 hoặc 5 sao; mục IV không ghi hạng sao và ngày hết hiệu lực.",
]:
    pdf.cell(0, 4.8, line, new_x="LMARGIN", new_y="NEXT")
pdf.ln(3)
pdf.set_font("S", "", 10)
y = pdf.get_y()
pdf.set_xy(30, y)
pdf.multi_cell(90, 5, "Người lập biểu\n(Ký, ghi rõ họ tên)", align="C")
pdf.set_xy(170, y)
pdf.multi_cell(100, 5, "TM. ỦY BAN NHÂN DÂN XÃ\nCHỦ TỊCH\n(Ký tên, đóng dấu)", align="C")

pdf.output(str(OUT))
print("wrote", OUT)
