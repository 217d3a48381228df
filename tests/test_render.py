"""The .docx renderer: every template renders, reads back with every answer, and follows
docx-format.md (A4, margins, fonts in four slots, landscape Biểu, merged headers, subtotals,
repeating header rows, page numbers); bad input is cleaned or refused clearly; LibreOffice opens
every generated file."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm

from bot.cli import main as baocao
from forms.answers import AnswersError
from forms.loader import registry
from forms.render import MissingFieldsError, render_document
from forms.render.head import vn_date
from forms.render.signing import number_text
from forms.render.samples import sample_answers

PROFILE = {
    "co_quan_chu_quan": "UBND tỉnh Bắc Ninh",
    "co_quan": "Sở Thông tin và Truyền thông",
    "so_ky_hieu": "STTTT",
    "dia_danh": "Bắc Ninh",
    "nguoi_ky": "Nguyễn Văn A",
    "chuc_vu": "Phó Giám đốc",
    "tham_quyen": "KT",
    "ky_thay": "Giám đốc",
    "noi_nhan": ["UBND tỉnh (để b/c)", "Bộ Thông tin và Truyền thông", "Lưu: VT, CNTT"],
}
DATE = dt.date(2025, 3, 5)
TEMPLATES = registry().all()


def _texts(path: Path) -> list[str]:
    """Every paragraph's text in the body (tables included), in order."""
    body = Document(str(path)).element.body
    def text(p) -> str:  # a line break separates words like a space; a no-break space is a space
        return "".join(" " if el.tag == qn("w:br") else el.text or "" for el in p.iter(qn("w:t"), qn("w:br")))

    return [text(p).replace("\u00a0", " ") for p in body.iter(qn("w:p"))]


def pdf_text(pdf: Path, last_page: int | None = None) -> str:
    """The PDF's text in reading order, by poppler's ``pdftotext -layout``."""
    pages = ["-l", str(last_page)] if last_page else []
    proc = subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"], capture_output=True, text=True,
                          timeout=60, check=True)
    return proc.stdout


def _fold(s: str) -> str:
    return " ".join(s.split()).casefold()


def _expected_strings(template, answers) -> list[str]:
    """Independent of the renderer: how each stored answer must appear in the document."""
    def fmt(kind, value):
        if kind in ("text", "longtext", "period", "choice"):
            return [line.strip() for line in str(value).split("\n") if line.strip()]
        if kind in ("integer", "year"):
            return [str(value)]
        if kind == "money":
            return [f"{value:,}".replace(",", ".")] if float(value).is_integer() else []
        if kind == "date":
            y, m, d = value.split("-")
            return [f"{int(d)}/{int(m)}/{y}"]
        if kind == "month":
            y, m = value.split("-")
            return [f"{int(m)}/{y}"]
        if kind == "yesno":
            return ["Có" if value else "Không"]
        return [str(value)]

    out: list[str] = []

    def add(field, value):
        if field.type == "table":
            for row in value:
                for cid, cell in row["cells"].items():
                    out.extend(fmt(field.table.column(cid).type, cell))
        else:
            out.extend(fmt(field.type, value))

    for ref in template.fields():
        if ref.repeat is None:
            add(ref.field, answers[ref.code])
        else:
            for instance in answers[ref.repeat.code]:
                add(ref.field, instance[ref.code])
    return out


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, tuple[Path, dict]]:
    out_dir = tmp_path_factory.mktemp("docx")
    result = {}
    for t in TEMPLATES:
        answers = sample_answers(t)
        path = render_document(t, answers, PROFILE, out_dir / f"{t.id}.docx", report_date=DATE, number="125")
        result[t.id] = (path, answers)
    return result


@pytest.mark.parametrize("tid", [t.id for t in TEMPLATES])
def test_every_answer_is_in_the_document(rendered, tid):
    path, answers = rendered[tid]
    template = registry().get(tid)
    text = _fold("\n".join(_texts(path)))
    for expected in _expected_strings(template, answers):
        assert _fold(expected) in text, f"{tid}: {expected!r} not found"
    assert "none" not in text.split()
    assert "Bắc Ninh, ngày 05 tháng 3 năm 2025".casefold() in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".casefold() in text
    assert "Độc lập - Tự do - Hạnh phúc".casefold() in text


@pytest.mark.parametrize("tid", [t.id for t in TEMPLATES])
def test_page_setup_and_fonts(rendered, tid):
    path, _ = rendered[tid]
    doc = Document(str(path))
    landscape = registry().get(tid).orientation == "landscape"
    for section in doc.sections:
        w, h = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
        assert abs(section.page_width - w) < Mm(0.5) and abs(section.page_height - h) < Mm(0.5)
        assert section.orientation == (WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT)
        for value, mm in ((section.top_margin, 25), (section.bottom_margin, 20),
                          (section.left_margin, 35), (section.right_margin, 20)):
            assert abs(value - Mm(mm)) < Mm(0.2)
        # page number: PAGE field in the header, none on page 1 (titlePg)
        assert section.different_first_page_header_footer
        header_xml = section.header._element.xml
        assert "PAGE" in header_xml and "fldChar" in header_xml
        assert "PAGE" not in section.first_page_header._element.xml
    # Times New Roman in all four slots, no theme fonts, in styles and in every run
    slots = [qn("w:ascii"), qn("w:hAnsi"), qn("w:cs"), qn("w:eastAsia")]
    themes = [qn(a) for a in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")]
    for root in (doc.styles.element, doc.element.body):
        fonts = list(root.iter(qn("w:rFonts")))
        assert fonts
        for rf in fonts:
            assert all(rf.get(s) == "Times New Roman" for s in slots), rf.attrib
            assert not any(rf.get(t) for t in themes)
    default_rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert default_rpr.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"
    runs = [r for r in doc.element.body.iter(qn("w:r")) if r.find(qn("w:t")) is not None]
    assert runs
    for r in runs:
        rpr = r.find(qn("w:rPr"))
        assert rpr is not None and rpr.find(qn("w:rFonts")) is not None
        assert rpr.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"


def _data_table(path: Path):
    for table in Document(str(path)).tables:
        if any("Nguồn vốn" in c.text for c in table.rows[0].cells):
            return table
    raise AssertionError("no Biểu table")


def _row_tcs(tr):
    out = []
    for tc in tr.findall(qn("w:tc")):
        pr = tc.find(qn("w:tcPr"))
        span = pr.find(qn("w:gridSpan")) if pr is not None else None
        vm = pr.find(qn("w:vMerge")) if pr is not None else None
        out.append(("".join(t.text for t in tc.iter(qn("w:t"))),
                    int(span.get(qn("w:val"))) if span is not None else 1,
                    None if vm is None else (vm.get(qn("w:val")) or "continue")))
    return out


@pytest.mark.parametrize("tid", ["bieu01", "bieu04"])
def test_bieu_merged_header(rendered, tid):
    table = _data_table(rendered[tid][0])
    trs = table._tbl.findall(qn("w:tr"))
    row0, row1, row2, row3 = (_row_tcs(tr) for tr in trs[:4])
    assert ("Nguồn vốn", 4, None) in row0
    assert row0[0] == ("TT", 1, "restart") and row0[-1] == ("Ghi chú", 1, "restart")
    assert [c for c in row1 if c[0] in ("NSTW", "NSĐP")] == [("NSTW", 2, None), ("NSĐP", 2, None)]
    assert row1[0] == ("", 1, "continue") and row2[0] == ("", 1, "continue")
    assert [c[0] for c in row2[-5:]] == ["Đầu tư", "Sự nghiệp", "Đầu tư", "Sự nghiệp", ""]
    assert [c[0] for c in row3] == [f"({i})" for i in range(1, 14)]
    for tr in trs[:4]:  # header rows and the numbers row repeat on each page
        assert tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    assert trs[4].find(qn("w:trPr")).find(qn("w:tblHeader")) is None
    assert sum(c[1] for c in row0) == 13


def test_bieu04_subtotals_and_total(tmp_path):
    t = registry().get("bieu04")
    rows = [
        {"group": "I.1", "cells": {"du_an": "Trung tâm điều hành", "tong_muc": 18000, "nstw_dt": 15000, "nsdp_dt": 3000}},
        {"group": "I.1", "cells": {"du_an": "Quản lý văn bản", "tong_muc": 7500, "nstw_dt": 5000, "nsdp_dt": 2500}},
        {"group": "I.2", "cells": {"du_an": "Trung tâm dữ liệu", "tong_muc": 8000, "nsdp_dt": 8000}},
        {"group": "II.1", "cells": {"du_an": "Thuê máy chủ", "tong_muc": 1234.5, "nstw_sn": 1000, "nsdp_sn": 234.5}},
        {"group": "II.2", "cells": {"du_an": "Dòng số 0", "tong_muc": 0}},
    ]
    path = render_document(t, {"nam": 2025, "bang": rows}, PROFILE, tmp_path / "b.docx", report_date=DATE)
    table = _data_table(path)
    # the last row is the signature (one borderless cell across the table, kept with the total)
    signature = table.rows[-1]
    assert len({id(c._tc) for c in signature.cells}) == 1 and "Nguyễn Văn A" in signature.cells[0].text
    body = [[c.text for c in r.cells] for r in table.rows[4:-1]]
    by_tt = {}
    for r in body:
        by_tt.setdefault(r[0], []).append(r)
    # columns: 7 tong_muc, 8 nstw_dt, 9 nstw_sn, 10 nsdp_dt, 11 nsdp_sn
    first_i = body[0]
    # empty sums stay blank (as in the reference table); a typed 0 in an item row prints "0"
    assert first_i[0] == "I" and first_i[7:12] == ["33.500", "20.000", "", "13.500", ""]
    assert body[1][0] == "1" and body[1][1] == "Dự án ứng dụng CNTT" and body[1][7:12] == ["25.500", "20.000", "", "5.500", ""]
    assert [r[0] for r in body[2:4]] == ["1.1", "1.2"] and body[2][7] == "18.000"
    assert body[4][0] == "2" and body[4][7] == "8.000" and body[5][0] == "2.1"
    assert next(r for r in body if r[1] == "Dòng số 0")[7] == "0"
    ii = next(r for r in body if r[0] == "II")
    assert ii[7:12] == ["1.234,5", "", "1.000", "", "234,5"]
    assert next(r for r in body if r[1] == "Dự án Công nghiệp CNTT")[7:12] == ["", "", "", "", ""]
    total = body[-1]
    assert total[1] == "TỔNG CỘNG" and total[7:12] == ["34.734,5", "20.000", "1.000", "13.500", "234,5"]
    assert "2025" in " ".join(_texts(path))  # "Mỗi năm lập một biểu": the year is in the title
    # group rows bold, sub-groups bold italic, total bold
    def fmt(row_idx, col):
        r = table.rows[4 + row_idx].cells[col].paragraphs[0].runs[0]
        return bool(r.bold), bool(r.italic)
    assert fmt(0, 1) == (True, False) and fmt(1, 1) == (True, True) and fmt(len(body) - 1, 1) == (True, False)
    borders = signature.cells[0]._tc.tcPr.find(qn("w:tcBorders"))
    assert {b.tag.split("}")[1]: b.get(qn("w:val")) for b in borders} == {"left": "nil", "bottom": "nil", "right": "nil"}
    assert table.rows[4 + 2].cells[7].paragraphs[0].alignment == 2  # money right-aligned


def test_head_date_and_number_rules():
    assert vn_date("Hà Nội", dt.date(2025, 1, 5)) == "Hà Nội, ngày 05 tháng 01 năm 2025"
    assert vn_date("Hà Nội", dt.date(2025, 2, 15)) == "Hà Nội, ngày 15 tháng 02 năm 2025"
    assert vn_date("Bắc Ninh", dt.date(2025, 11, 25)) == "Bắc Ninh, ngày 25 tháng 11 năm 2025"
    assert number_text("7", "BC", "STTTT") == "Số: 07/BC-STTTT"
    assert number_text("125", "BC", "STTTT") == "Số: 125/BC-STTTT"


def test_report_layout_noi_nhan_signature_and_ending(rendered):
    path, _ = rendered["pl1"]
    texts = [t for t in _texts(path) if t.strip()]
    assert "BÁO CÁO" in texts
    assert "Số: 125/BC-STTTT" in texts
    assert "I. THỰC TRẠNG THỰC HIỆN CÁC MỤC TIÊU, NHIỆM VỤ CHƯƠNG TRÌNH" in texts
    assert any(t.startswith("2.1. Tình hình thực hiện") for t in texts)
    idx = texts.index("Nơi nhận:")
    assert texts[idx + 1:idx + 4] == ["- Bộ Thông tin và Truyền thông;", "- UBND tỉnh (để b/c);", "- Lưu: VT, CNTT."]
    assert texts[idx - 1].endswith("./.")
    assert "KT. GIÁM ĐỐC" in texts and "PHÓ GIÁM ĐỐC" in texts and texts[-1] == "Nguyễn Văn A"
    doc = Document(str(path))
    head = doc.tables[0]
    assert head.cell(0, 0).paragraphs[0].text == "UBND TỈNH BẮC NINH"
    assert head.cell(0, 0).paragraphs[1].runs[0].bold and not head.cell(0, 0).paragraphs[0].runs[0].bold
    assert head.cell(1, 1).paragraphs[0].runs[0].italic
    borders = head._tbl.tblPr.find(qn("w:tblBorders"))
    assert all(b.get(qn("w:val")) == "nil" for b in borders)


def test_optional_fields_left_out_cleanly(tmp_path):
    t = registry().get("mau2")
    answers = sample_answers(t, instances=1)
    for code in ("I.4", "III.3"):
        del answers["HTTT"][0][code]
    answers["HTTT"][0]["I.9"] = None
    with pytest.raises(MissingFieldsError, match="I.9"):
        render_document(t, answers, PROFILE, tmp_path / "m.docx")
    answers["HTTT"][0]["I.9"] = "Ngân sách trung ương"
    path = render_document(t, answers, PROFILE, tmp_path / "m.docx")
    text = "\n".join(_texts(path))
    assert "Quyết định phê duyệt" not in text and "Cơ quan phối hợp" not in text
    assert "None" not in text
    # a single instance gets no "Hệ thống thông tin 1" heading; sections keep their numbering
    assert "HỆ THỐNG THÔNG TIN 1" not in text and "IV. KIẾN NGHỊ, ĐỀ XUẤT" in text
    pl2 = registry().get("pl2")
    a2 = sample_answers(pl2)
    del a2["III.3.3"], a2["III.8"]
    text2 = "\n".join(_texts(render_document(pl2, a2, PROFILE, tmp_path / "p.docx")))
    assert "3.3." not in text2 and "8. Kiến nghị" not in text2 and "3.2. Các nội dung" in text2


def test_missing_required_and_bad_answers_refused(tmp_path):
    t = registry().get("bieu04")
    with pytest.raises(MissingFieldsError) as info:
        render_document(t, {"nam": 2019}, PROFILE, tmp_path / "x.docx")
    assert info.value.missing == [("bang", "Danh mục dự án, nhiệm vụ")]
    assert str(info.value).startswith("Chưa thể xuất báo cáo")
    with pytest.raises(AnswersError, match="không có trong mẫu"):
        render_document(t, {"nam": 2019, "bang": [], "abc": 1}, PROFILE, tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()


def test_huge_answer_control_chars_and_emoji(tmp_path):
    t = registry().get("mau2")
    answers = sample_answers(t, instances=1)
    words = ("Hệ thống thông tin quản lý văn bản điều hành " * 3000)[:100_000]
    answers["HTTT"][0]["I.5"] = words
    answers["HTTT"][0]["I.1"] = "Hệ\x00 thống\x07 🚀 quản lý\x1f văn bản \ud83d😀"
    answers["HTTT"][0]["I.2"] = "Sở\x0b TTTT\x0c"
    path = render_document(t, answers, {**PROFILE, "co_quan": "Sở\x08 TT&TT <Bắc Ninh>"}, tmp_path / "h.docx")
    texts = _texts(path)
    assert max(len(x) for x in texts) >= 99_000
    assert "".join(texts).count("Hệ thống thông tin quản lý") >= 2000
    assert any("Hệ thống 🚀 quản lý văn bản 😀" in x for x in texts)
    assert any("Sở TTTT" in x for x in texts)
    assert any("SỞ TT&TT <BẮC NINH>" in x for x in texts)


def test_default_from_profile_and_repeat_headings(tmp_path):
    t = registry().get("mau1")
    answers = sample_answers(t)
    del answers["ten_bo_nganh"]
    text = "\n".join(_texts(render_document(t, answers, PROFILE, tmp_path / "m1.docx")))
    assert "Tên Bộ, ngành: Sở Thông tin và Truyền thông" in text
    m2 = registry().get("mau2")
    a = sample_answers(m2, instances=2)
    text = "\n".join(_texts(render_document(m2, a, PROFILE, tmp_path / "m2.docx")))
    assert f"HỆ THỐNG THÔNG TIN 2: {a['HTTT'][1]['I.1'].upper()}" in text


def test_cli_lists_shows_and_fills(tmp_path, capsys):
    assert baocao(["templates", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    # forms a dispatch says it attaches but nobody has sent are listed too, with status "missing" and no id
    assert {x["id"] for x in listed if x["status"] != "missing"} == {t.id for t in TEMPLATES}
    assert all(x["id"] is None for x in listed if x["status"] == "missing")
    assert baocao(["template", "show", "biểu 4", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["id"] == "bieu04" and "bang" in shown["answers_skeleton"]
    assert baocao(["template", "show", "mau2"]) == 0
    assert "HTTT" in capsys.readouterr().out
    answers = {"nam": "2019", "bang": [{"group": "I.1", "cells": {"du_an": "LGSP", "tong_muc": "1,5 tỷ", "nstw_dt": "1.000"}}]}
    (tmp_path / "a.json").write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "p.json").write_text(json.dumps(PROFILE, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "r.docx"
    code = baocao(["fill", "bieu04", "--answers", str(tmp_path / "a.json"), "--profile", str(tmp_path / "p.json"),
                   "--out", str(out), "--number", "7", "--date", "2025-01-05"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    text = "\n".join(_texts(out))
    assert "1.500" in text and "Số: 07/BC-STTTT" in text and "ngày 05 tháng 01 năm 2025" in text
    assert "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC" in text and "THỦ TRƯỞNG ĐƠN VỊ" not in text  # ky_thay from --profile
    (tmp_path / "bad.json").write_text('{"nam": 2019, "bang": [], "xyz": 1}', encoding="utf-8")
    assert baocao(["fill", "bieu04", "--answers", str(tmp_path / "bad.json"), "--out", str(tmp_path / "b.docx")]) == 1
    assert "“xyz”" in capsys.readouterr().err
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(SystemExit, match="không phải JSON"):
        baocao(["fill", "bieu04", "--answers", str(tmp_path / "broken.json"), "--out", str(tmp_path / "b.docx")])


def test_libreoffice_converts_every_document(rendered, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is required: scripts/install-system-deps.sh installs it"
    docs = [path for path, _ in rendered.values()]
    profile_dir = tmp_path / f"lo-{uuid.uuid4().hex}"  # own profile: concurrent conversions lose PDFs
    out_dir = tmp_path / "pdf"
    proc = subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{profile_dir}",
         "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, docs)],
        capture_output=True, text=True, timeout=240, env={**os.environ, "HOME": str(tmp_path)},
    )
    assert proc.returncode == 0, proc.stderr
    for path in docs:
        pdf = out_dir / (path.stem + ".pdf")
        assert pdf.exists() and pdf.stat().st_size > 1000, f"{pdf.name} missing: {proc.stdout} {proc.stderr}"
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
        w, h = float(size.group(1)), float(size.group(2))
        landscape = registry().get(path.stem).orientation == "landscape"
        assert (w > h) == landscape
        assert abs(min(w, h) - 595.3) < 2 and abs(max(w, h) - 841.9) < 2  # A4 in points
        first = pdf_text(pdf, last_page=1)  # poppler's reading order, not a PDF library's
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
        assert "Độc lập - Tự do - Hạnh phúc" in first and "Bắc Ninh, ngày 05 tháng 3 năm 2025" in first
