"""Benchmark the conversation core over SQLite: time per form step, throughput, memory.

    python benchmarks/bot.py [--steps 300] [--users 100] [--rounds 10] [--no-kb] [--profile 200]

Prints: p50/p95 of one form step (goal p95 <= 30 ms), steps/s with N simulated users interleaving
their forms (goal >= 200 steps/s), and the resident memory of the process with the knowledge-base
index loaded (goal <= 400 MB). Uses a temporary data directory (the index is built there once).
``--profile N`` only profiles N answer steps (a text answer to Mẫu 2's first field, each on a fresh
draft) with cProfile and prints the functions with the most cumulative and own time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ANSWERS = ["Hệ thống quản lý văn bản", "Cục Tin học hóa", "Quản lý thuế", "/bo_qua", "Mục tiêu\nxong",
           "Quy mô\nxong", "Nội dung\nxong", "2015-2017\nxong", "Ngân sách trung ương", "Kết quả\nxong",
           "Đúng tiến độ\nxong", "Khó khăn\nxong", "Kinh nghiệm\nxong", "Nội dung\nxong", "Phạm vi\nxong",
           "/bo_qua", "Kiến nghị\nxong", "có"]


def rss_mb() -> float:
    """Resident set size of this process in MB (Linux /proc)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def profile_answers(core, incoming, n: int) -> int:
    """cProfile of ``n`` answer steps (each on a fresh Mẫu 2 draft at I.1); the top costs, printed."""
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    core.handle(incoming.message("bench", "prof", "/dien mau2"))  # warm: lazy models and imports stay out
    core.handle(incoming.message("bench", "prof", "Hệ thống quản lý văn bản"))
    for i in range(n):
        core.handle(incoming.message("bench", "prof", "/dien mau2"))
        profiler.enable()
        core.handle(incoming.message("bench", "prof", f"Hệ thống quản lý văn bản số {i}"))
        profiler.disable()
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.strip_dirs().sort_stats(order).print_stats(25)
        print(f"--- {n} answer steps, by {order} ---")
        print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[:6000])
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", type=int, default=300, help="form steps timed for one user")
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=10, help="steps per user in the throughput run")
    parser.add_argument("--workers", type=int, default=4, help="threads for the concurrent throughput run")
    parser.add_argument("--no-kb", action="store_true", help="skip loading the knowledge base (memory then excludes it)")
    parser.add_argument("--profile", type=int, default=0, help="profile this many answer steps and stop")
    args = parser.parse_args()

    os.environ["BAOCAO_DATA_DIR"] = tempfile.mkdtemp(prefix="baocao-bench-")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.pop("DATABASE_URL", None)
    import logging

    logging.basicConfig(level=logging.ERROR)
    from bot.conversation import Core, Incoming
    from bot.knowledge_link import KnowledgeLink
    from storage.repo import Store

    print(f"data dir: {os.environ['BAOCAO_DATA_DIR']}")
    rss_start = rss_mb()
    knowledge = KnowledgeLink() if not args.no_kb else KnowledgeLink(opener=None)
    if not args.no_kb:
        t0 = time.perf_counter()
        ok = knowledge.warm_up()
        print(f"knowledge base opened (index built) in {time.perf_counter() - t0:.1f} s, usable={ok}")
    core = Core(Store.open(), knowledge=knowledge)

    def step(user: str, i: int) -> None:
        text = ANSWERS[i % len(ANSWERS)]
        if i % len(ANSWERS) == 0:
            text = "/dien mau2"
        core.handle(Incoming.message("bench", user, text))

    # warm up: user creation, template load
    step("warm", 0)
    if args.profile:
        return profile_answers(core, Incoming, args.profile)
    times = []
    for i in range(1, args.steps + 1):
        t = time.perf_counter()
        step("solo", i if i % len(ANSWERS) else 0)
        times.append((time.perf_counter() - t) * 1000)
    print(f"form step (1 user, {args.steps} steps): p50 {statistics.median(times):.1f} ms, "
          f"p95 {pct(times, 0.95):.1f} ms, max {max(times):.1f} ms   (goal p95 <= 30 ms)")

    # per step kind, each timed on a fresh Mẫu 2 draft at its first field (I.1, text)
    kinds = {
        "answer (text field)": "Hệ thống quản lý văn bản",
        "edit an unknown code (/sua XYZ)": "/sua XYZ",
        "small talk (re-ask)": "cảm ơn",
        "review (/xem)": "/xem",
    }
    if not args.no_kb:
        kinds["side question (KB, dispatch context)"] = "hạn nộp báo cáo này khi nào?"
    for label, text in kinds.items():
        samples = []
        user = "kind-" + label.split()[0]
        for _ in range(max(20, args.steps // 10)):
            core.handle(Incoming.message("bench", user, "/dien mau2"))
            t = time.perf_counter()
            core.handle(Incoming.message("bench", user, text))
            samples.append((time.perf_counter() - t) * 1000)
        print(f"  {label:40s} p50 {statistics.median(samples):6.1f} ms  p95 {pct(samples, 0.95):6.1f} ms")

    users = [f"user{n}" for n in range(args.users)]
    for u in users:
        step(u, 0)
    t = time.perf_counter()
    count = 0
    for r in range(1, args.rounds + 1):
        for u in users:
            step(u, r)
            count += 1
    seq = count / (time.perf_counter() - t)
    print(f"throughput, {args.users} users interleaved, sequential (as the Telegram adapter runs them): "
          f"{seq:.0f} steps/s   (goal >= 200 steps/s)")

    users2 = [f"conc{n}" for n in range(args.users)]
    for u in users2:
        step(u, 0)

    def user_run(u: str) -> int:
        for r in range(1, args.rounds + 1):
            step(u, r)
        return args.rounds

    t = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        total = sum(pool.map(user_run, users2))
    conc = total / (time.perf_counter() - t)
    print(f"throughput, {args.users} users, {args.workers} threads: {conc:.0f} steps/s")

    if not args.no_kb:
        t = time.perf_counter()
        core.handle(Incoming.message("bench", "asker", "Hạn nộp báo cáo hàng tháng là ngày nào?"))
        print(f"one question through the core: {(time.perf_counter() - t) * 1000:.0f} ms")
    print(f"memory (RSS): {rss_mb():.0f} MB (at start {rss_start:.0f} MB)"
          + ("" if args.no_kb else " with the index loaded") + "   (goal <= 400 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
