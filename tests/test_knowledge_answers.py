"""Answer behaviour found in hands-on testing: the user's current dispatch as context, cited
metadata answers, relevance-ranked deadlines, table headers as a hierarchy, "what does dispatch X
ask for", and chit-chat. The index of the bundled corpus is built once per session."""

from __future__ import annotations

import re

import pytest

from knowledge import KnowledgeBase
from knowledge.summary import extract_requests
from knowledge.tables import column_paths, describe_header, header_rows, split_rows
from tests.knowledge_fixtures import built_index_dir  # noqa: F401  (session fixture)

CITE_RE = re.compile(r"^\(Công văn (\S+) ngày \d{1,2}/\d{1,2}/\d{4} — (.+)\)$")


@pytest.fixture(scope="module")
def kb(built_index_dir):  # noqa: F811
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("BAOCAO_LLM", raising=False)
        yield KnowledgeBase.open(built_index_dir)


def _sections(kb: KnowledgeBase, dispatch: str) -> set[str]:
    return {c.chunk.citation for c in kb.index.chunks if c.doc_key == dispatch}


def _chunk_text(kb: KnowledgeBase, dispatch: str, citation: str) -> str:
    return "\n".join(c.chunk.text for c in kb.index.chunks if c.doc_key == dispatch and c.chunk.citation == citation)


# --- K1: the dispatch the user is working on ------------------------------------------------------


def test_context_dispatch_answers_this_reports_deadline(kb):
    a = kb.ask("han nop bao cao nay khi nao?", dispatch="1181/BTTTT-THH")
    assert a.confident and a.dispatch == "1181/BTTTT-THH"
    assert "trước ngày 15/5/2015" in a.text
    assert "Công văn 1181/BTTTT-THH ngày 22/4/2015 — " in a.text


def test_context_accepts_short_and_alias_references(kb):
    for ref in ("1181", "181/BTTTT-THH"):
        a = kb.ask("hạn gửi báo cáo này là ngày nào?", dispatch=ref)
        assert a.dispatch == "1181/BTTTT-THH" and "15/5/2015" in a.text, ref


def test_context_contact_and_signer(kb):
    a = kb.ask("gửi bản mềm về địa chỉ nào?", dispatch="1181/BTTTT-THH")
    assert a.dispatch == "1181/BTTTT-THH" and "ntthao@mic.gov.vn" in a.text
    a = kb.ask("Ai ký công văn này?", dispatch="1485/BTTTT-UDCNTT")
    assert a.dispatch == "1485/BTTTT-UDCNTT" and "Nguyễn Minh Hồng" in a.text


def test_context_prefers_its_passages_in_search(kb):
    question = "gửi báo cáo về đâu"
    plain = kb.search(question, k=5)
    ctx = kb.search(question, k=5, dispatch="1181/BTTTT-THH")
    assert ctx[0].dispatch == "1181/BTTTT-THH"
    rank = lambda ps: next(i for i, p in enumerate(ps + [None]) if p is None or p.dispatch == "1181/BTTTT-THH")  # noqa: E731
    assert rank(ctx) <= rank(plain)


def test_a_named_dispatch_or_form_overrides_the_context(kb):
    a = kb.ask("hạn nộp công văn 232?", dispatch="1181/BTTTT-THH")
    assert a.dispatch == "232/BTTTT-KHTC" and "25/7/2018" in a.text
    passages = kb.search("Biểu 04 gồm những cột nào?", k=3, dispatch="1181/BTTTT-THH")
    assert passages[0].section.endswith("Biểu 04/BCKH")


def test_context_does_not_hide_a_question_about_another_dispatch(kb):
    # Inside a 1181 form, the question's own words ("hàng tháng") point to the monthly report.
    a = kb.ask("Hạn nộp báo cáo hàng tháng là ngày nào?", dispatch="1181/BTTTT-THH")
    assert a.dispatch == "1485/BTTTT-UDCNTT" and "trước ngày 22 hàng tháng" in a.text
    a = kb.ask("Tạo lập dữ liệu gồm những hoạt động nào?", dispatch="1181/BTTTT-THH")
    assert a.passages[0].dispatch == "232/BTTTT-KHTC" and "thu thập, kiểm tra và số hóa" in a.text


def test_unknown_context_is_ignored(kb):
    a = kb.ask("han nop bao cao nay khi nao?", dispatch="9999/XYZ")
    assert a.dispatch is None and not a.confident  # no context: which dispatch? (below)


def test_deadline_without_any_dispatch_asks_which_one(kb):
    # Nothing in the question singles out a dispatch: never one silently, never an overview of all.
    a = kb.ask("hạn nộp báo cáo khi nào?")
    assert not a.confident and a.text.startswith("Câu hỏi chưa nêu công văn nào")
    listed = [d.so_hieu for d in kb.dispatches() if f"Công văn {d.so_hieu}" in a.text]
    assert len(listed) >= 2 and "Ông/bà có thể hỏi cụ thể hơn" in a.text


# --- K2: metadata answers end with the citation of the passage they quote ----------------------------


@pytest.mark.parametrize(
    "question,dispatch,found",
    [
        ("han nop bao cao hang thang la ngay nao?", "1485/BTTTT-UDCNTT", "trước ngày 22 hàng tháng"),
        ("Liên hệ ai về công văn 1485?", "1485/BTTTT-UDCNTT", "nptien@mic.gov.vn"),
        ("Ai ký công văn 1064?", "1064/BTTTT-THH", "Nguyễn Thành Hưng"),
        ("Ai ký công văn 232?", "232/BTTTT-KHTC", "KT. BỘ TRƯỞNG"),
        ("cv 232 hạn gửi kế hoạch?", "232/BTTTT-KHTC", "trước ngày 25/7/2018"),
        ("Số điện thoại liên hệ về công văn 1064?", "1064/BTTTT-THH", "090.4136368"),
    ],
)
def test_metadata_answer_ends_with_citation_of_its_passage(kb, question, dispatch, found):
    a = kb.ask(question)
    assert a.confident and a.dispatch == dispatch
    lines = a.text.strip().split("\n")
    cite = next(i for i, ln in enumerate(lines) if CITE_RE.match(ln))
    assert all(not CITE_RE.match(ln) for ln in lines[:cite]) and lines[cite + 1 : cite + 2] in ([], ["Xem thêm:"])
    m = CITE_RE.match(lines[cite])
    assert m, a.text
    assert m.group(1) == dispatch
    # The cited section is the passage that holds what the answer states.
    assert found in _chunk_text(kb, dispatch, m.group(2)), m.group(2)


# --- K3: deadlines ranked by relevance ------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "deadline for the e-government architecture draft",
        "Dự thảo Kiến trúc Chính phủ điện tử gửi khi nào?",
        "cv 1064 han gui du thao kien truc",
    ],
)
def test_most_relevant_deadline_comes_first(kb, question):
    a = kb.ask(question)
    assert a.dispatch == "1064/BTTTT-THH"
    first = a.text.index("trước ngày 30/7/2018")
    other = a.text.find("trước tháng 9/2018")
    assert other == -1 or first < other


def test_deadline_ranking_follows_the_question(kb):
    a = kb.ask("Văn bản 1665/VPCP-KSTT yêu cầu hoàn thành Kiến trúc khi nào, theo công văn 1064?")
    assert "trước tháng 9/2018" in a.reply and "30/7/2018" not in a.reply


# --- K4: table headers as a hierarchy -------------------------------------------------------------


def test_bieu_04_columns_listed_in_order_as_hierarchy(kb):
    a = kb.ask("Biểu 04 gồm những cột nào?")
    line = next(ln for ln in a.text.split("\n") if ln.startswith("Các cột:"))
    assert line == (
        "Các cột: TT; Dự án, Nhiệm vụ; Mục tiêu; Nội dung nhiệm vụ (chi tiết); Khối lượng thực hiện; "
        "Địa điểm triển khai; Cơ quan chủ trì; Tổng mức đầu tư; Nguồn vốn › NSTW › Đầu tư, Sự nghiệp; "
        "Nguồn vốn › NSĐP › Đầu tư, Sự nghiệp; Ghi chú."
    )
    note = next(ln for ln in a.text.split("\n") if ln.startswith("Lưu ý:"))
    assert "“NSEP”" in note and "“NSĐP”" in note and "“NSTU”" in note
    assert a.text.strip().split("\n")[-1].startswith("•") or CITE_RE.match(a.text.strip().split("\n")[-1])
    assert "(Công văn 232/BTTTT-KHTC ngày 19/7/2018 — Phụ lục 2 › Biểu 04/BCKH)" in a.text


def test_single_row_header_has_no_correction_note(kb):
    a = kb.ask("mau 1 co nhung cot nao")
    assert "Các cột: TT; Tên Hệ thống thông tin;" in a.text
    assert "Hiện trạng triển khai (đã triển khai xong, đang triển khai, dự định triển khai)" in a.text
    assert "Lưu ý:" not in a.text


def test_header_reconstruction_by_cell_position():
    table = "\n".join(
        [
            "STT\tTên\tKinh phí\t\t\tGhi chú\t",
            "\t\tNăm 2019\t\tNăm 2020\t\t",
            "\t\tNSTU\tKhác\t\t\t",
            "I\tNhóm A\t\t\t\t\t",
        ]
    )
    rows = header_rows(split_rows(table))
    assert len(rows) == 3
    assert column_paths(rows) == [
        ["STT"],
        ["Tên"],
        ["Kinh phí", "Năm 2019", "NSTU"],
        ["Kinh phí", "Năm 2019", "Khác"],
        ["Kinh phí", "Năm 2020"],
        ["Ghi chú"],
    ]
    listing = describe_header(table)
    assert listing.text == "STT; Tên; Kinh phí › Năm 2019 › NSTW, Khác; Kinh phí › Năm 2020; Ghi chú"
    assert listing.corrected == [("NSTU", "NSTW")]


def test_ocr_fix_is_whole_word_only():
    listing = describe_header("Mã NSTUX\tNSTU\n1\tx")
    assert listing.text == "Mã NSTUX; NSTW"


# --- K5: what a dispatch asks for -------------------------------------------------------------------


def test_what_does_1064_ask_for(kb):
    a = kb.ask("Công văn 1064 yêu cầu gì?")
    d = kb.dispatch("1064")
    assert a.confident and a.dispatch == "1064/BTTTT-THH"
    assert d.subject in a.text
    assert "trân trọng đề nghị" in a.text
    # Both numbered requests and the sub-points of the second.
    assert "chưa xây dựng, ban hành Kiến trúc" in a.text and "đã ban hành Kiến trúc" in a.text
    assert "Triển khai thực hiện các nhiệm vụ, giải pháp theo lộ trình" in a.text
    assert "trước ngày 30/7/2018" in a.text
    # Not the arbitrary opening paragraph the plain extractive answer used to quote.
    assert "Trương Hòa Bình" not in a.text
    assert any(CITE_RE.match(line) for line in a.text.split("\n"))


@pytest.mark.parametrize(
    "question,dispatch,expected",
    [
        ("cv 1181 noi dung chinh la gi", "1181/BTTTT-THH", ["Phổ biến Thông tư", "Cung cấp danh mục", "15/5/2015", "Mẫu 1, Mẫu 2"]),
        ("What is dispatch 232 about?", "232/BTTTT-KHTC", ["Về thời hạn gửi báo cáo", "Về mẫu biểu", "25/7/2018", "Biểu 04/BCKH"]),
        ("Công văn 1485 đề nghị gì?", "1485/BTTTT-UDCNTT", ["báo cáo hàng tháng", "trước ngày 22 hàng tháng"]),
    ],
)
def test_dispatch_summaries(kb, question, dispatch, expected):
    a = kb.ask(question)
    assert a.dispatch == dispatch and a.confident
    for phrase in expected:
        assert phrase in a.text, phrase


def test_summary_from_context(kb):
    a = kb.ask("công văn này yêu cầu gì?", dispatch="1485/BTTTT-UDCNTT")
    assert a.dispatch == "1485/BTTTT-UDCNTT" and "trân trọng đề nghị Quý Cơ quan báo cáo hàng tháng" in a.text


def test_specific_question_with_a_summary_cue_is_not_summarised(kb):
    a = kb.ask("cv 1181 yeu cau gui ban mem ve dia chi nao")
    assert "ntthao@mic.gov.vn" in a.text and "Phổ biến Thông tư" not in a.text


def test_request_extraction_on_a_new_dispatch():
    text = (
        "Số: 12/ABC-XY\n\nKính gửi: Các Sở.\n\n"
        "Bộ đã đề nghị Bộ Tài chính bố trí kinh phí.\n\n"
        "Để triển khai, Bộ trân trọng đề nghị Quý Sở:\n\n"
        "1) Rà soát danh mục dịch vụ. Gửi kết quả về Bộ.\n\n"
        "2) Đối với các Sở đã triển khai:\n\n- Báo cáo kết quả; \n\n- Đề xuất kinh phí.\n\n"
        "Trân trọng./.\n\nNơi nhận:\n- Như trên;"
    )
    req = extract_requests(text)
    assert req is not None
    assert req.intro == "Để triển khai, Bộ trân trọng đề nghị Quý Sở:"
    assert [i.text for i in req.items] == ["1) Rà soát danh mục dịch vụ.", "2) Đối với các Sở đã triển khai:"]
    assert req.items[1].children == ["Báo cáo kết quả;", "Đề xuất kinh phí."]
    assert extract_requests("Số: 1/A-B\n\nKính gửi: X.\n\nThông báo lịch họp.") is None


# --- K6: chit-chat ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["xin chào", "cảm ơn", "chào bạn", "ok cảm ơn nhé"])
@pytest.mark.parametrize("context", [None, "1181/BTTTT-THH"])
def test_greetings_are_not_confident(kb, text, context):
    a = kb.ask(text, dispatch=context)
    assert not a.confident


# --- extractive answers: sentence choice -------------------------------------------------------------


def test_sentences_split_only_before_a_real_capital():
    from knowledge.text import split_sentences

    text = "Tập trung đầu tư bảo đảm an toàn thông tin; ưu tiên bố trí kinh phí. Sau đó: Báo cáo kết quả."
    assert split_sentences(text) == [
        "Tập trung đầu tư bảo đảm an toàn thông tin; ưu tiên bố trí kinh phí.",
        "Sau đó:",
        "Báo cáo kết quả.",
    ]


def test_table_row_groups_list_their_rows(kb):
    a = kb.ask("Biểu 04/BCKH có nhóm dòng nào cho nguồn vốn sự nghiệp?")
    assert "• II. Thực hiện bằng nguồn vốn sự nghiệp (ngoài DABT): 1. Thuê dịch vụ CNTT; 2. Chuyển đổi, chuẩn hóa CSDL;" in a.text
    assert "• I. Thực hiện bằng các dự án đầu tư: 1. Dự án ứng dụng CNTT;" in a.text


def test_numbered_heading_brings_its_sub_items(kb):
    a = kb.ask("uu tien dau tu gi trong linh vuc ung dung cntt nam 2019")
    assert "1.1. Đối với lĩnh vực ứng dụng công nghệ thông tin" in a.text
    assert "(LGSP)" in a.text and "Kiến trúc Chính phủ điện tử cấp bộ" in a.text


def test_heading_words_do_not_crowd_out_the_answer(kb):
    # The reply is a sentence about the rental plan's budget, never the form's title line alone. Two
    # passages answer: item 5 of the rental plan's form, or Phụ lục 2's rule for that plan's budget.
    a = kb.ask("Kinh phí thuê dịch vụ CNTT cần thuyết minh những gì?")
    assert a.confident and not a.reply.isupper()
    assert "Kinh phí đối ứng của địa phương" in a.reply or "thuyết minh chi tiết dự toán kinh phí" in a.reply
