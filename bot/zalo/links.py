"""Short-lived signed download links for the files the bot made (Zalo cannot carry a .docx).

A link is ``{BAOCAO_PUBLIC_URL}/zalo/files/{token}/{name}``. The token is
``base64url(path relative to the documents folder, NUL, expiry epoch) . base64url(HMAC-SHA256)``: it
names exactly one file, expires (24 h by default), and cannot be made or altered without the server's
secret (32 random bytes kept in the data directory, mode 0600, or ``BAOCAO_LINK_SECRET``). Checking is
constant-time. A bad signature or an expired link is refused (403), a file that is gone or outside
the documents folder is not found (404); nothing ever lists a folder.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

DEFAULT_TTL_S = 24 * 3600
ROUTE = "/zalo/files/"
SIGNATURE_BYTES = 20  # 160 bits


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def load_secret(state_dir: Path, env: dict[str, str] | None = None) -> bytes:
    """The signing key: ``BAOCAO_LINK_SECRET`` or a random key stored once under ``state_dir``."""
    configured = (os.environ if env is None else env).get("BAOCAO_LINK_SECRET", "")
    if configured:
        if len(configured) < 16:
            raise ValueError("BAOCAO_LINK_SECRET must have at least 16 characters")
        return configured.encode()
    path = state_dir / "link-secret"
    if not path.exists():
        state_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(secrets.token_bytes(32))
    return path.read_bytes()


class LinkError(Exception):
    """Why a link was refused: ``status`` 403 (forged, altered, expired) or 404 (no such file)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status


@dataclass(frozen=True)
class IssuedLink:
    url: str
    expires: dt.datetime  # aware, UTC


class DocumentLinks:
    """Issue and check links to files under ``root`` (the documents folder)."""

    def __init__(self, root: Path, secret: bytes, public_url: str, ttl_s: int = DEFAULT_TTL_S) -> None:
        if len(secret) < 16:
            raise ValueError("link secret too short")
        self.root = Path(root).resolve()
        self._secret = secret
        self.public_url = public_url.rstrip("/")
        self.ttl_s = ttl_s

    def _sign(self, payload: bytes) -> bytes:
        return hmac.new(self._secret, b"baocao-link\0" + payload, hashlib.sha256).digest()[:SIGNATURE_BYTES]

    def token(self, path: Path, now: float | None = None) -> tuple[str, int]:
        """(token, expiry epoch) for ``path``, which must lie under the root."""
        relative = Path(path).resolve().relative_to(self.root).as_posix()
        expires = int((time.time() if now is None else now) + self.ttl_s)
        payload = relative.encode() + b"\0" + str(expires).encode()
        return f"{_b64(payload)}.{_b64(self._sign(payload))}", expires

    def issue(self, path: Path, name: str | None = None, now: float | None = None) -> IssuedLink:
        token, expires = self.token(path, now)
        shown = quote(name or Path(path).name, safe="")
        return IssuedLink(f"{self.public_url}{ROUTE}{token}/{shown}",
                          dt.datetime.fromtimestamp(expires, dt.timezone.utc))

    def resolve(self, token: str, now: float | None = None) -> Path:
        """The file a token grants, or :class:`LinkError`."""
        body, dot, signature = token.partition(".")
        try:
            payload, given = _unb64(body), _unb64(signature)
        except (binascii.Error, ValueError):
            raise LinkError(403, "malformed token") from None
        if not dot or not hmac.compare_digest(self._sign(payload), given):
            raise LinkError(403, "bad signature")
        relative, _, expires = payload.partition(b"\0")
        if not expires.isdigit() or int(expires) < (time.time() if now is None else now):
            raise LinkError(403, "expired")
        try:
            path = (self.root / relative.decode()).resolve()
        except (UnicodeDecodeError, OSError):
            raise LinkError(404, "bad path") from None
        if not path.is_relative_to(self.root) or not path.is_file():
            raise LinkError(404, "no such file")
        return path
