"""One calibrated confidence: a logistic regression over the retrieval and evidence signals.

Why: no single signal separates answerable questions from the rest. Dense similarity is high for any
Vietnamese administrative question, lexical coverage is fooled by folded syllables ("luong" is both
"lương" and "lượng"), and naming a dispatch says nothing about whether it holds the answer. The
signals are combined into one probability that the question is answered by the dispatches,
fit on the development questions (``benchmarks/retrieval.py --fit``) and checked on held-out ones;
below ``threshold`` the bot declines and names the closest dispatches. The regularisation and the
threshold are chosen on out-of-fold probabilities (5-fold cross-validation on the development set):
a threshold set on the very questions the weights were fit on sits too close to them.

Signals (all computed per question in :mod:`knowledge.gate`):
    fused, dense, lexical   best fused score, best dense cosine, best BM25 score per query term
    reply_dense             cosine of the question and the reply's text (up to 500 characters), both embedded: a
                            passage on the question's topic may still hold no sentence about what it asks
    agreement               1 when the best dense and the best lexical passage are the same
    coverage                share of the content words (after shorthand, typos, translation) in the passage;
                            for English, the vocabulary's translations and the question's own untranslated
                            words as typed (names and codes match, other English words do not)
    accent_coverage         the same on accented syllables ("lương" ≠ "lượng"), question restored if unaccented
    type_match              1 when an answer type's evidence answered (deadline found, signer known…)
    evidence                weight share of the question held by the chosen sentence(s)
    named                   1 when the question names a dispatch, a form or a cited document
    unknown                 share of the content syllables the corpus never uses (Vietnamese questions)
    unknown_english         share of an English question's content words that neither the dispatches write nor a
                            translation the dispatches write covers (its own weight: another measure)
    topic                   share of the question's content weight the answering dispatch holds anywhere in
                            its text (an answer type's cue may fit while the dispatch is about something else)
    absent                  how many of the question's content syllables the answering dispatch never writes (over
                            4, at most 1): one salient word it lacks ("quyết toán thuế") speaks against it even when
                            it holds the others, which the weight share barely shows
    absent_pairs            share of the question's weight in word pairs the corpus writes and the answering dispatch
                            never does ("quyết toán thuế" against a dispatch that writes "quyết toán" and "thuế" apart)
    english                 1 for an English question (its words reach the corpus only through a vocabulary,
                            so the same coverage is weaker evidence)
    foreign                 1 when the question names a dispatch number the base does not hold, a year or a province
                            or city (vntext/data/places.txt) the answering dispatch never mentions
    other_document          1 when the question is about a law, decree, circular… and names no dispatch
    general_ask             1 when the question asks how something is done (procedure, papers, who qualifies) or what
                            holds now ("hiện nay"): cue phrases in data/intents.yaml (knowledge.signals.general_ask); never for
                            a question on a form's column ("cách tính cột …")
    citation_reply          1 when each line of the reply opens by citing a law, decree or plan and the question asks about
                            no document (knowledge.signals.citation_reply)
    roster_reply            1 when at least half the passage's best lines, the "Kính gửi" and "Nơi nhận" lists kept (they never
                            make the reply), are items of those lists and the question does not ask whom it is sent to
                            (knowledge.signals.roster_reply): it names a body and asks nothing the passage says of it
    shape_missing           1 when the reply (the header's lists aside) lacks the shape the question asks for: an
                            amount for "bao nhiêu", a date for "khi nào", an hour (knowledge.answer_shape)
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_PATH = Path(__file__).with_name("data") / "confidence.json"
FEATURES = ("fused", "dense", "reply_dense", "lexical", "agreement", "coverage", "accent_coverage", "type_match",
            "evidence", "named", "unknown", "topic", "english", "foreign", "other_document", "shape_missing",
            "general_ask", "citation_reply", "absent", "unknown_english", "absent_pairs", "roster_reply")


@dataclass
class Model:
    """Standardised logistic regression: p = σ(bias + Σ wᵢ (xᵢ − meanᵢ) / scaleᵢ)."""

    features: list[str]
    mean: list[float]
    scale: list[float]
    weights: list[float]
    bias: float
    threshold: float
    fitted_on: str = ""

    def probability(self, signals: dict[str, float]) -> float:
        z = self.bias
        for name, mean, scale, weight in zip(self.features, self.mean, self.scale, self.weights):
            z += weight * (float(signals.get(name, 0.0)) - mean) / scale
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def save(self, path: Path = MODEL_PATH) -> None:
        path.write_text(json.dumps(asdict(self), indent=1) + "\n", encoding="utf-8")


@lru_cache(maxsize=1)
def model() -> Model | None:
    """The shipped model (``data/confidence.json``), or None when it has not been fit yet."""
    if not MODEL_PATH.exists():
        return None
    return Model(**json.loads(MODEL_PATH.read_text(encoding="utf-8")))


FOLDS = 5
L2_CHOICES = (0.3, 1.0, 3.0, 10.0, 30.0)


def fit(rows: list[dict[str, float]], labels: list[int], fitted_on: str = "") -> Model:
    """Fit with the regularisation and the threshold chosen by cross-validation on ``rows``: each question's
    probability comes from a model fit without its fold, so the threshold is set on scores like those of
    unseen questions (an in-sample threshold sits too close to the questions it was fit on)."""
    best = None
    for l2 in L2_CHOICES:
        probs = out_of_fold(rows, labels, l2)
        loss = -sum(math.log(max(1e-9, p if y else 1 - p)) for p, y in zip(probs, labels))
        if best is None or loss < best[0]:
            best = (loss, l2, probs)
    _, l2, probs = best
    m = fit_once(rows, labels, l2, fitted_on)
    m.threshold = best_threshold(probs, labels)
    m.fitted_on = f"{fitted_on}; l2 {l2}, threshold from {FOLDS}-fold cross-validation".lstrip("; ")
    return m


def out_of_fold(rows: list[dict[str, float]], labels: list[int], l2: float) -> list[float]:
    """Each row's probability from a model fit without its fold (``FOLDS``-fold, rows dealt round-robin)."""
    probs = [0.0] * len(rows)
    for fold in range(FOLDS):
        train = [i for i in range(len(rows)) if i % FOLDS != fold]
        m = fit_once([rows[i] for i in train], [labels[i] for i in train], l2)
        for i in range(fold, len(rows), FOLDS):
            probs[i] = m.probability(rows[i])
    return probs


def fit_once(rows: list[dict[str, float]], labels: list[int], l2: float = 1.0, fitted_on: str = "",
             features: tuple[str, ...] = FEATURES) -> Model:
    """Fit by Newton's method (L2-regularised); threshold 0.5."""
    x = np.array([[float(r.get(f, 0.0)) for f in features] for r in rows], dtype=float)
    y = np.array(labels, dtype=float)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    w = np.zeros(z.shape[1])
    reg = np.eye(z.shape[1]) * l2
    reg[0, 0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w, -30, 30)))
        grad = z.T @ (p - y) + reg @ w
        hess = (z.T * (p * (1 - p))) @ z + reg + np.eye(z.shape[1]) * 1e-9
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return Model(list(features), mean.tolist(), scale.tolist(), w[1:].tolist(), float(w[0]), 0.5, fitted_on)


# The goals: at most 3 % of answerable questions declined, at least 90 % of the others declined.
# An error of each kind costs in proportion to how much of its budget it uses.
DECLINE_BUDGET = 0.03
ANSWER_BUDGET = 0.10


def best_threshold(probs: list[float], labels: list[int]) -> float:
    """The cut that uses the least of the two error budgets (answerable questions declined, out-of-scope
    ones answered, each as a share of its kind over its budget); among equals, the lowest cut, halfway to
    the next score so that it does not sit on one question's score."""
    pos = sum(1 for y in labels if y) or 1
    neg = sum(1 for y in labels if not y) or 1
    cuts = sorted({0.0, *(round(p, 4) for p in probs)}) + [1.0]
    best = None
    for lo, hi in zip(cuts, cuts[1:]):
        cut = (lo + hi) / 2
        declined = sum(p < cut and y for p, y in zip(probs, labels)) / pos
        answered = sum(p >= cut and not y for p, y in zip(probs, labels)) / neg
        cost = round(declined / DECLINE_BUDGET + answered / ANSWER_BUDGET, 9)
        if best is None or cost < best[0]:
            best = (cost, cut)
    return best[1]
