"""Vietnamese text and formatting shared by every part of baocao (imports nothing of the project).

- :mod:`vntext.text`: ``fold``, ``words``, cleaning user text, yes/no/none/done words.
- :mod:`vntext.formatting`: numbers, money, dates, months — the same text in chat and document.
- :mod:`vntext.clock`: Vietnam time (``VN_TZ``, ``vn_now``, ``vn_today``, ``to_vn``).
"""

from vntext.clock import VN_TZ, to_vn, vn_now, vn_today
from vntext.formatting import format_date, format_date_long, format_datetime, format_money, format_month, format_number
from vntext.text import (DONE_WORDS, EXPLICIT_NONE_WORDS, NO_WORDS, NONE_WORDS, YES_WORDS, clean_user_text, fold,
                         is_done, is_explicit_none, is_no, is_none, is_yes, normalize_space, strip_controls, word_key,
                         words)

__all__ = [
    "VN_TZ", "to_vn", "vn_now", "vn_today",
    "format_date", "format_date_long", "format_datetime", "format_money", "format_month", "format_number",
    "DONE_WORDS", "EXPLICIT_NONE_WORDS", "NO_WORDS", "NONE_WORDS", "YES_WORDS",
    "clean_user_text", "fold", "is_done", "is_explicit_none", "is_no", "is_none", "is_yes",
    "normalize_space", "strip_controls", "word_key", "words",
]
