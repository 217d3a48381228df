"""The pure, channel-agnostic form engine (see ``forms.engine.core`` for the rules).

Public API::

    from forms.engine import FormEngine, FormState, StepResult, Prompt, Change
    engine = FormEngine(template)
    state = engine.start(prefill=None)
    engine.prompt(state) -> Prompt
    engine.handle(state, "1,5 tỷ") -> StepResult
    engine.command(state, "goto", "I.3") -> StepResult
"""

from forms.engine.core import COMMAND_WORDS, FormEngine, parse_command
from forms.engine.state import Change, FormState, Prompt, StepResult, get_value, make_path, parse_path, set_value

__all__ = [
    "FormEngine",
    "FormState",
    "Prompt",
    "StepResult",
    "Change",
    "COMMAND_WORDS",
    "parse_command",
    "get_value",
    "set_value",
    "parse_path",
    "make_path",
]
