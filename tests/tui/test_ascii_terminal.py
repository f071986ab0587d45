"""A terminal without Unicode: the driver puts ASCII in every cell, the footer spells keys out."""

from __future__ import annotations

import pytest
from textual.binding import Binding
from textual.drivers.linux_driver import LinuxDriver

from stretchtui import glyphs
from stretchtui.tui.ascii_driver import AsciiLinuxDriver, driver_class
from tui.conftest import AppFactory


def test_unicode_terminal_keeps_textuals_own_driver() -> None:
    assert driver_class(glyphs.UNICODE, environ_driver=None) is None


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
    assert make_app().driver_class is not AsciiLinuxDriver


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
