"""Drivers for tests/scripted_sessions.py: one user's chat with the real bot, counted message by message.

:class:`TerminalDriver` runs the terminal chat (bot/terminal.py) in-process; :class:`TelegramDriver`
runs the real PTB ``Application`` over the fake Bot API (tests/fake_telegram.py). Both use a real
SQLite database in ``data_dir`` and no knowledge base; ``restart`` starts a new bot over the same files.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from bot.conversation import Core
from bot.knowledge_link import KnowledgeLink
from storage.repo import Store


def _core(data_dir: Path) -> tuple[Store, Core]:
    store = Store.open(data_dir / "baocao.db")
    return store, Core(store, knowledge=KnowledgeLink(opener=None), documents_dir=data_dir / "documents")


class TerminalDriver:
    name = "terminal"

    def __init__(self, data_dir: Path, user_id: str = "chuyenvien") -> None:
        self.data_dir, self.user_id = Path(data_dir), user_id
        self._docs: list[bytes] = []
        self._open()

    def _open(self) -> None:
        self.store, self.core = _core(self.data_dir)
        self._chat()

    def _chat(self) -> None:
        from bot.terminal import TerminalChat

        self.chat = TerminalChat(self.core, input=io.StringIO(""), output=io.StringIO(), user_id=self.user_id,
                                 is_admin=False, show_prompt=False)

    async def say(self, text: str) -> str:
        self.chat.output = io.StringIO()
        for out in self.chat.step(text):
            if out.document is not None:
                self._docs.append(Path(out.document.path).read_bytes())
        return self.chat.output.getvalue()

    async def pick(self, label: str) -> str:
        return await self.say(label)  # the terminal takes a shown choice's label as pressing it

    def choices(self) -> list[str]:
        return [c.label for c in self.chat._offered]

    def documents(self) -> list[bytes]:
        return list(self._docs)

    def store_user(self) -> tuple[Any, int]:
        return self.store, self.store.get_or_create_user("terminal", self.user_id, None).id

    def switch_user(self, name: str) -> None:
        self.user_id = name
        self._chat()

    async def restart(self) -> None:
        self.store.close()
        self._open()

    async def close(self) -> None:
        self.store.close()


class TelegramDriver:
    name = "telegram"

    def __init__(self, data_dir: Path, uid: int = 4242) -> None:
        from tests.fake_telegram import FakeTelegramServer

        self.data_dir, self.uid = Path(data_dir), uid
        self.server = FakeTelegramServer()
        self._last: list[Any] = []
        self._uids: dict[str, int] = {}
        self.frontend: Any = None

    async def start(self) -> "TelegramDriver":
        from tests.fake_telegram import make_frontend

        self.store, self.core = _core(self.data_dir)
        self.frontend = make_frontend(self.core, self.server)
        await self.frontend.start(poll_timeout=0.2)
        return self

    async def _after(self, push: Any) -> str:
        from tests.fake_telegram import settle

        before = len(self.server.sent_to(self.uid))
        push()
        await settle(self.frontend, self.server)
        self._last = self.server.sent_to(self.uid)[before:]
        return "\n".join(m.text or m.caption for m in self._last)

    async def say(self, text: str) -> str:
        return await self._after(lambda: self.server.send_text(self.uid, text))

    async def pick(self, label: str) -> str:
        for sent in reversed(self.server.sent_to(self.uid)):
            for row in sent.buttons:
                for button in row:
                    if button.get("text") == label:
                        return await self._after(lambda: self.server.press(self.uid, button["callback_data"]))
        return await self.say(label)  # no such button: the user types the words instead

    def choices(self) -> list[str]:
        return [label for m in self._last for label in m.button_labels()]

    def documents(self) -> list[bytes]:
        return [m.document_bytes for m in self.server.documents_to(self.uid) if m.document_name.endswith(".docx")]

    def store_user(self) -> tuple[Any, int]:
        return self.store, self.store.get_or_create_user("telegram", str(self.uid), None).id

    def switch_user(self, name: str) -> None:
        self._uids.setdefault(name, 4242 + len(self._uids))
        self.uid, self._last = self._uids[name], []

    async def restart(self) -> None:
        await self.close()
        await self.start()

    async def close(self) -> None:
        await self.frontend.stop()
        self.store.close()
