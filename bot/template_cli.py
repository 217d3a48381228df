"""Stored templates on the command line: ``baocao template publish|export|import``, and the listing,
``template show`` and ``fill`` of ``forms.cli`` serving drafts and published templates too.

``baocao templates`` also lists the forms known dispatches say they attach but nobody has sent
(``--json --missing``: ``status`` "missing", ``id`` null; ``bot.template_missing``).
``baocao ingest FILE`` (knowledge's command) is extended here: after indexing, each file's forms
become drafts (``bot.ingest``), with their summaries and the forms the dispatch mentions but lacks.
The database is the bot's (``DATABASE_URL``, else the data directory); opened only when needed.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import json
import sys
from pathlib import Path
from typing import Any

from bot import texts_templates as tt

@functools.lru_cache(maxsize=1)
def library() -> Any:
    """The process's template library over the bot's database."""
    from bot.template_library import TemplateLibrary
    from storage import Store

    return TemplateLibrary(Store.open())


class AdminView:
    """The registry the CLI reads: every listed version; ``get`` gives the newest (drafts too)."""

    def __init__(self, lib: Any) -> None:
        self.lib = lib

    def all(self) -> list[Any]:
        return [entry.template for entry in self.lib.entries()]

    def get(self, template_id: str) -> Any:
        return self.lib.latest(template_id)

    def resolve(self, text: str) -> Any:
        return self.lib.resolve(text)


def _registry() -> Any:
    """The CLI's templates: built-in + stored; only the built-in ones (said on stderr) without a database."""
    from storage.errors import StorageError

    try:
        return AdminView(library())
    except StorageError as exc:
        print(tt.DB_UNAVAILABLE.format(error=exc), file=sys.stderr)
        from forms.loader import registry

        return registry()


def _stored_call(work: Any) -> Any:
    """Run ``work(library())``; a database failure becomes a message and exit code 1."""
    from storage.errors import StorageError

    try:
        return work(library())
    except StorageError as exc:
        print(tt.DB_UNAVAILABLE.format(error=exc), file=sys.stderr)
        raise SystemExit(1) from None


def _template_subparsers(subparsers: argparse._SubParsersAction) -> argparse._SubParsersAction | None:
    parser = subparsers.choices.get("template")
    if parser is None:
        return None
    return next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Serve stored templates through ``forms.cli``; add publish/export/import; extend ``ingest``."""
    try:
        from forms import cli as forms_cli
    except ModuleNotFoundError:  # pragma: no cover - forms is part of the package
        return
    forms_cli.use_registry(_registry)
    sub = _template_subparsers(subparsers)
    if sub is not None:
        p = sub.add_parser("publish", help="công bố bản mới nhất của một mẫu (cán bộ được dùng)")
        p.add_argument("id")
        p.set_defaults(func=cmd_publish)
        p = sub.add_parser("export", help="in (hoặc ghi) YAML của mẫu để chỉnh sửa")
        p.add_argument("id")
        p.add_argument("--out", type=Path, help="tệp YAML sẽ ghi (mặc định: in ra màn hình)")
        p.set_defaults(func=cmd_export)
        p = sub.add_parser("import", help="nạp lại YAML đã chỉnh thành bản nháp mới")
        p.add_argument("file", type=Path)
        p.add_argument("--publish", action="store_true", help="công bố luôn sau khi nạp")
        p.set_defaults(func=cmd_import)
    ingest = subparsers.choices.get("ingest")
    if ingest is not None:
        ingest.set_defaults(func=_with_forms(ingest.get_default("func")))
    listing = subparsers.choices.get("templates")
    if listing is not None and listing.get_default("func") is not None:
        listing.add_argument("--missing", action="store_true",
                             help="với --json: kèm các mẫu công văn nhắc tới nhưng chưa có (status \"missing\")")
        listing.set_defaults(func=_with_missing(listing.get_default("func")))


def _missing_now() -> list[Any]:
    """Forms dispatches say they attach and nobody has sent ([] without a database)."""
    from bot.template_missing import missing_forms
    from storage.errors import StorageError

    try:
        return missing_forms(library())
    except StorageError:
        return []


def _with_missing(list_templates: Any):
    """``baocao templates``, then the forms known dispatches say they attach but nobody has sent: in text
    as lines to act on; in ``--json`` only with ``--missing``, as entries with ``status`` "missing" (``id``
    null) — the plain ``--json`` list holds only templates (each with an id, "draft" or "published")."""

    def run(args: argparse.Namespace) -> int:
        if not getattr(args, "json", False):
            code = int(list_templates(args) or 0)
            missing = _missing_now()
            if missing:
                print(tt.MISSING_HEADER)
                for m in missing:
                    print(tt.MISSING_LINE.format(dispatch=m.dispatch, name=m.name, quote=m.quote))
                print(tt.MISSING_INVITE)
            return code
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            code = int(list_templates(args) or 0)
        data = json.loads(buffer.getvalue() or "[]")
        if getattr(args, "missing", False):
            data.extend(m.to_json() for m in _missing_now())
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return code

    return run


def _not_stored(template_id: str) -> int:
    """No stored template ``template_id``: say so on stderr; exit code 2."""
    print(tt.NOT_STORED.format(id=template_id), file=sys.stderr)
    return 2


def cmd_publish(args: argparse.Namespace) -> int:
    from forms.loader import TemplateError

    try:
        template = _stored_call(lambda lib: lib.publish(args.id))
    except KeyError:
        return _not_stored(args.id)
    except TemplateError as exc:  # the loader refuses it
        print(tt.PUBLISH_REFUSED.format(id=args.id, error=exc), file=sys.stderr)
        return 1
    print(tt.PUBLISHED.format(id=template.id, version=template.version, title=template.title))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    try:
        text = _stored_call(lambda lib: lib.export_yaml(args.id))
    except KeyError:
        return _not_stored(args.id)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        print(args.out)
    else:
        sys.stdout.write(text)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from forms.loader import TemplateError

    try:
        text = args.file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(tt.IMPORT_UNREADABLE.format(file=args.file, error=exc), file=sys.stderr)
        return 2
    lib = _stored_call(lambda lib: lib)
    try:
        template = lib.import_text(text, file=str(args.file))
        if args.publish:
            template = lib.publish(template.id)
    except TemplateError as exc:
        print(tt.IMPORT_REFUSED.format(error=exc), file=sys.stderr)
        return 1
    print(tt.IMPORTED.format(id=template.id, version=template.version, status=tt.STATUS[template.status]))
    return 0


def _converted(names: list[str]) -> tuple[list[str], int]:
    """The paths to ingest with each .doc/.odt/.rtf file (given, or in a given folder) replaced by its
    .docx copy in the data directory; exit code 1 when one could not be converted (said on stderr)."""
    from bot.office_files import ConversionError, as_docx, needs_conversion
    from storage.paths import sub_dir

    out, code = [], 0
    for name in names:
        path = Path(name)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        if not any(needs_conversion(f) for f in files):
            out.append(name)
            continue
        for file in files:
            try:
                out.append(str(as_docx(file, sub_dir("converted")) if needs_conversion(file) else file))
            except ConversionError as exc:
                print(f"error: {file}: {exc}", file=sys.stderr)
                code = 1
    return out, code


def _with_forms(index_files: Any):
    """knowledge's ``ingest`` command, then the forms of each file stored as drafts."""

    def run(args: argparse.Namespace) -> int:
        from bot.ingest import extract_and_store

        args.paths, code = _converted(args.paths)
        code = max(code, int(index_files(args) or 0) if index_files is not None else 0)
        for name in args.paths:
            path = Path(name)
            files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
            for file in files:
                print(tt.describe_intake(_stored_call(lambda lib: extract_and_store(file, lib))))
        return code

    return run
