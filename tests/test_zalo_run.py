"""``baocao run`` with ZALO_BOT_TOKEN: the real process, polling the fake Zalo Bot API, killed with SIGKILL
mid-form and started again; the user continues at the same question."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.fake_zalo import FakeZaloServer
from tests.knowledge_fixtures import built_dir, copy_index

ROOT = Path(__file__).resolve().parents[1]
GUARD_S = 240  # only turns a hang into a failure; not a timing assertion


def _start(server: FakeZaloServer, data: Path, log: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ZALO_", "BAOCAO_"))}
    env.update(ZALO_BOT_TOKEN=server.token, ZALO_API_BASE_URL=server.base_url, BAOCAO_OPEN="1",
               BAOCAO_DATA_DIR=str(data), HF_HUB_OFFLINE="1", PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "bot.cli", "run"], cwd=ROOT, env=env,
                            stdout=log.open("ab"), stderr=subprocess.STDOUT)


def _wait_for(server: FakeZaloServer, uid: str, count: int, process: subprocess.Popen, log: Path) -> list[str]:
    deadline = time.monotonic() + GUARD_S
    while len(server.sent_to(uid)) < count or server.updates:
        assert process.poll() is None, log.read_text(errors="replace")[-3000:]
        assert time.monotonic() < deadline, log.read_text(errors="replace")[-3000:]
        time.sleep(0.05)
    time.sleep(0.5)  # let the rest of this reply batch arrive
    return server.texts_to(uid)


def test_baocao_run_serves_zalo_and_resumes_after_kill_9(tmp_path):
    data = copy_index(built_dir(), tmp_path / "data")
    log = tmp_path / "bot.log"
    with FakeZaloServer() as server:
        first = _start(server, data, log)
        try:
            server.send_text("z9", "/dien mau2")
            seen = len(_wait_for(server, "z9", 1, first, log))
            server.send_text("z9", "Hệ thống một cửa điện tử")
            texts = _wait_for(server, "z9", seen + 1, first, log)
            assert "I.2" in texts[-1]
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait(30)
        second = _start(server, data, log)
        try:
            before = len(server.sent_to("z9"))
            server.send_text("z9", "/start")
            texts = _wait_for(server, "z9", before + 1, second, log)
            assert "I.2" in "\n".join(texts[before:])  # the same question, after a kill -9
        finally:
            second.terminate()
            second.wait(30)
    assert server.token.split(":")[1] not in log.read_text(errors="replace")  # the token never in the log


def test_bad_zalo_configuration_stops_start_up_with_a_clear_message(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ZALO_", "BAOCAO_"))}
    env.update(ZALO_BOT_TOKEN="1:x", ZALO_WEBHOOK_URL="https://bot.example.vn/zalo/webhook", ZALO_WEBHOOK_SECRET="short",
               BAOCAO_DATA_DIR=str(tmp_path), PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "bot.cli", "run"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode != 0 and "ZALO_WEBHOOK_SECRET must have 8 to 256 characters" in proc.stderr
