"""Word 97–2003 (.doc), OpenDocument (.odt) and RTF dispatches: converted to .docx when they arrive.

Why: many dispatches still circulate as .doc. The knowledge base and the form extraction read .docx
(real Word tables, merged cells), so a .doc is converted once, at intake, by LibreOffice (an optional
system package, ``scripts/install-system-deps.sh``), and everything after reads the .docx. Without
LibreOffice the admin is told to save the file as .docx. The original file is kept beside the copy.
"""

from __future__ import annotations

from pathlib import Path

from bot import texts_jobs as tj

CONVERTIBLE = (".doc", ".odt", ".rtf")
TIMEOUT_S = 120


class ConversionError(Exception):
    """The file could not be converted; the message is Vietnamese, for the admin."""


def needs_conversion(path: str | Path) -> bool:
    return Path(path).suffix.lower() in CONVERTIBLE


def as_docx(path: str | Path, out_dir: str | Path | None = None) -> Path:
    """``path`` itself when it needs no conversion, else its .docx copy (in ``out_dir``, default beside it)."""
    from forms.render.preview import convert, soffice_path

    source = Path(path)
    if not needs_conversion(source):
        return source
    if soffice_path() is None:
        raise ConversionError(tj.CONVERT_UNAVAILABLE.format(name=source.name))
    converted = convert(source, Path(out_dir) if out_dir else source.parent, "docx", timeout=TIMEOUT_S)
    if converted is None:
        raise ConversionError(tj.CONVERT_FAILED.format(name=source.name))
    return converted
