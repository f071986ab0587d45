"""The history's writer thread: runs each job in its own transaction, off the screen's thread.

A new job is handed over only once the one before it is written, so a process
killed at any moment loses at most the event that was being written. A failed
write leaves one calm warning; the jobs after it are still tried.
"""

from __future__ import annotations

import contextlib
import queue
import sqlite3
import threading
from pathlib import Path

from stretchtui.history.jobs import Job


class HistoryWriter:
    def __init__(
        self,
        connection: sqlite3.Connection,
        lock: threading.Lock,
        *,
        path: Path | None,
        warning: str | None = None,
    ) -> None:
        self.path = path
        self.warning = warning
        self._db = connection
        self._lock = lock
        self._jobs: queue.Queue[Job | None] = queue.Queue()
        self._stopped = False
        self._thread = threading.Thread(target=self._loop, name="history-writer", daemon=True)
        self._thread.start()

    def submit(self, job: Job) -> None:
        if self._stopped:
            return
        # Keep at most one write in flight: by the time the next event is handed over, the
        # previous one is on disk, so a kill -9 can only cost the latest event. Events are
        # seconds apart in a session, so in practice this never waits.
        self._jobs.join()
        self._jobs.put(job)

    def flush(self) -> None:
        """Wait until everything handed over so far is written (or has failed)."""
        if not self._stopped:
            self._jobs.join()

    def stop(self) -> None:
        """Write what is queued, then end the thread."""
        if self._stopped:
            return
        self._stopped = True
        self._jobs.put(None)
        self._thread.join()

    def _loop(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                if job is None:
                    return
                with self._lock:
                    self._run(job)
            finally:
                self._jobs.task_done()

    def _run(self, job: Job) -> None:
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            job(db)
            db.execute("COMMIT")
        except sqlite3.Error as error:
            with contextlib.suppress(sqlite3.Error):
                if db.in_transaction:
                    db.execute("ROLLBACK")
            self._note_failure(error)

    def _note_failure(self, error: sqlite3.Error) -> None:
        if self.warning is not None:
            return  # one clear line is enough; the next failures have the same cause
        where = str(self.path) if self.path else "history"
        name = getattr(error, "sqlite_errorname", "")
        if name == "SQLITE_FULL":
            reason = "the disk is full"
        elif name.startswith("SQLITE_READONLY"):
            reason = "it has become read-only"
        else:
            reason = str(error)
        self.warning = (
            f"Could not write {where} ({reason}); the session goes on, "
            "but it may be missing from your history."
        )
