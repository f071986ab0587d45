"""Leaving the TUI in the middle of a session never leaves its record open."""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from stretchtui.history import HistoryStore
from stretchtui.records import SessionStatus
from stretchtui.tui.app import StretchApp
from stretchtui.tui.screens.summary import SummaryScreen

AppFactory = Callable[..., StretchApp]


async def test_ctrl_c_ends_the_session_at_once_with_its_summary(
    make_app: AppFactory, store: HistoryStore
) -> None:
    app = make_app("desk-midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        store.flush()
        assert [row.status for row in store.sessions()] == [SessionStatus.ENDED_EARLY.value]


def read_until(fd: int, marker: bytes, seconds: float) -> bytes:
    """Read the terminal's output until `marker` shows up (the app is drawing)."""
    seen = b""
    deadline = time.monotonic() + seconds
    while marker not in seen:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"{marker!r} never appeared; got {seen[-400:]!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM])
def test_a_closed_terminal_or_kill_records_the_session_as_ended_early(
    isolated_dirs: dict[str, Path], signum: int
) -> None:
    (isolated_dirs["config"] / "config.yaml").write_text("sound: off\n")
    leader, follower = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    process = subprocess.Popen(
        [sys.executable, "-m", "stretchtui", "run", "desk-evening"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        start_new_session=True,
    )
    os.close(follower)
    try:
        read_until(leader, b"GET READY", 20)
        process.send_signal(signum)
        code = process.wait(timeout=20)
        output = b""
        while select.select([leader], [], [], 0.2)[0]:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
    finally:
        if process.poll() is None:
            process.kill()
        os.close(leader)
    assert code == 128 + signum
    assert b"Traceback" not in output
    listing = subprocess.run(
        [sys.executable, "-m", "stretchtui", "history", "--format", "json"],
        capture_output=True,
        text=True,
        env=os.environ,
        check=True,
    )
    sessions = json.loads(listing.stdout)
    assert [session["status"] for session in sessions] == ["ended_early"]
