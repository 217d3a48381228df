"""An attachment's content → an outline tree (I., 1., 1.1., a), "-" items; tables hung where they stand).

Why: report outlines (đề cương) nest by their numbering ("Phần I"/"Phần thứ hai" are parts, numbered I, II), not by indentation (text files and PDFs
lose it).  Each numbering style (Roman, 1., 1.1., a), "-") opens a deeper level the first time it
appears under the current item, and closes back to its level when it appears again — the way a
reader follows the outline.  Parenthesised lines are the item's guidance (help); "(nếu có)"
makes the item optional; other free text under an item is guidance too.  A table right after a
leaf item is that item's answer (a table field); a table with no item before it stands alone.
"Label: ……" lines are values to fill (short text fields); small borderless layout tables are read
as lines, and a signature block ("(Ký, ghi rõ họ tên)") is left out with a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from forms.extract.blocks import Block, Grid, Para
from forms.extract.textgrid import ROW_NUMBER
from vntext.text import fold

__all__ = ["Node", "parse_outline", "is_item", "item_of", "clean_title", "sentence_case"]

_ROMAN = re.compile(r"^([IVXLC]{1,6})\s*[.)/:]\s*(\S.*)$")
_PART = re.compile(r"^ph[aầ]n\s+(?:th[uứ]\s+)?([IVXLC]{1,6}|[^\W\d_]+|\d{1,2})\s*[.:\-–]?\s+(\S.*)$", re.IGNORECASE)
_ORDINALS = {"nhat": "I", "mot": "I", "hai": "II", "ba": "III", "tu": "IV", "bon": "IV", "nam": "V", "sau": "VI",
             "bay": "VII", "tam": "VIII", "chin": "IX", "muoi": "X"}
_ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
_DECIMAL = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\)?\s+(\S.*)$")
_ARABIC = re.compile(r"^(\d{1,2})\s*[.)]\s*(\S.*)$")
_LETTER = re.compile(r"^([a-zđ])\s*[.)]\s+(\S.*)$")
_DASH = re.compile(r"^[-–—•+*]\s*(\S.*)$")
_OPTIONAL = re.compile(r"\(\s*n[eế]u\s+c[oó]\s*\)", re.IGNORECASE)
_BLANK = re.compile(r"^([^:.…]{2,60}):\s*[.…_]{3,}\s*$")
_TRAILING_PAREN = re.compile(r"^(.*\S)\s*\(([^()]{3,})\)\s*[:;.]?$")


@dataclass
class Node:
    """One outline item (or a stand-alone table, ``kind == "table"``)."""

    kind: str  # "part" | "roman" | "dec" | "letter" | "dash" | "table" | "blank" (a "Label: ……" to fill)
    number: str  # "I", "3.1", "a", "-", "" for tables
    title: str
    source: str = ""
    help: list[str] = field(default_factory=list)
    optional: bool = False
    children: list["Node"] = field(default_factory=list)
    table: Grid | None = None

    @property
    def key(self) -> tuple:
        """The numbering style; items of the same style are siblings."""
        if self.kind == "dec":
            return ("dec", self.number.count(".") + 1)
        return (self.kind,)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def item_of(text: str) -> tuple[str, str, str] | None:
    """(kind, number, rest) when the line is a numbered or dashed outline item."""
    text = text.strip()
    part = _PART.match(text)
    if part:  # "Phần I. …", "Phần thứ hai: …": a level of its own, numbered like Roman items
        token = part.group(1)
        number = token.upper() if re.fullmatch(r"[IVXLCivxlc]+", token) else \
            _ORDINALS.get(fold(token)) or (_ROMANS[int(token) - 1] if token.isdigit() and 0 < int(token) <= 10 else None)
        if number:
            return "part", number, part.group(2)
    for kind, pattern in (("roman", _ROMAN), ("dec", _DECIMAL), ("dec", _ARABIC), ("letter", _LETTER),
                          ("dash", _DASH)):
        m = pattern.match(text)
        if m:
            if kind == "dash":
                return kind, "-", m.group(1)
            return kind, m.group(1), m.group(2)
    return None


def is_item(text: str) -> bool:
    return item_of(text) is not None


def clean_title(text: str) -> tuple[str, list[str], bool]:
    """(title, help, optional): "(nếu có)" removed and noted, a trailing "(…)" and text after ":" → help."""
    optional = bool(_OPTIONAL.search(text))
    text = _OPTIONAL.sub("", text).strip()
    helps: list[str] = []
    m = _TRAILING_PAREN.match(text)
    if m:
        text, helps = m.group(1), [m.group(2).strip()]
    head, sep, tail = text.partition(":")
    if sep and tail.strip() and len(head.split()) >= 2:
        text = head
        helps.insert(0, tail.strip().rstrip(";."))
    text = text.strip().rstrip(":;.,").strip()
    return sentence_case(text), helps, optional


def sentence_case(text: str) -> str:
    """ALL-CAPS headings read as sentences ("KẾT QUẢ THỰC HIỆN" → "Kết quả thực hiện"); others kept.

    Tokens without vowels (CNTT), Roman numerals ("QUÝ III") and tokens with digits stay as written.
    """
    letters = [ch for ch in text if ch.isalpha()]
    if not letters or any(ch.islower() for ch in letters):
        return text
    words = []
    for i, word in enumerate(text.split()):
        if not re.search(r"[aeiouy]", fold(word)) or re.fullmatch(r"[IVX]+[,.:;)]?", word) or \
                re.search(r"\d", word):
            words.append(word)
        else:
            low = word.lower()
            words.append(low[:1].upper() + low[1:] if i == 0 else low)
    return " ".join(words)


def _unfold_layout_tables(blocks: list[Block], issues: list[str]) -> list[Block]:
    """Borderless layout tables (at most 2 columns and 4 rows, no numbered row) are text, not data:
    their cells are read as lines; a signature block ("(Ký, ghi rõ họ tên)") is left out, noted."""
    out: list[Block] = []
    for block in blocks:
        if not isinstance(block, Grid) or block.n_cols > 2 or block.n_rows > 4 or any(
                ROW_NUMBER.match(block.text(r, 0) or "-") for r in range(block.n_rows)):
            out.append(block)
            continue
        texts = [block.text(r, c) for r in range(block.n_rows) for c in range(block.n_cols) if block.text(r, c)]
        if any("(ky" in fold(t) for t in texts):
            issues.append("Đã bỏ qua khối chữ ký cuối biểu (" + "; ".join(texts) + ").")
            continue
        out.extend(Para(t) for t in texts)
    return out


# The titles of a form's signature block as printed under it ("NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ",
# "(Ký, ghi rõ họ tên)"), folded.
_SIGNATURE_LINE = re.compile(
    r"^(?:nguoi lap( bieu)?|thu truong( [a-z ,]{0,40})?|(pho )?giam doc|(pho )?chu tich|ke toan truong|"
    r"xac nhan cua [a-z ,]{0,40}|\(ky[^)]*\)|\(ky, ghi ro ho ten\))$")


def _without_signatures(blocks: list[Block], issues: list[str]) -> list[Block]:
    """The attachment's blocks less the signature titles printed at its end (text files and PDFs give
    them as lines; a Word file as a layout table, see ``_unfold_layout_tables``), noted."""
    end = len(blocks)
    while end and isinstance(blocks[end - 1], Para) and _SIGNATURE_LINE.match(fold(blocks[end - 1].text.strip().lower())):
        end -= 1
    if end < len(blocks):
        issues.append("Đã bỏ qua khối chữ ký cuối biểu (" + "; ".join(b.text for b in blocks[end:]) + ").")
    return blocks[:end]


def parse_outline(blocks: list[Block], issues: list[str]) -> tuple[list[Node], list[str]]:
    """(top-level nodes, preamble help lines) of an attachment's content."""
    roots: list[Node] = []
    stack: list[Node] = []
    preamble: list[str] = []
    last: Node | None = None
    for block in _without_signatures(_unfold_layout_tables(blocks, issues), issues):
        if isinstance(block, Grid):
            if last is not None and not last.children and last.table is None and last.kind not in ("table", "blank"):
                last.table = block
            else:
                node = Node("table", "", "", table=block)
                (stack[-1].children if stack else roots).append(node)
                last = node
            continue
        text = block.text.strip()
        found = item_of(text)
        blank = _BLANK.match(text) if found is None else None
        if blank:  # "Đơn vị báo cáo: …………" — a value to fill in, not guidance
            node = Node("blank", "", blank.group(1).strip(), source=text)
            (stack[-1].children if stack else roots).append(node)
            continue
        if found is None:
            target = last.help if last is not None else preamble
            if text.startswith("(") and text.endswith(")"):
                inner = text[1:-1].strip()
                if _OPTIONAL.fullmatch(text) and last is not None:
                    last.optional = True
                else:
                    target.append(inner)
            else:
                target.append(text)
            continue
        kind, number, rest = found
        title, helps, optional = clean_title(rest)
        node = Node(kind, number, title, source=text, help=helps, optional=optional)
        keys = [n.key for n in stack]
        if node.key in keys:
            del stack[keys.index(node.key):]
        parent = stack[-1] if stack else None
        if parent is not None and kind == "dec" and parent.kind == "dec" and "." in number:
            if not number.startswith(parent.number + "."):
                issues.append(f"Mục “{number}. {title}” không khớp số với mục cha “{parent.number}”.")
        (parent.children if parent else roots).append(node)
        stack.append(node)
        last = node
    return roots, preamble
