"""The head of the page (2×2 borderless table), the title block, and Nơi nhận + signature.

Why: NĐ 30/2020 fixes where the agency, Quốc hiệu, Tiêu ngữ, số ký hiệu, place and date go; putting
them in one borderless table keeps "Số" and the date on one line in every renderer.
"""

from __future__ import annotations

import datetime as dt
from typing import Sequence

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from forms.profile import AgencyProfile
from forms.render.xml import (add_run, clean, set_cant_split, set_cell_margins, set_paragraph_border, set_table_borders,
                              set_table_indent_jc, set_table_layout)

__all__ = ["vn_date", "number_text", "add_head", "add_title_block", "add_rule", "add_signature",
           "estimate_width_cm", "noi_nhan_lines"]

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
_CM_TWIPS = 567


def vn_date(place: str, day: dt.date) -> str:
    """"Hà Nội, ngày 05 tháng 01 năm 2025": day < 10 and months 1, 2 get a leading zero."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    text = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {text}" if place else text.capitalize()


def number_text(number: str | None, so_ky_hieu: str) -> str:
    """"Số: 125/BC-STTTT"; numbers under 10 get a leading 0; blank space when not yet numbered."""
    num = (number or "").strip()
    if num.isdigit() and int(num) < 10:
        num = f"{int(num):02d}"
    if not num:
        num = "\u00a0" * 6
    return f"Số: {num}/{so_ky_hieu}" if so_ky_hieu else f"Số: {num}"


def estimate_width_cm(text: str, size_pt: float, bold: bool = False) -> float:
    """Rough printed width of a Times New Roman line (for rules as long as the text above)."""
    width_pt = 0.0
    for ch in text:
        if ch.isupper():
            width_pt += 0.70
        elif ch == " ":
            width_pt += 0.25
        else:
            width_pt += 0.47
    return width_pt * size_pt * (1.06 if bold else 1.0) / 28.35


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


def add_head(doc: DocxDocument, profile: AgencyProfile, *, number: str | None, date: dt.date,
             widths_cm: tuple[float, float] = (6.75, 10.0), show_number: bool = True) -> None:
    """The borderless 2×2 head: agency | Quốc hiệu + Tiêu ngữ; Số | place and date."""
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
    parent = clean(profile.co_quan_chu_quan).upper().strip()
    agency = clean(profile.co_quan).upper().strip() or "TÊN CƠ QUAN"
    if parent:
        _first_para(left, parent, size=12)
        para = left.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_run(para, agency, bold=True, size=12)
    else:
        _first_para(left, agency, bold=True, size=12)
    printed = min(estimate_width_cm(agency, 12, True), widths_cm[0] - 0.3)  # the line as wrapped
    add_rule(left, max(printed * 0.4, 1.5), widths_cm[0] - 0.14)
    _first_para(right, QUOC_HIEU, bold=True, size=12)
    para = right.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(para, TIEU_NGU, bold=True, size=13)
    add_rule(right, estimate_width_cm(TIEU_NGU, 13, True), widths_cm[1] - 0.14)
    number_cell, date_cell = table.cell(1, 0), table.cell(1, 1)
    if show_number:
        para = _first_para(number_cell, number_text(number, clean(profile.so_ky_hieu).strip()), size=13)
        para.paragraph_format.space_before = Pt(4)
    para = _first_para(date_cell, vn_date(clean(profile.dia_danh).strip(), date), italic=True, size=13)
    para.paragraph_format.space_before = Pt(4)


def add_title_block(doc: DocxDocument, lines: Sequence[tuple[str, dict]], text_width: float,
                    *, rule_after: bool = False) -> None:
    """Centred title lines (each with run options); optionally a short rule below the last one."""
    for i, (text, opts) in enumerate(lines):
        _centered(doc, text, space_before=opts.pop("space_before", 12 if i == 0 else 0), **opts)
    if rule_after:
        last = lines[-1][0] if lines else ""
        add_rule(doc, min(max(estimate_width_cm(last, 14, True) / 3, 2.5), 6), text_width, space_after=6)


def noi_nhan_lines(items: Sequence[str]) -> list[str]:
    """Recipients as printed: "- X;" each, the last "- Lưu: VT, ..." ending with a period."""
    cleaned = [clean(i).strip().lstrip("-–•").strip().rstrip(";.,") for i in items]
    cleaned = [c for c in cleaned if c]
    if not any(c.lower().startswith("lưu") for c in cleaned):
        cleaned.append("Lưu: VT")
    luu = [c for c in cleaned if c.lower().startswith("lưu")]
    others = [c for c in cleaned if not c.lower().startswith("lưu")]
    ordered = others + luu[-1:]
    return [f"- {c};" for c in ordered[:-1]] + [f"- {ordered[-1]}."]


def add_signature(doc: DocxDocument, *, title_lines: Sequence[str], signer: str,
                  recipients: Sequence[str] | None, text_width: float) -> None:
    """Nơi nhận (left, when given) and the signature block (right) in one borderless row."""
    left_w = min(7.0, text_width * 0.45) if recipients is not None else text_width - 8.5
    right_w = text_width - left_w
    table = doc.add_table(rows=1, cols=2)
    set_table_borders(table, visible=False)
    set_table_layout(table, [int(left_w * _CM_TWIPS), int(right_w * _CM_TWIPS)])
    set_cell_margins(table, 0, 0)
    set_cant_split(table.rows[0])  # keep Nơi nhận and the signature together on one page
    left, right = table.cell(0, 0), table.cell(0, 1)
    left.width, right.width = Cm(left_w), Cm(right_w)
    if recipients is not None:
        para = left.paragraphs[0]
        para.paragraph_format.space_before = Pt(6)
        add_run(para, "Nơi nhận:", bold=True, italic=True, size=12)
        for line in noi_nhan_lines(recipients):
            p = left.add_paragraph()
            add_run(p, line, size=11)
    first = True
    for line in title_lines:
        para = right.paragraphs[0] if first else right.add_paragraph()
        if first:
            para.paragraph_format.space_before = Pt(6)
        first = False
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_run(para, clean(line).upper(), bold=True, size=14)
    for _ in range(4):
        right.add_paragraph()
    para = right.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if signer:
        add_run(para, signer, bold=True, size=14)
