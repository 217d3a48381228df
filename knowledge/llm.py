"""Optional LLM rephrasing (``BAOCAO_LLM``): it may only reword the extractive answer.

Its output is used only if it keeps the citation and introduces no number absent from the passages;
any failure falls back to the extractive answer.
"""

from __future__ import annotations

import logging
import os
import re
from typing import TYPE_CHECKING, Any

from knowledge.answer import citation
from knowledge.text import fold

if TYPE_CHECKING:
    from knowledge.base import Passage

log = logging.getLogger(__name__)

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
