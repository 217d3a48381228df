"""The bundled corpus indexed once per test process, shared by every test that needs a knowledge base.

:func:`built_dir` builds the index the first time it is called and returns the same directory after
that; the session fixtures in ``tests/conftest.py`` (``built_index_dir``, ``knowledge_base``) and
``tests.fake_telegram.shared_knowledge_base`` all come from it. Tests that write to an index copy
the built directory first (:func:`copy_index`), so the dispatches are embedded only once.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from pathlib import Path

import pytest

_BUILT: Path | None = None
_LOCK = threading.Lock()


def built_dir(base: Path | None = None) -> Path:
    """The data directory whose index holds the bundled corpus; built on first call (in ``base``)."""
    global _BUILT
    with _LOCK:
        if _BUILT is None:
            from knowledge import KnowledgeBase

            target = Path(base) if base is not None else Path(tempfile.mkdtemp(prefix="baocao-test-kb-"))
            with pytest.MonkeyPatch.context() as mp:
                mp.setenv("HF_HUB_OFFLINE", "1")
                mp.delenv("BAOCAO_LLM", raising=False)
                mp.delenv("BAOCAO_EMBEDDER", raising=False)
                KnowledgeBase.open(target)
            _BUILT = target
        return _BUILT


@pytest.fixture(scope="session")
def built_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory whose index holds the bundled corpus (built once per process; do not write to it)."""
    return built_dir(tmp_path_factory.mktemp("kb-built"))


def copy_index(built: Path, target: Path) -> Path:
    """Copy a built data directory so a test module may modify it."""
    shutil.copytree(built, target, dirs_exist_ok=True)
    return target


def base_with(built: Path, folder: Path, name: str, text: str):
    """A knowledge base over a copy of the built index plus one dispatch written for a test (``name``, .txt)."""
    return base_with_texts(built, folder, {name: text})


def base_with_texts(built: Path, folder: Path, texts: dict[str, str]):
    """A knowledge base over a copy of the built index plus the dispatches written for a test (file name → text)."""
    from knowledge import KnowledgeBase

    paths = []
    for name, text in texts.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    kb = KnowledgeBase.open(copy_index(built, folder / "kb"))
    assert not kb.ingest(paths).errors
    return kb


def open_copy(prefix: str = "baocao-test-kb-") -> object:
    """A knowledge base over a private copy of the built index (HF_HUB_OFFLINE stays set)."""
    from knowledge import KnowledgeBase

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    return KnowledgeBase.open(copy_index(built_dir(), Path(tempfile.mkdtemp(prefix=prefix))))
