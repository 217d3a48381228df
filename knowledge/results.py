"""What the knowledge base returns: passages and answers (``baocao ask --json`` prints their JSON)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Passage:
    """A retrieved passage."""

    dispatch: str
    date: dt.date | None
    section: str
    text: str
    score: float
    citation: str = ""

    def to_json(self) -> dict:
        return {
            "dispatch": self.dispatch,
            "date": self.date.isoformat() if self.date else None,
            "section": self.section,
            "text": self.text,
            "score": round(self.score, 4),
        }


@dataclass
class Answer:
    """The reply to a question: Vietnamese text with its citation, the passages (the cited one first),
    and whether we are sure (``probability`` ≥ the confidence model's threshold)."""

    text: str
    passages: list[Passage] = field(default_factory=list)
    confident: bool = False
    dispatch: str | None = None
    reply: str = ""  # the answering sentences alone (no citation, no further sources)
    kind: str = ""  # answer type: deadline, contact, signer, … or "passage"
    probability: float = 0.0
    signals: dict[str, float] = field(default_factory=dict)
    also: str = ""  # a second passage's sentences, quoted after the reply under their own citation (none: "")

    def to_json(self) -> dict:
        return {"answer": self.text, "passages": [p.to_json() for p in self.passages]}
