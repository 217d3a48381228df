"""Who signs and in what capacity, and the "Số, ký hiệu" line (Nghị định 30/2020/NĐ-CP).

Why: a document is signed either by the head, or for the head by a deputy ("KT." ký thay), on behalf
of a collective body ("TM." thay mặt), by order ("TL." thừa lệnh), by delegation ("TUQ." thừa ủy
quyền) or by an acting head ("Q." quyền).  The block reads, e.g. "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC",
"TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", "TL. GIÁM ĐỐC / CHÁNH VĂN PHÒNG", "Q. GIÁM ĐỐC".  The profile
holds the signer's own title (``chuc_vu``), the capacity (``tham_quyen``) and the head's title or the
collective body signed for (``ky_thay``); old profiles kept both lines in ``chuc_vu``.

The ký hiệu is "<type code>-<agency symbol>": the type code comes from the template (Phụ lục III of
the decree: BC báo cáo, TB thông báo, KH kế hoạch...; none for a công văn), the symbol from the
profile.  An old profile symbol that already starts with a type code ("BC-STTTT") is not doubled.
"""

from __future__ import annotations

import re

from forms.render.xml import clean
from vntext.text import fold

__all__ = ["AUTHORITIES", "DOC_NAMES", "default_doc_code", "parse_authority", "signature_lines", "ky_hieu", "number_text"]

#: tham_quyen codes → what they mean (for the profile flow's choices)
AUTHORITIES = {
    "": "Thủ trưởng ký",
    "KT": "Ký thay (cấp phó ký thay thủ trưởng)",
    "TM": "Thay mặt tập thể lãnh đạo",
    "TL": "Thừa lệnh",
    "TUQ": "Thừa ủy quyền",
    "Q": "Quyền (được giao quyền cấp trưởng)",
}
_AUTHORITY_WORDS = {"kt": "KT", "ky thay": "KT", "tm": "TM", "thay mat": "TM", "tl": "TL", "thua lenh": "TL",
                    "tuq": "TUQ", "thua uy quyen": "TUQ", "q": "Q", "quyen": "Q"}
#: Phụ lục III, NĐ 30/2020: chữ viết tắt tên loại văn bản hành chính → tên loại
DOC_NAMES = {
    "NQ": "Nghị quyết", "QĐ": "Quyết định", "CT": "Chỉ thị", "QC": "Quy chế", "QyĐ": "Quy định",
    "TC": "Thông cáo", "TB": "Thông báo", "HD": "Hướng dẫn", "CTr": "Chương trình", "KH": "Kế hoạch",
    "PA": "Phương án", "ĐA": "Đề án", "DA": "Dự án", "BC": "Báo cáo", "BB": "Biên bản", "TTr": "Tờ trình",
    "HĐ": "Hợp đồng", "CĐ": "Công điện", "BGN": "Bản ghi nhớ", "BTT": "Bản thỏa thuận", "GUQ": "Giấy ủy quyền",
    "GM": "Giấy mời", "GGT": "Giấy giới thiệu", "GNP": "Giấy nghỉ phép", "PG": "Phiếu gửi", "PC": "Phiếu chuyển",
    "PB": "Phiếu báo",
}
_CODES_FOLDED = {fold(code) for code in DOC_NAMES}
_PREFIX = re.compile(r"^\s*(KT|TM|TL|TUQ|Q)\s*\.\s*", re.IGNORECASE)
_DEPUTY = re.compile(r"^\s*ph[óo]\s+", re.IGNORECASE)  # "Phó", or "Pho" typed without diacritics


def default_doc_code(doc_type: str, kind: str) -> str:
    """The type code of a template that names none: its doc_type's own ("KẾ HOẠCH" → "KH", "Thông báo" →
    "TB"), else "BC" for what this product makes (a report, or a biểu or thuyết minh sent with one)."""
    name = " ".join(fold(doc_type or "").split())
    for code, full in DOC_NAMES.items():
        if fold(full) == name:
            return code
    return "BC" if kind in ("report", "table", "thuyet_minh") else ""


def parse_authority(value: object) -> str:
    """"KT", "kt.", "Ký thay" → "KT"; empty or unknown → "" (the head signs)."""
    key = " ".join(fold(str(value or "")).replace(".", " ").split())
    return _AUTHORITY_WORDS.get(key) or _AUTHORITY_WORDS.get(key.replace(" ", ""), "")  # "T.M." → TM


def _head_of(title: str) -> str:
    """The head's title a deputy's title names: "Phó Giám đốc" → "Giám đốc" ("" when not a deputy)."""
    return _DEPUTY.sub("", title, count=1) if _DEPUTY.match(title) else ""


def _legacy(chuc_vu: str) -> tuple[str, str, str] | None:
    """An old profile's "KT. GIÁM ĐỐC\\nPHÓ GIÁM ĐỐC" → ("KT", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")."""
    match = _PREFIX.match(chuc_vu)
    if not match:
        return None
    first, _, rest = chuc_vu[match.end():].partition("\n")
    return match.group(1).upper(), first.strip(), " ".join(rest.split())


def signature_lines(chuc_vu: object, tham_quyen: object = "", ky_thay: object = "",
                    fallback: str = "THỦ TRƯỞNG CƠ QUAN") -> list[str]:
    """The capitalised title lines above the signature (``fallback`` only when no title is known)."""
    title = "\n".join(line.strip() for line in clean(chuc_vu or "").split("\n") if line.strip())
    authority = parse_authority(tham_quyen)
    head = _PREFIX.sub("", " ".join(clean(ky_thay or "").split()))
    legacy = _legacy(title)
    if legacy:
        authority, head, title = legacy[0], head or legacy[1], legacy[2]
    elif "\n" in title:  # two lines without a capacity prefix: printed as typed
        return [line.upper() for line in title.split("\n")]
    title = " ".join(title.split())
    if not authority and _head_of(title):
        authority = "KT"  # a deputy never signs in the head's place without "KT."
    if authority in ("KT", "Q"):
        head = head or _head_of(title)
    lines: list[str]
    if authority == "KT" and head:
        lines = [f"KT. {head}", title or f"Phó {head}"]
    elif authority == "TM" and head:
        lines = [f"TM. {head}"]
        if _head_of(title):
            lines.append(f"KT. {_head_of(title)}")
        lines += [title] if title else []
    elif authority in ("TL", "TUQ") and head:
        lines = [f"{authority}. {head}"] + ([title] if title else [])
    elif authority == "Q" and head:
        lines = [f"Q. {head}"]
    else:
        lines = [title] if title else [head] if head else [fallback]
    return [line.upper() for line in lines]


def ky_hieu(doc_code: str, so_ky_hieu: object) -> str:
    """"BC" + "STTTT" → "BC-STTTT"; an old "BC-STTTT" (or "TB-STTTT") symbol is not doubled."""
    symbol = " ".join(clean(so_ky_hieu or "").split()).strip("/ ")
    first, dash, rest = symbol.partition("-")
    if dash and rest and fold(first) in _CODES_FOLDED:
        symbol = rest.strip()
    code = clean(doc_code or "").strip()
    if code and symbol:
        return f"{code}-{symbol}"
    return code or symbol


def number_text(number: str | None, doc_code: str, so_ky_hieu: object) -> str:
    """"Số: 125/BC-STTTT"; numbers under 10 get a leading 0; blank space for the văn thư when not numbered."""
    num = clean(number or "").strip()
    if num.isdigit() and int(num) < 10:
        num = f"{int(num):02d}"
    if not num:
        num = "\u00a0" * 6
    symbol = ky_hieu(doc_code, so_ky_hieu)
    return f"Số: {num}/{symbol}" if symbol else f"Số: {num}"
