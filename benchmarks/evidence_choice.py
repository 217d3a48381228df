"""Fit and compare the evidence-passage choice (knowledge.choice) on the development question sets.

Usage: python benchmarks/evidence_choice.py [--data-dir DIR] [--skip-build] [--write]

Each in-scope development question's candidate passages (the ones ``respond`` chooses its evidence from) are
labelled by whether they hold the gold phrase of the answering dispatch; questions with no such candidate are
left out (retrieval missed; no choice can help). Printed per development set, left out of the fit in turn:
how often the chosen passage holds the gold phrase for the fit model (a conditional logit, choosing among
each question's candidates), a logistic regression rating each candidate alone (the model shipped until
session 20), the shipped model (or the hand-set mix when none is shipped), and the first-ranked candidate.
``--write`` saves the model fit on all the sets to knowledge/data/evidence_choice.json.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import retrieval as R  # noqa: E402

from knowledge import asking, choice, logistic  # noqa: E402

L2 = 1.0


def collect(kb) -> list[tuple[str, list[dict[str, float]], list[int]]]:
    """(set name, candidate features, labels) per in-scope development question with a gold candidate."""
    out = []
    for name, path in R.MAIN_SETS:
        if name not in R.DEV_SETS or not path.exists():
            continue
        for row in R.load(path):
            if row.get("out_of_scope"):
                continue
            with kb._lock:
                pool = asking.evidence_pool(kb.index, kb.understand(row["q"]))
            gold = R.fold(row["gold"])
            labels = [int(c.chunk.doc_key == row["dispatch"] and gold in R.fold(c.chunk.chunk.text)) for c in pool]
            if any(labels):
                out.append((name, [c.features for c in pool], labels))
    return out


def _chosen_right(rate, features: list[dict[str, float]], labels: list[int]) -> int:
    scores = [rate(f) for f in features]
    return labels[scores.index(max(scores))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--write", action="store_true", help="save the model fit on all development sets")
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="baocao-choice-"))
    if not args.skip_build:
        shutil.rmtree(data_dir / "index", ignore_errors=True)
    kb = R.KnowledgeBase.open(data_dir)
    kb.ingest(sorted(p for p in R.DISPATCHES.iterdir() if p.suffix in (".txt", ".docx", ".pdf")))
    rows = collect(kb)
    widths = (10, 18, 11, 10, 8)
    print(f"{'set':<10}{'questions':>10}{'fit (out of set)':>18}{'pointwise':>11}{'shipped':>10}{'first':>8}")
    totals = [0] * len(widths)
    for name in dict.fromkeys(n for n, _, _ in rows):
        train = [(fs, ys) for n, fs, ys in rows if n != name]
        m = logistic.fit_choice(train, L2, features=choice.FEATURES)
        alone = logistic.fit_once([f for fs, _ in train for f in fs], [y for _, ys in train for y in ys], L2,
                                  features=choice.FEATURES)
        test = [(fs, ys) for n, fs, ys in rows if n == name]
        counts = [len(test)] + [sum(_chosen_right(rate, fs, ys) for fs, ys in test)
                                for rate in (m.probability, alone.probability, choice.rate)] + [sum(ys[0] for _, ys in test)]
        totals = [a + b for a, b in zip(totals, counts)]
        print(f"{name:<10}" + "".join(f"{c:>{w}}" for c, w in zip(counts, widths)))
    print(f"{'all':<10}" + "".join(f"{c:>{w}}" for c, w in zip(totals, widths)))
    if args.write:
        files = ", ".join(p.name for n, p in R.MAIN_SETS if n in R.DEV_SETS and p.exists())
        passages = sum(len(fs) for _, fs, _ in rows)
        m = logistic.fit_choice([(fs, ys) for _, fs, ys in rows], L2,
                                f"tests/data/questions/ {files} ({len(rows)} questions, {passages} passages)",
                                features=choice.FEATURES)
        m.save(choice.MODEL_PATH)
        print("saved", choice.MODEL_PATH, dict(zip(m.features, (round(w, 2) for w in m.weights))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
