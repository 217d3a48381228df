"""Talking to the bot through the terminal adapter in tests: one call, the whole transcript back."""

from __future__ import annotations

import io

from bot.conversation import Core
from bot.knowledge_link import KnowledgeLink
from bot.terminal import TerminalChat
from storage.repo import Store


def chat(store: Store, tmp_path, lines: list[str], uid: str) -> str:
    """Type ``lines`` as user ``uid`` into a new terminal chat (no knowledge base); the transcript."""
    out = io.StringIO()
    core = Core(store, knowledge=KnowledgeLink(opener=None), documents_dir=tmp_path / "docs")
    TerminalChat(core, input=io.StringIO("\n".join(lines) + "\n"), output=out, user_id=uid).run(greet=False)
    return out.getvalue()
