"""The Telegram adapter's gate (group -1, before any handler): access, groups, other bots' commands, rate.

A mixin of :class:`bot.telegram_app.TelegramFrontend`; it uses the frontend's ``_access``
(:class:`bot.access.AccessPolicy`), ``_refusals`` (:class:`bot.access.RefusalThrottle`), ``_rate``
(:class:`bot.access.RateLimiter`) and ``processed_updates`` counter.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from telegram import Update
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot import texts
from bot.access import Sender, Verdict

if TYPE_CHECKING:
    from bot.access import AccessPolicy, RateLimiter, RefusalThrottle

log = logging.getLogger("bot.telegram_app")


class TelegramAccess:
    _access: "AccessPolicy"
    _refusals: "RefusalThrottle"
    _rate: "RateLimiter"
    processed_updates: int

    async def check_access(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Group -1, before any handler: let allowed users through, stop everything else.

        Fails closed: whatever happens while refusing (Telegram answering 403, 429, 400, a network
        error, a bug), the update is stopped here and no other handler sees it.
        """
        message = update.effective_message
        user, chat = update.effective_user, update.effective_chat
        sender = Sender(
            user_id=user.id if user else None,
            username=user.username if user else None,
            chat_id=chat.id if chat else None,
            chat_type=chat.type if chat else "private",
            text=(message.text or message.caption) if message else None,
        )
        verdict = Verdict.IGNORE
        try:
            verdict = self._access.decide(sender, context.bot.username if context.bot else None)
            if verdict is Verdict.ALLOW and self._rate.allow(sender.user_id):
                return
            if verdict is Verdict.ALLOW:  # over the rate limit: not processed, the user is told once a minute
                verdict = Verdict.IGNORE
                if chat is not None and self._rate.notices.should_tell(sender.user_id):
                    await context.bot.send_message(chat.id, texts.RATE_LIMITED)
                return
            log.info("%s Telegram update from user %s in chat %s (%s)", verdict.value.capitalize(), sender.user_id,
                     sender.chat_id, sender.chat_type)
            if verdict is Verdict.REFUSE:
                await self._refuse(update, context)
        except Exception as exc:  # any failure while refusing is still a refusal
            log.warning("Could not send a refusal to user %s: %s", sender.user_id, exc)
        finally:
            if verdict is not Verdict.ALLOW:
                self.processed_updates += 1
                raise ApplicationHandlerStop  # noqa: B012 — stopping is the point, whatever happened above

    async def _refuse(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Tell a stranger, at most once per 10 minutes (``RefusalThrottle``), that they are not allowed."""
        if not self._refusals.should_tell(update.effective_user.id if update.effective_user else 0):
            return
        if update.callback_query:
            await update.callback_query.answer()
        if update.effective_chat:
            await context.bot.send_message(update.effective_chat.id, texts.ACCESS_DENIED)
