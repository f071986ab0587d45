"""`stretchtui remind`: wire the runner to the real world and run it until told to stop."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from stretchtui.reminders.state import REMIND_FILE, SESSIONS_FILE, modified, state_file

if TYPE_CHECKING:
    from stretchtui.paths import AppPaths
    from stretchtui.reminder_settings import ReminderSettings
    from stretchtui.reminders.runner import Environment, RoutineInfo

SERVICE_NAME = "stretchtui-remind.service"


class Stop(Exception):
    """SIGTERM, SIGINT or SIGHUP: leave the loop now."""


@contextmanager
def stop_on_signals() -> Iterator[None]:
    def handler(number: int, frame: FrameType | None) -> None:
        raise Stop(number)

    signals = [signal.SIGTERM, signal.SIGINT, signal.SIGHUP]
    previous = {number: signal.signal(number, handler) for number in signals}
    try:
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, old)


def _log(message: str) -> None:
    from stretchtui.textsafe import visible

    stamp = datetime.now().strftime("%H:%M")
    print(f"{stamp} {visible(message)}", file=sys.stderr, flush=True)


def base_command() -> list[str]:
    """argv that starts this same stretchtui from anywhere (a tmux popup, a systemd unit)."""
    script = os.path.abspath(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    if os.path.basename(script) == "stretchtui" and os.access(script, os.X_OK):
        return [script]  # the executable we were started as
    executable = shutil.which("stretchtui")
    return [executable] if executable else [sys.executable, "-m", "stretchtui"]


def build_environment(paths: AppPaths) -> Environment:
    from stretchtui.clock import monotonic_clock, wall_clock
    from stretchtui.config import load_settings
    from stretchtui.history import open_store
    from stretchtui.history.reminder_log import ReminderLog
    from stretchtui.reminders.activity import Activity
    from stretchtui.reminders.dbus import open_bus, session_bus_address, system_bus_address
    from stretchtui.reminders.launcher import ChoosingLauncher, TerminalLauncher, TmuxLauncher
    from stretchtui.reminders.notifier import (
        DesktopNotifier,
        Notifier,
        TerminalNotifier,
        TmuxMessageNotifier,
    )
    from stretchtui.reminders.runner import Environment
    from stretchtui.reminders.tmux import Tmux

    prefix = base_command()
    # What the person types: plain `stretchtui` when that is on their PATH.
    typed = ["stretchtui"] if shutil.which("stretchtui") else prefix
    folders = ["--config-dir", str(paths.config_dir), "--data-dir", str(paths.data_dir)]

    def settings() -> ReminderSettings:
        loaded = load_settings(paths.config_file)
        for warning in loaded.warnings:
            _log(warning)
        return loaded.settings.reminders

    notifiers: list[Notifier] = []
    session_bus = open_bus(session_bus_address())
    if session_bus is not None:
        try:
            notifiers.append(DesktopNotifier(session_bus))
        except Exception as error:  # noqa: BLE001 - any failure here means: no desktop notifier
            _log(f"no desktop notifications ({error}); using the fallbacks")
    tmux = Tmux()
    if tmux.executable is not None:
        notifiers.append(TmuxMessageNotifier(tmux))
    notifiers.append(TerminalNotifier(sys.stdout))
    launcher = ChoosingLauncher(TmuxLauncher(tmux), TerminalLauncher())

    activity_bus = open_bus(session_bus_address())
    presence = Activity(activity_bus, open_bus(system_bus_address()))

    store = open_store(paths.history_file)
    if store.warning:
        _log(store.warning)

    return Environment(
        wall=wall_clock,
        monotonic=monotonic_clock,
        load_settings=settings,
        settings_changed=lambda: modified(paths.config_file),
        routines=lambda: available_routines(paths),
        command=lambda routine_id: [*prefix, "run", routine_id, *folders],
        shown_command=lambda routine_id: shlex.join([*typed, "run", routine_id]),
        notifiers=notifiers,
        launcher=launcher,
        presence=presence,
        records=ReminderLog(store),
        remind_state=state_file(paths.data_dir, REMIND_FILE),
        sessions_state=state_file(paths.data_dir, SESSIONS_FILE),
        log=_log,
    )


def available_routines(paths: AppPaths) -> dict[str, RoutineInfo]:
    from stretchtui.catalog import load_catalog
    from stretchtui.paths import bundled_routines_dir
    from stretchtui.reminders.runner import RoutineInfo

    catalog = load_catalog(bundled_routines_dir(), paths.user_routines_dir, paths.cache_dir)
    return {
        entry.id: RoutineInfo(entry.id, entry.summary.name, entry.summary.total_seconds)
        for entry in catalog.entries
        if entry.summary is not None
    }


def remind(paths: AppPaths, once: bool) -> int:
    """Run the scheduler (until a signal) or, with `once`, decide once."""
    from stretchtui.reminders.notifier import DesktopNotifier
    from stretchtui.reminders.runner import Runner

    with stop_on_signals():
        try:
            env = build_environment(paths)
            if once:
                # Nobody stays to hear a button or open a session: the reminder names the
                # command instead.
                env.launcher = None
                for notifier in env.notifiers:
                    if isinstance(notifier, DesktopNotifier):
                        notifier.actions = False
            runner = Runner(env, once=once)
            if not once:
                names = ", ".join(n.name for n in env.notifiers)
                _log(f"reminding through: {names}")
                launcher = (
                    env.launcher.name if env.launcher else "none (the reminder names the command)"
                )
                _log(f"Start opens: {launcher}")
            decision = runner.step()
            if once:
                return 0
            while True:
                runner.wait(decision.next_check)
                decision = runner.step()
        except Stop:
            return 0


UNIT = """[Unit]
Description=stretchtui reminders: time to stretch, in your work hours
After=graphical-session.target

[Service]
ExecStart={command}
Restart=on-failure
RestartSec=30

[Install]
WantedBy=default.target
"""


def systemd_running() -> bool:
    """Whether this machine was booted with systemd (so user services can be installed)."""
    return shutil.which("systemctl") is not None and Path("/run/systemd/system").is_dir()


def install(paths: AppPaths, error: Callable[[str], None]) -> int:
    """Write the systemd user unit and say how to start it (or how to run remind without it)."""
    prefix = base_command()
    command = shlex.join(
        [
            *prefix,
            "remind",
            "--config-dir",
            str(paths.config_dir),
            "--data-dir",
            str(paths.data_dir),
        ]
    )
    if not systemd_running():
        print("This system does not run systemd, so there is no user service to install.")
        print("Run reminders in a terminal or tmux window that stays open:")
        print(f"  {command}")
        print("or start them from your desktop's autostart or your shell's login file.")
        return 0
    config_home = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    unit_dir = Path(config_home) / "systemd" / "user"
    unit_file = unit_dir / SERVICE_NAME
    try:
        unit_dir.mkdir(parents=True, exist_ok=True)
        unit_file.write_text(UNIT.format(command=command.replace("%", "%%")), encoding="utf-8")
    except OSError as problem:
        error(f"cannot write {unit_file} ({problem.strerror})")
        return 1
    print(f"Wrote {unit_file}")
    print("Start it now and at every login with:")
    print(f"  systemctl --user enable --now {SERVICE_NAME}")
    print("(after editing the unit: systemctl --user daemon-reload)")
    return 0
