"""What a dispatch asks for: the "đề nghị" sentence and the numbered or bulleted actions after it.

Why: "Công văn 1064 yêu cầu gì?" is answered by the dispatch's requests, not by whichever
paragraph happens to share the most words with "yêu cầu". Vietnamese dispatches state them in a
fixed way: "(Bộ …) trân trọng đề nghị (Quý Cơ quan):" followed by numbered items, each possibly
introducing its own dash list. Only the body is read (the signature block and attached forms are
not requests), and each item is shortened to its first sentence.

The same reading serves a reply that ends on a lead-in (":"): the opening's "…, Sở Y tế đề nghị các đơn vị:" chosen
as evidence says nothing until the items it introduces follow (:func:`items_following`). On the development sets
(session 27) 4 more replies stated the fact, none fewer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.blocks import to_blocks
from knowledge.form_names import template_heading
from knowledge.text import split_sentences

# "đề nghị" as the issuer's request: not "đã đề nghị" (a past request to someone else) nor
# "theo đề nghị" / "kiến nghị, đề nghị" (the noun).
_REQUEST_RE = re.compile(r"(?<!đã )(?<!theo )(?<!Đã )(?<!Theo )\b(?:trân trọng )?đề nghị\b", re.I)
_ITEM_RE = re.compile(r"^(\d{1,2})([.)])\s+\S")
_BULLET_RE = re.compile(r"^[-+•–]\s*\S")
_POINT_RE = re.compile(r"^(?:[-+•–]|[a-zđ][.)])\s*\S")
_TRAILER_RE = re.compile(r"^(Trân trọng|Nơi nhận)", re.I)
MAX_ITEMS = 8
MAX_CHILDREN = 5


@dataclass
class RequestItem:
    """One requested action (first sentence of a numbered item) and its sub-points."""

    text: str
    children: list[str] = field(default_factory=list)


@dataclass
class Requests:
    """The request sentence ("… trân trọng đề nghị …"), its continuation, and the items after it."""

    intro: str
    follow: list[str] = field(default_factory=list)  # rest of the paragraph when there are no items
    items: list[RequestItem] = field(default_factory=list)

    def snippets(self) -> list[str]:
        """Texts to locate the passages this summary quotes (the intro first)."""
        return [self.intro, *self.follow, *(i.text for i in self.items)]


def _body_blocks(text: str) -> list[str]:
    """Paragraphs of the dispatch body: up to the closing formula or the first attached form."""
    out: list[str] = []
    for block in to_blocks(text):
        if block.is_table:
            break
        lines = block.text.split("\n")
        if _TRAILER_RE.match(lines[0]) or template_heading(lines[0], lines[1] if len(lines) > 1 else ""):
            break
        out.append(block.text)
    return out


def _first_sentence(text: str) -> str:
    sentences = split_sentences(text.replace("\n", " "))
    return sentences[0] if sentences else text.strip()


def extract_requests(text: str) -> Requests | None:
    """The requests of a dispatch, or None when its body has no "đề nghị" sentence."""
    blocks = _body_blocks(text)
    for bi, block in enumerate(blocks):
        flat = re.sub(r"\s+", " ", block)
        sentences = split_sentences(flat)
        si = next((i for i, s in enumerate(sentences) if _REQUEST_RE.search(s)), None)
        if si is None:
            continue
        intro = sentences[si]
        items = _items_after(blocks[bi + 1 :])
        follow = [] if items else sentences[si + 1 : si + 3]
        return Requests(intro=intro, follow=follow, items=items)
    return None


def items_following(text: str, lead_in: str) -> list[RequestItem]:
    """The numbered items after the paragraph that ends with ``lead_in`` ("…, Sở Y tế đề nghị các đơn vị:"), when the
    opening's lead-in is the best evidence and the items it introduces stand in the sections after it."""
    key = re.sub(r"\s+", " ", lead_in).strip()[-LEAD_IN_KEY:]
    blocks = _body_blocks(text)
    found = next((i for i, block in enumerate(blocks) if key and key in re.sub(r"\s+", " ", block)), None)
    if found is None:
        return []
    # A numbered item's own lead-in ("2. Đối với các Bộ … đã ban hành Kiến trúc:") introduces its dashes or lettered
    # points, not the next numbered items.
    own = blocks[found].split("\n")  # the lines after the lead-in's own, then the paragraphs after it
    after = next((i + 1 for i, line in enumerate(own) if key in re.sub(r"\s+", " ", line)), len(own))
    points: list[RequestItem] = []
    for line in [*own[after:], *(line for block in blocks[found + 1 :] for line in block.split("\n"))]:
        line = re.sub(r"\s+", " ", line).strip()
        if not _POINT_RE.match(line):
            break
        points.append(RequestItem(_first_sentence(re.sub(r"^[-+•–]\s*", "", line))))
    return points or _items_after(blocks[found + 1 :])


LEAD_IN_KEY = 60  # characters of the lead-in's end that find its paragraph (a reply may cut its start)


def _items_after(blocks: list[str]) -> list[RequestItem]:
    """Top-level numbered items (one marker style: "1." or "1)") with the sub-points of those that end in ":"."""
    items: list[RequestItem] = []
    style: str | None = None
    expecting_children = False
    for block in blocks:
        for line in block.split("\n") if _BULLET_RE.match(block) else [block]:
            line = re.sub(r"\s+", " ", line).strip()
            m = _ITEM_RE.match(line)
            if m and (style is None or m.group(2) == style) and not re.match(r"^\d{1,2}\.\d", line):
                style = m.group(2)
                head = _first_sentence(line) if not line.rstrip().endswith(":") or len(line) > 200 else line
                items.append(RequestItem(head))
                expecting_children = line.rstrip().endswith(":")
                if len(items) >= MAX_ITEMS:
                    return items
                continue
            if not items or not expecting_children:
                continue
            current = items[-1]
            if _BULLET_RE.match(line):
                if len(current.children) < MAX_CHILDREN:
                    current.children.append(_first_sentence(re.sub(r"^[-+•–]\s*", "", line)))
            elif not current.children:
                current.children.append(_first_sentence(line))
                expecting_children = False
            else:
                expecting_children = False
    return items
