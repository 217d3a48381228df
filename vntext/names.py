"""Names of places and state bodies as written (``vntext/data/places.txt``, ``agencies.txt``).

Why: an agency profile's place ("Vi Thanh") or agency name ("So Lao dong - Thuong binh va Xa hoi") has no
sentence around it, so the language model alone picks the commonest reading ("Vì Thành", "Số Lao động");
these names are context for restoring it, and a run of typed words that spells one is written as it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from vntext.text import fold

NAME_FILES = (Path(__file__).parent / "data" / "places.txt", Path(__file__).parent / "data" / "agencies.txt")


@lru_cache(maxsize=1)
def known_names() -> tuple[str, ...]:
    """Provinces, cities and their seats, then state bodies: one name per entry, as written."""
    lines = [line for path in NAME_FILES for line in path.read_text(encoding="utf-8").splitlines()]
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def apply_names(typed: str, restored: str, names: Iterable[str] | dict[tuple[str, ...], str]) -> str:
    """``restored`` with every run of words the user typed without diacritics that spells a known name and
    starts with a capital ("Vi Thanh", "So Lao dong - Thuong binh va Xa hoi": a name, where "thai binh" in
    running text is not) replaced by that name as written ("Vị Thanh"),
    in the letter case the user typed. Longest names first; names of two words or more
    (a lone word such as "Vinh" is too often an ordinary word). ``typed`` and ``restored`` must have the
    same words (the restorer changes letters only)."""
    words, fixed = typed.split(), restored.split()
    if len(words) != len(fixed):
        return restored
    index = names if isinstance(names, dict) else name_index(names)
    longest = max((len(k) for k in index), default=0)
    i = 0
    while i < len(words):
        if not words[i].strip(_PUNCT)[:1].isupper():
            i += 1
            continue  # a name starts with a capital
        for n in range(min(longest, len(words) - i), 1, -1):
            span = words[i:i + n]
            name = index.get(tuple(_bare(w) for w in span))
            if name is None or any(fold(w) != w.lower() for w in span) or not span[0].strip(_PUNCT)[:1].isupper():
                continue  # not a known name, typed with diacritics (the user's spelling stays), or not capitalised
            for j, (word, known) in enumerate(zip(span, name.split())):
                start, end = _bare_span(word)
                fixed[i + j] = word[:start] + _typed_case(known.strip(_PUNCT), word[start:end]) + word[end:]
            i += n - 1
            break
        i += 1
    return " ".join(fixed) if " ".join(words) == typed else restored


_PUNCT = ".,;:!?()\"'“”"


def name_index(names: Iterable[str]) -> dict[tuple[str, ...], str]:
    """Names of two words or more by their folded words (build once, pass to :func:`apply_names`)."""
    index: dict[tuple[str, ...], str] = {}
    for name in names:
        key = tuple(_bare(w) for w in name.split())
        if len(key) >= 2 and all(key):
            index.setdefault(key, name)
    return index


def _typed_case(known: str, typed: str) -> str:
    """The known word's letters (with their diacritics) in the letter case the user typed, letter by letter
    (a Vietnamese letter and its plain form are one character each in NFC)."""
    if len(known) != len(typed):
        return known
    return "".join(k.upper() if t.isupper() else k.lower() for k, t in zip(known, typed))


def _bare(word: str) -> str:
    return fold(word.strip(_PUNCT)).lower()


def _bare_span(word: str) -> tuple[int, int]:
    """Where the word's letters start and end (punctuation around it excluded)."""
    start = len(word) - len(word.lstrip(_PUNCT))
    return start, len(word.rstrip(_PUNCT))


class NamedRestorer:
    """A diacritics restorer that writes known names as written: ``restore`` runs the language model
    (``vntext.diacritics.Restorer`` over ``context``), then :func:`apply_names` with the shipped names and
    ``names`` (the agency's own, the dispatches' issuers…), in the letter case the user typed."""

    def __init__(self, context: Iterable[str] = (), names: Iterable[str] = (), model: Any = None) -> None:
        from vntext.diacritics import Restorer

        self.names = name_index([*known_names(), *(n for n in names if n)])
        # The names are not context for the language model: short capitalised entries skew its word pairs
        # (measured: −1.2 points of syllables on the diacritics benchmark's sets); they act after it.
        self.inner = Restorer(context=[t for t in context if t], model=model)

    def restore(self, text: str) -> str:
        return apply_names(text, self.inner.restore(text), self.names)


_PLACE_WORDS = ("tinh", "thanh pho", "tp", "huyen", "quan", "thi xa", "xa", "phuong", "thi tran")


@lru_cache(maxsize=1)
def _place_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    places = [line.strip() for line in NAME_FILES[0].read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#")]
    cores = [re.sub(r"^(?:Thành phố|Tỉnh|Thị xã|Huyện)\s+", "", p) for p in places]  # "Hồ Chí Minh" too
    # Spaces optional: English writes "Hanoi", "Danang", "Haiphong" as one word.
    patterns = []
    for core in dict.fromkeys(cores):
        words = [re.escape(w) for w in fold(core).lower().split()]
        patterns.append((core, re.compile(r"(?<![a-z])" + " ?".join(words) + r"(?![a-z])")))
    return tuple(patterns)


def places_in(text: str) -> list[str]:
    """The known places ``text`` names (as in ``places.txt``): written with a capital ("Đồng Nai",
    "Dong Nai") or after a word for a place ("tỉnh đồng nai"), so that "vinh danh" is not Vinh; in text
    typed all in lower case (a phone's "so tttt binh dinh"), any name of two syllables or more."""
    folded = fold(text).lower()
    lower_only = not any(ch.isupper() for ch in text)
    found = []
    for place, pattern in _place_patterns():
        for m in pattern.finditer(folded):
            before = folded[:m.start()].rstrip(" .").rsplit(" ", 2)
            capital = text[m.start():m.start() + 1].isupper() if len(text) == len(folded) else False
            if capital or (lower_only and " " in place) or any(" ".join(before[-k:]) in _PLACE_WORDS for k in (1, 2) if len(before) >= k):
                found.append(place)
                break
    return found

