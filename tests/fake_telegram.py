"""A fake Telegram Bot API server, in memory, plugged in at python-telegram-bot's HTTP boundary.

:class:`FakeTelegramServer` holds the state (users' pending updates, everything the bot sent);
:class:`FakeRequest` is a ``telegram.request.BaseRequest`` subclass that answers the Bot API calls
from that state instead of doing HTTP. Everything above it is the real library: ``Bot``,
``Application``, ``Updater`` (long polling), handlers, ``InputFile`` multipart encoding.

Tests push user actions (``send_text``, ``press``, ``send_document``, ``send_sticker``) and read what
the bot did from ``server.outbox`` (one :class:`Sent` per sendMessage / sendDocument call).
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

BOT_ID = 7000001
BOT_USERNAME = "baocao_test_bot"


@dataclass
class Fault:
    """A failure the fake returns instead of answering (see ``FakeTelegramServer.fail``)."""

    method: str
    status: int  # 0 = network error, -1 = timeout
    description: str
    retry_after: int = 0


class NetworkFault(Exception):
    """Raised by the fake server for a status-0 fault; FakeRequest turns it into telegram.error.NetworkError."""


class TimeoutFault(NetworkFault):
    """Raised for a status -1 fault; FakeRequest turns it into telegram.error.TimedOut."""


@dataclass
class Sent:
    """One message the bot sent to a chat."""

    chat_id: int
    message_id: int
    method: str
    text: str = ""
    buttons: list[list[dict[str, Any]]] = field(default_factory=list)
    document_name: str | None = None
    document_bytes: bytes | None = None
    caption: str = ""

    def button_data(self) -> list[str]:
        """The callback data of every inline button, in reading order."""
        return [b.get("callback_data", "") for row in self.buttons for b in row]

    def button_labels(self) -> list[str]:
        return [b.get("text", "") for row in self.buttons for b in row]


class FakeTelegramServer:
    """The in-memory Bot API: queued updates in, recorded calls out."""

    def __init__(self) -> None:
        self.updates: list[dict[str, Any]] = []
        self.next_update_id = 1
        self.acked_offset = 0
        self.next_message_id: dict[int, int] = {}
        self.outbox: list[Sent] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.commands: list[dict[str, Any]] = []
        self.callback_answers: list[dict[str, Any]] = []
        self.chat_actions: list[tuple[int, str]] = []
        self.files: dict[str, bytes] = {}
        self.faults: list[Fault] = []  # queued failures, see fail()
        self.on_sent: Any = None  # optional callable(Sent), called as each message is recorded (benchmarks)
        self.not_started: set[int] = set()  # users who never opened a private chat: sends there get 403

    def fail(self, method: str, status: int, description: str = "", times: int = 1, retry_after: int = 0) -> None:
        """Make the next ``times`` calls of ``method`` fail: HTTP ``status`` (403, 429, 400...) or, for
        status 0, a network error (connection dropped), for -1 a timeout, as Telegram or the network would."""
        self.faults.extend(Fault(method, status, description or f"fault {status}", retry_after) for _ in range(times))

    # ---- what users do -------------------------------------------------------------------
    def _user(self, user_id: int, name: str) -> dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": name, "language_code": "vi"}

    def _message(self, user_id: int, name: str, chat_id: int | None = None, chat_type: str = "private",
                 username: str | None = None, **content: Any) -> dict[str, Any]:
        chat_id = user_id if chat_id is None else chat_id
        mid = self._next_mid(chat_id)
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        chat.update({"first_name": name} if chat_type == "private" else {"title": "Nhóm"})
        sender = self._user(user_id, name)
        if username:
            sender["username"] = username
        return {"message_id": mid, "date": int(time.time()), "chat": chat, "from": sender, **content}

    def _next_mid(self, chat_id: int) -> int:
        self.next_message_id[chat_id] = self.next_message_id.get(chat_id, 0) + 1
        return self.next_message_id[chat_id]

    def _push(self, update: dict[str, Any]) -> int:
        update["update_id"] = self.next_update_id
        self.next_update_id += 1
        self.updates.append(update)
        return update["update_id"]

    def send_text(self, user_id: int, text: str, name: str = "Cán bộ", **where: Any) -> int:
        """The user types ``text`` (commands included: entities are set like Telegram does).

        ``where``: ``chat_id``/``chat_type`` for a group chat, ``username`` for the sender's @username.
        """
        msg = self._message(user_id, name, text=text, **where)
        if text.startswith("/"):
            length = len(text.split()[0])
            msg["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return self._push({"message": msg})

    def edit_text(self, user_id: int, message_id: int, text: str, name: str = "Cán bộ", **where: Any) -> int:
        """The user edits their earlier message ``message_id`` to ``text`` (an ``edited_message`` update)."""
        msg = self._message(user_id, name, text=text, **where)
        msg["message_id"] = message_id
        msg["edit_date"] = int(time.time())
        return self._push({"edited_message": msg})

    def press(self, user_id: int, data: str, message_id: int = 1, name: str = "Cán bộ") -> int:
        """The user presses an inline button carrying ``data`` on message ``message_id``."""
        message = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private", "first_name": name},
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Bot", "username": BOT_USERNAME},
            "text": "...",
        }
        return self._push(
            {
                "callback_query": {
                    "id": f"cq{self.next_update_id}",
                    "from": self._user(user_id, name),
                    "chat_instance": str(user_id),
                    "message": message,
                    "data": data,
                }
            }
        )

    def send_document(self, user_id: int, file_name: str, data: bytes, mime: str = "application/octet-stream",
                      name: str = "Cán bộ") -> int:
        """The user sends a file; its bytes are served by getFile + download."""
        file_id = f"file{len(self.files) + 1}"
        self.files[file_id] = data
        document = {"file_id": file_id, "file_unique_id": file_id + "u", "file_name": file_name,
                    "mime_type": mime, "file_size": len(data)}
        return self._push({"message": self._message(user_id, name, document=document)})

    def send_sticker(self, user_id: int, name: str = "Cán bộ") -> int:
        sticker = {"file_id": "stk", "file_unique_id": "stku", "type": "regular", "width": 512, "height": 512,
                   "is_animated": False, "is_video": False}
        return self._push({"message": self._message(user_id, name, sticker=sticker)})

    def send_photo(self, user_id: int, name: str = "Cán bộ") -> int:
        photo = [{"file_id": "ph", "file_unique_id": "phu", "width": 90, "height": 90}]
        return self._push({"message": self._message(user_id, name, photo=photo)})

    # ---- what the bot did ----------------------------------------------------------------
    def sent_to(self, chat_id: int) -> list[Sent]:
        return [s for s in self.outbox if s.chat_id == chat_id]

    def texts_to(self, chat_id: int) -> list[str]:
        return [s.text or s.caption for s in self.sent_to(chat_id)]

    def documents_to(self, chat_id: int) -> list[Sent]:
        return [s for s in self.sent_to(chat_id) if s.document_bytes is not None]

    @property
    def all_fetched(self) -> bool:
        """True when the bot has fetched (and acknowledged or is processing) every queued update."""
        return not self.updates

    # ---- the API ------------------------------------------------------------------------
    async def api(self, method: str, params: dict[str, Any], files: dict[str, Any]) -> Any:
        self.calls.append((method, params))
        fault = next((f for f in self.faults if f.method == method), None)
        if fault is not None:
            self.faults.remove(fault)
            if fault.status == -1:
                raise TimeoutFault(fault.description)
            if fault.status == 0:
                raise NetworkFault(fault.description)
            return fault
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            raise KeyError(method)
        if method.startswith("send") and str(params.get("chat_id")) in {str(c) for c in self.not_started}:
            return Fault(method, 403, "Forbidden: bot can't initiate conversation with a user")
        result = handler(params, files)
        if asyncio.iscoroutine(result):
            result = await result
        return result

    def _api_getMe(self, params: dict, files: dict) -> dict:
        return {"id": BOT_ID, "is_bot": True, "first_name": "Trợ lý báo cáo", "username": BOT_USERNAME,
                "can_join_groups": False, "can_read_all_group_messages": False, "supports_inline_queries": False}

    def _api_deleteWebhook(self, params: dict, files: dict) -> bool:
        return True

    def _api_setMyCommands(self, params: dict, files: dict) -> bool:
        commands = params.get("commands")
        self.commands = json.loads(commands) if isinstance(commands, str) else list(commands)
        return True

    async def _api_getUpdates(self, params: dict, files: dict) -> list:
        offset = int(params.get("offset") or 0)
        if offset:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
            self.acked_offset = max(self.acked_offset, offset)
        if not self.updates:  # long poll: wait (briefly) for a user action; works across event loops
            waited, limit_s = 0.0, min(float(params.get("timeout") or 0) or 0.05, 1.0)
            while not self.updates and waited < limit_s:
                await asyncio.sleep(0.005)
                waited += 0.005
            if not self.updates:
                return []
        limit = int(params.get("limit") or 100)
        return list(self.updates[:limit])

    def _record(self, method: str, params: dict, **extra: Any) -> dict:
        chat_id = int(params["chat_id"])
        markup = params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        buttons = (markup or {}).get("inline_keyboard", [])
        sent = Sent(chat_id=chat_id, message_id=self._next_mid(chat_id), method=method, buttons=buttons, **extra)
        self.outbox.append(sent)
        if self.on_sent is not None:
            self.on_sent(sent)
        message: dict[str, Any] = {
            "message_id": sent.message_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Bot", "username": BOT_USERNAME},
        }
        if sent.text:
            message["text"] = sent.text
        if markup:
            message["reply_markup"] = markup
        if sent.document_name is not None:
            message["document"] = {"file_id": f"out{sent.message_id}", "file_unique_id": f"outu{sent.message_id}",
                                   "file_name": sent.document_name}
            if sent.caption:
                message["caption"] = sent.caption
        return message

    def _api_sendMessage(self, params: dict, files: dict) -> dict:
        text = str(params.get("text", ""))
        if not text or len(text) > 4096:
            raise ValueError(f"Bad Request: message text length {len(text)}")
        return self._record("sendMessage", params, text=text)

    def _api_sendDocument(self, params: dict, files: dict) -> dict:
        name, content, _mime = files["document"]
        data = content if isinstance(content, bytes) else content.read()
        caption = str(params.get("caption", ""))
        if len(caption) > 1024:
            raise ValueError("Bad Request: caption too long")
        return self._record("sendDocument", params, document_name=name, document_bytes=data, caption=caption)

    def _api_sendPhoto(self, params: dict, files: dict) -> dict:
        name, content, _mime = files["photo"]
        data = content if isinstance(content, bytes) else content.read()
        return self._record("sendPhoto", params, document_name=name, document_bytes=data,
                            caption=str(params.get("caption", "")))

    def _api_sendChatAction(self, params: dict, files: dict) -> bool:
        self.chat_actions.append((int(params["chat_id"]), str(params.get("action"))))
        return True

    def _api_answerCallbackQuery(self, params: dict, files: dict) -> bool:
        self.callback_answers.append(params)
        return True

    def _api_editMessageReplyMarkup(self, params: dict, files: dict) -> bool:
        return True

    def _api_getFile(self, params: dict, files: dict) -> dict:
        file_id = str(params["file_id"])
        data = self.files[file_id]
        return {"file_id": file_id, "file_unique_id": file_id + "u", "file_size": len(data),
                "file_path": f"documents/{file_id}"}

    def download(self, url: str) -> bytes:
        file_id = urlparse(url).path.rsplit("/", 1)[-1]
        return self.files[file_id]


class FakeRequest(BaseRequest):
    """``BaseRequest`` answering from a :class:`FakeTelegramServer` instead of the network."""

    def __init__(self, server: FakeTelegramServer) -> None:
        self.server = server

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout: Any = None, write_timeout: Any = None, connect_timeout: Any = None,
                         pool_timeout: Any = None) -> tuple[int, bytes]:
        if method == "GET":  # file download
            try:
                return 200, self.server.download(url)
            except KeyError:
                return 404, b'{"ok": false, "description": "Not Found"}'
        api_method = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        files = dict(request_data.multipart_data) if request_data and request_data.contains_files else {}
        try:
            result = await self.server.api(api_method, params, files)
        except TimeoutFault as exc:
            raise TimedOut(f"fake timeout: {exc}") from exc
        except NetworkFault as exc:
            raise NetworkError(f"fake network failure: {exc}") from exc
        except KeyError:
            return 404, json.dumps({"ok": False, "error_code": 404, "description": "Not Found: method"}).encode()
        except ValueError as exc:
            return 400, json.dumps({"ok": False, "error_code": 400, "description": str(exc)}).encode()
        if isinstance(result, Fault):
            body: dict[str, Any] = {"ok": False, "error_code": result.status, "description": result.description}
            if result.retry_after:
                body["parameters"] = {"retry_after": result.retry_after}
            return result.status, json.dumps(body).encode()
        return 200, json.dumps({"ok": True, "result": result}).encode()


async def settle(frontend: Any, server: FakeTelegramServer, guard_s: float = 60.0) -> None:
    """Wait until the bot has fully handled every update pushed so far.

    ``frontend.processed_updates`` counts updates whose handler finished; the guard only turns a
    hang into a clear failure (it is not a timing assertion).
    """
    expected = server.next_update_id - 1 - getattr(frontend, "_first_update_id", 1) + 1
    loop = asyncio.get_running_loop()
    deadline = loop.time() + guard_s
    while frontend.processed_updates < expected:
        if loop.time() > deadline:
            raise AssertionError(f"bot handled {frontend.processed_updates} of {expected} updates")
        await asyncio.sleep(0.005)


def make_frontend(core: Any, server: FakeTelegramServer, **settings: Any) -> Any:
    """A real ``TelegramFrontend`` (Application + Updater) whose HTTP goes to ``server``.

    The bot is closed by default; tests that do not set an allowlist get ``open_access`` (BAOCAO_OPEN=1), and
    no practical rate limit unless they pass ``rate_burst``/``rate_per_minute``.
    """
    from bot.telegram_app import TelegramFrontend, TelegramSettings

    settings.setdefault("open_access", not (settings.get("allowed_users") or settings.get("allowed_usernames")))
    settings.setdefault("rate_burst", 100_000)  # scripted users type faster than people: no rate limit unless asked
    cfg = TelegramSettings(token="123456:TEST-TOKEN", reminder_interval_s=0, **settings)
    frontend = TelegramFrontend(core, cfg, request=FakeRequest(server), get_updates_request=FakeRequest(server))
    frontend._first_update_id = server.next_update_id  # updates before this belong to an earlier process
    return frontend


_KB: Any = None


def shared_knowledge_base() -> Any:
    """One real knowledge base per test process, over a copy of the index built once for the whole
    session (tests/knowledge_fixtures.py), so bot tests may upload dispatches without touching it."""
    global _KB
    if _KB is None:
        from tests.knowledge_fixtures import open_copy

        _KB = open_copy("baocao-test-bot-kb-")
    return _KB


def run_bot(core: Any, server: FakeTelegramServer, actions: Any, faults: Any = (), **settings: Any) -> None:
    """Start a real frontend over ``server``, make ``faults`` (method, HTTP status) fail as told, play each
    action (a function of the server: a user sends, edits, presses) and wait until it is handled; stop."""

    async def go() -> None:
        frontend = make_frontend(core, server, **settings)
        await frontend.start(poll_timeout=0.2)
        try:
            for method, status in faults:
                server.fail(method, status, retry_after=5 if status == 429 else 0)
            for act in actions:
                act(server)
                await settle(frontend, server)
        finally:
            await frontend.stop()

    asyncio.run(go())
