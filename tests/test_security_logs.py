"""Secrets never logged: a whole session at DEBUG, over real HTTP (httpx) to a local fake Bot API,
grepped for the token.

The fake Bot API (tests/fake_telegram.py's state) is served by a tiny HTTP server on 127.0.0.1, so
python-telegram-bot's real ``HTTPXRequest`` puts the token in every URL, and httpx/httpcore log
those URLs. A second, unredacted handler proves the token really is in the raw log (the test can fail).
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from bot import redact, texts
from bot.telegram_app import TelegramFrontend, TelegramSettings
from tests.fake_telegram import FakeTelegramServer, Fault, settle

TOKEN = "7654321:AAH-s3cr3t_T0ken-zzYYxxWWvv"
ZALO = "zalo-secret-abcdef123456"


class _Handler(BaseHTTPRequestHandler):
    server_version = "fake-bot-api"

    def do_POST(self) -> None:  # noqa: N802
        api: FakeTelegramServer = self.server.api  # type: ignore[attr-defined]
        method = urlparse(self.path).path.rsplit("/", 1)[-1]
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        if self.headers.get("Content-Type", "").startswith("application/json"):
            params = json.loads(body or "{}")
        else:
            params = {k: v[0] for k, v in parse_qs(body).items()}
        try:
            result = asyncio.run(api.api(method, params, {}))
            status, payload = 200, {"ok": True, "result": result}
            if isinstance(result, Fault):  # Telegram's error answer (403 for a user who never opened a chat)
                status, payload = result.status, {"ok": False, "error_code": result.status,
                                                  "description": result.description}
        except Exception as exc:  # noqa: BLE001
            status, payload = 400, {"ok": False, "error_code": 400, "description": str(exc)}
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:  # the server's own access log is not the bot's
        return


class ExplodingCore:
    """The production core; the text "boom" raises an error whose message carries the token."""

    def __init__(self) -> None:
        from bot.commands import build_core

        self.inner = build_core(documents_dir=Path(os.environ["BAOCAO_DATA_DIR"]) / "docs")

    def handle(self, event):
        if event.text == "boom":
            raise RuntimeError(f"upstream failed: https://api.telegram.org/bot{TOKEN}/sendMessage ({ZALO})")
        return self.inner.handle(event)

    def due_reminders(self, channel):
        return []


@pytest.fixture()
def debug_logs(monkeypatch, tmp_path):
    """Root at DEBUG with a redacted handler (installed like bot/commands.py) and a raw one added after."""
    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("ZALO_BOT_TOKEN", ZALO)
    root = logging.getLogger()
    safe_out, raw_out = io.StringIO(), io.StringIO()
    safe = logging.StreamHandler(safe_out)
    safe.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(safe)
    wrapped = redact.install()  # reads the tokens from the environment, as in production
    raw = logging.StreamHandler(raw_out)
    root.addHandler(raw)
    levels = {name: logging.getLogger(name).level for name in ("", "httpx", "httpcore", "telegram")}
    for name in levels:
        logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        yield safe_out, raw_out, wrapped
    finally:
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
        root.removeHandler(safe)
        root.removeHandler(raw)
        for h in root.handlers:  # undo the wrapping on pytest's own handlers
            if isinstance(h.formatter, redact.RedactingFormatter):
                h.setFormatter(h.formatter.inner)


def test_a_debug_session_over_http_never_logs_the_token(debug_logs):
    safe_out, raw_out, wrapped = debug_logs
    api = FakeTelegramServer()
    http = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    http.api = api  # type: ignore[attr-defined]
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    core = ExplodingCore()
    try:
        settings = TelegramSettings(token=TOKEN, api_base_url=f"http://127.0.0.1:{http.server_address[1]}",
                                    reminder_interval_s=0, open_access=True, allowed_groups=frozenset({-100500}))

        async def session():
            frontend = TelegramFrontend(core, settings)
            frontend._first_update_id = api.next_update_id
            await frontend.start(poll_timeout=0.2)
            try:
                for text in ("/start", "xin chào", "boom", "/mau"):
                    api.send_text(31, text)
                    await settle(frontend, api)
                api.edit_text(31, 1, "/mau")  # an edited message, and a group whose user never opened a chat
                api.not_started.add(31)
                api.send_text(31, "/start", chat_id=-100500, chat_type="supergroup")
                await settle(frontend, api)
            finally:
                await frontend.stop()

        asyncio.run(session())
    finally:
        http.shutdown()
        core.inner.store.close()
    raw, safe = raw_out.getvalue(), safe_out.getvalue()
    assert wrapped >= 1
    assert any(m == "sendMessage" for m, _ in api.calls)  # the session really talked to the API
    assert api.texts_to(-100500) == [texts.OPEN_PRIVATE_CHAT]  # the group path ran too
    assert TOKEN in raw and "HTTP Request" in raw and ZALO in raw  # control: unredacted, the token is there
    assert "HTTP Request: POST" in safe and "Traceback" in safe and redact.MASK in safe
    for secret in redact.secret_forms(TOKEN) + redact.secret_forms(ZALO):
        assert secret not in safe


def test_secret_forms_and_redact():
    forms = redact.secret_forms(TOKEN)
    assert TOKEN in forms and "AAH-s3cr3t_T0ken-zzYYxxWWvv" in forms and "7654321%3AAAH-s3cr3t_T0ken-zzYYxxWWvv" in forms
    assert redact.secret_forms("") == [] and redact.secret_forms("abc") == []
    text = f"GET /bot{TOKEN}/getMe and /bot7654321%3AAAH-s3cr3t_T0ken-zzYYxxWWvv/x"
    assert redact.redact(text, forms) == f"GET /bot{redact.MASK}/getMe and /bot{redact.MASK}/x"
    assert redact.secrets_from_env({"TELEGRAM_BOT_TOKEN": TOKEN, "ZALO_BOT_TOKEN": ""}) == sorted(
        set(forms), key=len, reverse=True)
