"""What each routine file said when it was last read, so the menu and `list` need not parse YAML.

Parsing a routine file (the pure-Python YAML composer, then the checker, then the
plan) takes milliseconds a file; a list of a thousand routines would take seconds.
So the facts the menu and `list` show (name, level, total time, stretches, or the
problems found) are kept in one JSON index in the user cache folder, and what
`show` prints in one small file per routine. Each record is keyed by the file's
path, size, change and modification times, and the program's stamp (version, cache
format and the time its own code last changed): any difference and the file is read
again.

The cache is untrusted input like any file: plain JSON (never pickle), every record
checked field by field, and anything unexpected (a corrupt file, a record of the
wrong shape, a folder that cannot be written) is ignored without a word and the
routine file read again. It holds nothing the routine file does not: a forged record
can only say what a routine file in the person's own folder could say.

Only the standard library's json, os and zlib are imported here: `list` answered from
the cache must start in about the time Python itself takes.
"""

from __future__ import annotations

import json
import os
import stat
import zlib

from stretchtui import __version__
from stretchtui.textsafe import is_control

# Not `from typing import TYPE_CHECKING`: importing typing costs more than this whole
# module; mypy reads any name TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


FORMAT = 1
"""Raised whenever what a record holds changes shape."""
INDEX_FILE = "routines.json"
PLANS_DIR = "plans"
MAX_RECORDS = 5000
"""The index forgets files beyond this many, the ones not seen in this run first."""
MAX_CACHE_BYTES = 16 * 1024 * 1024
"""A cache file larger than this is not ours (or not worth reading): it is ignored."""
LEVELS = ("beginner", "intermediate", "advanced", "desk")
"""`routines.model.Level`'s values, in menu order (a test holds them equal)."""
SOURCE_DIRS = ("", "routines")
"""The package folders whose code decides what a routine file means (the stamp)."""

Key = tuple[int, int, int]
"""A routine file's size, modification and change times, in nanoseconds."""


def file_key(info: os.stat_result) -> Key | None:
    """The key of a regular file's record; None for anything else (never cached)."""
    if not stat.S_ISREG(info.st_mode):
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def program_stamp() -> str:
    """Version, cache format, and when the code that reads routines last changed.

    The code's time makes a development checkout (and an upgrade that keeps the version
    number) read every file again rather than trust records an older reader wrote.
    """
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    newest = 0
    for name in SOURCE_DIRS:
        folder = os.path.join(package, name) if name else package
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.endswith(".py"):
                        newest = max(newest, entry.stat().st_mtime_ns)
        except OSError:
            newest = -1  # unknown: a stamp no record has
    return f"{__version__}/{FORMAT}/{newest}"


# ---------------------------------------------------------------- checking records


def _is_int(value: object, least: int = 0) -> bool:
    return type(value) is int and value >= least


def _plain_text(value: object) -> bool:
    """Text the loader could have let through: no control character (it refuses them)."""
    if not isinstance(value, str):
        return False
    # Printable ASCII first, at C speed: a thousand records are checked on every `list`.
    return (value.isascii() and value.isprintable()) or not any(map(is_control, value))


SUMMARY_FIELDS = frozenset(("name", "level", "total_seconds", "stretches", "rounds", "positions"))
LISTING_FIELDS = frozenset(("id", "summary", "problems"))


def valid_summary(value: object) -> bool:
    """A routine's listing: name, level, total seconds, stretches, rounds, positions."""
    # Written out rather than through helpers: a thousand records are checked on every `list`.
    if type(value) is not dict or len(value) != 6 or value.keys() != SUMMARY_FIELDS:
        return False
    total, stretches, rounds = value["total_seconds"], value["stretches"], value["rounds"]
    return (
        type(total) is int
        and total >= 0
        and type(stretches) is int
        and stretches >= 1
        and type(rounds) is int
        and rounds >= 1
        and value["level"] in LEVELS
        and _plain_text(value["name"])
        and _plain_text(value["positions"])
    )


def valid_problem(value: object) -> bool:
    """[place or None for the file itself, message, line, column, field, the line's text]."""
    return (
        isinstance(value, list)
        and len(value) == 6
        and (value[0] is None or isinstance(value[0], str))
        and isinstance(value[1], str)
        and _is_int(value[2])
        and _is_int(value[3])
        and isinstance(value[4], str)
        and isinstance(value[5], str)
    )


def valid_listing(value: object) -> bool:
    """What the catalog keeps of a file: its id, and a summary or at least one problem."""
    if type(value) is not dict or len(value) != 3 or value.keys() != LISTING_FIELDS:
        return False
    problems = value["problems"]
    if not (type(value["id"]) is str and type(problems) is list):
        return False
    if problems and not all(valid_problem(problem) for problem in problems):
        return False
    if value["summary"] is None:
        return bool(problems)
    return not problems and valid_summary(value["summary"])


def _valid_record(value: object) -> bool:
    """[size, modification time, change time, listing] (see `listing`)."""
    if type(value) is not list or len(value) != 4:
        return False
    size, modified, changed, listing = value
    return (
        type(size) is int
        and size >= 0
        and type(modified) is int
        and modified >= 0
        and type(changed) is int
        and changed >= 0
        and valid_listing(listing)
    )


# ---------------------------------------------------------------- the cache


class RoutineCache:
    """The index of listings (read once, written back once if anything changed) and the
    per-routine files `show` reads. With `folder` None it remembers nothing."""

    def __init__(self, folder: str | None) -> None:
        self.folder = folder
        self._stamp: str | None = None
        self._records: dict[str, list[Any]] | None = None
        self._seen: set[str] = set()
        self._changed = False

    @property
    def stamp(self) -> str:
        if self._stamp is None:
            self._stamp = program_stamp()
        return self._stamp

    def _index(self) -> dict[str, list[Any]]:
        if self._records is None:
            self._records = self._read_index()
        return self._records

    def _read_index(self) -> dict[str, list[Any]]:
        data = self._read_json(INDEX_FILE)
        if not isinstance(data, dict) or data.get("stamp") != self.stamp:
            return {}
        records = data.get("files")
        if not isinstance(records, dict):
            return {}
        # Each record is checked when it is asked for: a thousand routines cost one look each.
        return records

    def listing(self, path: str, key: Key) -> dict[str, Any] | None:
        """The listing kept for this file, if it was made from the file as it is now."""
        if self.folder is None:
            return None
        self._seen.add(path)
        record = self._index().get(path)
        if not _valid_record(record) or tuple(record[:3]) != key:  # type: ignore[index]
            return None
        listing: dict[str, Any] = record[3]  # type: ignore[index]
        return listing

    def remember(self, path: str, key: Key, listing: dict[str, Any]) -> None:
        """Keep a file's listing; written to disk by `save`."""
        if self.folder is None or not valid_listing(listing):
            return
        self._seen.add(path)
        self._index()[path] = [*key, listing]
        self._changed = True

    def save(self) -> None:
        """Write the index back if it gained anything; a folder that can't be written is
        left alone without a word (the next run reads the files again)."""
        if self.folder is None or not self._changed or self._records is None:
            return
        records = self._records
        if len(records) > MAX_RECORDS:
            # The files seen in this run stay; the others go, oldest-written first.
            keep = [path for path in records if path in self._seen]
            others = [path for path in records if path not in self._seen]
            room = max(0, MAX_RECORDS - len(keep))
            records = {path: records[path] for path in keep + others[len(others) - room :]}
        if self._write_json(INDEX_FILE, {"stamp": self.stamp, "files": records}):
            self._changed = False

    # ------------------------------------------------------------ `show`'s data

    def plan_data(self, path: str, key: Key) -> dict[str, Any] | None:
        """What `show` prints for this file, if it was made from the file as it is now."""
        if self.folder is None:
            return None
        data = self._read_json(self._plan_file(path))
        if (
            isinstance(data, dict)
            and data.get("stamp") == self.stamp
            and data.get("path") == path
            and data.get("key") == list(key)
            and isinstance(data.get("plan"), dict)
        ):
            plan: dict[str, Any] = data["plan"]
            return plan
        return None

    def remember_plan(self, path: str, key: Key, plan: dict[str, Any]) -> None:
        if self.folder is None:
            return
        record = {"stamp": self.stamp, "path": path, "key": list(key), "plan": plan}
        self._write_json(self._plan_file(path), record)

    @staticmethod
    def _plan_file(path: str) -> str:
        raw = os.fsencode(path)
        # Not a security boundary (the file names its path, checked on reading): a name.
        return os.path.join(PLANS_DIR, f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}.json")

    # ------------------------------------------------------------ files

    def _read_json(self, name: str) -> object:
        assert self.folder is not None
        path = os.path.join(self.folder, name)
        try:
            # O_NONBLOCK and the fstat: a FIFO or device put in the cache folder is refused,
            # never waited on.
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        except OSError:
            return None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_CACHE_BYTES:
                return None
            with os.fdopen(fd, "rb") as handle:
                fd = -1
                raw = handle.read(MAX_CACHE_BYTES + 1)
            return json.loads(raw)
        except (OSError, ValueError, RecursionError):
            return None
        finally:
            if fd >= 0:
                os.close(fd)

    def _write_json(self, name: str, data: object) -> bool:
        assert self.folder is not None
        path = os.path.join(self.folder, name)
        temporary = f"{path}.{os.getpid()}.tmp"
        try:
            os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
            # ASCII: a file name that is not UTF-8 (lone surrogates) round-trips as escapes.
            text = json.dumps(data, separators=(",", ":"))
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(text)
            # Atomic: a reader sees the old index or the new one, never half of one.
            os.replace(temporary, path)
            return True
        except (OSError, ValueError):
            import contextlib

            with contextlib.suppress(OSError):
                os.unlink(temporary)
            return False
