"""Typed model of a report template (what ``forms/templates/*.yaml`` hold once loaded).

Why: the templates are data, not code.  The loader (``forms.loader``) turns a YAML file into
these frozen dataclasses after checking it; the form engine walks them, ``forms.answers``
validates answers against them, ``forms.compute`` derives table numbers from them and
``forms.render`` writes the .docx from them.  Nothing here does I/O.

Shape of a template (see any file in ``forms/templates/`` for a full example)::

    Template
      id, aliases, title, version, source (dispatch, section, quote), kind, orientation,
      profile_fields (which agency-profile values the document uses), submit (where to send it),
      sections: [Section | Field ...]
    Section: code ("I"), title, children [Section | Field], repeat (optional), help, source
    Field:   code ("I.3"), label, type, required, condition, help, source, example, options,
             unit, table (for type "table"), prefill_from, default_from_profile
    TableSpec: columns [Column], groups [RowGroup tree], unit, checks [SumCheck]

Field codes are unique in a template (also inside repeating sections) and are the keys of
the answers dict (see ``forms.answers`` for that JSON contract).  A field whose code equals
its section's code is that section's body: the renderer writes it under the section heading
without a sub-heading (e.g. "II. Những tồn tại, khó khăn" has no numbered items).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field as dc_field, fields as dataclass_fields
from typing import Any, Literal, Union

from forms.profile import AgencyProfile
from forms.table_schema import DEFAULT_UNIT, Column, RowGroup, SumCheck, TableSpec

__all__ = [
    "FIELD_TYPES",
    "SCALAR_TYPES",
    "COLUMN_TYPES",
    "NUMERIC_TYPES",
    "KINDS",
    "TEMPLATE_STATUSES",
    "PROFILE_KEYS",
    "PREFILL_KINDS",
    "FieldType",
    "Condition",
    "SourceRef",
    "Submit",
    "PrefillFrom",
    "Column",
    "RowGroup",
    "SumCheck",
    "TableSpec",
    "Field",
    "Repeat",
    "Section",
    "FieldRef",
    "Template",
    "DEFAULT_UNIT",
    "display_number",
]

FieldType = Literal[
    "text",  # short, one line
    "longtext",  # several messages may build one answer; paragraphs kept
    "integer",
    "year",  # a calendar year (int), printed without a thousands dot: 2019
    "number",
    "money",  # a number in ``unit`` (default "triệu đồng")
    "date",  # "YYYY-MM-DD"
    "month",  # "YYYY-MM"
    "year_range",  # "YYYY-YYYY"
    "period",  # free text naming a period: "6 tháng đầu năm 2019", "Quý II/2019"
    "choice",  # one of ``options`` (canonical text stored)
    "yesno",  # bool
    "table",  # rows, see TableSpec
]

#: Every field type a template may use.
#: What a field may take from a first free-text request (the ``prefill`` key of a field).
PREFILL_KINDS: tuple[str, ...] = ("name", "year", "month")

FIELD_TYPES: frozenset[str] = frozenset(
    ["text", "longtext", "integer", "year", "number", "money", "date", "month", "year_range", "period",
     "choice", "yesno", "table"]
)
#: Types whose answer is a single value (everything but ``table``).
SCALAR_TYPES: frozenset[str] = FIELD_TYPES - {"table"}
#: Types a table column may have.
COLUMN_TYPES: frozenset[str] = SCALAR_TYPES
#: Types whose values are numbers (summed in table subtotals when the column says so).
NUMERIC_TYPES: frozenset[str] = frozenset(["integer", "number", "money"])
#: Document kinds; they choose the renderer's layout.
KINDS: frozenset[str] = frozenset(["report", "table", "notice", "thuyet_minh"])

#: "draft" templates (e.g. extracted from a new dispatch, not yet checked by a person) are never offered to users.
TEMPLATE_STATUSES: frozenset[str] = frozenset(["draft", "published"])
#: Values an agency profile provides (the fields of ``forms.profile.AgencyProfile``).
PROFILE_KEYS: frozenset[str] = frozenset(f.name for f in dataclass_fields(AgencyProfile))
#: Money unit when a field or table does not name one.


_ROMAN = frozenset(["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"])


def display_number(code: str) -> str:
    """The number a form prints for a code: the code without its leading Roman section.

    ``"I.3" → "3"``, ``"III.3.1" → "3.1"``, ``"II" → "II"``, ``"3.a" → "a"``, ``"nam" → ""``
    (codes that are words, like ``ten_dich_vu``, are not numbered).
    """
    parts = code.split(".")
    if not all(p.isdigit() or p in _ROMAN or (len(p) == 1 and p.isalpha()) for p in parts):
        return ""
    if parts[-1].isalpha() and parts[-1].islower():
        return parts[-1]
    if len(parts) > 1 and parts[0] in _ROMAN:
        parts = parts[1:]
    return ".".join(parts)


@dataclass(frozen=True)
class Condition:
    """A tiny, safe condition on an earlier answer: exactly one of equals / in / not_empty.

    ``{field: "I.4", equals: "Có"}``, ``{field: "I.4", in: ["a", "b"]}``,
    ``{field: "I.4", not_empty: true}``; ``negate: true`` inverts the result.
    Inside a repeating section, ``field`` is looked up in the same instance first.
    """

    field: str
    op: Literal["equals", "in", "not_empty"]
    value: Any = None  # for equals: the value; for in: a tuple of values
    negate: bool = False

    def evaluate(self, answers: Mapping[str, Any], instance: Mapping[str, Any] | None = None) -> bool:
        """True when the condition holds for these answers (a missing answer counts as empty)."""
        if instance is not None and self.field in instance:
            current = instance.get(self.field)
        else:
            current = answers.get(self.field)
        if self.op == "not_empty":
            result = current not in (None, "", [], {})
        elif self.op == "equals":
            result = current == self.value
        else:
            result = current in tuple(self.value or ())
        return (not result) if self.negate else result


@dataclass(frozen=True)
class SourceRef:
    """Where a template (or part of it) comes from in a dispatch, so the bot can cite it."""

    dispatch: str  # "232/BTTTT-KHTC"
    section: str  # "Phụ lục 2 › Biểu 04/BCKH"
    quote: str | None = None  # verbatim passage (OCR text unchanged)


@dataclass(frozen=True)
class Submit:
    """Where and how the finished report goes, as the dispatch says (all optional)."""

    to: str | None = None  # "Bộ Thông tin và Truyền thông"
    email: str | None = None
    deadline: str | None = None  # human text as in the dispatch: "trước ngày 22 hàng tháng"
    format: str | None = None  # ".doc qua thư điện tử"


@dataclass(frozen=True)
class PrefillFrom:
    """A field the bot may prefill from a column of the user's rows in another template."""

    template: str  # "mau1"
    column: str  # "ten_httt"


@dataclass(frozen=True)
class Field:
    """One question of a form.

    ``source`` quotes the dispatch verbatim (OCR text unchanged) so the bot can cite it;
    ``help`` is a short Vietnamese explanation; ``example`` shows a valid input.
    ``default_from_profile`` names an agency-profile key that provides a default (e.g. the
    "Tên Bộ, ngành" of Mẫu 1 defaults to the profile's ``co_quan``).
    """

    code: str
    label: str
    type: str
    required: bool = True
    condition: Condition | None = None
    help: str = ""
    source: str | None = None
    example: str | None = None
    options: tuple[str, ...] = ()
    unit: str | None = None
    table: TableSpec | None = None
    prefill_from: PrefillFrom | None = None
    default_from_profile: str | None = None
    number: str | None = None  # printed number ("2.1", "a"); None = derived from the code
    line: int | None = None
    #: what a first free-text request may fill in this field (``forms.prefill``): "name" (the name
    #: after "cho …": "mẫu 2 cho hệ thống một cửa"), "year" or "month"
    prefill: str | None = None

    @property
    def display_number(self) -> str:
        """The number printed before the label ("2.1." → ``"2.1"``, "a)" → ``"a"``; "" for none)."""
        return self.number if self.number is not None else display_number(self.code)

    @property
    def effective_unit(self) -> str | None:
        """The unit a money value is stored in (``DEFAULT_UNIT`` unless the field says otherwise)."""
        if self.type == "money":
            return self.unit or DEFAULT_UNIT
        if self.type == "table" and self.table is not None:
            return self.table.unit
        return self.unit


@dataclass(frozen=True)
class Repeat:
    """A section filled once per instance: per information system, per nhiệm vụ, per year.

    ``label`` names one instance ("hệ thống thông tin"); ``title_field`` is the inner field whose
    answer names an instance in lists and headings; ``note`` quotes the dispatch's rule.
    """

    label: str
    min: int = 1
    max: int | None = None
    title_field: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Section:
    """A numbered section ("I. Thông tin chung") holding fields and sub-sections."""

    code: str
    title: str
    children: tuple[Union["Section", Field], ...] = ()
    repeat: Repeat | None = None
    help: str = ""
    source: str | None = None
    number: str | None = None  # what the heading shows ("I"); None = no number (a plain block)
    line: int | None = None

    def walk(self) -> Iterator[Union["Section", Field]]:
        """Children depth first (sections before their contents)."""
        for child in self.children:
            yield child
            if isinstance(child, Section):
                yield from child.walk()


@dataclass(frozen=True)
class FieldRef:
    """A field as met while walking a template: the field, its section path and its repeat scope.

    ``repeat`` is the enclosing repeating section (or None): its answers live in
    ``answers[repeat.code][i][field.code]``.
    """

    field: Field
    path: tuple[Section, ...]
    repeat: Section | None = None

    @property
    def code(self) -> str:
        return self.field.code


@dataclass(frozen=True)
class Template:
    """A report template.  Build with ``forms.loader.load_template``; immutable afterwards."""

    id: str
    title: str
    version: int
    kind: str
    source: SourceRef
    sections: tuple[Union[Section, Field], ...]
    aliases: tuple[str, ...] = ()
    orientation: Literal["portrait", "landscape"] = "portrait"
    doc_type: str = "BÁO CÁO"  # tên loại văn bản printed above the subject
    doc_code: str = ""  # chữ viết tắt tên loại (NĐ 30/2020 Phụ lục III: BC, TB, KH...; "" for công văn) → "Số: …/BC-STTTT"
    body: tuple[str, ...] = ()  # fixed body lines with "{code}" placeholders (the notice's one sentence)
    subject: str | None = None  # trích yếu; defaults to the title
    heading: tuple[str, ...] = ()  # title lines for table/thuyet_minh kinds; "{code}" placeholders
    profile_fields: tuple[str, ...] = ()
    submit: Submit | None = None
    description: str = ""
    signer_title: str | None = None  # fixed signature title e.g. "THỦ TRƯỞNG ĐƠN VỊ"
    path: str | None = None
    status: str = "published"  # one of TEMPLATE_STATUSES
    _index: dict[str, FieldRef] = dc_field(default_factory=dict, compare=False, repr=False)

    def fields(self) -> Iterator[FieldRef]:
        """Every field in document order with its section path (repeat scope included)."""
        yield from _walk_fields(self.sections, (), None)

    def field(self, code: str) -> Field:
        """The field with this code (KeyError if none)."""
        return self.field_ref(code).field

    def field_ref(self, code: str) -> FieldRef:
        """The ``FieldRef`` of the field with this code (KeyError if none)."""
        if not self._index:
            for ref in self.fields():
                self._index[ref.code] = ref
        return self._index[code]

    def sections_all(self) -> Iterator[Section]:
        """Every section in document order."""
        for node in self.sections:
            if isinstance(node, Section):
                yield node
                for child in node.walk():
                    if isinstance(child, Section):
                        yield child

    def repeating_sections(self) -> tuple[Section, ...]:
        """Sections with ``repeat`` (answers stored as lists of instance dicts)."""
        return tuple(s for s in self.sections_all() if s.repeat is not None)

    def section(self, code: str) -> Section:
        """The section with this code (KeyError if none)."""
        for s in self.sections_all():
            if s.code == code:
                return s
        raise KeyError(code)

    @property
    def is_repeating(self) -> bool:
        """True when the whole template repeats (one top-level repeating section)."""
        return (
            len(self.sections) == 1
            and isinstance(self.sections[0], Section)
            and self.sections[0].repeat is not None
        )


def _walk_fields(
    nodes: tuple[Union[Section, Field], ...], path: tuple[Section, ...], repeat: Section | None
) -> Iterator[FieldRef]:
    for node in nodes:
        if isinstance(node, Field):
            yield FieldRef(node, path, repeat)
        else:
            yield from _walk_fields(node.children, path + (node,), node if node.repeat else repeat)
