"""The session history in SQLite: written as a session happens, read by the screens and the CLI.

Writes go through one writer thread so the screen never waits on the disk.
Each event (a session starting, a segment ending, the session ending, a
check-in) is its own committed transaction, and a new event is handed over only
once the one before it is written, so a process killed at any moment loses at
most the event that was being written.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import queue
import socket
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from stretchtui.history.schema import SCHEMA_VERSION, NewerSchema, migrate, schema_version
from stretchtui.records import CheckIn, Feeling, SegmentRun, SessionInfo, SessionResult

BUSY_TIMEOUT_MS = 5000
# A session in progress on another machine (a shared home over NFS) cannot be checked
# for life; after this long it has certainly ended.
FOREIGN_SESSION_TIMEOUT = timedelta(hours=24)

Job = Callable[[sqlite3.Connection], None]


class HistoryUnreadable(Exception):
    """The history file could not be read; the message says which file and why."""


@dataclass(frozen=True)
class SessionRow:
    id: str
    routine_id: str
    routine_name: str
    level: str
    started: datetime  # local time, with the offset the session started in
    ended: datetime | None
    local_date: date
    planned_seconds: float
    active_seconds: float
    paused_seconds: float
    status: str
    feeling: Feeling | None
    warning_signs: bool | None
    routine_digest: str = ""


@dataclass(frozen=True)
class SegmentRow:
    seq: int
    kind: str
    name: str
    side: str | None
    round: int
    stretch_number: int | None
    areas: tuple[str, ...]
    planned_seconds: float
    active_seconds: float
    paused_seconds: float
    skipped: bool


@dataclass(frozen=True)
class SessionDetail:
    session: SessionRow
    segments: tuple[SegmentRow, ...]


@dataclass(frozen=True)
class DayTotal:
    day: date
    sessions: int
    completed: int
    active_seconds: float


@dataclass(frozen=True)
class LevelTotal:
    level: str
    sessions: int
    completed: int
    active_seconds: float
    first_completed: date | None
    last_completed: date | None


@dataclass(frozen=True)
class CheckInRow:
    session_id: str
    level: str
    local_date: date
    feeling: Feeling | None
    warning_signs: bool


def utc_text(moment: datetime) -> str:
    """A fixed-width UTC timestamp, so text order is time order."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_utc(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def offset_minutes(moment: datetime) -> int:
    offset = moment.utcoffset()
    return 0 if offset is None else int(offset.total_seconds() // 60)


def _local(utc: str, minutes: int) -> datetime:
    return parse_utc(utc).astimezone(timezone(timedelta(minutes=minutes)))


_SESSION_COLUMNS = (
    "id, routine_id, routine_name, level, started_utc, utc_offset_min, local_date, ended_utc, "
    "planned_seconds, active_seconds, paused_seconds, status, feeling, warning_signs, "
    "routine_digest"
)


def _session_row(row: tuple[Any, ...]) -> SessionRow:
    offset = int(row[5])
    return SessionRow(
        id=row[0],
        routine_id=row[1],
        routine_name=row[2],
        level=row[3],
        started=_local(row[4], offset),
        ended=_local(row[7], offset) if row[7] else None,
        local_date=date.fromisoformat(row[6]),
        planned_seconds=float(row[8]),
        active_seconds=float(row[9]),
        paused_seconds=float(row[10]),
        status=row[11],
        feeling=_feeling(row[12]),
        warning_signs=None if row[13] is None else bool(row[13]),
        routine_digest=row[14],
    )


def _feeling(value: object) -> Feeling | None:
    try:
        return Feeling(str(value)) if value is not None else None
    except ValueError:
        return None


class HistoryStore:
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
        self._warning = warning
        self._writer = writer
        self._reader = reader
        self._write_lock = threading.Lock()
        # An in-memory store has one connection for both, so one lock must guard both.
        self._read_lock = self._write_lock if reader is writer else threading.Lock()
        self._jobs: queue.Queue[Job | None] = queue.Queue()
        self._seq: dict[str, int] = {}
        self._current: str | None = None
        self._closed = False
        self._thread = threading.Thread(target=self._write_loop, name="history-writer", daemon=True)
        self._thread.start()
        # Writes queued when the program exits without close() must still reach the file.
        atexit.register(self.close)

    @property
    def warning(self) -> str | None:
        return self._warning

    # ------------------------------------------------------------ writing (SessionObserver)

    def session_started(self, info: SessionInfo) -> None:
        routine = info.plan.routine
        started = info.started_at
        values = (
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
            "in_progress",
            socket.gethostname(),
            os.getpid(),
        )
        self._seq[info.session_id] = 0
        self._current = info.session_id

        def write(db: sqlite3.Connection) -> None:
            inserted = db.execute(
                "INSERT OR IGNORE INTO sessions (id, routine_id, routine_name, level, "
                "routine_digest, routine_path, started_utc, utc_offset_min, local_date, "
                "planned_seconds, status, host, pid) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                values,
            ).rowcount
            if inserted:
                _add_totals(db, day=values[8], level=values[3], sessions=1)

        self._submit(write)

    def segment_ended(self, run: SegmentRun) -> None:
        # A store serves one session at a time: the runs belong to the one started last.
        session_id = self._current
        if session_id is None:
            return
        seq = self._seq.get(session_id, 0) + 1
        self._seq[session_id] = seq
        self._submit(_segment_job(session_id, seq, run))

    def session_ended(self, result: SessionResult) -> None:
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
            db.execute(
                "UPDATE sessions SET status = ?, ended_utc = ?, active_seconds = ?, "
                "paused_seconds = ? WHERE id = ?",
                values,
            )
            # A session wrongly given up for interrupted (its host renamed, say) that then
            # ends normally is counted as what it really was.
            finished = was in ("in_progress", "interrupted")
            _add_totals(
                db,
                day=day,
                level=level,
                active=float(active) - float(recorded),
                completed=int(finished and status == "completed"),
                ended_early=int(finished and status == "ended_early"),
                interrupted=-int(was == "interrupted"),
            )

        self._submit(write)

    def save_checkin(self, session_id: str, checkin: CheckIn) -> None:
        values = (
            checkin.feeling.value if checkin.feeling else None,
            int(checkin.warning_signs),
            utc_text(datetime.now(UTC)),
            session_id,
        )

        def write(db: sqlite3.Connection) -> None:
            db.execute(
                "UPDATE sessions SET feeling = ?, warning_signs = ?, checkin_utc = ? WHERE id = ?",
                values,
            )

        self._submit(write)

    def flush(self) -> None:
        """Wait until everything handed over so far is written (or has failed)."""
        if not self._closed:
            self._jobs.join()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        atexit.unregister(self.close)
        self._jobs.put(None)
        self._thread.join()
        with self._read_lock:
            self._reader.close()
        if self._writer is not self._reader:
            self._writer.close()

    # ------------------------------------------------------------ reading

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
        sql = f"SELECT {_SESSION_COLUMNS} FROM sessions"
        params: list[object] = []
        if since is not None:
            sql += " WHERE local_date >= ?"
            params.append(since.isoformat())
        sql += " ORDER BY started_utc DESC"
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            params.extend((-1 if limit is None else limit, offset))
        with self._read() as db:
            return [_session_row(row) for row in db.execute(sql, params)]

    def last_session(self) -> SessionRow | None:
        rows = self.sessions(limit=1)
        return rows[0] if rows else None

    def session_detail(self, session_id: str) -> SessionDetail | None:
        with self._read() as db:
            row = db.execute(
                f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,)
            ).fetchone()
            if row is None:
                return None
            segments = tuple(
                SegmentRow(
                    seq=int(r[0]),
                    kind=r[1],
                    name=r[2],
                    side=r[3],
                    round=int(r[4]),
                    stretch_number=r[5],
                    areas=tuple(a for a in r[6].split(",") if a),
                    planned_seconds=float(r[7]),
                    active_seconds=float(r[8]),
                    paused_seconds=float(r[9]),
                    skipped=bool(r[10]),
                )
                for r in db.execute(
                    "SELECT seq, kind, name, side, round, stretch_number, areas, "
                    "planned_seconds, active_seconds, paused_seconds, skipped "
                    "FROM segments WHERE session_id = ? ORDER BY seq",
                    (session_id,),
                )
            )
            return SessionDetail(_session_row(row), segments)

    def day_totals(self) -> list[DayTotal]:
        """Per local day: sessions started, sessions completed and active seconds."""
        with self._read() as db:
            return [
                DayTotal(date.fromisoformat(day), int(count), int(done), float(active))
                for day, count, done, active in db.execute(
                    "SELECT local_date, sessions, completed, active_seconds FROM day_totals "
                    "ORDER BY local_date"
                )
            ]

    def status_counts(self) -> dict[str, int]:
        with self._read() as db:
            row = db.execute(
                "SELECT sum(sessions), sum(completed), sum(ended_early), sum(interrupted) "
                "FROM level_totals"
            ).fetchone()
        sessions, completed, ended_early, interrupted = (int(value or 0) for value in row)
        counts = {
            "completed": completed,
            "ended_early": ended_early,
            "interrupted": interrupted,
            "in_progress": sessions - completed - ended_early - interrupted,
        }
        return {status: count for status, count in counts.items() if count}

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
                for level, count, done, active, first, last in db.execute(
                    "SELECT level, sessions, completed, active_seconds, first_completed, "
                    "last_completed FROM level_totals WHERE sessions > 0 ORDER BY level"
                )
            ]

    def area_totals(self) -> dict[str, float]:
        """Seconds of stretching per body area, over every session."""
        with self._read() as db:
            return {
                area: float(seconds)
                for area, seconds in db.execute(
                    "SELECT area, seconds FROM area_totals WHERE seconds > 0 ORDER BY area"
                )
            }

    def checkins(self, since: date) -> list[CheckInRow]:
        """Check-ins of sessions started on or after `since` (local day), oldest first."""
        with self._read() as db:
            return [
                CheckInRow(sid, level, date.fromisoformat(day), _feeling(feeling), bool(signs))
                for sid, level, day, feeling, signs in db.execute(
                    "SELECT id, level, local_date, feeling, warning_signs FROM sessions "
                    "WHERE checkin_utc IS NOT NULL AND local_date >= ? "
                    "ORDER BY local_date, started_utc",
                    (since.isoformat(),),
                )
            ]

    def warning_signs_since(self, since: date) -> bool:
        """Whether any check-in from `since` (local day) on reported pain, numbness or tingling."""
        with self._read() as db:
            row = db.execute(
                "SELECT EXISTS (SELECT 1 FROM sessions "
                "WHERE warning_signs = 1 AND local_date >= ?)",
                (since.isoformat(),),
            ).fetchone()
            return bool(row[0])

    # ------------------------------------------------------------ inside

    def _submit(self, job: Job) -> None:
        if self._closed:
            return
        # Keep at most one write in flight: by the time the next event is handed over, the
        # previous one is on disk, so a kill -9 can only cost the latest event. Events are
        # seconds apart in a session, so in practice this never waits.
        self._jobs.join()
        self._jobs.put(job)

    def _write_loop(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                if job is None:
                    return
                with self._write_lock:
                    self._run(job)
            finally:
                self._jobs.task_done()

    def _run(self, job: Job) -> None:
        db = self._writer
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
        if self._warning is not None:
            return  # one clear line is enough; the next failures have the same cause
        where = str(self.path) if self.path else "history"
        name = getattr(error, "sqlite_errorname", "")
        if name == "SQLITE_FULL":
            reason = "the disk is full"
        elif name.startswith("SQLITE_READONLY"):
            reason = "it has become read-only"
        else:
            reason = str(error)
        self._warning = (
            f"Could not write {where} ({reason}); the session goes on, "
            "but it may be missing from your history."
        )

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


def segment_values(session_id: str, seq: int, run: SegmentRun) -> tuple[Any, ...]:
    """A `segments` row for one run, in the column order of SEGMENT_INSERT."""
    segment = run.segment
    return (
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


SEGMENT_INSERT = (
    "INSERT INTO segments (session_id, seq, segment_index, kind, name, side, "
    "round, stretch_number, areas, planned_seconds, active_seconds, paused_seconds, "
    "skipped, started_utc, ended_utc) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)


def _segment_job(session_id: str, seq: int, run: SegmentRun) -> Job:
    segment = run.segment
    values = segment_values(session_id, seq, run)
    areas = segment.areas if segment.kind.is_work and run.active_seconds > 0 else ()

    def write(db: sqlite3.Connection) -> None:
        row = db.execute(
            "SELECT level, local_date FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        replaced = db.execute(
            "SELECT 1 FROM segments WHERE session_id = ? AND seq = ?", (session_id, seq)
        ).fetchone()
        if row is None or replaced is not None:
            return  # the session row was lost to an earlier failure, or this run is in already
        level, day = row
        db.execute(SEGMENT_INSERT, values)
        db.execute(
            "UPDATE sessions SET active_seconds = active_seconds + ?, "
            "paused_seconds = paused_seconds + ?, ended_utc = ? WHERE id = ?",
            (run.active_seconds, run.paused_seconds, values[14], session_id),
        )
        _add_totals(db, day=day, level=level, active=run.active_seconds)
        for area in areas:
            db.execute(
                "INSERT INTO session_areas (session_id, area, seconds) VALUES (?, ?, ?) "
                "ON CONFLICT (session_id, area) DO UPDATE SET seconds = seconds + excluded.seconds",
                (session_id, area, run.active_seconds),
            )
            db.execute(
                "INSERT INTO area_totals (area, seconds) VALUES (?, ?) "
                "ON CONFLICT (area) DO UPDATE SET seconds = seconds + excluded.seconds",
                (area, run.active_seconds),
            )

    return write


def _add_totals(
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


# ---------------------------------------------------------------- opening


def _connect(target: str, *, uri: bool = False) -> sqlite3.Connection:
    db = sqlite3.connect(target, uri=uri, isolation_level=None, check_same_thread=False)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return db


def _open_file(path: Path) -> tuple[sqlite3.Connection, sqlite3.Connection]:
    writer = _connect(str(path))
    try:
        _enable_wal(writer)
        # NORMAL in WAL mode loses nothing when the process dies, only on power loss.
        writer.execute("PRAGMA synchronous = NORMAL")
        migrate(writer)
        writer.execute("SELECT count(*) FROM sqlite_master").fetchone()
        reader = _connect(str(path))
    except BaseException:
        writer.close()
        raise
    return writer, reader


def _enable_wal(db: sqlite3.Connection) -> None:
    """WAL lets a second terminal write its own session while this one reads and writes.

    Switching a new file to WAL needs a lock that SQLite will not wait for (the busy
    timeout does not apply), so two processes opening a fresh file at the same moment
    can see "database is locked". Try again, within the same time the busy timeout allows.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            mode = db.execute("PRAGMA journal_mode = WAL").fetchone()
            break
        except sqlite3.OperationalError as error:
            busy = getattr(error, "sqlite_errorname", "").startswith("SQLITE_BUSY")
            if not busy or time.monotonic() > deadline:
                raise
            time.sleep(0.01)
    if mode is None or str(mode[0]).lower() != "wal":
        raise sqlite3.OperationalError("could not switch the history file to WAL mode")


def _is_damaged(error: sqlite3.DatabaseError) -> bool:
    name = getattr(error, "sqlite_errorname", "")
    return name in {"SQLITE_NOTADB", "SQLITE_CORRUPT"} or "malformed" in str(error)


def _move_aside(path: Path, now: datetime) -> Path:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.broken-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.broken-{stamp}-{counter}")
    path.rename(target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target


def _memory_copy(path: Path | None) -> sqlite3.Connection:
    """An in-memory history holding whatever could be read from `path`."""
    memory = _connect(":memory:")
    if path is not None and path.is_file():
        try:
            source = _connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
            try:
                source.backup(memory)
            finally:
                source.close()
        except sqlite3.Error:
            memory.close()
            memory = _connect(":memory:")
    try:
        if schema_version(memory) <= SCHEMA_VERSION:
            migrate(memory)
    except sqlite3.Error:
        memory.close()
        memory = _connect(":memory:")
        migrate(memory)
    return memory


def memory_store(warning: str | None = None, source: Path | None = None) -> HistoryStore:
    """A store that keeps this run's sessions in memory, answering queries from `source` too."""
    memory = _memory_copy(source)
    return HistoryStore(memory, memory, path=None, warning=warning)


def open_store(path: Path, *, now: datetime | None = None) -> HistoryStore:
    """The history at `path`, ready to record. Never raises: if the file can't be written,
    the store keeps this session in memory and `warning` says why in one line."""
    moment = now or datetime.now(UTC)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return memory_store(
            f"Cannot create the data folder {path.parent} ({error.strerror}); "
            "this session will not be saved.",
        )
    warning: str | None = None
    try:
        writer, reader = _open_file(path)
    except NewerSchema as newer:
        return memory_store(
            f"{path} was written by a newer stretchtui (history version {newer.found}, this one "
            f"knows {SCHEMA_VERSION}); it is left untouched and this session will not be saved.",
            source=path,
        )
    except sqlite3.DatabaseError as error:
        if not _is_damaged(error):
            return _unwritable(path, error)
        try:
            moved = _move_aside(path, moment)
            writer, reader = _open_file(path)
        except (OSError, sqlite3.Error) as again:
            reason = getattr(again, "strerror", None) or str(again)
            return memory_store(
                f"{path} is damaged and could not be replaced ({reason}); "
                "this session will not be saved."
            )
        warning = f"{path} was damaged; moved it to {moved.name} and started a new history."
    except OSError as error:
        return memory_store(
            f"Cannot open {path} ({error.strerror}); this session will not be saved."
        )
    store = HistoryStore(writer, reader, path=path, warning=warning)
    store._submit(_interrupt_abandoned(moment))
    return store


def _unwritable(path: Path, error: sqlite3.Error) -> HistoryStore:
    name = getattr(error, "sqlite_errorname", "")
    if name.startswith("SQLITE_READONLY") or (
        name == "SQLITE_CANTOPEN" and not os.access(path.parent, os.W_OK)
    ):
        reason = "the folder or file is read-only"
    elif name == "SQLITE_CANTOPEN":
        reason = "it cannot be opened as a file"
    elif name == "SQLITE_FULL":
        reason = "the disk is full"
    else:
        reason = str(error)
    return memory_store(
        f"Cannot write the history file {path} ({reason}); this session will not be saved.",
        source=path,
    )


def _interrupt_abandoned(now: datetime) -> Job:
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
                _add_totals(db, day=day, level=level, interrupted=1)

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
