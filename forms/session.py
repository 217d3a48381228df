"""One draft of one template: THE object the conversation uses to fill a form.

Why: the bot used to re-wrap the engine (prompt normalisation, field codes, missing fields, help)
and parse the stored state several times per message.  A :class:`FormSession` is built once per
message from the stored JSON (:meth:`FormSession.from_json`), takes the user's input
(:meth:`answer`, :meth:`command`), and is written back with :meth:`to_json` — with the
:class:`Step`'s ``changes`` — before the bot replies.

The state JSON is the source of truth for the answers; ``Step.changes`` is what the caller
appends to its audit of answers (one row per change, the user's raw text with it).

For the chat on a phone (issue 12): :meth:`FormSession.start_from_text` fills what the opening
request says ("lam bieu 04 nam 2019"); :meth:`progress` and :meth:`first_answer` tell drafts apart;
:meth:`is_question` says whether a message asks rather than answers the current question.

Navigation never drops text: in a long answer, every command (and :meth:`flush`, which the bot
calls before a side question or any action outside the form) stores the acknowledged paragraphs
as the field's answer first; :attr:`pending_text` is what has been acknowledged but not yet stored.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from forms.engine import FormEngine, FormState
from forms.engine.review import missing_required
from forms.engine.state import Change, Choice, Prompt, get_value, parse_path
from forms.prefill import describe_prefill, prefill_from_text
from forms.questions import looks_like_question
from forms.schema import Template
from forms.summary import answered_count, first_answer_text
from vntext.text import fold

__all__ = ["FormSession", "Step", "MissingField", "FieldHelp", "Prompt", "Choice", "Change", "field_code"]

_ENGINES: dict[int, tuple[Template, FormEngine]] = {}
_ENGINE_CACHE_MAX = 64


def _engine(template: Template) -> FormEngine:
    """One engine (its plan built once) per template object."""
    hit = _ENGINES.get(id(template))
    if hit is not None and hit[0] is template:
        return hit[1]
    if len(_ENGINES) >= _ENGINE_CACHE_MAX:
        _ENGINES.clear()
    engine = FormEngine(template)
    _ENGINES[id(template)] = (template, engine)
    return engine


def _iso(reference: Any) -> str | None:
    """A reference date as ISO text (dates, datetimes and ISO strings accepted)."""
    if reference is None or reference == "":
        return None
    if hasattr(reference, "isoformat"):
        return reference.isoformat()[:10]
    return str(reference)


def field_code(path: str) -> str:
    """The template field code of an answer path ("HTTT[2].I.5" → "I.5", "3.1" → "3.1")."""
    return parse_path(path).code or path


@dataclass
class Step:
    """What one input or command did: answers to persist (in order), replies to show, the next prompt."""

    changes: list[Change]
    replies: list[str]
    error: str | None
    done: bool
    prompt: Prompt
    cancelled: bool = False

    @property
    def reply(self) -> str:
        """The replies as one message."""
        return "\n".join(r for r in self.replies if r)


@dataclass(frozen=True)
class MissingField:
    """A required answer still empty: its path (for ``command("goto", path)``) and how users know it."""

    path: str
    display: str  # "I.5 Mục tiêu đầu tư (hệ thống thông tin thứ 1)"


@dataclass(frozen=True)
class FieldHelp:
    """Help for a field or table column, quoted from the template (for "cột X ghi gì?")."""

    code: str
    label: str
    help: str
    source: str | None
    citation: str


@dataclass
class FormSession:
    """One draft: the template, the engine's state, and the prompt for it."""

    template: Template
    state: FormState
    _prompt: Prompt | None = field(default=None, repr=False)

    # ------------------------------------------------------------------ in and out

    @classmethod
    def start(cls, template: Template, prefill: dict[str, Any] | None = None, reference: Any = None,
              skip_prefilled: bool = False) -> "FormSession":
        """A new draft at the first question; ``prefill`` answers are kept (the user may keep or change
        them; with ``skip_prefilled`` the walk passes over them once).  ``reference`` (a date or ISO
        text: the notice's or report's date; today in Vietnam when None) is what "tháng 10" is read against."""
        ref = _iso(reference)
        return cls(template, _engine(template).start(prefill=prefill, reference=ref, skip_prefilled=skip_prefilled))

    @classmethod
    def start_from_text(cls, template: Template, text: str, reference: Any = None) -> tuple["FormSession", str | None]:
        """A new draft with what the opening request already says ("lam bieu 04 nam 2019", "mau 2 cho
        he thong mot cua") filled in and skipped; returns the session and the one line announcing what
        was filled (None when nothing was).  See :func:`forms.prefill.prefill_from_text`."""
        prefill = prefill_from_text(template, text, reference)
        session = cls.start(template, prefill=prefill, reference=reference, skip_prefilled=True)
        return session, describe_prefill(template, prefill)

    @property
    def reference(self) -> str | None:
        """The ISO date answers are read against (None: today in Vietnam)."""
        return self.state.reference

    def set_reference(self, reference: Any) -> None:
        """Read later answers against this date (a date or ISO text), e.g. the notice's date."""
        self.state.reference = _iso(reference)

    @classmethod
    def from_json(cls, template: Template, data: str | dict[str, Any] | None) -> "FormSession":
        """The draft saved by :meth:`to_json` (an empty ``data`` starts a new one).

        Raises ValueError for text that is not JSON or a draft of another template."""
        if not data:
            return cls.start(template)
        raw = json.loads(data) if isinstance(data, str) else data
        if raw.get("template_id") not in (None, "", template.id):
            raise ValueError(f"the draft is of template {raw['template_id']!r}, not {template.id!r}")
        return cls(template, FormState.from_json({**raw, "template_id": template.id}))

    def to_json(self) -> str:
        """The state to store (JSON text)."""
        return json.dumps(self.state.to_json(), ensure_ascii=False, default=str)

    # ------------------------------------------------------------------ reading

    @property
    def engine(self) -> FormEngine:
        return _engine(self.template)

    @property
    def answers(self) -> dict[str, Any]:
        """The answers (the JSON contract of ``forms.answers``), a shallow copy."""
        return dict(self.state.answers)

    @property
    def done(self) -> bool:
        """Every question walked and every required answer given: ready to export."""
        return self.prompt().done

    @property
    def cancelled(self) -> bool:
        return self.state.mode == "cancelled"

    @property
    def pending_text(self) -> str | None:
        """Paragraphs of a long answer acknowledged but not yet stored (None when there are none)."""
        if self.state.mode != "longtext":
            return None
        buffer = self.state.pending.get("buffer") or []
        text = "\n".join(buffer)
        if not text:
            return None
        stored = get_value(self.state.answers, self.state.cursor) if self.state.cursor else None
        return None if stored == text else text

    def prompt(self) -> Prompt:
        """The question to show now (code, label, type, text, options, choices, progress, done...)."""
        if self._prompt is None:
            self._prompt = self.engine.prompt(self.state)
        return self._prompt

    def missing(self) -> list[MissingField]:
        """Required answers still empty, in form order, named as the user knows them."""
        plan = self.engine.plan
        steps = missing_required(plan, self.state.answers, self.state.closed)
        return [MissingField(s.path, plan.display_name(s)) for s in steps]

    def review(self) -> str:
        """Every answer, grouped by section (text)."""
        return self.engine.review(self.state)

    def progress(self) -> tuple[int, int]:
        """(questions answered, questions in the form as it stands) — "câu 12/23" in a list of drafts."""
        return answered_count(self.engine.plan, self.state)

    def first_answer(self, limit: int = 60) -> str | None:
        """The draft's first answer in a few words, to tell drafts apart ("Hệ thống một cửa",
        "Năm kế hoạch: 2019"); None for a draft never answered."""
        return first_answer_text(self.engine.plan, self.state, limit)

    def is_question(self, text: str) -> bool:
        """Whether ``text`` typed now asks something rather than answers the current question
        (decided with the field's or column's type; see :func:`forms.questions.looks_like_question`)."""
        kind, options = self._current_kind()
        return looks_like_question(text, kind, options)

    def _current_kind(self) -> tuple[str, tuple[str, ...]]:
        state = self.state
        step = self.engine.plan.step_for(state.cursor, state.answers, state.closed) if state.cursor else None
        if step is None or step.field is None:
            return ("yesno", ()) if state.cursor else ("text", ())
        f = step.field
        if state.mode == "row" and f.table is not None:
            col = f.table.column(state.pending["col"])
            return col.type, tuple(col.options)
        if state.mode in ("row_warn", "paste_confirm"):
            return "yesno", ()
        if f.table is not None and state.mode == "table":
            return "table_menu", ()
        return f.type, tuple(f.options)

    # ------------------------------------------------------------------ acting

    def answer(self, text: str) -> Step:
        """One message typed by the user: an answer to the current question, or a command word."""
        return self._apply(self.engine.handle(self.state, text))

    def command(self, name: str, arg: str | None = None) -> Step:
        """A command of :mod:`forms.commands` (or a button's ``Choice.command``/``Choice.arg``)."""
        return self._apply(self.engine.command(self.state, name, arg))

    def flush(self) -> Step:
        """Store the acknowledged paragraphs of a long answer now (before a side question or any
        action outside the form); nothing changes when there are none."""
        return self.command("pause")

    def _apply(self, result: Any) -> Step:
        self.state = result.state
        self._prompt = result.prompt
        return Step(changes=list(result.changes), replies=list(result.reply), error=result.error,
                    done=result.done, prompt=result.prompt, cancelled=result.cancelled)

    # ------------------------------------------------------------------ help for side questions

    def field_help(self, question: str) -> FieldHelp | None:
        """The field or table column a question is about ("cột Khối lượng thực hiện ghi gì?").

        A label named in the question wins (longest match, diacritics ignored); "cột này"/"mục này"
        or a bare "ghi gì" means the current field (or the column being filled).
        """
        q = " " + " ".join(re.findall(r"[0-9a-z]+", fold(question))) + " "
        citation = self.citation()
        current_code, current_column = self._current_target()
        best: tuple[int, FieldHelp] | None = None
        current: FieldHelp | None = None
        for ref in self.template.fields():
            f = ref.field
            entries = [(f.code, f.label, f.help, f.source, None)]
            if f.table is not None:
                entries += [(f"{f.code} › {col.label}", col.label, col.help or "", None, col.id)
                            for col in f.table.columns]
            for code, label, help_text, source, column in entries:
                item = FieldHelp(code, label, help_text or "", source, citation)
                if f.code == current_code and column == current_column:
                    current = item
                key = " " + " ".join(re.findall(r"[0-9a-z]+", fold(label))) + " "
                if len(key.strip()) >= 3 and key in q and (best is None or len(key) > best[0]):
                    best = (len(key), item)
        if best is not None:
            return best[1]
        if current is not None and re.search(r"\b(cot|muc|o|truong|phan|cau) nay\b|\b(ghi|nhap|dien) gi\b", q):
            return current
        return None

    def citation(self) -> str:
        """"Công văn 1181/BTTTT-THH — Mẫu 2" (empty when the template cites no dispatch)."""
        source = getattr(self.template, "source", None)
        return f"Công văn {source.dispatch} — {source.section}" if source is not None else ""

    def _current_target(self) -> tuple[str | None, str | None]:
        """(field code, column id or None) of the question being asked."""
        state = self.state
        if state.cursor is None:
            return None, None
        code = field_code(state.cursor)
        column = state.pending.get("col") if state.mode == "row" else None
        return code, column
