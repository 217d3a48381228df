"""Composing the Vietnamese reply: one to three sentences that answer, then the citation with the
precise section ("Công văn 232/BTTTT-KHTC ngày 19/7/2018 — B.5. Về thời hạn gửi báo cáo"), then up to
two further sources; or, when unsure, an honest decline naming the closest dispatches.

(Choosing what to say is in :mod:`knowledge.asking`; the optional LLM rephrasing in :mod:`knowledge.llm`.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from knowledge.answer_types import brief, title
from knowledge.headings import display_title, numbered_heading
from knowledge.dispatch import Dispatch
from knowledge.summary import RequestItem, Requests
from knowledge.text import fold

# Given a dispatch and texts quoted from it, the label of the section they were found in
# ("B.5. Về thời hạn gửi báo cáo"), or None.
Locator = Callable[[Dispatch, list[str]], "str | None"]

if TYPE_CHECKING:
    from knowledge.base import Passage

_SUBMIT_RE = re.compile(r"\b(?:gửi|nộp)\b", re.I)
_ITEM_LABEL_RE = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*|[a-zđ])[.)]\s")
SUMMARY_ITEMS = 5
SUMMARY_CHILDREN = 4
# A requested action's first sentence often ends on what it is due by ("… hoàn thành triển khai bệnh án điện tử
# trước ngày 30/9/2025"): at 170 characters it was cut just before (session 26, development sets: 3 more replies
# stated the fact, none fewer).
ITEM_CHARS = 240


def citation(passage: "Passage", dispatch: Dispatch | None) -> str:
    """"Công văn 232/BTTTT-KHTC ngày 19/7/2018 — B.5. Về thời hạn gửi báo cáo"."""
    date = f" ngày {passage.date.day}/{passage.date.month}/{passage.date.year}" if passage.date else ""
    label = passage.citation or passage.section
    return f"Công văn {passage.dispatch}{date} — {label}"


def citation_for(d: Dispatch, section: str) -> str:
    """The citation of a dispatch section, in the same format as :func:`citation`."""
    return f"{title(d)} — {section}" if section else title(d)


def precise_label(label: str, passage_text: str, sentence: str) -> str:
    """``label`` made precise with the headings inside the passage above ``sentence`` and its own item:
    "Phụ lục 2" → "Phụ lục 2 › III. Nội dung kế hoạch…, mục 1"; "Mở đầu" → "Mở đầu, mục 2"."""
    if not sentence:
        return label
    lines = [ln.strip() for ln in passage_text.split("\n")]
    key = fold(sentence[:60])
    at = next((i for i, ln in enumerate(lines) if key and key in fold(ln)), None)
    if at is None:
        return label
    folded_label = fold(label)
    headings: list[str] = []
    level = 99
    for line in reversed(lines[:at]):
        found = numbered_heading(line)
        if found and found[0] < level and line[-1:] not in ".;":
            level = found[0]
            mark = ")" if found[1].islower() else "."
            text = f"{found[1]}{mark} {display_title(found[2])}"
            if fold(text) not in folded_label:
                headings.append(text)
    out = " › ".join([label, *reversed(headings)])
    m = _ITEM_LABEL_RE.match(lines[at])
    if m and not headings:
        parts = out.split(" › ")
        last = _ITEM_LABEL_RE.match(parts[-1])
        if last and last.group(1) != m.group(1) and _shape(last.group(1)) == _shape(m.group(1)):
            # The passage begins with item 3 and the sentence is item 4: the label names item 4, not "3., mục 4".
            parts[-1] = f"{m.group(1)}{lines[at][m.end() - 2]} {display_title(lines[at][m.end():])}"
            return " › ".join(parts)
    if m and not re.search(rf"(?:^|[ .›]){re.escape(m.group(1))}[.)]", out):
        out = f"{out}, mục {m.group(1)}"
    return out


def _shape(item: str) -> str:
    """"3" and "4" (or "2.1" and "2.3", "a" and "b") are items of one level."""
    return re.sub(r"\d+", "9", re.sub(r"[a-zđ]", "x", item))


def further(passages: list["Passage"], shown: tuple[str, str]) -> list[str]:
    """"Xem thêm:" and up to two other passages (not the one cited)."""
    seen = {shown}
    more: list[str] = []
    for p in passages:
        if (p.dispatch, p.section) in seen:
            continue
        seen.add((p.dispatch, p.section))
        more.append(f"• {citation(p, None)}")
        if len(more) == 2:
            break
    return ["Xem thêm:", *more] if more else []


def compose(reply: str, cite: str, more: list[str]) -> str:
    """Reply, "(citation)", further sources — one per line."""
    return "\n".join([reply, f"({cite})", *more])


def summary_reply(d: Dispatch, requests: Requests | None) -> tuple[str, list[str]]:
    """"What does dispatch X ask for": the subject, the request and the requested actions (each item and
    sub-point briefly), its deadline and attached forms; with the snippets that locate the request."""
    head = f"{title(d)}" + (f" của {d.issuer}" if d.issuer else "") + (f", V/v {d.subject}." if d.subject else ".")
    lines = [head]
    if requests is not None:
        lines.append(with_items(brief(" ".join([requests.intro, *requests.follow]), "đề nghị", 220), requests.items))
    quoted = fold(" ".join(lines))
    # The deadline the question "yêu cầu gì" cares for: a submission with a date, else the first.
    dl = max(d.deadlines, key=lambda x: (bool(_SUBMIT_RE.search(x.sentence)), bool(x.date or x.day_of_month)),
             default=None)
    if dl and fold(dl.text) not in quoted:
        lines.append(f"Thời hạn: {brief(dl.sentence or dl.text, dl.text, 160)}")
    if d.templates:
        lines.append("Kèm theo: " + ", ".join(d.templates) + ".")
    return "\n".join(lines), requests.snippets() if requests is not None else [d.subject]


def with_items(reply: str, items: list[RequestItem]) -> str:
    """A reply ending in a lead-in ("… đề nghị các đơn vị:") followed by the items it introduces, each briefly."""
    lines = [reply]
    for item in items[:SUMMARY_ITEMS]:
        lines.append(f"• {brief(item.text, '', ITEM_CHARS)}")
        lines += [f"   – {brief(child, '', ITEM_CHARS)}" for child in item.children[:SUMMARY_CHILDREN]]
    return "\n".join(lines)


def ambiguity_note(kind: str, chosen: Dispatch, others: list[Dispatch], ask: str = "Xin nêu số công văn") -> str:
    """"Có 2 công văn có Biểu số 01 (…); dưới đây trả lời theo công văn mới nhất 2145/STTTT-CĐS.\"
    ``ask``: how the user names the other one ("Xin nêu đủ số hiệu" when two dispatches share a number)."""
    shown = others if len(others) <= NOTE_OTHERS + 1 else others[:NOTE_OTHERS]  # never "và 1 công văn khác"
    names = ", ".join(d.so_hieu for d in shown)
    more = f" và {len(others) - len(shown)} công văn khác" if len(shown) < len(others) else ""
    return (f"Có {len(others) + 1} công văn có {kind} ({chosen.so_hieu}, {names}{more}); dưới đây trả lời theo "
            f"{title(chosen)}. {ask} nếu ông/bà hỏi công văn khác.")


NOTE_OTHERS = 3  # other dispatches named in the note (newest first)


NOT_SURE = "Tôi chưa tìm thấy thông tin chắc chắn trả lời câu hỏi này trong các công văn hiện có."
WHICH_ONE = "Câu hỏi chưa nêu công văn nào, mà nhiều công văn có nội dung này."


def not_sure(passages: list["Passage"], dispatches: dict[str, Dispatch], head: str = NOT_SURE) -> str:
    """The honest answer when evidence is weak (or the question fits several dispatches equally): no
    quote, only the closest dispatches."""
    lines = [head]
    shown: list[str] = []
    for p in passages:
        if p.dispatch in shown:
            continue
        shown.append(p.dispatch)
        d = dispatches.get(p.dispatch)
        subject = f": V/v {d.subject}" if d and d.subject else ""
        lines.append(f"• {(title(d) if d else 'Công văn ' + p.dispatch)}{subject}")
        if len(shown) == 3:
            break
    if shown:
        lines.insert(1, "Các công văn gần nhất với câu hỏi:")
    lines.append("Ông/bà có thể hỏi cụ thể hơn, ví dụ nêu số công văn hoặc tên mẫu biểu.")
    return "\n".join(lines)
