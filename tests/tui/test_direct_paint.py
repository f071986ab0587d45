"""A hold's countdown, breath bar and progress line paint straight to the terminal, and the
terminal ends up showing what a whole Textual frame of the screen would.

Headless runs never paint directly (nothing is written); here the painter is let paint as
on a real terminal, and every write (Textual's frames through the cell map, and the direct
paints) is read by the terminal model of test_cell_diff.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rich.console import Console, RenderableType
from textual._compositor import ChopsUpdate, CompositorUpdate, LayoutUpdate
from textual.screen import Screen

from stretchtui.clock import FakeClock
from stretchtui.tui.app import StretchApp
from stretchtui.tui.cell_diff import TerminalCells
from stretchtui.tui.direct_paint import DirectPainter
from stretchtui.tui.screens.keys import KeysScreen
from stretchtui.tui.screens.session import SessionScreen

from .test_cell_diff import TerminalModel
from .time_hooks import let_time_pass

AppFactory = Callable[..., StretchApp]
CONSOLE = Console(color_system="256", force_terminal=True)


def full_frame(screen: Screen[Any], size: tuple[int, int]) -> TerminalModel:
    """The terminal after a whole frame of `screen`, written from nothing."""
    model = TerminalModel(*size)
    update = screen._compositor.render_full_update()
    model.feed(TerminalCells().update(update, screen, size).render_segments(CONSOLE))
    return model


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_direct_paints_leave_the_terminal_as_a_whole_frame_would(
    make_app: AppFactory,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
) -> None:
    app = make_app("desk-midday")
    model = TerminalModel(*size)

    def display(screen: Screen[Any], renderable: RenderableType | None) -> None:
        # What StretchApp._display writes on a real terminal, read by the model.
        update: object = renderable
        if isinstance(update, LayoutUpdate | ChopsUpdate):
            update = app.terminal_cells.update(update, screen, size)
        if isinstance(update, CompositorUpdate):
            model.feed(update.render_segments(CONSOLE))

    async with app.run_test(size=size) as pilot:
        monkeypatch.setattr(app, "_display", display)
        monkeypatch.setattr(DirectPainter, "_may_paint", lambda self: True)
        app.screen.refresh()
        await pilot.pause()
        painted = app.direct_painter.painted
        for _ in range(12):  # into the hold, then a second at a time
            await let_time_pass(pilot, clock, 1.0)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert app.direct_painter.painted > painted + 5
        assert model.seen() == full_frame(screen, size).seen()


async def test_nothing_is_painted_past_a_screen_on_top(
    make_app: AppFactory, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app("desk-midday")
    async with app.run_test(size=(80, 24)) as pilot:
        monkeypatch.setattr(DirectPainter, "_may_paint", lambda self: True)
        await let_time_pass(pilot, clock, 6.0)
        # The cells know the session screen (as after its frames on a real terminal).
        session = app.screen
        app.terminal_cells.render_strips([], session, (80, 24), CONSOLE)
        await let_time_pass(pilot, clock, 1.0)
        assert app.direct_painter.painted > 0
        app.push_screen(KeysScreen())
        await pilot.pause()
        painted = app.direct_painter.painted
        await let_time_pass(pilot, clock, 3.0)
        assert app.direct_painter.painted == painted
