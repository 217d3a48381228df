"""Build the blind held-out dispatch 6142/BNV-ATLĐ (Bộ Nội vụ) as a .docx with real Word tables:
báo cáo tình hình tai nạn lao động và công tác thanh tra, kiểm tra an toàn, vệ sinh lao động năm 2026.
Phụ lục I: grouped rows by sector, two-row merged header; Phụ lục II: inspection indicators."""
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

OUT = Path(__file__).with_name("cv-6142-BNV-ATLD-2026-bao-cao-tai-nan-lao-dong.docx")

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


# ---- header
head = doc.add_table(rows=1, cols=2)
left, right = head.rows[0].cells
left.width, right.width = Cm(6.5), Cm(9.5)
left.paragraphs[0].alignment = C
left.paragraphs[0].add_run("BỘ NỘI VỤ").bold = True
p = left.add_paragraph(); p.alignment = C; p.add_run("Số: 6142/BNV-ATLĐ")
p = left.add_paragraph(); p.alignment = C
p.add_run("V/v báo cáo tình hình tai nạn lao động và công tác thanh tra, kiểm tra an toàn, "
          "vệ sinh lao động năm 2026").font.size = Pt(12)
right.paragraphs[0].alignment = C
r = right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"); r.bold = True; r.font.size = Pt(12)
p = right.add_paragraph(); p.alignment = C; p.add_run("Độc lập - Tự do - Hạnh phúc").bold = True
p = right.add_paragraph(); p.alignment = C
p.add_run("Hà Nội, ngày 24 tháng 11 năm 2026").italic = True

para()
para("Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.", align=C)

para("Căn cứ Luật An toàn, vệ sinh lao động số 84/2015/QH13 ngày 25/6/2015;")
para("Căn cứ Nghị định số 214/2025/NĐ-CP ngày 28/7/2025 của Chính phủ quy định chi tiết việc khai báo, "
     "điều tra, thống kê và báo cáo tai nạn lao động, sự cố kỹ thuật gây mất an toàn lao động;")
para("Để tổng hợp, báo cáo Chính phủ tình hình tai nạn lao động năm 2026 và xây dựng Chương trình "
     "hành động quốc gia về an toàn, vệ sinh lao động năm 2027, Bộ Nội vụ đề nghị Ủy ban nhân dân các "
     "tỉnh, thành phố trực thuộc Trung ương (sau đây gọi là Ủy ban nhân dân cấp tỉnh) chỉ đạo báo cáo "
     "các nội dung sau:")

para("I. NỘI DUNG BÁO CÁO", bold=True, align=L)
para("1. Tình hình tai nạn lao động năm 2026", bold=True)
para("a) Số vụ tai nạn lao động, số vụ có người chết, số người chết, số người bị thương nặng và thiệt hại "
     "về vật chất (chi phí y tế, tiền lương trong thời gian điều trị, bồi thường, trợ cấp, thiệt hại tài sản), "
     "tổng hợp theo mẫu tại Phụ lục I kèm theo Công văn này;")
para("b) Số liệu phải tách riêng khu vực có quan hệ lao động và khu vực người lao động làm việc không theo "
     "hợp đồng lao động; so sánh với năm 2025 và nêu rõ tỷ lệ tăng, giảm (%);")
para("c) Phân tích nguyên nhân chủ yếu, các ngành nghề, yếu tố gây chấn thương xảy ra nhiều vụ tai nạn "
     "lao động chết người; mô tả tóm tắt các vụ tai nạn lao động nghiêm trọng làm chết từ 02 người trở lên.")
para("2. Công tác thanh tra, kiểm tra về an toàn, vệ sinh lao động", bold=True)
para("Kết quả thanh tra, kiểm tra, xử phạt vi phạm hành chính trong lĩnh vực an toàn, vệ sinh lao động "
     "năm 2026 theo mẫu tại Phụ lục II; trong đó nêu rõ số cơ sở bị đình chỉ hoạt động máy, thiết bị có "
     "yêu cầu nghiêm ngặt về an toàn lao động và số tiền xử phạt đã thu nộp ngân sách nhà nước.")
para("3. Đánh giá và kiến nghị", bold=True)
para("Đánh giá việc thực hiện chỉ tiêu giảm 4% tần suất tai nạn lao động chết người trong lĩnh vực có "
     "nguy cơ cao; khó khăn, vướng mắc và đề xuất giải pháp, nhiệm vụ trọng tâm năm 2027.")

para("II. KỲ BÁO CÁO, THỜI HẠN VÀ HÌNH THỨC GỬI BÁO CÁO", bold=True, align=L)
para("1. Kỳ báo cáo: số liệu được tính từ ngày 01/01/2026 đến hết ngày 31/12/2026. Các vụ tai nạn lao "
     "động xảy ra trong năm 2026 nhưng đến ngày 31/12/2026 chưa kết thúc điều tra vẫn được thống kê và "
     "ghi chú tại cột Ghi chú của Phụ lục I.")
para("2. Thời hạn: báo cáo gửi về Bộ Nội vụ trước ngày 15/01/2027.")
para("3. Hình thức gửi: báo cáo bằng văn bản giấy có chữ ký, đóng dấu gửi về Bộ Nội vụ (qua Cục An toàn "
     "lao động), số 12 Ngô Quyền, phường Hoàn Kiếm, thành phố Hà Nội; đồng thời gửi bản điện tử (file "
     "định dạng .xlsx của Phụ lục I, Phụ lục II và bản scan văn bản) qua thư điện tử "
     "baocaotnld@moha.gov.vn và cập nhật trên Hệ thống báo cáo Bộ Nội vụ tại địa chỉ "
     "https://baocao.moha.gov.vn.")
para("4. Trường hợp quá thời hạn nêu trên mà địa phương chưa gửi báo cáo hoặc báo cáo không đủ các chỉ "
     "tiêu theo Phụ lục I, Phụ lục II, Bộ Nội vụ sẽ tổng hợp và nêu tên địa phương trong Báo cáo tình hình "
     "tai nạn lao động năm 2026 gửi Thủ tướng Chính phủ và công bố trên Cổng Thông tin điện tử Bộ Nội vụ.")

para("III. TỔ CHỨC THỰC HIỆN", bold=True, align=L)
para("Ủy ban nhân dân cấp tỉnh giao Sở Nội vụ chủ trì, phối hợp với Công an tỉnh, Sở Y tế, Ban Quản lý "
     "các khu công nghiệp và Liên đoàn Lao động tỉnh rà soát, đối chiếu số liệu trước khi tổng hợp; bảo "
     "đảm số liệu tai nạn lao động chết người khớp với biên bản điều tra tai nạn lao động.")
para("Trong quá trình thực hiện, nếu có vướng mắc, đề nghị liên hệ ông Trần Minh Khôi, Phó Trưởng phòng "
     "Thống kê và Thông tin an toàn lao động, Cục An toàn lao động, điện thoại: 024.3826.9541, "
     "di động: 0912.407.358, e-mail: tmkhoi@moha.gov.vn để được hướng dẫn.")
para("Bộ Nội vụ đề nghị Ủy ban nhân dân cấp tỉnh quan tâm, chỉ đạo thực hiện./.")

# ---- signature block
sig = doc.add_table(rows=1, cols=2)
a, b = sig.rows[0].cells
a.width, b.width = Cm(8.0), Cm(8.0)
r = a.paragraphs[0].add_run("Nơi nhận:"); r.bold = True; r.italic = True; r.font.size = Pt(12)
for line in ["- Như trên;", "- Bộ trưởng (để b/c);", "- Văn phòng Chính phủ;",
             "- Tổng Liên đoàn Lao động Việt Nam;", "- Sở Nội vụ các tỉnh, thành phố;",
             "- Cổng TTĐT Bộ Nội vụ;", "- Lưu: VT, ATLĐ."]:
    a.add_paragraph().add_run(line).font.size = Pt(11)
b.paragraphs[0].alignment = C
b.paragraphs[0].add_run("KT. BỘ TRƯỞNG").bold = True
p = b.add_paragraph(); p.alignment = C; p.add_run("THỨ TRƯỞNG").bold = True
for _ in range(3):
    b.add_paragraph()
p = b.add_paragraph(); p.alignment = C; p.add_run("Vũ Thanh Liêm").bold = True


def style_cells(t, header_rows, bold_keys=("A", "B", "I", "II", "III", "")):
    for ri, row in enumerate(t.rows):
        for c in row.cells:
            for p in c.paragraphs:
                if ri < header_rows:
                    p.alignment = C
                for r in p.runs:
                    r.font.size = Pt(11)
                    if ri < header_rows or row.cells[0].text in bold_keys:
                        r.bold = True


# ---- Phụ lục I (landscape)
sec2 = doc.add_section()
sec2.orientation = WD_ORIENT.LANDSCAPE
sec2.page_width, sec2.page_height = Cm(29.7), Cm(21.0)
para("Phụ lục I", bold=True, align=C)
para("TÌNH HÌNH TAI NẠN LAO ĐỘNG NĂM 2026", bold=True, align=C)
para("(Kèm theo Công văn số 6142/BNV-ATLĐ ngày 24/11/2026 của Bộ Nội vụ)", italic=True, align=C)
para("Tỉnh, thành phố: ...        Kỳ báo cáo: từ 01/01/2026 đến 31/12/2026", align=L)

cols = 11
t = doc.add_table(rows=2, cols=cols)
t.style = "Table Grid"
t.alignment = WD_TABLE_ALIGNMENT.CENTER
h1 = ["TT", "Ngành, lĩnh vực", "Số vụ tai nạn lao động", "", "Số người bị nạn", "", "",
      "Thiệt hại kinh tế (triệu đồng)", "", "Số ngày nghỉ việc do tai nạn lao động", "Ghi chú"]
h2 = ["", "", "Tổng số vụ", "Số vụ có người chết", "Tổng số", "Số người chết",
      "Số người bị thương nặng", "Chi phí y tế, tiền lương, bồi thường, trợ cấp", "Thiệt hại tài sản",
      "", ""]
for i in range(cols):
    t.rows[0].cells[i].text = h1[i]
    t.rows[1].cells[i].text = h2[i]
for i in (0, 1, 9, 10):
    top, bot = t.rows[0].cells[i], t.rows[1].cells[i]
    txt = top.text
    m = top.merge(bot)
    m.text = txt
m = t.rows[0].cells[2].merge(t.rows[0].cells[3]); m.text = h1[2]
m = t.rows[0].cells[4].merge(t.rows[0].cells[6]); m.text = h1[4]
m = t.rows[0].cells[7].merge(t.rows[0].cells[8]); m.text = h1[7]
body = [
    ("A", "Khu vực có quan hệ lao động"),
    ("I", "Công nghiệp - Xây dựng"),
    ("1", "Khai khoáng"),
    ("2", "Công nghiệp chế biến, chế tạo"),
    ("3", "Xây dựng"),
    ("4", "Sản xuất và phân phối điện, khí đốt"),
    ("II", "Nông, lâm nghiệp và thủy sản"),
    ("III", "Dịch vụ"),
    ("1", "Vận tải, kho bãi"),
    ("2", "Bán buôn, bán lẻ"),
    ("3", "Các ngành dịch vụ khác"),
    ("B", "Khu vực người lao động làm việc không theo hợp đồng lao động"),
    ("", "Tổng cộng (A + B)"),
]
for item in body:
    cells = t.add_row().cells
    for i, v in enumerate(item):
        cells[i].text = v
style_cells(t, 2)
para()
para("Ghi chú: Số liệu khu vực B do Ủy ban nhân dân cấp xã thống kê trên cơ sở thông tin tiếp nhận; "
     "thiệt hại kinh tế ghi bằng triệu đồng, làm tròn đến một chữ số thập phân.", italic=True, align=L)

# ---- Phụ lục II
para()
para("Phụ lục II", bold=True, align=C)
para("KẾT QUẢ THANH TRA, KIỂM TRA AN TOÀN, VỆ SINH LAO ĐỘNG NĂM 2026", bold=True, align=C)
para("(Kèm theo Công văn số 6142/BNV-ATLĐ ngày 24/11/2026 của Bộ Nội vụ)", italic=True, align=C)
t2 = doc.add_table(rows=1, cols=6)
t2.style = "Table Grid"
t2.alignment = WD_TABLE_ALIGNMENT.CENTER
for i, v in enumerate(["TT", "Chỉ tiêu", "Đơn vị tính", "Kết quả năm 2026",
                       "So với năm 2025 (%)", "Ghi chú"]):
    t2.rows[0].cells[i].text = v
rows2 = [
    ("1", "Số cuộc thanh tra, kiểm tra", "cuộc"),
    ("2", "Số doanh nghiệp, cơ sở được thanh tra, kiểm tra", "cơ sở"),
    ("3", "Số vi phạm được phát hiện", "lượt"),
    ("4", "Số quyết định xử phạt vi phạm hành chính", "quyết định"),
    ("5", "Tổng số tiền xử phạt", "triệu đồng"),
    ("6", "Số máy, thiết bị bị đình chỉ hoạt động", "chiếc"),
    ("7", "Số vụ tai nạn lao động chết người đã điều tra", "vụ"),
]
for item in rows2:
    cells = t2.add_row().cells
    for i, v in enumerate(item):
        cells[i].text = v
style_cells(t2, 1)

doc.save(OUT)
print(OUT)
