"""The Telegram adapter's settings, read from the environment in one place (see :mod:`bot.telegram_app`)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from bot.access import AccessConfigError, AccessPolicy, parse_rate
from bot.telegram_updates import MAX_CONCURRENT_UPDATES

REMINDER_INTERVAL_S = 5.0  # due reminders and background-ingest progress (bot/ingest_jobs.py) are polled this often


@dataclass(frozen=True)
class TelegramSettings:
    """Everything the adapter reads from the environment, in one place."""

    token: str
    api_base_url: str | None = None
    webhook_url: str | None = None
    webhook_port: int = 8443
    webhook_listen: str = "0.0.0.0"
    allowed_users: frozenset[int] = field(default_factory=frozenset)
    admins: frozenset[int] = field(default_factory=frozenset)
    reminder_interval_s: float = REMINDER_INTERVAL_S
    allowed_usernames: frozenset[str] = field(default_factory=frozenset)  # lower-case, no "@"
    allowed_groups: frozenset[int] = field(default_factory=frozenset)
    open_access: bool = False  # BAOCAO_OPEN=1; otherwise an empty allowlist admits admins only
    rate_burst: int = 30  # BAOCAO_RATE_BURST: messages a user may send at once ...
    rate_per_minute: float = 60.0  # BAOCAO_RATE_PER_MINUTE: ... then per minute (bot.access.RateLimiter)
    concurrent_updates: int = MAX_CONCURRENT_UPDATES  # BAOCAO_CONCURRENT_UPDATES; ≤ 1: one update at a time
    chat_workers: int = 0  # BAOCAO_CHAT_WORKERS: threads running the core for chat (0: from the CPU count)

    @property
    def access(self) -> AccessPolicy:
        return AccessPolicy(user_ids=self.allowed_users, usernames=self.allowed_usernames, admins=self.admins,
                            groups=self.allowed_groups, open=self.open_access)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> "TelegramSettings":
        """Raises :class:`~bot.access.AccessConfigError` for an allowlist value it cannot parse."""
        env = dict(os.environ if env is None else env)
        access = AccessPolicy.from_env(env)
        burst, per_minute = parse_rate(env)
        return cls(
            token=env.get("TELEGRAM_BOT_TOKEN", "").strip(),
            api_base_url=(env.get("TELEGRAM_API_BASE_URL") or "").rstrip("/") or None,
            webhook_url=env.get("BAOCAO_WEBHOOK_URL") or None,
            webhook_port=int(env.get("BAOCAO_WEBHOOK_PORT") or 8443),
            webhook_listen=env.get("BAOCAO_WEBHOOK_LISTEN") or "0.0.0.0",
            allowed_users=access.user_ids,
            admins=access.admins,
            allowed_usernames=access.usernames,
            allowed_groups=access.groups,
            open_access=access.open,
            rate_burst=burst,
            rate_per_minute=per_minute,
            concurrent_updates=int(env.get("BAOCAO_CONCURRENT_UPDATES") or MAX_CONCURRENT_UPDATES),
            chat_workers=int(env.get("BAOCAO_CHAT_WORKERS") or 0),
        )



def load_settings(env: dict[str, str] | None = None) -> TelegramSettings:
    """Settings from the environment; a bad allowlist value stops start-up with a clear message."""
    try:
        return TelegramSettings.from_env(env)
    except AccessConfigError as exc:
        raise SystemExit(f"Access configuration error: {exc}") from None
