"""``baocao run`` and ``baocao chat``: start the bot.

``run`` starts Telegram when ``TELEGRAM_BOT_TOKEN`` is set and the terminal chat otherwise (this is
what ``make run`` calls); ``chat`` always starts the terminal chat. Both build the same core over the
same database and knowledge base.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

log = logging.getLogger(__name__)


def build_core(documents_dir: Path | None = None, warm: bool = False):  # -> bot.conversation.Core
    """The production core: database from ``DATABASE_URL``/data dir, shipped templates, the knowledge base."""
    from bot.conversation import Core
    from bot.knowledge_link import KnowledgeLink
    from storage.repo import Store

    knowledge = KnowledgeLink()
    if warm:
        knowledge.warm_up()
    return Core(Store.open(), knowledge=knowledge, documents_dir=documents_dir)


def _chat(args: argparse.Namespace) -> int:
    from bot.terminal import TerminalChat, banner
    from storage.paths import sub_dir

    documents = Path(args.documents) if args.documents else sub_dir("documents") / "terminal"
    documents.mkdir(parents=True, exist_ok=True)
    core = build_core(documents_dir=documents)
    print(banner(documents), flush=True)
    return TerminalChat(core, user_id=os.environ.get("USER", "local")).run()


def _run(args: argparse.Namespace) -> int:
    telegram, zalo = bool(os.environ.get("TELEGRAM_BOT_TOKEN")), bool(os.environ.get("ZALO_BOT_TOKEN"))
    if not telegram and not zalo:
        print("TELEGRAM_BOT_TOKEN và ZALO_BOT_TOKEN chưa được đặt: mở trò chuyện trong terminal.", file=sys.stderr)
        return _chat(args)
    from bot.telegram_app import load_settings, run_telegram
    from bot.zalo import load_zalo_settings, run_zalo, start_in_thread

    settings = load_settings() if telegram else None  # a bad allowlist stops here, before the slow warm-up
    zalo_settings = load_zalo_settings() if zalo else None
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    from bot.redact import install as redact_secrets

    redact_secrets()  # the bot tokens never reach a log line, at any level (bot/redact.py)
    core = build_core(warm=True)
    if zalo_settings is not None and settings is not None:
        start_in_thread(core, zalo_settings)  # Zalo beside Telegram, which keeps the main thread
    if settings is not None:
        run_telegram(core, settings)
    else:
        run_zalo(core, zalo_settings)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``run`` and ``chat`` to the ``baocao`` command line."""
    run = subparsers.add_parser("run", help="start the bot (Telegram if TELEGRAM_BOT_TOKEN is set, Zalo if "
                                "ZALO_BOT_TOKEN is set, both if both; else the terminal chat)")
    run.add_argument("--documents", help="folder for .docx files in the terminal chat")
    run.set_defaults(func=_run)
    chat = subparsers.add_parser("chat", help="chat with the bot in the terminal")
    chat.add_argument("--documents", help="folder for generated .docx files (default: <data dir>/documents/terminal)")
    chat.set_defaults(func=_chat)
