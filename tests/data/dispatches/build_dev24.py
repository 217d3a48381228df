"""Build the blind test dispatch 5318/UBND-KT (Ủy ban nhân dân tỉnh Khánh Hòa, Văn phòng UBND tỉnh soạn thảo)
as a TEXT PDF with fpdf2: tăng cường chống khai thác hải sản bất hợp pháp, không báo cáo và không theo quy định
(IUU) trước đợt kiểm tra của Ủy ban châu Âu; chế độ báo cáo tuần (thứ Sáu tuần trước - thứ Năm tuần báo cáo,
gửi trước 15 giờ 00 thứ Năm) và báo cáo tháng.
A4; letterhead is a two-column table without borders; Mẫu số 01/IUU is a drawn table on a landscape page
(two-row header: VMS and xử lý vi phạm columns under merged headings; rows grouped by nhóm chiều dài tàu I-IV);
Mẫu số 02/IUU is a drawn table with rows grouped I-II; every page has a page number in the footer."""
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

OUT = Path(__file__).with_name("cv-5318-UBND-KT-2026-chong-khai-thac-iuu.pdf")
FD = "/usr/share/fonts/truetype/dejavu/"
SOHIEU = "5318/UBND-KT"
KEM = f"(Kèm theo Công văn số {SOHIEU} ngày 07/12/2026 của Ủy ban nhân dân tỉnh Khánh Hòa)"


class PDF(FPDF):
    def footer(self):
        self.set_y(-12)
        self.set_font("S", "I", 8.5)
        self.cell(0, 5, f"Trang {self.page_no()}/{{nb}}", align="C")


pdf = PDF(orientation="P", unit="mm", format="A4")
pdf.alias_nb_pages()
pdf.set_margins(22, 18, 18)
pdf.set_auto_page_break(True, 18)
pdf.add_font("S", "", FD + "DejaVuSerif.ttf")
pdf.add_font("S", "B", FD + "DejaVuSerif-Bold.ttf")
pdf.add_font("S", "I", FD + "DejaVuSerif-Italic.ttf")
pdf.add_font("S", "BI", FD + "DejaVuSerif-BoldItalic.ttf")
pdf.add_page()

B = FontFace(emphasis="BOLD")
I = FontFace(emphasis="ITALICS")

# ---- letterhead: two-column table without borders (Nghị định 30/2020/NĐ-CP)
pdf.set_font("S", "", 9.5)
with pdf.table(col_widths=(72, 98), borders_layout="NONE", text_align="CENTER",
               first_row_as_headings=False, line_height=5, padding=0.5) as t:
    r = t.row(); r.cell("ỦY BAN NHÂN DÂN", style=B); r.cell("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", style=B)
    r = t.row(); r.cell("TỈNH KHÁNH HÒA", style=B); r.cell("Độc lập - Tự do - Hạnh phúc", style=B)
    r = t.row(); r.cell(f"Số: {SOHIEU}"); r.cell("Khánh Hòa, ngày 07 tháng 12 năm 2026", style=I)
    r = t.row()
    r.cell("V/v tăng cường chống khai thác hải sản\nbất hợp pháp, không báo cáo và không\ntheo quy định (IUU)")
    r.cell("")
pdf.ln(4)

pdf.set_font("S", "", 11.5)
pdf.cell(25, 6, "Kính gửi:")
pdf.multi_cell(0, 6, "- Sở Nông nghiệp và Môi trường;\n"
                     "- Bộ Chỉ huy Bộ đội Biên phòng tỉnh;\n"
                     "- Công an tỉnh;\n"
                     "- Ủy ban nhân dân các xã, phường ven biển.")
pdf.ln(2)

BODY = [
    ("", "Căn cứ Luật Thủy sản số 18/2017/QH14 ngày 21/11/2017;"),
    ("", "Căn cứ Nghị định số 38/2024/NĐ-CP ngày 05/4/2024 của Chính phủ quy định xử phạt vi phạm hành chính "
         "trong lĩnh vực thủy sản;"),
    ("", "Thực hiện Chỉ thị số 45/CT-TTg ngày 13/12/2017 của Thủ tướng Chính phủ về khắc phục "
         "cảnh báo của Ủy ban châu Âu về chống khai thác IUU;"),
    ("", "Đến ngày 30/11/2026, toàn tỉnh có 8.914 tàu cá đã đăng ký, trong đó 1.876 tàu dài từ 15 m trở lên; "
         "1.829 tàu đã lắp thiết bị giám sát hành trình (VMS), đạt 97,5%. Từ đầu năm 2026 có 04 tàu cá với "
         "31 ngư dân bị nước ngoài bắt giữ; đã xử phạt 163 vụ vi phạm với tổng số tiền 4.285 triệu đồng. Đoàn "
         "kiểm tra của Ủy ban châu Âu (EC) dự kiến kiểm tra thực tế tại tỉnh trong tháng 02/2027. Ủy ban nhân "
         "dân tỉnh yêu cầu thực hiện nghiêm các nội dung sau:"),
    ("B", "1. Sở Nông nghiệp và Môi trường"),
    ("", "a) Chỉ đạo Chi cục Thủy sản cập nhật đầy đủ dữ liệu tàu cá trên VNFishbase; hoàn thành đăng ký, cấp "
         "giấy phép khai thác cho tàu cá chưa đăng ký trước ngày 31/01/2027."),
    ("", "b) Bảo đảm 100% tàu cá dài từ 15 m trở lên lắp đặt và duy trì hoạt động thiết bị VMS trước ngày "
         "25/12/2026; tàu chưa lắp VMS không được xuất bến."),
    ("", "c) Trực Hệ thống giám sát tàu cá 24/24 giờ; tàu mất kết nối VMS trên 6 giờ phải được liên lạc, xác "
         "minh vị trí; mất kết nối trên 10 ngày mà không đưa tàu về bờ thì lập hồ sơ xử phạt."),
    ("B", "2. Bộ Chỉ huy Bộ đội Biên phòng tỉnh"),
    ("", "Kiểm soát tàu cá xuất, nhập bến; không cho xuất bến tàu không lắp hoặc không bật VMS; tuần tra, ngăn "
         "chặn tàu cá vượt ranh giới."),
    ("B", "3. Công an tỉnh"),
    ("", "Điều tra, xử lý nghiêm đối tượng môi giới đưa tàu cá, ngư dân đi khai thác trái phép ở vùng biển nước "
         "ngoài; hoàn thành điều tra các vụ việc đang thụ lý trước ngày "
         "15/01/2027."),
    ("B", "4. Ủy ban nhân dân các xã, phường ven biển"),
    ("", "Lập danh sách tàu cá có nguy cơ cao vi phạm, phân công cán bộ theo dõi từng tàu; yêu cầu 100% chủ "
         "tàu, thuyền trưởng ký cam kết không vi phạm vùng biển nước ngoài."),
    ("B", "5. Chế độ báo cáo"),
    ("", "a) Báo cáo tuần: số liệu tính từ thứ Sáu tuần trước đến thứ Năm tuần báo cáo; gửi trước 15 giờ 00 "
         "thứ Năm hằng tuần, kèm Mẫu số 01/IUU và Mẫu số 02/IUU. Kỳ báo cáo đầu tiên gửi ngày 17/12/2026. "
         "Tuần không có tàu vi phạm vẫn gửi báo cáo, ghi \"không phát sinh\"."),
    ("", "b) Báo cáo tháng: số liệu tính từ ngày 25 tháng trước đến ngày 24 tháng báo cáo; gửi trước ngày 27 "
         "hằng tháng."),
    ("", "c) Báo cáo gửi Sở Nông nghiệp và Môi trường (qua Chi cục Thủy sản), số 04 đường Phan Chu Trinh, "
         "phường Nha Trang; bản điện tử gửi qua thư điện tử iuu.ccts@khanhhoa.gov.vn. Số liệu tàu cá lấy "
         "từ Hệ thống VMS và eCDT."),
    ("", "d) Sở Nông nghiệp và Môi trường tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước 16 giờ 00 thứ Sáu "
         "hằng tuần."),
    ("B", "6. Tổ chức thực hiện"),
    ("", "a) Xã, phường chậm báo cáo từ 02 kỳ trở lên hoặc để tàu cá vi phạm vùng biển nước ngoài sẽ bị phê "
         "bình trước Ủy ban nhân dân tỉnh; Chủ tịch Ủy ban nhân dân xã, phường chịu trách nhiệm trước Chủ tịch "
         "Ủy ban nhân dân tỉnh."),
    ("", "b) Đầu mối liên hệ: ông Nguyễn Văn Hậu, Phó Chi cục trưởng Chi cục Thủy sản, điện thoại "
         "0258.3822.691, di động 0905.714.382; hỗ trợ tài khoản eCDT: bà Trần Thị Mỹ Linh, di động "
         "0934.826.175."),
]
for style, text in BODY:
    pdf.set_font("S", style, 11.5)
    pdf.multi_cell(0, 5.8, text, align="J" if not style else "L")
    pdf.ln(1)

# ---- Nơi nhận + signer: two columns without borders
pdf.ln(2)
y = pdf.get_y()
if y > 225:
    pdf.add_page(); y = pdf.get_y()
pdf.set_xy(22, y)
pdf.set_font("S", "BI", 10.5)
pdf.cell(80, 5, "Nơi nhận:")
pdf.set_font("S", "", 9.5)
pdf.set_xy(22, y + 5)
pdf.multi_cell(88, 4.4, "- Như trên;\n- Bộ Nông nghiệp và Môi trường (để b/c);\n"
                        "- TT Tỉnh ủy, TT HĐND tỉnh (để b/c);\n- Chủ tịch, các PCT UBND tỉnh;\n"
                        "- Lưu: VT, KT.")
pdf.set_xy(112, y)
pdf.set_font("S", "B", 11.5)
pdf.multi_cell(78, 5.6, "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", align="C")
pdf.set_xy(112, y + 19)
pdf.set_font("S", "I", 10.5)
pdf.multi_cell(78, 5.6, "(đã ký)", align="C")
pdf.set_xy(112, y + 34)
pdf.set_font("S", "B", 11.5)
pdf.multi_cell(78, 5.6, "Trịnh Minh Hoàng", align="C")

# ---- Mẫu số 01/IUU: landscape, two-row header, rows grouped by nhóm chiều dài tàu
pdf.add_page(orientation="L")
pdf.set_font("S", "B", 11)
pdf.cell(0, 6, "Mẫu số 01/IUU", align="R", new_x="LMARGIN", new_y="NEXT")
pdf.cell(0, 6, "TỔNG HỢP TÌNH HÌNH QUẢN LÝ TÀU CÁ VÀ XỬ LÝ VI PHẠM KHAI THÁC IUU", align="C",
         new_x="LMARGIN", new_y="NEXT")
pdf.set_font("S", "I", 9.5)
pdf.cell(0, 5, KEM, align="C", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("S", "", 9.5)
pdf.cell(0, 6, "Đơn vị báo cáo: ..................   Tuần/tháng: ..................",
         new_x="LMARGIN", new_y="NEXT")
pdf.ln(1)
pdf.set_font("S", "", 8.5)
groups = [
    ("I", "Tàu từ 6 m đến dưới 12 m"),
    ("II", "Tàu từ 12 m đến dưới 15 m"),
    ("III", "Tàu từ 15 m đến dưới 24 m"),
    ("IV", "Tàu từ 24 m trở lên"),
]
nghe = ["Nghề lưới kéo", "Nghề khác"]
with pdf.table(col_widths=(12, 58, 26, 30, 28, 32, 26, 30, 25), text_align="CENTER",
               line_height=3.8, num_heading_rows=3) as t:
    h = t.row()
    h.cell("STT", rowspan=2)
    h.cell("Nhóm chiều dài tàu, nghề khai thác", rowspan=2)
    h.cell("Số tàu đã đăng ký", rowspan=2)
    h.cell("Số tàu được cấp giấy phép khai thác", rowspan=2)
    h.cell("Thiết bị giám sát hành trình (VMS)", colspan=2)
    h.cell("Xử lý vi phạm", colspan=2)
    h.cell("Ghi chú", rowspan=2)
    h = t.row()
    for name in ("Số tàu đã lắp VMS", "Số tàu mất kết nối trên 6 giờ", "Số vụ đã xử lý",
                 "Số tiền phạt (triệu đồng)"):
        h.cell(name)
    t.row([f"({i})" for i in range(1, 10)])
    for roman, gname in groups:
        r = t.row()
        r.cell(roman, style=B)
        r.cell(gname, style=B, align="LEFT")
        for _ in range(7):
            r.cell("")
        for k, name in enumerate(nghe, 1):
            r = t.row()
            r.cell(str(k))
            r.cell(name, align="LEFT")
            for _ in range(7):
                r.cell("")
    r = t.row()
    r.cell("")
    r.cell("Tổng cộng", style=B, align="LEFT")
    for _ in range(7):
        r.cell("")
pdf.ln(2)
pdf.set_font("S", "I", 9)
for line in [
    "Ghi chú: Cột (5), (6) chỉ ghi đối với tàu từ 15 m trở lên; nhóm tàu dưới 15 m ghi \"x\".",
    "Cột (6) Số tàu mất kết nối trên 6 giờ lấy theo Hệ thống giám sát tàu cá.",
    "Cột (8) Số tiền phạt tính theo quyết định xử phạt đã ban hành trong kỳ.",
]:
    pdf.cell(0, 4.8, line, new_x="LMARGIN", new_y="NEXT")
pdf.ln(3)
pdf.set_font("S", "", 10)
y = pdf.get_y()
if y > 170:
    pdf.add_page(orientation="L"); y = pdf.get_y()
pdf.set_xy(30, y)
pdf.multi_cell(90, 5, "Người lập biểu\n(Ký, ghi rõ họ tên)", align="C")
pdf.set_xy(170, y)
pdf.multi_cell(100, 5, "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ\n(Ký tên, đóng dấu)", align="C")

# ---- Mẫu số 02/IUU: list of vessels violating foreign waters, rows grouped I-II
pdf.add_page(orientation="L")
pdf.set_font("S", "B", 11)
pdf.cell(0, 6, "Mẫu số 02/IUU", align="R", new_x="LMARGIN", new_y="NEXT")
pdf.cell(0, 6, "DANH SÁCH TÀU CÁ VI PHẠM VÙNG BIỂN NƯỚC NGOÀI", align="C", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("S", "I", 9.5)
pdf.cell(0, 5, KEM, align="C", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("S", "", 9.5)
pdf.cell(0, 6, "Kỳ báo cáo: từ ngày ........ đến ngày ........",
         new_x="LMARGIN", new_y="NEXT")
pdf.ln(1)
pdf.set_font("S", "", 8.5)
vhead = ["STT", "Số đăng ký tàu", "Họ tên chủ tàu, thuyền trưởng", "Địa chỉ (xã, phường)", "Chiều dài tàu (m)",
         "Số ngư dân", "Thời gian, vị trí vi phạm", "Nước bắt giữ, xử lý", "Tình trạng VMS", "Kết quả xử lý",
         "Ghi chú"]
vgroups = [
    ("I", "Tàu cá bị nước ngoài bắt giữ, xử lý"),
    ("II", "Tàu cá vượt ranh giới đã bị phát hiện, ngăn chặn"),
]
with pdf.table(col_widths=(11, 27, 36, 27, 19, 17, 32, 25, 22, 25, 16), text_align="CENTER",
               line_height=4.0) as t:
    t.row(vhead)
    for roman, gname in vgroups:
        r = t.row()
        r.cell(roman, style=B)
        r.cell(gname, style=B, align="LEFT", colspan=10)
        for k in ("1", "..."):
            r = t.row()
            r.cell(k)
            for _ in range(10):
                r.cell("")
    r = t.row()
    r.cell("")
    r.cell("Tổng cộng", style=B, align="LEFT")
    for _ in range(9):
        r.cell("")
pdf.ln(2)
pdf.set_font("S", "I", 9)
for line in [
    "Ghi chú: Cột Tình trạng VMS ghi \"hoạt động\", \"mất kết nối\" hoặc \"không lắp\" tại thời điểm vi phạm.",
]:
    pdf.cell(0, 4.8, line, new_x="LMARGIN", new_y="NEXT")
pdf.output(str(OUT))
print("wrote", OUT)
