"""Restore Vietnamese diacritics: "Ket noi lien thong" → "Kết nối liên thông".

Why: officials type on phones without diacritics, and what they type goes into signed documents.
How: every plain (unaccented) syllable has a few accented forms; a syllable trigram language model
(interpolated Kneser-Ney, built by ``scripts/build_diacritics_model.py`` from a general Vietnamese
corpus plus the bundled dispatches and template labels, shipped in ``vntext/data``) picks the most
likely sequence with a Viterbi search.  Text the product knows (dispatches, labels, the agency
profile, the user's earlier answers) can be added as *context*: a small bigram model mixed in.

Left alone: syllables that already carry diacritics (kept as typed), abbreviations in capitals
(UBND, CSDL, LGSP), numbers and codes (``1234/QĐ-UBND``, e-mail addresses), words that are not
Vietnamese syllables (Zalo, email).  The model loads lazily, once, on first use.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import struct
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

__all__ = ["Restorer", "restore", "needs_restoring", "strip_diacritics", "canonical_syllable", "tokenize", "MODEL_PATH"]

MODEL_PATH = Path(__file__).parent / "data" / "diacritics-lm.bin.gz"
MAGIC = b"VNDIAC1\n"

# Special LM tokens (the first ids of the vocabulary, in this order).
BOS, EOS, NUM, ABBR, UNK = "<s>", "</s>", "<num>", "<abbr>", "<unk>"
SPECIALS = (BOS, EOS, NUM, ABBR, UNK)

_CHUNK = re.compile(r"\S+")
_RUN = re.compile(r"[^\W\d_]+")
_CODE = re.compile(r"[0-9/@_\\&#%=+]|\w[.:]\w")
_VOWEL = re.compile(r"[aeiouy]", re.IGNORECASE)
_D = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})
_TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # huyền, sắc, hỏi, ngã, nặng
_MAX_CANDIDATES = 10
_CONTEXT_WEIGHT = 0.1  # tuned on dev with the bundled dispatches and labels as context


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


def _plain_key(syllable: str) -> str:
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
        sentences[-1].append(_lm_key(tok))
    return [s for s in sentences if s]


def _lm_key(tok: Token) -> str:
    if tok.kind == "num":
        return NUM
    if tok.kind == "abbr":
        return ABBR
    if tok.kind == "other":
        return UNK
    return canonical_syllable(tok.text)


def write_model(path: Path, vocab: list[str], unigram: list[float], bigrams: dict, bigram_bow: dict,
                trigrams: dict, trigram_bow: dict, meta: dict) -> None:
    """Save a backoff model (natural-log probabilities and backoff weights) in the shipped format."""
    header = json.dumps({"vocab": vocab, "meta": meta}, ensure_ascii=False).encode()
    parts = [MAGIC, struct.pack("<I", len(header)), header]
    for table in (bigrams, bigram_bow, trigrams, trigram_bow):
        keys, values = array("Q", table.keys()), array("f", table.values())
        parts += [struct.pack("<I", len(keys)), keys.tobytes(), values.tobytes()]
    parts.append(array("f", unigram).tobytes())
    path.write_bytes(gzip.compress(b"".join(parts), compresslevel=9, mtime=0))


class LanguageModel:
    """The shipped trigram backoff model; ids pack into ints: ``(u << 32) | (v << 16) | w``."""

    def __init__(self, path: Path = MODEL_PATH) -> None:
        raw = gzip.decompress(path.read_bytes())
        if not raw.startswith(MAGIC):
            raise ValueError(f"{path} is not a diacritics model")
        pos = len(MAGIC)
        (size,) = struct.unpack_from("<I", raw, pos)
        header = json.loads(raw[pos + 4: pos + 4 + size])
        pos += 4 + size
        tables = []
        for _ in range(4):
            (n,) = struct.unpack_from("<I", raw, pos)
            keys = array("Q", raw[pos + 4: pos + 4 + 8 * n])
            values = array("f", raw[pos + 4 + 8 * n: pos + 4 + 12 * n])
            tables.append(dict(zip(keys, values)))
            pos += 4 + 12 * n
        self.bigrams, self.bigram_bow, self.trigrams, self.trigram_bow = tables
        self.vocab: list[str] = header["vocab"]
        self.meta: dict = header["meta"]
        self.unigram = array("f", raw[pos: pos + 4 * len(self.vocab)])
        self.ids = {w: i for i, w in enumerate(self.vocab)}
        by_key: dict[str, list[int]] = {}
        for i, w in enumerate(self.vocab):
            if not w.startswith("<"):
                by_key.setdefault(_plain_key(w), []).append(i)
        self.candidates = {k: sorted(v, key=lambda i: -self.unigram[i])[:_MAX_CANDIDATES] for k, v in by_key.items()}

    def logp(self, u: int, v: int, w: int) -> float:
        """ln P(w | u v) with backoff."""
        uv = (u << 16) | v
        p = self.trigrams.get((uv << 16) | w)
        if p is not None:
            return p
        bow = self.trigram_bow.get(uv, 0.0)
        p = self.bigrams.get((v << 16) | w)
        if p is not None:
            return bow + p
        return bow + self.bigram_bow.get(v, 0.0) + self.unigram[w]


class _ContextModel:
    """Witten-Bell bigram over accented texts the product knows; mixed linearly into the base model."""

    def __init__(self, texts: Iterable[str], lm: LanguageModel) -> None:
        self.words: list[str] = []
        self.ids: dict[str, int] = {}
        self.uni: dict[int, int] = {}
        self.bi: dict[tuple[int, int], int] = {}
        self.follow: dict[int, int] = {}
        self.types: dict[int, int] = {}
        base = len(lm.vocab)
        for text in texts:
            if not text or _accent_ratio(text, lm) < 0.5:  # unaccented text teaches nothing
                continue
            for sent in lm_sentences(text):
                ids = [lm.ids.get(w) if w in lm.ids else self._new_id(w, base) for w in [BOS, *sent, EOS]]
                for a, b in zip(ids, ids[1:]):
                    self.uni[b] = self.uni.get(b, 0) + 1
                    if (a, b) not in self.bi:
                        self.types[a] = self.types.get(a, 0) + 1
                    self.bi[(a, b)] = self.bi.get((a, b), 0) + 1
                    self.follow[a] = self.follow.get(a, 0) + 1
        self.total = sum(self.uni.values())

    def _new_id(self, word: str, base: int) -> int:
        if word not in self.ids:
            self.ids[word] = base + len(self.words)
            self.words.append(word)
        return self.ids[word]

    def prob(self, v: int, w: int) -> float:
        p1 = self.uni.get(w, 0) / self.total if self.total else 0.0
        n, t = self.follow.get(v, 0), self.types.get(v, 0)
        return (self.bi.get((v, w), 0) + t * p1) / (n + t) if n else p1


def _accent_ratio(text: str, lm: LanguageModel) -> float:
    """Share of Vietnamese syllables that carry diacritics, among those that could."""
    marked = plain = 0
    for tok in tokenize(unicodedata.normalize("NFC", text)):
        if tok.kind == "fixed":
            marked += 1
        elif tok.kind == "word":
            cands = lm.candidates.get(tok.text.lower())
            if cands and lm.vocab[cands[0]] != tok.text.lower():
                plain += 1
    return marked / (marked + plain) if marked + plain else 1.0


class Restorer:
    """Restores diacritics; build once with the texts the product knows: ``Restorer(context=[...])``."""

    def __init__(self, context: Iterable[str] = (), model: LanguageModel | None = None) -> None:
        self.lm = model or load_model()
        self.capital_weight = float(self.lm.meta.get("capital_weight", 0.0))
        self.capitalised: dict[str, int] = self.lm.meta.get("capitalised", {})
        texts = [t for t in context if t]
        self.context = _ContextModel(texts, self.lm) if texts else None
        self._extra: dict[str, list[int]] = {}
        if self.context:
            for word, i in self.context.ids.items():
                self._extra.setdefault(_plain_key(word), []).append(i)

    def needs_restoring(self, text: str) -> bool:
        """True when the text has Vietnamese syllables and most of them lack their diacritics."""
        return _accent_ratio(text, self.lm) < 0.5

    def restore(self, text: str) -> str:
        """The text (NFC) with diacritics restored on plain syllables; everything else as typed."""
        text = unicodedata.normalize("NFC", text)
        tokens = tokenize(text)
        forms: list[str] = []
        start = 0
        for end in range(1, len(tokens) + 1):
            if end == len(tokens) or tokens[end].after_break:
                choices = [self._choices(text, tokens, i) for i in range(start, end)]
                forms += [self._surface(tok, w) for tok, w in zip(tokens[start:end], self._decode(choices))]
                start = end
        pieces, last = [], 0
        for tok, form in zip(tokens, forms):
            pieces += [text[last:tok.start], form]
            last = tok.end
        pieces.append(text[last:])
        return "".join(pieces)

    def _choices(self, text: str, tokens: list[Token], i: int) -> list[tuple[int, float]]:
        """(candidate id, extra score) for token ``i``."""
        lm, tok = self.lm, tokens[i]
        if tok.kind == "word":
            key = tok.text.lower()
            cands = lm.candidates.get(key, []) + self._extra.get(key, [])
            if not cands:
                return [(lm.ids[UNK], 0.0)]
            if len(cands) > 1 and self.capital_weight and capitalised_inside(text, tokens, i):
                counts = [self.capitalised.get(self._word(w), 0) + 1 for w in cands]
                total = sum(counts)
                return [(w, self.capital_weight * math.log(c / total)) for w, c in zip(cands, counts)]
            return [(w, 0.0) for w in cands]
        if tok.kind in ("num", "abbr"):
            return [(lm.ids[NUM if tok.kind == "num" else ABBR], 0.0)]
        key = canonical_syllable(tok.text) if tok.kind == "fixed" else ""
        w = lm.ids.get(key)
        if w is None and self.context:
            w = self.context.ids.get(key)
        return [(w if w is not None else lm.ids[UNK], 0.0)]

    def _word(self, i: int) -> str:
        vocab = self.lm.vocab
        return vocab[i] if i < len(vocab) else self.context.words[i - len(vocab)]

    def _score(self, u: int, v: int, w: int) -> float:
        lm, ctx = self.lm, self.context
        base_v = len(lm.vocab)
        if ctx is None:
            return lm.logp(u, v, w)
        unk = lm.ids[UNK]
        pb = math.exp(lm.logp(u if u < base_v else unk, v if v < base_v else unk, w)) if w < base_v else 0.0
        pc = ctx.prob(v, w)
        return math.log((1 - _CONTEXT_WEIGHT) * pb + _CONTEXT_WEIGHT * pc + 1e-12)

    def _decode(self, choices: list[list[tuple[int, float]]]) -> list[int]:
        """Viterbi search over trigram states (previous id, current id)."""
        bos, eos = self.lm.ids[BOS], self.lm.ids[EOS]
        states: dict[tuple[int, int], tuple[float, tuple[int, ...]]] = {(bos, bos): (0.0, ())}
        for cands in choices:
            nxt: dict[tuple[int, int], tuple[float, tuple[int, ...]]] = {}
            for (u, v), (score, path) in states.items():
                for w, bonus in cands:
                    s = score + bonus + self._score(u, v, w)
                    best = nxt.get((v, w))
                    if best is None or s > best[0]:
                        nxt[(v, w)] = (s, path + (w,))
            states = nxt
        return list(max(((s + self._score(u, v, eos), p) for (u, v), (s, p) in states.items()))[1])

    def _surface(self, tok: Token, i: int) -> str:
        if tok.kind != "word":
            return tok.text
        form = self._word(i)
        if form.startswith("<") or _plain_key(form) != tok.text.lower() or len(form) != len(tok.text):
            return tok.text
        return _match_case(form, tok.text)


def _match_case(form: str, typed: str) -> str:
    """``form`` with the letter case of ``typed`` (same letters, one code point each in NFC)."""
    return "".join(f.upper() if t.isupper() else f for f, t in zip(form, typed))


@lru_cache(maxsize=1)
def load_model() -> LanguageModel:
    """The shipped model, loaded once (lazily: importing this module reads nothing)."""
    return LanguageModel(MODEL_PATH)


@lru_cache(maxsize=1)
def _default() -> Restorer:
    return Restorer()


def restore(text: str, context: Iterable[str] | None = None) -> str:
    """Restore diacritics in ``text``; ``context``: accented texts whose words and phrases are preferred.

    For repeated calls with the same context build a :class:`Restorer` once instead.
    """
    restorer = Restorer(context) if context else _default()
    return restorer.restore(text)


def needs_restoring(text: str) -> bool:
    """True when ``text`` is mostly Vietnamese typed without diacritics."""
    return _default().needs_restoring(text)
