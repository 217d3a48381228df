"""Forms a known dispatch refers to as attached that nobody has sent yet (1485's monthly form).

``missing_forms(library)`` reads each dispatch of the knowledge catalogue (corpus and ingested
files; a few milliseconds each, cached by file and modification time), finds with
``forms.extract.missing`` the forms its text says are attached but does not contain, and keeps those
no template covers.  A form is covered by a template of the same dispatch that is not a notice
("giống tháng trước" is not the report itself) and, for a named form ("Biểu số 02"), whose
section or aliases carry that name.  So an admin who sends the form file — its "(Kèm theo Công văn
số 1485/…)" line, or ``/sua_mau ID cong_van 1485/…`` afterwards, ties it to the dispatch — makes the
entry disappear: the sent form has become that dispatch's template.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from forms.extract import read_blocks
from forms.extract.missing import missing_forms as _missing_in
from forms.resolve import alias_key
from vntext.text import fold

log = logging.getLogger(__name__)

__all__ = ["MissingForm", "missing_forms", "catalogue_dispatches"]


@dataclass(frozen=True)
class MissingForm:
    """A form ``dispatch`` says it attaches, absent from its text and from the templates."""

    dispatch: str
    name: str
    quote: str
    date: dt.date | None = None
    path: str = ""

    def to_json(self) -> dict[str, Any]:
        """The ``baocao templates --json`` entry (status "missing"; no id: there is nothing to fill)."""
        return {"id": None, "status": "missing", "title": self.name, "name": self.name,
                "source": {"dispatch": self.dispatch, "section": self.name, "quote": self.quote},
                "dispatch": self.dispatch, "section": self.name,
                "date": self.date.isoformat() if self.date else None}


def catalogue_dispatches() -> list[tuple[str, str, dt.date | None]]:
    """(số hiệu, file, date) of every dispatch the knowledge catalogue knows with its file."""
    try:
        from knowledge import catalogue
        from storage.paths import data_dir

        return [(d.so_hieu, d.source_path, d.date) for d in catalogue(data_dir()) if d.source_path]
    except Exception:  # the catalogue is optional here: no knowledge, no missing forms to report
        log.warning("No dispatch catalogue for missing forms", exc_info=True)
        return []


_CACHE: dict[tuple[str, float], list[Any]] = {}


def _in_file(path: str) -> list[Any]:
    try:
        key = (path, Path(path).stat().st_mtime)
    except OSError:
        return []
    if key not in _CACHE:
        try:
            _CACHE[key] = _missing_in(read_blocks(path))
        except Exception:  # an unreadable file says nothing about missing forms
            log.warning("Cannot read %s for missing forms", path, exc_info=True)
            _CACHE[key] = []
    return _CACHE[key]


def _squash(text: str) -> str:
    return re.sub(r"[\s.]+", "", fold(text or ""))


def _covers(template: Any, dispatch: str, name: str) -> bool:
    if _squash(template.source.dispatch) != _squash(dispatch) or template.kind == "notice":
        return False
    key = alias_key(name)
    if not any(ch.isdigit() for ch in " ".join(key)) and not re.search(r"\b[ivxlc]+$", " ".join(key)):
        return True  # an unnamed "mẫu báo cáo": any report template of the dispatch is it
    names = [template.source.section, *template.source.section.split("›"), template.title, *template.aliases]
    return any(alias_key(n)[:len(key)] == key for n in names if n)


def missing_forms(library: Any,
                  dispatches: Callable[[], Iterable[tuple[str, str, dt.date | None]]] = catalogue_dispatches
                  ) -> list[MissingForm]:
    """Every known dispatch's attached-but-absent forms that no template (built-in, draft or
    published) covers, newest dispatch first."""
    templates = [entry.template for entry in library.entries()]
    out: list[MissingForm] = []
    for so_hieu, path, date in dispatches():
        for found in _in_file(path):
            if not any(_covers(t, so_hieu, found.name) for t in templates):
                out.append(MissingForm(so_hieu, found.name, found.quote, date, path))
    return sorted(out, key=lambda m: m.date or dt.date.min, reverse=True)
