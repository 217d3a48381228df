"""Build the test dispatch 736/TTr-PCTN (Thanh tra tỉnh Hà Tĩnh) as a .docx:
báo cáo công tác phòng, chống tham nhũng, tiêu cực và kê khai tài sản, thu nhập năm 2026.
Letterhead is a borderless 2-column Word table; Biểu số 01/PCTN is a real Word table with a merged
two-row header and group rows I, II, III; Biểu số 02/KKTS is a plain Word table."""
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

OUT = Path(__file__).with_name("cv-736-TTR-PCTN-2026-phong-chong-tham-nhung-ke-khai-tai-san.docx")
SOHIEU = "736/TTr-PCTN"
KEM = f"(Kèm theo Công văn số {SOHIEU} ngày 25/11/2026 của Thanh tra tỉnh Hà Tĩnh)"

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
left.paragraphs[0].add_run("UBND TỈNH HÀ TĨNH").font.size = Pt(12)
p = left.add_paragraph(); p.alignment = C
r = p.add_run("THANH TRA TỈNH"); r.bold = True; r.font.size = Pt(12)
p = left.add_paragraph(); p.alignment = C; p.add_run(f"Số: {SOHIEU}")
p = left.add_paragraph(); p.alignment = C
p.add_run("V/v báo cáo công tác phòng, chống tham nhũng, tiêu cực và kê khai tài sản, "
          "thu nhập năm 2026").font.size = Pt(12)
right.paragraphs[0].alignment = C
r = right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"); r.bold = True; r.font.size = Pt(12)
p = right.add_paragraph(); p.alignment = C; p.add_run("Độc lập - Tự do - Hạnh phúc").bold = True
p = right.add_paragraph(); p.alignment = C
p.add_run("Hà Tĩnh, ngày 25 tháng 11 năm 2026").italic = True

para()
para("Kính gửi:", align=L)
for line in [
    "- Các sở, ban, ngành cấp tỉnh;",
    "- Ủy ban nhân dân các xã, phường trên địa bàn tỉnh;",
    "- Các đơn vị sự nghiệp công lập thuộc Ủy ban nhân dân tỉnh.",
]:
    para(line, align=L).paragraph_format.left_indent = Cm(2.0)

para("Căn cứ Luật Phòng, chống tham nhũng số 36/2018/QH14 ngày 20/11/2018;")
para("Căn cứ Nghị định số 130/2020/NĐ-CP ngày 30/10/2020 của Chính phủ về kiểm soát tài sản, thu nhập "
     "của người có chức vụ, quyền hạn trong cơ quan, tổ chức, đơn vị;")
para("Căn cứ Thông tư số 05/2026/TT-TTCP ngày 16/3/2026 của Tổng Thanh tra Chính phủ quy định chế độ "
     "báo cáo công tác thanh tra, tiếp công dân và phòng, chống tham nhũng, tiêu cực;")
para("Thực hiện Kế hoạch số 58/KH-UBND ngày 23/01/2026 của Ủy ban nhân dân tỉnh về công tác phòng, "
     "chống tham nhũng, tiêu cực năm 2026;")
para("Năm 2025, toàn tỉnh có 6.214 người kê khai tài sản, thu nhập hằng năm, đạt 99,6%; còn 03 đơn vị "
     "gửi bản kê khai chậm. Thanh tra tỉnh đề nghị các cơ quan, đơn vị, địa phương thực hiện các nội "
     "dung sau:")

para("I. BÁO CÁO CÔNG TÁC PHÒNG, CHỐNG THAM NHŨNG, TIÊU CỰC NĂM 2026", bold=True, align=L)
para("1. Công tác lãnh đạo, chỉ đạo, tuyên truyền pháp luật về phòng, chống tham nhũng, tiêu cực.")
para("2. Kết quả thực hiện các biện pháp phòng ngừa: công khai, minh bạch; thực hiện quy định về tặng "
     "quà và nhận quà tặng (giá trị quà tặng đã nộp lại); chuyển đổi vị trí công tác "
     "theo Nghị định số 59/2019/NĐ-CP ngày 01/7/2019 của Chính phủ; kiểm soát xung đột lợi ích; chi "
     "trả thu nhập không dùng tiền mặt.")
para("3. Kết quả phát hiện, xử lý tham nhũng, tiêu cực qua tự kiểm tra nội bộ, thanh tra, giải quyết "
     "tố cáo; số người đứng đầu bị xử lý trách nhiệm; số tiền, tài sản đã thu hồi.")
para("4. Đánh giá chung, khó khăn, vướng mắc; nhiệm vụ năm 2027 và kiến nghị, đề xuất.")
para("Số liệu tổng hợp theo Biểu số 01/PCTN kèm theo Công văn này.")

para("II. KÊ KHAI TÀI SẢN, THU NHẬP NĂM 2026", bold=True, align=L)
para("1. Lập danh sách người có nghĩa vụ kê khai hằng năm theo khoản 3 Điều 36 Luật Phòng, chống "
     "tham nhũng (người giữ chức vụ từ Giám đốc sở và tương đương trở lên; người làm công tác tổ chức "
     "cán bộ, quản lý tài chính công, tài sản công, đầu tư công) theo Biểu số 02/KKTS, gửi Thanh tra "
     "tỉnh trước ngày 05/12/2026 và cập nhật lên Cơ sở dữ liệu quốc gia về kiểm soát tài sản, thu nhập.")
para("2. Người có nghĩa vụ hoàn thành kê khai trước ngày 31/12/2026; người không thuộc diện kê khai "
     "hằng năm nhưng có biến động tăng tài sản, thu nhập trong năm từ 300.000.000 đồng trở lên thì kê "
     "khai bổ sung.")
para("3. Bản kê khai được niêm yết tại trụ sở cơ quan, đơn vị trong thời gian 15 ngày hoặc công bố "
     "tại cuộc họp; bàn giao 01 bản kê khai cho Thanh tra tỉnh trước ngày 20/01/2027.")
para("4. Năm 2027, Thanh tra tỉnh xác minh ngẫu nhiên tại ít nhất 10% số cơ quan, đơn vị, lựa chọn công khai bằng hình thức bốc thăm.")

para("III. THỜI KỲ SỐ LIỆU, THỜI HẠN VÀ HÌNH THỨC GỬI BÁO CÁO", bold=True, align=L)
para("1. Số liệu báo cáo tính từ ngày 15/12/2025 đến hết ngày 14/12/2026.")
para("2. Báo cáo (kèm Biểu số 01/PCTN) gửi về Thanh tra tỉnh (qua Phòng Phòng, chống tham nhũng, "
     "tiêu cực) trước 16 giờ 00 ngày 17/12/2026.")
para("3. Hình thức gửi:")
para("a) Bản điện tử có ký số gửi qua Hệ thống quản lý văn bản và điều hành, đồng thời gửi "
     "tệp .docx và .xlsx về thư điện tử pctn.thanhtra@hatinh.gov.vn;")
para("b) 01 bản giấy có chữ ký, đóng dấu gửi về số 02 đường Nguyễn Chí Thanh, phường Thành Sen, "
     "tỉnh Hà Tĩnh.")

para("IV. TỔ CHỨC THỰC HIỆN", bold=True, align=L)
para("1. Người đứng đầu chịu trách nhiệm về tính chính xác của số liệu báo cáo.")
para("2. Đơn vị gửi báo cáo hoặc danh sách chậm sẽ bị nêu tên trong báo cáo gửi Chủ tịch Ủy ban nhân "
     "dân tỉnh, bị trừ điểm khi đánh giá công tác phòng, chống tham nhũng năm 2026 và không được xem "
     "xét khen thưởng; trường hợp bỏ sót người có nghĩa vụ kê khai, Thanh tra tỉnh kiến nghị xem xét "
     "trách nhiệm người đứng đầu.")
para("3. Liên hệ: ông Võ Tá Khánh, Phó Trưởng phòng Phòng, chống tham nhũng, tiêu cực, điện thoại "
     "0239.3691.528, di động 0915.462.703, e-mail khanhvt.thanhtra@hatinh.gov.vn; hỗ trợ tài khoản Cơ "
     "sở dữ liệu quốc gia về kiểm soát tài sản, thu nhập: bà Lê Thị Hoài Thương, di động 0983.517.294.")
para("Đề nghị các cơ quan, đơn vị, địa phương thực hiện./.")

# ---- Nơi nhận + signer: borderless two-column table
foot = doc.add_table(rows=1, cols=2)
no_borders(foot)
fl, fr = foot.rows[0].cells
fl.width, fr.width = Cm(8.0), Cm(8.0)
r = fl.paragraphs[0].add_run("Nơi nhận:"); r.bold = True; r.italic = True; r.font.size = Pt(12)
for line in ["- Như trên;", "- Thanh tra Chính phủ (để b/c);", "- UBND tỉnh (để b/c);",
             "- Ban Nội chính Tỉnh ủy (để phối hợp);", "- Lưu: VT, PCTN."]:
    fl.add_paragraph().add_run(line).font.size = Pt(11)
fr.paragraphs[0].alignment = C
fr.paragraphs[0].add_run("KT. CHÁNH THANH TRA").bold = True
for line, b in [("PHÓ CHÁNH THANH TRA", True), ("", False), ("(đã ký)", False), ("", False),
                ("Phan Trọng Hiếu", True)]:
    p = fr.add_paragraph(); p.alignment = C; p.add_run(line).bold = b

# ---- forms in landscape
new = doc.add_section()
new.orientation = WD_ORIENT.LANDSCAPE
new.page_width, new.page_height = Cm(29.7), Cm(21.0)
new.left_margin = new.right_margin = Cm(2.0)


def signatures():
    sig = doc.add_table(rows=1, cols=2)
    no_borders(sig)
    cell_text(sig.rows[0].cells[0], "Người lập biểu\n(Ký, ghi rõ họ tên)", size=12)
    cell_text(sig.rows[0].cells[1], "THỦ TRƯỞNG ĐƠN VỊ\n(Ký tên, đóng dấu)", bold=True, size=12)


# Biểu số 01/PCTN: merged two-row header, group rows I, II, III
para("Biểu số 01/PCTN", bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
para("KẾT QUẢ CÔNG TÁC PHÒNG, CHỐNG THAM NHŨNG, TIÊU CỰC NĂM 2026", bold=True, align=C)
para(KEM, italic=True, align=C, size=12)
para("Tên cơ quan, đơn vị: ...        Kỳ số liệu: từ 15/12/2025 đến 14/12/2026", align=L, size=12)
t = doc.add_table(rows=2, cols=7)
t.style = "Table Grid"
h1, h2 = t.rows[0].cells, t.rows[1].cells
for i, name in [(0, "STT"), (1, "Chỉ tiêu"), (2, "Đơn vị tính"), (5, "Tăng, giảm (%)"),
                (6, "Ghi chú")]:
    m = h1[i].merge(h2[i])
    cell_text(m, name, bold=True)
m = h1[3].merge(h1[4])
cell_text(m, "Kết quả thực hiện", bold=True)
cell_text(h2[3], "Năm 2025", bold=True)
cell_text(h2[4], "Năm 2026", bold=True)
groups = [
    ("I", "Phòng ngừa tham nhũng, tiêu cực", [
        ("Số cuộc kiểm tra việc thực hiện công khai, minh bạch", "cuộc"),
        ("Số người được chuyển đổi vị trí công tác", "người"),
        ("Giá trị quà tặng đã nộp lại", "triệu đồng")]),
    ("II", "Kiểm soát tài sản, thu nhập", [
        ("Số người có nghĩa vụ kê khai", "người"),
        ("Số người đã kê khai", "người"),
        ("Số người được xác minh tài sản, thu nhập", "người")]),
    ("III", "Phát hiện, xử lý tham nhũng, tiêu cực", [
        ("Số vụ việc tham nhũng được phát hiện", "vụ"),
        ("Số người bị xử lý kỷ luật", "người"),
        ("Số tiền, tài sản đã thu hồi", "triệu đồng")]),
]
for roman, gname, items in groups:
    row = t.add_row().cells
    cell_text(row[0], roman, bold=True)
    merged = row[1].merge(row[6])
    cell_text(merged, gname, bold=True, align=L)
    for k, (name, unit) in enumerate(items, 1):
        row = t.add_row().cells
        cell_text(row[0], str(k))
        cell_text(row[1], name, align=L)
        cell_text(row[2], unit)
t.autofit = False
for i, w in enumerate([1.2, 9.0, 2.6, 2.8, 2.8, 3.6, 3.6]):
    t.columns[i].width = Cm(w)
    for row in t.rows:
        row.cells[i].width = Cm(w)
para("Ghi chú: Tăng, giảm (%) = (Năm 2026 - Năm 2025) / Năm 2025 x 100.", italic=True, align=L, size=11)
signatures()

doc.add_page_break()
para("Biểu số 02/KKTS", bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
para("DANH SÁCH NGƯỜI CÓ NGHĨA VỤ KÊ KHAI TÀI SẢN, THU NHẬP HẰNG NĂM NĂM 2026", bold=True, align=C)
para(KEM, italic=True, align=C, size=12)
headers = ["STT", "Họ và tên", "Năm sinh", "Chức vụ, chức danh", "Cơ quan, đơn vị công tác",
           "Căn cứ xác định nghĩa vụ kê khai", "Ghi chú"]
t2 = doc.add_table(rows=1, cols=len(headers))
t2.style = "Table Grid"
for i, h in enumerate(headers):
    cell_text(t2.rows[0].cells[i], h, bold=True)
for k in ("1", "2", "..."):
    row = t2.add_row().cells
    cell_text(row[0], k)
t2.autofit = False
for i, w in enumerate([1.2, 5.0, 2.2, 4.5, 5.0, 4.5, 3.2]):
    t2.columns[i].width = Cm(w)
    for row in t2.rows:
        row.cells[i].width = Cm(w)
para("Ghi chú: Cột \"Căn cứ xác định nghĩa vụ kê khai\" ghi \"chức vụ\" hoặc \"vị trí công tác\".",
     italic=True, align=L, size=11)
signatures()

doc.save(OUT)
print(OUT)
