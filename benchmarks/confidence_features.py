"""Confidence signals compared out of fold: does a signal help on questions the model was not fit on?

Usage: python benchmarks/confidence_features.py [--data-dir DIR] [--skip-build] [--drop SIGNAL ...]

Asks every development question (``retrieval.DEV_SETS``) once, then for the shipped feature list and for the
list without each ``--drop`` signal prints, from probabilities of models fit without the question's set
(``confidence.cross_validated``, depth and rounds as ``confidence.fit`` chooses them): the log-loss, and the share of out-of-scope questions
declined when the cut declines 3 % of the answerable ones. Then, for the shipped list, answerable questions
declined, out-of-scope ones declined and "the reply states the fact" at cuts from 0.2 to 0.7: the trade-off
the threshold chooses from (``confidence.best_threshold``). Hard declines (a dispatch the base lacks, no
sentence with the question's words) count as declines at every cut.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import retrieval  # noqa: E402  (the question sets and the test base)
from knowledge import KnowledgeBase, confidence, gate  # noqa: E402
from vntext.text import fold  # noqa: E402


def collect(kb: KnowledgeBase) -> list[dict]:
    """Signals, label, hard decline and whether the reply states the fact, per development question (no cut)."""
    shipped = confidence.model()
    gate.confidence_model = lambda: dataclasses.replace(shipped, threshold=-1.0) if shipped else None
    rows = []
    for name, path in retrieval.MAIN_SETS:
        if name not in retrieval.DEV_SETS or not path.exists():
            continue
        for row in retrieval.load(path):
            a = kb.ask(row["q"])
            fact = fold(row.get("fact") or row.get("gold") or "")
            ok = not row.get("out_of_scope") and a.confident and fact in fold(retrieval.stated(a))
            rows.append({"signals": a.signals, "label": 0 if row.get("out_of_scope") else 1, "hard": not a.confident,
                         "ok": ok, "set": name})
    return rows


def compare(rows: list[dict], features: tuple[str, ...], label: str) -> list[float]:
    signals, labels = [r["signals"] for r in rows], [r["label"] for r in rows]
    loss, probs, _ = confidence.cross_validated(signals, labels, [r["set"] for r in rows], features)
    inside = sorted(p for p, r in zip(probs, rows) if r["label"] and not r["hard"])
    n_in = sum(r["label"] for r in rows)
    budget = max(0, int(0.03 * n_in) - sum(r["hard"] for r in rows if r["label"]))
    cut = inside[budget] if inside else 0.0
    oos = [(p, r) for p, r in zip(probs, rows) if not r["label"]]
    declined = sum(p < cut or r["hard"] for p, r in oos) / max(1, len(oos))
    print(f"{label:<34} log-loss {loss:7.3f}   out of scope declined at 3 % wrongly declined: {declined:.3f}")
    return probs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--drop", nargs="*", default=[], help="signals to compare without")
    args = parser.parse_args()
    tmp = None if args.data_dir else tempfile.mkdtemp(prefix="baocao-conf-")
    data_dir = args.data_dir or Path(tmp)
    try:
        if not args.skip_build:
            shutil.rmtree(data_dir / "index", ignore_errors=True)
        kb = KnowledgeBase.open(data_dir)
        kb.ingest(sorted(p for p in retrieval.DISPATCHES.iterdir() if p.suffix in (".txt", ".docx", ".pdf")))
        rows = collect(kb)
        shipped = tuple(confidence.FEATURES)
        probs = compare(rows, shipped, f"shipped ({len(shipped)} signals)")
        for name in args.drop:
            compare(rows, tuple(f for f in shipped if f != name), f"without {name}")
        inside = [(p, r) for p, r in zip(probs, rows) if r["label"]]
        oos = [(p, r) for p, r in zip(probs, rows) if not r["label"]]
        print(f"{'cut':>5} {'wrongly declined':>17} {'oos declined':>13} {'fact':>6}   ({len(inside)} in scope, {len(oos)} out)")
        for cut in [0.2 + 0.05 * i for i in range(11)]:
            wrong = sum(p < cut or r["hard"] for p, r in inside) / len(inside)
            declined = sum(p < cut or r["hard"] for p, r in oos) / len(oos)
            fact = sum(r["ok"] and p >= cut for p, r in inside) / len(inside)
            print(f"{cut:>5.2f} {wrong:>17.3f} {declined:>13.3f} {fact:>6.3f}")
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
