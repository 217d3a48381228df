"""Dispatch files sent by admins: checked (type and size from ``bot.uploads``), saved, ingested.

With a knowledge base on disk the ingestion is a background job (``bot.ingest_jobs``): the admin is
answered at once, progress and the outcome come later through the reminder loop, and
``/huy_nhap_file`` stops it, ``/tien_do_nhap_file`` shows it. Without one (tests, a core given no
index) the file is ingested in the conversation as before.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from bot import texts
from bot import ingest_encoding as enc
from bot import texts_jobs as tj
from bot.conversation import template_admin
from bot.conversation.context import Ctx
from bot.conversation.messages import Outgoing
from bot.office_files import ConversionError, as_docx, needs_conversion
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
    if needs_conversion(path):  # .doc/.odt/.rtf: read as its .docx copy from here on (the original kept)
        try:
            path = as_docx(path)
        except ConversionError as exc:
            ctx.store.audit(ctx.user_id, "ingest_convert_failed", name=safe, path=str(path))
            return [Outgoing(str(exc))]
    guess = enc.uncertain(path)
    if guess is not None:  # a legacy encoding guessed narrowly: the admin sees it before anything is indexed
        previous = enc.held(path.parent, ctx.user_id)
        if previous is not None and previous.path != str(path):  # a newer upload replaces the one held
            Path(previous.path).unlink(missing_ok=True)
        enc.hold(path.parent, ctx.user_id, enc.Held(str(path), safe, guess))
        ctx.store.audit(ctx.user_id, "ingest_encoding_held", name=safe, path=str(path), encoding=guess)
        return [_encoding_check(path, safe, guess)]
    return _ingest_saved(ctx, path, safe)


def _encoding_check(path: Path, name: str, encoding: str) -> Outgoing:
    others = ", ".join(n for key, n in enc.NAMES.items() if key != encoding)
    return Outgoing(tj.ENCODING_CHECK.format(name=name, encoding=enc.NAMES[encoding], others=others,
                                             lines=enc.preview(path, encoding)))


def _ingest_saved(ctx: Ctx, path: Path, safe: str) -> list[Outgoing]:
    """Index a saved upload: a background job with an index on disk, else here and now."""
    from bot import ingest_jobs

    if ingest_jobs.background_enabled(ctx.svc):
        job = ingest_jobs.submit(ctx.svc, ctx.user_id, path, safe)
        ctx.store.audit(ctx.user_id, "ingest_queued", name=safe, path=str(path), job=job.id)
        return [Outgoing(tj.JOB_QUEUED.format(name=safe))]
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


def command(ctx: Ctx, text: str) -> list[Outgoing] | None:
    """``/huy_nhap_file`` (stop this admin's background ingest) and ``/tien_do_nhap_file`` (where it
    stands); None for any other text."""
    head = (text or "").strip().split(" ", 1)[0]
    name = head[1:].split("@", 1)[0].lower() if head.startswith("/") else ""
    if name not in (tj.CANCEL_COMMAND, tj.STATUS_COMMAND, tj.ENCODING_COMMAND):
        return None
    if not ctx.event.is_admin:
        return [Outgoing(tj.ADMIN_ONLY)]
    from storage.paths import sub_dir

    uploads = sub_dir("uploads")
    if name == tj.ENCODING_COMMAND:
        return _encoding_answer(ctx, uploads, (text or "").strip().split(" ", 1)[1:])
    if name == tj.CANCEL_COMMAND and (dropped := enc.drop(uploads, ctx.user_id)) is not None:
        ctx.store.audit(ctx.user_id, "ingest_encoding_dropped", name=dropped.name)
        return [Outgoing(tj.ENCODING_DROPPED.format(name=dropped.name))]
    from bot import ingest_jobs

    if name == tj.STATUS_COMMAND:
        return [Outgoing(ingest_jobs.status(ctx.store, ctx.user_id))]
    jobs = ingest_jobs.cancel(ctx.store, ctx.user_id)
    if not jobs:
        return [Outgoing(tj.JOB_NONE_OPEN)]
    ctx.store.audit(ctx.user_id, "ingest_cancel", jobs=[j.id for j in jobs])
    return [Outgoing(tj.JOB_CANCEL_ASKED.format(count=len(jobs), names=", ".join(f"“{j.name}”" for j in jobs)))]


def _encoding_answer(ctx: Ctx, uploads: Path, args: list[str]) -> list[Outgoing]:
    """``/ma_hoa``: index the held upload as shown; ``/ma_hoa vni``: show it read as another encoding."""
    held = enc.held(uploads, ctx.user_id)
    if held is None:
        return [Outgoing(tj.ENCODING_NONE_HELD)]
    wanted = args[0].strip() if args and args[0].strip() else ""
    if wanted:
        encoding = enc.known(wanted)
        if encoding is None:
            return [Outgoing(tj.ENCODING_UNKNOWN.format(name=wanted[:40], names=", ".join(enc.NAMES.values())))]
        enc.hold(uploads, ctx.user_id, enc.Held(held.path, held.name, encoding))
        return [_encoding_check(Path(held.path), held.name, encoding)]
    enc.convert(held)
    enc.release(uploads, ctx.user_id)
    ctx.store.audit(ctx.user_id, "ingest_encoding_confirmed", name=held.name, encoding=held.encoding)
    return _ingest_saved(ctx, Path(held.path), held.name)
