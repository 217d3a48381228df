"""The open form: answers, engine commands, choices pressed, side questions and small talk.

Every input reaches the draft through :class:`forms.session.FormSession` (one vocabulary with the
engine, :mod:`forms.commands`); the step is committed (:meth:`Ctx.save`) before the reply is built.
"""

from __future__ import annotations

from bot import texts
from bot.conversation import drafts, views
from bot.conversation.actions import EngineCommand, PickOption, token
from bot.conversation.context import AUDIT_TEXT_MAX, Ctx
from bot.conversation.exporting import export
from bot.conversation.intents import Intent
from bot.conversation.messages import Outgoing
from bot.conversation.restoring import propose_restoration, answer_texts, restore_table_cells
from forms.session import Step

# Commands the bot itself runs for an open draft (the engine's own answer would skip a confirmation).
BOT_COMMANDS = frozenset({"pause", "cancel"})


def _out(ctx: Ctx, step: Step) -> list[Outgoing]:
    if step.error:
        lines = [*step.replies] + ([step.error] if step.error not in step.replies else [])  # said once
        return [Outgoing("\n".join(lines)), views.question(ctx)]
    return views.after_step(ctx, step.replies)


def answer(ctx: Ctx, intent: Intent) -> list[Outgoing]:
    """Typed text: an answer to the current question (or a command word the engine takes in context)."""
    form = ctx.form()
    assert form is not None
    at_end = form.prompt().done
    before = answer_texts(form.answers)
    step = form.answer(intent.text)
    ctx.save(step, raw=intent.text, at_end=at_end)
    step = restore_table_cells(ctx, step, before)
    return propose_restoration(ctx, step) or _out(ctx, step)


def command(ctx: Ctx, name: str, arg: str | None = None) -> list[Outgoing]:
    """A command of the shared vocabulary on the open draft."""
    if name == "pause":
        return drafts.pause(ctx)
    if name == "cancel":
        return drafts.ask_cancel(ctx)
    form = ctx.form()
    if form is None:
        return [Outgoing(texts.NO_ACTIVE_FORM)]
    was_done = form.prompt().done
    before = answer_texts(form.answers)
    step = form.command(name, arg)
    ctx.save(step)
    step = restore_table_cells(ctx, step, before)  # a row typed column by column, ended by "bỏ qua"/"xong"
    if not step.error and form.prompt().done and (name == "finish" or (name == "done" and was_done)):
        return export(ctx)
    if name == "review" and not step.error:
        return [Outgoing(step.reply), views.question(ctx)]
    proposal = propose_restoration(ctx, step) if name == "done" else None  # a long answer stored by /xong
    return proposal or _out(ctx, step)


def press(ctx: Ctx, action: EngineCommand | PickOption) -> list[Outgoing]:
    """An engine choice pressed: acts only if it belongs to the question now open."""
    blocked = drafts.pressed_draft(ctx, action.draft)
    if blocked is not None:
        return blocked
    form = ctx.form()
    assert form is not None
    prompt = form.prompt()
    if action.token != token(prompt.path):
        return drafts.stale(ctx)
    if isinstance(action, PickOption):
        if not 1 <= action.index <= len(prompt.choices):
            return drafts.stale(ctx)
        choice = prompt.choices[action.index - 1]
        return command(ctx, choice.command, choice.arg)
    offered = {(c.command, c.arg) for c in prompt.choices}
    if (action.name, action.arg) not in offered and action.name not in BOT_COMMANDS | {"back"}:
        return drafts.stale(ctx)
    return command(ctx, action.name, action.arg)


def side_question(ctx: Ctx, intent: Intent) -> list[Outgoing]:
    """A question asked during a form: the template's help for a named field/column, else the knowledge base."""
    form = ctx.form()
    assert form is not None
    found = form.field_help(intent.text)
    if found is not None and (found.help or found.source):
        lines = [texts.FIELD_HELP_HEADER.format(code=found.code, label=found.label)]
        lines += [found.help] if found.help else []
        lines += [texts.FIELD_SOURCE.format(quote=found.source)] if found.source else []
        lines += [f"({found.citation})"] if found.citation else []
        reply = Outgoing("\n".join(lines))
    else:
        reply = ask(ctx, intent.text, dispatch_of(ctx))
    row = ctx.draft()
    assert row is not None
    ctx.store.audit(ctx.user_id, "side_question", session=row.id, code=row.current_code,
                    text=intent.text[:AUDIT_TEXT_MAX])
    return [reply, views.reask_line(ctx)]


def small_talk(ctx: Ctx, intent: Intent) -> list[Outgoing]:
    """"xin chào", "cảm ơn" during a form: a short line, then the same question; nothing stored."""
    row = ctx.draft()
    assert row is not None
    ctx.store.audit(ctx.user_id, "small_talk", session=row.id, code=row.current_code,
                    text=intent.text[:AUDIT_TEXT_MAX])
    line = texts.SMALL_TALK_FORM[intent.talk or "ack"].format(name=ctx.name, title=views.draft_title(ctx, row))
    return [views.question(ctx, line)]


def dispatch_of(ctx: Ctx) -> str | None:
    """The dispatch the open draft's template comes from ("1181/BTTTT-THH"): the context of questions."""
    form = ctx.form()
    source = getattr(form.template, "source", None) if form is not None else None
    return getattr(source, "dispatch", None) or None


def ask(ctx: Ctx, question: str, dispatch: str | None = None) -> Outgoing:
    answer_text = ctx.svc.knowledge.ask(question, dispatch=dispatch)
    return Outgoing(answer_text if answer_text else texts.ANSWER_NOT_AVAILABLE, public=True)
