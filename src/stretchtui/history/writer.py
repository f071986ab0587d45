"""The history's writer thread: runs each job in its own transaction, off the screen's thread.

A new job is handed over only once the one before it is written, so a process
killed at any moment loses at most the event that was being written.

Nothing here can hang the program or fail in silence. Whatever a job raises
(an SQLite error, or anything else) is rolled back and reported once as a calm
`warning`, and the thread goes on with the next job. Every wait is bounded: if
the thread is stuck (a lock another process never lets go of, a hung network
file system) or gone, the caller goes on after a few seconds and the warning
says the session may be missing from the history.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections import deque
from pathlib import Path

from stretchtui.history.jobs import Job

# Writes take milliseconds; these bounds only matter when the thread is stuck, and keep
# a signal able to end the program within 2 s even then.
# How long handing over an event waits for the one before it; after that it is queued
# behind it anyway, so a stuck disk never stalls the session for longer.
SUBMIT_WAIT = 0.5
# How long a read waits for the writes queued before it; after that it reads what is there.
FLUSH_WAIT = 1.5
# How long closing waits for the last writes. One cut off here leaves its session to be
# marked interrupted by the next run, and the warning says so.
STOP_WAIT = 1.0


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
        self.lock = lock
        """Held while the connection is in use (a job, or a caller writing at once)."""
        self._changed = threading.Condition()
        self._queue: deque[Job] = deque()
        self._unfinished = 0  # queued plus the one being written
        self._stopping = False
        self._gone = False
        self._late = False
        self._thread = threading.Thread(target=self._loop, name="history-writer", daemon=True)
        self._thread.start()

    def submit(self, job: Job) -> None:
        with self._changed:
            if self._stopping:
                return
            # Keep at most one write in flight: by the time the next event is handed over,
            # the previous one is on disk, so a kill -9 can only cost the latest event.
            # Events are seconds apart in a session, so in practice this never waits.
            self._wait(SUBMIT_WAIT)
            self._queue.append(job)
            self._unfinished += 1
            self._changed.notify_all()

    def flush(self, timeout: float = FLUSH_WAIT) -> bool:
        """Wait until everything handed over so far is written (or has failed).

        Gives up after `timeout` seconds (the writes go on behind); returns whether
        everything was written.
        """
        with self._changed:
            return self._wait(timeout)

    def stop(self, timeout: float = STOP_WAIT) -> bool:
        """Write what is queued, then end the thread; returns whether it ended in time."""
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
        self._thread.join(timeout)
        if self._thread.is_alive():
            self._note("writing it took too long")
            return False
        return True

    def _wait(self, timeout: float) -> bool:
        """With the condition held: wait until nothing is left to write, or the thread is gone.

        Once a wait has run out, the writer counts as late until its write finishes: nobody
        waits on it again meanwhile, so a stuck write costs one wait, not one per event.
        """
        if not self._late:
            done = self._changed.wait_for(lambda: self._unfinished == 0 or self._gone, timeout)
            self._late = not done
        return self._unfinished == 0

    def _loop(self) -> None:
        finished = False
        try:
            while True:
                with self._changed:
                    self._changed.wait_for(lambda: bool(self._queue) or self._stopping)
                    if not self._queue:
                        finished = True
                        return
                    job = self._queue.popleft()
                try:
                    with self.lock:
                        self._run(job)
                finally:
                    with self._changed:
                        self._unfinished -= 1
                        self._late = False
                        self._changed.notify_all()
        finally:
            # However the thread ends, nobody may wait for it any longer.
            with self._changed:
                if not finished:
                    self._note("its writer stopped")
                self._stopping = self._gone = True
                self._changed.notify_all()

    def _run(self, job: Job) -> None:
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            job(db)
            db.execute("COMMIT")
        except Exception as error:  # noqa: BLE001 - any failure is reported, never fatal
            with contextlib.suppress(sqlite3.Error):
                if db.in_transaction:
                    db.execute("ROLLBACK")
            self._note(_reason(error))

    def _note(self, reason: str) -> None:
        if self.warning is not None:
            return  # one clear line is enough; the next failures have the same cause
        where = str(self.path) if self.path else "the history"
        reason = " ".join(reason.split())  # one line, whatever the error said
        self.warning = f"Could not write {where} ({reason}); this session may be missing from it."


def _reason(error: Exception) -> str:
    name = getattr(error, "sqlite_errorname", "")
    if name == "SQLITE_FULL":
        return "the disk is full"
    if name.startswith("SQLITE_READONLY"):
        return "it has become read-only"
    if isinstance(error, sqlite3.Error):
        return str(error)
    return f"unexpected {type(error).__name__}: {error}"
