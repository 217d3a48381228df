"""Where baocao keeps its data: one directory, overridable by ``BAOCAO_DATA_DIR``.

Layout under the data directory:
    index/       ChromaDB persistent store and the BM25 side of the knowledge base
    baocao.db    SQLite database (unless ``DATABASE_URL`` points elsewhere)
    documents/   generated .docx files, one sub-folder per user
    uploads/     dispatch files sent by admins
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir


def data_dir() -> Path:
    """Return the data directory, creating it if needed."""
    configured = os.environ.get("BAOCAO_DATA_DIR")
    path = Path(configured).expanduser() if configured else Path(user_data_dir("baocao", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def sub_dir(name: str) -> Path:
    """Return a named sub-directory of the data directory, creating it if needed."""
    path = data_dir() / name
    path.mkdir(parents=True, exist_ok=True)
    return path
