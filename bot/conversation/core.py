"""The conversation facade: one incoming event in, a list of outgoing messages out.

Channel-agnostic and blocking (the storage API is blocking; the Telegram adapter runs ``handle`` in
a worker thread). Per event: check the input, load the user's place once (:class:`Ctx`), classify
the message once (:func:`~bot.conversation.intents.classify`), route it through the table of
:mod:`bot.conversation.router`. Storage errors and bugs become a Vietnamese message.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any, Callable

from bot import texts
from bot.conversation import drafts, edits, pending, restoring, router, views
from bot.conversation.context import Ctx, Services
from bot.conversation.intents import Intent, classify, small_talk
from bot.conversation.messages import Incoming, Outgoing
from storage.errors import StorageError
from vntext.formatting import format_number

log = logging.getLogger(__name__)
# Question types where "ok" / "vâng" / "được" may be a real answer (it then goes to the engine).
ACK_ANSWER_TYPES = frozenset({"yesno", "choice"})
USER_CACHE_MAX = 50_000


class Core:
    """Route events between commands, forms and the knowledge base; keep the user's place in storage."""

    def __init__(self, store: Any, knowledge: Any = None, documents_dir: Path | None = None,
                 now: Callable[[], dt.datetime] | None = None, templates: Any = None) -> None:
        if knowledge is None:
            from bot.knowledge_link import KnowledgeLink

            knowledge = KnowledgeLink()
        if templates is None:  # the shipped templates plus the published ones stored in the database
            from bot.template_library import TemplateLibrary

            templates = TemplateLibrary(store)
        if documents_dir is None:
            from storage.paths import sub_dir

            documents_dir = sub_dir("documents")
        self.svc = Services(store, knowledge, templates, Path(documents_dir),
                            now or (lambda: dt.datetime.now(dt.timezone.utc)))
        self._users: dict[tuple[str, str, str, bool], int] = {}

    @property
    def store(self) -> Any:
        return self.svc.store

    @property
    def knowledge(self) -> Any:
        return self.svc.knowledge

    @knowledge.setter
    def knowledge(self, value: Any) -> None:
        self.svc.knowledge = value

    # ---- entry points ------------------------------------------------------------------------
    def handle(self, event: Incoming) -> list[Outgoing]:
        """Answer one event. Never raises: storage trouble and bugs become a Vietnamese message."""
        try:
            return self._handle(event)
        except StorageError as exc:
            log.error("Storage error for %s user %s: %s", event.channel, event.user_id, exc)
            return [Outgoing(texts.storage_error(exc.kind, exc.write))]
        except Exception:
            log.exception("Unexpected error for %s user %s", event.channel, event.user_id)
            return [Outgoing(texts.INTERNAL_ERROR)]

    def due_reminders(self, channel: str) -> list[tuple[str, Outgoing]]:
        """Reminders due now for users of ``channel``, marked sent; (channel user id, message) pairs.

        Never raises: a database failure is logged and nothing is due (the reminders stay stored)."""
        from bot import ingest_jobs

        ingest_jobs.maintain(self.svc)  # background ingest: restart dead runners, reload the index
        try:
            return drafts.due_reminders(self.svc, channel)
        except Exception:
            log.exception("Could not read due reminders for %s", channel)
            return []

    # ---- one event -----------------------------------------------------------------------------
    def _handle(self, event: Incoming) -> list[Outgoing]:
        if event.kind in ("text", "edit"):
            if len(event.text) > texts.MAX_INPUT_CHARS:
                log.info("Refused a %d-character message from %s user %s", len(event.text), event.channel,
                         event.user_id)
                return [Outgoing(texts.TOO_LONG.format(length=format_number(len(event.text)),
                                                       limit=format_number(texts.MAX_INPUT_CHARS)))]
            if not event.text.strip():
                return [Outgoing(texts.EMPTY_INPUT)]
        if event.kind == "other":
            log.info("Unsupported content (%s) from %s user %s", event.text or "?", event.channel, event.user_id)
        user_id = self._user_id(event)
        state, active_row = self.store.get_user_place(user_id)
        ctx = Ctx(self.svc, event, user_id, pending.load(state.pending), state.active_session_id,
                  _prefetched=active_row)
        out: list[Outgoing] = []
        if not ctx.place.welcomed:
            ctx.place.welcomed = True
            self.store.set_user_state(user_id, pending=pending.dump(ctx.place))
            out.append(Outgoing(texts.WELCOME.format(name=ctx.name)))
            if event.kind == "text" and small_talk(event.text) is not None:
                return out  # a first "xin chào": the welcome is the reply
            intent = self._classify(ctx, "idle")
            if intent.kind == "command" and intent.command == "start":
                return out + views.template_menu(ctx)
        if event.kind == "edit":
            return out + edits.edited(ctx, event.edited, event.text)
        where = router.state_of(ctx)
        intent = self._classify(ctx, where)
        moved_on = (where == "confirm" and intent.kind not in ("yes", "no", "question", "command", "press", "file",
                                                               "other")) or (
            where == "restore" and intent.kind not in ("command", "press", "file", "other")
            and not restoring.claims(ctx, intent))
        if moved_on:
            ctx.set_flow(None)  # the user moved on: forget the question (or the undo offer)
            where = router.state_of(ctx)
            intent = self._classify(ctx, where)
        return out + router.route(ctx, where, intent)

    def _classify(self, ctx: Ctx, where: str) -> Intent:
        event = ctx.event
        if event.kind != "text":
            return Intent({"button": "press"}.get(event.kind, event.kind), data=event.button or "")
        form = ctx.form() if where == "form" else None
        prompt = form.prompt() if form is not None else None
        return classify(
            event.text,
            in_form=form is not None,
            field_type=prompt.type if prompt is not None and prompt.code is not None else None,
            at_end=bool(prompt is not None and prompt.done),
            ack_is_answer=bool(prompt is not None and not prompt.done and (
                prompt.type is None or prompt.type in ACK_ANSWER_TYPES or prompt.options
                or any(c.role == "answer" for c in prompt.choices))),
            confirming=where == "confirm",
            answering="text" if where in ("profile", "restore") else None,
            asks=form.is_question if form is not None else None,
            resolve=ctx.resolve,
        )

    def _user_id(self, event: Incoming) -> int:
        """The database id of the event's user, created on first contact (cached per name and role)."""
        key = (event.channel, event.user_id, event.user_name, event.is_admin)
        cached = self._users.get(key)
        if cached is None:
            user = self.store.get_or_create_user(event.channel, event.user_id, event.user_name or None,
                                                 role="admin" if event.is_admin else None)
            if len(self._users) > USER_CACHE_MAX:
                self._users.clear()
            cached = self._users[key] = user.id
        return cached
