"""Vietnamese syllables and tokens: the one tokenizer of the diacritics model builder and restorer.

Split out of :mod:`vntext.diacritics` (which re-exports these names): folding a syllable, the canonical
tone placement, and the token kinds ("word", "fixed", "abbr", "num", "other").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Special LM tokens (the first ids of the vocabulary, in this order).
BOS, EOS, NUM, ABBR, UNK = "<s>", "</s>", "<num>", "<abbr>", "<unk>"
SPECIALS = (BOS, EOS, NUM, ABBR, UNK)

_CHUNK = re.compile(r"\S+")
_RUN = re.compile(r"[^\W\d_]+")
_CODE = re.compile(r"[0-9/@_\\&#%=+]|\w[.:]\w")
_VOWEL = re.compile(r"[aeiouy]", re.IGNORECASE)
_D = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})
_TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # huyền, sắc, hỏi, ngã, nặng

def strip_diacritics(text: str) -> str:
    """Remove every diacritic but keep case and everything else: "Quyết định 12/QĐ" → "Quyet dinh 12/QD"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _old_to_new_marks() -> dict[str, str]:
    """Tone on the first vowel of final oa/oe/uy ("hoà" → "hòa", "thuỷ" → "thủy"), one spelling for counting."""
    table = {}
    for tone in _TONES:
        for glide, vowel in (("o", "a"), ("o", "e"), ("u", "y")):
            old = glide + unicodedata.normalize("NFC", vowel + tone)
            table[old] = unicodedata.normalize("NFC", glide + tone) + vowel
    return table


_OLD_TO_NEW = _old_to_new_marks()


def canonical_syllable(syllable: str) -> str:
    """Lower case, NFC, tone mark placed the usual way in official text ("Hoà" → "hòa", "quý" unchanged)."""
    s = unicodedata.normalize("NFC", syllable.lower())
    tail = s[-2:]
    if tail in _OLD_TO_NEW and not (tail[0] == "u" and s[-3:-2] == "q"):
        return s[:-2] + _OLD_TO_NEW[tail]
    return s


def plain_key(syllable: str) -> str:
    return strip_diacritics(syllable).lower()


@dataclass(frozen=True)
class Token:
    """One unit of the text: ``kind`` is "word" (plain, may be restored), "fixed" (has diacritics,
    kept), "abbr", "num" (numbers and codes) or "other" (never a Vietnamese syllable)."""

    start: int
    end: int
    text: str
    kind: str
    after_break: bool  # punctuation between this token and the previous one (LM context restarts)


def _mid_sentence(text: str, tokens: list[Token], gap: str) -> bool:
    """Whether the next token follows a word of the same sentence (not the start of a line or sentence)."""
    return bool(tokens) and "\n" not in gap and not gap.strip(" \t,;:-–—\"'“”()") \
        and not text[:tokens[-1].end].rstrip().endswith((".", "!", "?", ":"))


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens; the same rules serve the model builder and the restorer."""
    chunks = list(_CHUNK.finditer(text))
    runs_upper = [r.group() for c in chunks if not _CODE.search(c.group()) for r in _RUN.finditer(c.group())]
    long_runs = [r for r in runs_upper if len(r) > 1]
    shouting = len(long_runs) >= 3 and sum(r.isupper() for r in long_runs) >= 0.6 * len(long_runs)
    tokens: list[Token] = []
    last_end = 0
    for chunk in chunks:
        word = chunk.group()
        core = word.strip("\"'“”‘’()[]{}<>,.;:!?…-–—*·•")
        if core and _CODE.search(core):
            start = chunk.start() + word.index(core)
            spans = [(start, start + len(core), core, "num")]
        else:
            spans = []
            for run in _RUN.finditer(word):
                piece = run.group()
                if not piece.isascii():  # capitals with diacritics are words ("TỔNG CỘNG"), unless vowel-less ("HĐND")
                    kind = "fixed" if _is_vietnamese(piece) and _has_vowel(piece) else \
                        "abbr" if piece.isupper() else "other"
                elif piece.isupper() and not shouting and (len(piece) > 1 or run.end() < len(word)):
                    kind = "abbr"
                else:
                    kind = "word"
                spans.append((chunk.start() + run.start(), chunk.start() + run.end(), piece, kind))
        for start, end, piece, kind in spans:
            gap = text[last_end:start]
            if kind == "word" and len(piece) == 1 and piece.isupper() and not shouting and \
                    (_mid_sentence(text, tokens, gap) or text[end:end + 1] in ".)"):
                kind = "fixed"  # a label kept as typed, still context: "hệ thống A", "Sở Y tế", "A. Mục tiêu"; not "Ý kiến …"
            tokens.append(Token(start, end, piece, kind, not tokens or bool(gap.strip()) or "\n" in gap))
            last_end = end
    return tokens


def capitalised_inside(text: str, tokens: list[Token], i: int) -> bool:
    """True when token ``i`` starts with a capital but does not start a sentence or a line."""
    tok = tokens[i]
    if not tok.text[:1].isupper() or (tok.text.isupper() and len(tok.text) > 1):
        return False
    before = text[:tok.start].rstrip(" \t")
    return bool(before) and before[-1] not in ".!?:;\n\"“(-–—•*"


def in_capitalised_name(text: str, tokens: list[Token], i: int) -> bool:
    """True when token ``i`` is capitalised inside a sentence, or starts one and the next word is capitalised
    too or an abbreviation: a name ("Sở Tài chính báo cáo", "Sở TTTT"), not an ordinary first word."""
    if capitalised_inside(text, tokens, i):
        return True
    tok = tokens[i]
    if not tok.text[:1].isupper() or (tok.text.isupper() and len(tok.text) > 1) or i + 1 >= len(tokens):
        return False
    nxt = tokens[i + 1]
    return not nxt.after_break and (nxt.kind == "abbr" or (nxt.text[:1].isupper() and not nxt.text.isupper()))


def _is_vietnamese(piece: str) -> bool:
    return strip_diacritics(piece).isascii()


def _has_vowel(piece: str) -> bool:
    return bool(_VOWEL.search(strip_diacritics(piece)))


def lm_sentences(text: str) -> list[list[str]]:
    """Accented ``text`` as LM token sequences, split at punctuation (what the model builder counts)."""
    sentences: list[list[str]] = []
    for tok in tokenize(unicodedata.normalize("NFC", text)):
        if tok.after_break or not sentences:
            sentences.append([])
        sentences[-1].append(lm_key(tok))
    return [s for s in sentences if s]


def lm_key(tok: Token) -> str:
    if tok.kind == "num":
        return NUM
    if tok.kind == "abbr":
        return ABBR
    if tok.kind == "other":
        return UNK
    return canonical_syllable(tok.text)
