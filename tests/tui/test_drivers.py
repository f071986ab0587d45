"""The drivers: steady when the terminal goes away; ASCII in every cell without Unicode."""

from __future__ import annotations

import threading

import pytest
from textual.binding import Binding
from textual.drivers._writer_thread import WriterThread
from textual.drivers.linux_driver import LinuxDriver

from stretchtui import glyphs
from stretchtui.tui.drivers import (
    AsciiLinuxDriver,
    GoneTerminalOut,
    SteadyLinuxDriver,
    driver_class,
)
from tui.conftest import AppFactory


def test_unicode_terminal_gets_the_steady_driver() -> None:
    assert driver_class(glyphs.UNICODE, environ_driver=None) is SteadyLinuxDriver


def test_ascii_terminal_gets_the_ascii_driver() -> None:
    assert driver_class(glyphs.ASCII, environ_driver=None) is AsciiLinuxDriver


def test_a_driver_chosen_from_outside_is_left_alone() -> None:
    # textual-serve's web driver: the browser shows every character.
    assert driver_class(glyphs.ASCII, environ_driver="textual.drivers.web_driver:WebDriver") is None


def test_ascii_driver_writes_same_width_stand_ins_and_keeps_escapes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    written: list[str] = []
    monkeypatch.setattr(LinuxDriver, "write", lambda self, data: written.append(data))
    driver = AsciiLinuxDriver.__new__(AsciiLinuxDriver)
    driver.write("\x1b[?1049h\x1b[1;1H╭──╮ ✓ Cat-Cow · 20s…")
    driver.write("plain")
    assert written == ["\x1b[?1049h\x1b[1;1H+--+ + Cat-Cow - 20s.", "plain"]


async def test_the_app_picks_its_driver_from_the_glyph_set(make_app: AppFactory) -> None:
    glyphs.use(glyphs.ASCII)
    assert make_app().driver_class is AsciiLinuxDriver
    glyphs.use(glyphs.UNICODE)
    assert make_app().driver_class is SteadyLinuxDriver


@pytest.mark.parametrize(
    ("glyph_set", "enter", "right"), [(glyphs.UNICODE, "⏎", "→"), (glyphs.ASCII, "Enter", "->")]
)
async def test_footer_keys_are_spelled_for_the_terminal(
    make_app: AppFactory, glyph_set: glyphs.Glyphs, enter: str, right: str
) -> None:
    glyphs.use(glyph_set)
    app = make_app()
    assert app.get_key_display(Binding("enter", "start", "Start")) == enter
    assert app.get_key_display(Binding("right", "skip", "Skip")) == right


class ClosedTerminal:
    """A terminal's output after the terminal went away: every write is EIO."""

    def __init__(self) -> None:
        self.writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        raise OSError(5, "Input/output error")

    def flush(self) -> None:
        raise OSError(5, "Input/output error")

    def fileno(self) -> int:
        return 2


def test_a_gone_terminal_takes_text_without_raising() -> None:
    terminal = ClosedTerminal()
    out = GoneTerminalOut(terminal)  # type: ignore[arg-type]
    assert out.write("\x1b[?1049l") == len("\x1b[?1049l")
    out.flush()
    out.write("more")
    assert out.gone
    assert terminal.writes == 1  # once gone, nothing more is tried


def test_the_writer_keeps_draining_after_the_terminal_went_away() -> None:
    # Textual's writer thread dies on the first failed write; its 30-slot queue then
    # fills and the next write blocks the event loop for good (no signal can end the
    # app). Over GoneTerminalOut it keeps draining: a hundred frames and a stop return.
    writer = WriterThread(GoneTerminalOut(ClosedTerminal()))  # type: ignore[arg-type]
    writer.start()

    def frames_then_stop() -> None:
        for frame in range(100):
            writer.write(f"frame {frame}")
        writer.stop()

    app_thread = threading.Thread(target=frames_then_stop, daemon=True)
    app_thread.start()
    app_thread.join(timeout=5)
    assert not app_thread.is_alive(), "writing to a gone terminal blocked"
    assert not writer.is_alive()


async def test_the_steady_driver_writes_through_a_gone_terminal_guard(make_app: AppFactory) -> None:
    driver = SteadyLinuxDriver(make_app())
    assert isinstance(driver._file, GoneTerminalOut)
