"""Names of the forms a dispatch attaches: a heading line read as "Mẫu 1", "Biểu 04/BCKH", "Phụ lục II", a
thuyết minh or a form named by words, and the list of them in a dispatch's text.

Why: officials ask for a form by the name its heading gives it ("biểu 04", "phụ lục 2", "mẫu 01/ĐTBD"); the
chunker, the outline answers and the catalogue must all read a heading the same way.
"""

from __future__ import annotations

import re

from knowledge.text import fold, strip_markup

_ANNEX_RE = re.compile(r"^\s*(?:PHỤ\s+LỤC|Phụ\s+lục)(?:\s+(?:số|SỐ)\s*)?(?:\s+(\d{1,2}|[IVX]{1,4}))?\s*$")
_FORM_RE = re.compile(
    r"^\s*(BIỂU\s+MẪU|Biểu\s+mẫu|MẪU|Mẫu|BIỂU|Biểu)\s+((?:số|SỐ)\s+)?(\d{1,2})\s*"
    # Its code: "01/BCKH", "01/ĐTBD", "01/BHYT-HSSV", "01-SXH" (not the "-Phụ lục 1" an OCR'd "01/BCKH-Phụ lục 1"
    # goes on with, nor the "-Tổng hợp" of a title).
    r"(?:$|[:.]|(/\s*|-)([A-ZĐ][A-ZĐ0-9]*(?![^\W\d_])(?:-[A-ZĐ0-9]+(?![^\W\d_]))*))"
)
# A form whose number is a code of letters and digits ("MẪU SỐ PC01-BC", "Mẫu PC06" of a Công an's forms).
_CODED_FORM_RE = re.compile(r"^\s*(BIỂU\s+MẪU|Biểu\s+mẫu|MẪU|Mẫu|BIỂU|Biểu)\s+((?:số|SỐ)\s+)?([A-ZĐ]{1,3}\d{1,2}(?:-[A-ZĐ0-9]+)?)\s*(?:$|[:.])")
# An appendix heading that names its form too: "Phụ lục I - Biểu số 01/NTM", "PHỤ LỤC 2: MẪU SỐ 02".
_ANNEX_FORM_RE = re.compile(r"^\s*(?:PHỤ\s+LỤC|Phụ\s+lục)(?:\s+(?:số|SỐ))?\s+(\d{1,2}|[IVX]{1,4})\s*[-–:.]\s*(.+)$")
_TM_RE = re.compile(r"^\s*THUYẾT\s+MINH\s+KẾ\s+HOẠCH\b")
# A form named by words, not a number ("BIỂU MẪU", "BIỂU SỐ LIỆU", "MẪU BÁO CÁO"): a short upper-case
# line of a form word, when an upper-case title or its "(Kèm theo …)" line follows.
_NAMED_FORM_RE = re.compile(r"^\s*(?:BIỂU|MẪU|ĐỀ CƯƠNG)(?:\s+[A-ZÀ-ỸĐ]+){0,3}\s*$")


def template_heading(line: str, next_line: str = "") -> str | None:
    """The template name if ``line`` starts an attached form ("Mẫu 1", "Biểu 04/BCKH", "Phụ lục 2", thuyết minh); an
    appendix naming its form too is both ("Phụ lục I - Biểu số 01/NTM": :func:`knowledge.query.templates_in` reads the
    two keys)."""
    clean = strip_markup(line).strip()
    m = _ANNEX_RE.match(clean)
    if m:
        return f"Phụ lục {m.group(1)}" if m.group(1) else "Phụ lục"
    m = _ANNEX_FORM_RE.match(clean)
    form = m and (_FORM_RE.match(m.group(2)) or _CODED_FORM_RE.match(m.group(2))) and template_heading(m.group(2))
    if form:
        return f"Phụ lục {m.group(1)} - {form}"
    m = _FORM_RE.match(clean)
    if m:
        kind = m.group(1).capitalize().replace("  ", " ")
        kind = re.sub(r"\s+", " ", kind)
        if m.group(5):
            return f"{kind} {m.group(3)}{m.group(4).strip()}{m.group(5)}"
        return f"{kind} {'số ' if m.group(2) else ''}{m.group(3)}"
    m = _CODED_FORM_RE.match(clean)
    if m:
        kind = " ".join(m.group(1).capitalize().split())
        return f"{kind} {'số ' if m.group(2) else ''}{m.group(3)}"
    nxt = strip_markup(next_line).strip()
    if _NAMED_FORM_RE.match(clean) and clean.isupper() and (
            nxt.startswith("(Kèm theo") or (nxt.isupper() and len(nxt) > len(clean))):
        return sentence_case(clean)
    if _TM_RE.match(clean):
        title = clean
        nxt = strip_markup(next_line).strip()
        if title.endswith(",") or (nxt and nxt.isupper() and len(nxt) < 60):
            title = f"{title} {nxt}"
        return sentence_case(title)
    return None


def sentence_case(caps: str) -> str:
    """Upper-case heading → sentence case, keeping known abbreviations (CNTT, CSDL, ...) upper."""
    from knowledge.query import abbreviation_keys  # local import: query depends on text only

    keep = abbreviation_keys()
    words = re.sub(r"\s+", " ", caps).strip().split(" ")
    out = [w if fold(w.strip(",.;:()")) in keep and w.isupper() else w.lower() for w in words]
    text = " ".join(out)
    return text[:1].upper() + text[1:]


def parse_templates(text: str) -> list[str]:
    """Names of the forms attached to the dispatch, in order."""
    lines = text.splitlines()
    found: list[str] = []
    for i, line in enumerate(lines):
        nxt = next((ln for ln in lines[i + 1 : i + 3] if ln.strip()), "")
        name = template_heading(line, nxt)
        if name and name not in found:
            found.append(name)
    return found
