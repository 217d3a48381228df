"""forms.extract: dispatch files → draft templates (reading, attachments, outlines, tables, drafts).

Test data: tests/data/form_dispatches/ (built by its build.py from src/*.src; gold/*.json by hand).
Rules were written looking at the d* (dev) dispatches only; the h* (held-out) ones are used here
only for properties every draft must have (it loads through the loader), never for wording.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from forms.extract import ReadError, extract_blocks, extract_forms, mentioned_forms, read_blocks, validate
from forms.extract.attachments import name_of
from forms.extract.blocks import Grid, Para
from forms.extract.coltypes import infer_type
from forms.extract.outline import clean_title, parse_outline
from forms.extract.reading import read_text
from forms.extract.tables import analyze_table

DATA = Path(__file__).parent / "data" / "form_dispatches"
ALL_FILES = sorted(p for p in DATA.iterdir() if p.suffix in (".docx", ".txt", ".pdf"))


def _drafts(name: str):
    return {d.name: d for d in extract_forms(DATA / name)}


def _columns(draft, field_code: str = "bang"):
    template = validate(draft)
    return template.field(field_code).table.columns


def _paths(columns) -> list[tuple[str, ...]]:
    return [tuple(c.header) + (c.label,) for c in columns]


# --------------------------------------------------------------------------- reading


def test_word_table_merged_cells_give_a_three_level_header():
    grids = [b for b in read_blocks(DATA / "d06_btttt_kinhphi.docx") if isinstance(b, Grid)]
    assert len(grids) == 1
    grid = grids[0]
    # "Kế hoạch vốn năm 2024" spans three columns (gridSpan), "STT" three rows (vMerge)
    assert {grid.cells[0][c].origin for c in (4, 5, 6)} == {(0, 4)}
    assert {grid.cells[r][0].origin for r in (0, 1, 2)} == {(0, 0)}
    assert grid.row_texts(2)[5:7] == ["Vốn đầu tư", "Vốn sự nghiệp"]


def test_word_table_built_here_with_merges_reads_back(tmp_path):
    from docx import Document

    doc = Document()
    doc.add_paragraph("Biểu số 03")
    doc.add_paragraph("SỐ LIỆU THỬ NGHIỆM")
    table = doc.add_table(rows=3, cols=4)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "TT"
    table.cell(0, 1).merge(table.cell(1, 1)).text = "Đơn vị"
    table.cell(0, 2).merge(table.cell(0, 3)).text = "Kinh phí (triệu đồng)"
    table.cell(1, 2).text = "Dự toán"
    table.cell(1, 3).text = "Thực hiện"
    table.cell(2, 0).text = "1"
    table.cell(2, 1).text = "Văn phòng"
    path = tmp_path / "thu.docx"
    doc.save(path)
    (draft,) = extract_forms(path, dispatch="12/TEST")
    cols = _columns(draft)
    assert _paths(cols) == [("TT",), ("Đơn vị",), ("Kinh phí (triệu đồng)", "Dự toán"),
                            ("Kinh phí (triệu đồng)", "Thực hiện")]
    assert [c.type for c in cols[2:]] == ["money", "money"]


def test_word_automatic_numbering_is_read_as_printed():
    texts = [b.text for b in read_blocks(DATA / "d09_ubndt_khcn.docx") if isinstance(b, Para)]
    assert "II. Đánh giá chung" in texts
    assert "b) Nguyên nhân chủ quan" in texts
    assert "- Số nhiệm vụ mở mới trong năm" in texts


def test_tab_separated_two_level_header_is_inferred():
    text = "Biểu số 05\nKẾT QUẢ\nTT\tĐơn vị\tKết quả\t\tGhi chú\n\t\tĐạt\tChưa đạt\t\n1\tXã A\t\t\t\n"
    grid = next(b for b in read_text(text) if isinstance(b, Grid))
    table = analyze_table(grid)
    assert [c.path for c in table.columns] == [("TT",), ("Đơn vị",), ("Kết quả", "Đạt"), ("Kết quả", "Chưa đạt"),
                                               ("Ghi chú",)]


def test_aligned_text_table_columns():
    (draft,) = extract_forms(DATA / "d07_stc_taisan.txt")
    cols = _columns(draft)
    assert [c.label for c in cols] == ["STT", "Loại tài sản", "Số lượng (chiếc)", "Nguyên giá", "Giá trị còn lại",
                                       "Ngày đưa vào sử dụng", "Hiện trạng sử dụng"]
    assert [c.type for c in cols[1:]] == ["text", "integer", "money", "money", "date", "text"]


def test_text_pdf_wrapped_cells_and_two_level_header():
    drafts = _drafts("d12_sldtbxh_vieclam.pdf")
    (draft,) = drafts.values()
    template = validate(draft)
    spec = template.field("bang").table
    assert _paths(spec.columns)[3:5] == [("Năm 2024", "Kế hoạch"), ("Năm 2024", "Thực hiện")]
    given = {g.label: dict(g.cells) for g, _ in spec.all_groups()}  # fixed rows: the unit is a given cell
    assert list(given.values())[1:3] == [{"don_vi_tinh": "Người"}] * 2
    assert "Số người đi làm việc ở nước ngoài theo hợp đồng" in given
    assert "Số lao động được vay vốn giải quyết việc làm" in given


def test_unreadable_files_give_a_vietnamese_error(tmp_path):
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ReadError, match="Không đọc được"):
        extract_forms(bad)
    other = tmp_path / "a.xls"
    other.write_bytes(b"x")
    with pytest.raises(ReadError, match="Chưa hỗ trợ"):
        extract_forms(other)


# --------------------------------------------------------------------------- attachments


@pytest.mark.parametrize("line, name, rest", [
    ("Phụ lục I", "Phụ lục I", ""),
    ("PHỤ LỤC SỐ 02", "Phụ lục số 02", ""),
    ("Mẫu số 01", "Mẫu số 01", ""),
    ("Biểu số 02/BC", "Biểu số 02/BC", ""),
    ("BIỂU MẪU SỐ 3:", "Biểu mẫu số 3", ""),
    ("ĐỀ CƯƠNG BÁO CÁO", "Đề cương báo cáo", ""),
    ("Phụ lục II: ĐỀ CƯƠNG BÁO CÁO NĂM 2024", "Phụ lục II", "ĐỀ CƯƠNG BÁO CÁO NĂM 2024"),
    ("Biểu 2. Tình hình lao động", "Biểu 2", "Tình hình lao động"),
])
def test_attachment_name_lines(line, name, rest):
    assert name_of(line) == (name, rest)


@pytest.mark.parametrize("line", [
    "Báo cáo theo Mẫu số 01 kèm theo Công văn này.",
    "Mẫu số 01 kèm theo gửi về Sở trước ngày 15/10",
    "1. Phụ lục",
])
def test_mentions_in_sentences_are_not_attachments(line):
    assert name_of(line) is None


def test_several_attachments_with_compound_names_and_kem_theo():
    drafts = extract_forms(DATA / "d01_stttt_cds_quy.docx")
    assert [d.section for d in drafts] == ["Phụ lục I", "Phụ lục II › Biểu số 01"]
    assert all(d.dispatch == "1125/STTTT-CĐS" for d in drafts)
    table = drafts[1].data
    assert table["kind"] == "table" and table["status"] == "draft"
    assert table["heading"][1].startswith("(Kèm theo Công văn số 1125/STTTT-CĐS")


def test_a_dispatch_without_forms_gives_no_draft_but_names_what_it_mentions():
    blocks = read_text("BỘ X\nSố: 12/BX-VP\nĐề nghị báo cáo theo Mẫu số 01 kèm theo.\nNơi nhận:\n- Như trên;\n")
    assert extract_blocks(blocks) == []
    assert mentioned_forms(blocks) == ["Mẫu số 01"]


# --------------------------------------------------------------------------- outlines


def test_outline_nesting_help_and_optional():
    (draft,) = _drafts("d04_ubndh_dancu.txt").values()
    template = validate(draft)
    assert template.section("II.2.b").title == "Xây dựng gia đình văn hóa, thôn, khu dân cư văn hóa"
    dashes = [c for c in template.section("II.2.b").children]
    assert [f.label for f in dashes] == ["Số hộ gia đình được công nhận \"Gia đình văn hóa\"",
                                         "Số thôn, khu dân cư được công nhận danh hiệu văn hóa"]
    assert template.field("II.3").required is False  # "(nếu có)"
    assert template.field("V").required is False
    assert template.field("I").help.startswith("Khái quát đặc điểm")
    assert template.section("II").title == "Kết quả thực hiện"  # ALL CAPS → sentence


def test_parenthesised_guidance_becomes_help_and_part_headings_are_top_level():
    template = validate(_drafts("d01_stttt_cds_quy.docx")["Phụ lục I"])
    assert "thủ tục hành chính" in template.field("I.3.1").help
    assert template.field("I.4.b").required is False
    parts = validate(next(iter(_drafts("d11_ubndq_antt.txt").values())))
    assert [s.code for s in parts.sections] == ["I", "II", "III"]
    assert parts.section("II.2").title == "Phong trào toàn dân bảo vệ an ninh Tổ quốc"


def test_clean_title_rules():
    assert clean_title("ĐỀ XUẤT, KIẾN NGHỊ (nếu có)") == ("Đề xuất, kiến nghị", [], True)
    assert clean_title("Công tác kiểm tra: nêu số cuộc kiểm tra;") == ("Công tác kiểm tra", ["nêu số cuộc kiểm tra"], False)
    assert clean_title("Kết quả (ghi rõ số liệu)") == ("Kết quả", ["ghi rõ số liệu"], False)


def test_a_table_under_an_outline_item_becomes_that_items_table_field():
    template = validate(_drafts("d08_syt_tiemchung.docx")["Đề cương báo cáo"])
    field = template.field("2.1")
    assert field.type == "table" and field.label == "Kết quả tiêm chủng cho trẻ em dưới 1 tuổi"
    assert template.field("2.2").required is False


def test_unmatched_decimal_numbering_is_reported_not_hidden():
    issues: list[str] = []
    roots, _ = parse_outline([Para("1. Chung"), Para("2.1. Lạc số")], issues)
    assert roots[0].children[0].number == "2.1"
    assert issues and "2.1" in issues[0]


# --------------------------------------------------------------------------- tables


@pytest.mark.parametrize("path, unit, indicator, expected", [
    (("Tỷ lệ đạt chuẩn (%)",), None, False, "percent"),
    (("Kinh phí (triệu đồng)",), None, False, "money"),
    (("Kế hoạch vốn", "Tổng số"), "triệu đồng", False, "money"),
    (("Ngày ban hành",), None, False, "date"),
    (("Năm sinh",), None, False, "year"),
    (("Năm 2024",), None, True, "number"),
    (("Giải ngân đến 30/9/2024",), None, False, "text"),
    (("Số lượng",), None, False, "integer"),
    (("Số hiệu văn bản",), None, False, "text"),
    (("Quý I",), None, True, "number"),
    (("Ghi chú",), None, True, "text"),
    (("Thực hiện",), "tấn", False, "number"),
])
def test_column_types(path, unit, indicator, expected):
    assert infer_type(path, unit, indicator)[0] == expected


def test_indicator_table_fixed_rows_groups_and_column_numbers():
    draft = _drafts("d01_stttt_cds_quy.docx")["Biểu số 01"]
    spec = validate(draft).field("bang").table
    assert spec.column_numbers is True
    assert [(g.code, g.label) for g, _ in spec.all_groups()][:2] == [
        ("I", "Dịch vụ công trực tuyến"), ("I.1", "Số thủ tục hành chính cung cấp trực tuyến toàn trình")]
    assert spec.fixed_rows and dict(spec.group("I.1").cells) == {"don_vi_tinh": "Thủ tục"}
    assert len(spec.leaf_groups()) == 6
    assert [c.type for c in spec.columns[3:5]] == ["number", "number"]
    assert draft.summary == "Biểu số 01: 6 dòng chỉ tiêu × 2 cột số"
    fixed = draft.tables[0].fixed_rows
    assert fixed[1].cells == {"don_vi_tinh": "Hồ sơ"}


def test_total_rows_and_merged_total_label():
    drafts = _drafts("d10_sct_xuatkhau.docx")
    for name in ("Biểu 1", "Biểu 2"):
        spec = validate(drafts[name]).field("bang").table
        assert spec.show_total is True
        assert all("Cộng" not in g.label and "Tổng" not in g.label for g, _ in spec.all_groups())
    assert _paths(validate(drafts["Biểu 2"]).field("bang").table.columns)[3:5] == [
        ("Số lao động", "Tổng số"), ("Số lao động", "Trong đó: lao động nữ")]


def test_given_cells_other_than_units_are_reported():
    (draft,) = [d for d in extract_forms(DATA / "d02_snv_bienche.docx")]
    assert draft.issues == []
    blocks = read_text("Biểu số 09\nTHỬ\nTT\tTiêu chí\tYêu cầu\tKết quả\n1\tĐiện\t≥ 98%\t\n")
    (draft,) = extract_blocks(blocks, "1/X")
    assert any("Yêu cầu" in issue for issue in draft.issues)


# --------------------------------------------------------------------------- drafts


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_every_draft_loads_through_the_loader(path):
    drafts = extract_forms(path)
    assert drafts
    ids = [d.id for d in drafts]
    assert len(set(ids)) == len(ids)
    for draft in drafts:
        template = validate(draft)
        assert template.source.dispatch == draft.dispatch
        assert template.status == "draft" and draft.data["status"] == "draft"
        assert draft.summary.startswith(draft.name + ": ")


def test_yaml_export_round_trips_and_leads_with_issues():
    blocks = read_text("Biểu số 09\nTHỬ\nTT\tTiêu chí\tYêu cầu\tKết quả\n1\tĐiện\t≥ 98%\t\n")
    (draft,) = extract_blocks(blocks, "1/X")
    text = draft.to_yaml()
    assert text.splitlines()[1].startswith("# Cần xem lại:")
    assert yaml.safe_load(text) == draft.data


def test_outline_summary_counts_sections_and_questions():
    drafts = _drafts("d01_stttt_cds_quy.docx")
    assert drafts["Phụ lục I"].summary == "Phụ lục I: 3 mục, 8 câu hỏi"


def test_blank_numbered_rows_are_rows_to_fill_not_given_rows():
    (draft,) = extract_forms(DATA / "d13_ubndx_hongheo.txt")
    spec = validate(draft).field("bang").table
    assert spec.columns[0].computed == "tt"
    assert spec.groups == () and spec.min_rows == 1
    assert [c.type for c in spec.columns][-1] == "date"


def test_parts_hold_roman_sections():
    template = validate(extract_forms(DATA / "d14_snv_caicach.docx")[0])
    assert [s.code for s in template.sections] == ["I", "II"]
    assert template.section("I").title == "Kết quả thực hiện cải cách hành chính giai đoạn 2021-2025"
    assert template.section("I.II").title == "Kết quả thực hiện các nhiệm vụ"
    assert "đơn giản hóa" in template.field("I.II.2").help


def test_indicator_rows_all_in_money_make_a_money_table():
    template = validate(extract_forms(DATA / "d15_syt_kinhphi.docx")[0])
    field = template.field("2")
    assert field.type == "table"
    types = {c.label: (c.type, c.unit) for c in field.table.columns}
    assert types["Dự toán năm 2024"][0] == "money" and types["Số tiền"][0] == "money"
    assert types["Tỷ lệ so với dự toán (%)"] == ("number", "%")
    assert [g.code for g, _ in field.table.all_groups()] == ["1", "2", "2.1", "3"]
    assert template.field("1.1.2").label == "Chi không thường xuyên"


def test_cli_prints_summaries_writes_yaml_and_reports_missing_forms(tmp_path, capsys):
    import argparse

    from forms.extract.cli import register

    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(["extract-forms", str(DATA / "d06_btttt_kinhphi.docx"), "--out", str(tmp_path)])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert "Biểu số 02/BC: bảng 8 cột (5 cột số)" in out
    assert sorted(p.name for p in tmp_path.glob("*.yaml")) == ["bieu_so_02_bc_3378.yaml", "mau_so_01_3378.yaml"]
    plain = tmp_path / "cv.txt"
    plain.write_text("Số: 5/X-Y\nĐề nghị báo cáo theo Biểu số 02 kèm theo.\n", encoding="utf-8")
    args = parser.parse_args(["extract-forms", str(plain)])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert "Không tìm thấy biểu mẫu" in out and "Biểu số 02" in out


def test_layout_tables_blanks_and_signature_block():
    (draft,) = extract_forms(DATA / "d17_ctk_dieutra.docx")
    assert draft.dispatch == "812/CTK-TKXH"  # "Số: …" read from the head table
    template = validate(draft)
    assert template.kind == "table"
    assert template.field("don_vi_bao_cao").type == "text"
    assert "Đơn vị báo cáo: {don_vi_bao_cao}" in template.heading
    assert [f.code for f in (r.field for r in template.fields()) if f.type == "table"] == ["bang"]
    assert any("chữ ký" in issue for issue in draft.issues)
    assert draft.summary == "Biểu 01/ĐSDC: 1 ô cần điền; 3 dòng chỉ tiêu × 2 cột số — 1 điểm cần xem lại"
