"""``baocao templates``, ``baocao template show ID`` and ``baocao fill ID`` (scripted reports).

Why: the whole pipeline can be driven without the bot: list the templates, read a template's
field tree (``--json`` describes the answers format), and render a .docx from an answers JSON.
In ``fill``, values given as strings for numeric/date/choice fields are read with ``forms.parsers``
("1,5 tỷ", "15/5/2019"), so a hand-written JSON may use the same inputs as the chat.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any, Callable

from forms.answers import AnswersError, describe_contract
from forms.loader import TemplateError, registry
from forms.schema import Field, Section, Template

__all__ = ["register", "coerce_answers", "use_registry"]

# Where the commands find templates: the shipped ones, unless the bot (``bot.template_cli``) supplies
# a registry that also serves the stored drafts and published templates (same get/resolve/all).
_registry_factory: Callable[[], Any] = registry


def use_registry(factory: Callable[[], Any]) -> None:
    """Make ``templates``, ``template show`` and ``fill`` read templates from ``factory()``."""
    global _registry_factory
    _registry_factory = factory

_TEXT_TYPES = {"text", "longtext", "period"}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``templates``, ``template`` and ``fill`` to the baocao command line."""
    p = subparsers.add_parser("templates", help="liệt kê các mẫu báo cáo")
    p.add_argument("--json", action="store_true", help="in dạng JSON")
    p.set_defaults(func=cmd_templates)

    p = subparsers.add_parser("template", help="xem một mẫu báo cáo")
    sub = p.add_subparsers(dest="template_command", metavar="show")
    show = sub.add_parser("show", help="in cây mục của mẫu (mã, kiểu, hướng dẫn)")
    show.add_argument("id", help="mã mẫu hoặc tên thường gọi, ví dụ bieu04, \"biểu 4\"")
    show.add_argument("--json", action="store_true", help="in dạng JSON (mô tả cả định dạng answers)")
    show.set_defaults(func=cmd_show)

    p = subparsers.add_parser("fill", help="xuất .docx từ tệp JSON các câu trả lời")
    p.add_argument("id", help="mã mẫu, ví dụ bieu04")
    p.add_argument("--answers", type=Path, help="tệp JSON: đối tượng khóa theo mã trường")
    p.add_argument("--profile", type=Path, help="tệp JSON hồ sơ cơ quan (co_quan, so_ky_hieu, ...)")
    p.add_argument("--out", type=Path, required=True, help="tệp .docx sẽ ghi")
    p.add_argument("--number", help="số văn bản, ví dụ 125")
    p.add_argument("--date", help="ngày văn bản YYYY-MM-DD (mặc định: hôm nay)")
    p.add_argument("--sample", action="store_true", help="dùng bộ trả lời mẫu tự sinh (thử nghiệm)")
    p.set_defaults(func=cmd_fill)


def _find(ident: str) -> Template | None:
    """The template by id or by what users call it; None (after saying so on stderr) when unknown."""
    reg = _registry_factory()
    try:
        return reg.get(ident)
    except KeyError:
        found = reg.resolve(ident)
    if found is None:
        print(f"Không tìm thấy mẫu “{ident}”. Xem danh sách: baocao templates", file=sys.stderr)
    return found


def cmd_templates(args: argparse.Namespace) -> int:
    templates = _registry_factory().all()
    if args.json:
        data = [{"id": t.id, "status": t.status, "title": t.title, "kind": t.kind, "version": t.version,
                 "aliases": list(t.aliases), "source": {"dispatch": t.source.dispatch, "section": t.source.section},
                 "dispatch": t.source.dispatch, "section": t.source.section,
                 "fields": sum(1 for _ in t.fields()), "repeat": t.is_repeating} for t in templates]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    for t in templates:
        print(f"{t.id:<11} {t.source.dispatch:<18} {t.title}" + (" [nháp]" if t.status == "draft" else ""))
    return 0


def _tree_lines(nodes, indent: int = 0) -> list[str]:
    lines: list[str] = []
    pad = "  " * indent
    for node in nodes:
        if isinstance(node, Section):
            rep = f"  [lặp lại: mỗi {node.repeat.label} một phần; answers[\"{node.code}\"] = danh sách]" if node.repeat else ""
            lines.append(f"{pad}{node.code}  {node.title}{rep}")
            lines.extend(_tree_lines(node.children, indent + 1))
        else:
            lines.extend(_field_lines(node, pad))
    return lines


def _field_lines(field: Field, pad: str) -> list[str]:
    req = "bắt buộc" if field.required else "không bắt buộc"
    kind = field.type + (f", {field.effective_unit}" if field.type == "money" else "")
    out = [f"{pad}{field.code}  {field.label}  ({kind}; {req})"]
    if field.options:
        out.append(f"{pad}    lựa chọn: " + "; ".join(field.options))
    if field.condition:
        c = field.condition
        out.append(f"{pad}    chỉ hỏi khi: {c.field} {c.op} {c.value!r}" + (" (phủ định)" if c.negate else ""))
    if field.help:
        out.append(f"{pad}    hướng dẫn: {field.help}")
    if field.example:
        out.append(f"{pad}    ví dụ: {field.example}")
    if field.table:
        t = field.table
        out.append(f"{pad}    đơn vị tính: {t.unit}")
        for col in t.columns:
            head = " › ".join((*col.header, col.label))
            flag = {"tt": "tự tính", "given": "có sẵn theo dòng"}.get(col.computed or "", col.type + (
                ", cộng dồn" if col.sum else ""))
            out.append(f"{pad}    cột {col.id}: {head} ({flag})")
        if t.fixed_rows:
            out.append(f"{pad}    các dòng chỉ tiêu có sẵn, điền theo hàng ngang")
        for group, depth in t.all_groups():
            out.append(f"{pad}    {'  ' * depth}nhóm {group.code}: {group.number}. {group.label}")
    return out


def cmd_show(args: argparse.Namespace) -> int:
    template = _find(args.id)
    if template is None:
        return 2
    if args.json:
        contract = {"status": template.status, **describe_contract(template)}
        print(json.dumps(contract, ensure_ascii=False, indent=2))
        return 0
    print(f"{template.id} — {template.title} (phiên bản {template.version})")
    print(f"Nguồn: Công văn {template.source.dispatch} › {template.source.section}")
    if template.submit and (template.submit.deadline or template.submit.email):
        bits = [b for b in (template.submit.deadline, template.submit.email) if b]
        print("Gửi: " + "; ".join(bits))
    print()
    print("\n".join(_tree_lines(template.sections)))
    return 0


def _coerce(kind: str, value: Any, *, unit: str | None, options: tuple[str, ...], where: str,
            problems: list[str]) -> Any:
    if not isinstance(value, str) or kind in _TEXT_TYPES or kind == "table":
        return value
    try:
        from forms.parsers import ParseError, parse_value
    except ImportError:  # parsers not available: leave strings to the validator's message
        return value
    try:
        return parse_value(kind, value, unit=unit, options=options).value
    except ParseError as exc:
        problems.append(f"{where}: {exc.text}")
        return value


def coerce_answers(template: Template, answers: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Parse string inputs for typed fields and cells (``"1,5 tỷ"`` → 1500); returns (answers, problems)."""
    problems: list[str] = []
    out = dict(answers)

    def field_value(field: Field, value: Any, where: str) -> Any:
        if field.type == "table" and isinstance(value, list) and field.table:
            rows = []
            for n, row in enumerate(value, 1):
                if isinstance(row, dict) and isinstance(row.get("cells"), dict):
                    cells = {}
                    for cid, cell in row["cells"].items():
                        try:
                            col = field.table.column(cid)
                        except KeyError:
                            cells[cid] = cell
                            continue
                        cells[cid] = _coerce(col.type, cell, unit=col.unit or field.table.unit, options=col.options,
                                             where=f"{where}, dòng {n}, cột {cid}", problems=problems)
                    row = {**row, "cells": cells}
                rows.append(row)
            return rows
        return _coerce(field.type, value, unit=field.effective_unit, options=field.options, where=where,
                       problems=problems)

    for ref in template.fields():
        if ref.repeat is None:
            if ref.code in out:
                out[ref.code] = field_value(ref.field, out[ref.code], f"Mã {ref.code}")
        elif isinstance(out.get(ref.repeat.code), list):
            out[ref.repeat.code] = [
                {**inst, ref.code: field_value(ref.field, inst[ref.code], f"Mã {ref.repeat.code}[{i}].{ref.code}")}
                if isinstance(inst, dict) and ref.code in inst else inst
                for i, inst in enumerate(out[ref.repeat.code], 1)
            ]
    return out, problems


def _read_json(path: Path, what: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SystemExit(f"Không tìm thấy tệp {what}: {path}")
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise SystemExit(f"Tệp {what} không phải JSON hợp lệ ({path}): {exc}")


def cmd_fill(args: argparse.Namespace) -> int:
    from forms.render import MissingFieldsError, render_document
    from forms.render.samples import sample_answers

    template = _find(args.id)
    if template is None:
        return 2
    if args.sample:
        answers: Any = sample_answers(template)
    elif args.answers:
        answers = _read_json(args.answers, "câu trả lời")
    else:
        print("Cần --answers answers.json (hoặc --sample).", file=sys.stderr)
        return 2
    if not isinstance(answers, dict):
        print("Tệp câu trả lời phải là một đối tượng JSON khóa theo mã trường.", file=sys.stderr)
        return 2
    profile = _read_json(args.profile, "hồ sơ cơ quan") if args.profile else None
    if profile is not None and not isinstance(profile, dict):
        print("Tệp hồ sơ cơ quan phải là một đối tượng JSON.", file=sys.stderr)
        return 2
    report_date = None
    if args.date:
        try:
            report_date = dt.date.fromisoformat(args.date)
        except ValueError:
            print(f"Ngày không hợp lệ: {args.date} (dạng YYYY-MM-DD)", file=sys.stderr)
            return 2
    answers, problems = coerce_answers(template, answers)
    if problems:
        print("Dữ liệu trả lời không hợp lệ:\n" + "\n".join(f"- {p}" for p in problems), file=sys.stderr)
        return 1
    try:
        out = render_document(template, answers, profile, args.out, report_date=report_date, number=args.number)
    except (AnswersError, MissingFieldsError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except TemplateError as exc:  # pragma: no cover - shipped templates load in tests
        print(f"Template error: {exc}", file=sys.stderr)
        return 1
    print(out)
    return 0
