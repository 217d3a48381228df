"""How officials type: chat shorthand ("k", "bn", "ntn", "cv", "qđ"), syllable typos, a formal letter's opening.

Why: a question typed on a phone ("cv 232 han nop la bn", "kiến truc chính phủ điện tủ") must reach
the same passages as the formal one. Shorthand comes from ``data/shorthand.yaml`` (a vocabulary of how
people type); an unambiguous shorthand is rewritten in the question, an ambiguous one ("kt", "tt")
only adds its readings to the lexical query. Typos are corrected syllable by syllable, by edit
distance 1 against the corpus's own syllables, and only for syllables that are neither in the corpus
nor a Vietnamese syllable at all (so "lương" is never turned into a corpus word).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

import yaml

from knowledge.text import fold

_DATA = Path(__file__).with_name("data")
_WORD_RE = re.compile(r"[^\W_]+(?:&[^\W_]+)?")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
MIN_TYPO_LEN = 3


# A formal letter's way of asking, before what it asks: "Kính đề nghị cho biết, …", "Xin cho biết …", "Trân trọng đề
# nghị Quý Sở làm rõ: …". It asks nothing itself, and "đề nghị" is what the dispatches' own lead-ins write
# ("Sở … đề nghị các đơn vị báo cáo như sau:").
_POLITE_FRAME_RE = re.compile(r"^(?:(?:kinh|tran trong|xin|kinh mong|nho)\s+)?(?:(?:de nghi|xin|vui long)\s+)?"
                              r"(?:quy\s+(?:so|co quan|phong|ban|bo|don vi)\s+)?"
                              r"(?:cho\s+(?:toi\s+|em\s+)?(?:biet|hoi)|lam ro|giai dap)\b\W*|^(?:xin|kinh)\s+hoi\b\W*")


def without_polite_frame(text: str) -> str:
    """``text`` less a formal opening that asks nothing ("Kính đề nghị cho biết, theo Công văn số …" → "theo Công văn
    số …"); the text itself when nothing would remain."""
    m = _POLITE_FRAME_RE.match(fold(text))
    rest = text[m.end():] if m else text
    return rest if re.search(r"\w", rest) else text


@lru_cache(maxsize=1)
def shorthand() -> dict[str, list[str]]:
    """Folded shorthand → its readings (``data/shorthand.yaml``)."""
    with open(_DATA / "shorthand.yaml", encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    out: dict[str, list[str]] = {}
    for key, values in data.items():
        out.setdefault(fold(str(key)), []).extend(str(v) for v in values)
    return {k: list(dict.fromkeys(v)) for k, v in out.items()}


def expand_shorthand(text: str) -> tuple[str, list[str]]:
    """(text with unambiguous shorthand rewritten, readings of the ambiguous ones).

    "cv 232 han nop la bn" → ("công văn 232 han nop la bao nhiêu", []); "kt ..." → (unchanged, [readings]).
    A capitalised abbreviation (UBND, CNTT) is a term of its own and left to the abbreviation list.
    """
    table = shorthand()
    extra: list[str] = []

    def swap(m: re.Match[str]) -> str:
        word = m.group(0)
        readings = table.get(fold(word))
        if not readings or (word.isupper() and len(word) > 1):
            return word
        if len(readings) == 1:
            return readings[0]
        extra.extend(readings)
        return word

    return _WORD_RE.sub(swap, text), extra


def _edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return deletes | transposes | replaces | inserts


_TELEX_MARKS = [("uow", "ươ"), ("aw", "ă"), ("aa", "â"), ("ee", "ê"), ("oo", "ô"), ("ow", "ơ"), ("uw", "ư"), ("dd", "đ"), ("w", "ư")]
_TELEX_TONES = {"s": "\u0301", "f": "\u0300", "r": "\u0309", "x": "\u0303", "j": "\u0323"}
_VOWELS = "aăâeêioôơuưy"


def telex(word: str) -> str | None:
    """A word typed with Telex keys that the keyboard did not convert ("vawn" → "văn", "nguowif" → "người"),
    or None when it has no Telex keys."""
    import unicodedata

    lowered = word.lower()
    out = lowered
    for keys, letter in _TELEX_MARKS:
        out = out.replace(keys, letter)
    tone = ""
    if len(out) > 1 and out[-1] in _TELEX_TONES and any(ch in _VOWELS for ch in out[:-1]):
        tone, out = _TELEX_TONES[out[-1]], out[:-1]
    if out == lowered and not tone:
        return None
    if tone:  # on the vowel that carries it: ơ/ê/â/ă/ô/ư first, else the last vowel before a final consonant
        vowels = [i for i, ch in enumerate(out) if ch in _VOWELS]
        marked = [i for i in vowels if out[i] in "ăâêôơư"]
        at = marked[-1] if marked else (vowels[-1] if vowels and vowels[-1] < len(out) - 1 or len(vowels) == 1
                                        else vowels[-2] if len(vowels) > 1 else None)
        if at is None:
            return None
        out = out[:at] + unicodedata.normalize("NFC", out[at] + tone) + out[at + 1:]
    return out


ACRONYM_LEN = (3, 7)  # syllables of a phrase an official writes by its initials ("vphc", "ctmtqg")
DOMINANT = 3  # times more written than any other phrase with the same initials
WHOLE_TERM = 0.8  # a phrase this often inside one longer phrase is part of that one
# Function words that start or end no term ("của bộ nội vụ", "thông tư số"): the initials of such a run mean nothing.
_EDGE_WORDS = frozenset("cua cac va ve theo tai trong den de duoc da so nam voi tu thi o ra vao nay do doi viec nhung "
                        "khi cho hoac ma la co khong mot hai ba bon sau bay tam chin muoi".split())
RARE_CODE = 2  # times the corpus may write the initials themselves (in a code, an e-mail) for them to stand for it


class SyllableSpeller:
    """Corrects a folded syllable to the most frequent corpus syllable one edit away, when it is unknown."""

    def __init__(self, texts: Iterable[str], is_syllable: Callable[[str], bool] | None = None) -> None:
        self.counts: Counter[str] = Counter()
        self.forms: Counter[str] = Counter()  # the corpus's words as written (lower case)
        for text in texts:
            self.counts.update(re.findall(r"[a-z]+", fold(text)))
            self.forms.update(re.findall(r"[^\W\d_]+", text.lower()))
        self.written: dict[str, list[str]] = {}
        for form, _ in self.forms.most_common():
            self.written.setdefault(fold(form), []).append(form)
        self.is_syllable = is_syllable or (lambda word: False)
        self._texts = texts if isinstance(texts, list) else []  # kept for acronyms when given as a list (the index's)
        self._acronym_map: dict[str, str] | None = None

    def correct_typed(self, typed: str) -> str:
        """``typed`` as typed, or its correction; a typo in a word typed with diacritics ("nhữg") is
        corrected to a corpus word that keeps them ("những", not the more frequent "như")."""
        folded = fold(typed)
        if folded in self.counts or self.is_syllable(folded):
            return typed
        converted = telex(typed)
        if converted and converted in self.forms:
            return converted
        fixed = self.correct(folded)
        marks = [ch for ch in typed.lower() if fold(ch) != ch]
        if fixed == folded or not marks:
            return typed if fixed == folded else fixed
        candidates = [w for w in _edits1(folded) if w in self.counts]
        kept = [(self.counts[w], form) for w in candidates for form in self.written.get(w, ())
                if all(m in form for m in marks)]
        return max(kept)[1] if kept else fixed

    def acronym(self, typed: str) -> str | None:
        """The corpus phrase whose syllables' initials ``typed`` spells ("xlvphc" → "xử lý vi phạm hành chính",
        "noxh" → "nhà ở xã hội"), when the word is no syllable and the corpus writes it at most ``RARE_CODE`` times;
        the phrase is a whole term written at least twice and ``DOMINANT`` times more than any other with the same
        initials (else None)."""
        folded = fold(typed)
        if not ACRONYM_LEN[0] <= len(folded) <= ACRONYM_LEN[1] or not folded.isalpha() or self.is_syllable(folded) \
                or self.counts[folded] > RARE_CODE:  # a code the corpus writes once or twice ("…-QLXLVPHC") may be it
            return None
        return self._acronyms().get(folded)

    def _acronyms(self) -> dict[str, str]:
        if self._acronym_map is None:
            phrases: Counter[str] = Counter()
            for text in self._texts:
                for run in re.split(r"[^\w\s]|\d", text.lower()):  # phrases never cross punctuation
                    words = run.split()
                    for n in range(ACRONYM_LEN[0], ACRONYM_LEN[1] + 2):
                        phrases.update(" ".join(words[i:i + n]) for i in range(len(words) - n + 1))
            # A whole term, not the start or end of a longer one: "kiểm kê tài" is always "kiểm kê tài sản".
            longest: Counter[str] = Counter()
            for phrase, count in phrases.items():
                words = phrase.split()
                if len(words) > ACRONYM_LEN[0]:
                    for part in (" ".join(words[1:]), " ".join(words[:-1])):
                        longest[part] = max(longest[part], count)
            found: dict[str, list[tuple[int, str]]] = {}
            for phrase, count in phrases.items():
                words = phrase.split()
                if len(words) > ACRONYM_LEN[1] or count < 2 or longest[phrase] >= WHOLE_TERM * count \
                        or fold(words[0]) in _EDGE_WORDS or fold(words[-1]) in _EDGE_WORDS:
                    continue
                found.setdefault("".join(fold(w)[0] for w in words), []).append((count, phrase))
            # Initials two terms share ("dtc": "dự toán chi", "đầu tư công") stand for one only when it is far
            # more written than the other.
            self._acronym_map = {}
            for initials, terms in found.items():
                terms.sort(reverse=True)
                if len(terms) == 1 or terms[0][0] >= DOMINANT * terms[1][0]:
                    self._acronym_map[initials] = terms[0][1]
        return self._acronym_map

    def correct(self, word: str) -> str:
        """``word`` (folded) or its correction."""
        if len(word) < MIN_TYPO_LEN or not word.isalpha() or word in self.counts or self.is_syllable(word):
            return word
        if not any(ch in "aeiouy" for ch in word):
            return word  # no vowel: an abbreviation ("đtc", "tckh"), not a mistyped syllable
        candidates = [w for w in _edits1(word) if w in self.counts]
        return max(candidates, key=lambda w: (self.counts[w], w)) if candidates else word

    def corrections(self, text: str) -> dict[str, str]:
        """Folded syllable → correction, for the syllables of ``text`` that change."""
        out: dict[str, str] = {}
        for word in re.findall(r"[a-z]+", fold(text)):
            fixed = self.correct(word)
            if fixed != word:
                out[word] = fixed
        return out


def vietnamese_syllable_test() -> Callable[[str], bool]:
    """True for a folded word that is a Vietnamese syllable (from the diacritics model's vocabulary)."""
    try:
        from vntext.diacritics import load_model

        candidates = load_model().candidates
    except Exception:  # the model is optional for spelling: without it, only corpus syllables count
        return lambda word: False
    return lambda word: word in candidates
