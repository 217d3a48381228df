"""Session 11: a scanned dispatch's layout, parts that address different units, web addresses, forms of the
same name, compounds, and the evidence choice's new features.
- a plain-text scan lays the signature block beside the "Nơi nhận" list and misreads a tone mark in the date
  line ("ngáy 14 tháng 10"); its letterhead has three levels, the last one not starting with a body word;
- "Ủy ban nhân dân các xã phải gửi … trước ngày nào": the deadline of the part addressed to them (its heading
  names them, the sentence does not);
- "trang web nào": the reply must hold a web address (an e-mail's domain is none);
- words the question adds to a form's name ("đầu tư công") pick the dispatch whose form holds them, with the pairs
  a compound makes ("tư công": "tư" folds like the function word "từ");
- a Word letterhead laid out in a borderless table is read as lines: the opening is prose, not a form.

Every dispatch and question here is written for the test (none is in a benchmark set).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeBase, choice
from knowledge.answer_shape import expected, has_web, missing
from knowledge.evidence import compound_pairs, weighted_terms
from knowledge.metadata import parse_dispatch
from tests.knowledge_fixtures import base_with, copy_index

DISPATCHES = Path(__file__).parent / "data" / "dispatches"

SCAN = """BỘ TÀI CHÍNH                                  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
CỤC THUẾ                                            Độc lập - Tự do - Hạnh phúc
THUẾ TỈNH NINH BÌNH
   -------                                          ---------------
Số: 735/TNB-QLHKD                           Ninh Bình, ngáy 14 tháng 10 năm 2025
V/v rà soát hộ kinh doanh chuyển đổi
phương pháp nộp thuế năm 2026

Kính gửi:
- Thuế cơ sở các khu vực trên địa bàn tỉnh;
- Ủy ban nhân dân các xã, phường.

Thực hiện Nghị quyết số 68-NQ/TW ngày 04/5/2025 của Bộ Chính trị về phát triển kinh tế tư nhân,
Thuế tỉnh Ninh Bình đề nghị các đơn vị phối hợp rà soát hộ kinh doanh nộp thuế khoán chuyển sang
kê khai từ ngày 01/01/2026 như sau:

1. Đối với Thuế cơ sở các khu vực
Lập danh sách hộ kinh doanh có doanh thu năm 2025 từ 1 tỷ đồng trở lên theo Biểu số 01, gửi về
Thuế tỉnh (qua Phòng Quản lý hộ kinh doanh) trước ngày 10/11/2025.

2. Đối với Ủy ban nhân dân các xã, phường
Chỉ đạo công chức địa chính, kinh tế xác nhận địa điểm kinh doanh của các hộ trong danh sách,
gửi kết quả về Thuế cơ sở quản lý trước ngày 25/11/2025.

3. Hướng dẫn hộ kinh doanh
Hộ kinh doanh đăng ký tài khoản và nộp tờ khai trên trang https://thuedientu.gdt.gov.vn; bản
điện tử của Biểu số 01 gửi về hộp thư qlhkd.ninhbinh@gdt.gov.vn.

Trân trọng./.

Nơi nhận:                                                  KT. TRƯỞNG THUẾ TỈNH
- Như trên;                                                PHÓ TRƯỞNG THUẾ TỈNH
- Cục Thuế (để b/c);
- UBND tỉnh (để b/c);                                              (đã ký)
- Lưu: VT, QLHKD.
                                                                Trịnh Văn Khải
"""


def test_a_scans_header_and_signature_block_beside_the_recipients_are_read():
    d = parse_dispatch(SCAN, "cv-735.txt")
    assert d.so_hieu == "735/TNB-QLHKD"
    assert str(d.date) == "2025-10-14"  # "ngáy": a misread tone mark
    assert d.issuer == "Thuế tỉnh Ninh Bình"  # not "Cục Thuế thuế tỉnh …"
    assert d.signer == "Trịnh Văn Khải"
    assert d.signer_position.startswith("KT. Trưởng") and "Phó Trưởng" in d.signer_position


def test_a_place_line_under_a_body_still_completes_the_issuer():
    text = "ỦY BAN NHÂN DÂN\nXÃ PHÚ THÀNH\nSố: 12/UBND-VP\nV/v báo cáo\n"
    assert parse_dispatch(text, "x.txt").issuer == "Ủy ban nhân dân xã Phú Thành"


@pytest.fixture(scope="module")
def kb735(built_index_dir, tmp_path_factory):
    return base_with(built_index_dir, tmp_path_factory.mktemp("scan"), "cv-735-TNB-QLHKD.txt", SCAN)


def test_the_deadline_of_the_part_addressed_to_the_unit_asked_about(kb735):
    # Only the parts' headings name the units; the sentence of part 2 names "Thuế cơ sở" as where to send.
    a = kb735.ask("Theo cv 735, Ủy ban nhân dân các xã, phường phải gửi về trước ngày nào?")
    assert a.confident and a.kind == "deadline"
    assert "25/11/2025" in a.reply and "10/11/2025" not in a.reply
    a = kb735.ask("cv 735 thue co so cac khu vuc phai gui truoc ngay nao")
    assert a.confident and "10/11/2025" in a.reply and "25/11/2025" not in a.reply


def test_who_signed_a_scan_is_answered_from_its_signature_block(kb735):
    a = kb735.ask("Ai ký công văn 735 về rà soát hộ kinh doanh?")
    assert a.confident and a.kind == "signer" and "Trịnh Văn Khải" in a.reply


def test_which_website_is_answered_with_a_web_address(kb735):
    a = kb735.ask("Hộ kinh doanh nộp tờ khai trên trang web nào theo cv 735?")
    assert a.confident and "https://thuedientu.gdt.gov.vn" in a.reply


def test_a_web_address_shape():
    assert expected("nộp tờ khai ở trang web nào") == {"web"}
    assert expected("Which website do households use?") == {"web"}
    assert "web" not in expected("gửi e-mail nào")
    assert has_web("nộp trên trang https://dichvucong.gov.vn trước ngày 30/6")
    assert has_web("truy cập www.ninhbinh.gov.vn")
    assert not has_web("gửi về hộp thư qlhkd.ninhbinh@gdt.gov.vn")  # an e-mail's domain is no web address
    assert missing("đăng ký trên website nào", "Hộ kinh doanh đăng ký tài khoản trước ngày 30/6.")


def test_words_added_to_a_forms_name_pick_the_dispatch_whose_form_holds_them(built_index_dir, tmp_path):
    # Both have a "Biểu số 01" on disbursing capital: 628's (2026, the most recent) of a target programme, 286's of
    # public investment ("đầu tư công"), which the question adds.
    kb = KnowledgeBase.open(copy_index(built_index_dir, tmp_path / "kb"))
    assert not kb.ingest([DISPATCHES / "cv-286-TCKH-2024-giai-ngan-dau-tu-cong.txt",
                          DISPATCHES / "cv-628-SDTTG-2026-ctmtqg-dtts.docx"]).errors
    a = kb.ask("Các cột của biểu số 01 giải ngân vốn đầu tư công là gì?")
    assert a.confident and a.dispatch == "286/TCKH"


def test_a_function_word_syllable_inside_a_compound_keeps_its_pair(kb):
    # "tư" of "đầu tư" folds like "từ" (a function word): its pairs count where the corpus writes them.
    q = kb.understand("tiến độ giải ngân vốn đầu tư công")
    idf = {"dau_tu": 2.0, "tu_cong": 3.0, "giai_ngan": 2.5}
    assert sorted(compound_pairs(q, idf)) == ["dau_tu", "tu_cong"]
    assert compound_pairs(q, {"giai_ngan": 2.5}) == []  # pairs the corpus never writes do not count
    assert compound_pairs(kb.understand("gửi báo cáo về phòng"), {"bao_cao": 1.0}) == []


def test_no_pair_is_read_across_a_comma_or_a_function_phrase(kb):
    # Session 25: "Gia Lai, số di động bao nhiêu" holds neither "lai số" nor "động bào" (of "bao nhiêu").
    q = kb.understand("Người liên hệ ở Sở Tài chính Gia Lai, số di động bao nhiêu?")
    idf = {"lai_so": 4.0, "dong_bao": 5.0, "di_dong": 3.0, "gia_lai": 5.0}
    assert sorted(compound_pairs(q, idf)) == []
    terms = weighted_terms(q, idf, 6.0)
    assert {"gia_lai", "di_dong"} <= set(terms.weights) and not {"lai_so", "dong_bao"} & set(terms.weights)


def test_the_evidence_model_prefers_the_dispatch_ranked_first_and_the_type_asked_for():
    base = {f: 0.0 for f in choice.FEATURES} | {"fused": 0.8, "pick": 0.5, "whole": 0.5}
    assert choice.rate({**base, "top_doc": 1.0}) > choice.rate(base)
    assert choice.rate({**base, "typed": 1.0}) > choice.rate(base)


def test_a_word_letterhead_laid_out_in_a_table_is_read_as_lines_not_as_a_form(tmp_path):
    # Nghị định 30/2020's template puts the issuer, số and trích yếu beside the national motto and the date line in a
    # borderless table: the opening is prose (never "a form" for "gồm những cột nào"), and the issuer is read.
    import docx

    from knowledge.chunking import chunk_document
    from knowledge.loaders import read_text

    document = docx.Document()
    left, right = document.add_table(rows=1, cols=2).rows[0].cells
    left.text = "UBND TỈNH CAO BẰNG\nSỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nSố: 214/SNNMT-TTBVTV\nV/v báo cáo diện tích lúa bị sâu cuốn lá"
    right.text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nCao Bằng, ngày 08 tháng 9 năm 2025"
    for line in ("Kính gửi: Ủy ban nhân dân các xã, phường.",
                 "Đề nghị báo cáo diện tích lúa bị nhiễm sâu cuốn lá nhỏ theo Biểu số 01, gửi trước ngày 20/9/2025."):
        document.add_paragraph(line)
    document.add_paragraph("Biểu số 01")
    document.add_paragraph("DIỆN TÍCH LÚA BỊ NHIỄM SÂU CUỐN LÁ NHỎ VỤ MÙA NĂM 2025")
    form = document.add_table(rows=2, cols=3)
    for cell, text in zip(form.rows[0].cells, ("TT", "Xã, phường", "Diện tích nhiễm (ha)")):
        cell.text = text
    path = tmp_path / "cv-214-SNNMT.docx"
    document.save(path)
    text = read_text(path)
    d = parse_dispatch(text)
    assert d.so_hieu == "214/SNNMT-TTBVTV" and d.issuer == "Sở Nông nghiệp và Môi trường" and str(d.date) == "2025-09-08"
    chunks = chunk_document(text, d)
    opening = [c for c in chunks if "Kính gửi" in c.text]
    assert opening and not any(c.is_table for c in opening)
    assert any(c.is_table and "Diện tích nhiễm (ha)" in c.text for c in chunks)  # the form itself stays a table
