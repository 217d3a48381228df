"""THE routing table: (state, intent kind) → handler, like python-telegram-bot's ConversationHandler.

States (:func:`state_of`): "idle" (no draft open), "form" (a draft open), "profile" (a profile
question pending), "restore" (the undo offer after a free-text answer stored with its diacritics restored),
"confirm" (a yes/no question of the bot pending). ``"*"`` rows apply in every
state (fallbacks). Commands have their own table (:data:`COMMANDS`), keyed by the names of
:mod:`forms.commands`; form commands not listed there go to the open draft's engine.

In the "confirm" state a question is answered and the yes/no question asked again; anything but
yes/no, a question, a command, a press or a file forgets the question and is
classified and routed again in the state below it (:class:`bot.conversation.core.Core`).
In the "form" state every route that does not go through the engine first stores the acknowledged
paragraphs of a long answer (:meth:`Ctx.flush`): navigation never drops text.
"""

from __future__ import annotations

import logging
from typing import Callable

from bot import texts
from bot.conversation import actions, drafts, exporting, files, form, profile, restoring, same, template_admin, views
from bot.conversation.context import Ctx
from bot.conversation.intents import Intent
from bot.conversation.messages import Outgoing
from bot.conversation.pending import ConfirmCancel, ConfirmSame, ProfileQuestions, RestoreProposal

log = logging.getLogger(__name__)
Handler = Callable[[Ctx, Intent], list[Outgoing]]


def state_of(ctx: Ctx) -> str:
    if isinstance(ctx.flow, ProfileQuestions):
        return "profile"
    if isinstance(ctx.flow, RestoreProposal):
        return "restore"
    if ctx.flow is not None:
        return "confirm"
    return "form" if ctx.draft() is not None else "idle"


# ---- commands --------------------------------------------------------------------------------------
def cmd_start(ctx: Ctx, intent: Intent) -> list[Outgoing]:
    """/start of someone already welcomed (the first message of a new user gets the full welcome from the
    core): a one-line greeting, then where they were."""
    out = [Outgoing(texts.WELCOME_BACK.format(name=ctx.name))]
    if isinstance(ctx.flow, ProfileQuestions):
        return out + profile.resumed(ctx, ctx.flow)
    row = ctx.draft()
    if row is not None:
        item = drafts.info(ctx, row)
        title = drafts.describe(ctx, item) if item is not None else views.draft_title(ctx, row)
        return out + [Outgoing(texts.FORM_RESUMED.format(title=title)), views.question(ctx)]
    return out + drafts.greet_drafts(ctx)


def cmd_help(ctx: Ctx, intent: Intent) -> list[Outgoing]:
    extra = texts.CHANNEL_HELP.get(ctx.event.channel)
    return views.reask(ctx, [Outgoing(f"{texts.HELP}\n{extra}" if extra else texts.HELP)])


def cmd_fill(ctx: Ctx, intent: Intent) -> list[Outgoing]:
    if not (intent.arg or "").strip():
        return views.template_menu(ctx, texts.FORM_ASK_WHICH)
    template = ctx.resolve(intent.arg or "")
    if template is None:
        return [Outgoing(texts.FORM_NOT_FOUND.format(query=(intent.arg or "").strip()[:80]))] + views.template_menu(ctx)
    return drafts.start_requested(ctx, template, intent.arg or "")


def cmd_ask(ctx: Ctx, intent: Intent) -> list[Outgoing]:
    if not (intent.arg or "").strip():
        return [Outgoing(texts.ASK_WHAT)]
    return views.reask(ctx, [form.ask(ctx, intent.arg or "", form.dispatch_of(ctx))], texts.QUESTION_REASK)


COMMANDS: dict[str, Handler] = {
    "start": cmd_start,
    "help": cmd_help,
    "templates": lambda ctx, i: views.template_menu(ctx),
    "fill": cmd_fill,
    "drafts": lambda ctx, i: drafts.list_drafts(ctx),
    "resume": lambda ctx, i: drafts.resume_command(ctx, i.arg),
    "profile": lambda ctx, i: profile.command(ctx, i.arg),
    "ask": cmd_ask,
}
# Commands that leave a pending question of the bot in place.
KEEP_FLOW = frozenset({"help", "review"})


def run_command(ctx: Ctx, intent: Intent) -> list[Outgoing]:
    admin = template_admin.command(ctx, intent.text)  # /bannhap, /xem_mau, /sua_mau, /duyet (H9)
    if admin is None:
        admin = files.command(ctx, intent.text)  # /huy_nhap_file, /tien_do_nhap_file (background ingest)
    if admin is not None:
        notes = ctx.flush()
        return ([Outgoing("\n".join(notes))] if notes else []) + admin
    name = intent.command
    if name is None:
        return [Outgoing(texts.UNKNOWN_COMMAND.format(command=intent.arg or ""))]
    flow = ctx.flow
    if isinstance(flow, ProfileQuestions) and name in ("skip", "cancel", "start"):
        if name == "skip":
            return profile.answer(ctx, flow, "", skip=True)
        return profile.stop(ctx) if name == "cancel" else cmd_start(ctx, intent)
    if flow is not None and name not in KEEP_FLOW:
        ctx.set_flow(None)  # a new command abandons a pending question
    handler = COMMANDS.get(name)
    if handler is not None:
        return handler(ctx, intent)
    if ctx.draft() is None:
        return [Outgoing(texts.NO_ACTIVE_FORM)]
    return form.command(ctx, name, intent.arg)


# ---- presses -----------------------------------------------------------------------------------------
def press(ctx: Ctx, intent: Intent) -> list[Outgoing]:
    action = actions.decode(intent.data)
    if isinstance(action, actions.Confirm) and action.flow in restoring.RESTORE_FLOWS:
        return restoring.restore_pressed(ctx, action)
    if isinstance(ctx.flow, RestoreProposal):
        ctx.set_flow(None)  # another choice pressed: the answer stays as typed
    if isinstance(action, (actions.EngineCommand, actions.PickOption)):
        return form.press(ctx, action)
    if isinstance(action, actions.StartForm):
        template = ctx.svc.template(action.template)
        return drafts.start_form(ctx, template) if template is not None else drafts.stale(ctx)
    if isinstance(action, actions.ResumeDraft):
        return drafts.resume(ctx, action.draft)
    if isinstance(action, actions.EditProfile):
        return profile.command(ctx, "sua")
    if isinstance(action, actions.Export):
        return drafts.pressed_draft(ctx, action.draft) or exporting.export(ctx)
    if isinstance(action, actions.Confirm) and ctx.flow is not None and ctx.flow.kind == action.flow:
        return confirm(ctx, Intent("yes" if action.yes else "no"))
    log.info("Unknown or stale choice %r from user %s", intent.data[:80], ctx.user_id)
    return drafts.stale(ctx)


def confirm_question(ctx: Ctx, intent: Intent) -> list[Outgoing]:
    """A question typed while the bot waits for yes/no: answered, then the same yes/no question again."""
    flow = ctx.flow
    row = ctx.store.get_session(ctx.user_id, flow.draft) if isinstance(flow, ConfirmCancel) else None
    again = (drafts.cancel_question(ctx, row) if row is not None
             else same.confirm_question() if isinstance(flow, ConfirmSame) else None)
    if again is None:  # nothing left to ask
        ctx.set_flow(None)
        return route(ctx, state_of(ctx), intent)
    return [form.ask(ctx, intent.text, form.dispatch_of(ctx))] + [again]


def confirm(ctx: Ctx, intent: Intent) -> list[Outgoing]:
    flow, yes = ctx.flow, intent.kind == "yes"
    if isinstance(flow, ConfirmCancel):
        return drafts.confirm_cancel(ctx, flow, yes)
    if isinstance(flow, ConfirmSame):
        return same.confirm(ctx, flow, yes)
    return drafts.stale(ctx)


# ---- idle ---------------------------------------------------------------------------------------------
def idle_small_talk(ctx: Ctx, intent: Intent) -> list[Outgoing]:
    out = [Outgoing(texts.SMALL_TALK_IDLE[intent.talk or "ack"].format(name=ctx.name))]
    return out + (drafts.greet_drafts(ctx) if intent.talk == "greeting" else [])


def profile_text(ctx: Ctx, intent: Intent) -> list[Outgoing]:
    assert isinstance(ctx.flow, ProfileQuestions)
    return profile.answer(ctx, ctx.flow, ctx.event.text)


def profile_question(ctx: Ctx, intent: Intent) -> list[Outgoing]:
    """A question typed instead of a profile answer: answered, nothing stored, the question again."""
    assert isinstance(ctx.flow, ProfileQuestions)
    return [form.ask(ctx, intent.text)] + profile.reask(ctx, ctx.flow, short=True)


def ask_knowledge(ctx: Ctx, intent: Intent) -> list[Outgoing]:
    return [form.ask(ctx, intent.text)]


ROUTES: dict[tuple[str, str], Handler] = {
    ("*", "command"): run_command,
    ("*", "press"): press,
    ("*", "file"): lambda ctx, i: files.upload(ctx),
    ("*", "other"): lambda ctx, i: [Outgoing(texts.UNSUPPORTED_CONTENT)],
    ("confirm", "yes"): confirm,
    ("confirm", "no"): confirm,
    ("confirm", "question"): confirm_question,
    ("profile", "small_talk"): lambda ctx, i: profile.reask(ctx, ctx.flow),  # type: ignore[arg-type]
    ("profile", "question"): profile_question,
    ("profile", "*"): profile_text,
    ("form", "text"): form.answer,
    ("form", "question"): form.side_question,
    ("form", "small_talk"): form.small_talk,
    ("form", "export"): lambda ctx, i: exporting.export(ctx),
    ("form", "form_request"): lambda ctx, i: drafts.start_requested(ctx, i.template, i.text),  # pauses the open one
    ("restore", "*"): restoring.restore_text,
    ("idle", "small_talk"): idle_small_talk,
    ("idle", "same_as_last"): same.offer,
    ("idle", "form_request"): lambda ctx, i: drafts.start_requested(ctx, i.template, i.text),
    ("idle", "*"): ask_knowledge,
}


def _through_engine(intent: Intent) -> bool:
    """Whether the handler hands the input to the engine (which stores a long answer itself)."""
    if intent.kind in ("text", "export"):
        return True
    if intent.kind == "command":
        return intent.command is not None and intent.command not in COMMANDS
    if intent.kind == "press":
        return isinstance(actions.decode(intent.data), (actions.EngineCommand, actions.PickOption))
    return False


def route(ctx: Ctx, state: str, intent: Intent) -> list[Outgoing]:
    """Find the handler of (state, intent) and run it (see the module docstring)."""
    handler = (ROUTES.get(("*", intent.kind)) or ROUTES.get((state, intent.kind))
               or ROUTES.get((state, "*")))
    if handler is None:  # the facade re-routes "confirm" + anything else before calling here
        raise LookupError(f"no route for {(state, intent.kind)}")
    if state == "restore" and intent.kind in ("command", "file"):
        ctx.set_flow(None)  # the user moved on: the answer stays as typed (stored), nothing lost
    notes = ctx.flush() if state == "form" and not _through_engine(intent) else []
    out = handler(ctx, intent)
    return ([Outgoing("\n".join(notes))] if notes else []) + out
