"""Composing the Vietnamese reply: one to three sentences that answer, then the citation with the
precise section ("Công văn 232/BTTTT-KHTC ngày 19/7/2018 — B.5. Về thời hạn gửi báo cáo"), then, when a second
passage may answer as well, its sentences and citation, then up to two further sources; or, when unsure, an honest
decline naming the closest dispatches.

(Choosing what to say is in :mod:`knowledge.asking`; the optional LLM rephrasing in :mod:`knowledge.llm`.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from knowledge import answer_shape
from knowledge.answer_types import MAX_REPLY, brief, title
from knowledge.evidence import Terms, tokens
from knowledge.headings import display_title, numbered_heading
from knowledge.dispatch import Dispatch
from knowledge.sentence_pick import Pick, is_heading
from knowledge.summary import RequestItem, Requests
from knowledge.text import fold

# Given a dispatch and texts quoted from it, the label of the section they were found in
# ("B.5. Về thời hạn gửi báo cáo"), or None.
Locator = Callable[[Dispatch, list[str]], "str | None"]

if TYPE_CHECKING:
    from knowledge.base import Passage
    from knowledge.choice import Choice

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


def further(passages: list["Passage"], shown: list[tuple[str, str]]) -> list[str]:
    """"Xem thêm:" and up to two other passages (not those cited: (dispatch, section) in ``shown``)."""
    seen = set(shown)
    more: list[str] = []
    for p in passages:
        if (p.dispatch, p.section) in seen:
            continue
        seen.add((p.dispatch, p.section))
        more.append(f"• {citation(p, None)}")
        if len(more) == 2:
            break
    return ["Xem thêm:", *more] if more else []


RELATED = "Nội dung liên quan:"  # heads a second passage's sentences: the reply answers, they may too


def compose(reply: str, cite: str, more: list[str], also: tuple[str, str] | None = None) -> str:
    """Reply, "(citation)", a second passage's sentences under ``RELATED`` and "(citation)" if any, further sources — one
    per line."""
    return "\n".join([reply, f"({cite})", *([RELATED, also[0], f"({also[1]})"] if also else []), *more])


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


def shortened(pick: Pick, terms: Terms, question: str = "") -> str:
    """The picked sentences; when they run long (a list excepted), each cut around its rarest question word."""
    text = "\n".join(pick.sentences)
    if pick.is_table or len(text) <= MAX_REPLY or len(pick.sentences) > 3:
        return text
    if any(sentence.rstrip().endswith(":") for sentence in pick.sentences):
        return text  # a lead-in and the list it introduces: cut, the list would say nothing
    top = pick.top or pick.sentences[0]  # too long: the best sentence alone, cut around its rarest question word
    if is_heading(top):  # never a heading alone: the first sentence under it
        top = next((s for s in pick.sentences if not is_heading(s)), top)
    # Around what the question asks for (a date, an amount) if the sentence has it, else the clause that holds
    # most of the question ("… trong đó, yêu cầu …; đối với các dự án CNTT …, phải liên thông các cấp").
    clauses = re.split(r"(?<=[;,])\s+", re.sub(r"\s+", " ", top).strip())
    held = max(clauses, key=lambda c: terms.score(tokens(c)))  # the first on ties
    anchor = answer_shape.where(question, top) or (held if terms.score(tokens(held)) > 0 else "")
    return brief(top, anchor)


# Typed answers cut from a sentence of the body, which the ordinary evidence may contradict ("by when must the damage
# be repaired": the deadline type finds the report's deadline, the ordinary evidence the repair's). Session 28,
# development sets: quoting the ordinary evidence after them stated the fact in 17 more replies (1866 to 1883 of 2000,
# none fewer). Counted beforehand, the replies whose ordinary evidence held the fact: after a deadline 11 of the 78 that
# would get it, a period 4 of 38, a consequence 2 of 32; after a contact 1 of 41, a section 1 of 33 (left out).
BODY_KINDS = frozenset({"deadline", "period", "consequence"})
AGREE_CHARS = 40


def second_quote(d: Dispatch | None, other: "Choice", terms: Terms, question: str,
                 said: str) -> tuple[str, str, tuple[str, str]] | None:
    """A second passage's sentences (``other``: the runner-up of the evidence choice, or the ordinary evidence after a
    typed answer), their citation and the passage's (dispatch, section); None when ``said`` already says them."""
    known = fold(said)
    top = other.pick.top or (other.pick.sentences[0] if other.pick.sentences else "")
    # What it would quote first: its best sentence, unless a heading or a title ("PHỤ LỤC 2", "1. Thời điểm kiểm kê")
    # that the reply may name in passing.
    main = next((s for s in [top, *other.pick.sentences] if len(s) >= AGREE_CHARS and not is_heading(s)), "")
    if d is None or not top or main and fold(main[:80]) in known:
        return None  # the reply says it already: the two agree
    # What the reply says already is left out (not a short title it may name in passing).
    fresh = [s for s in other.pick.sentences if len(s) < AGREE_CHARS or fold(s[:80]) not in known]
    if other.pick.is_table and len(fresh) < len(other.pick.sentences):
        return None
    text = shortened(Pick(fresh, other.pick.score, other.pick.is_table, top), terms, question)
    if not text.strip() or text.rstrip().endswith(":"):
        return None  # nothing, or a lead-in whose items are not quoted: it says nothing
    chunk = other.chunk.chunk
    label = precise_label(chunk.citation or chunk.section, chunk.text, top)
    return text, citation_for(d, label), (chunk.dispatch, chunk.section)
