"""Render benchmarks: Biểu 04 with 200 item rows (goal ≤ 1 s) and Mẫu 2 complete (goal ≤ 200 ms).

Run: ``.venv/bin/python benchmarks/render.py [--repeat N]``.  Prints median and worst wall-clock time
over N renders (after one warm-up), to a temporary directory; then the form engine's per-step timing
from ``benchmarks/engine_step.py`` (owned by the engine's author).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the project root: forms, benchmarks

from forms.loader import registry  # noqa: E402
from forms.render import render_document  # noqa: E402
from forms.render.samples import sample_answers, sample_rows  # noqa: E402

PROFILE = {
    "co_quan_chu_quan": "UBND tỉnh Bắc Ninh", "co_quan": "Sở Thông tin và Truyền thông",
    "so_ky_hieu": "BC-STTTT", "dia_danh": "Bắc Ninh", "nguoi_ky": "Nguyễn Văn A",
    "chuc_vu": "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "noi_nhan": ["UBND tỉnh (để b/c)", "Lưu: VT, CNTT"],
}


def _time(fn, repeat: int) -> tuple[float, float]:
    fn()  # warm-up (imports, template parsing)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times)


def bench_bieu04_200(out_dir: Path, repeat: int) -> str:
    t = registry().get("bieu04")
    spec = t.field("bang").table
    per_group = -(-200 // len(spec.leaf_groups()))
    rows = sample_rows(spec, per_group)[:200]
    answers = {"nam": 2019, "bang": rows}
    median, worst = _time(lambda: render_document(t, answers, PROFILE, out_dir / "bieu04.docx",
                                                  report_date=dt.date(2025, 3, 5), number="125"), repeat)
    return f"render Biểu 04, {len(rows)} item rows: median {median * 1000:.0f} ms, max {worst * 1000:.0f} ms (goal ≤ 1000 ms)"


def bench_mau2(out_dir: Path, repeat: int) -> str:
    t = registry().get("mau2")
    answers = sample_answers(t, instances=1)
    median, worst = _time(lambda: render_document(t, answers, PROFILE, out_dir / "mau2.docx",
                                                  report_date=dt.date(2025, 3, 5), number="125"), repeat)
    return f"render Mẫu 2 complete (1 system, 17 fields): median {median * 1000:.0f} ms, max {worst * 1000:.0f} ms (goal ≤ 200 ms)"


def bench_engine_step() -> None:
    """One form-engine step (goal p95 ≤ 5 ms): delegated to ``benchmarks/engine_step.py``
    (owned by the engine's author), which prints its own table."""
    try:
        from benchmarks.engine_step import engine_step_benchmark
    except ImportError as exc:  # the engine is built in parallel; say so rather than fail
        print(f"engine step: not measured ({exc})")
        return
    engine_step_benchmark()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        print(bench_bieu04_200(out, args.repeat))
        print(bench_mau2(out, args.repeat))
    bench_engine_step()
    return 0


if __name__ == "__main__":
    sys.exit(main())
