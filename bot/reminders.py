"""Deadline reminders for unfinished drafts.

When a draft starts, the next deadline of its dispatch (a fixed date still ahead, or the next
"ngày 22 hàng tháng") decides one reminder, stored in the database (so a restart keeps it) and
sent by the adapter's periodic job through :meth:`bot.conversation.Core.due_reminders`. Finished or
cancelled drafts' reminders are cancelled (and the store skips them anyway).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from vntext.clock import VN_TZ

REMIND_DAYS_BEFORE = 2
REMIND_HOUR = 8  # 08:00 Vietnam time


@dataclass(frozen=True)
class UpcomingDeadline:
    """The next deadline of a dispatch: its date and the dispatch's words for it."""

    date: dt.date
    text: str


def _add_month(day: dt.date, day_of_month: int) -> dt.date:
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return dt.date(year, month, min(day_of_month, calendar.monthrange(year, month)[1]))


def next_deadline(dispatch: Any, today: dt.date) -> UpcomingDeadline | None:
    """The earliest deadline of ``dispatch`` on or after ``today`` (None if all are past or unknown)."""
    found: list[UpcomingDeadline] = []
    for deadline in getattr(dispatch, "deadlines", None) or []:
        text = getattr(deadline, "text", "") or ""
        fixed = getattr(deadline, "date", None)
        monthly = getattr(deadline, "day_of_month", None)
        if fixed is not None and fixed >= today:
            found.append(UpcomingDeadline(fixed, text))
        elif monthly:
            last = calendar.monthrange(today.year, today.month)[1]
            this_month = dt.date(today.year, today.month, min(int(monthly), last))
            found.append(UpcomingDeadline(this_month if this_month >= today else _add_month(today, int(monthly)), text))
    return min(found, key=lambda d: d.date) if found else None


def reminder_time(deadline: dt.date, now: dt.datetime) -> dt.datetime | None:
    """When to remind about ``deadline``: two days before at 08:00 (Vietnam), or in an hour if that is past."""
    at = dt.datetime.combine(deadline - dt.timedelta(days=REMIND_DAYS_BEFORE), dt.time(REMIND_HOUR), VN_TZ)
    end = dt.datetime.combine(deadline, dt.time(23, 59), VN_TZ)
    if at > now:
        return at
    soon = now + dt.timedelta(hours=1)
    return soon if soon < end else None
