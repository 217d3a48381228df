"""A dispatch's text as blocks: paragraphs (lines the layout or the OCR wrapped joined again) and whole tables.

Why: a Word document gives one paragraph per line, a PDF or a scan one line per printed line, a plain text any of
the two; headings and numbered items must start a block of their own whatever the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.form_names import template_heading
from knowledge.headings import numbered_heading
from knowledge.tables import table_row
from knowledge.text import ends_sentence, nfc, strip_controls, strip_markup

TRAILER_RE = re.compile(r"^(Trân trọng|Nơi nhận)", re.I)


@dataclass
class Block:
    """A paragraph (lines joined by newlines) or a whole table."""

    text: str
    is_table: bool = False




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
        titled = bool(para) and all(map(title_line, para))  # an upper-case title so far: an item after it is not its text
        if para and not (full and _wraps(previous, line)) and _starts_part(line, previous, _clean_line(following), titled):
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


def _starts_part(line: str, previous: str, following: str = "", titled: bool = False) -> bool:
    """True when ``line`` opens a new part of the document although no blank line precedes it (a form
    named by words, "BIỂU MẪU", is told by the title line that ``following`` holds; a numbered item after an
    upper-case title, ``titled``)."""
    if template_heading(line, following) or TRAILER_RE.match(line):
        return True
    if _heading_line(previous) and (line[:1].isupper() or _ITEM_START_RE.match(line)):
        return True  # "1. An toàn hồ, đập" over "a) Tổng số hồ chứa …" or "Số liệu báo cáo …"
    return bool(_ITEM_START_RE.match(line)) and (ends_sentence(previous) or titled)


_ADDRESS_RE = re.compile(r"(?:[\w.+-]+@[\w-]+\.|https?://|www\.)\S", re.I)  # an e-mail or web address
_OPEN_WORDS = "và|của|các|cho|với|về|tại|theo|trong|đến|từ|để|những|hoặc|trên"  # no line of a dispatch ends on one
_OPEN_END_RE = re.compile(rf"(?:[,(\-–]|\b(?:{_OPEN_WORDS}|là))$", re.I)
_OPEN_WORD_END_RE = re.compile(rf"\b(?:{_OPEN_WORDS})$", re.I)


def _heading_line(line: str) -> bool:
    """A short numbered heading alone on its line, not a numbered paragraph wrapped mid-sentence ("… và") nor an
    item stating something after a colon ("a) Về Biểu số 01: ông Phạm Đức" / "Thuận, Phó Trưởng phòng …")."""
    line = line.strip()
    return (len(line) <= HEADING_LINE and numbered_heading(line) is not None and not ends_sentence(line)
            and not _OPEN_END_RE.search(line) and not _STATES_RE.search(line))


_STATES_RE = re.compile(r":\s+\S")


HEADING_LINE = 90


def _wraps(previous: str, line: str) -> bool:
    """True when ``line`` continues ``previous`` mid-sentence: no sentence end, and a lower-case start or, after
    a full-width line or a colon, a number ("… nghỉ liên tục từ" / "05 ngày trở lên …", "năm học 2025 -" / "2026 …")."""
    if _ITEM_START_RE.match(line):
        return False
    if previous.endswith(":") and (line[:1].isdigit() or _ADDRESS_RE.match(line)):
        return True  # "… điện thoại:" / "0215.3768.215, di động: …"; "… e-mail:" / "khoipm.qng@nso.gov.vn."
    if _OPEN_WORD_END_RE.search(previous) and not _HEADER_LINE_RE.match(line):
        return True  # "… ngày 22/01/2026 của" / "UBND tỉnh về …": no line ends on "của"
    full = len(previous) >= WRAPPED_LINE and not previous.isupper() and "\t" not in previous
    # After a full-width line, a number or a name runs on ("… của Sở Giáo dục và Đào tạo tỉnh" / "Điện Biên về …").
    name = (line[:1].isupper() and not line.split()[0].isupper()
            and not _HEADER_LINE_RE.match(previous) and not _HEADER_LINE_RE.match(line))
    # "(qua Phòng Quản lý thu) chậm nhất …" goes on; "(Kèm theo Công văn …)", "(1) Ghi …" start a line of their own.
    start = (line[:1].islower() or line[:1] == "(" and line[1:2].islower()
             or full and (line[:1].isdigit() or name))
    return start and not ends_sentence(previous)


def title_line(line: str) -> bool:
    """A line of an upper-case title: upper case, or a year or number the layout pushed to a line of its own
    ("II. TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM" / "2026")."""
    return line.isupper() or bool(_TITLE_NUMBER_RE.match(line))


_TITLE_NUMBER_RE = re.compile(r"^[\d\s/–-]{1,12}$")


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
