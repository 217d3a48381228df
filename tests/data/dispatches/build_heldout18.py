"""Build the held-out test dispatch 1286/SNNMT-CNTY (Sở Nông nghiệp và Môi trường tỉnh An Giang) as a TEXT PDF
with fpdf2: báo cáo tình hình dịch bệnh động vật, dịch tả lợn châu Phi.
A4; letterhead is a two-column table without borders; Biểu 01/DB-XA and Biểu 02/TP are drawn tables."""
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

OUT = Path(__file__).with_name("cv-1286-SNNMT-CNTY-2026-bao-cao-dich-ta-lon-chau-phi.pdf")
FD = "/usr/share/fonts/truetype/dejavu/"

pdf = FPDF(orientation="P", unit="mm", format="A4")
pdf.set_margins(22, 18, 18)
pdf.set_auto_page_break(True, 18)
pdf.add_font("S", "", FD + "DejaVuSerif.ttf")
pdf.add_font("S", "B", FD + "DejaVuSerif-Bold.ttf")
pdf.add_font("S", "I", FD + "DejaVuSerif-Italic.ttf")
pdf.add_font("S", "BI", FD + "DejaVuSerif-BoldItalic.ttf")
pdf.add_page()

# ---- letterhead: two-column table without borders (Nghị định 30/2020)
pdf.set_font("S", "", 10)
B = FontFace(emphasis="BOLD")
I = FontFace(emphasis="ITALICS")
with pdf.table(col_widths=(82, 88), borders_layout="NONE", text_align="CENTER",
               first_row_as_headings=False, line_height=5, padding=0.5) as t:
    r = t.row(); r.cell("UBND TỈNH AN GIANG"); r.cell("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", style=B)
    r = t.row(); r.cell("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", style=B); r.cell("Độc lập - Tự do - Hạnh phúc", style=B)
    r = t.row(); r.cell("Số: 1286/SNNMT-CNTY"); r.cell("An Giang, ngày 12 tháng 3 năm 2026", style=I)
    r = t.row(); r.cell("V/v báo cáo tình hình dịch bệnh động vật và tăng cường phòng, chống bệnh Dịch tả lợn châu Phi")
    r.cell("")
pdf.ln(4)

pdf.set_font("S", "", 11.5)
pdf.cell(25, 6, "Kính gửi:")
pdf.multi_cell(0, 6, "- Ủy ban nhân dân các xã, phường, đặc khu;\n- Các Trạm Chăn nuôi và Thú y khu vực.")
pdf.ln(2)

BODY = [
    ("", "Căn cứ Luật Thú y số 79/2015/QH13 ngày 19 tháng 6 năm 2015; Nghị định số 09/2025/NĐ-CP ngày 10 tháng 01 "
         "năm 2025 của Chính phủ về chính sách hỗ trợ sản xuất nông nghiệp để khôi phục sản xuất vùng bị thiệt hại "
         "do thiên tai, dịch bệnh; Thông tư số 18/2025/TT-BNNMT ngày 20 tháng 6 năm 2025 của Bộ trưởng Bộ Nông "
         "nghiệp và Môi trường quy định về phòng, chống dịch bệnh động vật trên cạn;"),
    ("", "Từ ngày 01/01/2026 đến ngày 10/3/2026, bệnh Dịch tả lợn châu Phi đã xảy ra tại 27 hộ chăn nuôi thuộc "
         "9 thôn, ấp của 6 xã, buộc phải tiêu hủy 412 con lợn với tổng trọng lượng 21.630 kg; bệnh Lở mồm long "
         "móng trên trâu, bò xuất hiện tại 2 xã. Tỷ lệ tiêm phòng vắc xin Dịch tả lợn châu Phi mới đạt 31,5% "
         "tổng đàn lợn. Để kịp thời nắm bắt và xử lý dịch bệnh, Sở Nông nghiệp và Môi trường đề nghị các đơn vị "
         "thực hiện các nội dung sau:"),
    ("B", "I. CHẾ ĐỘ BÁO CÁO"),
    ("", "1. Báo cáo đột xuất: trong vòng 24 giờ kể từ khi phát hiện ổ dịch mới (động vật có triệu chứng nghi mắc "
         "bệnh hoặc có kết quả xét nghiệm dương tính), Ủy ban nhân dân cấp xã báo cáo nhanh bằng điện thoại, sau "
         "đó gửi văn bản kèm Biểu 01/DB-XA."),
    ("", "2. Báo cáo tuần: gửi vào thứ Năm hằng tuần, trước 15 giờ 00; số liệu tính từ thứ Năm tuần trước đến "
         "thứ Tư tuần báo cáo. Ổ dịch chưa qua 21 ngày vẫn phải tiếp tục báo cáo; xã không có dịch vẫn gửi báo cáo "
         "và ghi rõ \"không phát sinh ổ dịch\"."),
    ("", "3. Báo cáo tháng: gửi trước ngày 25 hằng tháng; số liệu tính từ ngày 20 tháng trước đến ngày 19 tháng "
         "báo cáo, gồm Biểu 01/DB-XA tổng hợp cả tháng và Biểu 02/TP về kết quả tiêm phòng."),
    ("", "4. Nơi nhận báo cáo: Phòng Chăn nuôi và Thú y, Sở Nông nghiệp và Môi trường, đồng gửi Trạm Chăn nuôi và "
         "Thú y khu vực phụ trách địa bàn; bản điện tử (file Excel và bản scan có chữ ký, đóng dấu) gửi qua "
         "Hệ thống quản lý văn bản điều hành và thư điện tử phongcnty.snnmt@angiang.gov.vn."),
    ("B", "II. NHIỆM VỤ CỦA ỦY BAN NHÂN DÂN CÁC XÃ, PHƯỜNG, ĐẶC KHU"),
    ("", "1. Giám sát, phát hiện dịch bệnh"),
    ("", "a) Chỉ đạo nhân viên thú y cấp xã kiểm tra các hộ chăn nuôi, nhất là hộ nuôi nhỏ lẻ dưới 50 con; "
         "b) Lấy mẫu gửi Trạm Chăn nuôi và Thú y khu vực xét nghiệm khi có lợn ốm, chết không rõ nguyên nhân."),
    ("", "2. Xử lý ổ dịch"),
    ("", "a) Tiêu hủy toàn bộ lợn mắc bệnh, lợn chết ngay trong ngày phát hiện, không để quá 48 giờ; nghiêm cấm "
         "bán chạy, giết mổ, vứt xác lợn ra môi trường; b) Phun khử trùng khu vực ổ dịch, lập chốt kiểm soát "
         "vận chuyển; ổ dịch qua 21 ngày không phát sinh lợn mắc bệnh mới thì đề nghị công bố hết dịch."),
    ("", "3. Tiêm phòng: tổ chức tiêm vắc xin Dịch tả lợn châu Phi bảo đảm đạt tối thiểu 80% tổng đàn lợn thuộc diện "
         "tiêm trước ngày 30/6/2026; hộ nghèo, hộ cận nghèo được hỗ trợ 100% kinh phí mua vắc xin."),
    ("", "4. Hỗ trợ lợn tiêu hủy: mức hỗ trợ 38.000 đồng/kg hơi đối với lợn thịt và 45.000 đồng/kg hơi đối với lợn "
         "nái, lợn đực giống; hồ sơ đề nghị hỗ trợ gửi về Sở trong 30 ngày kể từ ngày công bố hết dịch."),
    ("B", "III. TRÁCH NHIỆM CỦA TRẠM CHĂN NUÔI VÀ THÚ Y KHU VỰC"),
    ("", "Hướng dẫn nghiệp vụ, xác minh ổ dịch, tổng hợp báo cáo của các xã trong khu vực gửi Phòng Chăn nuôi và "
         "Thú y trước 16 giờ 30 thứ Năm hằng tuần."),
    ("B", "IV. TỔ CHỨC THỰC HIỆN"),
    ("", "Trường hợp che giấu dịch, không báo cáo hoặc báo cáo chậm quá 24 giờ, Chủ tịch Ủy ban nhân dân cấp xã "
         "chịu trách nhiệm trước Chủ tịch UBND tỉnh; hộ chăn nuôi không khai báo, bán chạy lợn bệnh sẽ không được "
         "xét hỗ trợ và bị xử phạt theo quy định."),
    ("", "Thông tin chi tiết xin liên hệ bà Lê Thị Ngọc Hân, chuyên viên Phòng Chăn nuôi và Thú y, điện thoại "
         "0296.3852.417, di động 0918.274.605, e-mail: phongcnty.snnmt@angiang.gov.vn."),
    ("", "Biểu 01/DB-XA (ổ dịch theo thôn, ấp) gồm các cột: Thôn, ấp; Tên bệnh; Ngày phát hiện; Số hộ; Số con mắc "
         "bệnh; Số con tiêu hủy; Trọng lượng tiêu hủy (kg). Biểu 02/TP (tiêm phòng) ghi số con được tiêm theo loại "
         "vắc xin: Dịch tả lợn châu Phi, Tai xanh, Lở mồm long móng, Dại chó mèo."),
]
for style, text in BODY:
    pdf.set_font("S", style, 11.5)
    pdf.multi_cell(0, 5.8, text, align="J" if not style else "L")
    pdf.ln(1)

# ---- Nơi nhận + signer: two columns without borders
pdf.ln(2)
y = pdf.get_y()
if y > 235:
    pdf.add_page(); y = pdf.get_y()
pdf.set_xy(22, y)
pdf.set_font("S", "BI", 10.5)
pdf.cell(80, 5, "Nơi nhận:")
pdf.set_font("S", "", 9.5)
pdf.set_xy(22, y + 5)
pdf.multi_cell(85, 4.4, "- Như trên;\n- UBND tỉnh (để b/c);\n- Cục Chăn nuôi và Thú y (để b/c);\n"
                        "- Giám đốc Sở (để b/c);\n- Lưu: VT, CNTY.")
pdf.set_xy(110, y)
pdf.set_font("S", "B", 11.5)
pdf.multi_cell(80, 5.6, "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", align="C")
pdf.set_xy(110, y + 30)
pdf.multi_cell(80, 5.6, "Nguyễn Hữu Phước", align="C")

# ---- forms
pdf.add_page()
pdf.set_font("S", "B", 11.5)
pdf.cell(0, 6, "Biểu 01/DB-XA", align="R", new_x="LMARGIN", new_y="NEXT")
pdf.cell(0, 6, "BÁO CÁO Ổ DỊCH BỆNH ĐỘNG VẬT THEO THÔN, ẤP", align="C", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("S", "I", 10.5)
pdf.cell(0, 6, "Xã/phường/đặc khu: ........................  Kỳ báo cáo: từ ngày ....... đến ngày .......",
         align="C", new_x="LMARGIN", new_y="NEXT")
pdf.ln(2)
pdf.set_font("S", "", 8.5)
with pdf.table(col_widths=(10, 24, 22, 20, 13, 18, 18, 22, 19), text_align="CENTER", line_height=4.2) as t:
    t.row(["STT", "Thôn, ấp", "Tên bệnh", "Ngày phát hiện", "Số hộ", "Số con mắc bệnh", "Số con tiêu hủy",
           "Trọng lượng tiêu hủy (kg)", "Ghi chú"])
    t.row([str(i) for i in range(1, 10)])
    for _ in range(3):
        t.row(["", "", "", "", "", "", "", "", ""])
    t.row(["", "Cộng", "", "", "", "", "", "", ""])

pdf.ln(10)
pdf.set_font("S", "B", 11.5)
pdf.cell(0, 6, "Biểu 02/TP", align="R", new_x="LMARGIN", new_y="NEXT")
pdf.cell(0, 6, "KẾT QUẢ TIÊM PHÒNG VẮC XIN CHO ĐÀN VẬT NUÔI", align="C", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("S", "I", 10.5)
pdf.cell(0, 6, "Tháng ...... năm 2026", align="C", new_x="LMARGIN", new_y="NEXT")
pdf.ln(2)
pdf.set_font("S", "", 8.5)
with pdf.table(col_widths=(10, 28, 20, 22, 20, 22, 22, 22), text_align="CENTER", line_height=4.2) as t:
    t.row(["STT", "Thôn, ấp", "Tổng đàn lợn (con)", "Dịch tả lợn châu Phi (con)", "Tai xanh (con)",
           "Lở mồm long móng (con)", "Dại chó mèo (con)", "Tỷ lệ tiêm DTLCP (%)"])
    t.row([str(i) for i in range(1, 9)])
    for _ in range(3):
        t.row(["", "", "", "", "", "", "", ""])
    t.row(["", "Cộng", "", "", "", "", "", ""])

pdf.output(str(OUT))
print("wrote", OUT)
