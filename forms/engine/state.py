"""The form engine's data: state, prompts, step results, and answer paths.

Why: the engine is pure; everything it needs between two messages lives in :class:`FormState`,
which is JSON-serializable so the conversation core can store it in the database (before it
replies) and a restarted bot continues at the same field.

Paths name one answer slot:
    "I.3"            a top-level field
    "HT[2].II.1"     field II.1 of the 2nd instance (1-based) of repeating section HT
    "HT[+]"          the "add another instance?" question after the last instance of HT
    "HT[2]"          a whole instance (used in :class:`Change` when an instance is created/removed)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from forms.answers import is_empty

__all__ = [
    "FormState",
    "Prompt",
    "StepResult",
    "Change",
    "Choice",
    "Path",
    "parse_path",
    "make_path",
    "get_value",
    "set_value",
    "is_empty",
]

_PATH_RE = re.compile(r"^(?P<section>[^\[\]]+)\[(?P<index>\d+|\+)\](?:\.(?P<code>.+))?$")


@dataclass(frozen=True)
class Path:
    """A parsed answer path: ``code`` alone, or ``section[index].code`` (index 1-based)."""

    code: str | None
    section: str | None = None
    index: int | None = None  # 1-based; None with section set means the "[+]" question

    @property
    def is_add_question(self) -> bool:
        return self.section is not None and self.index is None and self.code is None


def parse_path(path: str) -> Path:
    """Parse a path string (see module docstring); a plain code is a top-level field."""
    m = _PATH_RE.match(path)
    if not m:
        return Path(code=path)
    idx = m.group("index")
    return Path(code=m.group("code"), section=m.group("section"), index=None if idx == "+" else int(idx))


def make_path(code: str | None, section: str | None = None, index: int | None = None) -> str:
    """Inverse of :func:`parse_path`."""
    if section is None:
        return code or ""
    head = f"{section}[{'+' if index is None else index}]"
    return f"{head}.{code}" if code else head


def get_value(answers: dict[str, Any], path: str) -> Any:
    """The answer at ``path`` (None when absent)."""
    p = parse_path(path)
    if p.section is None:
        return answers.get(p.code or "")
    instances = answers.get(p.section)
    if not isinstance(instances, list) or p.index is None or p.index > len(instances):
        return None
    inst = instances[p.index - 1]
    if p.code is None:
        return inst
    return inst.get(p.code) if isinstance(inst, dict) else None


def set_value(answers: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A new answers dict with ``value`` at ``path`` (None removes it); the input is not mutated.

    Copy-on-write: only the containers on the way to the changed slot are copied, so a step on
    a table with hundreds of rows stays cheap.  Setting a field of instance ``i`` creates the
    missing instances before it (as empty dicts).
    """
    p = parse_path(path)
    out = dict(answers)
    if p.section is None:
        if value is None:
            out.pop(p.code or "", None)
        else:
            out[p.code or ""] = value
        return out
    if p.index is None:
        raise ValueError(f"cannot set a value at {path!r}")
    instances = list(out.get(p.section) or [])
    while len(instances) < p.index:
        instances.append({})
    if p.code is None:
        if value is None:
            del instances[p.index - 1]
        else:
            instances[p.index - 1] = value
    else:
        inst = dict(instances[p.index - 1] or {})
        if value is None:
            inst.pop(p.code, None)
        else:
            inst[p.code] = value
        instances[p.index - 1] = inst
    out[p.section] = instances
    return out


@dataclass
class FormState:
    """Everything the engine needs between two messages (JSON-serializable).

    ``mode`` is what the next text answers: "field" (the field at ``cursor``), "longtext"
    (collecting paragraphs in ``pending["buffer"]``), "table" (the table menu), "row_group",
    "row" (walking a row's columns), "row_warn" (confirm a clerk's warning), "paste_group",
    "paste_confirm", "repeat_ask", "end" (every step visited) or "cancelled".
    ``pending`` holds what the mode is collecting (in "longtext", ``buffer``: the paragraphs
    acknowledged so far).
    """

    template_id: str
    answers: dict[str, Any] = field(default_factory=dict)
    cursor: str | None = None
    mode: str = "field"
    pending: dict[str, Any] = field(default_factory=dict)
    history: list[str] = field(default_factory=list)
    visited: list[str] = field(default_factory=list)
    closed: list[str] = field(default_factory=list)  # repeating sections the user finished
    resume: bool = False  # after an edit by code, continue at the first unvisited step
    #: long answers stored unfinished (the user left the field mid-way): path → its paragraphs,
    #: so that coming back to the field continues the same answer
    partial: dict[str, list[str]] = field(default_factory=dict)
    #: the date answers are read against (ISO "YYYY-MM-DD": the notice's or report's date), None = today
    reference: str | None = None
    #: answers filled from the request that opened the form, skipped once by the walk
    prefilled: list[str] = field(default_factory=list)
    version: int = 1

    def to_json(self) -> dict[str, Any]:
        """A plain dict for ``json.dumps`` (shares the answer values: serialize, don't mutate)."""
        return {
            "template_id": self.template_id,
            "answers": self.answers,
            "cursor": self.cursor,
            "mode": self.mode,
            "pending": self.pending,
            "history": list(self.history),
            "visited": list(self.visited),
            "closed": list(self.closed),
            "resume": self.resume,
            "partial": {k: list(v) for k, v in self.partial.items()},
            "reference": self.reference,
            "prefilled": list(self.prefilled),
            "version": self.version,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "FormState":
        """Rebuild a state from :meth:`to_json` output (unknown keys ignored)."""
        known = {f for f in cls.__dataclass_fields__}  # type: ignore[attr-defined]
        return cls(**{k: v for k, v in data.items() if k in known})

    def copy(self) -> "FormState":
        """A copy safe to modify: lists and the top-level answers dict are new objects.

        Nested answer values are shared and must be replaced, never mutated (see set_value).
        """
        return FormState(
            template_id=self.template_id,
            answers=dict(self.answers),
            cursor=self.cursor,
            mode=self.mode,
            pending=dict(self.pending),
            history=list(self.history),
            visited=list(self.visited),
            closed=list(self.closed),
            resume=self.resume,
            partial=dict(self.partial),
            reference=self.reference,
            prefilled=list(self.prefilled),
            version=self.version,
        )


@dataclass(frozen=True)
class Change:
    """One answer to persist: the new ``value`` at ``path`` (None = removed) and the user's raw text."""

    path: str
    value: Any
    raw: str | None = None


@dataclass(frozen=True)
class Choice:
    """A button: its label, the engine command it runs (with ``arg``) and its role.

    ``role`` is "answer" (picks an answer to the question), "confirm" (confirms what was shown:
    a row with a warning, pasted rows, the export) or "nav" (moves around the form).  The bot
    maps choices to its own typed actions; no adapter parses them.
    """

    label: str
    command: str
    role: str = "nav"
    arg: str | None = None


@dataclass
class Prompt:
    """What to ask next.  ``text`` is the full Vietnamese message; the rest is for buttons/UI.

    ``choices`` are the buttons to show (see :class:`Choice`); ``buttons`` is the same list as
    ``(label, "name arg")`` pairs for :meth:`FormEngine.command` (``"answer 2"`` answers the
    current question with "2").
    """

    code: str | None
    path: str | None
    label: str
    text: str
    progress: tuple[int, int] = (0, 0)
    type: str | None = None
    options: list[str] = field(default_factory=list)
    help: str = ""
    example: str | None = None
    source: str | None = None
    buttons: list[tuple[str, str]] = field(default_factory=list)
    done: bool = False
    required: bool = True
    choices: list[Choice] = field(default_factory=list)


@dataclass
class StepResult:
    """The outcome of one input or command.

    The caller persists ``changes`` (in order, with their raw text) and ``state`` before
    showing ``reply`` and then ``prompt.text``.
    """

    state: FormState
    reply: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    prompt: Prompt | None = None
    done: bool = False
    error: str | None = None
    cancelled: bool = False
