"""Ranking passages: dense and lexical scores fused, plus boosts for what the question names.

Why: BM25 finds the exact words officials use (numbers, codes, OCR'd headings) and the embedder finds
paraphrases and English; neither alone ranks well. Dense cosines are rescaled over the candidates and
BM25 over its maximum, then references in the question (a dispatch, a form, a cited document, the
user's context) and answer-type features of the passages add fixed boosts.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import numpy as np

from knowledge.chunking import Chunk
from knowledge.headings import same_labels
from knowledge.query import Query
from knowledge.text import fold, strip_markup

W_DENSE = 0.4
OTHER_TEMPLATE_SHARE = 0.3  # a same-named form of another dispatch than the one meant
BOOST_DISPATCH = 0.5
BOOST_TEMPLATE = 0.5
BOOST_INTENT = 0.4
# The dispatch the user works on: preferred, but less than one the question names itself.
BOOST_CONTEXT = 0.35
BOOST_DESCRIBED = 0.3  # the dispatch the question describes by its issuer, place and subject


@dataclass
class StoredChunk:
    """A chunk as loaded from the store, with precomputed retrieval features."""

    id: str
    doc_key: str
    chunk: Chunk
    date: dt.date | None
    has_deadline: bool
    has_contact: bool
    has_signer: bool
    template_keys: frozenset[tuple[str, int]]


@dataclass
class Hit:
    """One ranked passage with its scores (and the best dense/lexical scores over all passages)."""

    chunk: StoredChunk
    fused: float
    dense: float
    lexical: float
    top_dense: float
    top_lexical: float
    agreement: bool


def boosts(chunks: list[StoredChunk], squeezed: list[str], query: Query) -> np.ndarray:
    """Score additions: the named dispatch, the user's context, the form named, the cited document, the answer types."""
    boost = np.zeros(len(chunks), dtype=np.float32)
    refs = set(query.dispatch_numbers)
    legal = [re.sub(r"[^a-z0-9]+", "", r) for r in query.legal_refs]
    context = query.context_dispatch if not refs and not query.templates else None
    for i, c in enumerate(chunks):
        if refs and c.doc_key in refs:
            boost[i] += BOOST_DISPATCH
        if context and c.doc_key == context:
            boost[i] += BOOST_CONTEXT
        if query.described_dispatch and c.doc_key == query.described_dispatch:
            boost[i] += BOOST_DESCRIBED
        if query.templates and c.template_keys & set(query.templates):
            meant = query.template_dispatch in (None, c.doc_key)
            boost[i] += BOOST_TEMPLATE if meant else BOOST_TEMPLATE * OTHER_TEMPLATE_SHARE
        if query.section_refs and (c.doc_key in refs or c.doc_key == context) and _in_section(c, query.section_refs):
            boost[i] += BOOST_TEMPLATE  # "cv 692 mục 4 yêu cầu gì": the part so labelled
        if legal and any(ref in squeezed[i] for ref in legal):
            boost[i] += BOOST_INTENT
        boost[i] += BOOST_INTENT * types_held(c, query.intents)
        if "columns" in query.intents and c.chunk.is_table:
            boost[i] += BOOST_INTENT
    return boost


def types_held(c: StoredChunk, intents: list[str]) -> int:
    """How many of the answer types the question asks for (a deadline, a contact, the signer) the passage holds."""
    return (("deadline" in intents and c.has_deadline) + ("contact" in intents and c.has_contact)
            + ("signer" in intents and c.has_signer))


def _in_section(c: StoredChunk, labels: list[str]) -> bool:
    """The passage lies under a heading labelled one of ``labels`` ("4. Quỹ phòng, chống thiên tai", "II. …")."""
    heads = [h.strip().upper() for h in c.chunk.section.split("›")[1:]]
    return any(h == label or h.startswith((f"{label}.", f"{label} ")) for h in heads for label in same_labels(labels))


def squeeze(text: str) -> str:
    """Folded alphanumerics only (markup, spacing and punctuation dropped), for substring matching."""
    return re.sub(r"[^a-z0-9]+", "", fold(strip_markup(text)))


def fuse(dense: np.ndarray, lexical: np.ndarray) -> np.ndarray:
    """Normalised score fusion: dense cosine rescaled over the candidates, BM25 over its maximum."""
    out = np.zeros_like(dense)
    cand = dense > 0
    if cand.any():
        hi, lo = dense[cand].max(), dense[cand].min()
        span = max(hi - lo, 1e-6)
        out[cand] += W_DENSE * (dense[cand] - lo) / span
    if lexical.size and lexical.max() > 0:
        out += (1 - W_DENSE) * lexical / lexical.max()
    return out
