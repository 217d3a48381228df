"""Drafts extracted from dispatches render through forms.render; the .docx shows the dispatch's headers.

The rendered files are read back with python-docx: the table's header rows must hold the
dispatch's header texts (merged parents once, over their children), its given rows, and the
document must carry the attachment's title and "(Kèm theo Công văn số …)" line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from forms.extract import extract_forms, validate
from forms.render import render_document
from forms.render.samples import sample_answers

DATA = Path(__file__).parent / "data" / "form_dispatches"
PROFILE = {"co_quan_chu_quan": "UBND TỈNH THỬ NGHIỆM", "co_quan": "SỞ THỬ NGHIỆM", "so_ky_hieu": "STN",
           "dia_danh": "Thử Nghiệm", "nguoi_ky": "Nguyễn Văn A", "chuc_vu": "Giám đốc", "noi_nhan": ["Như trên"]}


def _draft(file: str, name: str):
    return next(d for d in extract_forms(DATA / file) if d.name == name)


def _render(draft, tmp_path: Path) -> Document:
    template = validate(draft)
    out = render_document(template, sample_answers(template), PROFILE, tmp_path / f"{draft.id}.docx")
    return Document(str(out))


def _flat(doc: Document) -> str:
    return " ".join(" ".join(p.text for p in doc.paragraphs).replace("\xa0", " ").split()).upper()


def _header_texts(doc: Document, rows: int) -> list[list[str]]:
    table = doc.tables[-1]
    return [[cell.text.strip() for cell in table.rows[r].cells] for r in range(rows)]


def test_three_level_merged_header_is_reproduced(tmp_path):
    doc = _render(_draft("d06_btttt_kinhphi.docx", "Biểu số 02/BC"), tmp_path)
    rows = _header_texts(doc, 3)
    assert rows[0][4:7] == ["Kế hoạch vốn năm 2024"] * 3  # one merged cell over three columns
    assert rows[1][4:7] == ["Tổng số", "Trong đó", "Trong đó"]
    assert rows[2][5:7] == ["Vốn đầu tư", "Vốn sự nghiệp"]
    assert rows[0][0] == rows[2][0] == "STT"
    text = _flat(doc)  # the renderer may upper-case and break the title lines
    assert "TỔNG HỢP KINH PHÍ ỨNG DỤNG CÔNG NGHỆ THÔNG TIN NĂM 2024" in text
    assert "(KÈM THEO CÔNG VĂN SỐ 3378/BTTTT-KHTC NGÀY 28/8/2024 CỦA BỘ THÔNG TIN VÀ TRUYỀN THÔNG)" in text
    assert "ĐƠN VỊ TÍNH: TRIỆU ĐỒNG" in text


def test_indicator_rows_and_column_numbers_are_reproduced(tmp_path):
    doc = _render(_draft("d01_stttt_cds_quy.docx", "Biểu số 01"), tmp_path)
    table = doc.tables[-1]
    cells = [[c.text.strip() for c in row.cells] for row in table.rows]
    assert cells[2] == ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"]
    labels = [row[1] for row in cells]
    assert "Dịch vụ công trực tuyến" in labels
    given = next(row for row in cells if row[1] == "Số hồ sơ tiếp nhận trực tuyến")  # the unit on its own line
    assert given[:3] == ["2", "Số hồ sơ tiếp nhận trực tuyến", "Hồ sơ"]


@pytest.mark.parametrize("file, name", [
    ("d02_snv_bienche.docx", "Mẫu số 01"),
    ("d12_sldtbxh_vieclam.pdf", "Biểu mẫu số 01"),
    ("d07_stc_taisan.txt", "Biểu mẫu số 01"),
])
def test_table_drafts_render_with_every_header_text(tmp_path, file, name):
    draft = _draft(file, name)
    doc = _render(draft, tmp_path)
    spec = validate(draft).field("bang").table
    header = {t for row in _header_texts(doc, max(len(c.header) for c in spec.columns) + 1) for t in row}
    for column in spec.columns:
        assert column.label in header
        assert set(column.header) <= header


def test_outline_draft_renders_its_numbered_headings(tmp_path):
    doc = _render(_draft("d04_ubndh_dancu.txt", "Đề cương báo cáo"), tmp_path)
    text = _flat(doc)
    assert "II. KẾT QUẢ THỰC HIỆN" in text
    assert "B) XÂY DỰNG GIA ĐÌNH VĂN HÓA, THÔN, KHU DÂN CƯ VĂN HÓA" in text
    assert "SƠ KẾT 6 THÁNG ĐẦU NĂM 2024" in text


BULLET_DISPATCH = """ỦY BAN NHÂN DÂN HUYỆN THỬ NGHIỆM
Số: 77/UBND-VP
V/v báo cáo tiếp nhận hồ sơ
Kính gửi: Các xã, thị trấn.
Đề nghị báo cáo theo Biểu số 02 kèm theo.

Biểu số 02
KẾT QUẢ TIẾP NHẬN HỒ SƠ
(Kèm theo Công văn số 77/UBND-VP ngày 03/3/2026 của Ủy ban nhân dân huyện)
STT\tChỉ tiêu\tĐơn vị tính\tTháng báo cáo\tGhi chú
1\tSố hồ sơ tiếp nhận\tHồ sơ\t\t
\t- Nộp trực tuyến\tHồ sơ\t\t
\t- Nộp trực tiếp\tHồ sơ\t\t
2\tSố hồ sơ trả kết quả\tHồ sơ\t\t
-\tĐúng hạn\tHồ sơ\t\t
3\tSố ý kiến phản ánh\tÝ kiến\t\t

NGƯỜI LẬP BIỂU
THỦ TRƯỞNG ĐƠN VỊ
(Ký, ghi rõ họ tên)
"""


def test_bullet_sub_rows_nest_under_their_row_and_print_their_bullet(tmp_path):
    source = tmp_path / "cv77.txt"
    source.write_text(BULLET_DISPATCH, encoding="utf-8")
    (draft,) = extract_forms(source)
    spec = validate(draft).field("bang").table
    tree = [(g.number, g.label, [(c.number, c.label) for c in g.children]) for g in spec.groups]
    assert [(n, label.split(" (")[0], [(cn, cl.split(" (")[0]) for cn, cl in kids]) for n, label, kids in tree] == [
        ("1", "Số hồ sơ tiếp nhận", [("-", "Nộp trực tuyến"), ("-", "Nộp trực tiếp")]),
        ("2", "Số hồ sơ trả kết quả", [("-", "Đúng hạn")]),
        ("3", "Số ý kiến phản ánh", []),
    ]
    assert not any("không đánh số" in issue for issue in draft.issues)
    assert any("chữ ký" in issue and "NGƯỜI LẬP BIỂU" in issue for issue in draft.issues)  # not the table's help
    assert "NGƯỜI LẬP BIỂU" not in str(draft.data)
    doc = _render(draft, tmp_path)
    rows = [[c.text.strip() for c in row.cells] for row in doc.tables[-1].rows]
    at = next(i for i, row in enumerate(rows) if row[1].startswith("Nộp trực tuyến"))
    assert rows[at][0] == "-" and rows[at - 1][1].startswith("Số hồ sơ tiếp nhận")
