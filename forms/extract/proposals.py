"""Optional LLM proposals for table columns the rules leave as plain text (``BAOCAO_LLM``).

Why: the type rules (``coltypes``) know "Số …", "Tỷ lệ (%)", money units and dates; a header such
as "Diện tích gieo trồng (ha)" or "Sản lượng" gets "text".  A language model may propose a better type
and a cleaner label for such columns; the admin still decides: a proposal is only shown as the
``/sua_mau`` command that would apply it, never applied here.  Without a model nothing changes.

Checks (the model is not trusted): a proposal names a column that was asked about, a type among
the column types, and a label made only of words of that column's own header (nothing invented);
anything else is dropped.  Any failure of the model gives no proposals.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from typing import Any

from forms.extract.coltypes import is_note_label, is_tt_label, is_unit_label
from vntext.text import fold

log = logging.getLogger(__name__)

__all__ = ["Proposal", "ambiguous_columns", "propose"]

#: types a model may propose (the loader's column types an official can type into)
TYPES = ("text", "integer", "number", "money", "percent", "date")
SYSTEM_PROMPT = (
    "Bạn giúp quản trị viên rà soát biểu mẫu báo cáo trích từ công văn. Với mỗi cột được hỏi, đề xuất kiểu dữ "
    "liệu (một trong: text, integer, number, money, percent, date) và nếu cần một tên cột gọn hơn, chỉ dùng "
    "các từ có trong tiêu đề cột. Trả lời đúng một mảng JSON, mỗi phần tử "
    '{"column": "<mã cột>", "type": "<kiểu>", "label": "<tên cột>"}; không giải thích.'
)


@dataclass(frozen=True)
class Proposal:
    """One suggestion for column ``target`` ("FIELD.COLUMN"): a new type and/or label."""

    target: str
    header: str
    type: str | None = None
    label: str | None = None


def ambiguous_columns(template: Any) -> list[tuple[str, str, str | None]]:
    """(target, header path, table unit) of the columns the rules typed "text" without a clue:
    not the row number, not the first text column (the row label), not units or notes."""
    out = []
    for ref in template.fields():
        table = ref.field.table
        if table is None:
            continue
        label_seen = False
        for col in table.columns:
            if col.computed or col.type != "text" or is_tt_label(col.label) or is_unit_label(col.label) \
                    or is_note_label(col.label):
                continue
            if not label_seen:
                label_seen = True  # the row label ("Nội dung", "Tên đơn vị"): text by nature
                continue
            out.append((f"{ref.code}.{col.id}", " › ".join((*col.header, col.label)), table.unit or None))
    return out


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", fold(text)))


def _parse(text: str) -> list[Any]:
    start, end = text.find("["), text.rfind("]")
    if start < 0 or end <= start:
        return []
    try:
        data = json.loads(text[start:end + 1])
    except ValueError:
        return []
    return data if isinstance(data, list) else []


def propose(llm: Any, template: Any, title: str = "") -> list[Proposal]:
    """The model's checked proposals for ``template``'s ambiguous columns ([] without any, or on failure)."""
    asked = ambiguous_columns(template)
    if llm is None or not asked:
        return []
    from langchain_core.messages import HumanMessage, SystemMessage

    lines = [f"- {target}: {header}" + (f" (đơn vị tính của bảng: {unit})" if unit else "")
             for target, header, unit in asked]
    prompt = f"Biểu mẫu: {title or template.title}\nCác cột cần đề xuất:\n" + "\n".join(lines)
    try:
        reply = llm.invoke([SystemMessage(SYSTEM_PROMPT), HumanMessage(prompt)])
    except Exception as exc:  # network, quota, model errors: the rules' draft stands
        log.warning("LLM proposals failed (%s); the draft keeps the rules' types", exc)
        return []
    headers = {target: header for target, header, _ in asked}
    out: list[Proposal] = []
    for item in _parse(str(getattr(reply, "content", reply) or "")):
        if not isinstance(item, dict) or item.get("column") not in headers:
            continue
        target = str(item["column"])
        kind = item.get("type") if item.get("type") in TYPES and item.get("type") != "text" else None
        label = str(item.get("label") or "").strip() or None
        own = headers[target].split(" › ")[-1]
        if label is not None and (not _words(label) or not _words(label) <= _words(headers[target])
                                  or fold(label) == fold(own)):
            label = None  # a word not in the header is invented; the same label is no proposal
        if kind or label:
            out.append(Proposal(target, headers[target], kind, label))
    return out
