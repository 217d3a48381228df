"""THE command vocabulary: every command a user can give, by slash name, by Vietnamese word, or by button.

Why one table: the bot's router and the form engine used to keep two vocabularies that disagreed
("/xong" was "finish" for one and "done" for the other), so a command could mean different things
depending on who read it first.  Both now read :data:`COMMANDS` through :func:`parse`.

* ``slash``: names typed after "/" ("/bo_qua", "/boqua"); the first is the one menus show.
* ``words``: folded phrases typed without "/" ("bỏ qua", "quay lại").  Slash-only commands
  (``start``, ``fill``...) have none, so "điền" alone in an answer is never a command.
* ``scope``: "global" (anywhere), "form" (a draft is open), "table" (a table question),
  "longtext" (a long answer is being collected).  The engine decides per mode whether a word
  typed inside a free-text answer is a command (see ``forms.engine``).
* ``label``: the Vietnamese button / menu text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vntext.text import fold

__all__ = ["CommandSpec", "COMMANDS", "ALIASES", "parse", "canonical", "slash_name", "label", "menu"]


@dataclass(frozen=True)
class CommandSpec:
    """One command: its canonical name and every way to give it."""

    name: str
    label: str
    scope: str = "form"
    slash: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    takes_arg: bool = False


_SPECS = (
    # anywhere
    CommandSpec("start", "Bắt đầu", "global", ("start", "batdau", "bat_dau")),
    CommandSpec("help", "Trợ giúp", "global", ("trogiup", "help", "tro_giup", "huongdan", "huong_dan", "giup"),
                ("tro giup", "huong dan", "giup", "?")),
    CommandSpec("templates", "Các mẫu báo cáo", "global", ("mau",)),
    CommandSpec("fill", "Điền mẫu", "global", ("dien",), takes_arg=True),
    CommandSpec("drafts", "Bản nháp", "global", ("nhap",)),
    CommandSpec("resume", "Tiếp tục", "global", ("tiep", "tiep_tuc", "tieptuc"), ("lam tiep", "tiep tuc", "dien tiep", "lam not")),
    CommandSpec("profile", "Hồ sơ cơ quan", "global", ("hoso", "ho_so")),
    CommandSpec("ask", "Hỏi", "global", ("hoi",), takes_arg=True),
    # while a draft is open
    CommandSpec("review", "Xem lại", "form", ("xem", "xem_lai", "xemlai"), ("xem lai", "xem")),
    CommandSpec("goto", "Sửa", "form", ("sua",), ("sua", "sua cau"), takes_arg=True),
    CommandSpec("skip", "Bỏ qua", "form", ("bo_qua", "boqua"), ("bo qua", "boqua", "giu nguyen", "giu")),
    CommandSpec("back", "Quay lại", "form", ("quay_lai", "quaylai"), ("quay lai", "lui", "tro lai")),
    CommandSpec("pause", "Tạm dừng", "form", ("tam_dung", "tamdung"), ("tam dung",)),
    CommandSpec("cancel", "Hủy", "form", ("huy",), ("huy", "huy bo")),
    CommandSpec("done", "Xong", "form", ("xong",), ("xong", "xong roi", "da xong", "xong bang")),
    CommandSpec("finish", "Xuất báo cáo", "form", ("hoan_tat", "hoantat", "hoan_thanh", "xuat"),
                ("hoan thanh", "hoan tat", "ket thuc", "xuat", "xuat bao cao")),
    CommandSpec("add_instance", "Thêm phần", "form", (), (), takes_arg=True),
    CommandSpec("write_more", "Viết thêm", "form", ("viet_them", "vietthem"), ("viet them",)),
    # a table question
    CommandSpec("add_row", "Thêm dòng", "table", ("them", "them_dong"), ("them", "them dong"), takes_arg=True),
    CommandSpec("edit_row", "Sửa dòng", "table", ("sua_dong",), ("sua dong",), takes_arg=True),
    CommandSpec("delete_row", "Xóa dòng", "table", ("xoa_dong", "xoa"), ("xoa dong", "xoa"), takes_arg=True),
    CommandSpec("list_rows", "Danh sách", "table", ("danh_sach", "ds"), ("danh sach", "ds", "liet ke", "xem bang")),
    # a long answer being collected
    CommandSpec("clear", "Xóa hết", "longtext", ("xoa_het",), ("xoa het",)),
    CommandSpec("undo", "Xóa đoạn cuối", "longtext", ("xoa_doan_cuoi",), ("xoa doan cuoi",)),
)

#: name → spec, in menu order.
COMMANDS: dict[str, CommandSpec] = {spec.name: spec for spec in _SPECS}

#: Other names callers used for the same commands (buttons saved by older versions, the bot's actions).
ALIASES: dict[str, str] = {"edit": "goto", "sua": "goto", "finish_form": "finish", "keep": "skip"}

_SLASH: dict[str, str] = {s: spec.name for spec in _SPECS for s in spec.slash}
# (phrase as a tuple of words, name), longest phrase first
_WORDS: list[tuple[tuple[str, ...], str]] = sorted(
    ((tuple(w.split()), spec.name) for spec in _SPECS for w in spec.words), key=lambda item: -len(item[0]))
_SLASH_RE = re.compile(r"^/([A-Za-z0-9_]+)(?:@\w+)?(?:\s+(.*))?$", re.DOTALL)
_TRAILING = " .!"


def canonical(name: str) -> str:
    """The canonical name of a command given by name or alias ("edit" → "goto")."""
    return ALIASES.get(name, name)


def slash_name(name: str) -> str:
    """The slash name menus show for a command ("skip" → "bo_qua")."""
    spec = COMMANDS[canonical(name)]
    return spec.slash[0] if spec.slash else spec.name


def label(name: str) -> str:
    """The Vietnamese button text of a command ("back" → "Quay lại")."""
    return COMMANDS[canonical(name)].label


def menu(*scopes: str) -> list[tuple[str, str]]:
    """("/slash_name", label) of the commands of these scopes that have a slash name, in table order
    (for a help text or Telegram's command menu): ``menu("global", "form")``."""
    return [(f"/{spec.slash[0]}", spec.label) for spec in _SPECS if spec.scope in scopes and spec.slash]


def _match_words(text: str) -> tuple[str, str | None] | None:
    """The command whose words start ``text`` (longest phrase first) and the rest of ``text``."""
    spans = [m.span() for m in re.finditer(r"\S+", text)]
    if not spans:
        return None
    folded = [fold(text[a:b]) for a, b in spans]
    folded[-1] = folded[-1].rstrip(_TRAILING) or folded[-1]
    for phrase, name in _WORDS:
        n = len(phrase)
        if len(folded) >= n and tuple(folded[:n]) == phrase:
            rest = text[spans[n - 1][1]:].strip() if n < len(spans) else ""
            return name, rest or None
    return None


def parse(text: str) -> tuple[str, str | None] | None:
    """``(name, arg)`` for a command, else None.

    "/sua I.2" → ("goto", "I.2"); "/bo_qua" → ("skip", None); "quay lại" → ("back", None);
    "sửa dòng 2" → ("edit_row", "2"); "/dien@MyBot bieu04" → ("fill", "bieu04").  The longest
    phrase that starts the text wins; what follows it is the argument, as typed.  A final "." or
    "!" is ignored.  Whether a word typed inside an answer is meant as a command is the caller's
    decision (the argument tells it: "sửa chữa máy" parses as ("goto", "chữa máy")).
    """
    if not text:
        return None
    stripped = text.strip()
    m = _SLASH_RE.match(stripped)
    if m:
        head, rest = m.group(1).lower(), (m.group(2) or "").strip()
        if head in _SLASH:
            return _SLASH[head], rest or None
        return _match_words(head.replace("_", " ") + (" " + rest if rest else ""))
    if stripped.startswith("/"):
        return None
    return _match_words(stripped)
