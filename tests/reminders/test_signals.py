"""`remind` ends within 2 s of SIGINT, SIGTERM or SIGHUP, whatever it is waiting for."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stretchtui.reminders.notifier import Reminder, TerminalNotifier

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_remind_ends_within_two_seconds(number: int, tmp_path: Path) -> None:
    env = dict(os.environ)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env.update(XDG_RUNTIME_DIR=str(tmp_path), PATH=os.path.dirname(sys.executable))
    process = subprocess.Popen(
        [sys.executable, "-m", "stretchtui", "remind"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 20
        assert process.stderr is not None
        while "Start opens" not in process.stderr.readline():  # asleep in its loop now
            assert time.monotonic() < deadline and process.poll() is None
        started = time.monotonic()
        process.send_signal(number)
        assert process.wait(timeout=5) == 0
        assert time.monotonic() - started < 2.0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_terminal_line_rings_the_bell_only_when_allowed(tmp_path: Path) -> None:
    for bell in (False, True):
        reminder = Reminder(
            "desk-midday",
            "Mid [b]day\x1b[2J",
            38,
            "stretchtui run desk-midday",
            True,
            10,
            False,
            bell,
        )
        out = tmp_path / f"out-{bell}"
        with out.open("w") as handle:
            assert TerminalNotifier(handle).show(reminder)
        expected = "time to stretch: Mid [b]day\\x1b[2J — run: stretchtui run desk-midday\n"
        assert out.read_text() == ("\a" if bell else "") + expected
