"""Answers about a form's outline: "Đề cương gồm những phần nào?" and "phần Kết quả triển khai nêu những gì?".

Why: an outline (Đề cương, a Phụ lục of numbered headings) is a list, not sentences; the best sentence of
its passage is one heading or one item, which answers neither question.  The parts are the outline's
top-level headings; what a part asks for is the lines under its heading, down to the next heading of
the same rank.  The part is the heading that holds most of the question's own words (as evidence, like
every answer type: below ``MIN_HEADING`` the ordinary sentences answer).
"""

from __future__ import annotations

import re

from knowledge.blocks import to_blocks
from knowledge.headings import numbered_heading, same_labels
from knowledge.evidence import Terms, tokens
from knowledge.form_names import sentence_case, template_heading
from knowledge.query import Query, templates_in
from knowledge.text import fold, strip_markup

MIN_HEADING = 0.5  # share of the question's own words a heading must hold to be the part asked about
HEADING_MARGIN = 0.15  # ... and clearly more than any other heading
_PART_WORDS = frozenset({"phan", "muc", "noi", "dung", "section", "part"})
MAX_LINES = 8  # lines of a part quoted (its sub-items, in order)
MAX_CHARS = 600


def _region(lines: list[str], anchor: str, forms: list[tuple[str, int]] = ()) -> list[str]:
    """The lines of the form the question names (``forms``: template keys), else of the form (or part of
    the dispatch) holding ``anchor``: from the form heading to the next form heading or "Nơi nhận"."""
    def heading(i: int) -> str | None:
        return template_heading(lines[i], lines[i + 1] if i + 1 < len(lines) else "")

    at = next((i for i in range(len(lines)) if forms and (name := heading(i)) and set(templates_in(name)) & set(forms)),
              None)
    if at is None:
        at = next((i for i, line in enumerate(lines) if anchor and line.startswith(anchor[:60])), None)
    if at is None:
        return lines
    start = next((i for i in range(at, -1, -1) if template_heading(lines[i], lines[i + 1] if i + 1 < len(lines) else "")), 0)
    end = next((i for i in range(at + 1, len(lines))
                if template_heading(lines[i], lines[i + 1] if i + 1 < len(lines) else "")
                or lines[i].startswith("Nơi nhận")), len(lines))
    return lines[start:end]


def _title(region: list[str]) -> str:
    """"Phụ lục I – Đề cương báo cáo kết quả chuyển đổi số quý": the form's name and its title line."""
    if not region or numbered_heading(region[0]):
        return ""
    name = template_heading(region[0], region[1] if len(region) > 1 else "") or region[0]
    nxt = region[1] if len(region) > 1 else ""
    if nxt.isupper() and not numbered_heading(nxt) and fold(nxt) not in fold(name):
        return f"{name} – {sentence_case(nxt)}"
    return name


def _cut(parts: list[str], limit: int = MAX_CHARS) -> str:
    out: list[str] = []
    size = 0
    for part in parts:
        if out and size + len(part) > limit:
            out.append("…")
            break
        out.append(part)
        size += len(part) + 1
    return "\n".join(out)


def _part(region: list[str], heads: list[tuple[int, int]], terms: Terms) -> tuple[float, int, int] | None:
    """(score, line, level) of the heading the question names, or None.  The part is named by the
    question's own words: single words, less those naming the form itself (the lines above its first
    heading) and the words for "part" ("phần", "mục")."""
    naming = tokens(" ".join(region[:heads[0][0]])) | _PART_WORDS
    words = {t: w for t, w in terms.weights.items() if "_" not in t and t not in naming}
    total = sum(words.values())
    if not total:
        return None
    scored = [(round(sum(w for t, w in words.items() if t in tokens(region[i])) / total, 3), -level, i)
              for i, level in heads]
    score, rank, at = max(scored)  # on a tie the higher heading: "II. Tiến độ triển khai", not its item 2
    if score < MIN_HEADING or any(s > score - HEADING_MARGIN for s, r, i in scored if r == rank and i != at):
        return None
    return score, at, -rank


def outline_answer(document: str, anchor: str, terms: Terms, query: Query):
    """A typed answer (``knowledge.answer_types.Typed``) saying what the part the question names asks
    for, else (asked "gồm những phần nào") listing the form's parts, or the letter's own when it has no form with an
    outline; None when no outline fits."""
    from knowledge.answer_types import Typed  # the types module imports this one's caller

    # Lines as the blocks join them: a wrapped line opening with a form's name ("… tổng hợp theo" / "Biểu số 01/CCHC.")
    # is no form's heading.
    lines = [" ".join(strip_markup(line).strip(" *_#").split()) for b in to_blocks(document) for line in b.text.split("\n")]
    lines = [line for line in lines if line]
    region = _region(lines, anchor, query.templates)
    if not region or not template_heading(region[0], region[1] if len(region) > 1 else ""):
        region = _first_outline(lines)  # the question's passage is the letter's body: the form's outline
    named = ""
    if not region and "parts" in query.intents and not query.templates:  # no form: "công văn … gồm mấy phần"
        letter = _letter_lines(document)
        region = letter[: next((i for i, line in enumerate(letter) if line.startswith("Nơi nhận")), len(letter))]
        named = " ".join(["Công văn", *query.dispatch_numbers[:1]])
    heads = [(i, found[0]) for i, line in enumerate(region) if (found := numbered_heading(line))]
    if len(heads) < 2:
        return None
    part = _part(region, heads, terms)
    if part:
        score, at, level = part
        below = _under(region[at + 1:], level, numbered_heading)
        if below:
            return Typed("section", _cut([region[at], *_clipped(below)], LIST_CHARS), [region[at]], score)
    if "parts" in query.intents:
        top = min(level for _, level in heads)
        items = [region[i] for i, level in heads if level == top]
        if len(items) >= 2:
            title = named or _title(region)
            reply = (f"{title} gồm {len(items)} phần:\n" if title else f"Gồm {len(items)} phần:\n") + _cut(items)
            return Typed("section", reply, [items[0]], 1.0)
    return None


def _under(lines: list[str], level: int, heading) -> list[str]:
    """The lines of a part: those after its heading, down to the next heading (``heading(line)``) of its rank or above."""
    below = []
    for line in lines:
        found = heading(line)
        if found and found[0] <= level:
            break
        below.append(line)
    return below


def _first_outline(lines: list[str]) -> list[str]:
    """The first attached form whose lines hold numbered headings (an outline), or []."""
    for i, line in enumerate(lines):
        if template_heading(line, lines[i + 1] if i + 1 < len(lines) else ""):
            region = _region(lines, line)
            if sum(1 for ln in region if numbered_heading(ln)) >= 2:
                return region
    return []


def section_answer(document: str, labels: list[str], item: str = ""):
    """A typed answer quoting the part of the letter the question names by its label ("mục III nói gì", "phần 2
    quy định gì"; officials write "mục 2" for "II." too): its heading and the lines under it. None when no
    heading is so labelled, or when several parts of the same rank are ("2." under both I. and II.)."""
    from knowledge.answer_types import Typed  # the types module imports this one's caller

    wanted = same_labels(labels)
    # The letter's paragraphs, lines a scan wrapped joined again.
    lines = _letter_lines(document)
    end = next((i for i, line in enumerate(lines) if line.startswith("Nơi nhận")), len(lines))
    # An item's label, however long the item (a heading is short; "6. Bản giấy … gửi về địa chỉ: …" is not).
    found = [(f[0], i) for i, line in enumerate(lines[:end])
             if (f := numbered_heading(line[:TITLE_CHARS])) and f[1].upper() in wanted]
    if not found:
        return None
    level, at = min(found)  # the highest-ranked part so labelled
    if sum(1 for lv, _ in found if lv == level) > 1:
        return None
    below = _under(lines[at + 1:end], level, lambda line: numbered_heading(line[:TITLE_CHARS]))
    lettered = [i for i, line in enumerate(below) if (f := numbered_heading(line[:TITLE_CHARS])) and f[1] == item]
    if item and len(lettered) == 1:  # "điểm c mục 2": the item c) of that part, with what is under it
        at_item = lettered[0]
        inner = _under(below[at_item + 1:], numbered_heading(below[at_item][:TITLE_CHARS])[0],
                       lambda line: numbered_heading(line[:TITLE_CHARS]))
        return Typed("section", _cut([below[at_item], *_clipped(inner)], LIST_CHARS), [below[at_item]], 1.0)
    # An item with nothing under it is its own content ("6. Bản giấy … gửi về địa chỉ: …"), a bare title is not.
    full = below or len(lines[at]) > TITLE_CHARS
    return Typed("section", _cut([lines[at], *_clipped(below)], LIST_CHARS), [lines[at]], 1.0) if full else None


TITLE_CHARS = 80


def _letter_lines(document: str) -> list[str]:
    """The letter's paragraph lines (tables left out), lines a scan wrapped joined again, markup ("#### **1.2. …**")
    stripped."""
    return [" ".join(strip_markup(line).strip(" *_#").split())
            for b in to_blocks(document) if not b.is_table for line in b.text.split("\n")]


# The duties a part of the letter sets for one body or one case: "2. Đối với Ban Quản lý Khu kinh tế …: báo cáo …",
# "2. Đối với Trưởng các thôn, bản" with a), b), c) under it, "III. Trách nhiệm của các đơn vị".
ADDRESSEE_SHARE = 0.6  # share of the question's own words (the dispatch's name aside) the part's heading must hold
ADDRESSEE_MARGIN = 0.15  # ... and clearly more than any other part's heading
# The asking words ("phải thực hiện những nhiệm vụ gì", "what tasks"): the heading names whom, not these.
_DUTY_WORDS = frozenset("phai can lam thuc hien tiep tuc nhiem vu trach viec cong yeu cau de nghi noi dung "
                        "do does ask asks asked task tasks duty duties must should required responsible".split())


def addressee_answer(document: str, terms: Terms, question: str = ""):
    """A typed answer for "X phải làm gì / báo cáo những gì": the part of the letter whose heading names X
    ("Đối với X", "Trách nhiệm của X"), with its items; None when no heading holds most of the question's own
    words (``terms``: the question's, the dispatch's name left out), or two do alike, unless only one of them
    says "chưa" or "không" as the question does or does not ("đơn vị đã ban hành … phải làm gì" against "Đối với
    … chưa ban hành" and "Đối với … đã ban hành")."""
    from knowledge.answer_types import Typed  # the types module imports this one's caller

    lines = _letter_lines(document)
    end = next((i for i, line in enumerate(lines) if line.startswith("Nơi nhận")), len(lines))
    words = {t: w for t, w in terms.weights.items() if "_" not in t and t not in _DUTY_WORDS}
    if not words:  # its words are the dispatch's too, their pairs are not ("cơ sở lưu trú" in a letter on "lưu trú")
        words = {t: w for t, w in terms.weights.items() if _DUTY_WORDS.isdisjoint(t.split("_"))}
    total = sum(words.values())
    if not total:
        return None
    scored = []
    for i, line in enumerate(lines[:end]):
        found = numbered_heading(line[:TITLE_CHARS])
        if not found:
            continue
        named = line.split(":", 1)[0]  # what the heading names, not what the part then says of it
        held = sum(w for t, w in words.items() if t in tokens(named)) / total
        scored.append((round(held, 3), -found[0], i))
    if not scored:
        return None
    score, rank, at = max(scored)
    close = [(s, r, i) for s, r, i in scored if s > score - ADDRESSEE_MARGIN]
    if len(close) > 1:
        negated = bool(_NEGATION_ASK_RE.search(fold(question)))
        agree = [c for c in close if bool(_NEGATION_RE.search(lines[c[2]].split(":", 1)[0])) == negated]
        close = agree if len(agree) == 1 else close
        score, rank, at = close[0] if len(close) == 1 else (score, rank, at)
    if score < ADDRESSEE_SHARE or len(close) > 1:
        return None
    below = _under(lines[at + 1:end], -rank, lambda line: numbered_heading(line[:TITLE_CHARS]))
    if not below and ":" not in lines[at].rstrip(":"):
        return None  # a bare title with nothing under it
    return Typed("section", _cut([lines[at], *_clipped(below)], LIST_CHARS), [lines[at]], score)


_NEGATION_RE = re.compile(r"\b(?:chưa|không)\b", re.I)
_NEGATION_ASK_RE = re.compile(r"\b(chua|khong|ko|not|yet)\b")  # folded "chua" is also "chứa": rarely in a heading's case


ITEM_CHARS = 150
MIN_ITEM_CHARS = 80  # an item cut shorter than this no longer says what it asks
LIST_CHARS = 800  # a part shown as the list of its items


def _clipped(lines: list[str]) -> list[str]:
    """A part's lines: all of them when they fit (``MAX_LINES``, ``MAX_CHARS``); else each long one cut at a word
    before ``ITEM_CHARS`` and marked "…", when that fits; else the list rather than its first items: the opening line
    and the items of the highest rank under the heading ("a)", "b)", not the dashes under them; a wrapped item's
    further lines left out; the dashed lines when there is no such list), up to ``MAX_LINES`` (then "…"), each cut at
    its share of ``LIST_CHARS`` (at most ``ITEM_CHARS``, at least ``MIN_ITEM_CHARS``). A part with no items: its first
    lines, so cut."""
    if len(lines) <= MAX_LINES and sum(len(line) + 1 for line in lines) <= MAX_CHARS:
        return lines
    cut = [_short(line, ITEM_CHARS) for line in lines]
    if len(lines) <= MAX_LINES and sum(len(line) + 1 for line in cut) <= MAX_CHARS:
        return cut
    labelled = [(i, found[0]) for i, line in enumerate(lines) if (found := numbered_heading(line[:TITLE_CHARS]))]
    top = min((level for _, level in labelled), default=None)
    keep = {i for i, level in labelled if level == top}
    if len(keep) < 2:  # no list of labelled items: the dashed ones too
        keep |= {i for i, line in enumerate(lines) if line.startswith(("-", "+", "•", "–"))} | {i for i, _ in labelled}
    items = [line for i, line in enumerate(lines) if i == 0 or i in keep] if keep else lines
    more = len(items) > MAX_LINES
    items = items[:MAX_LINES]
    share = max(MIN_ITEM_CHARS, min(ITEM_CHARS, LIST_CHARS // (len(items) + 1) - 2))  # a share for the part's heading
    return [_short(line, share) for line in items] + ["…"] * more


def _short(line: str, size: int) -> str:
    return line if len(line) <= size else line[:size].rsplit(" ", 1)[0].rstrip(",;:") + " …"
