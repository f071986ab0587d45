"""The session history in SQLite: written as a session happens, read by the screens and the CLI.

HistoryStore is the session's observer: it turns each event (a session
starting, a segment ending, the session ending, a check-in) into a job for the
writer thread (writer.py, jobs.py), and answers the queries (queries.py) on a
connection of its own. Opening the file and recovering from a bad one is
opening.py's business.
"""

from __future__ import annotations

import atexit
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from stretchtui.history.jobs import (
    Job,
    checkin_job,
    end_job,
    resume_job,
    segment_job,
    start_job,
)
from stretchtui.history.queries import HistoryQueries, HistoryUnreadable
from stretchtui.history.writer import HistoryWriter
from stretchtui.records import CheckIn, SegmentRun, SessionInfo, SessionResult

# A read in progress on another thread (a screen loading) is let finish, for so long.
READ_CLOSE_WAIT = 1.0


class HistoryStore(HistoryQueries):
    """A SessionStore over an SQLite file (or, when the file can't be used, over memory)."""

    def __init__(
        self,
        writer: sqlite3.Connection,
        reader: sqlite3.Connection,
        *,
        path: Path | None,
        warning: str | None = None,
    ) -> None:
        self.path = path
        self._connections = (writer, reader)
        write_lock = threading.Lock()
        # An in-memory store has one connection for both, so one lock must guard both.
        self._read_lock = write_lock if reader is writer else threading.Lock()
        self._reader = reader
        self._writer = HistoryWriter(writer, write_lock, path=path, warning=warning)
        self._seq: dict[str, int] = {}
        self._current: str | None = None
        self._closed = False
        self.previews = False
        """Set for a run at `--speed` other than 1: its sessions are recorded with status
        `preview`, which no streak, total, statistic or advice counts."""
        # Writes queued when the program exits without close() must still reach the file.
        atexit.register(self.close)

    @property
    def warning(self) -> str | None:
        return self._writer.warning

    # ------------------------------------------------------------ writing (SessionObserver)

    def session_started(self, info: SessionInfo) -> None:
        # A resumed session's new runs follow the ones its earlier part recorded.
        self._seq[info.session_id] = self.last_segment_seq(info.session_id) if info.resumed else 0
        self._current = info.session_id
        if info.resumed:
            self.submit(resume_job(info))
        else:
            self.submit(start_job(info, preview=self.previews))

    def segment_ended(self, run: SegmentRun) -> None:
        # A store serves one session at a time: the runs belong to the one started last.
        session_id = self._current
        if session_id is None:
            return
        seq = self._seq.get(session_id, 0) + 1
        self._seq[session_id] = seq
        self.submit(segment_job(session_id, seq, run))

    def session_ended(self, result: SessionResult) -> None:
        self.submit(end_job(result))

    def save_checkin(self, session_id: str, checkin: CheckIn) -> None:
        self.submit(checkin_job(session_id, checkin, datetime.now(UTC)))

    def submit(self, job: Job) -> None:
        """Queue a write: `job` runs on the writer thread in a transaction of its own.

        For rows that go with the sessions (reminders): written in order with them,
        never racing the session being recorded. A failure becomes `warning`.
        """
        if not self._closed:
            self._writer.submit(job)

    def write_now(self, job: Job) -> None:
        """Run `job` at once, in one transaction on the writing connection, after
        everything queued before it; raises what it raises, with nothing written."""
        self.flush()
        writer = self._connections[0]
        with self._writer.lock:
            try:
                writer.execute("BEGIN IMMEDIATE")
                job(writer)
                writer.execute("COMMIT")
            except BaseException:
                if writer.in_transaction:
                    writer.execute("ROLLBACK")
                raise

    def flush(self) -> None:
        """Wait until everything handed over so far is written (or has failed), within bounds."""
        self._writer.flush()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        atexit.unregister(self.close)
        if not self._writer.stop():
            # The thread is stuck inside a write; closing its connection under it could
            # crash the process, and it ends with the program anyway.
            return
        writer, reader = self._connections
        if self._read_lock.acquire(timeout=READ_CLOSE_WAIT):
            try:
                reader.close()
            finally:
                self._read_lock.release()
        if writer is not reader:
            writer.close()

    # ------------------------------------------------------------ inside

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        self.flush()
        with self._read_lock:
            try:
                yield self._reader
            except sqlite3.DatabaseError as error:
                raise HistoryUnreadable(
                    f"cannot read the history file {self.path or '(memory)'}: {error}"
                ) from error
