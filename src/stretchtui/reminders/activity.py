"""Whether the person is at the machine: idle time, screen lock and suspend, where known.

Sources, each optional: logind on the system bus (PrepareForSleep, and Lock /
Unlock of the person's own sessions), GNOME's IdleMonitor or
org.freedesktop.ScreenSaver on the session bus for idle time. Where none
exists (SSH, headless) the person counts as present all through work hours;
a suspend is then still seen as a jump of the wall clock (see runner.py).
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import datetime, timedelta

from stretchtui.reminders.dbus import Bus, BusUnavailable, CallFailed

LOGIN1 = "org.freedesktop.login1"
MANAGER = "org.freedesktop.login1.Manager"
SESSION = "org.freedesktop.login1.Session"
MUTTER_IDLE = ("org.gnome.Mutter.IdleMonitor", "/org/gnome/Mutter/IdleMonitor/Core")
SCREENSAVER = "org.freedesktop.ScreenSaver"


@dataclass(frozen=True)
class Presence:
    away_since: datetime | None  # idle or locked since then; None: at the machine (or unknown)
    slept_from: datetime | None  # the machine suspended at this moment and has woken since


class Activity:
    def __init__(self, session: Bus | None, system: Bus | None, uid: int | None = None) -> None:
        self.session = session
        self.system = system
        self.uid = os.getuid() if uid is None else uid
        self.locked_since: datetime | None = None
        self.sleeping_since: datetime | None = None
        self.screensaver_since: datetime | None = None
        self._my_sessions: set[str] = set()
        self.idle_source = self._find_idle_source()
        if system is not None:
            try:
                system.subscribe(
                    f"type='signal',sender='{LOGIN1}',interface='{MANAGER}',member='PrepareForSleep'"
                )
                system.subscribe(f"type='signal',sender='{LOGIN1}',interface='{SESSION}'")
                self._refresh_sessions()
            except (BusUnavailable, CallFailed):
                self.system = None

    @property
    def sources(self) -> list[str]:
        names = []
        if self.system is not None:
            names.append("logind sleep and lock signals")
        if self.idle_source is not None:
            names.append(f"idle time from {self.idle_source}")
        return names

    def fileno(self) -> int | None:
        return self.system.fileno() if self.system is not None else None

    def poll(self, now: datetime) -> Presence:
        slept_from = self._read_logind(now)
        idle_since = self._idle_since(now)
        if self.session is not None:
            with contextlib.suppress(BusUnavailable):
                self.session.pending()  # nothing is subscribed here: drop what came anyway
        candidates = [moment for moment in (idle_since, self.locked_since) if moment is not None]
        return Presence(min(candidates) if candidates else None, slept_from)

    def close(self) -> None:
        if self.system is not None:
            self.system.close()

    # ------------------------------------------------------------ inside

    def _read_logind(self, now: datetime) -> datetime | None:
        if self.system is None:
            return None
        try:
            signals = self.system.pending()
        except BusUnavailable:
            self.system.close()
            self.system = None
            return None
        slept_from = None
        for path, interface, member, body in signals:
            if interface == MANAGER and member == "PrepareForSleep" and body:
                if body[0]:
                    self.sleeping_since = now
                else:
                    slept_from = self.sleeping_since or now
                    self.sleeping_since = None
            elif interface == SESSION and member in ("Lock", "Unlock"):
                if path not in self._my_sessions:
                    self._refresh_sessions()
                if path in self._my_sessions:
                    self.locked_since = (self.locked_since or now) if member == "Lock" else None
        return slept_from

    def _refresh_sessions(self) -> None:
        if self.system is None:
            return
        try:
            (sessions,) = self.system.call(
                LOGIN1, "/org/freedesktop/login1", MANAGER, "ListSessions"
            )
        except (BusUnavailable, CallFailed, ValueError):
            return
        self._my_sessions = {
            str(entry[4]) for entry in sessions if len(entry) > 4 and int(entry[1]) == self.uid
        }

    def _find_idle_source(self) -> str | None:
        for name in ("GNOME IdleMonitor", "org.freedesktop.ScreenSaver"):
            self.idle_source = name
            try:
                self._idle_seconds()
            except (BusUnavailable, CallFailed, ValueError, TypeError, IndexError):
                continue
            return name
        return None

    def _idle_seconds(self) -> float:
        bus = self.session
        if bus is None:
            raise BusUnavailable("no session bus")
        if self.idle_source == "GNOME IdleMonitor":
            name, path = MUTTER_IDLE
            (milliseconds,) = bus.call(name, path, name, "GetIdletime")
            return float(milliseconds) / 1000
        (active,) = bus.call(SCREENSAVER, "/org/freedesktop/ScreenSaver", SCREENSAVER, "GetActive")
        if active:
            return float("inf")
        (seconds,) = bus.call(
            SCREENSAVER, "/org/freedesktop/ScreenSaver", SCREENSAVER, "GetSessionIdleTime"
        )
        return float(seconds)

    def _idle_since(self, now: datetime) -> datetime | None:
        if self.idle_source is None:
            return None
        try:
            seconds = self._idle_seconds()
        except (BusUnavailable, CallFailed, ValueError, TypeError, IndexError):
            return None
        if seconds == float("inf"):
            self.screensaver_since = self.screensaver_since or now  # screensaver on: away
            return self.screensaver_since
        self.screensaver_since = None
        if seconds < 60:
            return None  # typing pauses are not breaks
        return now - timedelta(seconds=seconds)
