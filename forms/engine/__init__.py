"""The pure, channel-agnostic form engine (see ``forms.engine.core`` for the rules).

The conversation uses it through :class:`forms.session.FormSession`; modules: ``core`` (the
engine's door and dispatch), ``base`` (cursor and results), ``fields`` (scalar fields, long text,
repeating sections), ``table_steps`` (tables), ``cell_edit`` (one cell in one message),
``navigation`` (commands), ``plan`` (the walk),
``prompts``, ``review``, ``tables`` (row helpers), ``state`` (the JSON state).

Public API::

    from forms.engine import FormEngine, FormState, StepResult, Prompt, Change
    engine = FormEngine(template)
    state = engine.start(prefill=None, reference=None, skip_prefilled=False)
    engine.prompt(state) -> Prompt
    engine.handle(state, "1,5 tỷ") -> StepResult
    engine.command(state, "goto", "I.3") -> StepResult
"""

from forms.engine.core import FormEngine
from forms.engine.state import Change, Choice, FormState, Prompt, StepResult, get_value, make_path, parse_path, set_value

__all__ = [
    "FormEngine",
    "FormState",
    "Prompt",
    "StepResult",
    "Change",
    "Choice",
    "get_value",
    "set_value",
    "parse_path",
    "make_path",
]
