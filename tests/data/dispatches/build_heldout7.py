"""Build the held-out test dispatch 347/PGDĐT-CSVC (text PDF, invented content)."""
import datetime
import pathlib

from fpdf import FPDF
from fpdf.fonts import FontFace

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
OUT = pathlib.Path(__file__).with_name("cv-347-PGDDT-2025-nha-ve-sinh-nuoc-sach.pdf")

BODY = [
    "Kính gửi:",
    "- Hiệu trưởng các trường mầm non, tiểu học, trung học cơ sở trên địa bàn huyện;",
    "- Chủ tịch Ủy ban nhân dân các xã, thị trấn.",
    "",
    "Căn cứ Thông tư số 13/2020/TT-BGDĐT ngày 26/5/2020 của Bộ Giáo dục và Đào tạo ban hành Quy định "
    "tiêu chuẩn cơ sở vật chất các trường mầm non, tiểu học, trung học cơ sở, trung học phổ thông và "
    "trường phổ thông có nhiều cấp học;",
    "Căn cứ Kế hoạch số 71/KH-UBND ngày 02/4/2025 của Ủy ban nhân dân huyện Tam Nông về thực hiện "
    "Chương trình vệ sinh trường học giai đoạn 2025-2027;",
    "Để có cơ sở tham mưu Ủy ban nhân dân huyện bố trí kinh phí sửa chữa, xây mới nhà vệ sinh và công "
    "trình cấp nước sạch trước khi bước vào năm học mới, Phòng Giáo dục và Đào tạo đề nghị các đơn vị "
    "thực hiện một số nội dung sau:",
    "1. Đối với các trường mầm non, tiểu học, trung học cơ sở",
    "a) Tổ chức rà soát toàn bộ nhà vệ sinh học sinh, nhà vệ sinh giáo viên tại điểm trường chính và "
    "các điểm trường lẻ; đánh giá tình trạng theo ba mức: đạt chuẩn, xuống cấp, hư hỏng nặng.",
    "b) Kiểm tra nguồn nước đang sử dụng (nước máy, giếng khoan, nước mưa), bể chứa và thiết bị lọc; "
    "trường hợp nguồn nước chưa được xét nghiệm trong 12 tháng gần nhất, liên hệ Trung tâm Y tế huyện "
    "để lấy mẫu xét nghiệm.",
    "c) Tổng hợp số liệu theo Biểu số 01 kèm theo Công văn này, ghi rõ nhu cầu kinh phí dự kiến cho "
    "từng hạng mục.",
    "d) Không để học sinh sử dụng nhà vệ sinh đã được đánh giá hư hỏng nặng; bố trí phương án tạm thời "
    "và báo cáo ngay về Phòng khi phát hiện nguy cơ mất an toàn.",
    "2. Đối với Ủy ban nhân dân các xã, thị trấn",
    "a) Phối hợp với các trường trên địa bàn kiểm tra thực tế, xác nhận vào báo cáo của các trường.",
    "b) Chủ động cân đối nguồn ngân sách xã và huy động xã hội hóa để sửa chữa nhỏ các công trình "
    "xuống cấp.",
    "3. Thời hạn và hình thức báo cáo",
    "a) Báo cáo bằng văn bản (có chữ ký, đóng dấu) và bản điện tử định dạng Excel gửi về Phòng Giáo dục "
    "và Đào tạo trước ngày 05/9/2025, đồng thời gửi qua hệ thống quản lý văn bản điều hành của huyện.",
    "b) Phòng Giáo dục và Đào tạo sẽ tổ chức kiểm tra ngẫu nhiên tại một số trường từ ngày 15/9/2025 "
    "đến ngày 26/9/2025.",
    "Mọi vướng mắc trong quá trình thực hiện, đề nghị liên hệ bà Hoàng Thị Minh Nguyệt, chuyên viên Phòng "
    "Giáo dục và Đào tạo, số điện thoại 0210 3865 472 hoặc 0912 448 316, e-mail: "
    "csvc.pgdtamnong@phutho.edu.vn.",
    "Phòng Giáo dục và Đào tạo đề nghị Thủ trưởng các đơn vị quan tâm, triển khai thực hiện nghiêm túc./.",
]

RECEIVERS = [
    "Nơi nhận:",
    "- Như trên;",
    "- UBND huyện (để b/c);",
    "- Trưởng phòng (để b/c);",
    "- Trung tâm Y tế huyện (để phối hợp);",
    "- Lưu: VT, CSVC.",
]

SIGNER = ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "(đã ký)", "", "Lê Văn Khánh"]

COLUMNS = (
    "STT",
    "Điểm trường",
    "Số học sinh",
    "Số phòng vệ sinh học sinh hiện có",
    "Tình trạng (đạt chuẩn/ xuống cấp/ hư hỏng nặng)",
    "Nguồn nước đang sử dụng",
    "Nhu cầu kinh phí dự kiến (triệu đồng)",
)
ROWS = [
    ("1", "Điểm trường chính", "", "", "", "", ""),
    ("2", "Điểm trường lẻ", "", "", "", "", ""),
    ("", "Cộng", "", "", "", "", ""),
]


def build(path=OUT):
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime.datetime(2025, 8, 18, 8, 0, 0, tzinfo=datetime.timezone.utc))
    pdf.set_margins(20, 15, 15)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_page()
    pdf.set_font("DejaVu", size=10)
    head = [
        ("UBND HUYỆN TAM NÔNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "Độc lập - Tự do - Hạnh phúc"),
        ("Số: 347/PGDĐT-CSVC", ""),
    ]
    for left, right in head:
        pdf.cell(75, 5, left, align="C")
        pdf.cell(100, 5, right, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(75, 5, "V/v rà soát, báo cáo thực trạng nhà vệ sinh và công trình nước sạch "
                   "trong trường học năm học 2025-2026", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, "Tam Nông, ngày 18 tháng 8 năm 2025", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("DejaVu", size=11)
    for line in BODY:
        if line:
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(2)
    pdf.ln(4)
    pdf.set_font("DejaVu", size=10)
    y = pdf.get_y()
    for line in RECEIVERS:
        pdf.cell(90, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(y)
    for line in SIGNER:
        pdf.set_x(110)
        pdf.cell(80, 5, line, align="C", new_x="LMARGIN", new_y="NEXT")

    pdf.ln(10)
    pdf.set_font("DejaVu", size=11)
    pdf.cell(0, 6, "Biểu số 01", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, "THỐNG KÊ THỰC TRẠNG NHÀ VỆ SINH VÀ CÔNG TRÌNH NƯỚC SẠCH NĂM HỌC 2025-2026",
                   align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=9)
    pdf.multi_cell(0, 5, "(Kèm theo Công văn số 347/PGDĐT-CSVC ngày 18/8/2025 của Phòng Giáo dục và Đào tạo)",
                   align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, "Tên trường: .............................................................",
             new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    with pdf.table(col_widths=(10, 30, 20, 28, 32, 27, 28), text_align="CENTER", line_height=5,
                   headings_style=FontFace(emphasis="")) as table:
        for r in (COLUMNS, *ROWS):
            row = table.row()
            for c in r:
                row.cell(c)
    pdf.ln(4)
    pdf.multi_cell(0, 5, "Ghi chú: Mỗi điểm trường ghi một dòng; nguồn nước ghi rõ nước máy, giếng khoan "
                   "hoặc nước mưa.", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


if __name__ == "__main__":
    print(build())
