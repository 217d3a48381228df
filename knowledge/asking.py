"""From a understood question to an answer: which dispatch, which evidence, which answer type, how sure.

Steps: search (dense + lexical, fused) → the dispatch meant (named, the form's dispatch, the one citing a
named legal document, the user's context, else the best passage's) → the best evidence sentences among
the top passages → answer types whose evidence fits the question better than that → one calibrated
probability and the rules that decline (:mod:`knowledge.gate`) → the reply with its precise citation, or a decline naming
the closest dispatches.
"""

from __future__ import annotations

import re

from knowledge import answer_shape
from knowledge import answer as compose
from knowledge import answer_types as types
from knowledge import choice, cited_answers, dates, gate
from knowledge.attached import ATTACHED_TITLE
from knowledge.evidence import Terms, focus_terms, tokens, weighted_terms
from knowledge.form_choice import resolve_template
from knowledge.gate import HEADER_KINDS
from knowledge.identity import IDENTITY_FLOOR, described, identity_as_ties, specific, topical, without_identity
from knowledge.choice import Choice
from knowledge.index import Hit, HybridIndex, StoredChunk
from knowledge.outline_answers import addressee_answer, outline_answer, section_answer
from knowledge.query import Query
from knowledge.results import Answer, Passage
from knowledge.senders import placed_scorer, sender_terms
from knowledge.sentence_pick import Pick, pick_sentences
from knowledge.summary import extract_requests, items_following
from knowledge.text import fold
from knowledge.uncued_answers import uncued

CANDIDATES = 8  # passages searched for evidence
RANK_PRIOR = 0.5  # weight of the fused retrieval score when shaped sentences compete
# A typed sentence answers unless an ordinary sentence holds this much more of the question's words
# (those that do not merely name the dispatch): a clear cue ("hạn nộp", "e-mail") needs less evidence
# than a weak one ("khi nào", "gửi về đâu").
STRONG_CUE_MARGIN = 0.25
WEAK_CUE_MARGIN = 0.0
FULL_SHARE = 0.99  # an ordinary sentence holding (nearly) all the question's words
_COLUMNS_LINE_RE = re.compile(r"\b(?:các|những)\s+cột\b|\bcột\s*:", re.I)
DATE_BONUS = PERIOD_BONUS = 0.15  # a dated sentence; for "tính từ/đến ngày nào", one bounding a period too
# For "gồm những cột nào", the sentence listing a prose form's columns answers whatever else the passage holds of the
# question's words (often only the form's code, which a sentence naming another form shares: "như Biểu số 01/BQL").
COLUMNS_BONUS = 1.0
SUMMARY_COVERAGE = 0.5  # share of the question's words the dispatch's requests must hold for a summary


def passage_of(c: StoredChunk, score: float) -> Passage:
    return Passage(c.chunk.dispatch, c.date, c.chunk.section, c.chunk.text, score, c.chunk.citation)


def candidates(index: HybridIndex, hits: list[Hit], terms: Terms, target: str | None, query: Query) -> list[Choice]:
    """The top passages (of the dispatch meant, if any) with their best sentences and features. A question
    asking "khi nào" prefers sentences with a date; one asking a period, sentences bounding one."""
    # The listing of attached forms is the bot's own summary: evidence only for "kèm theo những mẫu nào".
    listing = "attachments" in query.intents
    pool = [h for h in hits if (target is None or h.chunk.doc_key == target)
            and (listing or h.chunk.chunk.citation != ATTACHED_TITLE)][:CANDIDATES]
    period = "since" in query.intents  # a period's bounds: "số liệu tính từ ngày … đến ngày …"
    bonus = ((lambda s: DATE_BONUS * dates.has_date(s) + PERIOD_BONUS * period * dates.sets_period(s))
             if {"when", "deadline", "since"} & set(query.intents) else
             # "gồm những cột nào" of a form typed as prose: the sentence listing its columns.
             (lambda s: COLUMNS_BONUS * bool(_COLUMNS_LINE_RE.search(s))) if "column_list" in query.intents else None)
    top = max(h.fused for h in hits) or 1.0
    notes = "fill" in query.intents or "column_list" not in query.intents  # "gồm những cột nào": the columns alone
    roster = "recipients" in query.intents  # the "Kính gửi" list's items answer "gửi những đơn vị nào" only
    basis = cited_answers.asks_about_documents(query)  # "Căn cứ Nghị định …" answers only a question on a document
    out = []
    for h in pool:
        own = topical(index, terms, index.dispatches.get(h.chunk.doc_key))
        pick = pick_sentences(own, h.chunk.chunk.text, h.chunk.chunk.context, bonus=bonus, notes=notes, roster=roster,
                              column=query.column_ref, basis=basis, column_name=query.column_name)
        whole = terms.score(tokens(h.chunk.chunk.index_text()))  # the passage with its headings
        held = specific(index, own, h.chunk.doc_key).score(tokens(h.chunk.chunk.text))
        out.append(Choice(h.chunk, pick, h.fused,
                          choice.features(h.chunk, pick, whole, h.fused, top, query, hits[0].chunk.doc_key, held)))
    return out


def _retrieve(index: HybridIndex, query: Query, k: int) -> tuple[Terms, list[Hit], str | None, str]:
    """The question's terms, the ranked passages, the dispatch meant (or None) and a note on ambiguity."""
    terms = weighted_terms(query, index.idf, index.max_idf)
    resolve_template(index, query, terms)
    if not (query.dispatch_numbers or query.templates or query.context_dispatch):
        query.described_dispatch = described(index, terms)
    hits = index.search(query, k=max(k, CANDIDATES))
    target, note = _target(index, query, hits) if hits else (None, "")
    return terms, hits, target, note


def evidence_pool(index: HybridIndex, query: Query) -> list[Choice]:
    """The candidates :func:`respond` chooses its evidence from (for ``benchmarks/evidence_choice.py``)."""
    terms, hits, target, _ = _retrieve(index, query, CANDIDATES)
    return candidates(index, hits, terms, target, query) if hits else []


def _evidence(index: HybridIndex, hits: list[Hit], terms: Terms, target: str | None, query: Query) -> Choice | None:
    """The candidate most likely to hold the answer (:mod:`knowledge.choice`); when it lacks the shape asked
    for (a form's columns for "bao nhiêu"), the sentence of the candidates that has it."""
    pool = candidates(index, hits, terms, target, query)
    if not pool:
        return None
    # A passage none of whose sentences holds a word of the question states nothing about it (then declined).
    # The form the question names is evidence whatever words it holds ("Phụ lục II dành cho ai"); so is a passage of
    # the dispatch the whole question points to that holds what a typed question asks for ("hỏi về biểu mẫu tiêm
    # chủng thì liên hệ ai": its contact line names no topic, the dispatch's other passages do).
    named = set(query.templates)
    pool = [c for c in pool if c.pick.score > 0 or c.chunk.template_keys & named
            or c.features and c.features["typed"] and c.features["top_doc"]] or pool
    best = max(pool, key=lambda c: choice.rate(c.features))  # first in rank order on ties
    best.runner_up = choice.runner_up(pool, best)
    # A form is blank: its columns never hold the amount or date asked for (whatever numbers its title or labels
    # write), a sentence of the body may.
    blank = best.pick.is_table and bool(best.pick.sentences) and best.pick.top == best.pick.sentences[0]  # no note
    if answer_shape.missing(query.text, " ".join(best.pick.sentences)) or blank and answer_shape.blank_form_misses(
            query.text):
        top = max(h.fused for h in hits) or 1.0
        return _shaped(index, [h for h in hits if any(c.chunk.id == h.chunk.id for c in pool)], terms, query, best,
                       top) or best
    return best


SHAPE_SHARE = 0.4  # a sentence with the asked-for shape answers if it holds this share of the best one's weight
SHAPE_LIFT = 2.0  # added to shaped sentences so that the pick is the best of them (then taken off)


def _shaped(index: HybridIndex, pool: list[Hit], terms: Terms, query: Query, current: Choice, top: float) -> Choice | None:
    """The reply lacks what the question asks for (no amount for "bao nhiêu", no date for "từ ngày nào"): the
    sentence of the same passages that has it, when it holds nearly as much of the question."""
    has = answer_shape.check_for(query.text)
    best: tuple[float, Choice] | None = None
    basis = cited_answers.asks_about_documents(query)
    for h in pool:
        own = topical(index, terms, index.dispatches.get(h.chunk.doc_key))
        pick = pick_sentences(own, h.chunk.chunk.text, h.chunk.chunk.context, limit=1, bonus=lambda s: SHAPE_LIFT * has(s),
                              basis=basis)
        # A dispatch bounds its figures' period once or twice: that sentence answers "tính từ ngày nào" however
        # few of the question's words it repeats.
        share = 0.0 if has is dates.sets_period else SHAPE_SHARE
        # A form answers only by a note under it that has the shape ("số liệu tính đến hết ngày 31/12/2026").
        note = pick.is_table and bool(pick.sentences) and pick.top != pick.sentences[0]
        if pick.is_table and not note or not has(pick.top) or pick.score - SHAPE_LIFT < share * current.pick.score:
            continue
        value = pick.score + RANK_PRIOR * h.fused / top
        if best is None or value > best[0]:
            said = [pick.top] if note else pick.sentences
            best = (value, Choice(h.chunk, Pick(said, pick.score - SHAPE_LIFT, top=pick.top), h.fused))
    return best[1] if best else None


_FORM_WORD_RE = re.compile(r"\b(mau|bieu|phu luc|forms?|annex(es)?|templates?)\b")


def _target(index: HybridIndex, query: Query, hits: list[Hit]) -> tuple[str | None, str]:
    """(the dispatch the question is about or None, a note when a form name fits several dispatches)."""
    if query.dispatch_numbers:
        chosen = index.catalogue.get(query.dispatch_numbers[0])
        others = [d for d in (index.catalogue.get(s) for s in query.number_others) if d]
        number = query.dispatch_numbers[0].split("/", 1)[0]
        note = compose.ambiguity_note(f"số {number}", chosen, others, "Xin nêu đủ số hiệu") if chosen and others else ""
        return query.dispatch_numbers[0], note
    if query.template_dispatch:
        note = ""
        if query.template_others and query.template_dispatch != query.context_dispatch:
            chosen = index.catalogue.get(query.template_dispatch)
            others = [d for d in (index.catalogue.get(s) for s in query.template_others) if d]
            kind, number = query.templates[0]
            note = compose.ambiguity_note(f"{kind} {number:02d}", chosen, others) if chosen else ""
        return query.template_dispatch, note
    if query.legal_refs:
        squeezed = [re.sub(r"[^a-z0-9]+", "", r) for r in query.legal_refs]
        citing = [h for h in hits if any(s in re.sub(r"[^a-z0-9]+", "", fold(h.chunk.chunk.text)) for s in squeezed)]
        preferred = [h for h in citing if h.chunk.doc_key == query.context_dispatch] or citing
        if preferred:
            return preferred[0].chunk.doc_key, ""
    context = query.context_dispatch
    # The context decides unless the question says more and that points to another dispatch
    # even though the context's passages were preferred.
    if context and focus_terms(query) and hits and hits[0].chunk.doc_key != context:
        return None, ""
    return context, ""


# Specific types first: "ký ngày nào" is about the date, not a deadline.
_PRIORITY = ["signer", "recipients", "attachments", "cited", "date", "contact", "deadline", "where", "when"]
# "Where should it be sent" names no time: where it goes answers before the deadline the cue "be sent" brings.
_WHERE_FIRST = ["signer", "recipients", "attachments", "cited", "date", "contact", "where", "deadline", "when"]
_TYPE_CUES = {"deadline": ("deadline", STRONG_CUE_MARGIN), "when": ("deadline", WEAK_CUE_MARGIN),
              "contact": ("contact", STRONG_CUE_MARGIN), "where": ("contact", WEAK_CUE_MARGIN)}


def _typed(index: HybridIndex, query: Query, d, terms: Terms, general: Pick, anchor: str = "") -> types.Typed | None:
    """The answer type whose evidence fits the question, or None (then the ordinary sentences answer).
    ``anchor``: the first line of the passage chosen as evidence (where an outline question looks)."""
    document = index.document_text(d.so_hieu)
    # "Công văn … về triển khai Thông tư 25/2014 do ai ký", "… yêu cầu báo cáo trước ngày nào": a cited document that
    # only describes the dispatch does not make the question about that document (a deadline is the dispatch's own).
    about_header = bool({"signer", "recipients", "attachments", "deadline"} & set(query.intents))
    if query.legal_refs and not about_header:
        found = cited_answers.legal_ref(query, document, terms)
        if found:
            return found
    if "columns" in query.intents:
        return None  # "which columns": the table answers
    named = bool(query.dispatch_numbers or query.context_dispatch or query.template_dispatch)
    compared = without_identity(index, terms, d)
    # When the question is little more than the dispatch's name and a cue ("báo cáo số lượng người làm việc
    # gửi về đâu"), the typed evidence answers all that is asked.
    names_only = compared.total < IDENTITY_FLOOR * terms.total
    ties = identity_as_ties(compared, terms, d)  # the subject's words break ties
    other_document = cited_answers.about_other_document(query)
    if query.section_refs and not (set(_PRIORITY) & set(query.intents) or query.templates or "columns" in query.intents):
        found = section_answer(document, query.section_refs, query.item_ref)  # "mục III nói gì": that part
        if found:
            return found
    if {"parts", "contents"} & set(query.intents):
        found = outline_answer(document, anchor, terms, query)
        if found:
            return found
    if {"duties", "contents", "summary"} & set(query.intents) and not set(_PRIORITY) & set(query.intents):
        # "Ban Quản lý Khu kinh tế phải báo cáo gì": its part; "UBND xã cần làm gì" too, though "Ủy ban nhân dân" is
        # also the letterhead's (the dispatch's name), when only its number and issuer are set aside.
        found = addressee_answer(document, compared, query.text) or addressee_answer(
            document, terms.without(tokens(f"{d.so_hieu} {d.issuer}")), query.text)
        if found:
            return found
    if not other_document:  # types no cue word names: a period's bounds, what follows a late report
        found = uncued(query.text, document, ties, "period" in answer_shape.expected(query.text))
        if found and names_only:
            found.score = 1.0  # as for a deadline: the name and the cue are all that is asked
        if found:
            return found
    order = _PRIORITY if "when" in query.intents else _WHERE_FIRST
    for kind in sorted(query.intents, key=lambda k: order.index(k) if k in order else len(order)):
        found = None
        if other_document and kind in HEADER_KINDS:
            continue  # "who signed the 2023 law": not this dispatch's signer
        if kind in ("when", "deadline") and "since" in query.intents:
            continue  # "tính từ ngày nào": where a period starts, not the deadline
        if kind == "signer":
            found = types.signer(d)
        elif kind == "recipients":
            found = types.recipients(d, query)
        elif kind == "attachments":
            listing = index.locate(d.so_hieu, [ATTACHED_TITLE])
            found = types.attachments(d, document, query, listing.chunk.text if listing else "", compared)
            # "Sáng kiến cấp tỉnh gửi kèm những gì": what goes along with a case the question names, not which forms.
            if found and compared.weights and not names_only and not _FORM_WORD_RE.search(fold(query.text)):
                body = types.sent_along(document, compared)
                if body and body.score > compared.score(tokens(found.reply)) + STRONG_CUE_MARGIN:
                    found = body
        elif kind == "date" and (named or names_only or types.about_dispatch(query)) and not query.legal_refs:
            found = types.own_date(d)
        elif kind == "cited" and not query.legal_refs:
            found = cited_answers.cited(query, document, compared if compared.weights else terms)
        elif kind in _TYPE_CUES:
            answer_type, margin = _TYPE_CUES[kind]
            if answer_type == "contact":
                found = types.contact(d, document, ties, query.text)  # the name does not tell its contacts apart
            else:
                # The dispatch's own name ("Bộ Y tế", its subject) does not tell its deadlines apart.
                hour = answer_shape.has_hour if "hour" in answer_shape.expected(query.text) else None
                found = types.deadline(d, document, ties, query.text, hour)
            # "Cơ sở lưu trú gửi … trước ngày nào": its words count where it sends, not in another body's task.
            sender = sender_terms(compared, query.text) if answer_type == "deadline" else None
            weigh = placed_scorer(compared, sender, types._sentences(document))
            raw = weigh(found.snippets[0]) if found else 0.0
            if found:
                found.score = 1.0 if names_only else raw
            if found and compared.weights:
                # Only a sentence that could answer competes: for a deadline, one that holds a date.
                # A weak cue ("khi nào", "ngày nào") may be answered by a cited document's date.
                dated = dates.has_date if kind == "deadline" else dates.any_date
                # For "gọi ai", "sđt bn": one that holds a person, a phone or an e-mail.
                fits = dated if answer_type == "deadline" else types.can_reach(d, query.text) if kind == "contact" else None
                rivals = [s for s in general.sentences if fits is None or fits(s)]
                ordinary = max((weigh(s) for s in rivals), default=0.0)
                # Even when the question is little more than the dispatch's name, a dated sentence holding
                # all of what remains ("số liệu … tính từ ngày nào") answers rather than the deadline.
                whole = names_only and ordinary >= FULL_SHARE and raw + STRONG_CUE_MARGIN < ordinary
                if found.score + margin < ordinary or whole:
                    found = None  # an ordinary sentence fits the question better than this type's evidence
        if found:
            return found
    return None


def respond(index: HybridIndex, query: Query, k: int) -> Answer:
    """The answer to an understood question (see the module docstring)."""
    terms, hits, target, note = _retrieve(index, query, k)
    if not hits:
        return Answer("Kho tri thức chưa có công văn nào. Hãy thêm công văn bằng lệnh “baocao ingest”.")
    choice = _evidence(index, hits, terms, target, query)
    if choice is None and target:
        # None of the best passages is the meant dispatch's but its listing of forms ("Biểu 02 gửi trước ngày nào"),
        # or the form it names only in its body ("theo Biểu số 01/TCMR") lent it no boost: its own best passages.
        choice = _evidence(index, index.search(query, k=len(index.chunks)), terms, target, query)
    choice = choice or _evidence(index, hits, terms, None, query)
    if choice is None:
        return Answer(compose.not_sure([passage_of(h.chunk, h.fused) for h in hits], index.dispatches, compose.NOT_SURE),
                      [passage_of(h.chunk, h.fused) for h in hits][: max(k, 1)], False)
    d = index.dispatches.get(target or choice.chunk.doc_key)
    anchor = choice.chunk.chunk.text.split("\n", 1)[0] if choice.chunk.doc_key == (d.so_hieu if d else "") else ""
    typed = _typed(index, query, d, terms, choice.pick, anchor) if d else None
    summary = None
    if (typed is None and "summary" in query.intents
            and (query.dispatch_numbers or query.context_dispatch or d and query.described_dispatch == d.so_hieu)
            and not (query.templates or query.section_refs) and d):
        requests = extract_requests(index.document_text(d.so_hieu))
        held = terms.score(tokens(" ".join(requests.snippets()))) if requests else 0.0
        # Words that only name the dispatch ("Công văn 1181 của Bộ TTTT đề nghị các Bộ làm gì") ask nothing more.
        asked = [t for t in without_identity(index, terms, d).weights if "_" not in t]
        # A dispatch named only by describing it is asked about as a whole only when nothing but its name remains.
        named = query.dispatch_numbers or query.context_dispatch
        typed_cue = set(_PRIORITY) & set(query.intents)  # "who to contact about …": the contact, not a summary
        if (named or not typed_cue) and (min(len(focus_terms(query)), len(asked)) <= 1
                                         or named and held >= SUMMARY_COVERAGE):
            summary = compose.summary_reply(d, requests)

    second = None  # a second passage whose sentences follow the reply's, with their citation
    if summary or typed:
        reply, snippets = summary if summary else (typed.reply, typed.snippets)
        source = index.locate(d.so_hieu, snippets) or choice.chunk
        sentence = snippets[0] if snippets else ""
        evidence_score = 1.0 if summary else typed.score
        kind = "summary" if summary else typed.kind
        judged = reply
        if typed and typed.kind in compose.BODY_KINDS and choice.chunk.doc_key == d.so_hieu and not choice.pick.is_table:
            second = choice  # a typed sentence and the ordinary evidence may disagree: both are quoted
    else:
        source = choice.chunk
        reply = compose.shortened(choice.pick, terms, query.text)
        judged = reply  # what the confidence weighs: the evidence itself, not the items a lead-in points to
        if not choice.pick.is_table and reply.rstrip().endswith(":"):
            # The opening's lead-in ("…, Sở Y tế đề nghị các đơn vị:") answers with the items it introduces.
            reply = compose.with_items(reply, items_following(index.document_text(source.doc_key),
                                                              reply.rstrip().rsplit("\n", 1)[-1]))
        sentence = choice.pick.top
        evidence_score = choice.pick.score
        kind = "table" if choice.pick.is_table else "passage"
        second = choice.runner_up  # a close second in the evidence choice
    quoted = "\n".join([reply, *(snippets if summary or typed else [])])
    also = compose.second_quote(index.dispatches.get(second.chunk.doc_key), second, terms, query.text,
                                quoted) if second else None
    if note:
        reply = f"{note}\n{reply}"

    rival = next((h.fused for h in hits if h.chunk.doc_key != hits[0].chunk.doc_key), 0.0) / (hits[0].fused or 1.0)
    found = gate.Found(hits[0], source, kind, judged, evidence_score, rival)
    signals = gate.signals_of(index, query, terms, found)
    probability, declined = gate.verdict(index, query, found, signals, target)
    score = {h.chunk.id: h.fused for h in hits}
    cited = [source] + ([second.chunk] if also and second.chunk.id != source.id else [])
    ordered = cited + [h.chunk for h in hits if all(h.chunk.id != c.id for c in cited)]
    passages = [passage_of(c, score.get(c.id, 0.0)) for c in ordered][: max(k, 1)]
    if declined:
        head = compose.WHICH_ONE if declined == "which_one" else compose.NOT_SURE
        text = compose.not_sure([passage_of(h.chunk, h.fused) for h in hits], index.dispatches, head)
        return Answer(text, passages, False, None, "", kind, probability, signals)
    label = compose.precise_label(source.chunk.citation or source.chunk.section, source.chunk.text, sentence)
    cite = compose.citation_for(index.dispatches[source.doc_key], label) if source.doc_key in index.dispatches else label
    shown = [(source.chunk.dispatch, source.chunk.section)] + ([also[2]] if also else [])
    more = compose.further(passages[1:], shown)
    text = compose.compose(reply, cite, more, also[:2] if also else None)
    return Answer(text, passages, True, source.doc_key, reply, kind, probability, signals, also[0] if also else "")
