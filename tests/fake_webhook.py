"""Telegram's side of webhook mode, faked at the protocol boundary: updates as Telegram builds them
(from tests/fake_telegram.py's server), POSTed over real HTTP to the receiver's address with the secret
token header, and ``setWebhook`` answered and recorded."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from tests.fake_telegram import FakeTelegramServer

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class FakeWebhookTelegram(FakeTelegramServer):
    """The fake Bot API plus ``setWebhook`` (recorded in ``webhooks``)."""

    def __init__(self) -> None:
        super().__init__()
        self.webhooks: list[dict[str, Any]] = []

    def _api_setWebhook(self, params: dict, files: dict) -> bool:
        self.webhooks.append(dict(params))
        return True

    def text_update(self, update_id: int, user: int, text: str) -> dict[str, Any]:
        """The JSON Telegram would post for ``user`` typing ``text``, with ``update_id``."""
        self.send_text(user, text)
        data = self.updates.pop()
        data["update_id"] = update_id
        return data


def post_update(address: str, data: dict[str, Any] | bytes, secret: str | None) -> int:
    """POST one update as Telegram does; the HTTP status."""
    body = data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False).encode()
    request = urllib.request.Request(address, data=body, method="POST", headers={"Content-Type": "application/json"})
    if secret is not None:
        request.add_header(SECRET_HEADER, secret)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)
