"""Where a centred heading line may break: agency names and titles broken the way a clerk would.

Why: a word processor wraps at any space, and Vietnamese words have several syllables, so a narrow
column prints "SỞ THÔNG TIN VÀ TRUYỀN / THÔNG" and a title ends with "NĂM / 2019".  A clerk breaks
between phrases: after "và" or a comma, before a preposition or an administrative unit ("của",
"tỉnh", "giai đoạn"...), or where a capitalised name part starts in the name as written ("Sở Thông
tin và | Truyền thông": NĐ 30's capitalisation marks where each part of an organisation's name
starts).  ``break_lines`` puts explicit line breaks at such places when the text does not fit;
``tie_last_words`` joins the last two words so a year or a short word never stands alone.
"""

from __future__ import annotations

import unicodedata
from typing import Any

__all__ = ["break_lines", "tie_last_words", "estimate_width_cm", "NBSP"]

NBSP = "\u00a0"
#: words a new phrase starts with (prepositions, plural determiners, administrative units before a place)
_OPENERS = {("các",), ("những",), ("của",), ("về",), ("cho",), ("tại",), ("trên",), ("trong",), ("từ",),
            ("đến",), ("với",), ("năm",), ("giai", "đoạn"), ("tỉnh",), ("huyện",), ("quận",), ("phường",),
            ("thành", "phố"), ("thị", "xã"), ("thị", "trấn")}
_CLOSERS = {"và", "-", "–"}  # a phrase ends after these (and after a comma)


def _table(upper: str, lower: str, extra: dict[str, int]) -> dict[str, int]:
    widths = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", map(int, upper.split())))
    widths.update(zip("abcdefghijklmnopqrstuvwxyz", map(int, lower.split())))
    widths.update(extra)
    return widths


#: Times New Roman advance widths (1/1000 em; Liberation Serif has the same metrics); digits are 500
_REGULAR = _table("722 667 667 722 611 556 722 722 333 389 722 611 889 722 722 556 722 667 556 611 722 722 944 722 722 611",
                  "444 500 444 500 444 333 500 500 278 278 500 278 778 500 500 500 500 333 389 278 500 500 722 500 500 444",
                  {" ": 250, NBSP: 250, ".": 250, ",": 250, ";": 278, ":": 278, "-": 333, "(": 333, ")": 333, "/": 278,
                   "Đ": 722, "đ": 500, "Ơ": 722, "ơ": 529, "Ư": 776, "ư": 542})
_BOLD = _table("722 667 722 722 667 611 778 778 389 500 778 667 944 722 778 611 778 722 556 667 722 722 1000 722 722 667",
               "500 556 444 556 444 333 500 556 278 333 556 278 833 556 500 556 556 444 389 333 556 500 722 500 500 444",
               {" ": 250, NBSP: 250, ".": 250, ",": 250, ";": 333, ":": 333, "-": 333, "(": 333, ")": 333, "/": 278,
                "Đ": 722, "đ": 556, "Ơ": 778, "ơ": 554, "Ư": 796, "ư": 600})


def estimate_width_cm(text: str, size_pt: float, bold: bool = False) -> float:
    """Printed width of a Times New Roman line: a Vietnamese letter is as wide as its base letter."""
    table = _BOLD if bold else _REGULAR
    units = 0
    for ch in text:
        width = table.get(ch)
        if width is None:
            width = table.get(unicodedata.normalize("NFD", ch)[:1], 500)
        units += width
    return units / 1000 * size_pt / 28.35


def tie_last_words(text: str) -> str:
    """"… NĂM 2019" → "… NĂM\\u00a02019": the last line never holds a single word."""
    head, space, last = text.rstrip().rpartition(" ")
    return f"{head}{NBSP}{last}" if space and head.strip() else text


def _good_breaks(words: list[str], original: list[str] | None) -> set[int]:
    """Indexes i where a line may start with words[i]."""
    low = [w.lower() for w in words]
    good = set()
    for i in range(1, len(words)):
        if low[i - 1] in _CLOSERS or low[i - 1].endswith(","):
            good.add(i)
        if any(tuple(low[i:i + len(o)]) == o for o in _OPENERS):
            good.add(i)
        if original and original[i - 1][:1].islower() and original[i][:1].isupper():
            good.add(i)
    return good


def break_lines(text: str, width_cm: float, size_pt: float, *, bold: bool = False,
                as_written: str | None = None, max_lines: int = 4, inside_phrases: bool = False,
                balanced: bool = True) -> str:
    """``text`` with "\\n" at phrase boundaries so each line fits ``width_cm``; unchanged when it fits
    or when no phrase boundaries make it fit (the word processor wraps it then).

    ``as_written`` is the same text in its original capitalisation (the profile's "Sở Thông tin và
    Truyền thông"), whose capitals mark where name parts start.  ``inside_phrases`` allows other breaks
    too (fewest of them) when phrase boundaries alone cannot make it fit: for a narrow column, where
    the word processor's own wrapping would be worse.  ``balanced`` makes the lines as even as possible
    (centred titles); otherwise each line is filled before the next (left-aligned headings), keeping
    at least two words on the last line.
    """
    words = text.split(" ")
    if estimate_width_cm(text, size_pt, bold) <= width_cm or len(words) < 2:
        return text
    original = as_written.split(" ") if as_written and len(as_written.split(" ")) == len(words) else None
    if original and all(w.isupper() or not w.isalpha() for w in original):
        original = None  # typed in capitals: no case information
    good = _good_breaks(words, original)
    width: dict[tuple[int, int], float] = {}

    def line_width(i: int, j: int) -> float:
        if (i, j) not in width:
            width[(i, j)] = estimate_width_cm(" ".join(words[i:j]), size_pt, bold)
        return width[(i, j)]

    # cost: breaks inside a phrase first, then the number of lines, then the widest line (balanced) or
    # the earliest lines as full as possible
    best: tuple[int, int, Any, list[int]] | None = None

    def search(pos: int, cuts: list[int], bad: int, widest: float) -> None:
        nonlocal best
        if best is not None and bad > best[0]:
            return
        last = line_width(pos, len(words))
        if last <= width_cm and (balanced or len(words) - pos >= 2):
            bounds = [0] + cuts
            shape = max(widest, last) if balanced else tuple(-b for b in bounds[1:])
            cost = (bad, len(cuts) + 1, shape, cuts)
            if best is None or cost[:3] < best[:3]:
                best = cost
        if len(cuts) + 1 >= max_lines:
            return
        for nxt in range(pos + 1, len(words)):
            w = line_width(pos, nxt)
            if w > width_cm:
                break
            if nxt not in good and not inside_phrases:
                continue
            search(nxt, cuts + [nxt], bad + (nxt not in good), max(widest, w))

    if len(words) <= 40:
        search(0, [], 0, 0.0)
    if best is None:
        return text
    bounds = [0] + best[3] + [len(words)]
    return "\n".join(" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:]))
