"""Page and style setup: A4, NĐ 30 margins, Times New Roman everywhere, page numbers from page 2.

Why: python-docx starts from US Letter and theme fonts; every section must be fixed by hand, and a
landscape section needs width and height swapped.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section as DocxSection
from docx.shared import Mm, Pt

from forms.render.xml import FONT, add_page_field, insert_ordered, set_rfonts

__all__ = ["A4_W_MM", "A4_H_MM", "MARGINS_MM", "setup_styles", "setup_section", "add_section",
           "text_width_cm"]

A4_W_MM, A4_H_MM = 210, 297
#: top, bottom, left, right (NĐ 30/2020 defaults)
MARGINS_MM = (25, 20, 35, 20)
BODY_SIZE = 14
_SECTPR_ORDER = ("w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type", "w:pgSz",
                 "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt",
                 "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid")


def setup_styles(doc: DocxDocument) -> None:
    """Times New Roman in all four slots, no theme fonts, vi-VN, 14 pt: in docDefaults and every style."""
    styles_el = doc.styles.element
    rpr_default = styles_el.find(qn("w:docDefaults"))
    if rpr_default is not None:
        rpr = rpr_default.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            set_rfonts(rpr)
    for rfonts in styles_el.iter(qn("w:rFonts")):
        set_rfonts(rfonts.getparent())
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_SIZE)
    set_rfonts(normal.element.get_or_add_rPr())
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = 1.0
    # styles with an rPr but no rFonts still inherit from docDefaults; give headings etc. explicit fonts
    for style in doc.styles:
        el = style.element
        rpr = el.find(qn("w:rPr"))
        if rpr is not None:
            set_rfonts(rpr)


def text_width_cm(orientation: str) -> float:
    """Usable text width for an orientation."""
    top, bottom, left, right = MARGINS_MM
    width = A4_H_MM if orientation == "landscape" else A4_W_MM
    return (width - left - right) / 10


def setup_section(section: DocxSection, orientation: str, *, restart_numbering: bool = False) -> None:
    """A4 in the given orientation, NĐ 30 margins, page number centred in the header from page 2."""
    if orientation == "landscape":
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(A4_H_MM), Mm(A4_W_MM)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(A4_W_MM), Mm(A4_H_MM)
    top, bottom, left, right = MARGINS_MM
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.header_distance = Mm(12)
    section.footer_distance = Mm(10)
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    para = header.paragraphs[0]
    for run in list(para.runs):
        run._r.getparent().remove(run._r)
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_page_field(para, size=14)
    first = section.first_page_header
    first.is_linked_to_previous = False
    if restart_numbering:
        sect_pr = section._sectPr
        pg = sect_pr.find(qn("w:pgNumType"))
        if pg is None:
            pg = insert_ordered(sect_pr, OxmlElement("w:pgNumType"), _SECTPR_ORDER, "w:pgNumType")
        pg.set(qn("w:start"), "1")


def add_section(doc: DocxDocument, orientation: str) -> DocxSection:
    """Start a new page section in this orientation (an appendix is numbered on its own)."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    setup_section(section, orientation, restart_numbering=True)
    return section
