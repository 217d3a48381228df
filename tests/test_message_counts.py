"""Issue 12's targets: the scripted sessions (tests/scripted_sessions.py) replayed through the real bot,
the terminal chat in-process and Telegram through the HTTP fake, counting the user's messages.

Targets: Biểu 04 with 11 rows (one per message, a new user) ≤ 20, one cell changed in 1 message, Mẫu 2
for one system ≤ 25, yesterday's draft resumed in 1. The counts come from an adaptive specialist who
answers whatever the bot asks; ``benchmarks/messages.py`` prints them next to the baseline's.
"""

from __future__ import annotations

import asyncio
import os

import pytest

from tests.scripted_sessions import TARGETS, Specialist, asked_at, run_all
from tests.session_drivers import TelegramDriver, TerminalDriver

DRIVERS = ["terminal", "telegram"]


@pytest.fixture(scope="module")
def counts(tmp_path_factory):
    """Every task through both drivers, once per test module (fresh data directory per driver)."""
    saved = {k: os.environ.get(k) for k in ("BAOCAO_DATA_DIR", "DATABASE_URL")}
    results = {}
    try:
        os.environ.pop("DATABASE_URL", None)
        for name in DRIVERS:
            data = tmp_path_factory.mktemp(f"counts-{name}")
            os.environ["BAOCAO_DATA_DIR"] = str(data)

            async def run(name=name, data=data):
                driver = await TelegramDriver(data).start() if name == "telegram" else TerminalDriver(data)
                try:
                    return await run_all(driver, list(TARGETS))
                finally:
                    await driver.close()

            results[name] = asyncio.run(run())
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return results


@pytest.mark.parametrize("driver", DRIVERS)
@pytest.mark.parametrize("task", list(TARGETS))
def test_task_within_target(counts, driver, task):
    result = counts[driver][task]
    steps = "\n".join(f"> {said}" for said, _ in result.transcript)
    assert result.done, f"{task} via {driver} not done after {result.messages} messages:\n{steps}"
    assert result.messages <= TARGETS[task], f"{task} via {driver}: {result.messages} messages:\n{steps}"


# ---- the specialist itself (so the counts measure the bot, not a script mistake) -----------------
def test_specialist_answers_the_question_asked_last():
    who = Specialist(fields={"muc tieu dau tu": "Muc tieu A", "nguon von": "Ngan sach tinh"})
    reply = "Đã ghi Mục tiêu đầu tư: Muc tieu A.\n\nCâu 9/17 · I.9. Nguồn vốn\nNguồn vốn thực hiện (ngân sách)."
    assert who.next_move(reply, []) == ("say", "Ngan sach tinh")


def test_specialist_ignores_summaries_and_column_lists():
    assert asked_at("1. [I.1] Du an — Tổng mức đầu tư: 15.000".lower(), "tổng mức đầu tư") == -1
    listing = "theo thu tu cot: (1) du an; (2) muc tieu; (7) tong muc dau tu; (8) nstw"
    assert asked_at(listing, "tong muc dau tu") == -1
    assert asked_at("sua dong [i.1] — cot 7/12: tong muc dau tu", "tong muc dau tu") > 0


def test_specialist_sends_rows_then_finishes_the_table():
    who = Specialist(rows=["I.1; a", "I.2; b"])
    table = "Bảng hiện có 0 dòng.\n• dán nhiều dòng cùng lúc"
    assert [who.next_move(table, [])[1] for _ in range(3)] == ["I.1; a", "I.2; b", "xong"]


def test_specialist_declines_another_repeat_and_confirms_otherwise():
    who = Specialist()
    assert who.next_move("Thêm một hệ thống thông tin nữa? (có/không)", []) == ("say", "khong")
    assert who.next_move("Ghi 1 dòng này vào bảng? (có/không)", []) == ("say", "co")
