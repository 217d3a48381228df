"""Tables a PDF draws with cell borders (as Word and LibreOffice print them) read as grids.

Each PDF here is drawn cell by cell with fpdf2: boxes for the borders, text at the top-left of
each box wrapped word by word as a narrow Word cell wraps it.  Nothing in them comes from the
benchmark dispatches.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from forms.extract import extract_forms, validate
from forms.extract.blocks import Grid, Para
from forms.extract.reading import read_blocks

fpdf = pytest.importorskip("fpdf")
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
pytestmark = pytest.mark.skipif(not FONT.is_file(), reason="DejaVu font not installed")

LINE = 5.0


class Drawer:
    """An A4 PDF drawn in millimetres: paragraphs, and tables as boxes with wrapped text."""

    def __init__(self) -> None:
        self.pdf = fpdf.FPDF(unit="mm", format="A4")
        self.pdf.add_font("dv", "", str(FONT))
        self.pdf.set_font("dv", size=10)
        self.pdf.add_page()
        self.y = 20.0

    def para(self, text: str) -> None:
        self.pdf.text(20, self.y + 4, text)
        self.y += LINE + 1

    def page(self) -> None:
        self.pdf.add_page()
        self.y = 20.0

    def box(self, x: float, y: float, w: float, h: float, text: str = "") -> None:
        self.pdf.rect(x, y, w, h)
        line, lines = "", []
        for word in text.split():
            trial = f"{line} {word}".strip()
            if line and self.pdf.get_string_width(trial) > w - 2:
                lines.append(line)
                line = word
            else:
                line = trial
        lines += [line] if line else []
        for i, piece in enumerate(lines):
            self.pdf.text(x + 1, y + 4 + i * LINE, piece)

    def save(self, path: Path) -> Path:
        self.pdf.output(str(path))
        return path


def _grids(path: Path) -> list[Grid]:
    return [b for b in read_blocks(path) if isinstance(b, Grid)]


def _header_paths(grid: Grid, header_rows: int) -> list[tuple[str, ...]]:
    out = []
    for c in range(grid.n_cols):
        path: list[str] = []
        for r in range(header_rows):
            text = grid.cells[r][c].text
            if text and text not in path:
                path.append(text)
        out.append(tuple(path))
    return out


def _staff_table(d: Drawer, x0: float = 20.0) -> None:
    """STT | Đơn vị | Số người (Nam | Nữ | Tổng) | Ghi chú — the group's word much narrower than its cell."""
    y = d.y
    d.box(x0, y, 12, 16, "STT")
    d.box(x0 + 12, y, 60, 16, "Đơn vị")
    d.box(x0 + 72, y, 75, 8, "Số người")
    for i, label in enumerate(["Nam", "Nữ", "Tổng"]):
        d.box(x0 + 72 + 25 * i, y + 8, 25, 8, label)
    d.box(x0 + 147, y, 23, 16, "Ghi chú")
    d.y = y + 16


def _body_row(d: Drawer, number: str, name: str, x0: float = 20.0, height: float = 8) -> None:
    y = d.y
    for x, w, text in [(x0, 12, number), (x0 + 12, 60, name), (x0 + 72, 25, ""), (x0 + 97, 25, ""),
                       (x0 + 122, 25, ""), (x0 + 147, 23, "")]:
        d.box(x, y, w, height, text)
    d.y = y + height


def test_a_short_group_header_covers_the_columns_its_border_covers(tmp_path):
    d = Drawer()
    d.para("Biểu số 03")
    _staff_table(d)
    _body_row(d, "1", "Phòng Tư pháp")
    _body_row(d, "2", "Phòng Y tế")
    (grid,) = _grids(d.save(tmp_path / "a.pdf"))
    assert _header_paths(grid, 2) == [("STT",), ("Đơn vị",), ("Số người", "Nam"), ("Số người", "Nữ"),
                                      ("Số người", "Tổng"), ("Ghi chú",)]
    assert [grid.text(r, 1) for r in (2, 3)] == ["Phòng Tư pháp", "Phòng Y tế"]


def test_text_outside_the_table_stays_paragraphs_in_order(tmp_path):
    d = Drawer()
    d.para("Kính gửi: Các phòng chuyên môn")
    _staff_table(d)
    _body_row(d, "1", "Phòng Nội vụ")
    d.y += 4
    d.para("Ghi chú: số liệu đến ngày 30/6.")
    blocks = read_blocks(d.save(tmp_path / "b.pdf"))
    kinds = [type(b).__name__ for b in blocks]
    assert kinds == ["Para", "Grid", "Para"]
    assert isinstance(blocks[-1], Para) and blocks[-1].text.startswith("Ghi chú")


def test_a_table_running_onto_the_next_page_is_one_table_without_the_repeated_header(tmp_path):
    d = Drawer()
    _staff_table(d)
    _body_row(d, "1", "Xã An Bình")
    _body_row(d, "2", "Xã Tân Lập")
    d.page()
    _staff_table(d)  # Word repeats the header row on the new page
    _body_row(d, "3", "Xã Phú Hòa")
    (grid,) = _grids(d.save(tmp_path / "c.pdf"))
    assert [grid.text(r, 1) for r in range(2, grid.n_rows)] == ["Xã An Bình", "Xã Tân Lập", "Xã Phú Hòa"]


def test_a_row_broken_by_the_page_is_joined_when_the_page_was_full(tmp_path):
    d = Drawer()
    d.y = 275.0 - 8 - 16  # the table's last row reaches the page's lowest line
    _staff_table(d)
    _body_row(d, "1", "Trung tâm Phát triển quỹ")
    d.page()
    _body_row(d, "", "đất huyện")  # the rest of row 1: no number
    _body_row(d, "2", "Ban Quản lý dự án")
    d.pdf.text(20, 280, "2")  # a page number under the lowest line is not content
    (grid,) = _grids(d.save(tmp_path / "d.pdf"))
    assert [grid.text(r, 1) for r in range(2, grid.n_rows)] == ["Trung tâm Phát triển quỹ đất huyện",
                                                               "Ban Quản lý dự án"]


def test_a_row_without_number_on_a_new_page_stays_a_row_when_the_page_was_not_full(tmp_path):
    d = Drawer()
    _staff_table(d)
    _body_row(d, "1", "Phòng Văn hóa")  # the table ends high on its page: the next row did not break
    d.page()
    _body_row(d, "", "Đơn vị sự nghiệp")
    _body_row(d, "2", "Trung tâm Y tế")
    d.y = 270.0
    d.para("Nơi nhận:")  # the lowest line of the document
    (grid,) = _grids(d.save(tmp_path / "e.pdf"))
    assert [grid.text(r, 1) for r in range(2, grid.n_rows)] == ["Phòng Văn hóa", "Đơn vị sự nghiệp", "Trung tâm Y tế"]


def test_a_word_broken_by_a_narrow_cell_is_whole_again(tmp_path):
    d = Drawer()
    y = d.y
    d.box(20, y, 12, 20, "STT")
    d.box(32, y, 11, 20, "Tổn")  # a narrow column prints "Tổng" as "Tổn" / "g"
    d.pdf.text(33, y + 4 + LINE, "g số")
    d.box(43, y, 40, 20, "Tên công trình")
    d.box(20, y + 20, 12, 8, "1")
    d.box(32, y + 20, 11, 8, "")
    d.box(43, y + 20, 40, 8, "Đường huyện")
    (grid,) = _grids(d.save(tmp_path / "f.pdf"))
    assert grid.row_texts(0) == ["STT", "Tổng số", "Tên công trình"]


def test_a_banner_row_and_signatures_drawn_with_the_table_are_not_its_header(tmp_path):
    d = Drawer()
    y = d.y
    d.box(20, y, 85, 8, "Đơn vị báo cáo: ……")
    d.box(105, y, 85, 8, "Đơn vị nhận: Sở Nội vụ")
    d.y = y + 8
    _staff_table(d)
    _body_row(d, "1", "Phòng Tài chính")
    y = d.y
    d.box(20, y, 85, 12, "Người lập biểu")
    d.box(105, y, 85, 12, "Thủ trưởng đơn vị")
    grids = _grids(d.save(tmp_path / "g.pdf"))
    staff = [g for g in grids if g.n_cols == 6]
    assert len(staff) == 1 and staff[0].text(0, 0) == "STT" and staff[0].text(staff[0].n_rows - 1, 1) == "Phòng Tài chính"


def test_a_dispatch_pdf_with_a_drawn_table_becomes_a_draft_with_its_header(tmp_path):
    d = Drawer()
    for text in ["ỦY BAN NHÂN DÂN HUYỆN ĐỨC PHỔ", "Số: 214/UBND-NV", "Kính gửi: Các cơ quan chuyên môn",
                 "Đề nghị báo cáo số người theo Biểu số 03 kèm theo."]:
        d.para(text)
    d.page()
    d.para("Biểu số 03")
    d.para("SỐ NGƯỜI LÀM VIỆC TẠI CÁC ĐƠN VỊ")
    d.para("(Kèm theo Công văn số 214/UBND-NV ngày 02/3/2026 của UBND huyện)")
    _staff_table(d)
    _body_row(d, "1", "Phòng Nội vụ")
    (draft,) = extract_forms(d.save(tmp_path / "h.pdf"))
    assert draft.name == "Biểu số 03"
    columns = validate(draft).field("bang").table.columns
    assert [tuple(c.header) + (c.label,) for c in columns][2:5] == [("Số người", "Nam"), ("Số người", "Nữ"),
                                                                    ("Số người", "Tổng")]


def test_without_drawn_borders_the_pdf_is_read_as_text(tmp_path):
    d = Drawer()
    d.para("STT    Đơn vị       Số người")
    d.para("1      Phòng A      12")
    blocks = read_blocks(d.save(tmp_path / "i.pdf"))
    assert blocks and not any(isinstance(b, Grid) and b.spans_known for b in blocks)
