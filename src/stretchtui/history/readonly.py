"""Opening the history file only to read it: `stretchtui stats` changes nothing.

`open_store` (opening.py) readies the file to record a session: WAL, the promise
check, migrations, the fix-up of abandoned sessions, a writer thread. A question
needs none of it, and must not change the file, create one, or take a second to
start. This opens it through SQLite's read-only mode (`mode=ro`), checks its version,
and turns whatever stops it from being read into one line saying so. It imports only
`os`, `stat` and `sqlite3`: `stats` must start in about Python's own time.
"""

from __future__ import annotations

import os
import sqlite3
import stat

SCHEMA_VERSION = 4
"""`schema.SCHEMA_VERSION` (a test holds them equal: schema brings the migrations and
typing with it)."""
BUSY_TIMEOUT_MS = 5000
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/")


class CannotRead(Exception):
    """The history can't be read; the message says which file and why, for a person."""


class OlderHistory(Exception):
    """The file is from an older stretchtui (history version `found`): reading it needs a
    copy brought up to date (`migrated_copy`); the file itself is not changed."""

    def __init__(self, connection: sqlite3.Connection, found: int) -> None:
        super().__init__(found)
        self.connection = connection
        self.found = found


def file_uri(path: str, query: str) -> str:
    """An SQLite `file:` URI for `path`, every byte but the unreserved ones %-escaped
    (`?`, `#` and `%` in a folder name must not be read as the URI's own)."""
    raw = os.fsencode(os.path.abspath(path))
    escaped = "".join(chr(byte) if byte in _UNRESERVED else f"%{byte:02X}" for byte in raw)
    return f"file:{escaped}?{query}"


def open_readonly(path: str) -> sqlite3.Connection | None:
    """A read-only connection to the history at `path` (current version); None when there
    is no file. Raises CannotRead, or OlderHistory for a file an older version wrote."""
    try:
        # O_NONBLOCK: a FIFO put where the file should be is refused, never waited on.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        return None
    except OSError as error:
        raise CannotRead(f"cannot open the history file {path} ({error.strerror})") from None
    try:
        regular = stat.S_ISREG(os.fstat(fd).st_mode)
    finally:
        os.close(fd)
    if not regular:
        raise CannotRead(f"the history file {path} is not a file; it is left as it is")
    try:
        db, found = _connect(path, "mode=ro")
    except sqlite3.Error as error:
        if not _unchangeable(path, error):
            raise CannotRead(reason(path, error)) from None
        # A WAL file's readers share an index beside it, which a folder that can't be
        # written (a read-only mount) can't hold. There no one can write the file either
        # (a writer needs its log beside it too), so it is read as the unchanging file it is.
        try:
            db, found = _connect(path, "mode=ro&immutable=1")
        except sqlite3.Error as again:
            raise CannotRead(reason(path, again)) from None
    if found > SCHEMA_VERSION:
        db.close()
        raise CannotRead(
            f"{path} was written by a newer stretchtui (history version {found}, this one "
            f"knows {SCHEMA_VERSION}); it is left untouched"
        )
    if found < SCHEMA_VERSION:
        raise OlderHistory(db, found)
    return db


def _connect(path: str, query: str) -> tuple[sqlite3.Connection, int]:
    """The connection and the file's history version; raises sqlite3.Error."""
    db = sqlite3.connect(file_uri(path, query), uri=True, isolation_level=None)
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA query_only = ON")
        found = int(db.execute("PRAGMA user_version").fetchone()[0])
        # Reading the schema here finds a file that is not a database at all.
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        db.close()
        raise
    return db, found


def _unchangeable(path: str, error: sqlite3.Error) -> bool:
    """Whether `error` came of a folder no one can write, with no write-ahead log in it."""
    return (
        getattr(error, "sqlite_errorname", "") == "SQLITE_CANTOPEN"
        and not os.access(os.path.dirname(os.path.abspath(path)) or ".", os.W_OK)
        and not os.path.lexists(f"{path}-wal")
    )


def migrated_copy(older: OlderHistory, path: str) -> sqlite3.Connection:
    """An in-memory copy of an older file, brought up to date there (the file is not
    touched). Raises CannotRead if the file is not what its version promises."""
    from stretchtui.history.promises import BrokenPromise, check_promise
    from stretchtui.history.schema import migrate

    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        older.connection.backup(memory)
        check_promise(memory)
        migrate(memory)
    except (BrokenPromise, sqlite3.Error) as error:
        memory.close()
        raise CannotRead(reason(path, error)) from None
    finally:
        older.connection.close()
    return memory


def reason(path: str, error: BaseException) -> str:
    """What to tell a person whose history at `path` could not be read because of `error`."""
    name = getattr(error, "sqlite_errorname", "")
    text = str(error)
    if (
        name in {"SQLITE_NOTADB", "SQLITE_CORRUPT"}
        or "malformed" in text
        or "no such table" in text
        or "no such column" in text
        or type(error).__name__ == "BrokenPromise"
    ):
        return (
            f"{path} is damaged or not a stretchtui history ({text}); it is left as it is "
            "(stretchtui moves it aside and starts a new history the next time it records "
            "or lists sessions)"
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return (
            f"cannot read the history file {path}: another program holds it locked "
            f"({text}); try again in a moment"
        )
    return f"cannot read the history file {path}: {text}"
