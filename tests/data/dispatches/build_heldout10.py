"""Build the held-out test dispatch 628/SDTTG-CSDT (Sở Dân tộc và Tôn giáo tỉnh Lâm Đồng) as a .docx:
báo cáo tình hình thực hiện Chương trình mục tiêu quốc gia vùng đồng bào dân tộc thiểu số 6 tháng đầu
năm 2026, with two real Word tables (Biểu số 01 with a two-row merged header, Biểu số 02 indicators)."""
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

OUT = Path(__file__).with_name("cv-628-SDTTG-2026-ctmtqg-dtts.docx")

doc = Document()
sec = doc.sections[0]
sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
sec.left_margin, sec.right_margin = Cm(3.0), Cm(2.0)
sec.top_margin, sec.bottom_margin = Cm(2.0), Cm(2.0)
style = doc.styles["Normal"]
style.font.name = "Times New Roman"
style.font.size = Pt(13)
style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
style.paragraph_format.space_after = Pt(3)

C = WD_ALIGN_PARAGRAPH.CENTER
L = WD_ALIGN_PARAGRAPH.LEFT
R = WD_ALIGN_PARAGRAPH.RIGHT


def para(text="", bold=False, italic=False, align=None, size=None):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    else:
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Cm(1.0)
    r = p.add_run(text)
    r.bold, r.italic = bold, italic
    if size:
        r.font.size = Pt(size)
    return p


# ---- header: borderless two-column table
head = doc.add_table(rows=1, cols=2)
left, right = head.rows[0].cells
left.width, right.width = Cm(6.5), Cm(9.5)
left.paragraphs[0].alignment = C
left.paragraphs[0].add_run("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG").font.size = Pt(12)
p = left.add_paragraph(); p.alignment = C; p.add_run("SỞ DÂN TỘC VÀ TÔN GIÁO").bold = True
p = left.add_paragraph(); p.alignment = C; p.add_run("Số: 628/SDTTG-CSDT")
p = left.add_paragraph(); p.alignment = C
p.add_run("V/v báo cáo tình hình thực hiện Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội "
          "vùng đồng bào dân tộc thiểu số và miền núi 6 tháng đầu năm 2026").font.size = Pt(12)
right.paragraphs[0].alignment = C
r = right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"); r.bold = True; r.font.size = Pt(12)
p = right.add_paragraph(); p.alignment = C; p.add_run("Độc lập - Tự do - Hạnh phúc").bold = True
p = right.add_paragraph(); p.alignment = C
p.add_run("Lâm Đồng, ngày 12 tháng 6 năm 2026").italic = True

para()
para("Kính gửi:", align=L)
for line in [
    "- Ủy ban nhân dân các xã, phường thuộc vùng đồng bào dân tộc thiểu số và miền núi;",
    "- Các sở, ngành được giao chủ trì dự án, tiểu dự án thành phần của Chương trình.",
]:
    para(line, align=L).paragraph_format.left_indent = Cm(2.0)

para("Căn cứ Nghị quyết số 120/2020/QH14 ngày 19/6/2020 của Quốc hội phê duyệt chủ trương đầu tư "
     "Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và "
     "miền núi (sau đây gọi tắt là Chương trình);")
para("Căn cứ Thông tư số 01/2022/TT-UBDT ngày 26/5/2022 của Ủy ban Dân tộc quy định quy trình giám sát, "
     "đánh giá thực hiện Chương trình;")
para("Thực hiện Kế hoạch số 37/KH-UBND ngày 22/01/2026 của Ủy ban nhân dân tỉnh về triển khai Chương "
     "trình năm 2026, để tổng hợp, báo cáo Bộ Dân tộc và Tôn giáo, Sở Dân tộc và Tôn giáo đề nghị "
     "các cơ quan, đơn vị, địa phương báo cáo các nội dung sau:")

para("I. KẾT QUẢ THỰC HIỆN 6 THÁNG ĐẦU NĂM 2026", bold=True, align=L)
para("1. Phân bổ và giao kế hoạch vốn", bold=True)
para("a) Tổng kế hoạch vốn năm 2026 được giao, chi tiết vốn đầu tư phát triển và vốn sự nghiệp; số "
     "vốn năm 2025 được phép kéo dài thời gian thực hiện sang năm 2026;")
para("b) Việc tiếp nhận hồ sơ các dự án do Ủy ban nhân dân cấp huyện trước đây làm chủ đầu tư.")
para("2. Tình hình giải ngân", bold=True)
para("Số vốn đã giải ngân đến hết ngày 15/6/2026 và ước giải ngân đến ngày 30/6/2026 theo từng dự án. "
     "Đến ngày 31/5/2026, toàn tỉnh mới giải ngân được 18,6% kế hoạch vốn; dự án có tỷ lệ giải ngân "
     "dưới 30% phải nêu rõ nguyên nhân. Mục tiêu đến ngày 30/9/2026 giải ngân đạt ít nhất 60% kế "
     "hoạch vốn được giao.")
para("3. Kết quả hỗ trợ đối tượng thụ hưởng", bold=True)
para("a) Số hộ được hỗ trợ nhà ở (mức 40 triệu đồng/hộ), đất sản xuất, chuyển đổi nghề và nước sinh "
     "hoạt phân tán (mức 3 triệu đồng/hộ); số lao động người dân tộc thiểu số được đào tạo nghề;")
para("b) Danh sách đối tượng thụ hưởng phải được niêm yết công khai tại trụ sở Ủy ban nhân dân xã, "
     "phường và nhà văn hóa thôn, bon ít nhất 07 ngày trước khi phê duyệt.")

para("II. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ", bold=True, align=L)
para("Nêu cụ thể vướng mắc về quỹ đất sản xuất, định mức hỗ trợ, thủ tục thanh toán qua Kho bạc Nhà "
     "nước; kiến nghị với Ủy ban nhân dân tỉnh.")

para("III. TỔ CHỨC THỰC HIỆN", bold=True, align=L)
para("1. Thời kỳ số liệu và biểu mẫu", bold=True)
para("Số liệu báo cáo tính từ ngày 01/01/2026 đến hết ngày 15/6/2026. Số liệu vốn tổng hợp theo Biểu "
     "số 01; các chỉ tiêu kết quả tổng hợp theo Biểu số 02 kèm theo Công văn này.")
para("2. Thời hạn và hình thức gửi báo cáo", bold=True)
para("Báo cáo gửi về Sở Dân tộc và Tôn giáo (qua Phòng Chính sách dân tộc) trước 16 giờ 00 ngày "
     "24/6/2026. Bản giấy có chữ ký, đóng dấu gửi về địa chỉ: số 36 đường Trần Phú, phường Xuân "
     "Hương - Đà Lạt; đồng thời gửi bản mềm (tệp .xlsx và .docx) qua thư điện tử về địa chỉ "
     "ctmtqg.sdttg@lamdong.gov.vn. Không gửi báo cáo qua Zalo.")
para("Địa phương, đơn vị chậm gửi báo cáo sẽ bị nêu tên trong báo cáo gửi Ủy ban nhân dân tỉnh; Sở "
     "Dân tộc và Tôn giáo sẽ tham mưu điều chuyển phần vốn sự nghiệp năm 2026 chưa giải ngân của địa "
     "phương đó cho địa phương khác có nhu cầu.")
para("3. Đầu mối liên hệ", bold=True)
para("a) Về nội dung báo cáo, đối tượng thụ hưởng và Biểu số 02: bà Nguyễn Thị Thanh Huyền, Phó "
     "Trưởng phòng Chính sách dân tộc, điện thoại: 0263.3822.518, di động: 0905.271.436, e-mail: "
     "huyenntt.sdttg@lamdong.gov.vn.")
para("b) Về kế hoạch vốn, số liệu giải ngân và Biểu số 01: ông K'Brêu Hoàng, chuyên viên Phòng Kế "
     "hoạch - Tổng hợp, di động: 0978.614.352, e-mail: hoangkb.sdttg@lamdong.gov.vn.")
para("Đề nghị các cơ quan, đơn vị, địa phương quan tâm, phối hợp thực hiện./.")

# ---- Nơi nhận + signer
sig = doc.add_table(rows=1, cols=2)
a, b = sig.rows[0].cells
a.width, b.width = Cm(8.0), Cm(8.0)
r = a.paragraphs[0].add_run("Nơi nhận:"); r.bold = True; r.italic = True; r.font.size = Pt(12)
for line in ["- Như trên;", "- Bộ Dân tộc và Tôn giáo (để b/c);", "- UBND tỉnh (để b/c);",
             "- Sở Tài chính (để phối hợp);", "- Giám đốc, các PGĐ Sở;", "- Lưu: VT, CSDT."]:
    a.add_paragraph().add_run(line).font.size = Pt(11)
b.paragraphs[0].alignment = C
b.paragraphs[0].add_run("KT. GIÁM ĐỐC").bold = True
p = b.add_paragraph(); p.alignment = C; p.add_run("PHÓ GIÁM ĐỐC").bold = True
for _ in range(3):
    b.add_paragraph()
p = b.add_paragraph(); p.alignment = C; p.add_run("Ya Đức Tín").bold = True


def style_cells(t, header_rows, bold_keys=("I", "II", "III", "IV", "")):
    for ri, row in enumerate(t.rows):
        for c in row.cells:
            for p in c.paragraphs:
                if ri < header_rows:
                    p.alignment = C
                for r in p.runs:
                    r.font.size = Pt(11)
                    if ri < header_rows or row.cells[0].text in bold_keys:
                        r.bold = True


# ---- Biểu số 01 (landscape)
sec2 = doc.add_section()
sec2.orientation = WD_ORIENT.LANDSCAPE
sec2.page_width, sec2.page_height = Cm(29.7), Cm(21.0)
para("Biểu số 01", bold=True, align=R)
para("TÌNH HÌNH GIAO KẾ HOẠCH VỐN VÀ GIẢI NGÂN CHƯƠNG TRÌNH 6 THÁNG ĐẦU NĂM 2026", bold=True, align=C)
para("(Kèm theo Công văn số 628/SDTTG-CSDT ngày 12/6/2026 của Sở Dân tộc và Tôn giáo tỉnh Lâm Đồng)",
     italic=True, align=C)
para("Xã, phường: ...        Kỳ số liệu: từ 01/01/2026 đến 15/6/2026", align=L)
para("Đơn vị tính: triệu đồng", italic=True, align=R)

cols = 9
t = doc.add_table(rows=2, cols=cols)
t.style = "Table Grid"
t.alignment = WD_TABLE_ALIGNMENT.CENTER
h1 = ["TT", "Dự án, tiểu dự án", "Kế hoạch vốn năm 2026", "", "", "Giải ngân đến 15/6/2026", "",
      "Ước giải ngân đến 30/6/2026", "Nguyên nhân chậm giải ngân"]
h2 = ["", "", "Tổng số", "Vốn đầu tư phát triển", "Vốn sự nghiệp", "Số vốn", "Tỷ lệ (%)", "", ""]
for i in range(cols):
    t.rows[0].cells[i].text = h1[i]
    t.rows[1].cells[i].text = h2[i]
for i in (0, 1, 7, 8):
    top, bot = t.rows[0].cells[i], t.rows[1].cells[i]
    txt = top.text
    m = top.merge(bot)
    m.text = txt
m = t.rows[0].cells[2].merge(t.rows[0].cells[4]); m.text = h1[2]
m = t.rows[0].cells[5].merge(t.rows[0].cells[6]); m.text = h1[5]
body = [
    ("I", "Dự án 1: Giải quyết tình trạng thiếu đất ở, nhà ở, đất sản xuất, nước sinh hoạt"),
    ("1", "Hỗ trợ nhà ở"),
    ("2", "Hỗ trợ chuyển đổi nghề"),
    ("3", "Hỗ trợ nước sinh hoạt phân tán"),
    ("II", "Dự án 4: Đầu tư cơ sở hạ tầng thiết yếu phục vụ sản xuất, đời sống"),
    ("1", "Đầu tư mới công trình hạ tầng"),
    ("2", "Duy tu, bảo dưỡng công trình"),
    ("III", "Dự án 5: Phát triển giáo dục đào tạo nâng cao chất lượng nguồn nhân lực"),
    ("IV", "Các dự án, tiểu dự án còn lại"),
    ("", "Tổng cộng"),
]
for item in body:
    cells = t.add_row().cells
    for i, v in enumerate(item):
        cells[i].text = v
style_cells(t, 2)
para()
para("Ghi chú: Tỷ lệ (%) = Số vốn giải ngân đến 15/6/2026 / Tổng số kế hoạch vốn năm 2026 x 100; "
     "cột Nguyên nhân chậm giải ngân bắt buộc ghi đối với dự án có tỷ lệ giải ngân dưới 30%.",
     italic=True, align=L)

# ---- Biểu số 02
para()
para("Biểu số 02", bold=True, align=R)
para("MỘT SỐ CHỈ TIÊU KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH 6 THÁNG ĐẦU NĂM 2026", bold=True, align=C)
para("(Kèm theo Công văn số 628/SDTTG-CSDT ngày 12/6/2026 của Sở Dân tộc và Tôn giáo tỉnh Lâm Đồng)",
     italic=True, align=C)
t2 = doc.add_table(rows=1, cols=6)
t2.style = "Table Grid"
t2.alignment = WD_TABLE_ALIGNMENT.CENTER
hdr = ["TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2026", "Thực hiện 6 tháng", "Ghi chú"]
for i, v in enumerate(hdr):
    t2.rows[0].cells[i].text = v
for item in [
    ("1", "Số hộ được hỗ trợ nhà ở", "hộ"),
    ("2", "Số hộ được hỗ trợ nước sinh hoạt phân tán", "hộ"),
    ("3", "Số hộ được hỗ trợ chuyển đổi nghề", "hộ"),
    ("4", "Số công trình hạ tầng được khởi công mới", "công trình"),
    ("5", "Số lao động người dân tộc thiểu số được đào tạo nghề", "người"),
    ("6", "Tỷ lệ hộ nghèo dân tộc thiểu số giảm trong kỳ", "%"),
]:
    cells = t2.add_row().cells
    for i, v in enumerate(item):
        cells[i].text = v
style_cells(t2, 1, bold_keys=())

para()
sig2 = doc.add_table(rows=1, cols=2)
sig2.rows[0].cells[0].paragraphs[0].add_run("Người lập biểu\n(Ký, ghi rõ họ tên)")
sig2.rows[0].cells[1].paragraphs[0].add_run("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n(Ký tên, đóng dấu)")
for c in sig2.rows[0].cells:
    c.paragraphs[0].alignment = C

doc.save(OUT)
print(OUT)
