"""Reading a small file a person gave us, without trusting what the path is.

A FIFO would block the reader forever, a device could be endless, a symlink loop
raises where one does not expect it. Only a regular file is ever opened, and each
refusal is one short reason for the caller to put beside the file's name.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class FileRefused(Exception):
    """The file can't be read; `reason` says why in a few words, `missing` if it isn't there."""

    def __init__(self, reason: str, *, missing: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.missing = missing


def kind_of(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "something other than a file"


def _refusal(kind: str, expected: str) -> FileRefused:
    if kind == "a directory":
        return FileRefused(f"is a directory; expected {expected}")
    return FileRefused(f"not a regular file ({kind}); expected {expected}")


def read_regular_file(path: Path, max_bytes: int, expected: str) -> bytes:
    """The bytes of the regular file at `path` (symlinks followed), at most `max_bytes`.

    Raises FileRefused for anything else: missing, not a regular file, unreadable,
    a symlink loop, or larger than `max_bytes` (`expected` names what was wanted).
    """
    try:
        info = os.stat(path)
        kind = kind_of(info.st_mode)
        if kind is not None:
            raise _refusal(kind, expected)
        if info.st_size > max_bytes:
            raise FileRefused(
                f"the file is {info.st_size // 1024} KiB; the limit is {max_bytes // 1024} KiB"
            )
        # O_NONBLOCK: should the file be swapped for a FIFO after the stat, opening it
        # still returns at once, and the fstat below refuses it.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        with os.fdopen(os.open(path, flags), "rb") as handle:
            kind = kind_of(os.fstat(handle.fileno()).st_mode)
            if kind is not None:
                raise _refusal(kind, expected)
            # One byte past the cap: the file may have grown since the stat.
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise FileRefused("no such file", missing=True) from None
    except PermissionError:
        raise FileRefused("cannot read the file: permission denied") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            reason = "cannot read the file: a symbolic link that points back to itself"
        else:
            reason = f"cannot read the file: {error.strerror or error}"
        raise FileRefused(reason) from None
    except (RuntimeError, ValueError) as error:
        # Path quirks (a loop found while resolving, NUL in a name) are the file's problem.
        raise FileRefused(f"cannot read the file: {error}") from None
    if len(data) > max_bytes:
        raise FileRefused(f"the file is larger than the {max_bytes // 1024} KiB allowed")
    return data
