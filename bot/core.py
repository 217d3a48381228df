"""The conversation core: one incoming event in, a list of outgoing messages out.

Channel-agnostic and blocking (the storage API is blocking; the Telegram adapter runs ``handle`` in a
worker thread). It routes every event to one of: a command (``cmd_<action>``, table in
:mod:`bot.router`), a pending interaction (profile questions, confirmations), the open form (answer,
side question asked in the context of the form's dispatch, or small talk that re-asks the field; see
:mod:`bot.intents`), a friendly reply to small talk, or the knowledge base.

Durability rule: every value the user typed is committed to the database (``Store.save_step`` /
``save_profile``) before the reply is built; the engine state and the user's place (active draft,
pending interaction) are stored too, so a new process resumes at the same field.

Button data (at most 64 bytes, checked against the current state so old buttons are harmless):
``t:<template>`` start a form, ``d:<draft>`` continue a draft, ``c:<command>:<draft>:<field token>``
navigation, ``o:<draft>:<field token>:<n>`` pick option n, ``x:<draft>`` export,
``y:<flow>`` / ``n:<flow>`` answer a confirmation, ``p:edit`` edit the profile.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from bot import profile_flow, router, texts
from bot.export import document_path, download_name, file_digest, submission_lines
from bot.form_gateway import FieldPrompt, FormGateway, StepOutcome
from bot.intents import (Command, fold, form_request, is_question, is_same_as_last_month, parse_command, small_talk,
                         strip_question_marker)
from bot.knowledge_link import KnowledgeLink
from bot.messages import Button, Document, Incoming, Outgoing
from bot.reminders import VN_TZ, format_date_vn, next_deadline, reminder_time
from bot.uploads import MAX_UPLOAD_BYTES, extension_ok, safe_filename
from storage.errors import StorageError

log = logging.getLogger(__name__)

OPEN = ("active", "paused")
# The audit log keeps what the user typed in full (the core already refuses messages over
# texts.MAX_INPUT_CHARS; this cap only guards the log against a pathological caller).
AUDIT_TEXT_MAX = 200_000
# Field types where "ok" / "vâng" / "được" may be a real answer, so such acknowledgements go to the engine.
ACK_ANSWER_TYPES = frozenset({"yesno", "choice"})
# Field types whose earlier value must be entered again in "giống tháng trước" (they name the period).
REENTER_TYPES = frozenset({"date", "month", "period", "year_range"})
YES_WORDS = frozenset({"co", "dong y", "ok", "u", "uh", "vang", "yes", "y", "xuat", "xuat file", "chac chan"})
NO_WORDS = frozenset({"khong", "ko", "k", "no", "n", "thoi", "bo", "giu lai"})


def token(code: str | None) -> str:
    """A short stable token for a field position, to tell current buttons from old ones."""
    return hashlib.blake2s((code or "").encode(), digest_size=4).hexdigest()


@dataclass
class Ctx:
    """Who is talking and where they stand (loaded once per event)."""

    event: Incoming
    user_id: int
    active_id: int | None
    pending: dict[str, Any]

    @property
    def flow(self) -> dict[str, Any] | None:
        return self.pending.get("flow")


class Core:
    """Route events between commands, forms and the knowledge base; keep the user's place in storage."""

    def __init__(
        self,
        store: Any,
        forms: FormGateway | None = None,
        knowledge: KnowledgeLink | None = None,
        documents_dir: Path | None = None,
        now: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self.store = store
        self.forms = forms or FormGateway()
        self.knowledge = knowledge or KnowledgeLink()
        if documents_dir is None:
            from storage.paths import sub_dir

            documents_dir = sub_dir("documents")
        self.documents_dir = Path(documents_dir)
        self.now = now or (lambda: dt.datetime.now(dt.timezone.utc))
        self._users: dict[tuple[str, str, str, bool], int] = {}

    # =====================================================================================
    # entry points
    # =====================================================================================
    def handle(self, event: Incoming) -> list[Outgoing]:
        """Answer one event. Never raises: storage trouble and bugs become a Vietnamese message."""
        try:
            return self._handle(event)
        except StorageError as exc:
            log.error("Storage error for %s user %s: %s", event.channel, event.user_id, exc)
            return [Outgoing(getattr(exc, "user_message", texts.STORAGE_UNAVAILABLE))]
        except Exception:
            log.exception("Unexpected error for %s user %s", event.channel, event.user_id)
            return [Outgoing(texts.INTERNAL_ERROR)]

    def due_reminders(self, channel: str) -> list[tuple[str, Outgoing]]:
        """Reminders due now for users of ``channel``, marked sent; (channel user id, message) pairs."""
        out: list[tuple[str, Outgoing]] = []
        for reminder in self.store.due_reminders(self.now()):
            user = self.store.get_user(reminder.user_id)
            if user is None or user.channel != channel:
                continue
            self.store.mark_reminder_sent(reminder.id)
            buttons = [[Button(texts.BTN_CONTINUE, f"d:{reminder.session_id}")]] if reminder.session_id else []
            out.append((user.channel_user_id, Outgoing(reminder.message, buttons)))
        return out

    # =====================================================================================
    # dispatch
    # =====================================================================================
    def _handle(self, event: Incoming) -> list[Outgoing]:
        if event.kind == "other":
            log.info("Unsupported content (%s) from %s user %s", event.text or "?", event.channel, event.user_id)
            return [Outgoing(texts.UNSUPPORTED_CONTENT)]
        if event.kind == "text":
            if len(event.text) > texts.MAX_INPUT_CHARS:
                log.info("Refused a %d-character message from %s user %s", len(event.text), event.channel, event.user_id)
                return [Outgoing(texts.TOO_LONG.format(length=f"{len(event.text):,}".replace(",", "."),
                                                       limit=f"{texts.MAX_INPUT_CHARS:,}".replace(",", ".")))]
            if not event.text.strip():
                return [Outgoing(texts.EMPTY_INPUT)]
        user_id = self._user_id(event)
        state = self.store.get_user_state(user_id)
        ctx = Ctx(event, user_id, state.active_session_id, dict(state.pending or {}))
        out: list[Outgoing] = []
        if not ctx.pending.get("welcomed"):
            ctx.pending["welcomed"] = True
            self.store.set_user_state(ctx.user_id, pending=ctx.pending)
            out.append(Outgoing(texts.WELCOME.format(name=event.user_name or "bạn")))
            command = parse_command(event.text) if event.kind == "text" else None
            if command is not None and router.action_for(command.name) == "start":
                return out + self._template_menu()
            if event.kind == "text" and small_talk(event.text) is not None:
                return out  # a first "xin chào": the welcome is the reply
        if event.kind == "file":
            return out + self._file(ctx)
        if event.kind == "button":
            return out + self._button(ctx, event.button or "")
        return out + self._text(ctx, event.text)

    def _user_id(self, event: Incoming) -> int:
        """The database id of the event's user, created on first contact.

        Cached per (channel, user, name, role) so that an ordinary step does not pay a write
        transaction just to look the user up; a changed name or role is written again.
        """
        key = (event.channel, event.user_id, event.user_name, event.is_admin)
        cached = self._users.get(key)
        if cached is None:
            user = self.store.get_or_create_user(event.channel, event.user_id, event.user_name or None,
                                                 role="admin" if event.is_admin else None)
            if len(self._users) > 50_000:
                self._users.clear()
            cached = self._users[key] = user.id
        return cached

    def _text(self, ctx: Ctx, text: str) -> list[Outgoing]:
        command = parse_command(text)
        if command is not None:
            return self._command(ctx, command)
        flow = ctx.flow
        if flow is not None:
            handled = self._flow_text(ctx, flow, text)
            if handled is not None:
                return handled
        if ctx.active_id is not None:
            session = self._open_session(ctx)
            if session is not None:
                return self._form_text(ctx, session, text)
        return self._idle_text(ctx, text)

    def _idle_text(self, ctx: Ctx, text: str) -> list[Outgoing]:
        """No form open: "giống tháng trước", a form request, or a question."""
        kind = small_talk(text)
        if kind is not None:
            return self._small_talk_idle(ctx, kind)
        if is_same_as_last_month(text):
            return self._same_as_last(ctx, text)
        template = form_request(text, self.forms.resolve)
        if template is not None:
            return self._start_form(ctx, template)
        return [self._ask(text)]

    # =====================================================================================
    # commands
    # =====================================================================================
    def _command(self, ctx: Ctx, command: Command) -> list[Outgoing]:
        action = router.action_for(command.name)
        if action is None:
            return [Outgoing(texts.UNKNOWN_COMMAND.format(command="/" + command.name))]
        if ctx.flow is not None and ctx.flow.get("kind") == "profile" and action in ("skip", "cancel"):
            return self._profile_input(ctx, ctx.flow, "", skip=action == "skip", abort=action == "cancel")
        keeps_profile = ctx.flow is not None and ctx.flow.get("kind") == "profile" and action == "start"
        if ctx.flow is not None and action not in ("help", "review") and not keeps_profile:
            self._set_flow(ctx, None)  # a new command abandons a pending confirmation
        handler = getattr(self, f"cmd_{action}")
        return handler(ctx, command.arg)

    def cmd_start(self, ctx: Ctx, arg: str) -> list[Outgoing]:
        """The welcome, then where the user stands: a pending profile question, else the open form's field.

        A restart of the terminal chat sends /start first: a half-answered agency profile must be
        asked again here, so the next line typed answers it (and is not taken by the form).
        """
        out = [Outgoing(texts.WELCOME.format(name=ctx.event.user_name or "bạn"))]
        flow = ctx.flow
        if flow is not None and flow.get("kind") == "profile":
            return out + [Outgoing(texts.PROFILE_RESUMED), Outgoing(profile_flow.question(int(flow.get("step", 0))))]
        session = self._open_session(ctx)
        if session is not None:
            out.append(Outgoing(texts.FORM_RESUMED.format(title=self._title(session))))
            out.append(self._prompt_out(session))
        return out

    def cmd_help(self, ctx: Ctx, arg: str) -> list[Outgoing]:
        extra = texts.CHANNEL_HELP.get(ctx.event.channel)
        out = [Outgoing(f"{texts.HELP}\n{extra}" if extra else texts.HELP)]
        session = self._open_session(ctx)
        if session is not None:
            out.append(self._prompt_out(session))
        return out

    def cmd_templates(self, ctx: Ctx, arg: str) -> list[Outgoing]:
        return self._template_menu()

    def _template_menu(self, header: str = texts.FORM_LIST_HEADER) -> list[Outgoing]:
        templates = self.forms.templates()
        if not templates:
            return [Outgoing(texts.FORM_LIST_EMPTY)]
        lines = [header] + [texts.FORM_LIST_ITEM.format(title=t.title, id=t.id) for t in templates]
        buttons = [[Button(self._short_title(t), f"t:{t.id}")] for t in templates]
        return [Outgoing("\n".join(lines), buttons)]

    def cmd_fill(self, ctx: Ctx, arg: str) -> list[Outgoing]:
        if not arg.strip():
            return self._template_menu(texts.FORM_ASK_WHICH)
        template = self.forms.resolve(arg)
        if template is None:
            return [Outgoing(texts.FORM_NOT_FOUND.format(query=arg.strip()[:80]))] + self._template_menu()
        return self._start_form(ctx, template)

    def cmd_drafts(self, ctx: Ctx, arg: str) -> list[Outgoing]:
        sessions = self.store.list_sessions(ctx.user_id, statuses=OPEN)
        if not sessions:
            return [Outgoing(texts.NO_DRAFTS)]
        lines = [texts.DRAFTS_HEADER]
        buttons = []
        for s in sessions:
            status = texts.STATUS_NAMES.get(s.status, s.status)
            if s.id == ctx.active_id:
                status += ", đang mở"
            lines.append(texts.DRAFT_ITEM.format(number=s.id, title=self._title(s), status=status,
                                                 updated=s.updated_at.astimezone(VN_TZ).strftime("%d/%m/%Y %H:%M")))
            buttons.append([Button(f"{texts.BTN_CONTINUE} {s.id}: {self._title(s)}"[:60], f"d:{s.id}")])
        return [Outgoing("\n".join(lines), buttons)]

    def cmd_resume(self, ctx: Ctx, arg: str) -> list[Outgoing]:
        match = re.search(r"\d+", arg or "")
        if not match:
            return [Outgoing(texts.DRAFT_ASK_NUMBER)] + self.cmd_drafts(ctx, "")
        return self._resume(ctx, int(match.group(0)))

    def _resume(self, ctx: Ctx, session_id: int) -> list[Outgoing]:
        session = self.store.get_session(ctx.user_id, session_id)
        if session is None:
            return [Outgoing(texts.DRAFT_NOT_FOUND.format(number=session_id))]
        if session.status == "completed":
            return [Outgoing(texts.DRAFT_FINISHED.format(title=self._title(session)))]
        if session.status == "cancelled":
            return [Outgoing(texts.DRAFT_CANCELLED)]
        out = self._leave_active(ctx, except_id=session.id)
        if session.status != "active":
            session = self.store.set_session_status(ctx.user_id, session.id, "active")
        self.store.set_user_state(ctx.user_id, active_session_id=session.id)
        ctx.active_id = session.id
        self.store.audit(ctx.user_id, "resume", session=session.id)
        return out + [Outgoing(texts.FORM_RESUMED.format(title=self._title(session))), self._prompt_out(session)]

    def _needs_form(self, ctx: Ctx) -> Any | None:
        return self._open_session(ctx)

    def cmd_review(self, ctx: Ctx, arg: str) -> list[Outgoing]:
        session = self._needs_form(ctx)
        if session is None:
            return [Outgoing(texts.NO_ACTIVE_FORM)]
        outcome = self.forms.command(session.template_id, session.state_json, "review")
        return [Outgoing(outcome.reply or outcome.error or texts.REVIEW_HEADER), self._prompt_out(session)]

    def cmd_edit(self, ctx: Ctx, arg: str) -> list[Outgoing]:
        session = self._needs_form(ctx)
        if session is None:
            return [Outgoing(texts.NO_ACTIVE_FORM)]
        if not arg.strip():
            return [Outgoing(texts.EDIT_ASK_CODE)]
        return self._engine_command(ctx, session, "edit", arg.strip())

    def cmd_skip(self, ctx: Ctx, arg: str) -> list[Outgoing]:
        session = self._needs_form(ctx)
        if session is None:
            return [Outgoing(texts.NO_ACTIVE_FORM)]
        return self._engine_command(ctx, session, "skip")

    def cmd_back(self, ctx: Ctx, arg: str) -> list[Outgoing]:
        session = self._needs_form(ctx)
        if session is None:
            return [Outgoing(texts.NO_ACTIVE_FORM)]
        return self._engine_command(ctx, session, "back")

    def cmd_pause(self, ctx: Ctx, arg: str) -> list[Outgoing]:
        session = self._needs_form(ctx)
        if session is None:
            return [Outgoing(texts.NO_ACTIVE_FORM)]
        self.store.set_session_status(ctx.user_id, session.id, "paused")
        self.store.set_user_state(ctx.user_id, active_session_id=None)
        self.store.audit(ctx.user_id, "pause", session=session.id)
        return [Outgoing(texts.PAUSED.format(title=self._title(session), number=session.id),
                         [[Button(texts.BTN_CONTINUE, f"d:{session.id}")]])]

    def cmd_cancel(self, ctx: Ctx, arg: str) -> list[Outgoing]:
        session = self._needs_form(ctx)
        if session is None:
            return [Outgoing(texts.NO_ACTIVE_FORM)]
        self._set_flow(ctx, {"kind": "cancel", "session": session.id})
        return [Outgoing(texts.CANCEL_CONFIRM.format(title=self._title(session)),
                         [[Button(texts.BTN_CANCEL_YES, "y:cancel"), Button(texts.BTN_CANCEL_NO, "n:cancel")]])]

    def cmd_finish(self, ctx: Ctx, arg: str) -> list[Outgoing]:
        session = self._needs_form(ctx)
        if session is None:
            return [Outgoing(texts.NO_ACTIVE_FORM)]
        return self._export(ctx, session)

    def cmd_profile(self, ctx: Ctx, arg: str) -> list[Outgoing]:
        profile = self._profile(ctx)
        if fold(arg).startswith("sua") or not any(profile.values()):
            self._set_flow(ctx, {"kind": "profile", "step": 0, "export": None, "all": True})
            return [Outgoing(texts.PROFILE_INTRO), Outgoing(profile_flow.question(0))]
        return [Outgoing(profile_flow.describe(profile), [[Button("Sửa hồ sơ", "p:edit")]])]

    def cmd_ask(self, ctx: Ctx, arg: str) -> list[Outgoing]:
        if not arg.strip():
            return [Outgoing("Bạn muốn hỏi gì? Ví dụ: /hoi hạn nộp báo cáo hàng tháng là ngày nào?")]
        session = self._open_session(ctx)
        out = [self._ask(arg, self._dispatch_of(session))]
        if session is not None:
            out.append(self._prompt_out(session, prefix=texts.QUESTION_REASK))
        return out

    # =====================================================================================
    # buttons
    # =====================================================================================
    def _button(self, ctx: Ctx, data: str) -> list[Outgoing]:
        kind, _, rest = data.partition(":")
        parts = rest.split(":") if rest else []
        try:
            if kind == "t" and parts:
                template = self._template_or_none(parts[0])
                if template is None:
                    return self._stale(ctx)
                return self._start_form(ctx, template)
            if kind == "d" and parts:
                return self._resume(ctx, int(parts[0]))
            if kind == "p":
                return self.cmd_profile(ctx, "sua")
            if kind in ("y", "n") and parts:
                flow = ctx.flow
                if flow is None or flow.get("kind") != parts[0]:
                    return self._stale(ctx)
                return self._confirm(ctx, flow, kind == "y")
            if kind == "x" and parts:
                session = self._button_session(ctx, int(parts[0]))
                if isinstance(session, list):
                    return session
                return self._export(ctx, session)
            if kind == "e" and len(parts) >= 3:
                session = self._button_session(ctx, int(parts[0]))
                if isinstance(session, list):
                    return session
                prompt = self.forms.prompt(session.template_id, session.state_json)
                command = ":".join(parts[2:])
                if parts[1] != token(prompt.code) or command not in {cmd for _, cmd in prompt.buttons}:
                    return self._stale(ctx, session)
                name, _, arg = command.partition(" ")
                return self._engine_command(ctx, session, name, arg or None)
            if kind in ("c", "o") and len(parts) >= 3:
                sid = int(parts[1] if kind == "c" else parts[0])
                session = self._button_session(ctx, sid)
                if isinstance(session, list):
                    return session
                tok = parts[2] if kind == "c" else parts[1]
                prompt = self.forms.prompt(session.template_id, session.state_json)
                if tok != token(prompt.code):
                    return self._stale(ctx, session)
                if kind == "c":
                    action = parts[0]
                    if action not in router.FORM_ACTIONS:
                        return self._stale(ctx, session)
                    return getattr(self, f"cmd_{action}")(ctx, "")
                index = int(parts[2])
                if not 1 <= index <= len(prompt.options):
                    return self._stale(ctx, session)
                return self._form_answer(ctx, session, prompt, prompt.options[index - 1])
        except ValueError:
            pass
        log.info("Unknown button data %r from user %s", data, ctx.user_id)
        return self._stale(ctx)

    def _button_session(self, ctx: Ctx, session_id: int) -> Any:
        """The draft a button refers to, if it is still the open one; else the reply explaining why not."""
        session = self.store.get_session(ctx.user_id, session_id)
        if session is None:
            return self._stale(ctx)
        if session.status == "completed":
            return [Outgoing(texts.DRAFT_FINISHED.format(title=self._title(session)))]
        if session.status == "cancelled":
            return [Outgoing(texts.DRAFT_CANCELLED)]
        if session.id != ctx.active_id:
            return self._stale(ctx)
        return session

    def _stale(self, ctx: Ctx, session: Any = None) -> list[Outgoing]:
        session = session or self._open_session(ctx)
        if session is None:
            return [Outgoing(texts.STALE_BUTTON_IDLE)]
        return [Outgoing(texts.STALE_BUTTON), self._prompt_out(session)]

    # =====================================================================================
    # pending interactions (profile questions, confirmations)
    # =====================================================================================
    def _set_flow(self, ctx: Ctx, flow: dict[str, Any] | None) -> None:
        if flow is None:
            ctx.pending.pop("flow", None)
        else:
            ctx.pending["flow"] = flow
        self.store.set_user_state(ctx.user_id, pending=ctx.pending)

    def _flow_text(self, ctx: Ctx, flow: dict[str, Any], text: str) -> list[Outgoing] | None:
        """Typed text while something is pending; None to fall through to normal handling."""
        if flow.get("kind") == "profile":
            if small_talk(text) is not None:  # "xin chào" is not the agency's name
                return [Outgoing(texts.SMALL_TALK_PROFILE), Outgoing(profile_flow.question(int(flow.get("step", 0))))]
            return self._profile_input(ctx, flow, text)
        word = fold(text).strip(" .!")
        if word in YES_WORDS or word in NO_WORDS:
            return self._confirm(ctx, flow, word in YES_WORDS)
        self._set_flow(ctx, None)  # the user moved on: forget the question
        return None

    def _confirm(self, ctx: Ctx, flow: dict[str, Any], yes: bool) -> list[Outgoing]:
        self._set_flow(ctx, None)
        kind = flow.get("kind")
        if kind == "cancel":
            session = self.store.get_session(ctx.user_id, int(flow["session"]))
            if session is None or session.status not in OPEN:
                return self._stale(ctx)
            if not yes:
                return [Outgoing(texts.CANCEL_KEPT), self._prompt_out(session)]
            self.store.set_session_status(ctx.user_id, session.id, "cancelled")
            self.store.cancel_reminders(session.id)
            if ctx.active_id == session.id:
                self.store.set_user_state(ctx.user_id, active_session_id=None)
                ctx.active_id = None
            self.store.audit(ctx.user_id, "cancel", session=session.id)
            return [Outgoing(texts.CANCELLED.format(title=self._title(session)))]
        if kind == "same":
            if not yes:
                return [Outgoing(texts.SAME_DECLINED)]
            return self._same_create(ctx, flow)
        return self._stale(ctx)

    def _profile(self, ctx: Ctx) -> dict[str, Any]:
        profile = self.store.get_profile(ctx.user_id)
        return profile.as_dict() if profile is not None else {}

    def _profile_input(self, ctx: Ctx, flow: dict[str, Any], text: str, skip: bool = False,
                       abort: bool = False) -> list[Outgoing]:
        if abort:
            self._set_flow(ctx, None)
            out = [Outgoing("Đã dừng nhập hồ sơ. Những mục đã nhập vẫn được lưu.")]
            session = self._open_session(ctx)
            return out + ([self._prompt_out(session)] if session is not None else [])
        step = int(flow.get("step", 0))
        parsed = profile_flow.parse(step, text, skip=skip)
        if parsed.error:
            return [Outgoing(parsed.error), Outgoing(profile_flow.question(step))]
        self.store.save_profile(ctx.user_id, **{parsed.field: parsed.value})  # committed before the reply
        profile = self._profile(ctx)
        next_step = step + 1
        if not flow.get("all"):
            needed = flow.get("needed") or profile_flow.FIELDS
            while next_step < len(profile_flow.FIELDS) and (
                profile.get(profile_flow.FIELDS[next_step]) or profile_flow.FIELDS[next_step] in profile_flow.OPTIONAL
                or profile_flow.FIELDS[next_step] not in needed
            ):
                next_step += 1
        if next_step < len(profile_flow.FIELDS):
            self._set_flow(ctx, {**flow, "step": next_step})
            return [Outgoing(profile_flow.question(next_step))]
        self._set_flow(ctx, None)
        self.store.audit(ctx.user_id, "profile_saved")
        out = [Outgoing(texts.PROFILE_SAVED)]
        export_id = flow.get("export")
        if export_id:
            session = self.store.get_session(ctx.user_id, int(export_id))
            if session is not None and session.status in OPEN:
                return out + self._export(ctx, session)
        session = self._open_session(ctx)
        if session is not None:
            out.append(self._prompt_out(session))
        return out

    # =====================================================================================
    # forms
    # =====================================================================================
    def _template_or_none(self, template_id: str) -> Any | None:
        try:
            return self.forms.template(template_id)
        except KeyError:
            return None

    def _open_session(self, ctx: Ctx) -> Any | None:
        """The active draft, if it is still open (a stale pointer is cleared)."""
        if ctx.active_id is None:
            return None
        session = self.store.get_session(ctx.user_id, ctx.active_id)
        if session is None or session.status not in OPEN:
            self.store.set_user_state(ctx.user_id, active_session_id=None)
            ctx.active_id = None
            return None
        return session

    def _leave_active(self, ctx: Ctx, except_id: int | None = None) -> list[Outgoing]:
        """Pause the open draft (if any) before another one is opened; say so."""
        session = self._open_session(ctx)
        if session is None or session.id == except_id:
            return []
        self.store.set_session_status(ctx.user_id, session.id, "paused")
        return [Outgoing(texts.SWITCHED_DRAFT.format(title=self._title(session)))]

    def _start_form(self, ctx: Ctx, template: Any, prefill: dict[str, Any] | None = None,
                    changes: list[tuple[str, Any, str | None]] | None = None) -> list[Outgoing]:
        out = self._leave_active(ctx)
        state_json = self.forms.start(template.id, prefill=prefill)
        session = self.store.create_session(ctx.user_id, template.id, str(template.version), state_json,
                                            title=self._short_title(template))
        prompt = self.forms.prompt(template.id, state_json)
        if changes:
            self.store.save_step(ctx.user_id, session.id, changes, state_json, prompt.code)
        self.store.set_user_state(ctx.user_id, active_session_id=session.id)
        ctx.active_id = session.id
        self.store.audit(ctx.user_id, "start_form", template=template.id, session=session.id)
        self._schedule_reminder(ctx, session, template)
        session = self.store.get_session(ctx.user_id, session.id)
        out.append(Outgoing(texts.FORM_STARTED.format(title=template.title)))
        out.append(self._prompt_out(session, prompt=prompt))
        return out

    def _form_text(self, ctx: Ctx, session: Any, text: str) -> list[Outgoing]:
        prompt = self.forms.prompt(session.template_id, session.state_json)
        if prompt.done and fold(text).strip(" .!") in YES_WORDS | {"xong", "hoan tat", "xuat bao cao"}:
            return self._export(ctx, session)
        kind = small_talk(text)
        if kind is not None and not (kind == "ack" and self._ack_may_answer(prompt)):
            self.store.audit(ctx.user_id, "small_talk", session=session.id, code=prompt.code, text=text[:AUDIT_TEXT_MAX])
            line = texts.SMALL_TALK_FORM[kind].format(name=ctx.event.user_name or "bạn", title=self._title(session))
            return [self._prompt_out(session, prompt=prompt, prefix=line)]
        explicit, body = strip_question_marker(text)
        # With no field open (end of form) the engine still takes typed commands ("sửa I.2", "xem lại"),
        # so judge the text like a non-free-text field.
        field_type = prompt.type if prompt.code is not None else "choice"
        if explicit or is_question(text, field_type):
            return [self._side_answer(session, prompt, body),
                    self._prompt_out(session, prompt=prompt, prefix=texts.QUESTION_REASK)]
        return self._form_answer(ctx, session, prompt, text)

    @staticmethod
    def _ack_may_answer(prompt: FieldPrompt) -> bool:
        """Whether "ok"/"vâng"/"ừ" may be a real answer here (yes/no, choices, "add another?"), for the engine."""
        if prompt.done:
            return False
        return (prompt.type is None or prompt.type in ACK_ANSWER_TYPES or bool(prompt.options)
                or any(cmd.startswith("answer ") for _, cmd in prompt.buttons))

    def _small_talk_idle(self, ctx: Ctx, kind: str) -> list[Outgoing]:
        """A friendly reply to a greeting/thanks/"ok" with no form open, and what the user can do next."""
        text = texts.SMALL_TALK_IDLE[kind].format(name=ctx.event.user_name or "bạn")
        drafts = self.store.list_sessions(ctx.user_id, statuses=OPEN)
        if drafts:
            text += "\n" + texts.SMALL_TALK_DRAFTS.format(count=len(drafts))
        return [Outgoing(text)]

    def _form_answer(self, ctx: Ctx, session: Any, prompt: FieldPrompt, text: str) -> list[Outgoing]:
        outcome = self.forms.answer(session.template_id, session.state_json, text)
        return self._apply(ctx, session, outcome, raw=text, at_end=prompt.done)

    def _engine_command(self, ctx: Ctx, session: Any, action: str, arg: str | None = None) -> list[Outgoing]:
        outcome = self.forms.command(session.template_id, session.state_json, action, arg)
        return self._apply(ctx, session, outcome)

    def _apply(self, ctx: Ctx, session: Any, outcome: StepOutcome, raw: str | None = None,
               at_end: bool = False) -> list[Outgoing]:
        """Commit the engine's outcome (answers + state + place) BEFORE building the reply.

        Typed text that did not become an answer is kept in full in the audit log: "invalid_input" when
        the engine rejected it for the current field, "unrecorded_input" when the engine stood at its
        end state (every field answered, ``at_end``) and said the text was not recorded.
        """
        if raw is not None and not outcome.changes and outcome.error:
            kind = "unrecorded_input" if at_end else "invalid_input"
            self.store.audit(ctx.user_id, kind, session=session.id, code=session.current_code,
                             text=raw[:AUDIT_TEXT_MAX])
        if outcome.error:
            if outcome.state_json != session.state_json:  # e.g. "finish" moved to the first missing field
                prompt = self.forms.prompt(session.template_id, outcome.state_json)
                self.store.save_step(ctx.user_id, session.id, outcome.changes, outcome.state_json, prompt.code)
                session = self.store.get_session(ctx.user_id, session.id)
            return [Outgoing(outcome.reply or outcome.error), self._prompt_out(session)]
        prompt = self.forms.prompt(session.template_id, outcome.state_json)
        current = None if prompt.done else prompt.code
        self.store.save_step(ctx.user_id, session.id, outcome.changes, outcome.state_json, current)
        session.state_json, session.current_code = outcome.state_json, current  # the detached snapshot, updated
        out: list[Outgoing] = []
        if outcome.reply:
            out.append(Outgoing(outcome.reply))
        if prompt.done:
            out.extend(self._review_for_export(session))
        else:
            out.append(self._prompt_out(session, prompt=prompt))
        return out

    def _review_for_export(self, session: Any) -> list[Outgoing]:
        review = self.forms.command(session.template_id, session.state_json, "review")
        return [
            Outgoing(f"{texts.REVIEW_HEADER}\n{review.reply or ''}".strip()),
            Outgoing(texts.EXPORT_CONFIRM, [[Button(texts.BTN_EXPORT, f"x:{session.id}")],
                                            [Button(texts.BTN_BACK, f"c:back:{session.id}:{token(None)}"),
                                             Button(texts.BTN_PAUSE, f"c:pause:{session.id}:{token(None)}")]]),
        ]

    def _prompt_out(self, session: Any, prompt: FieldPrompt | None = None, prefix: str = "") -> Outgoing:
        """The current field's question with its buttons (the engine's choices and navigation, plus pause)."""
        prompt = prompt or self.forms.prompt(session.template_id, session.state_json)
        tok = token(prompt.code)
        rows: list[list[Button]] = []
        answers = [(label, cmd) for label, cmd in prompt.buttons if cmd.startswith("answer ")]
        others = [(label, cmd) for label, cmd in prompt.buttons if not cmd.startswith("answer ")]
        for label, cmd in answers[:12]:
            rows.append([Button(label[:60], self._engine_button(session.id, tok, cmd))])
        nav = [Button(label[:40], self._engine_button(session.id, tok, cmd)) for label, cmd in others
               if cmd != "finish"]
        for i in range(0, len(nav), 3):
            rows.append(nav[i:i + 3])
        if prompt.done:
            rows.append([Button(texts.BTN_EXPORT, f"x:{session.id}")])
        rows.append([Button(texts.BTN_PAUSE, f"c:pause:{session.id}:{tok}")])
        text = prompt.text or prompt.label
        return Outgoing(f"{prefix}\n{text}".strip() if prefix else text, rows)

    @staticmethod
    def _engine_button(session_id: int, tok: str, command: str) -> str:
        """Button data for an engine command, cut to Telegram's 64-byte limit."""
        data = f"e:{session_id}:{tok}:{command}"
        return data.encode()[:64].decode(errors="ignore")

    # ---- side questions -------------------------------------------------------------------
    def _side_answer(self, session: Any, prompt: FieldPrompt, question: str) -> Outgoing:
        """A question asked during a form: the template's own help for a named column/field, else the KB."""
        found = self.forms.field_help(session.template_id, question, prompt.code)
        if found is not None and (found.help or found.source):
            lines = [texts.FIELD_HELP_HEADER.format(code=found.code, label=found.label)]
            if found.help:
                lines.append(found.help)
            if found.source:
                lines.append(texts.FIELD_SOURCE.format(quote=found.source))
            if found.citation:
                lines.append(f"({found.citation})")
            return Outgoing("\n".join(lines))
        return self._ask(question, self._dispatch_of(session))

    def _dispatch_of(self, session: Any | None) -> str | None:
        """The dispatch a draft's template comes from ("1181/BTTTT-THH"): the context of side questions."""
        if session is None:
            return None
        template = self._template_or_none(session.template_id)
        source = getattr(template, "source", None)
        return getattr(source, "dispatch", None) or None

    def _ask(self, question: str, dispatch: str | None = None) -> Outgoing:
        _, body = strip_question_marker(question)
        answer = self.knowledge.ask(body or question, dispatch=dispatch)
        return Outgoing(answer if answer else texts.ANSWER_NOT_AVAILABLE)

    # ---- export --------------------------------------------------------------------------
    def _export(self, ctx: Ctx, session: Any) -> list[Outgoing]:
        template = self.forms.template(session.template_id)
        answers = self.forms.answers(session.template_id, session.state_json)
        missing = self.forms.missing(session.template_id, session.state_json)
        if missing:
            shown = ", ".join(missing[:8]) + (" …" if len(missing) > 8 else "")
            out = [Outgoing(texts.EXPORT_MISSING.format(count=len(missing), codes=shown, first=missing[0]))]
            outcome = self.forms.command(session.template_id, session.state_json, "edit", missing[0])
            if not outcome.error:
                return out + self._apply(ctx, session, outcome)
            return out + [self._prompt_out(session)]
        needed = tuple(getattr(template, "profile_fields", ()) or ())
        profile = self._profile(ctx)
        gaps = profile_flow.missing(profile, needed)
        if gaps:
            step = 0 if not any(profile.values()) else profile_flow.FIELDS.index(gaps[0])
            self._set_flow(ctx, {"kind": "profile", "step": step, "export": session.id, "needed": list(needed)})
            return [Outgoing(texts.PROFILE_INTRO), Outgoing(profile_flow.question(step))]
        path = document_path(self.documents_dir, ctx.event.channel, ctx.event.user_id, template.id, session.id)
        try:
            self.forms.render(template.id, answers, profile, path)
        except Exception as exc:
            log.exception("Rendering %s (draft %s) failed", template.id, session.id)
            reason = str(exc) if isinstance(exc, ValueError) and str(exc) else type(exc).__name__
            return [Outgoing(texts.EXPORT_FAILED.format(reason=reason[:500]))]
        sha, size = file_digest(path)
        self.store.add_document(ctx.user_id, session.id, path, sha, size)
        self.store.save_step(ctx.user_id, session.id, [], session.state_json, None, status="completed")
        self.store.cancel_reminders(session.id)
        self.store.set_user_state(ctx.user_id, active_session_id=None)
        ctx.active_id = None
        self.store.audit(ctx.user_id, "export", session=session.id, sha256=sha)
        dispatch = self.knowledge.dispatch(template.source.dispatch) if getattr(template, "source", None) else None
        caption = "\n".join([texts.EXPORT_DONE.format(title=self._short_title(template))]
                            + submission_lines(template, dispatch, self.now().astimezone(VN_TZ).date()))
        return [Outgoing(caption, document=Document(path=path, filename=download_name(template), caption=caption))]

    # ---- "giống tháng trước" --------------------------------------------------------------
    def _same_as_last(self, ctx: Ctx, text: str) -> list[Outgoing]:
        template = self.forms.resolve(text) if re.search(r"\d", text) else None
        if template is not None:
            last = self.store.last_completed_session(ctx.user_id, template.id)
        else:
            done = self.store.list_sessions(ctx.user_id, statuses=("completed",))
            last = done[0] if done else None
        if last is None:
            which = f" của {self._short_title(template)}" if template is not None else ""
            return [Outgoing(texts.SAME_NO_PREVIOUS.format(which=which))]
        template = self.forms.template(last.template_id)
        answers = self.forms.answers(last.template_id, last.state_json)
        lines = [texts.SAME_DIFF_HEADER.format(
            title=self._short_title(template),
            date=(last.completed_at or last.updated_at).astimezone(VN_TZ).strftime("%d/%m/%Y"))]
        for code, value in self._flatten(answers):
            label, ftype = self._field_info(template, self.forms.field_code(code))
            shown = self._short_value(value)
            if ftype in REENTER_TYPES:
                lines.append(f"• {code} {label}: {shown} → cần nhập lại (thời gian báo cáo)")
            else:
                lines.append(texts.SAME_DIFF_ITEM.format(code=code, label=label, value=shown))
        self._set_flow(ctx, {"kind": "same", "from": last.id, "template": last.template_id})
        return [Outgoing("\n".join(lines)[:3900]),
                Outgoing(texts.SAME_CONFIRM, [[Button(texts.BTN_YES, "y:same"), Button(texts.BTN_NO, "n:same")]])]

    def _same_create(self, ctx: Ctx, flow: dict[str, Any]) -> list[Outgoing]:
        last = self.store.get_session(ctx.user_id, int(flow["from"]))
        if last is None:
            return self._stale(ctx)
        template = self.forms.template(last.template_id)
        answers = self.forms.answers(last.template_id, last.state_json)
        prefill = {c: v for c, v in answers.items() if self._field_info(template, c)[1] not in REENTER_TYPES}
        changes = [(c, v, None) for c, v in prefill.items()]
        return [Outgoing(texts.SAME_CREATED)] + self._start_form(ctx, template, prefill=prefill, changes=changes)

    # ---- reminders -----------------------------------------------------------------------
    def _schedule_reminder(self, ctx: Ctx, session: Any, template: Any) -> None:
        source = getattr(template, "source", None)
        if source is None:
            return
        dispatch = self.knowledge.dispatch(source.dispatch)
        now = self.now()
        upcoming = next_deadline(dispatch, now.astimezone(VN_TZ).date()) if dispatch is not None else None
        if upcoming is None:
            return
        due = reminder_time(upcoming.date, now)
        if due is None:
            return
        message = texts.REMINDER.format(title=self._title(session), so_hieu=getattr(dispatch, "so_hieu", source.dispatch),
                                        deadline=f"{upcoming.text} ({format_date_vn(upcoming.date)})".strip(),
                                        number=session.id)
        self.store.add_reminder(ctx.user_id, due, message, session_id=session.id)

    # ---- files ---------------------------------------------------------------------------
    def _file(self, ctx: Ctx) -> list[Outgoing]:
        incoming = ctx.event.file
        assert incoming is not None
        safe = safe_filename(incoming.name)
        if not ctx.event.is_admin:
            log.info("Refused a file from non-admin %s user %s (%s)", ctx.event.channel, ctx.event.user_id, safe)
            self.store.audit(ctx.user_id, "file_refused", name=safe)
            return [Outgoing(texts.FILE_REFUSED)]
        if not extension_ok(safe):
            return [Outgoing(texts.FILE_BAD_TYPE.format(name=safe))]
        too_big = (incoming.mime or "").startswith("too-big:")
        size = int((incoming.mime or "0").split(":")[1]) if too_big else len(incoming.data)
        if too_big or size > MAX_UPLOAD_BYTES:
            return [Outgoing(texts.FILE_TOO_BIG.format(size=round(size / 1048576, 1), limit=MAX_UPLOAD_BYTES // 1048576))]
        from storage.paths import sub_dir

        folder = sub_dir("uploads")
        path = folder / f"{self.now():%Y%m%d-%H%M%S}-{safe}"
        path.write_bytes(incoming.data)
        result = self.knowledge.ingest([path])
        self.store.audit(ctx.user_id, "ingest", name=safe, path=str(path))
        if result is None:
            return [Outgoing(texts.FILE_INGEST_UNAVAILABLE)]
        text = texts.FILE_INGESTED.format(added=result.added, unchanged=result.unchanged)
        if result.errors:
            text += "\n" + texts.FILE_INGEST_ERRORS.format(errors="; ".join(result.errors)[:1500])
        return [Outgoing(text)]

    # ---- small helpers -------------------------------------------------------------------
    @staticmethod
    def _short_title(template: Any) -> str:
        return str(template.title).split("—")[0].strip()[:80]

    def _title(self, session: Any) -> str:
        if session.title:
            return str(session.title)
        template = self._template_or_none(session.template_id)
        return self._short_title(template) if template is not None else session.template_id

    @staticmethod
    def _field_info(template: Any, code: str) -> tuple[str, str | None]:
        try:
            f = template.field(code)
            return f.label, f.type
        except KeyError:
            try:
                return template.section(code).title, None
            except KeyError:
                return "", None

    @staticmethod
    def _flatten(answers: dict[str, Any]) -> list[tuple[str, Any]]:
        """Answers as (path, value) pairs, repeated sections opened up ("HTTT[1].I.2")."""
        items: list[tuple[str, Any]] = []
        for code, value in answers.items():
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value) and not any(
                    "du_an" in v or "group" in v for v in value):
                for i, instance in enumerate(value, 1):
                    items.extend((f"{code}[{i}].{inner}", v) for inner, v in instance.items())
            else:
                items.append((code, value))
        return items

    @staticmethod
    def _short_value(value: Any) -> str:
        if isinstance(value, list):
            return f"{len(value)} mục"
        text = str(value)
        return text if len(text) <= 80 else text[:77] + "…"
