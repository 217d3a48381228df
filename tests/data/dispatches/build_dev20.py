"""Build the blind test dispatch 3184/SNV-CCHC (Sở Nội vụ tỉnh Gia Lai) as a TEXT PDF with fpdf2:
báo cáo công tác cải cách hành chính quý IV và năm 2026, tự đánh giá, chấm điểm Chỉ số CCHC.
A4; letterhead is a two-column table without borders; Biểu số 01/CCHC and 02/CCHC are drawn tables."""
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

OUT = Path(__file__).with_name("cv-3184-SNV-CCHC-2026-bao-cao-cchc-chi-so-par-index.pdf")
FD = "/usr/share/fonts/truetype/dejavu/"

pdf = FPDF(orientation="P", unit="mm", format="A4")
pdf.set_margins(22, 18, 18)
pdf.set_auto_page_break(True, 18)
pdf.add_font("S", "", FD + "DejaVuSerif.ttf")
pdf.add_font("S", "B", FD + "DejaVuSerif-Bold.ttf")
pdf.add_font("S", "I", FD + "DejaVuSerif-Italic.ttf")
pdf.add_font("S", "BI", FD + "DejaVuSerif-BoldItalic.ttf")
pdf.add_page()

pdf.set_font("S", "", 10)
B = FontFace(emphasis="BOLD")
I = FontFace(emphasis="ITALICS")
with pdf.table(col_widths=(82, 88), borders_layout="NONE", text_align="CENTER",
               first_row_as_headings=False, line_height=5, padding=0.5) as t:
    r = t.row(); r.cell("UBND TỈNH GIA LAI"); r.cell("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", style=B)
    r = t.row(); r.cell("SỞ NỘI VỤ", style=B); r.cell("Độc lập - Tự do - Hạnh phúc", style=B)
    r = t.row(); r.cell("Số: 3184/SNV-CCHC"); r.cell("Gia Lai, ngày 20 tháng 11 năm 2026", style=I)
    r = t.row(); r.cell("V/v báo cáo công tác cải cách hành chính quý IV, năm 2026 và tự đánh giá, "
                        "chấm điểm Chỉ số cải cách hành chính năm 2026")
    r.cell("")
pdf.ln(4)

pdf.set_font("S", "", 11.5)
pdf.cell(25, 6, "Kính gửi:")
pdf.multi_cell(0, 6, "- Các sở, ban, ngành thuộc Ủy ban nhân dân tỉnh;\n- Ủy ban nhân dân các xã, phường.")
pdf.ln(2)

BODY = [
    ("", "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành "
         "chính nhà nước giai đoạn 2021 - 2030; Quyết định số 1128/QĐ-BNV ngày 18/9/2026 của Bộ Nội vụ phê duyệt "
         "Đề án xác định Chỉ số cải cách hành chính; Kế hoạch số 45/KH-UBND ngày 22/01/2026 của UBND tỉnh về cải "
         "cách hành chính năm 2026, Sở Nội vụ đề nghị các cơ quan, đơn vị thực hiện như sau:"),
    ("B", "I. BÁO CÁO CÔNG TÁC CẢI CÁCH HÀNH CHÍNH QUÝ IV VÀ NĂM 2026"),
    ("", "Số liệu báo cáo năm tính từ ngày 15/12/2025 đến ngày 14/12/2026; quý IV từ ngày "
         "15/9/2026 đến ngày 14/12/2026. Báo cáo gồm 06 lĩnh vực:"),
    ("", "1. Cải cách thể chế: a) Số văn bản quy phạm pháp luật được ban hành, sửa đổi, bãi bỏ trong năm; "
         "kết quả rà soát văn bản sau khi sắp xếp đơn vị hành chính và tổ chức chính quyền địa "
         "phương hai cấp; b) Công tác kiểm tra, xử lý văn bản trái pháp luật."),
    ("", "2. Cải cách thủ tục hành chính: a) Số thủ tục hành chính được rà soát, đơn giản hóa; tỷ lệ hồ sơ giải "
         "quyết đúng hạn, số hồ sơ quá hạn và số lần xin lỗi người dân, doanh nghiệp; "
         "b) Tỷ lệ hồ sơ trực tuyến toàn trình tại Trung tâm Phục vụ hành chính công tỉnh và Bộ "
         "phận Một cửa cấp xã."),
    ("", "3. Cải cách tổ chức bộ máy: kết quả sắp xếp tổ chức bên trong; kết quả tinh giản biên chế."),
    ("", "4. Cải cách chế độ công vụ: kết quả tuyển dụng, đánh giá công chức, viên chức; số người bị "
         "kỷ luật trong năm."),
    ("", "5. Cải cách tài chính công: tỷ lệ giải ngân vốn đầu tư công so với kế hoạch vốn được giao; cơ chế tự chủ của đơn vị sự nghiệp công lập."),
    ("", "6. Xây dựng và phát triển chính phủ điện tử, chính phủ số: a) Tỷ lệ văn bản điện tử được ký số và gửi, "
         "nhận trên Hệ thống quản lý văn bản và điều hành, phấn đấu đạt từ 98% trở lên (trừ văn bản mật); b) Kết "
         "quả số hóa hồ sơ và bảo đảm an toàn thông tin mạng."),
    ("", "Cuối báo cáo nêu tồn tại, hạn chế và nhiệm vụ năm 2027; số liệu "
         "tổng hợp theo Biểu số 01/CCHC."),
    ("B", "II. TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2026"),
    ("", "1. Các cơ quan, đơn vị tự chấm điểm theo Bộ tiêu chí xác định Chỉ số cải cách hành chính do "
         "UBND tỉnh ban hành, thang điểm tối đa là 100 điểm; mỗi tiêu chí tự chấm phải có tài liệu "
         "kiểm chứng, liệt kê theo Biểu số 02/CCHC."),
    ("", "2. Điểm tự chấm và tài liệu kiểm chứng (bản scan .pdf, có chữ ký số) được cập nhật "
         "lên Phần mềm chấm điểm Chỉ số cải cách hành chính tỉnh https://chisocchc.gialai.gov.vn "
         "trước ngày 15/01/2027."),
    ("", "3. Đơn vị có tổng điểm tự chấm dưới 80 điểm phải có văn bản giải trình nguyên nhân của từng "
         "tiêu chí không đạt và giải pháp khắc phục."),
    ("B", "III. TỔ CHỨC THỰC HIỆN"),
    ("", "1. Báo cáo (kèm Biểu số 01/CCHC) gửi về Sở Nội vụ (qua "
         "Phòng Cải cách hành chính) trước ngày 18/12/2026, đồng thời gửi bản điện tử (.docx và .xlsx) qua thư điện tử cchc.snv@gialai.gov.vn."),
    ("", "2. Cơ quan, đơn vị gửi báo cáo chậm hoặc cập nhật kết quả tự chấm không đúng thời hạn sẽ bị trừ 0,5 điểm "
         "tại tiêu chí thực hiện chế độ báo cáo và không được xem xét, đề nghị khen thưởng về công tác cải cách "
         "hành chính năm 2026."),
    ("", "3. Liên hệ: ông Trần Quốc Huy, Phó Trưởng phòng Cải cách hành chính, Sở Nội vụ, "
         "điện thoại 0256.3821.564, di động 0905.318.276, e-mail: cchc.snv@gialai.gov.vn."),
]
for style, text in BODY:
    pdf.set_font("S", style, 11.5)
    pdf.multi_cell(0, 5.8, text, align="J" if not style else "L")
    pdf.ln(1)

pdf.ln(2)
y = pdf.get_y()
if y > 235:
    pdf.add_page(); y = pdf.get_y()
pdf.set_xy(22, y)
pdf.set_font("S", "BI", 10.5)
pdf.cell(80, 5, "Nơi nhận:")
pdf.set_font("S", "", 9.5)
pdf.set_xy(22, y + 5)
pdf.multi_cell(85, 4.4, "- Như trên;\n- Bộ Nội vụ (Vụ Cải cách hành chính) (để b/c);\n- UBND tỉnh (để b/c);\n"
                        "- Lưu: VT, CCHC.")
pdf.set_xy(110, y)
pdf.set_font("S", "B", 11.5)
pdf.multi_cell(80, 5.6, "GIÁM ĐỐC", align="C")
pdf.set_xy(110, y + 30)
pdf.multi_cell(80, 5.6, "Phạm Minh Tuấn", align="C")

# ---- forms
pdf.add_page()
pdf.set_font("S", "B", 11.5)
pdf.cell(0, 6, "Biểu số 01/CCHC", align="R", new_x="LMARGIN", new_y="NEXT")
pdf.cell(0, 6, "KẾT QUẢ MỘT SỐ CHỈ TIÊU CẢI CÁCH HÀNH CHÍNH NĂM 2026", align="C",
         new_x="LMARGIN", new_y="NEXT")
pdf.ln(2)
pdf.set_font("S", "", 9)
rows = [
    ("1", "Số văn bản QPPL được ban hành", "Văn bản"),
    ("2", "Tỷ lệ hồ sơ giải quyết đúng hạn", "%"),
    ("3", "Số biên chế đã tinh giản", "Người"),
    ("4", "Tỷ lệ giải ngân vốn đầu tư công", "%"),
    ("5", "Tỷ lệ văn bản điện tử được ký số", "%"),
]
with pdf.table(col_widths=(10, 70, 22, 22, 24, 22), text_align="CENTER", line_height=4.6) as t:
    t.row(["STT", "Nội dung", "Đơn vị tính", "Kế hoạch năm", "Kết quả thực hiện", "Tỷ lệ (%)"])
    for a, b, c in rows:
        t.row([a, b, c, "", "", ""])
pdf.ln(2)
pdf.set_font("S", "I", 10)
pdf.multi_cell(0, 5.2, "Ghi chú: Tỷ lệ (%) = Kết quả thực hiện/Kế hoạch năm x 100; chỉ tiêu không giao kế "
                       "hoạch thì ghi \"không giao\".")
pdf.ln(6)
pdf.set_font("S", "B", 11.5)
pdf.cell(0, 6, "Biểu số 02/CCHC", align="R", new_x="LMARGIN", new_y="NEXT")
pdf.cell(0, 6, "DANH MỤC TÀI LIỆU KIỂM CHỨNG KẾT QUẢ TỰ CHẤM ĐIỂM", align="C", new_x="LMARGIN", new_y="NEXT")
pdf.ln(2)
pdf.set_font("S", "", 9)
with pdf.table(col_widths=(10, 50, 20, 62, 28), text_align="CENTER", line_height=4.6) as t:
    t.row(["STT", "Tiêu chí, tiêu chí thành phần", "Điểm tự chấm",
           "Tên tài liệu kiểm chứng (số, ký hiệu, ngày ban hành)", "Ghi chú"])
    for i in range(1, 3):
        t.row([str(i), "", "", "", ""])
pdf.output(str(OUT))
print(OUT)
