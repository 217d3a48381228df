"""A small asynchronous client for the Zalo Bot Platform HTTP API, on httpx.

Wire format (Zalo Bot Platform documentation, "Zalo Bot Creator" bots): every method is
``POST {base}/bot{TOKEN}/{method}`` with a JSON body and answers ``{"ok": true, "result": …}`` or
``{"ok": false, "error_code": …, "description": …}``. ``getUpdates`` long-polls and returns ONE update
(or an ``ok: false`` / 408 "Request timeout" when nothing arrived); there is no offset: an update is
handed out once. ``sendMessage`` takes 1–2000 characters; ``sendPhoto`` takes a photo URL (no upload);
there are no inline keyboards and no documents.

The token is part of every URL, so no URL is ever put into a log line or an exception message here:
errors carry the method name, the HTTP status and Zalo's description only.
"""

from __future__ import annotations

import asyncio
import logging
import random
from typing import Any

import httpx

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://bot-api.zaloplatforms.com"
TEXT_LIMIT = 2000
NO_UPDATE_CODES = frozenset({408})  # getUpdates: the long poll ended without an update
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class ZaloApiError(Exception):
    """A call the API refused or that did not reach it; never contains the token."""

    def __init__(self, method: str, description: str, error_code: int | None = None, retryable: bool = False) -> None:
        super().__init__(f"Zalo {method} failed: {description}" + (f" (code {error_code})" if error_code else ""))
        self.method = method
        self.description = description
        self.error_code = error_code
        self.retryable = retryable


class ZaloClient:
    """The Bot API methods the adapter uses. One ``httpx.AsyncClient`` per instance."""

    def __init__(self, token: str, base_url: str | None = None, timeout: float = 30.0,
                 retries: int = 4, backoff_s: float = 0.5) -> None:
        if not token:
            raise ValueError("ZALO_BOT_TOKEN is empty")
        self._token = token
        self.base_url = (base_url or DEFAULT_BASE_URL).rstrip("/")
        self.retries = retries
        self.backoff_s = backoff_s
        self._http = httpx.AsyncClient(timeout=httpx.Timeout(timeout, connect=10.0))

    def __repr__(self) -> str:  # never the token
        return f"ZaloClient(base_url={self.base_url!r})"

    async def aclose(self) -> None:
        await self._http.aclose()

    # ---- transport -----------------------------------------------------------------------
    async def call(self, method: str, payload: dict[str, Any] | None = None, timeout: float | None = None) -> Any:
        """One API call; returns ``result``. Raises :class:`ZaloApiError` (retryable for network/5xx/429)."""
        url = f"{self.base_url}/bot{self._token}/{method}"
        try:
            response = await self._http.post(url, json=payload or {},
                                              timeout=None if timeout is None else httpx.Timeout(timeout, connect=10.0))
        except httpx.HTTPError as exc:  # str(exc) may hold the URL: report the class only
            raise ZaloApiError(method, f"network error ({type(exc).__name__})", retryable=True) from None
        try:
            body = response.json()
        except ValueError:
            body = {}
        if not isinstance(body, dict):
            body = {}
        if response.status_code >= 400 or body.get("ok") is not True:
            code = body.get("error_code") or response.status_code
            description = str(body.get("description") or response.reason_phrase or "error")[:300]
            retryable = response.status_code in RETRY_STATUS or code in RETRY_STATUS
            raise ZaloApiError(method, description, int(code) if str(code).isdigit() else None, retryable)
        return body.get("result")

    async def call_with_retry(self, method: str, payload: dict[str, Any]) -> Any:
        """``call`` again after a retryable failure, with exponential backoff and jitter."""
        attempt = 0
        while True:
            try:
                return await self.call(method, payload)
            except ZaloApiError as exc:
                if not exc.retryable or attempt >= self.retries:
                    raise
                delay = self.backoff_s * (2 ** attempt) * (1 + random.random() / 2)
                attempt += 1
                log.info("%s; retry %d of %d in %.1f s", exc, attempt, self.retries, delay)
                await asyncio.sleep(delay)

    # ---- methods -------------------------------------------------------------------------
    async def get_me(self) -> dict[str, Any]:
        return await self.call("getMe")

    async def get_update(self, timeout: int = 30) -> dict[str, Any] | None:
        """One update, or None when the long poll ended empty."""
        try:
            result = await self.call("getUpdates", {"timeout": str(timeout)}, timeout=timeout + 15)
        except ZaloApiError as exc:
            if exc.error_code in NO_UPDATE_CODES:
                return None
            raise
        return result if isinstance(result, dict) and result else None

    async def set_webhook(self, url: str, secret_token: str) -> Any:
        return await self.call_with_retry("setWebhook", {"url": url, "secret_token": secret_token})

    async def delete_webhook(self) -> Any:
        return await self.call_with_retry("deleteWebhook", {})

    async def send_message(self, chat_id: str, text: str) -> Any:
        if not 1 <= len(text) <= TEXT_LIMIT:
            raise ValueError(f"sendMessage text must have 1-{TEXT_LIMIT} characters, not {len(text)}")
        return await self.call_with_retry("sendMessage", {"chat_id": chat_id, "text": text})

    async def send_photo(self, chat_id: str, photo_url: str, caption: str = "") -> Any:
        payload = {"chat_id": chat_id, "photo": photo_url}
        if caption:
            payload["caption"] = caption[:TEXT_LIMIT]
        return await self.call_with_retry("sendPhoto", payload)

    async def send_chat_action(self, chat_id: str, action: str = "typing") -> None:
        try:
            await self.call("sendChatAction", {"chat_id": chat_id, "action": action}, timeout=10)
        except ZaloApiError as exc:
            log.info("%s", exc)
