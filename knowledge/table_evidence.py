"""A form (a table passage) as evidence: its title, columns and row groups, the rows and the note under it
that hold the question's words. ``held(text)`` is the share of the question's weight a text holds."""

from __future__ import annotations

import re
from collections.abc import Callable

from knowledge.tables import column_paths, describe_header, header_rows, item_rows, row_groups, split_rows
from knowledge.text import fold, split_sentences


def table_summary(text: str) -> list[str]:
    """For a table passage: its title lines, the column hierarchy in column order (merged header
    cells resolved, OCR typos of abbreviations corrected and noted) and the row groups."""
    lines = text.split("\n")
    title = [ln.strip() for ln in lines if ln.strip() and "\t" not in ln]
    out = title[:2]
    header = describe_header(text)
    if header:
        out.append("Các cột: " + header.text + ".")
        if header.corrected:
            wrong = ", ".join(f"“{w}”" for w, _ in header.corrected)
            right = ", ".join(f"“{r}”" for _, r in header.corrected)
            out.append(f"Lưu ý: bản gốc in {wrong} (lỗi nhận dạng chữ); ở trên đã ghi đúng là {right}.")
    groups = row_groups(text)
    if groups:
        out.append("Các nhóm dòng:")
        out += [f"• {head}" + (": " + "; ".join(items) if items else "") + "." for head, items in groups]
    elif rows := item_rows(text):
        out.append("Các dòng: " + "; ".join(rows) + ".")
    return out


def matching_rows(held: Callable[[str], float], text: str, limit: int = 3) -> list[str]:
    """Rows of a table passage (below its header) that hold part of the question ("chỉ tiêu nào về thanh
    toán trực tuyến" → "3. Số giao dịch thanh toán trực tuyến (Giao dịch)"), best first."""
    rows = split_rows(text)
    scored = []
    for row in rows[len(header_rows(rows)) :]:
        cells = [c.strip() for c in row if c.strip()]
        if len(cells) < 2:
            continue
        label = cells[0] + ". " + cells[1] + (f" ({cells[2]})" if len(cells) > 2 else "")
        score = held(" ".join(cells[1:]))
        if score >= ROW_SHARE:
            scored.append((-score, len(scored), label))
    return [label for *_, label in sorted(scored)[:limit]]


ROW_SHARE = 0.3


def matching_note(held: Callable[[str], float], text: str, column: str = "", named: str = "") -> str:
    """The sentence of the notes under a form ("Ghi chú: Cột “Nguyên nhân” ghi …", "Tỷ lệ (%) = … x 100") that
    holds at least ``NOTE_SHARE`` of the question's weight, or ""; before it, the note on the column the question
    names (by its number, ``column``: "cột (7)", or by its label: ``named``, the folded words after "cột")."""
    lines = text.split("\n")
    start = next((i for i, ln in enumerate(lines) if "\t" in ln), len(lines))
    notes = [s for ln in _paragraphs(lines[start:]) for s in split_sentences(ln)]
    scored = [(held(s), -i, s) for i, s in enumerate(notes) if not s.isupper() and not _LABEL_RE.match(s)]
    best = max(scored, default=(0.0, 0, ""))
    numbered = _numbered_note(notes, column) if column else ""  # "cột (7)" named by its number: its note
    marked = (1.0, numbered) if numbered else _marked_note(held, text, notes, named)
    if marked[1] and marked[0] >= max(best[0], COLUMN_SHARE):
        i = notes.index(marked[1])
    elif best[0] < NOTE_SHARE:
        return ""
    else:
        i = -best[1]
    # "Cột (8) Nguồn kinh phí ghi rõ:" says what follows it: the values.
    return f"{notes[i]} {notes[i + 1]}" if notes[i].rstrip().endswith(":") and i + 1 < len(notes) else notes[i]


NOTE_SHARE = 0.4
COLUMN_SHARE = 0.3  # a column holding this share of the question, twice any other's, is the one it names
_MARKER_RE = re.compile(r"\((\d{1,2})\)\s*$")


def _marked_note(held: Callable[[str], float], text: str, notes: list[str], named: str = "") -> tuple[float, str]:
    """(how much of the question the column holds, its note) for the column the question names: the one whose
    label the words after "cột" begin with (``named``; "cột Nguyên nhân trong danh sách học sinh bỏ học" names
    "Nguyên nhân" though "Tình trạng (đã bỏ học …)" holds more of the question), else the one holding most of the
    question, twice any other. Its note: the one its header's number points to ("Loại hình (1)" and, under the
    form, "(1) Ghi “TH” …"; a numbering row "(7)" and "- Cột (7) chỉ ghi …"), else the note naming the column by its
    label or the first words of it no other column's label begins with ("Tỷ lệ tiết kiệm (%) = …" for the column
    "Tỷ lệ tiết kiệm so với cùng kỳ (%)")."""
    paths = column_paths(header_rows(split_rows(text)))
    path = _named_column(paths, named.split()) if named else None
    if path is not None:
        share, least = 1.0, 1  # named after "cột": even a one-word label ("Lớp") is looked for, as "cột Lớp"
    else:
        least = 2
        columns = sorted(((held(" ".join(p)), p) for p in paths), key=lambda c: -c[0])
        if not columns or len(columns) > 1 and columns[0][0] < 2 * columns[1][0]:
            return 0.0, ""
        share, path = columns[0]
    m = _MARKER_RE.search(path[-1])
    if m:
        note = _numbered_note(notes, m.group(1))
        if note:
            return share, note
    label = _label(path)
    others = [_label(p) for p in paths if p != path]
    for size in range(len(label), least - 1, -1):  # the whole label, else its first words that are its own
        if size < len(label) and any(o[:size] == label[:size] for o in others):
            break
        lead = r"cot\W{0,3}" if size == 1 else ""
        words = re.compile(rf"\b{lead}{re.escape(' '.join(label[:size]))}\b")
        note = next((s for s in notes if words.search(fold(s))), "")
        if note:
            return share, note
    return (share, "") if len(label) >= least else (0.0, "")


def _label(path: list[str]) -> list[str]:
    """A column's label as folded words, its number marker and other parentheses left out ("Loại hình (1)")."""
    last = path[-2] if len(path) > 1 and _MARKER_RE.fullmatch(path[-1].strip()) else path[-1]
    return fold(re.sub(r"\([^)]*\)", " ", last)).split()


def _named_column(paths: list[list[str]], words: list[str]) -> list[str] | None:
    """The column whose label the question's words after "cột" begin with (all its words, or at least two): the
    one sharing the longest run of first words, when no other shares as many."""
    runs = []
    for path in paths:
        label = _label(path)
        run = next((i for i, (a, b) in enumerate(zip(label, words)) if a != b), min(len(label), len(words)))
        if run >= min(2, len(label)) and label:
            runs.append((run, path))
    runs.sort(key=lambda r: -r[0])
    if not runs or len(runs) > 1 and runs[0][0] == runs[1][0]:
        return None
    return runs[0][1]


def _numbered_note(notes: list[str], number: str) -> str:
    """The note on the column numbered ``number``: "(7) Ghi …", "- Cột (7) chỉ ghi …", "Cột 7: …"."""
    pattern = re.compile(rf"^(?:Ghi\s+chú\s*:\s*)?[-–•+]?\s*(?:cột\s*)?\(\s*{number}\s*\)|^[-–•+]?\s*cột\s+{number}\b",
                         re.I)
    return next((s for s in notes if pattern.match(s)), "")


_LABEL_RE = re.compile(r"^\W*ghi\s+chú\W*$", re.I)  # "Ghi chú:" alone heads the notes, says nothing


def _paragraphs(lines: list[str]) -> list[str]:
    """The prose lines under a form, a sentence that a PDF's line breaks cut ("Cột (8) … ghi rõ: NST …, ĐV …," /
    "XHH (xã hội hóa).") joined again; a line in capitals stands alone."""
    out: list[str] = []
    for ln in (ln.strip() for ln in lines if "\t" not in ln):
        if ln and out and out[-1] and not out[-1].endswith((".", ";", "!", "?")) and not ln.isupper() \
                and not out[-1].isupper():
            out[-1] = f"{out[-1]} {ln}"
        else:
            out.append(ln)
    return out
