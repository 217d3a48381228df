"""Time one form-engine step (goal: p95 ≤ 5 ms on the 2-core machine).

Run: ``.venv/bin/python benchmarks/engine_step.py``.  Prints p50/p95 in milliseconds for:
a money cell typed in a Biểu 04 row with 200 rows already in the table, a row saved into that
table, a paste of 5 rows confirmed, a text answer in the 3rd instance of Mẫu 2, and the JSON
round trip of the state the conversation core does around each step.  ``engine_step_benchmark``
returns the numbers too, so ``benchmarks/render.py`` can reuse it.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from forms.engine import FormEngine, FormState  # noqa: E402
from forms.loader import registry  # noqa: E402


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p50 = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return p50 * 1000, p95 * 1000


def _time(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    for _ in range(5):
        fn()
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return _percentiles(samples)


def _bieu04_with_rows(n: int) -> tuple[FormEngine, FormState]:
    engine = FormEngine(registry().get("bieu04"))
    state = engine.start({"nam": 2019})
    state = engine.command(state, "skip").state  # past "nam"
    groups = [g.code for g in engine.template.field("bang").table.leaf_groups()]
    rows = [
        {"group": groups[i % len(groups)],
         "cells": {"du_an": f"Dự án {i}", "tong_muc": 1000 + i, "nstw_dt": 500, "nsdp_dt": 200}}
        for i in range(n)
    ]
    state.answers = {**state.answers, "bang": rows}
    return engine, state


def engine_step_benchmark(runs: int = 300) -> dict[str, tuple[float, float]]:
    """Measure and print p50/p95 (ms) of engine steps; returns {case: (p50, p95)}."""
    results: dict[str, tuple[float, float]] = {}

    engine, table_state = _bieu04_with_rows(200)
    row_state = engine.command(table_state, "add_row", "I.1").state
    for text in ["Dự án mới", "bỏ qua", "bỏ qua", "bỏ qua", "Hà Nội", "Sở TTTT"]:
        row_state = engine.handle(row_state, text).state
    assert row_state.pending["col"] == "tong_muc", row_state.pending
    results["bieu04 (200 rows): money cell"] = _time(lambda: engine.handle(row_state, "1,5 tỷ"), runs)

    last_state = row_state
    for text in ["1,5 tỷ", "1 tỷ", "bỏ qua", "200 triệu", "bỏ qua"]:
        last_state = engine.handle(last_state, text).state
    assert last_state.pending["col"] == "ghi_chu", last_state.pending
    results["bieu04 (200 rows): save row"] = _time(lambda: engine.handle(last_state, "ghi chú"), runs)

    paste = "\n".join(f"I.2\tDự án dán {i}\t\t\t\t\t\t{i + 1} tỷ\t500 triệu" for i in range(5))
    confirm_state = engine.handle(table_state, paste).state
    assert confirm_state.mode == "paste_confirm", confirm_state.mode
    results["bieu04 (200 rows): paste 5 rows"] = _time(lambda: engine.handle(table_state, paste), runs)
    results["bieu04 (200 rows): confirm paste"] = _time(lambda: engine.handle(confirm_state, "có"), runs)

    mau2 = FormEngine(registry().get("mau2"))
    m_state = mau2.start({"HTTT": [{"I.1": "A", "I.2": "B"}, {"I.1": "C"}, {"I.1": "D"}]})
    m_state = mau2.command(m_state, "goto", "HTTT[3].I.3").state
    results["mau2 (3 instances): text answer"] = _time(lambda: mau2.handle(m_state, "Quản lý thuế"), runs)

    def round_trip() -> None:
        FormState.from_json(json.loads(json.dumps(table_state.to_json(), ensure_ascii=False)))

    results["state JSON round trip (200 rows)"] = _time(round_trip, runs)
    results["review text (200 rows)"] = _time(lambda: engine.command(table_state, "review"), max(30, runs // 10))

    width = max(len(k) for k in results)
    print(f"{'engine step':<{width}}  {'p50 ms':>8}  {'p95 ms':>8}")
    for name, (p50, p95) in results.items():
        print(f"{name:<{width}}  {p50:8.3f}  {p95:8.3f}")
    steps = [v for k, v in results.items() if not k.startswith(("state", "review"))]
    worst = max(p95 for _, p95 in steps)
    print(f"worst p95 of one engine step: {worst:.3f} ms (goal ≤ 5 ms)")
    return results


if __name__ == "__main__":
    engine_step_benchmark()
