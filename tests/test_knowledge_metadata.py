"""Metadata of the four bundled dispatches, field by field, and the structural chunking."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from knowledge.chunking import MAX_CHARS, chunk_document
from knowledge.metadata import parse_dispatch
from knowledge.text import ends_sentence, fold, strip_markup

CORPUS = Path(__file__).resolve().parents[1] / "knowledge" / "corpus"


def _load(number: str):
    path = next(CORPUS.glob(f"cv-{number}-*.txt"))
    text = path.read_text(encoding="utf-8")
    return text, parse_dispatch(text, str(path))


def test_232_metadata():
    _, d = _load("232")
    assert d.so_hieu == "232/BTTTT-KHTC"
    assert "23/UBT-TT-KHTC" in d.aliases and "224/BTTT-KHTC" in d.aliases
    assert d.date == dt.date(2018, 7, 19)
    assert d.issuer == "Bộ Thông tin và Truyền thông"
    assert d.subject.startswith("xây dựng, đề xuất kế hoạch thực hiện Chương trình mục tiêu CNTT")
    assert "2019-2020" in d.subject
    assert d.recipients == [
        "Các Bộ, cơ quan ngang Bộ, cơ quan ở Trung ương",
        "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
    ]
    assert d.signer is None  # the OCR lost the name; never guess
    assert d.signer_position == "KT. Bộ trưởng, Thứ trưởng"
    refs = " ".join(d.legal_refs)
    for number in ("153/QĐ-TTg", "13/CT-TTg", "54/2018/TT-BTC", "32/2017/TT-BTTTT"):
        assert number in refs
    assert "232/BTTTT-KHTC" not in refs and "224/BTTT-KHTC" not in refs
    assert [(x.text, x.date) for x in d.deadlines] == [("trước ngày 25/7/2018", dt.date(2018, 7, 25))]
    assert d.emails == [] and d.phones == []
    assert d.templates == [
        "Phụ lục 1",
        "Biểu 01/BCKH",
        "Phụ lục 2",
        "Thuyết minh kế hoạch thuê dịch vụ công nghệ thông tin",
        "Thuyết minh kế hoạch chuẩn hóa, tạo lập, chuyển đổi cơ sở dữ liệu",
        "Thuyết minh kế hoạch chuẩn hóa quy trình cung cấp dịch vụ công trực tuyến",
        "Biểu 04/BCKH",
    ]


def test_1181_metadata():
    _, d = _load("1181")
    assert d.so_hieu == "1181/BTTTT-THH"
    assert set(d.aliases) == {"1181/BT-TT-THH", "181/BTTTT-THH", "1181/BTTTT-TTH"}
    assert d.date == dt.date(2015, 4, 22)
    assert d.issuer == "Bộ Thông tin và Truyền thông"
    assert d.subject.startswith("triển khai thực hiện Thông tư số 25/2014/TT-BTTTT")
    assert d.subject.endswith("từ TW đến địa phương")
    assert d.recipients == ["Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ"]
    assert d.signer == "Nguyễn Minh Hồng"
    assert d.signer_position == "KT. Bộ trưởng, Thứ trưởng"
    assert any("25/2014/TT-BTTTT" in r for r in d.legal_refs)
    assert [(x.text, x.date) for x in d.deadlines] == [("trước ngày 15/5/2015", dt.date(2015, 5, 15))]
    assert d.emails == ["ntthao@mic.gov.vn"]
    assert d.templates == ["Mẫu 1", "Mẫu 2"]


def test_1485_metadata():
    _, d = _load("1485")
    assert d.so_hieu == "1485/BTTTT-UDCNTT"
    assert d.date == dt.date(2009, 5, 22)
    assert d.issuer == "Bộ Thông tin và Truyền thông"
    assert d.subject == "báo cáo hàng tháng tình hình ứng dụng CNTT trong hoạt động của cơ quan nhà nước"
    assert len(d.recipients) == 2 and d.recipients[1].startswith("Ủy ban nhân dân")
    assert d.signer == "Nguyễn Minh Hồng"
    assert any("48/2009/QĐ-TTg" in r for r in d.legal_refs)
    (deadline,) = d.deadlines
    assert deadline.day_of_month == 22 and deadline.date is None
    assert deadline.text == "trước ngày 22 hàng tháng"
    assert "nptien@mic.gov.vn" in deadline.sentence
    assert d.emails == ["nptien@mic.gov.vn"]
    assert d.phones == ["04-35378201- ext.403"]
    assert d.contacts == ["Ông Tiến"]  # "A.Tiến" in the dispatch, named formally
    assert d.templates == []


def test_1064_metadata():
    _, d = _load("1064")
    assert d.so_hieu == "1064/BTTTT-THH" and d.aliases == []
    assert d.date == dt.date(2018, 9, 11)
    assert d.issuer == "Bộ Thông tin và Truyền thông"
    assert "Kiến trúc Chính phủ điện tử" in d.subject
    assert d.signer == "Nguyễn Thành Hưng"
    assert d.signer_position == "KT. Bộ trưởng, Thứ trưởng"
    refs = " ".join(d.legal_refs)
    for number in ("1819/QĐ-TTg", "1665/VPCP-KSTT", "1178/BTTTT-THH", "2384/BTTTT-THH", "13/2017/TT-BTTTT"):
        assert number in refs
    dated = [x for x in d.deadlines if x.date]
    assert [(x.text, x.date) for x in dated] == [("trước ngày 30/7/2018", dt.date(2018, 7, 30))]
    assert any(x.text == "trước tháng 9/2018" for x in d.deadlines)
    assert d.emails == ["ntthao@mic.gov.vn"]
    assert d.phones == ["090.4136368"]
    assert d.contacts == ["Ông Nguyễn Thanh Thảo"]
    assert d.templates == []


def test_bieu04_chunk_breadcrumb_and_whole_table():
    text, d = _load("232")
    chunks = chunk_document(text, d)
    bieu04 = [c for c in chunks if c.section.endswith("Biểu 04/BCKH")]
    assert len(bieu04) == 1
    chunk = bieu04[0]
    assert chunk.section == "232/BTTTT-KHTC › Phụ lục 2 › Biểu 04/BCKH"
    assert chunk.is_table
    # The whole table with its header: first header row, the last group row.
    assert "Khối lượng thực hiện" in chunk.text and "Nguồn vốn" in chunk.text
    assert "Chuẩn hóa quy trình cung cấp dịch vụ công trực tuyến" in chunk.text
    assert "Phụ lục 2 › Biểu 04/BCKH" in chunk.index_text()


def test_breadcrumbs_of_sections():
    text, d = _load("232")
    by_citation = {c.citation: c for c in chunk_document(text, d)}
    assert "B.5. Về thời hạn gửi báo cáo" in by_citation
    assert "trước ngày 25/7/2018" in by_citation["B.5. Về thời hạn gửi báo cáo"].text
    text, d = _load("1181")
    sections = {c.section for c in chunk_document(text, d)}
    assert {"1181/BTTTT-THH › Mẫu 1", "1181/BTTTT-THH › Mẫu 2"} <= sections


@pytest.mark.parametrize("number", ["232", "1181", "1485", "1064"])
def test_chunks_never_cut_inside_a_sentence(number):
    text, d = _load(number)
    chunks = chunk_document(text, d)
    assert chunks
    lines = text.splitlines()
    body = fold(" ".join(text.split()))
    for c in chunks:
        if c.is_table:
            continue
        last = c.text.rstrip().split("\n")[-1]
        # A chunk ends at a sentence end or where a line of the source ends, never mid-sentence.
        at_line_end = any(" ".join(strip_markup(line).split()).endswith(" ".join(last.split())[-40:]) for line in lines)
        assert ends_sentence(last) or at_line_end, (c.section, last[-80:])
        assert len(c.text) <= MAX_CHARS * 1.5
    # The OCR's blank line inside "căn\n\ncứ điều kiện" is healed, not a chunk boundary.
    if number == "232":
        assert any("căn cứ điều kiện cụ thể" in c.text for c in chunks)
    assert body  # corpus read


def test_noisy_header_variants_still_parse():
    text = "Số: ~~77~~ /UBND-VP\n\nHà Nội, ngày *3* tháng *2* năm 2021\n\nV/v thử nghiệm\n\nKính gửi: Sở A\n\nĐề nghị gửi báo cáo trước ngày 10/2/2021."
    d = parse_dispatch(text)
    assert d.so_hieu == "77/UBND-VP"
    assert d.date == dt.date(2021, 2, 3)
    assert d.issuer == "Ủy ban nhân dân"
    assert d.deadlines[0].date == dt.date(2021, 2, 10)


_PHONG = """UBND HUYỆN NGHĨA ĐÀN
PHÒNG VĂN HÓA VÀ THÔNG TIN
Số: 57/VHTT
V/v báo cáo kết quả kiểm tra điểm truy cập Internet công cộng
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Nghĩa Đàn, ngày 14 tháng 3 năm 2024

Kính gửi: Ủy ban nhân dân các xã, thị trấn.

Thực hiện Công văn số 402/UBND-VHTT ngày 01/3/2024 của Ủy ban nhân dân huyện về việc kiểm tra
điểm truy cập Internet công cộng, Phòng Văn hóa và Thông tin đề nghị Ủy ban nhân dân các xã báo cáo
trước ngày 25/3/2024.
"""


def test_a_dispatch_number_without_unit_suffix_wins_over_the_numbers_it_cites():
    d = parse_dispatch(_PHONG)
    assert d.so_hieu == "57/VHTT"
    assert not any(a.startswith("402/") for a in d.aliases)  # a cited dispatch (another date) is not an alias


def test_subject_in_the_same_word_cell_as_the_number():
    text = ("SỞ XÂY DỰNG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Số: 88/SXD-QLN V/v rà soát nhà ở xã hội\tLạng Sơn, ngày 2 tháng 5 năm 2024\n\nKính gửi: Các phòng.\n")
    d = parse_dispatch(text)
    assert d.so_hieu == "88/SXD-QLN" and d.subject == "rà soát nhà ở xã hội"


# Deadlines as dispatches of other issuers write them: a label ("Hạn cuối …", "Thời hạn nộp …") followed by "là" or a
# colon, and "chậm nhất là/vào ngày". Sentences written for this test, in no benchmark set; each with the date it sets,
# or None where a date bounds figures or a period rather than setting a deadline.
DEADLINE_SHAPES = [
    ("Hạn cuối tiếp nhận hồ sơ đề nghị hỗ trợ tại Bộ phận một cửa là 17 giờ 00 ngày 14/5/2027.", dt.date(2027, 5, 14)),
    ("Thời hạn nộp báo cáo: ngày 08/01/2027.", dt.date(2027, 1, 8)),
    ("Hạn nộp bản đăng ký thi đua là ngày 15/3/2027, quá hạn Hội đồng không xét.", dt.date(2027, 3, 15)),
    ("Các trường gửi danh sách về Phòng Giáo dục chậm nhất là ngày 20/9/2026.", dt.date(2026, 9, 20)),
    ("Biên bản kiểm kê gửi Kho bạc chậm nhất vào ngày 05/01/2027 để đối chiếu.", dt.date(2027, 1, 5)),
    ("Hạn chót nhận bài dự thi: 16 giờ 30 ngày 31/10/2026 (theo dấu bưu điện).", dt.date(2026, 10, 31)),
    ("Số liệu tính đến hết ngày 30/11/2026.", None),
    ("Thời hạn thực hiện chương trình từ ngày 01/01/2027 đến ngày 31/12/2027.", None),
    ("Thời hạn xử lý hồ sơ là 05 ngày làm việc kể từ ngày 10/02/2027.", None),
]


@pytest.mark.parametrize("sentence, date", DEADLINE_SHAPES)
def test_deadline_shapes_of_other_issuers(sentence, date):
    from knowledge.metadata import parse_deadlines

    found = [x.date for x in parse_deadlines(sentence)]
    assert found == ([date] if date else [])
