"""Closed by default, fail closed: strangers, send failures, groups, other bots' commands.

Through the real PTB Application and the production core (``bot.commands.build_core``) over a real
SQLite database, with Telegram faked at the HTTP boundary (tests/fake_telegram.py). "Nothing stored"
is checked on the database file itself: every table but Alembic's is empty.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot import texts
from bot.access import AccessConfigError, AccessPolicy, Sender, Verdict, command_target
from bot.telegram_app import TelegramSettings, load_settings
from tests.fake_telegram import BOT_USERNAME, FakeTelegramServer, run_bot

ROOT = Path(__file__).resolve().parents[1]
FRIEND, STRANGER, ADMIN = 501, 666, 900
GROUP = -100123


class SpyCore:
    """The production core, counting the events that reach it."""

    def __init__(self) -> None:
        from bot.commands import build_core

        self.inner = build_core(documents_dir=Path(os.environ["BAOCAO_DATA_DIR"]) / "docs")
        self.events: list = []

    def handle(self, event):
        self.events.append(event)
        return self.inner.handle(event)

    def due_reminders(self, channel):
        return []


def stored_rows(data_dir: Path) -> dict[str, int]:
    """Rows per table in the bot's database (Alembic's bookkeeping aside); {} if there is no file."""
    path = data_dir / "baocao.db"
    if not path.exists():
        return {}
    engine = sa.create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            names = [n for n in sa.inspect(conn).get_table_names() if n != "alembic_version"]
            counts = {n: conn.execute(sa.text(f'SELECT COUNT(*) FROM "{n}"')).scalar_one() for n in names}
    finally:
        engine.dispose()
    return {n: c for n, c in counts.items() if c}


def session(actions, faults=(), **settings):
    """Run the bot over a fresh fake server; returns (server, core)."""
    server, core = FakeTelegramServer(), SpyCore()

    run_bot(core, server, actions, faults, **settings)
    core.inner.store.close()
    return server, core


# ---- a stranger, whatever Telegram answers to the refusal -------------------------------------

SEND_FAILURES = {
    "403-bot-blocked": 403,
    "429-too-many-requests": 429,
    "400-bad-request": 400,
    "network-error": 0,
    "timeout": -1,
}


@pytest.mark.parametrize("failure", sorted(SEND_FAILURES))
def test_stranger_is_stopped_when_the_refusal_fails(failure, data_dir):
    status = SEND_FAILURES[failure]
    server, core = session([lambda s: s.send_text(STRANGER, "/start"), lambda s: s.send_text(STRANGER, "xin chào")],
                           faults=[("sendMessage", status)], allowed_users=frozenset({FRIEND}))
    assert core.events == []
    assert stored_rows(data_dir) == {}
    assert not [m for m, p in server.calls if m == "sendChatAction"]  # no handler started work


@pytest.mark.parametrize("failure", sorted(SEND_FAILURES))
def test_stranger_button_is_stopped_when_answering_fails(failure, data_dir):
    status = SEND_FAILURES[failure]
    server, core = session([lambda s: s.press(STRANGER, "m:start:mau2")],
                           faults=[("answerCallbackQuery", status), ("sendMessage", status)],
                           allowed_users=frozenset({FRIEND}))
    assert core.events == [] and stored_rows(data_dir) == {}


def test_stranger_file_is_never_downloaded(data_dir):
    server, core = session([lambda s: s.send_document(STRANGER, "cv.txt", b"CONG VAN")], faults=[("sendMessage", 403)],
                           allowed_users=frozenset({FRIEND}))
    assert core.events == [] and not [m for m, _ in server.calls if m == "getFile"]


def test_control_an_allowed_user_is_served_and_stored(data_dir):
    """The same set-up lets the allowed user in: the checks above can fail."""
    server, core = session([lambda s: s.send_text(FRIEND, "/start")], allowed_users=frozenset({FRIEND}))
    assert len(core.events) == 1 and server.texts_to(FRIEND)
    assert stored_rows(data_dir)


def test_a_stranger_is_told_once_not_every_message(data_dir):
    server, core = session([lambda s: s.send_text(STRANGER, f"tin {i}") for i in range(4)],
                           allowed_users=frozenset({FRIEND}))
    assert server.texts_to(STRANGER) == [texts.ACCESS_DENIED] and core.events == []


# ---- closed by default ------------------------------------------------------------------------

def test_empty_allowlist_admits_admins_only(data_dir):
    server, core = session([lambda s: s.send_text(STRANGER, "/start"), lambda s: s.send_text(ADMIN, "/start")],
                           admins=frozenset({ADMIN}), open_access=False)
    assert server.texts_to(STRANGER) == [texts.ACCESS_DENIED]
    assert [e.user_id for e in core.events] == [str(ADMIN)]


def test_open_flag_admits_everyone(data_dir):
    server, core = session([lambda s: s.send_text(STRANGER, "/start")], open_access=True)
    assert [e.user_id for e in core.events] == [str(STRANGER)]


def test_usernames_are_matched_case_insensitively(data_dir):
    settings = TelegramSettings.from_env({"BAOCAO_ALLOWED_USERS": "@Nguyen_Van_An, 42"})
    server, core = session([lambda s: s.send_text(77, "/start", username="nguyen_VAN_an"),
                            lambda s: s.send_text(78, "/start", username="someone_else"),
                            lambda s: s.send_text(79, "/start")],
                           allowed_users=settings.allowed_users, allowed_usernames=settings.allowed_usernames)
    assert [e.user_id for e in core.events] == ["77"]
    assert server.texts_to(78) == [texts.ACCESS_DENIED] == server.texts_to(79)


# ---- other bots' commands and group chats -----------------------------------------------------

def test_commands_for_another_bot_are_ignored(data_dir):
    server, core = session([lambda s: s.send_text(FRIEND, "/start@OtherBot"),
                            lambda s: s.send_text(FRIEND, f"/start@{BOT_USERNAME.upper()}")],
                           allowed_users=frozenset({FRIEND}))
    assert len(core.events) == 1 and core.events[0].text.startswith("/start@")


def test_group_chats_are_ignored_unless_allowlisted(data_dir):
    in_group = {"chat_id": GROUP, "chat_type": "supergroup"}
    server, core = session([lambda s: s.send_text(FRIEND, "/start", **in_group),
                            lambda s: s.send_text(STRANGER, "/start", chat_id=-55, chat_type="group")],
                           allowed_users=frozenset({FRIEND}))
    assert core.events == [] and server.outbox == []  # nothing said in someone's group either
    server, core = session([lambda s: s.send_text(FRIEND, "/start", **in_group),
                            lambda s: s.send_text(STRANGER, "/start", **in_group)],
                           allowed_users=frozenset({FRIEND}), allowed_groups=frozenset({GROUP}))
    assert [e.user_id for e in core.events] == [str(FRIEND)]
    assert server.texts_to(GROUP) == [texts.ACCESS_DENIED]  # the stranger refused, as in a private chat


# ---- configuration ------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["x", "@ab", "12a", "@bad-name", "user@example.com", "@", "1,, @", "0x10"])
def test_unparseable_allowlist_values_stop_start_up(value):
    if value in ("1,, @", "@"):
        with pytest.raises(AccessConfigError, match="BAOCAO_ALLOWED_USERS"):
            AccessPolicy.from_env({"BAOCAO_ALLOWED_USERS": value})
        return
    with pytest.raises(SystemExit, match=f"BAOCAO_ALLOWED_USERS: '{value}'"):
        load_settings({"BAOCAO_ALLOWED_USERS": value})


@pytest.mark.parametrize("env", [{"BAOCAO_ADMINS": "@boss"}, {"BAOCAO_ALLOWED_GROUPS": "nhom"},
                                 {"BAOCAO_OPEN": "maybe"}])
def test_other_unparseable_settings_stop_start_up(env):
    with pytest.raises(AccessConfigError, match=next(iter(env))):
        AccessPolicy.from_env(env)


def test_allowlist_parsing():
    policy = AccessPolicy.from_env({"BAOCAO_ALLOWED_USERS": " 5, @Ab_cd1 ;6\n@XYZW", "BAOCAO_ADMINS": "9",
                                    "BAOCAO_OPEN": "0"})
    assert policy.user_ids == {5, 6} and policy.usernames == {"ab_cd1", "xyzw"} and not policy.open
    assert policy.user_allowed(9) and policy.user_allowed(1, "AB_CD1") and not policy.user_allowed(1, "abcd")
    assert not policy.user_allowed(None) and not AccessPolicy().user_allowed(5)
    assert AccessPolicy.from_env({"BAOCAO_OPEN": "1"}).user_allowed(12345)


def test_decisions():
    policy = AccessPolicy.allowing([5], admins=[9], groups=frozenset({-7}))
    bot = "my_bot"
    assert policy.decide(Sender(5, chat_id=5), bot) is Verdict.ALLOW
    assert policy.decide(Sender(6, chat_id=6), bot) is Verdict.REFUSE
    assert policy.decide(Sender(None, chat_id=6), bot) is Verdict.IGNORE
    assert policy.decide(Sender(5, chat_id=None), bot) is Verdict.IGNORE
    assert policy.decide(Sender(5, chat_id=5, text="/help@Other_bot x"), bot) is Verdict.IGNORE
    assert policy.decide(Sender(5, chat_id=5, text="/help@My_Bot"), bot) is Verdict.ALLOW
    assert policy.decide(Sender(5, chat_id=5, text="/help@my_bot"), None) is Verdict.IGNORE
    assert policy.decide(Sender(5, chat_id=-8, chat_type="group"), bot) is Verdict.IGNORE
    assert policy.decide(Sender(6, chat_id=-7, chat_type="group"), bot) is Verdict.REFUSE
    assert policy.decide(Sender(9, chat_id=-7, chat_type="supergroup"), bot) is Verdict.ALLOW
    assert policy.decide(Sender(5, chat_id=-7, chat_type="channel"), bot) is Verdict.ALLOW
    assert command_target("/a@B c") == "b" and command_target("a@b") is None and command_target("/a") is None


def test_bad_allowlist_stops_the_real_process_with_a_clear_message(tmp_path):
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": "1:x", "BAOCAO_ALLOWED_USERS": "nguyen van an",
           "BAOCAO_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    proc = subprocess.run([sys.executable, "-m", "bot.cli", "run"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode != 0
    assert "BAOCAO_ALLOWED_USERS: 'nguyen'" in proc.stderr and "@username" in proc.stderr


def test_a_strangers_edited_message_and_channel_posts_reach_no_handler(data_dir):
    def channel_post(s):
        s._push({"channel_post": {"message_id": 1, "date": 0, "chat": {"id": -1009, "type": "channel", "title": "K"},
                                  "text": "/start"}})

    server, core = session([lambda s: s.edit_text(STRANGER, 1, "/start"), channel_post],
                           allowed_users=frozenset({FRIEND}))
    assert core.events == [] and stored_rows(data_dir) == {}
    assert server.texts_to(STRANGER) == [texts.ACCESS_DENIED] and server.texts_to(-1009) == []


def test_refusal_throttle_tells_once_per_period_and_stays_bounded():
    from bot.access import RefusalThrottle

    now = [0.0]
    throttle = RefusalThrottle(every_s=600, max_users=3, clock=lambda: now[0])
    assert throttle.should_tell(1) and not throttle.should_tell(1)
    now[0] = 599
    assert not throttle.should_tell(1) and throttle.should_tell(2)
    now[0] = 601
    assert throttle.should_tell(1)
    for uid in range(10, 20):
        throttle.should_tell(uid)
    assert len(throttle._last) <= 3


def test_an_admins_file_of_a_type_we_do_not_read_is_never_downloaded(data_dir):
    server, core = session([lambda s: s.send_document(ADMIN, "virus.exe", b"MZ" + b"\0" * 64),
                            lambda s: s.send_document(ADMIN, "../../cv.docm", b"PK")], admins=frozenset({ADMIN}))
    assert not [m for m, _ in server.calls if m == "getFile"]
    assert len(core.events) == 2 and all(e.file.data == b"" for e in core.events)
    replies = server.texts_to(ADMIN)  # (a first contact also gets the welcome)
    assert [t for t in replies if "virus.exe" in t or "cv.docm" in t] == replies[-2:]


def test_one_users_flood_is_cut_politely_and_others_are_served(data_dir):
    """Burst 5, no refill: a flood of 40 reaches the core 5 times, one polite note; the neighbour is served."""
    actions = []
    for i in range(40):
        actions.append(lambda s, i=i: s.send_text(FRIEND, f"tin {i}"))
        if i % 10 == 0:
            actions.append(lambda s: s.send_text(ADMIN, "/start"))
    server, core = session(actions, allowed_users=frozenset({FRIEND}), admins=frozenset({ADMIN}), rate_burst=5,
                           rate_per_minute=0)
    flood = [e for e in core.events if e.user_id == str(FRIEND)]
    assert len(flood) == 5 and [e.text for e in flood] == [f"tin {i}" for i in range(5)]
    assert server.texts_to(FRIEND).count(texts.RATE_LIMITED) == 1
    assert len([e for e in core.events if e.user_id == str(ADMIN)]) == 4  # every one of the neighbour's messages


@pytest.mark.parametrize("env", [{"BAOCAO_RATE_BURST": "0"}, {"BAOCAO_RATE_BURST": "2.5"},
                                 {"BAOCAO_RATE_PER_MINUTE": "nhanh"}, {"BAOCAO_RATE_PER_MINUTE": "-1"}])
def test_bad_rate_settings_stop_start_up(env):
    with pytest.raises(SystemExit, match=next(iter(env))):
        load_settings(env)


def test_rate_limiter_refills():
    from bot.access import RateLimiter

    now = [0.0]
    limiter = RateLimiter(burst=2, per_minute=60, clock=lambda: now[0])
    assert limiter.allow(1) and limiter.allow(1) and not limiter.allow(1)
    assert limiter.allow(2)  # per user
    now[0] = 1.0
    assert limiter.allow(1) and not limiter.allow(1)
    s = TelegramSettings.from_env({"BAOCAO_RATE_BURST": "12", "BAOCAO_RATE_PER_MINUTE": "6"})
    assert (s.rate_burst, s.rate_per_minute) == (12, 6.0)


def test_an_edited_message_gets_a_short_note_and_changes_nothing(data_dir):
    server, core = session([lambda s: s.send_text(FRIEND, "/start"), lambda s: s.edit_text(FRIEND, 1, "/mau")],
                           allowed_users=frozenset({FRIEND}))
    assert [(e.kind, e.text) for e in core.events] == [("text", "/start"), ("edit", "/mau")]
    assert server.texts_to(FRIEND)[-1] == texts.EDIT_NOT_APPLIED  # no draft: nothing to revise
