"""Backups (storage/backup.py): back up a database with a user's draft, answers, profile and an uploaded
dispatch; restore into an empty data directory and an empty database; everything is back. On SQLite, and on
PostgreSQL (pg_dump/pg_restore) when ``BAOCAO_TEST_POSTGRES_URL`` is set."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest

from bot.cli import main as cli
from storage import Store
from storage.backup import BackupError, backup, restore
from tests.postgres import SQLITE, create_database, drop_database


def _fill(url: str, data_dir: Path) -> dict:
    data_dir.mkdir(parents=True, exist_ok=True)
    store = Store.open(url)
    try:
        user = store.get_or_create_user("telegram", "42", name="Nguyễn Văn An")
        store.save_profile(user.id, co_quan="Sở Thông tin và Truyền thông", so_ky_hieu="STTTT")
        form = store.create_session(user.id, "mau2", "1", {"at": "I.1"})
        store.save_step(user.id, form.id, [("I.1", "Hệ thống quản lý văn bản", "Hệ thống quản lý văn bản")],
                        {"at": "I.2"}, "I.2")
        expected = {"answers": store.answers(form.id), "state": store.get_session(user.id, form.id).state,
                    "profile": store.get_profile(user.id).co_quan, "user": user.id, "form": form.id}
    finally:
        store.close()
    uploads = data_dir / "uploads"
    uploads.mkdir(parents=True, exist_ok=True)
    (uploads / "20240305-cv-345.docx").write_bytes(b"PK\x03\x04 dispatch bytes")
    return expected


def _read(url: str, ids: dict) -> dict:
    store = Store.open(url)
    try:
        return {"answers": store.answers(ids["form"]), "state": store.get_session(ids["user"], ids["form"]).state,
                "profile": store.get_profile(ids["user"]).co_quan, "user": ids["user"], "form": ids["form"]}
    finally:
        store.close()


def _empty_target(db_url: str, tmp_path: Path, name: str) -> str:
    if db_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / name / 'baocao.db'}"
    from tests.postgres import postgres_url

    return create_database(postgres_url(), prefix="baocao_restore")


def test_backup_then_restore_into_an_empty_place(db_url, tmp_path, monkeypatch):
    source_dir, target_dir = tmp_path / "source", tmp_path / "target"
    monkeypatch.setenv("BAOCAO_DATA_DIR", str(source_dir))
    expected = _fill(db_url, source_dir)
    archive = tmp_path / "baocao-backup.tar.gz"
    manifest = backup(archive, db_url)
    assert manifest.files == 1 and manifest.revision and archive.is_file()

    monkeypatch.setenv("BAOCAO_DATA_DIR", str(target_dir))
    target = _empty_target(db_url, tmp_path, "target")
    try:
        restore(archive, target)
        assert _read(target, expected) == expected
        assert (target_dir / "uploads" / "20240305-cv-345.docx").read_bytes() == b"PK\x03\x04 dispatch bytes"
        with pytest.raises(BackupError, match="already holds"):
            restore(archive, target)  # not over a database in use
        restore(archive, target, force=True)
        assert _read(target, expected) == expected
    finally:
        if not target.startswith("sqlite"):
            from tests.postgres import postgres_url

            drop_database(postgres_url(), target)


def test_the_command_line_round_trip(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path / "a"))
    expected = _fill(f"sqlite:///{tmp_path / 'a' / 'baocao.db'}", tmp_path / "a")
    assert cli(["backup", str(tmp_path / "b.tar.gz")]) == 0
    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path / "b"))
    assert cli(["restore", str(tmp_path / "b.tar.gz")]) == 0
    assert "baocao ingest" in capsys.readouterr().out
    assert _read(f"sqlite:///{tmp_path / 'b' / 'baocao.db'}", expected) == expected


def _archive(tmp_path: Path, members: dict[str, bytes]) -> Path:
    path = tmp_path / "evil.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


MANIFEST = b'{"format": 1, "created": "x", "database": "sqlite", "revision": null, "files": 0}'


@pytest.mark.parametrize("members, message", [
    ({"readme.txt": b"x"}, "manifest"),
    ({"manifest.json": b"{not json"}, "manifest"),
    ({"manifest.json": MANIFEST.replace(b'"format": 1', b'"format": 9')}, "format 9"),
    ({"manifest.json": MANIFEST.replace(b"sqlite", b"postgresql")}, "postgresql database"),
    ({"manifest.json": MANIFEST.replace(b"null", b'"9999"')}, "newer"),
])
def test_foreign_or_newer_backups_are_refused(tmp_path, monkeypatch, members, message):
    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path / "d"))
    with pytest.raises(BackupError, match=message):
        restore(_archive(tmp_path, members), f"sqlite:///{tmp_path / 'd.db'}")


def test_path_traversal_in_a_backup_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path / "d"))
    evil = _archive(tmp_path, {"manifest.json": MANIFEST, "../../outside.txt": b"pwned"})
    with pytest.raises(tarfile.TarError):
        restore(evil, f"sqlite:///{tmp_path / 'd.db'}")
    assert not (tmp_path / "outside.txt").exists() and not (tmp_path.parent / "outside.txt").exists()
