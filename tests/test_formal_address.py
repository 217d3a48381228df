"""The bot addresses officials as "ông/bà", never "bạn": every string literal of the product that could
reach a user is scanned (prompts written for an LLM, and words the bot only reads, are not replies;
docstrings are not either)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Text for a model, not a user; and words the bot recognises in what users type (small talk, fillers).
NOT_REPLIES = {"knowledge/llm.py", "forms/extract/proposals.py", "bot/conversation/intents.py"}
INFORMAL = re.compile(r"(?<!\w)bạn(?!\w)", re.IGNORECASE)


def informal_literals(source: str) -> list[int]:
    """Line numbers of string literals (docstrings excepted) that call the reader "bạn"."""
    tree = ast.parse(source)
    docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
            and INFORMAL.search(node.value)]


def test_the_scan_finds_an_informal_reply_and_skips_docstrings():
    source = '"""Bạn đọc: module."""\nREPLY = "Bạn có thể hỏi cụ thể hơn."\nOK = "Ông/bà có thể hỏi."\n'
    assert informal_literals(source) == [2]


def test_no_reply_calls_the_official_ban():
    found = []
    for package in ("bot", "knowledge", "forms", "storage", "vntext"):
        for path in sorted((ROOT / package).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel not in NOT_REPLIES:
                found += [f"{rel}:{line}" for line in informal_literals(path.read_text(encoding="utf-8"))]
    assert not found, found
