"""Load of one province: N users each answering a form at one message every 2 s, through the Telegram HTTP fake.

    python benchmarks/load.py                          # quick: 10 users × 30 s, every setting
    python benchmarks/load.py --full                   # issue 14's run: 100 users × 5 min, 300-page PDF, 4 settings
    python benchmarks/load.py --only pg2               # one setting: sqlite1, sqlite1+pdf, pg2, pg2+pdf (pg2-direct)

Settings, printed side by side: SQLite with one worker process, PostgreSQL with two worker processes
(``BAOCAO_TEST_POSTGRES_URL`` or ``scripts/test-postgres.sh``; a fresh database per run), each without and
with a large PDF being ingested by the background job (``bot/ingest_jobs.py``, its own process).

Each worker is a real ``TelegramFrontend`` (PTB Application) over the real core and store, with its own
fake Bot API (tests/fake_telegram.py), warmed up as ``baocao worker`` is. PostgreSQL runs webhook mode as
deployed (README): the load generator plays Telegram POSTing each update over HTTP, with the secret token
header, to the receiver (``baocao webhook``, its own process), which stores it in the database inbox; the
two workers (``baocao worker``) take each user's updates in id order (bot/webhook_worker.py).
``pg2-direct`` is the earlier design for comparison: updates handed straight to the workers in turn
(message k of user u to worker (u + k) mod W) under the per-user advisory-lock turn
(``bot.update_turns.StoreTurnProcessor``). Latency = from the moment the update is posted (handed to its
worker) until the first message of the reply reaches that user's chat (one monotonic clock for all
processes).
Lost = messages the core never handled; duplicated = handled more than sent; reordered = handled in
another order than sent (per user, merged across workers by handling time). Goal (issue 14): p95 ≤ 1 s,
no reply over 3 s, nothing lost, duplicated or reordered.
"""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing
import os
import queue as queue_mod
import random
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FIRST_USER = 100
SETTINGS = ["sqlite1", "sqlite1+pdf", "pg2", "pg2+pdf"]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if ordered else float("nan")


from tests.load_worker import inbox_worker_main, receiver_main, texts_for, worker_main  # noqa: E402  (spawnable)

SECRET = "load-benchmark-secret"


class Poster:
    """Telegram posting updates to the receiver: a few keep-alive HTTP connections, as Telegram's webhook
    (max_connections) does; a user's next message comes 2 s later, long after the previous POST."""

    def __init__(self, port: int, connections: int = 8) -> None:
        from concurrent.futures import ThreadPoolExecutor

        from tests.fake_webhook import FakeWebhookTelegram

        self.port, self.failed = port, 0
        self._tg, self._tg_lock = FakeWebhookTelegram(), threading.Lock()
        self._local = threading.local()
        self._pool = ThreadPoolExecutor(connections)

    def post(self, update_id: int, user: int, text: str) -> None:
        with self._tg_lock:
            data = self._tg.text_update(update_id, user, text)
        self._pool.submit(self._send, json.dumps(data, ensure_ascii=False).encode())

    def _send(self, body: bytes) -> None:
        import http.client

        for _attempt in range(3):
            conn = getattr(self._local, "conn", None) or http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            self._local.conn = conn
            try:
                conn.request("POST", "/telegram", body, {"Content-Type": "application/json",
                                                         "X-Telegram-Bot-Api-Secret-Token": SECRET})
                response = conn.getresponse()
                response.read()
                if response.status == 200:
                    return
            except OSError:
                self._local.conn = None
        self.failed += 1

    def close(self) -> int:
        self._pool.shutdown(wait=True)
        return self.failed


# ---- the load generator ----------------------------------------------------------------------------------
def make_pdf(path: Path, pages: int) -> Path:
    """A dispatch PDF of ``pages`` pages of varied Vietnamese text (fpdf2, DejaVu font)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", "", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.set_font("DejaVu", size=10)
    topics = ["chuyển đổi số", "dịch vụ công trực tuyến", "an toàn thông tin", "hạ tầng mạng", "chữ ký số",
              "đào tạo cán bộ", "kinh phí sự nghiệp", "cổng thông tin điện tử", "cơ sở dữ liệu", "văn thư lưu trữ"]
    head = ("ỦY BAN NHÂN DÂN TỈNH HÀ GIANG\nSố: 8800/UBND-KGVX\nV/v báo cáo kết quả chuyển đổi số năm 2025\n"
            "Hà Giang, ngày 2 tháng 6 năm 2025\nKính gửi: Các sở, ban, ngành; UBND các huyện, thành phố.\n")
    for page in range(pages):
        pdf.add_page()
        text = head if page == 0 else ""
        for k in range(9):
            topic = topics[(page + k) % len(topics)]
            text += (f"{page + 1}.{k + 1}. Về {topic}: các đơn vị rà soát kết quả thực hiện tại {k + 3} phòng chuyên "
                     f"môn, tổng hợp số liệu quý {k % 4 + 1}, nêu khó khăn, vướng mắc và đề xuất giải pháp cho "
                     f"giai đoạn tiếp theo; gửi báo cáo trước ngày {(page + k) % 28 + 1}/{k % 12 + 1}/2025.\n")
        pdf.multi_cell(0, 5, text)
    pdf.output(str(path))
    return path


def run_setting(name: str, url: str, workers: int, pdf: Path | None, args: argparse.Namespace,
                webhook: bool = False) -> dict[str, Any]:
    from bot import ingest_jobs
    from storage.repo import Store

    data_dir = tempfile.mkdtemp(prefix=f"baocao-load-{name}-")
    os.environ["BAOCAO_DATA_DIR"] = data_dir
    store = Store.open(url)  # migrations once, before the workers
    admin = store.get_or_create_user("telegram", "9000", name="Quản trị")
    ctx = multiprocessing.get_context("spawn")
    outbox = ctx.Queue()
    inboxes = [ctx.Queue() for _ in range(workers)]
    stop_workers = ctx.Event()
    if webhook:  # one receiver process, N workers fed from the database inbox (bot/webhook.py)
        procs = [ctx.Process(target=inbox_worker_main, args=(url, data_dir, outbox, stop_workers), daemon=True)
                 for _ in range(workers)]
        receiver_box = ctx.Queue()
        procs.append(ctx.Process(target=receiver_main, args=(url, SECRET, receiver_box, stop_workers), daemon=True))
    else:
        procs = [ctx.Process(target=worker_main, args=(url, data_dir, inboxes[w], outbox), daemon=True)
                 for w in range(workers)]
    for p in procs:
        p.start()
    ready = 0
    while ready < workers:
        kind, *_ = outbox.get(timeout=180)
        ready += kind == "ready"
    poster = Poster(receiver_box.get(timeout=60)[1]) if webhook else None
    runner = None
    if pdf is not None:
        job = store.add_ingest_job(admin.id, pdf.name, str(pdf))
        runner = ingest_jobs.spawn_runner(store, Path(data_dir))
        print(f"  ingest job {job.id}: {pdf.name} in runner pid {runner.pid}", flush=True)
    steps = max(1, int(args.duration // args.interval))
    rng = random.Random(14)
    schedule = []  # (offset s, user, step)
    for n in range(args.users):
        start = rng.uniform(0, args.interval)
        schedule += [(start + k * args.interval, FIRST_USER + n, k) for k in range(steps)]
    schedule.sort()
    texts = texts_for(steps)
    sent_at: dict[tuple[int, int], float] = {}
    replies: dict[int, list[float]] = {}
    collected: list[Any] = []
    cpu: list[float] = []  # CPU seconds of each worker process

    def collect() -> None:
        while True:
            try:
                kind, a, b, _text = outbox.get(timeout=1.0)
            except queue_mod.Empty:
                if stop.is_set():
                    return
                continue
            if kind == "sent":
                replies.setdefault(a, []).append(b)
            elif kind == "seen":
                collected.append(a)
                cpu.append(b)

    stop = threading.Event()
    collector = threading.Thread(target=collect, daemon=True)
    collector.start()
    t0 = time.monotonic() + 0.5
    for update_id, (offset, user, step) in enumerate(schedule, start=1):
        delay = t0 + offset - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        sent_at[(user, step)] = time.monotonic()
        if poster is not None:
            poster.post(update_id, user, texts[step])
        else:
            inboxes[(user + step) % workers].put((update_id, user, texts[step]))
    if poster is not None:
        posting_failed = poster.close()
        deadline = time.monotonic() + 60
        while store.pending_inbox_users("telegram") and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1.0)  # the last replies
        stop_workers.set()
    else:
        posting_failed = 0
        for box in inboxes:
            box.put(None)
    for p in procs:
        p.join(60)
    deadline = time.monotonic() + 30
    while len(collected) < workers and time.monotonic() < deadline:
        time.sleep(0.1)
    stop.set()
    collector.join(5)
    job_state = None
    if pdf is not None:
        jobs = store.ingest_jobs(limit=1)
        job_state = f"{jobs[0].state} {jobs[0].done}/{jobs[0].total}" if jobs else "?"
        if runner is not None and runner.poll() is None:
            runner.kill()
            runner.wait()
    store.close()
    # latency: first reply to the user's chat at or after each send
    latencies, missing, slow = [], 0, []
    for (user, step), at in sent_at.items():
        times = [t for t in replies.get(user, []) if t >= at]
        if times:
            latencies.append(min(times) - at)
            if min(times) - at > 0.3:
                slow.append((round(at - t0, 1), step, round(min(times) - at, 3)))
        else:
            missing += 1
    if os.environ.get("LOAD_DEBUG"):
        print("slow:", sorted(slow)[:200])
    handled: dict[str, list[tuple[float, str]]] = {}
    for seen in collected:
        for t, user, text in seen:
            handled.setdefault(user, []).append((t, text))
    lost = dup = reordered = 0
    for n in range(args.users):
        got = [text for _t, text in sorted(handled.get(str(FIRST_USER + n), []))]
        lost += max(0, steps - len(got))
        dup += max(0, len(got) - steps)
        reordered += sum(a != b for a, b in zip(got, texts))
    per_worker = [len(seen) for seen in collected]
    if webhook:
        try:
            cpu.append(receiver_box.get(timeout=10)[1])  # the receiver's, last
        except queue_mod.Empty:
            pass
    return {"cpu": cpu, "per_worker": per_worker, "n": len(latencies), "p50": pct(latencies, 0.5), "p95": pct(latencies, 0.95),
            "max": max(latencies) if latencies else float("nan"), "no_reply": missing, "lost": lost,
            "dup": dup, "reordered": reordered, "over3": sum(v > 3 for v in latencies), "job": job_state,
            "refused": posting_failed}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds each user keeps answering")
    parser.add_argument("--interval", type=float, default=2.0, help="seconds between one user's messages")
    parser.add_argument("--pdf-pages", type=int, default=40, help="pages of the PDF ingested meanwhile")
    parser.add_argument("--only", action="append", choices=SETTINGS + ["pg2-direct"])
    parser.add_argument("--pg-workers", type=int, default=2, help="worker processes on PostgreSQL")
    parser.add_argument("--full", action="store_true", help="issue 14's run: 100 users × 300 s, 300-page PDF")
    args = parser.parse_args()
    if args.full:
        args.users, args.duration, args.pdf_pages = 100, 300.0, 300
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.pop("DATABASE_URL", None)
    logging.basicConfig(level=logging.ERROR)
    from tests.postgres import create_database, postgres_url

    pg = postgres_url()
    settings = args.only or SETTINGS
    pdf = None
    if any(s.endswith("+pdf") for s in settings):
        started = time.perf_counter()
        pdf = make_pdf(Path(tempfile.mkdtemp(prefix="baocao-load-pdf-")) / f"cv-8800-{args.pdf_pages}-trang.pdf",
                       args.pdf_pages)
        print(f"PDF of {args.pdf_pages} pages ({pdf.stat().st_size // 1024} KB) made in "
              f"{time.perf_counter() - started:.1f} s", flush=True)
    print(f"{args.users} users × {args.duration:g} s, one message every {args.interval:g} s "
          f"({args.users * int(args.duration // args.interval)} messages per setting); {os.cpu_count()} CPUs; "
          f"load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    rows = []
    for setting in settings:
        if setting.startswith("pg") and not pg:
            print(f"{setting}: skipped (no PostgreSQL: set BAOCAO_TEST_POSTGRES_URL, see scripts/test-postgres.sh)")
            continue
        url = create_database(pg) if setting.startswith("pg") else \
            str(Path(tempfile.mkdtemp(prefix="baocao-load-db-")) / "baocao.db")
        workers = args.pg_workers if setting.startswith("pg") else 1
        print(f"{setting}: running …", flush=True)
        r = run_setting(setting, url, workers, pdf if setting.endswith("+pdf") else None, args,
                        webhook=setting.startswith("pg") and not setting.endswith("-direct"))
        rows.append((setting, r))
        print(f"{setting:12s} replies {r['n']:5d}  p50 {r['p50'] * 1000:6.0f} ms  p95 {r['p95'] * 1000:6.0f} ms  "
              f"max {r['max'] * 1000:6.0f} ms  >3 s {r['over3']}  no reply {r['no_reply']}  lost {r['lost']}  "
              f"duplicated {r['dup']}  reordered {r['reordered']}" + (f"  ingest job: {r['job']}" if r["job"] else "")
              + (f"  POSTs refused {r['refused']}" if r["refused"] else "") + f"  per worker {r['per_worker']}"
              + f"  CPU s {'/'.join(f'{c:.1f}' for c in r['cpu'])}" + f"  (load average {os.getloadavg()[0]:.2f})",
              flush=True)
    print("\nside by side:")
    print(f"{'setting':12s} {'p50 ms':>7s} {'p95 ms':>7s} {'max ms':>7s} {'>3 s':>5s} {'lost':>5s} {'dup':>5s} {'order':>5s}")
    for setting, r in rows:
        print(f"{setting:12s} {r['p50'] * 1000:7.0f} {r['p95'] * 1000:7.0f} {r['max'] * 1000:7.0f} {r['over3']:5d} "
              f"{r['lost']:5d} {r['dup']:5d} {r['reordered']:5d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
