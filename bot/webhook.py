"""Webhook mode for one province: one small receiver, N workers, the queue in PostgreSQL.

Telegram posts every update to one HTTPS address. ``baocao webhook`` is the process behind it (a
reverse proxy with TLS in front): it checks the secret token header Telegram repeats on every request
(``X-Telegram-Bot-Api-Secret-Token``, set with ``setWebhook`` at start; a request without it, or with
another value, is refused with 403 and stored nowhere), stores the update in ``inbox_update``
(``Store.enqueue_update``: committed before the 200 answer, so an acknowledged update is never lost;
a redelivered id is ignored) and notifies the workers. It does no conversation work, so it answers in
a few milliseconds whatever the workers are doing.

``baocao worker`` (N of them, on one or several machines) runs the bot: the real ``TelegramFrontend``
without polling, fed from the inbox by :class:`bot.webhook_worker.InboxConsumer`: each user's updates
in update-id order, each once, by whichever worker is free (``storage/store_inbox.py``).
"""

from __future__ import annotations

import argparse
import hmac
import json
import logging
import os
import re
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

log = logging.getLogger(__name__)
CHANNEL = "telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1_000_000  # bytes; Telegram's updates are a few KB (files are fetched separately)
_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what setWebhook accepts as secret_token


_FROM_KINDS = ("message", "edited_message", "callback_query")  # what users send: read without parsing it all


def update_user_key(data: dict[str, Any]) -> str:
    """Whose turn an update (as JSON) waits for: its user, else its chat, else its own id (no order needed);
    the same key as ``bot.telegram_updates.update_key`` of the parsed update."""
    for kind in _FROM_KINDS:
        sender = (data.get(kind) or {}).get("from") if isinstance(data.get(kind), dict) else None
        if isinstance(sender, dict) and isinstance(sender.get("id"), int):
            return str(sender["id"])
    from telegram import Update

    from bot.telegram_updates import update_key

    try:
        key = update_key(Update.de_json(data, None))
    except Exception:  # an update kind this library version does not know: on its own
        key = None
    return str(key) if key is not None else f"update:{data.get('update_id')}"


class WebhookReceiver:
    """The HTTP endpoint Telegram posts to (stdlib ``ThreadingHTTPServer``, one thread per connection)."""

    def __init__(self, store: Any, secret: str, path: str = "/telegram", channel: str = CHANNEL) -> None:
        if not _SECRET_RE.match(secret or ""):
            raise ValueError("the webhook secret must be 1-256 characters A-Z, a-z, 0-9, _ or -")
        self.store, self.path, self.channel = store, path, channel
        self._secret = secret.encode()
        self.received = self.duplicates = self.refused = 0
        self.server: ThreadingHTTPServer | None = None

    def serve(self, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
        """Start listening in a background thread; returns the server (``server_address`` has the port)."""
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                status, body = receiver.handle(self.path, self.headers, self.rfile)
                self.send_response(status)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:  # noqa: N802
                ok = self.path == "/healthz"
                self.send_response(200 if ok else 404)
                self.send_header("Content-Length", "2" if ok else "0")
                self.end_headers()
                if ok:
                    self.wfile.write(b"ok")

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (no request lines in the log)
                return

        self.server = ThreadingHTTPServer((host, port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, name="baocao-webhook", daemon=True).start()
        return self.server

    def handle(self, path: str, headers: Any, body_file: Any) -> tuple[int, bytes]:
        """One POST: (status, body). 200 only once the update is stored (or was stored before)."""
        if path.split("?", 1)[0] != self.path:
            return 404, b""
        given = (headers.get(SECRET_HEADER) or "").encode()
        if not hmac.compare_digest(given, self._secret):
            self.refused += 1
            log.warning("Webhook request refused: %s secret token header", "wrong" if given else "no")
            return 403, b""
        try:
            length = int(headers.get("Content-Length") or -1)
        except ValueError:
            length = -1
        if not 0 < length <= MAX_BODY:
            return 413 if length > MAX_BODY else 411, b""
        try:
            data = json.loads(body_file.read(length))
            update_id = int(data["update_id"])
        except (ValueError, KeyError, TypeError):
            return 400, b"not an update"
        from storage.errors import StorageError

        try:
            fresh = self.store.enqueue_update(self.channel, update_id, update_user_key(data),
                                              json.dumps(data, ensure_ascii=False))
        except StorageError as exc:  # Telegram retries a failed delivery: nothing is lost
            log.error("Webhook update %s not stored: %s", update_id, exc)
            return 503, b""
        self.received += fresh
        self.duplicates += not fresh
        return 200, b"ok"

    def close(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


async def register_webhook(bot: Any, url: str, secret: str, max_connections: int = 40) -> None:
    """Tell Telegram where to post, with the secret it must repeat (``setWebhook``)."""
    from telegram import Update

    await bot.set_webhook(url=url, secret_token=secret, allowed_updates=Update.ALL_TYPES,
                          max_connections=max_connections)


def _webhook(args: argparse.Namespace) -> int:
    """``baocao webhook``: the receiver (blocking)."""
    import asyncio

    from bot.redact import install as redact_secrets
    from storage.repo import Store

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    redact_secrets()
    token, url = os.environ.get("TELEGRAM_BOT_TOKEN", "").strip(), os.environ.get("BAOCAO_WEBHOOK_URL", "").strip()
    secret = os.environ.get("BAOCAO_WEBHOOK_SECRET", "").strip() or secrets.token_urlsafe(32)
    if not (token and url) and not os.environ.get("BAOCAO_WEBHOOK_SECRET"):
        raise SystemExit("Set TELEGRAM_BOT_TOKEN and BAOCAO_WEBHOOK_URL (the receiver registers itself), "
                         "or BAOCAO_WEBHOOK_SECRET (registered elsewhere)")
    store = Store.open()
    receiver = WebhookReceiver(store, secret, path=args.path)
    server = receiver.serve(args.listen, args.port)
    log.info("Webhook receiver on %s:%s%s", *server.server_address[:2], args.path)
    if token and url:
        from telegram import Bot

        async def register() -> None:
            async with Bot(token) as bot:
                await register_webhook(bot, url, secret)

        asyncio.run(register())
        log.info("Webhook registered with Telegram at %s", url)
    try:
        threading.Event().wait()
    finally:
        receiver.close()
        store.close()
    return 0


def _worker(args: argparse.Namespace) -> int:
    """``baocao worker``: one bot worker fed from the inbox (blocking)."""
    from bot.webhook_worker import run_worker

    return run_worker()


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``webhook`` and ``worker`` to the ``baocao`` command line."""
    hook = subparsers.add_parser("webhook", help="receive Telegram's webhook and queue the updates in the database "
                                 "(TELEGRAM_BOT_TOKEN, BAOCAO_WEBHOOK_URL, BAOCAO_WEBHOOK_SECRET)")
    hook.add_argument("--listen", default=os.environ.get("BAOCAO_WEBHOOK_LISTEN") or "127.0.0.1")
    hook.add_argument("--port", type=int, default=int(os.environ.get("BAOCAO_WEBHOOK_PORT") or 8443))
    hook.add_argument("--path", default="/telegram")
    hook.set_defaults(func=_webhook)
    worker = subparsers.add_parser("worker", help="one bot worker handling the queued webhook updates (start N)")
    worker.set_defaults(func=_worker)
