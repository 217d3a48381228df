"""Retrieval benchmark: hit@1/3/5, MRR@10 and latency on a question set, plus ingest and cold-start times.

Usage: python benchmarks/retrieval.py [QUESTIONS.jsonl ...] [--data-dir DIR] [--skip-build]
Default question set: ../shared/eval/dev_questions.jsonl (relative to the repository), then the
held-out set benchmarks/heldout_questions.jsonl (reported whole and per "batch" of lines added
later). A hit at rank k: one of the first k passages is
from the gold dispatch and contains the gold phrase (diacritics folded, case ignored). "answer quotes
gold": the share of questions whose ask() answer is confident and contains the gold phrase.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from knowledge import KnowledgeBase  # noqa: E402
from knowledge.text import fold  # noqa: E402

DEFAULT_SETS = [ROOT.parent / "shared" / "eval" / "dev_questions.jsonl", ROOT / "benchmarks" / "heldout_questions.jsonl"]
COLD_START = """
import time, sys
t0 = time.perf_counter()
sys.path.insert(0, {root!r})
from pathlib import Path
from knowledge import KnowledgeBase
kb = KnowledgeBase.open(Path({data!r}))
a = kb.ask("Hạn gửi báo cáo hàng tháng là ngày nào?")
print(time.perf_counter() - t0)
"""


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def evaluate(kb: KnowledgeBase, rows: list[dict], verbose: bool) -> dict:
    ranks: list[int | None] = []
    latencies: list[float] = []
    ask_latencies: list[float] = []
    answered: list[bool] = []  # ask() was confident and its text quotes the gold phrase
    for row in rows:
        kb.search(row["q"], k=10)  # warm-up of this exact path is not needed; keep honest: time all runs
        t = time.perf_counter()
        passages = kb.search(row["q"], k=10)
        latencies.append((time.perf_counter() - t) * 1000)
        gold = fold(row["gold"])
        rank = next(
            (i + 1 for i, p in enumerate(passages) if p.dispatch == row["dispatch"] and gold in fold(p.text)), None
        )
        ranks.append(rank)
        t = time.perf_counter()
        answer = kb.ask(row["q"])
        ask_latencies.append((time.perf_counter() - t) * 1000)
        answered.append(answer.confident and gold in fold(answer.text))
        if verbose and rank != 1:
            top = passages[0] if passages else None
            print(f"  rank={rank} q={row['q']!r} top={top.dispatch if top else None} | {top.section[:80] if top else ''}")
    n = len(rows)
    return {
        "n": n,
        "hit@1": sum(r is not None and r <= 1 for r in ranks) / n,
        "hit@3": sum(r is not None and r <= 3 for r in ranks) / n,
        "hit@5": sum(r is not None and r <= 5 for r in ranks) / n,
        "mrr@10": sum(1 / r for r in ranks if r is not None) / n,
        "p50_ms": statistics.median(latencies),
        "p95_ms": percentile(latencies, 0.95),
        "answer": sum(answered) / n,
        "ask_p95_ms": percentile(ask_latencies, 0.95),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("questions", nargs="*", type=Path)
    parser.add_argument("--data-dir", type=Path, default=None, help="reuse this data dir (default: a fresh temp dir)")
    parser.add_argument("--skip-build", action="store_true", help="do not time a fresh build (needs --data-dir)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print the misses")
    args = parser.parse_args()
    sets = args.questions or [p for p in DEFAULT_SETS if p.exists()]

    tmp = None
    data_dir = args.data_dir
    if data_dir is None:
        tmp = tempfile.mkdtemp(prefix="baocao-bench-")
        data_dir = Path(tmp)
    try:
        if not args.skip_build:
            shutil.rmtree(data_dir / "index", ignore_errors=True)
        t = time.perf_counter()
        kb = KnowledgeBase.open(data_dir)
        build = time.perf_counter() - t
        label = "full ingest of the bundled dispatches (open + parse + chunk + embed + index)"
        if args.skip_build:
            label = "open of an existing index"
        print(f"{label}: {build:.2f} s, {len(kb.index.chunks)} passages, {kb.index.embedded_texts} embedded")

        cold = subprocess.run(
            [sys.executable, "-c", COLD_START.format(root=str(ROOT), data=str(data_dir))],
            capture_output=True, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"},
        )
        if cold.returncode == 0:
            print(f"cold start (new process: imports + open built index + first answer): {float(cold.stdout.strip().splitlines()[-1]):.2f} s")
        else:
            print("cold start failed:", cold.stderr[-500:])

        for path in sets:
            rows = load(path)
            subsets = [(path.name, rows)]
            # Lines written later carry "batch": N so that questions added after a change can be
            # reported on their own (an honest number for questions the method was not tuned on).
            for batch in sorted({r["batch"] for r in rows if "batch" in r}):
                subsets.append((f"{path.name} [batch {batch}]", [r for r in rows if r.get("batch") == batch]))
            for name, subset in subsets:
                res = evaluate(kb, subset, args.verbose and subset is rows)
                print(
                    f"{name}: n={res['n']} hit@1={res['hit@1']:.3f} hit@3={res['hit@3']:.3f} "
                    f"hit@5={res['hit@5']:.3f} MRR@10={res['mrr@10']:.3f} "
                    f"latency p50={res['p50_ms']:.1f} ms p95={res['p95_ms']:.1f} ms | "
                    f"answer quotes gold={res['answer']:.3f} ask p95={res['ask_p95_ms']:.1f} ms"
                )
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
