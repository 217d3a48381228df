"""Forms a dispatch says it attaches but whose text is not in the file.

Why: a dispatch often says "theo Mẫu số 01 kèm theo" or, naming nothing, "(mẫu báo cáo xin gửi
kèm theo)", and the form itself travelled as a separate file that never reached us (the 1485
seed).  The admin must be told, and asked to send the form, rather than the bot silently offering
nothing or a look-alike.

Rules (on folded text; no dispatch's wording is special):
* a named mention ("Mẫu số 01", "Phụ lục II", "Biểu 04/BCKH") in a sentence saying it is attached
  ("kèm theo", "gửi kèm", "đính kèm"; not a form's own "(Kèm theo Công văn …)" line) is missing when
  no attachment found in the file carries that name (a longer mention starting with a found name is
  covered);
* an unnamed one is a form word ("mẫu", "biểu mẫu", "mẫu báo cáo", "phụ lục", "đề cương") followed
  within a few words by "kèm theo" / "gửi kèm" / "đính kèm" with no number between them; it is
  missing only when the file has no attachment at all (otherwise it speaks of those).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from forms.extract.attachments import _fold_chars, _nice_name, find_attachments, mentioned_forms
from forms.extract.blocks import Block, Grid, Para
from forms.resolve import alias_key

__all__ = ["MissingForm", "missing_forms"]

_FORM_WORD = r"(?:bieu mau|mau bieu|mau bao cao|bieu bao cao|de cuong bao cao|de cuong|phu luc|mau|bieu)"
_UNNAMED_RE = re.compile(rf"\b({_FORM_WORD})\b((?:\s+[^\s\d.;:()]+){{0,4}}?)\s+(?:gui kem|kem theo|dinh kem)\b")
_ATTACHED_RE = re.compile(r"\b(?:gui kem|kem theo|dinh kem)\b")
_KEM_THEO_HEAD = re.compile(r"^\W*\(?\s*(?:ban hanh )?kem theo\b")  # a form's own "(Kèm theo Công văn …)"


@dataclass(frozen=True)
class MissingForm:
    """A form the text refers to as attached: its name as written and the sentence that says so."""

    name: str
    quote: str


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` around [start, end) (split at . ; ! ?), trimmed."""
    left = max(text.rfind(ch, 0, start) for ch in ".;!?") + 1
    rights = [i for i in (text.find(ch, end) for ch in ".;!?") if i >= 0]
    right = min(rights) + 1 if rights else len(text)
    return " ".join(text[left:right].split())


def _unnamed(blocks: list[Block]) -> list[MissingForm]:
    out: list[MissingForm] = []
    for block in blocks:
        if isinstance(block, Grid):
            continue
        text = block.text if isinstance(block, Para) else str(block)
        for m in _UNNAMED_RE.finditer(_fold_chars(text)):
            name = _nice_name(text[m.start(1):m.end(1)])
            if not any(f.name == name for f in out):
                out.append(MissingForm(name, _sentence(text, m.start(), m.end())))
    return out


def _quote_of(blocks: list[Block], name: str) -> str:
    key = _fold_chars(name)
    for block in blocks:
        if isinstance(block, Para):
            at = _fold_chars(block.text).find(key)
            if at >= 0:
                return _sentence(block.text, at, at + len(key))
    return ""


def missing_forms(blocks: list[Block]) -> list[MissingForm]:
    """Forms the dispatch refers to as attached that its file does not contain, in text order."""
    attachments = find_attachments(blocks)
    have = {alias_key(part) for att in attachments for part in att.names}
    have.discard(())
    named = []
    for name in mentioned_forms(blocks):
        quote = _quote_of(blocks, name)
        if _ATTACHED_RE.search(_fold_chars(quote)) and not _KEM_THEO_HEAD.match(_fold_chars(quote)) and \
                not any(alias_key(name)[:len(key)] == key for key in have):
            named.append(MissingForm(name, quote))
    if attachments or named:
        return named
    return _unnamed(blocks)
