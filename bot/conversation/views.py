"""Messages built from state: the current question with its choices, the template menu, titles.

Engine choices (:class:`forms.session.Choice`) become bot choices with typed actions here, and
nowhere else: answers are picked by position (:class:`PickOption`), navigation runs the engine
command (:class:`EngineCommand`), "finish" becomes :class:`Export`; pause is the bot's own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot import texts
from bot.conversation.actions import EngineCommand, Export, PickOption, StartForm, fits, token
from bot.conversation.context import Ctx
from bot.conversation.messages import Choice, Outgoing
from forms import commands

MAX_ANSWER_CHOICES = 12
NAV_PER_ROW = 3


def short_title(template: Any) -> str:
    """"Mẫu 2" from "Mẫu 2 — Báo cáo ..."."""
    return str(template.title).split("—")[0].strip()[:80]


def draft_title(ctx: Ctx, row: Any) -> str:
    if row.title:
        return str(row.title)
    template = ctx.svc.template(row.template_id)
    return short_title(template) if template is not None else row.template_id


def typed_command(name: str) -> str | None:
    """What the user types for a command ("skip" → "/bo_qua")."""
    try:
        return "/" + commands.slash_name(name)
    except KeyError:
        return None


def nav_choice(label: str, action: Any, name: str) -> Choice:
    return Choice(label, action, "nav", typed_command(name))


def question(ctx: Ctx, prefix: str = "") -> Outgoing:
    """The open draft's current question with its choices (answers, navigation, export, pause)."""
    form = ctx.form()
    assert form is not None
    prompt = form.prompt()
    text = prompt.text or prompt.label
    return Outgoing(f"{prefix}\n{text}".strip() if prefix else text, question_choices(ctx))


def reask_line(ctx: Ctx) -> Outgoing:
    """The current question again in ONE short line (after a side question), with the same choices;
    the full question when the form is at its end or the question names no field."""
    form = ctx.form()
    assert form is not None
    current = None if form.prompt().done else form.field_help("mục này")
    if current is None:
        return question(ctx, texts.QUESTION_REASK)
    if "›" in current.code:
        line = texts.REASK_COLUMN.format(label=current.label)
    elif any(ch.isdigit() for ch in current.code):
        line = texts.REASK_FIELD.format(code=current.code, label=current.label)
    else:
        line = texts.REASK_NAMED.format(label=current.label)
    return Outgoing(line, question_choices(ctx))


def question_choices(ctx: Ctx) -> list[list[Choice]]:
    """The choices of the open draft's current question: answers, navigation, export, pause."""
    row, form = ctx.draft(), ctx.form()
    assert row is not None and form is not None
    prompt = form.prompt()
    tok = token(prompt.path)
    answers: list[Choice] = []
    nav: list[Choice] = []
    export: list[Choice] = []
    for index, c in enumerate(prompt.choices, 1):
        if c.command == "finish":
            export.append(Choice(texts.BTN_EXPORT, Export(row.id), "confirm"))
            continue
        command = EngineCommand(row.id, tok, c.command, c.arg)
        if c.role in ("answer", "confirm") or c.arg is not None or not fits(command):
            role = "confirm" if c.role == "confirm" else "answer"
            answers.append(Choice(c.label, PickOption(row.id, tok, index), role))
        else:
            nav.append(nav_choice(c.label, command, c.command))
    rows = [[c] for c in answers[:MAX_ANSWER_CHOICES]]
    rows += [nav[i:i + NAV_PER_ROW] for i in range(0, len(nav), NAV_PER_ROW)]
    if prompt.done and not export:
        export.append(Choice(texts.BTN_EXPORT, Export(row.id), "confirm"))
    rows += [[c] for c in export]
    rows.append([nav_choice(texts.BTN_PAUSE, EngineCommand(row.id, tok, "pause"), "pause")])
    return rows


def review_for_export(ctx: Ctx) -> list[Outgoing]:
    """Every answer, then "export now?" with export / back / pause."""
    row, form = ctx.draft(), ctx.form()
    assert row is not None and form is not None
    tok = token(None)
    choices = [[Choice(texts.BTN_EXPORT, Export(row.id), "confirm")],
               [nav_choice(texts.BTN_BACK, EngineCommand(row.id, tok, "back"), "back"),
                nav_choice(texts.BTN_PAUSE, EngineCommand(row.id, tok, "pause"), "pause")]]
    return [Outgoing(f"{texts.REVIEW_HEADER}\n{form.review()}".strip()), Outgoing(texts.EXPORT_CONFIRM, choices)]


def after_step(ctx: Ctx, replies: list[str]) -> list[Outgoing]:
    """The engine's replies, then the next question (or the review before export at the end)."""
    form = ctx.form()
    assert form is not None
    said = "\n".join(r for r in replies if r)
    if said and form.pending_text is not None:
        # a paragraph of a long answer being collected: the acknowledgement already says how much came
        # in and what to do next; the same question is not shown again, only its choices
        return [Outgoing(said, question_choices(ctx))]
    out = [Outgoing(said)] if said else []
    return out + (review_for_export(ctx) if form.prompt().done else [question(ctx)])


def template_menu(ctx: Ctx, header: str = texts.FORM_LIST_HEADER) -> list[Outgoing]:
    """The published templates, the newest dispatch's first, each naming its dispatch (an official looks
    for the form of the công văn just received, not the 2009 one)."""
    templates = ctx.svc.menu()
    if not templates:
        return [Outgoing(texts.FORM_LIST_EMPTY)]
    dated = [(t, _source_dispatch(ctx, t)) for t in templates]
    dated.sort(key=lambda item: -(getattr(item[1], "date", None) or dt.date.min).toordinal())
    return [Outgoing(header, [[Choice(_menu_label(t, d), StartForm(t.id))] for t, d in dated])]  # listed once


def _source_dispatch(ctx: Ctx, template: Any) -> Any | None:
    source = getattr(template, "source", None)
    ref = getattr(source, "dispatch", None) if source is not None else None
    return ctx.svc.knowledge.dispatch(ref) if ref else None


def _menu_label(template: Any, dispatch: Any | None) -> str:
    """"Biểu số 01 — Số liệu … (CV 1125/STTTT-CĐS, 12/9/2024)"; the title alone when it names its dispatch."""
    title = str(template.title)
    so_hieu, date = str(getattr(dispatch, "so_hieu", "") or ""), getattr(dispatch, "date", None)
    if not so_hieu or so_hieu.split("/", 1)[0] in title:
        return title
    when = f", {date.day}/{date.month}/{date.year}" if date else ""
    return f"{title} (CV {so_hieu}{when})"


def reask(ctx: Ctx, out: list[Outgoing], prefix: str = "") -> list[Outgoing]:
    """``out`` followed by the open draft's question, if a draft is open."""
    return out + ([question(ctx, prefix)] if ctx.draft() is not None else [])
