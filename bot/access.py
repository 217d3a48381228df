"""Who may talk to the bot: the allowlist, closed by default.

Configuration (environment), parsed once at start-up by :meth:`AccessPolicy.from_env`:

- ``BAOCAO_ALLOWED_USERS``: comma- or space-separated numeric user ids and/or ``@username`` s
  (case-insensitive). A value that is neither stops start-up with a clear message.
- ``BAOCAO_ADMINS``: numeric user ids only (a username can be given up and taken by someone else, so it
  never grants the right to add documents). Admins are always allowed.
- ``BAOCAO_ALLOWED_GROUPS``: numeric ids of group chats the bot answers in (group ids are negative).
  Without it the bot answers in private chats only; in an allowed group each user must still be allowed
  (a stranger is refused there as in a private chat), and the adapter sends the user's drafts, answers and
  form steps privately.
- ``BAOCAO_OPEN=1``: everyone may use the bot. Without it an empty allowlist means nobody but admins.

Channel-neutral: the Telegram adapter (and any other adapter) asks :meth:`AccessPolicy.decide`.
"""

from __future__ import annotations

import enum
import os
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

_USERNAME = re.compile(r"@([A-Za-z][A-Za-z0-9_]{3,31})")
_ID = re.compile(r"-?\d{1,20}")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}
PRIVATE_CHAT_TYPES = frozenset({"private"})
REFUSAL_EVERY_S = 600.0  # a stranger who keeps writing is told once per 10 minutes


class AccessConfigError(ValueError):
    """A configuration value the allowlist cannot parse; the bot must not start."""


class Verdict(enum.Enum):
    ALLOW = "allow"
    REFUSE = "refuse"  # tell the user they are not allowed (private chats)
    IGNORE = "ignore"  # say nothing (groups, other bots' commands, updates without a user)


def _items(value: str | None) -> list[str]:
    return [p for p in re.split(r"[,\s;]+", value or "") if p]


def parse_ids(name: str, value: str | None) -> frozenset[int]:
    """Numeric ids from ``value``; anything else raises :class:`AccessConfigError` naming ``name``."""
    ids: set[int] = set()
    for item in _items(value):
        if not _ID.fullmatch(item):
            raise AccessConfigError(f"{name}: {item!r} is not a numeric id (expected e.g. 123456789).")
        ids.add(int(item))
    return frozenset(ids)


def parse_allowlist(name: str, value: str | None) -> tuple[frozenset[int], frozenset[str]]:
    """``(ids, usernames)`` from "123, @Nguyen_Van_An"; usernames lower-cased without "@"."""
    ids: set[int] = set()
    names: set[str] = set()
    for item in _items(value):
        if _ID.fullmatch(item):
            ids.add(int(item))
        elif m := _USERNAME.fullmatch(item):
            names.add(m.group(1).lower())
        else:
            raise AccessConfigError(
                f"{name}: {item!r} is neither a numeric user id nor an @username "
                "(4-32 letters, digits or _, starting with a letter)."
            )
    return frozenset(ids), frozenset(names)


def parse_flag(name: str, value: str | None) -> bool:
    text = (value or "").strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise AccessConfigError(f"{name}: {value!r} is not a yes/no value (use 1 or 0).")


def command_target(text: str | None) -> str | None:
    """The bot a leading ``/cmd@BotName`` is addressed to (lower-cased), or None."""
    if not text or not text.startswith("/"):
        return None
    head = text.split(maxsplit=1)[0]
    _cmd, at, target = head.partition("@")
    return target.lower() if at and target else None


@dataclass(frozen=True)
class Sender:
    """What an adapter knows about an incoming update, channel-neutral."""

    user_id: int | None
    username: str | None = None
    chat_id: int | None = None
    chat_type: str = "private"
    text: str | None = None


@dataclass(frozen=True)
class AccessPolicy:
    user_ids: frozenset[int] = field(default_factory=frozenset)
    usernames: frozenset[str] = field(default_factory=frozenset)
    admins: frozenset[int] = field(default_factory=frozenset)
    groups: frozenset[int] = field(default_factory=frozenset)
    open: bool = False

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "AccessPolicy":
        env = os.environ if env is None else env
        ids, names = parse_allowlist("BAOCAO_ALLOWED_USERS", env.get("BAOCAO_ALLOWED_USERS"))
        return cls(
            user_ids=ids,
            usernames=names,
            admins=parse_ids("BAOCAO_ADMINS", env.get("BAOCAO_ADMINS")),
            groups=parse_ids("BAOCAO_ALLOWED_GROUPS", env.get("BAOCAO_ALLOWED_GROUPS")),
            open=parse_flag("BAOCAO_OPEN", env.get("BAOCAO_OPEN")),
        )

    @classmethod
    def allowing(cls, users: Iterable[int | str] = (), admins: Iterable[int] = (), **kw: object) -> "AccessPolicy":
        """Convenience for code and tests: ids and "@names" mixed."""
        ids, names = parse_allowlist("users", ",".join(str(u) for u in users))
        return cls(user_ids=ids, usernames=names, admins=frozenset(admins), **kw)  # type: ignore[arg-type]

    def user_allowed(self, user_id: int | None, username: str | None = None) -> bool:
        if user_id is None:
            return False
        if user_id in self.admins or self.open or user_id in self.user_ids:
            return True
        return bool(username) and username.lstrip("@").lower() in self.usernames

    def decide(self, sender: Sender, bot_username: str | None) -> Verdict:
        """ALLOW, REFUSE (answer with a refusal) or IGNORE (drop silently). Fails closed."""
        if sender.user_id is None or sender.chat_id is None:
            return Verdict.IGNORE
        target = command_target(sender.text)
        if target is not None and (not bot_username or target != bot_username.lower()):
            return Verdict.IGNORE
        if sender.chat_type not in PRIVATE_CHAT_TYPES:
            if sender.chat_id not in self.groups:
                return Verdict.IGNORE  # never speak in a group nobody allowed
        return Verdict.ALLOW if self.user_allowed(sender.user_id, sender.username) else Verdict.REFUSE


class RefusalThrottle:
    """Whether to tell a stranger again that they are not allowed: at most once per ``every_s`` each.

    Memory is bounded (the table is emptied past ``max_users``); ``clock`` is monotonic seconds.
    """

    def __init__(self, every_s: float = REFUSAL_EVERY_S, max_users: int = 10_000, clock=time.monotonic) -> None:
        self.every_s = every_s
        self.max_users = max_users
        self.clock = clock
        self._last: dict[object, float] = {}

    def should_tell(self, user_id: object) -> bool:
        """True the first time, then again only after ``every_s``; records the telling."""
        now = self.clock()
        last = self._last.get(user_id)
        if last is not None and now - last < self.every_s:
            return False
        if len(self._last) >= self.max_users:
            self._last.clear()
        self._last[user_id] = now
        return True


class RateLimiter:
    """Per-user token bucket: ``burst`` messages at once, then ``per_minute`` a minute.

    A message over the limit is not processed (the user is told, politely, at most once a minute), so one
    user's flood of messages cannot hold up everyone else's replies. The default burst is large enough
    for a long text that Telegram splits into several messages.
    """

    def __init__(self, burst: int = 30, per_minute: float = 60.0, max_users: int = 10_000,
                 clock=time.monotonic) -> None:
        self.burst = burst
        self.rate_s = per_minute / 60.0
        self.max_users = max_users
        self.clock = clock
        self._buckets: dict[object, tuple[float, float]] = {}  # user → (tokens, when)
        self.notices = RefusalThrottle(every_s=60.0, max_users=max_users, clock=clock)

    def allow(self, user_id: object) -> bool:
        """Take one token for ``user_id``; False when the user is over the limit."""
        now = self.clock()
        tokens, then = self._buckets.get(user_id, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - then) * self.rate_s)
        if len(self._buckets) >= self.max_users and user_id not in self._buckets:
            self._buckets.clear()
        if tokens < 1.0:
            self._buckets[user_id] = (tokens, now)
            return False
        self._buckets[user_id] = (tokens - 1.0, now)
        return True


def parse_rate(env: Mapping[str, str]) -> tuple[int, float]:
    """(burst, per minute) from BAOCAO_RATE_BURST / BAOCAO_RATE_PER_MINUTE (defaults 30 and 60)."""
    values = []
    for name, default in (("BAOCAO_RATE_BURST", "30"), ("BAOCAO_RATE_PER_MINUTE", "60")):
        text = (env.get(name) or default).strip()
        try:
            value = float(text)
        except ValueError:
            value = -1.0
        if value < 0 or (name == "BAOCAO_RATE_BURST" and (value < 1 or value != int(value))):
            raise AccessConfigError(f"{name}: {text!r} is not a valid number (burst: a whole number ≥ 1)")
        values.append(value)
    return int(values[0]), values[1]
