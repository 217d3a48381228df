"""The dispatch record: what the knowledge base knows about one công văn (and its deadlines).

Parsed by :mod:`knowledge.metadata`, stored with the index, listed by :mod:`knowledge.catalogue`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Deadline:
    """A deadline the dispatch sets: a fixed date, a recurring day of the month, or text only."""

    text: str
    date: dt.date | None = None
    day_of_month: int | None = None
    sentence: str = ""


@dataclass
class Dispatch:
    """Everything the knowledge base knows about one dispatch (công văn)."""

    so_hieu: str
    aliases: list[str] = field(default_factory=list)
    date: dt.date | None = None
    issuer: str = ""
    subject: str = ""
    recipients: list[str] = field(default_factory=list)  # Kính gửi
    copied: list[str] = field(default_factory=list)  # Nơi nhận beyond "Như trên" and the archive
    signer: str | None = None
    signer_position: str | None = None
    legal_refs: list[str] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    contacts: list[str] = field(default_factory=list)
    templates: list[str] = field(default_factory=list)
    source_path: str = ""

    @property
    def number(self) -> str:
        """The leading number of the số hiệu ("232")."""
        return self.so_hieu.split("/", 1)[0]

    def date_vn(self) -> str:
        """Date as Vietnamese officials write it ("19/7/2018"), or empty."""
        return f"{self.date.day}/{self.date.month}/{self.date.year}" if self.date else ""

    def to_json(self) -> dict:
        """A JSON-ready dict (dates as ISO strings)."""
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        data["deadlines"] = [
            {**asdict(d), "date": d.date.isoformat() if d.date else None} for d in self.deadlines
        ]
        return data

    @classmethod
    def from_json(cls, data: dict) -> "Dispatch":
        """Inverse of :meth:`to_json`."""
        data = dict(data)
        data["date"] = dt.date.fromisoformat(data["date"]) if data.get("date") else None
        data["deadlines"] = [
            Deadline(**{**d, "date": dt.date.fromisoformat(d["date"]) if d.get("date") else None})
            for d in data.get("deadlines", [])
        ]
        return cls(**data)
