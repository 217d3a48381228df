"""The passage that lists a dispatch's attached forms, and the reply built from it.

Why: "kèm theo những biểu mẫu nào" asks about the whole set of attachments, which no single part of the
document holds: the body says "theo Mẫu số 01 (…) và Mẫu số 02 (…) kèm theo" in passing and each form's
title stands at its own page. One extra passage names every form with its title line and quotes the body's
sentences that say which form is for what ("Phụ lục II (đối với chủ đầu tư)").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from knowledge.metadata import Dispatch
from knowledge.query import template_key
from knowledge.text import split_sentences

if TYPE_CHECKING:
    from knowledge.chunking import Node

ATTACHED_TITLE = "Các phụ lục, biểu mẫu kèm theo"
IN_BODY = "Trong công văn:"
# A sentence saying a form goes with the dispatch ("theo Biểu số 01 kèm theo", "mẫu báo cáo xin gửi kèm").
ATTACHED_RE = re.compile(r"(mẫu|biểu|phụ lục|đề cương)[^.;]{0,40}(gửi kèm|kèm theo|đính kèm)"
                         r"|(gửi kèm|kèm theo)[^.;]{0,30}(mẫu|biểu|phụ lục)", re.I)
MAX_MENTIONS = 3
_ROMAN_RE = re.compile(r"[IVX]{1,4}")


def listing_text(root: Node, dispatch: Dispatch) -> str:
    """The passage's text, or "" when the dispatch has no attached form."""
    lines: list[str] = []
    body: list[str] = [b.text for b in root.blocks]

    def name(node: Node) -> str:  # as its heading writes it, on one line and before any ":" (": " parts the title)
        return " ".join(node.heading.split(":", 1)[0].split()) or node.label

    def visit(node: Node) -> None:
        for child in node.children:
            if child.is_template:
                head = name(child)
                # "Phụ lục I" heading a page whose only content is "Mẫu số 01-SDKP": one form, named by both.
                inner = child.children[0] if not child.blocks and len(child.children) == 1 else None
                if inner is not None and inner.is_template:
                    head, child = f"{head} - {name(inner)}", inner
                title = _title("\n".join(b.text for b in child.blocks[:2] if not b.is_table)) or _titled(child.heading)
                lines.append(f"- {head}: {title}" if title else f"- {head}")
            else:
                body.append(child.heading)
                body.extend(b.text for b in child.blocks)
            visit(child)

    visit(root)
    if not lines:
        return ""
    mentions = [s for s in split_sentences("\n".join(body)) if ATTACHED_RE.search(s)][:MAX_MENTIONS]
    text = f"{ATTACHED_TITLE} Công văn {dispatch.so_hieu}:\n" + ";\n".join(lines) + "."
    return text + (f"\n{IN_BODY}\n" + "\n".join(mentions) if mentions else "")


def _title(first_block: str) -> str:
    """The form's title: the first run of upper-case lines near its top (below "Mẫu 2: Kèm theo … / của Bộ …")."""
    run: list[str] = []
    for line in (ln.strip() for ln in first_block.splitlines()[:TITLE_LINES]):
        if line.isupper() and not line.startswith("("):
            run.append(line)
        elif run:
            break
    return " ".join(run)


TITLE_LINES = 5


def _titled(heading: str) -> str:
    """The title a form's heading line gives after its name ("Biểu mẫu số 01: Kết quả xử phạt …"); not a list of
    columns or items a sentence naming the form goes on with ("gồm các cột: Thôn; Tên bệnh; …")."""
    title = " ".join(heading.split(":", 1)[1].split()).rstrip(".;") if ":" in heading else ""
    return title if len(title) > 3 and ";" not in title else ""


def reply(title: str, listing: str) -> str:
    """The attachments answer from the passage: each form's name, then its title as printed."""
    forms = [ln[2:].rstrip(";.") for ln in listing.split("\n") if ln.startswith("- ")]
    if not forms:
        return ""
    named = []
    for form in forms:  # titles as printed (capitals keep place names right); "PHỤ LỤC II" → "Phụ lục II"
        head, _, name = form.partition(": ")
        if head.isupper():
            head = " ".join(w if _ROMAN_RE.fullmatch(w) else w.lower() for w in head.split())
            head = head[:1].upper() + head[1:]
        named.append(f"- {head}: {name}" if name else f"- {head}")
    count = "một biểu mẫu" if len(forms) == 1 else f"{len(forms)} phụ lục, biểu mẫu"
    # The body's first word on them says what each is for ("Phụ lục II (đối với chủ đầu tư)").
    said = listing.split(f"\n{IN_BODY}\n", 1)[1].split("\n", 1)[0].strip() if f"\n{IN_BODY}\n" in listing else ""
    said = f"\nCông văn viết: “{said}”" if said and len(said) <= MENTION_CHARS else ""
    return f"{title} kèm theo {count}:\n" + ";\n".join(named) + "." + said


MENTION_CHARS = 300  # a longer sentence is a paragraph of tasks that only names the forms in passing


def appendix_reply(title: str, listing: str, number: int) -> str:
    """What one appendix holds ("Phụ lục 2 có những biểu, thuyết minh nào"): the forms listed after it up to the
    next appendix, as the tree nests them; "" when it holds none of its own (a page that is one form)."""
    lines = [ln for ln in listing.split("\n") if ln.startswith("- ")]
    start = next((i for i, ln in enumerate(lines) if _appendix(ln) == number), None)
    if start is None:
        return ""
    inner = []
    for line in lines[start + 1:]:
        if _appendix(line) is not None:
            break
        inner.append(line)
    if not inner:
        return ""
    own = reply(title, "\n".join(lines[start:start + 1]))
    head = own.split(":\n", 1)[1].rstrip(".") if ":\n" in own else f"Phụ lục {number}"
    forms = reply(title, "\n".join(inner)).split(":\n", 1)[1]
    count = "một biểu mẫu" if len(inner) == 1 else f"{len(inner)} biểu mẫu"
    return f"{head[2:]} ({title}) gồm {count}:\n{forms}"


def _appendix(line: str) -> int | None:
    key = template_key(line[2:].split(":", 1)[0])
    return key[1] if key and key[0] == "Phụ lục" else None
