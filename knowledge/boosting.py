"""Gradient-boosted decision trees for a yes/no probability, in numpy, stored as JSON.

Why: the confidence signals interact. A high dense score means little for an English question, full word coverage
means little when the answering dispatch lacks the question's salient word pair, a typed answer's match matters
only when its cue is clear. A logistic regression adds them up; shallow trees let one signal qualify another.
Measured on the development sets, each set left out in turn (:func:`knowledge.confidence.fit`,
``benchmarks/confidence_features.py``).

Trees are grown depth-first on binned features (at most ``BINS`` cuts per feature, taken from the training
values' quantiles) with Newton steps on the log-loss: a split's gain is G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ),
a leaf's value −G/(H+λ), shrunk by the learning rate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

BINS = 32


@dataclass
class Trees:
    """A boosted ensemble: probability = σ(base + Σ tree(x)). Each tree is a list of nodes
    ``[feature, threshold, left, right, value]``; a leaf has feature −1 and its value, an inner node sends
    ``x[feature] <= threshold`` to ``left``."""

    features: list[str]
    base: float
    trees: list[list[list[float]]] = field(default_factory=list)

    def margin(self, signals: dict[str, float]) -> float:
        x = [float(signals.get(f, 0.0)) for f in self.features]
        z = self.base
        for tree in self.trees:
            node = tree[0]
            while node[0] >= 0:
                node = tree[int(node[2] if x[int(node[0])] <= node[1] else node[3])]
            z += node[4]
        return z

    def probability(self, signals: dict[str, float]) -> float:
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, self.margin(signals)))))


@dataclass(frozen=True)
class Settings:
    """How trees are grown: their depth, how many, the learning rate, the leaf values' L2 penalty λ, the fewest
    rows a leaf may hold."""

    depth: int = 3
    rounds: int = 200
    rate: float = 0.05
    l2: float = 1.0
    min_leaf: int = 20


def _cuts(x: np.ndarray) -> list[np.ndarray]:
    """Per feature, the candidate thresholds: midpoints between distinct quantiles of the training values."""
    out = []
    for column in x.T:
        values = np.unique(np.quantile(column, np.linspace(0, 1, BINS + 1)))
        out.append((values[:-1] + values[1:]) / 2 if len(values) > 1 else np.array([]))
    return out


def fit(x: np.ndarray, y: np.ndarray, features: list[str], settings: Settings = Settings()) -> Trees:
    """Fit on rows ``x`` (n × features) and labels ``y`` (0/1)."""
    cuts = _cuts(x)
    binned = np.stack([np.searchsorted(c, x[:, j], side="left") for j, c in enumerate(cuts)], axis=1)
    p0 = min(max(float(y.mean()), 1e-6), 1 - 1e-6)
    model = Trees(list(features), math.log(p0 / (1 - p0)))
    raw = np.full(len(y), model.base)
    for _ in range(settings.rounds):
        p = 1.0 / (1.0 + np.exp(-np.clip(raw, -30, 30)))
        g, h = p - y, p * (1 - p)
        tree: list[list[float]] = []
        _grow(tree, np.arange(len(y)), binned, cuts, g, h, settings, 0)
        model.trees.append(tree)
        raw += _apply(tree, x)
    return model


def _grow(tree: list[list[float]], rows: np.ndarray, binned: np.ndarray, cuts: list[np.ndarray], g: np.ndarray,
          h: np.ndarray, s: Settings, depth: int) -> int:
    """Append the node for ``rows`` (and its subtree) to ``tree``; return its position."""
    at = len(tree)
    gs, hs = g[rows].sum(), h[rows].sum()
    tree.append([-1.0, 0.0, 0.0, 0.0, float(-gs / (hs + s.l2) * s.rate)])
    if depth >= s.depth or len(rows) < 2 * s.min_leaf:
        return at
    best = None
    parent = gs * gs / (hs + s.l2)
    for j, c in enumerate(cuts):
        if not len(c):
            continue
        b = binned[rows, j]
        gl = np.cumsum(np.bincount(b, weights=g[rows], minlength=len(c) + 1))[:-1]
        hl = np.cumsum(np.bincount(b, weights=h[rows], minlength=len(c) + 1))[:-1]
        nl = np.cumsum(np.bincount(b, minlength=len(c) + 1))[:-1]
        ok = (nl >= s.min_leaf) & (len(rows) - nl >= s.min_leaf)
        if not ok.any():
            continue
        gain = gl ** 2 / (hl + s.l2) + (gs - gl) ** 2 / (hs - hl + s.l2) - parent
        gain[~ok] = -np.inf
        k = int(np.argmax(gain))
        if gain[k] > 1e-9 and (best is None or gain[k] > best[0]):
            best = (float(gain[k]), j, k)
    if best is None:
        return at
    _, j, k = best
    left = rows[binned[rows, j] <= k]
    right = rows[binned[rows, j] > k]
    tree[at][0], tree[at][1] = float(j), float(cuts[j][k])
    tree[at][2] = float(_grow(tree, left, binned, cuts, g, h, s, depth + 1))
    tree[at][3] = float(_grow(tree, right, binned, cuts, g, h, s, depth + 1))
    return at


def _apply(tree: list[list[float]], x: np.ndarray) -> np.ndarray:
    """The tree's value for each row of ``x``."""
    out = np.zeros(len(x))
    stack = [(0, np.arange(len(x)))]
    while stack:
        at, rows = stack.pop()
        node = tree[at]
        if node[0] < 0:
            out[rows] = node[4]
            continue
        go_left = x[rows, int(node[0])] <= node[1]
        stack += [(int(node[2]), rows[go_left]), (int(node[3]), rows[~go_left])]
    return out


def staged_margins(model: Trees, x: np.ndarray) -> np.ndarray:
    """Margins of rows ``x`` after each round (rounds × n)."""
    raw = np.full(len(x), model.base)
    out = np.empty((len(model.trees), len(x)))
    for i, tree in enumerate(model.trees):
        raw = raw + _apply(tree, x)
        out[i] = raw
    return out
