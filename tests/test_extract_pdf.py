"""Text PDFs: lines laid out from word boxes and merged header cells read from where text stands.

The header rules (forms/extract/headerspan.py) see only positions; these tests give them the
shapes a PDF printer produces: a short parent centred over wider children it barely touches, a
cell's text wrapped over two lines, children of different heights vertically centred.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from forms.extract import extract_forms, validate
from forms.extract.headerspan import spanning
from forms.extract.pdflayout import Word, layout_pages
from forms.extract.textgrid import blocks_from_lines
from forms.extract.blocks import Grid

DATA = Path(__file__).parent / "data" / "form_dispatches"
_spec = importlib.util.spec_from_file_location("form_dispatch_build", DATA / "build.py")
builder = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(builder)  # type: ignore[union-attr]


def _paths(grid: Grid) -> list[tuple[str, ...]]:
    """Each column's header path, top-down, from a grid's header rows (merged cells once)."""
    out = []
    for c in range(grid.n_cols):
        path = []
        for r in range(grid.n_rows):
            cell = grid.cells[r][c]
            if cell.text and cell.text not in path and not cell.text[:1].isdigit():
                path.append(cell.text)
        out.append(tuple(path))
    return out


def _line(*pieces: tuple[int, str]) -> str:
    out = ""
    for at, text in pieces:
        out = out.ljust(at) + text
    return out


def test_a_centred_parent_narrower_than_its_children_stands_over_all_of_them():
    # children 20..66 (centre 43); "Kinh phí" centred at 43 touches only "Đã cấp"
    header = [
        _line((0, "TT"), (5, "Tên đơn vị"), (39, "Kinh phí"), (80, "Ghi chú")),
        _line((20, "Kế hoạch"), (34, "Đã cấp"), (50, "Còn lại đến 31/12"), (80, "")),
    ]
    ((s, e, text, lo, hi, label),) = spanning(header)[0]
    assert label == "Kinh phí"
    assert (lo, hi) == (20, 67)


def test_a_cell_wrapped_under_itself_is_one_cell_not_a_parent():
    # "Số hồ sơ quá hạn" wraps around its vertically centred neighbours' line
    header = [
        _line((85, "Số hồ sơ quá")),
        _line((2, "STT"), (15, "Lĩnh vực"), (31, "Số hồ sơ tiếp nhận"), (52, "Số hồ sơ giải quyết đúng hạn"),
              (104, "Tỷ lệ đúng hạn (%)")),
        _line((90, "hạn")),
    ]
    assert spanning(header) == {}


def test_a_parent_wrapped_over_two_lines_keeps_one_label_and_its_children():
    header = [
        "TT   Nội dung       Ngân sách sự nghiệp     Ghi chú",
        "                         khoa học",
        "                   Cấp tỉnh      Cấp huyện",
    ]
    parents = spanning(header)
    (parent,) = parents[0]
    assert parent[5] == "Ngân sách sự nghiệp khoa học"
    assert parents[1][0][5] is None  # the tail line is marked, not a second parent


def test_a_parent_written_from_the_left_over_its_children():
    header = [
        "STT   Chỉ tiêu     Năm 2024               Tỷ lệ (%)",
        "                   Kế hoạch   Thực hiện",
    ]
    ((_, _, _, lo, hi, label),) = spanning(header)[0]
    assert label == "Năm 2024" and (lo, hi) == (19, 39)


def _word(x0: float, y: float, text: str, char: float = 5.0) -> Word:
    return Word(x0, y, x0 + char * len(text), y + 10, text)


def test_word_boxes_keep_centres_proportional_and_join_words_of_one_cell():
    # "Kinh phí" centred over two columns 200 pt wide; words 3 pt apart are one cell's text
    words = [_word(40, 10, "TT"), _word(275, 10, "Kinh"), _word(275 + 20 + 3, 10, "phí"),
             _word(200, 30, "Kế"), _word(213, 30, "hoạch"), _word(360, 30, "Đã"), _word(373, 30, "cấp")]
    (page,) = layout_pages([words])
    top, bottom = page
    assert "Kinh phí" in top and "Kế hoạch" in bottom and "Đã cấp" in bottom
    centre = top.index("Kinh phí") + len("Kinh phí") / 2
    left = bottom.index("Kế hoạch")
    right = bottom.index("Đã cấp") + len("Đã cấp")
    assert abs(centre - (left + right) / 2) <= 2


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler's pdftotext is not installed")
@pytest.mark.parametrize("name, expected", [
    ("d16_snn_thuyloi.pdf", [("Kinh phí", "Kế hoạch"), ("Kinh phí", "Đã giải ngân", "Ngân sách tỉnh"),
                             ("Kinh phí", "Đã giải ngân", "Ngân sách huyện"), ("Kinh phí", "Còn lại")]),
    ("d19_skhcn_detai.pdf", [("Tổng kinh phí được duyệt", "Tổng cộng"),
                             ("Tổng kinh phí được duyệt", "Ngân sách sự nghiệp khoa học", "Cấp tỉnh"),
                             ("Tổng kinh phí được duyệt", "Ngân sách sự nghiệp khoa học", "Cấp huyện"),
                             ("Kinh phí đã cấp đến 30/9/2024", "Nguồn khác")]),
])
def test_multi_level_pdf_headers(tmp_path, name, expected):
    path = builder.build(DATA / "src" / f"{Path(name).stem}.src", tmp_path, "pdf")
    (draft,) = extract_forms(path)
    spec = validate(draft).field("bang").table
    paths = [tuple(c.header) + (c.label,) for c in spec.columns]
    for path in expected:
        assert path in paths


def test_lines_without_a_table_stay_paragraphs():
    blocks = blocks_from_lines(["Kính gửi: Ủy ban nhân dân các xã.", "Đề nghị báo cáo trước ngày 05/11/2024."])
    assert not any(isinstance(b, Grid) for b in blocks)


def test_an_outline_number_set_off_by_a_tab_stays_with_its_text_but_table_cells_stay_apart():
    words = [_word(40, 10, "II."), _word(120, 10, "Đánh"), _word(143, 10, "giá"),
             _word(40, 30, "2"), _word(120, 30, "Trạm"), _word(143, 30, "bơm"), _word(300, 30, "Hộ")]
    heading, row = layout_pages([words])[0]
    assert heading == "II. Đánh giá"
    assert len(row.split()) == 4 and "   " in row  # three runs: number, label, unit — a table row


def test_a_last_row_label_wrapped_word_by_word_stays_in_the_table():
    lines = [
        "TT   Chính sách      Đơn vị tính   Số hộ   Ghi chú",
        "1    Hỗ trợ giống    Hộ",
        "2    Hỗ trợ          Hộ",
        "     nước sinh",
        "     hoạt",
        "Nơi nhận:",
    ]
    [grid] = [b for b in blocks_from_lines(lines) if isinstance(b, Grid)]
    assert grid.row_texts(grid.n_rows - 1)[:3] == ["2", "Hỗ trợ nước sinh hoạt", "Hộ"]


def test_a_parent_written_from_the_left_and_wrapped_over_three_lines_is_one_cell():
    # LibreOffice prints header cells left- and top-aligned: the parent's text wraps above its children
    header = [
        _line((0, "STT"), (10, "Chính sách"), (30, "Số đối tượng được hỗ"), (58, "Kinh phí thực"), (75, "Ghi chú")),
        _line((30, "trợ"), (58, "hiện (triệu")),
        _line((58, "đồng)")),
        _line((30, "Tổng số"), (40, "Hộ nghèo"), (50, "Hộ cận"), (58, "Kế hoạch"), (68, "Đã làm")),
    ]
    parents = spanning(header)
    labels = {p[5]: (p[3], p[4]) for p in parents[0]}
    assert set(labels) == {"Số đối tượng được hỗ trợ", "Kinh phí thực hiện (triệu đồng)"}
    assert labels["Số đối tượng được hỗ trợ"] == (30, 56)
    assert all(p[5] is None for k in (1, 2) for p in parents.get(k, []))  # tails, not parents of their own
