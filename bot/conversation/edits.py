"""An edited message (Telegram's ``edited_message``): applied when it edits the answer just stored.

The adapter passes the edit as ``Incoming(kind="edit", text=new text, edited=the message's first text)``,
``edited`` only when the edited message is the user's latest one (None otherwise). The edit is applied
when the open draft's most recently stored answer was typed as exactly that first text: the field is
answered again through the engine (``goto`` then ``answer``; the engine then continues where the user
was), committed as a new revision with the newly typed text (the earlier revision, as first typed, is
kept). Anything else gets a short note saying that edits of older messages are not applied, and how
to revise (/sua). A new text the field refuses changes nothing.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot import texts
from bot.conversation import views
from bot.conversation.context import AUDIT_TEXT_MAX, Ctx
from bot.conversation.messages import Outgoing
from forms.session import field_code


def _last_answer(ctx: Ctx, session_id: int) -> tuple[Any, str]:
    """The draft's most recently stored answer revision (any field), or None, and the text the user typed
    for it: the raw text of that revision or, for a revision the bot made from it (diacritics restored,
    raw None), of the typed revision before it."""
    latest, history_of_latest = None, []
    for code in ctx.store.answers(session_id, user_id=ctx.user_id):
        history = ctx.store.answer_history(session_id, code, user_id=ctx.user_id)
        if history and (latest is None or (history[-1].updated_at, history[-1].id) > (latest.updated_at, latest.id)):
            latest, history_of_latest = history[-1], history
    typed = next((r.raw_text for r in reversed(history_of_latest) if r.raw_text), "")
    return latest, typed


def edited(ctx: Ctx, original: str | None, new_text: str) -> list[Outgoing]:
    row, form = ctx.draft(), ctx.form()
    if original is None or row is None or form is None or not new_text.strip() or new_text == original:
        return [Outgoing(texts.EDIT_NOT_APPLIED)]
    last, typed = _last_answer(ctx, row.id)
    if last is None or typed.strip() != original.strip():
        return [Outgoing(texts.EDIT_NOT_APPLIED)]
    moved = form.command("goto", last.code)
    step = form.answer(new_text) if not moved.error else moved
    if step.error or all((c.path, c.value) == (last.code, last.value) for c in step.changes):  # nothing new
        ctx._form = None  # the attempt is dropped (parsed again from the saved state), as Ctx.replace_answer does
        reason = step.error or texts.EDIT_SAME_VALUE
        return [Outgoing(texts.EDIT_REFUSED.format(code=field_code(last.code), reason=reason)), views.question(ctx)]
    ctx.save(step, raw=new_text)
    ctx.store.audit(ctx.user_id, "edit_applied", session=row.id, code=last.code, text=new_text[:AUDIT_TEXT_MAX])
    from bot.conversation.restoring import propose_restoration  # an edit typed without diacritics, too

    applied = texts.EDIT_APPLIED.format(code=field_code(last.code))
    proposal = propose_restoration(ctx, replace(step, replies=[applied]))
    return proposal or [views.question(ctx, applied)]
