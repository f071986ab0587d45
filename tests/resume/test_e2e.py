"""As a person would: a session's terminal closes mid-stretch, the menu offers it, it goes on."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from e2e.tmux import Terminal, stretchtui_command

from .test_cli import QUICK

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        shutil.which("tmux") is None,
        reason="tmux is not installed (scripts/setup installs it for the end-to-end tests)",
    ),
]


def statuses(history: Path) -> list[str]:
    db = sqlite3.connect(f"{history.as_uri()}?mode=ro", uri=True, timeout=5)
    try:
        return [row[0] for row in db.execute("SELECT status FROM sessions")]
    except sqlite3.OperationalError:
        return []
    finally:
        db.close()


@pytest.fixture
def request_cleanup() -> Iterator[Callable[[int], None]]:
    """Kill (by id) any process handed over that is still running when the test ends."""
    pids: list[int] = []
    yield pids.append
    for pid in pids:
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue  # gone, as it should be
        if b"stretchtui" in command:  # still ours, not an id reused since
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=["80x24", "40x12"])
def test_a_closed_terminal_is_offered_in_the_menu_and_goes_on(
    isolated_dirs: dict[str, Path],
    size: tuple[int, int],
    request_cleanup: Callable[[int], None],
) -> None:
    routines = isolated_dirs["config"] / "routines"
    routines.mkdir()
    (routines / "quick.yaml").write_text(QUICK, encoding="utf-8")
    (isolated_dirs["config"] / "config.yaml").write_text("sound: off\n", encoding="utf-8")
    history = isolated_dirs["data"] / "history.sqlite3"
    env = dict(os.environ)

    with Terminal(*size, env=env, label="resume") as first:
        app_pid = first.start([*stretchtui_command(), "run", "quick"])
        first.wait_until(
            lambda shown: "Bridge" in shown and "Reach" not in shown, 20, "the second stretch"
        )
    # Whatever happens to the app after the hang-up, no test leaves it behind.
    request_cleanup(app_pid)
    # Closing the terminal hangs up on the app, which ends the session and keeps it.
    deadline = time.monotonic() + 10
    while statuses(history) != ["ended_early"] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert statuses(history) == ["ended_early"]

    with Terminal(*size, env=env, label="resume") as second:
        second.start(stretchtui_command(), record_exit=True)
        shown = second.wait_for("stretch 2 of 3 · stopped just now", timeout=20)
        assert "↻ Resume Quick test" in shown
        if size == (40, 12):
            assert "Goes on with Bridge" in second.wait_for("Goes on with")
        second.press("Enter")
        second.wait_for("GET READY", timeout=10)
        assert "Bridge" in second.screen()
        second.wait_for("Session complete", timeout=30)
        second.wait_for("Done", timeout=5)
        time.sleep(1.2)  # the summary ignores keys for its first second
        second.press("Escape")
        # Back in the menu, nothing is offered any more (list and footer).
        second.wait_until(
            lambda shown: "Levels" in shown and "Resume" not in shown, 10, "the menu, no offer"
        )
        second.press("q")
        assert second.wait_for_exit() == 0

    listed = subprocess.run(
        [sys.executable, "-m", "stretchtui", "history", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    [record] = json.loads(listed.stdout)
    assert record["status"] == "completed"
