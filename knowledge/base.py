"""The knowledge base the bot and the CLI use: open once, then ask / search / ingest.

``KnowledgeBase.open()`` builds the index from the bundled corpus on first use and reuses it
afterwards (only changed corpus files are re-embedded).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from knowledge.answer import citation
from knowledge.asking import passage_of, respond
from knowledge.dispatch_catalogue import CORPUS_DIR, Catalogue, default_data_dir
from knowledge.dispatch import Dispatch
from knowledge.form_choice import names_code, written_with_code
from knowledge.embeddings import embedder_name, embedder_spec, make_embedder
from knowledge.index import HybridIndex
from knowledge.llm import llm_rephrase, make_llm
from knowledge.loaders import LoadError, collect, read_text
from knowledge.query import Query, QuestionError, template_key, templates_in, understand
from knowledge.results import Answer, Passage

log = logging.getLogger(__name__)


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
        root = Path(data_dir if data_dir is not None else default_data_dir()) / "index"
        root.mkdir(parents=True, exist_ok=True)
        if embedder is None:
            embedder = make_embedder(embedder_spec())
        index = HybridIndex(root, embedder, embedder_name(embedder))
        kb = cls(index, llm=llm if llm is not None else make_llm())
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

    def catalogue(self) -> Catalogue:
        """The indexed dispatches (see :mod:`knowledge.dispatch_catalogue`)."""
        return self.index.catalogue

    def dispatches(self) -> list[Dispatch]:
        """All dispatches, newest first."""
        return self.index.catalogue.all()

    def dispatch(self, ref: str) -> Dispatch | None:
        """Resolve "232", "cv 232", "232/BTTTT-KHTC" or an alias such as "224/BTTT-KHTC"."""
        return self.index.catalogue.lookup(ref)

    # --- questions -------------------------------------------------------------------------------

    def understand(self, question: str, *, dispatch: str | None = None) -> Query:
        """Query understanding against this index's dispatches (raises QuestionError).

        ``dispatch`` is the one the user is working on (e.g. "1181/BTTTT-THH" while filling its
        Mẫu 2); it becomes the query's context only if the question names no dispatch. A form the
        question names ("Biểu số 01") is resolved to the context's dispatch when it has that form,
        else to the most recent dispatch that has it (the others are kept to be mentioned).
        """
        index = self.index
        query = understand(question, index.catalogue.numbers_for(question), index.speller, index.restore)
        if query.dispatch_numbers:  # "công văn 2871" when two dispatches are numbered 2871: noted in the answer
            query.number_others = index.catalogue.sharing(question, query.dispatch_numbers[0])
        if dispatch and not query.dispatch_numbers:
            found = self.dispatch(dispatch)
            if found is not None:
                query.context_dispatch = found.so_hieu
            else:
                log.debug("Context dispatch %r is not in the index; ignored", dispatch)
        if query.templates:
            kind, number = query.templates[0]
            found = index.catalogue.with_template(f"{kind} {number}")
            having = [d.so_hieu for d in found]
            # A form named with its code ("Biểu 01/BCKH") is that dispatch's form.
            exact = [d.so_hieu for d in found if any(names_code(question, t) for t in d.templates)]
            if not exact:  # a coded form no dispatch prints, which one names in its body ("theo Biểu số 02/TCMR")
                exact = written_with_code(index, question, (kind, number))
                having += [s for s in exact if s not in having]
            # Then a form named with the same word ("Mẫu 1" before another dispatch's "Biểu 01").
            word = template_key(question, exact=True)
            same = [d.so_hieu for d in found if any(word in templates_in(t, exact=True) for t in d.templates)]
            preferred = [s for s in (*query.dispatch_numbers, query.context_dispatch, *exact, *same) if s in having]
            if having:
                query.template_dispatch = preferred[0] if preferred else having[0]
                query.template_others = [] if exact else [s for s in having if s != query.template_dispatch]
        return query

    def search(self, question: str, k: int = 5, *, dispatch: str | None = None) -> list[Passage]:
        """The k best passages for ``question``, best first (passages of the context ``dispatch``
        preferred). Raises QuestionError for empty/overlong input."""
        query = self.understand(question, dispatch=dispatch)
        with self._lock:
            hits = self.index.search(query, k=max(k, 1))
        return [passage_of(h.chunk, h.fused) for h in hits]

    def ask(self, question: str, k: int = 5, *, dispatch: str | None = None) -> Answer:
        """Answer a question in Vietnamese with its citation (never raises on bad input).

        ``dispatch``: the số hiệu of the dispatch the user is working on; used when the question
        names none (its passages are preferred, metadata questions are answered for it).
        """
        try:
            query = self.understand(question, dispatch=dispatch)
        except QuestionError as exc:
            return Answer(text=str(exc), confident=False)
        with self._lock:
            answer = respond(self.index, query, k)
        if answer.confident and self.llm is not None and answer.passages:
            cite = citation(answer.passages[0], self.index.dispatches.get(answer.passages[0].dispatch))
            rephrased = llm_rephrase(self.llm, query.text, answer.passages, answer.text, cite)
            if rephrased:
                answer.text = rephrased
        return answer
