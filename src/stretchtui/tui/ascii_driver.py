"""The terminal driver for a terminal without Unicode: every cell it draws is ASCII.

Our own widgets take their characters from `glyphs.current()`; what Textual draws
itself (borders, rules, scroll bars, the footer) goes through this driver, which
puts a same-width ASCII stand-in in each cell, so the layout stays as measured.
"""

from __future__ import annotations

from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver

from stretchtui import glyphs


class AsciiLinuxDriver(LinuxDriver):
    """Textual's Linux driver, writing `+--+` where it would write `╭──╮`."""

    _table: glyphs.CellTable | None = None

    def write(self, data: str) -> None:
        if self._table is None:
            self._table = glyphs.CellTable()
        super().write(glyphs.screen_to_ascii(data, self._table))


def driver_class(glyph_set: glyphs.Glyphs, *, environ_driver: str | None) -> type[Driver] | None:
    """The driver for this terminal: None (Textual's choice) unless it lacks Unicode.

    `environ_driver` is TEXTUAL_DRIVER: a driver chosen from outside (textual-serve's
    web driver, whose browser shows every character) is left alone.
    """
    if glyph_set.unicode or environ_driver:
        return None
    return AsciiLinuxDriver
