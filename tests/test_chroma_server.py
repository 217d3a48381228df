"""Chroma as a server (issue 14): with ``CHROMA_URL`` the index talks to a ``chroma run`` process over HTTP,
so several bot workers share one index; without it the embedded store is used as before.

The server is the real one the chromadb package ships (``.venv/bin/chroma``); the test is skipped only
when that command is missing.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from knowledge.index import chroma_client

FORMS = Path(__file__).parent / "data" / "form_dispatches"
CHROMA = Path(sys.executable).parent / "chroma"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture()
def chroma_server(tmp_path: Path):
    command = str(CHROMA) if CHROMA.exists() else shutil.which("chroma")
    if command is None:
        pytest.skip("the chroma command-line tool (chromadb package) is not installed")
    port = free_port()
    log = open(tmp_path / "chroma.log", "wb")
    server = subprocess.Popen([command, "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1",
                               "--port", str(port)], stdout=log, stderr=subprocess.STDOUT,
                              env={"PATH": "/usr/bin:/bin", "ANONYMIZED_TELEMETRY": "False", "HOME": str(tmp_path)})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                raise AssertionError((tmp_path / "chroma.log").read_text(errors="replace")[-2000:])
            time.sleep(0.2)
    yield url, tmp_path / "server"
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


def test_client_choice_follows_chroma_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import chromadb

    monkeypatch.delenv("CHROMA_URL", raising=False)
    local = chroma_client(tmp_path / "embedded")
    assert (tmp_path / "embedded").is_dir() and local.get_settings().anonymized_telemetry is False
    monkeypatch.setenv("CHROMA_URL", "http://127.0.0.1:9")  # nothing listens there: the client is made lazily or fails
    try:
        remote = chroma_client(tmp_path / "unused")
    except Exception as exc:  # chromadb checks the server at creation: a clear connection error, no local store
        assert "connect" in str(exc).lower() or isinstance(exc, (ValueError, ConnectionError))
    else:
        assert isinstance(remote, chromadb.api.ClientAPI) and remote.get_settings().anonymized_telemetry is False
    assert not (tmp_path / "unused").exists()


def test_two_knowledge_bases_share_one_chroma_server(chroma_server, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from knowledge import KnowledgeBase

    url, server_dir = chroma_server
    monkeypatch.setenv("CHROMA_URL", url)
    data = tmp_path / "data"
    first = KnowledgeBase.open(data, corpus_dir=None)
    report = first.ingest([FORMS / "d03_bgddt_ptth.txt", FORMS / "d07_stc_taisan.txt"])
    assert not report.errors and len(report.added) == 2
    assert not (data / "index" / "chroma").exists()  # the vectors went to the server, not to a local store
    assert any(server_dir.iterdir())
    # A second worker opening the same data directory sees the same passages through the server.
    second = KnowledgeBase.open(data, corpus_dir=None, embedder=first.index.embedder)
    assert len(second.index.chunks) == len(first.index.chunks) > 0
    answer = second.ask("Báo cáo chương trình giáo dục phổ thông gửi Bộ trước ngày nào?")
    text = answer.text if hasattr(answer, "text") else str(answer)
    assert "4512" in text and "10/9/2024" in text
