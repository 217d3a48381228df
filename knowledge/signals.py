"""How much of the question the evidence holds, written as the dispatches write it.

Why: folded syllables collide ("lương" and "lượng" are both "luong"); the accented ones tell them apart.
Also whether the question is about another document: a dispatch the base does not hold, a province
the answering dispatch never mentions. Feeds the confidence model (:mod:`knowledge.confidence`).  Tried and left out (measured on the
development sets, weight about 0): the share of the question's two-syllable word pairs the passage holds.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from knowledge.evidence import STOPWORDS
from knowledge.query import Query, cue_form, intents
from knowledge.text import fold
from vntext.names import places_in

if TYPE_CHECKING:
    from knowledge.index import HybridIndex

_SYLLABLE = re.compile(r"[^\W\d_]+")


def accent_coverage(query: Query, text: str) -> float:
    """Share of the question's content syllables found in ``text`` with their diacritics."""
    words = [w.lower() for w in _SYLLABLE.findall(query.dense)]
    words = [w for w in words if fold(w) not in STOPWORDS and fold(w) != w]
    if not words:
        return 0.0
    present = {w.lower() for w in _SYLLABLE.findall(text)}
    return sum(w in present for w in words) / len(words)



def uncited(index: HybridIndex, query: Query, so_hieu: str) -> list[str]:
    """Numbers of dispatches the question names that the base does not hold and the answering dispatch
    does not cite ("cv 1250/STTTT-CĐS"; a dispatch cited in another, "Công văn số 1187/UBND-TCKH", is known
    through that one)."""
    if not query.unknown_refs or query.dispatch_numbers:
        return []
    text = fold(index.document_text(so_hieu))
    return [n for n in query.unknown_refs if not re.search(rf"(?<![\d/.]){n}/", text)]


def foreign_place(index: HybridIndex, query: Query, so_hieu: str) -> bool:
    """Whether the question names a province or city that the dispatch's text never mentions."""
    # State bodies ("Sở Giáo dục", "Cục Thuế") were tried too: the signal got noisier on the development
    # sets (its weight fell from −1.46 to −0.86) and was left out.
    places = places_in(query.typed or query.text)
    if not places:
        return False
    d = index.dispatches.get(so_hieu)
    text = fold(f"{index.document_text(so_hieu)} {d.issuer if d else ''}")
    return any(not word_re(fold(p)).search(text) for p in places)


_YEAR_RE = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")


def foreign_year(index: HybridIndex, query: Query, so_hieu: str) -> bool:
    """Whether the question names a year that the dispatch's text never writes ("dự toán năm 2026" against a
    dispatch on the 2025 budget). On the 964 development questions: 14 out of scope, 0 answerable ones."""
    years = set(_YEAR_RE.findall(query.typed or query.text))
    return bool(years) and any(y not in index.document_text(so_hieu) for y in years)


@lru_cache(maxsize=1024)
def word_re(word: str) -> re.Pattern[str]:
    """A whole-word pattern for a folded word."""
    return re.compile(rf"\b{word}\b")


def general_ask(query: Query) -> bool:
    """The question asks how something is done (a procedure, the papers it needs, who qualifies) or what holds
    now: cue phrases of ``data/intents.yaml`` ``general_ask``. The dispatches, dated requests for reports, say
    none of this (on the development sets: 50 out-of-scope questions have such a cue, 3 answerable ones). Never for a
    question naming a dispatch of the base: "quy trình … tại Công văn số 415" asks what that dispatch sets (on the
    development sets: 2 such questions, both answerable, none out of scope)."""
    folded = cue_form(fold(query.text))  # spelled as the cues are ("ky" and "ki" alike)
    if query.dispatch_numbers:
        return False
    if query.templates or query.column_ref or _COLUMN_WORD_RE.search(folded):
        return False  # "cách tính cột Tỷ lệ trong Biểu số 01": how a form is filled, which its notes say
    return any(word_re(cue).search(folded) for cue in intents().get("general_ask", []))


_COLUMN_WORD_RE = re.compile(r"\b(?:cot|column|columns)\b")


# A sentence that opens by citing a document ("Thực hiện Thông tư số 49/2024/TT-BTC …", "Nghị định số 63/2024/…
# quy định …", "Kế hoạch số 95/KH-UBND …"): it states that document's name and subject, nothing else.
_CITATION_OPENING = re.compile(
    r"^[\W\d]{0,6}(?:(?:căn cứ|thực hiện|theo|triển khai)\s+)?(?:các\s+)?"
    r"(?:luật|nghị định|thông tư|quyết định|chỉ thị|kế hoạch|nghị quyết|công văn|văn bản)\s+(?:liên tịch\s+)?số\s+\d",
    re.I,
)
_DOCUMENT_WORDS = re.compile(
    r"\b(?:luat|nghi dinh|thong tu|quyet dinh|chi thi|ke hoach|nghi quyet|van ban|cong van|can cu|"
    r"law|decree|circular|decision|directive|resolution|plan|document|documents)\b"
)


def citation_reply(query: Query, reply: str) -> bool:
    """The reply is a sentence citing a document while the question asks about no document: the citation
    names a law or a plan and says nothing of what was asked (on the development sets such a reply was right
    for 2 answerable questions, both naming a document kind, and was the reply to 29 out-of-scope ones)."""
    lines = [line for line in reply.splitlines() if line.strip()]  # a lead-in citing a plan, then its list: an answer
    return bool(lines) and all(_CITATION_OPENING.match(line.strip()) for line in lines) \
        and not _DOCUMENT_WORDS.search(fold(query.text))


def _line_key(text: str) -> str:
    return re.sub(r"\W+", " ", fold(text)).strip()


def roster_reply(reply: str, recipients: list[str]) -> bool:
    """At least half the reply's lines are items of the dispatch's "Kính gửi" or "Nơi nhận" list ("- Ban Quản lý
    Khu di tích …;", "- Bảo tàng …"): a list of bodies, which answers only a question about whom it is sent to. On
    the development sets such a reply answered 7 out-of-scope questions, 4 answerable ones wrongly, 0 rightly."""
    roster = [k for k in map(_line_key, recipients) if k]
    lines = [k for k in map(_line_key, reply.splitlines()) if k]
    held = sum(any(line == r or r in line and len(line) <= ROSTER_STRETCH * len(r) for r in roster) for line in lines)
    return bool(lines) and held >= ROSTER_SHARE * len(lines)


ROSTER_SHARE = 0.5
ROSTER_STRETCH = 1.3  # a line a little longer than the item ("- Sở Y tế (để phối hợp);")
