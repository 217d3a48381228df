"""One calibrated confidence: a logistic regression over the retrieval and evidence signals.

Why: no single signal separates answerable questions from the rest. Dense similarity is high for any
Vietnamese administrative question, lexical coverage is fooled by folded syllables ("luong" is both
"lương" and "lượng"), and naming a dispatch says nothing about whether it holds the answer. The
signals are combined into one probability that the question is answered by the dispatches,
fit on the development questions (``benchmarks/retrieval.py --fit``) and checked on held-out ones;
below ``threshold`` the bot declines and names the closest dispatches.

Signals (all computed per question in :mod:`knowledge.asking`):
    fused, dense, lexical   best fused score, best dense cosine, best BM25 score per query term
    agreement               1 when the best dense and the best lexical passage are the same
    coverage                share of the content words (after shorthand, typos, translation) in the passage;
                            for English, times the share of words the vocabulary translates
    accent_coverage         the same on accented syllables ("lương" ≠ "lượng"), question restored if unaccented
    type_match              1 when an answer type's evidence answered (deadline found, signer known…)
    evidence                weight share of the question held by the chosen sentence(s)
    named                   1 when the question names a dispatch, a form or a cited document
    unknown                 share of the content words the corpus (or, in English, the vocabulary) cannot cover
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_PATH = Path(__file__).with_name("data") / "confidence.json"
FEATURES = ("fused", "dense", "lexical", "agreement", "coverage", "accent_coverage", "type_match", "evidence", "named",
            "unknown")


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


def fit(rows: list[dict[str, float]], labels: list[int], l2: float = 1.0, fitted_on: str = "") -> Model:
    """Fit by Newton's method (L2-regularised), then pick the threshold that decides the most rows
    right (ties: the lowest, so that answerable questions are declined as rarely as possible)."""
    x = np.array([[float(r.get(f, 0.0)) for f in FEATURES] for r in rows], dtype=float)
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
    m = Model(list(FEATURES), mean.tolist(), scale.tolist(), w[1:].tolist(), float(w[0]), 0.5, fitted_on)
    probs = [m.probability(r) for r in rows]
    m.threshold = best_threshold(probs, labels)
    return m


def best_threshold(probs: list[float], labels: list[int]) -> float:
    """The cut that classifies the most rows right; among equals, the lowest."""
    candidates = sorted({0.5, *(round(p, 4) for p in probs)})
    best, best_right = 0.5, -1
    for cut in candidates:
        right = sum((p >= cut) == bool(label) for p, label in zip(probs, labels))
        if right > best_right:
            best, best_right = cut, right
    return best
