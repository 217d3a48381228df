"""The conversation on both databases: the same script through the production core gives the same
transcript on SQLite and on PostgreSQL, survives a restart, and never hits a storage error.

Runs on PostgreSQL when ``BAOCAO_TEST_POSTGRES_URL`` is set (``make test`` starts a local server).
"""

from __future__ import annotations

import re

import pytest

from bot import texts
from bot.conversation import Incoming
from tests.postgres import SQLITE, database_urls, fresh_database, postgres_url

SCRIPT_BEFORE = ["/start", "UBND TỈNH BẮC NINH", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG\x00", "/mau", "/dien mau2",
                 "Hệ thống quản lý văn bản và điều hành", "Đoạn thứ nhất của phần mô tả.\n\tThụt đầu dòng.", "/xem"]
SCRIPT_AFTER = ["/start", "/nhap", "/tiep 1", "/xem"]


def transcript(url: str, tmp_path, monkeypatch) -> list[str]:
    from bot.commands import build_core
    from bot.knowledge_link import KnowledgeLink

    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DATABASE_URL", url)
    said: list[str] = []
    for script in (SCRIPT_BEFORE, SCRIPT_AFTER):  # two processes' lifetimes: a restart in between
        core = build_core(documents_dir=tmp_path / "docs")
        core.knowledge = KnowledgeLink(opener=None)
        try:
            for text in script:
                for out in core.handle(Incoming.message("terminal", "u1", text, user_name="Lan")):
                    said.append(out.text)
        finally:
            core.store.close()
    return said


@pytest.mark.skipif(postgres_url() is None, reason="BAOCAO_TEST_POSTGRES_URL not set (make test starts a server)")
def test_same_conversation_on_sqlite_and_postgres(tmp_path, monkeypatch):
    results = {}
    for backend in database_urls():
        folder = tmp_path / ("sqlite" if backend == SQLITE else "pg")
        folder.mkdir()
        with fresh_database(backend, folder) as url:
            results[backend] = transcript(url, folder, monkeypatch)
    sqlite, postgres = results[SQLITE], results[postgres_url()]
    for said in (sqlite, postgres):
        assert said and not [t for t in said if t in (texts.INTERNAL_ERROR, texts.STORAGE_UNAVAILABLE)]
        assert any(texts.FORM_RESUMED.split("{")[0] in t for t in said)  # the draft survived the restart

    def clockless(said: list[str]) -> list[str]:  # the two runs may straddle a minute
        return [re.sub(r"\b\d{1,2}:\d{2}\b", "HH:MM", t) for t in said]

    assert clockless(postgres) == clockless(sqlite)
