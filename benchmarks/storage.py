"""Storage benchmark: time per ``Store.save_step`` (p50/p95) and throughput with many users.

Usage: ``python benchmarks/storage.py [--steps N] [--users N] [--threads N]``
Runs on a temporary SQLite file (this machine's disk), for ``synchronous=FULL`` (the default:
a committed answer survives a power cut) and ``NORMAL`` (survives a crash of the bot).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storage import Store  # noqa: E402


def _state(step: int) -> str:
    """A form-engine state of a realistic size (~6 KB of JSON)."""
    answers = {f"II.{i}": f"Nội dung trả lời số {i} cho bước {step}" for i in range(60)}
    return json.dumps({"template": "bieu04", "cursor": step, "answers": answers}, ensure_ascii=False)


def _percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def single_user(store: Store, steps: int) -> list[float]:
    user = store.get_or_create_user("bench", "solo")
    form = store.create_session(user.id, "bieu04", "1", _state(0))
    timings = []
    for step in range(steps):
        started = time.perf_counter()
        store.save_step(user.id, form.id, [(f"I.{step % 40}", step * 1.5, str(step))], _state(step), f"I.{step + 1}")
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def many_users(store: Store, users: int, threads: int, steps_per_user: int) -> tuple[float, int]:
    people = [store.get_or_create_user("bench", f"u{i}") for i in range(users)]
    forms = [store.create_session(p.id, "bieu04", "1", _state(0)) for p in people]
    work = [(people[i % users], forms[i % users], i // users) for i in range(users * steps_per_user)]
    cursor = iter(work)
    lock = threading.Lock()

    def run() -> None:
        while True:
            with lock:
                item = next(cursor, None)
            if item is None:
                return
            person, form, step = item
            store.save_step(person.id, form.id, [(f"II.{step}", step, str(step))], _state(step), f"II.{step + 1}")

    pool = [threading.Thread(target=run) for _ in range(threads)]
    started = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return time.perf_counter() - started, len(work)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=500)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--steps-per-user", type=int, default=10)
    args = parser.parse_args()
    for synchronous in ("FULL", "NORMAL"):
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            store = Store.open(Path(tmp) / "baocao.db", synchronous=synchronous)
            open_ms = (time.perf_counter() - started) * 1000
            timings = single_user(store, args.steps)
            elapsed, count = many_users(store, args.users, args.threads, args.steps_per_user)
            store.close()
            started = time.perf_counter()
            Store.open(Path(tmp) / "baocao.db", synchronous=synchronous).close()
            reopen_ms = (time.perf_counter() - started) * 1000
        print(f"synchronous={synchronous}")
        print(f"  open (create + migrate): {open_ms:.0f} ms; reopen: {reopen_ms:.0f} ms")
        print(
            f"  save_step, 1 user, {args.steps} steps: p50 {statistics.median(timings):.2f} ms, "
            f"p95 {_percentile(timings, 0.95):.2f} ms, max {max(timings):.2f} ms"
        )
        print(
            f"  {args.users} users x {args.steps_per_user} steps on {args.threads} threads: "
            f"{count / elapsed:.0f} steps/s ({elapsed:.2f} s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
