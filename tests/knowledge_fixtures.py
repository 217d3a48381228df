"""Shared fixtures for the knowledge-base tests: the bundled corpus indexed once per test session.

Modules that write to the index copy the built directory, so the four dispatches are embedded
only once per session.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from knowledge import KnowledgeBase


@pytest.fixture(scope="session")
def built_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory whose index holds the bundled corpus (built once)."""
    data_dir = tmp_path_factory.mktemp("kb-built")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.delenv("BAOCAO_LLM", raising=False)
        mp.delenv("BAOCAO_EMBEDDER", raising=False)
        KnowledgeBase.open(data_dir)
    return data_dir


def copy_index(built: Path, target: Path) -> Path:
    """Copy a built data directory so a test module may modify it."""
    shutil.copytree(built, target, dirs_exist_ok=True)
    return target
