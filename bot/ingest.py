"""A dispatch file arrives (``baocao ingest``, an admin's upload): index it, turn its forms into drafts.

``ingest_dispatch`` is THE orchestration both the CLI and the chat call: the knowledge base
indexes the text, ``forms.extract`` reads the attached forms, the template library stores each as a
draft version of its dispatch, and the forms the text mentions but does not contain are listed so
the admin can be asked to send them.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.template_library import Stored, TemplateLibrary
from forms.extract import SUFFIXES, ReadError, extract_blocks, read_blocks
from forms.extract.missing import missing_forms
from forms.loader import TemplateError

log = logging.getLogger(__name__)


@dataclass
class FormIntake:
    """What one file gave: stored drafts with their summaries and open questions, missing forms."""

    path: Path
    dispatch: str = ""
    drafts: list[tuple[Stored, str, tuple[str, ...]]] = field(default_factory=list)  # (stored, summary, issues)
    missing: list[str] = field(default_factory=list)  # forms the text mentions but does not attach
    errors: list[str] = field(default_factory=list)  # Vietnamese, for the admin
    seconds: float = 0.0


def extract_and_store(path: str | Path, library: TemplateLibrary, *, dispatch: str | None = None,
                      created_by: int | None = None) -> FormIntake:
    """Drafts of every form ``path`` attaches, stored (a changed re-extraction is a new version)."""
    path = Path(path)
    intake = FormIntake(path)
    if path.suffix.lower() not in SUFFIXES:
        return intake
    started = time.perf_counter()
    try:
        blocks = read_blocks(path)
        drafts = extract_blocks(blocks, dispatch, fallback=path.stem)
    except ReadError as exc:
        intake.errors.append(str(exc))
        return intake
    for draft in drafts:
        intake.dispatch = intake.dispatch or draft.dispatch
        try:
            stored = library.store_draft(draft.data, notes=draft.issues, created_by=created_by)
        except TemplateError as exc:
            log.warning("Draft %s of %s refused by the loader: %s", draft.id, path.name, exc)
            intake.errors.append(f"{draft.name}: mẫu trích ra chưa hợp lệ ({exc}); cần soạn tay.")
            continue
        intake.drafts.append((stored, draft.summary, tuple(draft.issues)))
    intake.missing = [m.name for m in missing_forms(blocks)]  # named, or "mẫu báo cáo … gửi kèm" with none
    intake.seconds = time.perf_counter() - started
    return intake


def ingest_dispatch(path: str | Path, knowledge: Any, library: TemplateLibrary, *,
                    created_by: int | None = None) -> tuple[Any, FormIntake]:
    """Index the file in the knowledge base (``knowledge.ingest([path])``, None if unavailable), then
    extract and store its forms. Returns (the knowledge outcome, the form intake)."""
    outcome = knowledge.ingest([Path(path)]) if knowledge is not None else None
    return outcome, extract_and_store(path, library, created_by=created_by)
