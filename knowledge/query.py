"""Query understanding: clean the question, expand abbreviations both ways, translate English
keywords, spot references to a dispatch ("cv 232", "công văn 1485") or a form ("bieu 04",
"Phụ lục 2"), and detect metadata intents (deadline, contact, signer).

Why: officials type without diacritics, in abbreviations or in English, and name documents the
way they remember them. All vocabularies live in ``knowledge/data/*.yaml``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from knowledge.text import fold, nfc, strip_control, syllables

_DATA = Path(__file__).with_name("data")
MAX_QUESTION_CHARS = 1000


def _load(name: str) -> dict:
    with open(_DATA / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, list[str]]:
    """Folded abbreviation → expansions (``data/abbreviations.yaml``)."""
    return {fold(str(k)).replace("&", ""): [str(v) for v in vals] for k, vals in _load("abbreviations.yaml").items()}


def abbreviation_keys() -> set[str]:
    """Folded abbreviations, for keeping them upper-case in headings."""
    return set(abbreviations())


@lru_cache(maxsize=1)
def _expansion_index() -> list[tuple[str, str]]:
    """(folded expansion, abbreviation) pairs, longest first, for words → abbreviation."""
    pairs = [(fold(exp), str(abbr)) for abbr, exps in _load("abbreviations.yaml").items() for exp in exps]
    return sorted(pairs, key=lambda p: -len(p[0]))


@lru_cache(maxsize=1)
def bilingual() -> list[tuple[str, list[str]]]:
    """English phrase → Vietnamese keywords, longest phrase first (``data/bilingual.yaml``)."""
    items = [(str(k).lower(), [str(v) for v in vals]) for k, vals in _load("bilingual.yaml").items()]
    return sorted(items, key=lambda kv: -len(kv[0]))


# Keys of ``data/intents.yaml`` that are word lists, not intents.
_NON_INTENT_KEYS = frozenset({"not", "generic"})


@lru_cache(maxsize=1)
def intents() -> dict[str, list[str]]:
    """Intent → folded cue phrases (``data/intents.yaml``), plus the "not" and "generic" word lists."""
    return {k: [fold(c) for c in v] for k, v in _load("intents.yaml").items()}


def intent_names() -> list[str]:
    """The intents a question may have (deadline, contact, signer, summary), in file order."""
    return [k for k in intents() if k not in _NON_INTENT_KEYS]


_ENGLISH_WORDS = frozenset(
    "the a an of to is are be must should what which who when where how does do did in on for by "
    "with from about this that these those it its report sent send must".split()
)

_TEMPLATE_KINDS = {"mau": "Mẫu", "bieu": "Biểu", "phu luc": "Phụ lục", "phuluc": "Phụ lục", "pl": "Phụ lục",
                   "form": "Mẫu", "template": "Mẫu", "appendix": "Phụ lục", "annex": "Phụ lục", "table": "Biểu"}
_TEMPLATE_REF_RE = re.compile(r"\b(mau|bieu|phu luc|phuluc|pl|form|template|appendix|annex|table)\s*(?:so\s*)?0*(\d{1,2})\b")
_DISPATCH_REF_RE = re.compile(r"\b(?:cong van|cv|van ban|vb|dispatch|letter|official letter)\s*(?:so\s*)?(\d{1,5})\b")
_BARE_NUMBER_RE = re.compile(r"(?<![\d/.,-])(\d{3,5})(?![\d])")
_OTHER_DOC_RE = re.compile(r"\b(?:quyet dinh|thong tu|chi thi|nghi dinh|nghi quyet|qd|tt|decision|circular)\s*(?:so\s*)?(\d{1,5})\b")


def template_key(name: str) -> tuple[str, int] | None:
    """("Biểu", 4) for "Biểu 04/BCKH", "bieu 4", "Phụ lục 2" → ("Phụ lục", 2); None for other names."""
    m = _TEMPLATE_REF_RE.search(fold(name))
    if not m:
        return None
    return _TEMPLATE_KINDS[m.group(1)], int(m.group(2))


@dataclass
class Query:
    """A question after understanding."""

    original: str
    text: str  # cleaned question
    lexical: str  # text for BM25: question + expansions + translations
    dense: str  # text for the embedder
    dispatch_numbers: list[str] = field(default_factory=list)
    templates: list[tuple[str, int]] = field(default_factory=list)
    intents: list[str] = field(default_factory=list)
    english: bool = False
    expansions: list[str] = field(default_factory=list)
    # The dispatch the user is working on (e.g. the form being filled), used only when the
    # question itself names no dispatch or template: its passages are preferred and metadata
    # questions ("hạn nộp báo cáo này?") are answered for it.
    context_dispatch: str | None = None
    # Folded spans of the question that are references (to a dispatch or a form), not content.
    reference_spans: list[str] = field(default_factory=list)


class QuestionError(ValueError):
    """A question that cannot be searched; the message is Vietnamese, for the user."""


def clean_question(question: str) -> str:
    """Strip control characters and collapse whitespace; reject empty or overlong questions."""
    text = re.sub(r"\s+", " ", strip_control(nfc(question or ""))).strip()
    if not text or not re.search(r"\w", text):
        raise QuestionError("Bạn chưa nhập câu hỏi. Hãy gõ câu hỏi về công văn, ví dụ: “Hạn nộp báo cáo hàng tháng là ngày nào?”")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(
            f"Câu hỏi quá dài ({len(text):,} ký tự). Vui lòng hỏi ngắn gọn, tối đa {MAX_QUESTION_CHARS:,} ký tự.".replace(",", ".")
        )
    return text


def is_english(text: str) -> bool:
    """A question is English if it has no Vietnamese diacritics and mostly English function words."""
    if fold(text) != text.lower():
        return False
    words = re.findall(r"[a-z]+", text.lower())
    if not words:
        return False
    hits = sum(1 for w in words if w in _ENGLISH_WORDS)
    return hits / len(words) >= 0.25


def _has_phrase(folded: str, phrase: str) -> bool:
    return re.search(rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])", folded) is not None


class Reaccenter:
    """Restore diacritics of an unaccented question from the corpus vocabulary (longest n-gram first).

    Why: the lexical side is folded anyway, but the embedder understands "hạn gửi kế hoạch" far
    better than "han gui ke hoach".
    """

    def __init__(self, texts: list[str], max_n: int = 3) -> None:
        self.max_n = max_n
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for text in texts:
            words = re.findall(r"[^\W_]+", text)
            for n in range(1, max_n + 1):
                for i in range(len(words) - n + 1):
                    gram = words[i : i + n]
                    counts[fold(" ".join(gram))][" ".join(w.lower() for w in gram)] += 1
        self.table = {k: c.most_common(1)[0][0] for k, c in counts.items()}

    def __call__(self, text: str) -> str:
        words = re.findall(r"[^\W_]+", text)
        out: list[str] = []
        i = 0
        while i < len(words):
            for n in range(min(self.max_n, len(words) - i), 0, -1):
                key = fold(" ".join(words[i : i + n]))
                if key in self.table and (n > 1 or not words[i].isdigit()):
                    out.append(self.table[key])
                    i += n
                    break
            else:
                out.append(words[i])
                i += 1
        return " ".join(out)


def understand(question: str, known_numbers: dict[str, str], reaccent: Reaccenter | None = None) -> Query:
    """Analyse a question. ``known_numbers`` maps dispatch numbers (incl. alias numbers) → số hiệu."""
    text = clean_question(question)
    folded = fold(text)
    english = is_english(text)
    extra: list[str] = []

    # Abbreviations both ways.
    for abbr, expansions in abbreviations().items():
        if _has_phrase(folded, abbr):
            extra += expansions
    for expansion, abbr in _expansion_index():
        if _has_phrase(folded, expansion):
            extra.append(abbr)

    # English keywords.
    if english or re.search(r"[a-z]", text.lower()):
        lowered = text.lower()
        for phrase, words in bilingual():
            if re.search(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])", lowered):
                extra += words

    # References to dispatches and forms.
    numbers: list[str] = []
    for m in _DISPATCH_REF_RE.finditer(folded):
        if m.group(1) in known_numbers:
            numbers.append(known_numbers[m.group(1)])
    other_docs = {m.group(1) for m in _OTHER_DOC_RE.finditer(folded)}
    for m in _BARE_NUMBER_RE.finditer(folded):
        num = m.group(1)
        after = folded[m.end() : m.end() + 1]
        if num in known_numbers and num not in other_docs and after != "/" or (
            num in known_numbers and after == "/" and num not in other_docs and _own_code_follows(folded, m.end(), known_numbers[num])
        ):
            numbers.append(known_numbers[num])
    templates = list(dict.fromkeys(template_key(m.group(0)) for m in _TEMPLATE_REF_RE.finditer(folded)))
    for kind, num in templates:
        extra.append(f"{kind} {num:02d} {kind} {num}")

    cue_text = folded
    for phrase in intents().get("not", []):
        cue_text = re.sub(rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])", " ", cue_text)
    found_intents = [name for name in intent_names() if any(_has_phrase(cue_text, c) for c in intents()[name])]
    spans = [m.group(0) for m in _DISPATCH_REF_RE.finditer(folded) if m.group(1) in known_numbers]
    spans += [m.group(0) for m in _TEMPLATE_REF_RE.finditer(folded)]
    spans += [m.group(1) for m in _BARE_NUMBER_RE.finditer(folded) if known_numbers.get(m.group(1)) in numbers]

    lexical = " ".join([text, *extra])
    if english:
        dense = text + " " + " ".join(dict.fromkeys(extra))
    elif fold(text) == text.lower() and reaccent is not None:
        dense = reaccent(text)
    else:
        dense = text
    return Query(
        original=question,
        text=text,
        lexical=lexical,
        dense=dense,
        dispatch_numbers=list(dict.fromkeys(numbers)),
        templates=[t for t in templates if t],
        intents=found_intents,
        english=english,
        expansions=list(dict.fromkeys(extra)),
        reference_spans=spans,
    )


def _own_code_follows(folded: str, pos: int, so_hieu: str) -> bool:
    """"232/bttttt-khtc": a number followed by a slash refers to the dispatch only if its unit code follows."""
    unit = fold(so_hieu.split("-")[-1])
    return unit in folded[pos : pos + 20]


def syllable_set(text: str) -> set[str]:
    """Folded syllables of ``text`` (for evidence coverage)."""
    return set(syllables(text))
