"""Diacritics of a free-text answer typed without them: stored restored at once, with an undo.

Why: asking "Ghi là: «…»?" after every answer typed without diacritics doubled the messages of a form
(issue 12). Now the answer is stored as typed (its first revision, the raw text kept) and then with its
diacritics restored (a second revision), in the same step; the reply says so in one line and offers
"Giữ nguyên như đã gõ" (back to the typed text) and "Sửa lại" (the next message replaces it), then asks
the next question. The offer is a :class:`~bot.conversation.pending.RestoreProposal` flow that only
the words or choices of the offer act on: any other message forgets it and goes to the form (see
:func:`claims`, used by the core), so answering the next question costs nothing extra.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from bot import texts
from bot.conversation import drafts, views
from bot.conversation.actions import Confirm
from bot.conversation.context import AUDIT_TEXT_MAX, Ctx
from bot.conversation.intents import FREE_TEXT_TYPES, Intent
from bot.conversation.messages import Choice, Outgoing
from bot.conversation.pending import RestoreProposal
from forms import commands
from forms.engine.state import get_value
from forms.session import Step, field_code
from vntext.text import clean_user_text, fold

RESTORE_FLOWS = frozenset({"restore", "restore_edit"})  # Confirm flows of the offer's choices
DISPATCH_TEXT_MAX_BYTES = 1_000_000
# What the user types to act on the offer (folded, whole message).
KEEP_WORDS = frozenset({"giu nguyen", "giu nguyen nhu da go", "giu nhu da go", "de nguyen", "khong them dau"})
EDIT_WORDS = frozenset({"sua lai"})


def _typed_free_text(ctx: Ctx, step: Step) -> Any:
    """The change of ``step`` that stored typed text in a text/long-text field (None if there is none)."""
    if step.error:
        return None
    form = ctx.form()
    assert form is not None
    for change in reversed(step.changes):
        if not isinstance(change.value, str) or change.raw is None:
            continue  # flushed paragraphs (navigation) or non-text values
        try:
            kind = form.template.field(field_code(change.path)).type
        except KeyError:
            continue
        if kind in FREE_TEXT_TYPES:
            return change
    return None


def restoration_context(ctx: Ctx) -> list[str]:
    """Accented texts the product knows about this draft: the template's words, the agency profile, the
    dispatch (its catalogue entry; its text when stored as plain text) and the answers given so far."""
    from bot.conversation.form import dispatch_of

    form = ctx.form()
    assert form is not None
    template = form.template
    found: list[str] = [str(getattr(template, "title", "") or "")]
    for ref in template.fields():
        f = ref.field
        found += [f.label, f.help or "", str(getattr(f, "example", "") or ""), str(getattr(f, "source", "") or "")]
        found += [str(o) for o in getattr(f, "options", None) or ()]
        if f.table is not None:
            found += [c.label for c in f.table.columns] + [str(getattr(c, "help", "") or "") for c in f.table.columns]
    profile = ctx.store.get_profile(ctx.user_id)
    if profile is not None:
        for value in profile.model_dump().values():
            found += value if isinstance(value, list) else [value] if isinstance(value, str) else []
    ref = dispatch_of(ctx)
    dispatch = ctx.svc.knowledge.dispatch(ref) if ref else None
    if dispatch is not None:
        found += [dispatch.subject, dispatch.issuer, *dispatch.recipients, dispatch.signer_position or "",
                  *(d.sentence for d in dispatch.deadlines), *dispatch.templates]
        found.append(plain_text(getattr(dispatch, "source_path", "")))
    _strings(form.answers, found)
    from vntext.diacritics import needs_restoring

    # Only accented lines are evidence: an answer (or a paragraph of one) typed without diacritics would
    # vote for its own plain spelling.
    lines = (line for t in found if isinstance(t, str) for line in t.splitlines())
    return [line for line in lines if line.strip() and not needs_restoring(line)]


def _restorer(ctx: Ctx) -> Any:
    """The restorer for this draft: the language model with the draft's context, known names written as
    written (places, state bodies, the agency's own names)."""
    from vntext.names import NamedRestorer

    profile = ctx.store.get_profile(ctx.user_id)
    own = [getattr(profile, f, None) or "" for f in ("co_quan", "co_quan_chu_quan", "dia_danh")] if profile else []
    return NamedRestorer(context=restoration_context(ctx), names=own)


def plain_text(path: str) -> str:
    """A dispatch stored as plain text, read when small (a .docx/.pdf would need the parser: skipped)."""
    file = Path(path) if path else None
    try:
        if file is None or file.suffix.lower() not in (".txt", ".md") or file.stat().st_size > DISPATCH_TEXT_MAX_BYTES:
            return ""
        return file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _strings(value: Any, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        for item in value.values():
            _strings(item, out)
    elif isinstance(value, list):
        for item in value:
            _strings(item, out)


def _preview(text: str) -> str:
    return text if len(text) <= texts.RESTORE_PREVIEW_MAX else text[:texts.RESTORE_PREVIEW_MAX].rsplit(" ", 1)[0] + "…"


def offer_choices() -> list[list[Choice]]:
    """Keep as typed / correct: navigation-like choices (never numbered, so a number typed for the next
    question is never taken for one of them)."""
    return [[Choice(texts.BTN_RESTORE_KEEP, Confirm("restore", False), "nav", texts.RESTORE_KEEP_TYPED),
             Choice(texts.BTN_RESTORE_CORRECT, Confirm("restore_edit", True), "nav", texts.RESTORE_EDIT_TYPED)]]


def propose_restoration(ctx: Ctx, step: Step) -> list[Outgoing] | None:
    """After a free-text answer typed (mostly) without diacritics was STORED as typed: store it restored
    too, say so in one line with the undo choices, then the next question. None when nothing changes."""
    change = _typed_free_text(ctx, step)
    if change is None:
        return None
    from vntext.diacritics import needs_restoring  # the model loads on first use

    if not any(needs_restoring(line) for line in change.value.splitlines()):
        return None
    restored = restore_lines(_restorer(ctx), change.value, needs_restoring)
    if restored == change.value:
        return None
    _store_restored(ctx, change.path, change.value, restored)
    replies = [r for r in step.replies if r]
    if any(change.value in r for r in replies):  # the engine echoed the typed text: echo the stored one
        replies = [r.replace(change.value, restored) for r in replies] + [texts.RESTORE_APPLIED_SHORT]
    else:
        replies.append(_applied_note(change.path, change.value, restored))
    return [Outgoing("\n".join(replies), offer_choices())] + _next(ctx)


def _store_restored(ctx: Ctx, path: str, typed: str, restored: str) -> None:
    """Store ``restored`` as a new revision (the typed text stays the earlier one, with its raw text), log
    both, and open the offer's undo flow."""
    row = ctx.draft()
    assert row is not None
    ctx.replace_answer(path, restored)
    ctx.store.audit(ctx.user_id, "diacritics_applied", session=row.id, code=path,
                    raw=typed[:AUDIT_TEXT_MAX], restored=restored[:AUDIT_TEXT_MAX])
    ctx.set_flow(RestoreProposal(row.id, path, typed, restored))


def _applied_note(path: str, typed: str, restored: str) -> str:
    changed = [new for old, new in zip(typed.split("\n"), restored.split("\n")) if old != new]
    return texts.RESTORE_APPLIED.format(code=field_code(path), text=_preview(" … ".join(changed)))


def _next(ctx: Ctx) -> list[Outgoing]:
    form = ctx.form()
    assert form is not None
    return views.review_for_export(ctx) if form.prompt().done else [views.question(ctx)]


def restore_lines(restorer: Any, text: str, needs: Any) -> str:
    """``text`` with each line (paragraph) typed mostly without diacritics restored; lines typed with
    them stay as typed (a long answer whose first paragraph was restored and whose later ones were
    added with "Viết thêm" is judged paragraph by paragraph)."""
    lines = text.split("\n")
    return "\n".join(restorer.restore(line) if needs(line) else line for line in lines)


def answer_texts(answers: Any) -> set[str]:
    """Every text stored in the draft's answers now (before a step changes them)."""
    found: list[str] = []
    _strings(answers, found)
    return set(found)


def restore_table_cells(ctx: Ctx, step: Step, before: set[str] | frozenset[str] = frozenset()) -> Step:
    """Text cells of table rows typed without diacritics ("Du an CSDL dat dai tinh") go into the document:
    stored restored at once (the typed table stays the earlier revision), the reply shows the restored
    words and says how to change one cell. A cell is restored when it was typed in this message, or is new
    to the draft in this step (a row typed column by column is stored with its last message); ``before``
    holds the draft's texts before the step, so a cell kept as typed earlier is left alone."""
    form = ctx.form()
    if step.error or form is None:
        return step
    from vntext.diacritics import needs_restoring  # the model loads on first use

    swaps: dict[str, str] = {}
    restorer: list[Any] = []
    for change in step.changes:
        if not isinstance(change.value, list):
            continue
        try:
            table = form.template.field(field_code(change.path)).table
        except (KeyError, AttributeError):
            continue
        if table is None:
            continue
        text_columns = {c.id for c in table.columns if c.type in FREE_TEXT_TYPES}
        rows, changed = [], False
        for row in change.value:
            cells = dict(row.get("cells") or {}) if isinstance(row, dict) else {}
            for cid in text_columns:
                typed = cells.get(cid)
                typed_now = isinstance(typed, str) and (typed in (change.raw or "") or typed not in before)
                if typed_now and needs_restoring(typed):
                    restorer[:] = restorer or [_restorer(ctx)]
                    fixed = swaps.get(typed) or restorer[0].restore(typed)
                    if fixed != typed:
                        cells[cid], swaps[typed], changed = fixed, fixed, True
            rows.append({**row, "cells": cells} if isinstance(row, dict) else row)
        if changed:
            ctx.replace_answer(change.path, rows)
    if not swaps:
        return step
    row = ctx.draft()
    ctx.store.audit(ctx.user_id, "diacritics_cells", session=row.id if row is not None else None,
                    raw="; ".join(swaps)[:AUDIT_TEXT_MAX])
    replies = list(step.replies)
    for typed, fixed in sorted(swaps.items(), key=lambda kv: -len(kv[0])):
        replies = [r.replace(typed, fixed) for r in replies]
    return replace(step, replies=replies + [texts.RESTORE_CELLS])


def claims(ctx: Ctx, intent: Intent) -> bool:
    """Whether a message typed while the offer is open acts on it (keep, correct, or the correction
    itself); anything else forgets the offer and goes to the form."""
    flow = ctx.flow
    if not isinstance(flow, RestoreProposal):
        return False
    if flow.editing:
        return intent.kind in ("text", "question", "small_talk")
    return intent.kind == "text" and _key(ctx.event.text) in KEEP_WORDS | EDIT_WORDS


def _key(text: str) -> str:
    return " ".join(fold(text).replace("“", " ").replace("”", " ").strip(" .!").split())


def restore_text(ctx: Ctx, intent: Intent) -> list[Outgoing]:
    """Typed while the offer is open (see :func:`claims`): "giữ nguyên" keeps the typed text, "sửa lại"
    asks for the correction; while correcting, the message is the corrected text (a question is answered
    and the correction asked again; a command word is not a correction)."""
    from bot.conversation.form import ask, dispatch_of

    flow = ctx.flow
    assert isinstance(flow, RestoreProposal)
    text = ctx.event.text
    ask_again = Outgoing(texts.RESTORE_ASK_CORRECTION.format(code=field_code(flow.path)))
    if not flow.editing:
        if _key(text) in EDIT_WORDS:
            return start_correction(ctx, flow)
        return settle_restoration(ctx, flow, "keep")
    if intent.kind == "question":
        return [ask(ctx, intent.text, dispatch_of(ctx)), ask_again]
    parsed = commands.parse(text)
    if intent.kind == "small_talk" or (parsed is not None and parsed[1] is None):
        return [ask_again]  # "xong", "ok": not a correction
    return settle_restoration(ctx, flow, "correct", text)


def start_correction(ctx: Ctx, flow: RestoreProposal) -> list[Outgoing]:
    ctx.set_flow(RestoreProposal(flow.draft, flow.path, flow.raw, flow.restored, editing=True))
    return [Outgoing(texts.RESTORE_ASK_CORRECTION.format(code=field_code(flow.path)))]


def restore_pressed(ctx: Ctx, action: Confirm) -> list[Outgoing]:
    """A choice of the offer pressed: keep as typed, or "Sửa lại" (then the next text is the correction)."""
    flow = ctx.flow
    if not isinstance(flow, RestoreProposal):
        return drafts.stale(ctx)
    if action.flow == "restore_edit":
        return start_correction(ctx, flow)
    return settle_restoration(ctx, flow, "accept" if action.yes else "keep")


def settle_restoration(ctx: Ctx, flow: RestoreProposal, choice: str, text: str | None = None) -> list[Outgoing]:
    """Apply the choice (every value stays in the answer history and the audit log), then the open question."""
    ctx.set_flow(None)
    row, form = ctx.draft(), ctx.form()
    if row is None or form is None or row.id != flow.draft or get_value(form.answers, flow.path) != flow.restored:
        return drafts.stale(ctx)  # the draft moved on meanwhile: what is stored stays
    code = field_code(flow.path)
    value = {"keep": flow.raw, "correct": clean_user_text(text or "").strip()}.get(choice)
    if value and value != flow.restored:
        ctx.replace_answer(flow.path, value, raw=text if choice == "correct" else None)
    ctx.store.audit(ctx.user_id, "diacritics_" + choice, session=row.id, code=flow.path,
                    raw=flow.raw[:AUDIT_TEXT_MAX], text=(value or flow.restored)[:AUDIT_TEXT_MAX])
    if choice == "correct" and value:
        offered = _offer_again(ctx, flow.path, value)
        if offered is not None:
            return offered
    note = {"keep": texts.RESTORE_KEPT, "correct": texts.RESTORE_CORRECTED}.get(choice, texts.RESTORE_ACCEPTED)
    return views.after_step(ctx, [note.format(code=code)])



def _offer_again(ctx: Ctx, path: str, typed: str) -> list[Outgoing] | None:
    """A correction typed (mostly) without diacritics would go into the document as typed: it is restored
    the same way (the typed correction stays the earlier revision) with the same undo choices."""
    from vntext.diacritics import needs_restoring

    if not any(needs_restoring(line) for line in typed.splitlines()):
        return None
    restored = restore_lines(_restorer(ctx), typed, needs_restoring)
    if restored == typed:
        return None
    _store_restored(ctx, path, typed, restored)
    return [Outgoing(_applied_note(path, typed, restored), offer_choices())] + _next(ctx)
