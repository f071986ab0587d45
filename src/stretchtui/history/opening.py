"""Opening the history file, and what happens when it can't be used as it is.

A damaged file is moved aside and a fresh one started; a file from a newer
version is left untouched; a file that can't be written is read, and this
run's sessions are kept in memory. Each case leaves one calm warning line.
"""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

from stretchtui.history.jobs import interrupt_abandoned
from stretchtui.history.migrate_file import migrating, rewrite
from stretchtui.history.progress import Progress, StderrProgress
from stretchtui.history.promises import BrokenPromise, check_promise
from stretchtui.history.schema import SCHEMA_VERSION, NewerSchema, migrate, schema_version
from stretchtui.history.store import HistoryStore

BUSY_TIMEOUT_MS = 5000


def _connect(target: str, *, uri: bool = False) -> sqlite3.Connection:
    db = sqlite3.connect(target, uri=uri, isolation_level=None, check_same_thread=False)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return db


# Versions whose files are rewritten into a new file when opened (history.migrate_file).
REWRITTEN_BEFORE = 4


def _open_file(
    path: Path, progress: Progress | None = None
) -> tuple[sqlite3.Connection, sqlite3.Connection]:
    writer = _connect(str(path))
    try:
        # Before anything changes the file: it may not be ours at all.
        if _needs_rewrite(writer, path):
            writer.close()
            rewrite(path, progress)
            writer = _connect(str(path))
            check_promise(writer)
        enable_wal(writer)
        # NORMAL in WAL mode loses nothing when the process dies, only on power loss.
        writer.execute("PRAGMA synchronous = NORMAL")
        migrate(writer, progress=progress)
        if progress is not None:
            progress.finish()
        writer.execute("SELECT count(*) FROM sqlite_master").fetchone()
        reader = _connect(str(path))
    except BaseException:
        writer.close()
        raise
    return writer, reader


def _needs_rewrite(writer: sqlite3.Connection, path: Path) -> bool:
    """Whether the file is an old one to rewrite, or being rewritten by another process
    (it is locked: rewrite() waits for that process, then finds it current)."""
    try:
        check_promise(writer)
        return 0 < schema_version(writer) < REWRITTEN_BEFORE
    except sqlite3.OperationalError as error:
        if getattr(error, "sqlite_errorname", "").startswith("SQLITE_BUSY") and migrating(path):
            return True
        raise


def enable_wal(db: sqlite3.Connection) -> None:
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
    if isinstance(error, BrokenPromise):
        return True  # as good as damaged: nothing could be read from it or saved to it
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


def open_store(
    path: Path, *, now: datetime | None = None, progress: Progress | None | bool = True
) -> HistoryStore:
    """The history at `path`, ready to record. Never raises: if the file can't be written,
    the store keeps this session in memory and `warning` says why in one line.

    Bringing an old file up to date can take seconds at 100 000 sessions; `progress`
    hears how it goes (True, the default: a line on stderr once it takes a moment).
    """
    moment = now or datetime.now(UTC)
    if progress is True:
        progress = StderrProgress()
    elif progress is False:
        progress = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return memory_store(
            f"Cannot create the data folder {path.parent} ({error.strerror}); "
            "this session will not be saved.",
        )
    warning: str | None = None
    try:
        writer, reader = _open_file(path, progress)
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
    store.submit(interrupt_abandoned(moment))
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
