"""How much of the question the evidence holds, written as the dispatches write it.

Why: folded syllables collide ("lương" and "lượng" are both "luong"); the accented ones tell them apart.
Feeds the confidence model (:mod:`knowledge.confidence`).  Tried and left out (measured on the
development sets, weight about 0): the share of the question's two-syllable word pairs the passage holds.
"""

from __future__ import annotations

import re

from knowledge.evidence import STOPWORDS
from knowledge.query import Query
from knowledge.text import fold

_SYLLABLE = re.compile(r"[^\W\d_]+")


def accent_coverage(query: Query, text: str) -> float:
    """Share of the question's content syllables found in ``text`` with their diacritics."""
    words = [w.lower() for w in _SYLLABLE.findall(query.dense)]
    words = [w for w in words if fold(w) not in STOPWORDS and fold(w) != w]
    if not words:
        return 0.0
    present = {w.lower() for w in _SYLLABLE.findall(text)}
    return sum(w in present for w in words) / len(words)

