"""Build the held-out test dispatch 1027/STC-QLGCS (Sở Tài chính tỉnh Sóc Trăng) as a .docx:
báo cáo kết quả Tổng kiểm kê tài sản công, with two real Word tables (Biểu số 01, Biểu số 02)."""
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

OUT = Path(__file__).with_name("cv-1027-STC-QLGCS-2025-tong-kiem-ke-tai-san-cong.docx")

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
left.paragraphs[0].add_run("ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG").font.size = Pt(12)
p = left.add_paragraph(); p.alignment = C; p.add_run("SỞ TÀI CHÍNH").bold = True
p = left.add_paragraph(); p.alignment = C; p.add_run("Số: 1027/STC-QLGCS")
p = left.add_paragraph(); p.alignment = C
p.add_run("V/v báo cáo kết quả Tổng kiểm kê tài sản công tại cơ quan, tổ chức, đơn vị "
          "trên địa bàn tỉnh").font.size = Pt(12)
right.paragraphs[0].alignment = C
r = right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"); r.bold = True; r.font.size = Pt(12)
p = right.add_paragraph(); p.alignment = C; p.add_run("Độc lập - Tự do - Hạnh phúc").bold = True
p = right.add_paragraph(); p.alignment = C
p.add_run("Sóc Trăng, ngày 10 tháng 3 năm 2025").italic = True

para()
para("Kính gửi:", align=L)
for line in [
    "- Các sở, ban, ngành, đoàn thể cấp tỉnh;",
    "- Ủy ban nhân dân các huyện, thị xã, thành phố;",
    "- Các đơn vị sự nghiệp công lập trực thuộc Ủy ban nhân dân tỉnh.",
]:
    para(line, align=L).paragraph_format.left_indent = Cm(2.0)

para("Căn cứ Luật Quản lý, sử dụng tài sản công số 15/2017/QH14 ngày 21/6/2017;")
para("Căn cứ Quyết định số 213/QĐ-TTg ngày 01/3/2024 của Thủ tướng Chính phủ phê duyệt Đề án "
     "Tổng kiểm kê tài sản công tại cơ quan, tổ chức, đơn vị, tài sản kết cấu hạ tầng do Nhà nước "
     "đầu tư, quản lý;")
para("Thực hiện Kế hoạch số 186/KH-UBND ngày 23/9/2024 của Ủy ban nhân dân tỉnh Sóc Trăng về tổ chức "
     "Tổng kiểm kê tài sản công trên địa bàn tỉnh;")
para("Để có cơ sở tổng hợp, báo cáo Ủy ban nhân dân tỉnh và Bộ Tài chính kết quả Tổng kiểm kê, "
     "Sở Tài chính đề nghị các cơ quan, đơn vị, địa phương thực hiện các nội dung sau:")

para("1. Thời điểm kiểm kê và phạm vi tài sản", bold=True)
para("a) Số liệu kiểm kê được xác định tính đến 0 giờ ngày 01/01/2025; tài sản tăng, giảm sau thời "
     "điểm này không tổng hợp vào kết quả kiểm kê mà ghi chú riêng tại cột Ghi chú.")
para("b) Tài sản phải kiểm kê gồm: đất; nhà, công trình xây dựng; xe ô tô các loại; máy móc, thiết bị "
     "và tài sản cố định khác có nguyên giá từ 500 triệu đồng trở lên/01 đơn vị tài sản.")
para("c) Không kiểm kê tài sản đã có quyết định thanh lý, điều chuyển của cấp có thẩm quyền trước "
     "thời điểm kiểm kê nhưng đơn vị chưa bàn giao; các tài sản này lập danh sách riêng gửi kèm báo cáo.")

para("2. Nội dung báo cáo", bold=True)
para("a) Kết quả kiểm kê về số lượng, diện tích, nguyên giá và giá trị còn lại của từng loại tài sản, "
     "tổng hợp theo Biểu số 01 kèm theo Công văn này;")
para("b) Số tài sản thừa, thiếu khi đối chiếu giữa kiểm kê thực tế và sổ kế toán; nêu rõ nguyên nhân "
     "và đề xuất hướng xử lý;")
para("c) Danh mục nhà, đất không sử dụng, sử dụng không đúng mục đích, bị lấn chiếm hoặc đang cho thuê, "
     "liên doanh, liên kết, tổng hợp theo Biểu số 02 kèm theo Công văn này;")
para("d) Ủy ban nhân dân các huyện, thị xã, thành phố tổng hợp chung số liệu của các phòng, ban, đơn vị "
     "sự nghiệp và Ủy ban nhân dân các xã, phường, thị trấn trên địa bàn; không gửi riêng báo cáo của từng xã.")

para("3. Nhập dữ liệu trên Phần mềm Tổng kiểm kê", bold=True)
para("Các cơ quan, đơn vị nhập đầy đủ kết quả kiểm kê vào Phần mềm Tổng kiểm kê tài sản công của Bộ Tài "
     "chính bằng tài khoản đã được Sở Tài chính cấp tại Hội nghị tập huấn ngày 15/11/2024; hoàn thành "
     "nhập liệu và phê duyệt số liệu trên phần mềm trước ngày 25/3/2025. Đến nay mới có 41% đơn vị hoàn "
     "thành nhập liệu, đề nghị các đơn vị còn lại khẩn trương thực hiện.")

para("4. Thời hạn và hình thức gửi báo cáo", bold=True)
para("Báo cáo gửi về Sở Tài chính (qua Phòng Quản lý giá và Công sản) trước 16 giờ 30 phút ngày "
     "31/3/2025. Bản giấy có chữ ký của Thủ trưởng đơn vị, đóng dấu gửi về địa chỉ: số 06 đường Lê Lợi, "
     "Phường 6, thành phố Sóc Trăng; bản điện tử (định dạng .xlsx) gửi về địa chỉ thư điện tử "
     "qlgcs.stc@soctrang.gov.vn.")
para("Cơ quan, đơn vị, địa phương chậm gửi báo cáo sẽ được nêu tên trong báo cáo gửi Ủy ban nhân dân "
     "tỉnh và Bộ Tài chính; đồng thời Sở Tài chính tạm dừng thẩm định dự toán mua sắm, sửa chữa tài sản "
     "năm 2025 của đơn vị cho đến khi hoàn thành báo cáo.")

para("5. Đầu mối liên hệ", bold=True)
para("a) Về nội dung báo cáo, cách lập Biểu số 01 và Biểu số 02: bà Trần Thị Ngọc Hân, Phó Trưởng phòng "
     "Quản lý giá và Công sản, điện thoại: 0299.3822.146, di động: 0918.354.702, e-mail: "
     "hanttn.stc@soctrang.gov.vn.")
para("b) Về tài khoản, mật khẩu và lỗi nhập liệu trên Phần mềm Tổng kiểm kê: ông Lâm Quốc Việt, chuyên "
     "viên Phòng Tin học và Thống kê, di động: 0939.267.581, e-mail: vietlq.stc@soctrang.gov.vn.")
para("Sở Tài chính đề nghị các cơ quan, đơn vị, địa phương quan tâm, phối hợp thực hiện./.")

# ---- Nơi nhận + signer
sig = doc.add_table(rows=1, cols=2)
a, b = sig.rows[0].cells
a.width, b.width = Cm(8.0), Cm(8.0)
r = a.paragraphs[0].add_run("Nơi nhận:"); r.bold = True; r.italic = True; r.font.size = Pt(12)
for line in ["- Như trên;", "- Bộ Tài chính (Cục Quản lý công sản) (để b/c);",
             "- UBND tỉnh (để b/c);", "- Kho bạc Nhà nước khu vực XIX (để phối hợp);",
             "- Giám đốc, các PGĐ Sở;", "- Lưu: VT, QLGCS."]:
    a.add_paragraph().add_run(line).font.size = Pt(11)
b.paragraphs[0].alignment = C
b.paragraphs[0].add_run("KT. GIÁM ĐỐC").bold = True
p = b.add_paragraph(); p.alignment = C; p.add_run("PHÓ GIÁM ĐỐC").bold = True
for _ in range(3):
    b.add_paragraph()
p = b.add_paragraph(); p.alignment = C; p.add_run("Châu Văn Hòa").bold = True


def style_cells(t, header_rows, bold_keys=("I", "II", "")):
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
para("TỔNG HỢP KẾT QUẢ KIỂM KÊ TÀI SẢN CÔNG TẠI CƠ QUAN, TỔ CHỨC, ĐƠN VỊ", bold=True, align=C)
para("(Kèm theo Công văn số 1027/STC-QLGCS ngày 10/3/2025 của Sở Tài chính tỉnh Sóc Trăng)",
     italic=True, align=C)
para("Tên cơ quan, đơn vị, địa phương: ...        Thời điểm kiểm kê: 0 giờ ngày 01/01/2025", align=L)
para("Đơn vị tính giá trị: triệu đồng", italic=True, align=R)

cols = 10
t = doc.add_table(rows=2, cols=cols)
t.style = "Table Grid"
t.alignment = WD_TABLE_ALIGNMENT.CENTER
h1 = ["TT", "Loại tài sản", "Đơn vị tính", "Số lượng", "Diện tích (m2)",
      "Giá trị theo sổ kế toán", "", "Chênh lệch kiểm kê so với sổ kế toán", "", "Ghi chú"]
h2 = ["", "", "", "", "", "Nguyên giá", "Giá trị còn lại", "Thừa", "Thiếu", ""]
for i in range(cols):
    t.rows[0].cells[i].text = h1[i]
    t.rows[1].cells[i].text = h2[i]
for i in (0, 1, 2, 3, 4, 9):
    top, bot = t.rows[0].cells[i], t.rows[1].cells[i]
    txt = top.text
    m = top.merge(bot)
    m.text = txt
m = t.rows[0].cells[5].merge(t.rows[0].cells[6]); m.text = h1[5]
m = t.rows[0].cells[7].merge(t.rows[0].cells[8]); m.text = h1[7]
body = [
    ("I", "Tài sản là nhà, đất"),
    ("1", "Đất (khuôn viên trụ sở, cơ sở hoạt động sự nghiệp)", "khuôn viên"),
    ("2", "Nhà, công trình xây dựng", "cái"),
    ("II", "Phương tiện và tài sản cố định khác"),
    ("1", "Xe ô tô phục vụ công tác chung", "chiếc"),
    ("2", "Xe ô tô chuyên dùng", "chiếc"),
    ("3", "Máy móc, thiết bị có nguyên giá từ 500 triệu đồng trở lên", "cái"),
    ("4", "Tài sản cố định khác", "cái"),
    ("", "Tổng cộng"),
]
for item in body:
    cells = t.add_row().cells
    for i, v in enumerate(item):
        cells[i].text = v
style_cells(t, 2)
para()
para("Ghi chú: Giá trị còn lại = Nguyên giá - Hao mòn, khấu hao lũy kế; cột Thừa, Thiếu ghi theo số "
     "lượng tài sản chênh lệch giữa kiểm kê thực tế và sổ kế toán.", italic=True, align=L)

# ---- Biểu số 02
para()
para("Biểu số 02", bold=True, align=R)
para("DANH MỤC NHÀ, ĐẤT KHÔNG SỬ DỤNG, SỬ DỤNG KHÔNG ĐÚNG MỤC ĐÍCH", bold=True, align=C)
para("(Kèm theo Công văn số 1027/STC-QLGCS ngày 10/3/2025 của Sở Tài chính tỉnh Sóc Trăng)",
     italic=True, align=C)
t2 = doc.add_table(rows=1, cols=7)
t2.style = "Table Grid"
t2.alignment = WD_TABLE_ALIGNMENT.CENTER
hdr = ["TT", "Địa chỉ nhà, đất", "Diện tích đất (m2)", "Diện tích sàn sử dụng (m2)",
       "Hiện trạng (không sử dụng/sai mục đích/bị lấn chiếm/cho thuê)", "Phương án xử lý đề xuất", "Ghi chú"]
for i, v in enumerate(hdr):
    t2.rows[0].cells[i].text = v
for item in [("1", "..."), ("2", "..."), ("", "Tổng cộng")]:
    cells = t2.add_row().cells
    for i, v in enumerate(item):
        cells[i].text = v
style_cells(t2, 1, bold_keys=("",))

para()
sig2 = doc.add_table(rows=1, cols=2)
sig2.rows[0].cells[0].paragraphs[0].add_run("Người lập biểu\n(Ký, ghi rõ họ tên)")
sig2.rows[0].cells[1].paragraphs[0].add_run("THỦ TRƯỞNG ĐƠN VỊ\n(Ký tên, đóng dấu)")
for c in sig2.rows[0].cells:
    c.paragraphs[0].alignment = C

doc.save(OUT)
print(OUT)
