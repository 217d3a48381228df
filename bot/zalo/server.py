"""The Zalo adapter's small HTTP server (standard library only): the webhook and the download links.

Routes, nothing else (every other path is 404, no folder is ever listed):

* ``POST {webhook path}`` — Zalo's events. The ``X-Bot-Api-Secret-Token`` header is compared with the
  configured secret in constant time (``hmac.compare_digest``); a wrong or missing header gets 401 and
  the body is not even read. A valid event is handed to the adapter's event loop and answered 200
  once processed (or after :data:`WEBHOOK_WAIT_S`, processing continues; the dedupe makes a retry harmless).
* ``GET /zalo/files/{token}/{name}`` — a signed link (:mod:`bot.zalo.links`): the file, 403 for a
  forged/altered/expired token, 404 for anything else.

A ``ThreadingHTTPServer`` in a daemon thread; the adapter's coroutines run on its own asyncio loop.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import hmac
import json
import logging
import mimetypes
import threading
from collections.abc import Awaitable, Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import quote, unquote, urlparse

from bot.zalo.links import ROUTE, DocumentLinks, LinkError

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Bot-Api-Secret-Token"
MAX_BODY = 1 << 20
WEBHOOK_WAIT_S = 25.0
TYPES = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".png": "image/png"}


class ZaloHttpServer:
    def __init__(self, host: str, port: int, loop: asyncio.AbstractEventLoop,
                 on_update: Callable[[dict[str, Any]], Awaitable[None]],
                 webhook_path: str | None = None, secret: str = "", links: DocumentLinks | None = None) -> None:
        self.loop = loop
        self.on_update = on_update
        self.webhook_path = webhook_path if webhook_path and secret else None  # no secret, no webhook
        self._secret = secret.encode()
        self.links = links
        self.refused = 0  # webhook requests refused for their secret (tests, metrics)
        self.httpd = ThreadingHTTPServer((host, port), self._handler_class())
        self.httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    def start(self) -> None:
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="zalo-http", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def secret_ok(self, given: str | None) -> bool:
        return bool(self._secret) and given is not None and hmac.compare_digest(given.encode(), self._secret)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            server_version = "baocao"
            sys_version = ""

            def log_message(self, fmt: str, *args: Any) -> None:  # the path holds a link token: keep it out
                log.debug("HTTP %s %s", self.command, urlparse(self.path).path.split("/")[1:3])

            def _reply(self, status: int, body: bytes = b"", ctype: str = "text/plain; charset=utf-8",
                       headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.send_header("X-Content-Type-Options", "nosniff")
                self.send_header("Referrer-Policy", "no-referrer")
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def do_POST(self) -> None:  # noqa: N802
                if server.webhook_path is None or urlparse(self.path).path != server.webhook_path:
                    return self._reply(404, b"not found")
                if not server.secret_ok(self.headers.get(SECRET_HEADER)):
                    server.refused += 1
                    log.warning("Refused a webhook request without the right secret token")
                    self.close_connection = True
                    return self._reply(401, b"unauthorized")
                length = int(self.headers.get("Content-Length") or 0)
                if not 0 < length <= MAX_BODY:
                    return self._reply(413 if length else 400, b"bad body")
                try:
                    update = json.loads(self.rfile.read(length))
                except ValueError:
                    return self._reply(400, b"bad json")
                if isinstance(update, dict) and isinstance(update.get("result"), dict):
                    update = update["result"]  # some deliveries wrap the event like a getUpdates answer
                if not isinstance(update, dict):
                    return self._reply(400, b"bad update")
                future = asyncio.run_coroutine_threadsafe(server.on_update(update), server.loop)
                try:
                    future.result(WEBHOOK_WAIT_S)
                except concurrent.futures.TimeoutError:
                    log.info("Webhook event still being processed; answering Zalo now")
                except Exception:  # noqa: BLE001 — logged by the adapter; Zalo must not retry forever
                    log.exception("Webhook event failed")
                return self._reply(200, b'{"ok":true}', "application/json")

            def do_GET(self) -> None:  # noqa: N802
                path = urlparse(self.path).path
                if server.links is None or not path.startswith(ROUTE):
                    return self._reply(404, b"not found")
                parts = path[len(ROUTE):].split("/")
                if len(parts) != 2 or not parts[0]:
                    return self._reply(404, b"not found")
                try:
                    file = server.links.resolve(unquote(parts[0]))
                except LinkError as exc:
                    log.info("Refused a download link: %s", exc)
                    return self._reply(exc.status, b"forbidden" if exc.status == 403 else b"not found")
                ctype = TYPES.get(file.suffix.lower()) or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
                name = unquote(parts[1]) or file.name
                disposition = "inline" if ctype.startswith("image/") else "attachment"
                ascii_name = name.encode("ascii", "ignore").decode() or file.name
                ascii_name = "".join(c for c in ascii_name if c not in '"\\\r\n')
                return self._reply(200, file.read_bytes(), ctype, {
                    "Content-Disposition": f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"})

            do_HEAD = do_GET

        return Handler
