"""``baocao ingest PATH...``, ``baocao dispatches [--json]``, ``baocao ask "câu hỏi" [--json] [--k N]``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _open():
    from knowledge.base import KnowledgeBase

    kb = KnowledgeBase.open()
    for message in kb.messages:
        print(message, file=sys.stderr)
    return kb


def cmd_ingest(args: argparse.Namespace) -> int:
    """Add files or folders to the knowledge base; report what happened per file."""
    kb = _open()
    report = kb.ingest([Path(p) for p in args.paths])
    for key in report.added:
        print(f"added: {key}")
    for key in report.unchanged:
        print(f"unchanged: {key}")
    for path, message in report.errors:
        print(f"error: {path}: {message}", file=sys.stderr)
    return 1 if report.errors and not (report.added or report.unchanged) else 0


def cmd_dispatches(args: argparse.Namespace) -> int:
    """List the dispatches with their metadata."""
    kb = _open()
    items = kb.dispatches()
    if args.json:
        print(json.dumps([d.to_json() for d in items], ensure_ascii=False, indent=2))
        return 0
    for d in items:
        print(f"{d.so_hieu}  ngày {d.date_vn() or '?'}  — V/v {d.subject}")
        if d.deadlines:
            print("    Hạn: " + "; ".join(dl.text for dl in d.deadlines))
        if d.templates:
            print("    Mẫu kèm theo: " + ", ".join(d.templates))
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    """Answer a question; --json prints {"answer", "passages"}."""
    kb = _open()
    answer = kb.ask(args.question, k=args.k)
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False))
    else:
        print(answer.text)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the knowledge-base sub-commands to the ``baocao`` CLI."""
    p = subparsers.add_parser("ingest", help="add dispatch files (.txt, .md, .docx, .pdf) or folders")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.set_defaults(func=cmd_ingest)

    p = subparsers.add_parser("dispatches", help="list the dispatches in the knowledge base")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_dispatches)

    p = subparsers.add_parser("ask", help="ask a question about the dispatches")
    p.add_argument("question")
    p.add_argument("--json", action="store_true", help='print {"answer": ..., "passages": [...]}')
    p.add_argument("--k", type=int, default=5, help="number of passages (default 5)")
    p.set_defaults(func=cmd_ask)
