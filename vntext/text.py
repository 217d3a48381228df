"""Vietnamese text: folding for comparisons, cleaning user input, and the yes/no/none/done words.

Why: users type Vietnamese with or without diacritics, paste text from Word or PDFs that carries
control characters, and send emoji.  Every comparison is done on *folded* text (:func:`fold`);
anything stored or rendered is cleaned (:func:`clean_user_text`) so it is valid XML 1.0 text
without losing what the user meant.  This module imports nothing of the project.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "fold", "words", "clean_user_text", "normalize_space", "strip_controls", "word_key",
    "YES_WORDS", "NO_WORDS", "NONE_WORDS", "EXPLICIT_NONE_WORDS", "DONE_WORDS",
    "is_yes", "is_no", "is_none", "is_explicit_none", "is_done",
]

# XML 1.0 allows #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
# Everything else goes, plus C1 controls (legal but meaningless), the BOM and the invisible
# zero-width space / direction marks that only confuse matching.  ZWJ/ZWNJ stay (emoji sequences).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u200b\u200e\u200f\ufeff\ufffe\uffff]")
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x85]")
_ALL_WS = re.compile(r"\s+")
_TOKEN = re.compile(r"[0-9a-z]+")
_ASCII_WS = re.compile(r"[\t\n\x0b\x0c\r ]+")

# Letters that NFD does not decompose but Vietnamese readers take for "d" (ð/Ð are common OCR and
# keyboard substitutes for đ/Đ).
_D_LETTERS = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def fold(text: str) -> str:
    """Lower case, no diacritics (đ/Đ/ð/Ð → d), whitespace runs → one space, stripped.

    For matching only, never for display: ``fold("Biểu 04/BCKH  Ðầu tư") == "bieu 04/bckh dau tu"``.
    """
    if not text:
        return ""
    if text.isascii():
        return _ASCII_WS.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFD", text.translate(_D_LETTERS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _ALL_WS.sub(" ", stripped.lower().translate(_D_LETTERS)).strip()


def words(text: str) -> list[str]:
    """The folded alphanumeric tokens of ``text``: ``words("Hạn nộp: 15/5?") == ["han", "nop", "15", "5"]``."""
    return _TOKEN.findall(fold(text))


def strip_controls(text: str) -> str:
    """Remove characters XML 1.0 cannot hold and invisible marks; every line break becomes ``\\n``."""
    if not text:
        return ""
    return _FORBIDDEN.sub("", _LINE_BREAKS.sub("\n", text))


def clean_user_text(text: str) -> str:
    """Make user text safe to store and render: NFC, no control characters, trimmed.

    Newlines, tabs and emoji are kept; lone surrogates (which cannot be encoded) are dropped.
    """
    if not text:
        return ""
    return unicodedata.normalize("NFC", strip_controls(text)).strip()


def normalize_space(text: str) -> str:
    """Clean a single-line value: :func:`clean_user_text`, then every whitespace run → one space."""
    return _ALL_WS.sub(" ", clean_user_text(text)).strip()


# --------------------------------------------------------------------------------------------
# Short answers: yes / no / none / done.  The sets hold folded phrases as :func:`word_key` gives
# them: polite particles around the answer ("dạ có", "không ạ", "đúng rồi nhé") are not part of it.
# --------------------------------------------------------------------------------------------

#: "Yes" in any spelling, as an answer to a yes/no question or a confirmation.
YES_WORDS = frozenset({
    "co", "c", "yes", "y", "dung", "dung vay", "dong y", "ok", "oke", "okay", "u", "uh", "um",
    "vang", "da", "chac chan", "duoc",
})
#: "No" in any spelling.
NO_WORDS = frozenset({
    "khong", "k", "ko", "kg", "khg", "no", "n", "sai", "chua", "chua co", "thoi", "khong dong y",
})
#: "There is nothing": the deliberate statement "không có", which a required text field may hold.
EXPLICIT_NONE_WORDS = frozenset({"khong co", "ko co", "k co", "kg co", "khong co gi", "ko co gi"})
#: Everything that only means "none" (makes an optional field empty).
NONE_WORDS = EXPLICIT_NONE_WORDS | frozenset({
    "khong", "ko", "k", "kg", "khg", "khong ap dung", "ko ap dung", "n/a", "none",
    "-", "--", "---", "\u2013", "\u2014",
})
#: What ends a long answer ("xong rồi", "đã xong" too).  "tiếp" is not one: it is ambiguous ("next" or "more").
DONE_WORDS = frozenset({"xong", "het"})

_TRAILING = " .!?…,;"
_SHORT = 40  # every phrase above is shorter; longer text is never one of them
# Particles that only add politeness or aspect around a short answer: "ạ", "nhé", "rồi", "đấy"...
_AFTER = frozenset({"a", "ah", "ak", "nhe", "nha", "nhen", "roi", "day", "ha"})
# ... and before it: "dạ" / "đã" (both fold to "da"), when something follows.
_BEFORE = frozenset({"da"})


def word_key(text: str) -> str:
    """How a short answer is compared with the word sets: folded, final punctuation and the polite
    particles around it removed ("Dạ, không có ạ!" → "khong co"; "Đúng rồi nhé" → "dung")."""
    tokens = fold(text).rstrip(_TRAILING).lstrip(" ").replace(",", " ").split(" ")
    tokens = [t for t in tokens if t]
    while len(tokens) > 1 and tokens[-1] in _AFTER:
        tokens.pop()
    if len(tokens) > 1 and tokens[0] in _BEFORE:
        tokens.pop(0)
    return " ".join(tokens)


def _in(text: str, phrases: frozenset[str]) -> bool:
    return bool(text) and len(text) <= _SHORT and word_key(text) in phrases


def is_yes(text: str) -> bool:
    """True for "có", "co", "vâng", "đồng ý", "ok", "yes"... (any diacritics, final "." or "!" ignored)."""
    return _in(text, YES_WORDS)


def is_no(text: str) -> bool:
    """True for "không", "ko", "k", "no", "chưa", "thôi"..."""
    return _in(text, NO_WORDS)


def is_none(text: str) -> bool:
    """True for an answer that only means "none": "không", "không có", "-", "không áp dụng"..."""
    return _in(text, NONE_WORDS)


def is_explicit_none(text: str) -> bool:
    """True for "không có" in any spelling ("khong co", "không có gì")."""
    return _in(text, EXPLICIT_NONE_WORDS)


def is_done(text: str) -> bool:
    """True for "xong", "xong rồi", "đã xong", "hết" (a leading "/" is allowed: "/xong")."""
    return bool(text) and len(text) <= _SHORT and word_key(text).lstrip("/") in DONE_WORDS
