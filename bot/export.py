"""Producing the finished .docx and the "where and when to send it" lines.

The file goes to ``<documents>/<channel>-<user id>/`` (one folder per user, so one user's files never
mix with another's) under a safe generated name; its sha256 and size go to the database. The
deadline, its sentence, the e-mails and the file format come from the dispatch's metadata (knowledge
base), falling back to the template's ``submit`` block; a deadline already past is pointed out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot import texts
from bot.reminders import next_deadline
from bot.uploads import safe_filename
from vntext.clock import vn_now, vn_today
from vntext.formatting import format_date
from vntext.text import fold


def user_folder(documents_dir: Path, channel: str, channel_user_id: str) -> Path:
    """The per-user documents folder (created)."""
    folder = documents_dir / safe_filename(f"{channel}-{channel_user_id}")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def document_path(documents_dir: Path, channel: str, channel_user_id: str, template_id: str, session_id: int,
                  now: dt.datetime | None = None) -> Path:
    """Where the .docx of one draft goes: ``<folder>/<template>-<draft>-<timestamp>.docx``."""
    now = now or vn_now()
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
    slug = re.sub(r"[^0-9A-Za-z]+", "-", fold(base).title()).strip("-") or "Bao-cao"
    return f"{slug[:60]}.docx"


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_FILE_EXT = re.compile(r"\.(docx?|xlsx?|pdf|odt|ods)\b", re.IGNORECASE)
_TO_IN_SENTENCE = re.compile(r"\bvề\s+((?:Bộ|Sở|Cục|Vụ|Văn phòng|UBND|Ủy ban)\b[^,.;:()]*?)(?=\s+(?:trước|để|\()|[,.;:]|$)")
MAX_QUOTE = 400


@dataclass(frozen=True)
class Submission:
    """Where and when a finished report goes, as the dispatch (or the template's ``submit`` block) says."""

    so_hieu: str
    deadline: str | None = None  # "trước ngày 15/5/2015"
    sentence: str | None = None  # the dispatch's own sentence holding that deadline
    due: dt.date | None = None  # a fixed deadline date
    day_of_month: int | None = None  # a monthly deadline ("ngày 22 hàng tháng")
    to: str | None = None  # "Bộ Thông tin và Truyền thông"
    emails: tuple[str, ...] = ()
    fmt: str | None = None  # "file .doc"
    soft_copy: bool = False  # "gửi bản mềm": a paper copy plus an electronic one


def _pick_deadline(dispatch: Any, wanted: str | None) -> Any | None:
    """The dispatch deadline matching the template's ``submit.deadline`` text, else its first one."""
    deadlines = list(getattr(dispatch, "deadlines", None) or [])
    if not deadlines:
        return None
    if wanted:
        key = fold(wanted)
        for d in deadlines:
            if fold(getattr(d, "text", "") or "") == key:
                return d
    return deadlines[0]


def submission_info(template: Any, dispatch: Any | None) -> Submission:
    """Gather deadline, address, e-mails and format: the dispatch's sentence first, the template's data second."""
    submit = getattr(template, "submit", None)
    source = getattr(template, "source", None)
    so_hieu = getattr(dispatch, "so_hieu", None) or getattr(source, "dispatch", "") or ""
    chosen = _pick_deadline(dispatch, getattr(submit, "deadline", None))
    sentence = " ".join(str(getattr(chosen, "sentence", "") or "").split()) or None
    deadline = getattr(chosen, "text", None) or getattr(submit, "deadline", None)
    submit_format = str(getattr(submit, "format", "") or "")
    said = f"{sentence or ''} {submit_format}"
    emails = list(dict.fromkeys(e.rstrip(".") for e in _EMAIL.findall(sentence or "")))
    if not emails:
        emails = list(getattr(dispatch, "emails", None) or [])
    submit_email = getattr(submit, "email", None)
    if submit_email and submit_email not in emails:
        emails.insert(0, submit_email)
    ext = _FILE_EXT.search(said)
    to = getattr(submit, "to", None)
    if not to and sentence:
        found = _TO_IN_SENTENCE.search(sentence)
        to = found.group(1).strip() if found else None
    return Submission(
        so_hieu=so_hieu,
        deadline=deadline,
        sentence=sentence,
        due=getattr(chosen, "date", None),
        day_of_month=getattr(chosen, "day_of_month", None),
        to=to,
        emails=tuple(emails),
        fmt=f"file .{ext.group(1).lower()}" if ext else None,
        soft_copy="ban mem" in fold(said),
    )


def _quote(sentence: str) -> str:
    if len(sentence) <= MAX_QUOTE:
        return sentence
    return sentence[:MAX_QUOTE].rsplit(" ", 1)[0] + " …"


def how_to_send(info: Submission) -> list[str]:
    """The "Cách gửi" line (and a "Nơi nhận" line when the address is not already in it)."""
    emails = ", ".join(info.emails)
    if info.emails and info.soft_copy:
        how = (texts.HOW_PAPER_AND_SOFT.format(to=info.to, emails=emails) if info.to
               else texts.HOW_SOFT.format(emails=emails))
        return [texts.EXPORT_HOW.format(how=how)]
    if info.emails:
        how = (texts.HOW_FILE_BY_EMAIL.format(fmt=info.fmt, emails=emails) if info.fmt
               else texts.HOW_BY_EMAIL.format(emails=emails))
        lines = [texts.EXPORT_HOW.format(how=how)]
        return lines + ([texts.EXPORT_RECIPIENT.format(to=info.to)] if info.to else [])
    if info.to:
        how = texts.HOW_TO.format(to=info.to)
        if info.fmt:
            how += f" ({info.fmt})"
        return [texts.EXPORT_HOW.format(how=how)]
    return []


def submission_lines(template: Any, dispatch: Any | None, today: dt.date | None = None) -> list[str]:
    """Deadline (with the dispatch's sentence), a past-deadline warning, and how to send the report."""
    info = submission_info(template, dispatch)
    today = today or vn_today()
    lines: list[str] = []
    if info.deadline:
        lines.append(texts.EXPORT_DEADLINE.format(so_hieu=info.so_hieu, deadline=info.deadline))
        if info.sentence:
            lines.append(texts.EXPORT_DEADLINE_QUOTE.format(sentence=_quote(info.sentence)))
        if info.due is not None and info.due < today:
            lines.append(texts.EXPORT_DEADLINE_PAST.format(date=format_date(info.due)))
        elif info.due is None and info.day_of_month:
            upcoming = next_deadline(_Monthly(info.deadline, info.day_of_month), today)
            if upcoming is not None:
                lines.append(texts.EXPORT_DEADLINE_NEXT.format(date=format_date(upcoming.date)))
    return lines + how_to_send(info)


@dataclass(frozen=True)
class _Monthly:
    """A one-deadline stand-in so :func:`bot.reminders.next_deadline` computes the next monthly date."""

    text: str
    day_of_month: int
    date: None = None

    @property
    def deadlines(self) -> list["_Monthly"]:
        return [self]
