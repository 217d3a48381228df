"""Background ingest (issue 14): an admin's upload is a job in its own process, recorded in the database,
reported through the reminder loop, cancellable, and taken up again after its process is killed.

Real parts throughout: the Core, the database (SQLite and PostgreSQL when configured), a knowledge base
over a private copy of the built index, and the runner process (``python -m bot.ingest_jobs``).
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from bot import ingest_jobs
from bot import texts_jobs as tj
from bot.conversation import Core, Incoming
from bot.conversation.messages import IncomingFile
from bot.knowledge_link import KnowledgeLink
from storage import Store
from tests.knowledge_fixtures import copy_index

ADMIN, OFFICIAL = "a1", "u1"
WAIT_S = 240  # how long a test waits for the runner before it fails (a bound, not a measured time)

TOPICS = ["chuyển đổi số", "dịch vụ công trực tuyến", "an toàn thông tin", "hạ tầng mạng", "cơ sở dữ liệu dân cư",
          "chữ ký số", "đào tạo cán bộ", "kinh phí sự nghiệp", "phần mềm quản lý văn bản", "cổng thông tin điện tử"]


def long_dispatch(number: int, sections: int) -> str:
    """A dispatch with ``sections`` numbered parts of varied text (many passages to embed)."""
    head = (f"ỦY BAN NHÂN DÂN TỈNH HÀ GIANG\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: {number}/STTTT-CĐS\n"
            f"V/v triển khai nhiệm vụ số {number} năm 2025\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nHà Giang, ngày 12 tháng 3 năm 2025\nKính gửi: Các sở, ban, ngành.\n")
    parts = []
    for i in range(1, sections + 1):
        topic = TOPICS[i % len(TOPICS)]
        parts.append(f"{i}. Nhiệm vụ về {topic} (mục {i})\n" + " ".join(
            f"Đơn vị tổ chức rà soát {topic} tại {k + 2} phòng chuyên môn, tổng hợp số liệu quý {k % 4 + 1} "
            f"và gửi báo cáo mục {i}.{k} trước ngày {(i + k) % 28 + 1}/{k % 12 + 1}/2025."
            for k in range(6)))
    return head + "\n\n".join(parts) + "\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nGIÁM ĐỐC\nNguyễn Văn An\n"


@pytest.fixture()
def env(tmp_path: Path, db_url: str, built_index_dir: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BAOCAO_INGEST_BACKGROUND", "1")
    monkeypatch.setenv("BAOCAO_INGEST_STALE_S", "12")  # a loaded machine may delay a heartbeat a few seconds
    monkeypatch.setattr(ingest_jobs, "STALE_S", 12.0)
    # every progress step is told at once, so the test does not depend on how fast the machine embeds
    monkeypatch.setenv("BAOCAO_INGEST_NOTICE_S", "0")
    monkeypatch.setattr("forms.render.preview.preview_png", lambda *a, **k: None)
    from knowledge import KnowledgeBase

    kb = KnowledgeBase.open(copy_index(built_index_dir, tmp_path / "kb"))
    store = Store.open(db_url)
    core = Core(store, knowledge=KnowledgeLink(kb=kb), documents_dir=tmp_path / "docs")
    yield core, store, kb
    for child in list(ingest_jobs._children):
        if child.poll() is None:
            child.kill()
            child.wait()
    store.close()


@pytest.fixture()
def sqlite_env(db_url: str, request: pytest.FixtureRequest):
    """The runner's behaviour does not depend on the database; its claim on PostgreSQL is covered by the
    first test, so the slower cases run on SQLite only (CI time)."""
    if not db_url.startswith("sqlite"):
        pytest.skip("covered on SQLite")
    return request.getfixturevalue("env")


def upload(core: Core, name: str, data: bytes) -> str:
    out = core.handle(Incoming.upload("terminal", ADMIN, IncomingFile(name, data), is_admin=True))
    return out[-1].text  # after the welcome, on first contact


def say(core: Core, uid: str, text: str) -> str:
    return core.handle(Incoming.message("terminal", uid, text, is_admin=uid == ADMIN))[-1].text


def wait_notices(core: Core, done, got: list[str] | None = None) -> list[str]:
    """Run the reminder loop (as an adapter does) until ``done(notices)``; every notice seen is returned."""
    got = [] if got is None else got
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        got += [out.text for _uid, out in core.due_reminders("terminal")]
        if done(got):
            return got
        time.sleep(0.3)
    raise AssertionError(f"the runner did not get there; notices: {got}")


def job_row(store: Store):
    return store.ingest_jobs(limit=1)[0]


def test_upload_is_a_job_others_keep_chatting_and_the_answer_sees_the_new_dispatch(env) -> None:
    core, store, kb = env
    reply = upload(core, "cv-7301.txt", long_dispatch(7301, 12).encode())
    assert reply == tj.JOB_QUEUED.format(name="cv-7301.txt")
    assert job_row(store).state in ("queued", "running")
    # Another user is served while the file is being ingested (the chat never waited for the job).
    assert say(core, OFFICIAL, "xin chào")
    notices = wait_notices(core, lambda got: any(t.startswith("Đã nhập xong") for t in got))
    assert notices[0] == tj.JOB_READING.format(name="cv-7301.txt")
    assert any("đã xử lý" in t for t in notices)  # progress of the embedding was reported
    done = [t for t in notices if t.startswith("Đã nhập xong")]
    assert len(done) == 1 and "1 tệp mới" in done[0]
    job = job_row(store)
    assert (job.state, job.attempts, job.result["added"]) == ("done", 1, 1)
    assert "7301/STTTT-CĐS" in kb.index.dispatches  # this process reloaded the index the runner wrote
    assert kb.dispatch("7301") is not None


def test_cancel_stops_the_job_and_leaves_the_index_as_it_was(sqlite_env) -> None:
    core, store, kb = sqlite_env
    before = set(kb.index.manifest["docs"])
    upload(core, "cv-7302.txt", long_dispatch(7302, 400).encode())
    wait_notices(core, lambda got: any("đã xử lý" in t for t in got))  # embedding has started
    reply = say(core, ADMIN, f"/{tj.CANCEL_COMMAND}")
    assert reply == tj.JOB_CANCEL_ASKED.format(count=1, names="“cv-7302.txt”")
    notices = wait_notices(core, lambda got: tj.JOB_CANCELLED.format(name="cv-7302.txt") in got)
    assert not any(t.startswith("Đã nhập xong") for t in notices)
    assert job_row(store).state == "cancelled"
    assert say(core, ADMIN, f"/{tj.CANCEL_COMMAND}") == tj.JOB_NONE_OPEN
    from knowledge import KnowledgeBase

    after = KnowledgeBase.open(Path(kb.index.root).parent, embedder=kb.index.embedder)
    assert set(after.index.manifest["docs"]) == before
    assert not [c for c in after.index.chunks if "7302" in c.doc_key]


def test_officials_cannot_cancel_or_see_jobs(sqlite_env) -> None:
    core, _store, _kb = sqlite_env
    assert say(core, OFFICIAL, f"/{tj.CANCEL_COMMAND}") == tj.ADMIN_ONLY
    assert say(core, OFFICIAL, f"/{tj.STATUS_COMMAND}") == tj.ADMIN_ONLY
    assert say(core, ADMIN, f"/{tj.STATUS_COMMAND}") == tj.JOB_NONE_OPEN


def test_a_killed_runner_is_replaced_and_the_job_resumes(sqlite_env) -> None:
    core, store, kb = sqlite_env
    upload(core, "cv-7303.txt", long_dispatch(7303, 60).encode())
    got = wait_notices(core, lambda got: any("đã xử lý" in t for t in got))
    job = job_row(store)
    assert job.state == "running" and job.pid
    os.kill(job.pid, signal.SIGKILL)  # the runner dies mid-embedding: the row still says "running"
    got = wait_notices(core, lambda got: any(t.startswith("Đã nhập xong") for t in got), got)
    assert tj.JOB_RESUMED.format(name="cv-7303.txt", attempt=2) in got
    job = job_row(store)
    assert (job.state, job.attempts) == ("done", 2)
    assert "7303/STTTT-CĐS" in kb.index.dispatches
