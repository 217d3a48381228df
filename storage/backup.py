"""Backups: ``baocao backup FILE`` and ``baocao restore FILE``.

A backup is one ``.tar.gz`` holding:

- ``manifest.json``: format, creation time, the database kind and its Alembic revision;
- the database: SQLite through its online backup API (consistent while the bot runs) as
  ``database/baocao.db``, or PostgreSQL through ``pg_dump --format=custom`` as ``database/baocao.pgdump``
  (drafts, answers, profiles, reminders, audit and the stored report templates, drafts and published);
- ``uploads/``: the dispatch files admins sent (the knowledge index is rebuilt from them and the bundled
  corpus: ``baocao ingest <data dir>/uploads`` after a restore).

``restore`` refuses a database that already holds tables (``--force`` replaces it), a backup of the
other database kind, and one made by a newer baocao (unknown revision). Members are extracted with
``tarfile``'s "data" filter (no absolute paths, ``..``, links out of the target or special files).
The database is the one ``Store.open()`` uses (``DATABASE_URL`` or the data dir's SQLite file).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa

from storage import engine as engine_mod
from storage import paths

FORMAT = 1
SQLITE_MEMBER = "database/baocao.db"
PG_MEMBER = "database/baocao.pgdump"
FOLDERS = ("uploads",)


class BackupError(RuntimeError):
    """A backup or restore that cannot be done; the message says why (for operators)."""


@dataclass(frozen=True)
class Manifest:
    format: int
    created: str
    database: str  # "sqlite" | "postgresql"
    revision: str | None
    files: int


def _revision(engine: sa.Engine) -> str | None:
    try:
        with engine.connect() as conn:
            return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    except sa.exc.SQLAlchemyError:
        return None


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq URL for pg_dump/pg_restore (driver suffix dropped) and the env holding the password."""
    parsed = sa.engine.make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = parsed.password
    return parsed.set(drivername="postgresql", password=None).render_as_string(hide_password=False), env


def _tool(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)), None)
    if not found:
        raise BackupError(f"{name} not found: install the PostgreSQL client (apt-get install postgresql-client)")
    return str(found)


def _run(cmd: list[str], env: dict[str, str]) -> None:
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise BackupError(f"{Path(cmd[0]).name} failed: {proc.stderr.strip()[-2000:]}")


def backup(out: Path, url: str | None = None) -> Manifest:
    """Write a backup of the database and the uploads to ``out`` (a .tar.gz)."""
    target = engine_mod.resolve_target(url)
    data = paths.data_dir()
    with tempfile.TemporaryDirectory(prefix="baocao-backup-") as tmp:
        stage = Path(tmp)
        (stage / "database").mkdir()
        if target.is_sqlite:
            if not target.sqlite_path.is_file():
                raise BackupError(f"no database at {target.sqlite_path}")
            source = sqlite3.connect(f"file:{target.sqlite_path}?mode=ro", uri=True)
            copy = sqlite3.connect(stage / SQLITE_MEMBER)
            try:
                source.backup(copy)  # consistent even while the bot writes (WAL)
            finally:
                copy.close()
                source.close()
            engine = sa.create_engine(f"sqlite:///{stage / SQLITE_MEMBER}")
        else:
            libpq, env = _libpq(target.url)
            _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
                  f"--file={stage / PG_MEMBER}", f"--dbname={libpq}"], env)
            engine = sa.create_engine(target.url)
        try:
            revision = _revision(engine)
        finally:
            engine.dispose()
        files = [p for folder in FOLDERS if (data / folder).is_dir() for p in sorted((data / folder).rglob("*"))
                 if p.is_file()]
        manifest = Manifest(FORMAT, datetime.now(timezone.utc).isoformat(timespec="seconds"),
                            "sqlite" if target.is_sqlite else "postgresql", revision, len(files))
        (stage / "manifest.json").write_text(json.dumps(asdict(manifest), indent=2), encoding="utf-8")
        out = Path(out)
        partial = out.with_name(out.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(stage / "manifest.json", "manifest.json")
            tar.add(stage / "database", "database")
            for path in files:
                tar.add(path, str(path.relative_to(data)))
        os.replace(partial, out)  # never a half-written backup under the final name
    return manifest


def _read_manifest(tar: tarfile.TarFile) -> Manifest:
    try:
        member = tar.extractfile("manifest.json")
        data = json.loads(member.read().decode("utf-8")) if member else None
        manifest = Manifest(**data)
    except (KeyError, TypeError, ValueError) as exc:
        raise BackupError("not a baocao backup (no valid manifest.json)") from exc
    if manifest.format != FORMAT:
        raise BackupError(f"backup format {manifest.format} is not supported (expected {FORMAT})")
    return manifest


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(engine_mod.alembic_config()).walk_revisions()}


def restore(archive: Path, url: str | None = None, force: bool = False) -> Manifest:
    """Restore ``archive`` into the configured database (empty unless ``force``) and data directory."""
    target = engine_mod.resolve_target(url)
    data = paths.data_dir()
    with tarfile.open(archive, "r:gz") as tar, tempfile.TemporaryDirectory(prefix="baocao-restore-") as tmp:
        manifest = _read_manifest(tar)
        kind = "sqlite" if target.is_sqlite else "postgresql"
        if manifest.database != kind:
            raise BackupError(f"this backup holds a {manifest.database} database; the target is {kind}")
        if manifest.revision and manifest.revision not in _known_revisions():
            raise BackupError(f"the backup's schema revision {manifest.revision} is newer than this baocao")
        tar.extractall(tmp, filter="data")
        stage = Path(tmp)
        if target.is_sqlite:
            _restore_sqlite(stage / SQLITE_MEMBER, target.sqlite_path, force)
        else:
            _restore_postgres(stage / PG_MEMBER, target.url, force)
        for folder in FOLDERS:
            if (stage / folder).is_dir():
                shutil.copytree(stage / folder, data / folder, dirs_exist_ok=True)
    return manifest


def _has_tables(engine: sa.Engine) -> bool:
    try:
        return bool([t for t in sa.inspect(engine).get_table_names() if t != "alembic_version"])
    finally:
        engine.dispose()


def _restore_sqlite(source: Path, dest: Path, force: bool) -> None:
    if dest.exists() and dest.stat().st_size and _has_tables(sa.create_engine(f"sqlite:///{dest}")) and not force:
        raise BackupError(f"{dest} already holds a database: restore into an empty data directory, or use --force")
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".restoring")
    shutil.copyfile(source, partial)
    for suffix in ("-wal", "-shm"):
        Path(str(dest) + suffix).unlink(missing_ok=True)
    os.replace(partial, dest)


def _restore_postgres(dump: Path, url: str, force: bool) -> None:
    if _has_tables(sa.create_engine(url)) and not force:
        raise BackupError("the target database already holds tables: restore into an empty database, or use --force")
    libpq, env = _libpq(url)
    _run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
          f"--dbname={libpq}", str(dump)], env)


# ---- command line ------------------------------------------------------------------------------

def _backup_cmd(args: argparse.Namespace) -> int:
    manifest = backup(Path(args.file), args.url)
    print(f"backup written: {args.file} ({manifest.database}, revision {manifest.revision}, {manifest.files} files)")
    return 0


def _restore_cmd(args: argparse.Namespace) -> int:
    try:
        manifest = restore(Path(args.file), args.url, force=args.force)
    except BackupError as exc:
        print(f"restore refused: {exc}")
        return 1
    print(f"restored {args.file} ({manifest.database}, revision {manifest.revision}, {manifest.files} files); "
          f"rebuild the index with: baocao ingest {paths.data_dir() / 'uploads'}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``backup`` and ``restore`` to the ``baocao`` command line."""
    b = subparsers.add_parser("backup", help="back up the database and uploaded dispatches to FILE (.tar.gz)")
    b.add_argument("file")
    b.add_argument("--url", help="database URL or SQLite file (default: DATABASE_URL, else the data dir)")
    b.set_defaults(func=_backup_cmd)
    r = subparsers.add_parser("restore", help="restore a backup FILE into an empty database and data dir")
    r.add_argument("file")
    r.add_argument("--url", help="database URL or SQLite file (default: DATABASE_URL, else the data dir)")
    r.add_argument("--force", action="store_true", help="replace a database that already holds data")
    r.set_defaults(func=_restore_cmd)
