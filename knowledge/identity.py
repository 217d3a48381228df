"""What in a question only names its dispatch (subject, issuer, số hiệu, letterhead), and what remains.

Why: the sentence restating a dispatch's subject ("Thực hiện Kế hoạch … về chuyển đổi số …") shares most words
with a question that names the dispatch by its subject; what the question asks lies in its other words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from knowledge.evidence import Terms, tokens
from knowledge.index import HybridIndex
from knowledge.query import abbreviations
from knowledge.signals import word_re
from knowledge.text import fold

IDENTITY_FLOOR = 0.3  # share of the question's weight that must remain once the dispatch's own name is set aside


def topical(index: HybridIndex, terms: Terms, d) -> Terms:
    """The question's terms less those that only name the dispatch (its subject, issuer, số hiệu), so that
    the sentence restating the subject ("Thực hiện Kế hoạch … về chuyển đổi số …, Sở … đề nghị") does not
    outrank the one that answers; all of them when little would remain."""
    if d is None or not terms.weights:
        return terms
    rest = without_identity(index, terms, d)
    return rest if rest.total >= IDENTITY_FLOOR * terms.total else terms


def topic_share(index: HybridIndex, terms: Terms, so_hieu: str) -> float:
    """Share of the question's content weight (rare words weigh most) that the answering dispatch holds
    anywhere in its text: an answer type can fit the question's cue ("ai ký", "số điện thoại") while the
    dispatch says nothing of its subject. A question with no content words beyond its references: 1."""
    if not terms.weights:
        return 1.0
    return terms.score(_held(index, so_hieu))


def _held(index: HybridIndex, so_hieu: str) -> frozenset[str]:
    """The folded terms a dispatch writes anywhere: its text, issuer and subject."""
    d = index.dispatches.get(so_hieu)
    return _union(index.document_text(so_hieu), f"{d.issuer} {d.subject}" if d else "")


@lru_cache(maxsize=64)
def _union(text: str, head: str) -> frozenset[str]:
    return tokens(text) | tokens(head)


ABSENT_CAP = 4  # absent syllables beyond this many say no more


def absent_share(index: HybridIndex, terms: Terms, so_hieu: str) -> float:
    """How many of the question's content syllables (an abbreviation's spelling counts as the syllable) the
    answering dispatch never writes, issuer and subject included, over :data:`ABSENT_CAP` (at most 1)."""
    held = _held(index, so_hieu)
    absent = [t for t in terms.weights if "_" not in t and t not in held
              and (t not in terms.alternatives or terms.alternatives[t].isdisjoint(held))]
    return min(len(absent), ABSENT_CAP) / ABSENT_CAP


def absent_pairs(index: HybridIndex, terms: Terms, so_hieu: str) -> float:
    """Share of the question's weight in word pairs the corpus writes but the answering dispatch never does
    ("quyết toán thuế", "học phí" against a dispatch holding "quyết toán", "thuế", "học" apart): a compound the
    dispatch lacks speaks against it more than its syllables do, which other dispatches share."""
    if not terms.total:
        return 0.0
    held = _held(index, so_hieu)
    absent = [t for t in terms.weights if "_" in t and t not in held
              and (t not in terms.alternatives or terms.alternatives[t].isdisjoint(held))]
    return sum(terms.weights[t] for t in absent) / terms.total


DESCRIBED_MARGIN = 0.25  # share of the question's weight by which one dispatch's name must beat every other's


def described(index: HybridIndex, terms: Terms) -> str | None:
    """The dispatch a question names only by describing it (its issuer, place, subject: "the Na Sang commune
    dispatch on school dropouts", "bc sáng kiến sở KHCN Thái Nguyên"), when its name holds clearly more of the
    question than any other dispatch's (by :data:`DESCRIBED_MARGIN`); else None."""
    shares = sorted(((terms.score(identity_tokens(index, d)), k) for k, d in index.dispatches.items()), reverse=True)
    if len(shares) < 2 or shares[0][0] - shares[1][0] < DESCRIBED_MARGIN:
        return None
    return shares[0][1]


def identity_tokens(index: HybridIndex, d) -> frozenset[str]:
    """Folded terms that only say which dispatch is meant: its subject (abbreviations spelt out), issuer,
    số hiệu and the header above "Kính gửi" (the letterhead's province, the place of the date line)."""
    document = index.document_text(d.so_hieu)
    head = re.split(r"K[íi]nh\s+g[ửu]i", document[:HEADER_CHARS], maxsplit=1)[0] if document else ""
    head = _DATE_LINE_RE.sub(" ", head)  # the date line's place names the dispatch, its "tháng", "năm" do not
    return _identity_of(f"{d.so_hieu} {d.issuer} {d.subject} {head} {' '.join(_codes(d.templates))}")


HEADER_CHARS = 600
_DATE_LINE_RE = re.compile(r"\bngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}", re.I)


def _codes(templates: list[str]) -> list[str]:
    """The codes of the dispatch's forms ("PC01-BC" of "Mẫu số PC01-BC", "01/ĐTBD"): they name its report."""
    return [m.group(0) for t in templates if (m := re.search(r"[A-ZĐ]*\d{1,2}[-/][A-ZĐ0-9/-]+", t))]


def without_identity(index: HybridIndex, terms: Terms, d) -> Terms:
    """``terms`` less the dispatch's identity words and the pairs its name writes ("toán năm" of "dự toán năm
    2025"); a pair of two identity words that the name does not write together stays ("nguyên nhân", with
    "Thái Nguyên" and "công nhận" in the name)."""
    identity = identity_tokens(index, d)
    # Shorthand for the dispatch's own words ("khcn" of "khoa học và công nghệ", "dn" of "doanh nghiệp").
    spelt = {t for t, alts in terms.alternatives.items() if alts and alts <= identity}
    return terms.without(identity | spelt | _bridging(terms, identity))


PERVASIVE_SHARE = 0.5  # a word in at least this share of a dispatch's passages ...
PERVASIVE_MIN = 4  # ... of at least this many passages
SPECIFIC_FLOOR = 0.2  # share of the question's weight that must remain once they are set aside
_pervasive: dict[tuple[str, int], frozenset[str]] = {}  # by số hiệu and its passages' texts


def pervasive(index: HybridIndex, so_hieu: str) -> frozenset[str]:
    """The folded terms written in most of a dispatch's passages: its topic as the body writes it ("tai nạn giao
    thông" of a road-safety report whose subject says "trật tự, an toàn giao thông")."""
    texts = [c.chunk.text for c in index.chunks if c.doc_key == so_hieu]
    key = (so_hieu, hash(tuple(texts)))
    found = _pervasive.get(key)
    if found is None:
        counts: dict[str, int] = {}
        for text in texts:
            for t in tokens(text):
                counts[t] = counts.get(t, 0) + 1
        enough = len(texts) >= PERVASIVE_MIN
        found = frozenset(t for t, n in counts.items() if enough and n >= PERVASIVE_SHARE * len(texts))
        if len(_pervasive) > 4 * len(index.dispatches) + 64:
            _pervasive.clear()
        _pervasive[key] = found
    return found


def specific(index: HybridIndex, own: Terms, so_hieu: str) -> Terms:
    """``own`` (the question's terms less the dispatch's name) less the words most of its passages write: what tells
    one of its passages from another ("báo cáo tai nạn giao thông … gọi ai": the contact line, not the opening
    figures on accidents); all of ``own`` when little would remain. Setting them aside in the sentence competition
    itself was tried in session 20 and answered worse (development fact 0.919 to 0.911); as a feature of the
    evidence choice (:mod:`knowledge.choice`) they help."""
    rest = own.without(pervasive(index, so_hieu))
    return rest if rest.total >= SPECIFIC_FLOOR * own.total else own


def _bridging(terms: Terms, identity: frozenset[str]) -> set[str]:
    """Pairs the question writes only by setting two of the name's compounds side by side: "khai bệnh" of
    "triển khai bệnh án", each syllable inside a pair of the name the question also writes ("triển khai",
    "bệnh án"). "nguyên nhân" stays when the question writes neither "Thái Nguyên" nor "công nhận"."""
    named = [t.split("_") for t in terms.weights if "_" in t and t in identity]
    covered = {w for pair in named for w in pair}
    return {t for t in terms.weights if "_" in t and t not in identity and set(t.split("_")) <= covered}


IDENTITY_TIE = 0.1  # share of the weight the dispatch's own words keep when they only break ties between its sentences


def identity_as_ties(compared: Terms, terms: Terms, d) -> Terms:
    """``compared`` with the words of the dispatch's subject back at :data:`IDENTITY_TIE` of the whole weight: they do
    not tell the dispatch's deadlines apart, but between two dated sentences that hold the rest alike, the one on
    "báo cáo kết quả năm 2026" answers "hạn nộp bc kết quả 2026" rather than the one on next year's plan. The
    issuer's name stays out ("gửi Sở Nội vụ" says nothing of which report). When nothing is asked beyond the name
    and the cue ("Báo cáo … gửi Bộ Y tế trước ngày nào"), the rest of the weight is the cue's, which no sentence
    holds in words and the answer type's preference judges."""
    subject = tokens(d.subject or "") - tokens(f"{d.issuer} {d.so_hieu}")
    named = {t: w for t, w in terms.weights.items() if t in subject and t not in compared.weights}
    if not named:
        return compared
    rest = compared.total or sum(named.values())
    scale = IDENTITY_TIE / (1 - IDENTITY_TIE) * rest / sum(named.values())
    weights = {**compared.weights, **{t: scale * w for t, w in named.items()}}
    if not compared.weights:
        weights[_CUE] = rest
    return Terms(weights, terms.alternatives)


_CUE = "\x00cue"  # a term no text holds


@lru_cache(maxsize=4096)  # every dispatch's name is read for each question (``described``): room for a large base
def _identity_of(words: str) -> frozenset[str]:
    folded = fold(words)
    spelt = [exp for abbr, exps in abbreviations().items() if word_re(abbr).search(folded) for exp in exps]
    return frozenset(tokens(" ".join([words, *spelt])))
