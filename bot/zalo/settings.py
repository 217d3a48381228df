"""Zalo configuration from the environment, and who may talk to the Zalo bot.

- ``ZALO_BOT_TOKEN`` (from Zalo Bot Creator); ``ZALO_API_BASE_URL`` overrides
  ``https://bot-api.zaloplatforms.com`` (tests, proxies).
- Webhook mode: ``ZALO_WEBHOOK_URL`` (public HTTPS address of ``/zalo/webhook``) and
  ``ZALO_WEBHOOK_SECRET`` (8–256 characters; Zalo sends it in ``X-Bot-Api-Secret-Token``). Without a
  webhook URL the bot long-polls ``getUpdates``.
- ``BAOCAO_PUBLIC_URL``: the public address of this server (download links); ``ZALO_LISTEN`` /
  ``ZALO_PORT`` (default 0.0.0.0:8090): where the small HTTP server listens (webhook and downloads).
- Access, closed by default like Telegram's (``bot.access``): Zalo user ids are opaque strings
  (``e4ea2cd5189df1c3a88c``), not Telegram's numbers, so they have their own lists:
  ``ZALO_ALLOWED_USERS`` and ``ZALO_ADMINS``; ``BAOCAO_OPEN=1`` opens the bot to everyone.
  Zalo bots talk in 1:1 chats only; anything from a group is ignored.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlparse

from bot.access import AccessConfigError, Verdict, parse_flag

_ZALO_ID = re.compile(r"[0-9A-Za-z_-]{1,64}")
PRIVATE = "PRIVATE"
DEFAULT_PORT = 8090


def parse_zalo_ids(name: str, value: str | None) -> frozenset[str]:
    ids: set[str] = set()
    for item in [p for p in re.split(r"[,\s;]+", value or "") if p]:
        if not _ZALO_ID.fullmatch(item):
            raise AccessConfigError(f"{name}: {item!r} is not a Zalo user id (letters and digits, e.g. e4ea2cd5189df1c3a88c).")
        ids.add(item)
    return frozenset(ids)


@dataclass(frozen=True)
class ZaloAccess:
    users: frozenset[str] = field(default_factory=frozenset)
    admins: frozenset[str] = field(default_factory=frozenset)
    open: bool = False

    def decide(self, user_id: str | None, chat_type: str | None) -> Verdict:
        if not user_id:
            return Verdict.IGNORE
        if (chat_type or PRIVATE).upper() != PRIVATE:
            return Verdict.IGNORE
        if user_id in self.admins or self.open or user_id in self.users:
            return Verdict.ALLOW
        return Verdict.REFUSE


@dataclass(frozen=True)
class ZaloSettings:
    token: str
    api_base_url: str | None = None
    webhook_url: str | None = None
    webhook_secret: str = ""
    public_url: str | None = None
    listen: str = "0.0.0.0"
    port: int = DEFAULT_PORT
    access: ZaloAccess = field(default_factory=ZaloAccess)
    poll_timeout_s: int = 30
    reminder_interval_s: float = 5.0  # reminders and background-ingest progress notices
    link_ttl_s: int = 24 * 3600
    preview: bool = True  # make a page-1 PNG when the conversation did not attach one

    def __repr__(self) -> str:  # never the token or the secret
        return (f"ZaloSettings(api_base_url={self.api_base_url!r}, webhook_url={self.webhook_url!r}, "
                f"public_url={self.public_url!r}, listen={self.listen!r}, port={self.port})")

    @property
    def webhook_path(self) -> str:
        path = urlparse(self.webhook_url).path if self.webhook_url else ""
        return path if path not in ("", "/") else "/zalo/webhook"

    @property
    def needs_server(self) -> bool:
        return bool(self.webhook_url or self.public_url)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "ZaloSettings":
        """Raises :class:`AccessConfigError` (a ValueError) for a value it cannot use."""
        env = os.environ if env is None else env
        webhook = (env.get("ZALO_WEBHOOK_URL") or "").strip() or None
        secret = env.get("ZALO_WEBHOOK_SECRET") or ""
        if webhook and not 8 <= len(secret) <= 256:
            raise AccessConfigError("ZALO_WEBHOOK_SECRET must have 8 to 256 characters when ZALO_WEBHOOK_URL is set.")
        public = (env.get("BAOCAO_PUBLIC_URL") or "").strip().rstrip("/") or None
        if public and urlparse(public).scheme not in ("http", "https"):
            raise AccessConfigError(f"BAOCAO_PUBLIC_URL: {public!r} is not an http(s) address.")
        port = (env.get("ZALO_PORT") or "").strip()
        if port and not port.isdigit():
            raise AccessConfigError(f"ZALO_PORT: {port!r} is not a port number.")
        return cls(
            token=(env.get("ZALO_BOT_TOKEN") or "").strip(),
            api_base_url=(env.get("ZALO_API_BASE_URL") or "").strip().rstrip("/") or None,
            webhook_url=webhook,
            webhook_secret=secret,
            public_url=public,
            listen=(env.get("ZALO_LISTEN") or "0.0.0.0").strip(),
            port=int(port) if port else DEFAULT_PORT,
            access=ZaloAccess(users=parse_zalo_ids("ZALO_ALLOWED_USERS", env.get("ZALO_ALLOWED_USERS")),
                              admins=parse_zalo_ids("ZALO_ADMINS", env.get("ZALO_ADMINS")),
                              open=parse_flag("BAOCAO_OPEN", env.get("BAOCAO_OPEN"))),
        )
