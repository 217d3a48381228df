"""Is a message typed into a field a question rather than an answer?  Decided with the field's type.

Why: "khoan, mau bao cao hang thang gom nhung muc gi?" was stored as the agency's name.  The rule:

* a number, money, date, month, year, yes/no or choice field: text that parses as the field's value
  is an answer; text that does not parse and has an interrogative form (a "?", or a question word
  anywhere: gì, nào, bao nhiêu, thế nào, ntn, khi nào, ở đâu, có phải, sao, what, how...) is a question;
* a table waiting between rows (commands, pasted rows, "dòng 2 tổng mức 12 tỷ", a first value) takes a
  one-line message with a question word ("ai ký công văn này") as a question;
* a text or long-text field takes almost anything as an answer ("Hệ thống nào cũng phải kết nối"), so
  only an explicit question form counts: a final "?", a question opener ("cho hỏi", "làm sao",
  "tại sao", "có phải", "what", "how"...) or a question tail ("… là gì", "… thế nào", "… được không",
  "… ở đâu", "… bao nhiêu").

Pure and cheap (no model): the conversation asks it before handing a message to the form.
"""

from __future__ import annotations

import re

from forms.parsers import ParseError, is_none_answer, parse_value
from vntext.text import fold

__all__ = ["looks_like_question"]

#: Question words that make a message a question in a typed (non-text) field, wherever they stand.
_WORDS = {"gi", "nao", "sao", "dau", "ntn", "what", "how", "why", "where", "when", "which", "who", "hoi", "k", "ko"}
_PHRASES = ("bao nhieu", "the nao", "khi nao", "o dau", "co phai", "bao gio", "nhu nao", "la sao", "duoc khong",
            "phai khong", "co duoc", "the nao", "co khong", "chua nhi", "khong nhi", "ghi gi", "nhap gi", "dien gi")
#: Openers that make any message a question.
_OPENERS = ("cho hoi", "xin hoi", "hoi chut", "hoi ti", "cho em hoi", "cho toi hoi", "lam sao", "lam the nao",
            "tai sao", "vi sao", "sao lai", "the nao", "nhu the nao", "co phai", "co can", "can ghi", "ghi gi",
            "what", "how", "why", "where", "when", "which", "is it", "can i", "do i", "khoan",
            "o day", "muc nay", "cot nay", "cau nay", "o nay", "truong nay")
#: Tails that make any message a question ("… là gì", "… được không").
_TAILS = ("la gi", "gi vay", "gi a", "gi ha", "gi nhi", "the nao", "ntn", "nhu nao", "o dau", "khi nao",
          "bao gio", "bao nhieu", "duoc khong", "duoc ko", "duoc k", "phai khong", "phai ko", "khong a", "ko a",
          "chua a", "khong nhi", "the a", "vay", "sao", "nao a", "nao vay", "nhung gi", "nhung muc gi", "gom gi")
#: Verbs of filling in: a message that starts with one and holds a question word asks how to fill
#: ("viết bao nhiêu chữ thì đủ"), even in a text field.
_FILL_VERBS = {"ghi", "viet", "nhap", "dien", "chon", "tinh", "lay", "khai"}
#: Yes/no particles closing a question in a typed field ("tính cả đơn vị trực thuộc không").
_YESNO_TAILS = {"khong", "ko", "k", "chua", "ha", "a", "nhi"}
#: Answers that only look like questions ("không có gì", "chưa có gì").
_NOT_QUESTIONS = re.compile(r"^(?:khong|chua|ko)\s+(?:co\s+)?gi(?:\s+ca)?$")


def _norm(text: str) -> tuple[str, str]:
    """(folded words joined by one space, the stripped text)."""
    stripped = (text or "").strip()
    return " ".join(re.findall(r"[0-9a-z]+", fold(stripped))), stripped


def _explicit(words: str, stripped: str) -> bool:
    if stripped.endswith("?") or stripped.endswith("？"):
        return True
    if not words or _NOT_QUESTIONS.match(words):
        return False
    padded = f" {words} "
    if any(padded.startswith(f" {o} ") for o in _OPENERS):
        return True
    return any(padded.endswith(f" {t} ") for t in _TAILS) and len(words.split()) >= 2


def looks_like_question(text: str, field_type: str = "text", options: tuple[str, ...] | list[str] = ()) -> bool:
    """True when ``text`` typed into a field of ``field_type`` asks something rather than answers."""
    words, stripped = _norm(text)
    if not stripped:
        return False
    tokens = words.split()
    asks = any(t in _WORDS for t in tokens) or any(f" {p} " in f" {words} " for p in _PHRASES)
    if field_type == "table_menu":  # at a table between rows: commands, pasted rows, one-cell edits, values
        pasted = "\n" in stripped or any(sep in stripped for sep in ("|", ";", "\t"))
        return _explicit(words, stripped) or (not pasted and (asks or "ai" in tokens))
    if field_type in ("text", "longtext", "period", "table"):
        return _explicit(words, stripped) or (bool(tokens) and tokens[0] in _FILL_VERBS and asks)
    if is_none_answer(stripped):
        return False
    try:
        parse_value(field_type, stripped, options=list(options) or None)
        return False  # it is a valid answer
    except (ParseError, ValueError):
        pass
    if _explicit(words, stripped) or asks:
        return True
    return len(tokens) >= 3 and tokens[-1] in _YESNO_TAILS
