"""Build the binary test dispatches of this folder from the texts below.

- cv-512-SNV-TCBC-2024-bien-che.docx: a Sở Nội vụ request as a Word file with a real Word table
  (two-level merged header) made with python-docx;
- cv-3120-BYT-KHTC-2024-benh-an-dien-tu.pdf: a Bộ Y tế request as a text PDF made with fpdf2;
- cv-4172-BTNMT-CDS-2024-csdl-dat-dai.docx and cv-3905-SYT-NVY-2024-so-suc-khoe-dien-tu.pdf: held-out
  dispatches added in session 4 (see the section near the end).

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


# --- Held-out dispatches added in session 4 by the blind writer (helper F) -----------------------------
# cv-4172-BTNMT-CDS-2024-csdl-dat-dai.docx: a Bộ Tài nguyên và Môi trường request laid out as Word
# dispatches usually are (issuer and quốc hiệu side by side in a borderless two-column table), with a
# two-level merged header in the Phụ lục table; cv-3905-SYT-NVY-2024-so-suc-khoe-dien-tu.pdf: a Sở Y tế
# monthly report request as a text PDF whose Biểu mẫu is a drawn table (fpdf2 table).

BTNMT_LAYOUT = [
    ["BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"],
    ["Số: 4172/BTNMT-CĐS\nV/v báo cáo tiến độ xây dựng, kết nối cơ sở dữ liệu đất đai",
     "Hà Nội, ngày 19 tháng 9 năm 2024"],
]

BTNMT_BODY = """Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.
Thực hiện Luật Đất đai số 31/2024/QH15 ngày 18/01/2024; Nghị định số 101/2024/NĐ-CP ngày 29/7/2024 của Chính phủ quy định về điều tra cơ bản đất đai, đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất và Hệ thống thông tin đất đai; Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ, Bộ Tài nguyên và Môi trường đề nghị Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương chỉ đạo Sở Tài nguyên và Môi trường thực hiện các nội dung sau:
1. Rà soát kết quả xây dựng cơ sở dữ liệu đất đai của địa phương đến ngày 30/9/2024 theo từng đơn vị hành chính cấp huyện, gồm: dữ liệu địa chính; dữ liệu quy hoạch, kế hoạch sử dụng đất; dữ liệu giá đất; dữ liệu thống kê, kiểm kê đất đai.
2. Hoàn thành kết nối, chia sẻ cơ sở dữ liệu đất đai với Cơ sở dữ liệu quốc gia về dân cư để xác thực thông tin người sử dụng đất bằng số định danh cá nhân; kết nối với Cổng Dịch vụ công quốc gia phục vụ đăng ký đất đai trực tuyến.
3. Đối với địa phương chưa hoàn thành cơ sở dữ liệu địa chính, xây dựng kế hoạch chi tiết và bố trí kinh phí từ nguồn thu tiền sử dụng đất để hoàn thành trước ngày 31/12/2025.
4. Tổng hợp kết quả theo Phụ lục kèm theo, gửi về Bộ Tài nguyên và Môi trường (qua Cục Chuyển đổi số và Thông tin dữ liệu tài nguyên môi trường) trước ngày 15/10/2024; bản điện tử định dạng .xlsx gửi về địa chỉ csdldatdai@monre.gov.vn.
Trong quá trình thực hiện, nếu có vướng mắc, đề nghị liên hệ ông Đặng Hữu Phước, Phòng Cơ sở dữ liệu, Cục Chuyển đổi số và Thông tin dữ liệu tài nguyên môi trường, điện thoại: 024.3773.5109.
Trân trọng./.
Nơi nhận:
- Như trên;
- Bộ trưởng (để b/c);
- Sở Tài nguyên và Môi trường các tỉnh, thành phố trực thuộc Trung ương;
- Lưu: VT, CĐS.
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Trịnh Văn Hải
PHỤ LỤC
KẾT QUẢ XÂY DỰNG, KẾT NỐI CƠ SỞ DỮ LIỆU ĐẤT ĐAI
(Kèm theo Công văn số 4172/BTNMT-CĐS ngày 19/9/2024 của Bộ Tài nguyên và Môi trường)
Tỉnh, thành phố: ..."""

BTNMT_HEADER = [
    ["TT", "Đơn vị hành chính cấp huyện", "Số đơn vị hành chính cấp xã", "Cơ sở dữ liệu địa chính", "",
     "Dữ liệu quy hoạch, kế hoạch sử dụng đất", "Dữ liệu giá đất", "Kết nối với Cơ sở dữ liệu quốc gia về dân cư",
     "Ghi chú"],
    ["", "", "", "Số xã đã hoàn thành", "Số thửa đất đã cập nhật", "", "", "", ""],
]
BTNMT_ROWS = [["1", "Huyện ...", "", "", "", "", "", "", ""], ["", "Tổng cộng", "", "", "", "", "", "", ""]]


def _borderless(table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def build_btnmt_docx() -> Path:
    import docx

    document = docx.Document()
    layout = document.add_table(rows=2, cols=2)
    _borderless(layout)
    for r, row in enumerate(BTNMT_LAYOUT):
        for c, value in enumerate(row):
            cell = layout.cell(r, c)
            lines = value.split("\n")
            cell.text = lines[0]
            for extra in lines[1:]:
                cell.add_paragraph(extra)
    for line in BTNMT_BODY.split("\n"):
        document.add_paragraph(line)
    table = document.add_table(rows=len(BTNMT_HEADER) + len(BTNMT_ROWS), cols=9)
    table.style = "Table Grid"
    for r, row in enumerate(BTNMT_HEADER + BTNMT_ROWS):
        for c, value in enumerate(row):
            if value:
                table.cell(r, c).text = value
    for c in (0, 1, 2, 5, 6, 7, 8):
        top = table.cell(0, c)
        top.merge(table.cell(1, c))
        top.text = BTNMT_HEADER[0][c]
    group = table.cell(0, 3).merge(table.cell(0, 4))
    group.text = "Cơ sở dữ liệu địa chính"
    out = HERE / "cv-4172-BTNMT-CDS-2024-csdl-dat-dai.docx"
    document.core_properties.created = dt.datetime(2024, 9, 19, 8, 0)
    document.save(str(out))
    return out


SYT_TEXT = """UBND TỈNH BÌNH ĐỊNH
SỞ Y TẾ
Số: 3905/SYT-NVY
V/v báo cáo tình hình triển khai Sổ sức khỏe điện tử trên ứng dụng VNeID
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Bình Định, ngày 07 tháng 11 năm 2024
Kính gửi:
- Các bệnh viện công lập và tư nhân trên địa bàn tỉnh;
- Trung tâm Y tế các huyện, thị xã, thành phố.
Thực hiện Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ và Kế hoạch số 214/KH-UBND ngày 15/10/2024 của Ủy ban nhân dân tỉnh về triển khai Sổ sức khỏe điện tử, Sở Y tế đề nghị các đơn vị:
1. Cập nhật đầy đủ thông tin khám bệnh, chữa bệnh của người bệnh lên Hệ thống Sổ sức khỏe điện tử, liên thông với ứng dụng VNeID; bảo đảm các lượt khám có số định danh cá nhân được đồng bộ trong vòng 24 giờ kể từ khi kết thúc lượt khám.
2. Trung tâm Y tế các huyện, thị xã, thành phố chỉ đạo Trạm Y tế xã hướng dẫn người dân kích hoạt và tra cứu Sổ sức khỏe điện tử; phối hợp với Công an cấp xã hỗ trợ người dân đăng ký tài khoản định danh điện tử mức độ 2.
3. Báo cáo định kỳ hằng tháng theo Biểu mẫu kèm theo, gửi về Sở Y tế (qua Phòng Nghiệp vụ Y) trước ngày 25 hằng tháng; báo cáo tháng 11/2024 gửi chậm nhất ngày 25/11/2024. Bản điện tử gửi về địa chỉ nghiepvuy.syt@binhdinh.gov.vn.
4. Thủ trưởng các đơn vị chịu trách nhiệm bảo đảm an toàn, bảo mật dữ liệu cá nhân của người bệnh theo Nghị định số 13/2023/NĐ-CP ngày 17/4/2023 của Chính phủ về bảo vệ dữ liệu cá nhân.
Đầu mối liên hệ: bà Phan Thị Diệu Linh, Phòng Nghiệp vụ Y, Sở Y tế, điện thoại: 0256.3822.731; hỗ trợ kỹ thuật: Trung tâm Công nghệ thông tin y tế, điện thoại 0256.3812.099.
Nơi nhận:
- Như trên;
- Bộ Y tế (để b/c);
- UBND tỉnh (để b/c);
- Công an tỉnh (để phối hợp);
- Lưu: VT, NVY.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Lê Quang Hùng
BIỂU MẪU
BÁO CÁO TÌNH HÌNH TRIỂN KHAI SỔ SỨC KHỎE ĐIỆN TỬ THÁNG ...
(Kèm theo Công văn số 3905/SYT-NVY ngày 07/11/2024 của Sở Y tế tỉnh Bình Định)"""

SYT_TABLE = [
    ["TT", "Tên đơn vị", "Tổng số lượt khám trong tháng", "Số lượt khám có số định danh cá nhân",
     "Số lượt đã đồng bộ lên Sổ sức khỏe điện tử", "Tỷ lệ đồng bộ (%)", "Khó khăn, vướng mắc"],
    ["1", "Đơn vị ...", "", "", "", "", ""],
    ["", "Tổng cộng", "", "", "", "", ""],
]


def build_syt_pdf() -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(dt.datetime(2024, 11, 7, 8, 0, tzinfo=dt.timezone.utc))
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=11)
    for line in SYT_TEXT.split("\n"):
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.add_font("DejaVu", "B", str(FONT.with_name("DejaVuSans-Bold.ttf")))
    pdf.set_font("DejaVu", size=8)
    with pdf.table(col_widths=(8, 34, 26, 28, 30, 20, 44), text_align="LEFT") as table:
        for data_row in SYT_TABLE:
            row = table.row()
            for value in data_row:
                row.cell(value)
    out = HERE / "cv-3905-SYT-NVY-2024-so-suc-khoe-dien-tu.pdf"
    pdf.output(str(out))
    return out


if __name__ == "__main__":
    print(build_docx())
    print(build_pdf())
    print(build_btnmt_docx())
    print(build_syt_pdf())
