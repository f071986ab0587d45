"""A private D-Bus session bus and a small notification server on it, for end-to-end tests.

The server owns org.freedesktop.Notifications, records every call it gets, and
answers a Notify by invoking the action it was told to (as a person clicking
the button would), writing down each message it saw or sent.
"""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import threading
from dataclasses import dataclass, field
from typing import Any

from jeepney import DBusAddress, MessageType, new_error, new_method_return, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection
from jeepney.low_level import HeaderFields, Message

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


class PrivateBus:
    """`dbus-daemon --session --print-address`, stopped on close."""

    def __init__(self) -> None:
        daemon = shutil.which("dbus-daemon")
        if daemon is None:
            raise RuntimeError("dbus-daemon is missing: scripts/setup installs Debian's dbus")
        self.process = subprocess.Popen(
            [daemon, "--session", "--print-address", "--nofork", "--nopidfile"],
            stdout=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
        )
        assert self.process.stdout is not None
        self.address = self.process.stdout.readline().strip()
        if not self.address:
            self.close()
            raise RuntimeError("dbus-daemon printed no address")

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=5)


@dataclass
class NotificationServer:
    address: str
    answer: str | None = "start"  # the action to invoke after a Notify; None: no answer
    silent: bool = False  # owns the name but never replies (a hung server)
    outbox: queue.Queue[tuple[str, str, tuple[Any, ...]]] = field(default_factory=queue.Queue)
    transcript: list[str] = field(default_factory=list)
    notify_calls: list[tuple[Any, ...]] = field(default_factory=list)
    ready: threading.Event = field(default_factory=threading.Event)
    stop: threading.Event = field(default_factory=threading.Event)
    next_id: int = 41

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self._serve, name="notification-server", daemon=True)
        thread.start()
        if not self.ready.wait(5):
            raise RuntimeError("the notification server did not start")
        return thread

    def _serve(self) -> None:
        connection = open_dbus_connection(bus=self.address)
        try:
            connection.send_and_get_reply(message_bus.RequestName(NAME), timeout=5)
            self.ready.set()
            while not self.stop.is_set():
                while not self.outbox.empty():
                    member, signature, body = self.outbox.get()
                    emitter = DBusAddress(PATH, interface=NAME)
                    connection.send(new_signal(emitter, member, signature, body))
                    self.transcript.append(f"-> signal {NAME}.{member}{body}")
                try:
                    message = connection.receive(timeout=0.1)
                except TimeoutError:
                    continue
                except OSError:
                    return  # the bus went away: the test is over
                if message.header.message_type is MessageType.method_call and not self.silent:
                    self._handle(connection, message)
        finally:
            connection.close()

    def _handle(self, connection: DBusConnection, message: Message) -> None:
        fields = message.header.fields
        member = fields.get(HeaderFields.member)
        interface = fields.get(HeaderFields.interface)
        self.transcript.append(f"<- {interface}.{member}{_short(message.body)}")
        if member == "GetCapabilities":
            self._reply(connection, message, "as", (["actions", "body"],))
        elif member == "GetServerInformation":
            self._reply(connection, message, "ssss", ("test-server", "stretchtui", "1", "1.2"))
        elif member == "Notify":
            self.notify_calls.append(tuple(message.body))
            self.next_id += 1
            self._reply(connection, message, "u", (self.next_id,))
            if self.answer is None:
                return
            emitter = DBusAddress(PATH, interface=NAME)
            signal_message = new_signal(emitter, "ActionInvoked", "us", (self.next_id, self.answer))
            connection.send(signal_message)
            self.transcript.append(
                f"-> signal {NAME}.ActionInvoked({self.next_id}, {self.answer!r})"
            )
        elif member == "CloseNotification":
            self._reply(connection, message, None, ())
        else:
            error = new_error(message, "org.freedesktop.DBus.Error.UnknownProperty")
            connection.send(error)
            self.transcript.append("-> error org.freedesktop.DBus.Error.UnknownProperty")

    def _reply(
        self,
        connection: DBusConnection,
        message: Message,
        signature: str | None,
        body: tuple[Any, ...],
    ) -> None:
        connection.send(new_method_return(message, signature, body))
        self.transcript.append(f"-> reply {_short(body)}")


def _short(body: Any) -> str:
    text = repr(tuple(body))
    return text if len(text) < 400 else text[:400] + "...)"


@dataclass
class FakeService:
    """Any D-Bus service: owns `name`, answers methods from `replies` (member -> (signature,
    body)), answers anything else with an error, and sends the signals put in `outbox`
    as (path, interface, member, signature, body)."""

    address: str
    name: str
    replies: dict[str, tuple[str, tuple[Any, ...]]]
    outbox: queue.Queue[tuple[str, str, str, str, tuple[Any, ...]]] = field(
        default_factory=queue.Queue
    )
    calls: list[str] = field(default_factory=list)
    ready: threading.Event = field(default_factory=threading.Event)
    stop: threading.Event = field(default_factory=threading.Event)

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self._serve, name=f"fake-{self.name}", daemon=True)
        thread.start()
        if not self.ready.wait(5):
            raise RuntimeError(f"{self.name} did not start")
        return thread

    def _serve(self) -> None:
        connection = open_dbus_connection(bus=self.address)
        try:
            connection.send_and_get_reply(message_bus.RequestName(self.name), timeout=5)
            self.ready.set()
            while not self.stop.is_set():
                while not self.outbox.empty():
                    path, interface, member, signature, body = self.outbox.get()
                    emitter = DBusAddress(path, interface=interface)
                    connection.send(new_signal(emitter, member, signature, body))
                try:
                    message = connection.receive(timeout=0.05)
                except TimeoutError:
                    continue
                except OSError:
                    return
                if message.header.message_type is not MessageType.method_call:
                    continue
                member = str(message.header.fields.get(HeaderFields.member))
                self.calls.append(member)
                if member in self.replies:
                    signature, body = self.replies[member]
                    connection.send(new_method_return(message, signature, body))
                else:
                    connection.send(new_error(message, "org.freedesktop.DBus.Error.UnknownMethod"))
        finally:
            connection.close()
