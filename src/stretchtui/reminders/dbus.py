"""A small D-Bus client over jeepney, with a time limit on everything that could block.

jeepney is pure Python with no dependencies, speaks the wire protocol directly
and has a blocking API that takes timeouts, which suits a single-threaded
scheduler that sleeps in `select`. (desktop-notifier would bring dbus-fast and
an asyncio loop for what is three method calls and two signals here.)
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

CALL_TIMEOUT = 2.0  # seconds for any method call: a stuck bus must not stop the scheduler

Signal = tuple[str, str, str, tuple[Any, ...]]  # (path, interface, member, body)


class BusUnavailable(Exception):
    """There is no bus to talk to, or it stopped answering."""


class CallFailed(Exception):
    """The other side answered a method call with an error."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}" if message else name)
        self.name = name


def session_bus_address(environ: dict[str, str] | None = None) -> str | None:
    """The session bus address: $DBUS_SESSION_BUS_ADDRESS or systemd's $XDG_RUNTIME_DIR/bus."""
    env = os.environ if environ is None else environ
    address = env.get("DBUS_SESSION_BUS_ADDRESS")
    if address:
        return address
    runtime = env.get("XDG_RUNTIME_DIR")
    if runtime and os.path.exists(os.path.join(runtime, "bus")):
        return f"unix:path={os.path.join(runtime, 'bus')}"
    return None


def system_bus_address(environ: dict[str, str] | None = None) -> str | None:
    env = os.environ if environ is None else environ
    address = env.get("DBUS_SYSTEM_BUS_ADDRESS")
    if address:
        return address
    path = "/run/dbus/system_bus_socket"
    return f"unix:path={path}" if os.path.exists(path) else None


class Bus:
    """One connection to a bus: method calls with timeouts, and signals collected as they come."""

    def __init__(self, address: str, timeout: float = CALL_TIMEOUT) -> None:
        from jeepney.bus import get_connectable_addresses
        from jeepney.io.blocking import prep_socket

        self.timeout = timeout
        self._signals: list[Signal] = []
        try:
            target = next(get_connectable_addresses(address))
            sock = prep_socket(target, timeout=timeout)
        except (OSError, ValueError, StopIteration, RuntimeError) as error:
            raise BusUnavailable(f"cannot connect to D-Bus at {address}: {error}") from error
        try:
            self._connection = _connect(sock, timeout)
        except TimeoutError as error:
            sock.close()
            raise BusUnavailable(f"D-Bus at {address} did not answer Hello in time") from error
        except (OSError, ValueError) as error:
            sock.close()
            raise BusUnavailable(f"D-Bus at {address} did not answer: {error}") from error
        self.unique_name: str = self._connection.unique_name
        self.lost = False

    def fileno(self) -> int | None:
        """The socket to wait on; None once the connection is lost (an EOF would stay
        readable for ever and wake a waiting loop without end)."""
        return None if self.lost else int(self._connection.sock.fileno())

    def _lose(self, error: BaseException) -> BusUnavailable:
        if not self.lost:
            self.lost = True
            self._connection.close()
        return BusUnavailable(f"D-Bus connection lost: {error}")

    def call(
        self,
        destination: str,
        path: str,
        interface: str,
        member: str,
        signature: str | None = None,
        body: Sequence[Any] = (),
    ) -> tuple[Any, ...]:
        """Call a method and return its reply's body; raises CallFailed or BusUnavailable."""
        from jeepney import DBusAddress, MessageType, new_method_call
        from jeepney.low_level import HeaderFields

        if self.lost:
            raise BusUnavailable("D-Bus connection lost")
        address = DBusAddress(path, bus_name=destination, interface=interface)
        message = new_method_call(address, member, signature, tuple(body))
        try:
            reply = self._send_and_wait(message)
        except TimeoutError as error:
            raise BusUnavailable(f"{destination} did not answer {member} in time") from error
        except (OSError, ValueError) as error:
            raise self._lose(error) from error
        if reply.header.message_type is MessageType.error:
            name = str(reply.header.fields.get(HeaderFields.error_name, "error"))
            text = str(reply.body[0]) if reply.body and isinstance(reply.body[0], str) else ""
            raise CallFailed(name, text)
        return tuple(reply.body)

    def property(self, destination: str, path: str, interface: str, name: str) -> Any:
        (variant,) = self.call(
            destination,
            path,
            "org.freedesktop.DBus.Properties",
            "Get",
            "ss",
            (interface, name),
        )
        return variant[1]

    def subscribe(self, rule: str) -> None:
        """Receive signals matching `rule` (a D-Bus match rule string)."""
        self.call(
            "org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus",
            "AddMatch",
            "s",
            (rule,),
        )

    def pending(self) -> list[Signal]:
        """Read whatever has arrived without waiting, and hand over the signals so far."""
        self._drain()
        self.read(0.0)
        signals, self._signals = self._signals, []
        return signals

    def read(self, timeout: float) -> None:
        """Wait up to `timeout` seconds for messages; signals among them are kept for pending()."""
        if self.lost:
            raise BusUnavailable("D-Bus connection lost")
        try:
            while True:
                message = self._connection.receive(timeout=timeout)
                self._keep(message)
                timeout = 0.0
        except TimeoutError:
            return
        except (OSError, ValueError) as error:
            raise self._lose(error) from error

    def close(self) -> None:
        self.lost = True
        self._connection.close()

    def _send_and_wait(self, message: Any) -> Any:
        # Like jeepney's send_and_get_reply, but signals that arrive meanwhile are kept.
        from jeepney.io.blocking import deadline_to_timeout, timeout_to_deadline
        from jeepney.low_level import HeaderFields

        deadline = timeout_to_deadline(self.timeout)
        serial = next(self._connection.outgoing_serial)
        self._connection.send(message, serial=serial)
        while True:
            reply = self._connection.receive(timeout=deadline_to_timeout(deadline))
            if reply.header.fields.get(HeaderFields.reply_serial, -1) == serial:
                self._drain()
                return reply
            self._keep(reply)

    def _drain(self) -> None:
        # Messages read along with a reply sit in the parser, where select() cannot see them.
        while (message := self._connection.parser.get_next_message()) is not None:
            self._keep(message)

    def _keep(self, message: Any) -> None:
        from jeepney import MessageType
        from jeepney.low_level import HeaderFields

        if message.header.message_type is not MessageType.signal:
            return
        fields = message.header.fields
        self._signals.append(
            (
                str(fields.get(HeaderFields.path, "")),
                str(fields.get(HeaderFields.interface, "")),
                str(fields.get(HeaderFields.member, "")),
                tuple(message.body),
            )
        )
        del self._signals[:-256]  # a flood of signals must not grow memory without end


def _connect(sock: Any, timeout: float) -> Any:
    """jeepney's DBusConnection, but its Hello waits at most `timeout` (jeepney's own waits
    for ever, and a bus that accepted the socket and then hung would stop `remind`)."""
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import DBusConnection, DBusConnectionBase, Proxy
    from jeepney.io.common import MessageFilters

    class TimedConnection(DBusConnection):  # type: ignore[misc]
        def __init__(self) -> None:
            DBusConnectionBase.__init__(self, sock)
            self._filters = MessageFilters()
            self.bus_proxy = Proxy(message_bus, self, timeout=timeout)
            self.unique_name = self.bus_proxy.Hello()[0]

    return TimedConnection()


def open_bus(address: str | None, timeout: float = CALL_TIMEOUT) -> Bus | None:
    """A connection, or None when there is no such bus (SSH, headless, a container)."""
    if not address:
        return None
    try:
        return Bus(address, timeout)
    except BusUnavailable:
        return None


Opener = Callable[[], Bus | None]
