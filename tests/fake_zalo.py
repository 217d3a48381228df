"""A fake Zalo Bot API server: real HTTP on 127.0.0.1, the platform's wire format.

``POST /bot{TOKEN}/{method}`` with a JSON body, answers ``{"ok": true, "result": …}`` or
``{"ok": false, "error_code": …, "description": …}``. ``getUpdates`` long-polls and returns ONE update
(``error_code`` 408 "Request timeout" when none arrives in time; refused while a webhook is set);
``sendMessage`` refuses text outside 1..2000 characters; ``sendPhoto`` takes a photo URL;
``setWebhook``/``deleteWebhook``/``getWebhookInfo``; ``sendChatAction``; ``getMe``. A wrong token gets 401.

Tests push user actions (``send_text``, ``send_image``, ``send_sticker``, ``send_unsupported``), read what
the bot sent from ``outbox``, make calls fail (``fail``) and deliver events to a webhook themselves
(``post_webhook``) with any secret header they like.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
import urllib.error
import urllib.request
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

TOKEN = "1459232241454765289:FakeZaloSecretPartAbCdEf"
TEXT_LIMIT = 2000


@dataclass
class Sent:
    chat_id: str
    method: str
    text: str = ""
    photo: str = ""
    caption: str = ""


def _hung_up(sock: Any) -> bool:
    """True when the client closed its side of the connection."""
    import select
    import socket

    try:
        readable, _, _ = select.select([sock], [], [], 0)
        return bool(readable) and sock.recv(1, socket.MSG_PEEK) == b""
    except OSError:
        return True


class FakeZaloServer:
    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.updates: deque[dict[str, Any]] = deque()
        self.outbox: list[Sent] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.chat_actions: list[tuple[str, str]] = []
        self.webhook: dict[str, str] | None = None
        self.faults: dict[str, list[int]] = {}
        self.pushed = 0
        self.bad_token_calls = 0
        self._ids = itertools.count(1)
        self._cond = threading.Condition()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    # ---- lifecycle -------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> "FakeZaloServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        with self._cond:
            self._cond.notify_all()
        self.httpd.shutdown()
        self.httpd.server_close()

    # ---- what users do -----------------------------------------------------------------------
    def make_update(self, user_id: str, event: str, name: str = "Cán bộ", **fields: Any) -> dict[str, Any]:
        message = {"chat": {"id": user_id, "chat_type": fields.pop("chat_type", "PRIVATE")},
                   "message_id": f"m{next(self._ids):06d}{user_id}", "date": int(time.time() * 1000),
                   "from": {"id": user_id, "display_name": name, "is_bot": False}, **fields}
        return {"event_name": event, "message": message}

    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        with self._cond:
            self.updates.append(update)
            self.pushed += 1
            self._cond.notify_all()
        return update

    def send_text(self, user_id: str, text: str, name: str = "Cán bộ", **fields: Any) -> dict[str, Any]:
        return self.push(self.make_update(user_id, "message.text.received", name, text=text, **fields))

    def send_image(self, user_id: str) -> dict[str, Any]:
        return self.push(self.make_update(user_id, "message.image.received", photo_url="https://example.invalid/p.jpg"))

    def send_sticker(self, user_id: str) -> dict[str, Any]:
        return self.push(self.make_update(user_id, "message.sticker.received", sticker="0e078a2fb66a5f34067b"))

    def send_unsupported(self, user_id: str) -> dict[str, Any]:
        return self.push(self.make_update(user_id, "message.unsupported.received"))

    def fail(self, method: str, status: int, times: int = 1) -> None:
        """The next ``times`` calls of ``method`` answer HTTP ``status`` (e.g. 500, 429)."""
        self.faults.setdefault(method, []).extend([status] * times)

    def post_webhook(self, update: dict[str, Any], secret: str | None, url: str | None = None) -> int:
        """Deliver ``update`` as Zalo would (POST + secret header); returns the HTTP status."""
        target = url or (self.webhook or {}).get("url")
        assert target, "no webhook URL"
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers["X-Bot-Api-Secret-Token"] = secret
        request = urllib.request.Request(target, json.dumps(update).encode(), headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code

    # ---- reading what the bot did --------------------------------------------------------------
    def sent_to(self, chat_id: str) -> list[Sent]:
        return [s for s in self.outbox if s.chat_id == chat_id]

    def texts_to(self, chat_id: str) -> list[str]:
        return [s.text or s.caption for s in self.sent_to(chat_id)]

    # ---- the API ---------------------------------------------------------------------------------
    def _api(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        self.calls.append((method, {k: v for k, v in params.items() if not k.startswith("_")}))
        faults = self.faults.get(method)
        if faults:
            status = faults.pop(0)
            return status, {"ok": False, "error_code": status, "description": "Injected failure"}
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            return 404, {"ok": False, "error_code": 404, "description": "Method not found"}
        return handler(params)

    @staticmethod
    def _ok(result: Any) -> tuple[int, dict[str, Any]]:
        return 200, {"ok": True, "result": result}

    @staticmethod
    def _bad(description: str, code: int = 400) -> tuple[int, dict[str, Any]]:
        return 200, {"ok": False, "error_code": code, "description": description}

    def _api_getMe(self, params: dict) -> tuple[int, dict]:
        return self._ok({"id": self.token.split(":")[0], "account_name": "bot.baocao", "account_type": "BASIC",
                         "can_join_groups": False})

    def _api_getUpdates(self, params: dict) -> tuple[int, dict]:
        if self.webhook:
            return self._bad("Webhook is set; use deleteWebhook before getUpdates", 409)
        timeout = min(float(params.get("timeout") or 30), 30.0)
        connection = params.pop("_connection", None)
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:  # like a real long poll: a client that hung up gets nothing (its update stays queued)
                self._cond.wait_for(lambda: bool(self.updates), timeout=min(0.2, max(0.0, deadline - time.monotonic())))
                if connection is not None and _hung_up(connection):
                    return self._bad("Client gone", 499)
                if self.updates:
                    return self._ok(self.updates.popleft())
                if time.monotonic() >= deadline:
                    return self._bad("Request timeout", 408)

    def _api_setWebhook(self, params: dict) -> tuple[int, dict]:
        url, secret = str(params.get("url") or ""), str(params.get("secret_token") or "")
        if not url or not 8 <= len(secret) <= 256:
            return self._bad("url and secret_token (8-256 characters) are required")
        self.webhook = {"url": url, "secret_token": secret}
        return self._ok({"url": url, "updated_at": int(time.time() * 1000)})

    def _api_deleteWebhook(self, params: dict) -> tuple[int, dict]:
        self.webhook = None
        return self._ok({"url": "", "updated_at": int(time.time() * 1000)})

    def _api_getWebhookInfo(self, params: dict) -> tuple[int, dict]:
        return self._ok({"url": (self.webhook or {}).get("url", ""), "updated_at": 0})

    def _record(self, sent: Sent) -> tuple[int, dict]:
        self.outbox.append(sent)
        return self._ok({"message_id": f"b{next(self._ids):06d}", "date": int(time.time() * 1000)})

    def _api_sendMessage(self, params: dict) -> tuple[int, dict]:
        text = params.get("text")
        if not params.get("chat_id") or not isinstance(text, str) or not 1 <= len(text) <= TEXT_LIMIT:
            return self._bad("text must have 1 to 2000 characters")
        return self._record(Sent(str(params["chat_id"]), "sendMessage", text=text))

    def _api_sendPhoto(self, params: dict) -> tuple[int, dict]:
        photo = params.get("photo")
        if not params.get("chat_id") or not isinstance(photo, str) or not photo.startswith(("http://", "https://")):
            return self._bad("photo must be a URL")
        caption = params.get("caption") or ""
        if len(caption) > TEXT_LIMIT:
            return self._bad("caption too long")
        return self._record(Sent(str(params["chat_id"]), "sendPhoto", photo=photo, caption=caption))

    def _api_sendChatAction(self, params: dict) -> tuple[int, dict]:
        self.chat_actions.append((str(params.get("chat_id")), str(params.get("action"))))
        return 200, {"ok": True}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                prefix, _, method = self.path.lstrip("/").rpartition("/")
                if prefix != f"bot{fake.token}":
                    fake.bad_token_calls += 1
                    status, body = 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
                else:
                    length = int(self.headers.get("Content-Length") or 0)
                    try:
                        params = json.loads(self.rfile.read(length) or b"{}")
                    except ValueError:
                        params = None
                    if not isinstance(params, dict):
                        status, body = 400, {"ok": False, "error_code": 400, "description": "Bad JSON"}
                    else:
                        if method == "getUpdates":
                            params["_connection"] = self.connection
                        status, body = fake._api(method, params)
                data = json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:  # the poller went away (a stopped process): the update was not delivered
                    if method == "getUpdates" and body.get("ok"):
                        with fake._cond:
                            fake.updates.appendleft(body["result"])
                            fake._cond.notify_all()

        return Handler


# ---- driving the real adapter through the fake ------------------------------------------------------
def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, method: str = "GET") -> tuple[int, bytes, dict[str, str]]:
    """(status, body, headers) of a plain HTTP request (download links)."""
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), dict(exc.headers)


class ZaloBot:
    """A running Zalo adapter (ZaloFrontend + ZaloRunner, real HTTP both ways) over ``server``.

    ``async with ZaloBot(server, core, state_dir, documents_dir) as bot: await bot.say("u1", "/start")``.
    """

    def __init__(self, server: FakeZaloServer, core: Any, state_dir: Any, documents_dir: Any, *,
                 webhook: bool = False, public: bool = True, secret: str = "hook-secret-0123456789",
                 admins: frozenset[str] = frozenset(), users: frozenset[str] | None = None, **settings: Any) -> None:
        from bot.zalo import ZaloFrontend, ZaloRunner, ZaloSettings
        from bot.zalo.settings import ZaloAccess

        port = free_port()
        here = f"http://127.0.0.1:{port}"
        access = ZaloAccess(users=users or frozenset(), admins=admins, open=users is None)
        settings.setdefault("preview", False)
        self.settings = ZaloSettings(
            token=server.token, api_base_url=server.base_url, listen="127.0.0.1", port=port,
            public_url=here if public else None, webhook_url=f"{here}/zalo/webhook" if webhook else None,
            webhook_secret=secret if webhook else "", access=access, poll_timeout_s=1, reminder_interval_s=0,
            **settings)
        self.server = server
        self.frontend = ZaloFrontend(core, self.settings, state_dir=state_dir, documents_dir=documents_dir)
        self.frontend.client.backoff_s = 0.01
        self.runner = ZaloRunner(self.frontend)
        self._base = server.pushed

    async def __aenter__(self) -> "ZaloBot":
        await self.runner.start()
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.runner.stop()

    async def settle(self, guard_s: float = 120.0) -> None:
        """Wait until every update pushed since start was handled (the guard turns a hang into a failure)."""
        import asyncio

        loop = asyncio.get_running_loop()
        deadline = loop.time() + guard_s
        while self.frontend.processed_updates < self.server.pushed - self._base:
            if loop.time() > deadline:
                raise AssertionError(f"handled {self.frontend.processed_updates} of {self.server.pushed - self._base}")
            await asyncio.sleep(0.01)

    async def say(self, user_id: str, text: str) -> list[Sent]:
        before = len(self.server.sent_to(user_id))
        self.server.send_text(user_id, text)
        await self.settle()
        return self.server.sent_to(user_id)[before:]
