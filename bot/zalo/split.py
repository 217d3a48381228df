"""Split a long reply into Zalo messages (at most 2000 characters each) at natural boundaries.

Preference, for each piece: the last paragraph break, then the last line break (a table row is one
line, so rows stay whole), then the last sentence end, then the last space that is not inside a
number ("1 500 000"), and only for a single "word" longer than the limit, a hard cut. A boundary is
taken only if it leaves a reasonably full piece, so a reply is not shredded into many short messages.
Nothing but the whitespace at a cut is dropped; the pieces are returned in order.
"""

from __future__ import annotations

import re

LIMIT = 2000
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_LINE = re.compile(r"\n\s*")
_SENTENCE = re.compile(r"(?<=[.!?…;:])[\"'”’)\]]*\s+")
_SPACE = re.compile(r"(?<!\d)\s+|\s+(?!\d)")
# (pattern, smallest piece that boundary may leave, as a fraction of the limit)
_LEVELS = ((_PARAGRAPH, 0.5), (_LINE, 0.5), (_SENTENCE, 0.25), (_SPACE, 0.0))


def _cut(text: str, limit: int) -> tuple[str, str]:
    """The first piece (≤ limit) and the rest."""
    window = text[: limit + 1]  # a boundary right after the limit still leaves a piece of `limit` chars
    for pattern, fraction in _LEVELS:
        best = None
        for match in pattern.finditer(window):
            if 0 < match.start() <= limit and match.start() >= limit * fraction:
                best = match
        if best is not None:
            return text[: best.start()].rstrip(), text[best.end():]
    return text[:limit], text[limit:]  # one unbroken run longer than the limit


def split_message(text: str, limit: int = LIMIT) -> list[str]:
    """``text`` as pieces of 1..limit characters, in order; [] for blank text."""
    text = text.strip()
    pieces: list[str] = []
    while len(text) > limit:
        piece, text = _cut(text, limit)
        if piece:
            pieces.append(piece)
        text = text.lstrip()
    if text:
        pieces.append(text)
    return pieces
