"""Answer types no cue word names: the bounds of the period the figures cover, and what follows a late or missing
report.

Why: "số liệu tính từ ngày nào" and "quá hạn không gửi thì sao" carry no cue of :mod:`knowledge.answer_types`
("khi nào" asks a deadline, not a period's bounds); the question's expected shape (:mod:`knowledge.answer_shape`) or
its words on lateness make them candidates, and each answers from the sentence that says it.
"""

from __future__ import annotations

import re

from knowledge.answer_types import PREFER, Typed, _best, _sentences, brief
from knowledge.dates import PERIOD_RE, sets_period
from knowledge.evidence import Terms
from knowledge.text import fold


def period(document: str, terms: Terms, question: str = "") -> Typed | None:
    """The sentence bounding the period the figures cover ("Số liệu báo cáo tính từ ngày 01/7/2024 đến hết
    ngày 30/4/2025"), for a question asking "tính từ / đến ngày nào"; the one holding most of the question
    when there are several (figures of a form, of a month, a task's own time), one about figures ("số liệu")
    first unless the question names something else ("tự kiểm tra làm từ bao giờ đến bao giờ")."""
    figures = not question or bool(_FIGURES_ASK_RE.search(fold(question)))
    found = _best(terms, _sentences(document), sets_period,
                  lambda s: PREFER * (figures and bool(_FIGURES_RE.search(s))))
    if found is None:
        return None
    sentence, score = found
    m = PERIOD_RE.search(sentence)
    return Typed("period", brief(sentence, m.group(0) if m else ""), [sentence], score)


_FIGURES_RE = re.compile(r"\bsố liệu\b", re.I)
# A question about the report's figures, or one that names nothing the period is of ("tính từ ngày nào").
_FIGURES_ASK_RE = re.compile(r"\b(so lieu|bao cao|bc|ky|figures?|data|statistics|reports?|reporting)\b|^\W*(tinh|ke) (tu|den)\b")

# "Quá hạn không gửi thì sao?", "đơn vị báo cáo chậm bị xử lý thế nào?", "what happens if a province reports late?"
# Late in every register: "quá hạn", "chậm", "trễ", "muộn", "không đúng hạn", "overdue", "after the deadline".
# Folded "muon" is also "muốn" (want): late only after a verb of sending ("gửi muộn") or as typed, "muộn".
_LATE_ASK_RE = re.compile(r"\b(qua (thoi )?han|sau (thoi )?han|cham|tre|(gui|nop|bao cao|bc|den) muon|muon han|khong dung (thoi )?han|khong (gui|nop|bao cao)|late|overdue|"
                          r"fail(s|ed)? to|miss(es|ed)?|after the deadline|(do|does|did) not (send|submit|report))\b")
# What follows: "thì sao", "bị xử lý ra sao", "bị sao", "có bị … không", "thì bị trừ bao nhiêu điểm", "mức phạt", "what
# happens", "what fine … face".
_OUTCOME_ASK_RE = re.compile(r"\b(thi sao|the nao|ra sao|xu ly|bi (gi|sao|j)|co bi|thi (se )?bi|se bi|hau qua|che tai|what happens|"
                             r"thi (\w+ ){1,4}lam gi|"
                             r"(bi |muc |xu )?phat|consequences?|penal\w*|sanctions?|fines?|fined|faces?|punish\w*|what will)\b")
# The dispatch's own sentence on it: "Quá thời hạn nêu trên, đơn vị nào không gửi báo cáo, Sở … sẽ tổng hợp, báo cáo …".
_LATE_RE = re.compile(r"\b(?:quá (?:thời )?hạn|sau thời hạn|chậm|trễ|muộn|không gửi|không nộp|không báo cáo|"
                      r"không đúng (?:thời )?hạn)\b", re.I)
# "… sau thời hạn thì …", "… không đúng thời hạn bị xử phạt …", "… bị trừ điểm".
_OUTCOME_RE = re.compile(r"\b(?:sẽ|thì|xem xét|xử lý|kiểm điểm|trách nhiệm|bị|phạt|xử phạt)\b", re.I)
_REPORT_ASK_RE = re.compile(r"\b(gui|nop|bao cao|bc|danh sach|so lieu|reports?|send\w*|sent|submit\w*|list)\b")
# Late or missing said of sending a report: "không gửi báo cáo", "gửi không đúng thời hạn", "Quá thời hạn nêu trên".
_LATE_REPORT_RE = re.compile(r"\b(?:(?:không|chưa) (?:gửi|nộp|báo cáo)|(?:gửi|nộp|báo cáo|danh sách|số liệu)[^.;:]{0,40}"
                             r"(?:không đúng (?:thời )?hạn|chậm|trễ|muộn|sau thời hạn|quá (?:thời )?hạn)|"
                             r"(?:quá|sau) (?:thời )?hạn (?:nêu trên|trên|quy định|này))\b", re.I)


def uncued(question: str, document: str, terms: Terms, period_asked: bool) -> Typed | None:
    """Answer types no cue word names: the bounds of the figures' period (``period_asked``: the question's
    expected shape, :mod:`knowledge.answer_shape`), else what follows a late or missing report."""
    if period_asked:
        return period(document, terms, question)
    return consequence(document, terms, question) if asks_consequence(question) else None


def asks_consequence(question: str) -> bool:
    """The question asks what follows when a report is late or missing."""
    folded = fold(question)
    late = _LATE_ASK_RE.search(folded) or re.search(r"\bmuộn\b", question.lower())
    return bool(late and _OUTCOME_ASK_RE.search(folded))


def states_consequence(text: str) -> bool:
    """The text says what follows something late or missing ("Quá thời hạn …, Sở … sẽ tổng hợp, báo cáo …")."""
    return bool(_LATE_RE.search(text) and _OUTCOME_RE.search(text))


def consequence(document: str, terms: Terms, question: str = "") -> Typed | None:
    """The sentence saying what follows a late or missing report (most of the question's words first)."""
    def of_reports(s: str) -> bool:  # late said of a report, not of anything ("quá thời hạn ra quyết định")
        return states_consequence(s) and bool(_LATE_REPORT_RE.search(s))

    def prefer(s: str) -> float:
        return PREFER * ("sẽ" in s.lower())

    sentences = _sentences(document)
    # Late with a report ("gửi chậm", "không báo cáo"): the sentence on reports; late with work ("chậm tiến độ mà
    # không xin gia hạn"): any.
    reports = bool(_REPORT_ASK_RE.search(fold(question)))
    found = reports and _best(terms, sentences, of_reports, prefer) or _best(terms, sentences, states_consequence, prefer)
    if found is None:
        return None
    sentence, score = found
    return Typed("consequence", brief(sentence), [sentence], score)
