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

import sys
from typing import IO, TYPE_CHECKING, Any

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


class SteadyLinuxDriver(LinuxDriver):
    """Textual's Linux driver, whose writes never fail once the terminal has gone."""

    def __init__(self, app: App[Any], **options: Any) -> None:
        super().__init__(app, **options)
        file = self._file
        if file is not None:
            self._file = GoneTerminalOut(file)  # type: ignore[assignment]


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
