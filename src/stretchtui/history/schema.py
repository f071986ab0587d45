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

-- Stretching time per body area, kept up to date as segments end, so the
-- totals stay one small GROUP BY even with a hundred thousand sessions.
CREATE TABLE session_areas (
    session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    area        TEXT NOT NULL,
    seconds     REAL NOT NULL,
    PRIMARY KEY (session_id, area)
) WITHOUT ROWID;
CREATE INDEX session_areas_by_area ON session_areas (area, seconds);
"""


def _to_v1(connection: sqlite3.Connection) -> None:
    # executescript() would commit the open transaction first; one statement at a time keeps
    # the whole migration inside it.
    for statement in _V1.split(";"):
        lines = [line for line in statement.splitlines() if not line.lstrip().startswith("--")]
        if any(line.strip() for line in lines):
            connection.execute("\n".join(lines))


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_to_v1,)
SCHEMA_VERSION = len(MIGRATIONS)


class NewerSchema(Exception):
    """The file was written by a newer stretchtui; this one must not change it."""

    def __init__(self, found: int) -> None:
        super().__init__(found)
        self.found = found


def schema_version(connection: sqlite3.Connection) -> int:
    row = connection.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(connection: sqlite3.Connection) -> None:
    """Bring the file to SCHEMA_VERSION; raises NewerSchema if it is already past it.

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
            if version == SCHEMA_VERSION:
                connection.execute("COMMIT")
                return
            MIGRATIONS[version](connection)
            connection.execute(f"PRAGMA user_version = {version + 1}")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
