"""The reminder loop: feeds the scheduler what happened, shows what it decides, keeps the state.

One thread. It sleeps in `select` on the D-Bus sockets (so an answer or a
logind signal wakes it at once) for at most the scheduler's `next_check`, and
never longer than 30 s, so idle time, config edits and finished sessions are
noticed soon while an idle `remind` costs next to nothing.
"""

from __future__ import annotations

import selectors
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from stretchtui.reminder_settings import ReminderSettings
from stretchtui.reminders.activity import Presence
from stretchtui.reminders.choice import choose_routine
from stretchtui.reminders.launcher import Launcher
from stretchtui.reminders.notifier import Notifier, Reminder
from stretchtui.reminders.scheduler import Answer, Decision, Scheduler
from stretchtui.reminders.state import (
    as_moment,
    as_number,
    modified,
    process_alive,
    read_state,
    write_state,
)
from stretchtui.reminders.workhours import to_local

# The wall clock running ahead of the monotonic one by more than this means a suspend.
CLOCK_JUMP = timedelta(seconds=60)
# Between two runs (a restart, or `--once` from a timer) nobody watched: a gap up to this long
# is taken as work as usual, a longer one as the machine being off or asleep.
UNWATCHED_GAP = timedelta(minutes=20)
# How long `status` trusts the state left by `remind --once` (its timer should run more often).
ONCE_VALID = timedelta(minutes=20)


class PresenceSource(Protocol):
    def poll(self, now: datetime) -> Presence: ...

    def fileno(self) -> int | None: ...


class Records(Protocol):
    def shown(self, reminder_id: str, at: datetime, routine_id: str | None) -> None: ...

    def answered(self, reminder_id: str, outcome: str, at: datetime) -> None: ...


@dataclass(frozen=True)
class RoutineInfo:
    id: str
    name: str
    seconds: int


@dataclass
class Environment:
    """Everything the runner reads or touches outside itself, injected."""

    wall: Callable[[], datetime]
    monotonic: Callable[[], float]
    load_settings: Callable[[], ReminderSettings]
    settings_changed: Callable[[], float | None]  # the config file's mtime
    routines: Callable[[], dict[str, RoutineInfo]]  # the routines that load without errors
    command: Callable[[str], list[str]]  # argv that runs a routine
    shown_command: Callable[[str], str]  # the same, as the person would type it
    notifiers: Sequence[Notifier]
    launcher: Launcher | None
    presence: PresenceSource | None
    records: Records | None
    remind_state: str  # path of remind.state
    sessions_state: str  # path of sessions.state
    log: Callable[[str], None] = print


class Runner:
    def __init__(self, env: Environment, once: bool = False) -> None:
        self.env = env
        self.once = once
        now = env.wall()
        self.settings = env.load_settings()
        self._settings_mtime = env.settings_changed()
        self.scheduler = Scheduler(self.settings, now, None)
        self._wall = now
        self._mono = env.monotonic()
        self._reminder_id: str | None = None
        self._reminder: Reminder | None = None
        self._notifier: Notifier | None = None
        self._previous_routine: str | None = None
        self._sessions_mtime = modified(env.sessions_state)
        self._sessions = read_state(env.sessions_state)
        self._last_finished = self._sessions.get("last_finished")
        self._last_written: dict[str, object] = {}
        self._restore(now)

    # ------------------------------------------------------------ one step

    def step(self) -> Decision:
        """Look at everything once and act; returns the decision (for --once and tests)."""
        env = self.env
        now, mono = env.wall(), env.monotonic()
        self._reload_settings()
        presence = env.presence.poll(now) if env.presence is not None else Presence(None, None)
        slept_from = presence.slept_from
        jumped = (now - self._wall) - timedelta(seconds=mono - self._mono)
        if slept_from is None and jumped > CLOCK_JUMP:
            slept_from = self._wall
        self._wall, self._mono = now, mono
        running_since = self._check_sessions(now)
        if slept_from is not None:
            self.scheduler.observe(now, away_since=slept_from)
            self.scheduler.woke(now)
            self._withdraw("missed", now)
        else:
            # A session running now is stretching, not desk work: it counts as a break.
            away = [t for t in (presence.away_since, running_since) if t is not None]
            self.scheduler.observe(now, away_since=min(away) if away else None)
        if self.scheduler.showing_since is None and self._reminder_id is not None:
            self._withdraw("missed", now)  # a long enough break took the reminder away
        self._handle_answers(now)

        def held() -> bool:
            return any(notifier.inhibited() for notifier in env.notifiers[:1])

        decision = self.scheduler.decide(now, held)
        if decision.remind:
            if decision.repeat:
                self._withdraw("missed", now)
            self._remind(now, decision)
        self._save(now, decision)
        return decision

    def wait(self, seconds: float) -> None:
        """Sleep until something may have happened (an answer, a signal) or `seconds` pass.

        The sockets are gathered afresh each time: a connection that was lost since is
        left out (its end-of-file would otherwise wake the loop without end)."""
        if any(notifier.ready() for notifier in self.env.notifiers):
            return
        with selectors.DefaultSelector() as selector:
            for source in (*self.env.notifiers, self.env.presence):
                number = source.fileno() if source is not None else None
                if number is not None:
                    selector.register(number, selectors.EVENT_READ)
            selector.select(max(0.0, seconds))

    # ------------------------------------------------------------ inside

    def _reload_settings(self) -> None:
        mtime = self.env.settings_changed()
        if mtime == self._settings_mtime:
            return
        self._settings_mtime = mtime
        self.settings = self.env.load_settings()
        self.scheduler.update_settings(self.settings)
        self.env.log("settings changed; reminders follow the new ones")

    def _check_sessions(self, now: datetime) -> datetime | None:
        """Notice a session that finished since last time; return when the session running
        now (in any terminal) started, or None."""
        mtime = modified(self.env.sessions_state)
        if mtime != self._sessions_mtime:
            self._sessions_mtime = mtime
            self._sessions = read_state(self.env.sessions_state)
            finished = self._sessions.get("last_finished")
            if finished and finished != self._last_finished:
                self._last_finished = finished
                self.scheduler.session_finished(now)
                self._withdraw(None, now)
        if not process_alive(self._sessions.get("running_pid")):
            return None
        return as_moment(self._sessions.get("running_since"))

    def _handle_answers(self, now: datetime) -> None:
        for notifier in self.env.notifiers:
            # Every notifier is asked, so what arrived is read (and an idle socket stays quiet);
            # only the one showing the reminder is listened to.
            answers = notifier.answers()
            if notifier is self._notifier and self._reminder is not None:
                for answer in answers:
                    self._answer(answer, now)

    def _answer(self, answer: Answer, now: datetime) -> None:
        reminder, reminder_id = self._reminder, self._reminder_id
        if reminder is None or reminder_id is None:
            return
        if not self.scheduler.answered(answer, now):
            return
        outcome = {Answer.START: "started", Answer.SNOOZE: "snoozed", Answer.SKIP: "skipped"}
        if self.env.records is not None:
            self.env.records.answered(reminder_id, outcome[answer], now)
        self.env.log(f"{answer.value}: {reminder.routine_id}")
        self._reminder = None
        self._reminder_id = None
        if answer is Answer.START:
            launched = self.env.launcher is not None and self.env.launcher.launch(
                self.env.command(reminder.routine_id)
            )
            if not launched:
                self.env.log(f"could not open a session; run: {reminder.command}")

    def _remind(self, now: datetime, decision: Decision) -> None:
        routines = self.env.routines()
        local = to_local(now, None)
        routine_id = choose_routine(
            self.settings.routine, local, self._previous_routine, routines.keys()
        )
        if routine_id is None and self.settings.routine != "auto":
            self.env.log(
                f"reminders.routine: no usable routine {self.settings.routine!r}; "
                "offering the desk pairing for the hour"
            )
            routine_id = choose_routine("auto", local, self._previous_routine, routines.keys())
        info = routines.get(routine_id or "")
        if info is None:
            self.env.log("no usable routine to offer; is the routines folder intact?")
            self.scheduler.shown(now)
            return
        launcher = self.env.launcher
        reminder = Reminder(
            routine_id=info.id,
            routine_name=info.name,
            seconds=info.seconds,
            command=self.env.shown_command(info.id),
            can_snooze=decision.can_snooze,
            snooze_minutes=self.settings.snooze // 60,
            can_start=launcher is not None and launcher.available(),
            bell=self.settings.bell,
        )
        for notifier in self.env.notifiers:
            if notifier.show(reminder):
                self._notifier = notifier
                break
        else:
            self._notifier = None
        self.scheduler.shown(now)
        self._previous_routine = info.id
        self._reminder = reminder
        self._reminder_id = uuid.uuid4().hex
        if self.env.records is not None:
            self.env.records.shown(self._reminder_id, now, info.id)
        where = self._notifier.name if self._notifier else "nowhere (no way to notify)"
        self.env.log(f"reminded ({where}): {info.id}")

    def _withdraw(self, outcome: str | None, now: datetime) -> None:
        if self._reminder_id is None:
            return
        if outcome is not None and self.env.records is not None:
            self.env.records.answered(self._reminder_id, outcome, now)
        if self._notifier is not None:
            self._notifier.withdraw()
        self._reminder = None
        self._reminder_id = None

    # ------------------------------------------------------------ state file

    def _save(self, now: datetime, decision: Decision) -> None:
        import os

        reminder = self._reminder
        scheduler = self.scheduler
        data: dict[str, object] = {
            "pid": None if self.once else os.getpid(),
            "valid_until": _minute(now + ONCE_VALID) if self.once else None,
            "phase": decision.phase.value,
            "due_at": _minute(decision.due_at),
            "routine_id": reminder.routine_id if reminder else None,
            "routine_name": reminder.routine_name if reminder else None,
            "routine_seconds": reminder.seconds if reminder else None,
            "work_seconds": round(scheduler.work_seconds),
            "snoozes": scheduler.snoozes,
            "snoozed_until": _minute(scheduler.snoozed_until),
            "showing_since": _minute(scheduler.showing_since),
            "previous_routine": self._previous_routine,
        }
        if data == self._last_written:
            return
        self._last_written = data
        write_state(self.env.remind_state, data | {"saved": now.isoformat(), "version": 1})

    def _restore(self, now: datetime) -> None:
        """Carry work time over from the last run (a restart, or `--once` from a timer)."""
        state = read_state(self.env.remind_state)
        saved = as_moment(state.get("saved"))
        if saved is None or saved > now:
            return
        scheduler = Scheduler(self.settings, saved, None)
        work = as_number(state.get("work_seconds"))
        if work is not None and 0 <= work < 86400:
            scheduler.work_seconds = work
        snoozes = as_number(state.get("snoozes"))
        if snoozes is not None:
            scheduler.snoozes = max(0, min(int(snoozes), self.settings.max_snoozes))
        scheduler.snoozed_until = as_moment(state.get("snoozed_until"))
        scheduler.showing_since = as_moment(state.get("showing_since"))
        self._previous_routine = state.get("previous_routine")
        # The first step counts the time since then as usual (idle sources still tell), unless
        # it is too long to have been watched: then the machine was off or asleep.
        if now - saved > UNWATCHED_GAP:
            scheduler.observe(now, away_since=saved)
        self.scheduler = scheduler


def _minute(moment: datetime | None) -> str | None:
    return moment.replace(microsecond=0).isoformat() if moment is not None else None
