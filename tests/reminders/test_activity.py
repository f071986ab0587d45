"""Presence from real D-Bus messages: logind's sleep and lock signals, GNOME's idle monitor and
org.freedesktop.ScreenSaver, each played by a fake service on a private bus."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest

from stretchtui.reminders.activity import LOGIN1, MANAGER, SESSION, Activity
from stretchtui.reminders.dbus import Bus

from .notification_server import FakeService, PrivateBus

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
MY_SESSION = "/org/freedesktop/login1/session/_32"
OTHER_SESSION = "/org/freedesktop/login1/session/_33"


@pytest.fixture
def private_bus() -> Iterator[PrivateBus]:
    bus = PrivateBus()
    try:
        yield bus
    finally:
        bus.close()


@contextmanager
def serve(service: FakeService) -> Iterator[FakeService]:
    thread = service.start()
    try:
        yield service
    finally:
        service.stop.set()
        thread.join(5)


@pytest.fixture
def logind(private_bus: PrivateBus) -> Iterator[FakeService]:
    sessions = [
        ("2", os.getuid(), "me", "seat0", MY_SESSION),
        ("3", os.getuid() + 1, "someone", "seat0", OTHER_SESSION),
    ]
    with serve(
        FakeService(private_bus.address, LOGIN1, {"ListSessions": ("a(susso)", (sessions,))})
    ) as service:
        yield service


def settle(activity: Activity, now: datetime, until: object) -> object:
    deadline = time.monotonic() + 5
    while True:
        presence = activity.poll(now)
        if callable(until) and until(presence):
            return presence
        assert time.monotonic() < deadline, f"still {presence}"
        time.sleep(0.05)


def test_logind_sleep_and_wake_report_when_the_machine_slept(
    private_bus: PrivateBus, logind: FakeService
) -> None:
    activity = Activity(None, Bus(private_bus.address))
    assert activity.sources == ["logind sleep and lock signals"]
    logind.outbox.put(("/org/freedesktop/login1", MANAGER, "PrepareForSleep", "b", (True,)))
    settle(activity, NOW, lambda _: activity.sleeping_since == NOW)
    logind.outbox.put(("/org/freedesktop/login1", MANAGER, "PrepareForSleep", "b", (False,)))
    later = NOW + timedelta(hours=1)
    presence = settle(activity, later, lambda p: p.slept_from is not None)
    assert presence.slept_from == NOW  # type: ignore[attr-defined]


def test_only_my_sessions_lock_counts(private_bus: PrivateBus, logind: FakeService) -> None:
    activity = Activity(None, Bus(private_bus.address))
    logind.outbox.put((OTHER_SESSION, SESSION, "Lock", "", ()))
    time.sleep(0.3)
    assert activity.poll(NOW).away_since is None
    logind.outbox.put((MY_SESSION, SESSION, "Lock", "", ()))
    settle(activity, NOW, lambda p: p.away_since == NOW)
    logind.outbox.put((MY_SESSION, SESSION, "Unlock", "", ()))
    settle(activity, NOW + timedelta(minutes=9), lambda p: p.away_since is None)


def test_gnome_idle_monitor_gives_idle_time(private_bus: PrivateBus) -> None:
    name = "org.gnome.Mutter.IdleMonitor"
    with serve(FakeService(private_bus.address, name, {"GetIdletime": ("t", (420_000,))})):
        activity = Activity(Bus(private_bus.address), None)
        assert activity.idle_source == "GNOME IdleMonitor"
        assert activity.poll(NOW).away_since == NOW - timedelta(minutes=7)


def test_screensaver_idle_time_and_active_screensaver(private_bus: PrivateBus) -> None:
    replies = {"GetActive": ("b", (False,)), "GetSessionIdleTime": ("u", (30,))}
    service = FakeService(private_bus.address, "org.freedesktop.ScreenSaver", replies)
    with serve(service):
        activity = Activity(Bus(private_bus.address), None)
        assert activity.idle_source == "org.freedesktop.ScreenSaver"
        assert activity.poll(NOW).away_since is None  # under a minute is not a break
        service.replies["GetSessionIdleTime"] = ("u", (600,))
        assert activity.poll(NOW).away_since == NOW - timedelta(minutes=10)
        service.replies["GetActive"] = ("b", (True,))
        assert activity.poll(NOW).away_since == NOW
        assert activity.poll(NOW + timedelta(minutes=3)).away_since == NOW


def test_no_idle_source_means_present_all_the_time(private_bus: PrivateBus) -> None:
    activity = Activity(Bus(private_bus.address), None)
    assert activity.idle_source is None and activity.sources == []
    assert activity.poll(NOW).away_since is None
