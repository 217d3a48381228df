"""Build the development dispatch (dev 18) 3417/KBKV12-KTNN (Bộ Tài chính - Kho bạc Nhà nước Khu vực XII) as a .docx with real
Word tables: khóa sổ kế toán cuối năm, chỉnh lý quyết toán ngân sách năm 2026.
Mẫu số 01-SDKP: merged two-row header, rows grouped by nguồn kinh phí; Mẫu số 02-TU: plain table."""
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

OUT = Path(__file__).with_name("cv-3417-KBKV12-KTNN-2026-khoa-so-quyet-toan-ngan-sach.docx")
SO = "3417/KBKV12-KTNN"

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
left.paragraphs[0].add_run("BỘ TÀI CHÍNH")
p = left.add_paragraph(); p.alignment = C; p.add_run("KHO BẠC NHÀ NƯỚC KHU VỰC XII").bold = True
p = left.add_paragraph(); p.alignment = C; p.add_run("Số: " + SO)
p = left.add_paragraph(); p.alignment = C
p.add_run("V/v khóa sổ kế toán cuối năm và chỉnh lý quyết toán ngân sách nhà nước năm 2026").font.size = Pt(12)
right.paragraphs[0].alignment = C
r = right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"); r.bold = True; r.font.size = Pt(12)
p = right.add_paragraph(); p.alignment = C; p.add_run("Độc lập - Tự do - Hạnh phúc").bold = True
p = right.add_paragraph(); p.alignment = C
p.add_run("Nghệ An, ngày 17 tháng 11 năm 2026").italic = True

para()
para("Kính gửi:", align=L)
for k in ["- Các đơn vị sử dụng ngân sách nhà nước giao dịch tại Kho bạc Nhà nước Khu vực XII;",
          "- Phòng Kinh tế các xã, phường trên địa bàn."]:
    para(k, align=L)

para("Căn cứ Luật Ngân sách nhà nước số 83/2015/QH13 ngày 25/6/2015;")
para("Căn cứ Nghị định số 97/2026/NĐ-CP ngày 30/3/2026 của Chính phủ quy định chi tiết một số điều "
     "của Luật Ngân sách nhà nước;")
para("Căn cứ Thông tư số 86/2026/TT-BTC ngày 15/10/2026 của Bộ Tài chính hướng dẫn khóa sổ kế toán "
     "cuối năm và chỉnh lý quyết toán ngân sách nhà nước năm 2026;")
para("Đến ngày 10/11/2026, tỷ lệ giải ngân dự toán chi thường xuyên của các đơn vị giao dịch tại Kho bạc "
     "Nhà nước Khu vực XII mới đạt 78,4%; còn 214 khoản tạm ứng với tổng số tiền 36,7 tỷ đồng chưa thanh "
     "toán. Để công tác khóa sổ năm 2026 đúng quy định, Kho bạc Nhà nước Khu vực XII đề nghị các đơn vị "
     "thực hiện một số nội dung sau:")

para("1. Công việc phải hoàn thành trước ngày 31/12/2026", bold=True)
para("a) Rà soát toàn bộ dự toán được giao trong năm, kể cả dự toán bổ sung; đề nghị cơ quan tài chính "
     "hủy hoặc điều chỉnh dự toán không có khả năng thực hiện trước ngày 15/12/2026.")
para("b) Hạn cuối gửi chứng từ chi ngân sách đến Kho bạc là 16 giờ 00 ngày 29/12/2026 (gửi qua Dịch vụ "
     "công trực tuyến của Kho bạc Nhà nước); chứng từ gửi sau thời điểm này được xử lý vào thời gian "
     "chỉnh lý quyết toán nếu đủ điều kiện.")
para("c) Thanh toán dứt điểm các khoản tạm ứng đã đủ thủ tục; các khoản tạm ứng chưa đủ thủ tục thanh "
     "toán phải lập bảng kê theo Mẫu số 02-TU, nêu rõ lý do và thời hạn dự kiến thanh toán.")

para("2. Thời gian chỉnh lý quyết toán", bold=True)
para("a) Thời gian chỉnh lý quyết toán đến hết ngày 31/01/2027. Trong thời gian này, đơn vị chỉ được "
     "thanh toán các khoản đã có khối lượng, nhiệm vụ hoàn thành đến hết ngày 31/12/2026 và hạch toán "
     "vào niên độ ngân sách năm 2026.")
para("b) Các khoản tạm ứng đến hết ngày 31/01/2027 vẫn chưa thanh toán sẽ được chuyển sang năm 2027 "
     "theo dõi nếu được cơ quan tài chính cho phép chuyển nguồn; trường hợp không được chuyển nguồn, "
     "đơn vị phải nộp trả ngân sách nhà nước.")
para("c) Số dư dự toán còn lại đến hết thời gian chỉnh lý quyết toán mà không được chuyển nguồn sẽ bị "
     "hủy bỏ theo quy định.")

para("3. Đối chiếu số dư và chuyển nguồn", bold=True)
para("a) Đơn vị lập Bảng đối chiếu số dư dự toán theo Mẫu số 01-SDKP (Phụ lục I), chi tiết theo từng "
     "nguồn kinh phí, gửi Kho bạc chậm nhất ngày 08/01/2027.")
para("b) Hồ sơ đề nghị chuyển nguồn sang năm 2027 gửi cơ quan tài chính cùng cấp trước ngày 20/01/2027; "
     "chỉ xét chuyển nguồn đối với kinh phí thực hiện tự chủ, kinh phí cải cách tiền lương và các nhiệm vụ "
     "đã ký hợp đồng trước ngày 31/12/2026.")
para("c) Phòng Kinh tế các xã, phường đôn đốc các đơn vị thuộc địa bàn, tổng hợp danh sách đơn vị chưa "
     "hoàn thành đối chiếu gửi Kho bạc trước ngày 12/01/2027.")

para("4. Nơi tiếp nhận hồ sơ", bold=True)
para("Bảng đối chiếu, bảng kê (bản giấy có chữ ký, đóng dấu và bản điện tử định dạng Excel) gửi về "
     "Phòng Kế toán nhà nước, Kho bạc Nhà nước Khu vực XII, số 9 đường Trường Thi, phường Thành Vinh, "
     "tỉnh Nghệ An.")

para("5. Xử lý chậm đối chiếu", bold=True)
para("Đơn vị không gửi Bảng đối chiếu số dư dự toán đúng hạn sẽ bị Kho bạc từ chối chứng từ thanh toán "
     "trong thời gian chỉnh lý quyết toán; số dư dự toán chưa đối chiếu sẽ bị hủy bỏ và Kho bạc thông "
     "báo danh sách đơn vị chậm đối chiếu cho cơ quan tài chính cùng cấp.")

para("Tài liệu gửi kèm: Phụ lục I - Mẫu số 01-SDKP: Bảng đối chiếu số dư dự toán; Phụ lục II - Mẫu số "
     "02-TU: Bảng kê tạm ứng chưa thanh toán.")
para("Trong quá trình thực hiện, nếu có vướng mắc, đề nghị liên hệ ông Hoàng Văn Thắng, Phó Trưởng phòng "
     "Kế toán nhà nước, điện thoại 0238.3844.215 hoặc 0912.377.648, e-mail: thanghv@kbnn.vn./.")

# ---- signature
sig = doc.add_table(rows=1, cols=2)
a, b = sig.rows[0].cells
a.paragraphs[0].add_run("Nơi nhận:").bold = True
for k in ["- Như trên;", "- Kho bạc Nhà nước (để b/c);", "- Sở Tài chính tỉnh Nghệ An;",
          "- UBND các xã, phường trên địa bàn;", "- Giám đốc, các Phó Giám đốc;", "- Lưu: VT, KTNN."]:
    a.add_paragraph(k)
b.paragraphs[0].alignment = C
b.paragraphs[0].add_run("KT. GIÁM ĐỐC").bold = True
for k, bold in [("PHÓ GIÁM ĐỐC", True), ("", False), ("(Đã ký)", False), ("", False), ("Nguyễn Thị Minh Phương", True)]:
    p = b.add_paragraph(); p.alignment = C; p.add_run(k).bold = bold

# ---- Phụ lục I - Mẫu số 01-SDKP
doc.add_page_break()
para("Phụ lục I", bold=True, align=R)
para("Mẫu số 01-SDKP", bold=True, align=R)
para("BẢNG ĐỐI CHIẾU SỐ DƯ DỰ TOÁN", bold=True, align=C)
para("(Kèm theo Công văn số 3417/KBKV12-KTNN ngày 17/11/2026 của Kho bạc Nhà nước Khu vực XII)", italic=True, align=C)
para("Đơn vị: ......................  Mã số ĐVQHNS: ..........  Đơn vị tính: đồng", align=C)
t = doc.add_table(rows=2, cols=8); t.style = "Table Grid"
top, bot = t.rows[0].cells, t.rows[1].cells
for i, h in [(0, "STT"), (1, "Nội dung"), (6, "Số dư dự toán còn lại"), (7, "Đề nghị chuyển nguồn")]:
    m = top[i].merge(bot[i]); m.text = h
m = top[2].merge(top[3]); m.text = "Dự toán được giao"
m = top[4].merge(top[5]); m.text = "Số đã sử dụng"
for i, h in [(2, "Dự toán đầu năm"), (3, "Dự toán bổ sung"), (4, "Thực chi"), (5, "Tạm ứng")]:
    bot[i].text = h
for stt, name in [("I", "Nguồn kinh phí thực hiện tự chủ"), ("1", "Chi thanh toán cá nhân"),
                  ("2", "Chi hoạt động thường xuyên"), ("II", "Nguồn kinh phí không thực hiện tự chủ"),
                  ("1", "Chi mua sắm, sửa chữa tài sản"), ("2", "Chi nhiệm vụ đặc thù"),
                  ("III", "Nguồn kinh phí cải cách tiền lương"), ("", "Tổng cộng")]:
    cells = t.add_row().cells
    cells[0].text, cells[1].text = stt, name
    if stt in ("I", "II", "III", ""):
        bold_cells(cells[:2])
para("Ghi chú: Số dư dự toán còn lại = Dự toán được giao - Thực chi - Tạm ứng; số liệu tính đến hết "
     "ngày 31/12/2026.", italic=True)

# ---- Phụ lục II - Mẫu số 02-TU
para()
para("Phụ lục II", bold=True, align=R)
para("Mẫu số 02-TU", bold=True, align=R)
para("BẢNG KÊ TẠM ỨNG CHƯA THANH TOÁN", bold=True, align=C)
para("(Kèm theo Công văn số 3417/KBKV12-KTNN ngày 17/11/2026 của Kho bạc Nhà nước Khu vực XII)", italic=True, align=C)
hdr = ["STT", "Số, ngày chứng từ tạm ứng", "Nội dung tạm ứng", "Số tiền tạm ứng", "Lý do chưa thanh toán",
       "Thời hạn dự kiến thanh toán", "Ghi chú"]
t = doc.add_table(rows=1, cols=len(hdr)); t.style = "Table Grid"
for i, h in enumerate(hdr):
    t.rows[0].cells[i].text = h
for stt in ["1", "2", "...", "Tổng cộng"]:
    t.add_row().cells[0].text = stt

doc.save(OUT)
print(OUT)
