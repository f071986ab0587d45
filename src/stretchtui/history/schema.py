"""The history file's tables, and the migrations that bring an older file up to date.

The version lives in `PRAGMA user_version`. Each migration is one function that
takes the file from version N-1 to N inside one transaction, so a file is never
left half migrated.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

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
_V2 = """
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
) WITHOUT ROWID;
INSERT INTO day_totals
    SELECT local_date, count(*), sum(status = 'completed'), sum(active_seconds)
    FROM sessions GROUP BY local_date;
INSERT INTO level_totals
    SELECT level, count(*), sum(status = 'completed'), sum(status = 'ended_early'),
           sum(status = 'interrupted'), sum(active_seconds),
           min(CASE WHEN status = 'completed' THEN local_date END),
           max(CASE WHEN status = 'completed' THEN local_date END)
    FROM sessions GROUP BY level;
INSERT INTO area_totals SELECT area, sum(seconds) FROM session_areas GROUP BY area;
DROP INDEX sessions_by_day;
DROP INDEX sessions_by_level;
DROP INDEX sessions_by_checkin;
CREATE INDEX sessions_with_checkin ON sessions (local_date, started_utc)
    WHERE checkin_utc IS NOT NULL;
CREATE INDEX sessions_in_progress ON sessions (status) WHERE status = 'in_progress';
CREATE INDEX sessions_with_warning_signs ON sessions (local_date) WHERE warning_signs = 1
"""


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


def _statements(script: str) -> list[str]:
    # executescript() would commit the open transaction first; one statement at a time keeps
    # the whole migration inside it.
    statements = []
    for statement in script.split(";"):
        lines = [line for line in statement.splitlines() if not line.lstrip().startswith("--")]
        if any(line.strip() for line in lines):
            statements.append("\n".join(lines))
    return statements


def _to_v1(connection: sqlite3.Connection) -> None:
    for statement in _statements(_V1):
        connection.execute(statement)


def _to_v2(connection: sqlite3.Connection) -> None:
    for statement in _statements(_V2):
        connection.execute(statement)


def _to_v3(connection: sqlite3.Connection) -> None:
    for statement in _statements(_V3):
        connection.execute(statement)


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_to_v1, _to_v2, _to_v3)
SCHEMA_VERSION = len(MIGRATIONS)


class NewerSchema(Exception):
    """The file was written by a newer stretchtui; this one must not change it."""

    def __init__(self, found: int) -> None:
        super().__init__(found)
        self.found = found


def schema_version(connection: sqlite3.Connection) -> int:
    row = connection.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(connection: sqlite3.Connection, target: int = SCHEMA_VERSION) -> None:
    """Bring the file to `target` (normally SCHEMA_VERSION); raises NewerSchema past that.

    The connection must be in autocommit mode (isolation_level=None): each step
    runs in its own BEGIN IMMEDIATE so two processes opening a fresh file at
    once cannot both create the tables.
    """
    while True:
        connection.execute("BEGIN IMMEDIATE")
        try:
            version = schema_version(connection)
            if version > SCHEMA_VERSION:
                raise NewerSchema(version)
            if version >= target:
                connection.execute("COMMIT")
                return
            MIGRATIONS[version](connection)
            connection.execute(f"PRAGMA user_version = {version + 1}")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
