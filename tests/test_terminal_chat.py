"""The terminal chat driven through its input and output streams, with the real core and database."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx

from bot.commands import build_core
from bot.conversation import Core
from bot.knowledge_link import KnowledgeLink
from bot.terminal import TerminalChat
from storage.repo import Store
from tests.test_bot_core import MAU2, PROFILE


def test_terminal_fills_a_form_and_prints_where_the_docx_is(tmp_path, monkeypatch):
    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    store = Store.open()
    core = Core(store, knowledge=KnowledgeLink(opener=None), documents_dir=tmp_path / "docs")
    lines = ["/mau", "dien mau 2", *MAU2[:2], "/quay_lai", "Cục B", *MAU2[2:], "xong", *PROFILE, "/thoat", "never read"]
    out = io.StringIO()
    code = TerminalChat(core, input=io.StringIO("\n".join(lines) + "\n"), output=out, user_id="t1").run()
    text = out.getvalue()
    store.close()
    assert code == 0
    assert text.startswith("Xin chào")
    assert re.search(r"^\d\. Mẫu 2", text, re.M)  # template choices shown as numbered lines
    assert "/bo_qua (Bỏ qua)" in text and "/tam_dung (Tạm dừng)" in text  # navigation as commands
    assert "Hiện có: Cục B" in text  # "/quay_lai": I.2 asked again with its value
    saved = re.findall(r"Đã lưu file: (\S+\.docx)", text)
    assert len(saved) == 1 and Path(saved[0]).parent.parent == tmp_path / "docs"
    document = docx.Document(saved[0])
    body = "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for r in t.rows for c in r.cells])
    assert "Hệ thống A" in body and "SỞ Y" in body


def test_numbers_press_choices_but_are_answers_in_numeric_fields(tmp_path, monkeypatch):
    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path / "data"))
    core = build_core(documents_dir=tmp_path / "docs")
    core.knowledge = KnowledgeLink(opener=None)
    out = io.StringIO()
    chat = TerminalChat(core, input=io.StringIO("/dien bieu04\n2019\n"), output=out, user_id="t2")
    chat.run(greet=False)
    user = core.store.get_or_create_user("terminal", "t2")
    sid = core.store.get_user_state(user.id).active_session_id
    answers = core.store.answers(sid)
    core.store.close()
    assert "Năm kế hoạch" in out.getvalue()
    assert answers == {"nam": 2019}  # "2019" answered the year; a number never presses navigation


# ---- several lines as one message; restart with pending profile questions ----------------------
import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402

import pytest  # noqa: E402

from bot import texts  # noqa: E402
from bot.conversation import Incoming  # noqa: E402
from bot.terminal import banner  # noqa: E402

ROWS = ["HT thuế; Tổng cục Thuế; Thuế; đang triển khai; QĐ 1; 2015-2016; ",
        "HT hải quan; Tổng cục Hải quan; Hải quan; đã triển khai xong; QĐ 2; 2014-2015; "]
PASTED = "Ông/bà vừa dán 2 dòng"


@pytest.fixture()
def core(tmp_path, monkeypatch):
    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    store = Store.open()
    yield Core(store, knowledge=KnowledgeLink(opener=None), documents_dir=tmp_path / "docs")
    store.close()


def test_piped_block_is_one_message(core):
    lines = ["/dien mau1", "Bộ Tài chính", "<<<", *ROWS, ">>>", "1", "/thoat"]
    out = io.StringIO()
    TerminalChat(core, input=io.StringIO("\n".join(lines) + "\n"), output=out, user_id="p1").run(greet=False)
    text = out.getvalue()
    assert PASTED in text  # both rows reached the engine together
    assert text.count("Ông/bà vừa dán") == 1 and "Đã ghi 2 dòng" in text


def test_piped_lines_without_a_block_stay_separate_and_eof_inside_a_block_keeps_the_text(core):
    out = io.StringIO()
    chat = TerminalChat(core, input=io.StringIO("\n".join(["/dien mau1", "Bộ Tài chính", *ROWS]) + "\n"),
                        output=out, user_id="p2")
    chat.run(greet=False)
    assert PASTED not in out.getvalue()
    chat = TerminalChat(core, input=io.StringIO("<<<\nDòng một\nDòng hai\n"), output=io.StringIO(), user_id="p3")
    assert chat.read_message() == "Dòng một\nDòng hai"
    assert chat.read_message() is None


class PtyChat:
    """The terminal chat on a real pseudo-terminal (canonical mode, echo off), run in a thread."""

    def __init__(self, core: Core, uid: str) -> None:
        import pty
        import termios

        self.master, slave = pty.openpty()
        attrs = termios.tcgetattr(slave)
        attrs[3] &= ~termios.ECHO
        termios.tcsetattr(slave, termios.TCSANOW, attrs)
        self.stdin = os.fdopen(slave, "r", encoding="utf-8")
        self.out = io.StringIO()
        self.chat = TerminalChat(core, input=self.stdin, output=self.out, user_id=uid, show_prompt=False)
        self.thread = threading.Thread(target=self.chat.run, kwargs={"greet": False}, daemon=True)
        self.thread.start()

    def type(self, text: str, expect: str) -> str:
        """Write ``text`` to the terminal in one go; wait until ``expect`` is printed (a hang guard, not a timing check)."""
        start = len(self.out.getvalue())
        os.write(self.master, text.encode())
        deadline = time.monotonic() + 60
        while expect not in self.out.getvalue()[start:]:
            assert self.thread.is_alive() and time.monotonic() < deadline, self.out.getvalue()[-2000:]
            time.sleep(0.02)
        return self.out.getvalue()[start:]

    def close(self) -> None:
        os.write(self.master, b"/thoat\n")
        self.thread.join(30)
        self.stdin.close()
        os.close(self.master)


def test_tty_paste_arrives_as_one_message(core):
    term = PtyChat(core, "tty1")
    try:
        assert term.chat._tty_fd is not None
        term.type("/dien mau1\n", "Tên Bộ, ngành")
        term.type("Bộ Tài chính\n", "Danh mục hệ thống thông tin")
        shown = term.type("".join(row + "\n" for row in ROWS), "dòng")  # a paste: both lines in one write
        assert PASTED in shown
        confirmed = term.type("1\n", "bảng có")  # a line typed later is its own message: "1" confirms
        assert "Đã ghi 2 dòng" in confirmed
    finally:
        term.close()
    assert not term.thread.is_alive()


def test_terminal_help_and_banner_explain_multiline_input(core, tmp_path):
    help_terminal = "\n".join(o.text for o in core.handle(Incoming.message("terminal", "h1", "/trogiup")))
    help_telegram = "\n".join(o.text for o in core.handle(Incoming.message("telegram", "h1", "/trogiup")))
    assert "<<<" in help_terminal and ">>>" in help_terminal
    assert "<<<" not in help_telegram and texts.HELP in help_telegram
    assert "<<<" in banner(tmp_path) and str(tmp_path) in banner(tmp_path)


def test_chat_restart_resumes_the_pending_profile_question(tmp_path):
    env = {**os.environ, "BAOCAO_DATA_DIR": str(tmp_path / "data"), "HF_HUB_OFFLINE": "1", "USER": "restart"}
    env.pop("DATABASE_URL", None)
    cmd = [sys.executable, "-m", "bot.cli", "chat", "--documents", str(tmp_path / "docs")]
    cwd = Path(__file__).resolve().parent.parent
    first = subprocess.run(cmd, input="/dien tb1485\nSở A\ntháng 6/2009\nxong\nUBND TỈNH X\n", env=env, cwd=cwd,
                           capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert "<<<" in first.stdout.splitlines()[1]  # the welcome lines say how to send several lines
    assert "(2/7)" in first.stdout
    second = subprocess.run(cmd, input="SỞ Y\n", env=env, cwd=cwd, capture_output=True, text=True, timeout=120)
    assert second.returncode == 0, second.stderr
    after_start = second.stdout.split(texts.PROFILE_RESUMED, 1)
    assert len(after_start) == 2 and "(2/7)" in after_start[1]
    assert "Đã ghi" not in second.stdout  # the line did not go to the form
    env_store = os.environ.get("BAOCAO_DATA_DIR")
    os.environ["BAOCAO_DATA_DIR"] = str(tmp_path / "data")
    try:
        store = Store.open()
        user = store.get_or_create_user("terminal", "restart")
        profile = store.get_profile(user.id)
        assert profile.co_quan_chu_quan == "UBND TỈNH X" and profile.co_quan == "SỞ Y"
        store.close()
    finally:
        if env_store is None:
            os.environ.pop("BAOCAO_DATA_DIR")
        else:
            os.environ["BAOCAO_DATA_DIR"] = env_store
