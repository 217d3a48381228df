"""Query understanding: clean the question, rewrite chat shorthand and correct syllable typos, expand
abbreviations both ways, translate English keywords, restore diacritics for the embedder, spot
references to a dispatch ("cv 232"), a form ("bieu 04", "Phụ lục II") or a cited legal document
("Thông tư 13/2017", "QĐ 153/QĐ-TTg"), and note the answer types the question's cues point to.

Why: officials type without diacritics, in shorthand, with typos or in English, and name documents the
way they remember them. All vocabularies live in ``knowledge/data/*.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from knowledge.english import is_english, translate
from knowledge.spelling import SyllableSpeller, expand_shorthand, shorthand, without_polite_frame
from knowledge.text import fold, nfc, strip_controls

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
def expansion_index() -> list[tuple[str, str]]:
    """(folded expansion, abbreviation) pairs, longest first, for words → abbreviation."""
    pairs = [(fold(exp), str(abbr)) for abbr, exps in _load("abbreviations.yaml").items() for exp in exps]
    return sorted(pairs, key=lambda p: -len(p[0]))


# Keys of ``data/intents.yaml`` that are word lists, not intents.
_NON_INTENT_KEYS = frozenset({"not", "generic", "general_ask"})


@lru_cache(maxsize=1)
def intents() -> dict[str, list[str]]:
    """Intent → folded cue phrases (``data/intents.yaml``), plus the "not" and "generic" word lists."""
    return {k: [cue_form(fold(c)) for c in v] for k, v in _load("intents.yaml").items()}


_FINAL_Y = re.compile(r"(?<![a-z])(k|l|m|t|s|h|v|ph|th)y(?![a-z])")


def cue_form(folded: str) -> str:
    """Folded text with the spellings officials use interchangeably made one: a final "y" after a
    consonant is "i" ("ký"/"kí", "lý"/"lí", "mỹ"/"mĩ"), as cues are matched."""
    return _FINAL_Y.sub(r"\1i", folded)


@lru_cache(maxsize=256)
def _not_re(phrase: str) -> re.Pattern[str]:
    """A phrase of the "not" list where no longer cue writes it ("ký số", not in the period cue "kỳ số liệu")."""
    parts = [c.split(phrase, 1) for n in intent_names() for c in intents()[n] if c != phrase and phrase_re(phrase).search(c)]
    ahead = "|".join(re.escape(after) for _, after in parts if after)
    behind = "".join(f"(?<!{re.escape(before)})" for before, _ in parts if before)
    return re.compile(behind + phrase_re(phrase).pattern + (f"(?!{ahead})" if ahead else ""))


def intent_names() -> list[str]:
    """The intents a question may have (deadline, contact, signer, summary), in file order."""
    return [k for k in intents() if k not in _NON_INTENT_KEYS]


_TEMPLATE_KINDS = {"mau": "Mẫu", "bieu": "Biểu", "bieu mau": "Biểu mẫu", "phu luc": "Phụ lục", "phuluc": "Phụ lục",
                   "pl": "Phụ lục", "form": "Mẫu", "template": "Mẫu", "appendix": "Phụ lục", "annex": "Phụ lục",
                   "table": "Biểu"}
_TEMPLATE_REF_RE = re.compile(
    r"\b(bieu mau|mau|bieu|phu luc|phuluc|pl|form|template|appendix|annex|table)\s*(?:so\s*)?"
    r"(?:[a-z]{1,3}(?=\d))?(0*\d{1,2}\b|(?<=[a-z] )[ivx]{1,4}\b)"  # "mẫu pc01": a coded form by its number
)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
# "cột (7)", "cot 4", "column 5": a form's column by its number.
_COLUMN_REF_RE = re.compile(r"\b(?:cot|column)\s*(?:so\s*)?\(?(\d{1,2})\)?(?![\d/.,])")
# "cột Nguyên nhân trong …": the words after "cột", which begin the label of the column named.
_COLUMN_NAME_RE = re.compile(r"\bcot\s+(?![\d(])((?:[a-z0-9%]+ ?){1,8})")
# "điểm c mục 2", "point b of section 3": one lettered item of a part.
_ITEM_REF_RE = re.compile(r"\b(?:diem|point|item)\s+([a-e])\b(?!\.\d)")
_FORM_BEFORE_RE = re.compile(r"\b(?:bieu mau|mau|bieu|phu luc|pl|phieu|form|template|appendix|annex)\s*(?:so\s*)?$")
_DISPATCH_REF_RE = re.compile(r"\b(?:cong van|cv|van ban|vb|dispatch|letter|official letter)\s*(?:so\s*)?(\d{1,5})\b")
_SECTION_REF_RE = re.compile(r"\b(?:muc|phan|tieu muc|khoan|section|part)\s+([ivx]{1,4}|\d{1,2}(?:\.\d{1,2})*|[a-e]\.\d{1,2})\b(?!\.\d)")
_BARE_NUMBER_RE = re.compile(r"(?<![\d/.,-])(\d{3,5})(?![\d])")
_OTHER_DOC_RE = re.compile(
    r"\b(?:quyet dinh|thong tu|chi thi|nghi dinh|nghi quyet|ke hoach|to trinh|van ban|cong van|qd|tt|nd|ct|kh|"
    r"decision|circular|decree|directive|plan)\s*(?:so\s*)?(\d{1,5})((?:/\d{4})?(?:/[a-z0-9]+(?:-[a-z0-9]+)*)?)"
)
_FULL_DOC_RE = re.compile(r"(?<![\d/])(\d{1,5})((?:/\d{4})?/[a-z]{1,6}-[a-z0-9]+(?:-[a-z0-9]+)*)")


# "yêu cầu các bộ làm gì", "đề nghị các cơ quan những gì": what the dispatch asks, with its addressees between (group 1).
ASKS_RE = re.compile(r"\b(?:yeu cau|de nghi|huong dan|giao)((?: [a-z]+){0,5}) (?:lam gi|lam nhung gi|nhung gi|dieu gi|viec gi)\b")


FORM = "Biểu mẫu"


def template_key(name: str, exact: bool = False) -> tuple[str, int] | None:
    """("Biểu mẫu", 4) for "Biểu 04/BCKH", "mẫu 4", "bieu mau so 04"; "Phụ lục 2" → ("Phụ lục", 2); None for
    other names. ``exact``: the word as written ("Mẫu", "Biểu", "Biểu mẫu"), to prefer a form named the same way."""
    m = _TEMPLATE_REF_RE.search(fold(name))
    if not m:
        return None
    kind, number = _TEMPLATE_KINDS[m.group(1)], m.group(2)
    # "Biểu 01", "Mẫu số 01", "Biểu mẫu số 01", "form 01": officials use the words for one another.
    kind = FORM if kind in ("Biểu", "Mẫu") and not exact else kind
    if number.isdigit():
        return kind, int(number)
    return (kind, _ROMAN[number]) if kind == "Phụ lục" else None


def templates_in(text: str, exact: bool = False) -> list[tuple[str, int]]:
    """The forms a text names, as :func:`template_key` keys (``exact``: with the word as written), in order and once
    each: "Phụ lục I - Biểu 01/NTM" names ("Phụ lục", 1) and ("Biểu mẫu", 1)."""
    keys = (template_key(m.group(0), exact) for m in _TEMPLATE_REF_RE.finditer(fold(text)))
    return [k for k in dict.fromkeys(keys) if k]


@dataclass
class Query:
    """A question after understanding."""

    original: str
    text: str  # cleaned question, shorthand rewritten and typos corrected
    lexical: str  # text for BM25: question + expansions + translations
    dense: str  # text for the embedder (diacritics restored when typed without)
    dispatch_numbers: list[str] = field(default_factory=list)
    templates: list[tuple[str, int]] = field(default_factory=list)
    intents: list[str] = field(default_factory=list)  # answer types the cues point to
    english: bool = False
    expansions: list[str] = field(default_factory=list)
    # An English phrase's renderings when it has several ("case" → "ca", "trường hợp"): one of them, not all,
    # is what a passage writes.
    synonyms: list[list[str]] = field(default_factory=list)
    # The dispatch the user is working on (e.g. the form being filled), used only when the
    # question itself names no dispatch or template: its passages are preferred and metadata
    # questions ("hạn nộp báo cáo này?") are answered for it.
    context_dispatch: str | None = None
    # Folded spans of the question that are references (to a dispatch or a form), not content.
    reference_spans: list[str] = field(default_factory=list)
    # Cited legal documents the question names: folded "number[/year][/code]" ("13/2017", "153/qd-ttg").
    legal_refs: list[str] = field(default_factory=list)
    # Parts of a dispatch the question names ("mục 4", "phần II", "mục B.5"), as their headings label them.
    section_refs: list[str] = field(default_factory=list)
    item_ref: str = ""  # "c" for "điểm c mục 2": the lettered item of the part named
    column_ref: str = ""  # "7" for "cột (7)": a form's column by its number
    column_name: str = ""  # "nguyen nhan trong danh sach" for "cột Nguyên nhân trong danh sách …" (folded)
    # Numbers of dispatches the question names that the base does not hold.
    unknown_refs: list[str] = field(default_factory=list)
    typed: str = ""  # the cleaned question as typed (before shorthand and typo fixes)
    # When a form the question names ("Biểu số 01") is attached to several dispatches: the one meant
    # (the context's, else the most recent) and the others.
    template_dispatch: str | None = None
    template_others: list[str] = field(default_factory=list)
    number_others: list[str] = field(default_factory=list)  # the dispatches sharing its number, no code written
    # The dispatch the question describes by its name alone ("the Na Sang commune dispatch on dropouts").
    described_dispatch: str | None = None


class QuestionError(ValueError):
    """A question that cannot be searched; the message is Vietnamese, for the user."""


def clean_question(question: str) -> str:
    """Strip control characters and collapse whitespace; reject empty or overlong questions."""
    text = re.sub(r"\s+", " ", strip_controls(nfc(question or ""))).strip()
    if not text or not re.search(r"\w", text):
        raise QuestionError("Ông/bà chưa nhập câu hỏi. Hãy gõ câu hỏi về công văn, ví dụ: “Hạn nộp báo cáo hàng tháng là ngày nào?”")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(
            f"Câu hỏi quá dài ({len(text):,} ký tự). Vui lòng hỏi ngắn gọn, tối đa {MAX_QUESTION_CHARS:,} ký tự.".replace(",", ".")
        )
    return text


def has_diacritics(text: str) -> bool:
    """True when any letter of ``text`` carries a Vietnamese diacritic (or is đ)."""
    return any(fold(ch) != ch.lower() for ch in text if ch.isalpha())


@lru_cache(maxsize=8192)
def phrase_re(phrase: str, alnum: bool = True) -> re.Pattern[str]:
    """``phrase`` as a whole-word pattern, compiled once (the vocabularies hold hundreds of phrases:
    more than ``re``'s own cache, which then recompiles them on every question)."""
    edge = "a-z0-9" if alnum else "a-z"
    return re.compile(rf"(?<![{edge}]){re.escape(phrase)}(?![{edge}])")


def _has_phrase(folded: str, phrase: str) -> bool:
    return phrase_re(phrase).search(folded) is not None


CUE_GAP = 2  # words a question may put inside a cue ("ban hành vào ngày nào", "gửi kèm những biểu mẫu gì")
WIDE_GAP = 5  # words a "~" in a cue stands for: "lãnh đạo nào của Bộ Công Thương ký" ("nao ~ ky.")


@lru_cache(maxsize=4096)
def _cue_re(cue: str) -> re.Pattern[str]:
    ends_clause = cue.endswith(".")
    words = cue.rstrip(".").split()
    pattern = r"(?<![a-z0-9])" + re.escape(words[0])
    for prev, word in zip(words, words[1:]):
        if word == "~":
            continue
        n = WIDE_GAP if prev == "~" else CUE_GAP
        pattern += rf"(?:\s+[^\s]+){{0,{n}}}\s+" + re.escape(word)
    return re.compile(pattern + (r"\s*(?:[?.,;!]|$)" if ends_clause else r"(?![a-z0-9])"))


def _has_cue(folded: str, cue: str) -> bool:
    """The cue's words in order, at most ``CUE_GAP`` other words between two of them (``WIDE_GAP`` where the
    cue writes "~"); a cue ending in "." only at the end of a clause ("ai … ký?", not "ký số")."""
    return _cue_re(cue).search(folded) is not None


def _fix_typos(text: str, speller: SyllableSpeller | None) -> str:
    """``text`` with unknown syllables replaced by their correction (keeping the typed diacritics when a
    corpus word has them, else without diacritics), and the initials of a corpus phrase by the phrase."""
    if speller is None:
        return text

    def swap(m: re.Match[str]) -> str:
        word = m.group(0)
        if not fold(word).isalpha():
            return word
        in_code = text[max(0, m.start() - 1):m.start()] in ("-", "/") or text[m.end():m.end() + 1] in ("-", "/")
        return (None if in_code else speller.acronym(word)) or speller.correct_typed(word)  # "TT-TTCP" is a code

    return re.sub(r"[^\W\d_]+", swap, text)


def legal_references(folded: str, known_numbers: dict[str, str]) -> list[str]:
    """Cited documents a (folded) question names: "thong tu 13/2017" → "13/2017", "qd 153/qd-ttg" →
    "153/qd-ttg", a bare "25/2014/tt-btttt" too. Numbers of known dispatches (without a year) are not."""
    refs: list[str] = []
    for m in _OTHER_DOC_RE.finditer(folded):
        number, tail = m.group(1), m.group(2) or ""
        if number in known_numbers and not re.match(r"/\d{4}", tail):
            continue
        refs.append(number + tail)
    for m in _FULL_DOC_RE.finditer(folded):
        ref = m.group(1) + m.group(2)
        if _FORM_BEFORE_RE.search(folded[:m.start()]):
            continue  # "Biểu số 01/BHYT-HSSV", "Phiếu số 05/CSHC": a form's code, not a document
        if not any(r.startswith(m.group(1) + "/") or r == m.group(1) for r in refs):
            if not (m.group(1) in known_numbers and _own_code_follows(folded, m.end(1), known_numbers[m.group(1)])):
                refs.append(ref)
    return list(dict.fromkeys(refs))


def understand(
    question: str,
    known_numbers: dict[str, str],
    speller: SyllableSpeller | None = None,
    restore: Callable[[str], str] | None = None,
) -> Query:
    """Analyse a question. ``known_numbers`` maps dispatch numbers (incl. alias numbers) → số hiệu;
    ``speller`` corrects syllable typos; ``restore`` puts diacritics back for the embedder."""
    typed = without_polite_frame(clean_question(question))
    english = is_english(typed)
    text, extra = expand_shorthand(typed)
    if not english:
        text = _fix_typos(text, speller)
    folded = fold(text)

    # Abbreviations both ways.
    for abbr, expansions in abbreviations().items():
        if _has_phrase(folded, abbr):
            extra += expansions
    for expansion, abbr in expansion_index():
        if _has_phrase(folded, expansion):
            extra.append(abbr)

    # English keywords (the longest phrase first); a phrase with several renderings is one term.
    renderings, synonyms = translate(text, english)
    extra += renderings

    # References to dispatches, forms and cited documents.
    legal = legal_references(folded, known_numbers)
    # Numbers after "thông tư", "quyết định"… are other documents, never a dispatch of the corpus.
    other_docs = {r.split("/", 1)[0] for r in legal} | {
        m.group(1) for m in _OTHER_DOC_RE.finditer(folded) if not m.group(0).startswith(("van ban", "cong van"))
    }
    numbers: list[str] = []
    for m in _DISPATCH_REF_RE.finditer(folded):
        if m.group(1) in known_numbers and m.group(1) not in other_docs:
            numbers.append(known_numbers[m.group(1)])
    # Dispatches the question names that the base does not hold ("cv 1250/STTTT-CĐS"): a number after
    # "công văn", or a number with a dispatch's code and no year.
    unknown = {m.group(1) for m in _DISPATCH_REF_RE.finditer(folded) if m.group(1) not in known_numbers}
    unknown |= {m.group(1) for m in _FULL_DOC_RE.finditer(folded)
                if m.group(1) not in known_numbers and not re.match(r"/\d{4}", m.group(2))}
    for m in _BARE_NUMBER_RE.finditer(folded):
        num = m.group(1)
        after = folded[m.end() : m.end() + 1]
        if num in known_numbers and num not in other_docs and (
            after != "/" or _own_code_follows(folded, m.end(), known_numbers[num])
        ):
            numbers.append(known_numbers[num])
    templates = templates_in(folded)
    for kind, num in templates:
        extra.append(f"{kind} {num:02d} {kind} {num}")

    # A reference to a dispatch inside a cue ("ban hành công văn 286 vào ngày nào") does not break the cue.
    cue_text = cue_form(_DISPATCH_REF_RE.sub(" ", folded))
    for phrase in intents().get("not", []):
        cue_text = _not_re(phrase).sub(" ", cue_text)
    # An ambiguous shorthand read each way it may be ("gửi những dv nào": "dịch vụ" or "đơn vị"): a cue written out
    # word for word in one reading counts (not with words between, as in the question as typed: "so tt&tt trước ngày
    # nào" read "thông tư" is no "thông tư nào").
    # The cue must hold more than the reading: "sức khỏe dt" read "điện thoại" is no question on a phone number.
    readings = [(phrase_re(word).sub(reading, cue_text), reading) for word, rs in shorthand().items()
                if len(rs) > 1 and phrase_re(word).search(cue_text) for reading in map(cue_form, map(fold, rs))]
    found_intents = [name for name in intent_names() if any(_has_cue(cue_text, c) for c in intents()[name])
                     or any(c != reading and "~" not in c and phrase_re(reading).search(c) and phrase_re(c).search(variant)
                            for variant, reading in readings for c in intents()[name])]
    if "summary" not in found_intents and ASKS_RE.search(cue_text):
        found_intents.append("summary")
    spans = [m.group(0) for m in _DISPATCH_REF_RE.finditer(folded) if known_numbers.get(m.group(1)) in numbers]
    spans += [m.group(0) for m in _TEMPLATE_REF_RE.finditer(folded)]
    spans += [m.group(1) for m in _BARE_NUMBER_RE.finditer(folded) if known_numbers.get(m.group(1)) in numbers]
    spans += [m.group(0) for m in _OTHER_DOC_RE.finditer(folded)] + [m.group(0) for m in _FULL_DOC_RE.finditer(folded)]

    lexical = " ".join([text, *extra])
    if english:
        dense = text + " " + " ".join(dict.fromkeys(extra))
    elif restore is not None and not has_diacritics(typed):  # as typed: "dc" spelt out as "được" is still unaccented
        dense = restore(text)
    else:
        dense = text
    return Query(
        original=question,
        text=text,
        lexical=lexical,
        dense=dense,
        dispatch_numbers=list(dict.fromkeys(numbers)),
        templates=templates,
        intents=found_intents,
        english=english,
        expansions=list(dict.fromkeys(extra)),
        synonyms=synonyms,
        reference_spans=spans,
        legal_refs=legal,
        section_refs=[m.group(1).upper() for m in _SECTION_REF_RE.finditer(folded)],
        item_ref=next((m.group(1) for m in _ITEM_REF_RE.finditer(folded)), ""),
        column_ref=next((str(int(m.group(1))) for m in _COLUMN_REF_RE.finditer(folded)), ""),
        column_name=next((m.group(1).strip() for m in _COLUMN_NAME_RE.finditer(folded)), ""),
        unknown_refs=sorted(unknown),
        typed=typed,
    )


# Words that cost the embedder time (about 3 ms a token on one core) and say little about the passage:
# function words, question words, politeness, matched as written (lower case, with diacritics: folded
# "co" would also drop "cơ quan"). Only dropped from long questions.
_EMBED_SKIP = frozenset(
    "theo các của và là gì nào những thì mà ở vào ra được cần phải như thế này đó bao nhiêu mấy ai sao hay "
    "hoặc với có không cho về tại đến để xin hỏi tôi vui lòng ạ ơi nhỉ vậy số "
    "the a an of to is are be must should what which who when where how does do did in on for by with from "
    "about please tell me i we our you and or".split()
)
EMBED_WORDS = 12  # a question this long or shorter is embedded as typed


def embedding_text(dense: str) -> str:
    """What the embedder sees of a long question: its words less function words and document numbers
    ("232/BTTTT-KHTC": the lexical side and the reference boosts carry those). Query embedding time
    grows with the tokens: a formal 40-word question costs five times a phone one."""
    words = dense.split()
    if len(words) <= EMBED_WORDS:
        return dense
    kept = [w for w in words
            if w.lower().strip(".,;:?!()\"'“”") not in _EMBED_SKIP and not re.search(r"\d+/[^\W\d_]", w)]
    return " ".join(kept) if len(kept) >= 3 else dense


def _own_code_follows(folded: str, pos: int, so_hieu: str) -> bool:
    """"232/bttttt-khtc": a number followed by a slash refers to the dispatch only if its unit code follows."""
    unit = fold(so_hieu.split("-")[-1])
    return unit in folded[pos : pos + 20]
