"""Without a notification service, in a real tmux: a message to the attached client, or one
line on the terminal `remind` runs in when nobody is attached."""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from e2e.tmux import Terminal, stretchtui_command
from stretchtui.reminders.state import REMIND_FILE, state_file, write_state

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        shutil.which("tmux") is None,
        reason="tmux is not installed (scripts/setup installs it for the end-to-end tests)",
    ),
]


def ended(pid: int) -> bool:
    """Gone, or a zombie (it has exited; tmux is sometimes slow to reap its pane's process)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "\nState:\tZ" in status


@pytest.fixture
def headless_env(isolated_dirs: dict[str, Path], tmp_path: Path) -> dict[str, str]:
    """No session bus, no system bus, no desktop; config with work hours all week; a
    reminder due at once (fifty minutes of work counted just now by an earlier run)."""
    (isolated_dirs["config"] / "config.yaml").write_text(
        'reminders:\n  work_hours: "00:00-24:00"\n  days: mon-sun\n  bell: false\n',
        encoding="utf-8",
    )
    write_state(
        state_file(isolated_dirs["data"], REMIND_FILE),
        {"work_seconds": 3000, "saved": datetime.now(UTC).isoformat()},
    )
    env = dict(os.environ)
    for name in ("DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY", "TMUX"):
        env.pop(name, None)
    env["XDG_RUNTIME_DIR"] = str(tmp_path)
    env["DBUS_SYSTEM_BUS_ADDRESS"] = f"unix:path={tmp_path / 'no-system-bus'}"
    return env


@pytest.fixture
def inner(headless_env: dict[str, str]) -> Iterator[Terminal]:
    with Terminal(100, 12, env=headless_env, label="remind-inner") as terminal:
        yield terminal


def test_without_notifications_or_clients_one_line_on_remind_terminal(inner: Terminal) -> None:
    pid = inner.start([*stretchtui_command(), "remind"])
    shown = inner.wait_for("time to stretch:", timeout=20)
    line = next(row for row in shown.splitlines() if "time to stretch:" in row)
    assert re.search(r" — run: \S*stretchtui run desk-", line)
    inner.press("C-c")
    deadline = time.monotonic() + 2
    while not ended(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ended(pid), "Ctrl+C ends remind within 2 s"
    assert "Traceback" not in inner.screen()


def test_inside_tmux_the_reminder_is_a_message_to_the_attached_client(
    inner: Terminal, headless_env: dict[str, str]
) -> None:
    inner.start(["sh"])
    with Terminal(100, 14, env=headless_env, label="remind-outer") as outer:
        # A person's terminal attached to the inner server: the client the message goes to.
        outer.start(["tmux", "-S", str(inner.socket_path), "attach", "-t", "main"])
        outer.wait_until(lambda _: bool(inner.tmux("list-clients")), 10, "a client to attach")
        command = " ".join(stretchtui_command())
        inner.press(f"exec {command} remind 2>/dev/null", "Enter")
        shown = outer.wait_for("time to stretch:", timeout=20)
        assert re.search(r" — run: \S*stretchtui run desk-", shown)
    assert "time to stretch:" not in inner.screen(), "the message, not a line in the pane"
