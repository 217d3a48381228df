"""Hostile messages through the production core (``bot.commands.build_core``) on a real SQLite database:
huge texts, control characters, files from admins that are bombs. Each gets a clear reply, the bot
keeps answering, and nothing stored holds a control character."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.conversation import Incoming, IncomingFile
from tests.hostile_files import CASES

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@pytest.fixture()
def core(tmp_path, monkeypatch):
    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path / "data"))
    from bot.commands import build_core
    from bot.knowledge_link import KnowledgeLink

    c = build_core(documents_dir=tmp_path / "docs")
    c.knowledge = KnowledgeLink(opener=None)  # questions get the polite "not available" reply: no index here
    yield c
    c.store.close()


def replies(core, text: str, user: str = "u1") -> list[str]:
    out = core.handle(Incoming.message("terminal", user, text, user_name="Lan"))
    return [o.text for o in out]


def stored_texts(data_dir: Path) -> list[str]:
    engine = sa.create_engine(f"sqlite:///{data_dir / 'baocao.db'}")
    values: list[str] = []
    try:
        with engine.connect() as conn:
            for table in sa.inspect(conn).get_table_names():
                for row in conn.execute(sa.text(f'SELECT * FROM "{table}"')):
                    values += [v for v in row if isinstance(v, str)]
    finally:
        engine.dispose()
    return values


MESSAGES = {
    "100k-characters": "Báo cáo tình hình " * 5_600,
    "100k-one-word": "a" * 100_000,
    "nul-and-controls": "xin\x00 chào\x01\x02\x1b[31m bạn\x7f",
    "only-controls": "\x00\x01\x02\x03",
    "zero-width-and-bidi": "\u200b\u200e\u202exin chào\u2066",
    "lone-surrogate": "xin \ud800 chào",
    "emoji-flood": "👍" * 20_000,
}


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_hostile_message_gets_a_reply_and_the_bot_goes_on(core, name):
    out = replies(core, MESSAGES[name])
    assert out and all(isinstance(t, str) and t for t in out)
    assert sum(len(t) for t in out) < 20_000  # the reply does not echo a flood back
    assert replies(core, "/start")  # still answering
    data_dir = Path(os.environ["BAOCAO_DATA_DIR"])
    assert not [v for v in stored_texts(data_dir) if CONTROL.search(v)]


BOMBS = ["bomb-120mb-of-spaces", "bomb-overlapping-entries", "zip-5000-entries", "pdf-600-pages",
         "txt-tcvn3-known-bytes"]


@pytest.mark.parametrize("name", BOMBS)
def test_admin_upload_of_a_hostile_file_is_answered_clearly(core, tmp_path, name):
    """Through the core's upload path (admin): a Vietnamese reply naming the problem; nothing crashes."""
    case = next(c for c in CASES if c.name == name)
    folder = tmp_path / name
    folder.mkdir()
    path = case.build(folder)
    calls = []

    class Recorder:
        def ingest(self, paths):
            from knowledge.loaders import LoadError, read_document

            calls.append(paths)
            try:
                read_document(paths[0])
            except LoadError as exc:
                return type("R", (), {"added": 0, "unchanged": 0, "errors": [str(exc)]})()
            return type("R", (), {"added": 1, "unchanged": 0, "errors": []})()

    core.knowledge.ingest = Recorder().ingest
    out = core.handle(Incoming.upload("telegram", "9", IncomingFile(path.name, path.read_bytes()), is_admin=True))
    text = "\n".join(o.text for o in out)
    assert calls and text
    if case.refused:
        assert case.refused.lower() in text.lower()
