"""Low-level python-docx XML helpers the renderer needs and python-docx 1.2 has no API for.

Why (see ``docx-format.md``, "Known traps"): ``font.name`` sets only two of the four font slots and
leaves theme attributes that win over it; repeating header rows need ``w:tblHeader``; page numbers
need a PAGE field; borderless tables, short rule lines and cell shading need raw XML; XML-forbidden
characters in user text raise on save.  Every element is inserted in schema order where it matters.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from vntext.text import strip_controls

__all__ = ["FONT", "LANG", "clean", "set_rfonts", "style_run", "add_run", "set_table_borders",
           "set_repeat_header", "set_cant_split", "add_page_field", "set_cell_valign",
           "set_paragraph_border", "set_table_layout", "set_table_indent_jc", "set_cell_margins", "set_cell_borders",
           "insert_ordered"]

FONT = "Times New Roman"
LANG = "vi-VN"
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def clean(text: object) -> str:
    """Text safe for XML: controls removed (tabs/newlines kept), surrogates dropped."""
    value = strip_controls(str(text))
    return value.encode("utf-8", "ignore").decode("utf-8")


def set_rfonts(rpr) -> None:
    """Times New Roman in all four slots of an ``w:rPr`` and no theme font attributes; lang vi-VN."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in _THEME_ATTRS:
        key = qn(attr)
        if key in rfonts.attrib:
            del rfonts.attrib[key]
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(slot), FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        # w:lang comes late in CT_RPr: before eastAsianLayout/specVanish/oMath only
        rpr.append(lang)
    lang.set(qn("w:val"), LANG)
    lang.set(qn("w:eastAsia"), LANG)


def style_run(run_el, *, bold: bool = False, italic: bool = False, size: float | None = None,
              underline: bool = False) -> None:
    """Write a run's properties from scratch, in schema order (fast path for many cells)."""
    rpr = run_el.find(qn("w:rPr"))
    if rpr is not None:
        run_el.remove(rpr)
    rpr = OxmlElement("w:rPr")
    rfonts = OxmlElement("w:rFonts")
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(slot), FONT)
    rpr.append(rfonts)
    if bold:
        rpr.append(OxmlElement("w:b"))
        rpr.append(OxmlElement("w:bCs"))
    if italic:
        rpr.append(OxmlElement("w:i"))
        rpr.append(OxmlElement("w:iCs"))
    if size is not None:
        half = str(int(round(size * 2)))
        sz = OxmlElement("w:sz")
        sz.set(qn("w:val"), half)
        szcs = OxmlElement("w:szCs")
        szcs.set(qn("w:val"), half)
        rpr.append(sz)
        rpr.append(szcs)
    if underline:
        u = OxmlElement("w:u")
        u.set(qn("w:val"), "single")
        rpr.append(u)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), LANG)
    lang.set(qn("w:eastAsia"), LANG)
    rpr.append(lang)
    run_el.insert(0, rpr)


def add_run(paragraph: Paragraph, text: str, *, bold: bool = False, italic: bool = False,
            size: float | None = None, underline: bool = False):
    """Append cleaned text as runs; ``\\n`` becomes a line break.  Returns the last run."""
    parts = clean(text).split("\n")
    run = None
    for i, part in enumerate(parts):
        run = paragraph.add_run(part)
        style_run(run._r, bold=bold, italic=italic, size=size, underline=underline)
        if i < len(parts) - 1:
            run.add_break()
    return run


def _border_el(tag: str, val: str, size: int = 4) -> OxmlElement:
    el = OxmlElement(tag)
    el.set(qn("w:val"), val)
    if val != "nil":
        el.set(qn("w:sz"), str(size))
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
    return el


_TBLPR_ORDER = ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
                "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")


def _tblpr_child(tbl, tag: str):
    tblpr = tbl.tblPr
    existing = tblpr.find(qn(tag))
    if existing is not None:
        tblpr.remove(existing)
    return insert_ordered(tblpr, OxmlElement(tag), _TBLPR_ORDER, tag)


def insert_ordered(parent, el, order: tuple[str, ...], tag: str):
    """Insert ``el`` (a ``tag``) into ``parent`` before the first child that comes after it in ``order``."""
    for succ in order[order.index(tag) + 1:]:
        anchor = parent.find(qn(succ))
        if anchor is not None:
            anchor.addprevious(el)
            return el
    parent.append(el)
    return el


def set_table_borders(table, visible: bool) -> None:
    """All borders single 0.5 pt (``visible``) or none (the borderless head table)."""
    borders = _tblpr_child(table._tbl, "w:tblBorders")
    for side in ("w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"):
        borders.append(_border_el(side, "single" if visible else "nil"))


def set_table_layout(table, widths_twips: list[int]) -> None:
    """Fixed layout with these column widths (gridCol and tblW) so every renderer agrees."""
    tbl = table._tbl
    tblw = _tblpr_child(tbl, "w:tblW")
    tblw.set(qn("w:w"), str(sum(widths_twips)))
    tblw.set(qn("w:type"), "dxa")
    layout = _tblpr_child(tbl, "w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    for grid_col, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths_twips):
        grid_col.set(qn("w:w"), str(width))


def set_table_indent_jc(table, jc: str = "center") -> None:
    """Centre (or align) the table between the margins."""
    el = _tblpr_child(table._tbl, "w:jc")
    el.set(qn("w:val"), jc)


def set_cell_margins(table, left_twips: int = 57, right_twips: int = 57) -> None:
    """Narrow left/right cell margins (default Word margins waste width in 13-column tables)."""
    mar = _tblpr_child(table._tbl, "w:tblCellMar")
    for side, value in (("w:left", left_twips), ("w:right", right_twips)):
        el = OxmlElement(side)
        el.set(qn("w:w"), str(value))
        el.set(qn("w:type"), "dxa")
        mar.append(el)


def _trpr(row):
    tr = row._tr
    trpr = tr.find(qn("w:trPr"))
    if trpr is None:
        trpr = OxmlElement("w:trPr")
        tblpr_ex = tr.find(qn("w:tblPrEx"))
        if tblpr_ex is not None:
            tblpr_ex.addnext(trpr)
        else:
            tr.insert(0, trpr)
    return trpr


def set_repeat_header(row) -> None:
    """Mark a row as a header row repeated at the top of every page (``w:tblHeader``)."""
    trpr = _trpr(row)
    if trpr.find(qn("w:tblHeader")) is None:
        trpr.append(OxmlElement("w:tblHeader"))


def set_cant_split(row) -> None:
    """Keep a row on one page (``w:cantSplit`` comes before ``w:tblHeader`` in CT_TrPr)."""
    trpr = _trpr(row)
    if trpr.find(qn("w:cantSplit")) is None:
        el = OxmlElement("w:cantSplit")
        header = trpr.find(qn("w:tblHeader"))
        if header is not None:
            header.addprevious(el)
        else:
            trpr.append(el)


_TCPR_ORDER = ("w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap",
               "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")


def set_cell_borders(cell, sides: dict[str, str]) -> None:
    """Override a cell's borders, e.g. ``{"left": "nil", "bottom": "nil"}`` (``w:tcBorders`` in schema order)."""
    tcpr = cell._tc.get_or_add_tcPr()
    borders = tcpr.find(qn("w:tcBorders"))
    if borders is None:
        borders = insert_ordered(tcpr, OxmlElement("w:tcBorders"), _TCPR_ORDER, "w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        if side in sides:
            borders.append(_border_el(f"w:{side}", sides[side]))


def set_cell_valign(cell, val: str = "center") -> None:
    """Vertical alignment of a cell (``w:vAlign`` is the last common child of ``w:tcPr``)."""
    tcpr = cell._tc.get_or_add_tcPr()
    existing = tcpr.find(qn("w:vAlign"))
    if existing is not None:
        tcpr.remove(existing)
    el = OxmlElement("w:vAlign")
    el.set(qn("w:val"), val)
    tcpr.append(el)


def add_page_field(paragraph: Paragraph, size: float = 14) -> None:
    """Append a PAGE field (begin / instrText / separate / result / end runs)."""
    def fld_run(kind: str | None = None, instr: str | None = None, text: str | None = None):
        run = paragraph.add_run()
        style_run(run._r, size=size)
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        if instr:
            it = OxmlElement("w:instrText")
            it.set(qn("xml:space"), "preserve")
            it.text = instr
            run._r.append(it)
        if text:
            t = OxmlElement("w:t")
            t.text = text
            run._r.append(t)

    fld_run("begin")
    fld_run(instr=" PAGE ")
    fld_run("separate")
    fld_run(text="2")
    fld_run("end")


_PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
              "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
              "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
              "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
              "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
              "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
              "w:sectPr", "w:pPrChange")


def set_paragraph_border(paragraph: Paragraph, side: str = "top", size: int = 6) -> None:
    """A solid rule on one side of a paragraph (used for the short lines under agency and Tiêu ngữ)."""
    ppr = paragraph._p.get_or_add_pPr()
    pbdr = ppr.find(qn("w:pBdr"))
    if pbdr is None:
        pbdr = insert_ordered(ppr, OxmlElement("w:pBdr"), _PPR_ORDER, "w:pBdr")
    pbdr.append(_border_el(f"w:{side}", "single", size))
