"""The passage that lists a dispatch's attached forms, and the reply built from it.

Why: "kèm theo những biểu mẫu nào" asks about the whole set of attachments, which no single part of the
document holds: the body says "theo Mẫu số 01 (…) và Mẫu số 02 (…) kèm theo" in passing and each form's
title stands at its own page. One extra passage names every form with its title line and quotes the body's
sentences that say which form is for what ("Phụ lục II (đối với chủ đầu tư)", "Diện tích … tổng hợp theo Biểu
số 02/TS"). Forms the body lists after a lead-in ("Tài liệu gửi kèm: - Phụ lục 1: …") are attached even when the
file holds no page of theirs: an appendix often travels as a file of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from knowledge.metadata import Dispatch
from knowledge.query import template_key, templates_in
from knowledge.text import fold, split_sentences

if TYPE_CHECKING:
    from knowledge.chunking import Node

ATTACHED_TITLE = "Các phụ lục, biểu mẫu kèm theo"
IN_BODY = "Trong công văn:"
# A sentence saying a form goes with the dispatch ("theo Biểu số 01 kèm theo", "mẫu báo cáo xin gửi kèm").
ATTACHED_RE = re.compile(r"(mẫu|biểu|phụ lục|đề cương)[^.;]{0,40}(gửi kèm|kèm theo|đính kèm)"
                         r"|(gửi kèm|kèm theo)[^.;]{0,30}(mẫu|biểu|phụ lục)", re.I)
MAX_MENTIONS = 3  # sentences saying a form goes with the dispatch
MAX_NAMING = 5  # further sentences naming one of the attached forms (what each is for)
# A line announcing a list of what goes with the dispatch ("Tài liệu gửi kèm:", "Kèm theo Công văn này gồm:").
_LEAD_IN_RE = re.compile(r"(?:kèm theo|gửi kèm|đính kèm)[^.;:]{0,40}:\s*$", re.I)
# An item of that list naming a form and its title ("- Phụ lục 1: Hướng dẫn …;", "2. Biểu số 03/TS: …").
_ITEM_RE = re.compile(r"^(?:[-–•+]|\d{1,2}[.)]|[a-đ]\))\s*((?:phụ lục|biểu mẫu|biểu|mẫu|phiếu)\b[^:;]{0,30}):\s*(.+?)[;.]?$",
                      re.I)
_NAMED_ITEM_RE = re.compile(r"(?:[-–•+]|\d{1,2}[.)]|[a-đ]\))\s*(?:phụ lục|biểu|mẫu|phiếu)\b", re.I)  # its sentences
_ROMAN_RE = re.compile(r"[IVX]{1,4}")
# A form named with its code in a sentence: "theo Biểu số 02/TCMR", "Mẫu 01-SXH", "Phụ lục 03/BQL".
CODED_FORM_RE = re.compile(r"\b(?:biểu mẫu|biểu|mẫu|phụ lục)\s*(?:số\s*)?\d{1,2}\s*[/-]\s*[^\W_]+(?:[/-][^\W_]+)*", re.I)


def listing_text(root: Node, dispatch: Dispatch) -> str:
    """The passage's text, or "" when the dispatch has no attached form."""
    lines: list[str] = []
    body: list[str] = [b.text for b in root.blocks]
    # The text under a form's page: a list of further appendices ("Phụ lục kèm theo:" / "- Phụ lục 3: …") often
    # closes the file after the last form, where the tree files it.
    under_forms: list[str] = []

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
                under_forms.extend(b.text for b in child.blocks if not b.is_table)
            else:
                body.append(child.heading)
                body.extend(b.text for b in child.blocks)
            visit(child)

    visit(root)
    items = _listed_in_body(body + under_forms, {fold(ln[2:].split(":", 1)[0]) for ln in lines} | _keys(lines))
    lines += [f"- {head}: {name}" for head, name in items]
    if not lines:
        return ""
    said = [s for s in split_sentences("\n".join(body)) if not _NAMED_ITEM_RE.match(s.strip())]
    mentions = [s for s in said if ATTACHED_RE.search(s)][:MAX_MENTIONS]
    keys = _keys(lines)
    mentions += [s for s in said if s not in mentions and len(s) <= MENTION_CHARS
                 and keys & set(templates_in(s))][:MAX_NAMING]
    text = f"{ATTACHED_TITLE} Công văn {dispatch.so_hieu}:\n" + ";\n".join(lines) + "."
    return text + (f"\n{IN_BODY}\n" + "\n".join(" ".join(m.split()) for m in mentions) if mentions else "")


def _keys(lines: list[str]) -> set:
    """The forms of listing lines ("- Phụ lục I - Mẫu số 01: …" is both), as :func:`template_key` keys."""
    return {k for ln in lines for k in templates_in(ln[2:].split(":", 1)[0])}


def _listed_in_body(body: list[str], known: set) -> list[tuple[str, str]]:
    """(name, title) of the forms the body lists after a lead-in ("Tài liệu gửi kèm:"), those not printed in the
    file; a list of forms with no such lead-in may be about forms of another document."""
    found: list[tuple[str, str]] = []
    announced = False
    for line in (ln.strip() for text in body for ln in text.splitlines()):
        item = _ITEM_RE.match(line) if announced else None
        if item:
            head = " ".join(item.group(1).split())
            if fold(head) not in known and not set(templates_in(head)) & known:
                found.append((head, " ".join(item.group(2).split())))
                known = known | {fold(head)} | set(templates_in(head))
        elif line:
            announced = bool(_LEAD_IN_RE.search(line))
    return found


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


def reply(title: str, listing: str, rate: Callable[[str], float] | None = None) -> str:
    """The attachments answer from the passage: each form's name, then its title as printed, then the body's
    sentence on them: the first, or the one ``rate`` (how much of the question it holds) puts higher ("… thì tổng
    hợp vào biểu số mấy": the sentence naming the form that figure goes in)."""
    forms = [ln[2:].rstrip(";.") for ln in listing.split(f"\n{IN_BODY}\n", 1)[0].split("\n") if ln.startswith("- ")]
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
    body = listing.split(f"\n{IN_BODY}\n", 1)[1].split("\n") if f"\n{IN_BODY}\n" in listing else [""]
    said = body[0].strip()
    if rate is not None:
        best = max((s.strip() for s in body if len(s.strip()) <= MENTION_CHARS), key=rate, default="")
        said = best if best and rate(best) > rate(said) else said
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


def named_in_body(sentences: list[str] | tuple[str, ...]) -> list[tuple[str, str]]:
    """The forms the sentences name with a code ("lập danh sách … theo Biểu số 01/TCMR"), once each in order, with the
    first sentence naming each: what a dispatch asks for when it neither prints nor lists its forms."""
    found: dict[str, tuple[str, str]] = {}
    for sentence in sentences:
        for m in CODED_FORM_RE.finditer(sentence):
            key = re.sub(r"\W+|\bso\b", "", fold(m.group(0)))  # "Biểu số 02/TCMR" is "Biểu 02/TCMR"
            found.setdefault(key, (m.group(0), sentence))
    return list(found.values())

