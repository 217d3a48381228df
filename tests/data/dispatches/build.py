"""Build the two binary test dispatches of this folder from the texts below.

- cv-512-SNV-TCBC-2024-bien-che.docx: a Sở Nội vụ request as a Word file with a real Word table
  (two-level merged header) made with python-docx;
- cv-3120-BYT-KHTC-2024-benh-an-dien-tu.pdf: a Bộ Y tế request as a text PDF made with fpdf2.

Run: .venv/bin/python tests/data/dispatches/build.py (the outputs are committed; re-run after editing).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

HERE = Path(__file__).resolve().parent
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

SNV_HEAD = """UBND TỈNH NGHỆ AN
SỞ NỘI VỤ
Số: 512/SNV-TCBC
V/v báo cáo số lượng người làm việc và hợp đồng lao động năm 2024
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Nghệ An, ngày 22 tháng 4 năm 2024
Kính gửi:
- Các sở, ban, ngành cấp tỉnh;
- Các đơn vị sự nghiệp công lập thuộc UBND tỉnh.
Thực hiện Nghị định số 106/2020/NĐ-CP ngày 10/9/2020 của Chính phủ về vị trí việc làm và số lượng người làm việc trong đơn vị sự nghiệp công lập và Nghị định số 111/2022/NĐ-CP ngày 30/12/2022 của Chính phủ về hợp đồng đối với một số loại công việc trong cơ quan hành chính và đơn vị sự nghiệp công lập, Sở Nội vụ đề nghị các cơ quan, đơn vị:
1. Báo cáo số lượng người làm việc được giao, có mặt đến ngày 31/3/2024 và số hợp đồng lao động theo Biểu mẫu số 02 kèm theo Công văn này.
2. Số liệu người làm việc tính theo quyết định giao của cấp có thẩm quyền; hợp đồng lao động chỉ tính hợp đồng theo Nghị định số 111/2022/NĐ-CP.
3. Báo cáo gửi về Sở Nội vụ (qua Phòng Tổ chức, biên chế và Tổ chức phi chính phủ) trước ngày 10/5/2024, bản điện tử gửi về địa chỉ tcbc.snv@nghean.gov.vn.
Mọi vướng mắc xin liên hệ ông Phan Đức Thịnh, Phòng Tổ chức, biên chế, điện thoại: 0238.3844.721.
Nơi nhận:
- Như trên;
- UBND tỉnh (để b/c);
- Lưu: VT, TCBC.
GIÁM ĐỐC
Lê Đình Lý
Biểu mẫu số 02
SỐ LƯỢNG NGƯỜI LÀM VIỆC VÀ HỢP ĐỒNG LAO ĐỘNG NĂM 2024
(Kèm theo Công văn số 512/SNV-TCBC ngày 22/4/2024 của Sở Nội vụ)"""

SNV_HEADER = [
    ["TT", "Tên đơn vị", "Số lượng người làm việc", "", "Hợp đồng lao động", "", "Ghi chú"],
    ["", "", "Được giao", "Có mặt", "Hợp đồng chuyên môn", "Hợp đồng hỗ trợ, phục vụ", ""],
]
SNV_ROWS = [["1", "Đơn vị ...", "", "", "", "", ""], ["", "Tổng cộng", "", "", "", "", ""]]


def build_docx() -> Path:
    import docx

    document = docx.Document()
    for line in SNV_HEAD.split("\n"):
        document.add_paragraph(line)
    table = document.add_table(rows=len(SNV_HEADER) + len(SNV_ROWS), cols=7)
    table.style = "Table Grid"
    for r, row in enumerate(SNV_HEADER + SNV_ROWS):
        for c, value in enumerate(row):
            if value:
                table.cell(r, c).text = value
    # Two-level header: vertical merges for TT, Tên đơn vị, Ghi chú; horizontal for the two groups.
    for c in (0, 1, 6):
        top = table.cell(0, c)
        top.merge(table.cell(1, c))
        top.text = SNV_HEADER[0][c]
    group = table.cell(0, 2).merge(table.cell(0, 3))
    group.text = "Số lượng người làm việc"
    group = table.cell(0, 4).merge(table.cell(0, 5))
    group.text = "Hợp đồng lao động"
    out = HERE / "cv-512-SNV-TCBC-2024-bien-che.docx"
    document.core_properties.created = dt.datetime(2024, 4, 22, 8, 0)
    document.save(str(out))
    return out


BYT_TEXT = """BỘ Y TẾ
Số: 3120/BYT-KHTC
V/v báo cáo tình hình triển khai hồ sơ bệnh án điện tử
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 03 tháng 6 năm 2024
Kính gửi:
- Sở Y tế các tỉnh, thành phố trực thuộc Trung ương;
- Các bệnh viện trực thuộc Bộ Y tế.
Thực hiện Thông tư số 46/2018/TT-BYT ngày 28/12/2018 của Bộ trưởng Bộ Y tế quy định hồ sơ bệnh án điện tử và Chỉ thị số 07/CT-BYT ngày 25/3/2024 của Bộ trưởng Bộ Y tế về việc đẩy mạnh triển khai bệnh án điện tử, Bộ Y tế đề nghị các đơn vị:
1. Rà soát, đánh giá mức độ triển khai hồ sơ bệnh án điện tử tại các cơ sở khám bệnh, chữa bệnh; xây dựng lộ trình để hoàn thành triển khai bệnh án điện tử trước ngày 30/9/2025.
2. Báo cáo tình hình triển khai theo Phụ lục kèm theo, gửi về Bộ Y tế (qua Cục Công nghệ thông tin) trước ngày 15/7/2024, bản điện tử gửi về địa chỉ baocaobadt@moh.gov.vn.
3. Bố trí kinh phí từ nguồn thu dịch vụ khám bệnh, chữa bệnh và các nguồn hợp pháp khác để đầu tư hạ tầng, phần mềm bệnh án điện tử.
Đầu mối liên hệ: bà Trịnh Thu Trang, Cục Công nghệ thông tin, điện thoại: 024.6273.2273.
Nơi nhận:
- Như trên;
- Bộ trưởng (để b/c);
- Lưu: VT, KHTC.
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Trần Văn Thuấn
PHỤ LỤC
BÁO CÁO TÌNH HÌNH TRIỂN KHAI HỒ SƠ BỆNH ÁN ĐIỆN TỬ
(Kèm theo Công văn số 3120/BYT-KHTC ngày 03/6/2024 của Bộ Y tế)
I. THÔNG TIN CHUNG
1. Tên cơ sở khám bệnh, chữa bệnh; hạng bệnh viện; số giường bệnh kế hoạch.
2. Phần mềm quản lý bệnh viện (HIS) và hệ thống lưu trữ, truyền tải hình ảnh (PACS) đang sử dụng.
II. KẾT QUẢ TRIỂN KHAI
1. Tỷ lệ hồ sơ bệnh án được lập và lưu trữ dưới dạng điện tử.
2. Thời điểm dự kiến không sử dụng bệnh án giấy.
III. KHÓ KHĂN VÀ KIẾN NGHỊ"""


def build_pdf() -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(dt.datetime(2024, 6, 3, 8, 0, tzinfo=dt.timezone.utc))
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=11)
    for line in BYT_TEXT.split("\n"):
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    out = HERE / "cv-3120-BYT-KHTC-2024-benh-an-dien-tu.pdf"
    pdf.output(str(out))
    return out


if __name__ == "__main__":
    print(build_docx())
    print(build_pdf())
