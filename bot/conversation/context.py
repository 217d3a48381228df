"""Who is talking and where they stand: loaded once per event, with the one way to persist a form step.

Durability rule: every value the user typed is committed (``Store.save_step``) before the reply is
built; the engine state (the source of truth for answers, :class:`forms.session.FormSession` JSON)
and the user's place (active draft, pending flow) are stored too, so a new process resumes at the
same question.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from bot import texts
from bot.conversation import pending
from bot.conversation.messages import Incoming
from forms.engine.state import set_value
from forms.session import FormSession, Step

OPEN = ("active", "paused")
# The audit log keeps what the user typed in full; this cap only guards it against a pathological caller.
AUDIT_TEXT_MAX = 200_000


@dataclass
class Services:
    """What every handler may use: the store, the knowledge link, the templates, files and the clock."""

    store: Any
    knowledge: Any
    templates: Any
    documents_dir: Path
    now: Callable[[], dt.datetime]

    def template(self, template_id: str, version: str | None = None) -> Any | None:
        """The template by id; with ``version`` (a draft's ``template_version``) exactly that version,
        so a newer stored version never changes a form being filled."""
        try:
            return self.templates.get(template_id) if version is None else self.templates.get(template_id, version)
        except (KeyError, ValueError):
            return None

    def resolve(self, text: str, dispatch: str | None = None) -> Any | None:
        """The published template ``text`` names; among equally named ones (several dispatches' "Biểu số
        01") the one of ``dispatch`` (the dispatch the user works on), else the most recent dispatch's."""
        try:
            found = self.templates.resolve(text, dispatch=dispatch) if dispatch else self.templates.resolve(text)
        except Exception:  # odd input must not break the chat
            return None
        return found if found is not None and getattr(found, "status", "published") != "draft" else None

    def ambiguous(self, text: str, dispatch: str | None = None) -> list[Any]:
        """The templates ``text`` names equally well when nothing ranks them (several dispatches' "Biểu số
        01" of the same or unknown dates): the bot asks which; [] when one is meant (or none)."""
        try:
            template, candidates = self.templates.choose(text, dispatch=dispatch)
        except Exception:  # odd input must not break the chat
            return []
        return [] if template is not None else [t for t in candidates if getattr(t, "status", "published") != "draft"]

    def menu(self) -> list[Any]:
        return [t for t in self.templates.all() if getattr(t, "status", "published") != "draft"]


@dataclass
class Ctx:
    """One event's view of the user: database id, place (welcomed, pending flow), open draft."""

    svc: Services
    event: Incoming
    user_id: int
    place: pending.UserPlace
    active_id: int | None
    _draft: Any = field(default=None, repr=False)
    _form: FormSession | None = field(default=None, repr=False)
    _prefetched: Any = field(default=None, repr=False)  # the active row read with the user state

    @property
    def store(self) -> Any:
        return self.svc.store

    @property
    def flow(self) -> pending.Pending | None:
        return self.place.flow

    @property
    def name(self) -> str:
        return self.event.user_name or texts.DEFAULT_NAME

    def set_flow(self, flow: pending.Pending | None) -> None:
        self.place.flow = flow
        self.store.set_user_state(self.user_id, pending=pending.dump(self.place))

    # ---- the open draft ----------------------------------------------------------------------
    def draft(self) -> Any | None:
        """The active draft row, if it is still open (a stale pointer is cleared)."""
        if self._draft is not None or self.active_id is None:
            return self._draft
        row, self._prefetched = self._prefetched, None
        if row is None or row.id != self.active_id:
            row = self.store.get_session(self.user_id, self.active_id)
        if row is None or row.status not in OPEN or self.svc.template(row.template_id, row.template_version) is None:
            self.set_active(None)
            return None
        self._draft = row
        return row

    def form(self) -> FormSession | None:
        """The open draft's form session, parsed once per event."""
        if self._form is None:
            row = self.draft()
            if row is None:
                return None
            self._form = FormSession.from_json(self.svc.template(row.template_id, row.template_version),
                                               row.state_json)
        return self._form

    def dispatch(self) -> str | None:
        """The dispatch the open draft's template comes from (None when no draft is open)."""
        row = self.draft()
        template = self.svc.template(row.template_id, row.template_version) if row is not None else None
        return getattr(getattr(template, "source", None), "dispatch", None) or None

    def resolve(self, text: str) -> Any | None:
        """``Services.resolve`` in the context of the open draft's dispatch (if a draft is open)."""
        return self.svc.resolve(text, self.dispatch())

    def set_active(self, row: Any | None, form: FormSession | None = None) -> None:
        """Make ``row`` the open draft (None: no draft open) and store it."""
        self.active_id = row.id if row is not None else None
        self._draft, self._form = row, form
        self.store.set_user_state(self.user_id, active_session_id=self.active_id)

    # ---- persisting a step -------------------------------------------------------------------
    def save(self, step: Step, raw: str | None = None, at_end: bool = False, status: str | None = None) -> None:
        """Commit a step (answers + state + current question) BEFORE the reply is built.

        Typed text that did not become an answer is kept in full in the audit log:
        "unrecorded_input" at the end of a form, "invalid_input" otherwise.
        """
        row, form = self.draft(), self.form()
        assert row is not None and form is not None
        if raw is not None and not step.changes and step.error:
            self.store.audit(self.user_id, "unrecorded_input" if at_end else "invalid_input", session=row.id,
                             code=row.current_code, text=raw[:AUDIT_TEXT_MAX])
        state_json = form.to_json()
        prompt = form.prompt()
        current = None if prompt.done else prompt.path
        if not step.changes and state_json == row.state_json and current == row.current_code and status is None:
            return
        changes = [(c.path, c.value, c.raw) for c in step.changes]
        self.store.save_step(self.user_id, row.id, changes, state_json, current, status=status)
        row.state_json, row.current_code = state_json, current  # the detached snapshot, updated

    def replace_answer(self, path: str, value: str, raw: str | None = None) -> None:
        """Replace the stored answer at ``path`` of the open draft (e.g. its diacritics restored), committed
        as a new revision (the earlier one, as typed, is kept); the walk stays where it is."""
        row, form = self.draft(), self.form()
        assert row is not None and form is not None
        form.state.answers = set_value(form.state.answers, path, value)
        state_json = form.to_json()
        self.store.save_step(self.user_id, row.id, [(path, value, raw)], state_json, row.current_code)
        row.state_json = state_json
        self._form = None  # parsed again (fresh prompt) on next use

    def flush(self) -> list[str]:
        """Store the acknowledged paragraphs of a long answer (before anything outside the form)."""
        form = self.form()
        if form is None or form.pending_text is None:
            return []
        step = form.flush()
        self.save(step)
        return step.replies
