"""Vietnam time: every date a user or a document sees is a date in Asia/Ho_Chi_Minh.

Naive datetimes are taken as UTC (that is how the database stores them).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

__all__ = ["VN_TZ", "to_vn", "vn_now", "vn_today"]

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def to_vn(moment: dt.datetime) -> dt.datetime:
    """``moment`` in Vietnam time (a naive ``moment`` is UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(VN_TZ)


def vn_now(now: dt.datetime | None = None) -> dt.datetime:
    """The current time in Vietnam (or ``now`` converted to it, for tests and injected clocks)."""
    return to_vn(now) if now is not None else dt.datetime.now(VN_TZ)


def vn_today(now: dt.datetime | None = None) -> dt.date:
    """Today's date in Vietnam (at 23:30 UTC it is already tomorrow there)."""
    return vn_now(now).date()
