"""The numbered body of a report or thuyết minh: sections, fields, repeated instances.

Why: NĐ 30 headings ("I." capitals bold, "1." bold, "a)" upright), justified 14 pt paragraphs with a
first-line indent, and no trace of what was left unanswered (no "None", no empty headings).
"""

from __future__ import annotations

from typing import Any, Mapping

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from forms.answers import is_empty
from forms.render.lines import break_lines, tie_last_words
from forms.render.tables import add_table
from forms.render.values import format_value
from forms.render.xml import add_run, clean
from forms.schema import Field, Section

__all__ = ["BodyWriter", "BODY_SIZE", "INDENT_CM"]

BODY_SIZE = 14
INDENT_CM = 1.27
_ROMAN = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"}


def _style(para: Paragraph, *, justify: bool = True, keep_next: bool = False, after: float = 6) -> Paragraph:
    fmt = para.paragraph_format
    para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if justify else WD_ALIGN_PARAGRAPH.LEFT
    fmt.first_line_indent = Cm(INDENT_CM)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(after)
    fmt.line_spacing = 1.15
    if keep_next:
        fmt.keep_with_next = True
    return para


def _prefix(number: str) -> str:
    if not number:
        return ""
    if len(number) == 1 and number.isalpha() and number.islower():
        return f"{number}) "
    return f"{number}. "


class BodyWriter:
    """Writes sections and fields into a document, remembering the last body paragraph (for "./.")."""

    def __init__(self, doc: DocxDocument, text_width_cm: float, skip_codes: set[str] | None = None):
        self.doc = doc
        self.text_width_cm = text_width_cm
        self.skip = skip_codes or set()
        self.last: Paragraph | None = None
        self.bare_tables = False  # True for "table" documents: the title already names the table
        self.last_table: Table | None = None  # the signature of a "table" document joins its last table

    # -- content tests
    def has_content(self, node: Section | Field, answers: Mapping[str, Any], scope: Mapping[str, Any]) -> bool:
        if isinstance(node, Field):
            return node.code not in self.skip and self._applies(node, answers, scope) and not is_empty(scope.get(node.code))
        if node.repeat is not None:
            instances = answers.get(node.code) or []
            return any(isinstance(i, Mapping) and any(self.has_content(c, answers, i) for c in node.children)
                       for i in instances)
        return any(self.has_content(c, answers, scope) for c in node.children)

    @staticmethod
    def _applies(field: Field, answers: Mapping[str, Any], scope: Mapping[str, Any]) -> bool:
        if field.condition is None:
            return True
        return field.condition.evaluate(answers, scope if scope is not answers else None)

    # -- writing
    def paragraph(self, text: str = "", *, bold: bool = False, italic: bool = False,
                  keep_next: bool = False, justify: bool = True) -> Paragraph:
        para = _style(self.doc.add_paragraph(), justify=justify, keep_next=keep_next)
        if text:
            add_run(para, text, bold=bold, italic=italic, size=BODY_SIZE)
        return para

    def body_text(self, text: str) -> None:
        """Several paragraphs from multi-line text (blank lines dropped)."""
        for line in clean(text).split("\n"):
            if line.strip():
                self.last = self.paragraph(line.strip())

    def heading(self, section: Section, depth: int) -> None:
        number = section.number or ""
        title = " ".join(clean(section.title).split())
        bold = True
        if number in _ROMAN:
            text = f"{number}. {title.upper()}"
        elif len(number) == 1 and number.isalpha():
            text, bold = f"{number}) {title}", False
        else:
            text = f"{number}. {title}" if number else title
        # break between phrases when it wraps (the first line is the narrowest: it is indented), and
        # never leave a lone last word on a line
        broken = break_lines(text, self.text_width_cm - INDENT_CM - 0.3, BODY_SIZE, bold=bold, balanced=False)
        text = "\n".join(tie_last_words(line) for line in broken.split("\n"))
        self.paragraph(text, bold=bold, keep_next=True, justify=False)

    def field(self, field: Field, value: Any, parent: Section | None) -> None:
        if parent is not None and field.code == parent.code:
            self._value_block(field, value)  # the section's own body
            return
        number = field.display_number
        letter = len(number) == 1 and number.isalpha()
        label = clean(field.label)
        if field.type == "table":
            if not self.bare_tables:
                self.paragraph(f"{_prefix(number)}{label}", bold=not letter, keep_next=True, justify=False)
            self.last_table = add_table(self.doc, field.table, value, self.text_width_cm,  # type: ignore[arg-type]
                                        keep_end=self.bare_tables)
            self.last = None
            return
        if field.type == "longtext":
            if not number and parent is not None:
                self.body_text(value)
                return
            self.paragraph(f"{_prefix(number)}{label}:", bold=not letter and bool(number), keep_next=True,
                           justify=False)
            self.body_text(value)
            return
        para = self.paragraph()
        add_run(para, f"{_prefix(number)}{label}: ", bold=not letter and bool(number), size=BODY_SIZE)
        add_run(para, format_value(field.type, value, field.effective_unit), size=BODY_SIZE)
        self.last = para

    def _value_block(self, field: Field, value: Any) -> None:
        if field.type == "longtext" or field.type == "text":
            self.body_text(str(value))
        elif field.type == "table":
            self.last_table = add_table(self.doc, field.table, value, self.text_width_cm,  # type: ignore[arg-type]
                                        keep_end=self.bare_tables)
            self.last = None
        else:
            self.last = self.paragraph(format_value(field.type, value, field.effective_unit))

    def nodes(self, nodes, answers: Mapping[str, Any], scope: Mapping[str, Any], parent: Section | None,
              depth: int = 0) -> None:
        """Write these nodes (skipping empty ones); ``scope`` is the instance dict inside a repeat."""
        for node in nodes:
            if not self.has_content(node, answers, scope):
                continue
            if isinstance(node, Field):
                self.field(node, scope.get(node.code), parent)
            elif node.repeat is not None:
                self.repeat(node, answers, depth)
            else:
                self.heading(node, depth)
                self.nodes(node.children, answers, scope, node, depth + 1)

    def repeat(self, section: Section, answers: Mapping[str, Any], depth: int,
               instance_heading=None) -> None:
        """Each instance of a repeating section; ``instance_heading(i, instance)`` may replace the default."""
        instances = [i for i in (answers.get(section.code) or []) if isinstance(i, Mapping)]
        label = section.repeat.label if section.repeat else section.title
        title_field = section.repeat.title_field if section.repeat else None
        for n, instance in enumerate(instances, 1):
            if not any(self.has_content(c, answers, instance) for c in section.children):
                continue
            if instance_heading is not None:
                instance_heading(n, instance)
            elif len(instances) > 1 or section.number:
                name = clean(instance.get(title_field) or "") if title_field else ""
                head = f"{label[:1].upper()}{label[1:]} {n}" + (f": {name}" if name else "")
                if section.number:
                    head = f"{section.number}. {head}"
                para = self.paragraph(head.upper() if depth == 0 else head, bold=True, keep_next=True, justify=False)
                para.paragraph_format.space_before = Pt(6)
            self.nodes(section.children, answers, instance, section, depth if not section.number else depth + 1)

    def finish(self) -> None:
        """End the text with "./." (NĐ 30) on the last body paragraph, or a paragraph of its own."""
        if self.last is None:
            self.last = self.paragraph()
        text = "".join(r.text for r in self.last.runs).rstrip()
        add_run(self.last, "/." if text.endswith(".") else "./.", size=BODY_SIZE)
        self.last.paragraph_format.keep_with_next = True  # the signature never starts a page alone

    def page_break(self) -> None:
        para = self.doc.add_paragraph()
        para.add_run().add_break(WD_BREAK.PAGE)
