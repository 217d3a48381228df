"""What every parser returns or raises, and the limits they check.

``Parsed`` is a normalized value of the answers JSON contract (``forms/answers.py``) with the echo
to show back ("1.500 triệu đồng"); ``ParseError`` carries a clear Vietnamese message and an example.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from forms.table_schema import DEFAULT_UNIT

__all__ = ["SHORT_TEXT_MAX", "LONG_TEXT_MAX", "MONEY_MAX_DONG", "NUMBER_MAX", "DEFAULT_MONEY_UNIT",
           "MIN_YEAR", "MAX_YEAR", "ParseError", "Parsed", "to_json_number"]

SHORT_TEXT_MAX = 500
LONG_TEXT_MAX = 20_000
MONEY_MAX_DONG = Decimal(10) ** 15  # 10^9 triệu đồng: far above any programme's budget
NUMBER_MAX = Decimal(10) ** 15
DEFAULT_MONEY_UNIT = DEFAULT_UNIT
MIN_YEAR, MAX_YEAR = 1900, 2100


class ParseError(ValueError):
    """A user input that cannot be understood; ``message`` and ``example`` are Vietnamese."""

    def __init__(self, message: str, example: str | None = None) -> None:
        self.message = message
        self.example = example
        super().__init__(self.text)

    @property
    def text(self) -> str:
        """The full message for the user: the problem, then what is accepted."""
        if self.example:
            return f"{self.message} Ví dụ: {self.example}"
        return self.message


@dataclass(frozen=True)
class Parsed:
    """A normalized answer value, how to echo it back, and an optional warning to confirm."""

    value: Any
    echo: str
    warning: str | None = None


def to_json_number(d: Decimal) -> int | float:
    """An int when integral, else a float (the answers JSON holds plain numbers)."""
    if d == d.to_integral_value():
        return int(d)
    return float(d)
