"""The dispatch catalogue: every known dispatch's metadata, without the index or the embedder.

Why: the bot needs deadlines, e-mails, the signer or the attached forms of a dispatch (for an export,
a form's citation) long before — or without ever — loading the embedder. The catalogue reads the
bundled corpus (parsed here, a few milliseconds a file) and the metadata the index stored for each
ingested file (``<data dir>/index/docs/*.json``; nothing is re-parsed). ``KnowledgeBase`` resolves
references through the same class, so "232", "cv 232", "232/BTTTT-KHTC" and OCR aliases resolve the
same way everywhere.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from knowledge.dispatch import Dispatch
from knowledge.text import fold

log = logging.getLogger(__name__)

CORPUS_DIR = Path(__file__).with_name("corpus")


def default_data_dir() -> Path:
    """``BAOCAO_DATA_DIR`` or the platform's user data directory for baocao (same rule as storage)."""
    configured = os.environ.get("BAOCAO_DATA_DIR")
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("baocao", appauthor=False))


def _squash(text: str) -> str:
    return re.sub(r"[\s.]+", "", fold(text or ""))


def _newest_first(d: Dispatch) -> tuple[dt.date, str]:
    return (d.date or dt.date.min, d.so_hieu)


class Catalogue:
    """Dispatches by số hiệu, newest first; ``lookup`` resolves the ways people name them."""

    def __init__(self, dispatches: Iterable[Dispatch]) -> None:
        by_key: dict[str, Dispatch] = {}
        for d in dispatches:
            by_key.setdefault(d.so_hieu, d)
        self._items = sorted(by_key.values(), key=_newest_first, reverse=True)
        self._names: dict[str, Dispatch] = {}
        self._numbers: dict[str, list[Dispatch]] = {}
        for d in self._items:  # newest first: the first one seen wins a shared name
            for name in [d.so_hieu, *d.aliases]:
                self._names.setdefault(_squash(name), d)
                number = name.split("/", 1)[0].strip()
                if number.isdigit() and d not in self._numbers.get(number, []):
                    self._numbers.setdefault(number, []).append(d)

    @classmethod
    def load(cls, data_dir: Path | None = None, corpus_dir: Path | None = CORPUS_DIR) -> "Catalogue":
        """The bundled corpus plus every dispatch ingested under ``data_dir`` (default: the data dir)."""
        from knowledge.metadata import parse_dispatch  # parsing rules; the catalogue itself is just lookups

        found: list[Dispatch] = []
        docs = Path(data_dir if data_dir is not None else default_data_dir()) / "index" / "docs"
        if docs.is_dir():
            for path in sorted(docs.glob("*.json")):
                try:
                    found.append(Dispatch.from_json(json.loads(path.read_text(encoding="utf-8"))["dispatch"]))
                except (OSError, ValueError, KeyError, TypeError):
                    log.warning("Stored dispatch metadata %s is unreadable; skipped", path.name)
        known = {d.so_hieu for d in found}
        if corpus_dir is not None and Path(corpus_dir).is_dir():
            for path in sorted(Path(corpus_dir).glob("*.txt")):
                d = parse_dispatch(path.read_text(encoding="utf-8"), source_path=str(path), fallback_id=path.stem)
                if d.so_hieu not in known:
                    found.append(d)
        return cls(found)

    def __iter__(self) -> Iterator[Dispatch]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def all(self) -> list[Dispatch]:
        """Every dispatch, newest first."""
        return list(self._items)

    def get(self, so_hieu: str) -> Dispatch | None:
        """The dispatch with exactly this số hiệu."""
        return next((d for d in self._items if d.so_hieu == so_hieu), None)

    def candidates(self, ref: str) -> list[Dispatch]:
        """Every dispatch ``ref`` may name, newest first ("232", "cv 232", "232/BTTTT-KHTC", an alias)."""
        key = _squash(ref)
        if not key:
            return []
        if key in self._names:
            return [self._names[key]]
        m = re.search(r"(\d{1,5})", key)
        return list(self._numbers.get(m.group(1), [])) if m else []

    def lookup(self, ref: str) -> Dispatch | None:
        """The dispatch ``ref`` names; when a bare number fits several, the most recent."""
        found = self.candidates(ref)
        return found[0] if found else None

    def numbers(self) -> dict[str, str]:
        """Dispatch number (incl. alias numbers) → số hiệu of the most recent dispatch with it."""
        return {n: ds[0].so_hieu for n, ds in self._numbers.items()}

    def numbers_for(self, question: str) -> dict[str, str]:
        """:meth:`numbers` for one question. A number several dispatches share (numbers restart each year and at
        each agency: "2871/SNV-CCVC", "2871/SYT-NVY") maps to the one whose code the question writes after it
        ("2871/SYT-NVY", "cv 2871 syt"); failing that, to the one whose issuer and subject share most of the
        question's words ("cv 2871 của Sở Y tế về tiêm chủng"); failing that, to the most recent."""
        numbers = self.numbers()
        folded = fold(question)
        for number, ds in self._numbers.items():
            if len(ds) < 2:
                continue
            after = _after_number(folded, number)
            if not after:
                continue
            words = set(re.findall(r"[a-z]+", folded))

            def fit(d: Dispatch) -> tuple[int, int]:
                parts = [re.sub(r"[^a-z0-9]+", "", fold(part)) for part in re.split(r"[/-]", d.so_hieu)[1:]]
                code = max(sum(1 for _ in _prefix_parts(parts, tail)) for tail in after)
                return code, len(words & set(re.findall(r"[a-z]+", fold(f"{d.issuer} {d.subject}"))))

            best = max(ds, key=fit)  # the first, the most recent, on ties
            numbers[number] = best.so_hieu
        return numbers

    def sharing(self, question: str, so_hieu: str) -> list[str]:
        """The other dispatches numbered as ``so_hieu`` when the question writes that number without the code that
        tells them apart ("công văn 2871" of "2871/SNV-CCVC" and "2871/SYT-NVY"), newest first; else []."""
        number = so_hieu.split("/", 1)[0]
        ds = self._numbers.get(number, [])
        parts = [re.sub(r"[^a-z0-9]+", "", fold(p)) for p in re.split(r"[/-]", so_hieu)[1:]]
        if len(ds) < 2 or any(parts and tail.startswith(parts[0]) for tail in _after_number(fold(question), number)):
            return []
        return [d.so_hieu for d in ds if d.so_hieu != so_hieu]

    def with_template(self, name: str) -> list[Dispatch]:
        """Dispatches that attach a form of this name ("Biểu số 01", "mẫu 2"), newest first."""
        from knowledge.query import template_key, templates_in

        wanted = template_key(name)
        if wanted is None:
            return []
        return [d for d in self._items if any(wanted in templates_in(t) for t in d.templates)]


def _after_number(folded: str, number: str) -> list[str]:
    """What a (folded) question writes after each mention of ``number``, squashed ("2871/SYT-NVY …" → "sytnvy…")."""
    return [re.sub(r"[^a-z0-9]+", "", folded[m.end():m.end() + 30])
            for m in re.finditer(rf"(?<![\d/.,]){number}(?!\d)", folded)]


def _prefix_parts(parts: list[str], tail: str) -> Iterator[str]:
    """The code's parts ("syt", "nvy") that ``tail`` (squashed) begins with, in order."""
    for part in parts:
        if not part or not tail.startswith(part):
            return
        tail = tail[len(part):]
        yield part


_CACHE: dict[tuple[str, float], Catalogue] = {}


def catalogue(data_dir: Path | None = None) -> Catalogue:
    """The catalogue of ``data_dir`` (default: the data dir), re-read only when the index changed."""
    root = Path(data_dir if data_dir is not None else default_data_dir())
    manifest = root / "index" / "manifest.json"
    stamp = manifest.stat().st_mtime if manifest.exists() else 0.0
    key = (str(root.resolve()), stamp)
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = Catalogue.load(root)
    return _CACHE[key]
