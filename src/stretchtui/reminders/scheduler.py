"""When to remind: work time since the last break, inside work hours, on an injected clock.

The scheduler only decides; it never sleeps, reads a clock or talks to anyone.
The runner tells it what happened (time passed with the person active or away,
the machine woke, a session finished, the person answered) and asks `decide`.

A *break* is any stretch of time that is not work: idle, a locked screen, a
suspended machine, or time outside work hours. A break at least `idle_reset`
long, or any finished session, starts the interval again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum

from stretchtui.reminder_settings import ReminderSettings
from stretchtui.reminders.workhours import (
    in_work_hours,
    next_work_start,
    periods_between,
)

WAKE_QUIET = timedelta(minutes=2)
# How often the runner looks again at most, so idle, locks and config edits are seen soon.
MAX_CHECK = 30.0


class Answer(StrEnum):
    START = "start"
    SNOOZE = "snooze"
    SKIP = "skip"


class Phase(StrEnum):
    OFF_HOURS = "off_hours"  # outside work hours or days
    WORKING = "working"  # counting work time towards the next reminder
    WAKING = "waking"  # just back from suspend: no reminder for two minutes
    SNOOZED = "snoozed"
    HELD = "held"  # due, but the desktop asks for quiet (do not disturb)
    SHOWING = "showing"  # a reminder is out, waiting for an answer


@dataclass(frozen=True)
class Decision:
    remind: bool  # show a reminder now
    repeat: bool  # the reminder before this one went unanswered
    can_snooze: bool
    phase: Phase
    due_at: datetime | None  # when the next reminder comes if work goes on as now
    next_check: float  # seconds until the scheduler wants to be asked again


class Scheduler:
    def __init__(self, settings: ReminderSettings, now: datetime, tz: tzinfo | None = None) -> None:
        self.settings = settings
        self.tz = tz
        self.work_seconds = 0.0
        self.break_seconds = 0.0
        self.snoozes = 0
        self.snoozed_until: datetime | None = None
        self.showing_since: datetime | None = None
        self.quiet_until: datetime | None = None
        self._last = now

    # ------------------------------------------------------------ what happened

    def update_settings(self, settings: ReminderSettings) -> None:
        """New settings take effect at once; work time counted so far is kept."""
        self.settings = settings
        self.snoozes = min(self.snoozes, settings.max_snoozes)

    def observe(self, now: datetime, away_since: datetime | None = None) -> None:
        """Time passed up to `now`; the person has been away (idle, locked, asleep) since
        `away_since`, or active if None."""
        start = self._last
        if now <= start:
            self._last = max(self._last, now)
            return
        active_end = now if away_since is None else max(start, min(now, away_since))
        cursor = start
        for begin, finish in periods_between(self.settings, start, active_end, self.tz):
            self._pause(begin - cursor)
            self.break_seconds = 0.0
            self.work_seconds += (finish - begin).total_seconds()
            cursor = finish
        self._pause(now - cursor)
        self._last = now

    def woke(self, now: datetime) -> None:
        """The machine came back from suspend (the sleep itself is told through `observe`)."""
        self.quiet_until = now + WAKE_QUIET

    def session_finished(self, at: datetime) -> None:
        """Any finished session, reminded or not, is a break: the interval starts again."""
        self._restart()

    def shown(self, now: datetime) -> None:
        self.showing_since = now
        self.snoozed_until = None

    def answered(self, answer: Answer, now: datetime) -> bool:
        """The person chose Start, Snooze or Skip; False if that is not possible now."""
        if answer is Answer.SNOOZE:
            if not self.can_snooze:
                return False
            self.snoozes += 1
            self.snoozed_until = now + timedelta(seconds=self.settings.snooze)
            self.showing_since = None
            return True
        self._restart()
        return True

    # ------------------------------------------------------------ asking

    @property
    def can_snooze(self) -> bool:
        return self.snoozes < self.settings.max_snoozes

    def decide(self, now: datetime, held: Callable[[], bool] = lambda: False) -> Decision:
        """Whether to remind now. Call `observe(now)` first. `held` says whether the desktop
        asks for quiet; it is asked only when a reminder is due (it may cost a D-Bus call)."""
        settings = self.settings
        if not in_work_hours(settings, now, self.tz):
            start = next_work_start(settings, now, self.tz)
            wait = MAX_CHECK if start is None else (start - now).total_seconds()
            due = None
            if start is not None:
                due = start + timedelta(seconds=max(0.0, settings.every - self.work_seconds))
            return self._decision(False, Phase.OFF_HOURS, due, wait)
        if self.quiet_until is not None and now < self.quiet_until:
            left = (self.quiet_until - now).total_seconds()
            return self._decision(False, Phase.WAKING, self._projected(now), left)
        if self.showing_since is not None:
            waited = (now - self.showing_since).total_seconds()
            if waited < settings.snooze:
                return self._decision(False, Phase.SHOWING, now, settings.snooze - waited)
            if held():
                return self._decision(False, Phase.HELD, now, MAX_CHECK)
            # Unanswered for a snooze's length: it counts as one, and comes again.
            self.snoozes += 1
            self.showing_since = None
            return self._decision(True, Phase.SHOWING, now, settings.snooze, repeat=True)
        if self.snoozed_until is not None:
            left = (self.snoozed_until - now).total_seconds()
            if left > 0:
                return self._decision(False, Phase.SNOOZED, self.snoozed_until, left)
        else:
            left = settings.every - self.work_seconds
            if left > 0:
                return self._decision(False, Phase.WORKING, self._projected(now), left)
        if held():
            return self._decision(False, Phase.HELD, now, MAX_CHECK)
        return self._decision(True, Phase.SHOWING, now, settings.snooze)

    # ------------------------------------------------------------ inside

    def _decision(
        self, remind: bool, phase: Phase, due: datetime | None, wait: float, repeat: bool = False
    ) -> Decision:
        return Decision(
            remind=remind,
            repeat=repeat,
            can_snooze=self.can_snooze,
            phase=phase,
            due_at=due,
            next_check=max(1.0, min(MAX_CHECK, wait)),
        )

    def _projected(self, now: datetime) -> datetime:
        if self.snoozed_until is not None:
            return self.snoozed_until
        return now + timedelta(seconds=max(0.0, self.settings.every - self.work_seconds))

    def _pause(self, gap: timedelta) -> None:
        seconds = gap.total_seconds()
        if seconds <= 0:
            return
        self.break_seconds += seconds
        if self.break_seconds >= self.settings.idle_reset:
            self._restart()

    def _restart(self) -> None:
        self.work_seconds = 0.0
        self.snoozes = 0
        self.snoozed_until = None
        self.showing_since = None
