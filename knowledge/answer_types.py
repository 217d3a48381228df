"""Answer types as evidence: deadline, contact, signer, recipients, attachments, the dispatch's own date (the
cited legal documents: :mod:`knowledge.cited_answers`; a period's bounds and what follows a late report, which no cue
names: :mod:`knowledge.uncued_answers`).

Why: a cue in the question ("khi nào", "e-mail", "ai ký") only makes a type a *candidate*. Each type
answers from what supports it — the metadata the parser found, or the sentence of the dispatch that
holds the deadline, the e-mail or the cited document — and the caller weighs that evidence against
the best ordinary sentence, so a question about a cited document's date never gets the dispatch's
own deadline, and "nguồn lực có hạn" never gets a deadline card.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from knowledge import attached
from knowledge.attached import ATTACHED_RE, ATTACHED_TITLE
from knowledge.dispatch import Dispatch
from knowledge.evidence import Terms, tokens
from knowledge.headings import numbered_heading
from knowledge.senders import actor_parts, as_sender, misplaced, sender_terms
from knowledge.answer_shape import expected, has_phone
from knowledge.metadata import _DEADLINE_RE, _EMAIL_RE, _PERSON_RE
from knowledge.sentence_pick import HEADING_TERM_WEIGHT
from knowledge.signature import signer_title
from knowledge.query import Query
from knowledge.blocks import to_blocks
from knowledge.text import fold, split_sentences

# Words that make "gửi cho ai / gửi về đâu" about where a report goes (contact), not whom the dispatch
# is addressed to (folded).
_REPORT_OBJECTS = ("bao cao", "ban mem", "ke hoach", "du toan", "danh sach", "file", "tep", "so lieu", "report")
# "Có phải gửi thêm bản giấy không", "có gửi kèm mẫu không": how a copy goes or what goes along, never whom the
# dispatch is addressed to.
_COPY_RE = re.compile(r"\b(ban (giay|mem|dien tu|chinh|sao|scan)|paper|hard cop(y|ies)|gui kem|dinh kem|kem theo"
                      r"|qua (mang|(e-?)?mail|thu dien tu|zalo|fax|buu dien|phan mem|he thong))\b")  # a channel
_REPORT_RES = {w: re.compile(rf"\b{w}\b") for w in _REPORT_OBJECTS}
_DISPATCH_WORDS = ("cong van", "van ban", "dispatch", "letter")
MAX_REPLY = 300
UNNUMBERED = 99  # the heading level of a sentence that is no numbered heading: under all of them
PREFER = 0.1  # what a type's cue prefers (a phone for "gọi số nào", a submission for "hạn nộp")
_SUBMIT_RE = re.compile(r"\b(?:gửi|nộp|báo cáo)\b", re.I)
_SEND_RE = re.compile(r"\b(?:gửi|nộp)\b", re.I)  # sent to the issuer, not reported upward
_DONE_ASK_RE = re.compile(r"\b(xong|hoan thanh|ket thuc|complete[ds]?|finish(ed)?|done)\b")  # folded question
_DONE_RE = re.compile(r"\b(?:xong|hoàn thành|kết thúc)\b", re.I)


@dataclass
class Typed:
    """A typed answer: its reply sentences, the snippets that locate its section, how well it fits."""

    kind: str
    reply: str
    snippets: list[str] = field(default_factory=list)
    score: float = 1.0  # share of the question's content weight the evidence holds (metadata types: 1)


def title(d: Dispatch) -> str:
    """"Công văn 232/BTTTT-KHTC ngày 19/7/2018"."""
    return f"Công văn {d.so_hieu}" + (f" ngày {d.date_vn()}" if d.date else "")


def brief(sentence: str, anchor: str = "", limit: int = MAX_REPLY) -> str:
    """``sentence`` if short, else its clauses around ``anchor`` (split at ";" and ","), within ``limit``."""
    sentence = re.sub(r"\s+", " ", sentence).strip()
    if len(sentence) <= limit:
        return sentence
    clauses = re.split(r"(?<=[;,])\s+", sentence)
    folded_anchor = fold(anchor)
    at = next((i for i, c in enumerate(clauses) if folded_anchor and folded_anchor in fold(c)), 0)
    lo = hi = at
    text = clauses[at]
    while True:
        grown = False
        if hi + 1 < len(clauses) and len(clauses[hi + 1]) + len(text) + 1 <= limit:
            hi += 1
            text = f"{text} {clauses[hi]}"
            grown = True
        if lo > 0 and len(clauses[lo - 1]) + len(text) + 1 <= limit:
            lo -= 1
            text = f"{clauses[lo]} {text}"
            grown = True
        if not grown:
            break
    if hi + 1 < len(clauses) and len(text) < limit * 0.6:  # the next clause is long: as much of it as fits
        room = limit - len(text) - 2
        text = f"{text} {clauses[hi + 1][:room].rsplit(' ', 1)[0]}"
        return ("… " if lo > 0 else "") + text.rstrip(" ;,") + "…"
    if len(text) > limit:  # one clause longer than the limit: a window of words around the anchor
        pos = max(fold(text).find(folded_anchor), 0) if folded_anchor else 0
        start = max(0, pos - limit // 3)
        start = text.rfind(" ", 0, start) + 1 if start else 0
        window = text[start : start + limit].rsplit(" ", 1)[0]
        return ("… " if start or lo > 0 else "") + window.rstrip(" ;,") + "…"
    text = text.rstrip(" ;,")
    return ("… " if lo > 0 else "") + text + ("…" if hi < len(clauses) - 1 or not text.endswith(".") and hi == at else "")


@lru_cache(maxsize=64)
def _sentences(text: str) -> tuple[str, ...]:
    """The sentences of a document's paragraphs (lines a PDF wrapped are joined first; tables skipped)."""
    out: list[str] = []
    for block in to_blocks(text):
        if not block.is_table:
            out += [s for s in split_sentences(block.text) if len(s) > 3]
    return tuple(out)


@lru_cache(maxsize=64)
def _under(sentences: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    """The words of the numbered headings each sentence lies under: "2. Đối với cơ quan hành chính, đơn vị sự
    nghiệp" for the sentences of part 2, "II. …" and "1. …" for those of its item 1."""
    stack: list[tuple[int, frozenset[str]]] = []
    out = []
    for s in sentences:
        found = numbered_heading(s.strip())
        level = found[0] if found else UNNUMBERED
        stack = [(lv, t) for lv, t in stack if lv < level]
        out.append(frozenset().union(*(t for _, t in stack)))
        if found and s.rstrip()[-1:] not in ".;?!":
            stack.append((level, tokens(s)))
    return tuple(out)


def _best(
    terms: Terms, sentences: tuple[str, ...], keep: Callable[[str], bool], prefer: Callable[[str], float] | None = None
) -> tuple[str, float] | None:
    """The sentence that ``keep`` accepts and holds most of the question's weight, ``prefer`` breaking
    near ties (first in the document on exact ties); with its score."""
    found = []
    under = _under(sentences)
    for i, s in enumerate(sentences):
        if keep(s):
            toks = tokens(s)
            # The part's heading says whom or what the sentence is about ("2. Đối với cơ quan hành chính …").
            score = (1 - HEADING_TERM_WEIGHT) * terms.score(toks) + HEADING_TERM_WEIGHT * terms.score(toks | under[i])
            found.append((score + (prefer(s) if prefer else 0.0), -i, s, score))
    if not found:
        return None
    *_, sentence, score = max(found)
    return sentence, score


def about_dispatch(query: Query) -> bool:
    """The question names a dispatch, or speaks of "công văn", "văn bản", "dispatch" (its own date, signer)."""
    folded = fold(query.text)
    return bool(query.dispatch_numbers or query.context_dispatch) or any(w in folded for w in _DISPATCH_WORDS)


def _about_report(query: Query) -> bool:
    folded = fold(query.text)
    return any(_REPORT_RES[w].search(folded) for w in _REPORT_OBJECTS)


def signer(d: Dispatch) -> Typed | None:
    if not d.signer and not d.signer_position:
        return None
    own = signer_title(d)
    parts = (d.signer_position or "").split(", ")
    authority = ", ".join(parts[:-1])
    if d.signer:
        who = f"{own} {d.signer}".strip()
        reply = f"{title(d)} do {who} ký" + (f" ({authority})." if authority else ".")
    else:
        reply = f"{title(d)} được ký với chức danh “{d.signer_position}”; văn bản hiện có không ghi rõ tên người ký."
    return Typed("signer", reply, [s for s in (d.signer, parts[0]) if s])


def recipients(d: Dispatch, query: Query) -> Typed | None:
    if not d.recipients or (_about_report(query) and not about_dispatch(query)) or _COPY_RE.search(fold(query.text)):
        return None
    reply = f"{title(d)} gửi: " + "; ".join(d.recipients) + "."
    if d.copied:  # who else receives it ("có gửi Sở … không", "which bank is copied")
        reply += " Nơi nhận còn có: " + "; ".join(d.copied) + "."
    return Typed("recipients", reply, ["Kính gửi", d.recipients[0]])


def attachments(d: Dispatch, document: str, query: Query, listing: str = "", terms: Terms | None = None) -> Typed | None:
    """The attached forms with their titles, from the passage listing them (``listing``) or the metadata; of the
    body's sentences on them, the one holding most of ``terms`` (what the question asks beyond the dispatch's name)."""
    if query.templates:  # "Mẫu 2 gồm những gì" is about that form's content; an appendix's forms are listed
        inner = [attached.appendix_reply(title(d), listing, n) for kind, n in query.templates if kind == "Phụ lục"]
        found = next((r for r in inner if r), "")
        return Typed("attachments", found, [ATTACHED_TITLE]) if found and listing else None
    rate = (lambda s: terms.score(tokens(s))) if terms is not None and terms.weights else None
    listed = attached.reply(title(d), listing, rate) if listing else ""
    if listed or d.templates:
        return Typed("attachments", listed or f"{title(d)} kèm theo: " + ", ".join(d.templates) + ".",
                     [ATTACHED_TITLE, *d.templates])  # the passage listing them, when the document has it
    mention = next((s for s in _sentences(document) if ATTACHED_RE.search(s)), None)
    if mention:
        reply = (f"{title(d)} nói có mẫu gửi kèm (“{brief(mention, 'kèm', 160)}”), nhưng văn bản hiện có không có mẫu đó. "
                 "Quản trị viên có thể gửi tệp mẫu để bổ sung.")
        return Typed("attachments", reply, [mention])
    named = attached.named_in_body(_sentences(document))  # "theo Biểu số 01/TCMR": asked for, neither printed nor listed
    if named:
        lines = "\n".join(f"- {name}: “{brief(sentence, name, 160)}”" for name, sentence in named)
        reply = (f"{title(d)} yêu cầu báo cáo theo {len(named)} biểu mẫu; văn bản hiện có không kèm theo mẫu:\n{lines}\n"
                 "Quản trị viên có thể gửi tệp mẫu để bổ sung.")
        return Typed("attachments", reply, [sentence for _, sentence in named])
    return None


def sent_along(document: str, terms: Terms) -> Typed | None:
    """The body sentence saying what goes with something the question names ("Sáng kiến có phạm vi ảnh hưởng
    cấp tỉnh gửi kèm bản mô tả …"): "gửi kèm những gì" about one case, not the dispatch's attached forms."""
    found = _best(terms, _sentences(document), lambda s: "kèm" in s.lower())
    if found is None:
        return None
    sentence, score = found
    return Typed("attachments", brief(sentence, "kèm"), [sentence], score)


def own_date(d: Dispatch) -> Typed | None:
    """The dispatch's date as its date line writes it (NĐ 30/2020: a day below 10 and the months 1 and 2
    with a leading zero), then in figures."""
    if not d.date:
        return None
    day, month = f"{d.date.day:02d}", f"{d.date.month:02d}" if d.date.month < 3 else str(d.date.month)
    written = f"ngày {day} tháng {month} năm {d.date.year}"
    return Typed("date", f"Công văn {d.so_hieu} ban hành {written} ({day}/{month}/{d.date.year})"
                 + (f", V/v {d.subject}." if d.subject else "."),
                 [written, f"ngày {d.date.day} tháng {d.date.month} năm {d.date.year}"])


_PHONE_WORDS = ("dien thoai", "sdt", "so dt", "goi", "call", "phone", "hotline", "duong day nong", "landline", "mobile",
                "di dong")
_PERSON_ASK_RE = re.compile(r"\b(ai|who|whom|nguoi nao|can bo nao|chuyen vien nao|dong chi nao|contact person)\b")
_POST_ASK_RE = re.compile(r"\b(ban giay|van ban giay|paper|hard cop(y|ies)|buu chinh|by post|postal|tru so)\b")
_PLACE_ASK_RE = re.compile(r"\b(dia chi|address|where|o dau|ve dau|den dau)\b")
_ELECTRONIC_ASK_RE = re.compile(r"\b(e-?mail|mail|thu dien tu|hop thu|ban mem|ban dien tu|soft cop(y|ies)|electronic|online|he thong|phan mem|website|trang)\b")
# A street address: "số 18 đường Trần Phú", "số 45 Hùng Vương", "số 58-60 Trần Phú".
_POSTAL_RE = re.compile(r"\b[Ss]ố\s+\d{1,4}[A-Z]?(?:[-/]\d{1,4})?,?\s+(?:đường|phố|ngõ|đại lộ|[A-ZĐÀ-Ỹ])")
_EMAIL_WORDS = ("email", "e-mail", "thu dien tu", "hop thu", "dia chi", "ban mem", "address")


def contact(d: Dispatch, document: str, terms: Terms, question: str = "") -> Typed | None:
    if not (d.emails or d.phones or d.contacts):
        return None
    names = [c.split(" ", 1)[-1] for c in d.contacts]
    asked = fold(question)
    wants_phone = any(w in asked for w in _PHONE_WORDS)
    # "bản giấy gửi về đâu", "where should the paper copy go": a street address, not an e-mail.
    wants_post = bool(_POST_ASK_RE.search(asked)) or (bool(_PLACE_ASK_RE.search(asked))
                                                      and not _ELECTRONIC_ASK_RE.search(asked))
    wants_email = any(w in asked for w in _EMAIL_WORDS) and not wants_post
    wants_send = bool(re.search(r"\b(?:gui|nop|send(?:s|ing)?|sent|submit(?:s|ted|ting)?)\b", asked))
    wants_person = bool(_PERSON_ASK_RE.search(asked))  # "liên hệ ai": the sentence naming the person

    def keep(s: str) -> bool:
        return bool(_EMAIL_RE.search(s) or has_phone(s) or any(n in s for n in names)
                    or wants_post and _POSTAL_RE.search(s))

    def prefer(s: str) -> float:  # what the cue asks for, then the sentence that says most about whom to reach
        wanted = (wants_phone and has_phone(s) or wants_email and bool(_EMAIL_RE.search(s))
                  or wants_post and bool(_POSTAL_RE.search(s))
                  or wants_person and any(n in s for n in names))
        held = bool(_EMAIL_RE.search(s)) + has_phone(s) + any(n in s for n in names)
        sent = wants_send and bool(_SUBMIT_RE.search(s))  # "gửi về đâu": where the report goes
        # "gửi bản mềm về địa chỉ nào": the address the report goes to, not a person's own e-mail beside a phone.
        goes = sent and not wants_person and bool(_SEND_RE.search(s))
        return PREFER * (wanted or sent) + PREFER * goes + PREFER / 3 * held

    sentences = _with_lead_ins(_sentences(document))
    for wanted, holds in ((wants_phone, has_phone), (wants_email, _EMAIL_RE.search), (wants_post, _POSTAL_RE.search)):
        if wanted and wants_phone + wants_email + wants_post == 1 and any(holds(s) for s in sentences):
            sentences = tuple(s for s in sentences if holds(s))  # "gọi số nào": a sentence with a phone
    # "liên hệ ai": the person; "liên hệ ai, gọi số nào" may be answered by a unit's number ("hỗ trợ kỹ thuật: Trung tâm …").
    if wants_person and not (wants_send or wants_phone) and any(n in s for s in sentences for n in names):
        sentences = tuple(s for s in sentences if any(n in s for n in names))
    found = _best(terms, sentences, keep, prefer)
    if found is None:
        return None
    sentence, score = found
    anchor = next(iter([*_EMAIL_RE.findall(sentence), *names]), "")
    return Typed("contact", brief(sentence, anchor), [sentence], score)


def _with_lead_ins(sentences: tuple[str, ...]) -> tuple[str, ...]:
    """Each short lead-in ending in ":" joined to the sentence after it ("hỗ trợ kỹ thuật:" / "Trung tâm …, điện thoại
    …": the sentence splitter parts them at the colon before a capital), which it says the phone is for."""
    out: list[str] = []
    for s in sentences:
        lead = out[-1] if out and out[-1].endswith(":") and len(out[-1]) <= LEAD_IN_CHARS else ""
        if lead and not (_EMAIL_RE.search(lead) or has_phone(lead)):
            out[-1] = f"{lead} {s}"
        else:
            out.append(s)
    return tuple(out)


LEAD_IN_CHARS = 80


def can_reach(d: Dispatch, question: str) -> Callable[[str], bool] | None:
    """For a question asking whom to reach or at which number ("gọi ai", "sđt bn", "who should I call"), whether a
    sentence could answer it: it holds a phone, an e-mail or a person's name. None for other contact questions
    ("gửi qua e-mail nào" may be answered by a sentence on how reports go)."""
    asked = fold(question)
    if not (_PERSON_ASK_RE.search(asked) or _CALL_RE.search(asked) or "phone" in expected(question)):
        return None  # "ký số trên điện thoại do cơ quan nào hướng dẫn" names a phone, asks for none
    names = [c.split(" ", 1)[-1] for c in d.contacts]
    return lambda s: bool(_EMAIL_RE.search(s) or has_phone(s) or _PERSON_RE.search(s) or any(n in s for n in names))


_CALL_RE = re.compile(r"\b(?:call|ring)\b|\bgoi (?:so|ai|cho|den|toi)\b")  # "gọi số nào", "which number do I call"


def deadline(d: Dispatch, document: str, terms: Terms, question: str = "", shaped: Callable[[str], bool] | None = None
             ) -> Typed | None:
    """The sentence setting the deadline the question asks: by default when something is to be sent (to the
    issuer: "gửi về …", rather than the issuer's own unit reporting upward, "tham mưu … báo cáo Sở …"); when
    it asks by when a task is finished ("triển khai xong trước khi nào"), the time a task is to be done.
    ``shaped``: what else the question asks the sentence to hold ("lúc mấy giờ": an hour). Which body sends is
    told by the question's words before its verb of sending, the dispatch's own name aside ("cv 214 phòng LĐTBXH
    Đức Trọng báo cáo tháng hạn ngày mấy" names the dispatch, not a sender)."""
    if not d.deadlines:
        return None
    done = bool(_DONE_ASK_RE.search(fold(question)))
    wanted = _DONE_RE if done else _SUBMIT_RE

    def keep(s: str) -> bool:
        return bool(_DEADLINE_RE.search(re.sub(r"\s+", " ", s)))

    sentences = _sentences(document)
    headed = _deadline_part(sentences)

    # Sent to the issuer ("gửi về Phòng Lao động - Thương binh và Xã hội trước ngày 20 hằng tháng") rather than
    # between the bodies it addresses ("Bưu điện huyện … gửi … cho Ủy ban nhân dân các xã chậm nhất ngày 15").
    issuer = " ".join(fold(d.issuer).split()[:ISSUER_WORDS])
    to_issuer_re = re.compile(rf"\b(?:gui|nop)\b(?:\s+\S+){{0,4}}?\s+(?:(?:ve|cho|den|toi)\s+)?(?:qua\s+)?"
                              rf"{re.escape(issuer)}\b") if issuer else None

    sender = sender_terms(terms, question)
    actors = dict(zip(sentences, actor_parts(sentences))) if sender else {}

    def prefer(s: str) -> float:  # an unqualified "hạn nộp?" asks when something is to be sent
        sent = not done and bool(_SEND_RE.search(s))
        to_issuer = sent and to_issuer_re is not None and bool(to_issuer_re.search(fold(s)))
        cues = bool(wanted.search(s)) + sent / 2 + to_issuer / 2 + bool(shaped and shaped(s)) + (s in headed)
        if sender is None:
            return PREFER * cues
        # The body asked about sends in it, rather than receives or is the object of another body's task.
        return PREFER * (cues + as_sender(sender, s, actors[s])) - misplaced(terms, sender, s, actors[s])

    found = _best(terms, sentences, keep, prefer)
    if found is None:
        return None
    sentence, score = found
    m = _DEADLINE_RE.search(re.sub(r"\s+", " ", sentence))
    return Typed("deadline", brief(sentence, m.group(0) if m else ""), [sentence], score)


ISSUER_WORDS = 3  # an issuer is named by its first words ("Sở Y tế", "Phòng Lao động -", "Thống kê tỉnh")
_DEADLINE_HEADING = frozenset({"thoi_han", "han_gui", "han_nop", "han_bao"})  # "Thời hạn (gửi) báo cáo"
_LABEL_RE = re.compile(r"^([^:]{3,80}):")  # "2. Thời hạn và hình thức gửi báo cáo: báo cáo gửi về …"


def _deadline_part(sentences: tuple[str, ...]) -> frozenset[str]:
    """The sentences of the part a dispatch gives to its deadline ("4. Thời hạn và hình thức gửi báo cáo",
    or an item led by that label): where the deadline of the report it asks for is set, rather than the
    dates of the tasks around it."""
    under = _under(sentences)
    out = set()
    for s, heads in zip(sentences, under):
        label = _LABEL_RE.match(s.strip())
        if not _DEADLINE_HEADING.isdisjoint(heads | (tokens(label.group(1)) if label else frozenset())):
            out.add(s)
    return frozenset(out)
