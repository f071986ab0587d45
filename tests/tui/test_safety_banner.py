"""The menu's note after a "yes" to pain or numbness: short, hidden for the day with `x`, back
with a new report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from textual.widgets import Static
from textual.widgets._footer import FooterKey

from stretchtui.clock import FakeClock, wall_clock
from stretchtui.history import HistoryStore
from stretchtui.note_hiding import HIDDEN_FILE
from stretchtui.tui.app import StretchApp
from stretchtui.tui.screens.menu import MenuScreen

from .recorded import report_pain
from .time_hooks import arm_summary, let_time_pass

AppFactory = Callable[..., StretchApp]


def footer_descriptions(app: StretchApp) -> list[str]:
    return [key.description for key in app.screen.query(FooterKey).results()]


def note_text(app: StretchApp) -> str:
    notes = app.screen.query_one("#notes", Static)
    return str(notes.render()) if notes.display else ""


async def test_the_note_after_a_yes_takes_three_rows_at_most_at_80x24(
    make_app: AppFactory, store: HistoryStore
) -> None:
    report_pain(store, wall_clock() - timedelta(hours=1))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        notes = app.screen.query_one("#notes", Static)
        assert notes.display
        assert 2 <= notes.region.height <= 3
        text = " ".join(note_text(app).split())
        assert "sharp pain, numbness or tingling" in text
        assert "doctor or physiotherapist" in text
        # Whole words only: nothing cut off at the end.
        assert text.endswith("says when it matters most.")
        assert "Hide note" in footer_descriptions(app)


async def test_x_hides_the_note_for_the_day_even_across_a_restart(
    make_app: AppFactory, store: HistoryStore, isolated_dirs: dict[str, Path]
) -> None:
    report = report_pain(store, wall_clock() - timedelta(hours=1))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert not app.screen.query_one("#notes", Static).display
        assert "Hide note" not in footer_descriptions(app)
    saved = (isolated_dirs["data"] / HIDDEN_FILE).read_text(encoding="ascii").split()
    assert saved == [wall_clock().date().isoformat(), report]

    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, MenuScreen)
        assert note_text(again) == ""
        await pilot.press("x")  # nothing to hide: nothing happens
        await pilot.pause()
        assert isinstance(again.screen, MenuScreen)


async def test_a_new_report_brings_the_hidden_note_back(
    make_app: AppFactory, store: HistoryStore, clock: FakeClock
) -> None:
    report_pain(store, wall_clock() - timedelta(hours=2))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert note_text(app) == ""
        # Another session, another "yes", this time through the app itself.
        menu = app.screen
        assert isinstance(menu, MenuScreen)
        entry = app.catalog.get("desk-coffee-break")
        assert entry is not None
        app.start_session(entry)
        await pilot.pause()
        await let_time_pass(pilot, clock, 60)
        await arm_summary(pilot)
        await pilot.press("y", "escape")
        await pilot.pause()
        assert app.screen is menu
        assert "sharp pain, numbness or tingling" in note_text(app)
        assert "Hide note" in footer_descriptions(app)


async def test_a_note_hidden_yesterday_shows_again_today(
    make_app: AppFactory, store: HistoryStore, isolated_dirs: dict[str, Path]
) -> None:
    report = report_pain(store, wall_clock() - timedelta(hours=1))
    yesterday = (wall_clock() - timedelta(days=1)).date().isoformat()
    (isolated_dirs["data"] / HIDDEN_FILE).write_text(f"{yesterday} {report}\n", encoding="ascii")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "sharp pain" in note_text(app)
