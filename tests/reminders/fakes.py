"""Stand-ins for the runner's adapters: clocks, a notifier, a launcher and records that remember."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from stretchtui.reminder_settings import ReminderSettings, WorkPeriod
from stretchtui.reminders.activity import Presence
from stretchtui.reminders.notifier import Reminder
from stretchtui.reminders.runner import Environment, RoutineInfo
from stretchtui.reminders.scheduler import Answer
from stretchtui.reminders.state import REMIND_FILE, SESSIONS_FILE, state_file

ALL_DAY = ReminderSettings(
    work_hours=(WorkPeriod(0, 24 * 60),), days=frozenset(range(7)), every=50 * 60
)
ROUTINES = {
    "desk-coffee-break": RoutineInfo("desk-coffee-break", "Coffee break fold", 35),
    "desk-midday": RoutineInfo("desk-midday", "Mid-day desk twist", 38),
    "desk-pre-gym": RoutineInfo("desk-pre-gym", "Pre-gym spine wake-up", 125),
    "desk-evening": RoutineInfo("desk-evening", "Evening wind-down", 68),
}


class Clocks:
    """A wall clock and a monotonic one that move together, unless a suspend is simulated."""

    def __init__(self, start: datetime) -> None:
        self.now = start
        self.mono = 5000.0

    def wall(self) -> datetime:
        return self.now

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)
        self.mono += seconds

    def suspend(self, seconds: float) -> None:
        """Wall time passes, the monotonic clock stands still (as CLOCK_MONOTONIC does)."""
        self.now += timedelta(seconds=seconds)


class RecordingNotifier:
    name = "recording notifier"

    def __init__(self, works: bool = True) -> None:
        self.works = works
        self.shown: list[Reminder] = []
        self.withdrawn = 0
        self.pending: list[Answer] = []
        self.quiet = False

    def show(self, reminder: Reminder) -> bool:
        if self.works:
            self.shown.append(reminder)
        return self.works

    def withdraw(self) -> None:
        self.withdrawn += 1

    def answers(self) -> list[Answer]:
        answers, self.pending = self.pending, []
        return answers

    def inhibited(self) -> bool:
        return self.quiet

    def fileno(self) -> int | None:
        return None

    def ready(self) -> bool:
        return bool(self.pending)

    def close(self) -> None:
        return None


class RecordingLauncher:
    name = "recording launcher"

    def __init__(self) -> None:
        self.launched: list[list[str]] = []

    def available(self) -> bool:
        return True

    def launch(self, argv: Sequence[str]) -> bool:
        self.launched.append(list(argv))
        return True


class RecordingRecords:
    def __init__(self) -> None:
        self.events: list[tuple[str, str | None]] = []

    def shown(self, reminder_id: str, at: datetime, routine_id: str | None) -> None:
        self.events.append(("shown", routine_id))

    def answered(self, reminder_id: str, outcome: str, at: datetime) -> None:
        self.events.append((outcome, None))


class FixedPresence:
    def __init__(self) -> None:
        self.presence = Presence(None, None)

    def poll(self, now: datetime) -> Presence:
        return self.presence

    def fileno(self) -> int | None:
        return None


class World:
    """One runner's surroundings, all fake and all inspectable."""

    def __init__(
        self,
        data: Path,
        settings: ReminderSettings = ALL_DAY,
        start: datetime = datetime(2026, 11, 25, 9, 0, tzinfo=UTC),
    ) -> None:
        self.clocks = Clocks(start)
        self.settings = settings
        self.settings_mtime = 1.0
        self.notifier = RecordingNotifier()
        self.launcher = RecordingLauncher()
        self.records = RecordingRecords()
        self.presence = FixedPresence()
        self.logged: list[str] = []
        self.env = Environment(
            wall=self.clocks.wall,
            monotonic=self.clocks.monotonic,
            load_settings=lambda: self.settings,
            settings_changed=lambda: self.settings_mtime,
            routines=lambda: ROUTINES,
            command=lambda routine_id: ["stretchtui", "run", routine_id],
            shown_command=lambda routine_id: f"stretchtui run {routine_id}",
            notifiers=[self.notifier],
            launcher=self.launcher,
            presence=self.presence,
            records=self.records,
            remind_state=state_file(data, REMIND_FILE),
            sessions_state=state_file(data, SESSIONS_FILE),
            log=self.logged.append,
        )
