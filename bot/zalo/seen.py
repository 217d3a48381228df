"""Message ids already processed, kept in a small file so a redelivery — or a restart — never repeats one.

Zalo may deliver an event twice (a webhook retry, a poll answered twice). :meth:`SeenIds.claim` marks
an id as in progress (a concurrent second delivery is refused at once); :meth:`SeenIds.done` records
it in the file once the core has stored what it had to store; :meth:`SeenIds.release` forgets an
in-progress claim that did not finish, so a redelivery may try again. The file holds one id per line,
the most recent :data:`KEEP` of them (compacted when it doubles).
"""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from pathlib import Path

KEEP = 20_000
log = logging.getLogger(__name__)


class SeenIds:
    def __init__(self, path: Path, keep: int = KEEP) -> None:
        self.path = Path(path)
        self.keep = keep
        self._lock = threading.Lock()
        self._done: OrderedDict[str, None] = OrderedDict()
        self._busy: set[str] = set()
        self._lines = 0
        if self.path.exists():
            for line in self.path.read_text(encoding="utf-8", errors="replace").splitlines():
                if line.strip():
                    self._done[line.strip()] = None
                    self._lines += 1
            while len(self._done) > keep:
                self._done.popitem(last=False)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)

    @staticmethod
    def _clean(message_id: str) -> str:
        return "".join(ch for ch in str(message_id) if ch.isprintable() and not ch.isspace())[:200]

    def claim(self, message_id: str) -> bool:
        """True if the id is new and now in progress; False if done or already being processed."""
        key = self._clean(message_id)
        with self._lock:
            if not key or key in self._done or key in self._busy:
                return False
            self._busy.add(key)
            return True

    def done(self, message_id: str) -> None:
        """Record the id as processed (durably, before the replies go out)."""
        key = self._clean(message_id)
        with self._lock:
            self._busy.discard(key)
            if not key or key in self._done:
                return
            self._done[key] = None
            try:
                with self.path.open("a", encoding="utf-8") as fh:
                    fh.write(key + "\n")
                    fh.flush()
                    os.fsync(fh.fileno())
            except OSError as exc:  # the reply must still go out; only a restart could repeat this one
                log.error("Could not record a processed Zalo message id: %s", exc)
            self._lines += 1
            if len(self._done) > self.keep:
                self._done.popitem(last=False)
            if self._lines > 2 * self.keep:
                self._compact()

    def release(self, message_id: str) -> None:
        with self._lock:
            self._busy.discard(self._clean(message_id))

    def __contains__(self, message_id: str) -> bool:
        return self._clean(message_id) in self._done

    def _compact(self) -> None:
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text("".join(k + "\n" for k in self._done), encoding="utf-8")
        os.replace(tmp, self.path)
        self._lines = len(self._done)
