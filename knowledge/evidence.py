"""Evidence in a passage: the question's content words, their weights, and how much of them a text covers (the
sentences that answer are cut by :mod:`knowledge.sentence_pick`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from knowledge.english import english_phrase_re, in_text, spaced
from knowledge.query import ASKS_RE, Query, abbreviations, cue_form, expansion_index, intent_names, intents, phrase_re
from knowledge.spelling import shorthand
from knowledge.text import bm25_tokens, fold

# Function words that say nothing about which passage answers (folded).
STOPWORDS = frozenset(
    "la gi nao nhung cac cua va co khong cho ve theo tai trong den de duoc can phai nhu the nay do "
    "bao nhieu may ai sao the nao hay hoac voi tu thi ma o ra vao gom bao gom yeu cau nao lam "
    "the a an of to is are be must should what which who when where how does do did in on for by with from about".split()
) | frozenset(
    # Closed grammatical classes that never say what a question is about: Vietnamese aspect and time
    # markers and sentence-final particles ("triển khai xong chưa", "gửi rồi nhé"), folded forms kept
    # only where no content word shares them ("đã", "đang", "sắp", "nhá" fold like "da", "đăng", "sắp xếp", "nhà").
    "xong roi se chua nhe nhi"
    # English pronouns, auxiliaries and adverbs of degree or time (an English question's untranslated
    # words are otherwise measured as topic words the dispatches lack).
    # Words whose folded form is also Vietnamese ("so" số, "he" hệ, "no" nợ, "my" Mỹ) are left out.
    " if it its we our us you your they them their i his she her been being was were not "
    "yes please tell know want like just only still yet already ever exactly really very such same each "
    "every both either whether while why whom whose anyone someone anything something".split()
)


# Words joining two clauses, as typed with their tone ("phường Hòa Thành thì gọi ai", "đã gửi mà chưa nhận"): they
# end a run, so that no compound is read across them ("thành thì" folds like "thành thị").
_JOINERS_RE = re.compile(r"(?<!\w)(?:thì|mà)(?!\w)", re.I)


def _phrase_free(folded: str, phrases: list[str]) -> str:
    """``folded`` less the cue phrases, which are written in cue form ("ai ki" for "ai ký", "ki so lieu" for "kỳ số
    liệu"): matched on the question in that form (of the same length) and cut from it as typed."""
    matched = cue_form(folded)
    for phrase in sorted(phrases, key=len, reverse=True):
        gap = " " if phrase in STOPWORDS else " | "  # "của" joins, "báo cáo" ends a run
        parts, last = [], 0
        for m in phrase_re(phrase).finditer(matched):
            parts += [folded[last:m.start()], gap]
            last = m.end()
        if parts:
            folded = "".join(parts) + folded[last:]
            matched = cue_form(folded)
    return folded


def focus_terms(query: Query) -> list[str]:
    """The words that say *what* is asked about: the question minus references ("cv 232",
    "biểu 4"), intent cues ("hạn nộp", "yêu cầu gì"), generic words ("báo cáo", "này") and
    function words. Empty means the question alone cannot single out a dispatch."""
    return list(_focus(query.text, tuple(query.reference_spans)))


def focus_runs(query: Query) -> list[list[str]]:
    """:func:`focus_terms` in runs of words adjacent in the question: a removed reference, cue or generic
    phrase ends a run, so that no pair is made of words the question did not put together ("số liệu báo
    cáo cđs" holds no pair "liệu chuyển")."""
    return [list(run) for run in _focus_runs(query.text, tuple(query.reference_spans))]


@lru_cache(maxsize=1024)
def _focus(text: str, spans: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w for run in _focus_runs(text, spans) for w in run)


# The kind of a report by its period ("báo cáo tháng", "bc tuần", "báo cáo hằng quý"): the period word is what
# tells the monthly report's deadline from the weekly one's, although "tháng" alone is a generic word.
_REPORT_KIND_RE = re.compile(r"\b(?:bao cao|bc) (?:(?:hang|dinh ky) )?(tuan|thang|quy|nam)\b(?! \d)")
_SHIELD = "qq"
_PERIODIC_RE = re.compile(r"(?:hang|dinh ky|bao cao) (?:tuan|thang|quy|nam)")


@lru_cache(maxsize=1024)
def _focus_runs(text: str, spans: tuple[str, ...], keep_stop: bool = False) -> tuple[tuple[str, ...], ...]:
    folded = fold(_JOINERS_RE.sub(" | ", text))
    for span in sorted(spans, key=len, reverse=True):  # "công văn 232/btttt-khtc" before "công văn 232": the code too
        folded = folded.replace(span, " | ")
    cues = [c for name in (*intent_names(), "generic") for c in intents()[name]]
    # The period word is shielded from the generic "tháng" (of "ngày nào trong tháng") by a suffix no folded
    # Vietnamese syllable has, so that no cue matches it, and the suffix is taken off once the cues are out.
    folded = _REPORT_KIND_RE.sub(rf" | \1{_SHIELD} | ", folded)
    # The cue's words go, the addressee between them stays ("yêu cầu cơ sở lưu trú làm gì": whom it asks), not a verb
    # of the asking ("yêu cầu nêu những gì").
    folded = _phrase_free(ASKS_RE.sub(_addressee_kept, folded), cues).replace(_SHIELD, "")
    folded = _BREAKS_RE.sub(" | ", folded)
    runs: list[tuple[str, ...]] = []
    run: list[str] = []
    for w in re.findall(r"[a-z0-9]+|\|", folded):
        if w == "|":
            if run:
                runs.append(tuple(run))
            run = []
        elif keep_stop or w not in STOPWORDS:  # a function word is skipped: "thủ đô của Pháp" keeps its pair
            run.append(w)
    if run:
        runs.append(tuple(run))
    return tuple(runs)


# Where no compound is read across: a clause's punctuation ("Sở Tài chính Gia Lai, số di động": no "lai số") and a
# function phrase of several syllables ("số di động bao nhiêu": no "động bào" with the first syllable of "bao nhiêu").
_BREAKS_RE = re.compile(r"[,;:?!()]|\b(?:bao nhieu|bao gio|bao lau|the nao|ra sao)\b")


def _addressee_kept(m: re.Match[str]) -> str:
    words = m.group(1).split()
    return " | " + (m.group(1) if any(w not in _ASKING_WORDS for w in words) else "") + " | "


# Verbs and fillers of a request, not whom it is made of: "yêu cầu (phải) nêu / thực hiện / báo cáo những gì".
_ASKING_WORDS = frozenset("neu ghi lam thuc hien cung cap bao cao ke khai trinh bay phai can cu the chung ta toi em".split())


def query_terms(query: Query) -> set[str]:
    return {t for t in bm25_tokens(query.lexical) if t not in STOPWORDS}


def content_coverage(query: Query, text: str) -> float:
    """How much of the question's content the passage covers: mean of content-syllable coverage and
    coverage of adjacent content-syllable pairs (pairs make unaccented, ambiguous syllables count less).
    English questions are measured by their Vietnamese translations (pairs within each phrase)."""
    word_lists = content_words(query)
    words = [w for ws in word_lists for w in ws]
    if not words:
        return 0.0
    folded_words = re.findall(r"[a-z0-9]+", fold(text))
    present = set(folded_words)
    joined = " " + " ".join(folded_words) + " "
    uni = sum(w in present for w in words) / len(words)
    pairs = [f" {a} {b} " for ws in word_lists for a, b in zip(ws, ws[1:])]
    if not pairs:
        return uni
    bi = sum(p in joined for p in pairs) / len(pairs)
    return 0.5 * uni + 0.5 * bi


def _with_stop_runs(query: Query) -> list[list[str]]:
    """:func:`content_words` with the function-word syllables kept in place (for :func:`compound_pairs`)."""
    if query.english:
        cues = _cue_phrases()
        return [re.findall(r"[a-z0-9]+", fold(p)) for p in query.expansions if fold(p) not in cues]
    return [list(run) for run in _focus_runs(query.text, tuple(query.reference_spans), True)]


def compound_pairs(query: Query, idf: dict[str, float]) -> list[str]:
    """Pairs of a content syllable and an adjacent syllable whose folded form is a function word, when the
    corpus writes them: a compound ("đầu tư", "cơ quan", "tài sản", "nhà ở", "tư công" of "đầu tư công") that
    dropping "tư", "cơ", "tài", "ở" as function words ("từ", "có", "tại", "ở") would break. A pair the corpus
    writes everywhere ("về sở") weighs little, as its rarity sets its weight."""
    out = []
    for run in _with_stop_runs(query):
        for a, b in zip(run, run[1:]):
            if (a in STOPWORDS) != (b in STOPWORDS) and f"{a}_{b}" in idf:
                out.append(f"{a}_{b}")
    return out


def content_words(query: Query) -> list[list[str]]:
    """The question's content words as runs (one run per phrase): the focus words of the question, or for
    an English question the focus words of its Vietnamese translations."""
    if query.english:
        cues = _cue_phrases()  # a translated cue ("kèm theo", "thời hạn") says what kind of answer, not about what
        # A form's name ("Biểu mẫu 01") is a reference, as it is in a Vietnamese question, not what is asked about it.
        named = {f"{kind} {num:02d} {kind} {num}" for kind, num in query.templates}
        runs = [[w for w in re.findall(r"[a-z0-9]+", fold(p)) if w not in STOPWORDS] for p in query.expansions
                if fold(p) not in cues and p not in named]
        generic = set(intents().get("generic", []))
        # "monthly" (hằng tháng) keeps its period word, as "báo cáo tháng" does: it tells the monthly report from the weekly.
        runs = [[w for w in run if w not in generic or _PERIODIC_RE.fullmatch(" ".join(run)) and w != "bao"] for run in runs]
        return [run for run in runs + _untranslated_runs(query.text) if run]
    return focus_runs(query)


@lru_cache(maxsize=1)
def _cue_phrases() -> frozenset[str]:
    return frozenset(fold(c) for name in intent_names() for c in intents()[name])


@lru_cache(maxsize=1024)
def _untranslated_runs(text: str) -> list[list[str]]:
    """The English question's own content words that no vocabulary phrase translates, in runs: names and
    codes the dispatches write too ("Quang Tri", "VNeID") and topics they never speak of ("income tax"),
    measured against the passage as typed instead of through a translation."""
    masked = spaced(text)
    for phrase, _ in in_text(masked):
        masked = english_phrase_re(phrase).sub(" | ", masked)
    generic = set(intents().get("generic", []))
    runs: list[list[str]] = [[]]
    for w in re.findall(r"[a-z0-9]+|\|", fold(masked)):
        if w == "|" or w in STOPWORDS or w in _ENGLISH_FILLER or w in generic or w.isdigit() or len(w) < 2:
            runs.append([])
        else:
            runs[-1].append(w)
    return [run for run in runs if run]


def unknown_share(query: Query, vocabulary: dict[str, float]) -> float:
    """Share of the question's content words the dispatches cannot speak to: for an English question,
    words no phrase of the bilingual vocabulary covers; otherwise focus syllables the corpus never uses
    ("tncn", "căn cước"). An out-of-scope question leaves more of itself unexplained."""
    if query.english:
        lowered = spaced(query.text)
        covered: set[str] = set()
        for phrase, words in in_text(lowered):
            # A translation counts when the dispatches write it ("passport" → "hộ chiếu": as a pair), not merely
            # because the vocabulary has one: a vocabulary wide enough covers any question.
            found = english_phrase_re(phrase).findall(lowered)
            if found and any(_written(w, vocabulary) for w in words):
                covered.update(w for span in found for w in re.findall(r"[a-z0-9]+", span))
        generic = set(intents().get("generic", []))
        words = [w for w in re.findall(r"[a-z]+", lowered) if len(w) > 2 and w not in STOPWORDS and w not in generic
                 and w not in _ENGLISH_FILLER]
        # A word the dispatches write as it is (a place name, a code) is not beyond them either.
        return sum(w not in covered and w not in vocabulary for w in words) / len(words) if words else 0.0
    words = [w for w in focus_terms(query) if not w.isdigit()]
    return sum(w not in vocabulary for w in words) / len(words) if words else 0.0


def _written(phrase: str, vocabulary: dict[str, float]) -> bool:
    """Whether the corpus writes a Vietnamese phrase: its adjacent pairs (its syllable if it has one)."""
    syllables = re.findall(r"[a-z0-9]+", fold(phrase))
    pairs = [f"{a}_{b}" for a, b in zip(syllables, syllables[1:])]
    return all(p in vocabulary for p in pairs) if pairs else bool(syllables) and syllables[0] in vocabulary


# English words that carry no topic (beyond STOPWORDS).
_ENGLISH_FILLER = frozenset(
    "at and or as there their this that these those have has had can could would will shall may might need needs much many "
    "under according any some all other than then also into out per current currently get gets "
    "dispatch dispatches letter official officials send sent happens happen come comes go goes include includes "
    "contain contains begin begins start starts give gives say says".split()
)


@dataclass
class Terms:
    """Weighted content terms of a question: syllables and adjacent pairs, weighted by rarity (IDF).

    ``alternatives`` maps a term to other spellings of it (an abbreviation's expansion, a shorthand's
    readings): a text holding one of them earns the term's weight at ``ALTERNATIVE_CREDIT``.
    """

    weights: dict[str, float]
    alternatives: dict[str, frozenset[str]]

    @property
    def total(self) -> float:
        return sum(self.weights.values())

    def without(self, tokens: set[str]) -> "Terms":
        """These terms less ``tokens`` (e.g. the words that only say which dispatch is meant)."""
        return Terms({t: w for t, w in self.weights.items() if t not in tokens}, self.alternatives)

    def score(self, tokens: set[str] | frozenset[str]) -> float:
        """Share of the question's term weight that ``tokens`` hold (0..1)."""
        if not self.weights:
            return 0.0
        hit = 0.0
        for term, weight in self.weights.items():
            if term in tokens:
                hit += weight
            elif term in self.alternatives and not self.alternatives[term].isdisjoint(tokens):
                hit += ALTERNATIVE_CREDIT * weight
        return hit / self.total


ALTERNATIVE_CREDIT = 0.8
BIGRAM_WEIGHT = 1.5
# A word of an English question that the dispatches never write (nearly always an English word no vocabulary phrase
# translates: "rules", "pay", "income") weighs less than a Vietnamese syllable they never write: it is as often a
# plain word the vocabulary lacks as the topic the dispatches do not speak of. On the 198 answerable dev English questions, with the models unchanged,
# at 0.7 rather than 1.0: fact 0.914 → 0.924, declined 0.035 → 0.015, out-of-scope declined 0.798 → 0.786.
UNTRANSLATED_WEIGHT = 0.7


@lru_cache(maxsize=8192)
def tokens(text: str) -> frozenset[str]:
    """The lexical tokens of ``text`` (cached: passages and their sentences recur across questions)."""
    return frozenset(bm25_tokens(text))



def weighted_terms(query: Query, idf: dict[str, float], max_idf: float) -> Terms:
    """The question's :class:`Terms`: a syllable the corpus never uses weighs the most (it is what the
    dispatches do not talk about); pairs count only when the corpus has them."""
    weights: dict[str, float] = {}
    for run in content_words(query):
        for w in run:
            weights[w] = idf.get(w, max_idf * (UNTRANSLATED_WEIGHT if query.english else 1.0))
        for a, b in zip(run, run[1:]):
            if f"{a}_{b}" in idf:  # a pair the corpus never writes would only dilute every score alike
                weights[f"{a}_{b}"] = BIGRAM_WEIGHT * idf[f"{a}_{b}"]
    for pair in compound_pairs(query, idf):
        weights.setdefault(pair, BIGRAM_WEIGHT * idf[pair])
    alternatives: dict[str, set[str]] = {}
    if query.english:
        _renderings_as_alternatives(query, weights, alternatives)
    else:
        words = [w for run in content_words(query) for w in run]
        for w in words:
            for phrase in abbreviations().get(w, []) + shorthand().get(w, []):
                alternatives.setdefault(w, set()).update(bm25_tokens(phrase))
        joined = " " + " ".join(words) + " "
        for phrase, abbr in expansion_index():
            if f" {phrase} " in joined:
                for w in phrase.split():
                    alternatives.setdefault(w, set()).add(fold(abbr).replace("&", ""))
    return Terms(weights, {t: frozenset(v) for t, v in alternatives.items()})


def _renderings_as_alternatives(query: Query, weights: dict[str, float], alternatives: dict[str, set[str]]) -> None:
    """An English phrase with several renderings ("case" → "ca", "trường hợp") weighs once: its first rendering's
    terms keep the weight and the others' become their alternative spellings, so that a passage writing either
    holds it (before, each rendering weighed as a word of its own that no passage could hold all of)."""
    secondary = {w for words in query.synonyms for w in words[1:]} - {words[0] for words in query.synonyms}
    kept = set().union(*(tokens(e) for e in query.expansions if e not in secondary),
                       *(run for run in _untranslated_runs(query.text)))
    for words in query.synonyms:
        first = [t for t in tokens(words[0]) if t in weights]
        others = set().union(*(tokens(w) for w in words[1:])) - kept
        if not first or not others:
            continue
        for t in others:
            weights.pop(t, None)
        for t in first:
            alternatives.setdefault(t, set()).update(others)
