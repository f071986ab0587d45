"""Whether the full-screen app can be drawn here, or the session must go as plain lines.

A dumb terminal (TERM=dumb: Emacs' shell, some CI logs, serial consoles) shows
escape sequences as junk, and output into a pipe or a file has no screen at all:
both get plain mode, with one line saying why.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

# Terminal types that take no cursor movement, colour or mouse tracking.
DUMB_TERMINALS = frozenset({"dumb", "unknown"})


class _Stream(Protocol):
    def isatty(self) -> bool: ...


def plain_reason(environ: Mapping[str, str], stdout: _Stream | None) -> str | None:
    """Why this terminal gets plain mode (one short clause), or None if it takes the full screen."""
    try:
        terminal = stdout is not None and stdout.isatty()
    except (ValueError, OSError):
        terminal = False  # closed, or not a real stream
    if not terminal:
        return "as the output is not a terminal"
    term = environ.get("TERM", "").strip().lower()
    if term in DUMB_TERMINALS:
        return f"as TERM={term} cannot draw the full screen"
    return None


def plain_note(reason: str) -> str:
    """The one line that says plain mode was chosen, and why."""
    return f"stretchtui: plain mode, {reason}."
