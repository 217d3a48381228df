"""Build cv-4856-BCT-TKNL-2024-tiet-kiem-dien.docx (dev 6, session 7): a Bộ Công Thương request whose form is a
real Word table with a two-row merged header. Written by the helper who wrote dev6.jsonl. The output is committed;
run: .venv/bin/python tests/data/dispatches/build_dev6.py"""
# Builds cv-4856-BCT-TKNL-2024-tiet-kiem-dien.docx (Bộ Công Thương) with python-docx.
from docx import Document
from docx.shared import Pt, Cm
from docx.enum.text import WD_ALIGN_PARAGRAPH

from pathlib import Path
OUT = str(Path(__file__).resolve().parent / 'cv-4856-BCT-TKNL-2024-tiet-kiem-dien.docx')
doc = Document()
st = doc.styles['Normal']; st.font.name = 'Times New Roman'; st.font.size = Pt(13)
sec = doc.sections[0]
sec.page_height, sec.page_width = Cm(29.7), Cm(21)
sec.left_margin, sec.right_margin, sec.top_margin, sec.bottom_margin = Cm(3), Cm(2), Cm(2), Cm(2)

def para(text, bold=False, italic=False, align=None, size=None):
    p = doc.add_paragraph()
    r = p.add_run(text); r.bold = bold; r.italic = italic
    if size: r.font.size = Pt(size)
    if align == 'c': p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == 'r': p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif align == 'j': p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    return p

# header as a borderless 2-column table (as in real công văn)
hdr = doc.add_table(rows=2, cols=2)
hdr.cell(0, 0).text = 'BỘ CÔNG THƯƠNG'
hdr.cell(0, 1).text = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc'
hdr.cell(1, 0).text = 'Số: 4856/BCT-TKNL\nV/v báo cáo kết quả thực hiện tiết kiệm điện tại các cơ quan, đơn vị sử dụng ngân sách nhà nước 6 tháng đầu năm 2024'
hdr.cell(1, 1).text = 'Hà Nội, ngày 10 tháng 7 năm 2024'
for row in hdr.rows:
    for c in row.cells:
        for p in c.paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for r in p.runs: r.bold = True
for r in hdr.cell(1, 1).paragraphs[0].runs: r.bold = False; r.italic = True

para('')
para('Kính gửi:', bold=True)
para('- Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương;')
para('- Tập đoàn Điện lực Việt Nam;')
para('- Các Tổng công ty Điện lực.')

B = [
 'Căn cứ Luật Sử dụng năng lượng tiết kiệm và hiệu quả số 50/2010/QH12 ngày 17/6/2010; Nghị định số 21/2011/NĐ-CP ngày 29/3/2011 của Chính phủ quy định chi tiết và biện pháp thi hành Luật Sử dụng năng lượng tiết kiệm và hiệu quả;',
 'Căn cứ Chỉ thị số 20/CT-TTg ngày 08/6/2023 của Thủ tướng Chính phủ về tăng cường tiết kiệm điện giai đoạn 2023 - 2025 và các năm tiếp theo; Quyết định số 280/QĐ-TTg ngày 13/3/2019 của Thủ tướng Chính phủ phê duyệt Chương trình quốc gia về sử dụng năng lượng tiết kiệm và hiệu quả giai đoạn 2019 - 2030;',
 'Để có cơ sở tổng hợp, báo cáo Thủ tướng Chính phủ về kết quả thực hiện tiết kiệm điện trong khu vực công 6 tháng đầu năm 2024 và đề xuất giải pháp cho mùa khô năm 2025, Bộ Công Thương đề nghị Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương chỉ đạo Sở Công Thương chủ trì, phối hợp với Sở Tài chính và Công ty Điện lực trên địa bàn thực hiện các nội dung sau:',
]
for t in B: para(t, align='j')

R = [
 '1. Tổng hợp điện năng tiêu thụ của các cơ quan hành chính, đơn vị sự nghiệp công lập sử dụng ngân sách nhà nước trên địa bàn trong 6 tháng đầu năm 2024, so sánh với cùng kỳ năm 2023; số liệu điện năng lấy theo hóa đơn tiền điện do đơn vị điện lực phát hành.',
 '2. Đánh giá việc thực hiện mục tiêu tiết kiệm tối thiểu 5% tổng điện năng tiêu thụ hằng năm tại các cơ quan, đơn vị sử dụng ngân sách nhà nước theo Chỉ thị số 20/CT-TTg; nêu rõ các đơn vị không đạt mục tiêu và nguyên nhân.',
 '3. Báo cáo các giải pháp đã áp dụng: cài đặt điều hòa nhiệt độ không thấp hơn 26°C; tắt các thiết bị điện khi ra khỏi phòng làm việc; thay thế đèn chiếu sáng hiệu suất thấp bằng đèn LED; lắp đặt hệ thống điện mặt trời mái nhà tự sản, tự tiêu tại trụ sở cơ quan.',
 '4. Rà soát việc cắt giảm chiếu sáng công cộng, chiếu sáng quảng cáo, trang trí; tình hình kiểm tra, xử lý vi phạm về sử dụng năng lượng tiết kiệm và hiệu quả trên địa bàn.',
 '5. Tập đoàn Điện lực Việt Nam chỉ đạo các Tổng công ty Điện lực cung cấp số liệu điện năng tiêu thụ của khách hàng là cơ quan, đơn vị sử dụng ngân sách nhà nước cho Sở Công Thương các tỉnh, thành phố trước ngày 25/7/2024.',
 '6. Số liệu chi tiết tổng hợp theo Biểu mẫu tại Phụ lục kèm theo Công văn này; số liệu tính từ ngày 01/01/2024 đến hết ngày 30/6/2024.',
]
for t in R: para(t, align='j')
para('Báo cáo của Ủy ban nhân dân tỉnh, thành phố gửi về Bộ Công Thương (qua Vụ Tiết kiệm năng lượng và Phát triển bền vững), địa chỉ: số 54 Hai Bà Trưng, quận Hoàn Kiếm, thành phố Hà Nội trước ngày 15/8/2024; đồng thời gửi bản điện tử (định dạng .docx và .xlsx) về địa chỉ thư điện tử tietkiemdien@moit.gov.vn.', align='j')
para('Quá thời hạn nêu trên, địa phương nào không gửi báo cáo, Bộ Công Thương sẽ tổng hợp, báo cáo Thủ tướng Chính phủ.', align='j')
para('Trong quá trình thực hiện, nếu có vướng mắc, đề nghị liên hệ ông Nguyễn Hữu Phúc, chuyên viên Vụ Tiết kiệm năng lượng và Phát triển bền vững, điện thoại: 024.2220.5374, di động: 0913.562.847.', align='j')
para('Bộ Công Thương trân trọng đề nghị Quý Ủy ban quan tâm, chỉ đạo thực hiện./.', align='j')

sig = doc.add_table(rows=1, cols=2)
sig.cell(0, 0).text = ('Nơi nhận:\n- Như trên;\n- Thủ tướng Chính phủ (để b/c);\n- Bộ trưởng (để b/c);\n'
                       '- Sở Công Thương các tỉnh, thành phố trực thuộc Trung ương (để thực hiện);\n- Lưu: VT, TKNL.')
sig.cell(0, 1).text = 'KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\n\n\nNguyễn Đức Khiêm'
for p in sig.cell(0, 1).paragraphs:
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for r in p.runs: r.bold = True

doc.add_page_break()
para('PHỤ LỤC', bold=True, align='c')
para('BIỂU MẪU BÁO CÁO KẾT QUẢ TIẾT KIỆM ĐIỆN TẠI CÁC CƠ QUAN, ĐƠN VỊ SỬ DỤNG NGÂN SÁCH NHÀ NƯỚC 6 THÁNG ĐẦU NĂM 2024', bold=True, align='c')
para('(Kèm theo Công văn số 4856/BCT-TKNL ngày 10/7/2024 của Bộ Công Thương)', italic=True, align='c')
para('Tỉnh, thành phố: ...')

cols = ['TT', 'Tên cơ quan, đơn vị', 'Điện năng tiêu thụ (kWh)', 'Điện năng tiêu thụ (kWh)',
        'Tỷ lệ tiết kiệm so với cùng kỳ (%)', 'Giải pháp tiết kiệm điện đã áp dụng', 'Ghi chú']
sub = ['', '', '6 tháng đầu năm 2023', '6 tháng đầu năm 2024', '', '', '']
rows = [
 ['1', 'Văn phòng Ủy ban nhân dân tỉnh', '212.450', '198.630', '6,5', 'Thay đèn LED; điều hòa đặt 26°C', ''],
 ['2', 'Sở Công Thương', '85.320', '82.110', '3,8', 'Tắt thiết bị ngoài giờ làm việc', 'Không đạt 5%'],
 ['3', 'Bệnh viện Đa khoa tỉnh', '1.845.600', '1.702.900', '7,7', 'Điện mặt trời mái nhà 150 kWp', ''],
 ['', 'Tổng cộng', '', '', '', '', ''],
]
t = doc.add_table(rows=2 + len(rows), cols=len(cols))
t.style = 'Table Grid'
for i, c in enumerate(cols): t.cell(0, i).text = c
for i, c in enumerate(sub): t.cell(1, i).text = c
for j in (0, 1, 4, 5, 6):
    m = t.cell(0, j).merge(t.cell(1, j)); m.text = cols[j]
m = t.cell(0, 2).merge(t.cell(0, 3)); m.text = 'Điện năng tiêu thụ (kWh)'
for r, row in enumerate(rows):
    for i, c in enumerate(row): t.cell(2 + r, i).text = c
for r in range(2):
    for c in t.rows[r].cells:
        for p in c.paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in p.runs: run.bold = True
para('')
para('Ghi chú: Tỷ lệ tiết kiệm (%) = (Điện năng 6 tháng đầu năm 2023 - Điện năng 6 tháng đầu năm 2024) / Điện năng 6 tháng đầu năm 2023 x 100.', italic=True)
doc.save(OUT)
print('saved', OUT)
