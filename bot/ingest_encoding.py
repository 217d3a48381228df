"""A plain-text dispatch whose encoding was guessed narrowly is shown to the admin before indexing.

``vntext.encodings.decode`` reads UTF-8/UTF-16 with certainty; TCVN3, VNI and Windows-1258 are told
apart by how Vietnamese the words look, and ``Decoded.certain`` is False when that judgement is close.
Then the upload is held: the admin sees the first lines converted and the encoding chosen, and either
confirms (``/ma_hoa``) or asks for another (``/ma_hoa vni`` …, shown again). On confirmation the file is
rewritten as UTF-8 (the original bytes kept next to it, ``.goc``) and ingested as any other upload.

The held upload is one small JSON file per admin in the uploads directory, so it survives a restart
and is seen by every worker sharing the data directory.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from vntext import encodings

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".md")
PREVIEW_LINES = 5
PREVIEW_LINE_CHARS = 160
NAMES = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI", "cp1258": "Windows-1258"}  # UTF-8 is never a narrow guess
ALIASES = {"tcvn3": "tcvn3", "abc": "tcvn3", "vni": "vni", "cp1258": "cp1258", "windows1258": "cp1258",
           "windows-1258": "cp1258", "1258": "cp1258"}


@dataclass(frozen=True)
class Held:
    """An upload waiting for the admin's word on its encoding."""

    path: str
    name: str
    encoding: str


def uncertain(path: Path) -> str | None:
    """The encoding guessed for a plain-text file when the guess is not certain; None otherwise (certain,
    not plain text, or unreadable: the ingest then says so itself)."""
    if path.suffix.lower() not in TEXT_SUFFIXES:
        return None
    try:
        decoded = encodings.decode(path.read_bytes())
    except encodings.UnknownEncoding:
        return None
    return None if decoded.certain else decoded.encoding


def preview(path: Path, encoding: str) -> str:
    """The first non-empty lines of ``path`` read as ``encoding`` (each cut to a readable length)."""
    text = encodings.LEGACY[encoding](path.read_bytes()[: 64 * 1024])
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()][:PREVIEW_LINES]
    return "\n".join(line if len(line) <= PREVIEW_LINE_CHARS else line[: PREVIEW_LINE_CHARS - 1] + "…"
                     for line in lines)


def _slot(uploads: Path, user_id: int) -> Path:
    return uploads / f".ma-hoa-{int(user_id)}.json"


def hold(uploads: Path, user_id: int, held: Held) -> None:
    _slot(uploads, user_id).write_text(json.dumps(held.__dict__, ensure_ascii=False), encoding="utf-8")


def held(uploads: Path, user_id: int) -> Held | None:
    slot = _slot(uploads, user_id)
    try:
        data = json.loads(slot.read_text(encoding="utf-8"))
        return Held(str(data["path"]), str(data["name"]), str(data["encoding"]))
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError) as exc:  # a damaged slot: forget it rather than guess
        log.warning("Dropping an unreadable held upload %s: %s", slot, exc)
        slot.unlink(missing_ok=True)
        return None


def release(uploads: Path, user_id: int) -> None:
    """Forget the held upload, keeping its file (it is being ingested)."""
    _slot(uploads, user_id).unlink(missing_ok=True)


def drop(uploads: Path, user_id: int) -> Held | None:
    """Forget the admin's held upload (the saved file is deleted); the upload that was held, if any."""
    found = held(uploads, user_id)
    _slot(uploads, user_id).unlink(missing_ok=True)
    if found is not None:
        Path(found.path).unlink(missing_ok=True)
    return found


def convert(held_upload: Held) -> Path:
    """Rewrite the held file as UTF-8 text read with the chosen encoding (the original kept as ``.goc``)."""
    path = Path(held_upload.path)
    data = path.read_bytes()
    path.with_name(path.name + ".goc").write_bytes(data)
    text = encodings.LEGACY[held_upload.encoding](data)
    path.write_text(text, encoding="utf-8")
    return path


def known(name: str) -> str | None:
    """The encoding an admin means by ``name`` ("vni", "ABC", "1258" …), or None."""
    return ALIASES.get(name.strip().lower().replace("_", "-"))
