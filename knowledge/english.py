"""English questions: telling one from Vietnamese typed without diacritics, and its keywords in Vietnamese.

Why: officials and the engineers who help them ask in English too ("When is the report due?"); the dispatches
are Vietnamese, so an English question reaches them through a vocabulary of English phrases and the
Vietnamese words the dispatches write for them (``data/bilingual.yaml``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from knowledge.spelling import shorthand
from knowledge.text import fold
from vntext.encodings import is_plain_syllable

_VOCABULARY = Path(__file__).with_name("data") / "bilingual.yaml"
_HYPHEN_RE = re.compile(r"(?<=[a-z])-(?=[a-z])")

_ENGLISH_WORDS = frozenset(
    "the a an of to is are be must should what which who whom whose when where how does do did in on for by "
    "with from about this that these those it its report sent send can could will would may i you we they he she "
    "my our your their his her and or not if any all per into than then was were been being after before under "
    "between there has have had at as".split()
)


def is_english(text: str) -> bool:
    """A question is English when most of its words are written without diacritics and at least half of
    those are English function words or words that cannot be Vietnamese syllables ("signed", "letter");
    Vietnamese names in it ("the Quảng Trị form") do not make it Vietnamese, shorthand ("bc", "tckh")
    does not make it English."""
    words = re.findall(r"[^\W\d_]+", text)
    plain = [w.lower() for w in words if fold(w) == w.lower()]
    if not words or len(plain) < 0.6 * len(words):
        return False
    english = [w for w in plain if w in _ENGLISH_WORDS or
               (len(w) >= 3 and not is_plain_syllable(w) and w not in shorthand())]
    return len(english) >= 0.5 * len(plain)


@lru_cache(maxsize=1)
def bilingual() -> list[tuple[str, list[str]]]:
    """English phrase → Vietnamese keywords, longest phrase first (``data/bilingual.yaml``)."""
    with open(_VOCABULARY, encoding="utf-8") as fh:
        items = [(str(k).lower(), [str(v) for v in vals]) for k, vals in (yaml.safe_load(fh) or {}).items()]
    return sorted(items, key=lambda kv: -len(kv[0]))


def in_text(lowered: str) -> list[tuple[str, list[str]]]:
    """The vocabulary's phrases that may occur in ``lowered`` (:func:`spaced` text), longest first: those whose first
    word's first three characters begin one of its words (only a phrase's last word is inflected, at its end), so that
    a question is not matched against every phrase."""
    starts = {w[:3] for w in re.findall(r"[a-z]+|[0-9]+", lowered)}  # "5days": a phrase may begin after a digit
    return [(p, words) for p, words in bilingual() if _start(p) in starts]


@lru_cache(maxsize=8192)
def _start(phrase: str) -> str:
    return (re.findall(r"[a-z]+|[0-9]+", spaced(phrase)) or [""])[0][:3]


def spaced(text: str) -> str:
    """Lower case, hyphenated words spaced ("air-conditioner", "e-government"), as vocabulary phrases are matched."""
    return _HYPHEN_RE.sub(" ", text.lower())


@lru_cache(maxsize=4096)
def english_phrase_re(phrase: str) -> re.Pattern[str]:
    """An English phrase of the vocabulary as a whole-word pattern, its last word also inflected: the plural
    ("economic division" finds "economic divisions", "category" finds "categories") and, for a verb, the past and the
    -ing form ("list" finds "listed", "submit" "submitted", "update" "updating", "apply" "applied"): the vocabulary
    lists words, not forms. Words under four letters only as written."""
    phrase = spaced(phrase)
    last, stem = phrase.rsplit(" ", 1)[-1], re.escape(phrase[:-1])
    if len(last) < 4 or last.endswith("s"):
        form = re.escape(phrase)
    elif re.search(r"[^aeiou]y$", phrase):
        form = rf"{stem}(?:y|ies|ied|ying)"
    elif phrase.endswith("e"):
        form = rf"{stem}(?:e|es|ed|ing)"
    else:
        form = rf"{re.escape(phrase)}(?:es|s|{re.escape(last[-1])}?(?:ed|ing))?"
    return re.compile(rf"(?<![a-z]){form}(?![a-z])")


def translate(text: str, english: bool) -> tuple[list[str], list[list[str]]]:
    """The Vietnamese keywords of the English phrases in ``text``, the longest phrase first, and the phrases with
    several renderings ("case" → "ca", "trường hợp"), which weigh as one term. In an English question a phrase
    translated is not read again for its parts ("severe case" is not also "case")."""
    found: list[str] = []
    synonyms: list[list[str]] = []
    if not re.search(r"[a-z]", text.lower()):
        return found, synonyms
    lowered = spaced(text)
    for phrase, words in in_text(lowered):
        pattern = english_phrase_re(phrase)
        if pattern.search(lowered):
            found += words
            if len(words) > 1:
                synonyms.append(words)
            if english:
                lowered = pattern.sub(" | ", lowered)
    return found, synonyms
