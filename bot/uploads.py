"""Files users send: safe names, accepted types, size limit.

A file name from a chat is untrusted: it may hold path separators ("../../etc/passwd"), control
characters, a leading dot, or be thousands of characters long. :func:`safe_filename` keeps letters
(Vietnamese included), digits, ``-``, ``_`` and ``.``, and never yields a path.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

# knowledge.loaders.SUPPORTED and MAX_BYTES, plus what bot.office_files converts to .docx at intake
# (tests/test_security_files.py checks), kept here so the bot refuses a wrong type or size before
# downloading or importing the knowledge package.
ACCEPTED_EXTENSIONS = (".docx", ".pdf", ".txt", ".md", ".doc", ".odt", ".rtf")
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_NAME = 120


def safe_filename(name: str, default: str = "tep") -> str:
    """A harmless single file name derived from ``name``."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").split("/")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r"[^\w.\-]+", "_", name, flags=re.UNICODE)
    name = re.sub(r"\.{2,}", ".", name).strip("._-")
    if not name:
        return default
    if len(name) > MAX_NAME:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: MAX_NAME - len(ext) - 1] + "." + ext) if dot and len(ext) <= 10 else name[:MAX_NAME]
    return name


def extension_ok(name: str) -> bool:
    """True for the dispatch formats the knowledge base ingests."""
    return Path(name.lower()).suffix in ACCEPTED_EXTENSIONS
