"""Admins review the drafts extracted from a dispatch, in the chat, and publish them.

Commands (admins only; data-driven by :data:`COMMANDS` and :data:`EDIT_WORDS`):
``/bannhap`` lists the drafts waiting; ``/xem_mau ID`` shows a draft's outline, its blank form as
.docx and page 1 as a picture; ``/sua_mau ID VIỆC MÃ [GIÁ TRỊ]`` renames, retypes, makes optional or
required, or drops a field/column (each edit stores a new draft version); ``/gop_muc ID GIỮ GỘP [TÊN]``
merges two fields, columns or sections extraction split; ``/duyet ID`` publishes; ``/mau_thieu``
lists the forms dispatches say they attach but nobody has sent (also under ``/bannhap``).
After an upload (``bot.conversation.files``) :func:`after_upload` shows each new draft the same way.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from bot import texts_templates as tt
from bot.conversation.context import Ctx
from bot.conversation.messages import Document, Outgoing
from forms.draft_edit import apply_edit, merge, set_dispatch
from forms.loader import TemplateError
from forms.schema import COLUMN_TYPES, FIELD_TYPES, Section
from vntext.clock import vn_today

log = logging.getLogger(__name__)
MAX_OUTLINE_CHARS = 3000
#: what the admin types after the id → forms.draft_edit edit name
EDIT_WORDS = {"doi_ten": "rename", "doi_kieu": "retype", "khong_bat_buoc": "optional", "bat_buoc": "required",
              "bo": "drop"}
DISPATCH_WORD = "cong_van"  # /sua_mau ID cong_van 1485/BTTTT-UDCNTT


def _library(ctx: Ctx) -> Any | None:
    lib = ctx.svc.templates
    return lib if hasattr(lib, "publish") else None


# ---- showing a draft ------------------------------------------------------------------------------
def _outline(nodes: Any, depth: int = 0) -> list[str]:
    lines: list[str] = []
    pad = "  " * depth
    for node in nodes:
        if isinstance(node, Section):
            lines.append(f"{pad}{node.code}. {node.title}")
            lines.extend(_outline(node.children, depth + 1))
            continue
        need = "bắt buộc" if node.required else "không bắt buộc"
        lines.append(f"{pad}{node.code} — {node.label} ({node.type}, {need})")
        if node.table is not None:
            for col in node.table.columns:
                head = " › ".join((*col.header, col.label))
                kind = "tự đánh số" if col.computed else col.type
                lines.append(f"{pad}    cột {node.code}.{col.id}: {head} ({kind})")
    return lines


def _blank_form(ctx: Ctx, template: Any) -> Outgoing:
    """The template as a .docx (tables with empty rows; other fields with sample values) + page 1."""
    from forms.profile import AgencyProfile
    from forms.render import build_document
    from forms.render.samples import sample_answers

    answers = dict(sample_answers(template))
    for ref in template.fields():  # tables: one empty row under each group, so headers and groups show
        table = ref.field.table
        if table is not None and ref.repeat is None:
            groups = table.leaf_groups()
            answers[ref.code] = [{"group": g.code, "cells": {}} for g in groups] if groups else [{"cells": {}}]
    path = ctx.svc.documents_dir / f"mau-{template.id}-v{template.version}.docx"
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = build_document(template, answers, AgencyProfile.from_value(None), report_date=vn_today(ctx.svc.now()),
                         number=None)
    doc.save(str(path))
    image = None
    try:
        from forms.render.preview import preview_png

        image = preview_png(path)
    except Exception:  # a picture is a convenience; the .docx is what counts
        log.warning("No preview for %s", path, exc_info=True)
    caption = tt.REVIEW_DOC.format(id=template.id)
    return Outgoing(caption, document=Document(path, path.name, caption), image=image)


def _llm() -> Any | None:
    """The optional language model (``BAOCAO_LLM``), None when not configured."""
    from knowledge.llm import make_llm

    return make_llm()


def _proposal_lines(template: Any, llm: Any | None) -> list[str]:
    """The model's checked proposals for ambiguous columns, as the commands that would apply them."""
    from forms.extract.proposals import propose

    found = propose(llm, template) if llm is not None else []
    lines = []
    for p in found:
        if p.type:
            lines.append(tt.PROPOSAL_TYPE.format(header=p.header, type=p.type, id=template.id, target=p.target))
        if p.label:
            lines.append(tt.PROPOSAL_LABEL.format(header=p.header, label=p.label, id=template.id, target=p.target))
    return [tt.PROPOSALS_HEADER, *lines] if lines else []


def show(ctx: Ctx, template: Any, summary: str = "", llm: Any | None = None) -> list[Outgoing]:
    """A draft's head, summary, outline, the language model's proposals (``BAOCAO_LLM``) and its blank form."""
    head = tt.REVIEW_HEAD.format(id=template.id, version=template.version, title=template.title,
                                 dispatch=template.source.dispatch, section=template.source.section)
    record = _library(ctx).record(template.id) if _library(ctx) is not None else None
    notes = [tt.INTAKE_ISSUE.format(issue=n).strip() for n in (record.notes if record is not None else [])]
    text = "\n".join([head, *([summary] if summary else []), *notes, *_outline(template.sections)])
    if len(text) > MAX_OUTLINE_CHARS:
        text = text[:MAX_OUTLINE_CHARS].rsplit("\n", 1)[0] + "\n…"
    proposals = _proposal_lines(template, llm if llm is not None else _llm())
    return [Outgoing(text), *([Outgoing("\n".join(proposals))] if proposals else []), _blank_form(ctx, template)]


def after_upload(ctx: Ctx, intake: Any) -> list[Outgoing]:
    """The upload's form summary, then each new or changed draft shown for review."""
    out = [Outgoing(tt.describe_intake(intake))] if (intake.drafts or intake.missing or intake.errors) else []
    for stored, _summary, _issues in intake.drafts:
        if stored.change != "unchanged" and stored.template.status == "draft":
            out += [_blank_form(ctx, stored.template)]
    return out


# ---- commands ---------------------------------------------------------------------------------------
def _missing_lines(lib: Any) -> list[str]:
    """The forms dispatches say they attach and nobody has sent, with the invitation (empty if none)."""
    from bot.template_missing import missing_forms

    found = missing_forms(lib)
    if not found:
        return []
    return [tt.MISSING_HEADER, *(tt.MISSING_LINE.format(dispatch=m.dispatch, name=m.name, quote=m.quote)
                                 for m in found), tt.MISSING_INVITE]


def _drafts(ctx: Ctx, lib: Any, arg: str) -> list[Outgoing]:
    drafts = lib.drafts()
    lines = [tt.DRAFTS_HEADER] + [tt.DRAFT_LINE.format(id=t.id, title=t.title, dispatch=t.source.dispatch,
                                                       version=t.version) for t in drafts] if drafts \
        else [tt.DRAFTS_NONE]
    missing = _missing_lines(lib)
    return [Outgoing("\n".join(lines + ([""] + missing if missing else [])))]


def _missing(ctx: Ctx, lib: Any, arg: str) -> list[Outgoing]:
    return [Outgoing("\n".join(_missing_lines(lib)) or tt.MISSING_NONE)]


def _merge(ctx: Ctx, lib: Any, arg: str) -> list[Outgoing]:
    """``/gop_muc ID GIỮ GỘP [TÊN MỚI]``: fold one field/column/section into another."""
    parts = arg.split(maxsplit=3)
    if len(parts) < 3:
        return [Outgoing(tt.MERGE_USAGE)]
    ident, target, source = parts[:3]
    label = parts[3].strip() if len(parts) > 3 else None
    record = lib.record(ident)
    if record is None:
        return [Outgoing(tt.UNKNOWN_ID.format(id=ident))]
    try:
        template = lib.edit(ident, merge(record.data, target, source, label), created_by=ctx.user_id)
    except KeyError as exc:
        return [Outgoing(tt.EDIT_UNKNOWN_TARGET.format(id=ident, target=str(exc.args[0]) if exc.args else target))]
    except (ValueError, TemplateError) as exc:
        return [Outgoing(tt.EDIT_REFUSED.format(error=exc))]
    ctx.store.audit(ctx.user_id, "template_edited", template=ident, version=template.version, edit="merge",
                    target=target, source=source)
    what = tt.EDIT_MERGED.format(source=source, target=target)
    return [Outgoing(tt.EDIT_DONE.format(id=ident, version=template.version, what=what))]


def _stored(lib: Any, ident: str) -> Any | None:
    return lib.latest(ident) if ident and lib.record(ident) is not None else None


def _review(ctx: Ctx, lib: Any, arg: str) -> list[Outgoing]:
    template = _stored(lib, arg.split()[0] if arg else "")
    if template is None:
        return [Outgoing(tt.UNKNOWN_ID.format(id=arg) if arg else tt.ASK_ID.format(example="/xem_mau bieu_so_01_1125"))]
    return show(ctx, template)


def _publish(ctx: Ctx, lib: Any, arg: str) -> list[Outgoing]:
    ident = arg.split()[0] if arg else ""
    if _stored(lib, ident) is None:
        return [Outgoing(tt.UNKNOWN_ID.format(id=ident) if ident
                         else tt.ASK_ID.format(example="/duyet bieu_so_01_1125"))]
    try:
        template = lib.publish(ident, created_by=ctx.user_id)
    except TemplateError as exc:
        return [Outgoing(tt.PUBLISH_REFUSED.format(id=ident, error=exc))]
    ctx.store.audit(ctx.user_id, "template_published", template=template.id, version=template.version)
    return [Outgoing(tt.PUBLISHED.format(id=template.id, version=template.version, title=template.title))]


def _move(ctx: Ctx, lib: Any, ident: str, so_hieu: str) -> list[Outgoing]:
    """``/sua_mau ID cong_van SỐ``: the draft belongs to dispatch SỐ (a form sent apart from it)."""
    record = lib.record(ident)
    if record is None:
        return [Outgoing(tt.UNKNOWN_ID.format(id=ident))]
    try:
        template = lib.edit(ident, set_dispatch(record.data, so_hieu), created_by=ctx.user_id)
    except (ValueError, TemplateError) as exc:
        return [Outgoing(tt.EDIT_REFUSED.format(error=exc))]
    ctx.store.audit(ctx.user_id, "template_edited", template=ident, version=template.version, edit="dispatch")
    what = tt.EDIT_DISPATCH.format(so_hieu=template.source.dispatch)
    return [Outgoing(tt.EDIT_DONE.format(id=ident, version=template.version, what=what))]


def _edit(ctx: Ctx, lib: Any, arg: str) -> list[Outgoing]:
    parts = arg.split(maxsplit=3)
    if len(parts) >= 3 and parts[1].lower() == DISPATCH_WORD:
        return _move(ctx, lib, parts[0], " ".join(parts[2:]))
    if len(parts) < 3 or parts[1].lower() not in EDIT_WORDS:
        return [Outgoing(tt.EDIT_USAGE)]
    ident, edit, target = parts[0], EDIT_WORDS[parts[1].lower()], parts[2]
    value = parts[3].strip() if len(parts) > 3 else None
    record = lib.record(ident)
    if record is None:
        return [Outgoing(tt.UNKNOWN_ID.format(id=ident))]
    if edit == "retype" and value not in (COLUMN_TYPES if "." in target else FIELD_TYPES):
        return [Outgoing(tt.EDIT_USAGE)]
    try:
        data = apply_edit(record.data, edit, target, value)
        template = lib.edit(ident, data, created_by=ctx.user_id)
    except KeyError:
        return [Outgoing(tt.EDIT_UNKNOWN_TARGET.format(id=ident, target=target))]
    except (ValueError, TemplateError) as exc:
        return [Outgoing(tt.EDIT_REFUSED.format(error=exc))]
    ctx.store.audit(ctx.user_id, "template_edited", template=ident, version=template.version, edit=edit,
                    target=target)
    what = tt.EDIT_WHAT[edit].format(target=target, value=value or "")
    return [Outgoing(tt.EDIT_DONE.format(id=ident, version=template.version, what=what))]


COMMANDS: dict[str, Callable[[Ctx, Any, str], list[Outgoing]]] = {
    "bannhap": _drafts, "xem_mau": _review, "duyet": _publish, "sua_mau": _edit, "gop_muc": _merge,
    "mau_thieu": _missing,
}


def command(ctx: Ctx, text: str) -> list[Outgoing] | None:
    """Handle ``text`` if it is one of :data:`COMMANDS` (``/duyet@Bot x`` too); None otherwise."""
    head, _, rest = (text or "").strip().partition(" ")
    if not head.startswith("/"):
        return None
    name = head[1:].split("@", 1)[0].lower()
    handler = COMMANDS.get(name)
    if handler is None:
        return None
    lib = _library(ctx)
    if not ctx.event.is_admin or lib is None:
        return [Outgoing(tt.ADMIN_ONLY)]
    return handler(ctx, lib, rest.strip())
