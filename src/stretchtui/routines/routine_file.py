"""A routine file's text: read only from a regular file, capped in size, UTF-8, no controls.

Each refusal (a FIFO, a device, a symlink loop, a binary file) becomes one
Problem, so a broken file never stops the menu or `list`.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from stretchtui.routines.problems import Problem
from stretchtui.safefiles import FileRefused, read_regular_file
from stretchtui.textsafe import is_control

MAX_FILE_BYTES = 256 * 1024


def read_routine_bytes(path: Path, label: str) -> bytes | Problem:
    """The file's bytes, or why they can't be had. Only a regular file is ever opened."""
    try:
        return read_regular_file(path, MAX_FILE_BYTES, "a routine file (.yaml)")
    except FileRefused as refused:
        return Problem(label, refused.reason)


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
