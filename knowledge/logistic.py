"""A standardised, L2-regularised logistic regression, fit by Newton's method and stored as JSON.

Used where a weighted sum of a few signals is enough: the evidence-passage choice (:mod:`knowledge.choice`),
fit as a conditional logit (:func:`fit_choice`). The confidence to answer combines its signals with trees
(:mod:`knowledge.confidence`).
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

    def margin(self, signals: dict[str, float]) -> float:
        """bias + Σ wᵢ (xᵢ − meanᵢ) / scaleᵢ: the log-odds, or a candidate's utility in a conditional logit."""
        z = self.bias
        for name, mean, scale, weight in zip(self.features, self.mean, self.scale, self.weights):
            z += weight * (float(signals.get(name, 0.0)) - mean) / scale
        return z

    def probability(self, signals: dict[str, float]) -> float:
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, self.margin(signals)))))

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


def fit_choice(groups: list[tuple[list[dict[str, float]], list[int]]], l2: float, fitted_on: str = "", *,
               features: tuple[str, ...]) -> Model:
    """Fit weights that pick one candidate of each group: a conditional logit, the probability of choosing a
    candidate being the softmax of the weighted sums over its group, the likelihood that of choosing one of the
    group's right candidates. Unlike :func:`fit_once`, which rates each candidate alone, it learns only what
    tells the candidates of one question apart. Groups with no right candidate, or only right ones, teach
    nothing and are left out. Newton's method, its step halved while the loss does not fall. The model's bias is
    0: its probabilities order the candidates of one group and mean nothing across groups."""
    kept = [(np.array([[float(r.get(f, 0.0)) for f in features] for r in rows], dtype=float), np.array(labels, dtype=bool))
            for rows, labels in groups if any(labels) and not all(labels)]
    x_all = np.vstack([x for x, _ in kept])
    mean = x_all.mean(axis=0)
    scale = x_all.std(axis=0)
    scale[scale < 1e-9] = 1.0
    data = [((x - mean) / scale, y) for x, y in kept]

    def loss_grad_hess(w: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
        loss, grad, hess = l2 * w @ w / 2, l2 * w, np.eye(len(w)) * l2
        for x, y in data:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            q = np.where(y, p, 0.0)
            mass = q.sum()
            q /= mass
            loss -= math.log(mass)
            ep, eq = x.T @ p, x.T @ q
            grad += ep - eq
            hess += (x.T * p) @ x - np.outer(ep, ep) - ((x.T * q) @ x - np.outer(eq, eq))
        return loss, grad, hess

    w = np.zeros(len(features))
    loss, grad, hess = loss_grad_hess(w)
    for _ in range(50):
        step = np.linalg.solve(hess + np.eye(len(w)) * 1e-6, grad)
        if not (step @ grad > 0):  # not a descent direction: a gradient step instead
            step = grad
        size = 1.0
        while size > 1e-6:
            new = loss_grad_hess(w - size * step)
            if new[0] <= loss:
                break
            size /= 2
        if size <= 1e-6:
            break
        w -= size * step
        loss, grad, hess = new
        if np.abs(size * step).max() < 1e-8:
            break
    return Model(list(features), mean.tolist(), scale.tolist(), w.tolist(), 0.0, 0.5, fitted_on)
