"""Whether to answer: the signals of one found answer, their calibrated probability and the rules that decline.

Why a module of its own: :mod:`knowledge.asking` finds the dispatch, the evidence and the answer type; this
module only judges what was found. Each signal is described in :mod:`knowledge.confidence`, whose model weighs
them; the rules below decline whatever the model says (a dispatch the question names that the base lacks, a
reply that states nothing of the question).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge import answer_shape, cited_answers
from knowledge.confidence import model as confidence_model
from knowledge.evidence import Terms, content_coverage, focus_terms, unknown_share
from knowledge.identity import absent_pairs, absent_share, topic_share
from knowledge.index import Hit, HybridIndex, StoredChunk
from knowledge.query import Query, has_diacritics
from knowledge.sentence_pick import pick_sentences
from knowledge.signals import (accent_coverage, citation_reply, foreign_place, foreign_year, general_ask, roster_reply,
                               uncited)
from knowledge.text import fold

FALLBACK_THRESHOLD = 0.5  # the probability's cut when no model has been fit
# Below this best dense similarity no answerable development question lies (their minimum is 0.831 over the
# 272 of dev, dev 3 and dev 4; a tenth of the 102 out-of-scope ones fall below 0.828): the question is about
# nothing the dispatches hold, whatever words it shares with them ("Thủ đô của Pháp" and "pháp luật"). A
# linear weight on the dense score cannot say this (tried as a hinge feature: weight about 0).
DENSE_FLOOR = 0.82
REPLY_CHARS = 500  # of the reply embedded for the reply_dense signal
TYPED_TOPIC_FLOOR = 0.3  # share of an unnamed question's content weight the dispatch of a typed answer must hold
ISSUED_RE = re.compile(r"\b(ban hanh|issued?)\b")  # "ban hành khi nào": an issue date answers
# Answers read from the dispatch's header: a question naming its dispatch asks of that dispatch, whatever its words.
HEADER_KINDS = frozenset({"signer", "recipients", "date", "attachments", "summary"})
PLAIN_KINDS = ("passage", "table")  # evidence sentences, no answer type
# Kinds of answer the confidence model tells apart (each a signal ``kind_…``; the rarer ones, signer, recipients, the
# dispatch's date, a summary, left to ``type_match``).
ANSWER_KINDS = ("passage", "table", "deadline", "contact", "legal_ref", "period", "consequence", "section",
                "attachments")


@dataclass
class Found:
    """What :mod:`knowledge.asking` found for a question: the passage cited, its kind of answer, the reply."""

    top: Hit  # the best retrieved passage
    source: StoredChunk  # the passage cited
    kind: str  # "passage", "table", "summary" or an answer type ("deadline", "signer"…)
    reply: str
    evidence: float  # the weight share of the question the evidence holds
    rival: float = 0.0  # the best fused score of another dispatch's passage, as a share of the best passage's


def _written(index: HybridIndex, terms: Terms, query: Query) -> Terms:
    """For an English question, its terms less the English words no dispatch writes ("thrift"): the vocabulary lacks
    them whatever the topic, and ``unknown_english`` counts them already; a name the corpus writes stays ("Hai Phong"
    against a dispatch of another province)."""
    return terms.without(frozenset(t for t in terms.weights if t not in index.idf)) if query.english else terms


def signals_of(index: HybridIndex, query: Query, terms: Terms, found: Found) -> dict[str, float]:
    """The confidence model's signals for ``found`` (see :mod:`knowledge.confidence`)."""
    top, source, kind, reply = found.top, found.source, found.kind, found.reply
    issued = bool(ISSUED_RE.search(fold(query.text)))
    named_dispatch = bool(query.dispatch_numbers or query.context_dispatch)
    about_header = named_dispatch and kind in HEADER_KINDS
    unknown = unknown_share(query, index.idf)
    passage = source.chunk.context + " " + source.chunk.text
    answering = index.dispatches.get(source.doc_key)
    addressed = [*answering.recipients, *answering.copied] if answering else []  # "Kính gửi" and "Nơi nhận"
    # The passage's best lines with the "Kính gửi" list kept: that list matching best names a body, asks nothing of it.
    rostered = kind == "passage" and "recipients" not in query.intents and roster_reply("\n".join(pick_sentences(
        terms, source.chunk.text, source.chunk.context, roster=True).sentences), addressed)
    return {
        "fused": top.fused,
        "dense": top.top_dense,
        # How close the reply itself is to the question (the passage may be on topic while the reply is not).
        "reply_dense": index.similarity(query.dense, reply[:REPLY_CHARS]),
        "lexical": top.top_lexical / (1 + len(terms.weights)),
        "agreement": float(top.agreement),
        "coverage": content_coverage(query, passage),
        "accent_coverage": accent_coverage(query, passage),
        "type_match": float(kind not in PLAIN_KINDS),
        "evidence": found.evidence,
        # Measured differently in English (words the vocabulary cannot bring to the dispatches): its own weight.
        "unknown": 0.0 if query.english else unknown,
        "unknown_english": unknown if query.english else 0.0,
        "named": float(bool(query.dispatch_numbers or query.templates or query.legal_refs or query.context_dispatch)),
        # A question that names its dispatch and asks what the header says (signer, recipients, date,
        # attachments, what it asks) is about that dispatch whatever its other words ("lãnh đạo nào ký").
        "topic": 1.0 if about_header else topic_share(index, terms, source.doc_key),
        "absent": 0.0 if about_header else absent_share(index, _written(index, terms, query), source.doc_key),
        "absent_pairs": 0.0 if about_header else absent_pairs(index, terms, source.doc_key),
        "english": float(query.english),
        # About a law or decree, not a dispatch (but a cited document's date is stated where the dispatch cites it).
        "other_document": float(cited_answers.about_other_document(query) and not (
            kind in ("legal_ref", "cited") and "date" in answer_shape.expected(query.text))),
        # The reply lacks the shape asked for (an amount for "bao nhiêu", a date for "khi nào"); header lists aside.
        "shape_missing": float(kind not in HEADER_KINDS
                               and (answer_shape.missing(query.text, reply, kind in ("legal_ref", "cited") or issued)
                                    or kind == "table" and answer_shape.blank_form_misses(query.text))),
        # A dispatch number the base lacks, or a province or a year the answering dispatch never mentions.
        "foreign": float(bool(uncited(index, query, source.doc_key)) or foreign_place(index, query, source.doc_key)
                         or foreign_year(index, query, source.doc_key)),
        # How to do something, what papers it takes, what holds now: no dated request for reports says it.
        "general_ask": float(general_ask(query) and "contact" not in query.intents),  # "hỏi ai về cách ghi": a contact
        # The reply only cites a law or a plan ("Thực hiện Thông tư số …") and the question asks about no document.
        "citation_reply": float(kind in PLAIN_KINDS and citation_reply(query, reply)),
        "roster_reply": float(rostered),  # the bodies it is sent to answer best, and the question asks something else
        # How the question was typed and how much it asks: they qualify the scores above (trees, not sums).
        "unaccented": float(not query.english and not has_diacritics(query.typed or query.text)),
        "content_words": float(len(terms.weights)),
        # Another dispatch scoring nearly as well: the question fits no dispatch in particular.
        "rival": found.rival,
        # The kind of answer: the other signals weigh differently for a deadline found than for a passage.
        **{f"kind_{k}": float(kind == k) for k in ANSWER_KINDS},
    }


def verdict(index: HybridIndex, query: Query, found: Found, signals: dict[str, float],
            target: str | None) -> tuple[float, str | None]:
    """(the probability that ``found`` answers the question, why it is declined or None): "which_one" when the
    question asks of a dispatch it does not single out, "not_sure" otherwise."""
    model = confidence_model()
    probability = model.probability(signals) if model else signals["coverage"]
    threshold = model.threshold if model else FALLBACK_THRESHOLD
    kind = found.kind
    # "Hạn nộp báo cáo khi nào?" with no dispatch named, in context or singled out by the question's words.
    if target is None and not focus_terms(query) and kind not in (*PLAIN_KINDS, "summary"):
        return probability, "which_one"
    # Sentences holding none of the question's words (a letterhead line, a title) state nothing about it; the form
    # the question names does ("Phụ lục I gồm những cột nào": a prose list of columns, no word of the question's).
    says_nothing = kind == "passage" and found.evidence <= 0.0 and not (query.templates and found.source.template_keys)
    # A dispatch the question names that the base neither holds nor finds cited: nothing here answers it.
    unheld = bool(uncited(index, query, found.source.doc_key))
    unrelated = found.top.top_dense < DENSE_FLOOR and kind in PLAIN_KINDS
    # The question names nothing and the dispatch holds none of its content words, or, for an answer type's
    # evidence, little of them: a cue alone ("phone number", "hạn") found the type's evidence. On the 964
    # development questions a typed answer under TYPED_TOPIC_FLOOR: 12 out of scope, 1 in scope (a wrong reply).
    typed_answer = kind not in (*PLAIN_KINDS, "summary")
    off_topic = not signals["named"] and (signals["topic"] <= 0.0 or typed_answer and signals["topic"] < TYPED_TOPIC_FLOOR)
    if probability < threshold or says_nothing or unheld or unrelated or off_topic:
        return probability, "not_sure"
    return probability, None
