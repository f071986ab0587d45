"""Plain mode's terminal: whole lines out, single keys in, and stop signals turned into events.

Nothing here knows about sessions: the driver (plain.py) asks `Wait` for the next
key or stop, and writes through `LineWriter`.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import select
import signal
import sys
import termios
import time
import tty
from collections.abc import Callable
from dataclasses import dataclass
from types import FrameType, TracebackType
from typing import Any, TextIO

from stretchtui import glyphs
from stretchtui.textsafe import visible

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
# Escape sequences of the keys that have one, by the names keymaps use.
# (Terminals send CSI, `ESC [`, or in application mode SS3, `ESC O`.)
SEQUENCES = {
    f"\x1b{kind}{final}": name
    for kind in "[O"
    for final, name in (("C", "right"), ("D", "left"), ("A", "up"), ("B", "down"))
}
_OTHER_SEQUENCE = re.compile(r"\x1b(\[[0-9;?]*[@-~]|O.)")


@dataclass(frozen=True)
class Stop:
    """A signal asked the session to end (Ctrl+C, kill, a closed terminal)."""

    signum: int

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


Event = str | Stop | None
"""What a wait ends with: a key pressed, a stop request, or None when the time ran out."""

Wait = Callable[[float | None], Event]
"""Wait up to this many session-clock seconds (None: until something happens)."""


class LineWriter:
    """Writes whole lines and flushes each; goes quiet if the terminal or pipe has gone."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self.gone = False

    def line(self, text: str) -> None:
        if self.gone:
            return
        try:
            # Routine text is data: a control character in it is spelled out, never obeyed.
            # A terminal without Unicode gets ASCII stand-ins (`3...`, not `3?`).
            self._out.write(glyphs.current().text(visible(text)) + "\n")
            self._out.flush()
        except (BrokenPipeError, OSError, ValueError):
            # ValueError: the stream was closed under us. Either way nobody is reading.
            self.gone = True


def stamp(seconds: float) -> str:
    """`[MM:SS]` for a session time; minutes keep counting past an hour."""
    whole = max(0, math.floor(seconds))
    return f"[{whole // 60:02d}:{whole % 60:02d}]"


class TerminalWaiter:
    """The real `Wait`: sleeps on the OS, reads single keys when stdin is a terminal.

    Use it as a context manager: it takes over SIGINT, SIGTERM and SIGHUP (so
    they end the session instead of killing it mid-write) and puts a terminal
    into cbreak mode; leaving the block always restores both.
    """

    def __init__(self, speed: float = 1.0, stdin: TextIO | None = None) -> None:
        self._speed = speed
        self._stdin = stdin if stdin is not None else sys.stdin
        self._fd: int | None = None
        self._saved_tty: list[Any] | None = None
        self._saved_handlers: dict[int, object] = {}
        self._saved_wakeup = -1
        self._wake_r = -1
        self._wake_w = -1
        self._signal: int | None = None
        self._pending = ""

    @property
    def reads_keys(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> TerminalWaiter:
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_w, False)
        os.set_blocking(self._wake_r, False)
        # A signal writes a byte here, so a select() in progress wakes at once.
        self._saved_wakeup = signal.set_wakeup_fd(self._wake_w, warn_on_full_buffer=False)
        for signum in STOP_SIGNALS:
            self._saved_handlers[signum] = signal.signal(signum, self._on_signal)
        try:
            fd = self._stdin.fileno()
            if os.isatty(fd):
                self._saved_tty = termios.tcgetattr(fd)
                tty.setcbreak(fd)
                self._fd = fd
        except (AttributeError, ValueError, OSError, termios.error):
            self._fd = None
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._fd is not None and self._saved_tty is not None:
            # After a hang-up the terminal may be gone; nothing left to restore then.
            with contextlib.suppress(termios.error, OSError):
                termios.tcsetattr(self._fd, termios.TCSADRAIN, self._saved_tty)
        for signum, handler in self._saved_handlers.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]
        signal.set_wakeup_fd(self._saved_wakeup)
        for fd in (self._wake_r, self._wake_w):
            with contextlib.suppress(OSError):
                os.close(fd)

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if self._signal is None:
            self._signal = signum

    def _stop(self) -> Stop | None:
        return None if self._signal is None else Stop(self._signal)

    def __call__(self, seconds: float | None) -> Event:
        if stop := self._stop():
            return stop
        if self._pending:
            return self._take()
        timeout = None if seconds is None else max(0.0, seconds / self._speed)
        watched = [self._wake_r] + ([self._fd] if self._fd is not None else [])
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select(watched, [], [], left)
            if stop := self._stop():
                return stop
            if self._wake_r in ready:
                with contextlib.suppress(OSError):
                    os.read(self._wake_r, 512)
            if self._fd is not None and self._fd in ready:
                pressed = self._read_key()
                if pressed is not None:
                    return pressed
                watched = [self._wake_r]
            if not ready or (deadline is not None and time.monotonic() >= deadline):
                return None

    def _read_key(self) -> str | None:
        assert self._fd is not None
        try:
            data = os.read(self._fd, 32)
        except OSError:
            data = b""
        if not data:
            # The terminal closed its input: carry on hands-free.
            self._fd = None
            return None
        # Keys typed faster than the loop reads them are kept, in order.
        self._pending += data.decode("utf-8", "replace")
        return self._take()

    def _take(self) -> str:
        """The next key: a character, or the name of a key sent as an escape sequence.

        Any other sequence (a function key, ctrl+arrow) comes out as "" and does nothing:
        its ESC must not read as the escape key.
        """
        for sequence, name in SEQUENCES.items():
            if self._pending.startswith(sequence):
                self._pending = self._pending[len(sequence) :]
                return name
        if match := _OTHER_SEQUENCE.match(self._pending):
            self._pending = self._pending[match.end() :]
            return ""
        key, self._pending = self._pending[0], self._pending[1:]
        return key
