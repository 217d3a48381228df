"""An attachment → a draft template: the loader's YAML shape, plus what the admin must look at.

Why: a draft must be what a clerk would have written by hand (``forms/templates/*.yaml``), so the
loader, the engine and the renderer take it unchanged; on top it carries ``status: draft``, its
source (dispatch number, attachment name, the quoted head lines), the issues the rules could not
settle (nothing is invented: an unclear table or numbering is reported, not guessed) and a one-line
summary for the chat ("Phụ lục I: 4 mục, 9 câu hỏi; Biểu số 01: 6 dòng chỉ tiêu × 2 cột số").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from forms.extract.attachments import Attachment
from forms.extract.outline import Node, parse_outline, sentence_case
from forms.extract.tables import TableDraft, analyze_table, slug
from forms.table_schema import BULLETS
from vntext.text import fold

__all__ = ["DraftTemplate", "build_draft", "STATUS_DRAFT"]

STATUS_DRAFT = "draft"
_REPORT_PROFILE = ["co_quan_chu_quan", "co_quan", "so_ky_hieu", "dia_danh", "nguoi_ky", "chuc_vu", "noi_nhan"]
_TABLE_PROFILE = ["co_quan_chu_quan", "co_quan", "so_ky_hieu", "dia_danh", "nguoi_ky", "chuc_vu"]
_LOADER_TYPES = {"percent": "number"}  # the loader's column types have no percent: number + unit "%"


@dataclass
class DraftTemplate:
    """A template proposed from a dispatch's attachment.

    ``data`` is the loader-shaped mapping (``status: draft`` and ``source`` included: it loads with
    ``forms.loader.load_template_data``); ``tables`` the analysed tables
    (fixed rows with their given cells, column-number labels), ``issues`` Vietnamese notes for the
    admin, ``summary`` one line for the chat.
    """

    data: dict[str, Any]
    name: str
    title: str
    dispatch: str
    section: str
    issues: list[str] = field(default_factory=list)
    tables: list[TableDraft] = field(default_factory=list)
    n_sections: int = 0
    n_questions: int = 0

    @property
    def id(self) -> str:
        return self.data["id"]

    @property
    def status(self) -> str:
        return self.data.get("status", STATUS_DRAFT)

    @property
    def summary(self) -> str:
        """"Phụ lục I: 4 mục, 9 câu hỏi" / "Biểu số 01: 6 dòng chỉ tiêu × 2 cột số"."""
        parts = []
        if self.n_sections:
            parts.append(f"{self.n_sections} mục, {self.n_questions} câu hỏi")
        elif self.n_questions:
            parts.append(f"{self.n_questions} ô cần điền")
        for table in self.tables:
            numeric = sum(1 for c in table.columns if c.type in ("integer", "number", "money", "percent"))
            if table.indicator:
                parts.append(f"{len(table.fixed_rows)} dòng chỉ tiêu × {numeric} cột số")
            else:
                inputs = sum(1 for c in table.columns if c.type != "tt")
                given = sum(1 for root in table.rows for _ in root.walk())
                text = f"bảng {inputs} cột ({numeric} cột số)"
                parts.append(text + (f", {given} dòng có sẵn" if given else ""))
        line = f"{self.name}: " + "; ".join(parts or ["chưa nhận ra mục nào"])
        if self.issues:
            line += f" — {len(self.issues)} điểm cần xem lại"
        return line

    def to_yaml(self) -> str:
        """YAML a clerk can edit; the issues lead as comments."""
        import yaml

        head = [f"# Mẫu nháp trích từ {self.dispatch} › {self.section}"]
        head += [f"# Cần xem lại: {issue}" for issue in self.issues]
        body = yaml.safe_dump(self.data, allow_unicode=True, sort_keys=False, width=110)
        return "\n".join(head) + "\n" + body


def _heading_lines(att: Attachment) -> list[str]:
    lines = [att.title.upper()] if att.title else []
    if att.kem_theo:
        lines.append(att.kem_theo)
    return [ln.replace("{", "(").replace("}", ")") for ln in lines]


def _subject(title: str) -> str:
    """The report's subject (printed under "BÁO CÁO"): the title without a leading
    "Đề cương báo cáo", "Nội dung báo cáo", "Báo cáo" (words naming the document, not its subject)."""
    words = title.split()
    folded = [fold(w) for w in words]
    if "bao" in folded[:4]:
        k = folded.index("bao")
        if k + 1 < len(folded) and folded[k + 1] == "cao" and k + 2 < len(words):
            rest = " ".join(words[k + 2:])
            return rest[:1].upper() + rest[1:]
    if folded[:2] == ["de", "cuong"] and len(words) > 2:
        rest = " ".join(words[2:])
        return rest[:1].upper() + rest[1:]
    return title


def _table_spec(table: TableDraft) -> dict[str, Any]:
    columns = []
    fixed = table.indicator  # given indicator rows: filled across, their label and unit given
    label_seen = False
    for col in table.columns:
        item: dict[str, Any] = {"id": col.id, "label": col.label}
        if col.type == "tt":
            item["computed"] = "tt"
        elif fixed and (col.given or not label_seen) and col.type == "text":
            item["computed"] = "given"
        else:
            item["type"] = _LOADER_TYPES.get(col.type, col.type)
            if col.type == "percent":
                item["unit"] = "%"
        if len(col.path) > 1:
            item["header"] = list(col.path[:-1])
        columns.append(item)
        label_seen = label_seen or col.type != "tt"
    if not any(c.type != "tt" for c in table.columns):
        columns.append({"id": "noi_dung", "label": "Nội dung", "type": "text"})
        table.issues.append("Bảng chỉ có cột số thứ tự; đã thêm cột “Nội dung” để có chỗ nhập.")
    spec: dict[str, Any] = {"columns": columns, "column_numbers": table.column_numbers is not None}
    money = next((c.unit for c in table.columns if c.type == "money" and c.unit), None)
    if money:
        spec["unit"] = money
    groups = _groups(table, fixed)
    if groups:
        spec["groups"] = groups
        if fixed and any("computed" not in c for c in columns):
            spec["fixed_rows"] = True
    else:
        spec["min_rows"] = 1
    spec["show_total"] = table.total
    return spec


def _groups(table: TableDraft, fixed: bool = False) -> list[dict[str, Any]]:
    given_ids = {c.id for c in table.columns if c.given and c.type == "text"} if fixed else set()
    unit_id = None if fixed else next((c.id for c in table.columns if c.type == "text" and c.given and
                    fold(c.label) in ("don vi tinh", "dvt", "don vi")), None)

    def one(row, siblings: set[str]) -> dict[str, Any] | None:
        number = row.number.split(".")[-1]
        if number not in BULLETS and (not number.isalnum() or number in siblings):
            table.issues.append(f"Dòng “{row.number} {row.label}” có số trùng hoặc lạ; chưa đưa vào mẫu.")
            return None
        siblings.add(number)
        label = row.label or f"Dòng {row.number}"
        unit = row.cells.get(unit_id) if unit_id else None
        if unit and not row.children:
            label = f"{label} ({unit})"
        out: dict[str, Any] = {"number": number, "label": label}
        given = {k: v for k, v in row.cells.items() if k in given_ids and v}
        if given:
            out["cells"] = given
        inner: set[str] = set()
        kids = [g for g in (one(child, inner) for child in row.children) if g]
        if kids:
            out["groups"] = kids
        return out

    top: set[str] = set()
    return [g for g in (one(row, top) for row in table.rows) if g]


class _Builder:
    def __init__(self, att: Attachment, issues: list[str]):
        self.att = att
        self.issues = issues
        self.tables: list[TableDraft] = []
        self.codes: set[str] = set()
        self.questions = 0
        self.blanks: list[tuple[str, str]] = []  # ("Đơn vị báo cáo", code) of "Label: ……" lines

    def code(self, parent: str, node: Node, index: int) -> str:
        if node.kind == "table":
            part = "bang"
        elif node.kind == "blank":
            part = slug(node.title) or "o_trong"
        elif node.kind == "dash":
            part = f"y{index}"
        else:
            part = node.number.split(".")[-1]
        code = f"{parent}.{part}" if parent else part
        if code in self.codes:
            self.issues.append(f"Mục “{node.source or node.title}” trùng số với một mục trước; đã đánh mã riêng.")
            n = 2
            while f"{code}_{n}" in self.codes:
                n += 1
            code = f"{code}_{n}"
        self.codes.add(code)
        return code

    def table_field(self, code: str, label: str, node: Node, optional: bool) -> dict[str, Any]:
        table = analyze_table(node.table, self.att.unit)  # type: ignore[arg-type]
        self.tables.append(table)
        self.issues.extend(table.issues)
        item: dict[str, Any] = {"field": code, "label": label, "type": "table", "required": not optional}
        if node.help:
            item["help"] = " ".join(node.help)
        if node.source:
            item["source"] = node.source
        item["table"] = _table_spec(table)
        return item

    def nodes(self, nodes: list[Node], parent: str, optional: bool, top: bool) -> list[dict[str, Any]]:
        out = []
        dash = 0
        for node in nodes:
            dash += node.kind == "dash"
            code = self.code(parent, node, dash)
            opt = optional or node.optional
            label = node.title or (sentence_case(self.att.title) if self.att.title else self.att.name)
            if node.kind == "table":
                out.append(self.table_field(code, label, node, opt))
                continue
            if node.kind == "blank":
                self.questions += 1
                self.blanks.append((node.title, code))
                out.append({"field": code, "label": node.title, "type": "text", "required": not opt,
                            "source": node.source})
                continue
            if not node.children:
                field_item = self.leaf(code, node, opt)
                if top:
                    section = {"section": code, "title": label, "items": [field_item]}
                    if node.source:
                        section["source"] = node.source
                    out.append(section)
                else:
                    out.append(field_item)
                continue
            items = []
            if node.table is not None:
                items.append(self.table_field(f"{code}.bang", label, node, opt))
            items.extend(self.nodes(node.children, code, opt, top=False))
            out.append(_annotate({"section": code, "title": label, "items": items}, node))
        return out

    def leaf(self, code: str, node: Node, optional: bool) -> dict[str, Any]:
        if node.table is not None:
            return self.table_field(code, node.title, node, optional)
        self.questions += 1
        return _annotate({"field": code, "label": node.title, "type": "longtext", "required": not optional}, node)


def _annotate(item: dict[str, Any], node: Node) -> dict[str, Any]:
    """Add what the outline item carries: no printed number for "-" items, its guidance, its source line."""
    if node.kind == "dash":
        item["number"] = ""
    if node.help:
        item["help"] = " ".join(node.help)
    if node.source:
        item["source"] = node.source
    return item


def build_draft(att: Attachment, dispatch: str, used_ids: set[str]) -> DraftTemplate:
    """The draft of one attachment (``used_ids`` keeps ids unique within one dispatch)."""
    issues: list[str] = []
    roots, preamble = parse_outline(att.blocks, issues)
    builder = _Builder(att, issues)
    sections = builder.nodes(roots, "", False, top=True)
    has_outline = any(n.kind not in ("table", "blank") for n in roots)
    if not sections:
        issues.append("Không nhận ra mục hay bảng nào trong phần này; cần nhập tay.")
        sections = [{"section": "I", "title": att.title or att.name,
                     "items": [{"field": "I", "label": att.title or att.name, "type": "longtext"}]}]
        has_outline = True
    base = slug(f"{att.name} {dispatch.split('/')[0]}", 40) or "mau_nhap"
    tid = base if base[0].isalpha() else f"m_{base}"
    n = 2
    while tid in used_ids:
        tid = f"{base}_{n}"
        n += 1
    used_ids.add(tid)
    title = sentence_case(att.title) if att.title else att.name
    landscape = any(len(t.columns) >= 7 for t in builder.tables)
    data: dict[str, Any] = {
        "id": tid,
        "status": STATUS_DRAFT,
        "version": 1,
        "title": f"{att.name} — {title}",
        "aliases": [att.name, f"{att.name} {dispatch}"],
        "kind": "report" if has_outline else "table",
        "orientation": "landscape" if landscape or not has_outline else "portrait",
        "source": {"dispatch": dispatch, "section": att.section, "quote": att.quote},
    }
    if has_outline:
        data["doc_type"] = "BÁO CÁO"
        data["subject"] = _subject(title).replace("{", "(").replace("}", ")")
        data["profile_fields"] = list(_REPORT_PROFILE)
    else:
        data["doc_type"] = att.name
        data["heading"] = _heading_lines(att) + [f"{label}: {{{code}}}" for label, code in builder.blanks]
        data["signer_title"] = "THỦ TRƯỞNG ĐƠN VỊ"
        data["profile_fields"] = list(_TABLE_PROFILE)
    notes = preamble + att.notes
    if notes:
        data["description"] = " ".join(notes)
    data["sections"] = sections
    n_sections = sum(1 for n in roots if n.kind not in ("table", "blank"))
    return DraftTemplate(data, att.name, title, dispatch, att.section, issues, builder.tables,
                         n_sections, builder.questions)
