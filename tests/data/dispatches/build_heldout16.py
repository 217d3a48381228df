"""Build the test dispatch 583/UBND-VHXH (Ủy ban nhân dân phường Lê Chân, thành phố Hải Phòng) as a TEXT PDF
with fpdf2: rà soát danh sách người cao tuổi chúc thọ, mừng thọ năm 2027.
A4; two-column letterhead drawn as two cells side by side; Biểu số 01/NCT is a drawn table with rows
grouped by age band."""
from pathlib import Path

from fpdf import FPDF

OUT = Path(__file__).with_name("cv-583-UBND-VHXH-2026-mung-tho-nguoi-cao-tuoi.pdf")
FD = "/usr/share/fonts/truetype/dejavu/"

pdf = FPDF(orientation="P", unit="mm", format="A4")
pdf.set_margins(25, 18, 18)
pdf.set_auto_page_break(True, 18)
pdf.add_font("S", "", FD + "DejaVuSerif.ttf")
pdf.add_font("S", "B", FD + "DejaVuSerif-Bold.ttf")
pdf.add_font("S", "I", FD + "DejaVuSerif-Italic.ttf")
pdf.add_font("S", "BI", FD + "DejaVuSerif-BoldItalic.ttf")
pdf.add_page()

LW, RX, RW = 72, 97, 95   # left cell width, right cell x, right cell width

# ---- letterhead: two cells side by side (Nghị định 30/2020)
y0 = 18
pdf.set_xy(25, y0)
pdf.set_font("S", "", 10.5)
pdf.cell(LW, 5, "THÀNH PHỐ HẢI PHÒNG", align="C")
pdf.set_xy(RX, y0)
pdf.set_font("S", "B", 10.5)
pdf.cell(RW, 5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align="C")
pdf.set_xy(25, y0 + 5)
pdf.set_font("S", "B", 10.5)
pdf.cell(LW, 5, "ỦY BAN NHÂN DÂN PHƯỜNG LÊ CHÂN", align="C")
pdf.set_xy(RX, y0 + 5)
pdf.set_font("S", "B", 11)
pdf.cell(RW, 5, "Độc lập - Tự do - Hạnh phúc", align="C")
pdf.line(25 + LW / 2 - 12, y0 + 10.5, 25 + LW / 2 + 12, y0 + 10.5)
pdf.line(RX + RW / 2 - 27, y0 + 10.5, RX + RW / 2 + 27, y0 + 10.5)
pdf.set_xy(25, y0 + 13)
pdf.set_font("S", "", 11)
pdf.cell(LW, 5, "Số: 583/UBND-VHXH", align="C")
pdf.set_xy(RX, y0 + 13)
pdf.set_font("S", "I", 11)
pdf.cell(RW, 5, "Lê Chân, ngày 18 tháng 11 năm 2026", align="C")
pdf.set_xy(25, y0 + 19)
pdf.set_font("S", "", 10)
pdf.multi_cell(LW, 4.6, "V/v rà soát danh sách người cao tuổi được chúc thọ, mừng thọ năm 2027", align="C")

# ---- Kính gửi
pdf.set_xy(25, y0 + 36)
pdf.set_font("S", "", 12)
pdf.cell(30, 6, "Kính gửi:")
pdf.set_xy(55, y0 + 36)
pdf.multi_cell(0, 6, "- Trưởng các tổ dân phố trên địa bàn phường;\n- Hội Người cao tuổi phường Lê Chân.")
pdf.ln(3)

BODY = [
    ("", "Căn cứ Luật Người cao tuổi số 39/2009/QH12 ngày 23 tháng 11 năm 2009; Nghị định số 06/2011/NĐ-CP "
         "ngày 14 tháng 01 năm 2011 của Chính phủ quy định chi tiết và hướng dẫn thi hành một số điều của "
         "Luật Người cao tuổi; Nghị quyết số 27/2025/NQ-HĐND ngày 10 tháng 12 năm 2025 của Hội đồng nhân dân "
         "thành phố Hải Phòng quy định mức quà tặng chúc thọ, mừng thọ người cao tuổi trên địa bàn thành phố;"),
    ("", "Để chuẩn bị tổ chức chúc thọ, mừng thọ người cao tuổi nhân dịp Tết Nguyên đán Đinh Mùi và Ngày "
         "Người cao tuổi Việt Nam 06/6/2027, Ủy ban nhân dân phường đề nghị Trưởng các tổ dân phố phối hợp "
         "với Chi hội Người cao tuổi tổ dân phố thực hiện các nội dung sau:"),
    ("B", "1. Đối tượng và cách tính tuổi"),
    ("", "Đối tượng là người cao tuổi có nơi thường trú trên địa bàn phường, tròn 70, 75, 80, 85, 90, 95, "
         "100 tuổi và trên 100 tuổi trong năm 2027. Tuổi mừng thọ được tính bằng năm 2027 trừ năm sinh "
         "(ví dụ: người sinh năm 1957 mừng thọ 70 tuổi; người sinh năm 1927 mừng thọ 100 tuổi). "
         "Thông tin về nơi cư trú được chốt tính đến ngày 31/12/2026."),
    ("B", "2. Nội dung tổ dân phố cần rà soát"),
    ("", "a) Đối chiếu danh sách người cao tuổi đang quản lý với Cơ sở dữ liệu quốc gia về dân cư; đưa ra "
         "khỏi danh sách người đã từ trần, người đã chuyển nơi thường trú đi nơi khác; bổ sung người mới "
         "chuyển đến;"),
    ("", "b) Kiểm tra họ tên, năm sinh, giới tính, địa chỉ của từng người theo thẻ Căn cước hoặc thẻ Căn cước "
         "công dân; trường hợp thông tin có sai lệch thì ghi rõ tại cột Ghi chú;"),
    ("", "c) Xác định người đang hưởng trợ cấp xã hội hằng tháng hoặc trợ cấp ưu đãi người có công để ghi "
         "vào cột Diện hưởng trợ cấp (ghi BTXH hoặc NCC; không thuộc diện nào thì để trống);"),
    ("", "d) Lấy ý kiến Chi hội Người cao tuổi và niêm yết công khai danh sách tại nhà văn hóa tổ dân phố "
         "trong thời gian 05 ngày làm việc trước khi gửi về phường."),
    ("B", "3. Mức quà tặng"),
    ("", "Theo Nghị quyết số 27/2025/NQ-HĐND, mức quà bằng tiền mặt kèm thiếp chúc thọ, mừng thọ như sau: "
         "tuổi 70 và 75 là 400.000 đồng/người; tuổi 80 và 85 là 600.000 đồng/người; tuổi 90 và 95 là "
         "1.000.000 đồng/người; tuổi 100 và trên 100 là 1.500.000 đồng/người (ngoài quà của Chủ tịch nước "
         "đối với người tròn 100 tuổi). Kinh phí do ngân sách phường bảo đảm; Hội Người cao tuổi phường "
         "phối hợp tổ dân phố trao quà tại gia đình hoặc tại lễ mừng thọ tập trung."),
    ("B", "4. Biểu mẫu, thời hạn và nơi gửi"),
    ("", "Danh sách lập theo Biểu số 01/NCT kèm theo Công văn này, xếp theo từng nhóm tuổi, có chữ ký của "
         "Trưởng tổ dân phố và Chi hội trưởng Chi hội Người cao tuổi. Bản giấy gửi về Phòng Văn hóa - Xã hội "
         "phường (tầng 2, trụ sở Ủy ban nhân dân phường, số 18 đường Tô Hiệu); bản điện tử (tệp Excel) gửi "
         "qua thư điện tử vhxh.lechan@haiphong.gov.vn, chậm nhất ngày 15/12/2026. Phòng Văn hóa - Xã hội "
         "tổng hợp, trình Chủ tịch Ủy ban nhân dân phường phê duyệt danh sách trước ngày 05/01/2027."),
    ("B", "5. Xử lý trường hợp chậm hoặc sai sót"),
    ("", "Danh sách có sai sót sẽ được trả lại để tổ dân phố hoàn thiện trong 02 ngày làm việc. Tổ dân phố "
         "gửi danh sách sau thời hạn nêu trên thì người cao tuổi của tổ đó được chuyển sang chúc thọ, mừng thọ "
         "vào đợt 2 (dịp Ngày Người cao tuổi Việt Nam 06/6/2027). Trưởng tổ dân phố chịu trách nhiệm trước "
         "Chủ tịch Ủy ban nhân dân phường về tính chính xác của danh sách; việc chậm trễ, sai sót được xem xét "
         "khi bình xét thi đua cuối năm của tổ dân phố."),
    ("", "Trong quá trình thực hiện, nếu có vướng mắc, đề nghị liên hệ bà Nguyễn Thị Thu Hà, công chức Phòng "
         "Văn hóa - Xã hội, điện thoại 0225.3857.214 hoặc 0912.406.358, thư điện tử "
         "hantt.lechan@haiphong.gov.vn để được hướng dẫn./."),
]

for style, text in BODY:
    pdf.set_font("S", style, 12)
    pdf.set_x(25)
    if style == "B":
        pdf.multi_cell(0, 6, "     " + text)
    else:
        pdf.multi_cell(0, 6, "     " + text, align="J")
    pdf.ln(0.8)

# ---- Nơi nhận + signature, side by side
pdf.ln(3)
if pdf.get_y() > 230:
    pdf.add_page()
y = pdf.get_y()
pdf.set_xy(25, y)
pdf.set_font("S", "BI", 10.5)
pdf.cell(80, 5, "Nơi nhận:")
pdf.set_xy(25, y + 5)
pdf.set_font("S", "", 9.5)
pdf.multi_cell(80, 4.4, "- Như trên;\n- Thường trực Đảng ủy phường (để b/c);\n- Chủ tịch, các PCT UBND phường;\n"
                        "- Ủy ban MTTQ Việt Nam phường;\n- Phòng Kinh tế, Hạ tầng và Đô thị;\n"
                        "- Lưu: VT, VHXH.")
pdf.set_font("S", "B", 11)
pdf.set_xy(110, y)
pdf.cell(80, 5.5, "TM. ỦY BAN NHÂN DÂN", align="C")
pdf.set_xy(110, y + 5.5)
pdf.cell(80, 5.5, "KT. CHỦ TỊCH", align="C")
pdf.set_xy(110, y + 11)
pdf.cell(80, 5.5, "PHÓ CHỦ TỊCH", align="C")
pdf.set_font("S", "I", 10)
pdf.set_xy(110, y + 18)
pdf.cell(80, 5, "(đã ký)", align="C")
pdf.set_font("S", "B", 11)
pdf.set_xy(110, y + 32)
pdf.cell(80, 5.5, "Phạm Thị Minh Nguyệt", align="C")

# ---- Biểu số 01/NCT
pdf.add_page()
pdf.set_margins(15, 15, 15)
pdf.set_x(15)
pdf.set_font("S", "B", 11)
pdf.cell(0, 6, "Biểu số 01/NCT", align="R", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("S", "I", 9.5)
pdf.cell(0, 5, "(Kèm theo Công văn số 583/UBND-VHXH ngày 18/11/2026 của UBND phường Lê Chân)", align="C",
         new_x="LMARGIN", new_y="NEXT")
pdf.ln(2)
pdf.set_font("S", "B", 12)
pdf.cell(0, 6, "DANH SÁCH NGƯỜI CAO TUỔI ĐƯỢC CHÚC THỌ, MỪNG THỌ NĂM 2027", align="C", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("S", "", 10.5)
pdf.cell(0, 6, "Tổ dân phố số: ........  Phường Lê Chân", align="C", new_x="LMARGIN", new_y="NEXT")
pdf.ln(3)

COLS = [("STT", 9), ("Họ và tên", 29), ("Năm sinh", 18), ("Giới tính", 17), ("Địa chỉ", 24),
        ("Độ tuổi mừng thọ", 30), ("Diện hưởng trợ cấp", 33), ("Ghi chú", 20)]
FS = 8
pdf.set_font("S", "B", FS)
for name, w in COLS:
    assert pdf.get_string_width(name) < w - 1, name
for name, w in COLS:
    pdf.cell(w, 8, name, border=1, align="C")
pdf.ln(8)
pdf.set_font("S", "I", FS)
for i, (_, w) in enumerate(COLS, 1):
    pdf.cell(w, 5, f"({i})", border=1, align="C")
pdf.ln(5)

GROUPS = [("I", "Mừng thọ 70 tuổi (sinh năm 1957)"), ("II", "Mừng thọ 75 tuổi (sinh năm 1952)"),
          ("III", "Mừng thọ 80 tuổi (sinh năm 1947)"), ("IV", "Mừng thọ 85 tuổi (sinh năm 1942)"),
          ("V", "Chúc thọ 90 tuổi (sinh năm 1937)"), ("VI", "Chúc thọ 95 tuổi (sinh năm 1932)"),
          ("VII", "Chúc thọ 100 tuổi và trên 100 tuổi (sinh năm 1927 trở về trước)")]
total_w = sum(w for _, w in COLS)
for roman, label in GROUPS:
    pdf.set_font("S", "B", FS)
    pdf.cell(COLS[0][1], 6, roman, border=1, align="C")
    pdf.cell(total_w - COLS[0][1], 6, label, border=1)
    pdf.ln(6)
    pdf.set_font("S", "", FS)
    for n in ("1", "2", "..."):
        pdf.cell(COLS[0][1], 5.5, n, border=1, align="C")
        for _, w in COLS[1:]:
            pdf.cell(w, 5.5, "", border=1)
        pdf.ln(5.5)
pdf.set_font("S", "B", FS)
pdf.cell(COLS[0][1], 6, "", border=1)
pdf.cell(total_w - COLS[0][1], 6, "Tổng cộng: ........ người", border=1)
pdf.ln(9)

pdf.set_font("S", "BI", 9)
pdf.cell(0, 5, "Ghi chú:", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("S", "", 9)
NOTES = [
    "- Cột (3): ghi năm sinh theo thẻ Căn cước hoặc thẻ Căn cước công dân.",
    "- Cột (5): ghi số nhà, ngõ, đường nơi thường trú.",
    "- Cột (6): ghi số tuổi tròn trong năm 2027 (70, 75, 80, 85, 90, 95, 100 hoặc số tuổi trên 100).",
    "- Cột (7): ghi BTXH nếu đang hưởng trợ cấp xã hội hằng tháng; ghi NCC nếu đang hưởng trợ cấp ưu đãi người có công.",
    "- Cột (8): ghi thông tin sai lệch, người đau ốm cần trao quà tại nhà.",
]
for n in NOTES:
    pdf.multi_cell(0, 4.8, n, new_x="LMARGIN", new_y="NEXT")
pdf.ln(6)
y = pdf.get_y()
pdf.set_font("S", "B", 9.5)
pdf.set_xy(15, y)
pdf.cell(85, 5, "CHI HỘI TRƯỞNG CHI HỘI NGƯỜI CAO TUỔI", align="C")
pdf.set_xy(105, y)
pdf.cell(85, 5, "TRƯỞNG TỔ DÂN PHỐ", align="C")
pdf.set_font("S", "I", 9)
pdf.set_xy(15, y + 5)
pdf.cell(85, 5, "(Ký, ghi rõ họ tên)", align="C")
pdf.set_xy(105, y + 5)
pdf.cell(85, 5, "(Ký, ghi rõ họ tên)", align="C")

pdf.output(str(OUT))
print(OUT)
