"""Export: the engine's completeness check, the agency profile, the .docx, and where to send it."""

from __future__ import annotations

import logging

from bot import texts
from bot.conversation import profile, views
from bot.conversation.context import Ctx
from bot.conversation.messages import Document, Outgoing
from bot.export import document_path, download_name, file_digest, submission_lines
from vntext.clock import to_vn

log = logging.getLogger(__name__)


def export(ctx: Ctx) -> list[Outgoing]:
    """Render the open draft (after "finish" passed and the profile is complete) and send it."""
    row, form = ctx.draft(), ctx.form()
    if row is None or form is None:
        return [Outgoing(texts.NO_ACTIVE_FORM)]
    step = form.command("finish")  # stores any typed text; moves to the first missing answer if any
    ctx.save(step)
    if step.error:
        return [Outgoing("\n".join([*step.replies, step.error])), views.question(ctx)]
    template = form.template
    questions = profile.for_export(ctx, row.id, tuple(getattr(template, "profile_fields", ()) or ()))
    if questions is not None:
        return questions
    path = document_path(ctx.svc.documents_dir, ctx.event.channel, ctx.event.user_id, template.id, row.id)
    try:
        from forms.render import render_document

        render_document(template, form.answers, ctx.store.get_profile(ctx.user_id), path)
    except Exception as exc:
        log.exception("Rendering %s (draft %s) failed", template.id, row.id)
        reason = str(exc) if isinstance(exc, ValueError) and str(exc) else type(exc).__name__
        return [Outgoing(texts.EXPORT_FAILED.format(reason=reason[:500]))]
    sha, size = file_digest(path)
    ctx.store.add_document(ctx.user_id, row.id, path, sha, size)
    ctx.store.save_step(ctx.user_id, row.id, [], form.to_json(), None, status="completed")
    ctx.store.cancel_reminders(row.id)
    ctx.set_active(None)
    ctx.store.audit(ctx.user_id, "export", session=row.id, sha256=sha)
    source = getattr(template, "source", None)
    dispatch = ctx.svc.knowledge.dispatch(source.dispatch) if source is not None else None
    caption = "\n".join([texts.EXPORT_DONE.format(title=views.short_title(template))]
                        + submission_lines(template, dispatch, to_vn(ctx.svc.now()).date()))
    return [Outgoing(caption, document=Document(path=path, filename=download_name(template), caption=caption))]
