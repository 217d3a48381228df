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
