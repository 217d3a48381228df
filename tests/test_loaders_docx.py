"""A Word table read for the knowledge base keeps one value per grid column: a cell merged across columns
comes once, then empty cells for the other columns it spans (so each column below keeps its place under a
merged header), and equal neighbouring values ("0 | 0", empty cells of a blank form row) are all kept, so
"which column holds what" stays answerable."""

from __future__ import annotations

import docx

from knowledge.loaders import read_document


def test_merged_cells_once_equal_neighbours_all_kept(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=3, cols=5)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Nguồn vốn"
    for j, text in enumerate(["Ghi chú", "Đơn vị", "Tỷ lệ (%)"], start=2):
        table.cell(0, j).text = text
    for j, text in enumerate(["0", "0", "", "", "5"]):
        table.cell(1, j).text = text
    path = tmp_path / "bang.docx"
    document.save(str(path))
    rows = [line.rstrip("\t").split("\t") for line in read_document(path).text.splitlines() if "\t" in line]
    assert rows[0] == ["Nguồn vốn", "", "Ghi chú", "Đơn vị", "Tỷ lệ (%)"]
    assert rows[1] == ["0", "0", "", "", "5"]
