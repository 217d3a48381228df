"""A dispatch's attached forms → draft templates (pure: reads a file, imports no bot/storage/knowledge).

    extract_forms(path, dispatch=None) -> list[DraftTemplate]
    extract_blocks(blocks, dispatch, fallback) -> list[DraftTemplate]
    validate(draft) -> Template            (through the forms loader; raises TemplateError)
    mentioned_forms(blocks) / read_blocks(path)

Modules: ``reading`` (.docx/.txt/.pdf → blocks), ``textgrid`` (tables in text), ``attachments``
(Phụ lục / Mẫu / Biểu / Đề cương heads), ``outline`` (numbered items → tree), ``tables`` (header
hierarchy, row groups), ``coltypes`` (column types), ``draft`` (the template mapping, summary).
"""

from __future__ import annotations

from pathlib import Path

from forms.extract.attachments import dispatch_number, find_attachments, mentioned_forms
from forms.extract.blocks import Block
from forms.extract.draft import STATUS_DRAFT, DraftTemplate, build_draft
from forms.extract.reading import SUFFIXES, ReadError, read_blocks

__all__ = ["extract_forms", "extract_blocks", "validate", "DraftTemplate", "ReadError", "STATUS_DRAFT",
           "SUFFIXES", "read_blocks", "mentioned_forms"]


def extract_blocks(blocks: list[Block], dispatch: str | None = None, fallback: str = "cong_van") -> list[DraftTemplate]:
    """Drafts of the attachments found in already-read blocks."""
    attachments = find_attachments(blocks)
    number = dispatch or dispatch_number(blocks, attachments) or fallback
    used: set[str] = set()
    return [build_draft(att, number, used) for att in attachments]


def extract_forms(path: str | Path, dispatch: str | None = None) -> list[DraftTemplate]:
    """Every form the dispatch file attaches, as drafts (``[]`` when it attaches none).

    ``dispatch`` overrides the số hiệu read from the text.  Raises ``ReadError`` (Vietnamese
    message) for files it cannot read.
    """
    path = Path(path)
    return extract_blocks(read_blocks(path), dispatch, fallback=path.stem)


def validate(draft: DraftTemplate):
    """The draft as a loaded ``Template`` (``status == "draft"``), checked by ``forms.loader``;
    raises ``TemplateError`` when a rule produced something the loader refuses."""
    from forms.loader import load_template_data

    return load_template_data(draft.data, file=f"<{draft.id}>")
