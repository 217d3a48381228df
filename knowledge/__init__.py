"""Knowledge base of official dispatches: ingest, metadata, hybrid retrieval, cited answers."""

from knowledge.base import Answer, IngestReport, KnowledgeBase, Passage
from knowledge.metadata import Deadline, Dispatch

__all__ = ["Answer", "Deadline", "Dispatch", "IngestReport", "KnowledgeBase", "Passage"]
