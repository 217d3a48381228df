"""A standardised, L2-regularised logistic regression, fit by Newton's method and stored as JSON.

Used where a weighted sum of a few signals is enough: the evidence-passage choice (:mod:`knowledge.choice`).
The confidence to answer combines its signals with trees (:mod:`knowledge.confidence`).
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np


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

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), indent=1) + "\n", encoding="utf-8")


def fit_once(rows: list[dict[str, float]], labels: list[int], l2: float, fitted_on: str = "", *,
             features: tuple[str, ...]) -> Model:
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
