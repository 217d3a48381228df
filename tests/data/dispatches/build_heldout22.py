"""Build the held-out test dispatch 1879/SNNMT-CCKL (Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng, Chi cục Kiểm lâm
chủ trì) as a .docx: triển khai công tác phòng cháy, chữa cháy rừng mùa khô 2026 - 2027 và chế độ báo cáo
(báo cáo ngay khi xảy ra cháy rừng, báo cáo tuần trong thời gian cao điểm, báo cáo tổng kết mùa khô).
Letterhead, Nơi nhận / signer blocks are borderless two-column Word tables; Biểu số 01/PCCCR is a real Word table
with a merged two-row header and rows grouped by khu vực; Biểu số 02/PCCCR is a real Word table listing fire
incidents."""
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

OUT = Path(__file__).with_name("cv-1879-SNNMT-CCKL-2026-phong-chay-chua-chay-rung.docx")
SOHIEU = "1879/SNNMT-CCKL"
KEM = f"(Kèm theo Công văn số {SOHIEU} ngày 06/11/2026 của Sở Nông nghiệp và Môi trường)"

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


def add_line(cell, text, bold=False, italic=False, size=None, align=C):
    p = cell.add_paragraph()
    p.alignment = align
    r = p.add_run(text)
    r.bold, r.italic = bold, italic
    if size:
        r.font.size = Pt(size)


# ---- letterhead: borderless two-column table (Nghị định 30/2020/NĐ-CP layout)
head = doc.add_table(rows=1, cols=2)
no_borders(head)
left, right = head.rows[0].cells
left.width, right.width = Cm(6.8), Cm(9.2)
cell_text(left, "UBND TỈNH LÂM ĐỒNG", size=12)
add_line(left, "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", bold=True, size=12)
add_line(left, "-------", size=11)
add_line(left, f"Số: {SOHIEU}", size=13)
add_line(left, "V/v triển khai công tác phòng cháy, chữa cháy rừng mùa khô 2026 - 2027 và chế độ báo cáo",
         size=12)
cell_text(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12)
add_line(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13)
add_line(right, "---------------", size=11)
add_line(right, "Lâm Đồng, ngày 06 tháng 11 năm 2026", italic=True, size=13)

para()
para("Kính gửi:", align=L)
for line in [
    "- Ủy ban nhân dân các xã, phường, đặc khu có rừng;",
    "- Các Ban quản lý rừng phòng hộ, đặc dụng và các công ty lâm nghiệp;",
    "- Các Hạt Kiểm lâm khu vực.",
]:
    para(line, align=L).paragraph_format.left_indent = Cm(2.0)

para("Căn cứ Luật Lâm nghiệp số 16/2017/QH14 ngày 15/11/2017;")
para("Căn cứ Nghị định số 156/2018/NĐ-CP ngày 16/11/2018 của Chính phủ quy định chi tiết thi hành một số "
     "điều của Luật Lâm nghiệp;")
para("Căn cứ Thông tư số 25/2019/TT-BNNPTNT ngày 27/12/2019 của Bộ trưởng Bộ Nông nghiệp và Phát triển "
     "nông thôn quy định về phòng cháy và chữa cháy rừng;")
para("Thực hiện Chỉ thị số 09/CT-UBND ngày 28/10/2026 của Ủy ban nhân dân tỉnh về phòng cháy, chữa cháy "
     "rừng mùa khô 2026 - 2027;")
para("Mùa khô 2025 - 2026, trên địa bàn tỉnh xảy ra 38 vụ cháy rừng, thiệt hại 164,7 ha, chủ yếu là rừng "
     "thông và rừng khộp; 72% số vụ do đốt thực bì, đốt nương rẫy không kiểm soát. Mùa khô năm nay dự báo "
     "nắng nóng kéo dài, nguy cơ cháy rừng cao từ tháng 01 đến tháng 4/2027. Sở Nông nghiệp và Môi trường "
     "(Chi cục Kiểm lâm) đề nghị các đơn vị thực hiện các nội dung sau:")

para("I. NHIỆM VỤ CỦA CÁC ĐƠN VỊ", bold=True, align=L)
para("1. Ủy ban nhân dân các xã, phường, đặc khu", bold=True, align=L)
para("a) Kiện toàn Ban Chỉ huy bảo vệ rừng và phòng cháy, chữa cháy rừng cấp xã; phê duyệt phương án phòng "
     "cháy, chữa cháy rừng của xã trước ngày 30/11/2026;")
para("b) Tổ chức cho 100% hộ gia đình sống gần rừng ký cam kết không sử dụng lửa trái quy định; "
     "nghiêm cấm đốt thực bì, đốt nương rẫy từ ngày 15/01/2027 đến ngày 30/4/2027;")
para("c) Mỗi thôn, buôn, bon giáp rừng duy trì ít nhất 01 tổ quần chúng bảo vệ rừng từ 10 đến 15 người.")
para("2. Chủ rừng (ban quản lý rừng, công ty lâm nghiệp)", bold=True, align=L)
para("a) Hoàn thành phát dọn đường băng cản lửa và xử lý vật liệu cháy dưới tán rừng thông trước "
     "ngày 31/12/2026;")
para("b) Bố trí người trực tại các chòi canh lửa 24/24 giờ khi cấp dự báo cháy rừng từ cấp IV trở lên;")
para("c) Chuẩn bị dụng cụ chữa cháy (bàn dập lửa, máy thổi gió, bình chữa cháy đeo vai) và lực lượng "
     "chuyên trách đủ ứng phó trong 02 giờ đầu của đám cháy.")
para("3. Các Hạt Kiểm lâm khu vực", bold=True, align=L)
para("a) Phân công kiểm lâm viên phụ trách địa bàn trực tại xã trong thời gian cao điểm;")
para("b) Theo dõi điểm cháy phát hiện qua ảnh vệ tinh trên Trang cảnh báo cháy rừng tại địa chỉ "
     "https://canhbaochayrung.lamdong.gov.vn; xác minh thực địa, cập nhật kết quả trong vòng 06 giờ kể từ "
     "khi có cảnh báo.")

para("II. CHẾ ĐỘ BÁO CÁO", bold=True, align=L)
para("1. Báo cáo khi xảy ra cháy rừng: đơn vị phát hiện đám cháy báo cáo ngay bằng điện thoại cho Hạt Kiểm "
     "lâm sở tại và đường dây nóng Chi cục Kiểm lâm 0263.3822.114 (trực 24/24 giờ) trong vòng 02 giờ kể từ "
     "khi phát hiện; chậm nhất 24 giờ sau khi dập tắt đám cháy, gửi báo cáo bằng văn bản kèm Biểu số "
     "02/PCCCR.")
para("2. Báo cáo tuần: áp dụng trong thời gian cao điểm từ ngày 01/01/2027 đến ngày 30/4/2027. Số liệu tính "
     "từ 00 giờ thứ Hai tuần trước đến 24 giờ Chủ nhật; xã và chủ rừng gửi Hạt Kiểm lâm trước 09 giờ 00 thứ "
     "Hai hằng tuần; Hạt Kiểm lâm tổng hợp theo Biểu số 01/PCCCR gửi Chi cục Kiểm lâm trước 15 giờ 00 cùng "
     "ngày. Tuần không xảy ra cháy vẫn gửi báo cáo, ghi \"không phát sinh vụ cháy\".")
para("3. Báo cáo tổng kết mùa khô: số liệu tính từ ngày 01/11/2026 đến hết ngày 31/5/2027, gồm kết quả thực "
     "hiện Mục I, số vụ cháy, diện tích thiệt hại, nguyên nhân, xử lý vi phạm và kiến nghị. Xã và chủ rừng gửi Hạt Kiểm lâm trước ngày 05/6/2027; Hạt Kiểm lâm gửi Chi "
     "cục Kiểm lâm trước ngày 12/6/2027.")
para("4. Hình thức gửi: văn bản có ký số gửi qua Hệ thống quản lý văn bản và điều hành; tệp Excel gửi về "
     "thư điện tử pcccr.cckl@lamdong.gov.vn; bản giấy báo cáo tổng kết gửi về Chi cục Kiểm lâm, số 25 đường "
     "Hoàng Văn Thụ, phường Lâm Viên - Đà Lạt, tỉnh Lâm Đồng.")

para("III. TỔ CHỨC THỰC HIỆN", bold=True, align=L)
para("1. Đơn vị chậm báo cáo tuần từ 02 kỳ trở lên sẽ bị nêu tên trong báo cáo gửi Ủy ban nhân dân tỉnh và "
     "không được xét khen thưởng công tác bảo vệ rừng năm 2027.")
para("2. Trường hợp xảy ra cháy rừng mà không báo cáo hoặc che giấu, Chủ tịch Ủy ban nhân dân xã, người "
     "đứng đầu chủ rừng chịu trách nhiệm trước Chủ tịch Ủy ban nhân dân tỉnh; chủ rừng bị tạm dừng thanh "
     "toán kinh phí khoán bảo vệ rừng quý II/2027.")
para("3. Đầu mối liên hệ: ông Hoàng Trọng Nghĩa, Phó Trưởng phòng Quản lý bảo vệ rừng và Bảo tồn thiên "
     "nhiên, Chi cục Kiểm lâm, điện thoại 0263.3830.412, di động 0918.526.743, e-mail: "
     "nghiaht.cckl@lamdong.gov.vn.")
para("Đề nghị các đơn vị khẩn trương triển khai thực hiện./.")

# ---- Nơi nhận + signer: borderless two-column table
foot = doc.add_table(rows=1, cols=2)
no_borders(foot)
fl, fr = foot.rows[0].cells
fl.width, fr.width = Cm(8.5), Cm(7.5)
cell_text(fl, "Nơi nhận:", bold=True, italic=True, align=L, size=12)
for line in ["- Như trên;", "- UBND tỉnh (để b/c);", "- Cục Lâm nghiệp và Kiểm lâm (để b/c);",
             "- Công an tỉnh (để phối hợp);",              "- Lưu: VT, CCKL."]:
    add_line(fl, line, size=11, align=L)
cell_text(fr, "KT. GIÁM ĐỐC", bold=True, size=13)
for line, b in [("PHÓ GIÁM ĐỐC", True), ("", False), ("(đã ký)", False), ("", False), ("Võ Đình Khang", True)]:
    add_line(fr, line, bold=b, size=13)

# ---- forms in landscape
new = doc.add_section()
new.orientation = WD_ORIENT.LANDSCAPE
new.page_width, new.page_height = Cm(29.7), Cm(21.0)
new.left_margin = new.right_margin = Cm(2.0)


def two_level_table(top, sub):
    """top: list of (label, span); sub: labels of the second header row under spans > 1.
    Columns with span 1 are merged vertically across both header rows."""
    ncols = sum(s for _, s in top)
    t = doc.add_table(rows=2, cols=ncols)
    t.style = "Table Grid"
    r0, r1 = t.rows[0].cells, t.rows[1].cells
    col, k = 0, 0
    for label, span in top:
        if span == 1:
            m = r0[col].merge(r1[col])
            cell_text(m, label, bold=True, size=10)
        else:
            m = r0[col].merge(r0[col + span - 1])
            cell_text(m, label, bold=True, size=10)
            for j in range(span):
                cell_text(r1[col + j], sub[k], bold=True, size=10)
                k += 1
        col += span
    return t, ncols


def set_widths(t, widths):
    for row in t.rows:
        for i, w in enumerate(widths):
            row.cells[i].width = Cm(w)


def signature(right="THỦ TRƯỞNG ĐƠN VỊ\n(Ký tên, đóng dấu)"):
    sig = doc.add_table(rows=1, cols=2)
    no_borders(sig)
    cell_text(sig.rows[0].cells[0], "Người lập biểu\n(Ký, ghi rõ họ tên)", size=12)
    cell_text(sig.rows[0].cells[1], right, bold=True, size=12)


# Biểu số 01/PCCCR: merged two-row header, rows grouped by khu vực
para("Biểu số 01/PCCCR", bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
para("BÁO CÁO TUẦN TÌNH HÌNH CHÁY RỪNG MÙA KHÔ 2026 - 2027", bold=True, align=C)
para(KEM, italic=True, align=C, size=12)
para("Hạt Kiểm lâm: ...        Tuần từ ngày ... đến ngày ...", align=L, size=12)
t, n = two_level_table([("STT", 1), ("Đơn vị (xã, chủ rừng)", 1), ("Diện tích có rừng (ha)", 1),
                        ("Cấp dự báo cháy rừng cao nhất trong tuần", 1), ("Số vụ cháy rừng", 2),
                        ("Diện tích rừng bị thiệt hại (ha)", 2), ("Số điểm cháy vệ tinh đã xác minh", 1),
                        ("Ghi chú", 1)],
                       ["Trong tuần", "Lũy kế"] * 2)
for roman, gname in [("I", "Khu vực Lâm Đồng (cũ)"), ("II", "Khu vực Đắk Nông (cũ)"),
                     ("III", "Khu vực Bình Thuận (cũ)")]:
    row = t.add_row().cells
    cell_text(row[0], roman, bold=True)
    cell_text(row[1].merge(row[n - 1]), gname, bold=True, align=L)
    for k, item in enumerate(["Xã, phường, đặc khu", "Ban quản lý rừng", "Công ty lâm nghiệp"], 1):
        row = t.add_row().cells
        cell_text(row[0], str(k))
        cell_text(row[1], item, align=L)
row = t.add_row().cells
cell_text(row[0].merge(row[1]), "Tổng cộng", bold=True)
set_widths(t, [1.2, 6.0, 2.4, 3.0, 1.9, 1.9, 2.1, 2.1, 3.0, 2.1])
para("Ghi chú: Cấp dự báo cháy rừng ghi từ cấp I đến cấp V; cột Lũy kế tính từ ngày 01/11/2026.",
     italic=True, align=L, size=11)

# Biểu số 02/PCCCR: list of fire incidents
para("Biểu số 02/PCCCR", bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT).paragraph_format.page_break_before = True
para("DANH SÁCH CÁC VỤ CHÁY RỪNG", bold=True, align=C)
para(KEM, italic=True, align=C, size=12)
para("Đơn vị báo cáo: ...", align=L, size=12)
cols = ["STT", "Thời gian phát hiện (giờ, ngày)", "Vị trí (tiểu khu, khoảnh, lô; xã)", "Chủ rừng",
        "Loại rừng bị cháy", "Diện tích bị cháy (ha)", "Thời gian dập tắt", "Lực lượng tham gia (người)",
        "Nguyên nhân", "Kết quả xử lý", "Ghi chú"]
t = doc.add_table(rows=1, cols=len(cols))
t.style = "Table Grid"
for i, c in enumerate(cols):
    cell_text(t.rows[0].cells[i], c, bold=True, size=10)
for k in ["1", "2", "..."]:
    row = t.add_row().cells
    cell_text(row[0], k)
row = t.add_row().cells
cell_text(row[0].merge(row[1]), "Tổng cộng", bold=True)
set_widths(t, [1.0, 2.6, 3.4, 2.6, 2.4, 2.0, 2.2, 2.2, 2.6, 2.4, 2.3])
para("Ghi chú: Nguyên nhân ghi một trong các nhóm: đốt thực bì, đốt nương rẫy, sử dụng lửa trong rừng, chưa rõ nguyên "
     "nhân.", italic=True, align=L, size=11)
signature()

doc.save(OUT)
print(OUT)
