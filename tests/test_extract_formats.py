"""The same dispatch in every file shape gives the same draft structure.

Each dev source (tests/data/form_dispatches/src/d*.src) is rebuilt by the data builder as .docx,
tab-separated .txt, column-aligned .txt and a text PDF; the column header paths, row groups and
outline codes must match the .docx draft (Word's merges and automatic numbers being the reference).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from forms.extract import extract_forms, validate

DATA = Path(__file__).parent / "data" / "form_dispatches"
_spec = importlib.util.spec_from_file_location("form_dispatch_build", DATA / "build.py")
builder = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(builder)  # type: ignore[union-attr]

# Dev sources whose tables cover: indicator rows, two- and three-level merges, total rows first and
# last, blank rows to fill, money indicator rows, A/I/1 row nesting, wrapped cells in PDF, a short
# parent centred over four wide columns (d16), parents over two, three and four columns side by side
# (d18), a wrapped parent over wrapped children with vertically centred neighbours (d19).
SOURCES = ["d01_stttt_cds_quy", "d02_snv_bienche", "d06_btttt_kinhphi", "d10_sct_xuatkhau", "d12_sldtbxh_vieclam",
           "d13_ubndx_hongheo", "d15_syt_kinhphi", "d16_snn_thuyloi", "d17_ctk_dieutra", "d18_pnv_cbccxa",
           "d19_skhcn_detai", "d20_bdt_chinhsach"]


def _structure(path: Path) -> list:
    out = []
    for draft in extract_forms(path):
        template = validate(draft)
        codes = [ref.code for ref in template.fields()]
        tables = []
        for ref in template.fields():
            spec = ref.field.table
            if spec is not None:
                tables.append(([tuple(c.header) + (c.label,) for c in spec.columns],
                               [(g.code, g.label) for g, _ in spec.all_groups()], spec.show_total))
        out.append((draft.section, codes, tables))
    return out


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, list]:
    out_dir = tmp_path_factory.mktemp("docx")
    return {name: _structure(builder.build(DATA / "src" / f"{name}.src", out_dir, "docx"))
            for name in SOURCES}


@pytest.mark.parametrize("fmt", ["txt-tab", "txt-aligned", "pdf"])
@pytest.mark.parametrize("name", SOURCES)
def test_same_structure_in_every_format(reference, tmp_path, name, fmt):
    path = builder.build(DATA / "src" / f"{name}.src", tmp_path, fmt)
    assert _structure(path) == reference[name]


def test_word_outline_numbers_match_printed_numbers(tmp_path):
    word = _structure(builder.build(DATA / "src" / "d09_ubndt_khcn.src", tmp_path, "docx"))
    text = _structure(builder.build(DATA / "src" / "d09_ubndt_khcn.src", tmp_path, "txt-tab"))
    assert word == text
    assert "II.2.b" in word[0][1]


def test_letter_and_roman_rows_nest():
    (draft,) = extract_forms(DATA / "d16_snn_thuyloi.docx")
    spec = validate(draft).field("bang").table
    assert [g.code for g, _ in spec.all_groups()] == ["A", "A.I", "A.I.1", "A.I.2", "A.II", "B"]
    assert spec.show_total is True
    paths = [tuple(c.header) + (c.label,) for c in spec.columns]
    assert ("Kinh phí", "Đã giải ngân", "Ngân sách huyện") in paths
