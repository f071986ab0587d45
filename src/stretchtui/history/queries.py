"""Reading the history: every question the screens and the CLI ask of it.

Each query runs on the reading connection that `_read()` hands out; the store
makes sure what it has queued is written first, so a read sees every event
handed over before it.
"""

from __future__ import annotations

import sqlite3
from abc import ABC, abstractmethod
from contextlib import AbstractContextManager
from datetime import date, datetime, timedelta

from stretchtui.history.figures import (
    AREA_TOTALS,
    DAY_TOTALS,
    LEVEL_TOTALS,
    STATUS_SUMS,
    status_counts,
)
from stretchtui.history.rows import (
    SEGMENTS_OF_SESSION,
    SESSION_COLUMNS,
    CheckInRow,
    DayTotal,
    LevelTotal,
    RunRow,
    SessionDetail,
    SessionRow,
    StoppedSession,
    feeling,
    local_time,
    segment_row,
    session_row,
)

RESUME_WINDOW = timedelta(hours=24)
"""How long a session that stopped part-way can be carried on."""
RESUMABLE_STATUSES = ("interrupted", "ended_early")


def _newest_first(
    db: sqlite3.Connection, limit: int | None, since: date | None, offset: int
) -> sqlite3.Cursor:
    sql = f"SELECT {SESSION_COLUMNS} FROM session_rows"
    params: list[object] = []
    if since is not None:
        sql += " WHERE local_date >= ?"
        params.append(since.isoformat())
    sql += " ORDER BY started_ms DESC"
    if limit is not None or offset:
        sql += " LIMIT ? OFFSET ?"
        params.extend((-1 if limit is None else limit, offset))
    return db.execute(sql, params)


class HistoryUnreadable(Exception):
    """The history file could not be read; the message says which file and why."""


class HistoryQueries(ABC):
    """The questions; a subclass says where the connection to ask them comes from."""

    @abstractmethod
    def _read(self) -> AbstractContextManager[sqlite3.Connection]:
        """The reading connection, held for the block; DatabaseError becomes HistoryUnreadable."""

    def reading(self) -> AbstractContextManager[sqlite3.Connection]:
        """The reading connection for a question of one's own (everything queued is written
        first); a DatabaseError inside becomes HistoryUnreadable."""
        return self._read()

    def count_sessions(self, since: date | None = None) -> int:
        with self._read() as db:
            if since is None:
                row = db.execute("SELECT count(*) FROM sessions").fetchone()
            else:
                row = db.execute(
                    "SELECT count(*) FROM sessions WHERE local_date >= ?", (since.isoformat(),)
                ).fetchone()
            return int(row[0])

    def sessions(
        self, limit: int | None = 500, since: date | None = None, offset: int = 0
    ) -> list[SessionRow]:
        """Sessions newest first, optionally only those started on or after `since` (local)."""
        with self._read() as db:
            return [session_row(row) for row in _newest_first(db, limit, since, offset)]

    def last_session(self) -> SessionRow | None:
        """The latest session that counts: previews (`--speed`) aside."""
        with self._read() as db:
            row = db.execute(
                f"SELECT {SESSION_COLUMNS} FROM session_rows WHERE status != 'preview' "
                "ORDER BY started_ms DESC LIMIT 1"
            ).fetchone()
            return None if row is None else session_row(row)

    def session_detail(self, session_id: str) -> SessionDetail | None:
        with self._read() as db:
            row = db.execute(
                f"SELECT {SESSION_COLUMNS} FROM session_rows WHERE id = ?", (session_id,)
            ).fetchone()
            if row is None:
                return None
            segments = tuple(segment_row(r) for r in db.execute(SEGMENTS_OF_SESSION, (session_id,)))
            return SessionDetail(session_row(row), segments)

    def day_totals(self) -> list[DayTotal]:
        """Per local day: sessions started, sessions completed and active seconds."""
        with self._read() as db:
            return [
                DayTotal(date.fromisoformat(day), int(count), int(done), float(active))
                for day, count, done, active in db.execute(DAY_TOTALS)
            ]

    def status_counts(self) -> dict[str, int]:
        with self._read() as db:
            return status_counts(db.execute(STATUS_SUMS).fetchone())

    def level_totals(self) -> list[LevelTotal]:
        with self._read() as db:
            return [
                LevelTotal(
                    level,
                    int(count),
                    int(done),
                    float(active),
                    date.fromisoformat(first) if first else None,
                    date.fromisoformat(last) if last else None,
                )
                for level, count, done, active, first, last in db.execute(LEVEL_TOTALS)
            ]

    def area_totals(self) -> dict[str, float]:
        """Seconds of stretching per body area, over every session."""
        with self._read() as db:
            return {area: float(seconds) for area, seconds in db.execute(AREA_TOTALS)}

    def checkins(self, since: date) -> list[CheckInRow]:
        """Check-ins of sessions started on or after `since` (local day), oldest first."""
        with self._read() as db:
            return [
                CheckInRow(sid, level, date.fromisoformat(day), feeling(answer), bool(signs))
                for sid, level, day, answer, signs in db.execute(
                    "SELECT id, level, local_date, feeling, warning_signs FROM session_rows "
                    "WHERE checkin_ms IS NOT NULL AND local_date >= ? "
                    "ORDER BY local_date, started_ms",
                    (since.isoformat(),),
                )
            ]

    def last_stopped_session(self, now: datetime) -> StoppedSession | None:
        """The latest session (previews aside) if it was interrupted or ended early within
        RESUME_WINDOW of `now`: what `resume` and the menu offer to carry on.

        Only the latest counts: starting another session means moving on.
        """
        with self._read() as db:
            row = db.execute(
                f"SELECT {SESSION_COLUMNS}, routine_path, key FROM session_rows "
                "WHERE status != 'preview' ORDER BY started_ms DESC LIMIT 1"
            ).fetchone()
            if row is None or row[11] not in RESUMABLE_STATUSES:
                return None
            session = session_row(row[:-2])
            began = int(row[4])
            runs = tuple(
                RunRow(
                    int(index),
                    str(kind),
                    planned / 1000,
                    active / 1000,
                    paused / 1000,
                    bool(skipped),
                    local_time(began + start, 0),
                    local_time(began + end, 0),
                )
                for index, kind, planned, active, paused, skipped, start, end in db.execute(
                    "SELECT g.segment_index, t.kind, g.planned_ms, g.active_ms, g.paused_ms, "
                    "g.skipped, g.start_ms, g.end_ms FROM segments g "
                    "JOIN steps t ON t.key = g.step WHERE g.session = ? ORDER BY g.seq",
                    (row[-1],),
                )
            )
        stopped = session.ended or (runs[-1].ended if runs else session.started)
        if stopped < now - RESUME_WINDOW:
            return None
        return StoppedSession(session, row[-2], runs, stopped)

    def last_segment_seq(self, session_id: str) -> int:
        """The highest segment `seq` recorded for a session (0 if none): where it goes on."""
        with self._read() as db:
            row = db.execute(
                "SELECT coalesce(max(seq), 0) FROM segments "
                "WHERE session = (SELECT key FROM sessions WHERE id = ?)",
                (session_id,),
            ).fetchone()
            return int(row[0])
