"""One user's turn across worker processes (issue 14): on PostgreSQL two processes handling updates of the
same users never work on one user at the same time (an advisory lock per user, ``Store.update_turn``), and an
update delivered to both (a webhook retry) is processed exactly once (its id is recorded with the turn).

Each "handling" writes a start and an end row, from its own connection, into a log table; overlapping
start/end pairs of one user would show two workers in that user's turn at once.
"""

from __future__ import annotations

import multiprocessing
import random
import time

import pytest
import sqlalchemy as sa

from storage import Store

USERS, UPDATES = 6, 30


def _worker(url: str, worker: int, deliveries: list[tuple[str, int]], barrier, queue, use_turns: bool) -> None:
    store = Store.open(url)
    log = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    rng = random.Random(worker)
    handled = 0
    try:
        barrier.wait(timeout=60)
        for user, update_id in deliveries:
            turn = store.update_turn("telegram", user, update_id) if use_turns else _always(user)
            with turn as fresh:
                if not fresh:
                    continue
                with log.connect() as conn:
                    conn.execute(sa.text("INSERT INTO turn_log (user_key, update_id, worker, phase) "
                                         "VALUES (:u, :i, :w, 'start')"), {"u": user, "i": update_id, "w": worker})
                    time.sleep(rng.uniform(0.001, 0.01))  # the work of one update
                    conn.execute(sa.text("INSERT INTO turn_log (user_key, update_id, worker, phase) "
                                         "VALUES (:u, :i, :w, 'end')"), {"u": user, "i": update_id, "w": worker})
                handled += 1
    finally:
        log.dispose()
        store.close()
        queue.put(handled)


class _always:
    def __init__(self, _user: str) -> None:
        pass

    def __enter__(self) -> bool:
        return True

    def __exit__(self, *_exc: object) -> None:
        return None


def _deliveries() -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Updates of interleaved users split between two workers; every fourth one delivered to both."""
    rng = random.Random(14)
    updates = [(f"u{rng.randrange(USERS)}", 1000 + n) for n in range(USERS * UPDATES)]
    first, second = [], []
    for n, item in enumerate(updates):
        (first if n % 2 else second).append(item)
        if n % 4 == 0:
            (second if n % 2 else first).append(item)  # a redelivery to the other worker
    return first, second


def _run(url: str, use_turns: bool) -> tuple[list[int], list[tuple]]:
    store = Store.open(url)
    with store.engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE turn_log (seq bigserial PRIMARY KEY, user_key text, update_id int, "
                             "worker int, phase text)"))
    store.close()
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["storage.repo"])
    barrier, queue = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(url, w, part, barrier, queue, use_turns))
             for w, part in enumerate(_deliveries())]
    for p in procs:
        p.start()
    handled = [queue.get(timeout=300) for _ in procs]
    for p in procs:
        p.join(60)
    store = Store.open(url)
    with store.engine.connect() as conn:
        rows = list(conn.execute(sa.text("SELECT user_key, update_id, worker, phase FROM turn_log ORDER BY seq")))
    store.close()
    return handled, rows


def _overlaps(rows: list[tuple]) -> int:
    """Starts of a user's update while another of that user's updates had started and not ended."""
    inside: dict[str, int] = {}
    overlaps = 0
    for user, _update, _worker_, phase in rows:
        if phase == "start":
            overlaps += inside.get(user, 0) > 0
            inside[user] = inside.get(user, 0) + 1
        else:
            inside[user] -= 1
    return overlaps


@pytest.fixture()
def pg_url(db_url: str) -> str:
    if not db_url.startswith("postgresql"):
        pytest.skip("the cross-process turn is PostgreSQL's (SQLite runs one worker process)")
    return db_url


def test_two_workers_never_share_a_users_turn_and_process_each_update_once(pg_url: str) -> None:
    handled, rows = _run(pg_url, use_turns=True)
    ids = [u for _user, u, _w, phase in rows if phase == "start"]
    assert sorted(ids) == sorted({u for _user, u in _deliveries()[0] + _deliveries()[1]})  # each once, none lost
    assert sum(handled) == USERS * UPDATES
    assert _overlaps(rows) == 0
    assert {w for *_rest, w, _phase in rows} == {0, 1}  # both workers did work


def test_without_turns_redeliveries_are_processed_twice(pg_url: str) -> None:
    """The control: the same deliveries without ``update_turn`` handle every redelivered update again."""
    handled, rows = _run(pg_url, use_turns=False)
    starts = [u for _user, u, _w, phase in rows if phase == "start"]
    assert len(starts) - len(set(starts)) == sum(1 for n in range(USERS * UPDATES) if n % 4 == 0)


def test_a_turn_records_its_update_only_when_handling_succeeds(db_url: str) -> None:
    """On both databases: a handled update is skipped when delivered again; one whose handling failed is not
    recorded (a retry handles it); old ids can be forgotten."""
    from datetime import datetime, timedelta, timezone

    store = Store.open(db_url)
    try:
        with store.update_turn("telegram", "42", 7) as fresh:
            assert fresh
        with store.update_turn("telegram", "42", 7) as fresh:
            assert not fresh
        with pytest.raises(RuntimeError):
            with store.update_turn("telegram", "42", 8) as fresh:
                assert fresh
                raise RuntimeError("the handler failed")
        with store.update_turn("telegram", "42", 8) as fresh:
            assert fresh  # not recorded by the failed attempt
        with store.update_turn("zalo", "42", 7) as fresh:
            assert fresh  # ids are per channel
        assert store.forget_processed_updates(datetime.now(timezone.utc) - timedelta(days=1)) == 0
        assert store.forget_processed_updates(datetime.now(timezone.utc) + timedelta(seconds=5)) == 3
        with store.update_turn("telegram", "42", 7) as fresh:
            assert fresh
    finally:
        store.close()
