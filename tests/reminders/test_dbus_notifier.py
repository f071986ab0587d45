"""The desktop notifier against a real private session bus: no server, a hung server, answers
and dismissals, and stray signals that must not keep `remind` awake."""

from __future__ import annotations

import selectors
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from stretchtui.reminders.dbus import Bus, BusUnavailable
from stretchtui.reminders.notifier import DesktopNotifier, Reminder
from stretchtui.reminders.scheduler import Answer

from .notification_server import NotificationServer, PrivateBus

REMINDER = Reminder(
    routine_id="desk-midday",
    routine_name="Mid-day desk twist",
    seconds=38,
    command="stretchtui run desk-midday",
    can_snooze=False,
    snooze_minutes=10,
    can_start=False,
)


@pytest.fixture
def private_bus() -> Iterator[PrivateBus]:
    bus = PrivateBus()
    try:
        yield bus
    finally:
        bus.close()


@pytest.fixture
def server(private_bus: PrivateBus) -> Iterator[NotificationServer]:
    server = NotificationServer(private_bus.address, answer=None)
    thread = server.start()
    yield server
    server.stop.set()
    thread.join(5)


def readable(bus: Bus) -> bool:
    number = bus.fileno()
    assert number is not None, "the connection is open"
    with selectors.DefaultSelector() as selector:
        selector.register(number, selectors.EVENT_READ)
        return bool(selector.select(0.2))


def test_no_notification_server_means_the_fallbacks(private_bus: PrivateBus) -> None:
    with pytest.raises(BusUnavailable, match="no notification server"):
        DesktopNotifier(Bus(private_bus.address))


def test_a_hung_server_costs_at_most_the_call_timeout(private_bus: PrivateBus) -> None:
    server = NotificationServer(private_bus.address, silent=True)
    thread = server.start()
    try:
        started = time.monotonic()
        with pytest.raises(BusUnavailable, match="did not answer GetServerInformation in time"):
            DesktopNotifier(Bus(private_bus.address, timeout=0.5))
        assert time.monotonic() - started < 2.0
    finally:
        server.stop.set()
        thread.join(5)


def test_without_a_launcher_the_notification_names_the_command(
    server: NotificationServer, private_bus: PrivateBus
) -> None:
    notifier = DesktopNotifier(Bus(private_bus.address))
    assert notifier.show(REMINDER)
    (call,) = server.notify_calls
    assert call[4] == "Mid-day desk twist (38s) — run: stretchtui run desk-midday"
    assert call[5] == ["skip", "Skip"]  # no Start (nothing can open it), no Snooze (limit)


def test_dismissal_is_a_skip_and_expiry_is_nothing(
    server: NotificationServer, private_bus: PrivateBus
) -> None:
    notifier = DesktopNotifier(Bus(private_bus.address))
    notifier.show(REMINDER)
    server.outbox.put(("NotificationClosed", "uu", (notifier.current, 1)))  # expired
    time.sleep(0.3)
    assert notifier.answers() == []
    server.outbox.put(("NotificationClosed", "uu", (notifier.current, 2)))  # dismissed
    deadline = time.monotonic() + 5
    while not notifier.ready() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert notifier.answers() == [Answer.SKIP]


def test_stray_signals_are_read_and_dropped(
    server: NotificationServer, private_bus: PrivateBus
) -> None:
    notifier = DesktopNotifier(Bus(private_bus.address))
    notifier.show(REMINDER)
    server.outbox.put(("ActionInvoked", "us", (notifier.current + 100, "start")))
    server.outbox.put(("ActionInvoked", "us", (notifier.current, "default")))
    deadline = time.monotonic() + 5
    while sum("ActionInvoked" in line for line in server.transcript) < 2:
        assert time.monotonic() < deadline, "the server never sent the signals"
        time.sleep(0.05)
    assert readable(notifier.bus)
    time.sleep(0.2)  # both delivered by now
    assert not notifier.ready()
    assert notifier.answers() == []
    assert not readable(notifier.bus), "nothing left to wake the scheduler for"


def test_a_bus_that_accepts_and_then_hangs_costs_at_most_the_timeout(tmp_path: Path) -> None:
    """A socket that completes the D-Bus handshake and then never answers Hello."""
    path = str(tmp_path / "hung-bus")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(path)
    listener.listen(1)
    stop = threading.Event()

    def serve() -> None:
        connection, _ = listener.accept()
        with connection:
            connection.recv(1)  # the credentials byte
            while not stop.is_set():
                data = connection.recv(4096)
                if not data:
                    return
                if data.startswith(b"AUTH"):
                    connection.sendall(b"OK 1234deadbeef1234deadbeef1234dead\r\n")
                # after BEGIN: the Hello is read and never answered

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        started = time.monotonic()
        with pytest.raises(BusUnavailable, match="did not answer Hello in time"):
            Bus(f"unix:path={path}", timeout=0.5)
        assert time.monotonic() - started < 2.0
    finally:
        stop.set()
        listener.close()


def test_a_lost_session_bus_leaves_the_fallbacks_and_no_busy_loop(
    server: NotificationServer, private_bus: PrivateBus, isolated_dirs: dict[str, Path]
) -> None:
    from stretchtui.reminders.runner import Runner

    from .fakes import RecordingNotifier, World

    notifier = DesktopNotifier(Bus(private_bus.address))
    world = World(isolated_dirs["data"])
    fallback = RecordingNotifier()
    world.env.notifiers = [notifier, fallback]
    runner = Runner(world.env)
    private_bus.close()  # the desktop session ended
    deadline = time.monotonic() + 5
    while notifier.fileno() is not None:
        assert time.monotonic() < deadline, "the lost connection was never noticed"
        notifier.answers()
        time.sleep(0.05)
    started = time.monotonic()
    runner.wait(0.5)
    assert time.monotonic() - started >= 0.45, "nothing left to wake the loop early"
    assert not notifier.show(REMINDER)
    for _ in range(100):
        world.clocks.advance(30)
        runner.step()
    assert len(fallback.shown) == 1
