"""Build the development dispatch (dev 17) 2684/SYT-NVY (Sở Y tế thành phố Cần Thơ) as a .docx with real Word tables:
báo cáo tuần, báo cáo tháng về sốt xuất huyết và tay chân miệng mùa dịch năm 2026.
Biểu 01-SXH: rows grouped by Trung tâm Y tế khu vực; Biểu 02-TCM: merged two-row header."""
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

OUT = Path(__file__).with_name("cv-2684-SYT-NVY-2026-bao-cao-sxh-tcm.docx")

doc = Document()
sec = doc.sections[0]
sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
sec.left_margin, sec.right_margin = Cm(3.0), Cm(2.0)
style = doc.styles["Normal"]
style.font.name = "Times New Roman"
style.font.size = Pt(13)
style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
style.paragraph_format.space_after = Pt(3)
C, L = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT


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


# ---- header
head = doc.add_table(rows=1, cols=2)
left, right = head.rows[0].cells
left.paragraphs[0].alignment = C
left.paragraphs[0].add_run("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ")
p = left.add_paragraph(); p.alignment = C; p.add_run("SỞ Y TẾ").bold = True
p = left.add_paragraph(); p.alignment = C; p.add_run("Số: 2684/SYT-NVY")
p = left.add_paragraph(); p.alignment = C
p.add_run("V/v báo cáo tình hình bệnh sốt xuất huyết và bệnh tay chân miệng mùa dịch năm 2026").font.size = Pt(12)
right.paragraphs[0].alignment = C
r = right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"); r.bold = True; r.font.size = Pt(12)
p = right.add_paragraph(); p.alignment = C; p.add_run("Độc lập - Tự do - Hạnh phúc").bold = True
p = right.add_paragraph(); p.alignment = C
p.add_run("Cần Thơ, ngày 12 tháng 3 năm 2026").italic = True

para()
para("Kính gửi:", align=L)
for k in ["- Các Trung tâm Y tế khu vực;",
          "- Các bệnh viện công lập và ngoài công lập trên địa bàn thành phố;",
          "- Trung tâm Kiểm soát bệnh tật thành phố."]:
    para(k, align=L)

para("Căn cứ Luật Phòng, chống bệnh truyền nhiễm số 03/2007/QH12 ngày 21/11/2007;")
para("Căn cứ Thông tư số 17/2025/TT-BYT ngày 20/5/2025 của Bộ Y tế hướng dẫn chế độ thông tin báo cáo "
     "và khai báo bệnh, dịch bệnh truyền nhiễm;")
para("Năm 2025, toàn thành phố ghi nhận 4.812 ca sốt xuất huyết (tăng 37,5% so với năm 2024, 03 ca tử vong) "
     "và 2.196 ca tay chân miệng. Dự báo mùa dịch năm 2026 sẽ đến sớm hơn, cao điểm từ tháng 5 đến tháng 10. "
     "Để kịp thời nắm tình hình và chủ động đáp ứng, Sở Y tế đề nghị các đơn vị thực hiện chế độ báo cáo như sau:")

para("1. Báo cáo tuần", bold=True)
para("a) Số liệu tính từ 0 giờ thứ Sáu tuần trước đến 24 giờ thứ Năm tuần báo cáo; báo cáo theo Biểu 01-SXH "
     "và Biểu 02-TCM kèm theo Công văn này.")
para("b) Thời hạn gửi: trước 10 giờ 00 thứ Sáu hằng tuần. Kỳ báo cáo tuần đầu tiên gửi ngày 20/3/2026 "
     "(số liệu từ 0 giờ ngày 13/3/2026 đến 24 giờ ngày 19/3/2026).")
para("c) Trường hợp thứ Sáu trùng ngày nghỉ lễ, đơn vị gửi báo cáo vào ngày làm việc liền trước.")

para("2. Báo cáo tháng", bold=True)
para("a) Số liệu tính từ ngày 16 tháng trước đến hết ngày 15 tháng báo cáo, có so sánh với cùng kỳ năm 2025 "
     "và nêu tỷ lệ tăng, giảm (%).")
para("b) Thời hạn gửi: trước ngày 20 hằng tháng. Ngoài hai biểu số liệu, báo cáo tháng phải có phần nhận định "
     "xu hướng dịch, kết quả diệt lăng quăng, phun hóa chất và truyền thông tại cộng đồng, khó khăn, kiến nghị.")

para("3. Trách nhiệm của các đơn vị", bold=True)
para("a) Trung tâm Y tế khu vực: tổng hợp số liệu của các trạm y tế phường, xã trên địa bàn phụ trách; "
     "điều tra, xử lý ổ dịch trong vòng 48 giờ kể từ khi nhận thông tin ca bệnh; tổ chức chiến dịch diệt "
     "lăng quăng ít nhất 01 lần mỗi tháng tại các phường, xã có ca mắc.")
para("b) Các bệnh viện: báo cáo ca bệnh nặng và ca tử vong cho Trung tâm Kiểm soát bệnh tật thành phố "
     "trong vòng 24 giờ kể từ khi có chẩn đoán; không chờ đến kỳ báo cáo tuần; bảo đảm thuốc, dịch truyền "
     "và giường bệnh cho mùa dịch.")
para("c) Trung tâm Kiểm soát bệnh tật thành phố: tổng hợp số liệu toàn thành phố, gửi Sở Y tế trước "
     "15 giờ 00 thứ Sáu hằng tuần và cảnh báo ngay khi số ca mắc trong tuần tăng trên 30% so với tuần trước.")

para("4. Hình thức gửi báo cáo", bold=True)
para("Các đơn vị nhập số liệu trên Hệ thống giám sát bệnh truyền nhiễm điện tử của Bộ Y tế, đồng thời gửi "
     "bản Excel và bản PDF có ký số của Thủ trưởng đơn vị qua thư điện tử về địa chỉ nvy.syt@cantho.gov.vn.")

para("5. Xử lý chậm báo cáo", bold=True)
para("Đơn vị gửi báo cáo chậm hoặc không đầy đủ số liệu sẽ bị nêu tên tại cuộc họp giao ban ngành y tế "
     "hằng tháng; đơn vị chậm báo cáo từ 03 kỳ trở lên trong một quý phải giải trình bằng văn bản với "
     "Giám đốc Sở Y tế và không được xét khen thưởng công tác phòng, chống dịch năm 2026.")

para("Chế độ báo cáo này áp dụng đến hết ngày 31/12/2026. Trong quá trình thực hiện, nếu có vướng mắc, "
     "đề nghị liên hệ bà Lâm Thị Ngọc Hân, chuyên viên Phòng Nghiệp vụ Y, Sở Y tế, điện thoại "
     "0292.3821.457 hoặc 0918.264.735, e-mail: lthan.syt@cantho.gov.vn./.")

# ---- signature
sig = doc.add_table(rows=1, cols=2)
a, b = sig.rows[0].cells
a.paragraphs[0].add_run("Nơi nhận:").bold = True
for k in ["- Như trên;", "- UBND thành phố (để b/c);", "- Giám đốc Sở (để b/c);",
          "- Cục Phòng bệnh, Bộ Y tế (để b/c);", "- Viện Pasteur Thành phố Hồ Chí Minh;",
          "- Lưu: VT, NVY."]:
    a.add_paragraph(k)
b.paragraphs[0].alignment = C
b.paragraphs[0].add_run("KT. GIÁM ĐỐC").bold = True
for k, bold in [("PHÓ GIÁM ĐỐC", True), ("", False), ("(Đã ký)", False), ("", False), ("Trần Quốc Khải", True)]:
    p = b.add_paragraph(); p.alignment = C; p.add_run(k).bold = bold

# ---- Biểu 01-SXH
doc.add_page_break()
para("Biểu 01-SXH", bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
para("BÁO CÁO TÌNH HÌNH BỆNH SỐT XUẤT HUYẾT", bold=True, align=C)
para("(Kèm theo Công văn số 2684/SYT-NVY ngày 12/3/2026 của Sở Y tế)", italic=True, align=C)
para("Đơn vị báo cáo: ......................  Tuần/tháng: ...... năm 2026", align=C)
hdr = ["STT", "Phường/xã", "Số ca mắc trong kỳ", "Số ca mắc cộng dồn từ đầu năm",
       "Số ca sốt xuất huyết Dengue nặng", "Số ca tử vong", "Số ổ dịch mới phát hiện", "Ghi chú"]
rows = [("I", "Trung tâm Y tế khu vực Ninh Kiều"), ("1", "Phường Ninh Kiều"), ("2", "Phường Cái Khế"),
        ("3", "Phường Tân An"), ("II", "Trung tâm Y tế khu vực Vị Thanh"), ("1", "Phường Vị Thanh"),
        ("2", "Xã Vị Thủy"), ("...", "..."), ("", "Tổng cộng")]
t = doc.add_table(rows=1, cols=len(hdr)); t.style = "Table Grid"
for i, h in enumerate(hdr):
    t.rows[0].cells[i].text = h
for stt, name in rows:
    cells = t.add_row().cells
    cells[0].text, cells[1].text = stt, name
    if stt in ("I", "II", ""):
        for c in cells[:2]:
            for r in c.paragraphs[0].runs:
                r.bold = True
para("Ghi chú: Số ca sốt xuất huyết Dengue nặng là ca có sốc, xuất huyết nặng hoặc suy tạng; "
     "số ca mắc cộng dồn tính từ ngày 01/01/2026.", italic=True)

# ---- Biểu 02-TCM
para()
para("Biểu 02-TCM", bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
para("BÁO CÁO TÌNH HÌNH BỆNH TAY CHÂN MIỆNG", bold=True, align=C)
para("(Kèm theo Công văn số 2684/SYT-NVY ngày 12/3/2026 của Sở Y tế)", italic=True, align=C)
t = doc.add_table(rows=2, cols=8); t.style = "Table Grid"
top, bot = t.rows[0].cells, t.rows[1].cells
for i, h in [(0, "STT"), (1, "Phường/xã"), (6, "Số ca tử vong"),
             (7, "Số ổ dịch tại trường mầm non, nhóm trẻ")]:
    m = top[i].merge(bot[i]); m.text = h
m = top[2].merge(top[3]); m.text = "Số ca mắc"
m = top[4].merge(top[5]); m.text = "Số ca chuyển độ nặng (độ 2b trở lên)"
for i, h in [(2, "Trong kỳ"), (3, "Trong đó trẻ dưới 5 tuổi"), (4, "Trong kỳ"), (5, "Cộng dồn từ đầu năm")]:
    bot[i].text = h
for stt, name in [("1", "Phường Cái Răng"), ("2", "Phường Hưng Phú"), ("3", "Xã Phong Điền"),
                  ("...", "..."), ("", "Tổng cộng")]:
    cells = t.add_row().cells
    cells[0].text, cells[1].text = stt, name

doc.save(OUT)
print(OUT)
