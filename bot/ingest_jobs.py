"""Dispatch files ingested in the background, so nobody waits while a large file is indexed.

An admin's upload becomes a row in ``ingest_job`` (``storage/store_jobs.py``) and a runner process
is started (``python -m bot.ingest_jobs``, one CPU thread, lower priority). The runner claims jobs
one by one, runs ``bot.ingest.ingest_dispatch`` on each, and every ``HEARTBEAT_S`` refreshes the
job's heartbeat and progress; every ``NOTICE_S`` a changed progress line is queued for the admin as
a reminder (``kind="ingest"``, due now), which the adapters' reminder loop already delivers, once,
whatever the number of workers. An admin stops a job with ``/huy_nhap_file``: the runner sees the
request at its next heartbeat and stops before the next batch of passages is embedded (nothing is
written to the index before embedding ends, so a stopped job leaves the index as it was).

``maintain(svc)`` runs in every bot process with the reminder loop: it restarts a runner when a
job is "running" with an old heartbeat (its process died: the job resumes from the start; content
hashes make the re-run skip what was already indexed) or queued with no live runner, and reopens
the knowledge base of this process when a job has finished (so questions see the new dispatch).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from bot import texts_jobs as tj

log = logging.getLogger(__name__)

HEARTBEAT_S = float(os.environ.get("BAOCAO_INGEST_HEARTBEAT_S", "2"))
NOTICE_S = float(os.environ.get("BAOCAO_INGEST_NOTICE_S", "5"))
STALE_S = float(os.environ.get("BAOCAO_INGEST_STALE_S", "30"))
MAX_ATTEMPTS = 3
BATCH = 8  # passages embedded between two cancellation checks
ONE_THREAD = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
              "NUMEXPR_NUM_THREADS": "1", "TOKENIZERS_PARALLELISM": "false", "HF_HUB_OFFLINE": "1"}
_children: list[subprocess.Popen] = []
_last_spawn = [float("-inf")]
_seen_done: dict[int, int] = {}  # id(store) -> the newest finished job this process has loaded


def knowledge_dir(svc: Any) -> Path | None:
    """The data directory of this process's knowledge base (its index is ``<dir>/index``), if real."""
    link = getattr(svc, "knowledge", None)
    kb = link.kb() if link is not None and hasattr(link, "kb") else None
    root = getattr(getattr(kb, "index", None), "root", None)
    return Path(root).parent if root is not None else None


def background_enabled(svc: Any) -> bool:
    """Background ingest needs a real knowledge base on disk; ``BAOCAO_INGEST_BACKGROUND=0`` turns it off."""
    return os.environ.get("BAOCAO_INGEST_BACKGROUND", "1") != "0" and knowledge_dir(svc) is not None


# ---- the bot side -----------------------------------------------------------------------------------
def submit(svc: Any, user_id: int, path: Path, name: str) -> Any:
    """Queue ``path`` and make sure a runner works on it."""
    job = svc.store.add_ingest_job(user_id, name, str(path))
    spawn_runner(svc.store, knowledge_dir(svc))
    return job


def spawn_runner(store: Any, kb_dir: Path | None) -> subprocess.Popen:
    """Start a runner process (it exits when no job is left)."""
    env = dict(os.environ, **ONE_THREAD)
    env["DATABASE_URL"] = store.target.url  # in the environment, not argv: a password stays out of ps
    if kb_dir is not None:
        env["BAOCAO_INGEST_KB_DIR"] = str(kb_dir)
    from storage.paths import sub_dir

    log_path = sub_dir("logs") / "ingest.log"
    with open(log_path, "ab") as out:
        child = subprocess.Popen([sys.executable, "-m", "bot.ingest_jobs"], env=env, stdin=subprocess.DEVNULL,
                                 stdout=out, stderr=subprocess.STDOUT, start_new_session=True, close_fds=True)
    _children.append(child)
    _last_spawn[0] = time.monotonic()
    log.info("Started ingest runner pid %s", child.pid)
    return child


def _runner_alive() -> bool:
    _children[:] = [c for c in _children if c.poll() is None]  # also reaps finished runners
    return bool(_children)


def maintain(svc: Any) -> None:
    """Restart dead jobs' runners and reload the knowledge base after a finished job (never raises)."""
    try:
        store = svc.store
        open_jobs = store.ingest_jobs(states=("queued", "running"), limit=20)
        if open_jobs:
            now = time.time()
            dead = [j for j in open_jobs if j.state == "running"
                    and (j.heartbeat_at is None or now - j.heartbeat_at.timestamp() > STALE_S)]
            queued = [j for j in open_jobs if j.state == "queued"
                      and now - j.created_at.timestamp() > STALE_S]
            busy = any(j.state == "running" and j not in dead for j in open_jobs)
            recent = time.monotonic() - _last_spawn[0] < STALE_S  # a runner that fails at start is not respawned in a loop
            if not recent and (dead or (queued and not busy and not _runner_alive())):
                log.warning("Ingest jobs %s have no live runner: starting one", [j.id for j in dead + queued])
                spawn_runner(store, knowledge_dir(svc))
        done = store.ingest_jobs(states=("done",), limit=1)
        newest = done[0].id if done else 0
        if newest > _seen_done.setdefault(id(store), newest):
            _seen_done[id(store)] = newest
            refresh_knowledge(svc)
    except Exception:
        log.exception("Ingest job maintenance failed")


def refresh_knowledge(svc: Any) -> bool:
    """Reopen this process's index so it sees what a runner added (the embedder is kept)."""
    link = getattr(svc, "knowledge", None)
    kb = link.kb() if link is not None and hasattr(link, "kb") else None
    index = getattr(kb, "index", None)
    if index is None:
        return False
    from knowledge import KnowledgeBase

    if not os.environ.get("CHROMA_URL"):
        from chromadb.api.shared_system_client import SharedSystemClient

        SharedSystemClient.clear_system_cache()  # an embedded client caches what another process wrote
    fresh = KnowledgeBase.open(Path(index.root).parent, embedder=index.embedder)
    kb.index = fresh.index  # one assignment: a question in flight finishes on the old one
    log.info("Knowledge base reloaded after a background ingest")
    return True


def cancel(store: Any, user_id: int) -> list[Any]:
    return store.cancel_ingest_jobs(user_id)


def status(store: Any, user_id: int) -> str:
    jobs = store.ingest_jobs(user_id=user_id, limit=5)
    if not jobs:
        return tj.JOB_NONE_OPEN
    lines = [tj.JOB_STATUS_HEAD] + [
        tj.JOB_STATUS_LINE.format(name=j.name, state=tj.JOB_STATES.get(j.state, j.state),
                                  progress=f" — {j.progress}" if j.progress and j.state == "running" else "")
        for j in jobs]
    return "\n".join(lines)


# ---- the runner side ---------------------------------------------------------------------------------
class Cancelled(Exception):
    """The admin asked to stop this job."""


class Lost(Exception):
    """Another runner took this job over (this one was thought dead): stop without a word."""


class JobRun:
    """One claimed job: progress, heartbeat and notices from a background thread."""

    def __init__(self, store: Any, job: Any) -> None:
        self.store, self.job, self.pid = store, job, os.getpid()
        self.progress, self.done, self.total = tj.JOB_READING.format(name=job.name), 0, 0
        self.cancelled = threading.Event()
        self.lost = threading.Event()
        self._stop = threading.Event()
        self._told = ""
        self._thread = threading.Thread(target=self._beat, name="ingest-heartbeat", daemon=True)

    def __enter__(self) -> "JobRun":
        self.notify(self.progress)
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=HEARTBEAT_S * 2)

    def notify(self, text: str) -> None:
        if self.job.user_id is not None:
            from storage.models import utcnow

            self.store.add_reminder(self.job.user_id, utcnow(), text, kind="ingest")
        self._told = text

    def step(self, progress: str, done: int = 0, total: int = 0) -> None:
        """New progress; raises :class:`Cancelled` when a stop was asked."""
        self.progress, self.done, self.total = progress, done, total
        if NOTICE_S <= 0 and progress != self._told:  # every step told (operators' choice; the tests use it)
            self.notify(progress)
        if self.lost.is_set():
            raise Lost
        if self.cancelled.is_set():
            raise Cancelled

    def _beat(self) -> None:
        last_notice = time.monotonic()
        while not self._stop.wait(HEARTBEAT_S):
            try:
                row = self.store.touch_ingest_job(self.job.id, self.pid, progress=self.progress,
                                                  done=self.done, total=self.total)
                if row is None:
                    self.lost.set()
                    return
                if row.cancel_requested:
                    self.cancelled.set()
                if time.monotonic() - last_notice >= NOTICE_S and self.progress != self._told:
                    self.notify(self.progress)
                    last_notice = time.monotonic()
            except Exception:
                log.exception("Heartbeat of ingest job %s failed", self.job.id)


class ProgressEmbedder:
    """Wraps the index's embedder: passages go in batches, each reported, with a stop check between."""

    def __init__(self, inner: Any, run: JobRun) -> None:
        self.inner, self.run = inner, run

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors: list[list[float]] = []
        name = self.run.job.name
        for start in range(0, len(texts), BATCH):
            self.run.step(tj.JOB_EMBEDDING.format(name=name, done=start, total=len(texts)), start, len(texts))
            vectors.extend(self.inner.embed_documents(texts[start:start + BATCH]))
        self.run.step(tj.JOB_EMBEDDING.format(name=name, done=len(texts), total=len(texts)), len(texts), len(texts))
        return vectors

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def run_job(store: Any, job: Any, kb: Any, library: Any) -> str:
    """Ingest one claimed job; returns the final state."""
    from bot.ingest import extract_and_store
    from bot.texts_templates import describe_intake

    pid, started = os.getpid(), time.perf_counter()
    with JobRun(store, job) as run:
        if job.attempts > 1:
            run.notify(tj.JOB_RESUMED.format(name=job.name, attempt=job.attempts))
        try:
            inner = kb.index.embedder
            kb.index.embedder = ProgressEmbedder(inner, run)
            try:
                report = kb.ingest([Path(job.path)])
            finally:
                kb.index.embedder = inner
            run.step(tj.JOB_FORMS.format(name=job.name))
            intake = extract_and_store(job.path, library, created_by=job.user_id)
        except Lost:
            log.warning("Ingest job %s was taken over by another runner", job.id)
            return "lost"
        except Cancelled:
            if store.finish_ingest_job(job.id, pid, "cancelled"):
                run.notify(tj.JOB_CANCELLED.format(name=job.name))
            return "cancelled"
        except Exception as exc:
            log.exception("Ingest job %s failed", job.id)
            if store.finish_ingest_job(job.id, pid, "failed", error=f"{type(exc).__name__}: {exc}"[:2000]):
                run.notify(tj.JOB_FAILED.format(name=job.name, error=type(exc).__name__))
            return "failed"
        errors = [message for _path, message in report.errors] + list(intake.errors)
        result = {"added": len(report.added), "unchanged": len(report.unchanged), "errors": errors,
                  "drafts": [stored.template.id for stored, _, _ in intake.drafts]}
        text = tj.JOB_DONE.format(name=job.name, seconds=round(time.perf_counter() - started),
                                  added=len(report.added), unchanged=len(report.unchanged))
        if report.errors:
            text += "\n" + tj.JOB_ERRORS.format(errors="; ".join(m for _p, m in report.errors)[:1500])
        if intake.drafts or intake.missing or intake.errors:
            text += "\n" + describe_intake(intake)
        if not store.finish_ingest_job(job.id, pid, "done", result=result):
            return "lost"  # another runner owns it now and will report
        store.audit(job.user_id, "ingest_done", job=job.id, **result)
        run.notify(text)
        return "done"


def main() -> int:
    """The runner: claim and run jobs until none is left."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s[%(process)d]: %(message)s")
    from bot.redact import install as redact_secrets

    redact_secrets()
    try:
        os.nice(10)  # the chat comes first
    except OSError:
        pass
    from bot.template_library import TemplateLibrary
    from knowledge import KnowledgeBase
    from storage.repo import Store

    store = Store.open()
    kb_dir = os.environ.get("BAOCAO_INGEST_KB_DIR")
    kb = library = None
    try:
        while True:
            job = store.claim_ingest_job(os.getpid(), stale_after_s=STALE_S)
            if job is None:
                return 0
            if job.state == "cancelled":
                continue
            if job.attempts > MAX_ATTEMPTS:
                reason = tj.JOB_GAVE_UP.format(attempts=job.attempts - 1)
                if store.finish_ingest_job(job.id, os.getpid(), "failed", error=reason) and job.user_id is not None:
                    from storage.models import utcnow

                    store.add_reminder(job.user_id, utcnow(), tj.JOB_FAILED.format(name=job.name, error=reason),
                                       kind="ingest")
                continue
            if kb is None:
                kb = KnowledgeBase.open(Path(kb_dir) if kb_dir else None)
                library = TemplateLibrary(store)
            log.info("Ingest job %s (%s), attempt %s", job.id, job.name, job.attempts)
            log.info("Ingest job %s: %s", job.id, run_job(store, job, kb, library))
    finally:
        store.close()


if __name__ == "__main__":
    sys.exit(main())
