"""Stored templates: versions are never overwritten; publishing and editing add versions."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from storage import Store
from storage.models import metadata


@pytest.fixture()
def store(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path))
    s = Store.open(db_url)
    yield s
    s.close()


def _data(title: str) -> dict:
    return {"id": "bieu_so_01_1125", "title": title, "sections": [{"field": "a", "label": "A", "type": "text"}]}


def test_schema_matches_models_after_migration(store: Store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert [d for d in diff if "template_record" in repr(d)] == []
    assert "template_record" in sa.inspect(store.engine).get_table_names()


def test_each_change_is_a_new_version_and_old_ones_stay(store: Store) -> None:
    admin = store.get_or_create_user("telegram", "9", role="admin")
    first = store.add_template_version("bieu_so_01_1125", _data("Bản 1"), dispatch="1125/STTTT-CĐS",
                                       section="Phụ lục II › Biểu số 01", created_by=admin.id)
    second = store.add_template_version("bieu_so_01_1125", _data("Bản 2"), dispatch="1125/STTTT-CĐS")
    published = store.add_template_version("bieu_so_01_1125", _data("Bản 2"), status="published",
                                           dispatch="1125/STTTT-CĐS")
    draft_again = store.add_template_version("bieu_so_01_1125", _data("Bản 4"), dispatch="1125/STTTT-CĐS")
    assert [r.version for r in (first, second, published, draft_again)] == [1, 2, 3, 4]
    assert store.template_version("bieu_so_01_1125", 1).data["title"] == "Bản 1"
    assert store.template_version("bieu_so_01_1125", 1).created_by == admin.id
    assert store.template_version("bieu_so_01_1125", 1).section == "Phụ lục II › Biểu số 01"
    assert store.template_version("bieu_so_01_1125").version == 4
    assert store.template_version("bieu_so_01_1125", status="published").version == 3
    assert [r.status for r in store.template_history("bieu_so_01_1125")] == ["draft", "draft", "published", "draft"]
    assert store.template_version("khac") is None


def test_listing_gives_latest_per_id_and_filters(store: Store) -> None:
    store.add_template_version("a_1", _data("A1"), dispatch="1/X")
    store.add_template_version("a_1", _data("A2"), status="published", dispatch="1/X")
    store.add_template_version("a_1", _data("A3"), dispatch="1/X")
    store.add_template_version("b_2", _data("B1"), dispatch="2/Y")
    latest = {r.template_id: (r.version, r.status) for r in store.template_records()}
    assert latest == {"a_1": (3, "draft"), "b_2": (1, "draft")}
    published = {r.template_id: r.version for r in store.template_records(status="published")}
    assert published == {"a_1": 2}
    assert [r.template_id for r in store.template_records(dispatch="2/Y")] == ["b_2"]


def test_stamp_changes_on_every_version(store: Store) -> None:
    before = store.template_stamp()
    store.add_template_version("a_1", _data("A1"))
    middle = store.template_stamp()
    store.add_template_version("a_1", _data("A1"), status="published")
    assert before < middle < store.template_stamp()


def test_bad_input_is_refused_before_writing(store: Store) -> None:
    with pytest.raises(ValueError):
        store.add_template_version("a_1", _data("A"), status="final")
    with pytest.raises(ValueError):
        store.add_template_version("", _data("A"))
    assert store.template_records() == []


def test_concurrent_writers_get_distinct_versions(store: Store) -> None:
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            store.add_template_version("a_1", _data(f"A{n}"))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert [r.version for r in store.template_history("a_1")] == [1, 2, 3, 4, 5, 6]
