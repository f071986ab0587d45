"""Telling the person: a desktop notification with Start/Snooze/Skip, or a tmux or terminal line.

Each notifier shows one reminder at a time and reports the answers it gets.
None of them takes the keyboard focus or types into another program: the
desktop shows a notification, tmux a message in its status line, the terminal
one line of text.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
from dataclasses import dataclass
from typing import Any, Protocol, TextIO

from stretchtui.durations import format_duration
from stretchtui.reminders.dbus import Bus, BusUnavailable, CallFailed
from stretchtui.reminders.scheduler import Answer
from stretchtui.reminders.tmux import Tmux
from stretchtui.textsafe import visible

NOTIFICATIONS = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"
TMUX_TIMEOUT = 2.0


@dataclass(frozen=True)
class Reminder:
    routine_id: str
    routine_name: str
    seconds: int
    command: str  # what to type to start it, e.g. `stretchtui run desk-midday`
    can_snooze: bool
    snooze_minutes: int
    can_start: bool  # a launcher can open the session when the person picks Start
    bell: bool = False  # the terminal line may ring the bell (config's reminders.bell)

    @property
    def title(self) -> str:
        return "Time to stretch"

    @property
    def body(self) -> str:
        text = f"{visible(self.routine_name)} ({format_duration(self.seconds)})"
        if not self.can_start:
            text += f" — run: {self.command}"
        return text

    @property
    def line(self) -> str:
        """The reminder as one line of text, naming the command that starts it."""
        return f"time to stretch: {visible(self.routine_name)} — run: {self.command}"


class Notifier(Protocol):
    name: str

    def show(self, reminder: Reminder) -> bool:
        """Show it; False when this notifier could not (the runner then tries the next)."""
        ...

    def withdraw(self) -> None:
        """Take the current reminder away (the person answered elsewhere or took a break)."""
        ...

    def answers(self) -> list[Answer]:
        """Answers given to the current reminder since last asked (without waiting)."""
        ...

    def inhibited(self) -> bool:
        """Whether the desktop asks for quiet now (do not disturb)."""
        ...

    def fileno(self) -> int | None:
        """A descriptor that becomes readable when an answer may have come, or None."""
        ...

    def ready(self) -> bool:
        """Whether an answer has already arrived (read, so `fileno` will not show it)."""
        ...

    def close(self) -> None: ...


class DesktopNotifier:
    """org.freedesktop.Notifications on the session bus."""

    name = "desktop notification"

    def __init__(self, bus: Bus, app_name: str = "stretchtui") -> None:
        self.bus = bus
        self.app_name = app_name
        self.current: int = 0
        self.server = ""
        self._answers: list[Answer] = []
        self.bus.subscribe(f"type='signal',interface='{NOTIFICATIONS}',path='{NOTIFICATIONS_PATH}'")
        try:
            self.server = str(self._call("GetServerInformation")[0])
        except (CallFailed, IndexError, TypeError) as error:
            # No server on the bus (and none it can start): the fallbacks take over.
            raise BusUnavailable(f"no notification server ({error})") from error
        try:
            self.actions = "actions" in self._call("GetCapabilities")[0]
        except (CallFailed, IndexError, TypeError):
            self.actions = False

    def show(self, reminder: Reminder) -> bool:
        actions: list[str] = []
        if self.actions:
            if reminder.can_start:
                actions += ["start", "Start"]
            if reminder.can_snooze:
                actions += ["snooze", f"Snooze {reminder.snooze_minutes} min"]
            actions += ["skip", "Skip"]
        body = reminder.body if self.actions else reminder.line
        hints = {
            "urgency": ("y", 1),
            "category": ("s", "x-stretchtui.reminder"),
            "desktop-entry": ("s", "stretchtui"),
        }
        try:
            (notification_id,) = self._call(
                "Notify",
                "susssasa{sv}i",
                (self.app_name, self.current, "", reminder.title, body, actions, hints, 0),
            )
        except (CallFailed, BusUnavailable, ValueError):
            return False
        self.current = int(notification_id)
        self._answers.clear()
        return True

    def withdraw(self) -> None:
        if not self.current:
            return
        try:
            self._call("CloseNotification", "u", (self.current,))
        except (CallFailed, BusUnavailable):
            return  # the server forgot it already, or is gone: either way it is not shown
        finally:
            self.current = 0

    def answers(self) -> list[Answer]:
        self._collect()
        answers, self._answers = self._answers, []
        return answers

    def _collect(self) -> None:
        """Turn the signals that came in into answers to the current notification; every
        other message is dropped, so the connection never stays readable for nothing."""
        try:
            signals = self.bus.pending()
        except BusUnavailable:
            signals = []
        for _path, interface, member, body in signals:
            if interface != NOTIFICATIONS or not body or body[0] != self.current:
                continue
            if member == "ActionInvoked" and len(body) > 1:
                try:
                    self._answers.append(Answer(str(body[1])))
                except ValueError:
                    continue  # "default" (a click on the body) or an action we never offered
                self.current = 0
            elif member == "NotificationClosed" and len(body) > 1 and body[1] == 2:
                # Closed by the person (reason 2), not expired: a dismissal is a skip.
                self._answers.append(Answer.SKIP)
                self.current = 0

    def inhibited(self) -> bool:
        """KDE (and servers following it) expose `Inhibited`; GNOME keeps do-not-disturb in
        the show-banners setting."""
        # Servers without the property answer with an error: that says nothing about quiet.
        with contextlib.suppress(CallFailed, BusUnavailable, IndexError, TypeError):
            if self.bus.property(NOTIFICATIONS, NOTIFICATIONS_PATH, NOTIFICATIONS, "Inhibited"):
                return True
        if self.server.lower().startswith("gnome"):
            return _gnome_banners_off()
        return False

    def fileno(self) -> int | None:
        return self.bus.fileno()  # None once the session bus is gone

    def ready(self) -> bool:
        self._collect()
        return bool(self._answers)

    def close(self) -> None:
        self.withdraw()
        self.bus.close()

    def _call(
        self, member: str, signature: str | None = None, body: tuple[object, ...] = ()
    ) -> tuple[Any, ...]:
        return self.bus.call(
            NOTIFICATIONS, NOTIFICATIONS_PATH, NOTIFICATIONS, member, signature, body
        )


def _gnome_banners_off() -> bool:
    gsettings = shutil.which("gsettings")
    if gsettings is None:
        return False
    try:
        result = subprocess.run(
            [gsettings, "get", "org.gnome.desktop.notifications", "show-banners"],
            capture_output=True,
            text=True,
            timeout=TMUX_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return result.stdout.strip() == "false"


class TmuxMessageNotifier:
    """A message in the status line of the tmux client used last (`display-message`)."""

    name = "tmux message"

    def __init__(self, tmux: Tmux) -> None:
        self.tmux = tmux

    def show(self, reminder: Reminder) -> bool:
        client = self.tmux.active_client()
        if client is None:
            return False  # nobody is attached: the next notifier says it
        # -d: shown for 15 s; the text goes through a format, so # is doubled.
        text = reminder.line.replace("#", "##")
        return self.tmux.run(["display-message", "-c", client, "-d", "15000", text])

    def withdraw(self) -> None:
        return None

    def answers(self) -> list[Answer]:
        return []

    def inhibited(self) -> bool:
        return False

    def fileno(self) -> int | None:
        return None

    def ready(self) -> bool:
        return False

    def close(self) -> None:
        return None


class TerminalNotifier:
    """One line on the terminal `remind` runs in, with the bell only if config allows it."""

    name = "terminal line"

    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out or sys.stdout

    def show(self, reminder: Reminder) -> bool:
        try:
            self.out.write(("\a" if reminder.bell else "") + reminder.line + "\n")
            self.out.flush()
        except (OSError, ValueError):
            return False
        return True

    def withdraw(self) -> None:
        return None

    def answers(self) -> list[Answer]:
        return []

    def inhibited(self) -> bool:
        return False

    def fileno(self) -> int | None:
        return None

    def ready(self) -> bool:
        return False

    def close(self) -> None:
        return None
