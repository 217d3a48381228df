"""Build the held-out test dispatch 2317/SCT-QLTM (Sở Công Thương tỉnh Lào Cai) as a .docx."""
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

OUT = Path(__file__).with_name("cv-2317-SCT-QLTM-2025-hang-hoa-tet.docx")

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


def para(text="", bold=False, italic=False, align=None, indent=True, size=None):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    elif indent:
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Cm(1.0)
    r = p.add_run(text)
    r.bold, r.italic = bold, italic
    if size:
        r.font.size = Pt(size)
    return p


C = WD_ALIGN_PARAGRAPH.CENTER
L = WD_ALIGN_PARAGRAPH.LEFT
R = WD_ALIGN_PARAGRAPH.RIGHT

# Header: two-column borderless table (unit | quốc hiệu)
head = doc.add_table(rows=1, cols=2)
left, right = head.rows[0].cells
left.width, right.width = Cm(6.5), Cm(9.5)
left.paragraphs[0].add_run("ỦY BAN NHÂN DÂN TỈNH LÀO CAI").font.size = Pt(12)
left.paragraphs[0].alignment = C
p = left.add_paragraph(); p.alignment = C; p.add_run("SỞ CÔNG THƯƠNG").bold = True
p = left.add_paragraph(); p.alignment = C; p.add_run("Số: 2317/SCT-QLTM")
p = left.add_paragraph(); p.alignment = C
r = p.add_run("V/v báo cáo tình hình thị trường và kế hoạch dự trữ, cung ứng hàng hóa thiết yếu dịp Tết Nguyên đán Bính Ngọ năm 2026")
r.font.size = Pt(12)
right.paragraphs[0].alignment = C
r = right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"); r.bold = True; r.font.size = Pt(12)
p = right.add_paragraph(); p.alignment = C; p.add_run("Độc lập - Tự do - Hạnh phúc").bold = True
p = right.add_paragraph(); p.alignment = C
p.add_run("Lào Cai, ngày 08 tháng 12 năm 2025").italic = True

para()
para("Kính gửi:", align=L)
for line in [
    "- Ủy ban nhân dân các xã, phường trên địa bàn tỉnh;",
    "- Các doanh nghiệp tham gia Chương trình bình ổn thị trường tỉnh Lào Cai năm 2025;",
    "- Ban Quản lý các chợ, trung tâm thương mại, siêu thị trên địa bàn tỉnh;",
    "- Chi cục Quản lý thị trường tỉnh Lào Cai.",
]:
    para(line, align=L).paragraph_format.left_indent = Cm(2.0)

para("Căn cứ Luật Giá số 16/2023/QH15 ngày 19/6/2023; Nghị định số 85/2024/NĐ-CP ngày 10/7/2024 "
     "của Chính phủ quy định chi tiết một số điều của Luật Giá;")
para("Thực hiện Kế hoạch số 498/KH-UBND ngày 28/11/2025 của Ủy ban nhân dân tỉnh về bảo đảm cân đối "
     "cung cầu, bình ổn thị trường những tháng cuối năm 2025 và dịp Tết Nguyên đán Bính Ngọ năm 2026, "
     "để có cơ sở tổng hợp, tham mưu Ủy ban nhân dân tỉnh chỉ đạo điều hành thị trường, Sở Công Thương "
     "đề nghị các cơ quan, đơn vị, doanh nghiệp báo cáo các nội dung sau:")

para("I. TÌNH HÌNH THỊ TRƯỜNG VÀ KẾT QUẢ BÌNH ỔN THỊ TRƯỜNG NĂM 2025", bold=True)
para("1. Tình hình cung cầu, giá cả hàng hóa", bold=True)
para("a) Diễn biến giá các mặt hàng thiết yếu (gạo, thịt lợn, thịt gia cầm, rau củ, xăng dầu, khí hóa lỏng) "
     "trên địa bàn; mặt hàng có biến động giá tăng trên 10% so với cùng kỳ năm trước và nguyên nhân;")
para("b) Tình hình lưu thông hàng hóa qua cửa khẩu quốc tế Lào Cai và các chợ biên giới; hiện tượng "
     "khan hàng, sốt giá cục bộ (nếu có).")
para("2. Kết quả thực hiện Chương trình bình ổn thị trường năm 2025", bold=True)
para("Số điểm bán hàng bình ổn thị trường đã duy trì; tổng giá trị hàng hóa bình ổn đã cung ứng; số lượt "
     "đưa hàng Việt về các xã vùng cao, vùng biên giới; tình hình thực hiện cam kết giá của doanh nghiệp.")

para("II. KẾ HOẠCH DỰ TRỮ, CUNG ỨNG HÀNG HÓA DỊP TẾT NGUYÊN ĐÁN BÍNH NGỌ NĂM 2026", bold=True)
para("1. Đối với các doanh nghiệp tham gia Chương trình bình ổn thị trường", bold=True)
para("a) Xây dựng kế hoạch dự trữ hàng hóa thiết yếu với tổng giá trị không thấp hơn 120% so với "
     "lượng hàng cung ứng dịp Tết Ất Tỵ năm 2025;")
para("b) Đăng ký danh mục mặt hàng, giá bán bình ổn; cam kết giá bán thấp hơn giá thị trường cùng thời "
     "điểm từ 5% đến 10% và không tăng giá trong thời gian thực hiện chương trình;")
para("c) Niêm yết giá công khai tại các điểm bán; tạm ngừng bán và báo cáo ngay về Sở Công Thương khi phát "
     "hiện hàng hóa không bảo đảm chất lượng, an toàn thực phẩm.")
para("2. Đối với Ủy ban nhân dân các xã, phường", bold=True)
para("a) Tổ chức các phiên chợ Tết, đưa hàng Việt về vùng cao; ưu tiên các xã biên giới, xã có đông "
     "đồng bào dân tộc thiểu số sinh sống;")
para("b) Chỉ đạo Ban Quản lý chợ kiểm tra, bảo đảm an toàn phòng cháy, chữa cháy tại chợ trước "
     "ngày 15/01/2026; bố trí lực lượng trực bảo vệ chợ trong những ngày nghỉ Tết.")
para("3. Thời gian thực hiện kế hoạch cung ứng", bold=True)
para("Kế hoạch dự trữ, cung ứng hàng hóa tính cho thời gian từ ngày 20/01/2026 đến hết ngày 05/3/2026.")

para("III. TỔ CHỨC THỰC HIỆN", bold=True)
para("1. Thời kỳ số liệu và biểu mẫu", bold=True)
para("Số liệu tại Mục I tính từ ngày 01/01/2025 đến hết ngày 30/11/2025; số liệu kế hoạch dự trữ tổng "
     "hợp theo Biểu mẫu số 01 kèm theo Công văn này.")
para("2. Thời hạn và hình thức gửi báo cáo", bold=True)
para("Báo cáo gửi về Sở Công Thương (qua Phòng Quản lý thương mại) trước ngày 22/12/2025. Bản giấy có "
     "chữ ký, đóng dấu gửi về địa chỉ: số 286 đường Hoàng Liên, phường Lào Cai, tỉnh Lào Cai; bản điện tử "
     "(định dạng .docx và .xlsx) gửi về địa chỉ thư điện tử qltm.sct@laocai.gov.vn.")
para("Doanh nghiệp không gửi báo cáo hoặc gửi chậm sẽ không được xem xét đưa vào danh sách doanh nghiệp "
     "tham gia Chương trình bình ổn thị trường năm 2026.")
para("3. Hội nghị triển khai", bold=True)
para("Sở Công Thương tổ chức Hội nghị triển khai công tác bình ổn thị trường Tết vào 08 giờ 30 phút ngày "
     "30/12/2025 tại Hội trường tầng 3, trụ sở Sở Công Thương; đề nghị đại diện lãnh đạo các đơn vị tham dự.")
para("Trong quá trình thực hiện, nếu có vướng mắc, đề nghị liên hệ bà Lục Thị Hồng Nhung, Phó Trưởng phòng "
     "Quản lý thương mại, điện thoại: 0214.3840.271, di động: 0977.306.158, e-mail: nhunglth.sct@laocai.gov.vn.")
para("Sở Công Thương đề nghị các cơ quan, đơn vị, doanh nghiệp quan tâm, phối hợp thực hiện./.")

# Nơi nhận + signer: borderless two-column table
sig = doc.add_table(rows=1, cols=2)
a, b = sig.rows[0].cells
a.width, b.width = Cm(8.0), Cm(8.0)
r = a.paragraphs[0].add_run("Nơi nhận:"); r.bold = True; r.italic = True; r.font.size = Pt(12)
for line in ["- Như trên;", "- UBND tỉnh (để b/c);",
             "- Bộ Công Thương (Vụ Thị trường trong nước) (để b/c);",
             "- Sở Tài chính (để phối hợp);", "- Giám đốc, các PGĐ Sở;", "- Lưu: VT, QLTM."]:
    a.add_paragraph().add_run(line).font.size = Pt(11)
b.paragraphs[0].alignment = C
b.paragraphs[0].add_run("KT. GIÁM ĐỐC").bold = True
p = b.add_paragraph(); p.alignment = C; p.add_run("PHÓ GIÁM ĐỐC").bold = True
for _ in range(3):
    b.add_paragraph()
p = b.add_paragraph(); p.alignment = C; p.add_run("Lương Đức Toàn").bold = True

sec2 = doc.add_section()
from docx.enum.section import WD_ORIENT
sec2.orientation = WD_ORIENT.LANDSCAPE
sec2.page_width, sec2.page_height = Cm(29.7), Cm(21.0)
para("Biểu mẫu số 01", bold=True, align=R)
para("KẾ HOẠCH DỰ TRỮ, CUNG ỨNG HÀNG HÓA THIẾT YẾU DỊP TẾT NGUYÊN ĐÁN BÍNH NGỌ NĂM 2026", bold=True, align=C)
para("(Kèm theo Công văn số 2317/SCT-QLTM ngày 08/12/2025 của Sở Công Thương tỉnh Lào Cai)", italic=True, align=C)
para("Tên doanh nghiệp/đơn vị: ...", align=L)

cols = 9
t = doc.add_table(rows=2, cols=cols)
t.style = "Table Grid"
t.alignment = WD_TABLE_ALIGNMENT.CENTER
h1 = ["TT", "Mặt hàng", "Đơn vị tính", "Sản lượng cung ứng Tết Ất Tỵ năm 2025",
      "Kế hoạch dự trữ Tết Bính Ngọ năm 2026", "", "Giá bán dự kiến (đồng/đơn vị tính)", "", "Ghi chú"]
h2 = ["", "", "", "", "Số lượng", "Giá trị (triệu đồng)", "Giá bán bình ổn", "Giá thị trường cùng thời điểm", ""]
for i in range(cols):
    t.rows[0].cells[i].text = h1[i]
    t.rows[1].cells[i].text = h2[i]
for i in (0, 1, 2, 3, 8):  # vertical merges
    top, bot = t.rows[0].cells[i], t.rows[1].cells[i]
    txt = top.text
    m = top.merge(bot)
    m.text = txt
m = t.rows[0].cells[4].merge(t.rows[0].cells[5]); m.text = h1[4]
m = t.rows[0].cells[6].merge(t.rows[0].cells[7]); m.text = h1[6]
for row in t.rows[:2]:
    for c in row.cells:
        for p in c.paragraphs:
            p.alignment = C
            for r in p.runs:
                r.bold = True
                r.font.size = Pt(11)

body = [
    ("I", "Lương thực, thực phẩm"),
    ("1", "Gạo tẻ", "tấn"),
    ("2", "Thịt lợn", "tấn"),
    ("3", "Bánh, mứt, kẹo Tết", "tấn"),
    ("II", "Hàng công nghệ phẩm, tiêu dùng"),
    ("1", "Dầu ăn", "lít"),
    ("2", "Nước giải khát", "thùng"),
    ("III", "Nhiên liệu"),
    ("1", "Xăng, dầu", "lít"),
    ("2", "Khí hóa lỏng (LPG)", "bình 12 kg"),
    ("", "Tổng cộng"),
]
for item in body:
    cells = t.add_row().cells
    for i, v in enumerate(item):
        cells[i].text = v
        for p in cells[i].paragraphs:
            for r in p.runs:
                r.font.size = Pt(11)
                if item[0] in ("I", "II", "III", ""):
                    r.bold = True

para()
para("Ghi chú: Giá trị (triệu đồng) = Số lượng x Giá bán bình ổn; mặt hàng ngoài danh mục ghi bổ sung "
     "vào nhóm tương ứng.", italic=True, align=L)
sig2 = doc.add_table(rows=1, cols=2)
sig2.rows[0].cells[0].paragraphs[0].add_run("Người lập biểu\n(Ký, ghi rõ họ tên)")
sig2.rows[0].cells[1].paragraphs[0].add_run("THỦ TRƯỞNG ĐƠN VỊ\n(Ký tên, đóng dấu)")
for c in sig2.rows[0].cells:
    c.paragraphs[0].alignment = C

doc.save(OUT)
print(OUT)
