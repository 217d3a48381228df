"""Build the blind test dispatch 3068/SXD-QLGT (Sở Xây dựng tỉnh Ninh Bình) as a .docx:
báo cáo tình hình trật tự, an toàn giao thông quý IV và năm 2026 (tai nạn giao thông theo loại đường,
xử lý vi phạm nồng độ cồn / tải trọng / tốc độ, điểm đen và kết cấu hạ tầng giao thông).
Letterhead and signer blocks are borderless 2-column Word tables; Biểu số 01/TNGT and Biểu số 02/VPGT are real
Word tables with a merged two-level header and grouped rows."""
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

OUT = Path(__file__).with_name("cv-3068-SXD-QLGT-2026-bao-cao-trat-tu-an-toan-giao-thong.docx")
KEM = "(Kèm theo Công văn số 3068/SXD-QLGT ngày 02/12/2026 của Sở Xây dựng tỉnh Ninh Bình)"

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


# ---- letterhead (Nghị định 30/2020/NĐ-CP layout)
head = doc.add_table(rows=1, cols=2)
no_borders(head)
left, right = head.rows[0].cells
left.width, right.width = Cm(6.5), Cm(9.5)
left.paragraphs[0].alignment = C
left.paragraphs[0].add_run("UBND TỈNH NINH BÌNH").font.size = Pt(12)
p = left.add_paragraph(); p.alignment = C
r = p.add_run("SỞ XÂY DỰNG"); r.bold = True; r.font.size = Pt(12)
p = left.add_paragraph(); p.alignment = C; p.add_run("Số: 3068/SXD-QLGT")
p = left.add_paragraph(); p.alignment = C
p.add_run("V/v báo cáo tình hình trật tự, an toàn giao thông quý IV và năm 2026").font.size = Pt(12)
right.paragraphs[0].alignment = C
r = right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"); r.bold = True; r.font.size = Pt(12)
p = right.add_paragraph(); p.alignment = C; p.add_run("Độc lập - Tự do - Hạnh phúc").bold = True
p = right.add_paragraph(); p.alignment = C
p.add_run("Ninh Bình, ngày 02 tháng 12 năm 2026").italic = True

para()
para("Kính gửi:", align=L)
for line in [
    "- Công an tỉnh (Phòng Cảnh sát giao thông);",
    "- Ủy ban nhân dân các xã, phường trên địa bàn tỉnh;",
    "- Các đơn vị quản lý, bảo trì đường bộ.",
]:
    para(line, align=L).paragraph_format.left_indent = Cm(2.0)

para("Căn cứ Luật Đường bộ số 35/2024/QH15 ngày 27/6/2024;")
para("Căn cứ Luật Trật tự, an toàn giao thông đường bộ số 36/2024/QH15 ngày 27/6/2024;")
para("Căn cứ Nghị định số 168/2024/NĐ-CP ngày 26/12/2024 của Chính phủ quy định xử phạt vi phạm hành "
     "chính về trật tự, an toàn giao thông trong lĩnh vực giao thông đường bộ;")
para("Thực hiện Kế hoạch số 19/KH-UBND ngày 14/01/2026 của Ủy ban nhân dân tỉnh về bảo đảm trật tự, "
     "an toàn giao thông năm 2026;")
para("Từ ngày 15/12/2025 đến ngày 14/11/2026, trên địa bàn tỉnh xảy ra 318 vụ tai nạn giao thông đường "
     "bộ, làm chết 152 người, bị thương 241 người; số vụ giảm 6,8% nhưng số người chết tăng 2,7% so với "
     "cùng kỳ năm 2025; toàn tỉnh còn 09 điểm đen chưa được xử lý dứt điểm. Để tổng hợp, báo cáo Ủy ban "
     "nhân dân tỉnh và Bộ Xây dựng, Sở Xây dựng đề nghị các cơ quan, đơn vị thực hiện các nội dung sau:")

para("I. NỘI DUNG BÁO CÁO", bold=True, align=L)
para("1. Tình hình tai nạn giao thông đường bộ", bold=True, align=L)
para("a) Số vụ tai nạn giao thông, số người chết, số người bị thương và thiệt hại tài sản trong quý IV "
     "và cả năm 2026, phân theo loại đường; tổng hợp theo Biểu số 01/TNGT kèm theo Công văn này;")
para("b) So sánh với cùng kỳ năm 2025; đánh giá việc thực hiện mục tiêu giảm từ 5% đến 10% cả ba "
     "tiêu chí về số vụ, số người chết, số người bị thương;")
para("c) Nguyên nhân chủ yếu; tóm tắt các vụ tai nạn làm chết từ 03 người trở lên.")
para("2. Kết quả tuần tra, kiểm soát và xử lý vi phạm", bold=True, align=L)
para("a) Công an tỉnh tổng hợp số trường hợp vi phạm nồng độ cồn, vi phạm tải trọng xe, vi phạm tốc độ; "
     "số tiền xử phạt đã ra quyết định và đã thu nộp ngân sách nhà nước; số giấy phép lái xe bị tước "
     "hoặc bị trừ điểm; tổng hợp theo Biểu số 02/VPGT;")
para("b) Các xã, phường báo cáo kết quả xử phạt của Công an xã, phường trên địa bàn.")
para("3. Điểm đen, điểm tiềm ẩn tai nạn giao thông và kết cấu hạ tầng giao thông", bold=True, align=L)
para("a) Kết quả xử lý điểm đen: số điểm đã xử lý xong, đang xử lý, giải pháp (cắm biển báo, sơn gờ "
     "giảm tốc, bổ sung đèn tín hiệu) và kinh phí; các điểm đen còn lại phải hoàn thành xử lý trước ngày "
     "30/6/2027;")
para("b) Các đơn vị quản lý, bảo trì đường bộ báo cáo số cầu yếu cần cắm biển hạn chế tải trọng, tình "
     "trạng lấn chiếm hành lang an toàn đường bộ;")
para("c) Đề xuất danh mục và kinh phí xử lý điểm đen năm 2027.")

para("II. THỜI KỲ SỐ LIỆU, THỜI HẠN VÀ HÌNH THỨC GỬI BÁO CÁO", bold=True, align=L)
para("1. Số liệu quý IV tính từ ngày 15/9/2026 đến ngày 14/12/2026; số liệu năm 2026 tính từ ngày "
     "15/12/2025 đến ngày 14/12/2026.")
para("2. Ủy ban nhân dân các xã, phường và các đơn vị quản lý, bảo trì đường bộ gửi báo cáo trước 16 "
     "giờ 00 ngày 16/12/2026; Công an tỉnh gửi số liệu Biểu số 01/TNGT và Biểu số 02/VPGT trước ngày "
     "17/12/2026 để Sở Xây dựng tổng hợp, trình Ủy ban nhân dân tỉnh trước ngày 22/12/2026.")
para("3. Bản điện tử có ký số gửi qua Hệ thống quản lý văn bản và điều hành, đồng thời gửi tệp .xlsx về "
     "thư điện tử qlgt.sxd@ninhbinh.gov.vn; bản giấy gửi về Sở Xây dựng (qua Phòng Quản lý giao thông), "
     "số 18 đường Lê Đại Hành, phường Hoa Lư, tỉnh Ninh Bình. Các xã, phường đồng thời nhập số liệu "
     "trên Hệ thống thông tin báo cáo của tỉnh https://baocao.ninhbinh.gov.vn.")

para("III. TỔ CHỨC THỰC HIỆN", bold=True, align=L)
para("1. Đơn vị gửi báo cáo chậm hoặc số liệu không khớp với số liệu của cơ quan Công an sẽ bị nêu tên "
     "trong báo cáo gửi Chủ tịch Ủy ban nhân dân tỉnh và bị trừ điểm thi đua năm 2026; xã, phường không "
     "gửi báo cáo sẽ không được xem xét bố trí kinh phí xử lý điểm đen năm 2027.")
para("2. Đầu mối liên hệ: ông Trịnh Xuân Lộc, Phó Trưởng phòng Quản lý giao thông, điện "
     "thoại 0229.3876.512, di động 0915.638.247, e-mail: loctx.sxd@ninhbinh.gov.vn. Hỗ trợ tài khoản "
     "Hệ thống thông tin báo cáo: bà Đỗ Thị Quỳnh Anh, chuyên viên Văn phòng Sở, di động 0986.215.730.")
para("Sở Xây dựng đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện./.")

# ---- Nơi nhận + signer
foot = doc.add_table(rows=1, cols=2)
no_borders(foot)
fl, fr = foot.rows[0].cells
fl.width, fr.width = Cm(8.0), Cm(8.0)
r = fl.paragraphs[0].add_run("Nơi nhận:"); r.bold = True; r.italic = True; r.font.size = Pt(12)
for line in ["- Như trên;", "- Bộ Xây dựng (Cục Đường bộ Việt Nam) (để b/c);", "- UBND tỉnh (để b/c);",
             "- Ban An toàn giao thông tỉnh;", "- Giám đốc, các PGĐ Sở;", "- Lưu: VT, QLGT."]:
    fl.add_paragraph().add_run(line).font.size = Pt(11)
fr.paragraphs[0].alignment = C
fr.paragraphs[0].add_run("KT. GIÁM ĐỐC").bold = True
for line, b in [("PHÓ GIÁM ĐỐC", True), ("", False), ("(đã ký)", False), ("", False),
                ("Đinh Quang Tuyến", True)]:
    p = fr.add_paragraph(); p.alignment = C; p.add_run(line).bold = b

# ---- forms in landscape
new = doc.add_section()
new.orientation = WD_ORIENT.LANDSCAPE
new.page_width, new.page_height = Cm(29.7), Cm(21.0)
new.left_margin = new.right_margin = Cm(2.0)


def two_level_table(top, sub, widths):
    """top: list of (label, span); sub: labels for the second header row under spans > 1.
    Columns with span 1 are merged vertically across both header rows."""
    ncols = sum(s for _, s in top)
    t = doc.add_table(rows=2, cols=ncols)
    t.style = "Table Grid"
    r0, r1 = t.rows[0].cells, t.rows[1].cells
    col, k = 0, 0
    for label, span in top:
        if span == 1:
            m = r0[col].merge(r1[col])
            cell_text(m, label, bold=True)
        else:
            m = r0[col].merge(r0[col + span - 1])
            cell_text(m, label, bold=True)
            for j in range(span):
                cell_text(r1[col + j], sub[k], bold=True, size=10)
                k += 1
        col += span
    return t, ncols


def group_rows(t, ncols, groups):
    for roman, gname, items in groups:
        row = t.add_row().cells
        cell_text(row[0], roman, bold=True)
        merged = row[1].merge(row[ncols - 1])
        cell_text(merged, gname, bold=True, align=L)
        for k, item in enumerate(items, 1):
            row = t.add_row().cells
            cell_text(row[0], str(k))
            cell_text(row[1], item, align=L)


def total_row(t, label="Tổng cộng"):
    row = t.add_row().cells
    merged = row[0].merge(row[1])
    cell_text(merged, label, bold=True)


def set_widths(t, widths):
    for row in t.rows:
        for i, w in enumerate(widths):
            row.cells[i].width = Cm(w)


def signature():
    sig = doc.add_table(rows=1, cols=2)
    no_borders(sig)
    cell_text(sig.rows[0].cells[0], "Người lập biểu\n(Ký, ghi rõ họ tên)", size=12)
    cell_text(sig.rows[0].cells[1], "THỦ TRƯỞNG ĐƠN VỊ\n(Ký tên, đóng dấu)", bold=True, size=12)


# Biểu số 01/TNGT
para("Biểu số 01/TNGT", bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
para("TÌNH HÌNH TAI NẠN GIAO THÔNG ĐƯỜNG BỘ QUÝ IV VÀ NĂM 2026 THEO LOẠI ĐƯỜNG", bold=True, align=C)
para(KEM, italic=True, align=C, size=12)
para("Đơn vị báo cáo: ...", align=L, size=12)
q = ["Quý IV", "Năm 2026"]
t, n = two_level_table([("STT", 1), ("Loại đường, tuyến đường", 1), ("Số vụ", 2), ("Số người chết", 2),
                        ("Số người bị thương", 2), ("Thiệt hại tài sản (triệu đồng)", 2), ("Ghi chú", 1)],
                       q * 4, None)
group_rows(t, n, [
    ("I", "Quốc lộ", ["Đường cao tốc", "Quốc lộ 1", "Quốc lộ 10", "Các quốc lộ khác"]),
    ("II", "Đường tỉnh (tỉnh lộ)", ["Các tuyến đường tỉnh"]),
    ("III", "Đường đô thị", ["Đường đô thị"]),
    ("IV", "Đường huyện, đường xã", ["Đường huyện", "Đường xã"]),
])
total_row(t)
total_row(t, "Tăng, giảm so với cùng kỳ năm 2025 (%)")
set_widths(t, [1.2, 6.3, 1.9, 1.9, 1.9, 1.9, 1.9, 1.9, 2.1, 2.1, 2.6])
para("Ghi chú: Vụ tai nạn tại nút giao giữa hai loại đường thì tính cho đường có cấp cao hơn.",
     italic=True, align=L, size=11)

# Biểu số 02/VPGT
doc.add_page_break()
para("Biểu số 02/VPGT", bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
para("KẾT QUẢ XỬ LÝ VI PHẠM TRẬT TỰ, AN TOÀN GIAO THÔNG ĐƯỜNG BỘ NĂM 2026", bold=True, align=C)
para(KEM, italic=True, align=C, size=12)
t, n = two_level_table([("STT", 1), ("Nhóm hành vi vi phạm", 1), ("Số trường hợp vi phạm", 1),
                        ("Số tiền xử phạt (triệu đồng)", 2), ("Số giấy phép lái xe bị tước, trừ điểm", 1),
                        ("Số phương tiện bị tạm giữ", 1), ("Ghi chú", 1)],
                       ["Đã ra quyết định", "Đã thu nộp ngân sách"], None)
group_rows(t, n, [
    ("I", "Vi phạm nồng độ cồn", ["Xe ô tô", "Xe mô tô, xe gắn máy"]),
    ("II", "Vi phạm tải trọng xe", ["Quá tải trọng cho phép", "Cơi nới thành thùng xe"]),
    ("III", "Vi phạm tốc độ", ["Phát hiện trực tiếp", "Phát hiện qua camera giám sát"]),
    ("IV", "Các hành vi vi phạm khác", ["..."]),
])
total_row(t)
set_widths(t, [1.2, 7.5, 2.8, 2.8, 2.8, 3.0, 2.8, 2.8])
signature()

doc.save(OUT)
print(OUT)
