"""How a dispatch's structure reaches the answers: heading lines over their items, merged Word header cells,
inline lists after a colon, the list of attached forms, blank forms that hold no value, several cited
documents of one kind, a finished-by deadline beside a reporting one.

Every dispatch and question here is written for the test (none is in a benchmark set).
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from knowledge.answer_types import deadline
from knowledge.cited_answers import cited
from knowledge.chunking import build_tree
from knowledge.evidence import Terms
from knowledge.sentence_pick import pick_sentences
from knowledge.loaders import read_text
from knowledge.metadata import parse_dispatch
from knowledge.tables import describe_header
from tests.knowledge_fixtures import base_with

# A Sở of another province, typed as plain text without blank lines between a heading and its items.
DISPATCH = """ỦY BAN NHÂN DÂN TỈNH HÀ GIANG
SỞ GIAO THÔNG VẬN TẢI
Số: 315/SGTVT-QLGT
V/v báo cáo công tác bảo đảm trật tự an toàn giao thông quý II năm 2025
Hà Giang, ngày 02 tháng 6 năm 2025

Kính gửi: Ủy ban nhân dân các huyện, thành phố.

Căn cứ Nghị định số 100/2019/NĐ-CP ngày 30/12/2019 của Chính phủ quy định xử phạt vi phạm hành chính trong lĩnh vực giao thông đường bộ; Nghị định số 168/2024/NĐ-CP ngày 26/12/2024 của Chính phủ quy định xử phạt vi phạm hành chính về trật tự, an toàn giao thông;

Sở Giao thông vận tải đề nghị các đơn vị báo cáo các nội dung sau:

1. Điểm đen tai nạn giao thông
a) Số điểm đen, điểm tiềm ẩn tai nạn giao thông đã phát hiện;
b) Các điểm đen phải được khắc phục xong trước ngày 15/8/2025.

2. Thời kỳ báo cáo
Số liệu tính từ ngày 15/3/2025 đến hết ngày 14/6/2025; tỷ lệ điểm đen đã xử lý phải đạt ít nhất 80%.

3. Thời hạn gửi báo cáo
Báo cáo gửi về Sở Giao thông vận tải trước ngày 20/6/2025 theo Biểu mẫu số 01 kèm theo Công văn này.

Trân trọng./.
Nơi nhận:
- Như trên;
- Lưu: VT, QLGT.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Vàng Seo Dình

Biểu mẫu số 01
KẾT QUẢ XỬ LÝ ĐIỂM ĐEN TAI NẠN GIAO THÔNG
TT\tTên điểm đen\tVị trí (km, tuyến)\tTỷ lệ đã xử lý (%)\tGhi chú
1\t\t\t\t
"""


def test_a_heading_line_over_its_items_starts_a_part():
    root = build_tree(DISPATCH)
    labels = [(n.label, n.title) for n in root.children if n.label]
    assert ("1", "Điểm đen tai nạn giao thông") in labels
    assert ("2", "Thời kỳ báo cáo") in labels and ("3", "Thời hạn gửi báo cáo") in labels
    first = next(n for n in root.children if n.label == "1")
    assert [c.label for c in first.children] == ["a", "b"]  # its items, not parts of the preamble


def test_a_numbered_paragraph_wrapped_mid_sentence_stays_one_paragraph():
    text = ("Kính gửi: Các sở.\n\n1. Báo cáo gửi về Sở Nông nghiệp và Môi trường (qua Chi cục Thủy lợi và\n"
            "Phòng, chống thiên tai) trước ngày 10/6/2025.\n")
    root = build_tree(text)

    def blocks(node):
        return [b.text for b in node.blocks] + [t for c in node.children for t in blocks(c)]

    # Session 10: the wrapped line is joined again ("… Thủy lợi và" / "Phòng, chống …"), so the paragraph parses
    # exactly as it does typed on one line, never as a heading "… (qua Chi cục Thủy lợi và" cut mid-sentence.
    one_line = build_tree(text.replace("và\nPhòng", "và Phòng"))

    def shape(node):
        return [(node.label, node.title, [b.text for b in node.blocks])] + [x for c in node.children for x in shape(c)]

    assert shape(root) == shape(one_line)
    titles = [n.full_title for n in root.children[1:]]
    assert not any("Thủy lợi và" in t and "thiên tai" not in t for t in titles)
    assert any("trước ngày 10/6/2025" in t for t in blocks(root) + titles)


def test_an_inline_list_after_a_colon_is_given_whole():
    terms = Terms({"cot": 1.0, "phu": 0.5, "luc": 0.5}, {})
    text = "PHỤ LỤC\nPhụ lục gồm các cột: STT; Tên xã; Số hộ nghèo; Số hộ cận nghèo; Ghi chú."
    pick = pick_sentences(terms, text)
    assert any("STT;" in s and "Số hộ cận nghèo;" in s and "Ghi chú." in s for s in pick.sentences)


def test_merged_word_header_cells_keep_their_columns(tmp_path: Path):
    document = docx.Document()
    document.add_paragraph("Biểu mẫu số 02")
    table = document.add_table(rows=3, cols=5)
    top, sub = table.rows[0].cells, table.rows[1].cells
    for i, label in enumerate(["TT", "Tên xã", "Số trường học", "", "Ghi chú"]):
        top[i].text = label
    top[2].merge(top[3])  # "Số trường học" over two sub-columns
    for i in (0, 1, 4):
        top[i].merge(sub[i])  # merged down: Word repeats the text in the row below
    sub[2].text, sub[3].text = "Công lập", "Tư thục"
    path = tmp_path / "bieu.docx"
    document.save(path)
    header = describe_header(read_text(path))
    assert header.text == "TT; Tên xã; Số trường học › Công lập, Tư thục; Ghi chú"


def test_several_documents_cited_together_are_all_named():
    meta = parse_dispatch(DISPATCH)
    terms = Terms({"nghi": 1.0, "dinh": 1.0, "xu": 1.0, "phat": 1.0}, {})

    class Q:  # the parts of a Query that cited() reads
        text = "cv 315 căn cứ nghị định nào về xử phạt"

    found = cited(Q(), DISPATCH, terms)
    assert found and "100/2019/NĐ-CP" in found.reply and "168/2024/NĐ-CP" in found.reply
    assert meta.so_hieu == "315/SGTVT-QLGT"


def test_a_finished_by_question_gets_the_task_deadline_not_the_report_one():
    d = parse_dispatch(DISPATCH)
    terms = Terms({"diem": 1.0, "den": 1.0}, {})
    done = deadline(d, DISPATCH, terms, "điểm đen phải khắc phục xong trước khi nào")
    assert done and "15/8/2025" in done.reply
    report = deadline(d, DISPATCH, Terms({"bao": 1.0, "cao": 1.0}, {}), "hạn gửi báo cáo")
    assert report and "20/6/2025" in report.reply


@pytest.fixture(scope="module")
def base(built_index_dir, tmp_path_factory):
    return base_with(built_index_dir, tmp_path_factory.mktemp("structure"), "cv-315-SGTVT.txt", DISPATCH)


def test_a_blank_form_does_not_answer_how_much(base):
    # The form has a "Tỷ lệ đã xử lý (%)" column; the value asked for is in the body.
    a = base.ask("cv 315 tỷ lệ điểm đen đã xử lý phải đạt bao nhiêu")
    assert a.confident and "80%" in a.reply and "Các cột" not in a.reply


def test_the_attached_forms_are_listed_with_their_titles(base):
    a = base.ask("cv 315 kèm theo những biểu mẫu nào")
    assert a.kind == "attachments" and "Biểu mẫu số 01: KẾT QUẢ XỬ LÝ ĐIỂM ĐEN TAI NẠN GIAO THÔNG" in a.reply
    listing = base.index.locate("315/SGTVT-QLGT", ["Các phụ lục, biểu mẫu kèm theo"])
    assert "theo Biểu mẫu số 01 kèm theo" in listing.chunk.text  # the body's sentence naming it


def test_the_list_of_forms_is_not_evidence_for_other_questions(base):
    a = base.ask("cv 315 số liệu tính từ ngày nào")
    assert a.confident and "15/3/2025" in a.reply
    assert a.passages[0].section != "315/SGTVT-QLGT › Các phụ lục, biểu mẫu kèm theo"


def test_reply_closeness_is_a_signal(base):
    a = base.ask("cv 315 hạn gửi báo cáo")
    assert 0.5 < a.signals["reply_dense"] <= 1.0


def test_a_form_title_below_its_reference_lines_is_listed():
    from knowledge.attached import listing_text, reply

    text = (DISPATCH.split("\nBiểu mẫu số 01\n")[0] + "\n\nMẫu 2: Kèm theo Công văn số 315/SGTVT-QLGT\n"
            "của Sở Giao thông vận tải.\n\nBÁO CÁO KẾT QUẢ KIỂM TRA\nXE KINH DOANH VẬN TẢI\n\nTT\tBiển số\tGhi chú\n")
    listing = listing_text(build_tree(text), parse_dispatch(text))
    assert "- Mẫu 2: BÁO CÁO KẾT QUẢ KIỂM TRA XE KINH DOANH VẬN TẢI" in listing
    assert reply("Công văn 315/SGTVT-QLGT", listing).startswith("Công văn 315/SGTVT-QLGT kèm theo một biểu mẫu:\n- Mẫu 2: BÁO")


def test_an_appendix_heading_that_names_its_form_starts_the_form():
    # Session 25: "Phụ lục I - Biểu số 01/NTM" after the signature was read as no heading, so the form stayed in the
    # "Nơi nhận" part and neither "Phụ lục I" nor "Biểu 01" named it.
    from knowledge.query import templates_in

    text = ("Kính gửi: Ủy ban nhân dân các xã.\n1. Báo cáo kết quả năm 2026 theo Biểu số 01/NTM.\nNơi nhận:\n"
            "- Như trên;\n- Lưu: VT.\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\nLê Văn A\n\n"
            "Phụ lục I - Biểu số 01/NTM\nKẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ XÃ NÔNG THÔN MỚI\n"
            "STT\tTên tiêu chí\tKết quả\tGhi chú\n1\tQuy hoạch\t\t\n\n"
            "PHỤ LỤC 2: MẪU SỐ 02\nDANH SÁCH SẢN PHẨM\nSTT\tTên sản phẩm\tGhi chú\n1\t\t\n")
    forms = [n for n in build_tree(text).children if n.is_template]
    assert [n.label for n in forms] == ["Phụ lục I - Biểu 01/NTM", "Phụ lục 2 - Mẫu số 02"]
    assert templates_in(forms[0].label) == [("Phụ lục", 1), ("Biểu mẫu", 1)]
    assert "Quy hoạch" in " ".join(b.text for b in forms[0].blocks)
