"""One cell changed in one message: "dòng 1.1 tổng mức 12 tỷ", "/sua 1.1 tong_muc 12 tỷ".

Why: changing one number used to walk every column of the row (13 messages).  The row is found by
its TT as the document numbers it ("1.1"), by group code and position ("I.1.2") or by its number in
the list ("dòng 3"); the column by its id or by the words of its label and grouped header, matched
folded and by word prefix (a general rule over the table's own labels, no phrase table); the value
is parsed in the column's type.  The cursor does not move: the user stays where they were.
"""

from __future__ import annotations

import re
from typing import Any

from forms.compute import layout_table
from forms.engine.base import EngineBase
from forms.engine.plan import Step
from forms.engine.state import FormState, StepResult, get_value
from forms.engine.tables import column_title, describe_value, parse_cell, row_title, row_warnings
from forms.parsers import ParseError
from forms.schema import Column, TableSpec
from vntext.text import fold

__all__ = ["CellEdits", "split_edit", "match_columns", "find_rows"]

_ROW_RE = re.compile(r"(?:[ivxlc]+\.)*\d+(?:\.\d+)*\.?")


def _words(text: str) -> list[str]:
    return re.findall(r"[0-9a-z]+", fold(text))


def split_edit(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """("1.1", [(folded word, raw word), ...]) for a message shaped like a cell edit, else None.

    The message starts with "sửa", "sửa dòng", "dòng" or "/sua" (any case, with or without
    diacritics) followed by a row reference and at least two more words (column, value)."""
    pairs: list[tuple[str, str]] = []
    for raw in text.split():
        f = fold(raw)
        if not pairs and f.startswith("/"):
            f = f[1:].split("@")[0]
            pairs.extend((part, "") for part in f.split("_"))
            continue
        pairs.append((f, raw))
    pos = 0
    prefixed = False
    if pos < len(pairs) and pairs[pos][0] == "sua":
        pos, prefixed = pos + 1, True
    if pos < len(pairs) and pairs[pos][0] == "dong":
        pos, prefixed = pos + 1, True
    if not prefixed or pos >= len(pairs) or not _ROW_RE.fullmatch(pairs[pos][0]):
        return None
    row = pairs[pos][0].rstrip(".")
    rest = pairs[pos + 1:]
    if len(rest) < 2:
        return None
    return row, rest


def _matches_prefix(query: list[str], words: list[str]) -> bool:
    """Each query word starts the word at the same place (a word of one letter must be whole)."""
    return len(query) <= len(words) and all(
        w == q or (len(q) >= 2 and w.startswith(q)) for q, w in zip(query, words))


def _subsequence(query: list[str], words: list[str]) -> bool:
    it = iter(words)
    return all(any(w == q or (len(q) >= 2 and w.startswith(q)) for w in it) for q in query)


def match_columns(spec: TableSpec, query: list[str]) -> list[Column]:
    """The input columns ``query`` (folded words) names, best match only: its id ("tong_muc"), its
    label or a trailing part of its header path ("nstw dau tu"), a word prefix of those ("tong muc"),
    else the words in order anywhere in the path.  Several columns when the words do not decide."""
    if not query:
        return []
    joined = "_".join(query)
    by_id = [c for c in spec.input_columns if fold(c.id) == joined]
    if by_id:
        return by_id
    scored: list[tuple[int, Column]] = []
    for col in spec.input_columns:
        title = _words(" ".join((*col.header, col.label)))
        label = _words(col.label)
        suffixes = [title[i:] for i in range(len(title))]
        if any(query == s for s in suffixes):
            score = 3
        elif any(_matches_prefix(query, s) for s in suffixes) or _matches_prefix(query, label):
            score = 2
        elif _subsequence(query, title):
            score = 1
        else:
            continue
        scored.append((score, col))
    if not scored:
        return []
    best = max(s for s, _ in scored)
    return [c for s, c in scored if s == best]


def find_rows(spec: TableSpec, rows: list[dict[str, Any]], ref: str) -> list[tuple[int, str]]:
    """(0-based index, how the row is named) of the rows ``ref`` means: a TT as the document numbers
    it ("1.1"), a group code and position ("I.1.2"), or a plain number in the list ("3")."""
    ref = ref.strip().rstrip(".").upper()
    if spec.fixed_rows and "." in ref:  # a given row by its code ("I.2"): its one line of values
        return [(i, ref) for i, r in enumerate(rows) if str(r.get("group") or "").upper() == ref][:1]
    if re.fullmatch(r"\d+", ref):
        n = int(ref)
        return [(n - 1, ref)] if 1 <= n <= len(rows) else []
    head, _, last = ref.rpartition(".")
    if re.match(r"[IVXLC]", ref) and spec.groups:
        in_group = [i for i, r in enumerate(rows) if str(r.get("group") or "").upper() == head]
        n = int(last)
        return [(in_group[n - 1], ref)] if 1 <= n <= len(in_group) else []
    tt = next((c.id for c in spec.columns if c.computed == "tt"), None)
    if tt is None:
        return []
    found = []
    for laid in layout_table(spec, rows):
        if laid.kind == "item" and laid.index is not None and str(laid.values.get(tt)) == ref:
            found.append((laid.index, ref))
    if len(found) > 1:  # the same TT under several groups: name each by its group
        return [(i, f"{rows[i].get('group')}.{_position(rows, i)}") for i, _ in found]
    return found


def _position(rows: list[dict[str, Any]], index: int) -> int:
    group = rows[index].get("group")
    return sum(1 for r in rows[: index + 1] if r.get("group") == group)


class CellEdits(EngineBase):
    """The engine's one-message cell edit (see the module docstring)."""

    def _table_steps(self, state: FormState) -> list[Step]:
        steps = [s for s in self.plan.steps(state.answers, state.closed) if s.field and s.field.table is not None]
        here = self._step(state)
        return sorted(steps, key=lambda s: s is not here)

    def _cell_edit(self, state: FormState, text: str) -> StepResult | None:
        """The result of a cell edit typed as ``text``, or None when the text is not one."""
        parsed = split_edit(text) if state.mode not in ("paste_confirm", "row_warn") else None
        if parsed is None:
            return None
        ref, rest = parsed
        missing: str | None = None
        for step in self._table_steps(state):
            spec = step.field.table
            rows = get_value(state.answers, step.path)
            rows = list(rows) if isinstance(rows, list) else []
            targets = find_rows(spec, rows, ref)
            if not targets:
                if any(match_columns(spec, [w for w, _ in rest[:k]]) for k in range(len(rest) - 1, 0, -1)):
                    missing = missing or (f"Bảng “{step.field.label}” không có dòng {ref.upper()} (bảng có {len(rows)} "
                                          "dòng; gõ “danh sách” để xem số dòng).")
                continue
            for k in range(len(rest) - 1, 0, -1):
                cols = match_columns(spec, [w for w, _ in rest[:k]])
                if cols:
                    value_text = " ".join(raw for _, raw in rest[k:])
                    return self._apply_cell(state, step, targets, cols, value_text, text, ref.upper())
        return self._result(state, error=missing) if missing else None

    def _apply_cell(self, state: FormState, step: Step, targets: list[tuple[int, str]], cols: list[Column],
                    value_text: str, raw: str, ref: str) -> StepResult:
        """Store the cell.  Several columns → ask which (nothing stored).  The same TT under several
        groups ("1.1" under I.1 and II.1) → the first in document order is changed and named with its
        group and project, and the others are offered: choosing one puts the first back first."""
        spec = step.field.table
        if len(cols) > 1:
            asks = [(column_title(c), f"{ref} {c.id} {value_text}") for c in cols]
            state.pending = {**state.pending, "ask": [[label, "goto", arg] for label, arg in asks]}
            listed = "; ".join(f"“/sua {arg}” ({label})" for label, arg in asks)
            return self._result(state, error=f"Ông/bà muốn sửa cột nào? Chọn bên dưới hoặc gõ: {listed}.")
        col = cols[0]
        try:
            parsed = parse_cell(col, spec, value_text, state.reference)
        except ParseError as exc:
            return self._result(state, error=f"Cột “{column_title(col)}”: {exc.text}")
        rows = list(get_value(state.answers, step.path) or [])
        revert = state.pending.get("revert")
        if revert and revert.get("path") == step.path and f"{ref} {col.id} {value_text}" in revert.get("args", []):
            rows[revert["index"]] = revert["row"]  # the user meant another row: the first guess is undone
        index, name = targets[0]
        old_row = rows[index]
        row = dict(old_row)
        row["cells"] = {**(row.get("cells") or {}), col.id: parsed.value}
        rows[index] = row
        change = self._store(state, step.path, rows, raw)
        state.pending = {k: v for k, v in state.pending.items() if k not in ("ask", "revert")}
        where = f"dòng {name}"
        if len(targets) > 1:
            title = row_title(spec, old_row)
            where = f"dòng {name}" + (f" ({title})" if title else "")
            others = [(f"Không, dòng {n}", f"{n} {col.id} {value_text}") for _, n in targets[1:]]
            state.pending["ask"] = [[label, "goto", arg] for label, arg in others]
            state.pending["revert"] = {"path": step.path, "index": index, "row": old_row,
                                       "args": [arg for _, arg in others]}
        reply = f"Đã ghi {describe_value(col, spec, parsed.value)} cho {where}."
        if len(targets) > 1:
            reply += (f" Bảng có {len(targets)} dòng số {ref}; nếu ý ông/bà là dòng khác, chọn bên dưới "
                      f"(hoặc gõ “/sua {others[0][1]}”).")
        return self._result(state, [reply] + [f"Lưu ý: {w}" for w in row_warnings(spec, row)], [change])
