"""Nothing hangs: Ctrl+C, SIGINT, SIGTERM and SIGHUP end the app within 2 s in every state.

Each test runs the real program in a pseudo-terminal, brings it to one state, stops
it, and times how long it takes to go. Real processes on a real clock (end-to-end).
"""

from __future__ import annotations

import contextlib
import json
import os
import pty
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

STOP_WITHIN = 2.0
CTRL_C = "ctrl+c"  # the key, typed into the terminal (Textual reads it; no signal is sent)


@dataclass
class Running:
    process: subprocess.Popen[bytes]
    leader: int
    seen: bytes = b""

    def wait_for(self, marker: bytes, seconds: float = 30.0) -> None:
        """Read the terminal until `marker` has been drawn since the last wait."""
        deadline = time.monotonic() + seconds
        start = len(self.seen)
        while marker not in self.seen[start:]:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{marker!r} never appeared; got {self.seen[-600:]!r}")
            if select.select([self.leader], [], [], left)[0]:
                try:
                    chunk = os.read(self.leader, 65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    raise AssertionError(f"the program left before {marker!r}")
                self.seen += chunk

    def type(self, keys: str) -> None:
        os.write(self.leader, keys.encode())

    def stop(self, how: str | int) -> float:
        """Send the stop; returns the seconds until the process was gone."""
        sent = time.monotonic()
        if how == CTRL_C:
            self.type("\x03")
        else:
            assert isinstance(how, int)
            self.process.send_signal(how)
        # Keep reading, so a full terminal never blocks the program on its way out.
        while self.process.poll() is None and time.monotonic() - sent < 10:
            if select.select([self.leader], [], [], 0.05)[0]:
                with contextlib.suppress(OSError):
                    self.seen += os.read(self.leader, 65536)
        gone = time.monotonic() - sent
        self.drain()
        return gone

    def drain(self) -> None:
        while select.select([self.leader], [], [], 0.2)[0]:
            try:
                chunk = os.read(self.leader, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.seen += chunk


Launch = Callable[..., Running]


@pytest.fixture
def launch(isolated_dirs: dict[str, Path]) -> Iterator[Launch]:
    (isolated_dirs["config"] / "config.yaml").write_text("sound: off\n")
    started: list[Running] = []

    def run(*args: str) -> Running:
        leader, follower = pty.openpty()
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
        process = subprocess.Popen(
            [sys.executable, "-m", "stretchtui", *args],
            stdin=follower,
            stdout=follower,
            stderr=follower,
            env=env,
            start_new_session=True,
        )
        os.close(follower)
        running = Running(process, leader)
        started.append(running)
        return running

    yield run
    for running in started:
        if running.process.poll() is None:
            running.process.kill()
            running.process.wait()
        os.close(running.leader)


def statuses() -> list[str]:
    listing = subprocess.run(
        [sys.executable, "-m", "stretchtui", "history", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return [session["status"] for session in json.loads(listing.stdout)]


def assert_stopped(running: Running, gone: float, code: int) -> None:
    assert gone < STOP_WITHIN, f"took {gone:.2f} s to stop"
    assert running.process.returncode == code
    assert b"Traceback" not in running.seen


# ------------------------------------------------------------------ the full-screen app

TUI_STATES = ["menu", "get ready", "hold", "paused", "end question", "keys", "summary"]


def bring_tui_to(launch: Launch, state: str) -> Running:
    if state == "menu":
        app = launch()
        app.wait_for(b"pick a routine")
        return app
    app = launch("run", "desk-evening")
    app.wait_for(b"GET READY")
    if state == "hold":
        app.type("n")
        app.wait_for(b"HOLD")
    elif state == "paused":
        app.type(" ")
        app.wait_for(b"PAUSED")
    elif state == "end question":
        app.type("q")
        app.wait_for(b"End this session now?")
    elif state == "keys":
        app.type("?")
        app.wait_for(b"this list")
    elif state == "summary":
        app.type("\x03")
        app.wait_for(b"Session ended early")
    return app


@pytest.mark.parametrize("state", TUI_STATES)
@pytest.mark.parametrize(
    ("how", "code"),
    [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)],
    ids=["SIGTERM", "SIGHUP", "SIGINT"],
)
def test_a_signal_ends_the_app_within_two_seconds_in_every_state(
    launch: Launch, state: str, how: int, code: int
) -> None:
    app = bring_tui_to(launch, state)
    assert_stopped(app, app.stop(how), code)
    if state != "menu":
        assert statuses() == ["ended_early"]


@pytest.mark.parametrize("state", ["menu", "end question", "keys", "summary"])
def test_ctrl_c_quits_the_app_at_once_outside_a_running_session(launch: Launch, state: str) -> None:
    app = bring_tui_to(launch, state)
    assert_stopped(app, app.stop(CTRL_C), 130)
    if state != "menu":
        assert statuses() == ["ended_early"]


@pytest.mark.parametrize("state", ["get ready", "hold", "paused"])
def test_ctrl_c_in_a_session_ends_it_at_once_and_shows_its_summary(
    launch: Launch, state: str
) -> None:
    app = bring_tui_to(launch, state)
    app.type("\x03")
    app.wait_for(b"Session ended early", seconds=STOP_WITHIN)
    assert statuses() == ["ended_early"]
    assert_stopped(app, app.stop(CTRL_C), 130)


# ------------------------------------------------------------------ plain mode

PLAIN_STATES = ["get ready", "hold", "paused"]


def bring_plain_to(launch: Launch, state: str) -> Running:
    plain = launch("run", "desk-evening", "--plain")
    plain.wait_for(b"Get ready:")
    if state == "hold":
        plain.type("n")
        plain.wait_for(b"Hold Child")
    elif state == "paused":
        plain.type(" ")
        plain.wait_for(b"Paused. Press space")
    return plain


@pytest.mark.parametrize("state", PLAIN_STATES)
@pytest.mark.parametrize(
    ("how", "code"),
    [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)],
    ids=["SIGTERM", "SIGHUP", "SIGINT"],
)
def test_a_signal_ends_plain_mode_within_two_seconds_with_its_summary(
    launch: Launch, state: str, how: int, code: int
) -> None:
    plain = bring_plain_to(launch, state)
    assert_stopped(plain, plain.stop(how), code)
    if how != signal.SIGHUP:  # after a hang-up nobody reads the terminal
        assert b"Status: ended_early" in plain.seen
    assert statuses() == ["ended_early"]
