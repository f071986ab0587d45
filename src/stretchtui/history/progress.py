"""Telling a person that a long update of the history file is under way, so nothing looks hung.

A migration reports (done, total) as it goes. The line on stderr only appears once
the work has taken longer than a moment, so opening a small or current file stays
silent; on a terminal it is redrawn in place, elsewhere (a log, a pipe) each report
is a line of its own, at most a few a second.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import Protocol, TextIO


class Progress(Protocol):
    """Hears how a long update of the history file is going."""

    def __call__(self, done: int, total: int) -> None:
        """`done` of `total` sessions carried over so far."""

    def waiting(self) -> None:
        """Another process is updating the same file: this one waits for it."""

    def finish(self) -> None:
        """Everything is done (the file compacted too)."""


QUIET_FOR = 0.3
"""Seconds of work before the first line is shown."""
LOG_EVERY = 1.0
"""Seconds between two lines when the stream is not a terminal."""


def thousands(number: int) -> str:
    """`1 234 567`: grouped with spaces, readable in any language."""
    return f"{number:,}".replace(",", " ")


class StderrProgress:
    """A progress line on stderr (or `stream`), once the work takes longer than QUIET_FOR."""

    def __init__(
        self,
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self._clock = clock
        self._began = clock()
        self._shown = False
        self._last = -LOG_EVERY

    @property
    def stream(self) -> TextIO:
        return self._stream if self._stream is not None else sys.stderr

    def __call__(self, done: int, total: int) -> None:
        now = self._clock()
        if now - self._began < QUIET_FOR:
            return
        terminal = _is_terminal(self.stream)
        if not terminal and now - self._last < LOG_EVERY:
            return
        self._last = now
        percent = 100 * done // total if total else 100
        line = (
            f"stretchtui: updating the history file: "
            f"{thousands(done)} of {thousands(total)} sessions ({percent}%)"
        )
        if terminal and len(line) >= _columns(self.stream):
            line = f"stretchtui: updating history {percent}%"
        self._write(line, terminal)

    def waiting(self) -> None:
        self._write(
            "stretchtui: another stretchtui is updating the history file; waiting for it",
            _is_terminal(self.stream),
        )

    def finish(self) -> None:
        if not self._shown:
            return
        seconds = self._clock() - self._began
        terminal = _is_terminal(self.stream)
        self._write(f"stretchtui: history updated in {seconds:.1f} s", terminal)
        if terminal:
            self._put("\n")

    def _write(self, line: str, terminal: bool) -> None:
        if terminal:
            # A line that wrapped could not be redrawn in place: keep it to one row.
            line = "\r\x1b[K" + line[: max(10, _columns(self.stream) - 1)]
        else:
            line += "\n"
        if self._put(line):
            self._shown = True

    def _put(self, text: str) -> bool:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):
            return False  # a closed or broken stderr must not stop the update
        return True


def _columns(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return 80


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (OSError, ValueError):
        return False
