"""The scheduler on a fake clock: work hours and days, DST, snoozes, breaks, sleep, sessions."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from stretchtui.reminder_settings import ReminderSettings, WorkPeriod
from stretchtui.reminders.scheduler import Answer, Decision, Phase, Scheduler

BERLIN = ZoneInfo("Europe/Berlin")
MINUTE = timedelta(minutes=1)
EVERY_DAY = frozenset(range(7))


def local(text: str) -> datetime:
    """A Berlin wall-clock time like '2026-11-25 09:00' as an instant."""
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN).astimezone(UTC)


class Run:
    """Drives a scheduler minute by minute, as the runner would, recording what it decides."""

    def __init__(self, start: datetime, settings: ReminderSettings | None = None) -> None:
        self.now = start
        self.scheduler = Scheduler(settings or ReminderSettings(), start, BERLIN)
        self.reminders: list[datetime] = []

    def step(self, away_since: datetime | None = None, held: bool = False) -> Decision:
        self.now += MINUTE
        self.scheduler.observe(self.now, away_since)
        decision = self.scheduler.decide(self.now, lambda: held)
        if decision.remind:
            self.reminders.append(self.now)
            self.scheduler.shown(self.now)
        return decision

    def until(self, end: datetime, held: bool = False) -> None:
        while self.now < end:
            self.step(held=held)

    def local_reminders(self) -> list[str]:
        return [moment.astimezone(BERLIN).strftime("%H:%M") for moment in self.reminders]


def test_first_reminder_comes_after_fifty_minutes_of_work_hours() -> None:
    run = Run(local("2026-11-25 08:00"))  # a Wednesday; work starts at 09:00
    run.until(local("2026-11-25 09:49"))
    assert run.reminders == []
    run.step()
    assert run.local_reminders() == ["09:50"]


def test_no_reminder_outside_work_hours_and_off_hours_phase_says_when_they_resume() -> None:
    run = Run(local("2026-11-25 18:00"))
    run.until(local("2026-11-25 23:00"))
    assert run.reminders == []
    decision = run.step()
    assert decision.phase is Phase.OFF_HOURS
    assert decision.due_at == local("2026-11-26 09:50")


def test_weekend_is_not_a_work_day_by_default() -> None:
    run = Run(local("2026-11-28 08:00"))  # Saturday
    run.until(local("2026-11-29 20:00"))
    assert run.reminders == []


def test_two_work_periods_and_the_lunch_break_between_restarts_the_interval() -> None:
    settings = ReminderSettings(
        work_hours=(WorkPeriod(9 * 60, 12 * 60 + 30), WorkPeriod(13 * 60 + 30, 17 * 60 + 30))
    )
    run = Run(local("2026-11-25 12:00"), settings)
    run.until(local("2026-11-25 12:30"))
    assert run.scheduler.work_seconds == 30 * 60
    run.until(local("2026-11-25 14:19"))
    assert run.reminders == []  # the hour of lunch was a break: 50 minutes from 13:30
    run.step()
    assert run.local_reminders() == ["14:20"]


def test_spring_forward_day_keeps_wall_clock_work_hours() -> None:
    # 2026-03-29 02:00 CET jumps to 03:00 CEST: 01:00-04:00 on the clock is only two hours.
    settings = ReminderSettings(days=EVERY_DAY, work_hours=(WorkPeriod(60, 4 * 60),), every=3600)
    run = Run(local("2026-03-29 00:30"), settings)
    run.until(local("2026-03-29 03:00"))
    assert run.local_reminders() == ["03:00"]  # 01:00 + one hour of work, the clock skipping 02
    run.until(local("2026-03-29 04:00"))
    assert run.scheduler.work_seconds == 2 * 3600  # unanswered reminders keep the count


def test_fall_back_day_counts_the_repeated_hour_as_work() -> None:
    # 2026-10-25 03:00 CEST goes back to 02:00 CET: 01:00-04:00 on the clock is four hours.
    settings = ReminderSettings(
        days=EVERY_DAY, work_hours=(WorkPeriod(60, 4 * 60),), every=4 * 3600 - 60
    )
    run = Run(local("2026-10-25 00:30"), settings)
    run.until(local("2026-10-25 05:00"))
    assert len(run.reminders) == 1
    assert run.reminders[0] == datetime(2026, 10, 25, 2, 59, tzinfo=UTC)  # 03:59 CET


def test_work_hours_on_a_dst_morning_start_at_nine_local() -> None:
    run = Run(local("2026-03-30 06:00"), ReminderSettings())  # Monday after the change
    run.until(local("2026-03-30 12:00"))
    assert run.local_reminders()[0] == "09:50"


def test_snooze_is_offered_max_snoozes_times_then_not() -> None:
    run = Run(local("2026-11-25 09:00"), ReminderSettings(max_snoozes=2, snooze=600))
    run.until(local("2026-11-25 09:50"))
    scheduler = run.scheduler
    assert len(run.reminders) == 1

    def offered() -> bool:  # asked afresh each time (mypy would narrow the property)
        return scheduler.can_snooze

    for expected in ("10:00", "10:10"):
        assert offered()
        assert scheduler.answered(Answer.SNOOZE, run.now)
        run.until(run.now + 10 * MINUTE)
        assert run.local_reminders()[-1] == expected
    assert not offered()
    assert not scheduler.answered(Answer.SNOOZE, run.now)
    assert scheduler.answered(Answer.SKIP, run.now)
    assert offered()  # a new interval has its own snoozes
    run.until(local("2026-11-25 11:00"))
    assert run.local_reminders()[-1] == "11:00"  # fifty minutes after the skip


def test_an_unanswered_reminder_comes_again_after_a_snooze_length_and_uses_one() -> None:
    run = Run(local("2026-11-25 09:00"), ReminderSettings(max_snoozes=1))
    run.until(local("2026-11-25 10:20"))
    assert run.local_reminders() == ["09:50", "10:00", "10:10", "10:20"]
    assert not run.scheduler.can_snooze


def test_idle_at_least_idle_reset_restarts_the_interval() -> None:
    run = Run(local("2026-11-25 09:00"))
    run.until(local("2026-11-25 09:40"))
    away = run.now
    for _ in range(5):
        run.step(away_since=away)
    assert run.scheduler.work_seconds == 0
    run.until(local("2026-11-25 10:34"))
    assert run.reminders == []
    run.step()
    assert run.local_reminders() == ["10:35"]


def test_shorter_idle_is_not_work_but_keeps_the_count() -> None:
    run = Run(local("2026-11-25 09:00"))
    run.until(local("2026-11-25 09:40"))
    away = run.now
    for _ in range(4):
        run.step(away_since=away)
    assert run.scheduler.work_seconds == 40 * 60
    run.until(local("2026-11-25 09:54"))
    assert run.local_reminders() == ["09:54"]


def test_suspend_longer_than_idle_reset_is_a_break_and_waking_is_quiet_for_two_minutes() -> None:
    run = Run(local("2026-11-25 09:00"))
    run.until(local("2026-11-25 09:45"))
    slept = run.now
    run.now = local("2026-11-25 09:48")  # three minutes asleep: not enough to reset
    run.scheduler.observe(run.now, away_since=slept)
    run.scheduler.woke(run.now)
    assert run.scheduler.work_seconds == 45 * 60
    decisions = [run.step() for _ in range(6)]
    assert [d.phase for d in decisions[:1]] == [Phase.WAKING]
    assert run.local_reminders() == ["09:53"]  # 50 minutes of work: the sleep was not work


def test_never_reminds_within_two_minutes_of_waking_even_when_due() -> None:
    run = Run(local("2026-11-25 09:00"), ReminderSettings(idle_reset=3600))
    run.until(local("2026-11-25 09:49"))
    slept = run.now
    run.now = local("2026-11-25 09:55")
    run.scheduler.observe(run.now, away_since=slept)
    run.scheduler.woke(run.now)
    assert run.step().phase is Phase.WAKING  # 09:56: fifty minutes of work, but just awake
    assert run.reminders == []
    run.step()
    assert run.local_reminders() == ["09:57"]


def test_long_suspend_restarts_the_interval() -> None:
    run = Run(local("2026-11-25 09:00"))
    run.until(local("2026-11-25 09:45"))
    slept = run.now
    run.now = local("2026-11-25 10:45")
    run.scheduler.observe(run.now, away_since=slept)
    run.scheduler.woke(run.now)
    assert run.scheduler.work_seconds == 0
    run.until(local("2026-11-25 11:34"))
    assert run.reminders == []


def test_a_session_finished_early_restarts_the_interval() -> None:
    run = Run(local("2026-11-25 09:00"))
    run.until(local("2026-11-25 09:20"))
    run.scheduler.session_finished(run.now)
    run.until(local("2026-11-25 10:09"))
    assert run.reminders == []
    run.step()
    assert run.local_reminders() == ["10:10"]


def test_config_changed_while_running_applies_at_once_and_keeps_work_time() -> None:
    run = Run(local("2026-11-25 09:00"))
    run.until(local("2026-11-25 09:30"))
    run.scheduler.update_settings(replace(run.scheduler.settings, every=20 * 60))
    run.step()
    assert run.local_reminders() == ["09:31"]
    run.scheduler.answered(Answer.START, run.now)
    run.scheduler.update_settings(replace(run.scheduler.settings, days=frozenset({5, 6})))
    run.until(local("2026-11-25 12:00"))
    assert run.local_reminders() == ["09:31"]  # Wednesday is no longer a work day


def test_held_by_do_not_disturb_until_it_ends() -> None:
    run = Run(local("2026-11-25 09:00"))
    run.until(local("2026-11-25 10:30"), held=True)
    assert run.reminders == []
    assert run.step(held=True).phase is Phase.HELD
    run.step()
    assert run.local_reminders() == ["10:32"]


def test_decision_asks_again_within_thirty_seconds_at_most() -> None:
    run = Run(local("2026-11-25 09:00"))
    decision = run.step()
    assert decision.phase is Phase.WORKING
    assert decision.next_check == 30.0
    assert decision.due_at == local("2026-11-25 09:50")
