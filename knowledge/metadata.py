"""Dispatch metadata parsed from OCR'd text: số hiệu and its variants, date, issuer, subject,
recipients, signer, cited legal documents, deadlines, contacts and attached templates.

Why: the bot answers "hạn nộp khi nào?", "ai ký?", "liên hệ ai?" straight from these fields, and
references such as "cv 232" or the OCR variant "224/BTTT-KHTC" must resolve to one dispatch.
The parser is tolerant: markup is stripped, codes are voted on across all places the text names
the dispatch, and a missing field stays empty rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import yaml

from knowledge.dispatch import Deadline, Dispatch
from knowledge.form_names import parse_templates
from knowledge.signature import parse_signer, title_case
from knowledge.text import fold, nfc, strip_markup

_DATA = Path(__file__).with_name("data")


@lru_cache(maxsize=1)
def issuers() -> dict[str, str]:
    """Known issuing-body codes → names (``knowledge/data/issuers.yaml``)."""
    with open(_DATA / "issuers.yaml", encoding="utf-8") as fh:
        return {str(k): str(v) for k, v in yaml.safe_load(fh).items()}


# --- số hiệu ---------------------------------------------------------------------------------

_CODE = r"([A-ZĐ][A-Za-zĐđ0-9]*(?:\s?-\s?[A-ZĐ][A-Za-zĐđ0-9]*)+)"
# The "Số:" line: some offices (a huyện's Phòng) write their code without a unit suffix ("Số: 286/TCKH").
# A unit's code may hold digits ("Số: 1742/PC07-Đ2", a Công an tỉnh's Phòng PC07 and its Đội 2).
_SO_LINE_RE = re.compile(r"^\s*S[ốô]\s*:?\s*[.…\s]*(\d{1,5})[.…\s]*/?\s*([A-ZĐ][A-Za-zĐđ0-9]*(?:\s?-\s?[A-ZĐ][A-Za-zĐđ0-9]*)*)",
                         re.M)
_REF_RE = re.compile(r"c[ôo]ng\s+v[ăa]n\s+s[ốô]\s*[.…\s]*(\d{1,5})[.…\s]*/\s*" + _CODE, re.I)


def _split_code(code: str) -> tuple[str, str]:
    """Split "BT-TT-THH" into issuer part "BTTT" and unit "THH" (unit = last hyphen segment)."""
    parts = [p.strip() for p in code.split("-") if p.strip()]
    return "".join(parts[:-1]), parts[-1]


def _canonical_issuer(candidates: list[str]) -> str:
    """Prefer a known issuer code; else the most frequent spelling, then the first seen."""
    known = {fold(k): k for k in issuers()}
    for cand in candidates:
        if fold(cand) in known:
            return known[fold(cand)]
    return Counter(candidates).most_common(1)[0][0]


def parse_so_hieu(text: str) -> tuple[str | None, list[str]]:
    """Return (canonical số hiệu, aliases) voted from the "Số:" line and "công văn số ..." mentions."""
    clean = strip_markup(text)
    variants: list[tuple[str, str]] = []
    head = _SO_LINE_RE.search(clean)
    if head:
        variants.append((head.group(1), re.sub(r"\s", "", head.group(2))))
    issued = parse_date(clean)
    # A mention dated otherwise than the dispatch is another document it cites ("Công văn số 1187/UBND-TCKH
    # ngày 29/7/2024 của Ủy ban nhân dân huyện"), not a (mis-read) spelling of its own number.
    variants += [(m.group(1), re.sub(r"\s", "", m.group(2))) for m in _REF_RE.finditer(clean)
                 if not _dated_otherwise(clean[m.end() : m.end() + 30], issued)]
    if not variants:
        return None, []
    number = variants[0][0] if head else Counter(n for n, _ in variants).most_common(1)[0][0]
    # Other numbers are documents the dispatch cites: only mentions of its own number vote on the code.
    own = [(n, c) for n, c in variants if n == number]
    if "-" not in own[0][1] and head:
        canonical = f"{number}/{own[0][1]}"  # the header's code as written, no unit to vote on
    else:
        coded = [(n, c) for n, c in own if "-" in c]
        issuer = _canonical_issuer([_split_code(c)[0] for _, c in coded])
        unit = Counter(_split_code(c)[1] for _, c in coded).most_common(1)[0][0]
        canonical = f"{number}/{issuer}-{unit}"
    aliases: list[str] = []
    for num, code in variants:
        alias = f"{num}/{code}"
        if alias != canonical and alias not in aliases:
            aliases.append(alias)
    return canonical, aliases


_MENTION_DATE_RE = re.compile(r"^\s*,?\s*ng[àa]y\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")


def _dated_otherwise(after: str, issued: dt.date | None) -> bool:
    m = _MENTION_DATE_RE.match(after)
    if not m or issued is None:
        return False
    try:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))) != issued
    except ValueError:
        return False


# --- date, issuer, subject, recipients ---------------------------------------------------------

# Matched on folded text: a scan's misread tone mark ("ngảy 05 tháng 3") still dates the dispatch.
_DATE_RE = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")


def parse_date(text: str) -> dt.date | None:
    """The first "ngày D tháng M năm YYYY" in the text (the place-and-date line)."""
    for m in _DATE_RE.finditer(fold(strip_markup(text))):
        try:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            continue
    return None


# A letterhead line that only continues the one above: the place ("HUYỆN YÊN THÀNH") or the rest of a name.
_CONTINUES_RE = re.compile(r"^(?:TỈNH|HUYỆN|XÃ|PHƯỜNG|QUẬN|THỊ\s+XÃ|THỊ\s+TRẤN|THÀNH\s+PHỐ|TP\.?|ĐẶC\s+KHU|VÀ|&)\b")
_WRAPPED_RE = re.compile(r"(?:,|\s(?:VÀ|&|-))\s*$")
_NATIONAL_RE = re.compile(r"\s*(?:CỘNG\s+H(?:ÒA|OÀ|OA)|Độc\s+lập|ĐỘC\s+LẬP).*$")


def _letterhead(text: str) -> list[str]:
    """The upper-case lines above "Số:" (the national motto removed), e.g. ["UBND TỈNH HÀ TĨNH", "SỞ …"]."""
    out: list[str] = []
    for raw in strip_markup(text).splitlines()[:12]:
        line = _NATIONAL_RE.sub("", raw).strip(" -_*\t")
        if re.match(r"^\s*S[ốô]\s*:", raw):
            break
        if line and line.isupper() and len(line) <= 80:
            out.append(line)
    return out


def parse_issuer(text: str, so_hieu: str | None) -> str:
    """The letterhead's issuing body (its last line; with the line above when the last line only continues
    it, as in "ỦY BAN NHÂN DÂN" / "HUYỆN YÊN THÀNH", but not "CỤC THỐNG KÊ" / "THỐNG KÊ TỈNH QUẢNG NGÃI"), else
    the name of the số hiệu's issuer code."""
    head = _letterhead(text)
    if head:
        last = head[-1]
        # A name wrapped over two lines: "PHÒNG CẢNH SÁT PHÒNG CHÁY," / "CHỮA CHÁY VÀ CỨU NẠN, CỨU HỘ".
        if len(head) > 1 and (_CONTINUES_RE.match(last) or _WRAPPED_RE.search(head[-2])):
            last = f"{head[-2]} {last}"
        return title_case(last)
    if so_hieu and "/" in so_hieu:
        code = _split_code(so_hieu.split("/", 1)[1])[0]
        return issuers().get(code, code)
    return ""


_STOP_SUBJECT_RE = re.compile(
    r"^\s*(?:Kính\s+gửi|Hà\s+Nội|[A-ZÀ-Ỹ][^\n,]{0,30},\s*ngày|Số\s*:|Thực hiện|Căn cứ|CỘNG\s+H|Độc\s+lập)", re.I
)


def parse_subject(text: str) -> str:
    """The "V/v ..." line, continued over wrapped lines (OCR may put a blank line in between)."""
    lines = strip_markup(text).splitlines()
    for i, line in enumerate(lines):
        m = re.search(r"(?:^|\s)V/v\s*([^\t]*)", line)  # a Word header may hold "Số: … V/v …" in one cell
        if not m:
            continue
        parts = [m.group(1).strip()]
        for nxt in lines[i + 1 : i + 8]:
            if not nxt.strip():
                continue
            if _STOP_SUBJECT_RE.match(nxt) or len(nxt.strip()) > 120:
                break
            parts.append(nxt.strip())
        return re.sub(r"\s+", " ", " ".join(parts)).strip()
    return ""


def parse_recipients(text: str) -> list[str]:
    """Items of "Kính gửi:" (inline or as a dash list)."""
    lines = strip_markup(text).splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"\s*Kính\s+gửi\s*:?\s*(.*)", line, re.I)
        if not m:
            continue
        items: list[str] = []
        rest = m.group(1).strip()
        if rest:
            items.append(rest)
        for nxt in lines[i + 1 :]:
            s = nxt.strip()
            if not s:
                continue  # a Word file puts an empty paragraph between the items
            if s.startswith(("-", "+", "•")):
                items.append(s)
            elif items and s[:1].islower() and not items[-1].endswith((";", ".")):
                items[-1] += " " + s  # an item a PDF wrapped ("… phổ thông dân tộc bán" / "trú trên địa bàn xã;")
            else:
                break
        return [re.sub(r"^[\-+•\s]+", "", it).rstrip(" ;.") for it in items if it.strip("-+• ;.")]
    return []


def parse_copied(text: str) -> list[str]:
    """Items of "Nơi nhận:" beyond "Như trên" and the archive line ("Lưu: VT"): who else receives the dispatch
    ("Sở Nông nghiệp và Môi trường tỉnh (để b/c)", "Ngân hàng Chính sách xã hội chi nhánh tỉnh")."""
    lines = strip_markup(text).splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"\s*Nơi\s+nhận\s*:?\s*(.*)", line, re.I)
        if not m:
            continue
        left = [_left_column(ln) for ln in lines[i + 1 :]]  # the signer's block may stand beside the list
        items = [m.group(1)] if _left_column(m.group(1)).strip() else []
        for nxt in left:
            if nxt.strip().startswith(("-", "+", "•")):
                items.append(nxt)
            elif nxt.strip() and items and nxt.startswith(" ") and not items[-1].rstrip().endswith((";", ".")):
                items[-1] = f"{items[-1].rstrip()} {nxt.strip()}"  # an item wrapped over two lines
            elif nxt.strip():
                break
        # A PDF's columns put the signer's block beside the list ("KT. TRƯỞNG PHÒNG", "(đã ký)" after a ";").
        items = [re.sub(r"^[\-+•\s]+", "", re.split(r"[\t;]", it)[0]).strip().rstrip(" .,") for it in items]
        return [it for it in items if it and not it.isupper() and not re.match(r"(như trên|lưu\b)", it, re.I)]
    return []


def _left_column(line: str) -> str:
    """A plain-text line up to a wide gap (the signature block laid out beside the "Nơi nhận" list)."""
    return re.split(r"(?<=\S)\s{4,}(?=\S)", line.rstrip())[0] if line.strip() else ""


# --- legal references, deadlines, contacts ----------------------------------------------------

_KIND_RE = r"(Quyết định|Thông tư liên tịch|Thông tư|Chỉ thị|Nghị định|Văn bản|Công văn|Nghị quyết|Luật|Kế hoạch|Tờ trình|Hướng dẫn|Thông báo)"
_DOC_NO_RE = r"(\d{1,5}(?:/\d{4})?/[A-ZĐ][A-Za-zĐđ]{0,5}-[A-Za-zĐđ]{2,8}(?:-[A-ZĐ]{2,8})?)"
_LEGAL_RE = re.compile(_KIND_RE + r"\s+(?:số\s+)?" + _DOC_NO_RE + r"(?:\s+ngày\s+(\d{1,2}/\d{1,2}/\d{4}))?")
_BARE_DOC_RE = re.compile(r"(?<![\w/])" + _DOC_NO_RE)


def parse_legal_refs(text: str, own: set[str]) -> list[str]:
    """Cited documents, e.g. "Quyết định số 153/QĐ-TTg ngày 30/01/2018", once each (first, fullest mention)."""
    clean = re.sub(r"\s+", " ", strip_markup(text))
    found: dict[str, str] = {}
    for m in _LEGAL_RE.finditer(clean):
        number = m.group(2)
        if number in own or number in found:
            continue
        found[number] = f"{m.group(1)} số {number}" + (f" ngày {m.group(3)}" if m.group(3) else "")
    for m in _BARE_DOC_RE.finditer(clean):
        number = m.group(1)
        if number not in own and number not in found and not _is_own_variant(number, own):
            found[number] = number
    return list(found.values())


def _is_own_variant(number: str, own: set[str]) -> bool:
    """True if ``number`` names the dispatch itself (same number, or same unit code)."""
    head = number.split("/", 1)[0]
    return any(o.split("/", 1)[0] == head for o in own)


_DEADLINE_RE = re.compile(
    # "trước ngày …", "chậm nhất (là|vào) ngày …"; or a label and what it names, then "là" or a colon: "Hạn cuối
    # tiếp nhận hồ sơ là 17 giờ 00 ngày …", "Thời hạn nộp báo cáo: ngày …" (not "Thời hạn thực hiện từ ngày …").
    r"(?:trước|(?:chậm nhất|hạn chót|không muộn hơn)(?:\s+(?:là|vào))?"
    r"|(?:[Hh]ạn\s+(?:cuối|chót|nộp|gửi)|[Tt]hời\s+hạn\s+(?:gửi|nộp))[^.;:\n]{0,120}?(?:\s+là|\s*:))"
    r"\s+(?:\d{1,2}\s*(?:giờ|h)\s*(?:\d{2}\s*(?:phút)?)?\s*,?\s*)?"
    r"(?:ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})|ngày\s+(\d{1,2})\s+h[àằ]ng\s+tháng|tháng\s+(\d{1,2})/(\d{4})"
    # A weekly one: "trước 10 giờ 00 thứ Sáu hằng tuần", "chậm nhất thứ Hai hàng tuần".
    r"|(?:thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy|[2-7])|chủ\s+nhật)\s+h[àằ]ng\s+tuần)",
    re.I,
)


def parse_deadlines(text: str) -> list[Deadline]:
    """Deadlines: "trước ngày 25/7/2018", recurring "trước ngày 22 hàng tháng" or "trước thứ Sáu hằng tuần",
    "trước tháng 9/2018"."""
    clean = strip_markup(text)
    out: list[Deadline] = []
    for para in re.split(r"\n\s*\n", clean):
        flat = re.sub(r"\s+", " ", para).strip()
        for m in _DEADLINE_RE.finditer(flat):
            sentence = _sentence_around(flat, m.start(), m.end())
            if m.group(1):
                try:
                    date = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
                except ValueError:
                    date = None
                out.append(Deadline(m.group(0), date=date, sentence=sentence))
            elif m.group(4):
                out.append(Deadline(m.group(0), day_of_month=int(m.group(4)), sentence=sentence))
            else:
                out.append(Deadline(m.group(0), sentence=sentence))
    return out


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` containing [start, end)."""
    left = max(text.rfind(". ", 0, start), text.rfind("; ", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("; ", end)) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return text[left + 1 if left != -1 else 0 : right].strip()


_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A phone by its label: "điện thoại", "ĐT", "di động", "DĐ", "đường dây nóng", "hotline", "số máy lẻ", "Fax".
_PHONE_RE = re.compile(r"(?:Tel|[Đđ]iện\s+thoại|ĐT|Fax|[Dd]i\s+động|DĐ|[Đđ]ường\s+dây\s+nóng|[Hh]otline|[Ss]ố\s+máy(?:\s+lẻ)?)"
                       r"\s*[:.]?\s*(\+?\d[\d .\-]{6,}\d(?:\s*-?\s*ext\.?\s*\d+)?)")
_PERSON_RE = re.compile(r"(?<!\w)(Ông|Bà|ông|bà|A\.|C\.|Anh|Chị|anh|chị)\s*((?:[A-ZÀ-ỸĐ][a-zà-ỹđ]+)(?:\s+[A-ZÀ-ỸĐ][a-zà-ỹđ]+){0,3})")


def _capitalised_before(text: str, at: int) -> bool:
    words = text[max(0, at - 20):at].split()
    return bool(words) and text[at - 1:at].isspace() and words[-1][:1].isupper() and words[-1][-1:].isalpha()


def parse_contacts(text: str) -> tuple[list[str], list[str], list[str]]:
    """(e-mails, phones, named contact persons) in order of appearance, without duplicates."""
    clean = strip_markup(text)
    emails = list(dict.fromkeys(e.rstrip(".") for e in _EMAIL_RE.findall(clean)))
    phones = list(dict.fromkeys(p.strip() for p in _PHONE_RE.findall(clean)))
    # Named in formal wording (ông/bà), whatever familiar abbreviation the dispatch used ("A.Tiến").
    titles = {"A.": "Ông", "C.": "Bà", "ông": "Ông", "bà": "Bà", "Anh": "Ông", "Chị": "Bà", "anh": "Ông", "chị": "Bà"}
    # "Hai Bà Trưng" (a street) is a name that goes on, not a person addressed: a capitalised word before it.
    named = (m for m in _PERSON_RE.finditer(clean) if not _capitalised_before(clean, m.start()))
    # A name a line break cuts ("Nguyễn" / "Thị Thu Hà" of a PDF's wrapped line) is one name.
    persons = list(dict.fromkeys(f"{titles.get(m.group(1), m.group(1))} {' '.join(m.group(2).split())}" for m in named))
    return emails, phones, persons


# --- all together -------------------------------------------------------------------------------


def parse_dispatch(text: str, source_path: str = "", fallback_id: str = "") -> Dispatch:
    """Parse every metadata field of one dispatch. ``fallback_id`` names it when no số hiệu is found."""
    text = nfc(text)
    so_hieu, aliases = parse_so_hieu(text)
    own = {so_hieu, *aliases} if so_hieu else set()
    signer, position = parse_signer(text)
    emails, phones, persons = parse_contacts(text)
    return Dispatch(
        so_hieu=so_hieu or fallback_id,
        aliases=aliases,
        date=parse_date(text),
        issuer=parse_issuer(text, so_hieu),
        subject=parse_subject(text),
        recipients=parse_recipients(text),
        copied=parse_copied(text),
        signer=signer,
        signer_position=position,
        legal_refs=parse_legal_refs(text, {o for o in own if o}),
        deadlines=parse_deadlines(text),
        emails=emails,
        phones=phones,
        contacts=persons,
        templates=parse_templates(text),
        source_path=source_path,
    )
