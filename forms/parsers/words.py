"""Answers in words: a choice from a list, yes/no, "none" ("không có"), free text."""

from __future__ import annotations

import re
from typing import Sequence

from forms.parsers.base import SHORT_TEXT_MAX, Parsed, ParseError
from vntext.formatting import format_number
from vntext.text import (
    NO_WORDS,
    YES_WORDS,
    clean_user_text,
    fold,
    is_explicit_none,
    is_none,
    normalize_space,
    word_key,
)

__all__ = ["parse_choice", "parse_yesno", "NONE_TEXT", "is_none_answer", "is_explicit_none", "parse_text", "text_stats", "joined_paragraphs"]

# ---------------------------------------------------------------------------------------------
# Choices and yes/no
# ---------------------------------------------------------------------------------------------


def parse_choice(text: str, options: Sequence[str]) -> Parsed:
    """Pick one of ``options`` by number ("2"), text, unique prefix or unique word, any diacritics.

    Returns the option's canonical text.
    """
    if not options:
        raise ParseError("Trường này chưa có danh sách lựa chọn.")
    listing = "; ".join(f"{i}. {o}" for i, o in enumerate(options, 1))
    example = f"gõ số thứ tự (1–{len(options)}) hoặc tên lựa chọn: {listing}"
    raw = normalize_space(text)
    f = fold(raw).strip(" .)")
    if not f:
        raise ParseError("Ông/bà chưa chọn.", example)
    if re.fullmatch(r"\d+", f):
        n = int(f)
        if 1 <= n <= len(options):
            chosen = options[n - 1]
            return Parsed(chosen, f"{chosen}")
        raise ParseError(f"Không có lựa chọn số {n}.", example)
    folded = [fold(o) for o in options]
    for o, fo in zip(options, folded):
        if f == fo:
            return Parsed(o, f"{o}")
    for pred in (
        lambda fo: fo.startswith(f),
        lambda fo: re.search(r"(?:^|\W)" + re.escape(f), fo) is not None,
        lambda fo: f in fo,
    ):
        hits = [o for o, fo in zip(options, folded) if pred(fo)]
        if len(hits) == 1:
            return Parsed(hits[0], f"{hits[0]}")
        if len(hits) > 1:
            raise ParseError(f"“{raw}” khớp nhiều lựa chọn: {', '.join(hits)}.", example)
    raise ParseError(f"“{raw}” không có trong danh sách.", example)


#: Answers to a yes/no field beyond the common words: ticks and digits from forms, "rồi" ("done already").
_YES_EXTRA = frozenset({"1", "x", "true", "roi"})
_NO_EXTRA = frozenset({"0", "false", "khong co"})


def parse_yesno(text: str) -> Parsed:
    """Có/không in any spelling: có, co, c, yes, đúng, 1 → True; không, khong, k, no, sai, 0 → False."""
    f = word_key(text)
    if f in YES_WORDS or f in _YES_EXTRA:
        return Parsed(True, "Có")
    if f in NO_WORDS or f in _NO_EXTRA:
        return Parsed(False, "Không")
    raise ParseError(f"Hãy trả lời có hoặc không (“{normalize_space(text)[:50]}” chưa rõ).", "có, không, co, khong, c, k")


# ---------------------------------------------------------------------------------------------
# "None" answers ("không", "không có", "-")
# ---------------------------------------------------------------------------------------------

#: What a required text answer "không có" is stored as (with diacritics, as printed in the report).
NONE_TEXT = "Không có."


def is_none_answer(text: str) -> bool:
    """True for an answer that only means "none": "không", "không có", "khong co", "ko", "-",
    "không có gì", "không áp dụng" (any diacritics, trailing "." or "!" ignored).

    The engine records such an answer to an optional field as empty (never the literal word,
    which may be unaccented and would be printed in an official document).
    """
    return is_none(text)


# ---------------------------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------------------------


def parse_text(text: str, max_len: int = SHORT_TEXT_MAX, multiline: bool = False) -> Parsed:
    """Free text, cleaned of XML-forbidden control characters (emoji kept), within ``max_len``.

    Short text has its whitespace collapsed to single spaces; long text keeps line breaks.
    Too long → ParseError (the caller keeps the raw text so the user can shorten it).
    """
    value = clean_user_text(text) if multiline else normalize_space(text)
    if multiline:
        value = re.sub(r"[ \t]+\n", "\n", value)
        value = re.sub(r"\n{3,}", "\n\n", value)
    if not value:
        raise ParseError("Câu trả lời đang trống.", "gõ nội dung cần ghi vào báo cáo")
    if len(value) > max_len:
        raise ParseError(
            f"Câu trả lời dài {format_number(len(value))} ký tự, vượt giới hạn {format_number(max_len)} ký tự. "
            "Nội dung ông/bà gửi vẫn được giữ lại; hãy rút gọn rồi gửi lại.",
            None,
        )
    preview = value if len(value) <= 80 else value[:77] + "…"
    return Parsed(value, f"{preview}")


def text_stats(text: str) -> tuple[int, int]:
    """(paragraphs, characters) of a long answer, as every reply counts them: paragraphs are the
    non-blank lines, characters the length of the text as stored (line breaks included)."""
    value = text or ""
    return sum(1 for line in value.split("\n") if line.strip()), len(value)


def joined_paragraphs(buffer: list[str]) -> str:
    """The paragraphs collected so far as the answer will store them (so every count agrees)."""
    text = "\n".join(buffer)
    try:
        return parse_text(text, 10**9, multiline=True).value
    except ParseError:
        return text
