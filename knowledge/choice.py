"""Which of the top passages the answer is cut from: a conditional logit over each passage's features.

Why: the fused retrieval score ranks passages on the whole question, the sentence pick on the words the
answer must hold; neither alone says which passage answers ("số liệu như tháng trước thì e-mail báo lại gì"
ranks the monthly-report dispatch first, while another dispatch's sentence on phone reports holds more of
its words). Hand-set weights chose a worse passage than the first-ranked one; the weights are now fit
(``benchmarks/evidence_choice.py``) on the development questions, each candidate labelled by whether it
holds the gold phrase, and compared out of fold with the rank alone. Since session 20 they are fit as a
conditional logit (:func:`knowledge.logistic.fit_choice`: which candidate of a question to choose), not by
rating each candidate alone: each development set left out in turn, the chosen passage held the gold phrase
for 0.849 of the questions against 0.835 (1759 questions of 17 sets; the first-ranked candidate: 0.799).
Boosted trees (as for the confidence) were tried in session 19: scoring each candidate alone, they chose a
passage holding the gold phrase for 0.834 of the development questions, each set left out in turn, against the
logistic model's 0.845; left out. So were the passage's own dense and lexical scores over the best ones and its
rank (0.844, 0.845, 0.839); in session 20 (conditional logit), the share its headings hold, its length and
interactions with an English question (none changed the share by more than 0.001).

Features of a candidate passage:
    fused           its fused retrieval score over the best one's
    pick            share of the question's weight its best sentences hold (a date's bonus included for "khi nào")
    whole           share of the question's weight the passage holds with its headings
    table           1 for a form (a table passage)
    columns_table   1 for a form when the question asks about columns
    dated           1 when its best sentence sets a date and the question asks "khi nào" / a deadline / a period
    top_doc         1 when it belongs to the dispatch of the first-ranked passage (the dispatch the whole
                    question points to; a stray passage of another dispatch matches only some of its words)
    typed           1 when the question asks for a deadline, a contact or the signer and the passage holds one
    specific        share of the question's weight beyond the dispatch's name and the words most of its passages
                    write (:func:`knowledge.identity.specific`) that the passage holds (added in session 20: each
                    development set left out in turn, 0.859 of the questions chose right against 0.849 without it;
                    better on 11 of the 17 sets, worse on one)
    shape           1 when the question asks for a shape of answer (:mod:`knowledge.answer_shape`: an amount, a
                    date, a period, a phone…) or what follows a late report, and the passage's best sentences
                    have it ("bao nhiêu phần trăm": the sentence with "từ 5% đến 10%", not the opening figures on
                    the same topic; "chậm thì xử lý thế nào": the sentence on what late units face)
    opening         1 for a passage of the letter's opening part (its background figures, legal basis and lead-in,
                    before the first heading), which restates the subject a question names the dispatch by
Added in session 25: each of the 17 development sets left out in turn, 1558 of 1763 questions chose right with both
against 1512 without them (better on 12 sets, worse on two by one question each); shape alone 1551 (with the
answer shapes only, not late reports: 1538), opening alone 1520.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from knowledge import answer_shape, dates
from knowledge.chunking import OPENING
from knowledge.uncued_answers import asks_consequence, states_consequence
from knowledge.logistic import Model
from knowledge.index import StoredChunk
from knowledge.ranking import types_held
from knowledge.query import Query
from knowledge.sentence_pick import Pick

MODEL_PATH = Path(__file__).with_name("data") / "evidence_choice.json"
FEATURES = ("fused", "pick", "whole", "table", "columns_table", "dated", "top_doc", "typed", "specific", "shape",
            "opening")
WHEN_INTENTS = frozenset({"when", "deadline", "since"})


@dataclass
class Choice:
    """The evidence an answer is built from."""

    chunk: StoredChunk
    pick: Pick
    fused: float
    features: dict[str, float] | None = None
    runner_up: Choice | None = None  # a second passage that may answer as well (:func:`runner_up`)


def features(chunk: StoredChunk, pick: Pick, whole: float, fused: float, top: float, query: Query,
             top_doc: str = "", specific: float = 0.0) -> dict[str, float]:
    table = float(chunk.chunk.is_table)
    intents = set(query.intents)
    shaped = answer_fit(query.text)
    return {"fused": fused / (top or 1.0), "pick": pick.score, "whole": whole, "table": table,
            "columns_table": table * ("columns" in intents),
            "dated": float(bool(WHEN_INTENTS & intents) and dates.has_date(pick.top)),
            "top_doc": float(chunk.doc_key == top_doc), "typed": float(types_held(chunk, query.intents) > 0),
            "specific": specific, "shape": float(shaped is not None and shaped(" ".join(pick.sentences))),
            "opening": float(chunk.chunk.citation.startswith(OPENING))}


@lru_cache(maxsize=1024)  # asked once per candidate passage: the question's regexes run once
def answer_fit(question: str) -> Callable[[str], bool] | None:
    """The test a passage's sentences pass when they have what the question asks for: its shape of answer, else
    what follows a late report; None when it asks for neither."""
    return answer_shape.check_for(question) or (states_consequence if asks_consequence(question) else None)


@lru_cache(maxsize=1)
def model() -> Model | None:
    if not MODEL_PATH.exists():
        return None
    return Model(**json.loads(MODEL_PATH.read_text(encoding="utf-8")))


def rate(f: dict[str, float]) -> float:
    """How likely the passage holds the answer (without a fit model: the earlier hand-set mix)."""
    m = model()
    if m is not None:
        return m.probability(f)
    return 0.5 * (f["pick"] + f["whole"]) + 0.5 * f["fused"] + f["columns_table"]


# The chance the model gives the next candidate, among all of them, from which its sentences follow the chosen ones.
RUNNER_UP_SHARE = 0.15


def runner_up(pool: list[Choice], best: Choice) -> Choice | None:
    """The candidate the model rates next to ``best`` when it gives it at least ``RUNNER_UP_SHARE`` of the chance
    (the share of each candidate is that of a conditional logit: exp of its margin over the sum), or None.

    Why: the chosen passage holds the answer for about 0.87 of the development questions (each set left out); when
    the choice is close, the next passage often holds it instead ("what assistance level applies from 1 July 2024": the
    part on reporting is chosen, the item adjusting the allowance is next). Quoting its sentences too, under their own citation
    (:func:`knowledge.answer.second_quote`), stated the fact in 19 more of the 2000 development questions in session 28
    (1847 to 1866, none fewer). Shares tried, counting the replies whose runner-up holds the fact: 0.10, 21 of 195 that
    got a second quote; 0.15, 18 of 145; 0.20, 17 of 111; 0.30, 9 of 45."""
    m = model()
    if m is None or len(pool) < 2:
        return None
    margins = {id(c): m.margin(c.features or {}) for c in pool}
    top = max(margins.values())
    total = sum(math.exp(v - top) for v in margins.values())
    rest = [c for c in pool if c is not best and c.chunk.id != best.chunk.id and c.pick.score > 0 and c.pick.sentences]
    second = max(rest, key=lambda c: margins[id(c)], default=None)  # first in rank order on ties
    if second is None or math.exp(margins[id(second)] - top) / total < RUNNER_UP_SHARE:
        return None
    return second
