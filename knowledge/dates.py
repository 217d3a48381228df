"""Dates a sentence sets: a day, a month, a period's bounds (a cited document's own date told apart).

Why: "khi nào" is answered by a date the dispatch sets ("trước ngày 20/6/2025"), not by the date of the
document it cites ("Kế hoạch số 95/KH-UBND ngày 20/02/2024"); the answer types, the evidence choice and the
answer-shape check all ask the same questions of a sentence, so they ask them here.
"""

from __future__ import annotations

import re

# A weekday, capitalised as dispatches write it ("thứ Sáu hằng tuần"; not the "lần thứ hai" of a count).
_DATE_RE = re.compile(r"\d{1,2}/\d{1,2}/\d{4}|ngày\s+\d{1,2}\b|tháng\s+\d{1,2}/\d{4}"
                      r"|(?-i:\bthứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy|[2-7])\b|\bChủ\s+nhật\b)", re.I)


# "Kế hoạch số 95/KH-UBND ngày 20/02/2024", "ngày 30/12/2014, Bộ trưởng … đã ban hành Thông tư …", "ban hành ngày
# 22/4/2015": the date a document was issued, not a time the dispatch sets.
_CITED_DATE_RE = re.compile(r"\bsố\s+\d+[\w./&-]*\s*,?\s*ngày\s+\d{1,2}/\d{1,2}/\d{4}"
                            r"|(?<!trước\s)(?<!nhất\s)(?<!đến\s)\bngày\s+\d{1,2}/\d{1,2}/\d{4},?\s+[^.;:]{0,80}?\bđã\s+(?:ký\s+)?ban hành\b"
                            r"|\bban hành\s+(?:vào\s+)?ngày\s+\d{1,2}/\d{1,2}/\d{4}", re.I)


def has_date(sentence: str) -> bool:
    """A date the sentence sets (dates of cited documents aside)."""
    return bool(_DATE_RE.search(_CITED_DATE_RE.sub(" ", sentence)))


def set_dates(sentence: str) -> list[re.Match[str]]:
    """The dates the sentence sets (a cited document's masked), as matches on ``sentence`` itself."""
    masked = _CITED_DATE_RE.sub(lambda m: " " * len(m.group(0)), sentence)
    return list(_DATE_RE.finditer(masked))


# "số liệu tính từ ngày 01/01/2024 đến hết ngày 30/6/2024", "tính đến ngày 15/3/2025", "kể từ ngày …",
# "số người có mặt đến ngày 31/3/2024", "giải ngân đến hết ngày 31/7/2024", "tính tại thời điểm 31/12/2025".
# "từ 0 giờ thứ Sáu … đến 24 giờ thứ Năm", "từ 01/8 đến 15/9", "từ tháng 10/2025 đến tháng 9/2026".
PERIOD_RE = re.compile(r"\b(?:tính|kể)\s+(?:từ|đến)\b|\btừ\s+(?:\d{1,2}\s*giờ\s+)?(?:ngày\b|thứ\s|tháng\s+\d|năm\s+\d{4}|\d{1,2}/\d)"
                       r".{1,60}?\bđến\b|\bđến\s+(?:hết\s+)?ngày\s+\d"
                       # Where it starts: "Báo cáo sẽ được thực hiện từ tháng 6/2009", "áp dụng từ ngày 01/7/2024".
                       r"|\b(?:thực hiện|áp dụng|bắt đầu|có hiệu lực)\s+(?:kể\s+)?từ\b"
                       # The day figures are taken at: "tính tại thời điểm 31/12/2025", "thời điểm điều tra: 0 giờ
                       # ngày 01/10/2026", "số liệu chốt đến ngày 15/11", "số liệu tính đến 30/9/2026" (no "ngày").
                       r"|\bthời\s+điểm\b|\bchốt\s+(?:số\s+liệu\s+)?(?:đến|tại|vào|ngày)\b"
                       r"|\bđến\s+(?:hết\s+)?\d{1,2}/\d{1,2}", re.I)


# A bound that is not a calendar date: a weekday ("từ 0 giờ thứ Sáu tuần trước đến 24 giờ thứ Năm"), a day of a
# month without its year ("từ 01/8 đến 15/9"), a month or a year ("từ tháng 5 đến tháng 10", "từ năm 2021").
_WEEKDAY_OR_DAY_RE = re.compile(r"\bthứ\s+(?:hai|ba|tư|năm|sáu|bảy)\b|\bchủ\s+nhật\b|(?<![\d/])\d{1,2}/\d{1,2}(?![\d/])"
                                r"|\btháng\s+\d{1,2}\b|\bnăm\s+\d{4}\b", re.I)


def sets_period(sentence: str) -> bool:
    """The sentence bounds a period (figures counted from one day to another, or up to a day)."""
    return bool(PERIOD_RE.search(sentence)) and (has_date(sentence) or bool(_WEEKDAY_OR_DAY_RE.search(sentence)))


def any_date(sentence: str) -> bool:
    """Any date in the sentence, a cited document's included ("… tại văn bản số 1178/BTTTT-THH ngày 21/4/2015")."""
    return bool(_DATE_RE.search(sentence))
