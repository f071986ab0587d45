"""The runner with fake adapters: what is shown, launched, recorded and left for `status`."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from stretchtui.reminders.runner import Runner
from stretchtui.reminders.scheduler import Answer, Phase
from stretchtui.reminders.state import SESSIONS_FILE, read_state, state_file, write_state
from stretchtui.reminders.status import read_status, status_line

from .fakes import World


@pytest.fixture
def world(isolated_dirs: dict[str, Path]) -> World:
    return World(isolated_dirs["data"])


def run_minutes(runner: Runner, world: World, minutes: int) -> None:
    for _ in range(minutes * 2):
        world.clocks.advance(30)
        runner.step()


def test_reminder_offers_the_desk_pairing_and_start_launches_it(world: World) -> None:
    runner = Runner(world.env)
    run_minutes(runner, world, 49)
    assert world.notifier.shown == []
    run_minutes(runner, world, 1)
    (reminder,) = world.notifier.shown
    assert reminder.routine_id == "desk-coffee-break"  # 09:50 UTC is a morning coffee break
    assert reminder.can_snooze and reminder.can_start
    assert reminder.command == "stretchtui run desk-coffee-break"
    world.notifier.pending.append(Answer.START)
    world.clocks.advance(1)
    runner.step()
    assert world.launcher.launched == [["stretchtui", "run", "desk-coffee-break"]]
    assert world.records.events == [("shown", "desk-coffee-break"), ("started", None)]


def test_the_same_stretch_does_not_come_twice_in_a_row(world: World) -> None:
    runner = Runner(world.env)
    offered = []
    for _ in range(3):
        run_minutes(runner, world, 50)
        offered.append(world.notifier.shown[-1].routine_id)
        world.notifier.pending.append(Answer.SKIP)
        runner.step()
    assert offered[0] != offered[1] and offered[1] != offered[2]


def test_snooze_comes_back_and_is_not_offered_after_the_limit(world: World) -> None:
    runner = Runner(world.env)
    run_minutes(runner, world, 50)
    for _ in range(2):
        assert world.notifier.shown[-1].can_snooze
        world.notifier.pending.append(Answer.SNOOZE)
        runner.step()
        run_minutes(runner, world, 10)
    assert len(world.notifier.shown) == 3
    assert not world.notifier.shown[-1].can_snooze
    assert [event for event, _ in world.records.events] == [
        "shown",
        "snoozed",
        "shown",
        "snoozed",
        "shown",
    ]


def test_finished_session_restarts_the_interval_and_withdraws_the_reminder(
    world: World, isolated_dirs: dict[str, Path]
) -> None:
    runner = Runner(world.env)
    run_minutes(runner, world, 50)
    assert len(world.notifier.shown) == 1
    write_state(
        state_file(isolated_dirs["data"], SESSIONS_FILE),
        {"date": "2026-11-25", "minutes": 1.0, "last_finished": world.clocks.now.isoformat()},
    )
    run_minutes(runner, world, 1)
    assert world.notifier.withdrawn == 1
    assert runner.scheduler.work_seconds == 60  # counted again from the look before it
    run_minutes(runner, world, 48)
    assert len(world.notifier.shown) == 1


def test_a_clock_jump_is_a_suspend_and_waking_is_quiet(world: World) -> None:
    runner = Runner(world.env)
    run_minutes(runner, world, 48)
    world.clocks.suspend(3 * 60)  # shorter than idle_reset: work time is kept
    decision = runner.step()
    assert decision.phase is Phase.WAKING
    run_minutes(runner, world, 1)
    assert world.notifier.shown == []  # due by work time, but just woken
    run_minutes(runner, world, 2)
    assert len(world.notifier.shown) == 1


def test_do_not_disturb_holds_the_reminder_until_it_ends(world: World) -> None:
    runner = Runner(world.env)
    world.notifier.quiet = True
    run_minutes(runner, world, 60)
    assert world.notifier.shown == []
    assert read_state(world.env.remind_state)["phase"] == "held"
    world.notifier.quiet = False
    run_minutes(runner, world, 1)
    assert len(world.notifier.shown) == 1


def test_no_notification_service_falls_back_to_the_next_notifier(
    isolated_dirs: dict[str, Path],
) -> None:
    from .fakes import RecordingNotifier

    world = World(isolated_dirs["data"])
    broken, fallback = RecordingNotifier(works=False), RecordingNotifier()
    world.env.notifiers = [broken, fallback]
    runner = Runner(world.env)
    run_minutes(runner, world, 50)
    assert broken.shown == [] and len(fallback.shown) == 1


def test_settings_edited_while_running_are_picked_up(world: World) -> None:
    from dataclasses import replace

    runner = Runner(world.env)
    run_minutes(runner, world, 20)
    world.settings = replace(world.settings, every=15 * 60)
    world.settings_mtime = 2.0
    run_minutes(runner, world, 1)
    assert len(world.notifier.shown) == 1
    assert "settings changed; reminders follow the new ones" in world.logged


def test_state_file_feeds_status(world: World, isolated_dirs: dict[str, Path]) -> None:
    runner = Runner(world.env)
    run_minutes(runner, world, 38)
    status = read_status(isolated_dirs["data"], world.clocks.now)
    assert status_line(status) == "stretch in 12m"
    run_minutes(runner, world, 12)
    status = read_status(isolated_dirs["data"], world.clocks.now)
    assert status_line(status) == "time to stretch: Coffee break fold (35s)"
    saved = read_state(world.env.remind_state)
    assert saved["work_seconds"] == "3000" and saved["phase"] == "showing"


def test_a_restart_carries_work_time_over(world: World) -> None:
    runner = Runner(world.env)
    run_minutes(runner, world, 30)
    world.clocks.advance(5 * 60)  # remind restarted five minutes later
    again = Runner(world.env)
    again.step()
    assert again.scheduler.work_seconds == 35 * 60


def test_once_mode_state_is_trusted_by_status_for_a_while(
    world: World, isolated_dirs: dict[str, Path]
) -> None:
    runner = Runner(world.env, once=True)
    runner.step()
    assert "pid" not in read_state(world.env.remind_state)
    soon = world.clocks.now
    assert read_status(isolated_dirs["data"], soon).reminder == "stretch in 50m"
    later = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    assert read_status(isolated_dirs["data"], later).reminder is None


def test_a_session_running_in_another_terminal_is_not_desk_work(
    world: World, isolated_dirs: dict[str, Path]
) -> None:
    runner = Runner(world.env)
    run_minutes(runner, world, 30)
    path = state_file(isolated_dirs["data"], SESSIONS_FILE)
    write_state(path, {"running_since": world.clocks.now.isoformat(), "running_pid": os.getpid()})
    run_minutes(runner, world, 25)  # a long session: a break, so the interval starts again
    assert world.notifier.shown == []
    assert runner.scheduler.work_seconds == 0
    status = read_status(isolated_dirs["data"], world.clocks.now)
    assert status_line(status) == "stretching now"
    write_state(path, {"last_finished": world.clocks.now.isoformat()})
    run_minutes(runner, world, 49)
    assert world.notifier.shown == []
    run_minutes(runner, world, 1)
    assert len(world.notifier.shown) == 1


def test_the_same_finished_session_is_not_counted_twice(
    world: World, isolated_dirs: dict[str, Path]
) -> None:
    path = state_file(isolated_dirs["data"], SESSIONS_FILE)
    write_state(path, {"last_finished": "2026-11-25T08:00:00+00:00"})
    runner = Runner(world.env)
    run_minutes(runner, world, 40)
    # A new session starts (the file changes) but nothing has finished since.
    write_state(
        path,
        {
            "last_finished": "2026-11-25T08:00:00+00:00",
            "running_since": world.clocks.now.isoformat(),
            "running_pid": 2**22 + 9,  # and its process is gone (a crash)
        },
    )
    run_minutes(runner, world, 10)
    assert len(world.notifier.shown) == 1
