"""The stage in a real terminal: the countdown's height in rows, read back from capture-pane."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from .big_letters import solid_text, tallest_block_run
from .test_tmux import countdown
from .tmux import SESSION, Terminal, stretchtui_command

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        shutil.which("tmux") is None,
        reason="tmux is not installed (scripts/setup installs it for the end-to-end tests)",
    ),
]


@pytest.fixture
def quiet(isolated_dirs: dict[str, Path]) -> None:
    (isolated_dirs["config"] / "config.yaml").write_text("sound: off\n")


def solid_screen(terminal: Terminal) -> str:
    """The screen as it looks: reversed spaces are blocks."""
    return solid_text(terminal.tmux("capture-pane", "-p", "-e", "-t", SESSION))


def wait_solid(terminal: Terminal, rows: int, timeout: float, what: str) -> str:
    deadline = time.monotonic() + timeout
    while True:
        shown = solid_screen(terminal)
        if tallest_block_run(shown) >= rows:
            return shown
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:g}s for {what}; the screen shows:\n{shown}")
        time.sleep(0.05)


def start_hold(width: int, height: int) -> Terminal:
    """`stretchtui run desk-midday` in a terminal of this size, skipped on to its first hold."""
    terminal = Terminal(width, height, os.environ, label="stage")
    terminal.start([*stretchtui_command(), "run", "desk-midday"])
    terminal.wait_for("Standing Torso Twist", timeout=15)
    terminal.press("n")
    terminal.wait_for("Hold still", timeout=5)
    return terminal


def test_the_countdown_is_three_rows_at_80x24(quiet: None) -> None:
    terminal = start_hold(80, 24)
    try:
        shown = terminal.wait_until(lambda s: countdown(s) is not None, 5, "the countdown")
        # Textual's three-row digits, read back glyph by glyph; nothing drawn in blocks.
        assert countdown(shown) in {"0:15", "0:14", "0:13"}
        assert tallest_block_run(solid_screen(terminal)) == 0
        assert "HOLD" in shown.split()  # the stage word stays a line on a small stage
    finally:
        terminal.close()


@pytest.mark.parametrize(("width", "height", "least"), [(120, 40, 7), (200, 60, 11)])
def test_the_countdown_grows_with_the_terminal(
    quiet: None, width: int, height: int, least: int
) -> None:
    terminal = start_hold(width, height)
    try:
        shown = wait_solid(terminal, least, 5, f"a countdown {least} rows tall")
        assert tallest_block_run(shown) <= height // 2
        terminal.press("space")
        terminal.wait_for("PAUSED ·", timeout=3)
        # PAUSED in blocks where the digits were: as tall as the room beside the side allows.
        wait_solid(terminal, least, 3, "a large PAUSED")
    finally:
        terminal.close()
