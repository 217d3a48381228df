"""``baocao extract-forms FILE``: the forms a dispatch attaches, as draft templates (for admins).

    baocao extract-forms cong_van.docx                 one summary line per draft, then its issues
    baocao extract-forms cong_van.pdf --out drafts/    also writes drafts/<id>.yaml (editable)
    baocao extract-forms cong_van.txt --json           JSON: id, status, source, summary, issues, template

Wired by ``bot/cli.py`` (add "forms.extract.cli" to its command modules).  Storing drafts,
publishing and filling them are the bot's and storage's part.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from forms.extract import ReadError, extract_blocks, mentioned_forms, read_blocks, validate

__all__ = ["register", "cmd_extract"]


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("extract-forms", help="trích các biểu mẫu đính kèm công văn thành mẫu nháp")
    p.add_argument("file", type=Path, help="tệp công văn: .docx, .pdf (có lớp chữ) hoặc .txt")
    p.add_argument("--dispatch", help="số hiệu công văn, nếu muốn ghi đè số đọc được trong văn bản")
    p.add_argument("--out", type=Path, help="thư mục ghi các tệp YAML mẫu nháp")
    p.add_argument("--json", action="store_true", help="in dạng JSON")
    p.set_defaults(func=cmd_extract)


def cmd_extract(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    try:
        blocks = read_blocks(args.file)
    except (ReadError, OSError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    drafts = extract_blocks(blocks, args.dispatch, fallback=args.file.stem)
    elapsed = time.perf_counter() - start
    problems: dict[str, str] = {}
    for draft in drafts:
        try:
            validate(draft)
        except ValueError as exc:  # TemplateError: a rule produced something the loader refuses
            problems[draft.id] = str(exc)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for draft in drafts:
            (args.out / f"{draft.id}.yaml").write_text(draft.to_yaml(), encoding="utf-8")
    if args.json:
        print(json.dumps([{
            "id": d.id, "status": d.status, "name": d.name, "title": d.title,
            "source": {"dispatch": d.dispatch, "section": d.section}, "summary": d.summary,
            "issues": d.issues, "invalid": problems.get(d.id), "template": d.data,
        } for d in drafts], ensure_ascii=False, indent=2))
        return 0 if not problems else 1
    if not drafts:
        print(f"Không tìm thấy biểu mẫu đính kèm trong tệp {args.file.name}.")
        mentioned = mentioned_forms(blocks)
        if mentioned:
            print("Văn bản có nhắc đến: " + ", ".join(mentioned) + " — nhưng không kèm nội dung mẫu.")
        return 0
    for draft in drafts:
        print(f"{draft.id}: {draft.summary}")
        for issue in draft.issues:
            print(f"  - Cần xem lại: {issue}")
        if draft.id in problems:
            print(f"  - Lỗi mẫu: {problems[draft.id]}")
    print(f"({len(drafts)} mẫu nháp, {elapsed:.1f} giây)")
    return 0 if not problems else 1
