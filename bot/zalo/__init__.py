"""The Zalo adapter (Zalo Bot Platform, bots made with "Zalo Bot Creator").

Why a small client on httpx rather than the ``python-zalo-bot`` package: the platform's surface the
bot needs is six JSON-over-POST methods (getUpdates, setWebhook, deleteWebhook, sendMessage, sendPhoto,
sendChatAction) that fit in one short module (:mod:`bot.zalo.client`); ``python-zalo-bot`` is a fork of
python-telegram-bot (its own ``Application``, handlers, filters, updater) that would bring a second
copy of the framework the Telegram side already uses, its own release cadence and pins, and an
abstraction the adapter does not want (the conversation core does the routing). httpx is already
installed (python-telegram-bot depends on it), so the client adds no dependency, and owning the
transport lets us guarantee what the package does not promise: the token never appears in a log line or
an exception, ``getUpdates`` returning ONE update (not a list) is handled explicitly, and sends are
retried with backoff on 429/5xx/network errors.

Modules: ``client`` (HTTP API), ``settings`` (environment, access), ``choices`` (numbered choices),
``split`` (2000-character messages), ``links`` (signed download links), ``seen`` (dedupe),
``server`` (webhook + downloads), ``adapter`` (events ↔ core), ``runner`` (polling/webhook, loops).
"""

from bot.zalo.adapter import ZaloFrontend
from bot.zalo.runner import ZaloRunner, load_zalo_settings, run_zalo, start_in_thread
from bot.zalo.settings import ZaloSettings

__all__ = ["ZaloFrontend", "ZaloRunner", "ZaloSettings", "load_zalo_settings", "run_zalo", "start_in_thread"]
