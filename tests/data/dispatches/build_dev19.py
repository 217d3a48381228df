"""Build the dev 19 dispatch 2563/STP-QLXLVPHC (UBND tỉnh Nghệ An - Sở Tư pháp) as a .docx with real Word tables:
báo cáo công tác quản lý thi hành pháp luật về xử lý vi phạm hành chính năm 2026.
Biểu mẫu số 01: merged two-row header, rows grouped by lĩnh vực; Biểu mẫu số 02: plain table."""
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

OUT = Path(__file__).with_name("cv-2563-STP-QLXLVPHC-2026-bao-cao-xu-ly-vphc.docx")
SO = "2563/STP-QLXLVPHC"

doc = Document()
sec = doc.sections[0]
sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
sec.left_margin, sec.right_margin = Cm(3.0), Cm(2.0)
style = doc.styles["Normal"]
style.font.name = "Times New Roman"
style.font.size = Pt(13)
style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
style.paragraph_format.space_after = Pt(3)
C, L, R = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT


def para(text="", bold=False, italic=False, align=None):
    p = doc.add_paragraph()
    if align is None:
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Cm(1.0)
    else:
        p.alignment = align
    r = p.add_run(text)
    r.bold, r.italic = bold, italic
    return p


def bold_cells(cells):
    for c in cells:
        for p in c.paragraphs:
            for r in p.runs:
                r.bold = True


# ---- header
head = doc.add_table(rows=1, cols=2)
left, right = head.rows[0].cells
left.paragraphs[0].alignment = C
left.paragraphs[0].add_run("UBND TỈNH NGHỆ AN")
p = left.add_paragraph(); p.alignment = C; p.add_run("SỞ TƯ PHÁP").bold = True
p = left.add_paragraph(); p.alignment = C; p.add_run("Số: " + SO)
p = left.add_paragraph(); p.alignment = C
p.add_run("V/v báo cáo công tác quản lý thi hành pháp luật về xử lý vi phạm hành chính năm 2026").font.size = Pt(12)
right.paragraphs[0].alignment = C
r = right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"); r.bold = True; r.font.size = Pt(12)
p = right.add_paragraph(); p.alignment = C; p.add_run("Độc lập - Tự do - Hạnh phúc").bold = True
p = right.add_paragraph(); p.alignment = C
p.add_run("Nghệ An, ngày 20 tháng 11 năm 2026").italic = True

para()
p = para("Kính gửi:", align=C)
para("- Các Sở, ban, ngành cấp tỉnh;", align=C)
para("- Ủy ban nhân dân các xã, phường trên địa bàn tỉnh.", align=C)

para("Căn cứ Luật Xử lý vi phạm hành chính năm 2012, được sửa đổi, bổ sung năm 2020; Nghị định số 74/2025/NĐ-CP "
     "ngày 28/3/2025 của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Xử lý vi phạm hành chính; "
     "Thông tư số 09/2025/TT-BTP ngày 15/8/2025 của Bộ trưởng Bộ Tư pháp quy định chế độ báo cáo trong công tác quản lý "
     "thi hành pháp luật về xử lý vi phạm hành chính;")
para("Sở Tư pháp đề nghị các cơ quan, đơn vị, "
     "địa phương báo cáo công tác quản lý thi hành pháp luật về xử lý vi phạm hành chính năm 2026 như sau:")

para("1. Thời kỳ lấy số liệu và thời hạn gửi báo cáo", bold=True)
para("a) Số liệu báo cáo được tính từ ngày 01/12/2025 đến hết ngày 30/11/2026.")
para("b) Báo cáo gửi qua Hệ thống thông tin báo cáo quốc gia (phần mềm báo cáo chuyên ngành xử lý vi phạm hành chính) "
     "chậm nhất ngày 10/12/2026; đồng thời gửi 01 bản giấy có chữ ký, đóng dấu về Sở Tư pháp trước ngày 12/12/2026.")
para("c) Cơ quan, đơn vị trong kỳ không phát sinh vụ việc xử phạt vi phạm hành chính vẫn phải gửi báo cáo không phát "
     "sinh; không được để trống kỳ báo cáo.")

para("2. Nội dung báo cáo", bold=True)
para("a) Tình hình vi phạm hành chính trên địa bàn hoặc trong lĩnh vực quản lý: đánh giá khái quát số vụ vi phạm, các "
     "lĩnh vực có nhiều vi phạm, nguyên nhân phát sinh và so sánh với cùng kỳ năm 2025.")
para("b) Kết quả xử phạt vi phạm hành chính: số vụ vi phạm bị phát hiện, số vụ đã ra quyết định xử phạt, số tiền phạt đã ra quyết định và số tiền đã thu nộp vào ngân sách nhà nước, tỷ lệ "
     "thi hành quyết định xử phạt; số liệu tổng hợp theo Biểu mẫu số 01 kèm theo Công văn này.")
para("c) Kết quả áp dụng các biện pháp xử lý hành chính (giáo dục tại xã, phường; đưa vào trường giáo dưỡng; đưa vào "
     "cơ sở giáo dục bắt buộc; đưa vào cơ sở cai nghiện bắt buộc); số liệu tổng hợp theo Biểu mẫu số 02.")

para("3. Công tác quản lý thi hành pháp luật về xử lý vi phạm hành chính", bold=True)
para("a) Việc ban hành văn bản hướng dẫn, chỉ đạo; công tác tập huấn, bồi dưỡng nghiệp vụ cho người có "
     "thẩm quyền xử phạt.")
para("b) Công tác kiểm tra việc thi hành pháp luật về xử lý vi phạm hành chính: số cuộc kiểm tra, những sai sót được phát hiện (áp dụng sai mức phạt, vượt thẩm quyền, quá thời hạn ra quyết định) "
     "và kết quả khắc phục sau kiểm tra.")
para("c) Việc cập nhật thông tin vào Cơ sở dữ liệu quốc gia về xử lý vi phạm hành chính: tỷ lệ quyết định đã cập nhật "
     "so với tổng số quyết định đã ban hành (chỉ tiêu năm 2026 đạt tối thiểu 90%).")

para("4. Khó khăn, vướng mắc và kiến nghị, đề xuất", bold=True)
para("Nêu cụ thể khó khăn, vướng mắc trong áp dụng pháp luật về xử lý vi phạm hành chính, nhất là sau khi tổ chức "
     "chính quyền địa phương hai cấp; kiến nghị với Bộ Tư pháp và Ủy ban nhân dân tỉnh.")

para("5. Tổ chức thực hiện", bold=True)
para("Báo cáo gửi về Sở Tư pháp (qua Phòng Quản lý xử lý vi phạm hành chính và theo dõi thi hành pháp luật). "
     "Cơ quan, đơn vị, địa phương không gửi báo cáo hoặc gửi chậm so với thời hạn nêu trên sẽ được Sở Tư pháp tổng hợp, "
     "báo cáo Chủ tịch Ủy ban nhân dân tỉnh và là một trong những căn cứ để xem xét khi đánh giá, xếp loại thi đua "
     "năm 2026.")
para("Trong quá trình thực hiện, nếu có vướng mắc, đề nghị liên hệ bà Nguyễn Thị Hải Yến, chuyên viên Phòng Quản lý "
     "xử lý vi phạm hành chính và theo dõi thi hành pháp luật, điện thoại: 0238.3598.417, "
     "e-mail: xlvphc.stp@nghean.gov.vn để được hướng dẫn.")
para("Sở Tư pháp đề nghị các cơ quan, đơn vị, địa phương quan tâm, phối hợp thực hiện./.")

# ---- signature
sig = doc.add_table(rows=1, cols=2)
l, r_ = sig.rows[0].cells
l.paragraphs[0].add_run("Nơi nhận:").bold = True
for line in ["- Như trên;", "- UBND tỉnh (để b/c);", "- Cục Quản lý xử lý vi phạm hành chính và theo dõi thi hành "
             "pháp luật - Bộ Tư pháp (để b/c);", "- Cổng TTĐT Sở Tư pháp;",
             "- Lưu: VT, QLXLVPHC."]:
    p = l.add_paragraph(); p.add_run(line).font.size = Pt(11)
r_.paragraphs[0].alignment = C
r_.paragraphs[0].add_run("KT. GIÁM ĐỐC").bold = True
p = r_.add_paragraph(); p.alignment = C; p.add_run("PHÓ GIÁM ĐỐC").bold = True
for _ in range(3):
    r_.add_paragraph()
p = r_.add_paragraph(); p.alignment = C; p.add_run("Trần Quốc Khánh").bold = True

# ---- Biểu mẫu số 01
doc.add_page_break()
para("Biểu mẫu số 01: Kết quả xử phạt vi phạm hành chính", bold=True, align=C)
para("(Kèm theo Công văn số " + SO + " ngày 20/11/2026 của Sở Tư pháp)", italic=True, align=C)
para("Kỳ báo cáo: từ ngày 01/12/2025 đến hết ngày 30/11/2026", italic=True, align=C)
t = doc.add_table(rows=2, cols=8); t.style = "Table Grid"
top, bot = t.rows[0].cells, t.rows[1].cells
for i, h in [(0, "STT"), (1, "Lĩnh vực"), (7, "Ghi chú")]:
    m = top[i].merge(bot[i]); m.text = h
m = top[2].merge(top[4]); m.text = "Số vụ vi phạm"
m = top[5].merge(top[6]); m.text = "Tiền phạt"
for i, h in [(2, "Bị phát hiện"), (3, "Đã ra quyết định xử phạt"), (4, "Chuyển truy cứu trách nhiệm hình sự"),
             (5, "Số tiền phạt (đồng)"), (6, "Số tiền đã thu (đồng)")]:
    bot[i].text = h
bold_cells(t.rows[0].cells + t.rows[1].cells)
rows = [
    ("I", "Nhóm lĩnh vực trật tự, an toàn xã hội", True),
    ("1", "An ninh, trật tự, an toàn xã hội", False),
    ("2", "Giao thông đường bộ, đường sắt", False),
    ("3", "Phòng cháy, chữa cháy", False),
    ("II", "Nhóm lĩnh vực tài nguyên, môi trường", True),
    ("4", "Bảo vệ môi trường", False),
    ("5", "Đất đai", False),
    ("6", "Khoáng sản, tài nguyên nước", False),
    ("III", "Nhóm lĩnh vực kinh tế, xã hội", True),
    ("7", "Thương mại, sản xuất, buôn bán hàng giả, bảo vệ quyền lợi người tiêu dùng", False),
    ("8", "Xây dựng", False),
    ("9", "Y tế, an toàn thực phẩm", False),
    ("10", "Lĩnh vực khác", False),
    ("", "Tổng cộng", True),
]
for stt, name, grp in rows:
    cells = t.add_row().cells
    cells[0].text, cells[1].text = stt, name
    if grp:
        bold_cells(cells)
para("Ghi chú: Số tiền đã thu là số tiền thực nộp vào ngân sách nhà nước trong kỳ báo cáo, bao gồm cả tiền phạt "
     "của các quyết định ban hành từ kỳ trước.", italic=True)

# ---- Biểu mẫu số 02
para()
para("Biểu mẫu số 02: Áp dụng biện pháp xử lý hành chính", bold=True, align=C)
para("(Kèm theo Công văn số " + SO + " ngày 20/11/2026 của Sở Tư pháp)", italic=True, align=C)
hdr = ["STT", "Biện pháp xử lý hành chính", "Số đối tượng bị lập hồ sơ đề nghị", "Số quyết định áp dụng",
       "Trong đó: người chưa thành niên", "Số quyết định đã thi hành", "Ghi chú"]
t = doc.add_table(rows=1, cols=len(hdr)); t.style = "Table Grid"
for c, h in zip(t.rows[0].cells, hdr):
    c.text = h
bold_cells(t.rows[0].cells)
for i, name in enumerate(["Giáo dục tại xã, phường", "Đưa vào trường giáo dưỡng", "Đưa vào cơ sở giáo dục bắt buộc",
                          "Đưa vào cơ sở cai nghiện bắt buộc", "Biện pháp thay thế xử lý vi phạm hành chính"], 1):
    cells = t.add_row().cells
    cells[0].text, cells[1].text = str(i), name
cells = t.add_row().cells; cells[1].text = "Tổng cộng"; bold_cells(cells)

doc.save(OUT)
print("wrote", OUT)
