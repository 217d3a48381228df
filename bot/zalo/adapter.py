"""The Zalo adapter: Zalo events in, the conversation core's replies out.

One update at a time per chat (a lock per chat keeps a webhook's parallel deliveries in order):

1. dedupe on ``message_id`` (:mod:`bot.zalo.seen`): a redelivered event is dropped, and the ids are
   kept on disk so a restart does not process an event again;
2. access (:class:`bot.zalo.settings.ZaloAccess`, closed by default; refusals at most once per 10 min);
3. the event becomes an :class:`~bot.messages.Incoming`: text (a number, label or shown command of the
   choices last offered becomes a press, :mod:`bot.zalo.choices`); an image, sticker or unsupported
   message gets one polite line (an admin trying to send a file is told how to add a dispatch);
4. the blocking core runs in a worker thread; its answer is stored before anything is sent;
5. replies are rendered for Zalo: choices as numbered lines, text split under 2000 characters
   (:mod:`bot.zalo.split`), a document as a signed link plus a page-1 picture (``sendPhoto`` by URL).
   A send that still fails after the client's retries is queued and retried later, never dropped.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict, deque
from pathlib import Path
from typing import Any, Protocol

from bot.access import Verdict
from bot.conversation.messages import Choice, Incoming, Outgoing
from bot.zalo import texts
from bot.zalo.choices import ChoiceMemory, choices_of, render
from bot.zalo.client import ZaloApiError, ZaloClient
from bot.zalo.links import DocumentLinks
from bot.zalo.seen import SeenIds
from bot.zalo.settings import ZaloSettings
from bot.zalo.split import split_message

log = logging.getLogger(__name__)

CHANNEL = "zalo"
REFUSAL_EVERY_S = 600.0
TEXT_EVENT = "message.text.received"
OTHER_EVENTS = {"message.image.received": texts.IMAGE, "message.sticker.received": texts.STICKER}


class ConversationCore(Protocol):
    def handle(self, event: Incoming) -> list[Outgoing]: ...

    def due_reminders(self, channel: str) -> list[tuple[str, Outgoing]]: ...


def _event_name(update: dict[str, Any], message: dict[str, Any]) -> str:
    name = update.get("event_name")
    if isinstance(name, str) and name:
        return name
    if message.get("text") is not None:
        return TEXT_EVENT
    if message.get("photo") or message.get("photo_url"):
        return "message.image.received"
    if message.get("sticker"):
        return "message.sticker.received"
    return "message.unsupported.received"


class ZaloFrontend:
    """Turns Zalo updates into core events and core replies into Zalo messages."""

    def __init__(self, core: ConversationCore, settings: ZaloSettings, client: ZaloClient | None = None,
                 state_dir: Path | None = None, documents_dir: Path | None = None) -> None:
        from storage.paths import sub_dir

        self.core = core
        self.settings = settings
        self.client = client or ZaloClient(settings.token, settings.api_base_url)
        state_dir = Path(state_dir) if state_dir is not None else sub_dir("zalo")
        self.seen = SeenIds(state_dir / "seen-message-ids.txt")
        documents_dir = Path(documents_dir or getattr(core, "documents_dir", None)
                             or getattr(getattr(core, "svc", None), "documents_dir", None) or sub_dir("documents"))
        self.documents_dir = documents_dir
        self.links: DocumentLinks | None = None
        if settings.public_url:
            from bot.zalo.links import load_secret

            self.links = DocumentLinks(documents_dir, load_secret(state_dir), settings.public_url, settings.link_ttl_s)
        self.memory = ChoiceMemory()
        self.processed_updates = 0  # every update fully handled, duplicates included (tests wait on it)
        self.unsent: deque[tuple[str, tuple[str, ...]]] = deque()  # (chat, send call) still to deliver
        self._chat_locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._refused_at: dict[str, float] = {}

    # ---- one update ----------------------------------------------------------------------
    async def process(self, update: dict[str, Any]) -> None:
        """Handle one Zalo update (from getUpdates or the webhook). Never raises."""
        try:
            message = update.get("message") if isinstance(update.get("message"), dict) else {}
            chat = message.get("chat") if isinstance(message.get("chat"), dict) else {}
            sender = message.get("from") if isinstance(message.get("from"), dict) else {}
            chat_id, message_id = str(chat.get("id") or ""), str(message.get("message_id") or "")
            if not chat_id or not message_id:
                log.info("Ignored a Zalo update without chat or message id")
                return
            if not self.seen.claim(message_id):
                log.info("Ignored a duplicate Zalo delivery of a message")
                return
            try:
                async with self._chat_locks[chat_id]:
                    await self._process(update, message, chat, sender, chat_id)
                self.seen.done(message_id)
            finally:
                self.seen.release(message_id)
        except Exception:
            log.exception("Failed to handle a Zalo update")
        finally:
            self.processed_updates += 1

    async def _process(self, update: dict[str, Any], message: dict[str, Any], chat: dict[str, Any],
                       sender: dict[str, Any], chat_id: str) -> None:
        user_id = str(sender.get("id") or chat_id)
        verdict = Verdict.IGNORE
        try:
            verdict = self.settings.access.decide(user_id, chat.get("chat_type"))
        finally:
            if verdict is not Verdict.ALLOW:
                log.info("%s Zalo message from a user not allowed", verdict.value.capitalize())
                if verdict is Verdict.REFUSE:
                    await self._refuse(chat_id, user_id)
        if verdict is not Verdict.ALLOW:
            return
        is_admin = user_id in self.settings.access.admins
        name = str(sender.get("display_name") or sender.get("first_name") or sender.get("name") or "")
        kind = _event_name(update, message)
        if kind != TEXT_EVENT:
            line = texts.ADMIN_INGEST if is_admin and kind not in OTHER_EVENTS else OTHER_EVENTS.get(kind, texts.UNSUPPORTED)
            log.info("Unsupported Zalo content (%s)", kind)
            await self._deliver(chat_id, [Outgoing(line)], keep_choices=True)
            return
        text = str(message.get("text") or "")
        data = self.memory.resolve(chat_id, text)
        event = (Incoming.press(CHANNEL, user_id, data, user_name=name, is_admin=is_admin) if data is not None
                 else Incoming.message(CHANNEL, user_id, text, user_name=name, is_admin=is_admin))
        await self.client.send_chat_action(chat_id)
        replies = await asyncio.to_thread(self.core.handle, event)  # stores the answer before we reply
        self.seen.done(str(message.get("message_id")))  # stored: a redelivery must not store it twice
        await self._deliver(chat_id, replies)

    async def _refuse(self, chat_id: str, user_id: str) -> None:
        now = asyncio.get_running_loop().time()
        if now - self._refused_at.get(user_id, -REFUSAL_EVERY_S) < REFUSAL_EVERY_S:
            return
        if len(self._refused_at) > 10_000:
            self._refused_at.clear()
        self._refused_at[user_id] = now
        try:
            await self.client.send_message(chat_id, texts.ACCESS_DENIED.format(user_id=user_id))
        except ZaloApiError as exc:
            log.warning("Could not send a refusal: %s", exc)

    # ---- replies -------------------------------------------------------------------------
    async def _deliver(self, chat_id: str, replies: list[Outgoing], keep_choices: bool = False) -> None:
        """Render and send the replies in order; remember their choices; queue what cannot be sent."""
        calls: list[tuple[str, ...]] = []
        offered: list[Choice] = []
        for out in replies:
            choices = choices_of(out)
            if choices:
                offered = choices
            calls += await self._render(out, choices)
        if offered or not keep_choices:
            self.memory.offer(chat_id, offered)
        await self._send_calls(chat_id, calls)

    async def _render(self, out: Outgoing, choices: list[Choice]) -> list[tuple[str, ...]]:
        text = out.text or ""
        calls: list[tuple[str, ...]] = []
        document = out.document
        if document is not None:
            if not text:
                text = document.caption
            photo, extra = await self._document_lines(document, out.image)
            if photo:
                calls.append(("photo", photo, texts.PREVIEW_CAPTION.format(name=document.filename)))
            text = "\n\n".join(p for p in (text.rstrip(), extra) if p)
        for piece in split_message(render(text, choices)):
            calls.append(("text", piece))
        return calls

    async def _document_lines(self, document: Any, image: Any) -> tuple[str | None, str]:
        """(photo URL or None, the lines saying where the .docx is)."""
        path = Path(document.path)
        try:
            shown = path.resolve().relative_to(self.documents_dir.resolve()).as_posix()
        except ValueError:  # not under the documents folder: it can be kept but not served
            shown = None
        if self.links is None or shown is None:
            return None, texts.DOCUMENT_KEPT.format(name=document.filename, path=shown or path.name)
        from vntext.formatting import format_datetime

        link = self.links.issue(path, document.filename)
        lines = texts.DOCUMENT_LINK.format(name=document.filename, url=link.url, expires=format_datetime(link.expires))
        image_path = Path(image) if image else None
        if image_path is None and self.settings.preview:
            image_path = await asyncio.to_thread(_preview, path)
        photo = None
        if image_path is not None and image_path.is_file():
            try:
                photo = self.links.issue(image_path, image_path.name).url
            except ValueError:  # outside the documents folder: cannot be served
                photo = None
        return photo, lines

    async def _send_calls(self, chat_id: str, calls: list[tuple[str, ...]]) -> None:
        """Send in order; on a final failure queue the rest (order kept) for :meth:`retry_unsent`."""
        if any(chat == chat_id for chat, _ in self.unsent):  # earlier replies still waiting: they go first
            self.unsent.extend((chat_id, c) for c in calls)
            await self.retry_unsent()
            return
        for i, call in enumerate(calls):
            try:
                await self._send(chat_id, call)
            except ZaloApiError as exc:
                log.warning("%s; %d message(s) queued for later", exc, len(calls) - i)
                self.unsent.extend((chat_id, c) for c in calls[i:])
                return

    async def _send(self, chat_id: str, call: tuple[str, ...]) -> None:
        if call[0] == "photo":
            try:
                await self.client.send_photo(chat_id, call[1], call[2])
            except ZaloApiError as exc:  # the picture is a bonus; its link is in the text
                if exc.retryable:
                    raise
                log.warning("%s", exc)
                await self.client.send_message(chat_id, texts.PREVIEW_LINK.format(url=call[1]))
        else:
            await self.client.send_message(chat_id, call[1])

    async def retry_unsent(self) -> int:
        """Try the queued messages again, oldest first; returns how many went out."""
        sent = 0
        while self.unsent:
            chat_id, call = self.unsent[0]
            try:
                await self._send(chat_id, call)
            except ZaloApiError as exc:
                log.info("Queued message still not delivered: %s", exc)
                return sent
            self.unsent.popleft()
            sent += 1
        return sent

    async def send_due_reminders(self) -> int:
        try:
            due = await asyncio.to_thread(self.core.due_reminders, CHANNEL)
        except Exception:
            log.exception("Could not read due reminders")
            return 0
        for user_id, out in due:
            await self._deliver(user_id, [out])  # 1:1 chats: the chat id is the user id
        return len(due)


def _preview(path: Path) -> Path | None:
    try:
        from forms.render.preview import preview_png
    except ImportError:
        return None
    return preview_png(path)
