"""A picture of page 1 before the file: .docx → PDF (LibreOffice) → PNG (poppler's ``pdftoppm``).

Why: an official on a phone sees the document in the chat before opening it.  LibreOffice and poppler
are optional system packages (``scripts/install-system-deps.sh``): without them ``preview_png``
returns None and the bot sends the file alone.  Each conversion uses its own LibreOffice profile
directory, because two conversions sharing one profile silently lose a PDF.  Blocking (seconds):
call it from a worker thread (``asyncio.to_thread``).
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

__all__ = ["soffice_path", "convert", "to_pdf", "preview_png"]

log = logging.getLogger(__name__)


def soffice_path() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: str | Path, out_dir: str | Path, *, timeout: float = 180) -> Path | None:
    """Convert ``docx`` to ``out_dir/<stem>.pdf`` with LibreOffice; None when not installed or it failed."""
    return convert(docx, out_dir, "pdf", timeout=timeout)


def convert(src: str | Path, out_dir: str | Path, kind: str, *, timeout: float = 180) -> Path | None:
    """Convert ``src`` to ``out_dir/<stem>.<kind>`` ("pdf", "docx") with LibreOffice; None when it is not
    installed or the conversion failed (never raises for that)."""
    soffice = soffice_path()
    if not soffice:
        return None
    source, out = Path(src).resolve(), Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        cmd = [soffice, "--headless", "--norestore", f"-env:UserInstallation={Path(profile).as_uri()}",
               "--convert-to", kind, "--outdir", str(out), str(source)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                                  env={**os.environ, "HOME": profile})
        except (OSError, subprocess.TimeoutExpired) as exc:
            log.warning("LibreOffice conversion failed: %s", type(exc).__name__)
            return None
    result = out / f"{source.stem}.{kind}"
    if proc.returncode != 0 or not result.exists():
        log.warning("LibreOffice conversion failed (exit %s)", proc.returncode)
        return None
    return result


def preview_png(docx: str | Path, out_path: str | Path | None = None, *, resolution: int = 80,
                timeout: float = 180) -> Path | None:
    """Page 1 of ``docx`` as a PNG (``out_path``, default beside the .docx as ``<stem>.png``).

    Returns None when LibreOffice or ``pdftoppm`` is missing or a step fails (never raises for that).
    """
    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm or not soffice_path():
        return None
    src = Path(docx)
    target = Path(out_path) if out_path else src.with_suffix(".png")
    with tempfile.TemporaryDirectory(prefix="preview-") as tmp:
        pdf = to_pdf(src, tmp, timeout=timeout)
        if pdf is None:
            return None
        stem = Path(tmp) / "page"
        try:
            proc = subprocess.run([pdftoppm, "-png", "-f", "1", "-l", "1", "-r", str(resolution), "-singlefile",
                                   str(pdf), str(stem)], capture_output=True, timeout=timeout)
        except (OSError, subprocess.TimeoutExpired) as exc:
            log.warning("pdftoppm failed: %s", type(exc).__name__)
            return None
        png = stem.with_suffix(".png")
        if proc.returncode != 0 or not png.exists():
            log.warning("pdftoppm failed (exit %s)", proc.returncode)
            return None
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(png), target)
    return target
