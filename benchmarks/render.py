"""Render benchmarks: Biểu 04 with 200 item rows (goal ≤ 1 s) and Mẫu 2 complete (goal ≤ 200 ms).

Run: ``.venv/bin/python benchmarks/render.py [--repeat N] [--baseline REV]``.  Prints median and worst
wall-clock time over N renders (after one warm-up), to a temporary directory; with ``--baseline`` the same
benchmark of git revision REV (e.g. HEAD) runs first, from an exported copy, so both lines come from one
run on one machine load.  Then the form engine's per-step timing from ``benchmarks/engine_step.py``
(owned by the engine's author).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
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
    "so_ky_hieu": "STTTT", "dia_danh": "Bắc Ninh", "nguoi_ky": "Nguyễn Văn A",
    "chuc_vu": "Phó Giám đốc", "tham_quyen": "KT", "ky_thay": "Giám đốc",
    "noi_nhan": ["UBND tỉnh (để b/c)", "Lưu: VT, CNTT"],
}


def _time(fn, repeat: int) -> tuple[float, float, float]:
    """Median and worst wall-clock time, and median CPU time of this process (less sensitive to other
    processes sharing the machine), over ``repeat`` runs after one warm-up."""
    fn()  # warm-up (imports, template parsing)
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(times), max(times), statistics.median(cpu)


def bench_bieu04_200(out_dir: Path, repeat: int) -> str:
    t = registry().get("bieu04")
    spec = t.field("bang").table
    per_group = -(-200 // len(spec.leaf_groups()))
    rows = sample_rows(spec, per_group)[:200]
    answers = {"nam": 2019, "bang": rows}
    median, worst, cpu = _time(lambda: render_document(t, answers, PROFILE, out_dir / "bieu04.docx",
                                                  report_date=dt.date(2025, 3, 5), number="125"), repeat)
    return f"render Biểu 04, {len(rows)} item rows: median {median * 1000:.0f} ms, max {worst * 1000:.0f} ms, cpu {cpu * 1000:.0f} ms (goal ≤ 1000 ms)"


def bench_mau2(out_dir: Path, repeat: int) -> str:
    t = registry().get("mau2")
    answers = sample_answers(t, instances=1)
    median, worst, cpu = _time(lambda: render_document(t, answers, PROFILE, out_dir / "mau2.docx",
                                                  report_date=dt.date(2025, 3, 5), number="125"), repeat)
    return f"render Mẫu 2 complete (1 system, 17 fields): median {median * 1000:.0f} ms, max {worst * 1000:.0f} ms, cpu {cpu * 1000:.0f} ms (goal ≤ 200 ms)"


def bench_engine_step() -> None:
    """One form-engine step (goal p95 ≤ 5 ms): delegated to ``benchmarks/engine_step.py``
    (owned by the engine's author), which prints its own table."""
    try:
        from benchmarks.engine_step import engine_step_benchmark
    except ImportError as exc:  # the engine is built in parallel; say so rather than fail
        print(f"engine step: not measured ({exc})")
        return
    engine_step_benchmark()


def baseline(rev: str, repeat: int) -> list[str]:
    """This benchmark's render lines for revision ``rev`` (its code and templates, this harness)."""
    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(root), "archive", rev], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        # the same harness (this file) timing that revision's code and templates
        (Path(tmp) / "benchmarks" / "render.py").write_text(Path(__file__).read_text(encoding="utf-8"),
                                                            encoding="utf-8")
        proc = subprocess.run([sys.executable, str(Path(tmp) / "benchmarks" / "render.py"), "--repeat", str(repeat)],
                              capture_output=True, text=True, cwd=tmp, timeout=600)
    return [line for line in proc.stdout.splitlines() if line.startswith("render ")] or [proc.stderr.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--baseline", metavar="REV", help="also run this git revision's benchmark (e.g. HEAD)")
    args = parser.parse_args(argv)
    if args.baseline:
        for line in baseline(args.baseline, args.repeat):
            print(f"baseline {args.baseline}: {line}")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        print(("now: " if args.baseline else "") + bench_bieu04_200(out, args.repeat))
        print(("now: " if args.baseline else "") + bench_mau2(out, args.repeat))
    bench_engine_step()
    return 0


if __name__ == "__main__":
    sys.exit(main())
