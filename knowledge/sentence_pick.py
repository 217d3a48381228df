"""The sentences of a passage that answer a question: the one to three that hold most of its weight, a
heading's sub-items, what a sentence ending in ":" introduces; a form described by its header and row groups.

Why apart from :mod:`knowledge.evidence`: that module says what the question's words are and how much of them a text
holds; this one cuts the reply from a passage with them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from knowledge.evidence import Terms, tokens
from knowledge.metadata import _KIND_RE
from knowledge.table_evidence import matching_note, matching_rows, table_summary
from knowledge.text import fold, split_sentences


@lru_cache(maxsize=2048)
def _split(text: str, roster: bool = False) -> tuple[str, ...]:
    """The sentences that may answer: boilerplate out, and the items of the "Kính gửi" and "Nơi nhận" lists
    (the bodies addressed, which the recipients answer gives from the metadata). Each such item repeats the
    name of a body that the request addressed to it names too ("- Ban Quản lý Khu kinh tế …;" against "2. Đối
    với Ban Quản lý Khu kinh tế …: báo cáo số lượng công nhân …"), and says nothing of what it must do.
    ``roster``: keep those items (the question asks whom the dispatch is sent to). The letterhead's issuer lines
    ("UBND TỈNH QUẢNG TRỊ", "PHƯỜNG HÒA THÀNH": upper case, above "Số:" or "V/v") name the sender, which the
    metadata answers."""
    out: list[str] = []
    in_roster = False
    sentences = split_sentences(text)
    head = [i for i, s in enumerate(sentences[:LETTERHEAD_LINES]) if _LETTERHEAD_RE.match(s) or _MOTTO_RE.search(s)]
    issuer = {i for i in range(head[-1]) if sentences[i].isupper()} if head else set()
    for i, s in enumerate(sentences):
        if i in issuer:
            continue
        if _ROSTER_HEAD_RE.match(s):
            in_roster = True
        elif in_roster and _ROSTER_ITEM_RE.match(s):
            if not roster:
                continue
        else:
            in_roster = False
        if not _BOILERPLATE_RE.match(s) and not _MOTTO_RE.search(s):
            out.append(s)
    return tuple(out)


@dataclass
class Pick:
    """The sentences of one passage that answer, and how well (0..1: share of the question's weight)."""

    sentences: list[str]
    score: float
    is_table: bool = False
    top: str = ""  # the single best sentence


def pick_sentences(
    terms: Terms, text: str, context: str = "", limit: int = 3, bonus: Callable[[str], float] | None = None,
    notes: bool = True, roster: bool = False, column: str = "", basis: bool = True, column_name: str = "",
) -> Pick:
    """The 1-3 sentences of ``text`` that hold most of the question's weight, in document order.

    Words of the passage's heading and breadcrumb (``context``) count at 30 %: they are why the passage
    was retrieved, not what distinguishes the sentence that answers within it. ``bonus`` adds to a
    sentence's score (the answer type's evidence: a date, an e-mail). A chosen heading or numbered item
    brings the sub-items under it (a), b), -, +), and a sentence ending in ":" what it introduces. A form's
    note that holds the question is shown with its columns unless ``notes`` is False ("gồm những cột nào").
    The items of the "Kính gửi" and "Nơi nhận" lists answer only when ``roster`` is set; ``column``: the number of
    the form's column the question names ("cột (7)"), whose note answers; ``column_name``, the words the question writes
    after "cột" (folded), which begin the label of the column it names. ``basis``: False when the question asks
    about no document, so that a sentence citing the dispatch's legal basis ("Căn cứ Nghị định số …", "Thực hiện
    Kế hoạch số …") weighs as a title line does: it repeats the dispatch's subject words and answers nothing else.
    """
    if "\t" in text and _layout_only(text):
        text = text.replace("\t", "\n")  # a Word letterhead laid out as a table: prose, not a form
    if "\t" in text:
        summary = table_summary(text)
        def held(part: str) -> float:
            return terms.score(tokens(part))

        rows = matching_rows(held, text)
        if rows:
            summary.append("Dòng liên quan: " + "; ".join(rows) + ".")
        note = matching_note(held, text, column, column_name).lstrip("-–•+ ") if notes else ""
        if note:  # "cột Nguyên nhân ghi thế nào", "tỷ lệ tính thế nào": the form's own note says
            summary.insert(min(2, len(summary)), note if fold(note).startswith("ghi chu") else f"Ghi chú: {note}")
        score = terms.score(tokens(context + "\n" + text))
        # A note with what the answer type looks for ("số liệu tính đến hết ngày 31/12/2026" under the form, for
        # "tính đến ngày nào") is the form's answering sentence, as a prose sentence with it would be.
        lift = bonus(note) if note and bonus is not None else 0.0
        top = note or (summary[0] if summary else "")  # the note says what the form's title does not
        return Pick(summary, score + lift, True, top)
    sentences = _split(text, roster)
    if not sentences:
        return Pick([], 0.0)
    first = text.split("\n", 1)[0].strip()
    ctx = tokens(context)
    if _looks_like_heading(first):
        ctx |= tokens(first)
    scored = []
    for i, sent in enumerate(sentences):
        toks = tokens(sent)
        score = (1 - HEADING_TERM_WEIGHT) * terms.score(toks) + HEADING_TERM_WEIGHT * terms.score(toks | ctx)
        if sent.isupper() or not basis and _BASIS_RE.match(sent):  # says what the part is about, not what it asks
            score *= HEADING_TERM_WEIGHT
        if bonus is not None:
            score += bonus(sent)
        scored.append((score, i))
    top = max(sc for sc, _ in scored)
    if top <= 0:
        return Pick(list(sentences[:1]), 0.0, top=sentences[0])
    ranked = sorted(scored, key=lambda si: (-si[0], si[1]))
    chosen = sorted(i for sc, i in ranked[:limit] if sc >= SECOND_SENTENCE_SHARE * top)
    extra: set[int] = set()
    for i in chosen:
        sent = sentences[i].rstrip()
        if sent.endswith(":") or (len(chosen) == 1 and (len(sent) < 60 or is_heading(sent))):
            # A heading alone says little; a sentence ending in ":" introduces what answers.
            j = i + 1
            # Items follow as a list, or run on inline after the colon ("Các cột: STT; Tên đơn vị; …").
            while j < len(sentences) and j <= i + 12 and (
                    j == i + 1 or _LIST_ITEM_RE.match(sentences[j]) or sentences[j - 1].rstrip().endswith(";")):
                extra.add(j)
                j += 1
        elif _NUMBERED_RE.match(sent) and _looks_like_heading(sent) or _NUMBERED_RE.match(sent) and sent.endswith(";"):
            j = i + 1
            while j < len(sentences) and j <= i + 8 and _SUB_ITEM_RE.match(sentences[j]):
                extra.add(j)
                j += 1
    chosen = sorted(set(chosen) | extra)
    if all(is_heading(sentences[i]) for i in chosen):  # a heading alone never answers: what it heads
        after = next((j for j in range(chosen[-1] + 1, len(sentences)) if not is_heading(sentences[j])), None)
        if after is not None and after <= chosen[-1] + 3:
            chosen = sorted(set(chosen) | set(range(chosen[-1] + 1, after + 1)))
    return Pick([sentences[i] for i in chosen], top, top=sentences[ranked[0][1]])


def _layout_only(text: str) -> bool:
    """Every tabular line is letterhead (issuer beside the national motto, "Số:" beside the date line):
    a Word header laid out as a table, not a table of the dispatch."""
    rows = [ln for ln in text.split("\n") if "\t" in ln]
    return all(any(_BOILERPLATE_RE.match(cell.strip()) for cell in row.split("\t")) for row in rows)


SECOND_SENTENCE_SHARE = 0.75
LETTERHEAD_LINES = 8  # the sentences of a passage's start where its letterhead may lie
# Header and form boilerplate that never answers: the national motto, "Số:", "V/v", the place-and-date
# line, "Kính gửi", "(Kèm theo Công văn số …)", "Nơi nhận", "Trân trọng", signature titles.
_BOILERPLATE_RE = re.compile(
    r"^\W*(?:CỘNG\s+H[OÒ]|Độc\s+lập|ĐỘC\s+LẬP|Số\s*:|V/v\b|Kính\s+gửi|\(?\s*Kèm\s+theo\s+[Cc]ông\s+văn|"
    r"Nơi\s+nhận|Trân\s+trọng|Lưu\s*:|[A-ZÀ-Ỹ][\w\s-]{0,30},\s+ngày\s+\d{1,2}\s+tháng|(?:KT|TM|TL|TUQ)\.\s)",
)
# The national motto anywhere in a line: the letterhead's two columns read as one line ("SỞ NỘI VỤ Độc lập - Tự do -
# Hạnh phúc", "UBND TỈNH QUẢNG TRỊ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").
# The letterhead's own lines below the issuer: "Số:", "V/v", the place-and-date line (not an appendix's "(Kèm theo
# Công văn …)", under which the appendix's upper-case title answers).
_LETTERHEAD_RE = re.compile(r"^\W*(?:Số\s*:|V/v\b|[A-ZÀ-Ỹ][\w\s-]{0,30},\s+ngày\s+\d{1,2}\s+tháng)")
_MOTTO_RE = re.compile(r"CỘNG\s+H[OÒ]A\s+XÃ\s+HỘI|Độc\s+lập\s*-\s*Tự\s+do", re.I)
# A sentence citing what the dispatch rests on: "Căn cứ …", "Thực hiện / Triển khai / Tiếp theo" a law, decree, plan…,
# "Ngày 31 tháng 3 năm 2009, Thủ tướng Chính phủ có Quyết định số …", and the further items of such a list
# ("Thông tư số 01/2018/TT-BNV ngày … hướng dẫn …;").
_DOCUMENT_KIND = r"(?:" + _KIND_RE + r"|Bộ\s+luật|Chương\s+trình|Đề\s+án)"  # the kinds cited documents are parsed by
_BASIS_RE = re.compile(
    r"^\W*(?:Căn\s+cứ\b|(?:Thực\s+hiện|Triển\s+khai(?:\s+thực\s+hiện)?|Tiếp\s+theo)\s+(?:\S+\s+){0,3}?" + _DOCUMENT_KIND +
    r"|Ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4},[^.;]{0,80}?" + _DOCUMENT_KIND +
    r"|" + _DOCUMENT_KIND + r"\s+số\s+\d[^\n]*[;,]\s*$)")
_ROSTER_HEAD_RE = re.compile(r"^\W*(?:Kính\s+gửi|Nơi\s+nhận)\s*:?\s*$", re.I)
_ROSTER_ITEM_RE = re.compile(r"^\s*[-+•]")
HEADING_TERM_WEIGHT = 0.3
_NUMBERED_RE = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*[.)]\s")
_SUB_ITEM_RE = re.compile(r"^\s*(?:[-+•]\s*)?(?:[a-zđ]\)\s|[-+•]\s)|^\s*[-+•]\s")


def _looks_like_heading(line: str) -> bool:
    """A short line without closing punctuation ("1.2. Đối với lĩnh vực an toàn thông tin", "PHỤ LỤC 2")."""
    line = line.strip()
    return 0 < len(line) <= 160 and line[-1] not in ".;?!"


def is_heading(sentence: str) -> bool:
    """A title line ("PHỤ LỤC I", "II. KẾT QUẢ THỰC HIỆN") or a short numbered heading without closing
    punctuation ("1. Nội dung báo cáo")."""
    s = sentence.strip()
    if s[:1] in "-+•":
        return False  # a list item answers
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and (s.isupper() or _looks_like_heading(s) and len(s) <= 80 and not s.endswith(":"))


_LIST_ITEM_RE = re.compile(r"^\s*(?:[-+•]|\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ]\))\s")
