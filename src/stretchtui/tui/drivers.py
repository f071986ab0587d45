"""The terminal drivers the app runs on: Textual's Linux driver, made steady and ASCII-able.

A terminal can go away under a running app (a closed window, a killed tmux
server, a dropped SSH link). Textual's writer thread dies on the first failed
write; its queue then fills, and the next write blocks the event loop for good,
so not even SIGTERM or SIGHUP can end the process. `SteadyLinuxDriver` writes
through `GoneTerminalOut`, which drops what can no longer be shown, so the writer
keeps draining and the app can always close.

For a terminal without Unicode, our own widgets take their characters from
`glyphs.current()`; what Textual draws itself (borders, rules, scroll bars, the
footer) goes through `AsciiLinuxDriver`, which puts a same-width ASCII stand-in
in each cell, so the layout stays as measured.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import sys
import threading
from codecs import getincrementaldecoder
from typing import IO, TYPE_CHECKING, Any

from textual._xterm_parser import XTermParser
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver

from stretchtui import glyphs

if TYPE_CHECKING:
    from textual.app import App


class GoneTerminalOut:
    """The terminal's output, which stops taking text once the terminal is gone."""

    def __init__(self, file: IO[str]) -> None:
        self._file = file
        self.gone = False

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                self._file.write(text)
            except (OSError, ValueError):  # EIO from a closed pty; a closed file object
                self.gone = True
        return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                self._file.flush()
            except (OSError, ValueError):
                self.gone = True

    def fileno(self) -> int:
        return self._file.fileno()


class WakingEvent(threading.Event):
    """An event that also wakes the input thread's wait (through a pipe) when it is set."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self.read_fd, self._write_fd = os.pipe()
        os.set_blocking(self.read_fd, False)
        os.set_blocking(self._write_fd, False)

    def set(self) -> None:
        super().set()
        with self._lock, contextlib.suppress(OSError):  # a full pipe is awake already
            if self._write_fd >= 0:
                os.write(self._write_fd, b"x")

    def drain(self) -> None:
        with self._lock, contextlib.suppress(OSError):
            if self.read_fd >= 0:
                while os.read(self.read_fd, 64):
                    pass

    def close(self) -> None:
        """Close the pipe (once; never writing to a number the system has given out again)."""
        with self._lock:
            for fd in (self.read_fd, self._write_fd):
                with contextlib.suppress(OSError):
                    if fd >= 0:
                        os.close(fd)
            self.read_fd = self._write_fd = -1


class SteadyLinuxDriver(LinuxDriver):
    """Textual's Linux driver, whose writes never fail once the terminal has gone, and whose
    input thread sleeps until there is input.

    Textual's input thread looks at the terminal ten times a second even when nothing
    is typed (to see whether it should stop, and to time out a lone Escape): during a
    long hold that was about a quarter of the app's CPU. This one waits without a
    timeout, unless the parser is waiting on a part of a key sequence, and is woken
    through a pipe when it is told to stop.
    """

    def __init__(self, app: App[Any], **options: Any) -> None:
        super().__init__(app, **options)
        file = self._file
        if file is not None:
            self._file = GoneTerminalOut(file)  # type: ignore[assignment]
        self._waking = WakingEvent()
        self.exit_event = self._waking

    def close(self) -> None:
        super().close()
        self._waking.close()

    def run_input_thread(self) -> None:
        """Textual's input loop (LinuxDriver.run_input_thread), without the idle polling."""
        selector = selectors.SelectSelector()
        fileno = self.fileno
        wake = self._waking.read_fd
        selector.register(fileno, selectors.EVENT_READ)
        selector.register(wake, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        feed = parser.feed
        tick = parser.tick
        decode = getincrementaldecoder("utf-8")().decode

        def wait() -> list[tuple[selectors.SelectorKey, int]]:
            # A partial key sequence times out (a lone Escape is a key): look again soon.
            pending = parser._timeout_time is not None
            return selector.select(0.1 if pending else None)

        def process(events: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> None:
            reads = [key.fd for key, mask in events if mask & selectors.EVENT_READ]
            if wake in reads:
                self._waking.drain()
            if fileno in reads:
                data = decode(os.read(fileno, 1024 * 4), final=final)
                if data:
                    for event in feed(data):
                        self.process_message(event)
            for event in tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                process(wait())
            selector.unregister(fileno)
            process(selector.select(0.1), final=True)
        finally:
            selector.close()
            try:
                for _event in feed(""):
                    pass
            except Exception:  # the parser's EOFError / ParseError at the end, as Textual's
                pass


class AsciiLinuxDriver(SteadyLinuxDriver):
    """The steady driver, writing `+--+` where it would write `╭──╮`."""

    _table: glyphs.CellTable | None = None

    def write(self, data: str) -> None:
        if self._table is None:
            self._table = glyphs.CellTable()
        super().write(glyphs.screen_to_ascii(data, self._table))


def driver_class(glyph_set: glyphs.Glyphs, *, environ_driver: str | None) -> type[Driver] | None:
    """The driver for this terminal: the steady one, in ASCII where Unicode can't show.

    `environ_driver` is TEXTUAL_DRIVER: a driver chosen from outside (textual-serve's
    web driver, whose browser shows every character) is left alone, and so is
    Windows, where Textual has a driver of its own.
    """
    if environ_driver or sys.platform == "win32":
        return None
    return SteadyLinuxDriver if glyph_set.unicode else AsciiLinuxDriver
