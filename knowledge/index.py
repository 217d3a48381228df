"""The hybrid index: ChromaDB (dense, persistent) + bm25s (lexical, rebuilt in memory at open).

Layout under ``<data dir>/index``:
    chroma/          ChromaDB PersistentClient store, one collection of chunks
    manifest.json    embedder name and, per document, its content hash and chunk count
    docs/<key>.json  the document's text and parsed metadata (so a rebuild never needs the original file)

Why: content hashes make re-ingesting unchanged files free; storing the embedder's name lets an
index built with another embedder be detected and rebuilt instead of silently mixing vectors.
Writes go "add new, then delete old", so a failure never loses what was indexed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import math
import os
import re
import threading
from collections import Counter
from pathlib import Path

import bm25s
import numpy as np
from langchain_core.embeddings import Embeddings

from knowledge.dispatch_catalogue import Catalogue
from knowledge.chunking import Chunk, chunk_document
from knowledge.dispatch import Dispatch
from knowledge.metadata import _DEADLINE_RE, _EMAIL_RE, _PHONE_RE, parse_dispatch
from knowledge.query import Query, embedding_text, templates_in
from knowledge.ranking import Hit, StoredChunk, boosts, fuse, squeeze
from knowledge.spelling import SyllableSpeller, vietnamese_syllable_test
from knowledge.text import bm25_tokens

log = logging.getLogger(__name__)

COLLECTION = "baocao_chunks"
QUERY_CACHE = 4096  # question (and reply) embeddings kept, as float32: 1.5 kB each
SCHEMA_VERSION = 28  # bump when chunking/metadata changes so stored indexes are rebuilt


def content_hash(text: str) -> str:
    """sha256 of the text (what decides "unchanged")."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _safe_key(key: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", key)


def chroma_client(path: Path):  # -> chromadb client
    """``CHROMA_URL`` (e.g. http://127.0.0.1:8000, a ``chroma run`` server shared by the bot's workers) gives
    an HTTP client; otherwise the embedded store at ``path``. Telemetry is off both ways."""
    import chromadb
    from chromadb.config import Settings
    from urllib.parse import urlsplit

    settings = Settings(anonymized_telemetry=False, allow_reset=False)
    url = os.environ.get("CHROMA_URL", "").strip()
    if not url:
        return chromadb.PersistentClient(path=str(path), settings=settings)
    parts = urlsplit(url if "//" in url else f"http://{url}")
    https = parts.scheme == "https"
    return chromadb.HttpClient(host=parts.hostname or "127.0.0.1", port=parts.port or (443 if https else 8000),
                               ssl=https, settings=settings)


class HybridIndex:
    """Persistent dense + lexical index over dispatch chunks."""

    def __init__(self, root: Path, embedder: Embeddings, embedder_id: str) -> None:
        self.root = Path(root)
        self.docs_dir = self.root / "docs"
        self.docs_dir.mkdir(parents=True, exist_ok=True)
        self.embedder = embedder
        self.embedder_id = embedder_id
        self.embedded_texts = 0  # how many passages this process sent to the embedder
        self.messages: list[str] = []
        self._lock = threading.RLock()
        self._vectors: dict[str, np.ndarray] = {}  # question text → embedding (see _query_vector)
        self._texts: dict[str, np.ndarray] = {}  # reply text → embedding (see similarity)
        self._client = chroma_client(self.root / "chroma")
        self.manifest = self._read_manifest()
        stored_embedder = self.manifest.get("embedder")
        stale = stored_embedder is not None and (
            stored_embedder != embedder_id or self.manifest.get("schema") != SCHEMA_VERSION
        )
        if stale:
            reason = (
                f"built with embedder {stored_embedder!r}, now {embedder_id!r}"
                if stored_embedder != embedder_id
                else "built by an older version of the chunker"
            )
            msg = f"Index {reason}: rebuilding it from the stored documents."
            log.warning(msg)
            self.messages.append(msg)
            self._rebuild()
        else:
            self.collection = self._collection()
        self.manifest["embedder"] = embedder_id
        self.manifest["schema"] = SCHEMA_VERSION
        self._write_manifest()
        self._load()

    # --- persistence -------------------------------------------------------------------------

    def _collection(self):
        return self._client.get_or_create_collection(
            COLLECTION, metadata={"hnsw:space": "cosine", "embedder": self.embedder_id}, embedding_function=None
        )

    def _read_manifest(self) -> dict:
        path = self.root / "manifest.json"
        if path.exists():
            try:
                return json.loads(path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError):
                log.warning("Index manifest unreadable; it will be rebuilt from stored documents.")
                return {"embedder": "?", "docs": self._docs_from_files()}
        return {"docs": {}}

    def _docs_from_files(self) -> dict:
        docs = {}
        for path in self.docs_dir.glob("*.json"):
            data = json.loads(path.read_text(encoding="utf-8"))
            docs[data["key"]] = {"hash": data["hash"], "file": path.name, "chunks": 0}
        return docs

    def _write_manifest(self) -> None:
        path = self.root / "manifest.json"
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, path)

    def _rebuild(self) -> None:
        try:
            self._client.delete_collection(COLLECTION)
        except Exception:  # the collection may not exist
            pass
        self.collection = self._collection()
        docs = self.manifest.get("docs", {})
        self.manifest["docs"] = {}
        for key, entry in docs.items():
            stored = self.docs_dir / entry["file"]
            if not stored.exists():
                continue
            data = json.loads(stored.read_text(encoding="utf-8"))
            previous = Dispatch.from_json(data["dispatch"])  # re-parsed: the rules may have changed
            dispatch = parse_dispatch(data["text"], source_path=previous.source_path, fallback_id=key)
            self._add_document(dispatch.so_hieu, data["text"], dispatch)

    # --- writing -----------------------------------------------------------------------------

    def has_hash(self, digest: str) -> str | None:
        """The key of a stored document with this content hash, if any."""
        for key, entry in self.manifest.get("docs", {}).items():
            if entry["hash"] == digest:
                return key
        return None

    def add(self, text: str, source_path: str, fallback_id: str) -> tuple[str, bool]:
        """Index one document; returns (key, changed). Unchanged content embeds nothing."""
        with self._lock:
            digest = content_hash(text)
            existing = self.has_hash(digest)
            if existing:
                return existing, False
            dispatch = parse_dispatch(text, source_path=source_path, fallback_id=fallback_id)
            key = dispatch.so_hieu
            self._add_document(key, text, dispatch)
            self._write_manifest()
            self._load()
            return key, True

    def _add_document(self, key: str, text: str, dispatch: Dispatch) -> None:
        digest = content_hash(text)
        chunks = chunk_document(text, dispatch)
        if not chunks:
            raise ValueError("document produced no passages")
        vectors = self.embedder.embed_documents([c.index_text() for c in chunks])
        self.embedded_texts += len(chunks)
        prefix = digest[:16]
        ids = [f"{prefix}-{i:04d}" for i in range(len(chunks))]
        metas = [
            {
                "doc_key": key,
                "doc_hash": digest,
                "dispatch": c.dispatch,
                "date": dispatch.date.isoformat() if dispatch.date else "",
                "section": c.section,
                "citation": c.citation,
                "context": c.context,
                "topic": c.topic,
                "templates": "|".join(c.templates),
                "is_table": c.is_table,
                "order": i,
            }
            for i, c in enumerate(chunks)
        ]
        file_name = _safe_key(key) + ".json"
        (self.docs_dir / file_name).write_text(
            json.dumps({"key": key, "hash": digest, "text": text, "dispatch": dispatch.to_json()}, ensure_ascii=False),
            encoding="utf-8",
        )
        self.collection.upsert(ids=ids, embeddings=vectors, documents=[c.text for c in chunks], metadatas=metas)
        # New chunks are in; only now drop the previous version's.
        self.collection.delete(where={"$and": [{"doc_key": key}, {"doc_hash": {"$ne": digest}}]})
        self.manifest.setdefault("docs", {})[key] = {"hash": digest, "file": file_name, "chunks": len(chunks)}

    # --- loading -----------------------------------------------------------------------------

    def _load(self) -> None:
        """(Re)build the in-memory side: chunk list, dispatches, BM25, re-accenting table."""
        self.dispatches: dict[str, Dispatch] = {}
        for key, entry in self.manifest.get("docs", {}).items():
            stored = self.docs_dir / entry["file"]
            if stored.exists():
                data = json.loads(stored.read_text(encoding="utf-8"))
                self.dispatches[key] = Dispatch.from_json(data["dispatch"])
        got = self.collection.get(include=["documents", "metadatas"])
        rows = sorted(
            zip(got["ids"], got["documents"], got["metadatas"]),
            key=lambda r: (r[2]["doc_key"], r[2]["order"]),
        )
        self.chunks: list[StoredChunk] = []
        for cid, text, meta in rows:
            dispatch = self.dispatches.get(meta["doc_key"])
            chunk = Chunk(
                dispatch=meta["dispatch"],
                section=meta["section"],
                citation=meta["citation"],
                text=text,
                templates=[t for t in meta["templates"].split("|") if t],
                is_table=bool(meta["is_table"]),
                context=meta.get("context", ""),
                topic=meta.get("topic", ""),
            )
            signer = dispatch.signer if dispatch else None
            self.chunks.append(
                StoredChunk(
                    id=cid,
                    doc_key=meta["doc_key"],
                    chunk=chunk,
                    date=dt.date.fromisoformat(meta["date"]) if meta["date"] else None,
                    has_deadline=bool(_DEADLINE_RE.search(re.sub(r"\s+", " ", text))),
                    has_contact=bool(_EMAIL_RE.search(text) or _PHONE_RE.search(text)),
                    has_signer=bool(signer and signer in text),
                    template_keys=frozenset(k for t in chunk.templates for k in templates_in(t)),
                )
            )
        self.position = {c.id: i for i, c in enumerate(self.chunks)}
        self.catalogue = Catalogue(self.dispatches.values())
        self.numbers: dict[str, str] = self.catalogue.numbers()
        self.bm25 = None
        if self.chunks:
            self.bm25 = bm25s.BM25(k1=1.2, b=0.75)
            self.bm25.index([bm25_tokens(c.chunk.index_text()) for c in self.chunks], show_progress=False)
        texts = [c.chunk.index_text() for c in self.chunks]
        self.speller = SyllableSpeller(texts, vietnamese_syllable_test())
        self._restorer = None  # built on first use (loads the diacritics model)
        df: Counter[str] = Counter()
        for text in texts:
            df.update(set(bm25_tokens(text)))
        n = max(len(texts), 1)
        self.idf = {tok: math.log(1 + (n - c + 0.5) / (c + 0.5)) for tok, c in df.items()}
        self.max_idf = math.log(1 + (n + 0.5) / 0.5)
        self._squeezed = [squeeze(c.chunk.text) for c in self.chunks]
        self._doc_texts: dict[str, str] = {}

    def restore(self, text: str) -> str:
        """``text`` with diacritics restored, the indexed passages as context (see :mod:`vntext.diacritics`)."""
        if self._restorer is None:
            from vntext.diacritics import Restorer

            self._restorer = Restorer(context=[c.chunk.index_text() for c in self.chunks])
            self._restored: dict[str, str] = {}
        if text not in self._restored:
            if len(self._restored) > 1000:
                self._restored.clear()
            self._restored[text] = self._restorer.restore(text)
        return self._restored[text]

    def document_text(self, key: str) -> str:
        """The stored full text of a document (as ingested), or empty."""
        if key not in self._doc_texts:
            entry = self.manifest.get("docs", {}).get(key)
            stored = self.docs_dir / entry["file"] if entry else None
            text = ""
            if stored is not None and stored.exists():
                text = json.loads(stored.read_text(encoding="utf-8")).get("text", "")
            self._doc_texts[key] = text
        return self._doc_texts[key]

    def locate(self, doc_key: str, snippets: list[str]) -> StoredChunk | None:
        """The chunk of ``doc_key`` that contains most of ``snippets`` (first in document order on ties).

        Comparison ignores diacritics, case, markup, spacing and punctuation, so a sentence taken
        from the metadata parser is found in the chunk it was cut from.
        """
        keys = [k for k in (squeeze(s) for s in snippets) if k]
        best, best_hits = None, 0
        for i, c in enumerate(self.chunks):
            if c.doc_key != doc_key:
                continue
            hits = sum(k in self._squeezed[i] for k in keys)
            if hits > best_hits:
                best, best_hits = c, hits
        return best

    # --- searching -----------------------------------------------------------------------------

    def dense_scores(self, text: str) -> np.ndarray:
        """Cosine similarity of every chunk to ``text`` (0 for chunks outside Chroma's top candidates)."""
        scores = np.zeros(len(self.chunks), dtype=np.float32)
        if not self.chunks:
            return scores
        vector = self._query_vector(text)
        n = min(len(self.chunks), 64)
        res = self.collection.query(query_embeddings=[vector.tolist()], n_results=n, include=["distances"])
        for cid, dist in zip(res["ids"][0], res["distances"][0]):
            pos = self.position.get(cid)
            if pos is not None:
                scores[pos] = 1.0 - float(dist)
        return scores

    def _query_vector(self, text: str) -> np.ndarray:
        """The embedding of a question's text, cached: officials ask the same questions again, and the
        embedder is most of a warm question's time."""
        text = embedding_text(text)
        return self._cached(self._vectors, text, lambda: self.embedder.embed_query(text))

    def similarity(self, question: str, text: str) -> float:
        """Cosine of a question and one text (a reply), both embedded; the text's vector cached too."""
        q = self._query_vector(question)
        vector = self._cached(self._texts, text, lambda: self.embedder.embed_documents([text])[0])
        return float(q @ vector / (np.linalg.norm(q) * np.linalg.norm(vector) or 1.0))

    def _cached(self, cache: dict, key: str, compute):
        """``cache[key]``, computed outside the lock when missing; the most recent ``QUERY_CACHE`` kept."""
        with self._lock:
            value = cache.pop(key, None)
        if value is None:
            value = np.asarray(compute(), dtype=np.float32)
        with self._lock:
            cache[key] = value  # most recent last
            while len(cache) > QUERY_CACHE:
                cache.pop(next(iter(cache)))
        return value

    def lexical_scores(self, text: str) -> np.ndarray:
        """BM25 scores of every chunk for ``text`` (folded syllables + bigrams)."""
        if self.bm25 is None:
            return np.zeros(0, dtype=np.float32)
        vocab = self.bm25.vocab_dict
        tokens = [t for t in bm25_tokens(text) if t in vocab]
        if not tokens:
            return np.zeros(len(self.chunks), dtype=np.float32)
        return np.asarray(self.bm25.get_scores(tokens), dtype=np.float32)

    def search(self, query: Query, k: int = 5) -> list[Hit]:
        """Fused ranking, best first; ``agreement`` on each hit says whether the best dense and the best
        lexical passage are the same one."""
        if not self.chunks:
            return []
        dense = self.dense_scores(query.dense)
        lexical = self.lexical_scores(query.lexical)
        fused = fuse(dense, lexical)
        fused += boosts(self.chunks, self._squeezed, query)
        order = np.argsort(-fused, kind="stable")[:k]
        agree = bool(lexical.size and int(np.argmax(dense)) == int(np.argmax(lexical)))
        top_lexical = float(lexical.max()) if lexical.size else 0.0
        return [Hit(self.chunks[i], float(fused[i]), float(dense[i]), float(lexical[i]), float(dense.max()), top_lexical,
                    agree) for i in order]
