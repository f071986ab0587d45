"""Bringing an old history file (versions 1 to 3) up to date by building the new one beside it.

Rewriting 100 000 sessions in place wrote every new page twice (the WAL, then the
file), freed every old page and compacted the file afterwards. Instead the version-4
file is built in a scratch file next to the history, with no journal and no syncing
(it is thrown away if anything goes wrong), synced once when complete, and renamed
over the old one.

- The old file is locked exclusively from before the scratch file is made until after
  the rename: nothing reads or writes it meanwhile, so nothing can be written to it and
  lost with it. Just before the rename it leaves WAL mode, so no -wal or -shm of the old
  file is left beside the new one.
- Stopped at any point before the rename (Ctrl+C, kill -9, a full disk, a read-only
  folder), the old file is the history, whole, and the next start migrates it again; a
  scratch file left behind is removed then. After the rename the new file is whole and
  synced.
- One process at a time: the one migrating holds a lock on the data folder; another that
  finds an old file waits for it (and says so), then opens the new file.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import sqlite3
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from stretchtui.history.progress import Progress
from stretchtui.history.promises import check_promise
from stretchtui.history.schema import SCHEMA_VERSION, fill_v4, migrate, v2_totals

SCRATCH_SUFFIX = ".migrating"
"""The scratch file is the history's name with this added (`history.sqlite3.migrating`)."""

WAIT_FOR_OTHER = 120.0
"""Seconds to wait for another process's migration of the same file before giving up."""

BUSY_TIMEOUT_MS = 5000

# Pages of the new history kept in memory while it is put together (KiB, as a negative
# cache_size): the whole of it at 100 000 sessions; beyond, the rest goes to a temporary file.
_CACHE_KIB = 131072

_MMAP_BYTES = 1 << 30

# The version-2 and version-3 tables the new file takes as they are from a file that has them.
_KEPT_FROM = {"day_totals": 2, "level_totals": 2, "area_totals": 2, "reminders": 3}


def scratch_path(path: Path) -> Path:
    return path.with_name(path.name + SCRATCH_SUFFIX)


def rewrite(path: Path, progress: Progress | None = None) -> bool:
    """Bring the history at `path` to the current version beside it, if it is a version-1 to 3
    file; whether this call did. Raises sqlite3.Error (with `sqlite_errorname` set) when it
    cannot, leaving the old file as it was.

    A symbolic link is followed: the file it points to is replaced, the link stays.
    """
    real = Path(os.path.realpath(path))
    with _folder_lock(real.parent, progress):
        # A file swapped in by another process between our look and the lock: look again.
        for _attempt in range(3):
            try:
                return _rewrite_locked(real, progress)
            except _Moved:
                continue
        return False


class _Moved(Exception):
    """The file at the path is no longer the one that was locked."""


def _connect(path: Path | str) -> sqlite3.Connection:
    db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return db


def _rewrite_locked(path: Path, progress: Progress | None) -> bool:
    try:
        before = os.stat(path)
    except FileNotFoundError:
        return False  # nothing to bring up to date: a new history starts here
    except OSError as error:
        raise _sqlite_error(error) from error
    # The new history is put together in a private temporary database (in memory while it
    # fits the cache, deleted by the system however this process ends), with the old file
    # attached; then written out to the scratch file in one pass, its pages full.
    db = _connect("")
    try:
        indexes = _new_tables(db)
        db.execute("ATTACH DATABASE ? AS old", (str(path),))
        # Exclusive, and kept after each transaction ends: nobody reads or writes the old
        # file from here until it is gone (or this connection closes on failure).
        db.execute("PRAGMA old.locking_mode = EXCLUSIVE")
        db.execute("BEGIN EXCLUSIVE")
        try:
            version = int(db.execute("PRAGMA old.user_version").fetchone()[0])
            now = os.stat(path)
            if (now.st_dev, now.st_ino) != (before.st_dev, before.st_ino):
                raise _Moved
            if not 0 < version < SCHEMA_VERSION:
                return False
            check_promise(db, "old")
            if not os.access(path, os.W_OK):
                raise _readonly()
            _fill(db, version, indexes, progress)
            db.execute("COMMIT")
        finally:
            if db.in_transaction:
                db.execute("ROLLBACK")
        scratch = scratch_path(path)
        _remove(scratch)  # left by a migration that was stopped
        try:
            _create(scratch, before)
            db.execute("VACUUM main INTO ?", (str(scratch),))
            _finish(scratch)
            _sync(scratch)
            # The old file leaves WAL mode, still locked: its -wal is folded in, the -wal
            # and -shm go, and no journal is made (only the header's mode flag changes, in
            # place), so nothing of it is left by the name the new file takes.
            (mode,) = db.execute("PRAGMA old.journal_mode = OFF").fetchone()
            wal = path.with_name(path.name + "-wal")
            if str(mode).lower() != "off" or (wal.exists() and wal.stat().st_size > 0):
                # Not seen in practice (the file is held alone); but a log left by this name
                # would be read as the new file's: better to stop here, whole.
                raise sqlite3.OperationalError("could not fold in the history file's log")
            _swap(scratch, path)
        except BaseException:
            _remove(scratch)
            raise
        return True
    except OSError as error:
        raise _sqlite_error(error) from error
    finally:
        db.close()


def _create(scratch: Path, like: os.stat_result) -> None:
    """An empty scratch file, ours alone (never a link someone left there), with the
    history's permissions and, when run as root, its owner."""
    fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        if os.geteuid() == 0 and (like.st_uid, like.st_gid) != (0, 0):
            with contextlib.suppress(OSError):
                os.fchown(fd, like.st_uid, like.st_gid)
        os.fchmod(fd, stat.S_IMODE(like.st_mode))
    finally:
        os.close(fd)


def _new_tables(db: sqlite3.Connection) -> list[str]:
    """Make the current version's tables, as a new history has them, less the indexes other
    than keys (made after the rows are in); returns those indexes' SQL."""
    # Nothing to roll back to, nothing to sync: the file is thrown away on any failure.
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute(f"PRAGMA cache_size = {-_CACHE_KIB}")
    db.execute("PRAGMA temp_store = MEMORY")
    migrate(db)
    indexes = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    ).fetchall()
    for name, _sql in indexes:
        db.execute(f'DROP INDEX "{name}"')
    return [str(sql) for _name, sql in indexes]


def _fill(
    db: sqlite3.Connection, version: int, indexes: list[str], progress: Progress | None
) -> None:
    # The old file read through memory mapping: less system time for the hundred thousand
    # look-ups of a session's segments (locked, it cannot be shortened under the mapping).
    db.execute(f"PRAGMA old.mmap_size = {_MMAP_BYTES}")
    try:
        fill_v4(db, progress, old_sessions="old.sessions", old_segments="old.segments", new="main.")
    finally:
        db.execute("PRAGMA old.mmap_size = 0")
    if version < 2:
        for statement in v2_totals(old="old.", new="main."):
            db.execute(statement)
    for table, since in _KEPT_FROM.items():
        if version >= since:
            columns = ", ".join(
                f'"{row[1]}"' for row in db.execute(f"PRAGMA main.table_info({table})").fetchall()
            )
            db.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM old.{table}")
    for sql in indexes:
        db.execute(sql)


def _finish(scratch: Path) -> None:
    """WAL mode, as the history has (a header flag: nothing else is written)."""
    db = _connect(scratch)
    try:
        db.execute("PRAGMA journal_mode = WAL")
    finally:
        db.close()


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _swap(scratch: Path, path: Path) -> None:
    os.replace(scratch, path)
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make a rename in `folder` last (some file systems cannot sync a folder: then it's up
    to them)."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _remove(scratch: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(scratch.with_name(scratch.name + suffix))


def migrating(path: Path) -> bool:
    """Whether another process holds the lock of the folder of `path` (is migrating it)."""
    try:
        fd = os.open(Path(os.path.realpath(path)).parent, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(fd)
    return False


@contextlib.contextmanager
def _folder_lock(folder: Path, progress: Progress | None) -> Iterator[None]:
    """Hold the data folder's lock: one migration at a time, the others wait for it.

    Where a folder cannot be locked, SQLite's own lock on the old file still keeps two
    migrations apart; only the polite wait is lost.
    """
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        yield
        return
    try:
        _lock(fd, progress)
        yield
    finally:
        os.close(fd)  # lets the lock go


def _lock(fd: int, progress: Progress | None) -> None:
    deadline = time.monotonic() + WAIT_FOR_OTHER
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        except OSError:
            return  # this file system has no such locks
        if not told:
            told = True
            if progress is not None:
                progress.waiting()
        if time.monotonic() > deadline:
            error = sqlite3.OperationalError(
                "another stretchtui has been updating it for over "
                f"{WAIT_FOR_OTHER / 60:.0f} minutes"
            )
            error.sqlite_errorname = "SQLITE_BUSY"
            raise error
        time.sleep(0.05)


def _readonly() -> sqlite3.OperationalError:
    error = sqlite3.OperationalError("attempt to write a readonly database")
    error.sqlite_errorname = "SQLITE_READONLY"
    return error


def _sqlite_error(error: OSError) -> sqlite3.OperationalError:
    """An error of our own file handling, told as SQLite would tell it."""
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return _readonly()
    failure = sqlite3.OperationalError(error.strerror or str(error))
    failure.sqlite_errorname = "SQLITE_FULL" if error.errno == errno.ENOSPC else "SQLITE_IOERR"
    return failure
