"""The head of the page (2×2 borderless table), the title block, and Nơi nhận + signature.

Why: NĐ 30/2020 fixes where the agency, Quốc hiệu, Tiêu ngữ, số ký hiệu, place and date go; putting
them in one borderless table keeps "Số" and the date on one line in every renderer.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Sequence

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from forms.profile import AgencyProfile
from forms.render.lines import break_lines, estimate_width_cm, tie_last_words
from forms.render.xml import (add_run, clean, set_cant_split, set_cell_margins, set_paragraph_border, set_table_borders,
                              set_cell_borders, set_table_indent_jc, set_table_layout)
from vntext.formatting import format_date_long
from vntext.text import fold

__all__ = ["vn_date", "add_head", "add_title_block", "add_rule", "add_signature", "recipients",
           "noi_nhan_lines", "addressee"]

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
_CM_TWIPS = 567


def vn_date(place: str, day: dt.date) -> str:
    """"Hà Nội, ngày 05 tháng 01 năm 2025": day < 10 and months 1, 2 get a leading zero."""
    text = format_date_long(day)
    return f"{place}, {text}" if place else text.capitalize()


def add_rule(container, width_cm: float, total_cm: float, *, space_after: float = 0) -> Paragraph:
    """A centred solid line ``width_cm`` long: an empty tiny paragraph with a top border."""
    para = container.add_paragraph()
    fmt = para.paragraph_format
    side = max((total_cm - width_cm) / 2, 0)
    fmt.left_indent = Cm(side)
    fmt.right_indent = Cm(side)
    fmt.space_before = Pt(2)  # a small gap between the text and its rule
    fmt.space_after = Pt(space_after)
    fmt.line_spacing = Pt(2)
    set_paragraph_border(para, "top", 6)
    return para


def _centered(container, text: str, *, size: float, bold: bool = False, italic: bool = False,
              space_before: float = 0, space_after: float = 0) -> Paragraph:
    para = container.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt = para.paragraph_format
    fmt.space_before = Pt(space_before)
    fmt.space_after = Pt(space_after)
    fmt.first_line_indent = Cm(0)
    add_run(para, text, bold=bold, italic=italic, size=size)
    return para


def _first_para(cell, text: str, **kw) -> Paragraph:
    para = cell.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.paragraph_format.space_after = Pt(0)
    add_run(para, text, **kw)
    return para


def _name_lines(name: str, width_cm: float, *, bold: bool) -> str:
    """An agency name in capitals, broken at phrase boundaries when it is wider than its column."""
    written = " ".join(clean(name).split())
    return break_lines(written.upper(), width_cm, 12, bold=bold, as_written=written, inside_phrases=True)


def add_head(doc: DocxDocument, profile: AgencyProfile, *, number_line: str | None, date: dt.date,
             widths_cm: tuple[float, float] = (6.75, 10.0)) -> None:
    """The borderless 2×2 head: agency | Quốc hiệu + Tiêu ngữ; ``number_line`` ("Số: …") | place and date."""
    table = doc.add_table(rows=2, cols=2)
    set_table_borders(table, visible=False)
    widths = [int(w * _CM_TWIPS) for w in widths_cm]
    set_table_layout(table, widths)
    set_table_indent_jc(table, "center")
    set_cell_margins(table, 40, 40)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)
    left, right = table.cell(0, 0), table.cell(0, 1)
    column = widths_cm[0] - 0.3
    parent = _name_lines(profile.co_quan_chu_quan, column, bold=False)
    agency = _name_lines(profile.co_quan, column, bold=True) or "TÊN CƠ QUAN"
    if parent:
        _first_para(left, parent, size=12)
        para = left.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_run(para, agency, bold=True, size=12)
    else:
        _first_para(left, agency, bold=True, size=12)
    printed = min(max(estimate_width_cm(line, 12, True) for line in agency.split("\n")), column)
    add_rule(left, max(printed * 0.4, 1.5), widths_cm[0] - 0.14)
    _first_para(right, QUOC_HIEU, bold=True, size=12)
    para = right.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(para, TIEU_NGU, bold=True, size=13)
    add_rule(right, estimate_width_cm(TIEU_NGU, 13, True), widths_cm[1] - 0.14)
    number_cell, date_cell = table.cell(1, 0), table.cell(1, 1)
    if number_line:
        para = _first_para(number_cell, number_line, size=13)
        para.paragraph_format.space_before = Pt(4)
    para = _first_para(date_cell, vn_date(clean(profile.dia_danh).strip(), date), italic=True, size=13)
    para.paragraph_format.space_before = Pt(4)


def add_title_block(doc: DocxDocument, lines: Sequence[tuple[str, dict]], text_width: float,
                    *, rule_after: bool = False) -> None:
    """Centred title lines (each with run options); optionally a short rule below the last one."""
    for i, (text, opts) in enumerate(lines):
        opts = dict(opts)
        size = opts.get("size", 14)
        broken = break_lines(" ".join(text.split()), text_width - 0.5, size, bold=opts.get("bold", False))
        text = "\n".join(tie_last_words(line) for line in broken.split("\n"))
        para = _centered(doc, text, space_before=opts.pop("space_before", 12 if i == 0 else 0), **opts)
        para.paragraph_format.keep_with_next = True
    if rule_after:
        last = lines[-1][0] if lines else ""
        add_rule(doc, min(max(estimate_width_cm(last, 14, True) / 3, 2.5), 6), text_width, space_after=6)


_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")


def addressee(text: object) -> str:
    """The addressee alone: "Cục Ứng dụng CNTT - Bộ TT&TT (A. Tiến)" → "Cục Ứng dụng CNTT - Bộ TT&TT"."""
    out = " ".join(clean(text or "").split())
    while _TRAILING_NOTE.search(out) and _TRAILING_NOTE.sub("", out):
        out = _TRAILING_NOTE.sub("", out)
    return out


def _item(text: object) -> str:
    return " ".join(clean(text or "").split()).strip().lstrip("-–•+").strip().rstrip(";.,").strip()


def _key(text: str) -> str:
    return fold(addressee(text)).rstrip(";.,: ")


def _is_luu(text: str) -> bool:
    return bool(re.match(r"luu\b", fold(text)))


def _score(item: str) -> tuple[int, int]:
    """Which of two spellings of one recipient to print: with diacritics first, then the fuller one."""
    return sum(not ch.isascii() for ch in addressee(item)), len(item)


def recipients(*groups: Sequence[object]) -> list[str]:
    """One list from several (automatic ones first), each recipient once: compared with diacritics and
    notes folded away ("Bộ TT&TT" = "Bo TT&TT (để b/c)"); the fuller wording is kept in the first place."""
    out: list[str] = []
    index: dict[str, int] = {}
    for group in groups:
        for raw in group:
            item = _item(raw)
            if not item:
                continue
            key = "luu" if _is_luu(item) else _key(item)
            if key in index:
                if _score(item) > _score(out[index[key]]):
                    out[index[key]] = item
                continue
            index[key] = len(out)
            out.append(item)
    return out


def noi_nhan_lines(items: Sequence[object]) -> list[str]:
    """Recipients as printed: "- X;" each, the last "- Lưu: VT, ..." ending with a period (added when
    missing; a "Luu: VT" typed without diacritics is the same line, printed "Lưu: VT")."""
    merged = recipients(items)
    luu = [c for c in merged if _is_luu(c)] or ["Lưu: VT"]
    last = "Lưu" + luu[0][3:] if _is_luu(luu[0]) else luu[0]
    ordered = [c for c in merged if not _is_luu(c)] + [last]
    return [f"- {c};" for c in ordered[:-1]] + [f"- {ordered[-1]}."]


def _signature_block(container, title_lines: Sequence[str], signer: str, *, indent_cm: float = 0,
                     first: Paragraph | None = None) -> None:
    """Title lines, room for the signature, the name: every paragraph kept with the next one."""
    paras: list[Paragraph] = []
    for i, line in enumerate(title_lines):
        para = first if i == 0 and first is not None else container.add_paragraph()
        if i == 0:
            para.paragraph_format.space_before = Pt(6)
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_run(para, clean(line).upper(), bold=True, size=14)
        paras.append(para)
    paras += [container.add_paragraph() for _ in range(4)]
    para = container.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if signer:
        add_run(para, signer, bold=True, size=14)
    for p in paras + [para]:
        p.paragraph_format.left_indent = Cm(indent_cm)
        p.paragraph_format.first_line_indent = Cm(0)
    for p in paras:
        p.paragraph_format.keep_with_next = True


def add_signature(doc: DocxDocument, *, title_lines: Sequence[str], signer: str,
                  recipients: Sequence[str] | None, text_width: float, table: Table | None = None) -> None:
    """Nơi nhận (left) and the signature block (right) in one borderless row.  Without Nơi nhận, the
    signature alone on the right: as a last, borderless row of ``table`` when given (so the rows kept
    with the table's end carry it along: Word and LibreOffice both keep rows together, but
    LibreOffice does not keep a table's last row with the paragraph after it), else as paragraphs."""
    if recipients is None:
        if table is None:
            _signature_block(doc, title_lines, signer, indent_cm=text_width - 8.5)
            return
        row = table.add_row()
        set_cant_split(row)
        cell = row.cells[0].merge(row.cells[-1]) if len(row.cells) > 1 else row.cells[0]
        set_cell_borders(cell, {"left": "nil", "bottom": "nil", "right": "nil"})
        _signature_block(cell, title_lines, signer, indent_cm=text_width - 8.5, first=cell.paragraphs[0])
        cell.paragraphs[0].paragraph_format.space_before = Pt(12)
        return
    left_w = min(7.0, text_width * 0.45)
    right_w = text_width - left_w
    table = doc.add_table(rows=1, cols=2)
    set_table_borders(table, visible=False)
    set_table_layout(table, [int(left_w * _CM_TWIPS), int(right_w * _CM_TWIPS)])
    set_cell_margins(table, 0, 0)
    set_cant_split(table.rows[0])  # keep Nơi nhận and the signature together on one page
    left, right = table.cell(0, 0), table.cell(0, 1)
    left.width, right.width = Cm(left_w), Cm(right_w)
    para = left.paragraphs[0]
    para.paragraph_format.space_before = Pt(6)
    add_run(para, "Nơi nhận:", bold=True, italic=True, size=12)
    for line in noi_nhan_lines(recipients):
        add_run(left.add_paragraph(), line, size=11)
    _signature_block(right, title_lines, signer, first=right.paragraphs[0])
