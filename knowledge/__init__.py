"""Knowledge base of official dispatches: ingest, metadata, hybrid retrieval, cited answers.

``catalogue()`` lists the dispatches' metadata without loading the index or the embedder (and this
package imports the heavy retrieval stack only when ``KnowledgeBase`` is first used);
``KnowledgeBase.open()`` is the full search-and-answer engine.
"""

from __future__ import annotations

import importlib
from typing import Any

from knowledge.dispatch import Deadline, Dispatch
from knowledge.dispatch_catalogue import Catalogue, catalogue

__all__ = ["Answer", "Catalogue", "Deadline", "Dispatch", "IngestReport", "KnowledgeBase", "Passage", "catalogue"]

_LAZY = {"Answer", "IngestReport", "KnowledgeBase", "Passage"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module("knowledge.base"), name)
    raise AttributeError(f"module 'knowledge' has no attribute {name!r}")
