"""End to end on a real private D-Bus session bus: `stretchtui remind` notifies, the
notification server answers Start, and the session command is launched in a tmux popup
(a fake tmux on PATH records what it is asked to do)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from stretchtui.reminders.state import REMIND_FILE, state_file, write_state

from .notification_server import NotificationServer, PrivateBus

pytestmark = pytest.mark.e2e

FAKE_TMUX = """#!/bin/sh
printf '%s\\n' "$*" >> "$FAKE_TMUX_LOG"
case "$1" in
  list-clients) echo "1700000000 /dev/pts/42" ;;
esac
exit 0
"""


@pytest.fixture
def private_bus() -> Iterator[PrivateBus]:
    bus = PrivateBus()
    try:
        yield bus
    finally:
        bus.close()


def wait_for(condition: Callable[[], object], seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_notification_start_opens_the_session_in_a_tmux_popup(
    private_bus: PrivateBus, isolated_dirs: dict[str, Path], tmp_path: Path
) -> None:
    server = NotificationServer(private_bus.address, answer="start")
    thread = server.start()
    config, data = isolated_dirs["config"], isolated_dirs["data"]
    (config / "config.yaml").write_text(
        'reminders:\n  work_hours: "00:00-24:00"\n  days: mon-sun\n', encoding="utf-8"
    )
    # Fifty minutes of work were counted just now by an earlier run: a reminder is due at once.
    write_state(
        state_file(data, REMIND_FILE),
        {"work_seconds": 3000, "saved": datetime.now(UTC).isoformat(), "snoozes": 0},
    )
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    tmux = bin_dir / "tmux"
    tmux.write_text(FAKE_TMUX)
    tmux.chmod(0o755)
    tmux_log = tmp_path / "tmux.log"
    tmux_log.touch()
    env = dict(os.environ)
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
        FAKE_TMUX_LOG=str(tmux_log),
        DBUS_SESSION_BUS_ADDRESS=private_bus.address,
        DBUS_SYSTEM_BUS_ADDRESS=f"unix:path={tmp_path / 'no-system-bus'}",
    )
    env.pop("TMUX", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "stretchtui", "remind"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:

        def popup() -> list[str]:
            lines = tmux_log.read_text().splitlines()
            return [line for line in lines if line.startswith("display-popup")]

        if not wait_for(popup):
            process.kill()
            raise AssertionError(
                f"no popup; tmux: {tmux_log.read_text()!r}; {process.communicate()}"
            )
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=5)
        assert time.monotonic() - started < 2.0, "SIGTERM ends remind within 2 s"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        server.stop.set()
        thread.join(5)
    out, err = process.communicate()
    assert process.returncode == 0, err

    (notify,) = server.notify_calls
    app_name, replaces, _icon, summary, body, actions, hints, timeout = notify
    assert app_name == "stretchtui" and replaces == 0 and summary == "Time to stretch"
    routine_id = next(line for line in err.splitlines() if "reminded (" in line).split(": ")[-1]
    assert routine_id.startswith("desk-")
    assert actions[0::2] == ["start", "snooze", "skip"]
    assert actions[1::2] == ["Start", "Snooze 10 min", "Skip"]
    assert hints["urgency"] == ("y", 1)
    assert timeout == 0
    (command,) = popup()
    assert command.startswith("display-popup -c /dev/pts/42 -E ")
    assert f" run {routine_id} --config-dir {config} --data-dir {data}" in command
    assert "start: " + routine_id in err
    print("\nD-Bus transcript (the notification server's view):")
    for line in server.transcript:
        print("  " + line)
    print("tmux was asked:")
    for line in tmux_log.read_text().splitlines():
        print("  tmux " + line)
