"""Dispatch files sent by admins: checked (type and size from ``bot.uploads``), saved, ingested."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from bot import texts
from bot.conversation import template_admin
from bot.conversation.context import Ctx
from bot.conversation.messages import Outgoing
from bot.uploads import MAX_UPLOAD_BYTES, extension_ok, safe_filename

log = logging.getLogger(__name__)
MB = 1048576


def upload(ctx: Ctx) -> list[Outgoing]:
    incoming = ctx.event.file
    assert incoming is not None
    safe = safe_filename(incoming.name)
    if not ctx.event.is_admin:
        log.info("Refused a file from non-admin %s user %s (%s)", ctx.event.channel, ctx.event.user_id, safe)
        ctx.store.audit(ctx.user_id, "file_refused", name=safe)
        return [Outgoing(texts.FILE_REFUSED)]
    if not extension_ok(safe):
        return [Outgoing(texts.FILE_BAD_TYPE.format(name=safe))]
    too_big = (incoming.mime or "").startswith("too-big:")
    size = int((incoming.mime or "0").split(":")[1]) if too_big else len(incoming.data)
    if too_big or size > MAX_UPLOAD_BYTES:
        return [Outgoing(texts.FILE_TOO_BIG.format(size=round(size / MB, 1), limit=MAX_UPLOAD_BYTES // MB))]
    from storage.paths import sub_dir

    path = sub_dir("uploads") / f"{ctx.svc.now():%Y%m%d-%H%M%S}-{safe}"
    path.write_bytes(incoming.data)
    result, intake = _ingest(ctx, path)
    ctx.store.audit(ctx.user_id, "ingest", name=safe, path=str(path),
                    drafts=[stored.template.id for stored, _, _ in intake.drafts] if intake else [])
    forms = template_admin.after_upload(ctx, intake) if intake is not None else []
    if result is None:
        return [Outgoing(texts.FILE_INGEST_UNAVAILABLE)] + forms
    text = texts.FILE_INGESTED.format(added=result.added, unchanged=result.unchanged)
    if result.errors:
        text += "\n" + texts.FILE_INGEST_ERRORS.format(errors="; ".join(result.errors)[:1500])
    return [Outgoing(text)] + forms


def _ingest(ctx: Ctx, path: Path) -> tuple[Any, Any]:
    """Index the file and store its forms as drafts (``bot.ingest``, H9); without a template library
    (a Core given a plain registry) only the indexing."""
    if not hasattr(ctx.svc.templates, "store_draft"):
        return ctx.svc.knowledge.ingest([path]), None
    from bot.ingest import ingest_dispatch

    return ingest_dispatch(path, ctx.svc.knowledge, ctx.svc.templates, created_by=ctx.user_id)
