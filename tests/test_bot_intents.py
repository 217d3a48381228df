"""The question-versus-answer rule, form requests, commands and file names (pure functions)."""

from __future__ import annotations

import pytest

from bot.conversation.intents import classify, form_request, is_question, is_same_as_last_month, small_talk
from bot.uploads import extension_ok, safe_filename


@pytest.mark.parametrize(
    "text, field_type, expected",
    [
        ("cột Khối lượng thực hiện ghi gì?", "money", True),
        ("cot khoi luong thuc hien ghi gi", "money", True),
        ("hạn nộp khi nào?", "integer", True),
        ("han nop bao gio", "date", True),
        ("1.500 triệu", "money", False),
        ("15/5/2019", "date", False),
        ("200?", "money", True),  # a "?" in a numeric field is a question
        ("? Quyết định số 123", "text", True),  # explicit marker
        ("hỏi: ai ký công văn 1485", "text", True),
        ("Hệ thống nào cũng phải kết nối", "text", False),  # "nào" inside a free-text answer
        ("Tại sao phải làm vậy?", "longtext", True),
        ("Cổng thông tin điện tử", "text", False),
        ("Mục này ghi gì", "text", True),  # ends with a question word
        ("Giao cho đơn vị nào?", "text", True),
        ("Đầu tư hạ tầng (giai đoạn 2)", "longtext", False),  # "đầu" is not "đâu"
        ("có", "yesno", False),
        ("có phải bắt buộc không", "yesno", True),
        ("bất kỳ", None, True),  # no field open: everything is a question
    ],
)
def test_question_rule(text, field_type, expected):
    assert is_question(text, field_type) is expected


class Reg:
    """A registry stand-in: knows "bieu04" and "mau2" by their tokens."""

    def resolve(self, text):
        t = text.lower().replace("ể", "e").replace("ẫ", "a")
        if "bieu 04" in t or "bieu 4" in t or "bieu04" in t:
            return "bieu04"
        if "mau 2" in t or "mau2" in t:
            return "mau2"
        return None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("tôi cần làm biểu 04", "bieu04"),
        ("dien mau 2", "mau2"),
        ("Lập Biểu 04 giúp tôi", "bieu04"),
        ("Biểu 04 gồm những cột nào?", None),  # a question about a form is not a request
        ("biểu 04", None),  # no action word
        ("tôi cần làm báo cáo", None),  # no template named
    ],
)
def test_form_request(text, expected):
    assert form_request(text, Reg().resolve) == expected


def test_commands_and_aliases():
    sua = classify("/sua 3.1", in_form=True)
    assert (sua.kind, sua.command, sua.arg) == ("command", "goto", "3.1")
    assert classify("/dien@baocao_bot bieu04").command == "fill"  # addressed to the bot
    unknown = classify("/khonglenh")
    assert unknown.kind == "command" and unknown.command is None and unknown.arg == "/khonglenh"
    assert classify("không phải lệnh").kind == "question"  # idle: the knowledge base
    assert classify("quay lại", in_form=True).kind == "text"  # in a form the engine decides in context
    assert classify("tạm dừng", in_form=True).command == "pause"  # the bot stores the text and pauses
    assert classify("xong", in_form=True, at_end=True).kind == "export"
    assert classify("có", confirming=True).kind == "yes" and classify("giữ lại", confirming=True).kind == "no"


def test_same_as_last_month():
    assert is_same_as_last_month("Giống tháng trước")
    assert is_same_as_last_month("bao cao giong thang truoc")
    assert not is_same_as_last_month("tháng trước tôi đã nộp")


@pytest.mark.parametrize(
    "name, expected",
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\boot.ini", "boot.ini"),
        ("công văn 232.docx", "công_văn_232.docx"),
        ("\x00\x1b[31m.txt", "31m.txt"),
        ("....", "tep"),
        ("a" * 500 + ".pdf", "a" * 116 + ".pdf"),
    ],
)
def test_safe_filename(name, expected):
    assert safe_filename(name) == expected
    assert "/" not in safe_filename(name) and not safe_filename(name).startswith(".")


def test_extension_ok():
    assert extension_ok("a.DOCX") and extension_ok("b.pdf") and extension_ok("c.txt")
    assert not extension_ok("d.exe") and not extension_ok("e.docx.exe")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("xin chào", "greeting"),
        ("Chào bạn!", "greeting"),
        ("hello", "greeting"),
        ("alo", "greeting"),
        ("cảm ơn", "thanks"),
        ("Cám ơn bạn nhiều ạ", "thanks"),
        ("cam on nhe", "thanks"),
        ("ok", "ack"),
        ("OK.", "ack"),
        ("vâng ạ", "ack"),
        ("tạm biệt", "bye"),
        ("chào, hạn nộp khi nào?", None),  # content after the greeting: a question
        ("ok 15 tỷ", None),
        ("Cảm ơn vì đã hỗ trợ triển khai hệ thống", None),  # a sentence, not small talk
        ("Sở Thông tin và Truyền thông", None),
        ("Đà Nẵng", None),
        ("bạn", None),
        ("", None),
    ],
)
def test_small_talk(text, expected):
    assert small_talk(text) == expected


@pytest.mark.parametrize(
    "text, state",
    [
        ("có làm giống tháng trước được không?", {}),
        ("lam giong thang truoc duoc khong", {}),
        ("giúp tôi với, hạn nộp mẫu 2 là khi nào", {}),
        ("trợ giúp thì gõ lệnh nào?", {}),
        ("tiếp tục thì có mất dữ liệu không?", {}),
        ("xong chưa?", {"in_form": True, "at_end": True}),
        ("xuất file được không", {"in_form": True, "at_end": True}),
        ("hủy thì có mất dữ liệu không?", {"in_form": True, "field_type": "text"}),
        ("tạm dừng thì có mất không", {"in_form": True, "field_type": "money"}),
        ("sửa thế nào?", {"in_form": True, "field_type": "month"}),
        ("có nên hủy không?", {"confirming": True}),
        ("cho hỏi tên đơn vị ghi đầy đủ hay viết tắt", {"answering": "text"}),
    ],
)
def test_a_question_is_a_question_whatever_command_words_it_holds(text, state):
    """The question form is judged before command words, "giống tháng trước" and form requests."""
    intent = classify(text, resolve=Reg().resolve, **state)
    assert intent.kind == "question", (text, intent)


@pytest.mark.parametrize(
    "text, state, kind",
    [
        ("giống tháng trước", {}, "same_as_last"),
        ("xong", {"in_form": True, "at_end": True}, "export"),
        ("hủy", {"in_form": True, "field_type": "text"}, "command"),
        ("trợ giúp", {}, "command"),
        ("mau 2 cho he thong mot cua", {}, "form_request"),
        ("làm tiếp mẫu 2 dang dở hôm qua", {}, "command"),
        ("làm tiếp mẫu 2", {"in_form": True, "field_type": "text"}, "command"),
        ("Tiếp tục triển khai hệ thống", {"in_form": True, "field_type": "longtext"}, "text"),
        ("Hệ thống nào cũng phải kết nối", {"in_form": True, "field_type": "text"}, "text"),
        ("UBND TỈNH BẮC NINH", {"answering": "text"}, "text"),
        ("có", {"confirming": True}, "yes"),
    ],
)
def test_commands_and_answers_without_a_question_form_keep_their_meaning(text, state, kind):
    assert classify(text, resolve=Reg().resolve, **state).kind == kind, text


@pytest.mark.parametrize("typed, shown", [("Anh Tiến", "ông Tiến"), ("A. Tiến", "ông Tiến"), ("chị Lan", "bà Lan"),
                                          ("em Hoa", "Hoa"), ("Nguyễn Văn An", "Nguyễn Văn An"), ("Anh", "Anh")])
def test_people_are_echoed_formally(typed, shown):
    from bot.conversation.profile import describe, formal_person

    assert formal_person(typed) == shown
    assert f"Người liên hệ: {shown}" in describe({"nguoi_lien_he": typed})
