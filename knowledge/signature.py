"""Who: the signature block of a dispatch (authority lines, titles, "(đã ký)", the signer's name) and the
capitalisation of official names ("ỦY BAN NHÂN DÂN HUYỆN YÊN THÀNH" → "Ủy ban nhân dân huyện Yên Thành").

Why: "ai ký?" is answered from here, and the signature block is written in several ways: "KT. BỘ TRƯỞNG /
THỨ TRƯỞNG", "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", a bare "GIÁM ĐỐC", with or without
"(đã ký)" before the name.
"""

from __future__ import annotations

import re

from knowledge.dispatch import Dispatch
from knowledge.text import fold, strip_markup

_PLACE_WORDS = {"tỉnh", "huyện", "xã", "quận", "phường", "thị", "thành", "phố", "trấn"}


def title_case(caps: str) -> str:
    """"BỘ THÔNG TIN VÀ TRUYỀN THÔNG" → "Bộ Thông tin và Truyền thông", "ỦY BAN NHÂN DÂN HUYỆN YÊN THÀNH" →
    "Ủy ban nhân dân huyện Yên Thành" (first word of each name part, and place names, capitalised)."""
    words = re.sub(r"\s+", " ", caps).strip().lower().split(" ")
    out: list[str] = []
    capitalise_next = True
    in_place = False
    for i, word in enumerate(words):
        if word in {"thị", "thành"} and i + 1 < len(words) and words[i + 1] in {"xã", "trấn", "phố"}:
            out.append(word)
            continue
        out.append(word[:1].upper() + word[1:] if capitalise_next or in_place else word)
        # "xã hội" (society) names no commune: "Lao động - Thương binh và Xã hội", "trật tự xã hội".
        in_place = in_place or (word in _PLACE_WORDS and words[i + 1: i + 2] != ["hội"])
        # "phòng" names a unit only as the first word ("Phòng Cảnh sát phòng cháy, …": fire prevention).
        capitalise_next = word in {"bộ", "sở", "cục", "và", "vụ"} or (word == "phòng" and i == 0)
    text = " ".join(out)
    return re.sub(r"^(Ủy|Uỷ) Ban Nhân Dân|^(Ủy|Uỷ) ban Nhân dân", "Ủy ban nhân dân", text)


_NAME_RE = re.compile(r"^(?:[A-ZÀ-ỸĐ][a-zà-ỹđ]+\s+){1,4}[A-ZÀ-ỸĐ][a-zà-ỹđ]+$")
_RANK_RE = re.compile(r"^(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy|uý)\s+")
_AUTHORITY_RE = re.compile(r"^(KT|TL|TM|Q|TUQ)\.\s*(.+)$")
# Titles that stand alone on a line of a signature block (folded).
_POSITION_RE = re.compile(
    r"^(?:pho )?(?:bo truong|thu truong|chu tich|giam doc|cuc truong|vu truong|tong cuc truong|chanh van phong|"
    r"chanh thanh tra|truong ban|truong phong|hieu truong|thu truong co quan|thu truong don vi)(?: [a-z ]{2,60})?$"
)
_SIGNED_RE = re.compile(r"^\(?\s*(?:đã ký|da ky|ký|ky|đã ký và đóng dấu|chữ ký|dấu)[^)]{0,30}\)?$", re.I)


# The head of a unit named after "Trưởng" ("TRƯỞNG THỐNG KÊ TỈNH", "PHÓ TRƯỞNG THUẾ TỈNH"); "TRƯỜNG" (a school) is none.
_HEAD_OF_RE = re.compile(r"^(?:PHÓ\s+)?TRƯỞNG\s+(\S+)")


def _is_position_line(line: str) -> bool:
    return bool(line) and line.isupper() and (bool(_AUTHORITY_RE.match(line)) or bool(_POSITION_RE.match(fold(line)))
                                              or bool(_HEAD_OF_RE.match(line)))


def parse_signer(text: str) -> tuple[str | None, str | None]:
    """(signer name, position) from the signature block: upper-case authority/title lines ("TM. ỦY BAN
    NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC"), then — past blank lines, "(đã ký)" or seal
    notes — the signer's name. The block nearest after "Nơi nhận" (or the first one) is taken. A plain-text
    copy may lay the block out beside the "Nơi nhận" list ("- Như trên;      KT. GIÁM ĐỐC"): then its right
    column is read."""
    lines = [strip_markup(line).strip(" *_\t") for line in text.splitlines()]
    start = next((i for i, ln in enumerate(lines) if re.match(r"^Nơi nhận", ln, re.I)), 0)
    found = _block(lines, start)
    if found[0] is None:
        right = [_right_part(strip_markup(line)) for line in text.splitlines()]
        beside = _block(right, start, wrap=False)
        if beside[0] is not None:
            return beside
    return found


_GAP_RE = re.compile(r"\S\s{4,}(\S.*)$")
_INDENT = 24  # a line indented this far stands in the right column on its own ("(đã ký)", the name)


_LIST_LINE_RE = re.compile(r"^\s*(?:Nơi nhận\s*:|[-+•]\s*Lưu\s*:[^.]*\.|[-+•][^;]*;)\s+(\S.*)$", re.I)


def _right_part(line: str) -> str:
    """The right column of a two-column line: what follows a wide gap, or the whole line when deeply indented;
    a PDF's text run together with one space ("- Như trên; PHÓ TRƯỞNG PHÒNG"): what follows the list item's
    closing ";" (or "Nơi nhận:")."""
    m = _GAP_RE.search(line) or _LIST_LINE_RE.match(line)
    if m:
        return m.group(1).strip(" *_\t")
    return line.strip(" *_\t") if len(line) - len(line.lstrip(" ")) >= _INDENT else ""


def _block(lines: list[str], start: int, wrap: bool = True) -> tuple[str | None, str | None]:
    """The first signature block from ``start`` (then, when ``wrap``, from the top)."""
    order = list(range(start, len(lines))) + (list(range(0, start)) if wrap else [])
    for i in order:
        if not _is_position_line(lines[i]) or (i > 0 and _is_position_line(lines[i - 1]) and i != start):
            continue
        block = [lines[i]]
        j = i + 1
        while j < len(lines) and (not lines[j] or _is_position_line(lines[j])):  # Word puts blank lines between
            if lines[j]:
                block.append(lines[j])
            j += 1
        name = None
        for cand in lines[j : j + 8]:
            if not cand or _SIGNED_RE.match(cand):
                continue
            if _NAME_RE.match(_RANK_RE.sub("", cand)):
                name = cand  # with the rank a police or army officer signs under ("Thượng tá Lê Minh Tuấn")
            break
        return name, _format_position(block)
    return None, None


def _format_position(lines: list[str]) -> str:
    """["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] → "TM. Ủy ban nhân dân, KT. Chủ tịch, Phó Chủ tịch".

    Under "KT." (signing for the head) the next title is a deputy, so the OCR's "THỦ TRƯỞNG" (folded
    identical to "THỨ TRƯỞNG") is read as "Thứ trưởng".
    """
    out: list[str] = []
    previous = ""
    for line in lines:
        m = _AUTHORITY_RE.match(line)
        prefix, rest = (m.group(1), m.group(2)) if m else ("", line)
        head_of = _HEAD_OF_RE.match(rest)
        if _POSITION_RE.match(fold(rest)):
            title = _sentence_title(rest)
        elif head_of:  # "PHÓ TRƯỞNG THUẾ TỈNH" → "Phó Trưởng Thuế tỉnh"
            title = ("Phó " if rest.startswith("PHÓ") else "") + "Trưởng " + title_case(rest[head_of.start(1):])
        else:
            title = title_case(rest)
        if previous == "KT" and fold(rest).strip() == "thu truong":
            title = "Thứ trưởng"
        out.append(f"{prefix}. {title}" if prefix else title)
        previous = prefix
    return ", ".join(out)


def _sentence_title(caps: str) -> str:
    """"PHÓ CHỦ TỊCH" → "Phó Chủ tịch", "GIÁM ĐỐC" → "Giám đốc", "BỘ TRƯỞNG" → "Bộ trưởng"."""
    words = caps.lower().split()
    if words and words[0] == "phó" and len(words) > 1:
        return "Phó " + words[1].capitalize() + "".join(" " + w for w in words[2:])
    return " ".join(words).capitalize()


def signer_title(d: Dispatch) -> str:
    """The signer's own title: the last part of the position ("Phó Chủ tịch", "Thứ trưởng", "Giám đốc")."""
    return (d.signer_position or "").split(", ")[-1]
