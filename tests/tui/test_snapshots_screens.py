"""The screens around a session at the four sizes the brief names: 40×12, 80×24, 120×40, 200×60.

The summary (a short routine and a twelve-stretch one, before and after a "yes"), the
list of keys, history, progress, the safety screen, the first-run note, the end-session
question and the menu with its note after a "yes".
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from stretchtui.clock import FakeClock, wall_clock
from stretchtui.first_run import MARKER
from stretchtui.history import HistoryStore
from stretchtui.records import CheckIn, Feeling
from stretchtui.tui.app import StretchApp
from stretchtui.tui.screens.history import HistoryScreen
from stretchtui.tui.screens.progress import ProgressScreen

from .recorded import TWELVE, record, report_pain, twelve_stretches
from .time_hooks import arm_summary, let_time_pass

AppFactory = Callable[..., StretchApp]
Before = Callable[[Pilot[Any]], Awaitable[None]]

SIZES = [
    pytest.param((40, 12), id="40x12"),
    pytest.param((80, 24), id="80x24"),
    pytest.param((120, 40), id="120x40"),
    pytest.param((200, 60), id="200x60"),
]
TODAY = date(2026, 5, 20)


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Dates and times on screen in UTC, whatever the machine's zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def summary_then(clock: FakeClock, seconds: float, *keys: str) -> Before:
    """Run the session `seconds` on the fake clock, arm the summary, press `keys`."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await let_time_pass(pilot, clock, seconds)
        await arm_summary(pilot)
        if keys:
            await pilot.press(*keys)
        await pilot.pause()
        await pilot.pause()

    return run_before


def a_few_weeks(store: HistoryStore) -> None:
    """Sessions over three weeks before TODAY, with check-ins."""
    for day, routine, feeling in (
        (20, "beginner", Feeling.SAME),
        (16, "desk-midday", None),
        (12, "beginner", Feeling.BETTER),
        (9, "desk-coffee-break", None),
        (5, "intermediate", Feeling.BETTER),
        (2, "desk-evening", None),
        (1, "beginner", Feeling.BETTER),
    ):
        started = datetime(2026, 5, 20, 8, 30, tzinfo=UTC) - timedelta(days=day)
        checkin = CheckIn(feeling, False) if feeling is not None else None
        record(store, routine, started, checkin)


@pytest.mark.parametrize("size", SIZES)
def test_summary_short_routine_after_yes(
    snap_compare: Any, make_app: AppFactory, clock: FakeClock, size: tuple[int, int]
) -> None:
    app = make_app("desk-midday")
    assert snap_compare(app, run_before=summary_then(clock, 50, "3", "y"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_summary_twelve_stretches(
    snap_compare: Any,
    make_app: AppFactory,
    clock: FakeClock,
    isolated_dirs: dict[str, Path],
    size: tuple[int, int],
) -> None:
    twelve_stretches(isolated_dirs["config"])
    app = make_app(TWELVE)
    assert snap_compare(app, run_before=summary_then(clock, 120), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_summary_twelve_stretches_after_yes(
    snap_compare: Any,
    make_app: AppFactory,
    clock: FakeClock,
    isolated_dirs: dict[str, Path],
    size: tuple[int, int],
) -> None:
    twelve_stretches(isolated_dirs["config"])
    app = make_app(TWELVE)
    assert snap_compare(app, run_before=summary_then(clock, 120, "1", "y"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_keys_help(
    snap_compare: Any, make_app: AppFactory, clock: FakeClock, size: tuple[int, int]
) -> None:
    notice = (
        "No sound device found: cues are visual only "
        "(set sound: bell in config.yaml for the terminal bell)."
    )
    app = make_app("desk-midday", warnings=[notice])

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await let_time_pass(pilot, clock, 7)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app, run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_history(
    snap_compare: Any, make_app: AppFactory, store: HistoryStore, utc: None, size: tuple[int, int]
) -> None:
    a_few_weeks(store)
    app = make_app()

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        app.push_screen(HistoryScreen(store))
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(app, run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_progress(
    snap_compare: Any, make_app: AppFactory, store: HistoryStore, utc: None, size: tuple[int, int]
) -> None:
    a_few_weeks(store)
    app = make_app()

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        app.push_screen(ProgressScreen(store, today=lambda: TODAY))
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(app, run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_safety(snap_compare: Any, make_app: AppFactory, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), press=["s"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_first_run_note(
    snap_compare: Any, make_app: AppFactory, isolated_dirs: dict[str, Path], size: tuple[int, int]
) -> None:
    (isolated_dirs["data"] / MARKER).unlink()
    assert snap_compare(make_app("desk-midday"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_end_session_question(
    snap_compare: Any, make_app: AppFactory, clock: FakeClock, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await let_time_pass(pilot, clock, 7)
        await pilot.press("q")
        await pilot.pause()

    assert snap_compare(make_app("desk-midday"), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_menu_with_the_note_after_a_yes(
    snap_compare: Any, make_app: AppFactory, store: HistoryStore, size: tuple[int, int]
) -> None:
    report_pain(store, wall_clock() - timedelta(hours=1))
    assert snap_compare(make_app(), terminal_size=size)
