"""A document the head of unit signs without retyping (issue 9), read back from the .docx:
the signing block for each authority of NĐ 30/2020, the "Số" line per template kind, the date in
Vietnam time, the notice's Kính gửi and Nơi nhận, recipients never doubled, and the page-flow marks
(keep-with-next) that stop a group row or TỔNG CỘNG from standing alone on a page."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from docx import Document
from docx.oxml.ns import qn

from forms.loader import registry
from forms.render import render_document
from forms.render.lines import break_lines, estimate_width_cm
from forms.render.samples import sample_answers
from forms.render.signing import DOC_NAMES

NBSP = "\u00a0"
BASE = {
    "co_quan_chu_quan": "UBND tỉnh Hậu Giang",
    "co_quan": "Sở Thông tin và Truyền thông",
    "so_ky_hieu": "STTTT",
    "dia_danh": "Hậu Giang",
    "nguoi_ky": "Nguyễn Phước Tiến",
    "noi_nhan": ["UBND tỉnh (để b/c)", "Giám đốc, các PGĐ Sở"],
}
DATE = dt.date(2025, 3, 5)


def _paragraphs(path) -> list[str]:
    body = Document(str(path)).element.body
    out = []
    for p in body.iter(qn("w:p")):
        parts = []
        for el in p.iter(qn("w:t"), qn("w:br")):
            parts.append("\n" if el.tag == qn("w:br") else el.text or "")
        out.append("".join(parts).replace(NBSP, " "))
    return out


def _signature(path) -> tuple[list[str], str]:
    """(title lines, signer) read back: the capitalised lines just above the last name."""
    texts = [t for t in _paragraphs(path) if t.strip()]
    name = texts[-1]
    lines = []
    for text in reversed(texts[:-1]):
        if text != text.upper() or text.startswith("-") or not any(ch.isalpha() for ch in text):
            break
        lines.insert(0, text)
    return lines, name


def _render(tmp_path, tid, profile, *, answers=None, name="d", **kw):
    template = registry().get(tid)
    answers = answers if answers is not None else sample_answers(template, instances=1)
    kw.setdefault("report_date", DATE)
    return render_document(template, answers, profile, tmp_path / f"{name}.docx", **kw)


AUTHORITIES = [  # (chuc_vu, tham_quyen, ky_thay) → printed lines
    (("Giám đốc", "", ""), ["GIÁM ĐỐC"]),
    (("Phó Giám đốc", "KT", "Giám đốc"), ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]),
    (("Chủ tịch", "TM", "Ủy ban nhân dân"), ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    (("Phó Chủ tịch", "TM", "Ủy ban nhân dân"), ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    (("Chánh Văn phòng", "TL", "Giám đốc"), ["TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"]),
    (("Trưởng phòng Kế hoạch - Tài chính", "TUQ", "Giám đốc"), ["TUQ. GIÁM ĐỐC", "TRƯỞNG PHÒNG KẾ HOẠCH - TÀI CHÍNH"]),
    (("Phó Giám đốc", "Q", "Giám đốc"), ["Q. GIÁM ĐỐC"]),
    # typed the way people type: words instead of codes, dots, a deputy without a capacity
    (("Phó Trưởng ban", "ký thay", "Trưởng ban"), ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]),
    (("Phó Giám đốc", "kt.", ""), ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]),
    (("Phó Giám đốc", "", ""), ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]),
    (("PHÓ CHÁNH THANH TRA", "", ""), ["KT. CHÁNH THANH TRA", "PHÓ CHÁNH THANH TRA"]),
    (("Chủ tịch", "T.M.", "Hội đồng nhân dân"), ["TM. HỘI ĐỒNG NHÂN DÂN", "CHỦ TỊCH"]),
    (("Chánh Văn phòng", "Thừa lệnh", "KT. Giám đốc"), ["TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"]),
    # an old profile: both lines in chuc_vu
    (("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "", ""), ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]),
    (("TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG", "", ""), ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]),
]


@pytest.mark.parametrize("tid", ["pl1", "tb1485", "bieu04", "tm_csdl"])
@pytest.mark.parametrize("fields,expected", AUTHORITIES, ids=[f"{a[0][1] or 'head'}-{i}" for i, a in enumerate(AUTHORITIES)])
def test_signing_block_for_each_authority(tmp_path, tid, fields, expected):
    chuc_vu, tham_quyen, ky_thay = fields
    profile = {**BASE, "chuc_vu": chuc_vu, "tham_quyen": tham_quyen, "ky_thay": ky_thay}
    lines, name = _signature(_render(tmp_path, tid, profile))
    assert lines == expected
    assert name == "Nguyễn Phước Tiến"


def test_bieu_signs_with_the_real_title_and_falls_back_without_one(tmp_path):
    profile = {**BASE, "chuc_vu": "Giám đốc"}
    lines, _ = _signature(_render(tmp_path, "bieu04", profile, name="a"))
    assert lines == ["GIÁM ĐỐC"]
    assert "THỦ TRƯỞNG ĐƠN VỊ" not in "\n".join(_paragraphs(tmp_path / "a.docx"))
    lines, _ = _signature(_render(tmp_path, "bieu04", BASE, name="b"))
    assert lines == ["THỦ TRƯỞNG ĐƠN VỊ"]  # the template's placeholder only when the profile has no title


def test_a_profile_object_with_attributes_is_accepted(tmp_path):
    class Row:  # like the storage model: attributes, not a mapping
        def __init__(self, **kw):
            self.__dict__.update(kw)

    profile = Row(**BASE, chuc_vu="Phó Giám đốc", tham_quyen="KT", ky_thay="Giám đốc", user_id=7)
    lines, _ = _signature(_render(tmp_path, "pl1", profile))
    assert lines == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]


def _number_line(path) -> str:
    head = Document(str(path)).tables[0]
    return head.cell(1, 0).text.replace(NBSP, " ")


@pytest.mark.parametrize("template", registry().all(), ids=lambda t: t.id)
def test_so_line_per_template_kind(tmp_path, template):
    code = template.doc_code
    assert code in DOC_NAMES  # every template names its type by the decree's abbreviation
    expected_code = {"report": "BC", "notice": "TB"}.get(template.kind)
    if expected_code:
        assert code == expected_code
    blank = _render(tmp_path, template.id, BASE, name="blank")
    assert _number_line(blank) == f"Số:       /{code}-STTTT"  # the number is left for the văn thư
    numbered = _render(tmp_path, template.id, BASE, name="n", number="7")
    assert _number_line(numbered) == f"Số: 07/{code}-STTTT"


@pytest.mark.parametrize("old_symbol", ["BC-STTTT", "TB-STTTT", "bc-STTTT"])
def test_old_profile_symbol_is_not_doubled(tmp_path, old_symbol):
    for tid, code in (("mau2", "BC"), ("tb1485", "TB")):
        path = _render(tmp_path, tid, {**BASE, "so_ky_hieu": old_symbol}, name=tid, number="125")
        assert _number_line(path) == f"Số: 125/{code}-STTTT"


def test_agency_symbol_with_its_own_unit_is_kept(tmp_path):
    path = _render(tmp_path, "pl1", {**BASE, "so_ky_hieu": "UBND-VX"}, number="12")
    assert _number_line(path) == "Số: 12/BC-UBND-VX"


def test_bieu_attached_to_a_report_names_it(tmp_path):
    path = _render(tmp_path, "bieu04", BASE, number="125")
    assert ("(Kèm theo Báo cáo số 125/BC-STTTT ngày 05 tháng 3 năm 2025 của Sở Thông tin và Truyền thông)"
            in _paragraphs(path))
    unnumbered = _render(tmp_path, "bieu04", BASE, name="u")
    assert not any("Kèm theo" in t for t in _paragraphs(unnumbered))


@pytest.fixture
def server_zone(monkeypatch):
    """Run with a server clock far from Vietnam's (UTC-10), as a cloud host might be."""
    monkeypatch.setenv("TZ", "Pacific/Honolulu")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("utc,expected", [
    (dt.datetime(2025, 3, 4, 23, 30, tzinfo=dt.timezone.utc), "ngày 05 tháng 3 năm 2025"),
    (dt.datetime(2025, 3, 4, 16, 59, tzinfo=dt.timezone.utc), "ngày 04 tháng 3 năm 2025"),
    (dt.datetime(2024, 12, 31, 17, 0, tzinfo=dt.timezone.utc), "ngày 01 tháng 01 năm 2025"),
    (dt.datetime(2025, 3, 4, 23, 30), "ngày 05 tháng 3 năm 2025"),  # naive = UTC
])
def test_document_date_is_vietnam_date(tmp_path, server_zone, utc, expected):
    path = _render(tmp_path, "tb1485", BASE, answers={"thang": "2025-02"}, report_date=None, now=utc)
    assert f"Hậu Giang, {expected}" in _paragraphs(path)


def test_notice_kinh_gui_noi_nhan_and_body(tmp_path):
    profile = {**BASE, "chuc_vu": "Phó Giám đốc", "tham_quyen": "KT", "ky_thay": "Giám đốc",
               "noi_nhan": ["Như trên", "UBND tỉnh (để b/c)", "Luu: VT, CNTT"]}
    path = _render(tmp_path, "tb1485", profile, answers={"thang": "2025-02"}, number="3")
    texts = [t for t in _paragraphs(path) if t.strip()]
    template = registry().get("tb1485")
    kinh_gui = [t for t in texts if t.startswith("Kính gửi")]
    assert kinh_gui == ["Kính gửi: Cục Ứng dụng CNTT - Bộ Thông tin và Truyền thông."]
    assert template.submit.email not in "\n".join(texts) and "(" not in kinh_gui[0]
    assert "Báo cáo của Sở Thông tin và Truyền thông giống tháng 2/2025./." in texts
    assert _number_line(path) == "Số: 03/TB-STTTT"
    idx = texts.index("Nơi nhận:")
    assert texts[idx + 1:idx + 4] == ["- Như trên;", "- UBND tỉnh (để b/c);", "- Lưu: VT, CNTT."]


@pytest.mark.parametrize("typed,expected", [
    (["Luu: VT"], ["- Bộ Thông tin và Truyền thông;", "- Lưu: VT."]),
    (["Lưu: VT", "Luu: VT"], ["- Bộ Thông tin và Truyền thông;", "- Lưu: VT."]),
    (["bo thong tin va truyen thong", "- Lưu: VT, KHTC."], ["- Bộ Thông tin và Truyền thông;", "- Lưu: VT, KHTC."]),
    (["Bộ Thông tin và Truyền thông (để b/c);", "UBND tỉnh;", "UBND TỈNH", "Lưu VT"],
     ["- Bộ Thông tin và Truyền thông (để b/c);", "- UBND tỉnh;", "- Lưu VT."]),
    ([], ["- Bộ Thông tin và Truyền thông;", "- Lưu: VT."]),
])
def test_recipients_are_never_doubled(tmp_path, typed, expected):
    path = _render(tmp_path, "mau2", {**BASE, "noi_nhan": typed})
    texts = [t for t in _paragraphs(path) if t.strip()]
    idx = texts.index("Nơi nhận:")
    assert texts[idx + 1:idx + 1 + len(expected)] == expected
    assert not texts[idx + 1 + len(expected)].startswith("- ")


# -- page flow ---------------------------------------------------------------------------------


def _keeps(p) -> bool:
    ppr = p.find(qn("w:pPr"))
    return ppr is not None and ppr.find(qn("w:keepNext")) is not None


def _bieu04(tmp_path, n_rows: int):
    template = registry().get("bieu04")
    groups = template.field("bang").table.leaf_groups()
    rows = [{"group": groups[i % 3].code, "cells": {"du_an": f"Hạng mục số {i + 1}", "tong_muc": 100 + i}}
            for i in range(n_rows)]
    return _render(tmp_path, "bieu04", {**BASE, "chuc_vu": "Giám đốc"}, answers={"nam": 2019, "bang": rows})


def test_group_rows_total_and_signature_keep_together(tmp_path):
    path = _bieu04(tmp_path, 12)
    doc = Document(str(path))
    table = next(t for t in doc.tables if len(t.columns) == 13)
    *rows, signature = table._tbl.findall(qn("w:tr"))[4:]
    # the signature is the table's last row: rows kept with the table's end carry it to their page
    sig_texts = ["".join(t.text for t in p.iter(qn("w:t"))) for p in signature.iter(qn("w:p"))]
    assert "GIÁM ĐỐC" in sig_texts and "Nguyễn Phước Tiến" in sig_texts
    assert signature.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None
    kinds = []
    for tr in rows:
        first = "".join(t.text for t in tr.findall(qn("w:tc"))[0].iter(qn("w:t")))
        label = "".join(t.text for t in tr.findall(qn("w:tc"))[1].iter(qn("w:t")))
        kind = "total" if label == "TỔNG CỘNG" else "item" if label.startswith("Hạng mục số ") else "group"
        kept = [_keeps(p) for p in tr.iter(qn("w:p"))]
        assert all(kept) or not any(kept), f"row {first}: keep-with-next on some cells only"
        kinds.append((kind, all(kept), first))
    assert kinds[-1][0] == "total" and kinds[-1][1]  # the total keeps with what follows it (signature)
    items_before_total = [k for k in kinds[:-1] if k[0] == "item"]
    assert all(k[1] for k in items_before_total[-2:])  # at least two item rows stay with the total
    assert not any(k[1] for k in items_before_total[:-2])  # the rest may break freely
    assert all(k[1] for k in kinds if k[0] == "group")  # a group row never ends a page
    for tr in rows:
        assert tr.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None
    # inside the signature, every paragraph up to the signer's name keeps with the next
    paras = list(signature.iter(qn("w:p")))
    name_at = sig_texts.index("Nguyễn Phước Tiến")
    assert all(_keeps(p) for p in paras[:name_at])


def test_report_end_keeps_with_signature(tmp_path):
    path = _render(tmp_path, "pl1", {**BASE, "chuc_vu": "Giám đốc"})
    body = Document(str(path)).element.body
    paras = [p for p in body.findall(qn("w:p"))]
    ending = next(p for p in reversed(paras) if "".join(t.text for t in p.iter(qn("w:t"))).endswith("./."))
    assert _keeps(ending)


@pytest.mark.parametrize("tid,start", [("bieu04", "BIỂU TỔNG HỢP"), ("pl2", "Kế hoạch thực hiện"),
                                       ("mau2", "Tình hình triển khai")])
def test_title_last_word_never_alone_on_a_line(tmp_path, tid, start):
    path = _bieu04(tmp_path, 3) if tid == "bieu04" else _render(tmp_path, tid, BASE)
    body = Document(str(path)).element.body
    raw = ["".join("\n" if el.tag == qn("w:br") else el.text or "" for el in p.iter(qn("w:t"), qn("w:br")))
           for p in body.iter(qn("w:p"))]
    title = next(t for t in raw if t.startswith(start)).split("\n")[-1]
    last_two = title.split(" ")[-1]  # split at plain spaces: the last two words are tied by a NBSP
    assert NBSP in last_two and len(last_two.split(NBSP)) == 2, title


# Agency names with the phrases a clerk never splits (the checker's list, unknown to the renderer).
# dev: the names the rule was written or corrected with; held-out: names added afterwards, never tuned on.
# (First held-out run: 6/7; "Ban Quản lý các khu công nghiệp…" failed, the rule then learnt that "các"
# opens a phrase, so that name moved to dev and a new held-out set was written: see the report.)
DEV_NAMES = ["Sở Thông tin và Truyền thông", "Ủy ban nhân dân tỉnh Bắc Ninh", "Sở Nông nghiệp và Phát triển nông thôn",
             "Ban Quản lý các khu công nghiệp tỉnh Bình Dương"]
HELD_OUT_NAMES = ["Bộ Thông tin và Truyền thông", "Sở Kế hoạch và Đầu tư tỉnh Hậu Giang",
                  "Ủy ban nhân dân thành phố Hồ Chí Minh", "Văn phòng Ủy ban nhân dân tỉnh Quảng Nam",
                  "Trung tâm Công nghệ thông tin và Truyền thông", "Sở Lao động - Thương binh và Xã hội",
                  "Sở Tài nguyên và Môi trường tỉnh Sóc Trăng", "Ủy ban nhân dân huyện Châu Thành",
                  "Sở Văn hóa, Thể thao và Du lịch", "Trung tâm Phục vụ hành chính công tỉnh Cà Mau",
                  "Bộ Giáo dục và Đào tạo", "Sở Giao thông vận tải tỉnh Kiên Giang"]
FIXED = ["THÔNG TIN", "TRUYỀN THÔNG", "NHÂN DÂN", "ỦY BAN", "KẾ HOẠCH", "ĐẦU TƯ", "NÔNG NGHIỆP", "PHÁT TRIỂN",
         "NÔNG THÔN", "BẮC NINH", "HẬU GIANG", "HỒ CHÍ MINH", "THÀNH PHỐ", "VĂN PHÒNG", "QUẢNG NAM", "CÔNG NGHỆ",
         "LAO ĐỘNG", "THƯƠNG BINH", "XÃ HỘI", "QUẢN LÝ", "CÔNG NGHIỆP", "BÌNH DƯƠNG", "TRUNG TÂM", "TÀI NGUYÊN",
         "MÔI TRƯỜNG", "SÓC TRĂNG", "CHÂU THÀNH", "VĂN HÓA", "THỂ THAO", "DU LỊCH", "PHỤC VỤ", "HÀNH CHÍNH CÔNG",
         "CÀ MAU", "GIÁO DỤC", "ĐÀO TẠO", "GIAO THÔNG", "VẬN TẢI", "KIÊN GIANG", "ỦY BAN NHÂN DÂN"]


@pytest.mark.parametrize("name", DEV_NAMES + HELD_OUT_NAMES)
def test_agency_name_breaks_between_phrases(tmp_path, name):
    path = _render(tmp_path, "mau2", {**BASE, "co_quan": name})
    head = Document(str(path)).tables[0].cell(0, 0)
    agency = "".join("\n" if el.tag == qn("w:br") else el.text or ""
                     for el in head.paragraphs[1]._p.iter(qn("w:t"), qn("w:br")))
    lines = agency.split("\n")
    assert " ".join(lines) == name.upper()
    for line in lines:
        assert estimate_width_cm(line, 12, bold=True) <= 6.75 - 0.14  # fits the column: no wrap of its own
    for a, b in zip(lines, lines[1:]):
        joint = f" {a.split()[-1]} {b.split()[0]} "
        assert not any(joint in f" {phrase} " for phrase in FIXED), (name, lines)


def test_short_names_and_titles_are_left_alone():
    assert break_lines("UBND TỈNH BẮC NINH", 6.45, 12, as_written="UBND tỉnh Bắc Ninh") == "UBND TỈNH BẮC NINH"
    long_title = "BÁO CÁO TÌNH HÌNH THỰC HIỆN KẾ HOẠCH ỨNG DỤNG CÔNG NGHỆ THÔNG TIN TRONG HOẠT ĐỘNG CỦA CƠ QUAN NHÀ NƯỚC"
    broken = break_lines(long_title, 23.7, 14, bold=True)
    assert broken.replace("\n", " ") == long_title
    assert broken.split("\n")[1].startswith("TRONG")  # before a preposition, not inside "CÔNG NGHỆ"
    for line in broken.split("\n"):
        assert estimate_width_cm(line, 14, bold=True) <= 23.7
    # no phrase boundary makes it fit: left to the word processor rather than broken inside a word
    assert break_lines("CHUẨN HÓA QUY TRÌNH CUNG CẤP DỊCH VỤ CÔNG TRỰC TUYẾN", 8, 14, bold=True) == \
        "CHUẨN HÓA QUY TRÌNH CUNG CẤP DỊCH VỤ CÔNG TRỰC TUYẾN"


HEADING_PHRASES = FIXED + ["NHIỆM VỤ", "CHƯƠNG TRÌNH", "MỤC TIÊU", "THỰC HIỆN", "NỘI DUNG", "CẦN THIẾT",
                           "THỰC TRẠNG", "ĐỀ XUẤT", "CĂN CỨ", "TRIỂN KHAI", "KINH NGHIỆM", "HIỆU QUẢ", "VƯỚNG MẮC",
                           "KHÓ KHĂN", "TỒN TẠI", "KIẾN NGHỊ", "GIẢI PHÁP", "TỔ CHỨC", "ĐẦU TƯ", "SỰ NGHIỆP", "NGUỒN VỐN"]


@pytest.mark.parametrize("tid", ["pl1", "pl2", "mau2", "tm_dvc"])
def test_body_headings_break_between_phrases(tmp_path, tid):
    doc = Document(str(_render(tmp_path, tid, BASE)))
    checked = 0
    for p in doc.element.body.iter(qn("w:p")):
        parts = ["\n" if el.tag == qn("w:br") else el.text or "" for el in p.iter(qn("w:t"), qn("w:br"))]
        text = "".join(parts).replace(NBSP, " ")
        if "\n" not in text:
            continue
        lines = text.split("\n")
        for a, b in zip(lines, lines[1:]):
            checked += 1
            joint = f" {a.split()[-1].upper()} {b.split()[0].upper()} "
            assert not any(joint in f" {phrase} " for phrase in HEADING_PHRASES), lines
            assert len(b.split()) >= 2, lines  # no lone word on the last line
    assert checked or tid in ("tm_dvc", "mau2")  # long headings exist in pl1/pl2


def test_a_draft_read_from_a_dispatch_numbers_its_report_with_the_type_code(tmp_path):
    """Drafts name no doc_code: "BÁO CÁO" still reads "Số: …/BC-<symbol>" (NĐ 30/2020, Phụ lục III)."""
    from pathlib import Path

    from forms.extract import extract_forms
    from forms.loader import load_template_data
    from forms.render.document import render_document

    dispatch = Path(__file__).parent / "data" / "form_dispatches" / "d01_stttt_cds_quy.docx"
    drafts = {d.name: load_template_data(d.data) for d in extract_forms(dispatch)}
    report, bieu = drafts["Phụ lục I"], drafts["Biểu số 01"]
    assert (report.doc_code, bieu.doc_code) == ("BC", "BC")
    answers = {ref.field.code: "Nội dung." for ref in report.fields() if ref.field.required}
    out = render_document(report, answers, {**BASE, "so_ky_hieu": "SYT"}, tmp_path / "r.docx")
    assert any("/BC-SYT" in t for t in _paragraphs(out))
