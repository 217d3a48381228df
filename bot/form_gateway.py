"""The core's one door to the forms package: templates, the form engine, answers check and renderer.

Why a gateway: the core must not depend on the details of the engine's result objects, and the
bot must keep working while those evolve. Everything the core needs is returned here as small
plain dataclasses (:class:`FieldPrompt`, :class:`StepOutcome`), with the engine state carried as a
JSON string (what the database stores).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.intents import fold

# Engine command names for the core's actions (see forms.engine.FormEngine.command).
ENGINE_COMMANDS = {"skip": "skip", "back": "back", "review": "review", "edit": "edit", "help": "help", "finish": "finish"}


@dataclass
class FieldPrompt:
    """The field the user is asked now (``done`` when every field has been walked)."""

    code: str | None
    label: str
    type: str | None
    text: str
    options: list[str] = field(default_factory=list)
    help: str = ""
    required: bool = True
    done: bool = False
    buttons: list[tuple[str, str]] = field(default_factory=list)  # (label, engine command)


@dataclass
class StepOutcome:
    """Result of one input or command: new state, what to store, what to say."""

    state_json: str
    changes: list[tuple[str, Any, str | None]]
    reply: str = ""
    error: str | None = None
    done: bool = False


@dataclass(frozen=True)
class FieldHelp:
    """Help for a field or table column, quoted from the template (for "cột X ghi gì?")."""

    code: str
    label: str
    help: str
    source: str | None
    citation: str


def _state_to_json(state: Any) -> str:
    if isinstance(state, str):
        return state
    to_json = getattr(state, "to_json", None)
    data = to_json() if callable(to_json) else state
    return data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, default=str)


def _join(reply: Any) -> str:
    if not reply:
        return ""
    if isinstance(reply, (list, tuple)):
        return "\n".join(str(r) for r in reply if r)
    return str(reply)


class FormGateway:
    """Templates by id, one engine per template, and the renderer."""

    def __init__(self, registry: Any = None) -> None:
        if registry is None:
            from forms.loader import registry as default_registry

            registry = default_registry()
        self.registry = registry
        self._engines: dict[str, Any] = {}

    # ---- templates -----------------------------------------------------------------------
    def templates(self) -> list[Any]:
        return list(self.registry.all())

    def template(self, template_id: str) -> Any:
        return self.registry.get(template_id)

    def resolve(self, text: str) -> Any | None:
        try:
            return self.registry.resolve(text)
        except Exception:
            return None

    def engine(self, template_id: str) -> Any:
        engine = self._engines.get(template_id)
        if engine is None:
            from forms.engine import FormEngine

            engine = self._engines[template_id] = FormEngine(self.template(template_id))
        return engine

    def _state(self, template_id: str, state_json: str) -> Any:
        from forms.engine import FormState

        data = json.loads(state_json) if state_json else {}
        try:
            return FormState.from_json(data)
        except (TypeError, AttributeError):
            return FormState.from_json(state_json)

    # ---- walking -------------------------------------------------------------------------
    def start(self, template_id: str, prefill: dict[str, Any] | None = None) -> str:
        """A fresh engine state (optionally prefilled with answers), as JSON."""
        return _state_to_json(self.engine(template_id).start(prefill=prefill))

    def prompt(self, template_id: str, state_json: str) -> FieldPrompt:
        raw = self.engine(template_id).prompt(self._state(template_id, state_json))
        return self._prompt(template_id, raw)

    def _prompt(self, template_id: str, raw: Any) -> FieldPrompt:
        code = getattr(raw, "path", None) or getattr(raw, "code", None)
        done = bool(getattr(raw, "done", False))
        ftype: str | None = getattr(raw, "type", None) or getattr(raw, "field_type", None)
        required = getattr(raw, "required", None)
        if code and (ftype is None or required is None):
            try:
                f = self.template(template_id).field(self.field_code(code))
                ftype = ftype or f.type
                required = f.required if required is None else required
            except KeyError:
                pass
        return FieldPrompt(
            code=code,
            label=str(getattr(raw, "label", "") or ""),
            type=ftype,
            text=str(getattr(raw, "text", "") or ""),
            options=[str(o) for o in (getattr(raw, "options", None) or [])],
            help=str(getattr(raw, "help", "") or ""),
            required=True if required is None else bool(required),
            done=done,
            buttons=[(str(label), str(cmd)) for label, cmd in (getattr(raw, "buttons", None) or [])],
        )

    @staticmethod
    def field_code(code: str) -> str:
        """The template field code inside an engine position ("HTTT[0].I.2" / "HTTT#1/I.2" -> "I.2")."""
        return re.split(r"[\]/#]|\[\d+\]\.", code)[-1].lstrip(".") or code

    def _outcome(self, result: Any) -> StepOutcome:
        changes = []
        for change in getattr(result, "changes", None) or []:
            if isinstance(change, (tuple, list)):
                path, value, raw = (list(change) + [None, None])[:3]
            else:
                path = getattr(change, "path", None) or getattr(change, "code", None)
                value = getattr(change, "value", None)
                raw = getattr(change, "raw", None)
            changes.append((str(path), value, None if raw is None else str(raw)))
        return StepOutcome(
            state_json=_state_to_json(getattr(result, "state")),
            changes=changes,
            reply=_join(getattr(result, "reply", "")),
            error=(str(getattr(result, "error")) if getattr(result, "error", None) else None),
            done=bool(getattr(result, "done", False)),
        )

    def answer(self, template_id: str, state_json: str, text: str) -> StepOutcome:
        """Feed one typed input to the engine."""
        result = self.engine(template_id).handle(self._state(template_id, state_json), text)
        return self._outcome(result)

    def command(self, template_id: str, state_json: str, action: str, arg: str | None = None) -> StepOutcome:
        """Run an engine command (skip, back, review, edit, help, finish)."""
        name = ENGINE_COMMANDS.get(action, action)
        result = self.engine(template_id).command(self._state(template_id, state_json), name, arg)
        return self._outcome(result)

    def answers(self, template_id: str, state_json: str) -> dict[str, Any]:
        """The answers held in an engine state (what the renderer takes)."""
        state = self._state(template_id, state_json)
        answers = getattr(state, "answers", None)
        if answers is None and isinstance(state, dict):
            answers = state.get("answers")
        return dict(answers or {})

    def missing(self, template_id: str, state_json: str) -> list[str]:
        """Paths of required answers still empty (the export check), e.g. ["3.1", "HTTT[2].I.5"]."""
        return list(self.engine(template_id).missing_required(self._state(template_id, state_json)))

    def render(self, template_id: str, answers: dict[str, Any], profile: dict[str, Any], out_path: Path,
               number: str | None = None) -> Path:
        """Write the .docx; returns its path."""
        from forms.render import render_document

        return Path(render_document(self.template(template_id), answers, profile, out_path, number=number))

    # ---- help for side questions ---------------------------------------------------------
    def field_help(self, template_id: str, question: str, current_code: str | None) -> FieldHelp | None:
        """The field or table column the question is about ("cột Khối lượng thực hiện ghi gì?").

        A label named in the question wins (longest match, diacritics ignored); "cột này"/"mục này"
        or a bare "ghi gì" means the current field.
        """
        template = self.template(template_id)
        q = " " + re.sub(r"[^0-9a-z]+", " ", fold(question)) + " "
        best: tuple[int, FieldHelp] | None = None
        current: FieldHelp | None = None
        for ref in template.fields():
            f = ref.field
            entries = [(f.code, f.label, f.help, f.source)]
            if f.table is not None:
                for col in f.table.columns:
                    entries.append((f"{f.code} › {getattr(col, 'label', col.id)}", getattr(col, "label", col.id),
                                    getattr(col, "help", "") or "", getattr(col, "source", None)))
            for code, label, help_text, source in entries:
                item = FieldHelp(code, label, help_text or "", source, self.citation(template))
                if current_code and code == self.field_code(current_code):
                    current = item
                key = " " + re.sub(r"[^0-9a-z]+", " ", fold(label)).strip() + " "
                if len(key.strip()) >= 3 and key in q:
                    if best is None or len(key) > best[0]:
                        best = (len(key), item)
        if best is not None:
            return best[1]
        if current is not None and re.search(r"\b(cot|muc|o|truong|phan|cau) nay\b|\bghi gi\b|\bnhap gi\b|\bdien gi\b", q):
            return current
        return None

    @staticmethod
    def citation(template: Any) -> str:
        source = getattr(template, "source", None)
        if source is None:
            return ""
        return f"Công văn {source.dispatch} — {source.section}"
