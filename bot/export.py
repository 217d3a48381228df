"""Producing the finished .docx and the "where and when to send it" lines.

The file goes to ``<documents>/<channel>-<user id>/`` (one folder per user, so one user's files never
mix with another's) under a safe generated name; its sha256 and size go to the database. The
deadline and address come from the dispatch's metadata (knowledge base), falling back to the
template's ``submit`` block.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Any

from bot import texts
from bot.uploads import safe_filename


def user_folder(documents_dir: Path, channel: str, channel_user_id: str) -> Path:
    """The per-user documents folder (created)."""
    folder = documents_dir / safe_filename(f"{channel}-{channel_user_id}")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def document_path(documents_dir: Path, channel: str, channel_user_id: str, template_id: str, session_id: int,
                  now: dt.datetime | None = None) -> Path:
    """Where the .docx of one draft goes: ``<folder>/<template>-<draft>-<timestamp>.docx``."""
    now = now or dt.datetime.now()
    name = f"{template_id}-{session_id}-{now:%Y%m%d-%H%M%S}.docx"
    return user_folder(documents_dir, channel, channel_user_id) / safe_filename(name)


def file_digest(path: Path) -> tuple[str, int]:
    """(sha256 hex, size in bytes) of a file."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def download_name(template: Any) -> str:
    """A friendly file name for the chat ("Bieu-04-BCKH.docx")."""
    base = str(getattr(template, "title", "") or getattr(template, "id", "bao-cao")).split("—")[0]
    from bot.intents import fold

    slug = re.sub(r"[^0-9A-Za-z]+", "-", fold(base).title()).strip("-") or "Bao-cao"
    return f"{slug[:60]}.docx"


def submission_lines(template: Any, dispatch: Any | None) -> list[str]:
    """Deadline, e-mail and format lines for the export message (empty parts left out)."""
    submit = getattr(template, "submit", None)
    source = getattr(template, "source", None)
    so_hieu = getattr(dispatch, "so_hieu", None) or getattr(source, "dispatch", "") or ""
    lines: list[str] = []
    deadline = None
    deadlines = getattr(dispatch, "deadlines", None) or []
    if deadlines:
        deadline = getattr(deadlines[0], "text", None)
    deadline = deadline or getattr(submit, "deadline", None)
    if deadline:
        lines.append(texts.EXPORT_DEADLINE.format(so_hieu=so_hieu, deadline=deadline))
    emails = list(getattr(dispatch, "emails", None) or [])
    submit_email = getattr(submit, "email", None)
    if submit_email and submit_email not in emails:
        emails.insert(0, submit_email)
    to = getattr(submit, "to", None)
    if emails or to:
        target = ", ".join(emails)
        if to:
            target = f"{to} ({target})" if target else to
        lines.append(texts.EXPORT_EMAILS.format(emails=target))
    fmt = getattr(submit, "format", None)
    if fmt:
        lines.append(texts.EXPORT_FORMAT.format(fmt=fmt))
    return lines
