"""The page-1 picture and the PDF as LibreOffice prints it: text read by poppler's ``pdftotext``
(reading order does not depend on a PDF library's version), fonts with full Vietnamese coverage (no
glyph taken from a fallback font), and no picture at all, without error, when LibreOffice is absent."""

from __future__ import annotations

import datetime as dt
import shutil
import struct
import subprocess

import pytest

from forms.loader import registry
from forms.render import render_document
from forms.render.preview import preview_png, to_pdf

PROFILE = {
    "co_quan_chu_quan": "UBND tỉnh Hậu Giang", "co_quan": "Sở Thông tin và Truyền thông", "so_ky_hieu": "STTTT",
    "dia_danh": "Hậu Giang", "nguoi_ky": "Nguyễn Phước Tiến", "chuc_vu": "Phó Giám đốc", "tham_quyen": "KT",
    "ky_thay": "Giám đốc", "noi_nhan": ["UBND tỉnh (để b/c)", "Luu: VT, CNTT"],
}
needs_lo = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftoppm") and shutil.which("pdftotext")),
                              reason="LibreOffice/poppler not installed: scripts/install-system-deps.sh")


def _notice(tmp_path):
    template = registry().get("tb1485")
    return render_document(template, {"thang": "2025-02"}, PROFILE, tmp_path / "tb.docx",
                           now=dt.datetime(2025, 3, 4, 23, 30, tzinfo=dt.timezone.utc))


def _pdftotext(pdf) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True,
                          timeout=60).stdout


@needs_lo
def test_notice_pdf_text_and_fonts(tmp_path):
    pdf = to_pdf(_notice(tmp_path), tmp_path / "pdf")
    assert pdf is not None
    lines = [" ".join(line.split()) for line in _pdftotext(pdf).splitlines() if line.strip()]
    text = "\n".join(lines)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "Hậu Giang, ngày 05 tháng 3 năm 2025" in text
    assert "Số: /TB-STTTT" in text
    assert "Kính gửi: Cục Ứng dụng CNTT - Bộ Thông tin và Truyền thông." in text
    assert "Báo cáo của Sở Thông tin và Truyền thông giống tháng 2/2025./." in text
    assert "thư điện tử" not in text and "A. Tiến" not in text
    assert text.count("Lưu: VT") == 1 and "Luu" not in text
    assert any(line.endswith("KT. GIÁM ĐỐC") for line in lines)
    assert any(line.endswith("PHÓ GIÁM ĐỐC") for line in lines)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    names = [row.split()[0] for row in fonts.splitlines()[2:] if row.strip()]
    assert names
    # every glyph from the Times New Roman stand-in: a font lacking Vietnamese letters makes
    # LibreOffice take them from another family (DejaVu...), which would be listed here
    assert all("+LiberationSerif" in n or "TimesNewRoman" in n for n in names), names


@needs_lo
def test_preview_png_is_page_one(tmp_path):
    png = preview_png(_notice(tmp_path), tmp_path / "out" / "page1.png")
    assert png == tmp_path / "out" / "page1.png"
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == pytest.approx((661, 935), abs=3)  # A4 portrait at 80 dpi
    assert len(data) > 5000  # not a blank page


def test_preview_without_libreoffice_is_none(tmp_path, monkeypatch):
    docx = _notice(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert preview_png(docx) is None
    assert to_pdf(docx, tmp_path) is None
    assert not list(tmp_path.glob("*.png"))


def _session_answers() -> dict[str, dict]:
    """A scripted session's answers: Biểu 04 with 10 rows, Mẫu 2, the notice, Phụ lục 2."""
    para = ("Sở đã triển khai hệ thống tới 100% cơ quan chuyên môn cấp tỉnh và Ủy ban nhân dân cấp huyện.\n"
            "Việc liên thông gửi, nhận văn bản với Trục liên thông văn bản quốc gia được duy trì ổn định.")
    mau2 = registry().get("mau2")
    one = {ref.code: (para if ref.field.type == "longtext" else f"Nội dung {ref.code}") for ref in mau2.fields()}
    pl2 = {ref.code: para for ref in registry().get("pl2").fields()}
    groups = [g.code for g in registry().get("bieu04").field("bang").table.leaf_groups()]
    rows = [{"group": groups[i % len(groups)], "cells": {"du_an": f"Dự án chuyển đổi số số {i + 1}",
                                                         "tong_muc": 1000 * (i + 1), "nstw_dt": 500}}
            for i in range(10)]
    return {"bieu04": {"nam": 2019, "bang": rows}, "mau2": {"HTTT": [one]}, "tb1485": {"thang": "2025-02"},
            "pl2": pl2}


@needs_lo
def test_scripted_session_documents_as_pdf(tmp_path):
    profile = {**PROFILE, "so_ky_hieu": "BC-STTTT"}  # an old profile's symbol
    now = dt.datetime(2025, 3, 4, 23, 30, tzinfo=dt.timezone.utc)
    texts = {}
    for tid, answers in _session_answers().items():
        number = "125" if tid == "bieu04" else None
        docx = render_document(registry().get(tid), answers, profile, tmp_path / f"{tid}.docx", now=now, number=number)
        pdf = to_pdf(docx, tmp_path / "pdf")
        assert pdf is not None
        texts[tid] = "\n".join(" ".join(line.split()) for line in _pdftotext(pdf).splitlines() if line.strip())
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert all("+LiberationSerif" in row.split()[0] for row in fonts.splitlines()[2:] if row.strip()), fonts
    for tid, text in texts.items():
        assert "Hậu Giang, ngày 05 tháng 3 năm 2025" in text, tid
        assert "KT. GIÁM ĐỐC" in text and "PHÓ GIÁM ĐỐC" in text and "Nguyễn Phước Tiến" in text, tid
        assert "BC-BC" not in text and "TB-BC" not in text and "THỦ TRƯỞNG" not in text, tid
    assert "Số: 125/BC-STTTT" in texts["bieu04"] and "TỔNG CỘNG" in texts["bieu04"]
    assert "(Kèm theo Báo cáo số 125/BC-STTTT ngày 05 tháng 3 năm 2025 của Sở Thông tin và Truyền thông)" in texts["bieu04"]
    assert "Số: /BC-STTTT" in texts["mau2"] and "Số: /BC-STTTT" in texts["pl2"]
    assert "Số: /TB-STTTT" in texts["tb1485"]
    for tid in ("mau2", "pl2", "tb1485"):
        assert texts[tid].count("Lưu: VT, CNTT.") == 1 and "Luu" not in texts[tid], tid


@needs_lo
@pytest.mark.parametrize("n_rows", [14, 22])
def test_page_flow_in_libreoffice(tmp_path, n_rows):
    """A row count where the signature used to land alone on the last page (14) and one where the
    page break falls inside the items (22): the last page holds items, TỔNG CỘNG and the signature;
    no page ends with a group row."""
    template = registry().get("bieu04")
    groups = template.field("bang").table.leaf_groups()
    rows = [{"group": groups[i % 3].code, "cells": {"du_an": f"Hạng mục số {i + 1}", "tong_muc": 100 + i}}
            for i in range(n_rows)]
    profile = {**PROFILE, "chuc_vu": "Giám đốc", "tham_quyen": "", "ky_thay": ""}
    docx = render_document(template, {"nam": 2019, "bang": rows}, profile, tmp_path / "b.docx",
                           report_date=dt.date(2025, 3, 5))
    pdf = to_pdf(docx, tmp_path)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    assert pages >= 2
    for page in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        first_cells = [line.split()[0] for line in text.splitlines() if line.strip()]
        row_ids = [c for c in first_cells if c.replace(".", "").isdigit() or c in ("I", "II", "III")]
        if page < pages:
            assert "." in row_ids[-1], f"page {page} ends with group row {row_ids[-1]}"
        else:
            assert "TỔNG CỘNG" in text and "Nguyễn Phước Tiến" in text
            assert sum("Hạng mục số" in line for line in text.splitlines()) >= 2
