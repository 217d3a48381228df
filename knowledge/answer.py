"""Turning retrieved passages into a Vietnamese answer with its citation.

Default is extractive: the one to three sentences of the best passage that overlap the question
most, then "Công văn <số hiệu> ngày <d/m/yyyy> — <section>", then up to two further sources.
Deadline, contact and signer questions are answered from the dispatch metadata. Weak evidence
gives an honest "not sure" with the closest dispatches. An optional LLM may only rephrase; its
output is used only if it keeps the citation and introduces no number absent from the passages.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from knowledge.metadata import Deadline, Dispatch
from knowledge.query import Query, intents
from knowledge.summary import Requests
from knowledge.tables import describe_header, row_groups
from knowledge.text import bm25_tokens, fold, split_sentences

# Given a dispatch and texts quoted from it, the label of the section they were found in
# ("B.5. Về thời hạn gửi báo cáo"), or None.
Locator = Callable[[Dispatch, list[str]], "str | None"]

if TYPE_CHECKING:
    from knowledge.base import Passage

log = logging.getLogger(__name__)

# Function words that say nothing about which passage answers (folded).
STOPWORDS = frozenset(
    "la gi nao nhung cac cua va co khong cho ve theo tai trong den de duoc can phai nhu the nay do "
    "bao nhieu may ai sao the nao hay hoac voi tu thi ma o ra vao gom bao gom yeu cau nao "
    "the a an of to is are be must should what which who when where how does do did in on for by with from about".split()
)


def citation(passage: "Passage", dispatch: Dispatch | None) -> str:
    """"Công văn 232/BTTTT-KHTC ngày 19/7/2018 — B.5. Về thời hạn gửi báo cáo"."""
    date = f" ngày {passage.date.day}/{passage.date.month}/{passage.date.year}" if passage.date else ""
    label = passage.citation or passage.section
    return f"Công văn {passage.dispatch}{date} — {label}"


def citation_for(d: Dispatch, section: str) -> str:
    """The citation of a dispatch section, in the same format as :func:`citation`."""
    date = f" ngày {d.date_vn()}" if d.date else ""
    return f"Công văn {d.so_hieu}{date} — {section}" if section else f"Công văn {d.so_hieu}{date}"


def _cite_line(d: Dispatch, locate: Locator | None, snippets: list[str]) -> str:
    """"(Công văn … — <section where the snippets are>)"."""
    section = locate(d, snippets) if locate else None
    return f"({citation_for(d, section or '')})"


def _phrase_free(folded: str, phrases: list[str]) -> str:
    for phrase in sorted(phrases, key=len, reverse=True):
        folded = re.sub(rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])", " ", folded)
    return folded


def focus_terms(query: Query) -> list[str]:
    """The words that say *what* is asked about: the question minus references ("cv 232",
    "biểu 4"), intent cues ("hạn nộp", "yêu cầu gì"), generic words ("báo cáo", "này") and
    function words. Empty means the question alone cannot single out a dispatch."""
    folded = fold(query.text)
    for span in query.reference_spans:
        folded = folded.replace(span, " ")
    cues = [c for name, cs in intents().items() if name != "not" for c in cs]
    folded = _phrase_free(folded, cues)
    return [w for w in re.findall(r"[a-z0-9]+", folded) if w not in STOPWORDS]


def _query_terms(query: Query) -> set[str]:
    return {t for t in bm25_tokens(query.lexical) if t not in STOPWORDS}


def content_coverage(query: Query, text: str) -> float:
    """How much of the question's content the passage covers: mean of content-syllable coverage and
    coverage of adjacent content-syllable pairs (pairs make unaccented, ambiguous syllables count less).
    English questions are measured by their Vietnamese translations (pairs within each phrase)."""
    phrases = query.expansions if query.english else [query.text]
    word_lists = [[w for w in re.findall(r"[a-z0-9]+", fold(p)) if w not in STOPWORDS] for p in phrases]
    words = [w for ws in word_lists for w in ws]
    if not words:
        return 0.0
    folded_words = re.findall(r"[a-z0-9]+", fold(text))
    present = set(folded_words)
    joined = " " + " ".join(folded_words) + " "
    uni = sum(w in present for w in words) / len(words)
    pairs = [f" {a} {b} " for ws in word_lists for a, b in zip(ws, ws[1:])]
    if not pairs:
        return uni
    bi = sum(p in joined for p in pairs) / len(pairs)
    return 0.5 * uni + 0.5 * bi


def _table_summary(text: str) -> list[str]:
    """For a table passage: its title lines, the column hierarchy in column order (merged header
    cells resolved, OCR typos of abbreviations corrected and noted) and the row groups."""
    lines = text.split("\n")
    title = [ln.strip() for ln in lines if ln.strip() and "\t" not in ln]
    out = title[:2]
    header = describe_header(text)
    if header:
        out.append("Các cột: " + header.text + ".")
        if header.corrected:
            wrong = ", ".join(f"“{w}”" for w, _ in header.corrected)
            right = ", ".join(f"“{r}”" for _, r in header.corrected)
            out.append(f"Lưu ý: bản gốc in {wrong} (lỗi nhận dạng chữ); ở trên đã ghi đúng là {right}.")
    groups = row_groups(text)
    if groups:
        out.append("Các nhóm dòng:")
        out += [f"• {head}" + (": " + "; ".join(items) if items else "") + "." for head, items in groups]
    return out


def best_sentences(query: Query, text: str, limit: int = 3) -> list[str]:
    """The 1-3 sentences of ``text`` that share most terms with the question, in document order.

    Terms of the passage's own heading count little: they are why the passage was retrieved,
    not what distinguishes the sentence that answers within it. A chosen heading or numbered
    item brings the sub-items under it (a), b), -, +), and a sentence ending in ":" what it introduces.
    """
    if "\t" in text:
        return _table_summary(text)
    sentences = split_sentences(text)
    if not sentences:
        return []
    terms = _query_terms(query)
    first = text.split("\n", 1)[0].strip()
    heading_terms = set(bm25_tokens(first)) if _looks_like_heading(first) else set()
    scored = []
    for i, sent in enumerate(sentences):
        toks = set(bm25_tokens(sent))
        score = sum((2.0 if "_" in t else 1.0) * (HEADING_TERM_WEIGHT if t in heading_terms else 1.0) for t in terms & toks)
        scored.append((score, i))
    top = max(s for s, _ in scored)
    if top <= 0:
        return sentences[:1]
    chosen = sorted(i for s, i in sorted(scored, key=lambda si: (-si[0], si[1]))[:limit] if s >= 0.5 * top)
    extra: set[int] = set()
    for i in chosen:
        sent = sentences[i].rstrip()
        if sent.endswith(":") or (len(chosen) == 1 and len(sent) < 60):
            # A heading alone says little; a sentence ending in ":" introduces what answers.
            j = i + 1
            while j < len(sentences) and j <= i + 12 and (j == i + 1 or _LIST_ITEM_RE.match(sentences[j])):
                extra.add(j)
                j += 1
        elif _NUMBERED_RE.match(sent) and _looks_like_heading(sent) or _NUMBERED_RE.match(sent) and sent.endswith(";"):
            j = i + 1
            while j < len(sentences) and j <= i + 8 and _SUB_ITEM_RE.match(sentences[j]):
                extra.add(j)
                j += 1
    chosen = sorted(set(chosen) | extra)
    return [sentences[i] for i in chosen]


HEADING_TERM_WEIGHT = 0.3
_NUMBERED_RE = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*[.)]\s")
_SUB_ITEM_RE = re.compile(r"^\s*(?:[-+•]\s*)?(?:[a-zđ]\)\s|[-+•]\s)|^\s*[-+•]\s")


def _looks_like_heading(line: str) -> bool:
    """A short line without closing punctuation ("1.2. Đối với lĩnh vực an toàn thông tin", "PHỤ LỤC 2")."""
    line = line.strip()
    return 0 < len(line) <= 160 and line[-1] not in ".;?!"


_LIST_ITEM_RE = re.compile(r"^\s*(?:[-+•]|\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ]\))\s")


def extractive(query: Query, passages: list["Passage"], dispatches: dict[str, Dispatch]) -> str:
    """Best sentences, the citation, then up to two further sources."""
    best = passages[0]
    body = "\n".join(best_sentences(query, best.text))
    lines = [body, f"({citation(best, dispatches.get(best.dispatch))})"]
    lines += _further(passages)
    return "\n".join(lines)


def _further(passages: list["Passage"]) -> list[str]:
    seen = {(passages[0].dispatch, passages[0].section)}
    more: list[str] = []
    for p in passages[1:]:
        if (p.dispatch, p.section) in seen:
            continue
        seen.add((p.dispatch, p.section))
        more.append(f"• {citation(p, None)}")
        if len(more) == 2:
            break
    return ["Xem thêm:", *more] if more else []


def _dispatch_title(d: Dispatch) -> str:
    date = f" ngày {d.date_vn()}" if d.date else ""
    return f"Công văn {d.so_hieu}{date}"


# Words of a deadline sentence that mark a submission ("gửi … trước ngày"), which is what an
# unqualified "hạn nộp?" asks about, ahead of other time limits the dispatch quotes.
_SUBMIT_WORDS = frozenset({"gui", "nop", "bao_cao"})
DEADLINE_WINDOW = 160  # characters of a deadline sentence around the deadline that describe it


def rank_deadlines(query: Query | None, deadlines: list[Deadline]) -> list[Deadline]:
    """Deadlines by relevance to the question: content terms shared with the deadline's own
    clauses (the words around it, not a long sentence's unrelated start; bigrams count double),
    then whether it is about sending something, then date precision, then document order."""
    terms = _query_terms(query) if query is not None else set()

    def key(item: tuple[int, Deadline]) -> tuple[float, int]:
        i, dl = item
        toks = set(bm25_tokens(_brief(dl.sentence or dl.text, dl.text, DEADLINE_WINDOW)))
        score = sum(2.0 if "_" in t else 1.0 for t in terms & toks)
        score += 0.5 * bool(toks & _SUBMIT_WORDS) + 0.25 * bool(dl.date or dl.day_of_month)
        return (-score, i)

    return [dl for _, dl in sorted(enumerate(deadlines), key=key)]


def _brief(sentence: str, anchor: str, limit: int = 220) -> str:
    """``sentence`` if short, else its clauses around ``anchor`` (split at ";" and ","), within ``limit``."""
    sentence = sentence.strip()
    if len(sentence) <= limit:
        return sentence
    clauses = re.split(r"(?<=[;,])\s+", sentence)
    at = next((i for i, c in enumerate(clauses) if anchor in c), len(clauses) - 1)
    lo = hi = at
    text = clauses[at]
    while True:
        grown = False
        if lo > 0 and len(clauses[lo - 1]) + len(text) + 1 <= limit:
            lo -= 1
            text = f"{clauses[lo]} {text}"
            grown = True
        if hi + 1 < len(clauses) and len(clauses[hi + 1]) + len(text) + 1 <= limit:
            hi += 1
            text = f"{text} {clauses[hi]}"
            grown = True
        if not grown:
            break
    text = text.rstrip(" ;,")
    return ("… " if lo > 0 else "") + text + ("…" if hi < len(clauses) - 1 else "")


def _shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with "…" when cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;") + "…"


def metadata_answer(
    intent: str, d: Dispatch, query: Query | None = None, locate: Locator | None = None
) -> str | None:
    """Answer a deadline / contact / signer question from the dispatch metadata, each quoted
    sentence followed by its citation line (the section it was found in)."""
    title = _dispatch_title(d)
    if intent == "deadline" and d.deadlines:
        head = f"Thời hạn theo {title}" + (f" (V/v {d.subject})" if d.subject else "") + ":"
        lines = [head]
        for dl in rank_deadlines(query, d.deadlines):
            sentence = dl.sentence or dl.text
            lines += [f"• {sentence}", _cite_line(d, locate, [sentence, dl.text])]
        return "\n".join(lines)
    if intent == "contact" and (d.emails or d.phones or d.contacts):
        parts = []
        if d.contacts:
            parts.append("Người liên hệ: " + ", ".join(d.contacts))
        if d.emails:
            parts.append("Thư điện tử: " + ", ".join(d.emails))
        if d.phones:
            parts.append("Điện thoại: " + ", ".join(d.phones))
        names = [c.split(" ", 1)[-1] for c in d.contacts]
        cite = _cite_line(d, locate, [*d.emails, *d.phones, *names])
        return f"Thông tin liên hệ trong {title}:\n" + "\n".join(f"• {p}" for p in parts) + "\n" + cite
    if intent == "signer":
        position = d.signer_position or ""
        first = position.split(", ")[0] if position else ""
        cite = _cite_line(d, locate, [s for s in (d.signer, first) if s])
        if d.signer:
            role = position.split(", ")[-1] if position else ""
            extra = f" ({first})" if ", " in position else ""
            return f"{title} do {role + ' ' if role else ''}{d.signer}{extra} ký.\n{cite}"
        if position:
            return f"{title} được ký với chức danh “{position}”; bản văn bản hiện có không ghi rõ tên người ký.\n{cite}"
    return None


def deadline_overview(query: Query, dispatches: list[Dispatch], locate: Locator | None = None) -> str | None:
    """For a deadline question that names no dispatch: each dispatch's most relevant deadline,
    briefly and cited, most recent dispatch first, then how to ask about one."""
    lines = ["Câu hỏi chưa nêu công văn nào. Thời hạn trong các công văn hiện có (mới nhất trước):"]
    for d in dispatches:
        if not d.deadlines:
            continue
        dl = rank_deadlines(query, d.deadlines)[0]
        sentence = dl.sentence or dl.text
        subject = f" (V/v {_shorten(d.subject, 70)})" if d.subject else ""
        lines.append(f"• {d.so_hieu}{subject}: {_brief(sentence, dl.text, 180)}")
        lines.append(f"  {_cite_line(d, locate, [sentence, dl.text])}")
    if len(lines) == 1:
        return None
    example = next(d.number for d in dispatches if d.deadlines)
    lines.append(f"Bạn hỏi về công văn nào? Hãy nêu số công văn, ví dụ: “hạn nộp theo công văn {example}?”.")
    return "\n".join(lines)


def summary_answer(
    d: Dispatch, requests: Requests | None, query: Query | None = None, locate: Locator | None = None
) -> str:
    """"What does dispatch X ask for": its subject, the request and the requested actions, its
    deadline and attached forms, ending with the citation of the request and further sections."""
    head = _dispatch_title(d) + (f" của {d.issuer}" if d.issuer else "")
    lines = [head + (f", V/v {d.subject}." if d.subject else ".")]
    body: list[str] = []
    if requests is not None:
        body.append(requests.intro)
        body += requests.follow
        for item in requests.items:
            body.append(f"• {item.text}")
            body += [f"   – {child}" for child in item.children]
    lines += body
    quoted = fold(" ".join(body))
    if d.deadlines:
        dl = rank_deadlines(None, d.deadlines)[0]  # the question ("yêu cầu gì") says nothing about which
        if fold(dl.text) not in quoted:
            lines.append(f"Thời hạn: {_brief(dl.sentence or dl.text, dl.text, 160)}")
    if d.templates:
        lines.append("Kèm theo: " + ", ".join(d.templates) + ".")
    snippets = requests.snippets() if requests is not None else [d.subject]
    main = locate(d, snippets[:1]) if locate else None
    lines.append(f"({citation_for(d, main or '')})")
    more: list[str] = []
    for snippet in snippets[1:]:
        section = locate(d, [snippet]) if locate else None
        if section and section != main and section not in more:
            more.append(section)
    if more:
        lines += ["Xem thêm:", *(f"• {citation_for(d, sec)}" for sec in more[:2])]
    return "\n".join(lines)


def not_sure(passages: list["Passage"], dispatches: dict[str, Dispatch]) -> str:
    """The honest answer when evidence is weak: no quote, only the closest dispatches."""
    lines = ["Tôi chưa tìm thấy thông tin chắc chắn trả lời câu hỏi này trong các công văn hiện có."]
    shown: list[str] = []
    for p in passages:
        if p.dispatch in shown:
            continue
        shown.append(p.dispatch)
        d = dispatches.get(p.dispatch)
        subject = f": V/v {d.subject}" if d and d.subject else ""
        lines.append(f"• {(_dispatch_title(d) if d else 'Công văn ' + p.dispatch)}{subject}")
        if len(shown) == 3:
            break
    if shown:
        lines.insert(1, "Các công văn gần nhất với câu hỏi:")
    lines.append("Bạn có thể hỏi cụ thể hơn, ví dụ nêu số công văn hoặc tên mẫu biểu.")
    return "\n".join(lines)


# --- optional LLM ---------------------------------------------------------------------------------

SYSTEM_PROMPT = (
    "Bạn là trợ lý giúp cán bộ nhà nước tra cứu công văn. Chỉ được diễn đạt lại nội dung của các đoạn trích "
    "được cung cấp, bằng tiếng Việt có dấu, ngắn gọn. Không thêm thông tin, số liệu hay ngày tháng nào không có "
    "trong đoạn trích. Bắt buộc giữ nguyên dòng trích dẫn nguồn (bắt đầu bằng “Công văn”) ở cuối câu trả lời."
)


def make_llm(spec: str | None = None) -> Any | None:
    """A LangChain chat model from ``BAOCAO_LLM`` ("openai:<model>" or "ollama:<model>"), or None."""
    spec = (spec if spec is not None else os.environ.get("BAOCAO_LLM", "")).strip()
    if not spec:
        return None
    provider, _, model = spec.partition(":")
    try:
        if provider == "openai":
            from langchain_openai import ChatOpenAI

            return ChatOpenAI(model=model, base_url=os.environ.get("OPENAI_BASE_URL"), temperature=0)
        if provider == "ollama":
            from langchain_ollama import ChatOllama

            return ChatOllama(model=model, temperature=0)
    except ImportError:
        log.warning("BAOCAO_LLM=%s needs the optional extra: pip install 'baocao[llm]'; using extractive answers", spec)
        return None
    log.warning("Unknown BAOCAO_LLM provider %r (use openai:<model> or ollama:<model>); using extractive answers", provider)
    return None


def llm_rephrase(llm: Any, question: str, passages: list["Passage"], draft: str, cite: str) -> str | None:
    """Ask the LLM to rephrase ``draft`` from ``passages``; None if it fails the checks."""
    from langchain_core.messages import HumanMessage, SystemMessage

    context = "\n\n".join(f"[{i + 1}] {citation(p, None)}\n{p.text}" for i, p in enumerate(passages[:3]))
    prompt = (
        f"Câu hỏi: {question}\n\nĐoạn trích:\n{context}\n\nCâu trả lời trích xuất:\n{draft}\n\n"
        f"Hãy viết lại câu trả lời cho tự nhiên, giữ nguyên dòng nguồn: {cite}"
    )
    try:
        reply = llm.invoke([SystemMessage(SYSTEM_PROMPT), HumanMessage(prompt)])
    except Exception as exc:  # network, quota, model errors: never break the answer
        log.warning("LLM call failed (%s); using the extractive answer", exc)
        return None
    text = getattr(reply, "content", reply)
    if not isinstance(text, str) or not text.strip():
        return None
    if fold(cite.split(" — ")[0]) not in fold(text):
        log.info("LLM answer dropped the citation; using the extractive answer")
        return None
    allowed = set(re.findall(r"\d+", question + " " + draft + " " + " ".join(p.text + p.section for p in passages)))
    if any(num not in allowed for num in re.findall(r"\d+", text)):
        log.info("LLM answer introduced numbers not in the passages; using the extractive answer")
        return None
    return text.strip()
