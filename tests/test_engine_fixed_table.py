"""Fixed indicator rows (``fixed_rows: true``): the template gives the rows, the official fills them
across — one row after another without "thêm", or a pasted block of all values — and the .docx
prints the values on the given rows' own lines, with their given units and the column-number row."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from forms.extract import extract_forms
from forms.loader import load_template_data
from forms.render.document import render_document
from forms.session import FormSession

DISPATCH = Path(__file__).parent / "data" / "form_dispatches" / "d01_stttt_cds_quy.docx"


def _template():
    (draft,) = [d for d in extract_forms(DISPATCH) if d.name == "Biểu số 01"]
    return load_template_data(draft.data)


def _table_rows(path: Path) -> list[list[str]]:
    table = docx.Document(str(path)).tables[-1]
    return [[c.text.strip() for c in row.cells] for row in table.rows]


def test_indicator_draft_has_fixed_rows_with_given_units():
    spec = _template().field("bang").table
    assert spec.fixed_rows is True
    assert [c.id for c in spec.input_columns] == ["quy_iii_2024", "luy_ke_tu_dau_nam", "ghi_chu"]
    units = {g.code: dict(g.cells).get("don_vi_tinh") for g in spec.leaf_groups()}
    assert units["I.2"] == "Hồ sơ" and units["II.2"] == "Triệu đồng"


def test_rows_are_asked_in_turn_then_pasted_block_and_one_cell_edit(tmp_path):
    template = _template()
    session = FormSession.start(template)
    assert session.template.field("bang").table.fixed_rows
    step = session.answer("thêm")
    assert "I.1 Số thủ tục hành chính" in step.prompt.text, step.prompt.text
    for text in ("12", "30", "-"):
        step = session.answer(text)
    assert step.error is None, step.error
    # the next given row is asked at once: no "thêm"
    assert "hồ sơ tiếp nhận" in step.prompt.text.lower(), step.prompt.text
    # a pasted block fills the remaining given rows in order (the one being walked included)
    block = "\n".join(["1.250 | 3.400 | Đạt", "97,5 | 96 | -", "310 | 310 | -", "450 | 1.200 | -", "85 | 140 | -"])
    step = session.answer(block)
    assert step.error is None, step.error
    last = [line for line in step.prompt.text.split("\n") if line.startswith("5. ")]
    assert last and "tập huấn kỹ năng số" in last[0] and ": 85;" in last[0], step.prompt.text  # named, not coded
    step = session.answer("có")
    assert step.error is None, step.error
    rows = session.answers["bang"]
    assert [r["group"] for r in rows] == ["I.1", "I.2", "I.3", "II.1", "II.2", "II.3"]
    step = session.answer("dòng II.2 quý III 460")
    assert step.error is None and "460" in step.reply, step.reply
    step = session.answer("dòng 2 lũy kế 3500")
    assert step.error is None, step.error
    step = session.answer("xong")
    assert step.error is None, step.error
    out = render_document(template, session.answers, None, tmp_path / "r.docx")
    table = _table_rows(out)
    numbers = next(r for r in table if r and r[0] == "(1)")
    assert numbers[:4] == ["(1)", "(2)", "(3)", "(4)"]
    line = next(r for r in table if "Số hồ sơ tiếp nhận trực tuyến" in r[1])
    assert line[2] == "Hồ sơ" and "1.250" in line[3] and "3.500" in line[4] and line[5] == "Đạt"
    money = next(r for r in table if "Kinh phí đầu tư" in r[1])
    assert money[2] == "Triệu đồng" and "460" in money[3]
    assert sum(1 for r in table if "Số hồ sơ tiếp nhận trực tuyến" in r[1]) == 1  # no item row added
    first = next(r for r in table if "toàn trình" in r[1])
    assert first[3] == "12" and first[4] == "30"


def test_fixed_rows_needs_groups():
    (draft,) = [d for d in extract_forms(DISPATCH) if d.name == "Biểu số 01"]
    bad = dict(draft.data)
    sections = [dict(s) for s in bad["sections"]]
    table = dict(sections[0]["table"])
    table.pop("groups")
    sections[0] = {**sections[0], "table": table}
    bad["sections"] = sections
    with pytest.raises(Exception, match="fixed_rows"):
        load_template_data(bad)


def test_one_pasted_block_fills_every_given_row(tmp_path):
    session = FormSession.start(_template())
    block = "\n".join(f"{n} | {n * 10} | -" for n in range(1, 7))
    step = session.answer(block)
    assert step.error is None, step.error
    session.answer("có")
    rows = session.answers["bang"]
    assert [(r["group"], r["cells"]["quy_iii_2024"]) for r in rows] == [
        ("I.1", 1), ("I.2", 2), ("I.3", 3), ("II.1", 4), ("II.2", 5), ("II.3", 6)]
    again = session.answer("I.3 | 99 | 100 | -")  # a coded line replaces that given row's values
    assert again.error is None, again.error
    assert len(session.answers["bang"]) == 6 and session.answers["bang"][2]["cells"]["quy_iii_2024"] == 99


def test_done_while_walking_a_given_row_stores_it_and_leaves_the_table():
    session = FormSession.start(_template())
    session.answer("thêm")
    session.answer("7")
    step = session.answer("xong")
    assert step.error is None, step.error
    assert session.answers["bang"] == [{"group": "I.1", "cells": {"quy_iii_2024": 7}}]
    assert "Dòng mới" not in step.prompt.text, step.prompt.text


def test_a_value_typed_at_the_table_fills_the_first_given_row_without_a_command():
    session = FormSession.start(_template())
    text = session.prompt().text
    assert "6 dòng chỉ tiêu" in text and "Số thủ tục hành chính" in text, text
    step = session.answer("12")
    assert step.error is None, step.error
    assert "Dòng 1/6" in step.prompt.text and "(Thủ tục)" in step.prompt.text and "cột 2/3" in step.prompt.text
    session.answer("30")
    session.answer("-")
    assert session.answers["bang"][0]["cells"] == {"quy_iii_2024": 12, "luy_ke_tu_dau_nam": 30}
    assert "Dòng 2/6" in session.prompt().text


def _one_row_rendered(tmp_path: Path) -> Path:
    """The indicator draft with its first given row filled, rendered."""
    template = _template()
    session = FormSession.start(template)
    for text in ("12", "30", "-"):
        session.answer(text)
    return render_document(template, session.answers, None, tmp_path / "r.docx")


def test_the_forms_own_attached_to_line_is_printed_as_written_in_italics(tmp_path):
    out = _one_row_rendered(tmp_path)
    [para] = [p for p in docx.Document(str(out)).paragraphs if "Kèm theo Công văn số 1125" in p.text]
    assert para.text.startswith("(Kèm theo") and "của Sở Thông tin" in para.text  # not upper-cased
    assert all(run.italic for run in para.runs if run.text.strip()) and not any(run.bold for run in para.runs)


def test_a_mistyped_first_value_gets_the_number_error_and_its_row():
    session = FormSession.start(_template())
    step = session.answer("12oo")
    assert step.error and "không phải là một số" in step.error
    assert "Dòng 1/6" in step.prompt.text and "cột 1/3" in step.prompt.text
    assert session.answer("1200").error is None


def test_a_draft_without_widths_gets_columns_sized_by_what_they_hold(tmp_path):
    out = _one_row_rendered(tmp_path)
    [table] = [t for t in docx.Document(str(out)).tables if "Chỉ tiêu" in t.rows[0].cells[1].text]
    [row] = [r for r in table.rows if "Số hồ sơ tiếp nhận" in r.cells[1].text]
    stt, name, unit = (row.cells[i].width for i in range(3))
    assert name > 2 * unit and unit > stt, (stt, name, unit)  # the name widest, the row number narrowest
