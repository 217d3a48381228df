"""Structural chunking: a dispatch becomes a tree of headings (Phụ lục, Mẫu, Biểu, A., I., 1.,
1.1., a)) and each chunk is a whole subtree or a section's own text, with a breadcrumb.

Why: retrieval quality depends on passages that are self-contained units of the document. Size
is only a ceiling: a subtree that fits is kept whole, a table always stays whole with its
header, and text is only ever split between paragraphs or sentences, never inside one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.attached import ATTACHED_TITLE, listing_text
from knowledge.headings import display_title, heading_of, numbered_heading
from knowledge.form_names import template_heading
from knowledge.metadata import Dispatch
from knowledge.tables import table_row
from knowledge.text import ends_sentence, nfc, split_sentences, strip_controls, strip_markup

MAX_CHARS = 1400
SEP = " › "

_TRAILER_RE = re.compile(r"^(Trân trọng|Nơi nhận)", re.I)


@dataclass
class Block:
    """A paragraph (lines joined by newlines) or a whole table."""

    text: str
    is_table: bool = False


@dataclass
class Node:
    """A heading and what belongs to it."""

    level: int
    label: str  # "B", "5", "Phụ lục 2", "" for the root
    title: str  # display title, e.g. "Về thời hạn gửi báo cáo"
    full_title: str = ""  # untruncated title, indexed with the chunk
    heading: str = ""  # the heading line as written (cleaned)
    is_template: bool = False
    blocks: list[Block] = field(default_factory=list)
    children: list["Node"] = field(default_factory=list)

    def full_text(self) -> str:
        parts = [self.heading] if self.heading else []
        parts += [b.text for b in self.blocks]
        parts += [c.full_text() for c in self.children]
        return "\n".join(p for p in parts if p)


@dataclass
class Chunk:
    """One indexed passage."""

    dispatch: str
    section: str  # breadcrumb: "232/BTTTT-KHTC › Phụ lục 2 › Biểu 04/BCKH"
    citation: str  # compact section label: "B.5. Về thời hạn gửi báo cáo"
    text: str
    templates: list[str] = field(default_factory=list)
    is_table: bool = False
    context: str = ""  # breadcrumb with full (untruncated) heading titles
    topic: str = ""  # the dispatch's subject (V/v): found by it, not part of the evidence

    def index_text(self) -> str:
        """Embedded and tokenised: the dispatch's subject (officials name a dispatch by it), breadcrumb, passage."""
        return f"{self.topic}\n{self.context or self.section}\n{self.text}".lstrip("\n")


# --- blocks ------------------------------------------------------------------------------------


def _clean_line(line: str) -> str:
    return re.sub(r"[ \u00a0]+", " ", strip_markup(line)).strip(" ✓")


def to_blocks(text: str) -> list[Block]:
    """Split cleaned text into paragraphs and tables; re-join paragraphs the OCR broke mid-sentence."""
    raw_lines = strip_controls(nfc(text)).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[Block] = []
    para: list[str] = []
    table: list[str] = []

    def flush_para() -> None:
        if para:
            blocks.append(Block("\n".join(para)))
            para.clear()

    def flush_table() -> None:
        if table:
            blocks.append(Block("\n".join(table), is_table=True))
            table.clear()

    width = _wrap_width(raw_lines)
    last = ""  # the previous line as laid out (``para[-1]`` may hold several)
    for at, raw in enumerate(raw_lines):
        row = table_row(raw)  # cells tab- or pipe-separated, as tabs
        if row is not None:
            flush_para()
            table.extend([row] if row else [])  # a pipe table's rule line adds nothing
            continue
        flush_table()
        line = _clean_line(raw)
        if _PAGE_NUMBER_RE.match(line):
            continue  # a scan's page number ("- 2 -"): the sentence it interrupts goes on
        if not line:
            flush_para()
            continue
        # A bold heading followed by body text on the same line: split them.
        bold = re.match(r"^\s*\*\*([^*]{2,120})\*\*\s*(\S.*)$", raw)
        if bold and numbered_heading(bold.group(1).strip()) and not para:
            blocks.append(Block(_clean_line(bold.group(1))))
            para.append(_clean_line(bold.group(2)))
            continue
        following = next((ln for ln in raw_lines[at + 1:at + 3] if ln.strip()), "")
        # A line as wide as the text's lines run was wrapped, not a heading ("1. Báo cáo …, gửi về Phòng" /
        # "Cảnh sát PCCC …").
        full = width and len(last) >= WRAP_SHARE * width
        previous, last = (para[-1] if para else ""), line
        if para and not (full and _wraps(previous, line)) and _starts_part(line, previous, _clean_line(following)):
            flush_para()  # text without blank lines (a PDF): a heading or numbered item starts a paragraph
        elif para and _wraps(previous, line):
            para[-1] = f"{previous} {line}"  # a line wrapped mid-sentence
            continue
        para.append(line)
    flush_para()
    flush_table()
    return _join_broken(blocks)


_PAGE_NUMBER_RE = re.compile(r"^(?:[-–]\s*\d{1,3}\s*[-–]|Trang\s+\d{1,3}(?:\s*/\s*\d{1,3})?)$", re.I)
WRAP_SHARE = 0.9  # of the text's line width: a line this long was wrapped by the layout


def _wrap_width(lines: list[str]) -> int:
    """The width a scan's or a plain text's lines are wrapped at (the 90th percentile of its line lengths); 0 when
    its paragraphs are lines of their own (a Word document's text), whose lengths say nothing of wrapping."""
    lengths = sorted(len(_clean_line(ln)) for ln in lines if len(ln.strip()) >= 20 and table_row(ln) is None)
    if len(lengths) < 10:
        return 0
    width = lengths[int(0.9 * (len(lengths) - 1))]
    return width if width <= MAX_WRAP_WIDTH else 0


MAX_WRAP_WIDTH = 120

_ITEM_START_RE = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*[.)]|[IVX]{1,4}\.|[a-zđ]\))\s")


def _starts_part(line: str, previous: str, following: str = "") -> bool:
    """True when ``line`` opens a new part of the document although no blank line precedes it (a form
    named by words, "BIỂU MẪU", is told by the title line that ``following`` holds)."""
    if template_heading(line, following) or _TRAILER_RE.match(line):
        return True
    if _heading_line(previous) and (line[:1].isupper() or _ITEM_START_RE.match(line)):
        return True  # "1. An toàn hồ, đập" over "a) Tổng số hồ chứa …" or "Số liệu báo cáo …"
    return bool(_ITEM_START_RE.match(line)) and ends_sentence(previous)


_OPEN_END_RE = re.compile(r"(?:[,(\-–]|\b(?:và|của|các|cho|với|về|tại|theo|trong|đến|từ|để|những|là|hoặc|trên))$", re.I)


def _heading_line(line: str) -> bool:
    """A short numbered heading alone on its line, not a numbered paragraph wrapped mid-sentence ("… và")."""
    line = line.strip()
    return (len(line) <= HEADING_LINE and numbered_heading(line) is not None and not ends_sentence(line)
            and not _OPEN_END_RE.search(line))


HEADING_LINE = 90


def _wraps(previous: str, line: str) -> bool:
    """True when ``line`` continues ``previous`` mid-sentence: no sentence end, and a lower-case start or, after
    a full-width line or a colon, a number ("… nghỉ liên tục từ" / "05 ngày trở lên …", "năm học 2025 -" / "2026 …")."""
    if _ITEM_START_RE.match(line):
        return False
    if line[:1].isdigit() and previous.endswith(":"):
        return True  # "… điện thoại:" / "0215.3768.215, di động: …"
    full = len(previous) >= WRAPPED_LINE and not previous.isupper() and "\t" not in previous
    # After a full-width line, a number or a name runs on ("… của Sở Giáo dục và Đào tạo tỉnh" / "Điện Biên về …").
    name = (line[:1].isupper() and not line.split()[0].isupper()
            and not _HEADER_LINE_RE.match(previous) and not _HEADER_LINE_RE.match(line))
    # "(qua Phòng Quản lý thu) chậm nhất …" goes on; "(Kèm theo Công văn …)", "(1) Ghi …" start a line of their own.
    start = (line[:1].islower() or line[:1] == "(" and line[1:2].islower()
             or full and (line[:1].isdigit() or name))
    return start and not ends_sentence(previous)


# Header lines that never continue or get continued by a name: "V/v …", "Kính gửi:", "Số: …", the place and date.
_HEADER_LINE_RE = re.compile(r"^(?:V/v\b|Kính gửi|Số\s*:|Nơi nhận|[^,]{2,40}, ngày \d)", re.I)
WRAPPED_LINE = 60  # characters of a line that a PDF or OCR wrapped (a heading or letterhead line is shorter)


def _join_broken(blocks: list[Block]) -> list[Block]:
    """Merge a paragraph into the previous one when the OCR or a page break split a sentence with a blank line
    (a short heading aside; a full-width line is not one: "c) … đưa tin trên hệ thống" / "loa truyền thanh …")."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not prev.is_table
            and not block.is_table
            and block.text[:1].islower()
            and not _ITEM_START_RE.match(block.text)
            and not ends_sentence(prev.text)
            and (len(prev.text.split("\n")[-1]) >= WRAPPED_LINE or not _heading_line(prev.text.split("\n")[-1]))
        ):
            out[-1] = Block(prev.text + " " + block.text)
        else:
            out.append(block)
    return out


def build_tree(text: str) -> Node:
    """Parse the document into a heading tree (root = the dispatch itself)."""
    root = Node(level=0, label="", title="")
    stack = [root]
    preamble = Node(level=1, label="", title="Mở đầu")
    root.children.append(preamble)
    stack.append(preamble)
    for block in to_blocks(text):
        if block.is_table:
            stack[-1].blocks.append(block)
            continue
        lines = block.text.split("\n")
        first = lines[0]
        if _TRAILER_RE.match(first) and not any(n.title == "Nơi nhận, chữ ký" for n in root.children):
            node = Node(level=1, label="", title="Nơi nhận, chữ ký")
            root.children.append(node)
            stack[1:] = [node]
            node.blocks.append(block)
            continue
        head = heading_of(first, lines[1] if len(lines) > 1 else "")
        # A multi-line block is a heading only if its extra lines continue an upper-case title.
        if head is None or (not head[3] and len(lines) > 1 and not all(ln.isupper() for ln in lines)):
            stack[-1].blocks.append(block)
            continue
        level, label, title, is_template = head
        consumed = 1
        if not is_template and first.isupper():
            while consumed < len(lines) and lines[consumed].isupper():
                title += " " + lines[consumed]
                consumed += 1
        elif is_template and label.startswith("Thuyết minh") and first.rstrip().endswith(","):
            consumed = 2
        heading_text = "\n".join(lines[:consumed])
        node = Node(
            level=level,
            label=label,
            title=display_title(title) if title else "",
            full_title=re.sub(r"\s+", " ", title).strip().rstrip(":;."),
            heading=heading_text,
            is_template=is_template,
        )
        if is_template or stack[-1] is preamble:
            # A form starts a new top-level part; any heading closes the preamble/trailer.
            while len(stack) > 1 and (not stack[-1].is_template or stack[-1].level >= level):
                stack.pop()
        while stack[-1].level >= level:
            stack.pop()
        stack[-1].children.append(node)
        stack.append(node)
        rest = "\n".join(lines[consumed:]).strip()
        if rest:
            node.blocks.append(Block(rest))
    if not preamble.blocks and not preamble.children:
        root.children.remove(preamble)
    return root


# --- chunks -----------------------------------------------------------------------------------


def _crumb(node: Node) -> str:
    if node.is_template:
        return node.label
    if node.label:
        mark = ")" if node.label.islower() else "."
        return f"{node.label}{mark} {node.title}".strip()
    return node.title


def _citation(path: list[Node]) -> str:
    """Compact label: template names as-is, numbered headings merged ("B.5. Về thời hạn ...")."""
    parts: list[str] = []
    labels: list[str] = []
    last_title = ""
    for node in path:
        if node.is_template or not node.label:
            if labels:
                parts.append(".".join(labels) + ". " + last_title)
                labels = []
            parts.append(_crumb(node))
        else:
            if labels and node.label.startswith(labels[-1] + "."):
                labels[-1] = node.label  # "2" then "2.1" → "2.1"
            else:
                labels.append(node.label)
            last_title = node.title
    if labels:
        parts.append(".".join(labels) + ". " + last_title)
    return SEP.join(p for p in parts if p)


def _pack(blocks: list[Block], heading: str) -> list[tuple[str, bool]]:
    """Group blocks into passages under MAX_CHARS; tables whole; long paragraphs split at sentences."""
    out: list[tuple[str, bool]] = []
    current: list[str] = [heading] if heading else []
    size = len(heading)

    def flush() -> None:
        nonlocal current, size
        body = [c for c in current if c and c != heading]
        if body:
            out.append(("\n".join(current), False))
        current, size = [], 0

    for block in blocks:
        if block.is_table:
            flush()
            out.append((block.text if not heading else f"{heading}\n{block.text}", True))
            continue
        pieces = [block.text] if len(block.text) <= MAX_CHARS else split_sentences(block.text)
        for piece in pieces:
            if size + len(piece) > MAX_CHARS and current:
                flush()
            current.append(piece)
            size += len(piece) + 1
    flush()
    return out


def _inner_templates(node: Node) -> list[str]:
    out: list[str] = []
    for child in node.children:
        if child.is_template:
            out.append(child.label)
        out += _inner_templates(child)
    return out


def _attached_list(root: Node, dispatch: Dispatch) -> Chunk | None:
    """The passage naming every attached form (see :mod:`knowledge.attached`)."""
    text = listing_text(root, dispatch)
    section = f"{dispatch.so_hieu}{SEP}{ATTACHED_TITLE}"
    return Chunk(dispatch.so_hieu, section, ATTACHED_TITLE, text, context=section) if text else None


def chunk_document(text: str, dispatch: Dispatch) -> list[Chunk]:
    """All chunks of one dispatch, in document order."""
    root = build_tree(text)
    chunks: list[Chunk] = []
    topic = dispatch.subject

    def emit(node: Node, path: list[Node]) -> None:
        crumbs = [dispatch.so_hieu] + [_crumb(n) for n in path]
        section = SEP.join(c for c in crumbs if c)
        templates = [n.label for n in path if n.is_template]
        whole = len(node.full_text()) <= MAX_CHARS or not node.children
        if whole:  # forms inside a part kept whole ("PHỤ LỤC II" holding "Biểu số 01") are named by it too
            templates += [t for t in _inner_templates(node) if t not in templates]
        context = SEP.join([dispatch.so_hieu] + [f"{n.label} {n.full_title}".strip() if not n.is_template else n.label for n in path])
        full = node.full_text()
        has_table = any(b.is_table for b in node.blocks) or "\t" in full
        if len(full) <= MAX_CHARS or (has_table and not node.children):
            if full.strip() and full.strip() != node.heading.strip():
                chunks.append(Chunk(dispatch.so_hieu, section, _citation(path), full, templates, has_table, context, topic))
            elif full.strip() and not node.children:
                chunks.append(Chunk(dispatch.so_hieu, section, _citation(path), full, templates, False, context, topic))
            return
        start = len(chunks)
        for body, is_table in _pack(node.blocks, node.heading):
            chunks.append(Chunk(dispatch.so_hieu, section, _citation(path), body, templates, is_table, context, topic))
        in_form = any(n.is_template for n in path)
        for child in node.children:
            child_text = child.full_text()
            body_len = len(child_text) - len(child.heading)
            last = chunks[-1] if len(chunks) > start else None
            mergeable = (
                last is not None
                and not child.is_template
                and not last.is_table
                and len(last.text) + len(child_text) < MAX_CHARS
                and (in_form or body_len < 40)
            )
            if mergeable:
                last.text = f"{last.text}\n{child_text}"
            else:
                emit(child, path + [child])

    for top in root.children:
        emit(top, [top])
    attached = _attached_list(root, dispatch)
    return chunks + [attached] if attached else chunks
