"""Find the forms a dispatch attaches: "Phụ lục I", "Mẫu số 01", "Biểu số 02/BC", "ĐỀ CƯƠNG BÁO CÁO".

Why: a dispatch's text is followed by its attachments, each opened by a name line (alone on its
line, or followed by ":"/"-" and the title), then the title, "(Kèm theo Công văn số …)" and
sometimes "Đơn vị tính: …".  Consecutive name lines ("Phụ lục II" then "Biểu số 01") name one
attachment; a "Biểu"/"Mẫu" met later inside a "Phụ lục" belongs to it (keeps its "Kèm theo").
Mentions inside sentences ("theo Mẫu số 01 kèm theo") are not name lines.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from forms.extract.blocks import Block, Grid, Para
from forms.extract.outline import is_item
from vntext.text import fold

__all__ = ["Attachment", "find_attachments", "dispatch_number", "name_of", "mentioned_forms"]

_NAME_WORDS = r"(?:phu luc|bieu mau|mau bieu|mau|bieu|de cuong(?: bao cao)?)"
_NAME_ID = r"(?:\s+so)?(?:\s*[0-9]{1,3}[a-z]?|\s+[ivxlc]{1,5}|\s+[a-z]{1,2}[0-9]{1,3})?(?:\s*/\s*[a-z0-9][a-z0-9./-]*)?"
_NAME_RE = re.compile(rf"^{_NAME_WORDS}{_NAME_ID}$")
_NAME_PREFIX_RE = re.compile(rf"^({_NAME_WORDS}{_NAME_ID})\s*(?::|-|–|\.)\s*\S")
_KEM_THEO_RE = re.compile(r"^\(\s*(?:ban hanh )?kem theo\b")
_UNIT_RE = re.compile(r"^(?:đơn vị tính|đơn vị|đvt)\s*:\s*(.+?)\.?$", re.IGNORECASE)
_NUMBER_RE = re.compile(r"^số\s*:?\s*([0-9]+[^\s,;]*)", re.IGNORECASE)
_KEM_NUMBER_RE = re.compile(r"số\s+([0-9]+/[^\s,;)]+)", re.IGNORECASE)
# A form named by words, not a number: "Biểu tổng hợp", "BIỂU SỐ LIỆU", "Mẫu báo cáo" (a short line).
_DESCRIBED_RE = re.compile(rf"^{_NAME_WORDS}(?:\s+[a-z]+){{1,4}}$")
_MENTION_RE = re.compile(rf"\b{_NAME_WORDS}(?:\s+so)?\s*(?:[0-9]{{1,3}}[a-z]?|[ivxlc]{{1,5}}|[a-z]{{1,2}}[0-9]{{1,3}})(?:/[a-z0-9./-]+)?\b")


@dataclass
class Attachment:
    """One attached form: its name lines, title, the "(Kèm theo …)" line, unit and content blocks."""

    names: list[str]
    title: str = ""
    kem_theo: str | None = None
    unit: str | None = None
    notes: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    head_lines: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.names[-1]

    @property
    def section(self) -> str:
        return " › ".join(self.names)

    @property
    def quote(self) -> str:
        return " ".join(self.head_lines)


def name_of(text: str) -> tuple[str, str] | None:
    """(name, rest) when a line opens an attachment: ("Phụ lục I", "") or ("Mẫu số 01", "Title")."""
    stripped = text.strip().rstrip(":.").strip()
    folded = fold(stripped)
    if _NAME_RE.match(folded):
        return _nice_name(stripped), ""
    m = _NAME_PREFIX_RE.match(folded)
    if m:
        cut = len(m.group(1))
        rest = stripped[cut:].lstrip(" :-–.").strip()
        if rest and not is_item(rest):
            return _nice_name(stripped[:cut]), rest
    return None


def described_name(text: str, following: str) -> str | None:
    """A line naming a form by words ("Biểu tổng hợp", "BIỂU SỐ LIỆU") opens an attachment when the next
    line is its capitalised title or its "(Kèm theo …)" line; the name as a clerk writes it."""
    stripped = text.strip().rstrip(":.").strip()
    nxt = following.strip()
    if len(stripped) > 40 or not nxt or not _DESCRIBED_RE.match(fold(stripped)):
        return None
    if nxt.upper() != nxt and not _KEM_THEO_RE.match(fold(nxt)):
        return None
    return _nice_name(stripped)


def _nice_name(text: str) -> str:
    """"PHỤ LỤC SỐ 01" → "Phụ lục số 01"; "BIỂU SỐ 02/BC" → "Biểu số 02/BC" (codes after "/" kept)."""
    text = " ".join(text.split())
    head, sep, tail = text.partition("/")
    head = head[:1].upper() + head[1:].lower()
    head = re.sub(r"\b([ivxlc]{1,5}|[a-zđ]{1,2}[0-9]{1,3})$", lambda m: m.group(1).upper(), head)
    return head + sep + tail


def _is_container(name: str) -> bool:
    """"Phụ lục …" holds the forms (Biểu, Mẫu) that follow it until the next Phụ lục."""
    return fold(name).startswith("phu luc")


def _is_deccuong_title(text: str) -> bool:
    folded = fold(text)
    return folded.startswith("de cuong") and text.upper() == text


def find_attachments(blocks: list[Block]) -> list[Attachment]:
    """The attachments in document order (empty when the text attaches no form)."""
    out: list[Attachment] = []
    current: Attachment | None = None
    in_head = False  # reading the name/title lines of ``current``
    for i, block in enumerate(blocks):
        if isinstance(block, Para):
            named = name_of(block.text)
            if named is None and not in_head:
                following = next((b.text for b in blocks[i + 1:i + 2] if isinstance(b, Para)), "")
                described = described_name(block.text, following)
                named = (described, "") if described else None
            starts_outline = named is None and _is_deccuong_title(block.text) and not in_head
            if named is not None or starts_outline:
                name, rest = named if named is not None else ("Đề cương báo cáo", block.text)
                if current is not None and in_head and not current.title and named is not None:
                    current.names.append(name)  # "Phụ lục II" followed by "Biểu số 01"
                else:
                    container = current if current is not None and _is_container(current.names[0]) and \
                        not _is_container(name) else None
                    current = Attachment([container.names[0], name] if container else [name])
                    if container is not None:  # "Biểu 2" inside the same Phụ lục keeps its "Kèm theo"
                        current.kem_theo = container.kem_theo
                    out.append(current)
                current.head_lines.append(block.text)
                if rest:
                    current.title = rest
                in_head = True
                continue
            if current is None:
                continue
            if in_head and _head_line(current, block.text):
                continue
            in_head = False
            current.blocks.append(block)
        elif current is not None:
            in_head = False
            current.blocks.append(block)
    for att in out:
        _take_unit_line(att)
    return out


def _take_unit_line(att: Attachment) -> None:
    """A "Đơn vị tính: …" line placed after other text, still before the first table, is the unit."""
    if att.unit is not None:
        return
    for k, block in enumerate(att.blocks):
        if isinstance(block, Grid):
            return
        unit = _UNIT_RE.match(block.text.strip())
        if unit:
            att.unit = unit.group(1).strip()
            del att.blocks[k]
            return


def _head_line(att: Attachment, text: str) -> bool:
    """Take a line into the attachment's head (title, Kèm theo, unit, notes); False at the content."""
    folded = fold(text)
    if att.kem_theo and att.kem_theo.count("(") > att.kem_theo.count(")"):
        att.kem_theo = f"{att.kem_theo} {text.strip()}"  # "(Kèm theo …" wrapped over two lines
        att.head_lines.append(text)
        return True
    unit = _UNIT_RE.match(text.strip())
    if unit:
        att.unit = unit.group(1).strip()
        return True
    if _KEM_THEO_RE.match(folded):
        att.kem_theo = text.strip()
        att.head_lines.append(text)
        return True
    if text.startswith("(") and text.endswith(")"):
        att.notes.append(text[1:-1].strip())
        return True
    if is_item(text) or any(_KEM_THEO_RE.match(fold(line)) for line in att.head_lines):
        return False
    if len(att.head_lines) - len(att.names) >= 3:
        return False
    att.title = f"{att.title} {text}".strip()
    att.head_lines.append(text)
    return True


def dispatch_number(blocks: list[Block], attachments: list[Attachment]) -> str | None:
    """The dispatch's số hiệu: the "Số: …" line of its head, else the one in "(Kèm theo … số …)"."""
    for block in blocks[:40]:
        lines = [block.text] if isinstance(block, Para) else [
            block.text(r, c) for r in range(block.n_rows) for c in range(block.n_cols)]  # head in a table
        for line in lines:
            m = _NUMBER_RE.match(line.strip())
            if m and "/" in m.group(1):
                return m.group(1).rstrip(".")
    for att in attachments:
        if att.kem_theo:
            m = _KEM_NUMBER_RE.search(att.kem_theo)
            if m:
                return m.group(1)
    return None


def _fold_chars(text: str) -> str:
    """``fold`` one character at a time, so positions in the result are positions in ``text``."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0].lower()
        out.append("d" if base in "đð" else base if len(base) == 1 else ch)
    return "".join(out)


def mentioned_forms(blocks: list[Block]) -> list[str]:
    """Form names the text mentions ("Mẫu số 01", "Phụ lục II"), as written, in order, without repeats.

    The bot compares them with the attachments found to say which mentioned form is missing.
    """
    seen: list[str] = []
    keys: set[str] = set()
    for block in blocks:
        if isinstance(block, Grid):
            continue
        for m in _MENTION_RE.finditer(_fold_chars(block.text)):
            if m.group(0) not in keys:
                keys.add(m.group(0))
                seen.append(_nice_name(block.text[m.start():m.end()]))
    return seen
