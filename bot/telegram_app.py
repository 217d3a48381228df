"""Telegram adapter: a python-telegram-bot 22 ``Application`` around the conversation core.

It turns updates into :class:`~bot.conversation.messages.Incoming` events, runs the (blocking) core in a
worker thread so the event loop stays free (:mod:`bot.telegram_updates`: different users concurrently,
one user's updates in order, admin uploads in their own pool), and sends the :class:`~bot.conversation.messages.Outgoing`
replies: text split
under Telegram's 4096-character limit (plain text, no parse mode, so nothing needs escaping), inline
keyboards (the conversation's choices; callback data = ``actions.encode(action)``), documents with
``send_document``, a "typing" action while working. Access control
(``bot.access``: closed by default, fails closed) runs before any handler; admins (``BAOCAO_ADMINS``) may upload dispatches.

Configuration (environment): ``TELEGRAM_BOT_TOKEN``; ``TELEGRAM_API_BASE_URL`` for a self-hosted Bot
API server; ``BAOCAO_WEBHOOK_URL`` (+ ``BAOCAO_WEBHOOK_PORT``, ``BAOCAO_WEBHOOK_LISTEN``) to use a
webhook instead of long polling (needs ``python-telegram-bot[webhooks]``);
``BAOCAO_CONCURRENT_UPDATES`` (default 256; 1 handles updates strictly one at a time, as before) and
``BAOCAO_CHAT_WORKERS`` (threads for the core; default from the CPU count).
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any, Protocol

from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatAction
from telegram.error import Forbidden, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest

from bot import texts
from bot.access import PRIVATE_CHAT_TYPES, RateLimiter, RefusalThrottle
from bot.conversation.actions import encode
from bot.conversation.messages import Incoming, IncomingFile, Outgoing
from bot.telegram_access import TelegramAccess
from bot.telegram_settings import TelegramSettings, load_settings
from bot.telegram_updates import CoreWorkers, PerUserUpdateProcessor, turn_of
from bot.uploads import extension_ok

log = logging.getLogger(__name__)

CHANNEL = "telegram"
TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024  # the public Bot API's getFile limit
LABEL_LIMIT = 60  # characters of a button alone on its row
ROW_LABEL_LIMIT = 30  # characters of a button sharing its row
LAST_TEXT_USERS = 10_000  # users whose latest text message is remembered (for edits), oldest forgotten first


class ConversationCore(Protocol):
    """What the adapter needs from the core."""

    def handle(self, event: Incoming) -> list[Outgoing]: ...

    def due_reminders(self, channel: str) -> list[tuple[str, Outgoing]]: ...


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Split ``text`` into pieces of at most ``limit`` characters, preferring line then word breaks."""
    text = text.strip()
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        if cut < limit // 2:
            cut = text.rfind(" ", 0, limit)
        if cut < limit // 2:
            cut = limit
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        pieces.append(text)
    return pieces


def short_label(label: str, limit: int = LABEL_LIMIT) -> str:
    """``label`` cut to ``limit`` characters at a word boundary, with "…" (never mid-word)."""
    label = " ".join(label.split())
    if len(label) <= limit:
        return label
    cut = label[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:—-")
    return (cut or label[: limit - 1]) + "…"


def keyboard(out: Outgoing) -> InlineKeyboardMarkup | None:
    """The message's choices as an inline keyboard (callback data: the encoded action, ≤ 64 bytes)."""
    if not out.choices:
        return None
    rows = [[InlineKeyboardButton(short_label(c.label, LABEL_LIMIT if len(row) == 1 else ROW_LABEL_LIMIT),
                                  callback_data=encode(c.action)) for c in row]
            for row in out.choices]
    return InlineKeyboardMarkup(rows)


class TelegramFrontend(TelegramAccess):
    """Owns the PTB ``Application`` and the glue between Telegram updates and the core."""

    def __init__(
        self,
        core: ConversationCore,
        settings: TelegramSettings,
        request: BaseRequest | None = None,
        get_updates_request: BaseRequest | None = None,
    ) -> None:
        self.core = core
        self.settings = settings
        self.processed_updates = 0  # every update fully handled (tests wait on it)
        self._access = settings.access
        self._refusals = RefusalThrottle()
        self._rate = RateLimiter(settings.rate_burst, settings.rate_per_minute)
        self._reminder_task: asyncio.Task[None] | None = None
        self._last_text: dict[int, tuple[int, int, str]] = {}  # user → their latest text message (edits)
        self.workers = CoreWorkers(settings.chat_workers or None)
        builder = ApplicationBuilder().token(settings.token or "0:missing")
        if settings.api_base_url:
            builder = builder.base_url(f"{settings.api_base_url}/bot").base_file_url(f"{settings.api_base_url}/file/bot")
        if request is not None:
            builder = builder.request(request)
        if get_updates_request is not None:
            builder = builder.get_updates_request(get_updates_request)
        from bot.update_turns import processor_for  # several workers on PostgreSQL: one user's turn in the database

        turns = processor_for(core, settings.concurrent_updates)
        if turns is not None:
            builder = builder.concurrent_updates(turns)
        elif settings.concurrent_updates > 1:
            builder = builder.concurrent_updates(PerUserUpdateProcessor(settings.concurrent_updates))
        builder = builder.post_init(self.on_startup).post_stop(self.on_stop)
        self.application: Application = builder.build()
        self._wire(self.application)

    # ---- wiring --------------------------------------------------------------------------
    def _wire(self, app: Application) -> None:
        """Explicit handler table: access check first (group -1), then one handler per kind of update."""
        app.add_handler(TypeHandler(Update, self.check_access), group=-1)
        app.add_handler(CallbackQueryHandler(self.on_button))
        app.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT, self.on_text))
        app.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.Document.ALL, self.on_document))
        app.add_handler(MessageHandler(filters.UpdateType.MESSAGE & ~filters.StatusUpdate.ALL, self.on_other))
        app.add_handler(MessageHandler(filters.UpdateType.EDITED_MESSAGE, self.on_edited))
        app.add_error_handler(self.on_error)

    async def on_startup(self, app: Application) -> None:
        """Set the Vietnamese command menu and start the reminder loop."""
        try:
            await app.bot.set_my_commands([BotCommand(name, desc) for name, desc in texts.COMMAND_MENU])
        except TelegramError as exc:
            log.warning("Could not set the command menu: %s", exc)
        if self.settings.reminder_interval_s > 0:
            self._reminder_task = asyncio.create_task(self._reminder_loop())

    async def on_stop(self, app: Application) -> None:
        if self._reminder_task is not None:
            self._reminder_task.cancel()
            try:
                await self._reminder_task
            except (asyncio.CancelledError, Exception):
                pass
            self._reminder_task = None
        self.workers.shutdown()

    # ---- running -------------------------------------------------------------------------
    async def start(self, poll_timeout: float = 10.0) -> None:
        """Start the Application with long polling inside an already running event loop (tests, embedding)."""
        await self.application.initialize()
        await self.on_startup(self.application)
        assert self.application.updater is not None
        await self.application.updater.start_polling(timeout=poll_timeout, poll_interval=0.0)
        await self.application.start()

    async def stop(self) -> None:
        """Stop polling and the Application, as a process shutdown would."""
        if self.application.updater is not None and self.application.updater.running:
            await self.application.updater.stop()
        if self.application.running:
            await self.application.stop()
        await self.on_stop(self.application)
        await self.application.shutdown()

    def run(self) -> None:
        """Blocking entry point: webhook when configured, otherwise long polling."""
        s = self.settings
        if s.webhook_url:
            try:
                import tornado  # noqa: F401  (PTB's webhook server)
            except ImportError:
                raise SystemExit("Webhook mode needs the webhooks extra: pip install 'baocao[webhooks]'") from None
            log.info("Starting the Telegram bot with a webhook at %s (port %s)", s.webhook_url, s.webhook_port)
            self.application.run_webhook(listen=s.webhook_listen, port=s.webhook_port, webhook_url=s.webhook_url,
                                         allowed_updates=Update.ALL_TYPES)
        else:
            log.info("Starting the Telegram bot with long polling")
            self.application.run_polling(allowed_updates=Update.ALL_TYPES)

    # ---- handlers ------------------------------------------------------------------------
    def _event_base(self, update: Update) -> dict[str, Any]:
        user = update.effective_user
        assert user is not None
        name = " ".join(p for p in (user.first_name, user.last_name) if p)
        return {"channel": CHANNEL, "user_id": str(user.id), "user_name": name, "is_admin": user.id in self.settings.admins}

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None
        event = Incoming(text=message.text or "", kind="text", **self._event_base(update))
        self._remember_text(update, message.text or "")
        await self._dispatch(update, context, event)

    def _remember_text(self, update: Update, text: str) -> None:
        """The user's latest text message (chat, message id, text): an edit of it may be applied."""
        user, message = update.effective_user, update.effective_message
        if user is None or message is None:
            return
        self._last_text.pop(user.id, None)
        self._last_text[user.id] = (message.chat_id, message.message_id, text)
        while len(self._last_text) > LAST_TEXT_USERS:
            self._last_text.pop(next(iter(self._last_text)))

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        try:
            await query.answer()  # stop the client's spinner whatever happens next
        except TelegramError as exc:
            log.info("Could not answer a callback query: %s", exc)
        event = Incoming(button=query.data or "", kind="button", **self._event_base(update))
        await self._dispatch(update, context, event)

    async def on_document(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None and message.document is not None
        doc = message.document
        base = self._event_base(update)
        data = b""
        if base["is_admin"] and (doc.file_size or 0) <= MAX_DOWNLOAD_BYTES and extension_ok(doc.file_name or ""):
            tg_file = await doc.get_file()  # checked before the work: admins only, a size and a type we read
            data = bytes(await tg_file.download_as_bytearray())
        file = IncomingFile(name=doc.file_name or "tep", data=data, mime=doc.mime_type)
        if base["is_admin"] and (doc.file_size or 0) > MAX_DOWNLOAD_BYTES:
            file = IncomingFile(name=doc.file_name or "tep", data=b"", mime=f"too-big:{doc.file_size}")
        await self._dispatch(update, context, Incoming(file=file, kind="file", **base))

    async def on_other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        what = "sticker" if message is not None and message.sticker else "photo" if message is not None and message.photo else "other"
        if update.effective_user is None:
            self.processed_updates += 1
            return
        await self._dispatch(update, context, Incoming(kind="other", text=what, **self._event_base(update)))

    async def on_edited(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """An edited message goes to the core (``bot.conversation.edits``) with its first text when it is the
        user's latest text message (that edit may be applied), without it otherwise (a short note)."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None:
            self.processed_updates += 1
            return
        last = self._last_text.get(user.id)
        original = last[2] if last is not None and last[:2] == (message.chat_id, message.message_id) else None
        if original is not None:
            self._remember_text(update, message.text or "")
        event = Incoming(text=message.text or message.caption or "", kind="edit", edited=original,
                         **self._event_base(update))
        await self._dispatch(update, context, event)

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("Error while handling a Telegram update: %s", context.error, exc_info=context.error)

    # ---- core call and replies -----------------------------------------------------------
    async def _dispatch(self, update: Update, context: ContextTypes.DEFAULT_TYPE, event: Incoming) -> None:
        chat = update.effective_chat
        try:
            if chat is None:
                return
            typing = asyncio.create_task(self._typing(context, chat.id))  # while the core works, not before
            try:
                replies = await self.workers.run(self.core.handle, event, ingest=event.kind == "file" and event.is_admin)
            except Exception:
                log.exception("The core failed on an event from user %s", event.user_id)
                replies = [Outgoing(texts.INTERNAL_ERROR)]
            await typing
            if chat.type in PRIVATE_CHAT_TYPES or update.effective_user is None:
                for out in replies:
                    await self.send(chat.id, out)
            else:
                await self._send_from_group(chat.id, update.effective_user.id, replies)
        finally:
            self.processed_updates += 1

    async def _send_from_group(self, group_id: int, user_id: int, replies: list[Outgoing]) -> None:
        """In a group: dispatch answers (``Outgoing.public``) in the group, everything else (drafts, form
        steps, answers) to the user privately. If the user never opened a private chat with the bot
        (403), the group is told briefly to open one; nothing of the private replies is shown there."""
        for out in replies:
            if out.public:
                await self.send(group_id, out)
                continue
            try:
                await self.send(user_id, out)
            except Forbidden as exc:
                log.info("Could not reply privately to user %s from group %s: %s", user_id, group_id, exc)
                await self.application.bot.send_message(group_id, texts.OPEN_PRIVATE_CHAT)
                return

    @staticmethod
    async def _typing(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> None:
        try:
            await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
        except TelegramError as exc:
            log.info("Could not send the typing action: %s", exc)

    async def send(self, chat_id: int, out: Outgoing) -> None:
        """Send one core message: text pieces (keyboard on the last), then the document and the image if any."""
        bot = self.application.bot
        markup = keyboard(out)
        pieces = split_text(out.text) if out.text else []
        if out.document is not None and out.text == out.document.caption:
            # The core repeats its text as the caption (the terminal prints text only): send it once.
            pieces = [] if len(out.text) <= CAPTION_LIMIT else pieces
        for i, piece in enumerate(pieces):
            last = i == len(pieces) - 1
            await bot.send_message(chat_id, piece, reply_markup=markup if last and not out.document else None)
        if out.document is not None:
            caption = out.document.caption
            extra = None
            if len(caption) > CAPTION_LIMIT:
                caption, extra = "", (None if pieces else caption)
            with open(out.document.path, "rb") as fh:
                await bot.send_document(chat_id, document=fh, filename=out.document.filename, caption=caption or None,
                                        reply_markup=markup)
            if extra:
                for piece in split_text(extra):
                    await bot.send_message(chat_id, piece)
        elif markup is not None and not pieces:
            await bot.send_message(chat_id, "…", reply_markup=markup)
        if out.image is not None and Path(out.image).is_file():  # a preview (page 1 of a .docx)
            with open(out.image, "rb") as fh:
                await bot.send_photo(chat_id, photo=fh)

    async def _reminder_loop(self) -> None:
        """Every ``reminder_interval_s``: ask the core for due reminders (kept in the database) and send them."""
        while True:
            await asyncio.sleep(self.settings.reminder_interval_s)
            await self.send_due_reminders()

    async def send_due_reminders(self) -> int:
        """Send the reminders that are due now (the core never raises here); return how many were sent.
        Each waits for its user's reply in progress, if any, without holding back the others'."""
        due = await self.workers.run(self.core.due_reminders, CHANNEL)
        return sum(await asyncio.gather(*(self._remind(user_id, out) for user_id, out in due)))

    async def _remind(self, user_id: str, out: Outgoing) -> bool:
        try:
            async with turn_of(self.application.update_processor, int(user_id)):
                await self.send(int(user_id), out)
            return True
        except (TelegramError, ValueError) as exc:
            log.warning("Could not send a reminder to %s: %s", user_id, exc)
            return False


def run_telegram(core: ConversationCore, settings: TelegramSettings | None = None) -> None:
    """Start the Telegram bot (blocking) with settings from the environment."""
    settings = settings or load_settings()
    if not settings.token:
        raise SystemExit("TELEGRAM_BOT_TOKEN is not set")
    TelegramFrontend(core, settings).run()
