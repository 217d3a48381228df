"""Who sends a report to whom, in a dispatch that sets a chain of them (xã → huyện → tỉnh → Bộ).

Why: a dispatch often gives each body its own deadline ("a) Trung tâm Y tế khu vực … gửi Trung tâm Kiểm soát bệnh
tật tỉnh trước ngày 08/01; b) Trung tâm Kiểm soát bệnh tật tỉnh tổng hợp, báo cáo Sở Y tế trước ngày 15/01"). A
question on one body's deadline shares its name with both sentences; the one answering it is where that body sends,
not where it receives. Which body a sentence is about is said before its verb of sending, or by the heading of its
part ("I. ĐỐI VỚI CƠ SỞ LƯU TRÚ DU LỊCH", "3. Trách nhiệm của Ủy ban nhân dân các xã").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from knowledge.english import is_english, translate
from knowledge.evidence import Terms, tokens
from knowledge.headings import numbered_heading
from knowledge.text import fold

# Sending or reporting: what a body named before it does, what a body named after it receives.
_SENDING_RE = re.compile(r"\b(?:gui|nop|bao cao|submit\w*|send\w*|sent|report\w*)\b")
_RECEIVING_RE = re.compile(r"\b(?:nhan|tiep nhan|receive\w*|get|gets)\b")
# Whose report it is, after it: "báo cáo năm của cơ sở lưu trú", "the monthly report of travel agencies".
_OWNER_RE = re.compile(r"\b(?:bao cao|so lieu|danh sach|reports?|figures|data)\b[^?,;]{0,40}?\b(?:cua|of)\s+((?:\w+\s+){0,4}?\w+)"
                       r"(?=\s+(?:truoc|la|khi|vao|gui|nop|han|phai|can|duoc|tren|theo|by|due|when|must)\b|[?,;.]|$)")
# Where the receiver named after a verb of sending ends: a date's cue, a purpose, a clause's punctuation.
_RECEIVER_END_RE = re.compile(r"[,;.(:]|\b(?:truoc|cham nhat|de|trong|theo|kem|dong thoi|hang)\b")
# A part's heading naming the body its sentences are for: "II. Đối với doanh nghiệp lữ hành", "3. Trách nhiệm của …".
_ACTOR_HEADING_RE = re.compile(r"^(?:doi voi|trach nhiem cua|nhiem vu cua|giao)\b")


def sender_terms(terms: Terms, question: str) -> Terms | None:
    """The question's terms that name who sends, before its verb of sending ("Trung tâm Kiểm soát bệnh tật tỉnh
    phải báo cáo Sở Y tế trước ngày nào", "by when does the Department of Construction have to submit …")."""
    folded = fold(question)
    m = _SENDING_RE.search(folded)
    if not m or _RECEIVING_RE.search(folded[: m.start()]):
        return None  # "Sở Y tế nhận báo cáo trước ngày nào": who receives
    owner = _OWNER_RE.search(folded, m.start())  # "hạn gửi báo cáo năm của cơ sở lưu trú"
    head = question[: m.start()] + (" " + question[owner.start(1): owner.end(1)] if owner else "")
    if not head.strip():
        return None
    words = tokens(head) | (tokens(" ".join(translate(head, True)[0])) if is_english(question) else frozenset())
    sender = Terms({t: w for t, w in terms.weights.items() if t in words}, terms.alternatives)
    return sender if sender.weights else None


def actor_parts(sentences: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    """For each sentence, the words of the nearest heading above it that names a body ("I. ĐỐI VỚI CƠ SỞ LƯU TRÚ
    DU LỊCH"), or none."""
    stack: list[tuple[int, frozenset[str]]] = []
    out = []
    for s in sentences:
        found = numbered_heading(s.strip())
        if found:
            stack = [(lv, t) for lv, t in stack if lv < found[0]]
        out.append(stack[-1][1] if stack else frozenset())
        if found and _ACTOR_HEADING_RE.match(fold(found[2]).strip()) and s.rstrip()[-1:] not in ".;?!":
            stack.append((found[0], tokens(found[2])))
    return tuple(out)


def _roles(sentence: str, actor: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(the words naming who sends, those naming who receives) in a sentence: before its first verb of sending, or
    the heading's body when it lies in a part for one; a body named right after that verb (a capital: "gửi Trung tâm
    …", "báo cáo Sở Y tế", "gửi về Sở"; not "báo cáo quý của dự án")."""
    folded = fold(sentence)
    m = _SENDING_RE.search(folded)
    if not m:
        return actor or tokens(sentence), frozenset()
    before = actor or tokens(sentence[: m.start()])
    start = m.end() + len(_TO_RE.match(folded, m.end()).group(0))
    if not sentence[start:start + 1].isupper():
        return before, frozenset()
    end = _RECEIVER_END_RE.search(folded, start)
    return before, tokens(sentence[start: end.start() if end else len(sentence)])


_TO_RE = re.compile(r"\s*(?:(?:ve|cho|den|toi|len)\s+)?(?:qua\s+)?")


def as_sender(sender: Terms, sentence: str, actor: frozenset[str] = frozenset()) -> float:
    """How much of the asked sender the sentence names as the one sending, less what of it the sentence names only
    as the receiver ("… gửi Trung tâm Kiểm soát bệnh tật tỉnh trước ngày 08/01")."""
    before, receiver = _roles(sentence, actor)
    return sender.score(before) - sender.score(receiver - before)


def misplaced(terms: Terms, sender: Terms, sentence: str, actor: frozenset[str] = frozenset()) -> float:
    """The share of ``terms`` a sentence earns with the asked sender's words where the sentence has another body
    send: as its receiver ("… gửi Trung tâm Kiểm soát bệnh tật tỉnh trước ngày 08/01"), or anywhere in a part for
    another body ("Rà soát danh sách cơ sở lưu trú …; gửi Sở trước ngày 20/12" under "III. ĐỐI VỚI ỦY BAN NHÂN DÂN
    CÁC XÃ" is not when "cơ sở lưu trú gửi báo cáo")."""
    keys = frozenset(sender.weights)
    before, receiver = _roles(sentence, actor)
    wrong = tokens(sentence) - actor if actor and not actor & keys else receiver - before
    return terms.score(wrong & keys)


def placed_scorer(terms: Terms, sender: Terms | None, sentences: tuple[str, ...]) -> Callable[[str], float]:
    """A sentence's share of ``terms`` (its part's body heading included), the asked sender's words counted only
    where the sentence has that body send: how a deadline sentence is weighed against the others."""
    if sender is None:
        return lambda s: terms.score(tokens(s))
    actors = dict(zip(sentences, actor_parts(sentences)))

    def score(sentence: str) -> float:
        actor = actors.get(sentence, frozenset())
        return terms.score(tokens(sentence) | actor) - misplaced(terms, sender, sentence, actor)

    return score
