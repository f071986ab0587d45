"""The History and Progress screens over seeded sessions: pilot tests and snapshots."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen
from textual.widgets import DataTable, Sparkline, Static

from stretchtui.config import StreakMode
from stretchtui.history import HistoryStore, open_store
from stretchtui.tui.screens.history import HistoryScreen, SessionDetailScreen
from stretchtui.tui.screens.progress import ProgressScreen
from stretchtui.tui.widgets.heatmap import Heatmap

from .helpers import record_session
from .screens_app import ZONE, ScreensApp, seed


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    return seed(tmp_path / "history.sqlite3")


def table_of(app: ScreensApp) -> DataTable[Any]:
    return app.screen.query_one("#history-table", DataTable)


async def test_history_lists_sessions_newest_first(store: HistoryStore) -> None:
    app = ScreensApp(store, "history")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = table_of(app)
        assert table.row_count == 54
        first = table.get_row_at(0)
        assert first[0] == "2026-03-11 08:35" and str(first[1]) == "Beginner back routine"
        assert str(first[3]) == "completed"
        assert "54 sessions" in str(app.screen.query_one("#history-note", Static).render())


async def test_enter_opens_what_was_done_and_escape_closes_it(store: HistoryStore) -> None:
    app = ScreensApp(store, "history")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "down", "down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionDetailScreen)
        detail = app.screen.detail
        assert detail.session.status == "ended_early"
        assert any(segment.skipped for segment in detail.segments)
        segments = str(app.screen.query_one("#detail-segments", Static).render())
        assert "✗" in segments and "skipped after" in segments
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_history_refreshes_when_shown_again(store: HistoryStore) -> None:
    app = ScreensApp(store, "history")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.push_screen(Screen())
        await pilot.pause()
        record_session(store, "advanced", datetime(2026, 3, 11, 18, 0, tzinfo=ZONE))
        app.pop_screen()
        await pilot.pause()
        table = table_of(app)
        assert table.row_count == 55
        assert str(table.get_row_at(0)[1]) == "Advanced back routine"


async def test_escape_goes_back_to_the_menu(store: HistoryStore) -> None:
    app = ScreensApp(store, "history")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HistoryScreen)


async def test_a_long_history_loads_older_pages_as_the_cursor_nears_the_end(
    store: HistoryStore,
) -> None:
    app = ScreensApp(store, "history", page_size=20)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = table_of(app)
        assert table.row_count == 20
        note = str(app.screen.query_one("#history-note", Static).render())
        assert "Latest 20 of 54" in note
        for _ in range(12):
            await pilot.press("down")
        await pilot.pause()
        assert table.row_count == 40
        for _ in range(20):
            await pilot.press("down")
        await pilot.pause()
        assert table.row_count == 54
        assert "54 sessions" in str(app.screen.query_one("#history-note", Static).render())
        oldest = table.get_row_at(53)
        assert oldest[0] == "2026-01-05 07:30"


async def test_empty_history_says_what_will_appear(tmp_path: Path) -> None:
    app = ScreensApp(open_store(tmp_path / "history.sqlite3"), "history")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert table_of(app).row_count == 0
        note = str(app.screen.query_one("#history-note", Static).render())
        assert note.startswith("No sessions yet")


async def test_progress_shows_streaks_heatmap_and_weekly_minutes(store: HistoryStore) -> None:
    app = ScreensApp(store, "progress")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgressScreen) and screen.stats is not None
        assert (screen.stats.streaks.current, screen.stats.streaks.best) == (3, 7)
        cells = screen.query_one(Heatmap).cells
        assert len(cells) == 7 and {len(row) for row in cells} == {12}
        assert cells[2][-1].day.isoformat() == "2026-03-11" and cells[2][-1].minutes > 14
        weekly = screen.query_one("#weekly", Sparkline)
        assert len(list(weekly.data or [])) == 12
        totals = str(screen.query_one("#totals", Static).render())
        assert "54 sessions, 49 completed" in totals and "hamstrings" in totals


async def test_weekday_streaks_step_over_weekends(store: HistoryStore) -> None:
    app = ScreensApp(store, "progress", StreakMode.WEEKDAYS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgressScreen) and screen.stats is not None
        # Since the early stop on Wednesday 4 March: Thu, Fri, (weekend), Mon, Tue, Wed.
        # The daily streak for the same data is 3, broken by the empty Sunday.
        assert screen.stats.streaks.current == 5
        streaks = str(screen.query_one("#streaks", Static).render())
        assert "5 weekdays" in streaks and "weekends never break it" in streaks


async def test_progress_refreshes_when_shown_again(store: HistoryStore) -> None:
    app = ScreensApp(store, "progress")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgressScreen) and screen.stats is not None
        before = screen.stats.sessions
        await app.push_screen(Screen())
        await pilot.pause()
        record_session(store, "desk-coffee-break", datetime(2026, 3, 11, 18, 0, tzinfo=ZONE))
        app.pop_screen()
        await pilot.pause()
        assert screen.stats.sessions == before + 1


# ---------------------------------------------------------------- snapshots


def snapshot_app(tmp_path: Path, which: str) -> ScreensApp:
    return ScreensApp(seed(tmp_path / "history.sqlite3"), which)


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
def test_history_snapshot(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(snapshot_app(tmp_path, "history"), terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
def test_session_detail_snapshot(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    app = snapshot_app(tmp_path, "history")
    assert snap_compare(
        app, terminal_size=size, press=["down", "down", "down", "down", "down", "enter"]
    )


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
def test_progress_snapshot(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(snapshot_app(tmp_path, "progress"), terminal_size=size)


def test_progress_snapshot_with_no_sessions(snap_compare: Any, tmp_path: Path) -> None:
    app = ScreensApp(open_store(tmp_path / "history.sqlite3"), "progress")
    assert snap_compare(app, terminal_size=(80, 24))


def test_seed_is_the_same_every_time(tmp_path: Path) -> None:
    one = [(r.started, r.status) for r in seed(tmp_path / "a.sqlite3").sessions(limit=None)]
    two = [(r.started, r.status) for r in seed(tmp_path / "b.sqlite3").sessions(limit=None)]
    assert one == two and one[0][0] - one[-1][0] > timedelta(weeks=9)
