"""The knowledge base the bot and the CLI use: open once, then ask / search / ingest.

``KnowledgeBase.open()`` builds the index from the bundled corpus on first use and reuses it
afterwards (only changed corpus files are re-embedded).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from knowledge import answer as answers
from knowledge.embeddings import embedder_name, embedder_spec, make_embedder
from knowledge.index import HybridIndex
from knowledge.loaders import LoadError, collect, read_text
from knowledge.metadata import Dispatch
from knowledge.query import Query, QuestionError, understand
from knowledge.summary import extract_requests
from knowledge.text import fold

log = logging.getLogger(__name__)

CORPUS_DIR = Path(__file__).with_name("corpus")

# Evidence thresholds (see benchmarks/retrieval.py for how they behave on held-out questions).
MIN_COVERAGE = 0.5
MIN_DENSE = 0.83


@dataclass
class Passage:
    """A retrieved passage."""

    dispatch: str
    date: dt.date | None
    section: str
    text: str
    score: float
    citation: str = ""

    def to_json(self) -> dict:
        return {
            "dispatch": self.dispatch,
            "date": self.date.isoformat() if self.date else None,
            "section": self.section,
            "text": self.text,
            "score": round(self.score, 4),
        }


@dataclass
class Answer:
    """The reply to a question: Vietnamese text with its citation, the passages, and whether we are sure."""

    text: str
    passages: list[Passage] = field(default_factory=list)
    confident: bool = False
    dispatch: str | None = None

    def to_json(self) -> dict:
        return {"answer": self.text, "passages": [p.to_json() for p in self.passages]}


@dataclass
class IngestReport:
    """What an ingest did: documents added (số hiệu), unchanged, and per-file errors in Vietnamese."""

    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[tuple[Path, str]] = field(default_factory=list)


class KnowledgeBase:
    """Dispatch knowledge base: hybrid retrieval with cited, extractive (or LLM-rephrased) answers."""

    def __init__(self, index: HybridIndex, llm: Any | None = None) -> None:
        self.index = index
        self.llm = llm
        self._lock = threading.RLock()

    @classmethod
    def open(
        cls,
        data_dir: Path | None = None,
        *,
        embedder: Any | None = None,
        llm: Any | None = None,
        corpus_dir: Path | None = CORPUS_DIR,
    ) -> "KnowledgeBase":
        """Open (or build) the index under ``data_dir/index`` (default: the baocao data dir)."""
        if data_dir is None:
            from storage.paths import sub_dir

            root = sub_dir("index")
        else:
            root = Path(data_dir) / "index"
            root.mkdir(parents=True, exist_ok=True)
        if embedder is None:
            embedder = make_embedder(embedder_spec())
        index = HybridIndex(root, embedder, embedder_name(embedder))
        kb = cls(index, llm=llm if llm is not None else answers.make_llm())
        if corpus_dir is not None and Path(corpus_dir).is_dir():
            report = kb.ingest([Path(corpus_dir)])
            for path, message in report.errors:
                log.error("Bundled corpus file %s not indexed: %s", path, message)
        return kb

    @property
    def messages(self) -> list[str]:
        """Operator messages from opening the index (e.g. a rebuild after an embedder change)."""
        return self.index.messages

    # --- documents -----------------------------------------------------------------------------

    def ingest(self, paths: list[Path]) -> IngestReport:
        """Add files or folders (.txt, .md, .docx, .pdf). Bad files are reported; nothing indexed is lost."""
        report = IngestReport()
        for path in collect([Path(p) for p in paths]):
            try:
                text = read_text(path)
                key, changed = self.index.add(text, source_path=str(path), fallback_id=path.stem)
            except LoadError as exc:
                report.errors.append((path, str(exc)))
                continue
            except Exception as exc:  # an unexpected failure must not lose the rest of the batch
                log.exception("Ingest of %s failed", path)
                report.errors.append((path, f"Không thêm được tệp “{path.name}”: lỗi khi xử lý ({type(exc).__name__})."))
                continue
            (report.added if changed else report.unchanged).append(key)
        return report

    def dispatches(self) -> list[Dispatch]:
        """All dispatches, newest first."""
        return sorted(self.index.dispatches.values(), key=lambda d: (d.date or dt.date.min), reverse=True)

    def dispatch(self, ref: str) -> Dispatch | None:
        """Resolve "232", "cv 232", "232/BTTTT-KHTC" or an alias such as "224/BTTT-KHTC"."""
        folded = re.sub(r"\s+", "", fold(ref or ""))
        for d in self.index.dispatches.values():
            if folded in {re.sub(r"\s+", "", fold(n)) for n in [d.so_hieu, *d.aliases]}:
                return d
        m = re.search(r"(\d{1,5})", folded)
        if m and m.group(1) in self.index.numbers:
            return self.index.dispatches.get(self.index.numbers[m.group(1)])
        return None

    # --- questions -------------------------------------------------------------------------------

    def understand(self, question: str, *, dispatch: str | None = None) -> Query:
        """Query understanding against this index's dispatches (raises QuestionError).

        ``dispatch`` is the one the user is working on (e.g. "1181/BTTTT-THH" while filling its
        Mẫu 2); it becomes the query's context only if the question names no dispatch or form.
        """
        query = understand(question, self.index.numbers, self.index.reaccent)
        if dispatch and not query.dispatch_numbers and not query.templates:
            found = self.dispatch(dispatch)
            if found is not None:
                query.context_dispatch = found.so_hieu
            else:
                log.debug("Context dispatch %r is not in the index; ignored", dispatch)
        return query

    def search(self, question: str, k: int = 5, *, dispatch: str | None = None) -> list[Passage]:
        """The k best passages for ``question``, best first (passages of the context ``dispatch``
        preferred). Raises QuestionError for empty/overlong input."""
        return self._search(self.understand(question, dispatch=dispatch), k)[0]

    def _search(self, query: Query, k: int) -> tuple[list[Passage], float]:
        with self._lock:
            hits = self.index.search(query, k=max(k, 1))
        passages = [
            Passage(c.chunk.dispatch, c.date, c.chunk.section, c.chunk.text, score, c.chunk.citation)
            for c, score, _ in hits
        ]
        top_dense = hits[0][2] if hits else 0.0
        return passages, top_dense

    def _locate(self, d: Dispatch, snippets: list[str]) -> str | None:
        """The citation label of the passage of ``d`` that holds ``snippets``."""
        found = self.index.locate(d.so_hieu, snippets)
        return found.chunk.citation or found.chunk.section if found else None

    def ask(self, question: str, k: int = 5, *, dispatch: str | None = None) -> Answer:
        """Answer a question in Vietnamese with its citation (never raises on bad input).

        ``dispatch``: the số hiệu of the dispatch the user is working on; used when the question
        names none (its passages are preferred, metadata questions are answered for it).
        """
        try:
            query = self.understand(question, dispatch=dispatch)
        except QuestionError as exc:
            return Answer(text=str(exc), confident=False)
        passages, top_dense = self._search(query, max(k, 3))
        if not passages:
            return Answer("Kho tri thức chưa có công văn nào. Hãy thêm công văn bằng lệnh “baocao ingest”.", [], False)
        dispatches = self.index.dispatches
        best = passages[0]
        named = query.dispatch_numbers[0] if query.dispatch_numbers else None
        context = query.context_dispatch
        focus = answers.focus_terms(query)
        # The context decides unless the question says more and that points to another dispatch
        # even though the context's passages were preferred.
        if context and focus and best.dispatch != context:
            context = None
        target = named or context or best.dispatch
        metadata_intents = [i for i in query.intents if i != "summary"]
        coverage = answers.content_coverage(query, best.section + " " + best.text)
        confident = bool(named or query.templates) or (coverage >= MIN_COVERAGE and top_dense >= MIN_DENSE)
        passages = passages[:k] if k > 0 else passages
        d = dispatches.get(target)

        # "Công văn 1064 yêu cầu gì?": the subject and the requested actions.
        if "summary" in query.intents and (named or context) and not query.templates and len(focus) <= 1 and d:
            requests = extract_requests(self.index.document_text(d.so_hieu))
            text = answers.summary_answer(d, requests, query, self._locate)
            return Answer(text, passages, True, dispatch=d.so_hieu)
        # "Hạn nộp báo cáo khi nào?" with no dispatch named or in context: every dispatch's deadline.
        if "deadline" in query.intents and not named and not query.context_dispatch and not query.templates and (
            not confident or not focus
        ):
            text = answers.deadline_overview(query, self.dispatches(), self._locate)
            if text:
                return Answer(text, passages, True, dispatch=None)
        if context and metadata_intents and d:
            confident = True
        if not confident:
            return Answer(answers.not_sure(passages, dispatches), passages, False)
        for intent in metadata_intents:
            text = answers.metadata_answer(intent, d, query, self._locate) if d else None
            if text:
                return Answer(text, passages, True, dispatch=target)
        draft = answers.extractive(query, passages, dispatches)
        if self.llm is not None:
            cite = answers.citation(best, dispatches.get(best.dispatch))
            rephrased = answers.llm_rephrase(self.llm, query.text, passages, draft, cite)
            if rephrased:
                return Answer(rephrased, passages, True, dispatch=best.dispatch)
        return Answer(draft, passages, True, dispatch=best.dispatch)
