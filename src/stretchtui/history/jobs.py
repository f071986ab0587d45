"""The write transactions: each event of a session as one job the writer thread runs.

A job is a function of the writing connection, run inside BEGIN IMMEDIATE ...
COMMIT by the writer. Its values are taken when the event happens, so the job
does not look at the session again. The running totals are kept in step with
the rows they sum inside the same transaction.
"""

from __future__ import annotations

import os
import re
import socket
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from stretchtui.history.rows import offset_minutes, utc_text
from stretchtui.records import CheckIn, SegmentRun, SessionInfo, SessionResult

# A session in progress on another machine (a shared home over NFS) cannot be checked
# for life; after this long it has certainly ended.
FOREIGN_SESSION_TIMEOUT = timedelta(hours=24)

Job = Callable[[sqlite3.Connection], None]

# SQLite keeps text as UTF-8, which has no room for a lone surrogate (a YAML escape like
# "\ud800", or a file name that was not UTF-8); each one is kept as U+FFFD instead.
_SURROGATE = re.compile("[\ud800-\udfff]")


def storable(text: str) -> str:
    """`text` as SQLite can keep it: lone surrogates become the replacement character."""
    return _SURROGATE.sub("\ufffd", text)


def _storable(values: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(storable(value) if isinstance(value, str) else value for value in values)


PREVIEW = "preview"
"""The status of a session run at `--speed` other than 1: recorded, never counted."""


def start_job(info: SessionInfo, *, preview: bool = False) -> Job:
    routine = info.plan.routine
    started = info.started_at
    values = _storable(
        (
            info.session_id,
            routine.id,
            routine.name,
            routine.level.value,
            routine.digest,
            str(routine.path) if routine.path else None,
            utc_text(started),
            offset_minutes(started),
            started.date().isoformat(),
            float(info.planned_seconds),
            PREVIEW if preview else "in_progress",
            socket.gethostname(),
            os.getpid(),
        )
    )

    def write(db: sqlite3.Connection) -> None:
        inserted = db.execute(
            "INSERT OR IGNORE INTO sessions (id, routine_id, routine_name, level, "
            "routine_digest, routine_path, started_utc, utc_offset_min, local_date, "
            "planned_seconds, status, host, pid) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            values,
        ).rowcount
        if inserted and not preview:
            add_totals(db, day=values[8], level=values[3], sessions=1)

    return write


def resume_job(info: SessionInfo) -> Job:
    """Carry on an interrupted or ended-early session on its own record.

    Its status goes back to in progress (and out of the interrupted or ended-early
    count) until it ends again; it was counted as a session when it first began.
    """
    owner = (socket.gethostname(), os.getpid(), info.session_id)

    def write(db: sqlite3.Connection) -> None:
        row = db.execute(
            "SELECT level, local_date, status FROM sessions WHERE id = ?", (info.session_id,)
        ).fetchone()
        if row is None:
            start_job(info)(db)  # its row was lost (a history started afresh): a new one
            return
        level, day, was = row
        if was not in ("interrupted", "ended_early"):
            return
        db.execute(
            "UPDATE sessions SET status = 'in_progress', host = ?, pid = ? WHERE id = ?", owner
        )
        add_totals(
            db,
            day=day,
            level=level,
            interrupted=-int(was == "interrupted"),
            ended_early=-int(was == "ended_early"),
        )

    return write


def segment_values(session_id: str, seq: int, run: SegmentRun) -> tuple[Any, ...]:
    """A `segments` row for one run, in the column order of SEGMENT_INSERT."""
    segment = run.segment
    return _storable(
        (
            session_id,
            seq,
            segment.index,
            segment.kind.value,
            segment.name,
            segment.side.value if segment.side else None,
            segment.round,
            segment.stretch_number,
            ",".join(segment.areas),
            run.planned_seconds,
            run.active_seconds,
            run.paused_seconds,
            int(run.skipped),
            utc_text(run.started_at),
            utc_text(run.ended_at),
        )
    )


SEGMENT_INSERT = (
    "INSERT INTO segments (session_id, seq, segment_index, kind, name, side, "
    "round, stretch_number, areas, planned_seconds, active_seconds, paused_seconds, "
    "skipped, started_utc, ended_utc) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)


def segment_job(session_id: str, seq: int, run: SegmentRun) -> Job:
    segment = run.segment
    values = segment_values(session_id, seq, run)
    areas = segment.areas if segment.kind.is_work and run.active_seconds > 0 else ()

    def write(db: sqlite3.Connection) -> None:
        row = db.execute(
            "SELECT level, local_date, status FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        replaced = db.execute(
            "SELECT 1 FROM segments WHERE session_id = ? AND seq = ?", (session_id, seq)
        ).fetchone()
        if row is None or replaced is not None:
            return  # the session row was lost to an earlier failure, or this run is in already
        level, day, status = row
        db.execute(SEGMENT_INSERT, values)
        db.execute(
            "UPDATE sessions SET active_seconds = active_seconds + ?, "
            "paused_seconds = paused_seconds + ?, ended_utc = ? WHERE id = ?",
            (run.active_seconds, run.paused_seconds, values[14], session_id),
        )
        if status == PREVIEW:
            return  # what a preview ran is on its record, and in no total
        add_totals(db, day=day, level=level, active=run.active_seconds)
        for area in areas:
            db.execute(
                "INSERT INTO session_areas (session_id, area, seconds) VALUES (?, ?, ?) "
                "ON CONFLICT (session_id, area) DO UPDATE SET seconds = seconds + excluded.seconds",
                (session_id, storable(area), run.active_seconds),
            )
            db.execute(
                "INSERT INTO area_totals (area, seconds) VALUES (?, ?) "
                "ON CONFLICT (area) DO UPDATE SET seconds = seconds + excluded.seconds",
                (storable(area), run.active_seconds),
            )

    return write


def end_job(result: SessionResult) -> Job:
    values = (
        result.status.value,
        utc_text(result.ended_at),
        result.active_seconds,
        result.paused_seconds,
        result.info.session_id,
    )

    def write(db: sqlite3.Connection) -> None:
        status, ended, active, paused, session_id = values
        row = db.execute(
            "SELECT level, local_date, status, active_seconds FROM sessions WHERE id = ?",
            (session_id,),
        ).fetchone()
        if row is None:
            return
        level, day, was, recorded = row
        if was == PREVIEW:
            # However it ended, a preview stays one, and counts nowhere.
            db.execute(
                "UPDATE sessions SET ended_utc = ?, active_seconds = ?, paused_seconds = ? "
                "WHERE id = ?",
                values[1:],
            )
            return
        db.execute(
            "UPDATE sessions SET status = ?, ended_utc = ?, active_seconds = ?, "
            "paused_seconds = ? WHERE id = ?",
            values,
        )
        # A session wrongly given up for interrupted (its host renamed, say) that then
        # ends normally is counted as what it really was.
        finished = was in ("in_progress", "interrupted")
        add_totals(
            db,
            day=day,
            level=level,
            active=float(active) - float(recorded),
            completed=int(finished and status == "completed"),
            ended_early=int(finished and status == "ended_early"),
            interrupted=-int(was == "interrupted"),
        )

    return write


def checkin_job(session_id: str, checkin: CheckIn, answered: datetime) -> Job:
    values = (
        checkin.feeling.value if checkin.feeling else None,
        int(checkin.warning_signs),
        utc_text(answered),
        session_id,
    )

    def write(db: sqlite3.Connection) -> None:
        db.execute(
            "UPDATE sessions SET feeling = ?, warning_signs = ?, checkin_utc = ? WHERE id = ?",
            values,
        )

    return write


def add_totals(
    db: sqlite3.Connection,
    *,
    day: str,
    level: str,
    sessions: int = 0,
    completed: int = 0,
    ended_early: int = 0,
    interrupted: int = 0,
    active: float = 0.0,
) -> None:
    """Keep the running totals in step with the rows, inside the caller's transaction."""
    db.execute(
        "INSERT INTO day_totals (local_date, sessions, completed, active_seconds) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (local_date) DO UPDATE SET "
        "sessions = sessions + excluded.sessions, completed = completed + excluded.completed, "
        "active_seconds = active_seconds + excluded.active_seconds",
        (day, sessions, completed, active),
    )
    first = day if completed else None
    db.execute(
        "INSERT INTO level_totals (level, sessions, completed, ended_early, interrupted, "
        "active_seconds, first_completed, last_completed) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (level) DO UPDATE SET sessions = sessions + excluded.sessions, "
        "completed = completed + excluded.completed, "
        "ended_early = ended_early + excluded.ended_early, "
        "interrupted = interrupted + excluded.interrupted, "
        "active_seconds = active_seconds + excluded.active_seconds, "
        "first_completed = CASE WHEN excluded.first_completed IS NULL THEN first_completed "
        "WHEN first_completed IS NULL OR excluded.first_completed < first_completed "
        "THEN excluded.first_completed ELSE first_completed END, "
        "last_completed = CASE WHEN excluded.last_completed IS NULL THEN last_completed "
        "WHEN last_completed IS NULL OR excluded.last_completed > last_completed "
        "THEN excluded.last_completed ELSE last_completed END",
        (level, sessions, completed, ended_early, interrupted, active, first, first),
    )


def interrupt_abandoned(now: datetime) -> Job:
    """Sessions left in progress by a process that is gone become interrupted."""
    host = socket.gethostname()
    cutoff = utc_text(now - FOREIGN_SESSION_TIMEOUT)

    def write(db: sqlite3.Connection) -> None:
        rows = db.execute(
            "SELECT id, host, pid, started_utc FROM sessions WHERE status = 'in_progress'"
        ).fetchall()
        for session_id, owner_host, pid, started in rows:
            if owner_host == host:
                if _alive(int(pid)):
                    continue
            elif started > cutoff:
                continue
            changed = db.execute(
                "UPDATE sessions SET status = 'interrupted', ended_utc = coalesce("
                "(SELECT max(ended_utc) FROM segments WHERE session_id = sessions.id), "
                "ended_utc, started_utc) WHERE id = ? AND status = 'in_progress'",
                (session_id,),
            ).rowcount
            if changed:
                level, day = db.execute(
                    "SELECT level, local_date FROM sessions WHERE id = ?", (session_id,)
                ).fetchone()
                add_totals(db, day=day, level=level, interrupted=1)

    return write


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process with that id is running
    return True
