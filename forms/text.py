"""Vietnamese text helpers shared by the form parsers, the engine and the renderer.

Why: users type Vietnamese with or without diacritics, paste text from Word or PDFs
that carries control characters, and send emoji.  Matching must ignore diacritics
(``fold``), and anything we store or render must be valid XML 1.0 text
(``clean_user_text``) without losing what the user meant.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "clean_user_text", "normalize_space", "strip_controls"]

# XML 1.0 allows #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
# We remove everything else, plus C1 controls (U+007F-U+009F) which are legal but meaningless,
# and a few invisible formatting characters that only confuse matching (BOM, soft hyphen is kept).
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]"
)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ALL_WS = re.compile(r"\s+")

# Characters that NFD does not decompose but that Vietnamese users treat as plain letters.
_EXTRA_FOLD = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def fold(text: str) -> str:
    """Lowercase, remove diacritics (đ→d) and collapse whitespace, for matching only.

    ``fold("Biểu 04/BCKH  Đầu tư") == "bieu 04/bckh dau tu"``.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA_FOLD))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _ALL_WS.sub(" ", stripped.lower().translate(_EXTRA_FOLD)).strip()


def strip_controls(text: str) -> str:
    """Remove characters XML 1.0 cannot hold (keeps ``\\n``, ``\\t``; ``\\r\\n`` becomes ``\\n``)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _FORBIDDEN.sub("", text)


def clean_user_text(text: str) -> str:
    """Make user text safe to store and render: NFC, no XML-forbidden control chars.

    Newlines and tabs are kept, emoji are kept, leading/trailing whitespace is trimmed.
    Lone surrogates (which cannot be encoded) are dropped.
    """
    if not text:
        return ""
    text = strip_controls(text)
    return unicodedata.normalize("NFC", text).strip()


def normalize_space(text: str) -> str:
    """Clean a single-line value: controls removed, every whitespace run → one space."""
    return _ALL_WS.sub(" ", clean_user_text(text)).strip()
