"""Secrets never reach a log: every handler's output has the bot tokens replaced by ``[REDACTED]``.

The tokens (``TELEGRAM_BOT_TOKEN``, ``ZALO_BOT_TOKEN``) appear in the Bot API URLs that the HTTP
client (httpx/httpcore) logs at INFO and DEBUG, and in the text of some network errors and their
tracebacks. :func:`install` wraps the formatter of every handler configured so far (the root
logger's and any library's own), so the message, its arguments, exception text and stack are all
cleaned after formatting, whatever logger the record came from. Call it once, after the logging
set-up (``bot/commands.py`` does).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from urllib.parse import quote

SECRET_ENV = ("TELEGRAM_BOT_TOKEN", "ZALO_BOT_TOKEN")
MASK = "[REDACTED]"
MIN_SECRET = 6  # shorter strings would mask ordinary text


def secret_forms(token: str) -> list[str]:
    """The ways a token shows up in logs: as is, URL-encoded, and its secret part after the bot id."""
    token = token.strip()
    if len(token) < MIN_SECRET:
        return []
    forms = {token, quote(token, safe=""), quote(token, safe="/:")}
    _bot_id, colon, secret = token.partition(":")
    if colon and len(secret) >= MIN_SECRET:
        forms.add(secret)
    return sorted(forms, key=len, reverse=True)  # longest first, so a part never leaves the rest visible


def secrets_from_env(env: dict[str, str] | None = None) -> list[str]:
    env = dict(os.environ if env is None else env)
    found: list[str] = []
    for name in SECRET_ENV:
        found += secret_forms(env.get(name, ""))
    return sorted(set(found), key=len, reverse=True)


def redact(text: str, secrets: Iterable[str]) -> str:
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, MASK)
    return text


class RedactingFormatter(logging.Formatter):
    """Formats with the handler's own formatter, then masks the secrets in the whole output."""

    def __init__(self, inner: logging.Formatter | None, secrets: Iterable[str]) -> None:
        super().__init__()
        self.inner = inner or logging.Formatter()
        self.secrets = list(secrets)

    def format(self, record: logging.LogRecord) -> str:
        return redact(self.inner.format(record), self.secrets)


def _all_handlers() -> list[logging.Handler]:
    loggers = [logging.getLogger()] + [
        obj for obj in logging.Logger.manager.loggerDict.values() if isinstance(obj, logging.Logger)
    ]
    return [h for lg in loggers for h in lg.handlers]


def install(secrets: Iterable[str] | None = None) -> int:
    """Mask ``secrets`` (default: the tokens in the environment) on every handler; returns how many."""
    values = sorted(set(secrets if secrets is not None else secrets_from_env()), key=len, reverse=True)
    count = 0
    for handler in _all_handlers():
        current = handler.formatter
        if isinstance(current, RedactingFormatter):
            current.secrets = sorted(set(current.secrets) | set(values), key=len, reverse=True)
        else:
            handler.setFormatter(RedactingFormatter(current, values))
        count += 1
    return count
