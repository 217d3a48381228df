"""Session 14, layouts of a police unit's OCR'd dispatch and what questions about it need:
- a unit code with digits ("Số: 318/PV01-Đ3"), an issuer's name wrapped over two letterhead lines, a signer who
  signs under his rank ("Trung tá …"), a form numbered by a code of letters and digits ("Mẫu số CT02-BC");
- a text table typed with pipes whose header cells wrap over two lines (the first column empty on the second
  line), a page number between two lines of one sentence, a numbered line wrapped at the text's width before a
  capitalised name, the "Nơi nhận" list with the signature block beside it and an item wrapped in two lines;
- questions: both bounds of a period asked ("từ bao giờ đến bao giờ"), a task's own period rather than the
  figures', a report's deadline rather than a task's when the question is only the subject and the cue, a clause
  joined by "thì" that makes no compound with the word before it, a named form whose words the question lacks,
  where a paper copy goes (a street address, not an e-mail), a column's note found by its number "(1)", a part of
  the letter named by its label ("mục 6 quy định gì"; "mục 2" for "II." too), a dispatch described by its issuer,
  place and subject rather than its number ("the Quang Binh police dispatch on residence data").

Every dispatch and question here is written for the test (none is in a benchmark set).
"""

from __future__ import annotations

import pytest

from knowledge.blocks import to_blocks
from knowledge.evidence import weighted_terms
from knowledge.form_names import template_heading
from knowledge.headings import same_labels
from knowledge.identity import described
from knowledge.metadata import parse_copied, parse_dispatch
from knowledge.query import understand
from knowledge.tables import column_paths, table_row
from tests.knowledge_fixtures import base_with

RESIDENCE = """CÔNG AN TỈNH QUẢNG BÌNH              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHÒNG CẢNH SÁT QUẢN LÝ HÀNH CHÍNH,          Độc lập - Tự do - Hạnh phúc
VỀ TRẬT TỰ XÃ HỘI
                                        ----------------
Số: 318/PV01-Đ3
                                   Quảng Bình, ngày 14 tháng 5 năm 2026
V/v rà soát, cập nhật dữ liệu cư trú năm 2026
và báo cáo kết quả

        Kính gửi: Trưởng Công an các xã, phường trên địa bàn tỉnh.

Phòng Cảnh sát QLHC về TTXH đề nghị Công an các xã, phường tổ chức rà soát dữ liệu cư
trú như sau:
1. Thời gian rà soát: từ ngày 01/6/2026 đến hết ngày 31/7/2026.
2. Số liệu báo cáo tính từ ngày 01/01/2026 đến hết ngày 31/7/2026.
3. Hoàn thành cập nhật dữ liệu lên Cơ sở dữ liệu quốc gia về dân cư trước ngày 05/8/2026.
4. Báo cáo kết quả theo Mẫu số CT02-BC kèm theo Công văn này bằng văn bản, gửi về Phòng
Cảnh sát QLHC về TTXH trước ngày 10/8/2026, đồng thời gửi bản chụp qua thư điện
                                                                   - 1 -
tử doi3.pv01@congan.quangbinh.gov.vn.
5. Đơn vị không báo cáo sẽ bị nêu tên tại hội nghị giao ban Công an tỉnh quý III/2026.
6. Bản giấy có chữ ký, đóng dấu gửi về địa chỉ: số 12 đường Lý Thường Kiệt, phường Đồng
Hới, tỉnh Quảng Bình; bản điện tử gửi qua Hệ thống quản lý văn bản và điều hành.

Nơi nhận:                                      KT. TRƯỞNG PHÒNG
- Như trên;                                    PHÓ TRƯỞNG PHÒNG
- Đ/c Giám đốc Công an tỉnh (để b/c);
- Sở Tư pháp, Sở Nội vụ,
  Sở Y tế (để phối hợp);                              (đã ký)
- Lưu: PV01(Đ3), VT.
                                              Trung tá Phan Văn Lộc

MẪU SỐ CT02-BC
(Kèm theo Công văn số 318/PV01-Đ3 ngày 14/5/2026)

TT | Tên xã,     | Số hộ đã   | Số nhân khẩu | Ghi chú
   | phường      | rà soát    | cập nhật (1) |
---|-------------|------------|--------------|--------
1  |             |            |              |

Ghi chú: (1) Chỉ tính nhân khẩu được cập nhật lên Cơ sở dữ liệu quốc gia về dân cư.
"""


@pytest.fixture(scope="module")
def kb318(built_index_dir, tmp_path_factory):
    return base_with(built_index_dir, tmp_path_factory.mktemp("layouts"), "cv-318-PV01-2026.txt", RESIDENCE)


def test_the_header_of_a_police_units_dispatch_is_read():
    d = parse_dispatch(RESIDENCE)
    assert d.so_hieu == "318/PV01-Đ3"
    assert d.issuer == "Phòng Cảnh sát quản lý hành chính, về trật tự xã hội"
    assert (d.signer, d.signer_position) == ("Trung tá Phan Văn Lộc", "KT. Trưởng phòng, Phó Trưởng phòng")
    assert d.templates == ["Mẫu số CT02-BC"]
    assert template_heading("Mẫu PC06") == "Mẫu PC06" and template_heading("Mẫu số 2 gồm những gì") is None


def test_the_list_beside_the_signature_is_read_item_by_item():
    assert parse_copied(RESIDENCE) == ["Đ/c Giám đốc Công an tỉnh (để b/c)", "Sở Tư pháp, Sở Nội vụ, Sở Y tế (để phối hợp)"]


def test_a_typed_table_whose_header_cells_wrap_keeps_its_columns():
    lines = RESIDENCE.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("TT |"))
    rows = [table_row(line).split("\t") for line in lines[at:at + 2]]
    assert column_paths(rows) == [["TT"], ["Tên xã, phường"], ["Số hộ đã rà soát"], ["Số nhân khẩu cập nhật (1)"],
                                  ["Ghi chú"]]


def test_a_sentence_wrapped_at_the_texts_width_and_across_a_page_number_is_one():
    blocks = [b.text for b in to_blocks(RESIDENCE)]
    item = next(b for b in blocks if b.startswith("4. Báo cáo kết quả"))
    assert "gửi về Phòng Cảnh sát QLHC về TTXH trước ngày 10/8/2026" in item
    assert "thư điện tử doi3.pv01@congan.quangbinh.gov.vn" in item and "- 1 -" not in item


@pytest.mark.parametrize("question, expected", [
    ("ra soat du lieu cu tru lam tu bao gio den bao gio", "31/7/2026"),  # the task's own period
    ("số liệu báo cáo rà soát cư trú tính từ ngày nào", "01/01/2026"),  # the figures'
])
def test_a_period_is_the_one_asked_for(kb318, question, expected):
    a = kb318.ask(question)
    assert a.confident and expected in a.reply.split("\n")[0]
    assert ("01/6/2026" in a.reply) == (expected == "31/7/2026")


def test_the_report_deadline_answers_a_question_of_only_the_subject_and_the_cue(kb318):
    a = kb318.ask("Báo cáo kết quả rà soát cập nhật dữ liệu cư trú gửi trước ngày nào?")
    assert a.confident and "10/8/2026" in a.reply and "05/8/2026" not in a.reply


def test_a_clause_joined_by_thi_makes_no_compound(kb318):
    query = understand("Muốn hỏi về rà soát cư trú của phường Bắc Lý thì gọi ai?", {})
    terms = weighted_terms(query, {"ly_thi": 5.0, "bac_ly": 5.0}, 5.0)  # "lý thì" folds like "lý thị"
    assert "ly_thi" not in terms.weights and "bac_ly" in terms.weights


def test_a_form_named_by_its_code_answers_though_its_words_are_not_asked(kb318):
    a = kb318.ask("Mẫu CT02 của công văn 318 gồm những cột nào?")
    assert a.confident and a.dispatch == "318/PV01-Đ3" and "Số nhân khẩu" in a.reply


@pytest.mark.parametrize("question", [
    "Bản giấy báo cáo rà soát cư trú gửi về địa chỉ nào?",
    "Where should the signed paper copy of the CT02-BC report be sent?",
])
def test_where_a_paper_copy_goes_is_the_street_address(kb318, question):
    a = kb318.ask(question)
    assert a.confident and "số 12 đường Lý Thường Kiệt" in a.reply.split("\n")[0]


@pytest.mark.parametrize("question", [
    "Cột số nhân khẩu cập nhật trong mẫu CT02 thì tính những ai?",
    "cot so nhan khau cap nhat mau ct02-bc ghi the nao",
])
def test_a_columns_numbered_note_says_what_goes_in_it(kb318, question):
    a = kb318.ask(question)
    assert a.confident and "Chỉ tính nhân khẩu được cập nhật" in a.reply


@pytest.mark.parametrize("question, held", [
    ("Mục 6 của công văn 318 quy định gì?", "số 12 đường Lý Thường Kiệt"),
    ("cv 318 muc 4 noi gi", "Báo cáo kết quả theo Mẫu số CT02-BC"),
])
def test_a_part_named_by_its_label_is_quoted(kb318, question, held):
    a = kb318.ask(question)
    assert a.confident and a.kind == "section" and held in a.reply.split("\n")[0]


def test_a_part_label_is_read_as_roman_or_arabic():
    assert same_labels(["2"]) == {"2", "II"} and same_labels(["iii"]) == {"III", "3"}


@pytest.mark.parametrize("question, held", [
    ("Who is the contact for the Quang Binh police residence data report?", "doi3.pv01@congan.quangbinh.gov.vn"),
    ("han nop bc cong an quang binh", "10/8/2026"),
])
def test_a_dispatch_described_by_its_issuer_and_subject_answers(kb318, question, held):
    a = kb318.ask(question)
    assert a.confident and a.dispatch == "318/PV01-Đ3" and held in a.reply


@pytest.mark.parametrize("question, meant", [
    ("Who is the contact for the Quang Binh police residence data report?", "318/PV01-Đ3"),
    ("công văn của Công an Quảng Bình về rà soát cư trú", "318/PV01-Đ3"),
    ("Hạn nộp báo cáo là ngày nào?", None),  # names no dispatch
    ("Báo cáo gửi Bộ Thông tin và Truyền thông trước ngày nào?", None),  # the issuer of four dispatches
])
def test_which_dispatch_a_question_describes(kb318, question, meant):
    index = kb318.index
    query = kb318.understand(question)
    assert described(index, weighted_terms(query, index.idf, index.max_idf)) == meant


def test_a_line_opening_a_parenthesis_in_lower_case_goes_on():
    text = ("b) Báo cáo kết thúc đợt thu: số liệu chốt đến hết ngày 30/11/2026, gửi Bảo hiểm xã hội tỉnh\n"
            "(qua Phòng Quản lý thu) chậm nhất ngày 10/12/2026.\n\nPHỤ LỤC I\n(Kèm theo Công văn số 15/ABC-KH)")
    blocks = [b.text for b in to_blocks(text)]
    assert "gửi Bảo hiểm xã hội tỉnh (qua Phòng Quản lý thu) chậm nhất" in blocks[0]
    assert "PHỤ LỤC I (Kèm" not in " ".join(blocks)


def test_who_to_ask_about_how_to_fill_in_is_a_contact_question(kb318):
    a = kb318.ask("Who should I ask about how to fill in the CT02-BC form of the Quang Binh police?")
    assert a.signals["general_ask"] == 0.0
