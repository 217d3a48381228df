"""The core's link to the knowledge base: questions, dispatch metadata, admin uploads.

The knowledge base is opened lazily (loading the embedder and index takes seconds) and only once;
``warm_up()`` opens it ahead of time. Dispatch metadata (deadlines, e-mails) comes from the
knowledge package's catalogue, which works without the index, so an export never waits for the embedder.
If the knowledge package is missing or broken, questions get a polite "not available" reply and
the failure is logged for operators; forms keep working.
"""

from __future__ import annotations

import inspect
import logging
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vntext.text import fold

log = logging.getLogger(__name__)


@dataclass
class IngestOutcome:
    """What happened to an uploaded dispatch file (counts, and error texts per file)."""

    added: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


def _open_default_kb() -> Any:
    from knowledge import KnowledgeBase  # imported here: heavy, and optional for the forms path

    return KnowledgeBase.open()


class KnowledgeLink:
    """Lazy, thread-safe access to a ``KnowledgeBase`` (or anything with ask/dispatch/ingest)."""

    def __init__(self, opener: Callable[[], Any] | None = _open_default_kb, kb: Any = None) -> None:
        self._opener = opener
        self._kb = kb
        self._failed = False
        self._lock = threading.Lock()

    def kb(self) -> Any | None:
        """The knowledge base, opened on first use; None if it cannot be opened."""
        if self._kb is not None or self._failed or self._opener is None:
            return self._kb
        with self._lock:
            if self._kb is None and not self._failed:
                try:
                    self._kb = self._opener()
                except Exception:
                    log.exception("Could not open the knowledge base; questions will not be answered")
                    self._failed = True
        return self._kb

    def warm_up(self) -> bool:
        """Open the knowledge base now; True if it is usable."""
        return self.kb() is not None

    def ask(self, question: str, dispatch: str | None = None) -> str | None:
        """The cited answer text, or None when the knowledge base is unavailable.

        ``dispatch`` ("1181/BTTTT-THH") is the context of a question asked during a form: "hạn nộp báo
        cáo này khi nào?" is about the form's own dispatch. A knowledge base whose ``ask`` takes
        ``dispatch=`` gets it as such; an older one gets the reference in words ("(công văn 1181)"),
        which its query understanding routes to that dispatch. A question naming a dispatch itself is
        left alone.
        """
        kb = self.kb()
        if kb is None:
            return None
        try:
            if dispatch and names_dispatch(question):
                dispatch = None  # "công văn 232 ..." asked while filling a 1181 form is about 232
            if dispatch and accepts_keyword(kb.ask, "dispatch"):
                answer = kb.ask(question, dispatch=dispatch)
            elif dispatch:
                answer = kb.ask(f"{question} (công văn {dispatch.split('/', 1)[0].strip()})")
            else:
                answer = kb.ask(question)
        except Exception:
            log.exception("The knowledge base failed on a question")
            return None
        return str(getattr(answer, "text", answer))

    def dispatch(self, ref: str) -> Any | None:
        """Dispatch metadata for "232" or "232/BTTTT-KHTC": from the open index, else the catalogue."""
        kb = self._kb  # never force the heavy open just for metadata
        if kb is not None:
            try:
                found = kb.dispatch(ref)
                if found is not None:
                    return found
            except Exception:
                log.exception("Dispatch lookup failed for %s", ref)
        try:
            from knowledge import catalogue
            from storage.paths import data_dir

            return catalogue(data_dir()).lookup(ref)
        except Exception:
            log.exception("The dispatch catalogue failed for %s", ref)
            return None

    def dispatches(self) -> list[Any]:
        """Every known dispatch's metadata (the catalogue of the data directory; [] when it fails)."""
        try:
            from knowledge import catalogue
            from storage.paths import data_dir

            return list(catalogue(data_dir()).all())
        except Exception:
            log.exception("The dispatch catalogue failed")
            return []

    def ingest(self, paths: Sequence[Path]) -> IngestOutcome | None:
        """Add files to the knowledge base; None when it is unavailable."""
        kb = self.kb()
        if kb is None:
            return None
        report = kb.ingest([str(p) for p in paths])
        errors = getattr(report, "errors", []) or []
        return IngestOutcome(
            added=_count(getattr(report, "added", 0)),
            unchanged=_count(getattr(report, "unchanged", 0)),
            errors=[str(e[-1]) if isinstance(e, (tuple, list)) else str(e) for e in errors],
        )


_DISPATCH_REF = re.compile(r"\b(cong van|cv|van ban)\s*(so\s*)?\d{2,5}\b|\b\d{2,5}\s*/\s*[a-z]{2,}")


def names_dispatch(question: str) -> bool:
    """True when the question names a dispatch itself ("công văn 232", "cv 1485", "1181/BTTTT-THH")."""
    return bool(_DISPATCH_REF.search(fold(question)))


def accepts_keyword(func: Callable[..., Any], name: str) -> bool:
    """Whether ``func`` takes the keyword argument ``name`` (or any keyword)."""
    try:
        params = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
        return False
    return any(p.name == name and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) or p.kind == p.VAR_KEYWORD
               for p in params)


def _count(value: Any) -> int:
    return len(value) if isinstance(value, (list, tuple, set)) else int(value or 0)
