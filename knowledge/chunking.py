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
from knowledge.blocks import TRAILER_RE, Block, title_line, to_blocks
from knowledge.headings import display_title, follows, heading_of, numbered_item
from knowledge.metadata import Dispatch
from knowledge.text import split_sentences

MAX_CHARS = 1400
SEP = " › "

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


OPENING = "Mở đầu"  # the part before the first heading: the letter's background, legal basis and lead-in

# --- blocks ------------------------------------------------------------------------------------



def build_tree(text: str) -> Node:
    """Parse the document into a heading tree (root = the dispatch itself)."""
    root = Node(level=0, label="", title="")
    stack = [root]
    preamble = Node(level=1, label="", title=OPENING)
    root.children.append(preamble)
    stack.append(preamble)
    blocks = to_blocks(text)
    runs = _run_starts(blocks)
    for at, block in enumerate(blocks):
        if block.is_table:
            stack[-1].blocks.append(block)
            continue
        lines = block.text.split("\n")
        first = lines[0]
        if TRAILER_RE.match(first) and not any(n.title == "Nơi nhận, chữ ký" for n in root.children):
            node = Node(level=1, label="", title="Nơi nhận, chữ ký")
            root.children.append(node)
            stack[1:] = [node]
            node.blocks.append(block)
            continue
        head = heading_of(first, lines[1] if len(lines) > 1 else "")
        # A multi-line block is a heading only if its extra lines continue an upper-case title.
        if head and not head[3] and len(lines) > 1 and not all(map(title_line, lines)):
            head = None
        long_item = head is None and (_long_item(first, stack) or at in runs and _as_part(first))
        head = head or long_item or None
        if head is None:
            stack[-1].blocks.append(block)
            continue
        level, label, title, is_template = head
        consumed = 1
        if not is_template and not long_item and first.isupper():
            while consumed < len(lines) and title_line(lines[consumed]):
                title += " " + lines[consumed]
                consumed += 1
        elif is_template and label.startswith("Thuyết minh") and first.rstrip().endswith(","):
            consumed = 2
        heading_text = "" if long_item else "\n".join(lines[:consumed])
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
        rest = "\n".join(lines[consumed if heading_text else 0:]).strip()
        if rest:
            node.blocks.append(Block(rest))
    if not preamble.blocks and not preamble.children:
        root.children.remove(preamble)
    return root


def _run_starts(blocks: list[Block]) -> set[int]:
    """The blocks whose first line opens the first item of a numbered run ("1.", "a)", "I.", "2.1.") whose next number
    opens a later block before any part of a higher level does ("1. Cải cách thể chế: a) … b) …" of 230 characters,
    then "2. …"): what :func:`_long_item` cannot tell by an open sibling."""
    starts: set[int] = set()
    items = [(at, numbered_item(b.text.split("\n", 1)[0])) for at, b in enumerate(blocks) if not b.is_table]
    for n, (at, found) in enumerate(items):
        if found is None or found[1] not in _FIRST_LABELS and not found[1].endswith(".1"):
            continue  # a run begins at its first number
        for _, later in items[n + 1:]:
            if later is None:
                continue
            if later[0] < found[0]:
                break  # a higher part begins: the run ended
            if later[0] == found[0]:
                if follows(found[1], later[1]):
                    starts.add(at)
                break
    return starts


_FIRST_LABELS = ("1", "a", "I", "A")


def _as_part(line: str) -> tuple[int, str, str, bool] | None:
    found = numbered_item(line)
    return (found[0], found[1], found[2].split(":", 1)[0], False) if found else None


def _long_item(line: str, stack: list[Node]) -> tuple[int, str, str, bool] | None:
    """A numbered item too long for a heading that comes next after an open part of its level ("1. Đối với các Sở"
    then "2. Đối với Ban Quản lý …: báo cáo …" of 230 characters): a part of its own, its whole text the body, so
    that the citation names it and not the part before. Long items without a numbered sibling stay text."""
    found = numbered_item(line)
    if found is None:
        return None
    level, label, text = found
    open_part = next((n for n in reversed(stack) if n.level == level and not n.is_template), None)
    if open_part is None or not follows(open_part.label, label):
        return None
    return _as_part(line)


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
        # A part holding two forms or more ("Phụ lục I" with Biểu 01 and Biểu 02) is never one passage: each form is.
        forms = sum(1 for c in node.children if c.is_template)
        whole = (len(node.full_text()) <= MAX_CHARS and forms < 2) or not node.children
        if whole:  # forms inside a part kept whole ("PHỤ LỤC II" holding "Biểu số 01") are named by it too
            templates += [t for t in _inner_templates(node) if t not in templates]
        context = SEP.join([dispatch.so_hieu] + [f"{n.label} {n.full_title}".strip() if not n.is_template else n.label for n in path])
        full = node.full_text()
        has_table = any(b.is_table for b in node.blocks) or "\t" in full
        if (len(full) <= MAX_CHARS and forms < 2) or (has_table and not node.children):
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
