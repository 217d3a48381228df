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
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from knowledge.metadata import Dispatch
from knowledge.query import Query
from knowledge.text import bm25_tokens, fold, split_sentences

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
    """For a table passage: its title lines and the column headers, as readable sentences."""
    lines = text.split("\n")
    title = [ln.strip() for ln in lines if ln.strip() and "\t" not in ln]
    rows = [ln.split("\t") for ln in lines if "\t" in ln]
    headers: list[str] = []
    for row in rows[:3]:
        cells = [c.strip() for c in row if c.strip()]
        if cells and cells[0] in ("I", "1"):
            break
        headers += [c for c in cells if c not in headers]
    out = title[:2]
    if headers:
        out.append("Các cột: " + " | ".join(headers) + ".")
    groups = [" ".join(c.strip() for c in row if c.strip()) for row in rows[3:] if row and row[0].strip() in ("I", "II", "III", "IV")]
    if groups:
        out.append("Các nhóm dòng: " + "; ".join(groups) + ".")
    return out


def best_sentences(query: Query, text: str, limit: int = 3) -> list[str]:
    """The 1-3 sentences of ``text`` that share most terms with the question, in document order."""
    if "\t" in text:
        return _table_summary(text)
    sentences = split_sentences(text)
    if not sentences:
        return []
    terms = _query_terms(query)
    scored = []
    for i, sent in enumerate(sentences):
        toks = set(bm25_tokens(sent))
        score = sum(2.0 if "_" in t else 1.0 for t in terms & toks)
        scored.append((score, i))
    top = max(s for s, _ in scored)
    if top <= 0:
        return sentences[:1]
    chosen = sorted(i for s, i in sorted(scored, reverse=True)[:limit] if s >= 0.5 * top)
    # A heading alone says little, and a sentence ending in ":" introduces what answers:
    # add the following sentence(s)/list items.
    extra: set[int] = set()
    for i in chosen:
        if sentences[i].rstrip().endswith(":") or (len(chosen) == 1 and len(sentences[i]) < 60):
            j = i + 1
            while j < len(sentences) and j <= i + 12 and (j == i + 1 or _LIST_ITEM_RE.match(sentences[j])):
                extra.add(j)
                j += 1
    chosen = sorted(set(chosen) | extra)
    return [sentences[i] for i in chosen]


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


def metadata_answer(intent: str, d: Dispatch) -> str | None:
    """Answer a deadline / contact / signer question straight from the dispatch metadata."""
    title = _dispatch_title(d)
    if intent == "deadline" and d.deadlines:
        parts = []
        for dl in d.deadlines:
            parts.append(f"• {dl.sentence or dl.text}")
        head = f"Thời hạn theo {title}" + (f" (V/v {d.subject})" if d.subject else "") + ":"
        return "\n".join([head, *parts])
    if intent == "contact" and (d.emails or d.phones or d.contacts):
        parts = []
        if d.contacts:
            parts.append("Người liên hệ: " + ", ".join(d.contacts))
        if d.emails:
            parts.append("Thư điện tử: " + ", ".join(d.emails))
        if d.phones:
            parts.append("Điện thoại: " + ", ".join(d.phones))
        return f"Thông tin liên hệ trong {title}:\n" + "\n".join(f"• {p}" for p in parts)
    if intent == "signer":
        position = d.signer_position or ""
        if d.signer:
            role = position.split(", ")[-1] if position else ""
            extra = f" ({position.split(', ')[0]})" if ", " in position else ""
            return f"{title} do {role + ' ' if role else ''}{d.signer}{extra} ký."
        if position:
            return f"{title} được ký với chức danh “{position}”; bản văn bản hiện có không ghi rõ tên người ký."
    return None


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
