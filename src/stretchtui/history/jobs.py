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
from datetime import datetime
from typing import Any

from stretchtui.history.abandoned import is_abandoned
from stretchtui.history.rows import offset_minutes, to_ms
from stretchtui.records import CheckIn, SegmentRun, SessionInfo, SessionResult

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


def routine_key(db: sqlite3.Connection, routine: tuple[str, str, str, str, str]) -> int:
    """The key of (id, name, level, digest, path or '') in `routines`, added if new."""
    row = db.execute(
        "SELECT key FROM routines WHERE routine_id = ? AND routine_name = ? AND level = ? "
        "AND routine_digest = ? AND routine_path = ?",
        routine,
    ).fetchone()
    if row is not None:
        return int(row[0])
    return int(
        db.execute(
            "INSERT INTO routines (routine_id, routine_name, level, routine_digest, "
            "routine_path) VALUES (?,?,?,?,?)",
            routine,
        ).lastrowid
        or 0
    )


def step_key(db: sqlite3.Connection, step: tuple[str, str, str, str]) -> int:
    """The key of (kind, name, side or '', areas) in `steps`, added if new."""
    row = db.execute(
        "SELECT key FROM steps WHERE kind = ? AND name = ? AND side = ? AND areas = ?", step
    ).fetchone()
    if row is not None:
        return int(row[0])
    return int(
        db.execute("INSERT INTO steps (kind, name, side, areas) VALUES (?,?,?,?)", step).lastrowid
        or 0
    )


SESSION_INSERT = (
    "INSERT OR IGNORE INTO sessions (id, routine, started_ms, utc_offset_min, local_date, "
    "ended_ms, planned_seconds, active_seconds, paused_seconds, status, feeling, "
    "warning_signs, checkin_ms, host, pid) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)
"""A whole session row (writing and importing share it)."""


def start_job(info: SessionInfo, *, preview: bool = False) -> Job:
    routine = info.plan.routine
    started = info.started_at
    day = started.date().isoformat()
    level = routine.level.value
    names = _storable(
        (
            routine.id,
            routine.name,
            level,
            routine.digest,
            str(routine.path) if routine.path else "",
        )
    )
    values = (
        info.session_id,
        to_ms(started),
        offset_minutes(started),
        day,
        None,
        float(info.planned_seconds),
        0.0,
        0.0,
        PREVIEW if preview else "in_progress",
        None,
        None,
        None,
        storable(socket.gethostname()),
        os.getpid(),
    )

    def write(db: sqlite3.Connection) -> None:
        key = routine_key(db, names)
        inserted = db.execute(SESSION_INSERT, (values[0], key, *values[1:])).rowcount
        if inserted and not preview:
            add_totals(db, day=day, level=level, sessions=1)

    return write


def resume_job(info: SessionInfo) -> Job:
    """Carry on an interrupted or ended-early session on its own record.

    Its status goes back to in progress (and out of the interrupted or ended-early
    count) until it ends again; it was counted as a session when it first began.
    """
    owner = (socket.gethostname(), os.getpid(), info.session_id)

    def write(db: sqlite3.Connection) -> None:
        row = db.execute(
            "SELECT level, local_date, status FROM session_rows WHERE id = ?", (info.session_id,)
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


def _milliseconds(seconds: float) -> int:
    return round(seconds * 1000)


def segment_job(session_id: str, seq: int, run: SegmentRun) -> Job:
    segment = run.segment
    step = _storable(
        (
            segment.kind.value,
            segment.name,
            segment.side.value if segment.side else "",
            ",".join(segment.areas),
        )
    )
    started, ended = to_ms(run.started_at), to_ms(run.ended_at)
    numbers = (
        segment.index,
        segment.round,
        segment.stretch_number,
        _milliseconds(run.planned_seconds),
        _milliseconds(run.active_seconds),
        _milliseconds(run.paused_seconds),
        int(run.skipped),
    )
    areas = segment.areas if segment.kind.is_work and run.active_seconds > 0 else ()

    def write(db: sqlite3.Connection) -> None:
        row = db.execute(
            "SELECT key, started_ms, level, local_date, status FROM session_rows WHERE id = ?",
            (session_id,),
        ).fetchone()
        if row is None:
            return  # the session row was lost to an earlier failure
        key, began, level, day, status = row
        replaced = db.execute(
            "SELECT 1 FROM segments WHERE session = ? AND seq = ?", (key, seq)
        ).fetchone()
        if replaced is not None:
            return  # this run is in already
        db.execute(
            "INSERT INTO segments (session, seq, segment_index, step, round, stretch_number, "
            "planned_ms, active_ms, paused_ms, skipped, start_ms, end_ms) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                key,
                seq,
                numbers[0],
                step_key(db, step),
                *numbers[1:],
                started - began,
                ended - began,
            ),
        )
        db.execute(
            "UPDATE sessions SET active_seconds = active_seconds + ?, "
            "paused_seconds = paused_seconds + ?, ended_ms = ? WHERE key = ?",
            (run.active_seconds, run.paused_seconds, ended, key),
        )
        if status == PREVIEW:
            return  # what a preview ran is on its record, and in no total
        add_totals(db, day=day, level=level, active=run.active_seconds)
        for area in areas:
            db.execute(
                "INSERT INTO area_totals (area, seconds) VALUES (?, ?) "
                "ON CONFLICT (area) DO UPDATE SET seconds = seconds + excluded.seconds",
                (storable(area), run.active_seconds),
            )

    return write


def end_job(result: SessionResult) -> Job:
    values = (
        result.status.value,
        to_ms(result.ended_at),
        result.active_seconds,
        result.paused_seconds,
        result.info.session_id,
    )

    def write(db: sqlite3.Connection) -> None:
        status, ended, active, paused, session_id = values
        row = db.execute(
            "SELECT level, local_date, status, active_seconds FROM session_rows WHERE id = ?",
            (session_id,),
        ).fetchone()
        if row is None:
            return
        level, day, was, recorded = row
        if was == PREVIEW:
            # However it ended, a preview stays one, and counts nowhere.
            db.execute(
                "UPDATE sessions SET ended_ms = ?, active_seconds = ?, paused_seconds = ? "
                "WHERE id = ?",
                values[1:],
            )
            return
        db.execute(
            "UPDATE sessions SET status = ?, ended_ms = ?, active_seconds = ?, "
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
        to_ms(answered),
        session_id,
    )

    def write(db: sqlite3.Connection) -> None:
        db.execute(
            "UPDATE sessions SET feeling = ?, warning_signs = ?, checkin_ms = ? WHERE id = ?",
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
    now_ms = to_ms(now)

    def write(db: sqlite3.Connection) -> None:
        rows = db.execute(
            "SELECT key, host, pid, started_ms FROM sessions WHERE status = 'in_progress'"
        ).fetchall()
        for key, owner_host, pid, started in rows:
            if not is_abandoned(owner_host, int(pid), started, host, now_ms):
                continue
            changed = db.execute(
                "UPDATE sessions SET status = 'interrupted', ended_ms = coalesce("
                "started_ms + (SELECT max(end_ms) FROM segments WHERE session = sessions.key), "
                "ended_ms, started_ms) WHERE key = ? AND status = 'in_progress'",
                (key,),
            ).rowcount
            if changed:
                level, day = db.execute(
                    "SELECT level, local_date FROM session_rows WHERE key = ?", (key,)
                ).fetchone()
                add_totals(db, day=day, level=level, interrupted=1)

    return write
