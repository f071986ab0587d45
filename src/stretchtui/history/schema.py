"""The history file's tables, and the migrations that bring an older file up to date.

The version lives in `PRAGMA user_version`. Each migration is one function that
takes the file from version N-1 to N; all the steps a file needs run inside one
transaction, so a file is never left half migrated: stopped at any point, it is
the old file, whole.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from stretchtui.history.progress import Progress

_V1 = """
CREATE TABLE sessions (
    id               TEXT PRIMARY KEY,
    routine_id       TEXT NOT NULL,
    routine_name     TEXT NOT NULL,
    level            TEXT NOT NULL,
    routine_digest   TEXT NOT NULL,
    routine_path     TEXT,
    started_utc      TEXT NOT NULL,
    utc_offset_min   INTEGER NOT NULL,
    local_date       TEXT NOT NULL,
    ended_utc        TEXT,
    planned_seconds  REAL NOT NULL,
    active_seconds   REAL NOT NULL DEFAULT 0,
    paused_seconds   REAL NOT NULL DEFAULT 0,
    status           TEXT NOT NULL,
    feeling          TEXT,
    warning_signs    INTEGER,
    checkin_utc      TEXT,
    host             TEXT NOT NULL DEFAULT '',
    pid              INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_by_start ON sessions (started_utc);
CREATE INDEX sessions_by_day ON sessions (status, local_date, active_seconds);
CREATE INDEX sessions_by_level ON sessions (level, status, active_seconds);
CREATE INDEX sessions_by_checkin ON sessions (checkin_utc) WHERE checkin_utc IS NOT NULL;

CREATE TABLE segments (
    session_id      TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    segment_index   INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    name            TEXT NOT NULL,
    side            TEXT,
    round           INTEGER NOT NULL,
    stretch_number  INTEGER,
    areas           TEXT NOT NULL,
    planned_seconds REAL NOT NULL,
    active_seconds  REAL NOT NULL,
    paused_seconds  REAL NOT NULL,
    skipped         INTEGER NOT NULL,
    started_utc     TEXT NOT NULL,
    ended_utc       TEXT NOT NULL,
    PRIMARY KEY (session_id, seq)
) WITHOUT ROWID;

-- Stretching time per body area in each session, added to as segments end.
CREATE TABLE session_areas (
    session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    area        TEXT NOT NULL,
    seconds     REAL NOT NULL,
    PRIMARY KEY (session_id, area)
) WITHOUT ROWID;
CREATE INDEX session_areas_by_area ON session_areas (area, seconds);
"""


# Version 2: running totals per day, level and body area, kept in the same transaction as
# the rows they sum, so stats stay a few dozen rows to read at any history size (grouping
# 100 000 sessions on every open took most of a second). Filled from the rows on the way up.
_V2_TABLES = """
CREATE TABLE day_totals (
    local_date      TEXT PRIMARY KEY,
    sessions        INTEGER NOT NULL DEFAULT 0,
    completed       INTEGER NOT NULL DEFAULT 0,
    active_seconds  REAL NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE level_totals (
    level           TEXT PRIMARY KEY,
    sessions        INTEGER NOT NULL DEFAULT 0,
    completed       INTEGER NOT NULL DEFAULT 0,
    ended_early     INTEGER NOT NULL DEFAULT 0,
    interrupted     INTEGER NOT NULL DEFAULT 0,
    active_seconds  REAL NOT NULL DEFAULT 0,
    first_completed TEXT,
    last_completed  TEXT
) WITHOUT ROWID;
CREATE TABLE area_totals (
    area            TEXT PRIMARY KEY,
    seconds         REAL NOT NULL DEFAULT 0
) WITHOUT ROWID
"""
_V2_INDEXES = """
DROP INDEX sessions_by_day;
DROP INDEX sessions_by_level;
DROP INDEX sessions_by_checkin;
CREATE INDEX sessions_with_checkin ON sessions (local_date, started_utc)
    WHERE checkin_utc IS NOT NULL;
CREATE INDEX sessions_in_progress ON sessions (status) WHERE status = 'in_progress';
CREATE INDEX sessions_with_warning_signs ON sessions (local_date) WHERE warning_signs = 1
"""


# The running totals of version 2, summed from the rows of a version-1 file (`old`, `new`:
# the schema prefixes of where they are read and written, "" for the same file).
_V2_TOTALS = """
INSERT INTO {new}day_totals
    SELECT local_date, count(*), sum(status = 'completed'), sum(active_seconds)
    FROM {old}sessions GROUP BY local_date;
INSERT INTO {new}level_totals
    SELECT level, count(*), sum(status = 'completed'), sum(status = 'ended_early'),
           sum(status = 'interrupted'), sum(active_seconds),
           min(CASE WHEN status = 'completed' THEN local_date END),
           max(CASE WHEN status = 'completed' THEN local_date END)
    FROM {old}sessions GROUP BY level;
INSERT INTO {new}area_totals SELECT area, sum(seconds) FROM {old}session_areas GROUP BY area
"""


def v2_totals(old: str = "", new: str = "") -> list[str]:
    """The statements that fill the version-2 totals in `new` from the rows in `old`."""
    return _statements(_V2_TOTALS.format(old=old, new=new))


# Version 3: reminders, one row per time one was shown and how it was answered (started,
# snoozed, skipped, missed, or open), so adherence is one query over a small table.
_V3 = """
CREATE TABLE reminders (
    id              TEXT PRIMARY KEY,
    shown_utc       TEXT NOT NULL,
    utc_offset_min  INTEGER NOT NULL,
    local_date      TEXT NOT NULL,
    routine_id      TEXT,
    outcome         TEXT,
    answered_utc    TEXT,
    follow_until    TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX reminders_by_day ON reminders (local_date)
"""


# Version 4: the same history in a third of the space (issue 12: a segment row was 150 bytes,
# most of it the session's id, the step's name and areas, and two text timestamps).
# - sessions get an integer key, which the segments refer to instead of the 32-character id;
# - a routine's id, name, level, digest and path are kept once, in `routines`;
# - a segment's kind, name, side and areas are kept once, in `steps`;
# - times are integers: a session's in milliseconds since 1970 (UTC), a segment's in
#   milliseconds after its session's start, and a segment's durations in milliseconds;
# - session_areas goes: nothing read it (area_totals holds the sums, kept as segments end).
# The view `session_rows` puts a session back together for reading.
_V4_TABLES = """
DROP INDEX sessions_by_start;
DROP INDEX sessions_with_checkin;
DROP INDEX sessions_in_progress;
DROP INDEX sessions_with_warning_signs;
DROP INDEX session_areas_by_area;
ALTER TABLE sessions RENAME TO v3_sessions;
ALTER TABLE segments RENAME TO v3_segments;
CREATE TABLE routines (
    key             INTEGER PRIMARY KEY,
    routine_id      TEXT NOT NULL,
    routine_name    TEXT NOT NULL,
    level           TEXT NOT NULL,
    routine_digest  TEXT NOT NULL,
    routine_path    TEXT NOT NULL,   -- '' for none, so that UNIQUE holds
    UNIQUE (routine_id, routine_name, level, routine_digest, routine_path)
);
CREATE TABLE sessions (
    key              INTEGER PRIMARY KEY,
    id               TEXT NOT NULL UNIQUE,
    routine          INTEGER NOT NULL REFERENCES routines (key),
    started_ms       INTEGER NOT NULL,
    utc_offset_min   INTEGER NOT NULL,
    local_date       TEXT NOT NULL,
    ended_ms         INTEGER,
    planned_seconds  REAL NOT NULL,
    active_seconds   REAL NOT NULL DEFAULT 0,
    paused_seconds   REAL NOT NULL DEFAULT 0,
    status           TEXT NOT NULL,
    feeling          TEXT,
    warning_signs    INTEGER,
    checkin_ms       INTEGER,
    host             TEXT NOT NULL DEFAULT '',
    pid              INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE steps (
    key             INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,
    name            TEXT NOT NULL,
    side            TEXT NOT NULL,   -- '' for none, so that UNIQUE holds
    areas           TEXT NOT NULL,
    UNIQUE (kind, name, side, areas)
);
CREATE TABLE segments (
    session         INTEGER NOT NULL REFERENCES sessions (key),
    seq             INTEGER NOT NULL,
    segment_index   INTEGER NOT NULL,
    step            INTEGER NOT NULL REFERENCES steps (key),
    round           INTEGER NOT NULL,
    stretch_number  INTEGER,
    planned_ms      INTEGER NOT NULL,
    active_ms       INTEGER NOT NULL,
    paused_ms       INTEGER NOT NULL,
    skipped         INTEGER NOT NULL,
    start_ms        INTEGER NOT NULL,
    end_ms          INTEGER NOT NULL,
    PRIMARY KEY (session, seq)
) WITHOUT ROWID;
CREATE VIEW session_rows AS
    SELECT s.key, s.id, s.routine, r.routine_id, r.routine_name, r.level, r.routine_digest,
           nullif(r.routine_path, '') AS routine_path, s.started_ms, s.utc_offset_min,
           s.local_date, s.ended_ms, s.planned_seconds, s.active_seconds, s.paused_seconds,
           s.status, s.feeling, s.warning_signs, s.checkin_ms, s.host, s.pid
    FROM sessions s JOIN routines r ON r.key = s.routine
"""


def text_to_ms(column: str) -> str:
    """SQL turning `column`, a version-3 UTC text time, into milliseconds since 1970.

    julianday() reads our fixed-width UTC text (its trailing Z too) to the
    millisecond, which is all a timestamp of a stretch needs.
    """
    return f"CAST(round((julianday({column}) - 2440587.5) * 86400000.0) AS INTEGER)"


# Filling the version-4 tables from a version-3 file's sessions and segments: in place (the
# old tables renamed) or from another file (`old_sessions`, `old_segments`: where they are
# read; `new`: the schema prefix of where they are written, "" for the same file).
_V4_DISTINCT = """
INSERT INTO {new}routines (routine_id, routine_name, level, routine_digest, routine_path)
    SELECT DISTINCT routine_id, routine_name, level, routine_digest, coalesce(routine_path, '')
    FROM {old_sessions};
INSERT INTO {new}steps (kind, name, side, areas)
    SELECT DISTINCT kind, name, coalesce(side, ''), areas FROM {old_segments}
"""

_V4_SESSIONS = f"""
INSERT INTO {{new}}sessions (id, routine, started_ms, utc_offset_min, local_date, ended_ms,
    planned_seconds, active_seconds, paused_seconds, status, feeling, warning_signs,
    checkin_ms, host, pid)
SELECT o.id, r.key, {text_to_ms("o.started_utc")}, o.utc_offset_min, o.local_date,
    {text_to_ms("o.ended_utc")}, o.planned_seconds, o.active_seconds, o.paused_seconds,
    o.status, o.feeling, o.warning_signs, {text_to_ms("o.checkin_utc")}, o.host, o.pid
FROM {{old_sessions}} o JOIN {{new}}routines r ON r.routine_id = o.routine_id
    AND r.routine_name = o.routine_name AND r.level = o.level
    AND r.routine_digest = o.routine_digest AND r.routine_path = coalesce(o.routine_path, '')
ORDER BY o.started_utc, o.id
"""

# One batch of sessions (by key) at a time, in key order, so the segments go in at the end
# of their table (packed pages, no sorting) and progress can be told between batches.
_V4_SEGMENTS = f"""
INSERT INTO {{new}}segments (session, seq, segment_index, step, round, stretch_number,
    planned_ms, active_ms, paused_ms, skipped, start_ms, end_ms)
SELECT s.key, g.seq, g.segment_index, t.key, g.round, g.stretch_number,
    CAST(round(g.planned_seconds * 1000) AS INTEGER),
    CAST(round(g.active_seconds * 1000) AS INTEGER),
    CAST(round(g.paused_seconds * 1000) AS INTEGER), g.skipped,
    {text_to_ms("g.started_utc")} - s.started_ms, {text_to_ms("g.ended_utc")} - s.started_ms
FROM {{new}}sessions s JOIN {{old_segments}} g ON g.session_id = s.id
    JOIN {{new}}steps t ON t.kind = g.kind AND t.name = g.name AND t.side = coalesce(g.side, '')
        AND t.areas = g.areas
WHERE s.key > ? AND s.key <= ?
ORDER BY s.key, g.seq
"""

_V4_FINISH = """
DROP TABLE v3_segments;
DROP TABLE session_areas;
DROP TABLE v3_sessions;
CREATE INDEX sessions_by_start ON sessions (started_ms);
CREATE INDEX sessions_with_checkin ON sessions (local_date, started_ms)
    WHERE checkin_ms IS NOT NULL;
CREATE INDEX sessions_in_progress ON sessions (status) WHERE status = 'in_progress';
CREATE INDEX sessions_with_warning_signs ON sessions (local_date) WHERE warning_signs = 1
"""

MIGRATION_BATCH = 5000
"""Sessions whose segments are carried over between two progress reports."""


def _statements(script: str) -> list[str]:
    # executescript() would commit the open transaction first; one statement at a time keeps
    # the whole migration inside it.
    statements = []
    for statement in script.split(";"):
        lines = [line for line in statement.splitlines() if not line.lstrip().startswith("--")]
        if any(line.strip() for line in lines):
            statements.append("\n".join(lines))
    return statements


def _to_v1(connection: sqlite3.Connection, progress: Progress | None = None) -> None:
    for statement in _statements(_V1):
        connection.execute(statement)


def _to_v2(connection: sqlite3.Connection, progress: Progress | None = None) -> None:
    for statement in _statements(_V2_TABLES) + v2_totals() + _statements(_V2_INDEXES):
        connection.execute(statement)


def _to_v3(connection: sqlite3.Connection, progress: Progress | None = None) -> None:
    for statement in _statements(_V3):
        connection.execute(statement)


# Pages the version-4 migration may keep in memory (KiB, as a negative cache_size): the
# whole transaction at 100 000 sessions, so dropping the old tables and committing do not
# spill pages to the file twice. Given back afterwards.
_V4_CACHE_KIB = 131072


def _to_v4(connection: sqlite3.Connection, progress: Progress | None = None) -> None:
    cache = connection.execute("PRAGMA cache_size").fetchone()[0]
    connection.execute(f"PRAGMA cache_size = {-_V4_CACHE_KIB}")
    try:
        _rewrite_v4(connection, progress)
    finally:
        connection.execute(f"PRAGMA cache_size = {int(cache)}")


def _rewrite_v4(connection: sqlite3.Connection, progress: Progress | None) -> None:
    for statement in _statements(_V4_TABLES):
        connection.execute(statement)
    fill_v4(connection, progress, old_sessions="v3_sessions", old_segments="v3_segments")
    for statement in _statements(_V4_FINISH):
        connection.execute(statement)


def fill_v4(
    connection: sqlite3.Connection,
    progress: Progress | None,
    *,
    old_sessions: str,
    old_segments: str,
    new: str = "",
) -> None:
    """Carry a version-3 file's sessions and segments into empty version-4 tables.

    The new sessions' keys follow their start; the segments go in batch by batch, with
    `progress` told (0, total) once the sessions are in and (done, total) after each batch.
    """
    names = {"old_sessions": old_sessions, "old_segments": old_segments, "new": new}
    for statement in _statements(_V4_DISTINCT.format(**names)):
        connection.execute(statement)
    connection.execute(_V4_SESSIONS.format(**names))
    total = int(connection.execute(f"SELECT count(*) FROM {new}sessions").fetchone()[0])
    if progress is not None:
        progress(0, total)  # the steps are listed: a second or two at 100 000 sessions
    segments = _V4_SEGMENTS.format(**names)
    done = 0
    while done < total:
        # Keys are 1..total: the table was empty before the sessions went in.
        upto = min(done + MIGRATION_BATCH, total)
        connection.execute(segments, (done, upto))
        done = upto
        if progress is not None:
            progress(done, total)


Migration = Callable[[sqlite3.Connection, Progress | None], None]
MIGRATIONS: tuple[Migration, ...] = (_to_v1, _to_v2, _to_v3, _to_v4)
SCHEMA_VERSION = len(MIGRATIONS)


class NewerSchema(Exception):
    """The file was written by a newer stretchtui; this one must not change it."""

    def __init__(self, found: int) -> None:
        super().__init__(found)
        self.found = found


def schema_version(connection: sqlite3.Connection) -> int:
    row = connection.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(
    connection: sqlite3.Connection,
    target: int = SCHEMA_VERSION,
    progress: Progress | None = None,
) -> int:
    """Bring the file to `target` (normally SCHEMA_VERSION); raises NewerSchema past that.

    Returns the version the file had. The connection must be in autocommit mode
    (isolation_level=None): every step runs inside one BEGIN IMMEDIATE, so two
    processes opening a fresh file at once cannot both create the tables, and a
    migration stopped part-way (a kill, a full disk) leaves the file as it was.
    `progress` hears of the long steps as (done, total).
    """
    connection.execute("BEGIN IMMEDIATE")
    try:
        found = version = schema_version(connection)
        if version > SCHEMA_VERSION:
            raise NewerSchema(version)
        while version < target:
            MIGRATIONS[version](connection, progress)
            version += 1
        if version != found:
            connection.execute(f"PRAGMA user_version = {version}")
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    return found
