"""How many messages a specialist needs per task (issue 12), now and at the baseline commit, per driver.

    python benchmarks/messages.py [--baseline /tmp/baseline_dd48d3e] [--drivers terminal telegram]
                                  [--tasks "bieu04 rows" mau2 ...] [--transcript TASK]

The sessions and the adaptive specialist are tests/scripted_sessions.py; the drivers (the terminal chat
in-process, Telegram through the HTTP fake) tests/session_drivers.py. Each (checkout, driver) runs in
its own process over a fresh data directory. The baseline is ``git archive dd48d3e`` unpacked (made
when missing); the three test files are copied into it, so both checkouts are measured the same way.
Targets: Biểu 04 (11 rows, one per message) ≤ 20, one cell 1, Mẫu 2 ≤ 25, resume 1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
BASELINE_COMMIT = "dd48d3e"
SHARED = ["tests/scripted_sessions.py", "tests/session_drivers.py", "tests/fake_telegram.py"]


def prepare_baseline(path: Path) -> None:
    if not (path / "bot").is_dir():
        path.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(HERE), "archive", BASELINE_COMMIT], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(path)], input=archive.stdout, check=True)
    for name in SHARED:
        shutil.copy(HERE / name, path / name)


async def _run(driver_name: str, tasks: list[str] | None, transcript: str | None) -> dict:
    from tests.scripted_sessions import run_all
    from tests.session_drivers import TelegramDriver, TerminalDriver

    data = Path(tempfile.mkdtemp(prefix="baocao-msg-"))
    os.environ["BAOCAO_DATA_DIR"] = str(data)
    if driver_name == "telegram":
        driver = await TelegramDriver(data).start()
    else:
        driver = TerminalDriver(data)
    try:
        t0 = time.perf_counter()
        results = await run_all(driver, tasks)
        seconds = time.perf_counter() - t0
    finally:
        await driver.close()
    out = {name: {"messages": r.messages, "done": r.done} for name, r in results.items()}
    if transcript and transcript in results:
        for said, reply in results[transcript].transcript:
            print(f"> {said}\n{reply}", file=sys.stderr)
    return {"tasks": out, "seconds": seconds}


def worker(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(args.root))
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.pop("DATABASE_URL", None)
    import logging

    logging.basicConfig(level=logging.CRITICAL)
    print(json.dumps(asyncio.run(_run(args.worker, args.tasks, args.transcript))))
    return 0


def measure(root: Path, driver: str, args: argparse.Namespace) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", driver, "--root", str(root)]
    if args.tasks:
        cmd += ["--tasks", *args.tasks]
    if args.transcript:
        cmd += ["--transcript", args.transcript]
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, timeout=1800)
    if args.transcript:
        sys.stderr.write(done.stderr)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode or not lines:
        return {"error": (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]}
    return json.loads(lines[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", type=Path, default=Path("/tmp/baseline_dd48d3e"))
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--drivers", nargs="+", default=["terminal", "telegram"])
    parser.add_argument("--tasks", nargs="+")
    parser.add_argument("--transcript", help="print this task's transcript (stderr) for the candidate")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, default=HERE, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args)
    sys.path.insert(0, str(HERE))
    from tests.scripted_sessions import TARGETS

    runs: dict[tuple[str, str], dict] = {}
    for driver in args.drivers:
        if not args.no_baseline:
            prepare_baseline(args.baseline)
            keep, args.transcript = args.transcript, None
            runs[("before", driver)] = measure(args.baseline, driver, args)
            args.transcript = keep
        runs[("after", driver)] = measure(HERE, driver, args)
    tasks = list(dict.fromkeys(t for r in runs.values() for t in r.get("tasks", {})))
    print(f"user messages per task (before = {BASELINE_COMMIT}, after = this checkout); '>N' = not done in N")
    header = f"{'task':14s} {'target':>6s}" + "".join(f" {w + ' ' + d:>17s}" for (w, d) in runs)
    print(header)
    for task in tasks:
        cells = []
        for run in runs.values():
            r = run.get("tasks", {}).get(task)
            cells.append("error" if "error" in run else "—" if r is None else
                         str(r["messages"]) if r["done"] else f">{r['messages']}")
        target = TARGETS.get(task)
        print(f"{task:14s} {('≤' + str(target)) if target else '':>6s}" + "".join(f" {c:>17s}" for c in cells))
    for key, run in runs.items():
        if "error" in run:
            print(f"{' '.join(key)}: error: {run['error']}")
        else:
            print(f"{' '.join(key)}: {run['seconds']:.1f} s for all tasks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
