"""A routine file's text: read only from a regular file, capped in size, UTF-8, no controls.

Nothing here trusts the path: a FIFO would block the reader forever, a device could
be endless, a symlink loop raises where one does not expect it. Each becomes one
Problem, so a broken file never stops the menu or `list`.
"""

from __future__ import annotations

import errno
import os
import stat
import unicodedata
from pathlib import Path

from stretchtui.routines.problems import Problem
from stretchtui.textsafe import is_control

MAX_FILE_BYTES = 256 * 1024


def _kind_of(mode: int) -> str | None:
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
    return "not a regular file"


def _not_regular(label: str, kind: str) -> Problem:
    if kind == "a directory":
        return Problem(label, "is a directory; expected a routine file (.yaml)")
    return Problem(label, f"not a regular file ({kind}); expected a routine file (.yaml)")


def _os_problem(label: str, error: OSError) -> Problem:
    if isinstance(error, FileNotFoundError):
        return Problem(label, "no such file")
    if isinstance(error, PermissionError):
        return Problem(label, "cannot read the file: permission denied")
    if error.errno == errno.ELOOP:
        return Problem(label, "cannot read the file: a symbolic link that points back to itself")
    return Problem(label, f"cannot read the file: {error.strerror or error}")


def read_routine_bytes(path: Path, label: str) -> bytes | Problem:
    """The file's bytes, or why they can't be had. Only a regular file is ever opened."""
    try:
        info = os.stat(path)
        kind = _kind_of(info.st_mode)
        if kind is not None:
            return _not_regular(label, kind)
        if info.st_size > MAX_FILE_BYTES:
            return _too_big(label, info.st_size)
        # O_NONBLOCK: should the file be swapped for a FIFO after the stat, opening it
        # still returns at once, and the fstat below refuses it.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        descriptor = os.open(path, flags)
        with os.fdopen(descriptor, "rb") as handle:
            kind = _kind_of(os.fstat(handle.fileno()).st_mode)
            if kind is not None:
                return _not_regular(label, kind)
            # Read one byte past the cap: the file may have grown since stat().
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return _os_problem(label, error)
    except (RuntimeError, ValueError) as error:
        # Path quirks (a loop found while resolving, NUL in a name) are the file's problem.
        return Problem(label, f"cannot read the file: {error}")
    if len(data) > MAX_FILE_BYTES:
        return Problem(label, f"the file is larger than the {MAX_FILE_BYTES // 1024} KiB allowed")
    return data


def _too_big(label: str, size: int) -> Problem:
    return Problem(
        label,
        f"the file is {size // 1024} KiB; routine files are limited to "
        f"{MAX_FILE_BYTES // 1024} KiB",
    )


def _place(text: str, index: int, newline: str = "\n") -> tuple[int, int]:
    line = text.count(newline, 0, index) + 1
    column = index - (text.rfind(newline, 0, index) + 1) + 1
    return line, column


def decode_routine_text(raw: bytes, label: str) -> str | Problem:
    """UTF-8 text with no control character in it (tabs and line ends aside)."""
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        column = nul - (raw.rfind(b"\n", 0, nul) + 1) + 1
        return Problem(
            label, "looks like a binary file (it holds NUL bytes), not YAML text", line, column
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        return Problem(
            label,
            f"not UTF-8 text (byte 0x{raw[error.start]:02x}); save the file as UTF-8",
            line,
            column,
        )
    index = next((i for i, char in enumerate(text) if _is_unwanted(char)), None)
    if index is not None:
        line, column = _place(text, index)
        return Problem(
            label,
            f"{control_name(text[index])} in the text; routine files hold only printable text",
            line,
            column,
        )
    return text


def _is_unwanted(char: str) -> bool:
    if char in "\t\n\r":
        return False
    return is_control(char) or char in "\ufffe\uffff"


def control_name(char: str) -> str:
    """`control character U+001B`, with the character's name when Unicode gives one."""
    if 0xD800 <= ord(char) <= 0xDFFF:
        return f"lone surrogate U+{ord(char):04X} (half of a character, not text)"
    name = unicodedata.name(char, "")
    return f"control character U+{ord(char):04X}" + (f" ({name.lower()})" if name else "")
