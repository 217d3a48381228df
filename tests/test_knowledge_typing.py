"""How officials type and what a question is about: a formal letter's opening ("Kính đề nghị cho biết, …") that asks
nothing, English told from unaccented Vietnamese, Telex keys
the keyboard did not convert, typos that keep typed diacritics, "ký"/"kí", provinces and dispatches the
base does not hold, questions about a law rather than a dispatch, "which circular" questions, and
signature blocks with blank lines.  None of these questions is in the benchmark sets.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeBase
from knowledge.english import is_english
from knowledge.query import cue_form, understand
from knowledge.signature import parse_signer
from knowledge.spelling import SyllableSpeller, telex, without_polite_frame
from tests.knowledge_fixtures import copy_index
from vntext.names import places_in

DISPATCHES = Path(__file__).parent / "data" / "dispatches"


@pytest.mark.parametrize("typed, meant", [
    ("Kính đề nghị cho biết, theo Công văn số 232, hạn nộp là ngày nào?", "theo Công văn số 232, hạn nộp là ngày nào?"),
    ("Trân trọng đề nghị Quý Sở làm rõ: kinh phí lấy từ nguồn nào?", "kinh phí lấy từ nguồn nào?"),
    ("xin cho biet muc phu cap", "muc phu cap"),
    ("Xin hỏi hạn nộp", "hạn nộp"),
    # Nothing to take away: a request that is the question, "Hội đồng" typed without accents, the frame alone.
    ("Đề nghị các đơn vị làm gì?", "Đề nghị các đơn vị làm gì?"),
    ("Hoi dong nhan dan tinh hop khi nao", "Hoi dong nhan dan tinh hop khi nao"),
    ("Đề nghị cho biết", "Đề nghị cho biết"),
])
def test_a_formal_opening_that_asks_nothing_is_set_aside(typed, meant):
    assert without_polite_frame(typed) == meant


@pytest.mark.parametrize("question", [
    "Who must receive the monthly digital signature report in Quảng Trị?",
    "what is the deadline for the land database report",
    "Is there an annex with the staffing table?",
    "Which agency signed the Hà Tĩnh letter about quarterly reports?",
])
def test_english_questions_are_english_even_with_vietnamese_names(question):
    assert is_english(question)


@pytest.mark.parametrize("question", [
    "han nop bao cao giai ngan von dau tu cong la ngay nao",
    "cv so suc khoe dien tu gui ve dau",
    "bc cds quy gui sdt nao lh",
    "Tỉnh nào phải báo cáo cơ sở dữ liệu đất đai?",
])
def test_vietnamese_questions_typed_any_way_are_not_english(question):
    assert not is_english(question)


@pytest.mark.parametrize("typed, meant", [("vawn", "văn"), ("nguwowif", "người"), ("dduwowcj", "được"),
                                          ("truwowngf", "trường"), ("hanj", "hạn")])
def test_telex_keys_the_keyboard_left_are_decoded(typed, meant):
    assert telex(typed) == meant


def test_a_typo_keeps_the_diacritics_that_were_typed():
    speller = SyllableSpeller(["những đơn vị như sau", "như trên", "như vậy", "những nội dung"] * 3)
    assert speller.correct_typed("nhữg") == "những"  # not the more frequent "như"
    assert speller.correct_typed("vawn") == "vawn"  # "văn" is not in this corpus: left as typed
    assert speller.correct_typed("nhug") in ("nhu", "nhung")  # no diacritics typed: frequency decides


def test_final_y_and_i_are_one_spelling_for_cues():
    assert cue_form("ai ki") == cue_form("ai ky") == "ai ki"
    assert cue_form("ly do") == "li do" and cue_form("tay") == "tay"


def test_places_are_found_written_with_capitals_or_after_a_place_word():
    assert places_in("Báo cáo của tỉnh Kiên Giang gửi khi nào") == ["Kiên Giang"]
    assert places_in("tinh kien giang bc khi nao") == ["Kiên Giang"]
    assert places_in("UBND TP. Hồ Chí Minh yêu cầu gì") == ["Hồ Chí Minh"]
    assert places_in("vinh danh các tập thể tiêu biểu") == []
    # typed all in lower case on a phone: a name of two syllables or more counts without a capital
    assert places_in("so tttt binh dinh bc cds quy han ngay nao") == ["Bình Định"]


def test_a_dispatch_number_not_in_the_base_is_noted():
    q = understand("Công văn 7788/UBND-KT yêu cầu báo cáo gì?", {"1064": "1064/BTTTT-THH"})
    assert q.unknown_refs == ["7788"] and not q.dispatch_numbers
    known = understand("công văn 1064 yêu cầu gì", {"1064": "1064/BTTTT-THH"})
    assert known.dispatch_numbers == ["1064/BTTTT-THH"] and not known.unknown_refs
    cited = understand("Thông tư 22/2021/TT-BGDĐT quy định gì", {})
    assert not cited.unknown_refs  # a cited legal document (with its year) is not a dispatch


def test_a_signature_block_with_blank_lines_between_titles_gives_the_name():
    text = "Nơi nhận:\n\n- Như trên;\n\n- Lưu: VT.\n\nKT. CHỦ TỊCH\n\nPHÓ CHỦ TỊCH\n\n\nĐoàn Minh Khôi\n\nPHỤ LỤC\n"
    assert parse_signer(text) == ("Đoàn Minh Khôi", "KT. Chủ tịch, Phó Chủ tịch")


# --- on the knowledge base ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def kb(built_index_dir, tmp_path_factory):
    data = copy_index(built_index_dir, tmp_path_factory.mktemp("kb-typing"))
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("BAOCAO_LLM", raising=False)
        base = KnowledgeBase.open(data)
    files = sorted(p for p in DISPATCHES.iterdir() if p.suffix in (".txt", ".docx", ".pdf"))
    assert not base.ingest(files).errors
    return base


def test_signer_of_a_word_dispatch_with_blank_lines_in_its_signature(kb):
    a = kb.ask("Công văn của Bộ Tài nguyên và Môi trường về kết nối cơ sở dữ liệu đất đai do ai kí?")
    assert a.confident and a.kind == "signer" and "Trịnh Văn Hải" in a.reply


def test_own_date_is_written_as_the_date_line_writes_it(kb):
    a = kb.ask("công văn 286 của phòng tài chính kế hoạch được ký ngày nào")
    assert a.confident and a.kind == "date"
    assert "ngày 02 tháng 8 năm 2024" in a.reply and "02/8/2024" in a.reply


def test_which_decree_is_answered_from_the_citing_sentence(kb):
    a = kb.ask("Sở Nội vụ Nghệ An dựa vào nghị định nào khi yêu cầu báo cáo số lượng người làm việc?")
    assert a.confident and a.kind == "legal_ref" and a.dispatch == "512/SNV-TCBC"
    assert "Nghị định" in a.reply and "106/2020/NĐ-CP" in a.reply


def test_recipients_when_the_question_puts_words_inside_the_cue(kb):
    a = kb.ask("Sở Y tế Bình Định gửi văn bản về sổ sức khỏe điện tử cho những đơn vị nào?")
    assert a.confident and a.kind == "recipients" and a.dispatch == "3905/SYT-NVY"


def test_a_question_about_a_law_is_not_answered_with_a_dispatchs_signer(kb):
    a = kb.ask("Ai ký ban hành Luật Đất đai năm 2024?")
    assert a.kind != "signer" or not a.confident


def test_a_dispatch_the_base_does_not_hold_is_declined(kb):
    a = kb.ask("Công văn 7788/STTTT-CĐS hạn báo cáo quý là ngày nào?")
    assert not a.confident


def test_a_dispatch_cited_in_one_of_the_base_is_answered_through_it(kb):
    a = kb.ask("Công văn 1187/UBND-TCKH của Ủy ban nhân dân huyện về việc gì?")
    assert a.confident and a.dispatch == "286/TCKH" and "1187/UBND-TCKH" in a.reply


def test_a_province_the_dispatch_never_mentions_lowers_confidence(kb):
    base = kb.ask("Hạn gửi báo cáo chuyển đổi số hằng quý của Sở Thông tin và Truyền thông là ngày nào?")
    other = kb.ask("Hạn gửi báo cáo chuyển đổi số hằng quý của tỉnh Kiên Giang là ngày nào?")
    assert other.signals["foreign"] == 1.0 and base.signals["foreign"] == 0.0
    assert other.probability < base.probability


def test_an_outlines_parts_are_its_top_headings(kb):
    a = kb.ask("Phụ lục I của công văn chuyển đổi số Hà Tĩnh có bao nhiêu phần?")
    assert a.confident and a.kind == "section" and a.dispatch == "2145/STTTT-CĐS"
    assert "3 phần" in a.reply and "KẾT QUẢ THỰC HIỆN" in a.reply


def test_what_a_part_asks_for_is_the_lines_under_its_heading(kb):
    a = kb.ask("Theo Mẫu 2 của công văn 1181, mục kế hoạch triển khai cho các năm tiếp theo cần nêu những gì?")
    assert a.confident and a.kind == "section"
    assert "Phạm vi triển khai" in a.reply and "Những kết quả đã đạt được" not in a.reply


def test_an_english_word_no_dispatch_writes_is_not_counted_absent_twice():
    # Session 25: "thrift" is measured by unknown_english (the vocabulary lacks it); as an absent syllable it said the
    # answering dispatch lacks the topic, as it would of any English word. A name the corpus writes stays.
    from knowledge.evidence import Terms
    from knowledge.gate import _written

    class Corpus:
        idf = {"tiet": 2.0, "kiem": 2.0, "hai": 1.0, "phong": 1.0}

    terms = Terms({"thrift": 9.0, "tiet": 2.0, "kiem": 2.0, "hai": 1.0, "phong": 1.0}, {})
    english = understand("What does the thrift report in Hai Phong cover?", {})
    vietnamese = understand("báo cáo thrift ở Hải Phòng gồm gì", {})
    assert set(_written(Corpus(), terms, english).weights) == {"tiet", "kiem", "hai", "phong"}
    assert _written(Corpus(), terms, vietnamese) is terms
