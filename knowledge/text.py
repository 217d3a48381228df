"""Vietnamese text helpers shared by parsing, chunking, indexing and query understanding.

Why: the corpus is OCR'd and users type with or without diacritics, so every comparison is done
on *folded* text (diacritics removed, đ→d, lower case). Tokens for BM25 are syllables plus
syllable bigrams, which stand in for Vietnamese multi-syllable words without a word segmenter.
"""

from __future__ import annotations

import re
import unicodedata

from vntext.text import fold, strip_controls

__all__ = [
    "bm25_tokens", "ends_sentence", "fold", "nfc", "split_sentences", "strip_controls", "strip_markup", "syllables",
]

_TOKEN_RE = re.compile(r"[a-z0-9]+")
_MARKUP_RE = re.compile(r"\*\*|\*|~~|<[^>]{1,12}>|^#{1,6}\s*", re.M)
_MAILTO_RE = re.compile(r"\[([^\]]+)\]\(mailto:[^)]+\)")


def nfc(text: str) -> str:
    """Normalise to NFC so that composed and decomposed input compare equal."""
    return unicodedata.normalize("NFC", text)


def strip_markup(text: str) -> str:
    """Remove the markdown/HTML decoration the OCR left (``**``, ``*``, ``~~``, ``<i>``, ``#``, mailto links)."""
    text = _MAILTO_RE.sub(r"\1", text)
    return _MARKUP_RE.sub("", text)


def syllables(text: str) -> list[str]:
    """Folded alphanumeric syllables of ``text``."""
    return _TOKEN_RE.findall(fold(text))


def bm25_tokens(text: str) -> list[str]:
    """Syllables plus adjacent-syllable bigrams (``"ke_hoach"``), the lexical index vocabulary."""
    syl = syllables(text)
    return syl + [f"{a}_{b}" for a, b in zip(syl, syl[1:])]


_SENTENCE_END_RE = re.compile(r"(?<=[.;!?:])\s+")


def _starts_clause(text: str) -> bool:
    """True if ``text`` starts a new sentence: an upper-case letter (Unicode-aware, so "ư" is
    not taken for a capital), a digit, a quote or parenthesis, possibly after a list bullet."""
    head = text.lstrip("-+• \t")[:1]
    return bool(head) and (head.isupper() or head.isdigit() or head in "\"“(")


# A list of short items after a colon ("Biểu mẫu gồm các cột: STT; Tên dự án; Địa điểm; …"): one sentence, not
# one per item. Items are short (a column's label, a unit's name) and not labelled clauses ("a) Rà soát …").
_LIST_ITEM_WORDS = 12
_LABELLED_RE = re.compile(r"^(?:[a-zđ]\)|\d{1,2}[.)]|[-+•])")


def _short_list_start(line: str) -> int:
    """Where the short-item list of ``line`` starts (just after its colon), or -1."""
    for m in re.finditer(r":\s+", line):
        items = [it.strip() for it in line[m.end():].rstrip(" .").split(";")]
        if len(items) >= 3 and all(it and ":" not in it and not _LABELLED_RE.match(it)
                                   and len(it.split()) <= _LIST_ITEM_WORDS for it in items):
            return m.end()
    return -1


def _split_line(line: str) -> list[str]:
    listed = _short_list_start(line)
    if listed > 0:
        head = _split_line(line[:listed].rstrip())
        return head[:-1] + [f"{head[-1]} {line[listed:].strip()}"] if head else [line[listed:].strip()]
    pieces: list[str] = []
    start = 0
    for m in _SENTENCE_END_RE.finditer(line):
        rest = line[m.end() :]
        # After ":" only a capitalised clause starts a sentence ("điện thoại: 0239…" is one sentence).
        if _starts_clause(rest) and not (line[m.start() - 1] == ":" and rest.lstrip("-+• \t")[:1].isdigit()):
            pieces.append(line[start : m.start()])
            start = m.end()
    pieces.append(line[start:])
    return [p.strip() for p in pieces if p.strip()]


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences (also at ``;``/``:`` before a capitalised clause and at line starts of lists)."""
    parts: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        pieces = _split_line(line)
        merged: list[str] = []
        for piece in pieces:
            if merged and _LABEL_ONLY_RE.match(merged[-1]):
                merged[-1] = f"{merged[-1]} {piece}"  # "1." + "Tên hệ thống" is one item
            else:
                merged.append(piece)
        parts.extend(merged)
    return parts


_LABEL_ONLY_RE = re.compile(r"^[-+•]?\s*(?:\d{1,2}(?:\.\d{1,2})*|[IVX]{1,4}|[A-H])[.)]$")


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends where a sentence may end (punctuation, or a short heading-like line)."""
    stripped = text.rstrip(" *_\t")
    return bool(stripped) and stripped[-1] in ".;:!?)\"”/"
