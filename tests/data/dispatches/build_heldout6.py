"""Held-out 6 (session 8), written by the helper who wrote heldout6.jsonl: builds (cv-418-SVHTTDL-QLDS-2025-di-tich.docx) with real Word tables for the forms."""
import docx
from docx.shared import Pt
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.enum.section import WD_ORIENT

OUT = str(__import__('pathlib').Path(__file__).with_name('cv-418-SVHTTDL-QLDS-2025-di-tich.docx'))
d = docx.Document()
st = d.styles['Normal']; st.font.name = 'Times New Roman'; st.font.size = Pt(13)

def P(text, bold=False, center=False, italic=False):
    p = d.add_paragraph(); r = p.add_run(text); r.bold = bold; r.italic = italic
    if center: p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p

P('ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ', center=True)
P('SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH', bold=True, center=True)
P('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold=True, center=True)
P('Độc lập - Tự do - Hạnh phúc', bold=True, center=True)
P('Số: 418/SVHTTDL-QLDS')
P('V/v báo cáo kết quả kiểm kê, tu bổ di tích và số hóa hồ sơ di sản văn hóa năm 2025')
P('Phú Thọ, ngày 14 tháng 4 năm 2025', italic=True)
P('Kính gửi:')
for x in ['- Ủy ban nhân dân các huyện, thành phố, thị xã;',
          '- Ban Quản lý Khu di tích lịch sử Đền Hùng;',
          '- Bảo tàng Hùng Vương;',
          '- Trung tâm Thông tin và Xúc tiến du lịch tỉnh.']:
    P(x)
body = [
 'Căn cứ Luật Di sản văn hóa số 45/2024/QH15 ngày 23/11/2024; Nghị định số 166/2018/NĐ-CP ngày 25/12/2018 của Chính phủ quy định thẩm quyền, trình tự, thủ tục lập, thẩm định, phê duyệt quy hoạch, dự án, báo cáo kinh tế - kỹ thuật bảo quản, tu bổ, phục hồi di tích lịch sử - văn hóa, danh lam thắng cảnh;',
 'Thực hiện Kế hoạch số 52/KH-UBND ngày 20/02/2025 của Ủy ban nhân dân tỉnh về bảo tồn và phát huy giá trị di sản văn hóa tỉnh Phú Thọ năm 2025, để có cơ sở tổng hợp, tham mưu Ủy ban nhân dân tỉnh bố trí kinh phí tu bổ di tích năm 2026, Sở Văn hóa, Thể thao và Du lịch đề nghị các cơ quan, đơn vị báo cáo các nội dung sau:',
 '1. Kết quả kiểm kê, xếp hạng di tích',
 'a) Tổng số di tích đã được kiểm kê trên địa bàn; số di tích đã được xếp hạng cấp quốc gia đặc biệt, cấp quốc gia và cấp tỉnh;',
 'b) Số di tích mới phát hiện, đề nghị bổ sung vào danh mục kiểm kê; số hồ sơ đề nghị xếp hạng đang hoàn thiện.',
 '2. Tình trạng di tích và nhu cầu tu bổ',
 'a) Số di tích đang xuống cấp; trong đó số di tích xuống cấp nghiêm trọng, có nguy cơ sụp đổ cần tu bổ cấp thiết;',
 'b) Danh mục di tích đề xuất tu bổ năm 2026, nêu rõ hạng mục xuống cấp, tổng kinh phí dự kiến và cơ cấu nguồn vốn; mức hỗ trợ từ ngân sách tỉnh không quá 70% tổng kinh phí và tối đa 3 tỷ đồng đối với mỗi di tích cấp tỉnh;',
 'c) Kết quả huy động nguồn xã hội hóa, tiền công đức cho việc tu bổ di tích.',
 '3. Số hóa hồ sơ di sản văn hóa',
 'a) Số hồ sơ khoa học di tích đã được số hóa và cập nhật lên Cơ sở dữ liệu di sản văn hóa của tỉnh;',
 'b) Phấn đấu đến hết năm 2025 có 100% di tích cấp quốc gia và ít nhất 60% di tích cấp tỉnh được số hóa hồ sơ.',
 '4. Di sản văn hóa phi vật thể',
 'Tình hình bảo vệ và phát huy giá trị Hát Xoan Phú Thọ và Tín ngưỡng thờ cúng Hùng Vương; số câu lạc bộ Xoan đang hoạt động, số nghệ nhân được công nhận và số lớp truyền dạy đã tổ chức.',
 '5. Thời kỳ báo cáo và biểu mẫu',
 'Số liệu báo cáo tính từ ngày 01/01/2024 đến hết ngày 31/3/2025; số liệu chi tiết tổng hợp theo Biểu mẫu số 01 và Biểu mẫu số 02 kèm theo Công văn này.',
 '6. Thời hạn và hình thức gửi báo cáo',
 'Báo cáo gửi về Sở Văn hóa, Thể thao và Du lịch (qua Phòng Quản lý di sản văn hóa) trước ngày 12/5/2025. Bản giấy có chữ ký, đóng dấu gửi về địa chỉ: số 1518 đại lộ Hùng Vương, thành phố Việt Trì; bản điện tử (tệp .docx và .xlsx) gửi về địa chỉ thư điện tử qlds.svhttdl@phutho.gov.vn.',
 'Đơn vị không gửi báo cáo hoặc gửi chậm sẽ không được xem xét bố trí kinh phí tu bổ di tích năm 2026.',
 'Thông tin chi tiết xin liên hệ bà Đinh Thị Phương Thảo, Phó Trưởng phòng Quản lý di sản văn hóa, điện thoại: 0210.3846.295, di động: 0986.574.130.',
 'Trân trọng./.',
]
for x in body: P(x)
P('Nơi nhận:', bold=True)
for x in ['- Như trên;', '- UBND tỉnh (để b/c);', '- Cục Di sản văn hóa (để b/c);',
          '- Giám đốc Sở (để b/c);', '- Lưu: VT, QLDS.']:
    P(x)
P('KT. GIÁM ĐỐC', bold=True, center=True)
P('PHÓ GIÁM ĐỐC', bold=True, center=True)
P('Hà Minh Tuấn', bold=True, center=True)

def table(header_rows, body_rows, merges=()):
    ncol = len(header_rows[0])
    t = d.add_table(rows=0, cols=ncol); t.style = 'Table Grid'
    for hr in header_rows:
        cells = t.add_row().cells
        for i, v in enumerate(hr): cells[i].text = v
    for a, b in merges:  # ((r,c),(r,c))
        t.cell(*a).merge(t.cell(*b))
    for br in body_rows:
        cells = t.add_row().cells
        for i, v in enumerate(br): cells[i].text = v
    return t

sec = d.add_section(); sec.orientation = WD_ORIENT.LANDSCAPE
sec.page_width, sec.page_height = sec.page_height, sec.page_width
P('Biểu mẫu số 01', bold=True)
P('KẾT QUẢ KIỂM KÊ, XẾP HẠNG VÀ SỐ HÓA HỒ SƠ DI TÍCH', bold=True, center=True)
P('(Kèm theo Công văn số 418/SVHTTDL-QLDS ngày 14/4/2025 của Sở Văn hóa, Thể thao và Du lịch tỉnh Phú Thọ)', italic=True, center=True)
h1 = ['TT', 'Đơn vị', 'Tổng số di tích đã kiểm kê', 'Số di tích đã xếp hạng', '', '',
      'Số di tích xuống cấp', 'Số hồ sơ di tích đã số hóa', 'Ghi chú']
h2 = ['', '', '', 'Quốc gia đặc biệt', 'Quốc gia', 'Cấp tỉnh', '', '', '']
t = table([h1, h2], [
    ['I', 'Thành phố, thị xã', '', '', '', '', '', '', ''],
    ['1', 'Thành phố Việt Trì', '', '', '', '', '', '', ''],
    ['2', 'Thị xã Phú Thọ', '', '', '', '', '', '', ''],
    ['II', 'Các huyện', '', '', '', '', '', '', ''],
    ['1', 'Huyện ...', '', '', '', '', '', '', ''],
    ['III', 'Ban Quản lý Khu di tích lịch sử Đền Hùng', '', '', '', '', '', '', ''],
    ['', 'Tổng cộng', '', '', '', '', '', '', ''],
])
for c in (0, 1, 2, 6, 7, 8):
    t.cell(0, c).merge(t.cell(1, c))
t.cell(0, 3).merge(t.cell(0, 5))
for c in (0, 1, 2, 6, 7, 8):  # python-docx keeps text of both cells on merge; restore single label
    t.cell(0, c).text = h1[c]
t.cell(0, 3).text = 'Số di tích đã xếp hạng'

P('')
P('Biểu mẫu số 02', bold=True)
P('DANH MỤC DI TÍCH ĐỀ XUẤT TU BỔ CẤP THIẾT NĂM 2026', bold=True, center=True)
P('(Kèm theo Công văn số 418/SVHTTDL-QLDS ngày 14/4/2025 của Sở Văn hóa, Thể thao và Du lịch tỉnh Phú Thọ)', italic=True, center=True)
g1 = ['TT', 'Tên di tích', 'Địa điểm (xã, huyện)', 'Hạng mục xuống cấp',
      'Tổng kinh phí dự kiến (triệu đồng)', 'Nguồn vốn', '', '', 'Ghi chú']
g2 = ['', '', '', '', '', 'Ngân sách tỉnh', 'Ngân sách huyện, xã', 'Xã hội hóa', '']
t2 = table([g1, g2], [
    ['I', 'Di tích cấp quốc gia đặc biệt', '', '', '', '', '', '', ''],
    ['II', 'Di tích cấp quốc gia', '', '', '', '', '', '', ''],
    ['III', 'Di tích cấp tỉnh', '', '', '', '', '', '', ''],
    ['', 'Tổng cộng', '', '', '', '', '', '', ''],
])
for c in (0, 1, 2, 3, 4, 8):
    t2.cell(0, c).merge(t2.cell(1, c)); t2.cell(0, c).text = g1[c]
t2.cell(0, 5).merge(t2.cell(0, 7)); t2.cell(0, 5).text = 'Nguồn vốn'
P('Người lập biểu (Ký, ghi rõ họ tên)          THỦ TRƯỞNG ĐƠN VỊ (Ký tên, đóng dấu)')
d.save(OUT)
print('saved', OUT)
