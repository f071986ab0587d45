"""Leaving the TUI in the middle of a session never leaves its record open."""

from __future__ import annotations

from collections.abc import Callable

from stretchtui.history import HistoryStore
from stretchtui.records import SessionStatus
from stretchtui.tui.app import StretchApp
from stretchtui.tui.screens.summary import SummaryScreen

AppFactory = Callable[..., StretchApp]


async def test_ctrl_c_ends_the_session_at_once_with_its_summary(
    make_app: AppFactory, store: HistoryStore
) -> None:
    app = make_app("desk-midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        store.flush()
        assert [row.status for row in store.sessions()] == [SessionStatus.ENDED_EARLY.value]
