"""Build the test dispatch 2210/SKHCN-QLKH (Sở Khoa học và Công nghệ tỉnh Thái Nguyên) as a .docx:
báo cáo sáng kiến được công nhận và nhiệm vụ khoa học và công nghệ cấp tỉnh năm 2026.
Letterhead is a borderless 2-column Word table; Mẫu số 01 and Mẫu số 02 are real Word tables with group rows."""
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

OUT = Path(__file__).with_name("cv-2210-SKHCN-QLKH-2026-sang-kien-nhiem-vu-khcn.docx")

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


def para(text="", bold=False, italic=False, align=None, size=None, indent=True):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    else:
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if indent:
            p.paragraph_format.first_line_indent = Cm(1.0)
    r = p.add_run(text)
    r.bold, r.italic = bold, italic
    if size:
        r.font.size = Pt(size)
    return p


def no_borders(table):
    tblPr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tblPr.append(borders)


def cell_text(cell, text, bold=False, italic=False, align=C, size=11):
    p = cell.paragraphs[0]
    p.alignment = align
    r = p.add_run(text)
    r.bold, r.italic = bold, italic
    r.font.size = Pt(size)


# ---- letterhead: borderless two-column table (Nghị định 30/2020 layout)
head = doc.add_table(rows=1, cols=2)
no_borders(head)
left, right = head.rows[0].cells
left.width, right.width = Cm(6.5), Cm(9.5)
left.paragraphs[0].alignment = C
left.paragraphs[0].add_run("UBND TỈNH THÁI NGUYÊN").font.size = Pt(12)
p = left.add_paragraph(); p.alignment = C
r = p.add_run("SỞ KHOA HỌC VÀ CÔNG NGHỆ"); r.bold = True; r.font.size = Pt(12)
p = left.add_paragraph(); p.alignment = C; p.add_run("Số: 2210/SKHCN-QLKH")
p = left.add_paragraph(); p.alignment = C
p.add_run("V/v báo cáo kết quả công nhận sáng kiến và tình hình thực hiện nhiệm vụ khoa học "
          "và công nghệ cấp tỉnh năm 2026").font.size = Pt(12)
right.paragraphs[0].alignment = C
r = right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"); r.bold = True; r.font.size = Pt(12)
p = right.add_paragraph(); p.alignment = C; p.add_run("Độc lập - Tự do - Hạnh phúc").bold = True
p = right.add_paragraph(); p.alignment = C
p.add_run("Thái Nguyên, ngày 15 tháng 10 năm 2026").italic = True

para()
para("Kính gửi:", align=L)
for line in [
    "- Các sở, ban, ngành, đoàn thể cấp tỉnh;",
    "- Ủy ban nhân dân các xã, phường trên địa bàn tỉnh;",
    "- Đại học Thái Nguyên và các viện nghiên cứu trên địa bàn tỉnh;",
    "- Các tổ chức chủ trì nhiệm vụ khoa học và công nghệ cấp tỉnh.",
]:
    para(line, align=L).paragraph_format.left_indent = Cm(2.0)

para("Căn cứ Luật Khoa học, công nghệ và đổi mới sáng tạo số 93/2025/QH15 ngày 27/6/2025;")
para("Căn cứ Nghị định số 13/2012/NĐ-CP ngày 02/3/2012 của Chính phủ ban hành Điều lệ Sáng kiến;")
para("Thực hiện Kế hoạch số 158/KH-UBND ngày 06/3/2026 của Ủy ban nhân dân tỉnh về phát triển khoa học, "
     "công nghệ và đổi mới sáng tạo năm 2026, Sở Khoa học và Công nghệ đề nghị các cơ quan, đơn vị "
     "báo cáo các nội dung sau:")

para("I. KẾT QUẢ CÔNG NHẬN SÁNG KIẾN NĂM 2026", bold=True, align=L)
para("1. Sáng kiến đã được Thủ trưởng cơ quan, đơn vị ra quyết định công nhận trong kỳ báo cáo lập "
     "danh sách theo Mẫu số 01 kèm theo Công văn này; không tổng hợp sáng kiến đang chờ xét.")
para("2. Sáng kiến có phạm vi ảnh hưởng cấp tỉnh gửi kèm bản mô tả sáng kiến và biên bản họp Hội "
     "đồng sáng kiến cơ sở để trình Hội đồng sáng kiến tỉnh.")
para("3. Hiệu quả kinh tế ghi số tiền làm lợi ước tính trong 12 tháng áp dụng đầu tiên; sáng kiến "
     "không lượng hóa được bằng tiền thì ghi \"0\" và nêu hiệu quả xã hội trong bản mô tả. Năm 2025, "
     "toàn tỉnh có 1.284 sáng kiến được công nhận, trong đó 97 sáng kiến có phạm vi ảnh hưởng cấp tỉnh.")

para("II. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ KHOA HỌC VÀ CÔNG NGHỆ CẤP TỈNH", bold=True, align=L)
para("1. Các tổ chức chủ trì báo cáo tiến độ và kinh phí đã giải ngân của từng nhiệm vụ theo Mẫu "
     "số 02 kèm theo Công văn này.")
para("2. Năm 2026, toàn tỉnh thực hiện 46 nhiệm vụ khoa học và công nghệ cấp tỉnh với tổng kinh phí "
     "được duyệt 38.500 triệu đồng; đến ngày 30/9/2026 mới giải ngân được 41,2%. Nhiệm vụ có tỷ lệ "
     "giải ngân dưới 50% kinh phí được duyệt phải nêu rõ nguyên nhân tại cột Ghi chú.")
para("3. Nhiệm vụ chậm tiến độ quá 06 tháng so với hợp đồng mà không có văn bản đề nghị gia hạn sẽ "
     "bị xem xét dừng thực hiện và thu hồi kinh phí đã cấp theo quy định.")

para("III. ĐỀ XUẤT ĐẶT HÀNG NHIỆM VỤ KHOA HỌC VÀ CÔNG NGHỆ NĂM 2027", bold=True, align=L)
para("Các cơ quan, đơn vị đăng ký đề xuất đặt hàng nhiệm vụ khoa học và công nghệ cấp tỉnh năm 2027 "
     "theo Phiếu đề xuất nhiệm vụ, gửi về Sở Khoa học và Công nghệ trước ngày 30/10/2026. Ưu tiên các đề xuất về chuyển đổi số, sản phẩm chè "
     "Thái Nguyên và nông nghiệp ứng dụng công nghệ cao. Mỗi đơn vị đề xuất không quá 03 nhiệm vụ.")

para("IV. TỔ CHỨC THỰC HIỆN", bold=True, align=L)
para("1. Thời kỳ số liệu: số liệu báo cáo tính từ ngày 01/11/2025 đến hết ngày 31/10/2026.")
para("2. Thời hạn và hình thức gửi báo cáo: báo cáo gửi về Sở Khoa học và Công nghệ (qua Phòng Quản "
     "lý khoa học) trước ngày 20/11/2026. Bản giấy có chữ ký, đóng dấu gửi về địa chỉ: số 513 đường "
     "Phan Đình Phùng, phường Phan Đình Phùng, tỉnh Thái Nguyên; bản mềm (tệp .docx và .xlsx) gửi về "
     "địa chỉ thư điện tử qlkh.skhcn@thainguyen.gov.vn.")
para("3. Mẫu số 01, Mẫu số 02 và Phiếu đề xuất nhiệm vụ được đăng tải tại Cổng thông tin điện tử "
     "của Sở, địa chỉ https://sokhcn.thainguyen.gov.vn, mục \"Văn bản - Biểu mẫu\".")
para("4. Cơ quan, đơn vị không gửi báo cáo hoặc gửi chậm sẽ bị nêu tên trong báo cáo gửi Ủy ban nhân "
     "dân tỉnh và không được xem xét đề xuất đặt hàng nhiệm vụ khoa học và công nghệ năm 2027.")
para("5. Đầu mối liên hệ: bà Ma Thị Thu Hiền, Phó Trưởng phòng Quản lý khoa học, điện thoại: "
     "0208.3856.417, di động: 0983.472.915, e-mail: hienmtt.skhcn@thainguyen.gov.vn. Hỗ trợ tải biểu "
     "mẫu: ông Dương Văn Khải, Trung tâm Thông tin và Thống kê khoa học "
     "và công nghệ, di động: 0912.605.338.")
para("Sở Khoa học và Công nghệ đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện./.")

# ---- Nơi nhận + signer: borderless two-column table
foot = doc.add_table(rows=1, cols=2)
no_borders(foot)
fl, fr = foot.rows[0].cells
fl.width, fr.width = Cm(8.0), Cm(8.0)
r = fl.paragraphs[0].add_run("Nơi nhận:"); r.bold = True; r.italic = True; r.font.size = Pt(12)
for line in ["- Như trên;", "- Bộ Khoa học và Công nghệ (để b/c);", "- UBND tỉnh (để b/c);",
             "- Hội đồng sáng kiến tỉnh;", "- Sở Tài chính (để phối hợp);",
             "- Giám đốc, các PGĐ Sở;", "- Lưu: VT, QLKH."]:
    fl.add_paragraph().add_run(line).font.size = Pt(11)
fr.paragraphs[0].alignment = C
fr.paragraphs[0].add_run("KT. GIÁM ĐỐC").bold = True
for line, b in [("PHÓ GIÁM ĐỐC", True), ("", False), ("(đã ký)", False), ("", False),
                ("Nguyễn Hữu Thắng", True)]:
    p = fr.add_paragraph(); p.alignment = C; p.add_run(line).bold = b

# ---- forms in landscape
new = doc.add_section()
new.orientation = WD_ORIENT.LANDSCAPE
new.page_width, new.page_height = Cm(29.7), Cm(21.0)
new.left_margin = new.right_margin = Cm(2.0)


def form(title_no, title, subtitle, headers, widths, groups, notes):
    para(title_no, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(title, bold=True, align=C)
    para("(Kèm theo Công văn số 2210/SKHCN-QLKH ngày 15/10/2026 của Sở Khoa học và Công nghệ "
         "tỉnh Thái Nguyên)", italic=True, align=C, size=12)
    para(subtitle, align=L, size=12)
    t = doc.add_table(rows=1, cols=len(headers))
    t.style = "Table Grid"
    for i, h in enumerate(headers):
        cell_text(t.rows[0].cells[i], h, bold=True)
    for roman, gname, n in groups:
        row = t.add_row().cells
        cell_text(row[0], roman, bold=True)
        merged = row[1].merge(row[len(headers) - 1])
        cell_text(merged, gname, bold=True, align=L)
        for k in range(1, n + 1):
            row = t.add_row().cells
            cell_text(row[0], str(k))
            cell_text(row[1], "...", align=L)
    row = t.add_row().cells
    merged = row[0].merge(row[1])
    cell_text(merged, "Tổng cộng", bold=True)
    for row in t.rows:
        for i, w in enumerate(widths):
            row.cells[i].width = Cm(w)
    for n in notes:
        para(n, italic=True, align=L, size=11)
    sig = doc.add_table(rows=1, cols=2)
    no_borders(sig)
    cell_text(sig.rows[0].cells[0], "Người lập biểu\n(Ký, ghi rõ họ tên)", size=12)
    cell_text(sig.rows[0].cells[1], "THỦ TRƯỞNG ĐƠN VỊ\n(Ký tên, đóng dấu)", bold=True, size=12)


form("Mẫu số 01",
     "DANH SÁCH SÁNG KIẾN ĐƯỢC CÔNG NHẬN NĂM 2026",
     "Tên cơ quan, đơn vị: ...        Kỳ số liệu: từ 01/11/2025 đến 31/10/2026",
     ["STT", "Tên sáng kiến", "Tác giả", "Đơn vị", "Lĩnh vực", "Phạm vi ảnh hưởng",
      "Hiệu quả kinh tế (triệu đồng)"],
     [1.2, 7.0, 4.0, 4.0, 3.5, 3.0, 3.0],
     [("I", "Khối sở, ban, ngành, đoàn thể cấp tỉnh", 2),
      ("II", "Khối xã, phường", 2),
      ("III", "Đơn vị sự nghiệp, cơ sở giáo dục đại học, viện nghiên cứu", 2)],
     ["Ghi chú: Cột \"Phạm vi ảnh hưởng\" ghi \"cấp cơ sở\" hoặc \"cấp tỉnh\".",
      "Cột \"Hiệu quả kinh tế (triệu đồng)\" ghi số tiền làm lợi trong 12 tháng áp dụng đầu tiên."])

doc.add_page_break()
form("Mẫu số 02",
     "TÌNH HÌNH THỰC HIỆN NHIỆM VỤ KHOA HỌC VÀ CÔNG NGHỆ CẤP TỈNH NĂM 2026",
     "Tổ chức chủ trì: ...        Đơn vị tính kinh phí: triệu đồng",
     ["STT", "Tên nhiệm vụ", "Chủ nhiệm", "Kinh phí được duyệt", "Kinh phí đã giải ngân",
      "Tiến độ", "Ghi chú"],
     [1.2, 7.5, 4.0, 3.2, 3.2, 3.5, 3.1],
     [("I", "Nhiệm vụ chuyển tiếp từ năm 2025", 2),
      ("II", "Nhiệm vụ mở mới năm 2026", 2),
      ("III", "Nhiệm vụ đã nghiệm thu trong kỳ", 1)],
     ["Ghi chú: Cột \"Tiến độ\" ghi \"đúng tiến độ\", \"chậm tiến độ\" hoặc \"đề nghị gia hạn\"; "
      "kinh phí đã giải ngân tính đến hết ngày 31/10/2026.",
      "Nhiệm vụ giải ngân dưới 50% kinh phí được duyệt ghi rõ nguyên nhân tại cột \"Ghi chú\"."])

doc.save(OUT)
print(OUT)
