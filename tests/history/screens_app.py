"""A tiny app that shows the history screens over seeded data, for pilot and snapshot tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from textual.app import App
from textual.widgets import Label

from stretchtui.config import StreakMode
from stretchtui.history import HistoryStore, open_store
from stretchtui.records import CheckIn, Feeling
from stretchtui.tui.screens.history import HistoryScreen
from stretchtui.tui.screens.progress import ProgressScreen

from .helpers import record_session

ZONE = timezone(timedelta(hours=1))
TODAY = date(2026, 3, 11)  # a Wednesday


def seed(path: Path) -> HistoryStore:
    """Ten weeks of mixed practice ending on TODAY, the same every time."""
    store = open_store(path)
    start = datetime(2026, 1, 5, 7, 30, tzinfo=ZONE)
    routines = ("desk-coffee-break", "beginner", "desk-midday", "intermediate")
    for day in range(66):
        if day % 7 in (5, 6) and day % 3:
            continue
        routine = routines[day % len(routines)]
        checkin = CheckIn(Feeling.BETTER if day % 2 else Feeling.SAME)
        record_session(
            store,
            routine,
            start + timedelta(days=day, minutes=day),
            complete=day % 9 != 4,
            checkin=checkin,
        )
    return store


class ScreensApp(App[None]):
    """Pushes one history screen over a placeholder, as the menu will."""

    def __init__(
        self,
        store: HistoryStore,
        which: str,
        mode: StreakMode = StreakMode.DAILY,
        page_size: int = 500,
    ) -> None:
        super().__init__()
        self.store = store
        self.which = which
        self.mode = mode
        self.page_size = page_size

    def compose(self):  # type: ignore[no-untyped-def]
        yield Label("menu")

    def on_mount(self) -> None:
        if self.which == "history":
            self.push_screen(HistoryScreen(self.store, page_size=self.page_size))
        else:
            self.push_screen(ProgressScreen(self.store, self.mode, today=lambda: TODAY))
