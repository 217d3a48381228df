"""The terminal chat driven through its input and output streams, with the real core and database."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx

from bot.commands import build_core
from bot.core import Core
from bot.knowledge_link import KnowledgeLink
from bot.terminal import TerminalChat
from storage.repo import Store
from tests.test_bot_core import MAU2, PROFILE


def test_terminal_fills_a_form_and_prints_where_the_docx_is(tmp_path, monkeypatch):
    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    store = Store.open()
    core = Core(store, knowledge=KnowledgeLink(opener=None), documents_dir=tmp_path / "docs")
    lines = ["/mau", "dien mau 2", *MAU2[:2], "b", "Cục B", *MAU2[2:], "xong", *PROFILE, "/thoat", "never read"]
    out = io.StringIO()
    code = TerminalChat(core, input=io.StringIO("\n".join(lines) + "\n"), output=out, user_id="t1").run()
    text = out.getvalue()
    store.close()
    assert code == 0
    assert text.startswith("Xin chào")
    assert re.search(r"\[\d\] Mẫu 2", text)  # template buttons shown as numbered choices
    assert "[a] Bỏ qua" in text and "/tam_dung (Tạm dừng)" in text
    assert "Hiện có: Cục B" in text  # "b" pressed "Quay lại": I.2 asked again with its value
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
    chat = TerminalChat(core, input=io.StringIO("/dien bieu04\n2\n"), output=out, user_id="t2")
    chat.run(greet=False)
    user = core.store.get_or_create_user("terminal", "t2")
    sid = core.store.get_user_state(user.id).active_session_id
    answers = core.store.answers(sid)
    core.store.close()
    assert "Năm kế hoạch" in out.getvalue()
    assert answers == {"nam": 2}  # "2" answered the integer field; it did not press a button
